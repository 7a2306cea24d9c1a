/*
 * normalize: the two forms of a text.
 *
 * The search form is what matching sees: the tokens of the text (token.h),
 * each folded by the rules in fold.h, joined by one space.  Search,
 * duplicate detection and clustering compare search forms.
 *
 * The display form is what people see: the text as written, decoded (invalid
 * UTF-8 as U+FFFD), in NFC, with invisible controls (ZWNJ, bidi marks, BOM)
 * dropped.  Nothing else changes: harakat, tatweel and spelling stay.
 */
#ifndef MARSAD_NORMALIZE_H
#define MARSAD_NORMALIZE_H

#include <stddef.h>

#include "../util/buf.h"
#include "utf8.h"

enum mr_norm_form {
	MR_FORM_SEARCH,
	MR_FORM_DISPLAY,
};

/* Appends the chosen form of s[0..n) to out; report (may be NULL) counts the
 * invalid UTF-8 met.  The display form keeps line breaks; the search form has
 * none (a line break separates tokens like any space). */
void mr_normalize(enum mr_norm_form form, const char *s, size_t n,
		  struct buf *out, struct mr_utf8_report *report);

#endif
