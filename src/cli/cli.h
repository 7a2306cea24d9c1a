/*
 * The marsad command: one function per command, dispatched from the table
 * in marsad.c.  Each returns the process exit status: 0 success, 1 some input
 * rejected but the rest done, 2 usage error or nothing could be done.
 */
#ifndef MARSAD_CLI_H
#define MARSAD_CLI_H

#include <stddef.h>
#include <stdio.h>

#define EXIT_PARTIAL 1
#define EXIT_USAGE 2

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;     /* one line: "marsad NAME [OPTIONS] ..." */
	const char *summary;   /* one line for `marsad help` */
	const char *help;      /* the rest of `marsad help NAME` */
};

int cmd_normalize(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_dups(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* Prints "marsad: msg" and the command's usage to stderr; returns 2. */
int usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Handles the options every command shares (-h/--help); returns -1 when the
 * command should go on, or an exit status. */
int common_option(const char *command, int opt);

/* Says on stderr how much invalid UTF-8 the input held and where the first
 * was; returns the exit status that follows (0 when there was none, else 1:
 * the input was processed with U+FFFD in place of the bad bytes). */
struct mr_utf8_report;
int report_invalid_utf8(const char *file, const struct mr_utf8_report *report);

/*
 * Reads f to its end in pieces, never holding more than about
 * SEGMENT_MAX bytes: each piece is a line (without its '\n') or, inside a
 * longer line, a run cut after a space or at a UTF-8 boundary.  fn gets the
 * piece, its byte offset in the stream and whether a '\n' followed it.
 * Reads with read(2) on fileno(f): do not mix with stdio reads of f.
 * Returns 0, or -1 when reading failed (errno set) or fn returned non-zero.
 */
#define SEGMENT_MAX (1u << 20)
int for_each_segment(FILE *f,
		     int (*fn)(const char *s, size_t n, size_t offset, int eol,
			       void *ctx),
		     void *ctx);

#endif
