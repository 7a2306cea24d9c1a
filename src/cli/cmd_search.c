#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../store/store.h"
#include "cli.h"
#include "options.h"
#include "search_run.h"

struct printer {
	int json, tty;
	size_t rank;
};

/* The snippet on one line, matched words marked: bold on a terminal,
 * [brackets] elsewhere. */
static void print_snippet(const char *s, int tty)
{
	for (; *s; s++) {
		if (*s == MR_MARK_OPEN)
			fputs(tty ? "\033[1;33m" : "[", stdout);
		else if (*s == MR_MARK_CLOSE)
			fputs(tty ? "\033[0m" : "]", stdout);
		else
			putchar(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	}
}

static int print_hit(const struct mr_search_hit *hit, void *ctx)
{
	struct printer *p = ctx;

	p->rank++;
	if (p->json) {
		json_t *o = search_hit_json(hit);
		char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

		puts(line);
		free(line);
		json_decref(o);
		return 0;
	}
	printf("%zu. %s\n   %s · %s · id %lld", p->rank, *hit->title ? hit->title : "(no title)",
	       *hit->source ? hit->source : "-", *hit->published ? hit->published : "-",
	       (long long)hit->id);
	if (hit->copies > 1)
		printf(" · +%zu copies", hit->copies - 1);
	fputs("\n   ", stdout);
	print_snippet(hit->snippet, p->tty);
	fputs("\n\n", stdout);
	return 0;
}

int cmd_search(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "source", required_argument, NULL, 's' },
		{ "sort", required_argument, NULL, 'S' },
		{ "any", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct search_options o;
	struct printer p = { 0, 0, 0 };
	struct buf query = BUF_INIT;
	const char *db = NULL;
	struct mr_store *s = NULL;
	struct mr_analyzer *a = NULL;
	enum search_mode mode;
	struct mr_err err;
	size_t total = 0;
	int opt, rc = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	o.limit = 10;
	while ((opt = getopt_long(argc, argv, "hn:", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'F': o.from = optarg; break;
		case 'T': o.to = optarg; break;
		case 's': o.source = optarg; break;
		case 'a': o.any = 1; break;
		case 'j': p.json = 1; break;
		case 'n':
		case 'o':
			if (search_parse_count(opt == 'n' ? "--limit" : "--offset", optarg,
					       opt == 'n' ? SEARCH_MAX_LIMIT : SEARCH_MAX_OFFSET,
					       opt == 'n' ? &o.limit : &o.offset, &err) < 0)
				return usage_error("search", "%s", err.msg);
			break;
		case 'S':
			if (strcmp(optarg, "rank") && strcmp(optarg, "date"))
				return usage_error("search", "--sort: rank or date, not %s", optarg);
			o.by_date = !strcmp(optarg, "date");
			break;
		default:
			return common_option("search", opt);
		}
	}
	if (optind >= argc)
		return usage_error("search", "no query: give the words to look for");
	for (; optind < argc; optind++) {
		if (query.len)
			buf_addch(&query, ' ');
		buf_adds(&query, argv[optind]);
	}
	o.query = query.data;
	p.tty = isatty(STDOUT_FILENO);
	if (mr_store_open(db_path(db), MR_STORE_READ, &s, &err) < 0 ||
	    !(a = mr_analyzer_new_default(&err))) {
		mr_err_print(stderr, NULL, &err);
		goto out;
	}
	if (search_run(s, a, &o, print_hit, &p, &total, &mode, &err) < 0) {
		if (err.code == MR_E_INVALID || err.code == MR_E_LIMIT)
			fprintf(stderr, "marsad: search: %s\n", err.msg);
		else
			mr_err_print(stderr, NULL, &err);
		goto out;
	}
	if (mode == SEARCH_ANY_FALLBACK)
		fputs("marsad: no document has all the words; these have some of them\n", stderr);
	if (!p.json) {
		if (!total)
			puts("no results");
		else
			printf("%zu results%s, %zu to %zu shown\n", total,
			       o.by_date ? " (newest first)" : "", total ? o.offset + 1 : 0,
			       o.offset + p.rank);
	}
	rc = 0;
out:
	mr_analyzer_free(a);
	mr_store_close(s);
	buf_release(&query);
	return rc;
}

int cmd_reindex(int argc, char **argv)
{
	const char *db;
	struct mr_store *s;
	struct mr_stats st;
	struct mr_err err;
	int json, rc;

	if ((rc = parse_archive_options("reindex", argc, argv, &db, &json)) >= 0)
		return rc;
	if (optind != argc)
		return usage_error("reindex", "unexpected argument '%s'", argv[optind]);
	if (mr_store_open(db_path(db), MR_STORE_WRITE, &s, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	if (mr_store_begin(s, &err) < 0 || mr_store_reindex(s, &err) < 0 ||
	    mr_store_commit(s, &err) < 0 || mr_store_stats(s, &st, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		mr_store_rollback(s);
		mr_store_close(s);
		return EXIT_USAGE;
	}
	printf("reindexed %lld documents\n", (long long)st.documents);
	mr_store_close(s);
	return 0;
}
