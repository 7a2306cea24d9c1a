/* The archive overview: counts per day and briefs of linked documents. */
#include "overview.h"

#include <stdlib.h>

#include "../util/xalloc.h"
#include "store_internal.h"

static const char *text_or_empty(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

int mr_store_each_day(struct mr_store *s,
		      int (*fn)(const char *day, int64_t docs, void *ctx),
		      void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	/* published is ISO 8601, with or without a time: its first ten
	 * characters are the day */
	if (sqlite3_prepare_v2(s->db,
			       "SELECT substr(published, 1, 10) AS day, count(*) FROM documents"
			       " WHERE published IS NOT NULL GROUP BY day ORDER BY day",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot count documents by day");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(text_or_empty(st, 0), sqlite3_column_int64(st, 1), ctx))
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(s, err, "cannot count documents by day");
	return 0;
}

int mr_store_each_brief(struct mr_store *s, const int64_t *ids, size_t n,
			int (*fn)(const struct mr_doc_brief *b, void *ctx),
			void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT kind, source, published, title FROM documents WHERE id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read documents");
	for (i = 0; i < n; i++) {
		struct mr_doc_brief b;

		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			b.id = ids[i];
			b.kind = text_or_empty(st, 0);
			b.source = text_or_empty(st, 1);
			b.published = text_or_empty(st, 2);
			b.title = text_or_empty(st, 3);
			if (fn(&b, ctx)) {
				rc = SQLITE_DONE;
				break;
			}
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, err, "cannot read documents");
	return 0;
}

struct mr_store_watch {
	struct mr_store *s;
	sqlite3_stmt *st;
};

int mr_store_watch_new(struct mr_store *s, struct mr_store_watch **out, struct mr_err *err)
{
	struct mr_store_watch *w = xcalloc(1, sizeof(*w));

	w->s = s;
	*out = NULL;
	if (sqlite3_prepare_v3(s->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
			       &w->st, NULL) != SQLITE_OK) {
		free(w);
		return store_db_error(s, err, "cannot read the data version");
	}
	*out = w;
	return 0;
}

int mr_store_watch_version(struct mr_store_watch *w, int64_t *out, struct mr_err *err)
{
	int rc = sqlite3_step(w->st);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(w->st, 0);
	sqlite3_reset(w->st);
	if (rc != SQLITE_ROW)
		return store_db_error(w->s, err, "cannot read the data version");
	return 0;
}

void mr_store_watch_free(struct mr_store_watch *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->st);
	free(w);
}

int mr_store_each_in_group(struct mr_store *s, int64_t group, int64_t except, size_t max,
			   void (*fn)(int64_t id, void *ctx), void *ctx, size_t *total,
			   struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*total = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT id FROM documents WHERE dup_group = ? AND id <> ? ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read a group of copies");
	sqlite3_bind_int64(st, 1, group);
	sqlite3_bind_int64(st, 2, except);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((*total)++ < max)
			fn(sqlite3_column_int64(st, 0), ctx);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, err, "cannot read a group of copies");
	return 0;
}
