#include "fts.h"

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

/* The FTS5 API of a connection (the documented way: SELECT fts5(?)). */
static fts5_api *fts5_of(sqlite3 *db)
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
	fts5_api *api = fts5_of(db);
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
	return 0;
}
