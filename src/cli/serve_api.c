#include "serve_api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/overview.h"
#include "../text/utf8.h"
#include "../util/xalloc.h"
#include "options.h"
#include "search_run.h"

json_t *api_error_body(unsigned status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return json_pack("{s:{s:i,s:o}}", "error", "status", (int)status,
			 "message", json_utf8(msg));
}

/* Sets an error reply; returns -1 so that `return fail(...)` ends a route. */
__attribute__((format(printf, 3, 4)))
static int fail(struct api_reply *out, unsigned status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	out->status = status;
	out->body = api_error_body(status, "%s", msg);
	return -1;
}

/* The archive failed, not the request: the client learns no more than
 * that, the operator reads the details on stderr. */
static int archive_failed(struct api_reply *out, const struct mr_err *err)
{
	mr_err_print(stderr, NULL, err);
	return fail(out, 500, "the archive could not be read");
}

static int ok(struct api_reply *out, json_t *body)
{
	out->status = 200;
	out->body = body;
	return 0;
}

/* A parameter as a filter: NULL when absent or empty.  -1 when it is not
 * UTF-8, which no part of the archive can hold. */
static int text_param(const struct api_params *p, const char *name, const char **value,
		      struct api_reply *out)
{
	const char *v = p->get(p->ctx, name);

	*value = NULL;
	if (!v || !*v)
		return 0;
	if (!mr_utf8_validate(v, strlen(v), NULL))
		return fail(out, 400, "%s: not UTF-8 text", name);
	*value = v;
	return 0;
}

/* A whole number from lo to hi, or dflt when absent. */
static int count_param(const struct api_params *p, const char *name, size_t lo, size_t hi,
		       size_t dflt, size_t *value, struct api_reply *out)
{
	const char *v = p->get(p->ctx, name);
	size_t n = 0, i;

	*value = dflt;
	if (!v)
		return 0;
	for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 12; i++)
		n = n * 10 + (size_t)(v[i] - '0');
	/* the value is quoted: keep a long one from filling the message */
	if (!i || v[i] || n < lo || n > hi)
		return fail(out, 400, "%s: not a number from %zu to %zu: %.40s", name, lo, hi, v);
	*value = n;
	return 0;
}

static int flag_param(const struct api_params *p, const char *name, int *value,
		      struct api_reply *out)
{
	const char *v = p->get(p->ctx, name);

	*value = 0;
	if (!v || !*v || !strcmp(v, "0") || !strcmp(v, "false"))
		return 0;
	if (strcmp(v, "1") && strcmp(v, "true"))
		return fail(out, 400, "%s: 1 or 0, not %.40s", name, v);
	*value = 1;
	return 0;
}

static int add_hit(const struct mr_search_hit *hit, void *ctx)
{
	json_t *o = search_hit_json(hit);

	if (o)
		json_array_append_new(ctx, o);
	return 0;
}

/* Pages of a list, no further than the deepest offset allowed. */
static size_t pages_of(size_t total, size_t limit, size_t max_offset)
{
	size_t pages = (total + limit - 1) / limit;
	size_t reachable = max_offset / limit + 1;

	return pages < reachable ? pages : reachable;
}

static int api_search(struct mr_store *s, const struct mr_analyzer *a,
		      const struct api_params *p, struct api_reply *out)
{
	static const char *const modes[] = { "all", "any", "any-fallback" };
	struct search_options o;
	const char *sort;
	size_t page, total = 0;
	enum search_mode mode;
	struct mr_err err;
	json_t *results;

	memset(&o, 0, sizeof(o));
	if (text_param(p, "q", &o.query, out) < 0 || text_param(p, "from", &o.from, out) < 0 ||
	    text_param(p, "to", &o.to, out) < 0 || text_param(p, "source", &o.source, out) < 0 ||
	    text_param(p, "sort", &sort, out) < 0 || flag_param(p, "any", &o.any, out) < 0 ||
	    count_param(p, "limit", 1, SEARCH_MAX_LIMIT, 10, &o.limit, out) < 0 ||
	    count_param(p, "page", 1, SEARCH_MAX_OFFSET + 1, 1, &page, out) < 0)
		return -1;
	if (!o.query)
		return fail(out, 400, "no query: give the words to look for");
	if (sort && strcmp(sort, "rank") && strcmp(sort, "date"))
		return fail(out, 400, "sort: rank or date, not %.40s", sort);
	o.by_date = sort && !strcmp(sort, "date");
	o.offset = (page - 1) * o.limit;
	results = json_array();
	if (search_run(s, a, &o, add_hit, results, &total, &mode, &err) < 0) {
		json_decref(results);
		if (err.code == MR_E_INVALID || err.code == MR_E_LIMIT)
			return fail(out, 400, "%s", err.msg);
		return archive_failed(out, &err);
	}
	return ok(out, json_pack("{s:o,s:o,s:o,s:o,s:s,s:s,s:I,s:I,s:I,s:I,s:o}",
		"query", json_utf8(o.query),
		"from", json_string_or_null(o.from), "to", json_string_or_null(o.to),
		"source", json_string_or_null(o.source),
		"sort", o.by_date ? "date" : "rank", "mode", modes[mode],
		"total", (json_int_t)total, "page", (json_int_t)page,
		"pages", (json_int_t)pages_of(total, o.limit, SEARCH_MAX_OFFSET),
		"limit", (json_int_t)o.limit, "results", results));
}

/* ---- /api/doc/ID ---- */

struct briefs {
	json_t *list;
	const struct mr_stored *doc;   /* for the relation of each link */
};

static json_t *brief_json(const struct mr_doc_brief *b)
{
	return json_pack("{s:I,s:s,s:o,s:o,s:o}", "id", (json_int_t)b->id, "kind", b->kind,
			 "source", json_string_or_null(b->source),
			 "published", json_string_or_null(b->published),
			 "title", json_string_or_null(b->title));
}

static int add_brief(const struct mr_doc_brief *b, void *ctx)
{
	struct briefs *br = ctx;

	json_array_append_new(br->list, brief_json(b));
	return 0;
}

static int add_link(const struct mr_doc_brief *b, void *ctx)
{
	struct briefs *br = ctx;
	json_t *o = brief_json(b);
	size_t i;

	for (i = 0; o && i < br->doc->n_links; i++) {
		if (br->doc->links[i].other == b->id) {
			json_object_set_new(o, "relation", json_string(br->doc->links[i].relation));
			json_object_set_new(o, "similarity", json_real(br->doc->links[i].similarity));
			break;
		}
	}
	json_array_append_new(br->list, o);
	return 0;
}

/* Adds name (a list of briefs of ids, at most API_DOC_MAX_LINKS) and
 * name_total (total, which may be more) to o. */
static int add_briefs(struct mr_store *s, json_t *o, const char *name, const int64_t *ids,
		      size_t n, size_t total, const struct mr_stored *d,
		      int (*fn)(const struct mr_doc_brief *b, void *ctx), struct mr_err *err)
{
	struct briefs br = { json_array(), d };
	char total_name[64];

	if (mr_store_each_brief(s, ids, n < API_DOC_MAX_LINKS ? n : API_DOC_MAX_LINKS, fn, &br,
				err) < 0) {
		json_decref(br.list);
		return -1;
	}
	json_object_set_new(o, name, br.list);
	snprintf(total_name, sizeof(total_name), "%s_total", name);
	json_object_set_new(o, total_name, json_integer((json_int_t)total));
	return 0;
}

struct id_list {
	int64_t ids[API_DOC_MAX_LINKS];
	size_t n;
};

static void add_id(int64_t id, void *ctx)
{
	struct id_list *l = ctx;

	l->ids[l->n++] = id;
}

/* Every other member of its group, linked to it directly or through
 * another copy: what the page lists as the story in other outlets. */
static int add_copies(struct mr_store *s, json_t *o, const struct mr_stored *d,
		      struct mr_err *err)
{
	struct id_list *l = xcalloc(1, sizeof(*l));
	size_t total = 0;
	int rc = 0;

	if (d->group)
		rc = mr_store_each_in_group(s, d->group, d->id, API_DOC_MAX_LINKS, add_id, l,
					    &total, err);
	if (rc == 0)
		rc = add_briefs(s, o, "copies", l->ids, l->n, total, d, add_link, err);
	free(l);
	return rc;
}

static int api_doc(struct mr_store *s, const char *id_text, struct api_reply *out)
{
	struct mr_stored d;
	struct mr_err err;
	int64_t *ids = NULL;
	long long id = 0;
	json_t *o = NULL;
	size_t i;
	int found;

	for (i = 0; id_text[i] >= '0' && id_text[i] <= '9' && i < 18; i++)
		id = id * 10 + (id_text[i] - '0');
	if (!i || id_text[i] || id <= 0)
		return fail(out, 400, "'%.40s' is not a document id", id_text);
	found = mr_store_get(s, id, &d, &err);
	if (found < 0)
		return archive_failed(out, &err);
	if (!found)
		return fail(out, 404, "no document %lld", id);
	ids = calloc(d.n_links ? d.n_links : 1, sizeof(*ids));
	if (!ids) {
		mr_err_set(&err, MR_E_IO, "out of memory");
		goto failed;
	}
	for (i = 0; i < d.n_links; i++)
		ids[i] = d.links[i].other;
	o = stored_json(&d);
	if (add_briefs(s, o, "duplicates", ids, d.n_links, d.n_links, &d, add_link, &err) < 0 ||
	    add_copies(s, o, &d, &err) < 0 ||
	    add_briefs(s, o, "fragments", d.fragments, d.n_fragments, d.n_fragments, &d,
		       add_brief, &err) < 0)
		goto failed;
	if (d.page_id) {
		/* a fragment: the page it was cut from */
		json_t *page = json_object();

		if (add_briefs(s, page, "page", &d.page_id, 1, 1, &d, add_brief, &err) < 0) {
			json_decref(page);
			goto failed;
		}
		json_object_set(o, "page", json_array_size(json_object_get(page, "page"))
			       ? json_array_get(json_object_get(page, "page"), 0) : json_null());
		json_decref(page);
	}
	free(ids);
	mr_stored_release(&d);
	return ok(out, o);
failed:
	json_decref(o);
	free(ids);
	mr_stored_release(&d);
	return archive_failed(out, &err);
}

/* ---- /api/dups ---- */

struct dups_page {
	size_t skip, limit, groups;
	int64_t group;       /* the group of the last member seen */
	json_t *list, *members;
};

/* Members arrive group by group, each group's canonical document first;
 * groups outside the page are counted, not built. */
static int add_member(const struct mr_group_member *m, void *ctx)
{
	struct dups_page *dp = ctx;

	if (m->group != dp->group) {
		dp->group = m->group;
		dp->members = NULL;
		if (dp->groups >= dp->skip && dp->groups < dp->skip + dp->limit) {
			dp->members = json_array();
			json_array_append_new(dp->list, json_pack("{s:I,s:I,s:o}",
				"group", (json_int_t)m->group, "canonical", (json_int_t)m->id,
				"members", dp->members));
		}
		dp->groups++;
	}
	if (dp->members)
		json_array_append_new(dp->members, json_pack("{s:I,s:o,s:o,s:o,s:I,s:f}",
			"id", (json_int_t)m->id, "source", json_string_or_null(m->source),
			"published", json_string_or_null(m->published),
			"title", json_string_or_null(m->title),
			"text_bytes", (json_int_t)m->text_bytes, "similarity", m->similarity));
	return 0;
}

static int api_dups(struct mr_store *s, const struct api_params *p, struct api_reply *out)
{
	struct dups_page dp;
	struct mr_err err;
	size_t page;

	memset(&dp, 0, sizeof(dp));
	if (count_param(p, "limit", 1, SEARCH_MAX_LIMIT, API_DUPS_LIMIT, &dp.limit, out) < 0 ||
	    count_param(p, "page", 1, SEARCH_MAX_OFFSET + 1, 1, &page, out) < 0)
		return -1;
	dp.skip = (page - 1) * dp.limit;
	if (dp.skip > SEARCH_MAX_OFFSET)
		return fail(out, 400, "at most %d groups a page, from the first %d",
			    SEARCH_MAX_LIMIT, SEARCH_MAX_OFFSET);
	dp.list = json_array();
	if (mr_store_each_group(s, add_member, &dp, &err) < 0) {
		json_decref(dp.list);
		return archive_failed(out, &err);
	}
	return ok(out, json_pack("{s:I,s:I,s:I,s:I,s:o}", "total", (json_int_t)dp.groups,
		"page", (json_int_t)page,
		"pages", (json_int_t)pages_of(dp.groups, dp.limit, SEARCH_MAX_OFFSET),
		"limit", (json_int_t)dp.limit, "groups", dp.list));
}

/* ---- /api/sources and /api/stats ---- */

static int add_source(const char *source, int64_t docs, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:o,s:I}", "source", json_string_or_null(source),
					     "documents", (json_int_t)docs));
	return 0;
}

static int api_sources(struct mr_store *s, struct api_reply *out)
{
	json_t *list = json_array();
	struct mr_err err;

	if (mr_store_each_source(s, add_source, list, &err) < 0) {
		json_decref(list);
		return archive_failed(out, &err);
	}
	return ok(out, json_pack("{s:I,s:o}", "total", (json_int_t)json_array_size(list),
				 "sources", list));
}

static int add_day(const char *day, int64_t docs, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s,s:I}", "day", day, "documents",
					     (json_int_t)docs));
	return 0;
}

static int api_stats(struct mr_store *s, struct api_reply *out)
{
	json_t *days = json_array();
	struct mr_stats st;
	struct mr_err err;

	if (mr_store_stats(s, &st, &err) < 0 || mr_store_each_day(s, add_day, days, &err) < 0) {
		json_decref(days);
		return archive_failed(out, &err);
	}
	return ok(out, stats_json(&st, "per_day", days));
}

void api_answer(struct mr_store *s, const struct mr_analyzer *a, const char *route,
		const struct api_params *p, struct api_reply *out)
{
	out->status = 500;
	out->body = NULL;
	if (!strcmp(route, "search"))
		api_search(s, a, p, out);
	else if (!strncmp(route, "doc/", 4))
		api_doc(s, route + 4, out);
	else if (!strcmp(route, "dups"))
		api_dups(s, p, out);
	else if (!strcmp(route, "sources"))
		api_sources(s, out);
	else if (!strcmp(route, "stats"))
		api_stats(s, out);
	else
		fail(out, 404, "no such route: /api/%.60s", route);
	if (!out->body) {
		/* jansson refused a value: a string of the archive that is not
		 * UTF-8, which the store never writes */
		fprintf(stderr, "marsad: serve: /api/%.60s: an answer could not be encoded\n",
			route);
		fail(out, 500, "the answer could not be encoded");
	}
}
