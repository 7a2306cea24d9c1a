#include "minhash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
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

#ifndef __SSE2__
/* Words are read little-endian everywhere, so that byte k is bit k below. */
static inline uint64_t load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The bytes of the word w equal to ' ', as a mask of 8 bits (bit k: byte k),
 * without a borrow from one byte into the next. */
static inline uint64_t spaces_in(uint64_t w)
{
	uint64_t x = w ^ 0x2020202020202020ull;
	uint64_t nonzero = ((x & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | x;

	/* the high bit of each byte that is a space, gathered by a multiply
	 * into the top byte */
	return (((~nonzero & 0x8080808080808080ull) >> 7) * 0x0102040810204080ull) >> 56;
}
#endif

/* The spaces among the n bytes at p (n may be less than 64), one bit a byte. */
static inline uint64_t spaces_in_64(const unsigned char *p, size_t n)
{
	unsigned char pad[64];
	uint64_t m;

	if (n < 64) {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, p, n);
		p = pad;
	}
#ifdef __SSE2__
	{
		const __m128i space = _mm_set1_epi8(' ');
		unsigned k;

		for (m = 0, k = 0; k < 4; k++) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));

			m |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space))
			     << (16 * k);
		}
	}
#else
	/* eight independent words, written out: the compiler does not unroll */
	m = spaces_in(load64(p)) | spaces_in(load64(p + 8)) << 8 |
	    spaces_in(load64(p + 16)) << 16 | spaces_in(load64(p + 24)) << 24 |
	    spaces_in(load64(p + 32)) << 32 | spaces_in(load64(p + 40)) << 40 |
	    spaces_in(load64(p + 48)) << 48 | spaces_in(load64(p + 56)) << 56;
#endif
	return m;
}

/*
 * A token's hash is XXH3 of its bytes; a shingle's, XXH3 of its tokens'
 * hashes in order (as the bytes of the machine's words, which is how
 * signatures already stored were made); a text of fewer than MR_SHINGLE
 * tokens has one shingle, the same of all of them.
 */
_Static_assert(MR_SHINGLE == 5, "shingle5 and struct window hold five tokens");

/* The compiler does not inline XXH3_64bits, and out of line it cannot see
 * that a shingle is always 40 bytes: flattened here, the shingle's hash is
 * four multiplies with no dispatch on the length, and a token's is one call
 * instead of a chain of them. */
static __attribute__((flatten)) uint64_t shingle5(uint64_t a, uint64_t b,
						  uint64_t c, uint64_t d,
						  uint64_t e)
{
	const uint64_t parts[MR_SHINGLE] = { a, b, c, d, e };

	return XXH3_64bits(parts, sizeof(parts));
}

static __attribute__((flatten)) uint64_t token_hash(const char *tok, size_t len)
{
	return XXH3_64bits(tok, len);
}

/* The last four token hashes, oldest first: named values, not an array, so
 * that they stay in registers. */
struct window {
	uint64_t w0, w1, w2, w3;
	size_t tokens;
};

/* Takes the token hash h; returns whether *shingle got the shingle that h
 * ends. */
static inline int window_push(struct window *w, uint64_t h, uint64_t *shingle)
{
	int full = w->tokens >= MR_SHINGLE - 1;

	if (full)
		*shingle = shingle5(w->w0, w->w1, w->w2, w->w3, h);
	w->w0 = w->w1;
	w->w1 = w->w2;
	w->w2 = w->w3;
	w->w3 = h;
	w->tokens++;
	return full;
}

/* The shingles of a text of fewer than MR_SHINGLE tokens: one, of them all.
 * (w by value: its address taken would keep the window out of registers.) */
static size_t window_finish(struct window w, uint64_t *out, size_t count)
{
	const uint64_t last[MR_SHINGLE - 1] = { w.w0, w.w1, w.w2, w.w3 };

	if (w.tokens && w.tokens < MR_SHINGLE) {
		out[0] = XXH3_64bits(last + (MR_SHINGLE - 1 - w.tokens),
				     w.tokens * sizeof(last[0]));
		return 1;
	}
	return count;
}

uint64_t *mr_shingles(const char *text, size_t len, size_t *n, uint64_t exact[2])
{
	struct window w = { 0, 0, 0, 0, 0 };
	struct mr_tokenizer t;
	struct mr_token tok;
	XXH3_state_t whole;
	/* about one token in ten bytes of Arabic */
	size_t count = 0, cap = len / 8 + 16;
	uint64_t *out = xmalloc(cap * sizeof(*out));

	if (exact)
		XXH3_128bits_reset(&whole);
	mr_tokenizer_init(&t, text, len);
	while (mr_tokenizer_next(&t, &tok)) {
		if (exact) {
			/* the search form: the tokens one space apart */
			if (w.tokens)
				XXH3_128bits_update(&whole, " ", 1);
			XXH3_128bits_update(&whole, tok.text, tok.len);
		}
		if (count == cap) {
			cap *= 2;
			out = xrealloc(out, cap * sizeof(*out));
		}
		count += window_push(&w, token_hash(tok.text, tok.len), out + count);
	}
	if (exact) {
		XXH128_hash_t h = XXH3_128bits_digest(&whole);

		exact[0] = h.low64;
		exact[1] = h.high64;
	}
	*n = window_finish(w, out, count);
	if (!*n) {
		free(out);
		return NULL;
	}
	return out;
}

/* Appends to out the shingle, if any, that the token form[start, end) ends. */
static inline size_t form_token(const char *form, size_t start, size_t end,
				struct window *w, uint64_t *out)
{
	if (end == start)
		return 0;
	return window_push(w, token_hash(form + start, end - start), out);
}

/* Shingles are gathered here before they are counted: most texts fit, and
 * their array is then allocated once at its size, which keeps the heap from
 * filling with the tails of arrays allocated too large. */
#define SCRATCH 2048

uint64_t *mr_shingles_of_form(const char *form, size_t len, size_t *n,
			      uint64_t exact[2])
{
	const unsigned char *p = (const unsigned char *)form;
	struct window w = { 0, 0, 0, 0, 0 };
	uint64_t scratch[SCRATCH], *out = scratch;
	size_t base, start = 0, count = 0, cap = SCRATCH;

	/*
	 * The spaces are found 64 bytes at a time, not token by token: where
	 * the next token starts is then known before the hash of this one is
	 * done, and the tokens are hashed side by side instead of one after
	 * the other.  A block has at most 64 tokens, so the room for them is
	 * made before each block, not checked at each token.
	 */
	for (base = 0; base < len; base += 64) {
		uint64_t m = spaces_in_64(p + base, len - base);

		if (cap - count <= 64) {
			cap *= 2;
			if (out == scratch)
				out = memcpy(xmalloc(cap * sizeof(*out)), scratch,
					     count * sizeof(*out));
			else
				out = xrealloc(out, cap * sizeof(*out));
		}
		while (m) {
			size_t end = base + (size_t)__builtin_ctzll(m);

			m &= m - 1;
			count += form_token(form, start, end, &w, out + count);
			start = end + 1;
		}
	}
	if (start < len)
		count += form_token(form, start, len, &w, out + count);
	if (exact) {
		/* the form is the tokens one space apart: hash it whole */
		XXH128_hash_t h = XXH3_128bits(form, len);

		exact[0] = h.low64;
		exact[1] = h.high64;
	}
	*n = count = window_finish(w, out, count);
	if (out != scratch)
		return xrealloc(out, count * sizeof(*out));
	return count ? memcpy(xmalloc(count * sizeof(*out)), scratch,
			      count * sizeof(*out)) : NULL;
}

static void insertion_sort(uint64_t *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint64_t x = a[i];

		for (j = i; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Runs longer than this in one bucket (repeats, or values that are not
 * uniform) go to qsort, so the worst case stays n log n. */
#define BUCKET_MAX 48

/*
 * Shingle hashes are uniform, so scattering them by their top bits into about
 * one bucket per value puts each within a few places of where it belongs, and
 * an insertion sort finishes with little to move.  That is a few passes over
 * the data where qsort makes log n of them, with a call per comparison.
 */
size_t mr_shingle_set(uint64_t *shingles, size_t n)
{
	uint64_t scratch[SCRATCH], *tmp;
	/* SCRATCH is a power of two: no more buckets than that below it */
	uint32_t scratch_next[SCRATCH + 1], *next;
	size_t i, k, buckets, start, longest = 0;
	unsigned bits = 1, shift;

	if (n < 2)
		return n;
	if (n <= BUCKET_MAX || n > UINT32_MAX) {
		/* (a bucket's end is kept in 32 bits) */
		if (n <= BUCKET_MAX)
			insertion_sort(shingles, n);
		else
			qsort(shingles, n, sizeof(*shingles), compare_u64);
		tmp = shingles;
	} else {
		while (bits < 20 && ((size_t)1 << bits) < n)
			bits++;
		shift = 64 - bits;
		buckets = (size_t)1 << bits;
		if (n <= SCRATCH) {
			tmp = scratch;
			next = scratch_next;
		} else {
			tmp = xmalloc(n * sizeof(*tmp) + (buckets + 1) * sizeof(*next));
			next = (uint32_t *)(tmp + n);
		}
		memset(next, 0, (buckets + 1) * sizeof(*next));
		for (i = 0; i < n; i++)
			next[(shingles[i] >> shift) + 1]++;
		for (k = 1; k <= buckets; k++) {
			if (next[k] > longest)
				longest = next[k];
			next[k] += next[k - 1];
		}
		/* next[b]: where bucket b's next value goes; afterwards, its end */
		for (i = 0; i < n; i++)
			tmp[next[shingles[i] >> shift]++] = shingles[i];
		if (longest <= BUCKET_MAX)
			/* a value moves only within its bucket */
			insertion_sort(tmp, n);
		else
			for (k = 0, start = 0; k < buckets; start = next[k++]) {
				size_t len = next[k] - start;

				if (len > BUCKET_MAX)
					qsort(tmp + start, len, sizeof(*tmp), compare_u64);
				else if (len > 1)
					insertion_sort(tmp + start, len);
			}
	}
	shingles[0] = tmp[0];
	for (i = 1, k = 1; i < n; i++)
		if (tmp[i] != shingles[k - 1])
			shingles[k++] = tmp[i];
	if (tmp != shingles && tmp != scratch)
		free(tmp);
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
		/* most shingles of a short text lower their bin's value, in no
		 * pattern a branch predictor could follow: always store */
		sig[bin] = v < sig[bin] ? v : sig[bin];
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
