/*
 * ingest_dedup: the duplicate stage of `marsad ingest` — fingerprints each
 * stored article and links it to its copies already in the archive.
 *
 * A document's keys are its LSH bands, its exact key and its winnowed
 * shingle samples (ingest_dedup.c says why samples).  Candidates come from
 * two places: an index in memory holding the keys of the newest documents
 * (recent_docs documents' worth, 32 keys each), and the runs of keys the
 * archive keeps on disk, asked only about the keys a Bloom filter (kept in
 * the archive too) cannot rule out.  When the index is full its keys are
 * written as one more run.  Memory is therefore the index (about 1 KB a
 * document of recent_docs) and the filter (16 MiB), whatever the size of
 * the archive.
 *
 * Every candidate is verified: an exact copy (equal search forms) is linked
 * to the earliest exact copy stored; any other candidate not already in the
 * document's group is compared by the Jaccard of the two shingle sets, and
 * by containment when one is at most half the other.
 */
#ifndef MARSAD_INGEST_DEDUP_H
#define MARSAD_INGEST_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

#define INGEST_RECENT_DOCS 32768

struct ingest_dedup;

/* Loads the filter and the documents no run covers; call inside a write
 * transaction (a full index is written as a run on the way). */
int ingest_dedup_open(struct mr_store *store, size_t recent_docs,
		      struct ingest_dedup **out, struct mr_err *err);
void ingest_dedup_close(struct ingest_dedup *d);

/* Fingerprints document id (its search form) and links it to its copies:
 * 1 when it was linked to an earlier copy, 0 when not, -1 on error. */
int ingest_dedup_document(struct ingest_dedup *d, int64_t id, const char *form,
			  size_t len, struct mr_err *err);

#endif
