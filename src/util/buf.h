/*
 * buf: the one growable byte buffer of Marsad.
 *
 * Every module that builds a string of unknown length builds it in a struct buf.
 * The data is always NUL-terminated (so it can be handed to C APIs as is), but
 * may also hold NUL bytes: len is the truth, not strlen().
 *
 * Allocation failure is not reported to the caller: like git's strbuf, buf
 * aborts the process with a message (see xalloc.h).  Code that would have to
 * unwind half-built state on ENOMEM is code that is never tested.
 */
#ifndef MARSAD_BUF_H
#define MARSAD_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data;   /* never NULL after buf_init: points at "" until grown */
	size_t len;
	size_t cap;   /* 0 while data points at the shared empty string */
};

#define BUF_INIT { (char *)buf_empty_, 0, 0 }
extern const char buf_empty_[1];

void buf_init(struct buf *b);
/* Frees the memory and leaves b empty and reusable. */
void buf_release(struct buf *b);
/* Hands the NUL-terminated data to the caller (who frees it) and empties b. */
char *buf_detach(struct buf *b, size_t *len);
/* Makes room for at least extra more bytes beyond len. */
void buf_grow(struct buf *b, size_t extra);
void buf_reset(struct buf *b);
void buf_truncate(struct buf *b, size_t len);

void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
/* Appends the UTF-8 encoding of a code point (U+FFFD for a non-character). */
void buf_add_utf8(struct buf *b, uint32_t cp);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static inline void buf_addch_fast(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

#endif
