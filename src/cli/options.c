#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store.h"
#include "../text/utf8.h"
#include "cli.h"

const char *db_path(const char *given)
{
	const char *env = getenv("MARSAD_DB");

	if (given)
		return given;
	return env && *env ? env : "marsad.db";
}

int parse_format(const char *command, const char *name, struct pipeline_options *o)
{
	int f = mr_format_from_name(name);

	if (f < 0)
		return usage_error(command, "--format takes auto, text, json, jsonl or trec, not '%s'", name);
	o->format = (enum mr_format)f;
	return 0;
}

int parse_field(const char *command, const char *arg, struct pipeline_options *o)
{
	const char *eq = strchr(arg, '=');
	char name[32];
	int f;

	if (!eq || eq == arg || !eq[1] || (size_t)(eq - arg) >= sizeof(name))
		return usage_error(command, "--field takes FIELD=KEY, such as text=content, not '%s'", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	f = mr_field_from_name(name);
	if (f < 0)
		return usage_error(command, "--field: unknown field '%s' (text, title, date, url, source, author, id)", name);
	o->field_names[f] = eq + 1;
	return 0;
}

int pipeline_option(const char *command, int opt, const char *arg,
		    struct pipeline_options *o)
{
	switch (opt) {
	case 's':
		o->source = arg;
		return 0;
	case 'f':
		return parse_format(command, arg, o);
	case 'F':
		return parse_field(command, arg, o);
	default:
		return -1;
	}
}

json_t *json_string_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *json_utf8(const char *s)
{
	struct buf b = BUF_INIT;
	json_t *j;

	mr_utf8_sanitize(s ? s : "", s ? strlen(s) : 0, &b, NULL);
	j = json_stringn(b.data, b.len);
	buf_release(&b);
	return j;
}

json_t *stored_json(const struct mr_stored *d)
{
	json_t *o = json_object(), *spans = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "kind", json_string_or_null(d->kind));
	json_object_set_new(o, "page", d->page_id ? json_integer(d->page_id) : json_null());
	json_object_set_new(o, "group", d->group ? json_integer(d->group) : json_null());
	json_object_set_new(o, "source", json_string_or_null(d->source));
	json_object_set_new(o, "title", json_string_or_null(d->title));
	json_object_set_new(o, "published", json_string_or_null(d->published));
	json_object_set_new(o, "published_hijri", json_string_or_null(d->published_hijri));
	json_object_set_new(o, "date_raw", json_string_or_null(d->date_raw));
	json_object_set_new(o, "author", json_string_or_null(d->author));
	json_object_set_new(o, "agency", json_string_or_null(d->agency));
	json_object_set_new(o, "dateline", json_string_or_null(d->dateline));
	json_object_set_new(o, "url", json_string_or_null(d->url));
	json_object_set_new(o, "file", json_string_or_null(d->origin_file));
	json_object_set_new(o, "record", json_integer((json_int_t)d->origin_record));
	json_object_set_new(o, "line", json_integer((json_int_t)d->origin_line));
	json_object_set_new(o, "encoding", json_string_or_null(d->encoding));
	json_object_set_new(o, "raw_bytes", json_integer((json_int_t)d->raw_len));
	json_object_set_new(o, "ingested_at", json_string_or_null(d->ingested_at));
	json_object_set_new(o, "text", json_utf8(d->text));
	for (i = 0; i < d->n_spans; i++)
		json_array_append_new(spans, json_pack("{s:I,s:I,s:s,s:o}",
			"start", (json_int_t)d->spans[i].start, "end", (json_int_t)d->spans[i].end,
			"reason", d->spans[i].reason, "text", json_utf8(d->spans[i].text)));
	json_object_set_new(o, "removed", spans);
	return o;
}

json_t *stats_json(const struct mr_stats *st, const char *list_name, json_t *list)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:i,s:o}",
		"documents", (json_int_t)st->documents, "articles", (json_int_t)st->articles,
		"teasers", (json_int_t)st->teasers, "page_articles", (json_int_t)st->page_articles,
		"sources", (json_int_t)st->sources, "removed_spans", (json_int_t)st->removed_spans,
		"raw_bytes", (json_int_t)st->raw_bytes, "text_bytes", (json_int_t)st->text_bytes,
		"dated", (json_int_t)st->dated, "titled", (json_int_t)st->titled,
		"database_bytes", (json_int_t)st->db_bytes, "schema_version", st->schema_version,
		list_name, list);
}

int parse_archive_options(const char *command, int argc, char **argv,
			  const char **db, int *json)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	*db = NULL;
	*json = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'd')
			*db = optarg;
		else if (opt == 'j')
			*json = 1;
		else
			return common_option(command, opt);
	}
	return -1;
}
