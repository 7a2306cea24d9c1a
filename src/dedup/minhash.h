/*
 * minhash: fingerprints of a document for finding its copies.
 *
 * A document is the set of its shingles: every run of MR_SHINGLE consecutive
 * tokens of its search form (normalized, so spelling variants agree), each
 * hashed to 64 bits.  Its signature is MR_MINHASH_K minimum hashes by
 * one-permutation hashing with densification (each shingle hashed once into
 * one of K bins; see minhash.c), which estimates Jaccard like K separate
 * permutations at 1/K of the cost; the signature cut into MR_BANDS bands of
 * MR_ROWS rows gives the keys of the banded LSH index.  Two documents that
 * share a band are only candidates: mr_jaccard() on their shingle sets
 * decides.
 *
 * The probability that a pair with Jaccard J shares at least one band is
 * about 1 − (1 − J^MR_ROWS)^MR_BANDS, a little more with densification
 * (README, "Duplicates").  Shingle size, threshold and banding were chosen
 * by reading pairs of SaudiNewsNet (bench/dedup_params.py, bench/RESULTS.md):
 * below 0.7 templated official texts about different events start to chain
 * stories together; 20 bands of 6 find 0.998 of the pairs at 0.7 and above
 * through a shared band, 14 of 8 only 0.96.
 *
 * Pure: fixed permutations, no state; the caller owns every array.
 */
#ifndef MARSAD_MINHASH_H
#define MARSAD_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MR_SHINGLE 5
/* A candidate pair is the same story when the Jaccard similarity of its
 * shingle sets reaches MR_NEAR_JACCARD; a shorter text is contained in a
 * longer one (at least twice its size) when MR_CONTAINED of its shingles
 * are in it. */
#define MR_NEAR_JACCARD 0.7
#define MR_CONTAINED 0.8
#define MR_BANDS 20
#define MR_ROWS 6
#define MR_MINHASH_K (MR_BANDS * MR_ROWS)

/* Shingle hashing and banding: stored keys (bands, samples) of another
 * version never match (2: hashing by multiply-fold; 3: 20 bands of 6). */
#define MR_SIGNATURE_VERSION 3

/* The shingle hashes of text (any UTF-8), in text order and with repeats,
 * in a newly allocated array (free() it; NULL when there are none); *n gets
 * their number.  A text shorter than MR_SHINGLE tokens has one shingle: all
 * of its tokens.  When exact is not NULL it gets the 128-bit XXH3 of the
 * text's search form (its tokens one space apart): equal for texts whose
 * search forms are equal. */
uint64_t *mr_shingles(const char *text, size_t len, size_t *n, uint64_t exact[2]);

/* The same, of a text already in search form (tokens one space apart, as
 * mr_normalize and mr_cleaned.search give it), without tokenizing again. */
uint64_t *mr_shingles_of_form(const char *form, size_t len, size_t *n,
			      uint64_t exact[2]);

/* Sorts shingles and drops repeats in place, making the set mr_jaccard()
 * compares; returns its size.  (Signatures do not need it.) */
size_t mr_shingle_set(uint64_t *shingles, size_t n);

/* The signature of a shingle set (n may be 0: all values are then the
 * largest, and the document matches nothing). */
void mr_minhash(const uint64_t *shingles, size_t n, uint64_t sig[MR_MINHASH_K]);

/* One 64-bit key per band of a signature. */
void mr_bands(const uint64_t sig[MR_MINHASH_K], uint64_t bands[MR_BANDS]);

/* |A ∩ B| of two shingle sets (mr_shingle_set). */
size_t mr_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* |A ∩ B| / |A ∪ B|, 0 when both are empty. */
double mr_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* |A ∩ B| / |A|: how much of A is inside B. */
double mr_containment(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* The probability that a pair at Jaccard j shares a band. */
double mr_lsh_probability(double j);

#endif
