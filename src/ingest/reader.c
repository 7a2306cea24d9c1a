#define _GNU_SOURCE   /* memmem */
#include "reader.h"

#include <stdarg.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

struct mr_reader {
	enum mr_format format;
	mr_record_fn fn;
	void *ctx;
	const char *override[MR_F_COUNT];
	struct buf pending;      /* bytes not yet made into records */
	size_t start;            /* first unconsumed byte of pending */
	size_t base;             /* input offset of pending.data[0] */
	size_t line;             /* line number of pending.data[start] */
	size_t records;
	int oversized;           /* a line or document past the limit: skip it */
	int bom_checked;
	int stopped;
};

static const char *const field_names[MR_F_COUNT] = {
	"text", "title", "date", "url", "source", "author", "id",
};

/* The common names under which scrapers store each field, in order. */
static const char *const default_keys[MR_F_COUNT][7] = {
	[MR_F_TEXT] = { "text", "content", "body", "article", "full_text", NULL },
	[MR_F_TITLE] = { "title", "headline", NULL },
	[MR_F_DATE] = { "date", "published", "date_extracted", "time",
			"published_at", "pubdate", NULL },
	[MR_F_URL] = { "url", "link", NULL },
	[MR_F_SOURCE] = { "source", "site", "outlet", NULL },
	[MR_F_AUTHOR] = { "author", "byline", NULL },
	[MR_F_ID] = { "id", "docno", NULL },
};

int mr_field_from_name(const char *name)
{
	int i;

	for (i = 0; i < MR_F_COUNT; i++)
		if (!strcmp(name, field_names[i]))
			return i;
	return -1;
}

static const char *const format_names[] = { "auto", "text", "jsonl", "json", "trec" };

int mr_format_from_name(const char *name)
{
	int i;

	for (i = 0; i < (int)(sizeof(format_names) / sizeof(format_names[0])); i++)
		if (!strcmp(name, format_names[i]))
			return i;
	return -1;
}

const char *mr_format_name(enum mr_format f)
{
	return format_names[f];
}

struct mr_reader *mr_reader_new(enum mr_format format, mr_record_fn fn, void *ctx)
{
	struct mr_reader *r = xcalloc(1, sizeof(*r));

	r->format = format;
	r->fn = fn;
	r->ctx = ctx;
	r->line = 1;
	buf_init(&r->pending);
	return r;
}

void mr_reader_free(struct mr_reader *r)
{
	if (!r)
		return;
	buf_release(&r->pending);
	free(r);
}

void mr_reader_set_field(struct mr_reader *r, enum mr_field field, const char *name)
{
	r->override[field] = name;
}

enum mr_format mr_reader_format(const struct mr_reader *r)
{
	return r->format;
}

static int emit(struct mr_reader *r, struct mr_record *rec, const struct mr_err *err)
{
	if (r->stopped)
		return -1;
	if (r->fn(rec, err, r->ctx)) {
		r->stopped = 1;
		return -1;
	}
	return 0;
}

__attribute__((format(printf, 4, 5)))
static int emit_error(struct mr_reader *r, size_t line, size_t offset,
		      const char *fmt, ...)
{
	struct mr_record rec;
	struct mr_err err;
	va_list ap;

	memset(&rec, 0, sizeof(rec));
	rec.number = ++r->records;
	rec.line = line;
	rec.offset = offset;
	mr_err_at_line(&err, MR_E_INVALID, line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(err.msg, sizeof(err.msg), fmt, ap);
	va_end(ap);
	if (!line) {
		err.has_offset = 1;
		err.offset = offset;
	}
	return emit(r, &rec, &err);
}

/* Moves the start past n bytes, counting the lines they hold. */
static void advance(struct mr_reader *r, size_t n)
{
	const char *p = r->pending.data + r->start, *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		r->line++;
		p++;
	}
	r->start += n;
}

/* Drops the consumed bytes once they are the larger part of the buffer. */
static void compact(struct mr_reader *r)
{
	if (r->start && r->start >= r->pending.len / 2) {
		memmove(r->pending.data, r->pending.data + r->start,
			r->pending.len - r->start);
		r->base += r->start;
		buf_truncate(&r->pending, r->pending.len - r->start);
		r->start = 0;
	}
}

/* ---- JSON objects -> records ---- */

static void take_value(json_t *v, struct buf *scratch, const char **out,
		       size_t *len)
{
	if (json_is_string(v)) {
		*out = json_string_value(v);
		*len = json_string_length(v);
	} else if (json_is_integer(v) || json_is_real(v)) {
		/* a date or id stored as a number: keep its digits */
		size_t at = scratch->len;

		if (json_is_integer(v))
			buf_printf(scratch, "%lld", (long long)json_integer_value(v));
		else
			buf_printf(scratch, "%.17g", json_real_value(v));
		buf_addch(scratch, '\0');
		*out = scratch->data + at;   /* scratch is sized before use */
		*len = scratch->len - at - 1;
	}
}

static int emit_object(struct mr_reader *r, json_t *obj, size_t line,
		       size_t offset, const char *raw, size_t raw_len)
{
	struct mr_record rec;
	struct buf scratch = BUF_INIT;
	int f, rc;

	memset(&rec, 0, sizeof(rec));
	rec.number = ++r->records;
	rec.line = line;
	rec.offset = offset;
	rec.raw = raw;
	rec.raw_len = raw_len;
	buf_grow(&scratch, MR_F_COUNT * 32);   /* numbers never move it */
	for (f = 0; f < MR_F_COUNT; f++) {
		json_t *v = NULL;
		int k;

		/* the first key that holds a string or a number: a null or an
		 * array under "text" does not hide "content" */
		if (r->override[f] && (v = json_object_get(obj, r->override[f])))
			take_value(v, &scratch, &rec.field[f], &rec.field_len[f]);
		for (k = 0; !rec.field[f] && default_keys[f][k]; k++)
			if ((v = json_object_get(obj, default_keys[f][k])))
				take_value(v, &scratch, &rec.field[f], &rec.field_len[f]);
	}
	rc = emit(r, &rec, NULL);
	buf_release(&scratch);
	return rc;
}

static int json_line(struct mr_reader *r, const char *line, size_t len)
{
	size_t i = 0, at_line = r->line, offset = r->base + r->start;
	json_error_t jerr;
	json_t *v;
	int rc;

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i == len)
		return 0;   /* a blank line is not a record */
	v = json_loadb(line, len, 0, &jerr);
	if (!v)
		return emit_error(r, at_line, offset, "not a JSON object: %s", jerr.text);
	if (!json_is_object(v)) {
		json_decref(v);
		return emit_error(r, at_line, offset, "%s", "a JSON line must be an object");
	}
	rc = emit_object(r, v, at_line, offset, line, len);
	json_decref(v);
	return rc;
}

static int feed_jsonl(struct mr_reader *r)
{
	char *nl;

	while ((nl = memchr(r->pending.data + r->start, '\n',
			    r->pending.len - r->start))) {
		size_t len = (size_t)(nl - (r->pending.data + r->start));

		if (r->oversized) {
			r->oversized = 0;   /* the end of the overlong line */
		} else if (json_line(r, r->pending.data + r->start, len) < 0) {
			return -1;
		}
		advance(r, len + 1);
	}
	if (!r->oversized && r->pending.len - r->start > MR_READER_MAX_RECORD) {
		r->oversized = 1;
		if (emit_error(r, r->line, r->base + r->start,
			       "%s", "JSON line longer than 64 MiB: skipped") < 0)
			return -1;
	}
	if (r->oversized) {   /* keep nothing of it but the line count */
		advance(r, r->pending.len - r->start);
	}
	compact(r);
	return 0;
}

static int finish_json(struct mr_reader *r)
{
	const char *s = r->pending.data + r->start;
	size_t n = r->pending.len - r->start;
	json_error_t jerr;
	json_t *v;
	int rc = 0;

	if (r->oversized)
		return 0;
	v = json_loadb(s, n, 0, &jerr);
	if (!v)
		return emit_error(r, (size_t)jerr.line, (size_t)jerr.position,
				  "not valid JSON: %s", jerr.text);
	if (json_is_object(v)) {
		rc = emit_object(r, v, 1, 0, s, n);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *item;

		json_array_foreach(v, i, item) {
			if (!json_is_object(item)) {
				rc = emit_error(r, 0, 0, "JSON array item %zu is not an object", i + 1);
			} else {
				/* an item has no bytes of its own: keep its
				 * compact serialization as the raw form */
				char *raw = json_dumps(item, JSON_COMPACT | JSON_PRESERVE_ORDER);

				rc = emit_object(r, item, 0, 0, raw, raw ? strlen(raw) : 0);
				free(raw);
			}
			if (rc < 0)
				break;
		}
	} else {
		rc = emit_error(r, 1, 0, "%s", "JSON input must be an array of objects or an object");
	}
	json_decref(v);
	return rc;
}

/* ---- TREC SGML ---- */

static const char *find(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle));
}

/* The content of <tag>...</tag> inside doc; 0 absent, 1 found, -1 unclosed. */
static int tag_content(const char *doc, size_t n, const char *tag,
		       const char **out, size_t *len)
{
	char open[32], close[32];
	const char *a, *b;

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	a = find(doc, n, open);
	if (!a)
		return 0;
	a += strlen(open);
	b = find(a, n - (size_t)(a - doc), close);
	if (!b)
		return -1;
	/* the content of a tag on its own lines starts after the line break */
	while (a < b && (*a == '\n' || *a == '\r'))
		a++;
	*out = a;
	*len = (size_t)(b - a);
	return 1;
}

static int trec_doc(struct mr_reader *r, const char *doc, size_t n, size_t line,
		    size_t offset)
{
	static const struct { const char *tag; enum mr_field field; } tags[] = {
		{ "TEXT", MR_F_TEXT }, { "TITLE", MR_F_TITLE }, { "HEADLINE", MR_F_TITLE },
		{ "TIME", MR_F_DATE }, { "DATE", MR_F_DATE }, { "URL", MR_F_URL },
		{ "SRC", MR_F_SOURCE }, { "AUTHOR", MR_F_AUTHOR }, { "DOCNO", MR_F_ID },
	};
	struct mr_record rec;
	size_t i;

	memset(&rec, 0, sizeof(rec));
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		const char *v;
		size_t len;
		int found;

		if (rec.field[tags[i].field])
			continue;
		found = tag_content(doc, n, tags[i].tag, &v, &len);
		if (found < 0)
			return emit_error(r, line, offset, "unclosed <%s> in <DOC>", tags[i].tag);
		if (found) {
			rec.field[tags[i].field] = v;
			rec.field_len[tags[i].field] = len;
		}
	}
	rec.number = ++r->records;
	rec.line = line;
	rec.offset = offset;
	rec.raw = doc;
	rec.raw_len = n;
	return emit(r, &rec, NULL);
}

static int feed_trec(struct mr_reader *r, int at_end)
{
	for (;;) {
		const char *s = r->pending.data + r->start;
		size_t n = r->pending.len - r->start;
		const char *open = find(s, n, "<DOC>"), *close, *next;
		size_t skip, line, offset;

		if (!open) {
			/* keep a tail that could be the start of "<DOC>" */
			skip = n > 4 ? n - 4 : 0;
			if (at_end)
				skip = n;
			advance(r, skip);
			break;
		}
		advance(r, (size_t)(open - s));
		s = r->pending.data + r->start;
		n = r->pending.len - r->start;
		line = r->line;
		offset = r->base + r->start;
		close = find(s, n, "</DOC>");
		next = n > 5 ? find(s + 5, n - 5, "<DOC>") : NULL;
		if (next && (!close || next < close)) {
			/* a new <DOC> before this one closed */
			if (emit_error(r, line, offset, "%s", "<DOC> not closed before the next <DOC>") < 0)
				return -1;
			advance(r, (size_t)(next - s));
			continue;
		}
		if (!close) {
			if (at_end) {
				if (emit_error(r, line, offset, "%s", "<DOC> not closed at the end of the input") < 0)
					return -1;
				advance(r, n);
			} else if (n > MR_READER_MAX_RECORD) {
				if (emit_error(r, line, offset, "%s", "<DOC> longer than 64 MiB: skipped") < 0)
					return -1;
				advance(r, 5);
			}
			break;
		}
		n = (size_t)(close - s) + strlen("</DOC>");
		if (trec_doc(r, s, n, line, offset) < 0)
			return -1;
		advance(r, n);
	}
	compact(r);
	return 0;
}

/* ---- dispatch ---- */

static void resolve_auto(struct mr_reader *r, int at_end)
{
	const unsigned char *p = (const unsigned char *)r->pending.data;
	size_t n = r->pending.len, i = 0;

	if (n < 3 && !at_end && !memcmp(p, "\xEF\xBB\xBF", n))
		return;   /* could still be a BOM */
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i == n && !at_end && n <= MR_READER_MAX_BLANK)
		return;   /* nothing but white space yet */
	if (i < n && p[i] == '[')
		r->format = MR_FMT_JSON;
	else if (i < n && p[i] == '{')
		r->format = MR_FMT_JSONL;
	else if (n - i >= 5 && !memcmp(p + i, "<DOC>", 5))
		r->format = MR_FMT_TREC;
	else if (n - i < 5 && !at_end && !memcmp(p + i, "<DOC>", n - i))
		return;   /* could still become <DOC> */
	else
		r->format = MR_FMT_TEXT;
	if (r->format != MR_FMT_TEXT && i) {
		/* a BOM or blank lines before JSON or SGML are not content */
		advance(r, i);
	}
}

static int feed_whole(struct mr_reader *r)
{
	if (!r->oversized && r->pending.len - r->start > MR_READER_MAX_DOCUMENT) {
		r->oversized = 1;
		buf_release(&r->pending);
		r->start = 0;
		return emit_error(r, 0, 0, "%s", "document larger than 64 MiB: skipped");
	}
	if (r->oversized)
		buf_reset(&r->pending);
	return 0;
}

/* A UTF-8 BOM at the start of a JSON or SGML input is not content. */
static int skip_bom(struct mr_reader *r, int at_end)
{
	const char *p = r->pending.data;
	size_t n = r->pending.len;

	if (r->base || r->start || r->bom_checked)
		return 0;
	if (n < 3 && !at_end && !memcmp(p, "\xEF\xBB\xBF", n))
		return 1;   /* wait for more */
	r->bom_checked = 1;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		r->start = 3;
	return 0;
}

static int process(struct mr_reader *r, int at_end)
{
	if (r->format == MR_FMT_AUTO)
		resolve_auto(r, at_end);
	else if ((r->format == MR_FMT_JSON || r->format == MR_FMT_JSONL ||
		  r->format == MR_FMT_TREC) && skip_bom(r, at_end))
		return 0;
	switch (r->format) {
	case MR_FMT_JSONL:
		if (at_end && r->start < r->pending.len)
			buf_addch(&r->pending, '\n');   /* a last line without '\n' */
		return feed_jsonl(r);
	case MR_FMT_TREC:
		return feed_trec(r, at_end);
	case MR_FMT_TEXT:
	case MR_FMT_JSON:
		return feed_whole(r);
	default:
		return 0;
	}
}

int mr_reader_feed(struct mr_reader *r, const char *data, size_t n)
{
	if (r->stopped)
		return -1;
	if (r->oversized && (r->format == MR_FMT_TEXT || r->format == MR_FMT_JSON))
		return 0;
	buf_add(&r->pending, data, n);
	return process(r, 0);
}

int mr_reader_finish(struct mr_reader *r)
{
	struct mr_record rec;

	if (r->stopped || process(r, 1) < 0)
		return -1;
	if (r->format == MR_FMT_JSON)
		return finish_json(r);
	if (r->format != MR_FMT_TEXT || r->oversized)
		return 0;
	memset(&rec, 0, sizeof(rec));
	rec.number = ++r->records;
	rec.raw = r->pending.data;
	rec.raw_len = r->pending.len;
	rec.field[MR_F_TEXT] = rec.raw;
	rec.field_len[MR_F_TEXT] = rec.raw_len;
	return emit(r, &rec, NULL);
}
