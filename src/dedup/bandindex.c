#include "bandindex.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "minhash.h"

struct mr_bandindex {
	struct mr_band_entry *slot;   /* key 0 marks an empty slot (see fold) */
	size_t cap;      /* a power of two */
	size_t count;
};

/* The band's number goes into the key, so one table serves all bands.  The
 * mix is a bijection, so distinct (key, band) stay distinct; the one that
 * mixes to 0, which marks an empty slot, is moved to 1. */
static uint64_t fold(uint64_t key, size_t band)
{
	uint64_t z = key + (uint64_t)(band + 1) * 0x9E3779B97F4A7C15ull;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return z ? z : 1;
}

static size_t home(const struct mr_bandindex *x, uint64_t key)
{
	return (size_t)(key >> 20) & (x->cap - 1);   /* key is mixed already */
}

struct mr_bandindex *mr_bandindex_new(void)
{
	return mr_bandindex_new_sized(0);
}

struct mr_bandindex *mr_bandindex_new_sized(size_t docs)
{
	struct mr_bandindex *x = xcalloc(1, sizeof(*x));

	x->cap = 1024;
	while (x->cap < docs * MR_BAND_KEYS * 2)
		x->cap *= 2;
	/* calloc'd pages are not resident until written: a big index costs
	 * memory only as it fills */
	x->slot = xcalloc(x->cap, sizeof(*x->slot));
	return x;
}

void mr_bandindex_free(struct mr_bandindex *x)
{
	if (!x)
		return;
	free(x->slot);
	free(x);
}

static void put(struct mr_bandindex *x, uint64_t key, int64_t doc)
{
	size_t i = home(x, key);

	while (x->slot[i].key)
		i = (i + 1) & (x->cap - 1);
	x->slot[i].key = key;
	x->slot[i].doc = doc;
	x->count++;
}

static void grow(struct mr_bandindex *x)
{
	struct mr_band_entry *old = x->slot;
	size_t old_cap = x->cap, i;

	x->cap *= 2;
	x->slot = xcalloc(x->cap, sizeof(*x->slot));
	x->count = 0;
	for (i = 0; i < old_cap; i++)
		if (old[i].key)
			put(x, old[i].key, old[i].doc);
	free(old);
}

uint64_t mr_band_key(const uint64_t *bands, uint64_t exact, size_t b)
{
	return fold(b < MR_EXACT_BAND ? bands[b] : exact, b);
}

uint64_t mr_sample_key(uint64_t shingle)
{
	return fold(shingle, MR_BAND_KEYS);
}

void mr_bandindex_add_key(struct mr_bandindex *x, int64_t doc, uint64_t key)
{
	if ((x->count + 1) * 2 > x->cap)
		grow(x);
	put(x, key, doc);
}

void mr_bandindex_find_key(const struct mr_bandindex *x, uint64_t key,
			   void (*fn)(int64_t doc, void *ctx), void *ctx)
{
	size_t i;

	/* a key's entries all stand in the run that starts at its home */
	for (i = home(x, key); x->slot[i].key; i = (i + 1) & (x->cap - 1))
		if (x->slot[i].key == key)
			fn(x->slot[i].doc, ctx);
}

void mr_bandindex_add(struct mr_bandindex *x, int64_t doc, const uint64_t *bands,
		      uint64_t exact)
{
	size_t b;

	for (b = 0; b < MR_BAND_KEYS; b++)
		mr_bandindex_add_key(x, doc, mr_band_key(bands, exact, b));
}

void mr_bandindex_find(const struct mr_bandindex *x, const uint64_t *bands,
		       uint64_t exact,
		       void (*fn)(int64_t doc, int exact, void *ctx), void *ctx)
{
	size_t b;

	for (b = 0; b < MR_BAND_KEYS; b++) {
		uint64_t key = mr_band_key(bands, exact, b);
		size_t i;

		/* a key's entries all stand in the run that starts at its home */
		for (i = home(x, key); x->slot[i].key; i = (i + 1) & (x->cap - 1))
			if (x->slot[i].key == key)
				fn(x->slot[i].doc, b == MR_EXACT_BAND, ctx);
	}
}

size_t mr_bandindex_size(const struct mr_bandindex *x)
{
	return x->count;
}

static int compare_entries(const void *x, const void *y)
{
	const struct mr_band_entry *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

void mr_bandindex_entries(const struct mr_bandindex *x, struct mr_band_entry *out)
{
	size_t i, n = 0;

	for (i = 0; i < x->cap; i++)
		if (x->slot[i].key)
			out[n++] = x->slot[i];
	qsort(out, n, sizeof(*out), compare_entries);
}

void mr_bandindex_clear(struct mr_bandindex *x)
{
	memset(x->slot, 0, x->cap * sizeof(*x->slot));
	x->count = 0;
}
