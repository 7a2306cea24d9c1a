/*
 * Allocation that never returns NULL.  On exhaustion the process prints
 * "marsad: out of memory" and exits with status 2: there is no sane recovery
 * for a command-line tool, and SQLite's own transactions keep the database
 * consistent when we stop abruptly.
 */
#ifndef MARSAD_XALLOC_H
#define MARSAD_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

#endif
