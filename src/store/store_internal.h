/*
 * What the parts of the store share; not for use outside src/store.
 */
#ifndef MARSAD_STORE_INTERNAL_H
#define MARSAD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

enum stmt {
	ST_HAS, ST_ADD, ST_ADD_SPAN, ST_COUNT_LINE, ST_LINE_COUNT,
	ST_DEDUP_ADD, ST_LINK, ST_GROUP_OF, ST_REGROUP, ST_TEXT, ST_INDEX,
	ST_ADD_RUN, ST_RUN_KEY, ST_FIND_KEY, ST_COUNT
};

struct mr_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[ST_COUNT];
	char *path;
	struct mr_fts_stats *word_stats;   /* made at the first search */
};

/* Sets err from the connection's last error: "PATH: what: SQLite's words";
 * returns -1. */
int store_db_error(struct mr_store *s, struct mr_err *err, const char *what);
/* Runs SQL without results; -1 with err set on failure. */
int store_exec(struct mr_store *s, const char *sql, struct mr_err *err);

#endif
