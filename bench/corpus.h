/*
 * Loading a benchmark corpus: the `content` field of every line of a JSON
 * Lines file, gzip-compressed or not (SaudiNewsNet), into one buffer, each
 * document followed by a NUL.
 */
#ifndef MARSAD_BENCH_CORPUS_H
#define MARSAD_BENCH_CORPUS_H

#include <stddef.h>

#include "../src/util/buf.h"

struct corpus {
	struct buf text;        /* documents, each followed by '\0' */
	size_t *start;          /* offset of each document in text */
	size_t count;
	size_t bytes;           /* UTF-8 bytes of all documents, NULs excluded */
};

/* Reads field of each JSON line of path (at most limit documents when limit
 * is not 0); returns -1 with a message on stderr when it cannot. */
int corpus_load(struct corpus *c, const char *path, const char *field,
		size_t limit);
void corpus_free(struct corpus *c);

static inline const char *corpus_doc(const struct corpus *c, size_t i,
				     size_t *len)
{
	size_t end = i + 1 < c->count ? c->start[i + 1] - 1 : c->text.len - 1;

	*len = end - c->start[i];
	return c->text.data + c->start[i];
}

#endif
