/*
 * lexicon: a set of normalized words, each mapped to a value.
 *
 * The word lists in data/ (stop words, protected names) become lexicons.
 * Every word is put through the search normalization when it is added, so a
 * list that says إلى also catches الى and إلي; a list can never miss a token
 * because of how its author spelled it.
 *
 * A lexicon is built once and then only read: concurrent lookups are safe.
 */
#ifndef MARSAD_LEXICON_H
#define MARSAD_LEXICON_H

#include <stddef.h>

#include "../util/err.h"

struct mr_lexicon;

struct mr_lexicon *mr_lexicon_new(void);
void mr_lexicon_free(struct mr_lexicon *lex);

/* Adds key -> value (both already normalized); a key added twice keeps its
 * first value. */
void mr_lexicon_put(struct mr_lexicon *lex, const char *key, size_t key_len,
		    const char *value, size_t value_len);

/* The value of key, or NULL when key is not in the lexicon. */
const char *mr_lexicon_get(const struct mr_lexicon *lex, const char *key,
			   size_t key_len, size_t *value_len);

size_t mr_lexicon_size(const struct mr_lexicon *lex);

/* Calls fn for every entry, in no particular order. */
void mr_lexicon_foreach(const struct mr_lexicon *lex,
			void (*fn)(const char *key, size_t key_len,
				   const char *value, size_t value_len, void *ctx),
			void *ctx);

/*
 * Reads a word list: one entry a line, '#' to the end of a line is a comment.
 * With MR_LEX_WORDS every word on a line is a key mapped to itself.  With
 * MR_LEX_VARIANTS the first word of a line is the canonical spelling and
 * every word on the line (itself included) maps to it.  Words are normalized
 * for search before they are stored.  name is used in error messages only.
 */
enum mr_lex_format { MR_LEX_WORDS, MR_LEX_VARIANTS };
int mr_lexicon_load(struct mr_lexicon *lex, enum mr_lex_format format,
		    const char *name, const char *text, size_t n,
		    struct mr_err *err);

#endif
