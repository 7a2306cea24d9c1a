/*
 * dedup_speed: Marsad's duplicate detection alone, on one core: for every
 * document of a corpus, its search form, shingles, signature and bands, the
 * candidates from the in-memory band index, and each candidate verified by
 * the Jaccard of the two shingle sets (kept in memory here, as the archive's
 * texts are in the store during an ingest) unless, as in an ingest, it is
 * in the document's group already.  The samples ingest adds for contained
 * items (src/cli/ingest_dedup.c) are not part of it: datatrove's stage has
 * nothing like them.
 *
 *   dedup_speed CORPUS.jsonl[.gz] [--stages]
 *
 * --stages adds the seconds spent in each step, to see where the time goes
 * (the clock is read between steps, a few milliseconds in all), and the
 * process's user and system time and page faults over the loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "../src/dedup/bandindex.h"
#include "../src/dedup/minhash.h"
#include "../src/text/normalize.h"
#include "../src/util/xalloc.h"
#include "corpus.h"

struct set {
	uint64_t *sh;
	size_t n;
};

struct verify {
	struct set *sets;
	const struct set *mine;
	int64_t self, last;
	size_t candidates, linked;
	int64_t *group;   /* union-find over documents, as the store's groups */
};

static int64_t group_of(int64_t *group, int64_t doc)
{
	while (group[doc] != doc)
		doc = group[doc] = group[group[doc]];
	return doc;
}

static void check(int64_t doc, int exact, void *ctx)
{
	struct verify *v = ctx;
	const struct set *o = &v->sets[doc];

	if (doc == v->last)
		return;   /* the same document from the next band */
	v->last = doc;
	/* as ingest does: a candidate already in the document's group is
	 * linked through it, and not compared again */
	if (group_of(v->group, doc) == group_of(v->group, v->self))
		return;
	v->candidates++;
	if (exact || mr_jaccard(v->mine->sh, v->mine->n, o->sh, o->n) >= MR_NEAR_JACCARD) {
		v->linked++;
		v->group[group_of(v->group, v->self)] = group_of(v->group, doc);
	}
}

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum stage { NORMALIZE, SHINGLES, MINHASH, BANDS, SET, FIND, ADD, STAGES };

static const char *const stage_name[STAGES] = {
	"normalize", "shingles", "minhash", "bands", "set", "find", "add"
};

/* Charges the time since *mark to stage s when timing stages. */
static void lap(double *spent, enum stage s, double *mark)
{
	double t;

	if (!spent)
		return;
	t = now();
	spent[s] += t - *mark;
	*mark = t;
}

int main(int argc, char **argv)
{
	struct corpus c;
	struct mr_bandindex *x;
	struct set *sets;
	struct buf form = BUF_INIT;
	struct verify v = { NULL, NULL, 0, -1, 0, 0, NULL };
	double t0, dt, mark, stages[STAGES] = { 0 }, *spent = NULL;
	struct rusage before, after;
	size_t i;

	if (argc == 3 && !strcmp(argv[2], "--stages"))
		spent = stages;
	if ((argc != 2 && !spent) || corpus_load(&c, argv[1], "content", 0) < 0) {
		fputs("usage: dedup_speed CORPUS.jsonl[.gz] [--stages]\n", stderr);
		return 2;
	}
	sets = xcalloc(c.count, sizeof(*sets));
	x = mr_bandindex_new();
	v.sets = sets;
	v.group = xmalloc(c.count * sizeof(*v.group));
	for (i = 0; i < c.count; i++)
		v.group[i] = (int64_t)i;
	getrusage(RUSAGE_SELF, &before);
	t0 = now();
	for (i = 0; i < c.count; i++) {
		size_t len;
		const char *d = corpus_doc(&c, i, &len);
		uint64_t sig[MR_MINHASH_K], bands[MR_BANDS], exact[2];

		mark = spent ? now() : 0;
		buf_reset(&form);
		mr_normalize(MR_FORM_SEARCH, d, len, &form, NULL);
		lap(spent, NORMALIZE, &mark);
		sets[i].sh = mr_shingles_of_form(form.data, form.len, &sets[i].n, exact);
		lap(spent, SHINGLES, &mark);
		if (!sets[i].n)
			continue;
		mr_minhash(sets[i].sh, sets[i].n, sig);
		lap(spent, MINHASH, &mark);
		mr_bands(sig, bands);
		lap(spent, BANDS, &mark);
		sets[i].n = mr_shingle_set(sets[i].sh, sets[i].n);
		lap(spent, SET, &mark);
		v.mine = &sets[i];
		v.self = (int64_t)i;
		v.last = -1;
		mr_bandindex_find(x, bands, exact[0], check, &v);
		lap(spent, FIND, &mark);
		mr_bandindex_add(x, (int64_t)i, bands, exact[0]);
		lap(spent, ADD, &mark);
	}
	dt = now() - t0;
	getrusage(RUSAGE_SELF, &after);
	printf("{\"engine\":\"marsad-dedup\",\"bytes\":%zu,\"docs\":%zu,\"seconds\":%.3f,"
	       "\"mb_per_s\":%.2f,\"candidates\":%zu,\"linked\":%zu",
	       c.bytes, c.count, dt, (double)c.bytes / 1e6 / dt, v.candidates, v.linked);
	if (spent) {
		int s;

		/* first touches of memory: the system time, which some virtual
		 * machines make costly */
		printf(",\"user_s\":%.3f,\"sys_s\":%.3f,\"page_faults\":%ld,\"stages\":{",
		       seconds(after.ru_utime) - seconds(before.ru_utime),
		       seconds(after.ru_stime) - seconds(before.ru_stime),
		       after.ru_minflt + after.ru_majflt - before.ru_minflt - before.ru_majflt);
		for (s = 0; s < STAGES; s++)
			printf("%s\"%s\":%.3f", s ? "," : "", stage_name[s], spent[s]);
		putchar('}');
	}
	puts("}");
	for (i = 0; i < c.count; i++)
		free(sets[i].sh);
	free(sets);
	free(v.group);
	mr_bandindex_free(x);
	buf_release(&form);
	corpus_free(&c);
	return 0;
}
