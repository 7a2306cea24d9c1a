/*
 * analyzer: what the index keeps of a token — whether it is a stop word and
 * its light stem.
 *
 * An analyzer is built once from three word lists (by default the ones in
 * data/, compiled into the binary) and is read-only afterwards, so one
 * analyzer can serve every thread.
 *
 * The light stemmer (README, "Stems") works on the normalized token:
 *   1. a protected word (data/protected.txt: names and places, with their
 *      spelling variants) is returned as its canonical spelling;
 *   2. the conjunction و is taken off when at least three letters remain,
 *      unless what follows is a word whose و belongs to the root
 *      (data/waw-initial.txt: وزير، وطن، ولاية ...);
 *   3. the article and its compounds ال بال كال فال لل come off when at least
 *      two letters remain; a single ب ك ل ف comes off only in front of a
 *      protected word (بسوريا -> سوريا but برنامج stays);
 *   4. the suffixes ها ان ات ون ين يه ه ي come off, in that order, each at
 *      most once, when at least three letters remain.
 * After every step, a protected word stops the stemmer.  Tokens that are not
 * Arabic are returned unchanged.
 */
#ifndef MARSAD_ANALYZER_H
#define MARSAD_ANALYZER_H

#include <stddef.h>

#include "../util/err.h"
#include "token.h"

struct mr_analyzer;

/* The analyzer of the word lists compiled in from data/. */
struct mr_analyzer *mr_analyzer_new_default(struct mr_err *err);

/* An analyzer of given word lists (see lexicon.h for their format); any of
 * them may be NULL for an empty list. */
struct mr_word_lists {
	const char *stopwords;   size_t stopwords_len;
	const char *protected_;  size_t protected_len;
	const char *waw_initial; size_t waw_initial_len;
};
struct mr_analyzer *mr_analyzer_new(const struct mr_word_lists *lists,
				    struct mr_err *err);
void mr_analyzer_free(struct mr_analyzer *a);

/* token is a normalized token (a mr_token's text). */
int mr_analyzer_is_stop(const struct mr_analyzer *a, const char *token,
			size_t len);

/* Writes the stem of token to out (room for MR_TOKEN_MAX + 1 bytes, NUL
 * terminated) and returns its length. */
size_t mr_analyzer_stem(const struct mr_analyzer *a, const char *token,
			size_t len, char *out);

/* Sizes of the loaded lists, for `marsad stats` and the tests. */
size_t mr_analyzer_stopword_count(const struct mr_analyzer *a);
size_t mr_analyzer_protected_count(const struct mr_analyzer *a);

#endif
