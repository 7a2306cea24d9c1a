#include "pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../ingest/decode.h"
#include "../text/normalize.h"
#include "../util/xalloc.h"

#define CHUNK (256u << 10)

struct pipeline {
	struct pipeline_options o;
	int (*sink)(const struct cleaned_record *r, void *ctx);
	int (*is_source_line)(unsigned long long hash, void *ctx);
	void *ctx;
	struct mr_cleaner *cleaner;
	struct pipeline_stats stats;
	const char *file;
	const char *source;
	char folder_source[256];   /* the name of the file's folder */
	struct mr_reader *reader;  /* of the file being read */
	int json;                  /* its records come from JSON */
	struct buf field[MR_F_COUNT];
	struct buf decoded;
	struct mr_cleaned cleaned;
	int stopped;
};

struct pipeline *pipeline_new(const struct pipeline_options *o,
			      int (*sink)(const struct cleaned_record *r, void *ctx),
			      int (*is_source_line)(unsigned long long hash, void *ctx),
			      void *ctx)
{
	struct pipeline *p = xcalloc(1, sizeof(*p));
	struct mr_err err;
	int f;

	p->o = *o;
	p->sink = sink;
	p->is_source_line = is_source_line;
	p->ctx = ctx;
	p->cleaner = mr_cleaner_new_default(&err);
	if (!p->cleaner) {
		mr_err_print(stderr, "<built-in boilerplate phrases>", &err);
		free(p);
		return NULL;
	}
	for (f = 0; f < MR_F_COUNT; f++)
		buf_init(&p->field[f]);
	buf_init(&p->decoded);
	mr_cleaned_init(&p->cleaned);
	return p;
}

void pipeline_free(struct pipeline *p)
{
	int f;

	if (!p)
		return;
	for (f = 0; f < MR_F_COUNT; f++)
		buf_release(&p->field[f]);
	buf_release(&p->decoded);
	mr_cleaned_release(&p->cleaned);
	mr_cleaner_free(p->cleaner);
	free(p);
}

const struct pipeline_stats *pipeline_stats(const struct pipeline *p)
{
	return &p->stats;
}

const char *pipeline_current_source(const struct pipeline *p)
{
	return p->source;
}

/* "marsad: FILE:LINE: msg" with the record's line, or its number when the
 * format has no lines. */
__attribute__((format(printf, 3, 4)))
static void complain(const struct pipeline *p, const struct mr_record *rec,
		     const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "marsad: %s", p->file);
	if (rec && rec->line)
		fprintf(stderr, ":%zu", rec->line);
	else if (rec && rec->number > 1)
		fprintf(stderr, ": record %zu", rec->number);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A field absent, empty or only white space: a file of blank lines has no
 * text to keep, whatever its length.  (A JSON record with a blank text and
 * title is still kept, as before: it has its URL and date — 57 of
 * SaudiNewsNet's records are such pages.) */
static int blank(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (!strchr(" \t\n\r\f\v", b->data[i]) || !b->data[i])
			return 0;
	return 1;
}

static int on_record(const struct mr_record *rec, const struct mr_err *err, void *ctx)
{
	struct pipeline *p = ctx;
	struct cleaned_record out;
	struct mr_clean_hints hints;
	struct mr_utf8_report report = { 0, 0 };
	enum mr_encoding enc = MR_ENC_UTF8;
	struct mr_err derr;
	int f;

	p->json = mr_reader_format(p->reader) == MR_FMT_JSON ||
		  mr_reader_format(p->reader) == MR_FMT_JSONL;
	if (err) {
		complain(p, rec, "%s", err->msg);
		p->stats.rejected++;
		return 0;
	}
	if (rec->field[MR_F_TEXT] && rec->field_len[MR_F_TEXT] > PIPELINE_MAX_TEXT) {
		complain(p, rec, "text of %zu bytes, over the %zu MiB an article may have: skipped",
			 rec->field_len[MR_F_TEXT], PIPELINE_MAX_TEXT >> 20);
		p->stats.rejected++;
		return 0;
	}
	memset(&out, 0, sizeof(out));
	for (f = 0; f < MR_F_COUNT; f++) {
		buf_reset(&p->field[f]);
		if (!rec->field[f])
			continue;
		if (p->json) {
			/* JSON strings are UTF-8 already: the parser checked them */
			buf_add(&p->field[f], rec->field[f], rec->field_len[f]);
		} else if (mr_decode_auto(rec->field[f], rec->field_len[f], &p->field[f],
				   f == MR_F_TEXT ? &enc : NULL,
				   f == MR_F_TEXT ? &report : NULL, &derr) < 0) {
			if (f == MR_F_TEXT) {
				/* the place of the first binary byte, so the
				 * file can be looked at there */
				if (derr.has_offset)
					complain(p, rec, "not text (%s, at byte %zu of the text): skipped",
						 derr.msg, derr.offset);
				else
					complain(p, rec, "not text (%s): skipped", derr.msg);
				p->stats.rejected++;
				return 0;
			}
			continue;
		}
		out.field[f] = p->field[f].data;
	}
	/* a headline with an empty body is still a record (a video page, a
	 * photo story); one with neither has nothing to keep */
	if (p->json ? (!p->field[MR_F_TEXT].len && !p->field[MR_F_TITLE].len) :
	    (blank(&p->field[MR_F_TEXT]) && blank(&p->field[MR_F_TITLE]))) {
		complain(p, rec, "no text and no title in this record: skipped");
		p->stats.rejected++;
		return 0;
	}
	p->stats.records++;   /* a record with something to keep */
	if (report.invalid) {
		complain(p, rec, "%zu undecodable byte sequence%s (the first at byte %zu of the text) stored as U+FFFD",
			 report.invalid, report.invalid == 1 ? "" : "s", report.first_offset);
		p->stats.invalid_utf8 += report.invalid;
	}
	buf_reset(&p->decoded);
	mr_normalize(MR_FORM_DISPLAY, p->field[MR_F_TEXT].data, p->field[MR_F_TEXT].len,
		     &p->decoded, NULL);
	p->source = p->o.source ? p->o.source : out.field[MR_F_SOURCE];
	if (!p->source || !*p->source)
		p->source = p->folder_source;
	memset(&hints, 0, sizeof(hints));
	hints.title = out.field[MR_F_TITLE];
	hints.title_len = hints.title ? strlen(hints.title) : 0;
	hints.date = out.field[MR_F_DATE];
	hints.date_len = hints.date ? strlen(hints.date) : 0;
	hints.author = out.field[MR_F_AUTHOR];
	hints.author_len = hints.author ? strlen(hints.author) : 0;
	hints.is_source_line = p->is_source_line;
	hints.ctx = p->ctx;
	mr_clean(p->cleaner, p->decoded.data, p->decoded.len, &hints, &p->cleaned);
	out.file = p->file;
	out.source = p->source;
	out.rec = rec;
	out.encoding = mr_encoding_name(enc);
	out.decoded = p->decoded.data;
	out.decoded_len = p->decoded.len;
	out.cleaned = &p->cleaned;
	if (p->sink(&out, p->ctx)) {
		p->stopped = 1;
		return -1;
	}
	return 0;
}

/* "scraped/sabq/2015/a.txt" -> "2015"; "" for a file given without a folder
 * or read from stdin. */
static void folder_name(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/'), *start;
	size_t len;

	out[0] = '\0';
	while (slash && slash > path && slash[-1] == '/')
		slash--;   /* "a//b.txt" */
	if (!slash || slash == path)
		return;
	for (start = slash; start > path && start[-1] != '/'; start--)
		;
	len = (size_t)(slash - start);
	if (!len || len >= cap || (len == 1 && *start == '.') ||
	    (len == 2 && !strncmp(start, "..", 2)))
		return;
	memcpy(out, start, len);
	out[len] = '\0';
}

static void read_file(struct pipeline *p, const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	struct mr_reader *r;
	char *chunk;
	gzFile gz;
	size_t disk_base, out = 0;
	int got, bomb = 0;

	p->file = path;
	folder_name(path, p->folder_source, sizeof(p->folder_source));
	if (fd < 0) {
		complain(p, NULL, "cannot open: %s", strerror(errno));
		p->stats.rejected++;
		return;
	}
	gz = gzdopen(fd, "rb");   /* reads plain bytes as they are */
	if (!gz) {
		close(fd);
		complain(p, NULL, "cannot read: out of memory");
		p->stats.rejected++;
		return;
	}
	gzbuffer(gz, CHUNK);
	p->stats.files++;
	r = mr_reader_new(p->o.format, on_record, p);
	p->reader = r;
	for (got = 0; got < MR_F_COUNT; got++)
		if (p->o.field_names[got])
			mr_reader_set_field(r, (enum mr_field)got, p->o.field_names[got]);
	chunk = xmalloc(CHUNK);
	disk_base = p->stats.disk_bytes;
	while ((got = gzread(gz, chunk, CHUNK)) > 0) {
		size_t packed = (size_t)gzoffset(gz);

		out += (size_t)got;
		p->stats.bytes_read += (size_t)got;
		p->stats.disk_bytes = disk_base + packed;
		/* a gzip bomb: stop before it takes the batch's time and disk;
		 * the records already read are kept, the one it cuts is not */
		if (!gzdirect(gz) && out > PIPELINE_GZIP_MIN_OUT &&
		    out / PIPELINE_GZIP_MAX_RATIO > packed) {
			complain(p, NULL, "gzip data expanding over %d times its size (%zu bytes from %zu): rest of the file skipped",
				 PIPELINE_GZIP_MAX_RATIO, out, packed);
			p->stats.rejected++;
			bomb = 1;
			break;
		}
		if (mr_reader_feed(r, chunk, (size_t)got) < 0)
			break;
	}
	{
		/* a stream cut short ends in Z_BUF_ERROR without a failed read */
		int zerr;
		const char *msg = gzerror(gz, &zerr), *name_end;

		/* zlib names the stream "<fd:N>"; the file is named already */
		if (!strncmp(msg, "<fd:", 4) && (name_end = strstr(msg, ">: ")))
			msg = name_end + 3;
		if (!bomb && zerr != Z_OK && zerr != Z_STREAM_END) {
			complain(p, NULL, "%s: %s", zerr == Z_ERRNO ? "cannot read" :
				 "damaged or truncated gzip data",
				 zerr == Z_ERRNO ? strerror(errno) : msg);
			p->stats.rejected++;
		}
	}
	if (!p->stopped && !bomb)
		mr_reader_finish(r);
	mr_reader_free(r);
	free(chunk);
	gzclose(gz);
}

/* Directories already walked, so that a link back up the tree is walked once. */
struct visited {
	dev_t dev;
	ino_t ino;
	struct visited *next;
};

static int skip_name(const struct dirent *e)
{
	return e->d_name[0] != '.';   /* ., .. and hidden files such as .DS_Store */
}

static void walk(struct pipeline *p, const char *path, struct visited *up)
{
	struct stat st;
	struct visited here, *v;
	struct dirent **names;
	int n, i;

	if (p->stopped)
		return;
	if (!strcmp(path, "-")) {
		read_file(p, path);
		return;
	}
	if (stat(path, &st) < 0) {
		p->file = path;
		if (errno == ELOOP)
			complain(p, NULL, "symbolic link loop");
		else
			complain(p, NULL, "cannot open: %s", strerror(errno));
		p->stats.rejected++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		read_file(p, path);
		return;
	}
	for (v = up; v; v = v->next) {
		if (v->dev == st.st_dev && v->ino == st.st_ino) {
			p->file = path;
			complain(p, NULL, "folder already being read (a link loop): skipped");
			p->stats.rejected++;
			return;
		}
	}
	here.dev = st.st_dev;
	here.ino = st.st_ino;
	here.next = up;
	n = scandir(path, &names, skip_name, alphasort);
	if (n < 0) {
		p->file = path;
		complain(p, NULL, "cannot read folder: %s", strerror(errno));
		p->stats.rejected++;
		return;
	}
	for (i = 0; i < n; i++) {
		struct buf child = BUF_INIT;

		buf_printf(&child, "%s/%s", path, names[i]->d_name);
		walk(p, child.data, &here);
		buf_release(&child);
		free(names[i]);
	}
	free(names);
}

int pipeline_run(struct pipeline *p, char **paths, int n_paths)
{
	int i;

	for (i = 0; i < n_paths && !p->stopped; i++)
		walk(p, paths[i], NULL);
	return p->stopped ? -1 : 0;
}

static size_t tree_bytes(const char *path, int depth)
{
	struct stat st;
	struct dirent **names;
	size_t total = 0;
	int n, i;

	if (depth > 64 || stat(path, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	n = scandir(path, &names, skip_name, alphasort);
	for (i = 0; i < n; i++) {
		struct buf child = BUF_INIT;

		buf_printf(&child, "%s/%s", path, names[i]->d_name);
		total += tree_bytes(child.data, depth + 1);
		buf_release(&child);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return total;
}

size_t pipeline_total_bytes(char **paths, int n_paths)
{
	size_t total = 0;
	int i;

	for (i = 0; i < n_paths; i++) {
		if (!strcmp(paths[i], "-"))
			return 0;
		total += tree_bytes(paths[i], 0);
	}
	return total;
}
