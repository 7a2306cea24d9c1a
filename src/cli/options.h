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
/* A JSON string of any bytes: what is not UTF-8 becomes U+FFFD (jansson
 * refuses such a string, and a stored span or a quoted request can hold
 * one cut in the middle of a character). */
json_t *json_utf8(const char *s);

/* A stored document as `marsad show --json` and /api/doc give it: its
 * metadata, cleaned text and removed spans (each caller adds its links). */
struct mr_stored;
json_t *stored_json(const struct mr_stored *d);

/* The archive's counts as `marsad stats --json` and /api/stats give them,
 * with a list of the caller's under list_name. */
struct mr_stats;
json_t *stats_json(const struct mr_stats *st, const char *list_name, json_t *list);

/* --db PATH, else $MARSAD_DB, else ./marsad.db */
const char *db_path(const char *given);

/* Parses --format NAME into o; returns 0, or prints a usage error and
 * returns 2. */
int parse_format(const char *command, const char *name, struct pipeline_options *o);
/* Parses --field NAME=KEY into o. */
int parse_field(const char *command, const char *arg, struct pipeline_options *o);

#endif
