#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
