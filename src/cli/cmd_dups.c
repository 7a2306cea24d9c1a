#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../store/store.h"
#include "cli.h"
#include "options.h"

struct dups_run {
	int json;
	int64_t group;        /* the group being printed, 0 before the first */
	json_t *members;      /* --json: the members of that group */
	int64_t canonical;
	size_t groups;
};

static void end_group(struct dups_run *run)
{
	char *line;
	json_t *o;

	if (!run->group || !run->json)
		return;
	o = json_pack("{s:I,s:I,s:o}", "group", (json_int_t)run->group,
		      "canonical", (json_int_t)run->canonical, "members", run->members);
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	puts(line);
	free(line);
	json_decref(o);
	run->members = NULL;
}

/* Members arrive group by group, the canonical document first. */
static int print_member(const struct mr_group_member *m, void *ctx)
{
	struct dups_run *run = ctx;
	int first = m->group != run->group;

	if (first) {
		end_group(run);
		run->group = m->group;
		run->canonical = m->id;
		run->groups++;
		if (run->json)
			run->members = json_array();
		else
			printf("%sgroup %lld\n", run->groups > 1 ? "\n" : "", (long long)m->group);
	}
	if (run->json) {
		json_array_append_new(run->members, json_pack("{s:I,s:s,s:o,s:s,s:f}",
			"id", (json_int_t)m->id, "source", m->source,
			"published", *m->published ? json_string(m->published) : json_null(),
			"title", m->title, "similarity", m->similarity));
	} else {
		printf("  %s %6lld  %-16s %-16s %.2f  %s\n", first ? "*" : " ",
		       (long long)m->id, *m->source ? m->source : "-",
		       *m->published ? m->published : "-", m->similarity, m->title);
	}
	return 0;
}

int cmd_dups(int argc, char **argv)
{
	struct dups_run run = { 0, 0, NULL, 0, 0 };
	const char *db;
	struct mr_store *s;
	struct mr_err err;
	int rc;

	if ((rc = parse_archive_options("dups", argc, argv, &db, &run.json)) >= 0)
		return rc;
	if (optind != argc)
		return usage_error("dups", "unexpected argument '%s'", argv[optind]);
	if (mr_store_open(db_path(db), MR_STORE_READ, &s, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	rc = mr_store_each_group(s, print_member, &run, &err);
	end_group(&run);
	if (rc < 0)
		mr_err_print(stderr, NULL, &err);
	else if (!run.json)
		printf("%s%zu groups of copies (* the canonical: earliest, then longest)\n",
		       run.groups ? "\n" : "", run.groups);
	mr_store_close(s);
	return rc < 0 ? EXIT_USAGE : 0;
}
