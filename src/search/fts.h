/*
 * fts: Marsad's text core as an SQLite FTS5 tokenizer.
 *
 * Registered on a connection under the name "marsad", it gives FTS5 the
 * words of a text as the index keeps them — normalized, stop words left
 * out, each reduced to its light stem (analyzer.h) — with the byte range
 * each word has in the original text, so that FTS5's highlight() and
 * snippet() mark the words as they were written.  Queries go through the
 * same steps, so سوريا finds سورية and الإيرانية finds إيراني.
 *
 * Positions advance only on the words kept: a phrase written with a stop
 * word inside («وزير الخارجية في لبنان») matches the text it came from.
 */
#ifndef MARSAD_FTS_H
#define MARSAD_FTS_H

#include <sqlite3.h>

#include "../util/err.h"

#define MR_FTS_TOKENIZER "marsad"

/* Registers the tokenizer on db; it lives as long as the connection. */
int mr_fts_register(sqlite3 *db, struct mr_err *err);

#endif
