#include "corpus.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../src/util/xalloc.h"

static void add_line(struct corpus *c, const char *line, size_t len,
		     const char *field, size_t *cap)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, 0, &jerr);
	json_t *v = o ? json_object_get(o, field) : NULL;

	if (v && json_is_string(v)) {
		if (c->count == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			c->start = xrealloc(c->start, *cap * sizeof(*c->start));
		}
		c->start[c->count++] = c->text.len;
		buf_add(&c->text, json_string_value(v), json_string_length(v));
		buf_addch(&c->text, '\0');
		c->bytes += json_string_length(v);
	}
	json_decref(o);
}

int corpus_load(struct corpus *c, const char *path, const char *field,
		size_t limit)
{
	gzFile f = gzopen(path, "rb");   /* reads plain files as they are */
	struct buf pending = BUF_INIT;
	size_t cap = 0;
	char chunk[1 << 16];
	int got;

	memset(c, 0, sizeof(*c));
	buf_init(&c->text);
	if (!f) {
		fprintf(stderr, "bench: %s: cannot open\n", path);
		return -1;
	}
	while ((got = gzread(f, chunk, sizeof(chunk))) > 0) {
		size_t start = 0;
		char *nl;

		buf_add(&pending, chunk, (size_t)got);
		while ((nl = memchr(pending.data + start, '\n', pending.len - start))) {
			add_line(c, pending.data + start,
				 (size_t)(nl - pending.data) - start, field, &cap);
			start = (size_t)(nl - pending.data) + 1;
			if (limit && c->count >= limit)
				goto done;
		}
		memmove(pending.data, pending.data + start, pending.len - start);
		buf_truncate(&pending, pending.len - start);
	}
	if (pending.len && (!limit || c->count < limit))
		add_line(c, pending.data, pending.len, field, &cap);
done:
	gzclose(f);
	buf_release(&pending);
	if (got < 0) {
		fprintf(stderr, "bench: %s: read error\n", path);
		return -1;
	}
	return 0;
}

void corpus_free(struct corpus *c)
{
	buf_release(&c->text);
	free(c->start);
	memset(c, 0, sizeof(*c));
}
