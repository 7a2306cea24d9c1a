/*
 * bandindex: LSH band keys of recent documents, in memory.
 *
 * A multimap from a band key (the band's number folded into its 64-bit
 * hash, see mr_band_key) to the documents that have it, so that finding the
 * candidates of a document costs a few memory probes instead of B-tree
 * lookups and random writes in the database.  16 bytes a slot, at most half
 * full, MR_BAND_KEYS keys a document.  It holds the newest documents only:
 * when it reaches the size it was made for, its keys are written to the
 * archive as one sorted run (src/cli/ingest_dedup.c) and it starts empty,
 * which keeps an ingest's memory the same however big the archive grows.
 */
#ifndef MARSAD_BANDINDEX_H
#define MARSAD_BANDINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "minhash.h"

/* A document's keys: its MR_BANDS band keys and the key of its exact search
 * form (the first 64 bits of its 128-bit hash), kept as one more band. */
#define MR_BAND_KEYS (MR_BANDS + 1)
#define MR_EXACT_BAND MR_BANDS

/* The index key of band b (0 .. MR_EXACT_BAND) of a document: the band's
 * number folded in, so one table serves all bands; never 0. */
uint64_t mr_band_key(const uint64_t *bands, uint64_t exact, size_t b);

/* The index key of a sampled shingle (a band of its own).  Sampling by
 * value (a fixed share of the hash space) keeps the same shingles in every
 * document, so a short text inside a long one shares its samples with it,
 * which its bands rarely do (src/cli/ingest_dedup.c). */
uint64_t mr_sample_key(uint64_t shingle);

struct mr_band_entry {
	uint64_t key;
	int64_t doc;
};

struct mr_bandindex;

/* An index that grows as needed (mr_bandindex_new), or one sized for a
 * number of documents, which never reallocates below that number. */
struct mr_bandindex *mr_bandindex_new(void);
struct mr_bandindex *mr_bandindex_new_sized(size_t docs);
void mr_bandindex_free(struct mr_bandindex *x);

/* Adds the MR_BANDS band keys of a document and the key of its exact search
 * form (the first 64 bits of its 128-bit hash), kept as one more band. */
void mr_bandindex_add(struct mr_bandindex *x, int64_t doc, const uint64_t *bands,
		      uint64_t exact);

/* Calls fn for every document sharing at least one band with bands (each
 * document once per shared band, in no particular order); exact is 1 when
 * the shared key is the exact form's. */
void mr_bandindex_find(const struct mr_bandindex *x, const uint64_t *bands,
		       uint64_t exact,
		       void (*fn)(int64_t doc, int exact, void *ctx), void *ctx);

/* One key (mr_band_key, mr_sample_key) of a document, and the documents
 * that have a key. */
void mr_bandindex_add_key(struct mr_bandindex *x, int64_t doc, uint64_t key);
void mr_bandindex_find_key(const struct mr_bandindex *x, uint64_t key,
			   void (*fn)(int64_t doc, void *ctx), void *ctx);

/* Keys held. */
size_t mr_bandindex_size(const struct mr_bandindex *x);

/* Every entry, sorted by key then document, into out (room for
 * mr_bandindex_size entries): the order of a run on disk. */
void mr_bandindex_entries(const struct mr_bandindex *x, struct mr_band_entry *out);

/* Empties the index, keeping its memory. */
void mr_bandindex_clear(struct mr_bandindex *x);

#endif
