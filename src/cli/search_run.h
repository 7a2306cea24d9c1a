/*
 * search_run: a search as the front-ends ask for it (strings from a command
 * line or a URL), checked, parsed and run; and a result as JSON.  `marsad
 * search` and the HTTP API share it, so both accept and refuse the same.
 */
#ifndef MARSAD_SEARCH_RUN_H
#define MARSAD_SEARCH_RUN_H

#include <jansson.h>
#include <stddef.h>

#include "../store/store.h"
#include "../text/analyzer.h"

#define SEARCH_MAX_LIMIT 100
#define SEARCH_MAX_OFFSET 10000

struct search_options {
	const char *query;
	const char *from, *to;     /* YYYY, YYYY-MM or YYYY-MM-DD; may be NULL */
	const char *source;        /* may be NULL */
	int by_date;               /* newest first */
	int any;                   /* any of the words instead of all */
	size_t offset, limit;
};

/* How the words were combined: all of them, or any — asked for, or the
 * fallback when no document had them all. */
enum search_mode { SEARCH_ALL, SEARCH_ANY, SEARCH_ANY_FALLBACK };

/* Checks the options (MR_E_INVALID with a message a user can act on),
 * parses the query and runs it: fn gets each result of the page, *total
 * the number of results in all.  With all words asked and none found, the
 * search runs again with any of them (*mode says so). */
int search_run(struct mr_store *s, const struct mr_analyzer *a,
	       const struct search_options *o,
	       int (*fn)(const struct mr_search_hit *hit, void *ctx), void *ctx,
	       size_t *total, enum search_mode *mode, struct mr_err *err);

/* A result as JSON: its fields, and the snippet as plain text with the
 * matched words as [start, end) ranges in characters (code points). */
json_t *search_hit_json(const struct mr_search_hit *hit);

/* Parses a count option ("--limit", "page"): 0, or -1 with err set. */
int search_parse_count(const char *name, const char *text, size_t max, size_t *out,
		       struct mr_err *err);

#endif
