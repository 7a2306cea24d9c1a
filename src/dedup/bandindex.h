/*
 * bandindex: the LSH band keys of the archive, in memory, for one ingest.
 *
 * A multimap from a band key (the band's number folded into its 64-bit
 * hash) to the documents that have it.  Built at the start of an ingest from
 * the keys the store keeps (append-only, one row a document) and grown as
 * documents arrive, so that finding the candidates of a document costs a few
 * memory probes instead of B-tree lookups and random writes in the database.
 * 16 bytes a slot, at most half full, 15 keys a document: about 15 MB for
 * 31,000 documents, and a doubling (old and new table at once) past each
 * power of two — which is why it cannot serve a million documents
 * (bench/RESULTS.md, "Growth").
 */
#ifndef MARSAD_BANDINDEX_H
#define MARSAD_BANDINDEX_H

#include <stddef.h>
#include <stdint.h>

struct mr_bandindex;

struct mr_bandindex *mr_bandindex_new(void);
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

size_t mr_bandindex_size(const struct mr_bandindex *x);

#endif
