#include "cli.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "../util/buf.h"

/* Where to cut a piece of a long line: after the last space, else before the
 * last UTF-8 lead byte, so no character and (almost) no word is split. */
static size_t cut_point(const char *s, size_t n)
{
	size_t i = n;

	while (i > n / 2) {
		i--;
		if (s[i] == ' ' || s[i] == '\t')
			return i + 1;
	}
	i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xC0)
		i--;
	return i ? i : n;
}

int for_each_segment(FILE *f,
		     int (*fn)(const char *s, size_t n, size_t offset, int eol,
			       void *ctx),
		     void *ctx)
{
	struct buf pending = BUF_INIT;
	size_t offset = 0;   /* stream offset of pending.data[0] */
	int rc = 0;

	for (;;) {
		size_t start = 0;
		ssize_t got;
		char *nl;

		buf_grow(&pending, SEGMENT_MAX);
		/* read(), not fread(): a line typed at a terminal or written
		 * by a slow producer is handled as soon as it arrives */
		got = read(fileno(f), pending.data + pending.len, SEGMENT_MAX);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			goto out;
		}
		pending.len += (size_t)got;
		pending.data[pending.len] = '\0';
		while ((nl = memchr(pending.data + start, '\n',
				    pending.len - start))) {
			size_t len = (size_t)(nl - (pending.data + start));

			if ((rc = fn(pending.data + start, len, offset + start, 1, ctx)))
				goto out;
			start += len + 1;
		}
		if (got == 0) {
			if (pending.len > start)
				rc = fn(pending.data + start, pending.len - start,
					offset + start, 0, ctx);
			goto out;
		}
		if (pending.len - start >= SEGMENT_MAX) {
			size_t cut = cut_point(pending.data + start,
					       pending.len - start);

			if ((rc = fn(pending.data + start, cut, offset + start, 0, ctx)))
				goto out;
			start += cut;
		}
		memmove(pending.data, pending.data + start, pending.len - start);
		pending.len -= start;
		offset += start;
	}
out:
	buf_release(&pending);
	return rc ? -1 : 0;
}
