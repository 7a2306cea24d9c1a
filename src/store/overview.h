/*
 * overview: the read-only questions the server asks of the archive that
 * the command line does not — how many documents each day, a line (title,
 * source, date) for the documents a page links to, and whether the archive
 * changed since it was last read.
 */
#ifndef MARSAD_OVERVIEW_H
#define MARSAD_OVERVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Calls fn, oldest day first, with each publication day (YYYY-MM-DD) that
 * has documents and their number; undated documents are not counted. */
int mr_store_each_day(struct mr_store *s,
		      int (*fn)(const char *day, int64_t docs, void *ctx),
		      void *ctx, struct mr_err *err);

/* What a link to a document shows; strings are "" when unknown and live
 * only during the call. */
struct mr_doc_brief {
	int64_t id;
	const char *kind, *source, *published, *title;
};

/* Calls fn with the brief of each of ids that is stored, in the order
 * given; ids not stored are passed over. */
int mr_store_each_brief(struct mr_store *s, const int64_t *ids, size_t n,
			int (*fn)(const struct mr_doc_brief *b, void *ctx),
			void *ctx, struct mr_err *err);

/* Calls fn, in id order, with the id of every member of a group of copies
 * (mr_stored.group) but one, and sets *total to their number; fn is
 * called for the first max of them only. */
int mr_store_each_in_group(struct mr_store *s, int64_t group, int64_t except, size_t max,
			   void (*fn)(int64_t id, void *ctx), void *ctx, size_t *total,
			   struct mr_err *err);

/* A watch on the archive: its data_version, which changes when another
 * connection commits, read through a statement prepared once.  s must
 * outlive the watch. */
struct mr_store_watch;
int mr_store_watch_new(struct mr_store *s, struct mr_store_watch **out, struct mr_err *err);
int mr_store_watch_version(struct mr_store_watch *w, int64_t *out, struct mr_err *err);
void mr_store_watch_free(struct mr_store_watch *w);

#endif
