/*
 * bloom: a set of 64-bit keys that answers "certainly not" or "maybe".
 *
 * It stands before the band keys an archive keeps on disk: nearly every
 * band key of a new document is one no earlier document has, and the
 * filter answers those from memory, so the database is asked only about
 * keys that are (or, rarely, seem) shared.  Its size is fixed when it is
 * made, so its memory does not grow with the archive; past the number of
 * keys it was sized for, only its false "maybe"s grow (2^27 bits hold 15
 * million keys — a million documents — at under 2 % false positives).
 *
 * Keys must be well mixed already (band keys are).
 */
#ifndef MARSAD_BLOOM_H
#define MARSAD_BLOOM_H

#include <stddef.h>
#include <stdint.h>

struct mr_bloom;

/* A filter of 2^log2_bits bits (log2_bits 10 .. 34). */
struct mr_bloom *mr_bloom_new(unsigned log2_bits);
void mr_bloom_free(struct mr_bloom *b);

void mr_bloom_add(struct mr_bloom *b, uint64_t key);
/* 0: key was never added; 1: it may have been. */
int mr_bloom_maybe(const struct mr_bloom *b, uint64_t key);

/* The filter's bits, to be kept (*len bytes, valid while b lives), and a
 * filter made from kept bits: NULL when len is not the size of a filter of
 * 2^log2_bits bits. */
const void *mr_bloom_bits(const struct mr_bloom *b, size_t *len);
struct mr_bloom *mr_bloom_from_bits(unsigned log2_bits, const void *bits, size_t len);

#endif
