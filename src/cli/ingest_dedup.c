#include "ingest_dedup.h"

#include <stdlib.h>
#include <string.h>

#include "../dedup/bandindex.h"
#include "../dedup/bloom.h"
#include "../dedup/minhash.h"
#include "../util/xalloc.h"

/* 2^27 bits: 15 million keys (a million documents) at under 2 % false
 * positives (bloom.h). */
#define BLOOM_LOG2_BITS 27

struct ingest_dedup {
	struct mr_store *store;
	struct mr_bandindex *recent;   /* documents after the last run */
	size_t recent_docs, max_recent;
	int64_t last_doc;              /* the newest document in recent */
	struct mr_bloom *on_disk;      /* the keys of every run; NULL: no run */
	struct mr_band_entry *run;     /* room for one run while it is written */
	struct buf other;              /* a candidate's text */
};

struct candidate {
	int64_t doc;
	int exact;
};

struct candidates {
	struct candidate *c;
	size_t n, cap;
	int exact;   /* for finds on disk: whether the key looked up is exact */
};

static void add_candidate(int64_t doc, int exact, void *ctx)
{
	struct candidates *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->c = xrealloc(c->c, c->cap * sizeof(*c->c));
	}
	c->c[c->n].doc = doc;
	c->c[c->n++].exact = exact;
}

static void add_found_on_disk(int64_t doc, void *ctx)
{
	add_candidate(doc, ((struct candidates *)ctx)->exact, ctx);
}

static int compare_candidates(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* Each document once, in id order, exact when any of its shared keys was. */
static void settle_candidates(struct candidates *c)
{
	size_t i, k = 0;

	qsort(c->c, c->n, sizeof(*c->c), compare_candidates);
	for (i = 0; i < c->n; i++) {
		if (k && c->c[k - 1].doc == c->c[i].doc)
			c->c[k - 1].exact |= c->c[i].exact;
		else
			c->c[k++] = c->c[i];
	}
	c->n = k;
}

static void add_to_filter(uint64_t key, void *ctx)
{
	mr_bloom_add(ctx, key);
}

/* Writes the index as a run and empties it. */
static int write_run(struct ingest_dedup *d, struct mr_err *err)
{
	size_t i, n = mr_bandindex_size(d->recent);

	if (!n)
		return 0;
	if (!d->run)
		d->run = xmalloc(d->max_recent * MR_BAND_KEYS * sizeof(*d->run));
	mr_bandindex_entries(d->recent, d->run);
	if (mr_store_add_band_run(d->store, d->run, n, d->last_doc, err) < 0)
		return -1;
	if (!d->on_disk)
		d->on_disk = mr_bloom_new(BLOOM_LOG2_BITS);
	for (i = 0; i < n; i++)
		mr_bloom_add(d->on_disk, d->run[i].key);
	mr_bandindex_clear(d->recent);
	d->recent_docs = 0;
	return 0;
}

static int remember(struct ingest_dedup *d, int64_t id, const uint64_t *bands,
		    uint64_t exact, struct mr_err *err)
{
	if (d->recent_docs >= d->max_recent && write_run(d, err) < 0)
		return -1;
	mr_bandindex_add(d->recent, id, bands, exact);
	d->recent_docs++;
	d->last_doc = id;
	return 0;
}

struct loading {
	struct ingest_dedup *d;
	struct mr_err *err;
	int failed;
};

/* The first 64 bits of an exact key: its band in the index. */
static uint64_t exact64(const struct mr_content_key *k)
{
	uint64_t v;

	memcpy(&v, k->bytes, sizeof(v));
	return v;
}

static void load_document(int64_t id, const uint64_t *bands, size_t n,
			  const struct mr_content_key *exact, void *ctx)
{
	struct loading *l = ctx;

	/* keys of another banding are not comparable */
	if (n == MR_BANDS && !l->failed && remember(l->d, id, bands, exact64(exact), l->err) < 0)
		l->failed = 1;
}

int ingest_dedup_open(struct mr_store *store, size_t recent_docs,
		      struct ingest_dedup **out, struct mr_err *err)
{
	struct ingest_dedup *d = xcalloc(1, sizeof(*d));
	struct loading l = { d, err, 0 };
	int64_t through;
	size_t runs;

	*out = NULL;
	d->store = store;
	d->max_recent = recent_docs ? recent_docs : 1;
	d->recent = mr_bandindex_new_sized(d->max_recent);
	buf_init(&d->other);
	if (mr_store_band_runs(store, &through, &runs, err) < 0)
		goto fail;
	if (runs) {
		d->on_disk = mr_bloom_new(BLOOM_LOG2_BITS);
		if (mr_store_each_band_key(store, add_to_filter, d->on_disk, err) < 0)
			goto fail;
	}
	if (mr_store_each_bands(store, through, load_document, &l, err) < 0 || l.failed)
		goto fail;
	*out = d;
	return 0;
fail:
	ingest_dedup_close(d);
	return -1;
}

void ingest_dedup_close(struct ingest_dedup *d)
{
	if (!d)
		return;
	mr_bandindex_free(d->recent);
	mr_bloom_free(d->on_disk);
	free(d->run);
	buf_release(&d->other);
	free(d);
}

static int find_candidates(struct ingest_dedup *d, const uint64_t *bands,
			   uint64_t exact, struct candidates *c, struct mr_err *err)
{
	size_t b;

	mr_bandindex_find(d->recent, bands, exact, add_candidate, c);
	for (b = 0; d->on_disk && b < MR_BAND_KEYS; b++) {
		uint64_t key = mr_band_key(bands, exact, b);

		if (!mr_bloom_maybe(d->on_disk, key))
			continue;
		c->exact = b == MR_EXACT_BAND;
		if (mr_store_find_band_key(d->store, key, add_found_on_disk, c, err) < 0)
			return -1;
	}
	settle_candidates(c);
	return 0;
}

/* Compares document id (its shingle set) with a candidate that shares a
 * band, and links them when they are copies or one holds the other. */
static int verify(struct ingest_dedup *d, int64_t id, const uint64_t *mine, size_t n,
		  int64_t other, struct mr_err *err)
{
	uint64_t *theirs;
	size_t m;
	double j;
	int rc = 0;

	if (mr_store_text(d->store, other, &d->other, err) < 0)
		return -1;
	theirs = mr_shingles(d->other.data, d->other.len, &m, NULL);
	m = mr_shingle_set(theirs, m);
	j = mr_jaccard(mine, n, theirs, m);
	if (j >= MR_NEAR_JACCARD)
		rc = mr_store_link(d->store, other, id, MR_LINK_NEAR, j, err) < 0 ? -1 : 1;
	else if (n * 2 <= m && mr_containment(mine, n, theirs, m) >= MR_CONTAINED)
		rc = mr_store_link(d->store, id, other, MR_LINK_CONTAINED,
				   mr_containment(mine, n, theirs, m), err);
	else if (m * 2 <= n && mr_containment(theirs, m, mine, n) >= MR_CONTAINED)
		rc = mr_store_link(d->store, other, id, MR_LINK_CONTAINED,
				   mr_containment(theirs, m, mine, n), err);
	free(theirs);
	return rc;
}

int ingest_dedup_document(struct ingest_dedup *d, int64_t id, const char *form,
			  size_t len, struct mr_err *err)
{
	struct candidates c = { NULL, 0, 0, 0 };
	uint64_t exact_hash[2], sig[MR_MINHASH_K], bands[MR_BANDS], *mine;
	struct mr_content_key exact;
	size_t n, shingles, i;
	int rc = -1, linked = 0, sorted = 0;

	mine = mr_shingles_of_form(form, len, &n, exact_hash);
	if (!n) {
		free(mine);
		return 0;   /* a headline with no text matches nothing */
	}
	memcpy(exact.bytes, exact_hash, sizeof(exact.bytes));
	shingles = n;
	mr_minhash(mine, n, sig);
	mr_bands(sig, bands);
	if (find_candidates(d, bands, exact64(&exact), &c, err) < 0)
		goto out;
	/* the earliest exact copy: every later one is in its group already */
	for (i = 0; i < c.n && !linked; i++) {
		if (c.c[i].exact) {
			if (mr_store_link(d->store, c.c[i].doc, id, MR_LINK_EXACT, 1.0, err) < 0)
				goto out;
			linked = 1;
		}
	}
	for (i = 0; i < c.n; i++) {
		int v;

		if (c.c[i].exact ||
		    (linked && mr_store_group_of(d->store, c.c[i].doc) == mr_store_group_of(d->store, id)))
			continue;   /* linked through its group already */
		if (!sorted) {
			n = mr_shingle_set(mine, n);
			sorted = 1;
		}
		v = verify(d, id, mine, n, c.c[i].doc, err);
		if (v < 0)
			goto out;
		linked |= v;
	}
	if (mr_store_dedup_add(d->store, id, &exact, shingles, bands, MR_BANDS, err) < 0 ||
	    remember(d, id, bands, exact64(&exact), err) < 0)
		goto out;
	rc = linked;
out:
	free(mine);
	free(c.c);
	return rc;
}
