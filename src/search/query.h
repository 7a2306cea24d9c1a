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

#endif
