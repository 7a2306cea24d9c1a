/* What several commands share: --db, the input options, JSON output. */
#ifndef MARSAD_OPTIONS_H
#define MARSAD_OPTIONS_H

#include <jansson.h>

#include "pipeline.h"

/* The long options of the commands that read input (ingest, clean). */
#define PIPELINE_LONG_OPTIONS \
	{ "source", required_argument, NULL, 's' }, \
	{ "format", required_argument, NULL, 'f' }, \
	{ "field", required_argument, NULL, 'F' }

/* Handles one of PIPELINE_LONG_OPTIONS: returns -1 when opt is not one of
 * them, else 0 or the exit status of a usage error. */
int pipeline_option(const char *command, int opt, const char *arg,
		    struct pipeline_options *o);

/* The options of the commands that read the archive: --db PATH, --json and
 * --help.  Returns -1 when the command should go on (optind then points at
 * its arguments), else the exit status. */
int parse_archive_options(const char *command, int argc, char **argv,
			  const char **db, int *json);

/* A JSON string, or null for NULL or "". */
json_t *json_string_or_null(const char *s);

/* --db PATH, else $MARSAD_DB, else ./marsad.db */
const char *db_path(const char *given);

/* Parses --format NAME into o; returns 0, or prints a usage error and
 * returns 2. */
int parse_format(const char *command, const char *name, struct pipeline_options *o);
/* Parses --field NAME=KEY into o. */
int parse_field(const char *command, const char *arg, struct pipeline_options *o);

#endif
