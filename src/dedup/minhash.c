#include "minhash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../text/token.h"
#include "../util/xalloc.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int compare_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Shingles built token by token, whatever gives the tokens. */
struct shingler {
	uint64_t ring[MR_SHINGLE];   /* the last MR_SHINGLE token hashes */
	uint64_t *out;
	size_t count, cap, tokens;
	XXH3_state_t whole;
};

static void shingler_init(struct shingler *s)
{
	s->out = NULL;
	s->count = s->cap = s->tokens = 0;
	XXH3_128bits_reset(&s->whole);
}

/* hash_whole: whether to feed the token to the exact key (the search form,
 * tokens one space apart) — mr_shingles_of_form hashes the form in one go. */
static void shingler_token(struct shingler *s, const char *tok, size_t len,
			   int hash_whole)
{
	uint64_t parts[MR_SHINGLE];
	size_t k;

	if (hash_whole) {
		if (s->tokens)
			XXH3_128bits_update(&s->whole, " ", 1);
		XXH3_128bits_update(&s->whole, tok, len);
	}
	s->ring[s->tokens % MR_SHINGLE] = XXH3_64bits(tok, len);
	s->tokens++;
	if (s->tokens < MR_SHINGLE)
		return;
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->out = xrealloc(s->out, s->cap * sizeof(*s->out));
	}
	/* the shingle of tokens tokens-5 .. tokens-1, in order */
	for (k = 0; k < MR_SHINGLE; k++)
		parts[k] = s->ring[(s->tokens + k) % MR_SHINGLE];
	s->out[s->count++] = XXH3_64bits(parts, sizeof(parts));
}

static uint64_t *shingler_finish(struct shingler *s, size_t *n, uint64_t exact[2])
{
	if (s->tokens && s->tokens < MR_SHINGLE) {
		s->out = xmalloc(sizeof(*s->out));
		s->out[0] = XXH3_64bits(s->ring, s->tokens * sizeof(s->ring[0]));
		s->count = 1;
	}
	if (exact) {
		XXH128_hash_t h = XXH3_128bits_digest(&s->whole);

		exact[0] = h.low64;
		exact[1] = h.high64;
	}
	*n = s->count;
	return s->out;
}

uint64_t *mr_shingles(const char *text, size_t len, size_t *n, uint64_t exact[2])
{
	struct shingler s;
	struct mr_tokenizer t;
	struct mr_token tok;

	shingler_init(&s);
	mr_tokenizer_init(&t, text, len);
	while (mr_tokenizer_next(&t, &tok))
		shingler_token(&s, tok.text, tok.len, exact != NULL);
	return shingler_finish(&s, n, exact);
}

uint64_t *mr_shingles_of_form(const char *form, size_t len, size_t *n,
			      uint64_t exact[2])
{
	struct shingler s;
	size_t i = 0;

	shingler_init(&s);
	while (i < len) {
		const char *sp = memchr(form + i, ' ', len - i);
		size_t end = sp ? (size_t)(sp - form) : len;

		if (end > i)
			shingler_token(&s, form + i, end - i, 0);
		i = end + 1;
	}
	if (exact) {
		/* the form is the tokens one space apart: hash it whole */
		XXH128_hash_t h = XXH3_128bits(form, len);

		shingler_finish(&s, n, NULL);
		exact[0] = h.low64;
		exact[1] = h.high64;
		return s.out;
	}
	return shingler_finish(&s, n, exact);
}

size_t mr_shingle_set(uint64_t *shingles, size_t n)
{
	size_t i, k;

	if (n < 2)
		return n;
	qsort(shingles, n, sizeof(*shingles), compare_u64);
	for (i = 1, k = 1; i < n; i++)
		if (shingles[i] != shingles[k - 1])
			shingles[k++] = shingles[i];
	return k;
}

/*
 * One-permutation hashing with densification (Li, Owen and Zhang 2012;
 * Shrivastava 2017): each shingle is hashed once and lands in one of the
 * MR_MINHASH_K bins, which keeps its minimum.  It estimates Jaccard as the
 * K-permutation scheme does, at the cost of one hash a shingle instead of K.
 * A bin that no shingle reached borrows the value of the next filled bin to
 * its right, mixed with the distance, the same way in every document.
 */
void mr_minhash(const uint64_t *shingles, size_t n, uint64_t sig[MR_MINHASH_K])
{
	uint64_t state = 0x4F50484D41525341ull;   /* fixed forever */
	uint64_t seed = splitmix64(&state), filled[MR_MINHASH_K];
	size_t i, j;

	for (j = 0; j < MR_MINHASH_K; j++)
		sig[j] = UINT64_MAX;
	for (i = 0; i < n; i++) {
		uint64_t x = shingles[i] ^ seed, v;
		size_t bin;

		v = splitmix64(&x);
		bin = (size_t)(((v >> 32) * MR_MINHASH_K) >> 32);
		if (v < sig[bin])
			sig[bin] = v;
	}
	if (!n)
		return;
	memcpy(filled, sig, sizeof(filled));
	for (j = 0; j < MR_MINHASH_K; j++) {
		size_t d;

		if (filled[j] != UINT64_MAX)
			continue;
		for (d = 1; d < MR_MINHASH_K; d++) {
			uint64_t v = filled[(j + d) % MR_MINHASH_K];

			if (v != UINT64_MAX) {
				uint64_t mix = v ^ (d * 0x9E3779B97F4A7C15ull);

				sig[j] = splitmix64(&mix);
				break;
			}
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
