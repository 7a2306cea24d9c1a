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

/*
 * Token hashes.  A token is read as 16-byte blocks, the last one padded with
 * zeros, each block as two little-endian words; a block is folded into the
 * running value by one 64×64→128-bit multiply whose halves are xored.  The
 * length starts the running value, so padding cannot be mistaken for bytes.
 * TOKEN_K1 and TOKEN_K2 hold a 0xFF byte, which valid UTF-8 never has, so
 * neither factor of the first block is ever zero (a zero factor would make
 * every token alike).  Most tokens of Arabic news are at most 16 bytes: one
 * multiply.
 */
#define TOKEN_K1 0xFF51AFD7ED558CCDull
#define TOKEN_K2 0xC4CEB9FF1A85EC53ull

static inline uint64_t fold_mul(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 p = (unsigned __int128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	uint64_t lo = (mid << 32) | (uint32_t)ll;
	uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	return lo ^ hi;
#endif
}

/* Words are read little-endian everywhere: hashes are stored, and must not
 * depend on the machine that made them. */
static inline uint64_t load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint64_t token_block(uint64_t acc, uint64_t lo, uint64_t hi)
{
	return fold_mul(lo ^ TOKEN_K1 ^ acc, hi ^ TOKEN_K2);
}

static uint64_t token_hash(const char *tok, size_t len)
{
	const unsigned char *p = (const unsigned char *)tok;
	unsigned char last[16] = { 0 };
	uint64_t acc = len;

	for (; len > 16; p += 16, len -= 16)
		acc = token_block(acc, load64(p), load64(p + 8));
	memcpy(last, p, len);
	return token_block(acc, load64(last), load64(last + 8));
}

#ifndef __SSE2__
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

/* The first k bytes of the two words of a block, for k from 0 to 16. */
#define ALL 0xFFFFFFFFFFFFFFFFull
static const uint64_t keep_lo[17] = {
	0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFull, 0xFFFFFFFFFFFFull,
	0xFFFFFFFFFFFFFFull, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL
};
static const uint64_t keep_hi[17] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF,
	0xFFFFFFFFFFull, 0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull, ALL
};
#undef ALL

/*
 * The shingle of n token hashes, in order: the polynomial
 * SHINGLE_START·M^n + t[0]·M^(n-1) + … + t[n-1] modulo 2^64, M odd.  Token
 * hashes are spread over all 64 bits, so the difference of two different
 * shingles is zero with probability about 2^-62; mr_minhash mixes the value
 * again before taking bins and minimums.
 */
#define SHINGLE_MUL 0x9E3779B97F4A7C15ull
#define SHINGLE_START 0x5348494E474C4553ull

static uint64_t shingle_of(const uint64_t *t, size_t n)
{
	uint64_t h = SHINGLE_START;
	size_t k;

	for (k = 0; k < n; k++)
		h = h * SHINGLE_MUL + t[k];
	return h;
}

_Static_assert(MR_SHINGLE == 5, "shingle5 and struct window hold five tokens");

static inline uint64_t shingle5(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
				uint64_t e)
{
	/* shingle_of() with the powers of M folded into constants, so that
	 * the products do not wait for each other */
	const uint64_t m = SHINGLE_MUL, m2 = m * m, m3 = m2 * m, m4 = m3 * m;

	return SHINGLE_START * m4 * m + a * m4 + b * m3 + c * m2 + d * m + e;
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
		out[0] = shingle_of(last + (MR_SHINGLE - 1 - w.tokens), w.tokens);
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
static inline size_t form_token(const unsigned char *form, size_t len,
				size_t start, size_t end, struct window *w,
				uint64_t *out)
{
	size_t tl = end - start;
	uint64_t h;

	if (!tl)
		return 0;
	if (tl <= 16 && len - start >= 16)
		h = token_block(tl, load64(form + start) & keep_lo[tl],
				load64(form + start + 8) & keep_hi[tl]);
	else
		h = token_hash((const char *)form + start, tl);
	return window_push(w, h, out);
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
			count += form_token(p, len, start, end, &w, out + count);
			start = end + 1;
		}
	}
	if (start < len)
		count += form_token(p, len, start, len, &w, out + count);
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
