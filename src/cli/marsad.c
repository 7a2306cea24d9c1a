/*
 * marsad: the command-line front-end.  It parses arguments, opens files and
 * hands memory to the library; everything else lives in src/text and its
 * siblings.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../text/utf8.h"
#include "cli.h"

#ifndef MARSAD_VERSION
#define MARSAD_VERSION "unknown"
#endif

static const struct command commands[] = {
	{ "ingest", cmd_ingest,
	  "marsad ingest [--db PATH] [--source NAME] [--format auto|text|json|jsonl|trec] [--field FIELD=KEY]... [--recent-docs N] PATH... | -",
	  "read, clean and store articles",
	  "Reads files, folders (recursively, in name order) or stdin; gzip is\n"
	  "recognised by its bytes, and encodings (UTF-8, UTF-16, Windows-1256,\n"
	  "ISO-8859-6) by their bytes.  Each record is cleaned and stored with its\n"
	  "original bytes; a record stored before is not stored again.  Each\n"
	  "article is linked to its copies already in the archive (see dups) and\n"
	  "indexed for search.\n"
	  "Prints a summary (read, stored, already present, fragments, new\n"
	  "duplicates, rejected) and, on a terminal, a progress line.\n\n"
	  "  --db PATH         the database (default $MARSAD_DB, else ./marsad.db)\n"
	  "  --source NAME     the outlet of every record (else the record's own)\n"
	  "  --format F        auto (default), text, json, jsonl or trec\n"
	  "  --field F=KEY     read field F (text, title, date, url, source, author,\n"
	  "                    id) from the JSON key KEY, e.g. --field text=body\n"
	  "  --recent-docs N   documents whose duplicate-search keys stay in memory\n"
	  "                    before they are written to the archive as one sorted\n"
	  "                    run (default 32768, about 1 KB each)\n" },
	{ "clean", cmd_clean,
	  "marsad clean [--source NAME] [--format F] [--field FIELD=KEY]... PATH... | -",
	  "clean articles without a database: JSON Lines out",
	  "Reads and cleans like ingest, and prints one JSON object a document:\n"
	  "file, record, line, encoding, source, url, title, published,\n"
	  "published_hijri, author, agency, dateline, text, removed (start, end,\n"
	  "reason, text) and fragments (kind, title, text).\n" },
	{ "show", cmd_show,
	  "marsad show [--db PATH] [--json] ID",
	  "one document: metadata, cleaned text, what cleaning removed and why",
	  "Prints a stored document: its metadata, where it came from, its cleaned\n"
	  "text, every span cleaning removed with the reason, and the other stories\n"
	  "cut from its page.\n" },
	{ "dups", cmd_dups,
	  "marsad dups [--db PATH] [--json]",
	  "groups of duplicate documents",
	  "Lists every group of copies of one story: exact copies (the same text\n"
	  "once normalized) and near copies (Jaccard similarity of 5-word shingles\n"
	  "at least 0.7), each group's canonical document first (the earliest\n"
	  "publication, then the longest text, then the smallest content hash)\n"
	  "and marked *, with source, date, similarity and title.  --json: one\n"
	  "object a group.\n" },
	{ "search", cmd_search,
	  "marsad search [--db PATH] [--limit N] [--offset N] [--from DATE] [--to DATE] [--source NAME] [--sort rank|date] [--any] [--json] QUERY...",
	  "find articles, one result per story copied",
	  "Finds the articles that have every word of QUERY, in any spelling and\n"
	  "light inflection (سوريا finds سورية, الإيرانية finds إيراني), best first\n"
	  "(BM25, words in the title count more).  A story copied by several\n"
	  "outlets is one result, its best-ranked copy, with the number of copies.\n"
	  "When no article has every word, those with some of them are shown.\n\n"
	  "  word  \"a phrase\"  A OR B  -excluded  prefix*  title:word\n\n"
	  "  --limit N        results to show (default 10, at most 100)\n"
	  "  --offset N       results to skip first\n"
	  "  --from DATE      published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
	  "  --to DATE        published on or before DATE\n"
	  "  --source NAME    from this outlet only\n"
	  "  --sort date      newest first instead of best first\n"
	  "  --any            any of the words, the more the better\n"
	  "  --json           one JSON object a result: id, group, copies, title,\n"
	  "                   source, published, snippet, highlights (character\n"
	  "                   ranges of the snippet), score\n" },
	{ "reindex", cmd_reindex,
	  "marsad reindex [--db PATH]",
	  "rebuild the search index",
	  "Rebuilds the search index from the stored documents, as the analyzer of\n"
	  "this version of marsad reads them (ingest indexes as it stores).\n" },
	{ "serve", cmd_serve,
	  "marsad serve [--db PATH] [--listen HOST:PORT] [--threads N] [--cache N]",
	  "the web page and the JSON API over the archive",
	  "Serves the archive over HTTP until interrupted (Ctrl-C): a web page in\n"
	  "Arabic at / (search, articles with what cleaning removed, the archive's\n"
	  "overview) and a JSON API under /api/ (search, doc/ID, dups, sources,\n"
	  "stats).  The archive is opened read-only, so an ingest can run beside it.\n"
	  "Prints the address it serves at.\n\n"
	  "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0: any\n"
	  "                      free port; [::1]:PORT for IPv6)\n"
	  "  --threads N         worker threads (default twice the cores, at least 4)\n"
	  "  --cache N           API answers kept until the archive changes\n"
	  "                      (default 4096, 64 MiB at most; 0 keeps none)\n" },
	{ "stats", cmd_stats,
	  "marsad stats [--db PATH] [--json]",
	  "counts and sizes of the archive",
	  "Prints the number of documents (by kind and source), how many have a\n"
	  "date and a title, the removed spans, and the sizes of the raw text, the\n"
	  "cleaned text and the database.\n" },
	{ "normalize", cmd_normalize,
	  "marsad normalize [--for search|display]",
	  "print the normalized form of each line of stdin",
	  "Reads stdin and prints, for each line, its search form (what matching\n"
	  "sees: letters folded, marks and tatweel dropped, one space between\n"
	  "tokens) or its display form (NFC, invisible controls dropped, spelling\n"
	  "kept).  The default is --for search.\n" },
	{ "tokens", cmd_tokens,
	  "marsad tokens [--json]",
	  "print the tokens of stdin as the index sees them",
	  "Reads stdin and prints one token a line: the token (search form), its\n"
	  "stem, the byte offsets [start, end) of the token in the input, and\n"
	  "\"stop\" when it is a stop word.  Columns are separated by a tab.  With\n"
	  "--json, one JSON object a line: token, stem, start, end, kind, stop.\n" },
	{ "help", NULL,
	  "marsad help [COMMAND]",
	  "show the commands, or the help of one",
	  "" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_overview(FILE *to)
{
	size_t i;

	fputs("usage: marsad COMMAND [OPTIONS] [ARGS]\n"
	      "       marsad --version\n\n"
	      "Marsad turns scraped Arabic news into a clean, searchable archive.\n\n"
	      "Commands:\n", to);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(to, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'marsad help COMMAND' for the options of one command.\n", to);
}

static int print_help(const char *name)
{
	const struct command *c = find_command(name);

	if (!c) {
		fprintf(stderr, "marsad: unknown command '%s'\n", name);
		print_overview(stderr);
		return EXIT_USAGE;
	}
	printf("usage: %s\n\n%s", c->usage, c->help);
	return 0;
}

int usage_error(const char *command, const char *fmt, ...)
{
	const struct command *c = command ? find_command(command) : NULL;
	va_list ap;

	fputs("marsad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c)
		fprintf(stderr, "usage: %s\n", c->usage);
	else
		print_overview(stderr);
	return EXIT_USAGE;
}

int report_invalid_utf8(const char *file, const struct mr_utf8_report *report)
{
	if (!report->invalid)
		return 0;
	fprintf(stderr, "marsad: %s:@%zu: %zu invalid UTF-8 sequence%s replaced by U+FFFD\n",
		file, report->first_offset, report->invalid,
		report->invalid == 1 ? "" : "s");
	return EXIT_PARTIAL;
}

int common_option(const char *command, int opt)
{
	if (opt == 'h')
		return print_help(command);
	/* getopt has already said what was wrong with the option */
	return usage_error(command, "see 'marsad help %s'", command);
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("marsad %s\n", MARSAD_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		if (argc > 3)
			return usage_error("help", "help takes one command name");
		if (argc == 3)
			return print_help(argv[2]);
		print_overview(stdout);
		return 0;
	}
	c = find_command(argv[1]);
	if (!c || !c->run)
		return usage_error(NULL, "unknown command '%s'", argv[1]);
	/* getopt_long in the command sees "marsad-CMD OPTIONS..." */
	optind = 1;
	return c->run(argc - 1, argv + 1);
}
