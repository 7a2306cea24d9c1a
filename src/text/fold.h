/*
 * fold: what one code point becomes when text is read for matching.
 *
 * This is the table behind "normalization for search" (see README, section
 * "Normalization").  Each input code point folds to zero or more output code
 * points, each with a class that tells the tokenizer what to do with it.
 * Most code points fold to exactly one; Arabic presentation forms are first
 * put through NFKC (utf8proc), so a ligature such as U+FEFB (lam-alef) folds
 * to two letters and U+FDFA to a four-word phrase.
 *
 * Pure: no state, safe from any thread.
 */
#ifndef MARSAD_FOLD_H
#define MARSAD_FOLD_H

#include <stddef.h>
#include <stdint.h>

enum mr_cc {
	MR_CC_SEP = 0,      /* ends a token: space, punctuation, symbols */
	MR_CC_SKIP,         /* dropped without ending a token: harakat, tatweel */
	MR_CC_IGNORE,       /* dropped and invisible: ZWNJ, bidi marks, BOM */
	MR_CC_HAMZA_MARK,   /* combining hamza: folds a preceding و/ي into ء */
	MR_CC_MARK,         /* non-Arabic combining mark: kept inside a token */
	MR_CC_ARABIC,       /* Arabic-script letter */
	MR_CC_ALPHA,        /* any other letter (Latin, Greek, ...) or letter-like number */
	MR_CC_DIGIT,        /* decimal digit, folded to ASCII where it is Arabic */
	MR_CC_NUMSEP,       /* . , : / - and Arabic ٫ ٬ ؍: joins digits to digits */
};

struct mr_folded {
	uint32_t cp;        /* the folded code point */
	uint8_t cls;        /* enum mr_cc */
};

/* U+FDFA, the longest Arabic NFKC expansion, is 18 code points. */
#define MR_FOLD_MAX 24

/* Entry of the table for U+0000..U+007F and U+0600..U+06FF; to == 0 means
 * the code point folds to itself. */
struct mr_fold_entry {
	uint16_t to;
	uint8_t cls;
};
extern const struct mr_fold_entry mr_fold_ascii[128];
extern const struct mr_fold_entry mr_fold_arabic[256];

/* Zero-width and bidi controls, BOM and soft hyphen: invisible, and never
 * meant to split or change a word.  Both forms drop them. */
int mr_is_invisible_control(uint32_t cp);

/* Folds any code point; returns how many items it wrote to out. */
size_t mr_fold(uint32_t cp, struct mr_folded out[MR_FOLD_MAX]);

/* Folds one code point of the two tables above without a call. */
static inline int mr_fold_fast(uint32_t cp, struct mr_folded *out)
{
	const struct mr_fold_entry *e;

	if (cp < 0x80)
		e = &mr_fold_ascii[cp];
	else if (cp - 0x600u < 0x100u)
		e = &mr_fold_arabic[cp - 0x600u];
	else
		return 0;
	out->cp = e->to ? e->to : cp;
	out->cls = e->cls;
	return 1;
}

#endif
