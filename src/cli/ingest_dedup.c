#include "ingest_dedup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dedup/bandindex.h"
#include "../dedup/bloom.h"
#include "../dedup/minhash.h"
#include "../util/xalloc.h"

/* 2^27 bits: 15 million keys (a million documents) at under 2 % false
 * positives (bloom.h). */
#define BLOOM_LOG2_BITS 27
/* Samples are chosen by winnowing (Schleimer, Wilkerson and Aiken 2003):
 * the smallest shingle hash of every window of SAMPLE_WINDOW shingles in
 * text order.  Any run of SAMPLE_WINDOW + 4 words two texts share gives
 * them a sample in common, whatever else they hold; about 2 samples in
 * SAMPLE_WINDOW + 1 shingles: 16 for a 400-word article, 4 for a 100-word
 * agency item. */
#define SAMPLE_WINDOW 48
/* A sample more than this many documents share is a stock phrase, no sign
 * that one text holds the other. */
#define SAMPLE_COMMON 64
/* Candidates proposed by samples alone, at most, the most shared first. */
#define SAMPLE_CANDIDATES 32
/* Keys the in-memory index holds for each document it was sized for: the
 * bands and the exact key, and room for samples. */
#define KEYS_PER_DOC 32

struct ingest_dedup {
	struct mr_store *store;
	struct mr_bandindex *recent;   /* documents after the last run */
	size_t max_keys;
	int64_t last_doc;              /* the newest document in recent */
	struct mr_bloom *on_disk;      /* the keys of every run; NULL: no run */
	struct mr_band_entry *run;     /* room for one run while it is written */
	struct buf other;              /* a candidate's text */
};

/* Why a document is a candidate: a shared band (exact: the exact key), or
 * shared samples. */
struct candidate {
	int64_t doc;
	int band, exact;
	unsigned samples;
};

struct candidates {
	struct candidate *c;
	size_t n, cap;
	struct candidate kind;   /* what the key being looked up gives */
	size_t first;            /* the finds of that key start here */
};

static void add_found(int64_t doc, void *ctx)
{
	struct candidates *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->c = xrealloc(c->c, c->cap * sizeof(*c->c));
	}
	c->c[c->n] = c->kind;
	c->c[c->n++].doc = doc;
}

static void add_found_in_band(int64_t doc, int exact, void *ctx)
{
	struct candidates *c = ctx;

	c->kind.band = 1;
	c->kind.exact = exact;
	c->kind.samples = 0;
	add_found(doc, ctx);
}

static int by_doc(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* The band candidates first (in id order), then the ones samples alone
 * propose, the most shared first. */
static int by_evidence(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	if (a->band != b->band)
		return b->band - a->band;
	if (!a->band && a->samples != b->samples)
		return a->samples < b->samples ? 1 : -1;
	return by_doc(x, y);
}

/* Each document once, with all it shares; a document that shares only
 * samples must share two (or the only one a short text has), and there
 * are at most SAMPLE_CANDIDATES of those. */
static void settle_candidates(struct candidates *c, size_t my_samples)
{
	size_t i, k = 0, by_samples = 0;

	if (!c->n)
		return;   /* and c->c may be NULL, which qsort may not get */
	qsort(c->c, c->n, sizeof(*c->c), by_doc);
	for (i = 0; i < c->n; i++) {
		if (k && c->c[k - 1].doc == c->c[i].doc) {
			c->c[k - 1].band |= c->c[i].band;
			c->c[k - 1].exact |= c->c[i].exact;
			c->c[k - 1].samples += c->c[i].samples;
		} else {
			c->c[k++] = c->c[i];
		}
	}
	qsort(c->c, k, sizeof(*c->c), by_evidence);
	for (i = 0, c->n = 0; i < k; i++) {
		if (!c->c[i].band &&
		    (c->c[i].samples < (my_samples > 1 ? 2u : 1u) || by_samples++ >= SAMPLE_CANDIDATES))
			continue;
		c->c[c->n++] = c->c[i];
	}
}

/* Drops the finds of the key just looked up when a stock phrase made them. */
static void drop_common_sample(struct candidates *c)
{
	if (c->n - c->first > SAMPLE_COMMON)
		c->n = c->first;
}

static int compare_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The winnowed samples of a document's shingles (in text order, with
 * repeats), each once, into out (room for n); returns how many.  A deque of
 * positions whose hashes increase keeps each window's minimum at its head. */
static size_t sample_shingles(const uint64_t *shingles, size_t n, uint64_t *out)
{
	size_t *deque = xmalloc((n ? n : 1) * sizeof(*deque));
	size_t head = 0, tail = 0, i, k = 0, kept = 0, last = (size_t)-1;

	for (i = 0; i < n; i++) {
		/* the rightmost of equal minima, as winnowing picks */
		while (tail > head && shingles[deque[tail - 1]] >= shingles[i])
			tail--;
		deque[tail++] = i;
		if (deque[head] + SAMPLE_WINDOW <= i)
			head++;
		if ((i + 1 >= SAMPLE_WINDOW || i + 1 == n) && deque[head] != last) {
			last = deque[head];
			out[k++] = shingles[last];
		}
	}
	free(deque);
	qsort(out, k, sizeof(*out), compare_u64);
	for (i = 0; i < k; i++)
		if (!kept || out[kept - 1] != out[i])
			out[kept++] = out[i];
	return kept;
}

static void add_to_filter(uint64_t key, void *ctx)
{
	mr_bloom_add(ctx, key);
}

static int keep_filter(struct ingest_dedup *d, struct mr_err *err)
{
	size_t len;
	const void *bits = mr_bloom_bits(d->on_disk, &len);

	return mr_store_set_band_filter(d->store, bits, len, err);
}

/* Writes the index as a run and empties it. */
static int write_run(struct ingest_dedup *d, struct mr_err *err)
{
	size_t i, n = mr_bandindex_size(d->recent);

	if (!n)
		return 0;
	d->run = xrealloc(d->run, n * sizeof(*d->run));
	mr_bandindex_entries(d->recent, d->run);
	if (mr_store_add_band_run(d->store, d->run, n, d->last_doc, err) < 0)
		return -1;
	if (!d->on_disk)
		d->on_disk = mr_bloom_new(BLOOM_LOG2_BITS);
	for (i = 0; i < n; i++)
		mr_bloom_add(d->on_disk, d->run[i].key);
	if (keep_filter(d, err) < 0)
		return -1;
	mr_bandindex_clear(d->recent);
	return 0;
}

/* keys: the bands, then the samples (as the store keeps them). */
static int remember(struct ingest_dedup *d, int64_t id, const uint64_t *keys, size_t n,
		    uint64_t exact, struct mr_err *err)
{
	size_t i;

	if (mr_bandindex_size(d->recent) + MR_BAND_KEYS + (n - MR_BANDS) > d->max_keys &&
	    write_run(d, err) < 0)
		return -1;
	mr_bandindex_add(d->recent, id, keys, exact);
	for (i = MR_BANDS; i < n; i++)
		mr_bandindex_add_key(d->recent, id, mr_sample_key(keys[i]));
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
	if (n >= MR_BANDS && !l->failed && remember(l->d, id, bands, n, exact64(exact), l->err) < 0)
		l->failed = 1;
}

/* A document's index keys from its shingles (text order, with repeats):
 * the MR_BANDS band keys, then its samples; returns how many in all, into
 * keys (room for MR_BANDS + n). */
static size_t fingerprint(const uint64_t *shingles, size_t n, uint64_t *keys)
{
	uint64_t sig[MR_MINHASH_K];

	mr_minhash(shingles, n, sig);
	mr_bands(sig, keys);
	return MR_BANDS + sample_shingles(shingles, n, keys + MR_BANDS);
}

struct refingerprinting {
	struct mr_store *store;
	size_t documents;
	struct mr_err *err;
};

static int refingerprint(int64_t id, const char *text, size_t len, void *ctx)
{
	struct refingerprinting *r = ctx;
	uint64_t exact_hash[2], *mine, *keys;
	struct mr_content_key exact;
	size_t n, n_keys;
	int rc;

	mine = mr_shingles(text, len, &n, exact_hash);
	memcpy(exact.bytes, exact_hash, sizeof(exact.bytes));
	keys = xmalloc((MR_BANDS + n) * sizeof(*keys));
	n_keys = fingerprint(mine, n, keys);
	rc = mr_store_dedup_add(r->store, id, &exact, n, keys, n_keys, r->err);
	free(mine);
	free(keys);
	r->documents++;
	return rc;
}

int ingest_dedup_open(struct mr_store *store, size_t recent_docs,
		      struct ingest_dedup **out, struct mr_err *err)
{
	struct refingerprinting r = { store, 0, err };
	struct ingest_dedup *d = xcalloc(1, sizeof(*d));
	struct loading l = { d, err, 0 };
	int64_t through;
	size_t runs;

	*out = NULL;
	d->store = store;
	if (!recent_docs)
		recent_docs = 1;
	d->max_keys = recent_docs * KEYS_PER_DOC;
	d->recent = mr_bandindex_new_sized(recent_docs * KEYS_PER_DOC / MR_BAND_KEYS);
	buf_init(&d->other);
	/* keys made with another shingle hashing match nothing: make them
	 * again from the stored texts, and the runs after them */
	if (mr_store_each_stale_fingerprint(store, refingerprint, &r, err) < 0)
		goto fail;
	if (r.documents) {
		fprintf(stderr, "marsad: fingerprints of %zu documents made again "
			"(by an older version of marsad)\n", r.documents);
		if (mr_store_drop_band_runs(store, err) < 0)
			goto fail;
	}
	if (mr_store_band_runs(store, &through, &runs, err) < 0)
		goto fail;
	if (runs) {
		struct buf bits = BUF_INIT;
		int kept = mr_store_band_filter(store, &bits, err);

		if (kept > 0)
			d->on_disk = mr_bloom_from_bits(BLOOM_LOG2_BITS, bits.data, bits.len);
		buf_release(&bits);
		if (kept < 0)
			goto fail;
		if (!d->on_disk) {
			/* none kept (or of another size): every key again, once */
			d->on_disk = mr_bloom_new(BLOOM_LOG2_BITS);
			if (mr_store_each_band_key(store, add_to_filter, d->on_disk, err) < 0 ||
			    keep_filter(d, err) < 0)
				goto fail;
		}
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

/* Looks a key up on disk, when the filter says it may be there. */
static int find_on_disk(struct ingest_dedup *d, uint64_t key, struct candidates *c,
			struct mr_err *err)
{
	if (!d->on_disk || !mr_bloom_maybe(d->on_disk, key))
		return 0;
	return mr_store_find_band_key(d->store, key, add_found, c, err);
}

static int find_candidates(struct ingest_dedup *d, const uint64_t *bands, uint64_t exact,
			   const uint64_t *samples, size_t n_samples, struct candidates *c,
			   struct mr_err *err)
{
	size_t b, i;

	mr_bandindex_find(d->recent, bands, exact, add_found_in_band, c);
	for (b = 0; d->on_disk && b < MR_BAND_KEYS; b++) {
		c->kind.band = 1;
		c->kind.exact = b == MR_EXACT_BAND;
		c->kind.samples = 0;
		if (find_on_disk(d, mr_band_key(bands, exact, b), c, err) < 0)
			return -1;
	}
	for (i = 0; i < n_samples; i++) {
		uint64_t key = mr_sample_key(samples[i]);

		c->kind.band = c->kind.exact = 0;
		c->kind.samples = 1;
		c->first = c->n;
		mr_bandindex_find_key(d->recent, key, add_found, c);
		if (find_on_disk(d, key, c, err) < 0)
			return -1;
		drop_common_sample(c);
	}
	settle_candidates(c, n_samples);
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
	struct candidates c;
	uint64_t exact_hash[2], *keys, *mine;
	struct mr_content_key exact;
	size_t n, shingles, n_keys, i;
	int rc = -1, linked = 0, sorted = 0;

	mine = mr_shingles_of_form(form, len, &n, exact_hash);
	if (!n) {
		free(mine);
		return 0;   /* a headline with no text matches nothing */
	}
	memcpy(exact.bytes, exact_hash, sizeof(exact.bytes));
	shingles = n;
	memset(&c, 0, sizeof(c));
	/* the bands, then the samples: one array, as the store keeps them */
	keys = xmalloc((MR_BANDS + n) * sizeof(*keys));
	n_keys = fingerprint(mine, n, keys);
	if (find_candidates(d, keys, exact64(&exact), keys + MR_BANDS, n_keys - MR_BANDS, &c,
			    err) < 0)
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
	if (mr_store_dedup_add(d->store, id, &exact, shingles, keys, n_keys, err) < 0 ||
	    remember(d, id, keys, n_keys, exact64(&exact), err) < 0)
		goto out;
	rc = linked;
out:
	free(mine);
	free(keys);
	free(c.c);
	return rc;
}
