#include "minhash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../text/token.h"
#include "../util/xalloc.h"

/* The permutations' (a, b): splitmix64 from a fixed seed, so that every
 * build and every run agrees on every signature already stored. */
struct perm {
	uint64_t a, b;
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void permutations(struct perm p[MR_MINHASH_K])
{
	uint64_t state = 0x4D415253414Dull;   /* "MARSAM": fixed forever */
	size_t i;

	for (i = 0; i < MR_MINHASH_K; i++) {
		p[i].a = splitmix64(&state) | 1;
		p[i].b = splitmix64(&state);
	}
}

/* a·h + b modulo 2^64 with a odd: a bijection of 64-bit values, so each is
 * a permutation of the shingle hashes; one multiply, where the Mersenne
 * modulus datatrove uses takes a 128-bit product and a reduction. */
static inline uint64_t permute(const struct perm *p, uint64_t h)
{
	return p->a * h + p->b;
}

static int compare_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

uint64_t *mr_shingles(const char *text, size_t len, size_t *n)
{
	/* a ring of the last MR_SHINGLE token hashes */
	uint64_t ring[MR_SHINGLE], *out = NULL;
	size_t count = 0, cap = 0, tokens = 0, i, k;
	struct mr_tokenizer t;
	struct mr_token tok;

	mr_tokenizer_init(&t, text, len);
	while (mr_tokenizer_next(&t, &tok)) {
		ring[tokens % MR_SHINGLE] = XXH3_64bits(tok.text, tok.len);
		tokens++;
		if (tokens < MR_SHINGLE)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 256;
			out = xrealloc(out, cap * sizeof(*out));
		}
		/* combine in order: the shingle of tokens tokens-5 .. tokens-1 */
		{
			uint64_t parts[MR_SHINGLE];

			for (k = 0; k < MR_SHINGLE; k++)
				parts[k] = ring[(tokens + k) % MR_SHINGLE];
			out[count++] = XXH3_64bits(parts, sizeof(parts));
		}
	}
	if (tokens && tokens < MR_SHINGLE) {
		out = xmalloc(sizeof(*out));
		out[0] = XXH3_64bits(ring, tokens * sizeof(ring[0]));
		count = 1;
	}
	if (count > 1) {
		qsort(out, count, sizeof(*out), compare_u64);
		for (i = 1, k = 1; i < count; i++)
			if (out[i] != out[k - 1])
				out[k++] = out[i];
		count = k;
	}
	*n = count;
	return out;
}

void mr_minhash(const uint64_t *shingles, size_t n, uint64_t sig[MR_MINHASH_K])
{
	struct perm p[MR_MINHASH_K];
	size_t i, j;

	permutations(p);
	for (j = 0; j < MR_MINHASH_K; j++)
		sig[j] = UINT64_MAX;
	for (i = 0; i < n; i++) {
		for (j = 0; j < MR_MINHASH_K; j++) {
			uint64_t v = permute(&p[j], shingles[i]);

			if (v < sig[j])
				sig[j] = v;
		}
	}
}

void mr_bands(const uint64_t sig[MR_MINHASH_K], uint64_t bands[MR_BANDS])
{
	size_t b;

	for (b = 0; b < MR_BANDS; b++)
		bands[b] = XXH3_64bits_withSeed(sig + b * MR_ROWS,
						MR_ROWS * sizeof(sig[0]), b);
}

size_t mr_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			both++, i++, j++;
	}
	return both;
}

double mr_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t both = mr_overlap(a, na, b, nb);

	return na + nb ? (double)both / (double)(na + nb - both) : 0.0;
}

double mr_containment(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	return na ? (double)mr_overlap(a, na, b, nb) / (double)na : 0.0;
}

double mr_lsh_probability(double j)
{
	return 1.0 - pow(1.0 - pow(j, MR_ROWS), MR_BANDS);
}
