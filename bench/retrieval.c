/*
 * retrieval: SQLite FTS5 in the retrieval benchmark (bench/retrieval.sh).
 *
 *   retrieval --tokenizer SPEC [--db PATH] [PASSAGES.tsv QUESTIONS.tsv]
 *   retrieval --tokenizer SPEC --check
 *
 * Indexes the passages (id TAB text, from bench/retrieval_data.py) into
 *   CREATE VIRTUAL TABLE p USING fts5(text, tokenize='SPEC')
 * with rowid = passage id, then runs every question (question TAB relevant
 * id) as plain text:
 *   SELECT rowid FROM p WHERE p MATCH ? ORDER BY rank LIMIT 100
 * and prints one JSON line with the same fields as bench/lucene/Retrieval.
 *
 * SPEC is an FTS5 tokenizer with its arguments ("unicode61",
 * "unicode61 remove_diacritics 2") or "marsad".  For FTS5's own tokenizers
 * the MATCH expression is the question's tokens, as that tokenizer splits a
 * query, each double-quoted, joined with OR.  For "marsad" it is what
 * mr_query_parse(MR_QUERY_PLAIN | MR_QUERY_ANY) makes of the question: its
 * words, any of them, no operator.  --check only creates the table in
 * memory, to tell whether the tokenizer is available.
 *
 * The database is a file (default bench/out/retrieval/fts5-NAME.db, removed
 * before and after) with the pragmas of Marsad's store, so the figures are
 * those of an archive on disk, not of a best case.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/util/buf.h"
#include "../src/util/err.h"
#include "../src/util/xalloc.h"

#include "../src/search/fts.h"
#include "../src/search/query.h"
#include "../src/text/analyzer.h"

#define TOP 100

struct tsv {
	char *data;        /* the whole file; tabs and newlines become NULs */
	const char **a;    /* first field of each line */
	size_t *alen;
	const char **b;    /* second field */
	size_t *blen;
	size_t n;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("retrieval: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Two fields a line; retrieval_data.py left no tab inside either. */
static void tsv_load(struct tsv *t, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, size = 0, got, cap_lines = 0;
	char *p, *end;

	if (!f)
		die("cannot open %s", path);
	memset(t, 0, sizeof(*t));
	do {
		if (size == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			t->data = xrealloc(t->data, cap + 1);
		}
		got = fread(t->data + size, 1, cap - size, f);
		size += got;
	} while (got > 0);
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	t->data[size] = '\0';

	for (p = t->data, end = t->data + size; p < end; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *tab;

		if (!nl)
			nl = end;
		*nl = '\0';
		tab = strchr(p, '\t');
		if (!tab)
			die("a line of %s has no tab", path);
		*tab = '\0';
		if (t->n == cap_lines) {
			cap_lines = cap_lines ? cap_lines * 2 : 4096;
			t->a = xrealloc(t->a, cap_lines * sizeof(*t->a));
			t->alen = xrealloc(t->alen, cap_lines * sizeof(*t->alen));
			t->b = xrealloc(t->b, cap_lines * sizeof(*t->b));
			t->blen = xrealloc(t->blen, cap_lines * sizeof(*t->blen));
		}
		t->a[t->n] = p;
		t->alen[t->n] = (size_t)(tab - p);
		t->b[t->n] = tab + 1;
		t->blen[t->n] = (size_t)(nl - tab - 1);
		t->n++;
		p = nl + 1;
	}
}

static void tsv_free(struct tsv *t)
{
	free(t->data);
	free(t->a);
	free(t->alen);
	free(t->b);
	free(t->blen);
}

static int64_t parse_id(const char *s, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		die("bad id in %s", what);
	return (int64_t)v;
}

static void exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s", msg ? msg : sqlite3_errmsg(db));
}

/* Splitting a question the way an FTS5 tokenizer splits a MATCH string, by
 * asking that tokenizer, so that the expression holds exactly its tokens. */
struct splitter {
	fts5_api *api;
	fts5_tokenizer tk;
	Fts5Tokenizer *inst;
};

static void splitter_open(struct splitter *s, sqlite3 *db, const char *spec)
{
	char *copy = xstrndup(spec, strlen(spec));
	const char *argv[32];
	int argc = 0;
	void *user;
	char *w;

	for (w = strtok(copy, " \t"); w && argc < 32; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	if (argc == 0)
		die("empty tokenizer %s", spec);
	s->api = mr_fts5_api(db);
	if (!s->api)
		die("%s", "this SQLite has no FTS5");
	if (s->api->xFindTokenizer(s->api, argv[0], &user, &s->tk) != SQLITE_OK)
		die("no FTS5 tokenizer %s", argv[0]);
	if (s->tk.xCreate(user, argv + 1, argc - 1, &s->inst) != SQLITE_OK)
		die("cannot create tokenizer %s", spec);
	free(copy);
}

static void splitter_close(struct splitter *s)
{
	if (s->inst)
		s->tk.xDelete(s->inst);
}

static int add_phrase(void *ctx, int flags, const char *tok, int len, int start,
		      int end)
{
	struct buf *m = ctx;
	int i;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;   /* a synonym of the previous token, not a word */
	if (m->len)
		buf_adds(m, " OR ");
	buf_addch(m, '"');
	for (i = 0; i < len; i++) {
		if (tok[i] == '"')
			buf_addch(m, '"');
		buf_addch(m, tok[i]);
	}
	buf_addch(m, '"');
	return SQLITE_OK;
}

/* 0 with the expression in match, or -1 when the question has no token. */
static int split_query(struct splitter *s, const char *q, size_t len,
		       struct buf *match)
{
	buf_reset(match);
	if (s->tk.xTokenize(s->inst, match, FTS5_TOKENIZE_QUERY, q, (int)len,
			    add_phrase) != SQLITE_OK)
		die("%s", "the tokenizer failed on a question");
	return match->len ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest rank, as in bench/lucene/Retrieval.java. */
static double percentile(const double *sorted, size_t n, int p)
{
	size_t k = (size_t)ceil(p / 100.0 * (double)n);

	return sorted[(k ? k : 1) - 1];
}

static void remove_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	struct buf name = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		buf_reset(&name);
		buf_printf(&name, "%s%s", path, suffix[i]);
		if (unlink(name.data) < 0 && errno != ENOENT)
			die("cannot remove %s", name.data);
	}
	buf_release(&name);
}

static sqlite3 *open_db(const char *path, const char *spec, int *marsad)
{
	struct buf sql = BUF_INIT;
	sqlite3 *db;
	const char *c;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("cannot open %s", path);
	/* The store's settings (src/store/store.c): WAL, 64 MiB page cache. */
	exec_or_die(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			"PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;");
	*marsad = strcmp(spec, "marsad") == 0;
	{
		struct mr_err err = { 0 };

		if (mr_fts_register(db, &err) < 0) {
			mr_err_print(stderr, NULL, &err);
			exit(1);
		}
	}
	buf_adds(&sql, "CREATE VIRTUAL TABLE p USING fts5(text, tokenize='");
	for (c = spec; *c; c++) {
		if (*c == '\'')
			buf_addch(&sql, '\'');
		buf_addch(&sql, *c);
	}
	buf_adds(&sql, "')");
	exec_or_die(db, sql.data);
	buf_release(&sql);
	return db;
}

/* Marsad's side of a query: the analyzer and the word statistics are made
 * once, outside the timed queries; the lookups are timed. */
static struct mr_analyzer *analyzer;
static struct mr_fts_stats *word_stats;

static int plain_query(int marsad, struct splitter *sp, const char *q,
		       size_t len, struct buf *match, struct buf *rank_args)
{
	if (marsad) {
		struct mr_query_stats stats;

		mr_fts_stats_get(word_stats, analyzer, &stats);
		return mr_query_parse_ranked(analyzer, q, len, MR_QUERY_PLAIN | MR_QUERY_ANY,
					     &stats, match, rank_args, NULL);
	}
	return split_query(sp, q, len, match);
}

static void usage(void)
{
	fprintf(stderr, "usage: retrieval --tokenizer SPEC [--db PATH] [PASSAGES.tsv QUESTIONS.tsv]\n"
			"       retrieval --tokenizer SPEC --check\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *spec = NULL, *dbpath = NULL;
	const char *ppath = "bench/out/retrieval/passages.tsv";
	const char *qpath = "bench/out/retrieval/questions.tsv";
	struct buf defdb = BUF_INIT, match = BUF_INIT, rank_args = BUF_INIT, engine = BUF_INIT;
	int check = 0, npos = 0, marsad, pass, i;
	struct splitter sp = { 0 };
	struct tsv ps, qs;
	sqlite3 *db;
	sqlite3_stmt *ins, *sel;
	size_t n, j, bytes = 0, r10 = 0, r100 = 0;
	int64_t *relevant;
	double t0, index_seconds, mrr = 0, *ms;
	int *rank;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tokenizer") && i + 1 < argc)
			spec = argv[++i];
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			dbpath = argv[++i];
		else if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (argv[i][0] != '-' && npos < 2)
			*(npos++ == 0 ? &ppath : &qpath) = argv[i];
		else
			usage();
	}
	if (!spec || npos == 1)
		usage();

	if (check) {
		db = open_db(":memory:", spec, &marsad);
		if (!marsad) {
			splitter_open(&sp, db, spec);
			splitter_close(&sp);
		}
		sqlite3_close(db);
		return 0;
	}

	tsv_load(&ps, ppath);
	tsv_load(&qs, qpath);
	if (ps.n == 0 || qs.n == 0)
		die("%s", "no passages or no questions");
	for (j = 0; j < ps.n; j++)
		bytes += ps.blen[j];
	if (!dbpath) {
		buf_printf(&defdb, "bench/out/retrieval/fts5-%.*s.db",
			   (int)strcspn(spec, " \t"), spec);
		dbpath = defdb.data;
	}
	remove_db(dbpath);

	/* Timed like Lucene's index: from the empty index to the data on disk. */
	t0 = now();
	db = open_db(dbpath, spec, &marsad);
	if (sqlite3_prepare_v2(db, "INSERT INTO p(rowid, text) VALUES (?1, ?2)", -1,
			       &ins, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	exec_or_die(db, "BEGIN");
	for (j = 0; j < ps.n; j++) {
		sqlite3_bind_int64(ins, 1, parse_id(ps.a[j], ppath));
		sqlite3_bind_text(ins, 2, ps.b[j], (int)ps.blen[j], SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die("%s", sqlite3_errmsg(db));
		sqlite3_reset(ins);
	}
	exec_or_die(db, "COMMIT");
	/* A WAL commit at synchronous=NORMAL is not yet durable; Lucene's is. */
	exec_or_die(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	index_seconds = now() - t0;
	sqlite3_finalize(ins);

	if (!marsad) {
		splitter_open(&sp, db, spec);
	} else {
		analyzer = mr_analyzer_new_default(NULL);
		word_stats = mr_fts_stats_new(db, "p", NULL);
		if (!analyzer || !word_stats)
			die("%s", "cannot read the index's words");
	}
	if (sqlite3_prepare_v2(db, marsad
			       ? "SELECT rowid FROM p WHERE p MATCH ?1 ORDER BY marsad_rank(p, 'p', ?2) LIMIT 100"
			       : "SELECT rowid FROM p WHERE p MATCH ?1 ORDER BY rank LIMIT 100",
			       -1, &sel, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));

	n = qs.n;
	relevant = xmalloc(n * sizeof(*relevant));
	rank = xmalloc(n * sizeof(*rank));
	ms = xmalloc(n * sizeof(*ms));
	for (j = 0; j < n; j++)
		relevant[j] = parse_id(qs.b[j], qpath);
	for (pass = 0; pass < 2; pass++) {   /* the first pass warms the caches */
		for (j = 0; j < n; j++) {
			double s = now();
			int64_t hits[TOP];
			int nhits = 0, h, rc;

			if (plain_query(marsad, &sp, qs.a[j], qs.alen[j], &match, &rank_args) == 0) {
				sqlite3_bind_text(sel, 1, match.data, (int)match.len, SQLITE_STATIC);
				if (marsad)
					sqlite3_bind_text(sel, 2, rank_args.data, (int)rank_args.len,
							  SQLITE_STATIC);
				while ((rc = sqlite3_step(sel)) == SQLITE_ROW && nhits < TOP)
					hits[nhits++] = sqlite3_column_int64(sel, 0);
				if (rc != SQLITE_ROW && rc != SQLITE_DONE)
					die("%s", sqlite3_errmsg(db));
				sqlite3_reset(sel);
			}
			ms[j] = (now() - s) * 1e3;
			rank[j] = 0;
			for (h = 0; h < nhits; h++) {
				if (hits[h] == relevant[j]) {
					rank[j] = h + 1;
					break;
				}
			}
		}
	}
	for (j = 0; j < n; j++) {
		if (rank[j] >= 1 && rank[j] <= 10) {
			mrr += 1.0 / rank[j];
			r10++;
		}
		if (rank[j] >= 1 && rank[j] <= TOP)
			r100++;
	}
	qsort(ms, n, sizeof(*ms), cmp_double);

	buf_printf(&engine, "sqlite-%s-fts5-%s", sqlite3_libversion(), spec);
	for (j = 0; j < engine.len; j++) {
		if (engine.data[j] == ' ' || engine.data[j] == '"' || engine.data[j] == '\\')
			engine.data[j] = '-';
	}
	printf("{\"engine\":\"%s\",\"passages\":%zu,\"questions\":%zu,\"mb\":%.3f,"
	       "\"index_seconds\":%.3f,\"index_mb_per_s\":%.3f,\"mrr10\":%.4f,\"recall10\":%.4f,"
	       "\"recall100\":%.4f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}\n",
	       engine.data, ps.n, n, (double)bytes / 1e6, index_seconds,
	       (double)bytes / 1e6 / index_seconds, mrr / (double)n,
	       (double)r10 / (double)n, (double)r100 / (double)n,
	       percentile(ms, n, 50), percentile(ms, n, 99));

	sqlite3_finalize(sel);
	splitter_close(&sp);
	mr_fts_stats_free(word_stats);
	sqlite3_close(db);
	remove_db(dbpath);
	free(relevant);
	free(rank);
	free(ms);
	buf_release(&defdb);
	buf_release(&match);
	buf_release(&rank_args);
	mr_analyzer_free(analyzer);
	buf_release(&engine);
	tsv_free(&ps);
	tsv_free(&qs);
	return 0;
}
