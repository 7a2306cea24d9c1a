/*
 * pipeline: what `marsad ingest` and `marsad clean` share — walking the
 * paths they are given, reading each file (gzip recognised by its bytes),
 * splitting it into records, decoding, cleaning — so that the two commands
 * differ only in where the cleaned documents go.
 */
#ifndef MARSAD_PIPELINE_H
#define MARSAD_PIPELINE_H

#include <stddef.h>

#include "../clean/clean.h"
#include "../ingest/reader.h"
#include "../text/utf8.h"

/* One cleaned record on its way to a sink. */
struct cleaned_record {
	const char *file;              /* as given, "-" for stdin */
	const char *source;            /* --source, else the record's, else the
				        * name of the file's folder, else "" */
	const struct mr_record *rec;   /* origin and raw bytes */
	const char *encoding;
	const char *decoded;           /* the text as UTF-8, display form */
	size_t decoded_len;
	const struct mr_cleaned *cleaned;
	char *field[MR_F_COUNT];       /* the record's fields as UTF-8 (NULL absent) */
};

/* Limits on bad input, so that one file cannot take the memory or the time
 * of a whole batch (README, "Reading"):
 *  - an article's text (a plain-text file, a JSON text field, a TREC <TEXT>)
 *    longer than PIPELINE_MAX_TEXT is rejected: cleaning, storing and
 *    fingerprinting make several copies of it, and no news article is a
 *    book — 8 MiB of Arabic text is some 800,000 words;
 *  - gzip input is read until it has expanded to PIPELINE_GZIP_MAX_RATIO
 *    times the compressed bytes read (and at least PIPELINE_GZIP_MIN_OUT):
 *    news text compresses 3 to 5 times (SaudiNewsNet 3.8, ANT 4.4), a gzip
 *    bomb about 1,000 times. */
#define PIPELINE_MAX_TEXT ((size_t)8 << 20)
#define PIPELINE_GZIP_MAX_RATIO 100
#define PIPELINE_GZIP_MIN_OUT ((size_t)16 << 20)

struct pipeline_options {
	enum mr_format format;
	const char *field_names[MR_F_COUNT];   /* --field overrides, NULL for none */
	const char *source;                     /* --source, may be NULL */
};

struct pipeline_stats {
	size_t files, records, rejected, invalid_utf8;   /* records: accepted */
	size_t bytes_read;     /* after decompression */
	size_t disk_bytes;     /* of the files as stored (for an ETA) */
};

struct pipeline;

/* sink returns 0 to go on, -1 to stop everything.  is_source_line (may be
 * NULL) is handed to the cleaner. */
struct pipeline *pipeline_new(const struct pipeline_options *o,
			      int (*sink)(const struct cleaned_record *r, void *ctx),
			      int (*is_source_line)(unsigned long long hash, void *ctx),
			      void *ctx);
void pipeline_free(struct pipeline *p);

/* Processes each path (a file, a folder walked recursively in name order,
 * or "-" for stdin).  Problems are printed as "marsad: FILE:LINE: ..." and
 * counted as rejected; the rest goes on.  Returns -1 when the sink stopped. */
int pipeline_run(struct pipeline *p, char **paths, int n_paths);

const struct pipeline_stats *pipeline_stats(const struct pipeline *p);
/* The source of the record being processed (for the sink's callbacks). */
const char *pipeline_current_source(const struct pipeline *p);

/* Total size of the regular files under paths (for an ETA), 0 if unknown. */
size_t pipeline_total_bytes(char **paths, int n_paths);

#endif
