/* Shared by the unit tests: cmocka's prerequisites and a way to turn a table
 * of cases into one cmocka test per row, so that a failing row is named. */
#ifndef MARSAD_TEST_HELPERS_H
#define MARSAD_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <unistd.h>

#include "../../bench/corpus.h"
#include "../../src/util/buf.h"
#include "../../src/util/xalloc.h"

/* A growing list of tests, each with the table row it runs on. */
struct test_list {
	struct CMUnitTest *tests;
	size_t count, cap;
};

static inline void add_test(struct test_list *l, const char *name,
			    CMUnitTestFunction fn, const void *row)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->tests = xrealloc(l->tests, l->cap * sizeof(*l->tests));
	}
	memset(&l->tests[l->count], 0, sizeof(l->tests[0]));
	l->tests[l->count].name = name;
	l->tests[l->count].test_func = fn;
	l->tests[l->count].initial_state = (void *)row;
	l->count++;
}

/* Test names are printed one a line: no control characters in them. */
static inline void printable_name(struct buf *name)
{
	size_t i;

	for (i = 0; i < name->len; i++)
		if ((unsigned char)name->data[i] < 0x20)
			name->data[i] = ' ';
}

/* Adds one test per row of a table: NAME_OF(row) gives the test's name. */
#define ADD_ROWS(list, prefix, table, fn, field)                               \
	do {                                                                   \
		size_t i_;                                                     \
		for (i_ = 0; i_ < sizeof(table) / sizeof((table)[0]); i_++) {  \
			struct buf name_ = BUF_INIT;                           \
			buf_printf(&name_, "%s %s", prefix, (table)[i_].field);\
			printable_name(&name_);                                \
			add_test(list, buf_detach(&name_, NULL), fn,           \
				 &(table)[i_]);                                \
		}                                                              \
	} while (0)

static inline int run_group(const char *group, struct test_list *l)
{
	int failed = _cmocka_run_group_tests(group, l->tests, l->count, NULL, NULL);
	size_t i;

	for (i = 0; i < l->count; i++)
		free((void *)l->tests[i].name);
	free(l->tests);
	return failed;
}

/* Names given as literals must be freeable like the ones ADD_ROWS makes. */
#define ADD_TEST(list, fn) add_test(list, xstrndup(#fn, strlen(#fn)), fn, NULL)

/* Loads `field` of the first `limit` SaudiNewsNet records from
 * ../shared/data (relative to $MARSAD_ROOT); returns 0, or 1 after printing
 * "skipped: no ../shared/data (what)" when the data set is not there. */
static inline int load_saudinewsnet(struct corpus *c, const char *field,
				    size_t limit, const char *what)
{
	const char *root = getenv("MARSAD_ROOT");
	struct buf path = BUF_INIT;
	int rc = 1;

	buf_printf(&path, "%s/../shared/data/saudinewsnet/saudinewsnet.jsonl.gz",
		   root ? root : ".");
	if (access(path.data, R_OK) == 0 &&
	    corpus_load(c, path.data, field, limit) == 0)
		rc = 0;
	else
		printf("skipped: no ../shared/data (%s)\n", what);
	buf_release(&path);
	return rc;
}

#endif
