#!/usr/bin/python3
"""Measures the near-duplicate parameters on SaudiNewsNet: shingle size,
Jaccard threshold and LSH banding.

The texts are what Marsad fingerprints: each article's cleaned text as
`marsad ingest` stores it (documents.text), in the search form `marsad
normalize` gives (newlines made spaces first: the ingest's form is its lines'
forms one space apart).  For k = 2..7 every pair of articles whose k-token
shingle sets have Jaccard >= 0.3 is found exactly (prefix filtering over
shingles ordered rarest first, then the Jaccard of the sets), pairs of
identical search forms left out.

Pairs sampled by Jaccard bin (at random, and among the kinds of text most
likely to look alike while being different news) are printed to
bench/out/dedup-pairs.txt for reading; bench/dedup-labels.tsv holds the labels
read from them, keyed by the two articles' URLs, from which every run
recomputes the precision of each bin, what each (k, threshold) does to the
groups once links are chained, and the recommended setting.  The banding is
judged on the formula 1 - (1 - J^r)^b and on a replica of Marsad's own
signatures (one-permutation MinHash with densification) applied to every pair.
The same run ingests the data set with the current settings and measures how
many of the pairs at 5-shingle Jaccard >= 0.7 end in one group of
`marsad dups`.

Debian's python3-numpy, hence /usr/bin/python3.
Usage: bench/dedup_params.py [--marsad BIN] [--data FILE] [--reuse-db]
Writes the tables as Markdown to stdout and bench/out/dedup-params.md.
"""
import argparse
import bisect
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
LABELS = os.path.join(HERE, "dedup-labels.tsv")

KS = (2, 3, 4, 5, 6, 7)
FLOOR = 0.3                  # the lowest Jaccard the exhaustive search finds
BINS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
PER_BIN = 15
K3_BINS = (2, 3, 4)          # k = 3 bins 0.5-0.8, where a threshold at k = 3 would sit
# Official texts written from one template (royal cables of congratulation or
# condolence, the Interior Ministry's statements of executions) are the pairs
# most likely to look like copies while being different news: another sample
# draws them by title.
TEMPLATE = re.compile("تهنئ|يهنئ|يعزي|تعزية|تعازي|قصاص|تعزير")
HARD_BINS = (1, 2, 3, 4, 5, 6)   # 0.4-1.0 at k = 5
HARD_PER_BIN = 10
HARD_ALL = (2, 3, 4)         # 0.5-0.8, where thresholds are chosen: every such pair
T_GRID = tuple(round(0.4 + 0.05 * i, 2) for i in range(11))   # 0.4 ... 0.9
# A block the two texts share verbatim (furniture the cleaner left, a shared
# widget) keeps the same Jaccard at every k, while edits scattered through
# a copy, or the names that differ between two templated texts, lower it more
# at larger k: two more samples look for such blocks, the pairs whose
# Jaccard hardly falls from k = 3 to k = 7 and the pairs of texts that both
# still carry page script.
FLAT = 0.95                  # J(k=7) >= FLAT * J(k=3)
FLAT_BINS = (1, 2, 3, 4)     # 0.4-0.8 at k = 5
SCRIPT = re.compile(r"jQuery|function\s*\(|document\.write")
GROUP_KS = KS
MARGIN = 0.05                # a threshold keeps this far above the closest known false pair
LOW = 0.05                   # at k = 5 pairs are found exhaustively down to this Jaccard
RANDOM_PAIRS = 200_000       # random pairs that estimate the mass below LOW
SEED = 2026
# the current settings, read from src/dedup/minhash.h
def _define(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "dedup", "minhash.h")
    with open(path, encoding="utf-8") as f:
        return re.search(r"#define %s ([0-9.]+)" % name, f.read()).group(1)


CUR_K, CUR_T = int(_define("MR_SHINGLE")), float(_define("MR_NEAR_JACCARD"))
CUR_B, CUR_R = int(_define("MR_BANDS")), int(_define("MR_ROWS"))
BANDINGS = ((14, 8), (16, 7), (20, 6), (24, 5), (28, 4), (9, 13), (8, 14), (12, 10), (10, 12))
CURVE_J = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def bin_of(j):
    """The index of j's bin in BINS (0 for 0.3-0.4 ... 6 for 0.9-1.0), -1 below."""
    if j < BINS[0]:
        return -1
    return min(bisect.bisect_right(BINS, j) - 1, len(BINS) - 2)


def bin_name(i):
    return "%.1f–%.1f" % (BINS[i], BINS[i + 1]) if i >= 0 else "< %.1f" % BINS[0]


def lsh_p(j, b, r):
    return 1.0 - (1.0 - j ** r) ** b


# ---------------------------------------------------------------- the texts

def ingest(marsad, data, db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    t0 = time.perf_counter()
    subprocess.run([marsad, "ingest", "--db", db, data], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def load(marsad, db):
    """Articles with their search forms; those with no token are left out
    (Marsad fingerprints nothing for them)."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT d.id, d.url, d.source, d.title, d.text, x.shingles, "
                       "d.published "
                       "FROM documents d LEFT JOIN dedup x ON x.doc_id = d.id "
                       "WHERE d.kind = 'article' ORDER BY d.id").fetchall()
    links = con.execute("SELECT a, b, kind, similarity FROM dedup_links").fetchall()
    con.close()
    # one line a document: the ingest's form is its lines' forms one space apart
    feed = "".join(r[4].replace("\r", " ").replace("\n", " ") + "\n" for r in rows)
    out = subprocess.run([marsad, "normalize"], input=feed.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    forms = out.split("\n")
    if forms and forms[-1] == "":
        forms.pop()
    if len(forms) != len(rows):
        sys.exit("normalize gave %d lines for %d documents" % (len(forms), len(rows)))
    docs, mismatched = [], 0
    for r, form in zip(rows, forms):
        toks = form.split(" ") if form else []
        # the ingest counted max(tokens - 4, 1) shingles: the same tokens?
        want = r[5]
        got = (max(len(toks) - 4, 1) if toks else None)
        if want != got:
            mismatched += 1
        if toks:
            docs.append({"id": r[0], "url": r[1], "source": r[2], "title": r[3] or "",
                         "text": r[4], "form": form,
                         "published": r[6] or ""})
    return docs, links, mismatched


def dup_groups(marsad, db):
    out = subprocess.run([marsad, "dups", "--db", db, "--json"], stdout=subprocess.PIPE,
                         check=True).stdout.decode("utf-8")
    group = {}
    for line in out.splitlines():
        g = json.loads(line)
        for m in g["members"]:
            group[m["id"]] = g["group"]
    return group


# ---------------------------------------------------------------- shingles

class Corpus:
    """The distinct search forms, as token ids in one array."""

    def __init__(self, docs):
        self.reps = []            # index of the first document of each distinct form
        self.members = []         # documents of each distinct form
        by_form = {}
        for i, d in enumerate(docs):
            u = by_form.get(d["form"])
            if u is None:
                u = by_form[d["form"]] = len(self.reps)
                self.reps.append(i)
                self.members.append([])
            self.members[u].append(i)
            d["u"] = u
        vocab = {}
        ids, lens = [], []
        for i in self.reps:
            toks = docs[i]["form"].split(" ")
            ids.extend(vocab.setdefault(t, len(vocab)) for t in toks)
            lens.append(len(toks))
        self.n = len(self.reps)
        self.ids = np.array(ids, dtype=np.uint64) + np.uint64(1)
        self.lens = np.array(lens, dtype=np.int64)
        self.start = np.concatenate(([0], np.cumsum(self.lens)[:-1]))
        self.mult = np.array([len(m) for m in self.members], dtype=np.int64)
        rng = np.random.default_rng(SEED)
        self.mul = rng.integers(1, 2 ** 63, size=16, dtype=np.uint64) * np.uint64(2) + np.uint64(1)

    def shingle_sets(self, k):
        """(doc, shingle id) of every distinct shingle of every form, sorted by
        document then shingle id, and the shingles' document frequencies.  A
        form shorter than k tokens is one shingle of all its tokens, as in
        Marsad."""
        ids, n = self.ids, len(self.ids)
        length = n - k + 1
        h = ids[:length] * self.mul[0]
        for j in range(1, k):
            h = h + ids[j:j + length] * self.mul[j]
        doc_of = np.repeat(np.arange(self.n), self.lens)[:length]
        end = (self.start + self.lens)[doc_of]
        ok = np.arange(length) + k <= end
        docs, hs = doc_of[ok], h[ok]
        short = np.nonzero(self.lens < k)[0]
        if len(short):
            extra = []
            m1, m2, mask = int(self.mul[15]), int(self.mul[14]), (1 << 64) - 1
            for d in short:
                s = int(self.start[d])
                v = k
                for j in range(int(self.lens[d])):
                    v = (v * m1 + int(ids[s + j]) * m2) & mask
                extra.append(v)
            docs = np.concatenate((docs, short))
            hs = np.concatenate((hs, np.array(extra, dtype=np.uint64)))
        uniq, sid = np.unique(hs, return_inverse=True)
        sid = sid.astype(np.int64)
        key = docs.astype(np.int64) * len(uniq) + sid
        key = np.unique(key)
        docs, sid = key // len(uniq), key % len(uniq)
        df = np.bincount(sid, minlength=len(uniq))
        return docs, sid, df, uniq


RARE = 50   # shingles in at most this many forms: their pairs are enumerated


def run_pairs(d, s, n_docs, limit=5_000_000):
    """Keys a * n_docs + b (a < b) of the documents d that share a value of s,
    (d, s) sorted by s then d, in chunks of about limit pairs."""
    if not len(s):
        return
    bounds = np.flatnonzero(np.diff(s)) + 1
    starts = np.concatenate(([0], bounds))
    sizes = np.diff(np.concatenate((starts, [len(s)])))
    big = sizes >= 2
    starts, sizes = starts[big], sizes[big]
    npairs = sizes * (sizes - 1) // 2
    csum = np.cumsum(npairs)
    lo = 0
    while lo < len(starts):
        hi = int(np.searchsorted(csum, csum[lo] - npairs[lo] + limit, side="right"))
        hi = max(hi, lo + 1)
        st_all, sz_all = starts[lo:hi], sizes[lo:hi]
        parts = []
        for g in np.unique(sz_all):
            st = st_all[sz_all == g]
            ii, jj = np.triu_indices(int(g), 1)
            a = d[(st[:, None] + ii[None, :]).ravel()]
            b = d[(st[:, None] + jj[None, :]).ravel()]
            parts.append(np.minimum(a, b) * n_docs + np.maximum(a, b))
        yield np.concatenate(parts)
        lo = hi


class Sets:
    """Each form's shingle set, for exact Jaccard."""

    def __init__(self, corpus, k):
        docs, sid, df, hashes = corpus.shingle_sets(k)
        self.docs, self.sid, self.df, self.hashes = docs, sid, df, hashes
        self.n = corpus.n
        self.size = np.bincount(docs, minlength=corpus.n)
        self.off = np.concatenate(([0], np.cumsum(self.size)))
        self._sets = {}

    def of(self, d):
        s = self._sets.get(d)
        if s is None:
            s = self._sets[d] = frozenset(self.sid[self.off[d]:self.off[d + 1]].tolist())
        return s

    def forget(self):
        self._sets.clear()

    def overlap(self, a, b):
        return len(self.of(a) & self.of(b))

    def jaccard(self, a, b):
        o = self.overlap(a, b)
        return o / (self.size[a] + self.size[b] - o)

    def pairs_above(self, t):
        """Every pair of forms with Jaccard >= t, exactly, and the number of
        candidate pairs checked.  Two sets at Jaccard >= t share a shingle
        within the first |A| - ceil(t|A|) + 1 shingles of each when shingles
        are ordered rarest first (prefix filtering, Bayardo et al. 2007), and
        their sizes are within a factor t.  The overlap of a candidate is the
        number of rare shingles it shares (counted over every pair of the
        rare shingles' postings) plus what its common shingles share, which
        is at most the smaller count of them: most candidates fail on that
        bound, and only the rest have their common shingles intersected."""
        docs, sid, df, n, N = self.docs, self.sid, self.df, self.size, self.n
        bits_s, bits_f = int(len(df)).bit_length(), int(df.max()).bit_length()
        order = np.argsort((docs << (bits_s + bits_f)) | (df[sid] << bits_s) | sid)
        d_sorted = docs[order]
        rank = np.arange(len(order)) - self.off[d_sorted]
        prefix = n - np.ceil(t * n - 1e-9).astype(np.int64) + 1
        keep = rank < prefix[d_sorted]
        pd, ps = d_sorted[keep], sid[order][keep]
        o2 = np.argsort(ps * N + pd)
        cand = []
        for keys in run_pairs(pd[o2], ps[o2], N):
            a, b = keys // N, keys % N
            ok = np.minimum(n[a], n[b]) >= t * np.maximum(n[a], n[b]) - 1e-9
            cand.append(np.unique(keys[ok]))
        cand = np.unique(np.concatenate(cand)) if cand else np.zeros(0, dtype=np.int64)

        rare = (df[sid] >= 2) & (df[sid] <= RARE)
        rd, rs = docs[rare], sid[rare]
        o3 = np.argsort(rs * N + rd)
        shared = [k[np.isin(k, cand)] for k in run_pairs(rd[o3], rs[o3], N)]
        rkeys, rcount = np.unique(np.concatenate(shared) if shared
                                  else np.zeros(0, dtype=np.int64), return_counts=True)
        rare_ov = np.zeros(len(cand), dtype=np.int64)
        if len(rkeys):
            pos = np.minimum(np.searchsorted(rkeys, cand), len(rkeys) - 1)
            hit = rkeys[pos] == cand
            rare_ov[hit] = rcount[pos[hit]]
        common = np.bincount(docs, weights=df[sid] > RARE, minlength=N).astype(np.int64)
        a, b = cand // N, cand % N
        need = t * (n[a] + n[b]) / (1 + t) - 1e-9
        ok = rare_ov + np.minimum(common[a], common[b]) >= need
        out = {}
        csets = {}

        def common_of(d):
            s = csets.get(d)
            if s is None:
                ids = self.sid[self.off[d]:self.off[d + 1]]
                s = csets[d] = frozenset(ids[df[ids] > RARE].tolist())
            return s
        for a1, b1, r in zip(a[ok].tolist(), b[ok].tolist(), rare_ov[ok].tolist()):
            o = r + len(common_of(a1) & common_of(b1))
            j = o / (n[a1] + n[b1] - o)
            if j >= t - 1e-12:
                out[(a1, b1)] = j
        return out, len(cand)


# ---------------------------------------------------------------- LSH as Marsad does it

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
NONE = np.uint64(0xFFFFFFFFFFFFFFFF)
SIM_SEEDS = (1, 2)


def splitmix(x):
    z = x + GOLDEN
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def signatures(sets, n_docs, k_bins, seed):
    """Signatures made as mr_minhash() makes them, from other shingle hashes:
    one-permutation hashing into k_bins bins, each keeping its minimum, and
    an empty bin filled from the next filled bin to its right, mixed with the
    distance.  Densified bins repeat their neighbours' values, which makes a
    band of a short text likelier to match than J^r says."""
    with np.errstate(over="ignore"):
        v = splitmix(sets.hashes[sets.sid] ^ np.uint64(seed))
        bins = (((v >> np.uint64(32)) * np.uint64(k_bins)) >> np.uint64(32)).astype(np.int64)
    flat = np.full(n_docs * k_bins, NONE, dtype=np.uint64)
    np.minimum.at(flat, sets.docs * k_bins + bins, v)
    sig = flat.reshape(n_docs, k_bins)
    filled = sig != NONE
    pos = np.where(np.concatenate((filled, filled), axis=1),
                   np.arange(2 * k_bins), 2 * k_bins)
    nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :k_bins]
    dist = (nxt - np.arange(k_bins)).astype(np.uint64)
    src = np.take_along_axis(sig, nxt % k_bins, axis=1)
    with np.errstate(over="ignore"):
        dense = splitmix(src ^ (dist * GOLDEN))
    return np.where(filled, sig, dense)


def band_hits(sig, a, b, bandings):
    """For each (bands, rows) of bandings (bands * rows = the signature's
    length), whether each pair (a[i], b[i]) shares at least one band."""
    out = {br: np.zeros(len(a), dtype=bool) for br in bandings}
    step = 20000
    for lo in range(0, len(a), step):
        eq = sig[a[lo:lo + step]] == sig[b[lo:lo + step]]
        for bands, rows in bandings:
            out[bands, rows][lo:lo + step] = eq.reshape(-1, bands, rows).all(axis=2).any(axis=1)
    return out


# ---------------------------------------------------------------- groups

def groups_at(n, pairs, t):
    """The root of each form's group when every pair at Jaccard >= t is linked
    (what the ingest would do if every such pair were a candidate)."""
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for (a, b), j in pairs.items():
        if j >= t:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    return [find(x) for x in range(n)]


# ---------------------------------------------------------------- labels

def read_labels():
    labels = {}
    if not os.path.exists(LABELS):
        return labels
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "url_a":
                continue
            labels[tuple(sorted(cols[:2]))] = int(cols[2])
    return labels


def sample(pairs_by_bin, key, seed, per_bin, whole=()):
    """per_bin pairs of each bin (all of those in whole), the same on every
    run over the same pairs."""
    out = {}
    for b, items in pairs_by_bin.items():
        items = sorted(items, key=key)
        n = len(items) if b in whole else min(per_bin, len(items))
        out[b] = random.Random("%s-%d" % (seed, b)).sample(items, n)
    return out


# ---------------------------------------------------------------- Markdown

def table(head, rows, align=None):
    align = align or ["---"] + ["---:"] * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def fmt_p(x):
    return "—" if x is None else "%.2f" % x


def auc(pos, neg):
    if not pos or not neg:
        return None
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def snippet(text, n):
    t = " ¶ ".join(x.strip() for x in text.split("\n") if x.strip())
    return t[:n]


# ---------------------------------------------------------------- the run

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--marsad", default=os.path.join(OUT, "marsad-params"),
                    help="the marsad binary (default: bench/out/marsad-params, a copy)")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data",
                                                   "saudinewsnet", "saudinewsnet.jsonl.gz"))
    ap.add_argument("--reuse-db", action="store_true",
                    help="use bench/out/params.db as it is instead of a fresh ingest")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(args.marsad):
        sys.exit("no %s (copy ./marsad there, or give --marsad)" % args.marsad)
    db = os.path.join(OUT, "params.db")
    t_start = time.perf_counter()
    md = []

    ingest_s = None
    if not args.reuse_db:
        log("ingest ...")
        ingest_s = ingest(args.marsad, args.data, db)
    log("texts ...")
    docs, links, mismatched = load(args.marsad, db)
    group = dup_groups(args.marsad, db)
    corpus = Corpus(docs)
    n_docs, n_forms, mult = len(docs), corpus.n, corpus.mult

    def weight(p):   # the pairs of articles a pair of forms stands for
        return int(mult[p[0]] * mult[p[1]])

    # ---- every pair at J >= FLOOR, at every k
    sets, pairs, cands, secs = {}, {}, {}, {}
    for k in KS:
        t0 = time.perf_counter()
        sets[k] = Sets(corpus, k)
        found, cands[k] = sets[k].pairs_above(LOW if k == CUR_K else FLOOR)
        secs[k] = time.perf_counter() - t0
        log("k=%d: %d candidates, %d pairs at J >= %.2f, %.1f s"
            % (k, cands[k], len(found), LOW if k == CUR_K else FLOOR, secs[k]))
        if k == CUR_K:
            low_pairs = found
        else:
            sets[k].df = sets[k].hashes = None   # only the sets themselves are needed now
        pairs[k] = {p: j for p, j in found.items() if j >= FLOOR}
    union = set()
    for k in KS:
        union.update(pairs[k])
    union = sorted(union)
    jac = {p: {} for p in union}
    for k in KS:
        for p in union:
            jac[p][k] = pairs[k][p] if p in pairs[k] else sets[k].jaccard(*p)
        sets[k].forget()   # the cached sets of every k at once would take gigabytes
        if k != CUR_K:
            sets[k] = None

    # ---- the same texts as the ingest?
    id_to_form = {d["id"]: d["u"] for d in docs}
    near = [(a, b, sim) for a, b, kind, sim in links if kind == "near"]
    agree = worst = 0
    for a, b, sim in near:
        fa, fb = id_to_form.get(a), id_to_form.get(b)
        if fa is None or fb is None or fa == fb:
            continue
        p = (min(fa, fb), max(fa, fb))
        j = low_pairs.get(p)
        if j is None:
            j = sets[CUR_K].jaccard(*p)
        worst = max(worst, abs(j - sim))
        agree += abs(j - sim) < 1e-9

    md.append("# Near-duplicate parameters measured on SaudiNewsNet\n")
    md.append("Command: `/usr/bin/python3 bench/dedup_params.py` (binary `%s`). %d articles "
              "with text, %d distinct search forms; the %d articles with no token are left "
              "out, as Marsad fingerprints nothing for them. The texts are each article's "
              "cleaned text as `marsad ingest` stores it, in the search form of `marsad "
              "normalize`: every token count equals the ingest's own (%d differ), and %d of "
              "the ingest's %d near links have exactly the Jaccard computed here (largest "
              "difference %.1e). Pairs of identical search forms (exact duplicates) are left "
              "out everywhere; counts are pairs of articles (a pair of forms counts once for "
              "each pair of their articles)."
              % (os.path.relpath(args.marsad, ROOT), n_docs, n_forms,
                 31030 - n_docs if "saudinewsnet" in args.data else 0,
                 mismatched, agree, len(near), worst))

    md.append("\n## Pairs per Jaccard bin, by shingle size k\n")
    md.append("Every pair at Jaccard ≥ 0.3, found exactly: candidates from prefix filtering, "
              "then the Jaccard of the two shingle sets.\n")
    rows = []
    for k in KS:
        cnt = [0] * (len(BINS) - 1)
        for p, j in pairs[k].items():
            cnt[bin_of(j)] += weight(p)
        rows.append(["k = %d" % k] + cnt + [sum(cnt), cands[k], "%.1f" % secs[k]])
    md.append(table(["k"] + [bin_name(i) for i in range(len(BINS) - 1)]
                    + ["≥ 0.3", "candidates checked", "seconds"], rows))

    # ---- samples to read
    labels = read_labels()

    def lab(p):
        for i in corpus.members[p[0]]:
            for m in corpus.members[p[1]]:
                v = labels.get(tuple(sorted((docs[i]["url"], docs[m]["url"]))))
                if v is not None:
                    return v
        return None

    rep = lambda u: docs[corpus.reps[u]]
    script = [SCRIPT.search(rep(u)["text"]) is not None for u in range(n_forms)]
    urlkey = lambda p: (rep(p[0])["url"], rep(p[1])["url"])
    by5, by3, byh = {}, {}, {}
    for p in union:
        b = bin_of(jac[p][CUR_K])
        if b >= 0:
            by5.setdefault(b, []).append(p)
    s5 = sample(by5, urlkey, "k5-%d" % SEED, PER_BIN)
    taken = {p for v in s5.values() for p in v}
    for p in union:
        b = bin_of(jac[p][3])
        if b in K3_BINS and p not in taken:
            by3.setdefault(b, []).append(p)
    s3 = sample(by3, urlkey, "k3-%d" % SEED, PER_BIN)
    taken |= {p for v in s3.values() for p in v}
    for p in union:
        b = bin_of(jac[p][CUR_K])
        if (b in HARD_BINS and p not in taken and TEMPLATE.search(rep(p[0])["title"])
                and TEMPLATE.search(rep(p[1])["title"])):
            byh.setdefault(b, []).append(p)
    sh = sample(byh, urlkey, "templates-%d" % SEED, HARD_PER_BIN, HARD_ALL)
    taken |= {p for v in sh.values() for p in v}
    byf, bys = {}, {}
    for p in union:
        b = bin_of(jac[p][CUR_K])
        if p in taken or b < 1:
            continue
        if script[p[0]] and script[p[1]]:
            bys.setdefault(b, []).append(p)
        elif b in FLAT_BINS and jac[p][7] >= FLAT * jac[p][3]:
            byf.setdefault(b, []).append(p)
    sf = sample(byf, urlkey, "flat-%d" % SEED, HARD_PER_BIN)
    ss = sample(bys, urlkey, "script-%d" % SEED, 0, tuple(bys))
    samples = (("k=5", s5, CUR_K), ("k=3", s3, 3), ("templates, k=5", sh, CUR_K),
               ("flat, k=5", sf, CUR_K), ("script, k=5", ss, CUR_K))
    sampled = sorted({p for _, smp, _ in samples for v in smp.values() for p in v})

    with open(os.path.join(OUT, "dedup-pairs.txt"), "w", encoding="utf-8") as f:
        f.write("Pairs sampled for labelling: 1 = the same story copied or lightly edited, "
                "0 = different stories or different articles on one subject.\n"
                "A line of bench/dedup-labels.tsv: url_a TAB url_b TAB label TAB why\n")
        for name, smp, kk in samples:
            for b in sorted(smp):
                for p in smp[b]:
                    a, c = rep(p[0]), rep(p[1])
                    l = lab(p)
                    sa, sc = sets[CUR_K].of(p[0]), sets[CUR_K].of(p[1])
                    inter = len(sa & sc)
                    f.write("\n=== %s bin %s  ids %d / %d  label %s\n"
                            % (name, bin_name(b), a["id"], c["id"], "?" if l is None else l))
                    f.write("J: %s\n" % "  ".join("k%d=%.3f" % (k, jac[p][k]) for k in KS))
                    f.write("k5 shingles %d / %d, containment %.2f / %.2f\n"
                            % (len(sa), len(sc), inter / len(sa), inter / len(sc)))
                    f.write("KEY\t%s\t%s\n" % (a["url"], c["url"]))
                    for d in (a, c):
                        f.write("[%s %s] %s\n  %s\n  ... %s\n" % (
                            d["source"], d["published"], d["title"], snippet(d["text"], 300),
                            snippet(d["text"], 100000)[-150:]))
    unlabelled = sum(1 for p in sampled if lab(p) is None)

    # ---- precision per bin
    def precision(smp, counts):
        rows, prec = [], {}
        for b in sorted(smp):
            got = [x for x in (lab(p) for p in smp[b]) if x is not None]
            prec[b] = sum(got) / len(got) if got else None
            n = counts.get(b, 0)
            rows.append([bin_name(b), n, len(got), sum(got), fmt_p(prec[b]),
                         "—" if prec[b] is None else round(n * prec[b])])
        return rows, prec

    def counts_at(k, only=None):
        c = {}
        for p, j in pairs[k].items():
            if only is None or only(p):
                c[bin_of(j)] = c.get(bin_of(j), 0) + weight(p)
        return c

    templated = lambda p: (TEMPLATE.search(rep(p[0])["title"]) is not None
                           and TEMPLATE.search(rep(p[1])["title"]) is not None)
    md.append("\n## Precision per bin (labels: `bench/dedup-labels.tsv`)\n")
    md.append("Pairs drawn at random (seed %d): %d of each k = 5 bin; %d of each k = 3 bin from "
              "0.5 to 0.8 not drawn already; and, among the pairs whose two titles both read as "
              "a templated official text (a royal cable of congratulation or condolence, an "
              "execution statement: `%s`), every pair of the k = 5 bins from 0.5 to 0.8 and "
              "%d of each other k = 5 bin from 0.4 up; %d of each k = 5 bin from 0.4 to 0.8 "
              "among the pairs whose Jaccard hardly falls from k = 3 to k = 7 (a shared "
              "verbatim block: J(k = 7) ≥ %.2f · J(k = 3)); and every pair from 0.4 whose two "
              "texts both still carry page script. Each pair was read "
              "(titles, dates, openings and endings, the whole texts where in doubt) and "
              "labelled 1 when the two are one story copied or lightly edited, 0 when they are "
              "different stories, or different articles on one subject; a page whose own "
              "story is another, carrying the other text as a second item, is 0 (a "
              "containment, not a copy). Precision: the share of the labelled pairs that are "
              "one story; estimated copies: pairs × precision.%s\n"
              % (SEED, PER_BIN, PER_BIN, TEMPLATE.pattern, HARD_PER_BIN, HARD_PER_BIN, FLAT,
                 " **%d sampled pairs are not labelled yet.**" % unlabelled if unlabelled else ""))
    rows5, prec5 = precision(s5, counts_at(CUR_K))
    md.append("**Random pairs, k = 5**\n")
    md.append(table(["bin (k = 5)", "pairs", "labelled", "one story", "precision",
                     "estimated copies"], rows5))
    rows3, prec3 = precision(s3, counts_at(3))
    md.append("\n**Random pairs, k = 3**\n")
    md.append(table(["bin (k = 3)", "pairs", "labelled", "one story", "precision",
                     "estimated copies"], rows3))
    rowsh, _ = precision(sh, counts_at(CUR_K, templated))
    md.append("\n**Templated official texts, k = 5** (pairs: those whose two titles match)\n")
    md.append(table(["bin (k = 5)", "pairs", "labelled", "one story", "precision",
                     "estimated copies"], rowsh))
    flat = lambda p: not (script[p[0]] and script[p[1]]) and jac[p][7] >= FLAT * jac[p][3]
    rowsf, _ = precision(sf, counts_at(CUR_K, flat))
    md.append("\n**Jaccard flat in k, k = 5** (pairs: J(k = 7) ≥ %.2f · J(k = 3), no page "
              "script)\n" % FLAT)
    md.append(table(["bin (k = 5)", "pairs", "labelled", "one story", "precision",
                     "estimated copies"], rowsf))
    scripted = lambda p: script[p[0]] and script[p[1]]
    rowss, _ = precision(ss, counts_at(CUR_K, scripted))
    md.append("\n**Both texts still carry page script, k = 5** (`%s`; every pair from 0.4)\n"
              % SCRIPT.pattern)
    md.append(table(["bin (k = 5)", "pairs", "labelled", "one story", "precision",
                     "estimated copies"], rowss))

    # ---- how pairs move as k changes
    labelled = [(p, lab(p)) for p in sampled]
    labelled = [(p, l) for p, l in labelled if l is not None]
    random_set = {p for _, smp, _ in samples[:2] for v in smp.values() for p in v}
    md.append("\n## How pairs move as k changes\n")
    md.append("Median Jaccard at each k of the pairs in each k = 5 bin (all pairs):\n")
    rows = []
    for b in range(len(BINS) - 1):
        ps = by5.get(b, [])
        rows.append([bin_name(b), len(ps)] + ["%.2f" % float(np.median([jac[p][k] for p in ps]))
                                              for k in KS])
    md.append(table(["k = 5 bin", "pairs of forms"] + ["k = %d" % k for k in KS], rows))
    md.append("\nThe labelled pairs at each k. The samples are stratified, so these compare "
              "the k with one another and are not rates of the whole; ROC AUC is the "
              "probability that a copy scores above a different story.\n")
    rows = []
    for k in KS:
        pos = [jac[p][k] for p, l in labelled if l == 1]
        neg = [jac[p][k] for p, l in labelled if l == 0]
        rpos = [jac[p][k] for p, l in labelled if l == 1 and p in random_set]
        rneg = [jac[p][k] for p, l in labelled if l == 0 and p in random_set]
        rows.append(["k = %d" % k,
                     "%.2f" % float(np.median(pos)) if pos else "—",
                     "%.2f" % float(np.median(neg)) if neg else "—",
                     "%.2f" % max(neg) if neg else "—",
                     sum(1 for x in pos if neg and x <= max(neg)),
                     fmt_p(auc(rpos, rneg)), fmt_p(auc(pos, neg))])
    n1 = sum(1 for _, l in labelled if l == 1)
    n0 = len(labelled) - n1
    md.append(table(["k", "median J, copies (%d)" % n1, "median J, different (%d)" % n0,
                     "highest J, different", "copies at or below it",
                     "ROC AUC, random samples", "ROC AUC, all labelled"], rows))
    md.append("\nPairs of forms by bin at k = 5 (rows) and at k = 3 and k = 7 (columns):\n")
    for k2 in (3, 7):
        rows = []
        for b in range(len(BINS) - 1):
            cnt = [0] * len(BINS)
            for p in by5.get(b, []):
                cnt[bin_of(jac[p][k2]) + 1] += 1
            rows.append([bin_name(b)] + cnt)
        md.append(table(["k = 5 \\ k = %d" % k2] + [bin_name(i) for i in range(-1, len(BINS) - 1)],
                        rows) + "\n")

    # ---- groups: what a threshold does once links are chained
    md.append("## What each threshold does to the groups\n")
    md.append("Groups are the transitive closure of the links, so one false link merges two "
              "stories' groups. Here every pair at Jaccard ≥ t at shingle size k is linked (as "
              "if the bands missed none) and the groups are formed. Each cell: the share of the "
              "estimated one-story pairs that end in one group (the pairs at k = 5 Jaccard ≥ "
              "0.3, each weighted by the precision of its k = 5 bin: %d estimated pairs), then "
              "in brackets how many of the %d labelled different-story pairs end in one group, "
              "then the largest group in articles.\n" % (0, n0))
    universe = [(p, weight(p) * prec5[bin_of(j)]) for p, j in pairs[CUR_K].items()
                if prec5.get(bin_of(j)) is not None]
    total_copies = sum(w for _, w in universe)
    md[-1] = md[-1].replace("%d estimated pairs" % 0, "%d estimated pairs" % round(total_copies))
    negatives = [p for p, l in labelled if l == 0]
    grid = {}
    for k in GROUP_KS:
        for t in T_GRID:
            root = groups_at(n_forms, pairs[k], t)
            grouped = sum(w for p, w in universe if root[p[0]] == root[p[1]])
            merged = sum(1 for p in negatives if root[p[0]] == root[p[1]])
            size = {}
            for u in range(n_forms):
                size[root[u]] = size.get(root[u], 0) + int(mult[u])
            grid[k, t] = (grouped / total_copies if total_copies else 0.0, merged,
                          max(size.values()))
    rows = [["%.2f" % t] + ["%.2f (%d) %d" % grid[k, t] for k in GROUP_KS] for t in T_GRID]
    md.append(table(["t"] + ["k = %d" % k for k in GROUP_KS], rows))

    # ---- the choice: the most copies grouped with no known false merge and a margin
    md.append("\n## Recommendation\n")
    choice = {}
    for k in GROUP_KS:
        neg = [jac[p][k] for p in negatives]
        top = max(neg) if neg else 0.0
        ok = [t for t in T_GRID if t >= top + MARGIN - 1e-9
              and all(grid[k, u][1] == 0 for u in T_GRID if u >= t)]
        if ok:
            choice[k] = (min(ok), top)
    rows = [["k = %d" % k, "%.2f" % choice[k][1], "%.2f" % choice[k][0],
             "%.2f" % grid[k, choice[k][0]][0], grid[k, choice[k][0]][2]] for k in sorted(choice)]
    md.append("For each k, the lowest threshold on the grid that is at least %.2f above the "
              "highest Jaccard of a labelled different-story pair and merges none of them into "
              "one group, and the share of the estimated copies it groups:\n" % MARGIN)
    md.append(table(["k", "highest J, different stories", "threshold", "copies grouped",
                     "largest group"], rows))
    if not choice or n0 == 0:
        md.append("\nNot enough labels to recommend a threshold.")
        k_rec, t_rec = CUR_K, CUR_T
    else:
        k_rec = max(choice, key=lambda k: (round(grid[k, choice[k][0]][0], 2), k == CUR_K))
        t_rec = choice[k_rec][0]
        now = ("the setting Marsad has now" if (k_rec, t_rec) == (CUR_K, CUR_T) else
               "shingles of %d and %.2f, as now, group %.0f %%"
               % (CUR_K, CUR_T, 100 * grid[CUR_K, CUR_T][0]))
        md.append("\n**Shingles of %d tokens, Jaccard ≥ %.2f**: the most copies grouped "
                  "(%.0f %%) under that rule; %s."
                  % (k_rec, t_rec, 100 * grid[k_rec, t_rec][0], now))

    # ---- the LSH curve, in theory and as Marsad's signatures behave
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    n_all = n_docs * (n_docs - 1) // 2
    same_form = sum(int(m) * (int(m) - 1) // 2 for m in mult)
    form_of = [d["u"] for d in docs]
    drawn_pairs = []
    for _ in range(RANDOM_PAIRS):
        i, m = rng.randrange(n_docs), rng.randrange(n_docs)
        if i != m and form_of[i] != form_of[m]:
            drawn_pairs.append(tuple(sorted((form_of[i], form_of[m]))))
    scale = (n_all - same_form) / len(drawn_pairs)
    lsh = {}
    for k in sorted({CUR_K, k_rec}):
        if sets[k] is None:
            sets[k] = Sets(corpus, k)
        found = low_pairs if k == CUR_K else sets[k].pairs_above(LOW)[0]
        low = [j for j in (sets[k].jaccard(*p) for p in drawn_pairs) if j < LOW]
        exh = sorted(found.items())
        pa = np.array([p[0] for p, _ in exh])
        pb = np.array([p[1] for p, _ in exh])
        pj = np.array([j for _, j in exh])
        pw = np.array([weight(p) for p, _ in exh], dtype=float)
        sim = {br: np.zeros(len(exh)) for br in BANDINGS}
        for kb in sorted({b * r for b, r in BANDINGS}):
            for seed in SIM_SEEDS:
                sig = signatures(sets[k], n_forms, kb, seed * 0x51ED2701)
                hits = band_hits(sig, pa, pb, [br for br in BANDINGS if br[0] * br[1] == kb])
                for br, h in hits.items():
                    sim[br] += h / len(SIM_SEEDS)
        lsh[k] = (exh, pj, pw, sim, low)
    log("LSH: %.1f s" % (time.perf_counter() - t0))

    def below(k, b, r):
        return scale * sum(lsh_p(j, b, r) for j in lsh[k][4])

    def theory(k, b, r, lo=0.0):
        _, pj, pw, _, _ = lsh[k]
        m = pj >= lo
        e = float(np.sum(pw[m] * (1 - (1 - pj[m] ** r) ** b)))
        return e + (below(k, b, r) if lo <= 0 else 0.0)

    def simulated(k, b, r, lo=0.0, hi=2.0):
        _, pj, pw, sim, _ = lsh[k]
        m = (pj >= lo) & (pj < hi)
        return float(np.sum(pw[m] * sim[b, r][m]))

    md.append("\n## LSH: the probability that a pair at Jaccard J shares a band\n")
    md.append("In theory 1 − (1 − J^r)^b for b bands of r rows. Expected candidates: that "
              "probability summed over every pair of articles — at J ≥ %.2f all the pairs, "
              "found exactly (%d at k = %d), below it an estimate from %d random pairs scaled "
              "to the %d pairs of articles; identical forms, which the exact key finds, left "
              "out. *Rejected*: the part of them that verification turns down, below the "
              "threshold.\n"
              % (LOW, int(lsh[CUR_K][2].sum()), CUR_K, len(drawn_pairs), n_all - same_form))
    for k, t in sorted({(CUR_K, CUR_T), (k_rec, t_rec)}):
        rows = []
        for b, r in BANDINGS:
            rows.append(["%d × %d%s" % (b, r, " (now)" if (b, r) == (CUR_B, CUR_R) else ""), b * r,
                         "%.2f" % ((1 / b) ** (1 / r))]
                        + ["%.2f" % lsh_p(j, b, r) for j in CURVE_J]
                        + [round(theory(k, b, r)), round(theory(k, b, r) - theory(k, b, r, t))])
        md.append("\n**k = %d, threshold %.2f**\n" % (k, t))
        md.append(table(["b × r", "hashes", "(1/b)^(1/r)"] + ["%.2f" % j for j in CURVE_J]
                        + ["expected candidates", "rejected"], rows))
    md.append("\nMarsad's signatures are one-permutation MinHash with densification: a text "
              "with fewer shingles than bins fills its empty bins from their neighbours, and "
              "those repeated values make a band match more often than J^r says. The same "
              "scheme (`mr_minhash()` with other shingle hashes, %d seeds averaged) applied to "
              "the pairs above gives the share of the pairs of each bin that share a band, and "
              "the candidates they make (below J = %.2f the formula stands in):\n"
              % (len(SIM_SEEDS), LOW))
    sim_bins = [(0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9),
                (0.9, 1.01)]
    for k, t in sorted({(CUR_K, CUR_T), (k_rec, t_rec)}):
        _, pj, pw, _, _ = lsh[k]
        rows = []
        for b, r in BANDINGS:
            cells = []
            for lo, hi in sim_bins:
                m = (pj >= lo) & (pj < hi)
                cells.append("%.2f" % (simulated(k, b, r, lo, hi) / pw[m].sum()))
            tot = simulated(k, b, r) + below(k, b, r)
            rows.append(["%d × %d%s" % (b, r, " (now)" if (b, r) == (CUR_B, CUR_R) else "")]
                        + cells + [round(tot), round(tot - simulated(k, b, r, t))])
        md.append("\n**k = %d, threshold %.2f**\n" % (k, t))
        md.append(table(["b × r"] + ["%.1f–%.1f" % (lo, min(hi, 1.0)) for lo, hi in sim_bins]
                        + ["candidates", "rejected"], rows))

    # ---- the banding for the recommended setting
    rows, pick = [], None
    _, pj, pw, _, _ = lsh[k_rec]
    for b, r in BANDINGS:
        m = pj >= t_rec
        rec = simulated(k_rec, b, r, t_rec) / pw[m].sum()
        cands_br = simulated(k_rec, b, r) + below(k_rec, b, r)
        rows.append(["%d × %d" % (b, r), "%.3f" % lsh_p(t_rec, b, r), "%.3f" % rec,
                     round(cands_br), b + 1])
        key = (rec < 0.99, b, cands_br)
        if pick is None or key < pick[0]:
            pick = (key, b, r, rec)
    md.append("\nBandings for k = %d and %.2f: the formula's probability at the threshold, the "
              "simulated share of the pairs at or above it that share a band, the simulated "
              "candidates, and the keys a document adds to the band index (one a band and the "
              "exact key):\n" % (k_rec, t_rec))
    md.append(table(["b × r", "P(J = %.2f)" % t_rec, "simulated recall at J ≥ %.2f" % t_rec,
                     "candidates", "index keys a document"], rows))
    md.append("\n**Banding %d × %d** (%d hashes): the fewest bands, so the smallest band index, "
              "among those whose simulated recall at J ≥ %.2f reaches 0.99 (%.3f)."
              % (pick[1], pick[2], pick[1] * pick[2], t_rec, pick[3]))

    # ---- the ingest as it is
    exh, pj, pw, sim, _ = lsh[CUR_K]
    linked = {(min(a, b), max(a, b)) for a, b, kind, _ in links if kind == "near"}
    rows, tot = [], [0, 0, 0, 0.0, 0.0]
    for lo, hi in ((0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        n = same = direct = 0
        exp = simexp = 0.0
        for idx, (p, j) in enumerate(exh):
            if not lo <= j < hi:
                continue
            for i in corpus.members[p[0]]:
                for m in corpus.members[p[1]]:
                    ida, idb = docs[i]["id"], docs[m]["id"]
                    n += 1
                    ga, gb = group.get(ida), group.get(idb)
                    same += ga is not None and ga == gb
                    direct += (min(ida, idb), max(ida, idb)) in linked
                    exp += lsh_p(j, CUR_B, CUR_R)
                    simexp += sim[CUR_B, CUR_R][idx]
        rows.append(["%.1f–%.1f" % (lo, min(hi, 1.0)), n, same, "%.3f" % (same / n), direct,
                     "%.3f" % (direct / n), "%.3f" % (simexp / n), "%.3f" % (exp / n)])
        tot = [tot[0] + n, tot[1] + same, tot[2] + direct, tot[3] + exp, tot[4] + simexp]
    rows.append(["**≥ 0.7**", tot[0], tot[1], "**%.3f**" % (tot[1] / tot[0]), tot[2],
                 "%.3f" % (tot[2] / tot[0]), "%.3f" % (tot[4] / tot[0]),
                 "%.3f" % (tot[3] / tot[0])])
    md.append("\n## Recall of the current ingest (k = %d, %d hashes in %d × %d, J ≥ %.1f)\n"
              % (CUR_K, CUR_B * CUR_R, CUR_B, CUR_R, CUR_T))
    md.append("Of the pairs of articles at 5-shingle Jaccard ≥ 0.7 (all of them, identical "
              "forms left out): how many end in one group of `marsad dups` after a fresh "
              "ingest%s, how many the ingest linked directly (they shared a band), and the "
              "share of direct links the simulation above and the formula 1 − (1 − J^%d)^%d "
              "expect.  A candidate already in the document's group is not compared again, "
              "so a pair grouped through a third document is not linked directly.\n"
              % (" (%.1f s)" % ingest_s if ingest_s else "", CUR_R, CUR_B))
    md.append(table(["J (k = 5)", "pairs", "same group", "recall", "linked directly", "share",
                     "simulated", "formula"], rows))

    md.append("\nRun time: %.0f s, the ingest included." % (time.perf_counter() - t_start))
    text = "\n".join(md) + "\n"
    with open(os.path.join(OUT, "dedup-params.md"), "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
