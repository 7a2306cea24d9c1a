#include "utf8.h"

/* The one loop over a buffer's code points: reports invalid sequences and,
 * when out is given, copies the text with U+FFFD in their place and without
 * the code points drop() says to leave out.  Runs of good bytes are copied
 * in one piece. */
static int scan(const char *s, size_t n, struct buf *out,
		struct mr_utf8_report *report, int (*drop)(uint32_t cp))
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	int ok = 1;

	while (i < n) {
		uint32_t cp;
		int bad;
		size_t len;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = mr_utf8_next(p + i, n - i, &cp, &bad);
		if (bad) {
			ok = 0;
			mr_utf8_note(report, i);
		}
		if (out && (bad || (drop && drop(cp)))) {
			buf_add(out, s + run, i - run);
			if (bad)
				buf_add(out, "\xEF\xBF\xBD", 3);
			run = i + len;
		}
		i += len;
	}
	if (out)
		buf_add(out, s + run, n - run);
	return ok;
}

int mr_utf8_validate(const char *s, size_t n, struct mr_utf8_report *report)
{
	return scan(s, n, NULL, report, NULL);
}

void mr_utf8_sanitize(const char *s, size_t n, struct buf *out,
		      struct mr_utf8_report *report)
{
	scan(s, n, out, report, NULL);
}

void mr_utf8_sanitize_dropping(const char *s, size_t n, struct buf *out,
			       struct mr_utf8_report *report,
			       int (*drop)(uint32_t cp))
{
	scan(s, n, out, report, drop);
}

size_t mr_utf8_len(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (cp < 0x800)
		return 2;
	if (cp < 0x10000 || cp > 0x10FFFF)
		return 3;
	return 4;
}
