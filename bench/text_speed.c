/*
 * text_speed: throughput of the text core on one core.
 *
 *   text_speed CORPUS.jsonl[.gz] [--passes N] [--dump FILE]
 *
 * Loads the `content` of every record into memory first (loading is not what
 * is measured), then times, best of N passes each:
 *   decode     a plain UTF-8 decode loop: the ceiling of any analyzer
 *   display    the display form (NFC, controls dropped)
 *   search     the search form (fold + tokenize, joined by spaces)
 *   tokenize   the token stream with offsets, nothing written
 *   analyze    tokens + stop-word lookup + light stem: what the index does
 * and prints one JSON line per measure.  --dump writes the documents,
 * NUL-separated, for the Lucene driver to read the same input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/text/analyzer.h"
#include "../src/text/normalize.h"
#include "../src/text/token.h"
#include "corpus.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile size_t sink;   /* keeps every loop's result alive */

static size_t run_decode(const struct corpus *c, const struct mr_analyzer *a)
{
	const unsigned char *p = (const unsigned char *)c->text.data;
	size_t i = 0, n = c->text.len, sum = 0;

	(void)a;
	while (i < n) {
		uint32_t cp;
		int bad;

		if (p[i] < 0x80) {
			sum += p[i++];
			continue;
		}
		i += mr_utf8_next(p + i, n - i, &cp, &bad);
		sum += cp;
	}
	return sum;
}

static size_t run_form(const struct corpus *c, enum mr_norm_form form)
{
	struct buf out = BUF_INIT;
	size_t i, total = 0;

	for (i = 0; i < c->count; i++) {
		size_t len;
		const char *d = corpus_doc(c, i, &len);

		buf_reset(&out);
		mr_normalize(form, d, len, &out, NULL);
		total += out.len;
	}
	buf_release(&out);
	return total;
}

static size_t run_display(const struct corpus *c, const struct mr_analyzer *a)
{
	(void)a;
	return run_form(c, MR_FORM_DISPLAY);
}

static size_t run_search(const struct corpus *c, const struct mr_analyzer *a)
{
	(void)a;
	return run_form(c, MR_FORM_SEARCH);
}

static size_t run_tokenize(const struct corpus *c, const struct mr_analyzer *a)
{
	size_t i, tokens = 0;

	(void)a;
	for (i = 0; i < c->count; i++) {
		struct mr_tokenizer t;
		struct mr_token tok;
		size_t len;
		const char *d = corpus_doc(c, i, &len);

		mr_tokenizer_init(&t, d, len);
		while (mr_tokenizer_next(&t, &tok))
			tokens += tok.len ? 1 : 0;
	}
	return tokens;
}

static size_t run_analyze(const struct corpus *c, const struct mr_analyzer *a)
{
	size_t i, kept = 0;
	char stem[MR_TOKEN_MAX + 1];

	for (i = 0; i < c->count; i++) {
		struct mr_tokenizer t;
		struct mr_token tok;
		size_t len;
		const char *d = corpus_doc(c, i, &len);

		mr_tokenizer_init(&t, d, len);
		while (mr_tokenizer_next(&t, &tok)) {
			if (mr_analyzer_is_stop(a, tok.text, tok.len))
				continue;
			kept += mr_analyzer_stem(a, tok.text, tok.len, stem) ? 1 : 0;
		}
	}
	return kept;
}

struct measure {
	const char *name;
	size_t (*run)(const struct corpus *, const struct mr_analyzer *);
};

static const struct measure measures[] = {
	{ "decode", run_decode },
	{ "display", run_display },
	{ "search", run_search },
	{ "tokenize", run_tokenize },
	{ "analyze", run_analyze },
};

static int dump(const struct corpus *c, const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(c->text.data, 1, c->text.len, f) != c->text.len ||
	    fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct corpus c;
	struct mr_analyzer *a;
	const char *path = NULL, *dump_path = NULL;
	int passes = 3, i;
	size_t m;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--passes") && i + 1 < argc)
			passes = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump_path = argv[++i];
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path || passes < 1) {
		fputs("usage: text_speed CORPUS.jsonl[.gz] [--passes N] [--dump FILE]\n", stderr);
		return 2;
	}
	if (corpus_load(&c, path, "content", 0) < 0)
		return 2;
	if (dump_path && dump(&c, dump_path) < 0)
		return 2;
	a = mr_analyzer_new_default(NULL);
	for (m = 0; m < sizeof(measures) / sizeof(measures[0]); m++) {
		double best = 1e30;
		size_t result = 0;
		int p;

		sink += measures[m].run(&c, a);   /* warm-up: caches, page faults */
		for (p = 0; p < passes; p++) {
			double t0 = now(), dt;

			result = measures[m].run(&c, a);
			dt = now() - t0;
			if (dt < best)
				best = dt;
		}
		sink += result;
		printf("{\"engine\":\"marsad-%s\",\"bytes\":%zu,\"docs\":%zu,"
		       "\"result\":%zu,\"seconds\":%.4f,\"mb_per_s\":%.1f}\n",
		       measures[m].name, c.bytes, c.count, result, best,
		       (double)c.bytes / 1e6 / best);
		fflush(stdout);
	}
	mr_analyzer_free(a);
	corpus_free(&c);
	return 0;
}
