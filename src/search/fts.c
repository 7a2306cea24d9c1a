#include "fts.h"

#include <stdlib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../text/analyzer.h"
#include "../text/token.h"

/* FTS5 hands the same context to every tokenizer it creates from this
 * registration: the analyzer, built once per connection, read-only. */
static int create(void *ctx, const char **args, int n_args, Fts5Tokenizer **out)
{
	(void)args;
	(void)n_args;
	*out = ctx;
	return SQLITE_OK;
}

static void delete(Fts5Tokenizer *t)
{
	(void)t;   /* the analyzer belongs to the registration */
}

static int tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
		    int len, int (*emit)(void *ctx, int tflags, const char *token,
					 int n, int start, int end))
{
	const struct mr_analyzer *a = (const struct mr_analyzer *)t;
	struct mr_tokenizer tz;
	struct mr_token tok;
	char stem[MR_TOKEN_MAX + 1];

	(void)flags;   /* documents, queries and highlights: the same words */
	if (!text || len <= 0)
		return SQLITE_OK;
	mr_tokenizer_init(&tz, text, (size_t)len);
	while (mr_tokenizer_next(&tz, &tok)) {
		size_t n;
		int rc;

		if (mr_analyzer_is_stop(a, tok.text, tok.len))
			continue;
		n = mr_analyzer_stem(a, tok.text, tok.len, stem);
		rc = emit(ctx, 0, stem, (int)n, (int)tok.start, (int)tok.end);
		if (rc != SQLITE_OK)
			return rc;   /* FTS5 asked to stop, or failed */
	}
	return SQLITE_OK;
}

static void destroy(void *ctx)
{
	mr_analyzer_free(ctx);
}

/* BM25's saturation and length normalization: Anserini's defaults for
 * passages rather than Lucene's (1.2, 0.75); on the retrieval benchmark
 * they raise MRR@10 from 0.575 to 0.611 (bench/RESULTS.md, "Retrieval"). */
#define K1 0.9
#define B 0.4

/*
 * Documents' lengths in tokens (all columns), by rowid, read from the
 * table's docsize table at its first ranking on the connection.  FTS5 looks
 * each one up in that B-tree while ranking, and for a question's thousands
 * of matches that was most of the query's time.  Documents are never
 * changed once stored, so the lengths stay true; a document stored after
 * they were read is looked up the FTS5 way.
 */
struct lengths {
	char *table;
	uint32_t *tokens;      /* 0: not read */
	sqlite3_int64 n;       /* rowids below n were read */
	struct lengths *next;
};

struct connection {
	sqlite3 *db;
	struct lengths *tables;
};

static void free_connection(void *p)
{
	struct connection *c = p;

	while (c && c->tables) {
		struct lengths *l = c->tables;

		c->tables = l->next;
		free(l->table);
		free(l->tokens);
		free(l);
	}
	free(c);
}

/* One SQLite varint (the record format's: big-endian, 7 bits a byte). */
static const unsigned char *get_varint(const unsigned char *p, const unsigned char *end,
				       uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 9 && p < end; i++) {
		if (i == 8) {
			*v = (*v << 8) | *p++;
			break;
		}
		*v = (*v << 7) | (*p & 0x7F);
		if (!(*p++ & 0x80))
			break;
	}
	return p;
}

static struct lengths *lengths_of(struct connection *c, const char *table)
{
	struct lengths *l;
	sqlite3_stmt *st;
	char *sql;

	if (!table)
		return NULL;
	for (l = c->tables; l; l = l->next)
		if (!strcmp(l->table, table))
			return l;
	l = calloc(1, sizeof(*l));
	if (!l || !(l->table = strdup(table))) {
		free(l);
		return NULL;
	}
	l->next = c->tables;
	c->tables = l;
	sql = sqlite3_mprintf("SELECT id, sz FROM \"%w_docsize\" ORDER BY id", table);
	if (sql && sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_int64 cap = 0;

		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, 0);
			const unsigned char *p = sqlite3_column_blob(st, 1);
			const unsigned char *end = p + sqlite3_column_bytes(st, 1);
			uint64_t sum = 0, v;

			if (id < 0 || id > ((sqlite3_int64)1 << 31))
				continue;
			if (id >= cap) {
				sqlite3_int64 bigger = cap ? cap : 1024;
				uint32_t *t;

				while (bigger <= id)
					bigger *= 2;
				t = realloc(l->tokens, (size_t)bigger * sizeof(*t));
				if (!t)
					break;
				memset(t + cap, 0, (size_t)(bigger - cap) * sizeof(*t));
				l->tokens = t;
				cap = bigger;
			}
			while (p && p < end) {
				p = get_varint(p, end, &v);
				sum += v;
			}
			/* 0 means "not read": an empty document is one token long */
			l->tokens[id] = sum ? (uint32_t)(sum > UINT32_MAX ? UINT32_MAX : sum) : 1;
			l->n = id + 1;
		}
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return l;
}

/* What marsad_rank works out once per query. */
struct rank_query {
	int phrases;
	double *idf;
	double avg_tokens;   /* a document's tokens, all columns, on average */
	double *tf;          /* room for one row's weighted frequencies */
};

static void free_rank_query(void *p)
{
	struct rank_query *q = p;

	if (!q)
		return;
	free(q->idf);
	free(q->tf);
	free(q);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	(void)api;
	(void)fts;
	++*(sqlite3_int64 *)ctx;
	return SQLITE_OK;
}

static struct rank_query *rank_query_of(const Fts5ExtensionApi *api, Fts5Context *fts,
					const char *weights, int *rc)
{
	struct rank_query *q = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	const char *w = weights ? weights : "";
	int i;

	*rc = SQLITE_OK;
	if (q)
		return q;
	q = calloc(1, sizeof(*q));
	if (!q)
		goto nomem;
	q->phrases = api->xPhraseCount(fts);
	q->idf = calloc((size_t)q->phrases + 1, sizeof(*q->idf));
	q->tf = calloc((size_t)q->phrases + 1, sizeof(*q->tf));
	if (!q->idf || !q->tf)
		goto nomem;
	if ((*rc = api->xRowCount(fts, &rows)) != SQLITE_OK ||
	    (*rc = api->xColumnTotalSize(fts, -1, &tokens)) != SQLITE_OK)
		goto fail;
	q->avg_tokens = rows ? (double)tokens / (double)rows : 1.0;
	for (i = 0; i < q->phrases; i++) {
		sqlite3_int64 df = 0;
		char *end;

		while (*w == ' ')
			w++;
		if (!*w || *w == '-') {
			q->idf[i] = 0.0;   /* past the list, or a second copy */
			w += *w == '-';
			continue;
		}
		if (*w == '?') {
			w++;
			if ((*rc = api->xQueryPhrase(fts, i, &df, count_row)) != SQLITE_OK)
				goto fail;
		} else {
			df = strtoll(w, &end, 10);
			w = end;
		}
		/* Lucene's form: never negative, unlike the classic one */
		q->idf[i] = log(1.0 + ((double)rows - (double)df + 0.5) / ((double)df + 0.5));
	}
	if ((*rc = api->xSetAuxdata(fts, q, free_rank_query)) != SQLITE_OK)
		return NULL;   /* FTS5 freed it */
	return q;
nomem:
	*rc = SQLITE_NOMEM;
fail:
	free_rank_query(q);
	return NULL;
}

/* marsad_rank(tbl, 'TABLE', 'COUNTS', column weight, ...) */
static void rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		 int n_args, sqlite3_value **args)
{
	struct connection *c = api->xUserData(fts);
	sqlite3_int64 rowid = api->xRowid(fts);
	struct lengths *lengths;
	struct rank_query *q;
	int rc, instances, i, row_tokens = 0;
	double score = 0.0, norm;

	if (n_args < 2) {
		sqlite3_result_error(ctx, MR_FTS_RANK ": give the table and the counts", -1);
		return;
	}
	lengths = lengths_of(c, (const char *)sqlite3_value_text(args[0]));
	q = rank_query_of(api, fts, (const char *)sqlite3_value_text(args[1]), &rc);
	/* the column weights follow */
	n_args -= 2;
	args += 2;
	if (!q)
		goto fail;
	memset(q->tf, 0, (size_t)q->phrases * sizeof(*q->tf));
	if ((rc = api->xInstCount(fts, &instances)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < instances; i++) {
		int phrase, column, offset;

		if ((rc = api->xInst(fts, i, &phrase, &column, &offset)) != SQLITE_OK)
			goto fail;
		q->tf[phrase] += column < n_args ? sqlite3_value_double(args[column]) : 1.0;
	}
	if (lengths && rowid >= 0 && rowid < lengths->n && lengths->tokens[rowid])
		row_tokens = (int)lengths->tokens[rowid];
	else if ((rc = api->xColumnSize(fts, -1, &row_tokens)) != SQLITE_OK)
		goto fail;
	norm = K1 * (1 - B + B * (double)row_tokens / q->avg_tokens);
	for (i = 0; i < q->phrases; i++)
		if (q->tf[i] > 0)
			score += q->idf[i] * q->tf[i] * (K1 + 1) / (q->tf[i] + norm);
	sqlite3_result_double(ctx, -score);
	return;
fail:
	sqlite3_result_error_code(ctx, rc);
}

fts5_api *mr_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int mr_fts_register(sqlite3 *db, struct mr_err *err)
{
	static fts5_tokenizer methods = { create, delete, tokenize };
	fts5_api *api = mr_fts5_api(db);
	struct connection *conn;
	struct mr_analyzer *a;

	if (!api || api->iVersion < 2)
		return mr_err_set(err, MR_E_IO, "this SQLite has no FTS5");
	a = mr_analyzer_new_default(err);
	if (!a)
		return -1;
	if (api->xCreateTokenizer(api, MR_FTS_TOKENIZER, a, &methods, destroy) != SQLITE_OK) {
		mr_analyzer_free(a);
		return mr_err_set(err, MR_E_IO, "cannot register the search tokenizer");
	}
	conn = calloc(1, sizeof(*conn));
	if (!conn)
		return mr_err_set(err, MR_E_IO, "out of memory");
	conn->db = db;
	if (api->xCreateFunction(api, MR_FTS_RANK, conn, rank, free_connection) != SQLITE_OK)
		return mr_err_set(err, MR_E_IO, "cannot register the ranking function");
	return 0;
}

struct mr_fts_stats {
	sqlite3 *db;
	const struct mr_analyzer *a;
	sqlite3_stmt *df, *documents;
};

void mr_fts_stats_free(struct mr_fts_stats *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->df);
	sqlite3_finalize(s->documents);
	free(s);
}

struct mr_fts_stats *mr_fts_stats_new(sqlite3 *db, const char *table, struct mr_err *err)
{
	struct mr_fts_stats *s = calloc(1, sizeof(*s));
	char *sql;
	int rc;

	if (!s)
		return NULL;
	s->db = db;
	/* temp: a read-only archive can have it too */
	sql = sqlite3_mprintf("CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"%w_vocab\""
			      " USING fts5vocab(main, \"%w\", row)", table, table);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		sql = sqlite3_mprintf("SELECT doc FROM temp.\"%w_vocab\" WHERE term = ?", table);
		rc = sqlite3_prepare_v2(db, sql, -1, &s->df, NULL);
		sqlite3_free(sql);
	}
	if (rc == SQLITE_OK) {
		sql = sqlite3_mprintf("SELECT max(rowid) FROM \"%w_docsize\"", table);
		rc = sqlite3_prepare_v2(db, sql, -1, &s->documents, NULL);
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK) {
		mr_err_set(err, MR_E_IO, "cannot read the search index's words: %s",
			   sqlite3_errmsg(db));
		mr_fts_stats_free(s);
		return NULL;
	}
	return s;
}

/* The documents of one word: its stem looked up, as the tokenizer indexed
 * it; -1 when the text is not exactly one indexed word. */
static long long word_documents(const char *word, size_t len, void *ctx)
{
	struct mr_fts_stats *s = ctx;
	struct mr_tokenizer tz;
	struct mr_token tok;
	char stem[MR_TOKEN_MAX + 1];
	size_t n = 0, words = 0;
	long long df = 0;

	mr_tokenizer_init(&tz, word, len);
	while (mr_tokenizer_next(&tz, &tok)) {
		if (mr_analyzer_is_stop(s->a, tok.text, tok.len))
			continue;
		if (++words > 1)
			return -1;
		n = mr_analyzer_stem(s->a, tok.text, tok.len, stem);
	}
	if (words != 1)
		return -1;
	sqlite3_bind_text(s->df, 1, stem, (int)n, SQLITE_STATIC);
	if (sqlite3_step(s->df) == SQLITE_ROW)
		df = sqlite3_column_int64(s->df, 0);
	sqlite3_reset(s->df);
	return df;
}

void mr_fts_stats_get(struct mr_fts_stats *s, const struct mr_analyzer *a,
		      struct mr_query_stats *q)
{
	s->a = a;
	q->documents = 0;
	if (sqlite3_step(s->documents) == SQLITE_ROW)
		q->documents = sqlite3_column_int64(s->documents, 0);
	sqlite3_reset(s->documents);
	q->df = word_documents;
	q->ctx = s;
}
