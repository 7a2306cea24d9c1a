/* Search over the FTS5 index: ranked or by date, one result a group. */
#include <stdlib.h>
#include <string.h>

#include "../search/fts.h"
#include "../util/xalloc.h"
#include "store_internal.h"

/* Groups already given: an open-addressing set of ids (never 0). */
struct seen {
	int64_t *slot;
	size_t cap, count;
};

static size_t seen_home(const struct seen *s, int64_t id)
{
	return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 20) & (s->cap - 1);
}

/* 1 when id was new (and is now in), 0 when it was there. */
static int seen_add(struct seen *s, int64_t id)
{
	size_t i;

	if ((s->count + 1) * 2 > s->cap) {
		struct seen bigger = { NULL, s->cap ? s->cap * 2 : 256, 0 };
		size_t k;

		bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
		for (k = 0; k < s->cap; k++)
			if (s->slot[k])
				seen_add(&bigger, s->slot[k]);
		free(s->slot);
		*s = bigger;
	}
	for (i = seen_home(s, id); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == id)
			return 0;
	s->slot[i] = id;
	s->count++;
	return 1;
}

static const char *text_or_empty(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* The snippet of one document's text for the expression (the title is
 * shown whole beside it).  FTS5 computes it from the match: it is asked
 * per document given, not per document found. */
static int snippet_of(struct mr_store *s, sqlite3_stmt *st, int64_t id, struct buf *out,
		      struct mr_err *err)
{
	int rc;

	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	buf_reset(out);
	if (rc == SQLITE_ROW)
		buf_adds(out, text_or_empty(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	       : store_db_error(s, err, "cannot make a snippet");
}

static size_t copies_of(struct mr_store *s, int64_t group)
{
	sqlite3_stmt *st;
	size_t n = 1;

	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM documents WHERE dup_group = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, group);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int search_error(struct mr_store *s, struct mr_err *err)
{
	const char *msg = sqlite3_errmsg(s->db);

	/* the parser writes only expressions FTS5 reads; what it still
	 * refuses is the query's fault, not the archive's */
	if (!strncmp(msg, "fts5:", 5) || strstr(msg, "syntax error"))
		return mr_err_set(err, MR_E_INVALID, "the query cannot be searched (%s)", msg);
	return store_db_error(s, err, "cannot search");
}

int mr_store_search(struct mr_store *s, const struct mr_search_request *r,
		    int (*fn)(const struct mr_search_hit *hit, void *ctx), void *ctx,
		    size_t *total, struct mr_err *err)
{
	/* only narrow columns for every match: a document's row holds its raw
	 * bytes and text before its title, so reading the title of each match
	 * would read them all; the title and the rest come per result given */
	static const char ranked[] =
		"SELECT d.id, coalesce(d.dup_group, d.id),"
		" " MR_FTS_RANK "(search, 'search', ?5, " MR_TITLE_WEIGHT ", 1.0) AS score,"
		" d.dup_group IS NOT NULL"
		" FROM search JOIN documents d INDEXED BY documents_meta ON d.id = search.rowid"
		" WHERE search MATCH ?1"
		" AND (?2 IS NULL OR substr(d.published, 1, 10) >= ?2)"
		" AND (?3 IS NULL OR substr(d.published, 1, 10) <= ?3)"
		" AND (?4 IS NULL OR d.source = ?4)"
		" ORDER BY %sscore";
	char sql[sizeof(ranked) + 64];
	sqlite3_stmt *st = NULL, *snip = NULL, *about = NULL;
	struct seen groups = { NULL, 0, 0 };
	struct buf snippet = BUF_INIT;
	size_t given = 0, found = 0;
	int rc, stop = 0, result = -1;

	snprintf(sql, sizeof(sql), ranked, r->by_date ? "d.published IS NULL, d.published DESC, " : "");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "SELECT snippet(search, 1, char(2), char(3), '…', 24)"
			       " FROM search WHERE search MATCH ?1 AND rowid = ?2",
			       -1, &snip, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "SELECT coalesce(title, ''), coalesce(source, ''), coalesce(published, '')"
			       " FROM documents WHERE id = ?", -1, &about, NULL) != SQLITE_OK) {
		store_db_error(s, err, "cannot search");
		goto out;
	}
	sqlite3_bind_text(st, 1, r->match, -1, SQLITE_STATIC);
	sqlite3_bind_text(snip, 1, r->match, -1, SQLITE_STATIC);
	if (r->from && *r->from)
		sqlite3_bind_text(st, 2, r->from, -1, SQLITE_STATIC);
	if (r->to && *r->to)
		sqlite3_bind_text(st, 3, r->to, -1, SQLITE_STATIC);
	if (r->source && *r->source)
		sqlite3_bind_text(st, 4, r->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->rank_args ? r->rank_args : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mr_search_hit hit;

		hit.group = sqlite3_column_int64(st, 1);
		if (!seen_add(&groups, hit.group))
			continue;   /* a better ranked copy stands for it */
		found++;
		if (stop || found <= r->offset || given >= r->limit)
			continue;   /* counted for the total only */
		hit.id = sqlite3_column_int64(st, 0);
		hit.score = sqlite3_column_double(st, 2);
		hit.copies = sqlite3_column_int(st, 3) ? copies_of(s, hit.group) : 1;
		if (snippet_of(s, snip, hit.id, &snippet, err) < 0)
			goto out;
		hit.snippet = snippet.data ? snippet.data : "";
		sqlite3_bind_int64(about, 1, hit.id);
		if (sqlite3_step(about) != SQLITE_ROW) {
			sqlite3_reset(about);
			continue;   /* not there any more: cannot happen, documents stay */
		}
		hit.title = text_or_empty(about, 0);
		hit.source = text_or_empty(about, 1);
		hit.published = text_or_empty(about, 2);
		given++;
		stop = fn(&hit, ctx) != 0;
		sqlite3_reset(about);
	}
	if (rc != SQLITE_DONE) {
		search_error(s, err);
		goto out;
	}
	if (total)
		*total = found;
	result = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(snip);
	sqlite3_finalize(about);
	free(groups.slot);
	buf_release(&snippet);
	return result;
}

int mr_store_reindex(struct mr_store *s, struct mr_err *err)
{
	return store_exec(s, "INSERT INTO search(search) VALUES ('rebuild')", err);
}

int mr_store_query_stats(struct mr_store *s, const struct mr_analyzer *a,
			 struct mr_query_stats *out, struct mr_err *err)
{
	if (!s->word_stats && !(s->word_stats = mr_fts_stats_new(s->db, "search", err)))
		return -1;
	mr_fts_stats_get(s->word_stats, a, out);
	return 0;
}
