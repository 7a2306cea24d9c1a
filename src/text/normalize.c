#include "normalize.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "fold.h"
#include "token.h"

static void search_form(const char *s, size_t n, struct buf *out,
			struct mr_utf8_report *report)
{
	struct mr_tokenizer t;
	struct mr_token tok;
	int first = 1;

	mr_tokenizer_init(&t, s, n);
	while (mr_tokenizer_next(&t, &tok)) {
		if (!first)
			buf_addch_fast(out, ' ');
		buf_add(out, tok.text, tok.len);
		first = 0;
	}
	if (report && t.report.invalid) {
		if (report->invalid == 0)
			report->first_offset = t.report.first_offset;
		report->invalid += t.report.invalid;
	}
}

/* Sanitized UTF-8 with the invisible controls left out. */
static void visible_utf8(const char *s, size_t n, struct buf *out,
			 struct mr_utf8_report *report)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		uint32_t cp;
		int bad;
		size_t len;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = mr_utf8_next(p + i, n - i, &cp, &bad);
		if (bad || mr_is_invisible_control(cp)) {
			buf_add(out, s + run, i - run);
			if (bad) {
				buf_add(out, "\xEF\xBF\xBD", 3);
				mr_utf8_note(report, i);
			}
			run = i + len;
		}
		i += len;
	}
	buf_add(out, s + run, n - run);
}

static void display_form(const char *s, size_t n, struct buf *out,
			 struct mr_utf8_report *report)
{
	struct buf visible = BUF_INIT;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len;

	visible_utf8(s, n, &visible, report);
	len = utf8proc_map((const utf8proc_uint8_t *)visible.data,
			   (utf8proc_ssize_t)visible.len, &nfc,
			   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len >= 0)
		buf_add(out, nfc, (size_t)len);
	else   /* cannot happen on sanitized input; keep the text regardless */
		buf_add(out, visible.data, visible.len);
	free(nfc);
	buf_release(&visible);
}

void mr_normalize(enum mr_norm_form form, const char *s, size_t n,
		  struct buf *out, struct mr_utf8_report *report)
{
	if (form == MR_FORM_SEARCH)
		search_form(s, n, out, report);
	else
		display_form(s, n, out, report);
}
