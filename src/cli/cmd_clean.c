#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "pipeline.h"

static json_t *slice(const char *s, size_t start, size_t end)
{
	return json_stringn(s + start, end - start);
}

/* One JSON object a cleaned document, on stdout. */
static int print_record(const struct cleaned_record *r, void *ctx)
{
	const struct mr_cleaned *c = r->cleaned;
	json_t *o = json_object(), *removed = json_array(), *fragments = json_array();
	char *line;
	size_t i;

	(void)ctx;
	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "record", json_integer((json_int_t)r->rec->number));
	if (r->rec->line)
		json_object_set_new(o, "line", json_integer((json_int_t)r->rec->line));
	json_object_set_new(o, "encoding", json_string(r->encoding));
	json_object_set_new(o, "source", json_string_or_null(r->source));
	json_object_set_new(o, "url", json_string_or_null(r->field[MR_F_URL]));
	json_object_set_new(o, "title", json_string_or_null(c->title));
	json_object_set_new(o, "published", json_string_or_null(c->published));
	json_object_set_new(o, "published_hijri", json_string_or_null(c->published_hijri));
	json_object_set_new(o, "author", json_string_or_null(c->author));
	json_object_set_new(o, "agency", json_string_or_null(c->agency));
	json_object_set_new(o, "dateline", json_string_or_null(c->dateline));
	json_object_set_new(o, "text", json_stringn(c->text.data, c->text.len));
	for (i = 0; i < c->n_removed; i++) {
		const struct mr_removed *m = &c->removed[i];

		if (m->reason == MR_RM_FRAGMENT)
			continue;   /* listed whole under "fragments" */
		json_array_append_new(removed, json_pack("{s:I,s:I,s:s,s:o}",
			"start", (json_int_t)m->start, "end", (json_int_t)m->end,
			"reason", mr_removal_name(m->reason),
			"text", slice(r->decoded, m->start, m->end)));
	}
	for (i = 0; i < c->n_fragments; i++) {
		const struct mr_fragment *f = &c->fragments[i];

		json_array_append_new(fragments, json_pack("{s:s,s:o,s:o}",
			"kind", f->kind == MR_FRAG_TEASER ? "teaser" : "article",
			"title", slice(r->decoded, f->title_start, f->title_end),
			"text", slice(r->decoded, f->start, f->end)));
	}
	json_object_set_new(o, "removed", removed);
	json_object_set_new(o, "fragments", fragments);
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!line || puts(line) < 0) {
		free(line);
		return -1;
	}
	free(line);
	return 0;
}

int cmd_clean(int argc, char **argv)
{
	static const struct option options[] = {
		PIPELINE_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_options o;
	struct pipeline *p;
	struct pipeline_stats st;
	int opt, rc;

	memset(&o, 0, sizeof(o));
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		rc = pipeline_option("clean", opt, optarg, &o);
		if (rc < 0)
			return common_option("clean", opt);
		if (rc)
			return rc;
	}
	if (optind >= argc)
		return usage_error("clean", "no input: give files, folders or - for stdin");
	p = pipeline_new(&o, print_record, NULL, NULL);
	if (!p)
		return EXIT_USAGE;
	rc = pipeline_run(p, argv + optind, argc - optind);
	st = *pipeline_stats(p);
	pipeline_free(p);
	if (rc < 0 || fflush(stdout)) {
		perror("marsad: clean: writing the output");
		return EXIT_USAGE;
	}
	if (st.records == 0 && st.rejected > 0)
		return EXIT_USAGE;
	return st.rejected || st.invalid_utf8 ? EXIT_PARTIAL : 0;
}
