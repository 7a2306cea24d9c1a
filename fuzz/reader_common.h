/* Shared by the reader targets: feed the input in chunks of a size taken from
 * its first byte (so that records split at every place get tried), and touch
 * every byte the callback is given (so that ASan sees a field pointing
 * outside the input). */
#ifndef MARSAD_FUZZ_READER_COMMON_H
#define MARSAD_FUZZ_READER_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/ingest/reader.h"

static int fuzz_touch(const struct mr_record *rec, const struct mr_err *err, void *ctx)
{
	size_t *sum = ctx;
	size_t i, f;

	(void)err;
	for (i = 0; i < rec->raw_len; i++)
		*sum += (unsigned char)rec->raw[i];
	for (f = 0; f < MR_F_COUNT; f++) {
		if (!rec->field[f])
			continue;
		for (i = 0; i < rec->field_len[f]; i++)
			*sum += (unsigned char)rec->field[f][i];
	}
	return 0;
}

static inline void fuzz_read(enum mr_format format, const uint8_t *data, size_t size)
{
	struct mr_reader *r;
	size_t sum = 0, chunk, at;

	if (size == 0)
		return;
	/* 0 feeds it whole; 1..255 bytes at a time otherwise */
	chunk = data[0] ? data[0] : size;
	data++;
	size--;
	r = mr_reader_new(format, fuzz_touch, &sum);
	if (format == MR_FMT_JSON || format == MR_FMT_JSONL || format == MR_FMT_AUTO)
		mr_reader_set_field(r, MR_F_TEXT, "x");
	for (at = 0; at < size; at += chunk)
		mr_reader_feed(r, (const char *)data + at, size - at < chunk ? size - at : chunk);
	mr_reader_finish(r);
	mr_reader_free(r);
}

#endif
