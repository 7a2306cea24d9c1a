/*
 * store: the archive in SQLite — the only module that speaks SQL.
 *
 * WAL mode, one writer and many readers.  Writes happen in batches, each a
 * transaction (mr_store_begin / mr_store_commit): a killed ingest loses at
 * most the batch in flight and never leaves half a document, and a re-run
 * skips what is already stored because every document carries a content key
 * (XXH3-128 of its original bytes).
 *
 * The schema is versioned with PRAGMA user_version; opening a database runs
 * the migrations it lacks, each in its own transaction.
 */
#ifndef MARSAD_STORE_H
#define MARSAD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../clean/clean.h"
#include "../dedup/bandindex.h"
#include "../util/buf.h"
#include "../util/err.h"

#define MR_SCHEMA_VERSION 7

/* How much more a word in the title counts than one in the text (BM25
 * column weight; bench/RESULTS.md, "Retrieval"). */
#define MR_TITLE_WEIGHT "3.0"

struct mr_store;

enum mr_store_mode { MR_STORE_READ, MR_STORE_WRITE };

int mr_store_open(const char *path, enum mr_store_mode mode,
		  struct mr_store **out, struct mr_err *err);
void mr_store_close(struct mr_store *s);

int mr_store_begin(struct mr_store *s, struct mr_err *err);
int mr_store_commit(struct mr_store *s, struct mr_err *err);
void mr_store_rollback(struct mr_store *s);

struct mr_content_key {
	uint8_t bytes[16];
};
struct mr_content_key mr_content_key_of(const void *raw, size_t n);

/* 1 when a document with this key is stored, 0 when not, -1 on error. */
int mr_store_has(struct mr_store *s, const struct mr_content_key *key,
		 struct mr_err *err);

enum mr_doc_kind { MR_DOC_ARTICLE, MR_DOC_TEASER, MR_DOC_PAGE_ARTICLE };
const char *mr_doc_kind_name(enum mr_doc_kind k);

/* One document to store.  text is the cleaned text; removed spans are byte
 * offsets into decoded, the record's text in its display form (decoded to
 * UTF-8, NFC, invisible controls dropped).  decoded is not stored: reading
 * the raw bytes again (same reader, decoder and display form) gives it back,
 * and the text of each removed span is stored beside its offsets. */
struct mr_doc {
	struct mr_content_key key;
	enum mr_doc_kind kind;
	int64_t page_id;             /* the page a fragment came from, or 0 */
	const char *source;          /* outlet, may be NULL */
	const char *origin_file;     /* path as given, "-" for stdin */
	size_t origin_record, origin_line, origin_offset;
	const char *encoding;
	const char *raw;             /* the original bytes */
	size_t raw_len;
	const char *decoded;         /* the input text as UTF-8 */
	size_t decoded_len;
	const struct mr_cleaned *cleaned;   /* text, spans and metadata */
	const char *text;            /* the cleaned text (cleaned->text, or a fragment's) */
	size_t text_len;
	const char *title, *url, *date_raw;  /* from the record, may be NULL */
};

/* Stores d; *id gets its row id. */
int mr_store_add(struct mr_store *s, const struct mr_doc *d, int64_t *id,
		 struct mr_err *err);

struct mr_stats {
	int64_t documents, articles, teasers, page_articles;
	int64_t sources, removed_spans;
	int64_t raw_bytes, text_bytes;
	int64_t dated, titled;
	int64_t db_bytes;
	int schema_version;
};
int mr_store_stats(struct mr_store *s, struct mr_stats *st, struct mr_err *err);

/* Counts of documents by source, for `marsad stats`. */
int mr_store_each_source(struct mr_store *s,
			 int (*fn)(const char *source, int64_t docs, void *ctx),
			 void *ctx, struct mr_err *err);

/* One stored document, as `marsad show` prints it.  Strings are owned by
 * the struct; release with mr_stored_release. */
struct mr_stored_span {
	size_t start, end;
	char *reason;
	char *text;
};
struct mr_stored_link {
	int64_t other;
	char *relation;          /* "exact copy", "near copy", "contained in", "contains" */
	double similarity;
};
struct mr_stored {
	int64_t id, page_id, group;
	char *kind, *source, *origin_file, *encoding, *title, *url, *author;
	char *published, *published_hijri, *agency, *dateline, *date_raw;
	char *text, *ingested_at;
	size_t origin_record, origin_line, origin_offset, raw_len;
	struct mr_stored_span *spans;
	size_t n_spans;
	int64_t *fragments;          /* ids of the documents cut from this page */
	size_t n_fragments;
	struct mr_stored_link *links;  /* its copies and containers */
	size_t n_links;
};
/* 1 found, 0 no such document, -1 error. */
int mr_store_get(struct mr_store *s, int64_t id, struct mr_stored *out,
		 struct mr_err *err);
void mr_stored_release(struct mr_stored *d);

/* Learned boilerplate: record that a line (by hash) appeared in one more
 * document of source; and ask whether it appeared in at least threshold. */
int mr_store_count_line(struct mr_store *s, const char *source,
			unsigned long long hash, struct mr_err *err);
int mr_store_line_count(struct mr_store *s, const char *source,
			unsigned long long hash);

/* ---- duplicates (src/dedup computes, the store keeps) ---- */

/* Stores a document's fingerprint: the key of its exact search form, its
 * shingle count and its index keys (its MR_BANDS LSH band keys, then its
 * sampled shingles). */
int mr_store_dedup_add(struct mr_store *s, int64_t id,
		       const struct mr_content_key *exact, size_t shingles,
		       const uint64_t *bands, size_t n_bands, struct mr_err *err);

/* Calls fn, in id order, with the band keys and exact key of every
 * fingerprinted document after id `after` (the documents no run covers). */
int mr_store_each_bands(struct mr_store *s, int64_t after,
			void (*fn)(int64_t id, const uint64_t *bands, size_t n,
				   const struct mr_content_key *exact, void *ctx),
			void *ctx, struct mr_err *err);

/* Calls fn with the cleaned text of every document whose fingerprint was
 * made with another shingle hashing than MR_SIGNATURE_VERSION; fn returns
 * 0, or -1 to stop (with err set). */
int mr_store_each_stale_fingerprint(struct mr_store *s,
				    int (*fn)(int64_t id, const char *text, size_t len, void *ctx),
				    void *ctx, struct mr_err *err);
/* Forgets every run of band keys and their filter (the fingerprints stay). */
int mr_store_drop_band_runs(struct mr_store *s, struct mr_err *err);

/* Band keys on disk, in runs (see the schema).  *through: the last
 * document the runs cover (0 when there are none); *runs: how many. */
int mr_store_band_runs(struct mr_store *s, int64_t *through, size_t *runs,
		       struct mr_err *err);
/* Appends entries (sorted by key) as a run that ends at document last_doc. */
int mr_store_add_band_run(struct mr_store *s, const struct mr_band_entry *e, size_t n,
			  int64_t last_doc, struct mr_err *err);
/* The Bloom filter of the runs' keys as last kept: 1 and its bits, 0 when
 * none is kept, -1 on error. */
int mr_store_band_filter(struct mr_store *s, struct buf *bits, struct mr_err *err);
/* Keeps the filter (with the run just written, in its transaction). */
int mr_store_set_band_filter(struct mr_store *s, const void *bits, size_t len,
			     struct mr_err *err);
/* Calls fn with every key of every run. */
int mr_store_each_band_key(struct mr_store *s, void (*fn)(uint64_t key, void *ctx),
			   void *ctx, struct mr_err *err);
/* Calls fn with every document a run holds under key. */
int mr_store_find_band_key(struct mr_store *s, uint64_t key,
			   void (*fn)(int64_t doc, void *ctx), void *ctx,
			   struct mr_err *err);

enum mr_link { MR_LINK_EXACT, MR_LINK_NEAR, MR_LINK_CONTAINED };

/* Records a verified pair; exact and near pairs merge their groups,
 * contained (a inside b) only links. */
int mr_store_link(struct mr_store *s, int64_t a, int64_t b, enum mr_link kind,
		  double similarity, struct mr_err *err);

/* The group of a document: the smallest id among its copies, its own id
 * when it has none (write mode). */
int64_t mr_store_group_of(struct mr_store *s, int64_t id);

/* The cleaned text of a document: 1 found, 0 not, -1 error (write mode). */
int mr_store_text(struct mr_store *s, int64_t id, struct buf *out,
		  struct mr_err *err);

struct mr_group_member {
	int64_t group, id;
	const char *source, *published, *title;
	size_t text_bytes;
	double similarity;        /* the best similarity of its links */
};
/* Every member of every group of two or more, group by group, each group's
 * canonical document first (earliest publication, then the longest text,
 * then the smallest content key, so that the order documents arrived in
 * does not decide). */
int mr_store_each_group(struct mr_store *s,
			int (*fn)(const struct mr_group_member *m, void *ctx),
			void *ctx, struct mr_err *err);

/* ---- search (the MATCH expression comes from src/search/query.h) ---- */

/* Around each matched word in a snippet: bytes that UTF-8 text never holds
 * alone, for the front-ends to turn into their own marks. */
#define MR_MARK_OPEN '\x02'
#define MR_MARK_CLOSE '\x03'

struct mr_search_request {
	const char *match;         /* FTS5 expression (mr_query_parse_ranked) */
	const char *rank_args;     /* its ranking argument (the same) */
	const char *from, *to;     /* publication dates, YYYY-MM-DD, inclusive; may be NULL */
	const char *source;        /* may be NULL */
	int by_date;               /* newest first instead of best first */
	size_t offset, limit;      /* results (groups) to skip and to give */
};

struct mr_search_hit {
	int64_t id, group;
	const char *title, *source, *published;   /* "" when unknown */
	const char *snippet;       /* with MR_MARK_OPEN / MR_MARK_CLOSE */
	size_t copies;             /* documents in its group (1: no copy) */
	double score;              /* BM25, lower is better (FTS5's sign) */
};

/* Finds the documents of a request, one per group of copies (the best
 * ranked member stands for its group), calls fn for each of the requested
 * page and sets *total to the number of results (groups) in all.  An
 * expression FTS5 rejects is an MR_E_INVALID error. */
int mr_store_search(struct mr_store *s, const struct mr_search_request *r,
		    int (*fn)(const struct mr_search_hit *hit, void *ctx), void *ctx,
		    size_t *total, struct mr_err *err);

/* The word statistics of the search index, for mr_query_parse_ranked
 * (valid until the next call or mr_store_close). */
struct mr_analyzer;
struct mr_query_stats;
int mr_store_query_stats(struct mr_store *s, const struct mr_analyzer *a,
			 struct mr_query_stats *out, struct mr_err *err);

/* Rebuilds the search index from the stored documents (after the analyzer
 * changed); run inside a write transaction. */
int mr_store_reindex(struct mr_store *s, struct mr_err *err);

#endif
