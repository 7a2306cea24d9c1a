#include "store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../search/fts.h"
#include "../util/xalloc.h"
#include "store_internal.h"

/* Each entry takes the schema from version i to i + 1.  The newest must be
 * safe to run twice (IF NOT EXISTS): tests/cli/test_search.sh marks an
 * archive one version older to stand for an older archive. */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  content_key BLOB NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL,"                        /* article | teaser | page-article */
	"  page_id INTEGER REFERENCES documents(id),"  /* a fragment's page */
	"  source TEXT,"
	"  origin_file TEXT NOT NULL,"
	"  origin_record INTEGER NOT NULL,"
	"  origin_line INTEGER,"
	"  origin_offset INTEGER,"
	"  encoding TEXT,"
	"  raw BLOB NOT NULL,"                         /* the original bytes */
	"  text TEXT NOT NULL,"                        /* the cleaned text */
	"  title TEXT, url TEXT, author TEXT,"
	"  published TEXT, published_hijri TEXT, date_raw TEXT,"
	"  agency TEXT, dateline TEXT,"
	"  ingested_at TEXT NOT NULL"
	");"
	"CREATE INDEX documents_source ON documents(source);"
	"CREATE INDEX documents_page ON documents(page_id);"
	/* start and end are byte offsets into the decoded text (the raw bytes
	 * decoded again give it back); text is what was removed */
	"CREATE TABLE removed ("
	"  doc_id INTEGER NOT NULL REFERENCES documents(id),"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  reason TEXT NOT NULL, text TEXT NOT NULL"
	");"
	"CREATE INDEX removed_doc ON removed(doc_id);"
	"CREATE TABLE source_lines ("
	"  source TEXT NOT NULL, hash INTEGER NOT NULL, docs INTEGER NOT NULL,"
	"  PRIMARY KEY (source, hash)"
	") WITHOUT ROWID;",
	/* 1 -> 2: duplicates.  A document's fingerprint, appended in id order
	 * (its band keys are read back into memory by each ingest), the
	 * verified links, and its group: the smallest id among its members */
	"CREATE TABLE dedup ("
	"  doc_id INTEGER PRIMARY KEY REFERENCES documents(id),"
	"  exact_key BLOB NOT NULL,"                 /* XXH3-128 of the search form */
	"  shingles INTEGER NOT NULL,"
	"  bands BLOB NOT NULL"                      /* MR_BANDS 64-bit keys */
	");"
	"CREATE TABLE dedup_links ("
	"  a INTEGER NOT NULL, b INTEGER NOT NULL,"  /* contained: a inside b */
	"  kind TEXT NOT NULL, similarity REAL NOT NULL,"
	"  PRIMARY KEY (a, b)"
	") WITHOUT ROWID;"
	"CREATE INDEX dedup_links_b ON dedup_links(b);"
	"ALTER TABLE documents ADD COLUMN dup_group INTEGER;"
	"CREATE INDEX documents_dup_group ON documents(dup_group);",
	/* 2 -> 3: band keys on disk.  An ingest keeps the keys of the newest
	 * documents in memory and writes them, when they are many, as one run
	 * sorted by key: appended, never rewritten, so writing a run costs its
	 * own size whatever the size of the archive.  A run covers the
	 * fingerprinted documents after the previous run's last_doc. */
	"CREATE TABLE band_runs (run INTEGER PRIMARY KEY, last_doc INTEGER NOT NULL);"
	"CREATE TABLE band_keys ("
	"  run INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL,"
	"  PRIMARY KEY (run, key, doc)"
	") WITHOUT ROWID;",
	/* 3 -> 4: the search index, over the documents' title and text (FTS5
	 * reads them from documents for snippets); the title weighs more */
	"CREATE VIRTUAL TABLE search USING fts5(title, text, content='documents',"
	"  content_rowid='id', tokenize='" MR_FTS_TOKENIZER "');"
	"INSERT INTO search(search, rank) VALUES ('rank', 'bm25(" MR_TITLE_WEIGHT ", 1.0)');"
	"INSERT INTO search(search) VALUES ('rebuild');",
	/* 4 -> 5: the shingle hashing a fingerprint was made with
	 * (MR_SIGNATURE_VERSION); an ingest makes the older ones again */
	"ALTER TABLE dedup ADD COLUMN signature INTEGER NOT NULL DEFAULT 1;",
	/* 5 -> 6: what a search reads of every match, in an index of its own.
	 * A document's row holds its raw bytes and text before these columns
	 * (dup_group last of all), so reading them from the row reads pages of
	 * text for each match: 33 ms for a common word on SaudiNewsNet, 8 ms
	 * from the index */
	"CREATE INDEX IF NOT EXISTS documents_meta ON documents(id, dup_group, published, source);",
	/* 6 -> 7: the Bloom filter of the runs' keys, kept with them, so that
	 * an ingest reads it instead of adding every key of the archive again */
	"CREATE TABLE IF NOT EXISTS band_filter (id INTEGER PRIMARY KEY CHECK (id = 1), bits BLOB NOT NULL);",
};

#define N_MIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

static const char *const stmt_sql[ST_COUNT] = {
	[ST_HAS] = "SELECT 1 FROM documents WHERE content_key = ?",
	[ST_ADD] = ("INSERT INTO documents (content_key, kind, page_id, source,"
		    " origin_file, origin_record, origin_line, origin_offset, encoding,"
		    " raw, text, title, url, author, published, published_hijri,"
		    " date_raw, agency, dateline, ingested_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
	[ST_ADD_SPAN] = "INSERT INTO removed (doc_id, start, end, reason, text) VALUES (?,?,?,?,?)",
	[ST_COUNT_LINE] = ("INSERT INTO source_lines (source, hash, docs) VALUES (?,?,1)"
			   " ON CONFLICT (source, hash) DO UPDATE SET docs = docs + 1"),
	[ST_LINE_COUNT] = ("SELECT docs FROM source_lines WHERE source = ? AND hash = ?"),
	[ST_DEDUP_ADD] = ("INSERT OR REPLACE INTO dedup (doc_id, exact_key, shingles, bands, signature)"
			  " VALUES (?,?,?,?,?)"),
	[ST_LINK] = ("INSERT OR REPLACE INTO dedup_links (a, b, kind, similarity)"
		     " VALUES (?,?,?,?)"),
	[ST_GROUP_OF] = "SELECT coalesce(dup_group, id) FROM documents WHERE id = ?",
	[ST_REGROUP] = ("UPDATE documents SET dup_group = ?1"
			" WHERE dup_group IN (?2, ?3) OR id IN (?2, ?3)"),
	[ST_TEXT] = "SELECT text FROM documents WHERE id = ?",
	[ST_INDEX] = "INSERT INTO search (rowid, title, text) VALUES (?, ?, ?)",
	[ST_ADD_RUN] = "INSERT INTO band_runs (last_doc) VALUES (?)",
	[ST_RUN_KEY] = "INSERT OR IGNORE INTO band_keys (run, key, doc) VALUES (?,?,?)",
	/* one seek per run: a run is sorted by key */
	[ST_FIND_KEY] = ("SELECT doc FROM band_keys"
			 " WHERE run IN (SELECT run FROM band_runs) AND key = ?"),
};

int store_db_error(struct mr_store *s, struct mr_err *err, const char *what)
{
	return mr_err_set(err, MR_E_IO, "%s: %s: %s", s->path, what,
			  sqlite3_errmsg(s->db));
}

int store_exec(struct mr_store *s, const char *sql, struct mr_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		mr_err_set(err, MR_E_IO, "%s: %s", s->path, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int schema_version(struct mr_store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int migrate(struct mr_store *s, struct mr_err *err)
{
	int v = schema_version(s);

	if (v < 0)
		return store_db_error(s, err, "cannot read the schema version");
	if ((size_t)v > N_MIGRATIONS)
		return mr_err_set(err, MR_E_USAGE,
				  "%s: schema version %d is newer than this marsad knows (%zu)",
				  s->path, v, N_MIGRATIONS);
	for (; (size_t)v < N_MIGRATIONS; v++) {
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d;", v + 1);
		if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		if (store_exec(s, migrations[v], err) < 0 || store_exec(s, pragma, err) < 0) {
			mr_store_rollback(s);
			return -1;
		}
		if (store_exec(s, "COMMIT", err) < 0)
			return -1;
	}
	return 0;
}

int mr_store_open(const char *path, enum mr_store_mode mode,
		  struct mr_store **out, struct mr_err *err)
{
	struct mr_store *s = xcalloc(1, sizeof(*s));
	int flags = mode == MR_STORE_WRITE
		    ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
		    : SQLITE_OPEN_READONLY;
	int i;

	s->path = xstrndup(path, strlen(path));
	*out = NULL;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		store_db_error(s, err, "cannot open the database");
		mr_store_close(s);
		return -1;
	}
	/* a reader waits for a writer's commit instead of failing */
	sqlite3_busy_timeout(s->db, 10000);
	if (mr_fts_register(s->db, err) < 0) {
		mr_store_close(s);
		return -1;
	}
	if (mode == MR_STORE_WRITE &&
	    (store_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "PRAGMA foreign_keys = ON;"
		     /* indexes are read and written at random: keep them in
		      * memory (64 MiB) rather than re-read pages */
		     "PRAGMA cache_size = -65536;"
		     /* fewer, larger checkpoints: each rewrites the hot index
		      * pages once instead of once per few batches */
		     "PRAGMA wal_autocheckpoint = 16384;", err) < 0 ||
	     migrate(s, err) < 0)) {
		mr_store_close(s);
		return -1;
	}
	if (mode == MR_STORE_READ) {
		int v = schema_version(s);

		if (v <= 0) {
			mr_err_set(err, MR_E_USAGE, "%s: not a marsad database (run marsad ingest first)", path);
			mr_store_close(s);
			return -1;
		}
		if ((size_t)v < N_MIGRATIONS) {
			/* reading cannot migrate; the first write does */
			mr_err_set(err, MR_E_USAGE, "%s: made by an older marsad (schema %d of %zu): "
				   "run marsad reindex --db %s once to bring it up to date",
				   path, v, N_MIGRATIONS, path);
			mr_store_close(s);
			return -1;
		}
	}
	for (i = 0; i < ST_COUNT && mode == MR_STORE_WRITE; i++) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &s->stmt[i], NULL) != SQLITE_OK) {
			store_db_error(s, err, "cannot prepare a statement");
			mr_store_close(s);
			return -1;
		}
	}
	*out = s;
	return 0;
}

void mr_store_close(struct mr_store *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	mr_fts_stats_free(s->word_stats);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int mr_store_begin(struct mr_store *s, struct mr_err *err)
{
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int mr_store_commit(struct mr_store *s, struct mr_err *err)
{
	return store_exec(s, "COMMIT", err);
}

void mr_store_rollback(struct mr_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

struct mr_content_key mr_content_key_of(const void *raw, size_t n)
{
	XXH128_hash_t h = XXH3_128bits(raw, n);
	struct mr_content_key k;

	XXH128_canonicalFromHash((XXH128_canonical_t *)k.bytes, h);
	return k;
}

int mr_store_has(struct mr_store *s, const struct mr_content_key *key,
		 struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_HAS];
	int rc;

	sqlite3_bind_blob(st, 1, key->bytes, sizeof(key->bytes), SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_db_error(s, err, "cannot look up a document");
}

const char *mr_doc_kind_name(enum mr_doc_kind k)
{
	static const char *const names[] = { "article", "teaser", "page-article" };

	return names[k];
}

static int step_done(struct mr_store *s, sqlite3_stmt *st, struct mr_err *err,
		     const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, what);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int mr_store_add(struct mr_store *s, const struct mr_doc *d, int64_t *id,
		 struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_ADD];
	const struct mr_cleaned *c = d->cleaned;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;
	int rc;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_bind_blob(st, 1, d->key.bytes, sizeof(d->key.bytes), SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mr_doc_kind_name(d->kind), -1, SQLITE_STATIC);
	if (d->page_id)
		sqlite3_bind_int64(st, 3, d->page_id);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, d->source);
	sqlite3_bind_text(st, 5, d->origin_file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)d->origin_record);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)d->origin_line);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)d->origin_offset);
	bind_text(st, 9, d->encoding);
	sqlite3_bind_blob64(st, 10, d->raw ? d->raw : "", d->raw_len, SQLITE_STATIC);
	sqlite3_bind_text64(st, 11, d->text ? d->text : "", d->text_len,
			    SQLITE_STATIC, SQLITE_UTF8);
	bind_text(st, 12, d->title && *d->title ? d->title : c ? c->title : NULL);
	bind_text(st, 13, d->url);
	bind_text(st, 14, c ? c->author : NULL);
	bind_text(st, 15, c ? c->published : NULL);
	bind_text(st, 16, c ? c->published_hijri : NULL);
	bind_text(st, 17, d->date_raw);
	bind_text(st, 18, c ? c->agency : NULL);
	bind_text(st, 19, c ? c->dateline : NULL);
	sqlite3_bind_text(st, 20, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, err, "cannot store a document");
	*id = sqlite3_last_insert_rowid(s->db);
	st = s->stmt[ST_INDEX];
	sqlite3_bind_int64(st, 1, *id);
	bind_text(st, 2, d->title && *d->title ? d->title : c ? c->title : NULL);
	sqlite3_bind_text64(st, 3, d->text ? d->text : "", d->text_len,
			    SQLITE_STATIC, SQLITE_UTF8);
	if (step_done(s, st, err, "cannot index a document") < 0)
		return -1;
	for (i = 0; c && d->kind != MR_DOC_TEASER && d->kind != MR_DOC_PAGE_ARTICLE &&
		    i < c->n_removed; i++) {
		st = s->stmt[ST_ADD_SPAN];
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)c->removed[i].start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)c->removed[i].end);
		sqlite3_bind_text(st, 4, mr_removal_name(c->removed[i].reason), -1, SQLITE_STATIC);
		sqlite3_bind_text64(st, 5, d->decoded + c->removed[i].start,
				    c->removed[i].end - c->removed[i].start, SQLITE_STATIC, SQLITE_UTF8);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_db_error(s, err, "cannot store a removed span");
	}
	return 0;
}

static int64_t scalar(struct mr_store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int mr_store_stats(struct mr_store *s, struct mr_stats *st, struct mr_err *err)
{
	memset(st, 0, sizeof(*st));
	st->documents = scalar(s, "SELECT count(*) FROM documents");
	if (st->documents < 0)
		return store_db_error(s, err, "cannot count documents");
	st->articles = scalar(s, "SELECT count(*) FROM documents WHERE kind = 'article'");
	st->teasers = scalar(s, "SELECT count(*) FROM documents WHERE kind = 'teaser'");
	st->page_articles = scalar(s, "SELECT count(*) FROM documents WHERE kind = 'page-article'");
	st->sources = scalar(s, "SELECT count(DISTINCT source) FROM documents");
	st->removed_spans = scalar(s, "SELECT count(*) FROM removed");
	st->raw_bytes = scalar(s, "SELECT coalesce(sum(length(raw)), 0) FROM documents");
	st->text_bytes = scalar(s, "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents");
	st->dated = scalar(s, "SELECT count(*) FROM documents WHERE published IS NOT NULL");
	st->titled = scalar(s, "SELECT count(*) FROM documents WHERE title IS NOT NULL");
	st->db_bytes = scalar(s, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
	st->schema_version = schema_version(s);
	return 0;
}

int mr_store_each_source(struct mr_store *s,
			 int (*fn)(const char *source, int64_t docs, void *ctx),
			 void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(source, ''), count(*) FROM documents"
			       " GROUP BY 1 ORDER BY 2 DESC, 1", -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot list sources");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1), ctx))
			break;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot list sources");
}

static char *column(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v ? xstrndup((const char *)v, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

int mr_store_get(struct mr_store *s, int64_t id, struct mr_stored *d,
		 struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;
	size_t cap = 0;

	memset(d, 0, sizeof(*d));
	if (sqlite3_prepare_v2(s->db,
		"SELECT id, coalesce(page_id, 0), kind, source, origin_file, encoding,"
		" title, url, author, published, published_hijri, agency, dateline,"
		" date_raw, text, ingested_at, origin_record, origin_line, origin_offset,"
		" length(raw), coalesce(dup_group, 0) FROM documents WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read a document");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot read a document");
	}
	d->id = sqlite3_column_int64(st, 0);
	d->page_id = sqlite3_column_int64(st, 1);
	d->kind = column(st, 2);
	d->source = column(st, 3);
	d->origin_file = column(st, 4);
	d->encoding = column(st, 5);
	d->title = column(st, 6);
	d->url = column(st, 7);
	d->author = column(st, 8);
	d->published = column(st, 9);
	d->published_hijri = column(st, 10);
	d->agency = column(st, 11);
	d->dateline = column(st, 12);
	d->date_raw = column(st, 13);
	d->text = column(st, 14);
	d->ingested_at = column(st, 15);
	d->origin_record = (size_t)sqlite3_column_int64(st, 16);
	d->origin_line = (size_t)sqlite3_column_int64(st, 17);
	d->origin_offset = (size_t)sqlite3_column_int64(st, 18);
	d->raw_len = (size_t)sqlite3_column_int64(st, 19);
	d->group = sqlite3_column_int64(st, 20);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(s->db,
		"SELECT start, end, reason, text FROM removed WHERE doc_id = ? ORDER BY start",
		-1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read removed spans");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct mr_stored_span *sp;

		if (d->n_spans == cap) {
			cap = cap ? cap * 2 : 8;
			d->spans = xrealloc(d->spans, cap * sizeof(*d->spans));
		}
		sp = &d->spans[d->n_spans++];
		sp->start = (size_t)sqlite3_column_int64(st, 0);
		sp->end = (size_t)sqlite3_column_int64(st, 1);
		sp->reason = column(st, 2);
		sp->text = column(st, 3);
	}
	sqlite3_finalize(st);

	cap = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM documents WHERE page_id = ? ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read fragments");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d->n_fragments == cap) {
			cap = cap ? cap * 2 : 4;
			d->fragments = xrealloc(d->fragments, cap * sizeof(*d->fragments));
		}
		d->fragments[d->n_fragments++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);

	cap = 0;
	if (sqlite3_prepare_v2(s->db,
		"SELECT CASE WHEN a = ?1 THEN b ELSE a END,"
		" CASE kind WHEN 'exact' THEN 'exact copy' WHEN 'near' THEN 'near copy'"
		"  ELSE CASE WHEN a = ?1 THEN 'contained in' ELSE 'contains' END END,"
		" similarity FROM dedup_links WHERE a = ?1 OR b = ?1 ORDER BY similarity DESC, 1",
		-1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read duplicates");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct mr_stored_link *l;

		if (d->n_links == cap) {
			cap = cap ? cap * 2 : 4;
			d->links = xrealloc(d->links, cap * sizeof(*d->links));
		}
		l = &d->links[d->n_links++];
		l->other = sqlite3_column_int64(st, 0);
		l->relation = column(st, 1);
		l->similarity = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	return 1;
}

void mr_stored_release(struct mr_stored *d)
{
	size_t i;

	free(d->kind); free(d->source); free(d->origin_file); free(d->encoding);
	free(d->title); free(d->url); free(d->author); free(d->published);
	free(d->published_hijri); free(d->agency); free(d->dateline);
	free(d->date_raw); free(d->text); free(d->ingested_at);
	for (i = 0; i < d->n_spans; i++) {
		free(d->spans[i].reason);
		free(d->spans[i].text);
	}
	free(d->spans);
	free(d->fragments);
	for (i = 0; i < d->n_links; i++)
		free(d->links[i].relation);
	free(d->links);
	memset(d, 0, sizeof(*d));
}

int mr_store_count_line(struct mr_store *s, const char *source,
			unsigned long long hash, struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_COUNT_LINE];
	int rc;

	sqlite3_bind_text(st, 1, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)hash);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot count a line");
}

int mr_store_line_count(struct mr_store *s, const char *source,
			unsigned long long hash)
{
	sqlite3_stmt *st = s->stmt[ST_LINE_COUNT];
	int n = 0;

	sqlite3_bind_text(st, 1, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)hash);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

/* ---- duplicates ---- */

static void bind_key(sqlite3_stmt *st, int i, const struct mr_content_key *k)
{
	sqlite3_bind_blob(st, i, k->bytes, sizeof(k->bytes), SQLITE_STATIC);
}


int mr_store_dedup_add(struct mr_store *s, int64_t id,
		       const struct mr_content_key *exact, size_t shingles,
		       const uint64_t *bands, size_t n_bands, struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_DEDUP_ADD];

	sqlite3_bind_int64(st, 1, id);
	bind_key(st, 2, exact);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)shingles);
	sqlite3_bind_blob(st, 4, bands, (int)(n_bands * sizeof(*bands)), SQLITE_STATIC);
	sqlite3_bind_int(st, 5, MR_SIGNATURE_VERSION);
	return step_done(s, st, err, "cannot store a fingerprint");
}

int mr_store_each_stale_fingerprint(struct mr_store *s,
				    int (*fn)(int64_t id, const char *text, size_t len, void *ctx),
				    void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	struct buf text = BUF_INIT;
	int rc;

	/* the ids first: the fingerprints are rewritten while they are read */
	if (sqlite3_prepare_v2(s->db, "SELECT doc_id FROM dedup WHERE signature != ?", -1, &st,
			       NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read fingerprints");
	sqlite3_bind_int(st, 1, MR_SIGNATURE_VERSION);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_db_error(s, err, "cannot read fingerprints");
	}
	for (i = 0, rc = 0; i < n && rc == 0; i++) {
		rc = mr_store_text(s, ids[i], &text, err);
		if (rc > 0)
			rc = fn(ids[i], text.data, text.len, ctx);
	}
	free(ids);
	buf_release(&text);
	return rc < 0 ? -1 : 0;
}

int mr_store_drop_band_runs(struct mr_store *s, struct mr_err *err)
{
	return store_exec(s, "DELETE FROM band_keys; DELETE FROM band_runs; DELETE FROM band_filter;",
			  err);
}

int mr_store_each_bands(struct mr_store *s, int64_t after,
			void (*fn)(int64_t id, const uint64_t *bands, size_t n,
				   const struct mr_content_key *exact, void *ctx),
			void *ctx, struct mr_err *err)
{
	struct buf keys = BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT doc_id, bands, exact_key FROM dedup"
			       " WHERE doc_id > ? ORDER BY doc_id", -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read band keys");
	sqlite3_bind_int64(st, 1, after);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 1) / sizeof(uint64_t);
		struct mr_content_key exact;

		/* copied: a blob's bytes need not be aligned for uint64_t */
		buf_reset(&keys);
		buf_add(&keys, sqlite3_column_blob(st, 1), n * sizeof(uint64_t));
		memset(&exact, 0, sizeof(exact));
		if ((size_t)sqlite3_column_bytes(st, 2) == sizeof(exact.bytes))
			memcpy(exact.bytes, sqlite3_column_blob(st, 2), sizeof(exact.bytes));
		fn(sqlite3_column_int64(st, 0), (const uint64_t *)(void *)keys.data, n, &exact, ctx);
	}
	buf_release(&keys);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot read band keys");
}

int mr_store_band_runs(struct mr_store *s, int64_t *through, size_t *runs,
		       struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(last_doc), 0), count(*) FROM band_runs",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read band runs");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*through = sqlite3_column_int64(st, 0);
		*runs = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_db_error(s, err, "cannot read band runs");
}

int mr_store_add_band_run(struct mr_store *s, const struct mr_band_entry *e, size_t n,
			  int64_t last_doc, struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_RUN_KEY];
	int64_t run;
	size_t i;

	sqlite3_bind_int64(s->stmt[ST_ADD_RUN], 1, last_doc);
	if (step_done(s, s->stmt[ST_ADD_RUN], err, "cannot store band keys") < 0)
		return -1;
	run = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, run);
		/* keys are stored as signed: the same 64 bits */
		sqlite3_bind_int64(st, 2, (sqlite3_int64)e[i].key);
		sqlite3_bind_int64(st, 3, e[i].doc);
		if (step_done(s, st, err, "cannot store band keys") < 0)
			return -1;
	}
	return 0;
}

int mr_store_band_filter(struct mr_store *s, struct buf *bits, struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	buf_reset(bits);
	if (sqlite3_prepare_v2(s->db, "SELECT bits FROM band_filter WHERE id = 1", -1, &st,
			       NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read the band filter");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		buf_add(bits, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0
	       : store_db_error(s, err, "cannot read the band filter");
}

int mr_store_set_band_filter(struct mr_store *s, const void *bits, size_t len,
			     struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO band_filter (id, bits) VALUES (1, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot keep the band filter");
	sqlite3_bind_blob64(st, 1, bits, len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot keep the band filter");
}

int mr_store_each_band_key(struct mr_store *s, void (*fn)(uint64_t key, void *ctx),
			   void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT key FROM band_keys", -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot read band keys");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((uint64_t)sqlite3_column_int64(st, 0), ctx);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot read band keys");
}

int mr_store_find_band_key(struct mr_store *s, uint64_t key,
			   void (*fn)(int64_t doc, void *ctx), void *ctx,
			   struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_FIND_KEY];
	int rc;

	sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(sqlite3_column_int64(st, 0), ctx);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(s, err, "cannot look up band keys");
}

int64_t mr_store_group_of(struct mr_store *s, int64_t id)
{
	sqlite3_stmt *st = s->stmt[ST_GROUP_OF];
	int64_t g = id;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return g;
}

int mr_store_link(struct mr_store *s, int64_t a, int64_t b, enum mr_link kind,
		  double similarity, struct mr_err *err)
{
	static const char *const names[] = { "exact", "near", "contained" };
	sqlite3_stmt *st = s->stmt[ST_LINK];
	int64_t ga, gb;

	if (kind != MR_LINK_CONTAINED && a > b) {
		int64_t t = a;

		a = b;
		b = t;
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_text(st, 3, names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, similarity);
	if (step_done(s, st, err, "cannot store a duplicate link") < 0)
		return -1;
	if (kind == MR_LINK_CONTAINED)
		return 0;   /* contained is not the same story: no merge */
	/* union: both groups take the smaller id, so the members of a group do
	 * not depend on the order documents arrived in */
	ga = mr_store_group_of(s, a);
	gb = mr_store_group_of(s, b);
	st = s->stmt[ST_REGROUP];
	sqlite3_bind_int64(st, 1, ga < gb ? ga : gb);
	sqlite3_bind_int64(st, 2, ga);
	sqlite3_bind_int64(st, 3, gb);
	return step_done(s, st, err, "cannot group duplicates");
}

int mr_store_text(struct mr_store *s, int64_t id, struct buf *out,
		  struct mr_err *err)
{
	sqlite3_stmt *st = s->stmt[ST_TEXT];
	int rc;

	buf_reset(out);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		buf_add(out, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0
	       : store_db_error(s, err, "cannot read a document's text");
}

int mr_store_each_group(struct mr_store *s,
			int (*fn)(const struct mr_group_member *m, void *ctx),
			void *ctx, struct mr_err *err)
{
	sqlite3_stmt *st;
	int rc;

	/* members of groups of two or more; in each group the canonical first:
	 * the earliest publication, then the longest text, then the smallest
	 * content key — not the first stored, so that arrival order changes
	 * nothing */
	if (sqlite3_prepare_v2(s->db,
		"SELECT d.dup_group, d.id, coalesce(d.source, ''), coalesce(d.published, ''),"
		" coalesce(d.title, ''), length(d.text),"
		" (SELECT max(similarity) FROM dedup_links l WHERE l.a = d.id OR l.b = d.id)"
		" FROM documents d"
		" WHERE d.dup_group IN (SELECT dup_group FROM documents WHERE dup_group IS NOT NULL"
		"                       GROUP BY dup_group HAVING count(*) > 1)"
		" ORDER BY d.dup_group, d.published IS NULL, d.published, length(d.text) DESC, d.content_key",
		-1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot list duplicate groups");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mr_group_member m;

		m.group = sqlite3_column_int64(st, 0);
		m.id = sqlite3_column_int64(st, 1);
		m.source = (const char *)sqlite3_column_text(st, 2);
		m.published = (const char *)sqlite3_column_text(st, 3);
		m.title = (const char *)sqlite3_column_text(st, 4);
		m.text_bytes = (size_t)sqlite3_column_int64(st, 5);
		m.similarity = sqlite3_column_double(st, 6);
		if (fn(&m, ctx))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	       : store_db_error(s, err, "cannot list duplicate groups");
}
