#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"
#include "options.h"

static void print_json(const struct mr_stored *d)
{
	json_t *o = stored_json(d), *frags = json_array();
	char *line;
	size_t i;

	for (i = 0; i < d->n_fragments; i++)
		json_array_append_new(frags, json_integer(d->fragments[i]));
	json_object_set_new(o, "fragments", frags);
	{
		json_t *links = json_array();

		for (i = 0; i < d->n_links; i++)
			json_array_append_new(links, json_pack("{s:I,s:s,s:f}",
				"id", (json_int_t)d->links[i].other,
				"relation", d->links[i].relation,
				"similarity", d->links[i].similarity));
		json_object_set_new(o, "duplicates", links);
	}
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	puts(line);
	free(line);
	json_decref(o);
}

static void field(const char *name, const char *value)
{
	if (value && *value)
		printf("%-10s %s\n", name, value);
}

static void print_text(const struct mr_stored *d)
{
	size_t i;

	printf("%-10s %lld (%s", "document", (long long)d->id, d->kind);
	if (d->page_id)
		printf(", from page %lld", (long long)d->page_id);
	puts(")");
	field("title", d->title);
	field("source", d->source);
	field("published", d->published);
	field("hijri", d->published_hijri);
	field("author", d->author);
	field("agency", d->agency);
	field("dateline", d->dateline);
	field("url", d->url);
	printf("%-10s %s", "from", d->origin_file);
	if (d->origin_line)
		printf(":%zu", d->origin_line);
	printf(" (record %zu, %zu bytes, %s)\n", d->origin_record, d->raw_len,
	       d->encoding ? d->encoding : "?");
	printf("\n%s\n", d->text ? d->text : "");
	if (d->n_spans) {
		printf("\nremoved by cleaning:\n");
		for (i = 0; i < d->n_spans; i++)
			printf("  [%s] %s\n", d->spans[i].reason, d->spans[i].text);
	}
	if (d->n_links) {
		printf("\ncopies and containers:\n");
		for (i = 0; i < d->n_links; i++)
			printf("  %-12s %lld (similarity %.2f)\n", d->links[i].relation,
			       (long long)d->links[i].other, d->links[i].similarity);
	}
	if (d->n_fragments) {
		printf("\nother stories on this page:");
		for (i = 0; i < d->n_fragments; i++)
			printf(" %lld", (long long)d->fragments[i]);
		putchar('\n');
	}
}

int cmd_show(int argc, char **argv)
{
	const char *db = NULL;
	struct mr_store *s;
	struct mr_stored d;
	struct mr_err err;
	char *end;
	long long id;
	int json, found, rc;

	if ((rc = parse_archive_options("show", argc, argv, &db, &json)) >= 0)
		return rc;
	if (optind + 1 != argc)
		return usage_error("show", "give one document id");
	id = strtoll(argv[optind], &end, 10);
	if (*end || id <= 0)
		return usage_error("show", "'%s' is not a document id", argv[optind]);
	if (mr_store_open(db_path(db), MR_STORE_READ, &s, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	found = mr_store_get(s, id, &d, &err);
	if (found < 0)
		mr_err_print(stderr, NULL, &err);
	else if (!found)
		fprintf(stderr, "marsad: no document %lld in %s\n", id, db_path(db));
	else if (json)
		print_json(&d);
	else
		print_text(&d);
	if (found > 0)
		mr_stored_release(&d);
	mr_store_close(s);
	return found > 0 ? 0 : EXIT_USAGE;
}
