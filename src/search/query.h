/*
 * query: what a user types, turned into an FTS5 MATCH expression.
 *
 * The language (README, "Search"):
 *   word            a word, in any of its spellings and light inflections
 *   "two words"     a phrase: the words in this order, next to each other
 *   A OR B          either (OR in capitals, between two terms)
 *   -word, -"..."   documents without it
 *   word*           words that begin so
 *   title:word      in the title only (also title:"a phrase", title:word*)
 * Terms side by side must all be there (MR_QUERY_ALL) or any of them, the
 * documents with more ranking higher (MR_QUERY_ANY).  MR_QUERY_PLAIN reads
 * the text as plain words, with no operator at all (a question pasted in).
 *
 * Words go to FTS5 as quoted strings of the user's own spelling; FTS5 runs
 * them through the marsad tokenizer (fts.h), the same steps as the text.
 * A term made only of stop words is dropped, since the index has none.
 *
 * Pure: memory in, memory out; errors name the place in the query.
 */
#ifndef MARSAD_QUERY_H
#define MARSAD_QUERY_H

#include <stddef.h>

#include "../text/analyzer.h"
#include "../util/buf.h"
#include "../util/err.h"

/* Longer queries are refused: no one types them, and FTS5's work grows
 * with every term. */
#define MR_QUERY_MAX_BYTES 1024
#define MR_QUERY_MAX_TERMS 64

enum {
	MR_QUERY_ALL = 0,
	MR_QUERY_ANY = 1,     /* terms side by side are alternatives */
	MR_QUERY_PLAIN = 2,   /* no operators: every word a term */
};

/* Writes the MATCH expression of query to match (replacing its contents);
 * returns 0, or -1 with err saying what is wrong and where. */
int mr_query_parse(const struct mr_analyzer *a, const char *query, size_t len,
		   int flags, struct buf *match, struct mr_err *err);

/* What the index knows of its words, for ranking (the store asks FTS5). */
struct mr_query_stats {
	long long documents;   /* about: a share of it tells rare words */
	/* In how many documents a term (the user's spelling of one word) is;
	 * -1 when it cannot say. */
	long long (*df)(const char *word, size_t len, void *ctx);
	void *ctx;
};

/* Words in at most this share of the documents are rare. */
#ifndef MR_RARE_SHARE
#define MR_RARE_SHARE 0.03
#endif

/*
 * As mr_query_parse, and writes to rank_args the argument marsad_rank
 * (fts.h) takes for the expression: the number of documents of each of its
 * phrases in order, "?" where it must be counted while ranking, "-" for a
 * phrase that does not count.
 *
 * With MR_QUERY_ANY, when some words are rare and others are not, only the
 * documents holding a rare word are ranked: a document with common words
 * alone ranks low anyway, and there are many of them (a question's «عام»,
 * «الأول»), so ranking them all costs most of a query's time.  The
 * expression then reads (RARE) AND (RARE OR COMMON); the second copies of
 * the rare words weigh 0, so that each word counts once.
 */
int mr_query_parse_ranked(const struct mr_analyzer *a, const char *query, size_t len,
			  int flags, const struct mr_query_stats *stats,
			  struct buf *match, struct buf *rank_args, struct mr_err *err);

#endif
