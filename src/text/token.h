/*
 * token: the words of a text, as the index sees them, with where they stand.
 *
 * The tokenizer walks the original bytes once.  Each token carries its
 * normalized (folded) form and the byte range [start, end) it came from in the
 * original text, so that search can highlight the words as they were written.
 * Slicing the original at [start, end) and normalizing the slice gives the
 * token back (tests/unit/test_token.c checks this on every case and, when
 * ../shared/data is present, on real news).
 *
 * Rules (README, "Tokens"):
 *  - a token is a run of letters and digits; separators are spaces,
 *    punctuation (Arabic ، ؛ ؟ included), symbols and every quote style;
 *  - harakat, tatweel and invisible controls (ZWNJ, bidi marks) are dropped
 *    without splitting the word they sit in;
 *  - a change between Arabic script and another script splits a token
 *    (الـCIA -> ال, cia; 2015م -> 2015, م); Latin letters and digits stay
 *    together (mp3, covid19);
 *  - digits joined by . , : / - or Arabic ٫ ٬ ؍ stay one token when a digit
 *    follows the joiner: 13-06-2018, 3.5, 1,000, 12:30;
 *  - a run of three or more of the same Arabic letter keeps two;
 *  - a token longer than MR_TOKEN_MAX bytes (normalized) is cut there and
 *    goes on as a new token, as Lucene's standard tokenizer does at 255.
 *
 * Pure: the tokenizer keeps its state in the struct the caller owns; it
 * allocates nothing.
 */
#ifndef MARSAD_TOKEN_H
#define MARSAD_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "utf8.h"

#define MR_TOKEN_MAX 255

enum mr_token_kind {
	MR_TOK_ARABIC = 1,
	MR_TOK_ALPHA,     /* other scripts, possibly with digits (covid19) */
	MR_TOK_NUMBER,    /* digits, possibly with joiners (13-06-2018) */
};

struct mr_token {
	const char *text;        /* normalized form, NUL-terminated, valid until
				  * the next call on the same tokenizer */
	size_t len;
	size_t start, end;       /* byte range in the original text */
	enum mr_token_kind kind;
	size_t position;         /* 0-based ordinal of the token in the text */
};

struct mr_tokenizer {
	const unsigned char *s;
	size_t n;
	size_t pos;              /* next byte to decode */
	size_t count;            /* tokens returned so far */
	struct mr_utf8_report report;  /* invalid UTF-8 met so far */
	/* an expansion (presentation form) that a token ended inside of */
	struct mr_folded pending[MR_FOLD_MAX];
	size_t pending_len, pending_next;
	size_t pending_start, pending_end;
	char text[MR_TOKEN_MAX + 8];
};

void mr_tokenizer_init(struct mr_tokenizer *t, const char *s, size_t n);

/* Fills tok with the next token and returns 1, or returns 0 at the end. */
int mr_tokenizer_next(struct mr_tokenizer *t, struct mr_token *tok);

#endif
