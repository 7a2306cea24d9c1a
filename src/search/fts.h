/*
 * fts: Marsad's text core as an SQLite FTS5 tokenizer.
 *
 * Registered on a connection under the name "marsad", it gives FTS5 the
 * words of a text as the index keeps them — normalized, stop words left
 * out, each reduced to its light stem (analyzer.h) — with the byte range
 * each word has in the original text, so that FTS5's highlight() and
 * snippet() mark the words as they were written.  Queries go through the
 * same steps, so سوريا finds سورية and الإيرانية finds إيراني.
 *
 * Positions advance only on the words kept: a phrase written with a stop
 * word inside («وزير الخارجية في لبنان») matches the text it came from.
 */
#ifndef MARSAD_FTS_H
#define MARSAD_FTS_H

#include <sqlite3.h>

#include "../text/analyzer.h"
#include "../util/err.h"
#include "query.h"

#define MR_FTS_TOKENIZER "marsad"
#define MR_FTS_RANK "marsad_rank"

/*
 * The ranking function, registered with the tokenizer:
 *
 *   ORDER BY marsad_rank(table, 'TABLE', 'COUNTS', column weight, ...)
 *
 * BM25 (k1 0.9, b 0.4, column weights as FTS5's bm25() takes them), with
 * each phrase's IDF given in WEIGHTS (mr_query_parse_ranked) instead of
 * counted while ranking: FTS5's own bm25() counts each phrase's documents
 * by walking all of them, which costs more than ranking the matches.  A
 * "?" is counted that way; a phrase past the list weighs 0.  Lower is
 * better, as with bm25().
 */

/* The FTS5 API of a connection (the documented way: SELECT fts5(?)), NULL
 * when this SQLite has no FTS5. */
fts5_api *mr_fts5_api(sqlite3 *db);

/* Registers the tokenizer and the ranking function on db; they live as
 * long as the connection. */
int mr_fts_register(sqlite3 *db, struct mr_err *err);

/* Word statistics of an FTS5 table on the marsad tokenizer, through a
 * temporary fts5vocab table of the connection: what mr_query_parse_ranked
 * asks (query.h). */
struct mr_fts_stats;
struct mr_fts_stats *mr_fts_stats_new(sqlite3 *db, const char *table, struct mr_err *err);
void mr_fts_stats_free(struct mr_fts_stats *s);
/* Fills q for a query: the number of documents now indexed (the largest
 * rowid: documents are numbered from 1 and never deleted) and the lookup,
 * which stems words with a (the index's analyzer, alive while q is used). */
void mr_fts_stats_get(struct mr_fts_stats *s, const struct mr_analyzer *a,
		      struct mr_query_stats *q);

#endif
