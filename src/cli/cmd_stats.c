#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../store/store.h"
#include "cli.h"
#include "options.h"

static int print_source(const char *source, int64_t docs, void *ctx)
{
	json_t *list = ctx;

	if (list)
		json_array_append_new(list, json_pack("{s:s,s:I}", "source", source,
						      "documents", (json_int_t)docs));
	else
		printf("  %-30s %lld\n", *source ? source : "(no source)", (long long)docs);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	const char *db = NULL;
	struct mr_store *s;
	struct mr_stats st;
	struct mr_err err;
	int json, rc;

	if ((rc = parse_archive_options("stats", argc, argv, &db, &json)) >= 0)
		return rc;
	if (optind != argc)
		return usage_error("stats", "unexpected argument '%s'", argv[optind]);
	if (mr_store_open(db_path(db), MR_STORE_READ, &s, &err) < 0 ||
	    mr_store_stats(s, &st, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		mr_store_close(s);
		return EXIT_USAGE;
	}
	if (json) {
		json_t *sources = json_array();
		char *line;
		json_t *o;

		rc = mr_store_each_source(s, print_source, sources, &err);
		o = stats_json(&st, "by_source", sources);
		line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		puts(line);
		free(line);
		json_decref(o);
	} else {
		printf("documents      %lld (%lld articles, %lld teasers, %lld other articles of pages)\n",
		       (long long)st.documents, (long long)st.articles, (long long)st.teasers,
		       (long long)st.page_articles);
		printf("with a date    %lld\nwith a title   %lld\n", (long long)st.dated,
		       (long long)st.titled);
		printf("removed spans  %lld\n", (long long)st.removed_spans);
		printf("raw bytes      %lld\ncleaned bytes  %lld\ndatabase bytes %lld\n",
		       (long long)st.raw_bytes, (long long)st.text_bytes, (long long)st.db_bytes);
		printf("sources        %lld\n", (long long)st.sources);
		rc = mr_store_each_source(s, print_source, NULL, &err);
	}
	if (rc < 0)
		mr_err_print(stderr, NULL, &err);
	mr_store_close(s);
	return rc < 0 ? EXIT_USAGE : 0;
}
