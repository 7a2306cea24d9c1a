/*
 * UTF-8 decoding that never trusts its input.
 *
 * Invalid sequences (a stray continuation byte, a bad continuation, an
 * overlong form, a surrogate, a value above U+10FFFF, a sequence cut off by
 * the end of the buffer) decode to U+FFFD.  Following Unicode's "maximal
 * subpart" practice (the W3C/WHATWG decoder), each maximal prefix of a
 * would-be sequence counts as one error, so `E2 82` followed by `A` is one
 * U+FFFD then `A`, and the decoder never reads past n.
 */
#ifndef MARSAD_UTF8_H
#define MARSAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

#define MR_REPLACEMENT 0xFFFDu

/* What a pass over a buffer found wrong with it. */
struct mr_utf8_report {
	size_t invalid;        /* number of invalid sequences replaced */
	size_t first_offset;   /* byte offset of the first one; valid if invalid > 0 */
};

/*
 * Decodes one code point from s[0..n) (n >= 1) into *cp and returns the number
 * of bytes it used (1..4).  *cp is MR_REPLACEMENT for an invalid sequence;
 * *bad is set to 1 then (and 0 otherwise) so that a literal U+FFFD in the
 * input is not mistaken for an error.
 */
static inline size_t mr_utf8_next(const unsigned char *s, size_t n,
				  uint32_t *cp, int *bad);

/* Adds one error at offset to the report. */
static inline void mr_utf8_note(struct mr_utf8_report *r, size_t offset)
{
	if (r && r->invalid++ == 0)
		r->first_offset = offset;
}

/* Returns 1 when s[0..n) is valid UTF-8; fills report (may be NULL). */
int mr_utf8_validate(const char *s, size_t n, struct mr_utf8_report *report);

/* Appends s[0..n) to out as valid UTF-8, invalid sequences as U+FFFD. */
void mr_utf8_sanitize(const char *s, size_t n, struct buf *out,
		      struct mr_utf8_report *report);

/* The same, leaving out the (valid) code points for which drop() is true. */
void mr_utf8_sanitize_dropping(const char *s, size_t n, struct buf *out,
			       struct mr_utf8_report *report,
			       int (*drop)(uint32_t cp));

/* Number of bytes of the UTF-8 encoding of cp (U+FFFD's for invalid cp). */
size_t mr_utf8_len(uint32_t cp);

/* ---- implementation of the inline decoder ---- */

static inline size_t mr_utf8_next(const unsigned char *s, size_t n,
				  uint32_t *cp, int *bad)
{
	unsigned char c = s[0];
	uint32_t v;
	size_t need, i;
	unsigned char lo = 0x80, hi = 0xBF;

	*bad = 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;          /* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F;          /* surrogates U+D800..U+DFFF */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;          /* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F;          /* above U+10FFFF */
	} else {
		/* continuation byte, C0/C1 (always overlong) or F5..FF */
		*cp = MR_REPLACEMENT;
		*bad = 1;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		unsigned char b;

		if (i >= n)
			goto invalid;
		b = s[i];
		if (b < lo || b > hi)
			goto invalid;
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (b & 0x3F);
	}
	*cp = v;
	return need + 1;
invalid:
	*cp = MR_REPLACEMENT;
	*bad = 1;
	return i;   /* the maximal subpart: the lead and the good continuations */
}

#endif
