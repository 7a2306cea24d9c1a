/* Options several commands share: --db, --format, --field, --source. */
#ifndef MARSAD_OPTIONS_H
#define MARSAD_OPTIONS_H

#include "pipeline.h"

/* --db PATH, else $MARSAD_DB, else ./marsad.db */
const char *db_path(const char *given);

/* Parses --format NAME into o; returns 0, or prints a usage error and
 * returns 2. */
int parse_format(const char *command, const char *name, struct pipeline_options *o);
/* Parses --field NAME=KEY into o. */
int parse_field(const char *command, const char *arg, struct pipeline_options *o);

#endif
