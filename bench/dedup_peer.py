#!/usr/bin/python3
"""datatrove's MinHash stage, reproduced in Python with numpy as datatrove
does it, as the peer of Marsad's duplicate detection: text simplified
(lower case, punctuation and extra spaces out, NFKC), split into words, word
5-grams hashed to 64 bits (the first 8 bytes of SHA-1), 112 permutations
(a·h + b) mod (2^61 − 1) over all shingles at once, the signature cut into 14
bands of 8, each band's tuple a key into a bucket of document ids, and the
documents sharing a bucket reported as candidate pairs.  No verification:
datatrove links every candidate.

Debian's python3-numpy, hence /usr/bin/python3.
Usage: bench/dedup_peer.py CORPUS.bin   (documents separated by NUL bytes)
Prints one JSON line: bytes, docs, seconds, mb_per_s, candidate pairs.
"""
import hashlib
import json
import re
import struct
import sys
import time
import unicodedata

import numpy as np

NGRAM, BANDS, ROWS = 5, 14, 8
K = BANDS * ROWS
MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
SPACES = re.compile(r"\s+")


def simplify(text):
    text = unicodedata.normalize("NFKC", text).lower()
    text = PUNCT.sub(" ", text)
    return SPACES.sub(" ", text).strip()


def shingles(text):
    words = simplify(text).split(" ")
    grams = {" ".join(words[i:i + NGRAM]) for i in range(max(1, len(words) - NGRAM + 1))}
    return np.fromiter((struct.unpack("<Q", hashlib.sha1(g.encode()).digest()[:8])[0]
                        for g in grams), dtype=np.uint64, count=len(grams))


def main():
    raw = open(sys.argv[1], "rb").read()
    docs = [d.decode("utf-8", "replace") for d in raw.split(b"\0") if d]
    rng = np.random.RandomState(seed=1)
    a = rng.randint(1, MERSENNE, size=(1, K), dtype=np.uint64)
    b = rng.randint(0, MERSENNE, size=(1, K), dtype=np.uint64)
    buckets = {}
    pairs = 0
    start = time.perf_counter()
    for doc_id, doc in enumerate(docs):
        sh = shingles(doc).reshape(-1, 1)
        phv = ((sh * a + b) % MERSENNE) & MAX_HASH
        sig = phv.min(axis=0)
        for band in range(BANDS):
            key = (band, sig[band * ROWS:(band + 1) * ROWS].tobytes())
            bucket = buckets.setdefault(key, [])
            pairs += len(bucket)
            bucket.append(doc_id)
    seconds = time.perf_counter() - start
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(json.dumps({"engine": "datatrove-minhash (python+numpy)", "bytes": size,
                      "docs": len(docs), "seconds": round(seconds, 3),
                      "mb_per_s": round(size / 1e6 / seconds, 2), "candidate_pairs": pairs}))


if __name__ == "__main__":
    main()
