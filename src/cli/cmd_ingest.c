#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../store/store.h"
#include "../util/xalloc.h"
#include "cli.h"
#include "ingest_dedup.h"
#include "options.h"
#include "pipeline.h"

/* A short line must recur in this many documents of one source before it is
 * taken for that source's furniture (a signature, a footer). */
#define SOURCE_LINE_DOCS 10
/* Documents per transaction: a kill loses at most this many. */
#define BATCH 1024

struct ingest {
	struct mr_store *store;
	struct pipeline *pipeline;
	size_t stored, already, fragments, in_batch, failed, duplicates;
	struct ingest_dedup *dedup;
	struct buf fragment;   /* the text of the fragment being stored */
	size_t total_bytes;
	double started, last_progress;
	int progress;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(struct ingest *in, int final)
{
	const struct pipeline_stats *st = pipeline_stats(in->pipeline);
	double t = now(), dt = t - in->started;

	if (!in->progress || (!final && t - in->last_progress < 0.25))
		return;
	in->last_progress = t;
	fprintf(stderr, "\r%zu records, %.0f docs/s, %.1f MB/s", st->records,
		dt > 0 ? (double)st->records / dt : 0.0,
		dt > 0 ? (double)st->bytes_read / 1e6 / dt : 0.0);
	if (in->total_bytes && st->disk_bytes && !final) {
		double eta = dt * (double)(in->total_bytes - st->disk_bytes) / (double)st->disk_bytes;

		fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	}
	fputs(final ? "\n" : "   ", stderr);
}

static int source_line(unsigned long long hash, void *ctx)
{
	struct ingest *in = ctx;

	return mr_store_line_count(in->store, pipeline_current_source(in->pipeline),
				   hash) >= SOURCE_LINE_DOCS;
}

static int flush_batch(struct ingest *in, int reopen)
{
	struct mr_err err;

	if (mr_store_commit(in->store, &err) < 0)
		goto fail;
	in->in_batch = 0;   /* committed: these stay whatever comes next */
	if (reopen && mr_store_begin(in->store, &err) < 0)
		goto fail;
	return 0;
fail:
	mr_err_print(stderr, NULL, &err);
	in->failed = 1;
	return -1;
}

/* The short lines of a stored document count towards its source's furniture. */
static int count_lines(struct ingest *in, const char *source,
		       const struct mr_cleaned *c, struct mr_err *err)
{
	size_t i;

	for (i = 0; i < c->n_short_lines; i++)
		if (mr_store_count_line(in->store, source, c->short_lines[i], err) < 0)
			return -1;
	return 0;
}

static int store_record(const struct cleaned_record *r, void *ctx)
{
	struct ingest *in = ctx;
	const struct mr_cleaned *c = r->cleaned;
	struct mr_doc d;
	struct mr_err err;
	int64_t id;
	size_t i;
	int has, rc;

	memset(&d, 0, sizeof(d));
	d.key = mr_content_key_of(r->rec->raw, r->rec->raw_len);
	has = mr_store_has(in->store, &d.key, &err);
	if (has < 0)
		goto fail;
	if (has) {
		in->already++;
		show_progress(in, 0);
		return 0;
	}
	d.kind = MR_DOC_ARTICLE;
	d.source = r->source;
	d.origin_file = r->file;
	d.origin_record = r->rec->number;
	d.origin_line = r->rec->line;
	d.origin_offset = r->rec->offset;
	d.encoding = r->encoding;
	d.raw = r->rec->raw;
	d.raw_len = r->rec->raw_len;
	d.decoded = r->decoded;
	d.decoded_len = r->decoded_len;
	d.cleaned = c;
	d.text = c->text.data;
	d.text_len = c->text.len;
	d.url = r->field[MR_F_URL];
	d.date_raw = r->field[MR_F_DATE];
	if (mr_store_add(in->store, &d, &id, &err) < 0)
		goto fail;
	rc = ingest_dedup_document(in->dedup, id, c->search.data, c->search.len, &err);
	if (rc < 0)
		goto fail;
	in->duplicates += (size_t)rc;
	/* the other stories of the page, each its own record linked to it */
	for (i = 0; i < c->n_fragments; i++) {
		const struct mr_fragment *f = &c->fragments[i];
		struct mr_doc frag = d;
		struct mr_cleaned meta;
		char tag[32];
		int64_t frag_id;
		struct buf keyed = BUF_INIT;

		mr_cleaned_init(&meta);
		snprintf(tag, sizeof(tag), "#fragment-%zu", i + 1);
		buf_add(&keyed, d.key.bytes, sizeof(d.key.bytes));
		buf_adds(&keyed, tag);
		frag.key = mr_content_key_of(keyed.data, keyed.len);
		buf_release(&keyed);
		frag.kind = f->kind == MR_FRAG_TEASER ? MR_DOC_TEASER : MR_DOC_PAGE_ARTICLE;
		frag.page_id = id;
		frag.raw = r->decoded + f->start;
		frag.raw_len = f->end - f->start;
		frag.decoded = frag.raw;
		frag.decoded_len = frag.raw_len;
		buf_reset(&in->fragment);
		mr_fragment_text(r->decoded, c, f, &in->fragment);
		frag.text = in->fragment.data;
		frag.text_len = in->fragment.len;
		mr_copy_text(meta.title, sizeof(meta.title), r->decoded + f->title_start,
			     f->title_end - f->title_start);
		frag.cleaned = &meta;
		frag.title = NULL;
		frag.url = NULL;
		frag.date_raw = NULL;
		if (mr_store_add(in->store, &frag, &frag_id, &err) < 0)
			goto fail;
		in->fragments++;
	}
	if (count_lines(in, d.source, c, &err) < 0)
		goto fail;
	in->stored++;
	if (++in->in_batch >= BATCH && flush_batch(in, 1) < 0)
		return -1;
	show_progress(in, 0);
	return 0;
fail:
	mr_err_print(stderr, r->file, &err);
	in->failed++;
	return -1;   /* the database refuses writes: stop, keep what is committed */
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "recent-docs", required_argument, NULL, 'r' },
		PIPELINE_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_options o;
	struct ingest in;
	const char *db = NULL;
	struct pipeline_stats st;
	struct mr_err err;
	size_t recent_docs = INGEST_RECENT_DOCS;
	int opt, rc;

	memset(&o, 0, sizeof(o));
	memset(&in, 0, sizeof(in));
	buf_init(&in.fragment);
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			db = optarg;
			break;
		case 'r': {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);

			if (*end || !v || v > (1ull << 24) || *optarg == '-')
				return usage_error("ingest", "--recent-docs: not a number from 1 to 16777216: %s",
						   optarg);
			recent_docs = (size_t)v;
			break;
		}
		default:
			rc = pipeline_option("ingest", opt, optarg, &o);
			if (rc < 0)
				return common_option("ingest", opt);
			if (rc)
				return rc;
		}
	}
	if (optind >= argc)
		return usage_error("ingest", "no input: give files, folders or - for stdin");
	if (mr_store_open(db_path(db), MR_STORE_WRITE, &in.store, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	in.pipeline = pipeline_new(&o, store_record, source_line, &in);
	if (!in.pipeline || mr_store_begin(in.store, &err) < 0 ||
	    ingest_dedup_open(in.store, recent_docs, &in.dedup, &err) < 0) {
		if (in.pipeline)
			mr_err_print(stderr, NULL, &err);
		mr_store_rollback(in.store);
		pipeline_free(in.pipeline);
		mr_store_close(in.store);
		return EXIT_USAGE;
	}
	in.progress = isatty(STDERR_FILENO);
	in.total_bytes = in.progress ? pipeline_total_bytes(argv + optind, argc - optind) : 0;
	in.started = now();
	if (pipeline_run(in.pipeline, argv + optind, argc - optind) < 0)
		in.failed = 1;   /* the store refused a write: stop */
	if (!in.failed)
		flush_batch(&in, 0);
	if (in.failed) {
		/* nothing of the batch in flight is kept: no half-stored page */
		mr_store_rollback(in.store);
		in.stored -= in.in_batch;
		fputs("marsad: ingest stopped; what was committed before stays stored\n", stderr);
	}
	show_progress(&in, 1);
	st = *pipeline_stats(in.pipeline);
	printf("read %zu records from %zu files: %zu stored, %zu already present, "
	       "%zu fragments, %zu duplicates, %zu rejected\n", st.records, st.files,
	       in.stored, in.already, in.fragments, in.duplicates, st.rejected);
	pipeline_free(in.pipeline);
	mr_store_close(in.store);
	buf_release(&in.fragment);
	ingest_dedup_close(in.dedup);
	if (in.failed || (st.records == 0 && st.rejected > 0))
		return EXIT_USAGE;
	return st.rejected || st.invalid_utf8 ? EXIT_PARTIAL : 0;
}
