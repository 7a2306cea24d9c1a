/*
 * The one error convention of Marsad.
 *
 * A function that can fail returns int: 0 on success, -1 on failure, and, when
 * the caller passed a non-NULL struct mr_err, fills it with what went wrong and
 * where.  Library code never prints; front-ends format an error as
 *
 *     marsad: FILE:LINE: message        (or FILE:@OFFSET: for byte offsets)
 *
 * with mr_err_print().  Out-of-memory is not an error here (see xalloc.h).
 */
#ifndef MARSAD_ERR_H
#define MARSAD_ERR_H

#include <stddef.h>
#include <stdio.h>

enum mr_err_code {
	MR_OK = 0,
	MR_E_INVALID,  /* the input is malformed: the rest of a batch can go on */
	MR_E_IO,       /* reading or writing failed */
	MR_E_USAGE,    /* the caller asked for something that cannot be done */
	MR_E_LIMIT,    /* the input exceeds a documented bound */
};

struct mr_err {
	enum mr_err_code code;
	size_t line;     /* 1-based; 0 when unknown */
	size_t offset;   /* byte offset; meaningful when has_offset */
	int has_offset;
	char msg[256];
};

/* Records an error (when err is not NULL) and returns -1, so that
 * `return mr_err_set(err, ...)` reads as what it does. */
int mr_err_set(struct mr_err *err, enum mr_err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int mr_err_at_line(struct mr_err *err, enum mr_err_code code, size_t line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int mr_err_at_offset(struct mr_err *err, enum mr_err_code code, size_t offset,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void mr_err_clear(struct mr_err *err);

/* "marsad: FILE:LINE: msg\n"; file may be NULL for errors about no file. */
void mr_err_print(FILE *to, const char *file, const struct mr_err *err);

#endif
