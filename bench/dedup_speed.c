/*
 * dedup_speed: Marsad's duplicate detection alone, on one core: for every
 * document of a corpus, its search form, shingles, signature and bands, the
 * candidates from the in-memory band index, and each candidate verified by
 * the Jaccard of the two shingle sets (kept in memory here, as the archive's
 * texts are in the store during an ingest).
 *
 *   dedup_speed CORPUS.jsonl[.gz]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
};

static void check(int64_t doc, int exact, void *ctx)
{
	struct verify *v = ctx;
	const struct set *o = &v->sets[doc];

	if (doc == v->last)
		return;   /* the same document from the next band */
	v->last = doc;
	v->candidates++;
	if (exact || mr_jaccard(v->mine->sh, v->mine->n, o->sh, o->n) >= MR_NEAR_JACCARD)
		v->linked++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct corpus c;
	struct mr_bandindex *x;
	struct set *sets;
	struct buf form = BUF_INIT;
	struct verify v = { NULL, NULL, 0, -1, 0, 0 };
	double t0, dt;
	size_t i;

	if (argc != 2 || corpus_load(&c, argv[1], "content", 0) < 0) {
		fputs("usage: dedup_speed CORPUS.jsonl[.gz]\n", stderr);
		return 2;
	}
	sets = xcalloc(c.count, sizeof(*sets));
	x = mr_bandindex_new();
	v.sets = sets;
	t0 = now();
	for (i = 0; i < c.count; i++) {
		size_t len;
		const char *d = corpus_doc(&c, i, &len);
		uint64_t sig[MR_MINHASH_K], bands[MR_BANDS], exact[2];

		buf_reset(&form);
		mr_normalize(MR_FORM_SEARCH, d, len, &form, NULL);
		sets[i].sh = mr_shingles_of_form(form.data, form.len, &sets[i].n, exact);
		if (!sets[i].n)
			continue;
		mr_minhash(sets[i].sh, sets[i].n, sig);
		mr_bands(sig, bands);
		sets[i].n = mr_shingle_set(sets[i].sh, sets[i].n);
		v.mine = &sets[i];
		v.last = -1;
		mr_bandindex_find(x, bands, exact[0], check, &v);
		mr_bandindex_add(x, (int64_t)i, bands, exact[0]);
	}
	dt = now() - t0;
	printf("{\"engine\":\"marsad-dedup\",\"bytes\":%zu,\"docs\":%zu,\"seconds\":%.3f,"
	       "\"mb_per_s\":%.2f,\"candidates\":%zu,\"linked\":%zu}\n",
	       c.bytes, c.count, dt, (double)c.bytes / 1e6 / dt, v.candidates, v.linked);
	for (i = 0; i < c.count; i++)
		free(sets[i].sh);
	free(sets);
	mr_bandindex_free(x);
	buf_release(&form);
	corpus_free(&c);
	return 0;
}
