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

/* Characters that NFC leaves alone whatever surrounds them: starters with no
 * canonical decomposition and that nothing composes with.  Almost all of an
 * Arabic news text is made of them, so NFC (utf8proc) runs only on the words
 * that hold something else — typically a haraka. */
static int nfc_inert(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (cp >= 0x600 && cp <= 0x6FF)
		return !((cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) ||
			 cp == 0x670 || (cp >= 0x6D6 && cp <= 0x6ED));
	return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
	       (cp >= 0x2010 && cp <= 0x2027) || cp == MR_REPLACEMENT;
}

static void nfc(const char *s, size_t n, struct buf *out)
{
	utf8proc_uint8_t *composed = NULL;
	utf8proc_ssize_t len;

	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
			   &composed, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len >= 0)
		buf_add(out, composed, (size_t)len);
	else   /* cannot happen on sanitized input; keep the text regardless */
		buf_add(out, s, n);
	free(composed);
}

static void display_form(const char *s, size_t n, struct buf *out,
			 struct mr_utf8_report *report)
{
	struct buf visible = BUF_INIT;
	const unsigned char *p;
	size_t word = 0, i = 0;
	int inert = 1;

	mr_utf8_sanitize_dropping(s, n, &visible, report, mr_is_invisible_control);
	p = (const unsigned char *)visible.data;
	/* NFC never reaches across a space (a starter that composes with
	 * nothing), so it can be applied one word at a time. */
	while (i <= visible.len) {
		uint32_t cp;
		int bad;

		if (i == visible.len || p[i] == ' ' || p[i] == '\n') {
			if (inert)
				buf_add(out, visible.data + word, i - word);
			else
				nfc(visible.data + word, i - word, out);
			if (i < visible.len)
				buf_addch(out, (char)p[i]);
			word = ++i;
			inert = 1;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		i += mr_utf8_next(p + i, visible.len - i, &cp, &bad);
		if (inert && !nfc_inert(cp))
			inert = 0;
	}
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
