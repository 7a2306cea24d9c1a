#include "utf8.h"

int mr_utf8_validate(const char *s, size_t n, struct mr_utf8_report *report)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
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
		i += len;
	}
	return ok;
}

void mr_utf8_sanitize(const char *s, size_t n, struct buf *out,
		      struct mr_utf8_report *report)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	buf_grow(out, n);
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
			buf_add(out, s + run, i - run);
			buf_add(out, "\xEF\xBF\xBD", 3);
			mr_utf8_note(report, i);
			run = i + len;
		}
		i += len;
	}
	buf_add(out, s + run, n - run);
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
