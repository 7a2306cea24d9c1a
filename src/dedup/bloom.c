#include "bloom.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

/* Four probes: the fewest that keep false positives under 2 % at 9 bits a
 * key, the load of the default size at a million documents. */
#define PROBES 4

struct mr_bloom {
	uint64_t *words;
	uint64_t mask;   /* bits - 1 */
};

struct mr_bloom *mr_bloom_new(unsigned log2_bits)
{
	struct mr_bloom *b = xcalloc(1, sizeof(*b));

	if (log2_bits < 10)
		log2_bits = 10;
	if (log2_bits > 34)
		log2_bits = 34;
	b->mask = ((uint64_t)1 << log2_bits) - 1;
	/* calloc'd pages cost nothing until written */
	b->words = xcalloc((size_t)(((uint64_t)1 << log2_bits) / 64), sizeof(*b->words));
	return b;
}

void mr_bloom_free(struct mr_bloom *b)
{
	if (!b)
		return;
	free(b->words);
	free(b);
}

/* Probe i of a key: two halves of the key combined (Kirsch and Mitzenmacher
 * 2006), as good as independent hashes for a Bloom filter. */
static uint64_t probe(uint64_t key, unsigned i)
{
	uint64_t h1 = key & 0xFFFFFFFFu, h2 = (key >> 32) | 1;

	return h1 * 0x9E3779B97F4A7C15ull + i * h2 * 0xC2B2AE3D27D4EB4Full;
}

void mr_bloom_add(struct mr_bloom *b, uint64_t key)
{
	unsigned i;

	for (i = 0; i < PROBES; i++) {
		uint64_t bit = (probe(key, i) >> 20) & b->mask;

		b->words[bit / 64] |= (uint64_t)1 << (bit % 64);
	}
}

int mr_bloom_maybe(const struct mr_bloom *b, uint64_t key)
{
	unsigned i;

	for (i = 0; i < PROBES; i++) {
		uint64_t bit = (probe(key, i) >> 20) & b->mask;

		if (!(b->words[bit / 64] & ((uint64_t)1 << (bit % 64))))
			return 0;
	}
	return 1;
}

const void *mr_bloom_bits(const struct mr_bloom *b, size_t *len)
{
	*len = (size_t)((b->mask + 1) / 8);
	return b->words;
}

struct mr_bloom *mr_bloom_from_bits(unsigned log2_bits, const void *bits, size_t len)
{
	struct mr_bloom *b = mr_bloom_new(log2_bits);
	size_t size;

	mr_bloom_bits(b, &size);
	if (len != size) {
		mr_bloom_free(b);
		return NULL;
	}
	memcpy(b->words, bits, len);
	return b;
}
