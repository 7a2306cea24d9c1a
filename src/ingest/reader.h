/*
 * reader: records out of the bytes of an input file.
 *
 * A push parser: the front-end reads a file (decompressing gzip on the way,
 * see src/cli/input.c) and feeds its bytes in chunks of any size; the reader
 * calls back once per record.  Memory stays bounded by the largest record,
 * except for formats that are one record (plain text) or one JSON value (a
 * JSON array), which are held whole up to MR_READER_MAX_DOCUMENT.
 *
 * Formats:
 *   text   the whole input is one article;
 *   jsonl  one JSON object a line; blank lines are skipped;
 *   json   a JSON array of objects (or one object);
 *   trec   TREC-style SGML: <DOC> ... </DOC>, with <DOCNO> <URL> <SRC>
 *          <TITLE> <TIME> <TEXT> (and <ABSTRACT>, <CAT>, <AUTHOR>) inside;
 *   auto   decided from the first bytes: '[' json, '{' jsonl, '<DOC' trec,
 *          anything else text.
 * Fields of JSON records are found by their common names (text, content,
 * body, article; title, headline; date, published, date_extracted, time;
 * url, link; source, site; author), or by the names set with
 * mr_reader_set_field() (`--field text=content`).
 *
 * A malformed record (a bad JSON line, a <DOC> left unclosed) is reported
 * through the callback with an error and the reader goes on with the next.
 */
#ifndef MARSAD_READER_H
#define MARSAD_READER_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/err.h"

#define MR_READER_MAX_DOCUMENT ((size_t)64 << 20)   /* 64 MiB */
#define MR_READER_MAX_RECORD ((size_t)64 << 20)
/* White space that `auto` waits through before deciding the format: past
 * it the input is text (and held as such, up to MR_READER_MAX_DOCUMENT), so
 * a file of nothing but blanks is not held, and rescanned, without end. */
#define MR_READER_MAX_BLANK ((size_t)1 << 20)

enum mr_format { MR_FMT_AUTO, MR_FMT_TEXT, MR_FMT_JSONL, MR_FMT_JSON, MR_FMT_TREC };

enum mr_field {
	MR_F_TEXT, MR_F_TITLE, MR_F_DATE, MR_F_URL, MR_F_SOURCE, MR_F_AUTHOR,
	MR_F_ID, MR_F_COUNT
};

struct mr_record {
	size_t number;           /* 1-based ordinal of the record in its input */
	size_t line;             /* line where it starts (1-based), 0 for text */
	size_t offset;           /* byte offset where it starts */
	const char *raw;         /* the record's bytes as they were in the input */
	size_t raw_len;
	/* fields as found (still in the input's encoding for text and TREC);
	 * NULL when absent */
	const char *field[MR_F_COUNT];
	size_t field_len[MR_F_COUNT];
};

/* Called for each record (err NULL) or malformed record (err set, rec has
 * its number, line and offset).  A non-zero return stops the reader. */
typedef int (*mr_record_fn)(const struct mr_record *rec,
			    const struct mr_err *err, void *ctx);

struct mr_reader;

struct mr_reader *mr_reader_new(enum mr_format format, mr_record_fn fn, void *ctx);
void mr_reader_free(struct mr_reader *r);

/* Makes JSON field `name` the source of `field` (before the common names). */
void mr_reader_set_field(struct mr_reader *r, enum mr_field field, const char *name);
/* "text" -> MR_F_TEXT ...; -1 for an unknown name. */
int mr_field_from_name(const char *name);
int mr_format_from_name(const char *name);   /* -1 when unknown */
const char *mr_format_name(enum mr_format f);

/* Feeds the next bytes; returns -1 when the callback asked to stop. */
int mr_reader_feed(struct mr_reader *r, const char *data, size_t n);
/* Ends the input: emits what is pending.  Returns -1 when stopped. */
int mr_reader_finish(struct mr_reader *r);
/* The format actually used (auto resolved after the first bytes). */
enum mr_format mr_reader_format(const struct mr_reader *r);

#endif
