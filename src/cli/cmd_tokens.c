#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../text/analyzer.h"
#include "../text/token.h"
#include "../util/buf.h"
#include "cli.h"

struct tokens_run {
	const struct mr_analyzer *analyzer;
	int json;
	struct buf out;
	struct mr_utf8_report report;
};

static const char *kind_name(enum mr_token_kind kind)
{
	switch (kind) {
	case MR_TOK_ARABIC:
		return "arabic";
	case MR_TOK_NUMBER:
		return "number";
	default:
		return "alpha";
	}
}

static void add_json_line(struct buf *out, const struct mr_token *tok,
			  const char *stem, size_t stem_len, size_t base, int stop)
{
	json_t *o = json_pack("{s:s%,s:s%,s:I,s:I,s:s,s:b}",
			      "token", tok->text, tok->len,
			      "stem", stem, stem_len,
			      "start", (json_int_t)(base + tok->start),
			      "end", (json_int_t)(base + tok->end),
			      "kind", kind_name(tok->kind),
			      "stop", stop);
	char *s = json_dumps(o, JSON_COMPACT);

	buf_adds(out, s);
	buf_addch(out, '\n');
	free(s);
	json_decref(o);
}

static int tokens_segment(const char *s, size_t n, size_t offset, int eol,
			  void *ctx)
{
	struct tokens_run *run = ctx;
	struct mr_tokenizer t;
	struct mr_token tok;
	char stem[MR_TOKEN_MAX + 1];

	(void)eol;
	buf_reset(&run->out);
	mr_tokenizer_init(&t, s, n);
	while (mr_tokenizer_next(&t, &tok)) {
		size_t stem_len = mr_analyzer_stem(run->analyzer, tok.text,
						   tok.len, stem);
		int stop = mr_analyzer_is_stop(run->analyzer, tok.text, tok.len);

		if (run->json) {
			add_json_line(&run->out, &tok, stem, stem_len, offset, stop);
		} else {
			buf_printf(&run->out, "%s\t%s\t%zu\t%zu%s\n", tok.text,
				   stem, offset + tok.start, offset + tok.end,
				   stop ? "\tstop" : "");
		}
	}
	if (t.report.invalid) {
		if (!run->report.invalid)
			run->report.first_offset = offset + t.report.first_offset;
		run->report.invalid += t.report.invalid;
	}
	return fwrite(run->out.data, 1, run->out.len, stdout) != run->out.len;
}

int cmd_tokens(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tokens_run run = { NULL, 0, BUF_INIT, { 0, 0 } };
	struct mr_analyzer *analyzer;
	struct mr_err err;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'j')
			run.json = 1;
		else
			return common_option("tokens", opt);
	}
	if (optind < argc)
		return usage_error("tokens", "unexpected argument '%s' (input is read from stdin)",
				   argv[optind]);
	analyzer = mr_analyzer_new_default(&err);
	if (!analyzer) {
		mr_err_print(stderr, "<built-in word lists>", &err);
		return EXIT_USAGE;
	}
	run.analyzer = analyzer;
	rc = for_each_segment(stdin, tokens_segment, &run);
	buf_release(&run.out);
	mr_analyzer_free(analyzer);
	if (rc < 0 || fflush(stdout)) {
		perror("marsad: tokens");
		return EXIT_USAGE;
	}
	return report_invalid_utf8("<stdin>", &run.report);
}
