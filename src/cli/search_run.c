#include "search_run.h"

#include <stdlib.h>
#include <string.h>

#include "../search/query.h"
#include "../store/store.h"
#include "options.h"

/* A date bound as the store compares it (YYYY-MM-DD): a year or a month
 * is widened to its first day (from) or its last (to). */
static int date_bound(const char *name, const char *in, int end, char out[11],
		      struct mr_err *err)
{
	size_t n = strlen(in), i;
	int ok = n == 4 || n == 7 || n == 10;

	for (i = 0; ok && i < n; i++)
		ok = (i == 4 || i == 7) ? in[i] == '-' : in[i] >= '0' && in[i] <= '9';
	if (ok && n >= 7)
		ok = (in[5] - '0') * 10 + (in[6] - '0') >= 1 && (in[5] - '0') * 10 + (in[6] - '0') <= 12;
	if (ok && n == 10)
		ok = (in[8] - '0') * 10 + (in[9] - '0') >= 1 && (in[8] - '0') * 10 + (in[9] - '0') <= 31;
	if (!ok)
		return mr_err_set(err, MR_E_INVALID,
				  "%s: not a date (YYYY, YYYY-MM or YYYY-MM-DD): %s", name, in);
	memcpy(out, in, n);
	/* "-31" is past the end of every month; the store compares strings */
	memcpy(out + n, end ? "-12-31" + (n - 4) : "-01-01" + (n - 4), 10 - n);
	out[10] = '\0';
	return 0;
}

int search_parse_count(const char *name, const char *text, size_t max, size_t *out,
		       struct mr_err *err)
{
	char *end;
	unsigned long long v;

	if (!text || !*text || *text == '-' || *text == '+')
		goto bad;
	v = strtoull(text, &end, 10);
	if (*end || v > max)
		goto bad;
	*out = (size_t)v;
	return 0;
bad:
	return mr_err_set(err, MR_E_INVALID, "%s: not a number from 0 to %zu: %s", name, max,
			  text ? text : "");
}

int search_run(struct mr_store *s, const struct mr_analyzer *a,
	       const struct search_options *o,
	       int (*fn)(const struct mr_search_hit *hit, void *ctx), void *ctx,
	       size_t *total, enum search_mode *mode, struct mr_err *err)
{
	struct mr_search_request r;
	struct mr_query_stats stats;
	struct buf match = BUF_INIT, rank_args = BUF_INIT;
	char from[11], to[11];
	int rc = -1;

	memset(&r, 0, sizeof(r));
	if (o->from && *o->from) {
		if (date_bound("from", o->from, 0, from, err) < 0)
			return -1;
		r.from = from;
	}
	if (o->to && *o->to) {
		if (date_bound("to", o->to, 1, to, err) < 0)
			return -1;
		r.to = to;
	}
	if (o->limit > SEARCH_MAX_LIMIT || o->offset > SEARCH_MAX_OFFSET)
		return mr_err_set(err, MR_E_INVALID, "at most %d results a page, from the first %d",
				  SEARCH_MAX_LIMIT, SEARCH_MAX_OFFSET);
	*mode = o->any ? SEARCH_ANY : SEARCH_ALL;
	if (mr_store_query_stats(s, a, &stats, err) < 0 ||
	    mr_query_parse_ranked(a, o->query, strlen(o->query),
				  o->any ? MR_QUERY_ANY : MR_QUERY_ALL, &stats, &match,
				  &rank_args, err) < 0)
		goto out;
	r.source = o->source;
	r.by_date = o->by_date;
	r.offset = o->offset;
	r.limit = o->limit;
	r.match = match.data;
	r.rank_args = rank_args.data;
	if (mr_store_search(s, &r, fn, ctx, total, err) < 0)
		goto out;
	if (!*total && !o->any) {
		/* nothing has every word: say what has some of them */
		if (mr_query_parse_ranked(a, o->query, strlen(o->query), MR_QUERY_ANY, &stats,
					  &match, &rank_args, err) < 0)
			goto out;
		r.match = match.data;
		r.rank_args = rank_args.data;
		if (mr_store_search(s, &r, fn, ctx, total, err) < 0)
			goto out;
		if (*total)
			*mode = SEARCH_ANY_FALLBACK;
	}
	rc = 0;
out:
	buf_release(&match);
	buf_release(&rank_args);
	return rc;
}

json_t *search_hit_json(const struct mr_search_hit *hit)
{
	struct buf plain = BUF_INIT;
	json_t *ranges = json_array(), *o;
	size_t chars = 0, start = 0;
	const char *p;

	for (p = hit->snippet; *p; p++) {
		if (*p == MR_MARK_OPEN) {
			start = chars;
		} else if (*p == MR_MARK_CLOSE) {
			json_array_append_new(ranges, json_pack("[I,I]", (json_int_t)start,
								(json_int_t)chars));
		} else {
			buf_addch(&plain, *p);
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		}
	}
	o = json_pack("{s:I,s:I,s:I,s:s,s:o,s:o,s:s%,s:o,s:f}",
		      "id", (json_int_t)hit->id, "group", (json_int_t)hit->group,
		      "copies", (json_int_t)hit->copies, "title", hit->title,
		      "source", json_string_or_null(hit->source),
		      "published", json_string_or_null(hit->published),
		      "snippet", plain.data ? plain.data : "", plain.len,
		      "highlights", ranges, "score", -hit->score);
	buf_release(&plain);
	return o;
}
