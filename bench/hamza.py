#!/usr/bin/env python3
"""Which way to fold hamza on a seat (ؤ, ئ)?  Measured on a news corpus.

For every word type that holds ؤ or ئ (after dropping harakat and tatweel and
folding the alef forms), look for the spellings that a folding rule would
merge with it and count how many running words each rule brings together:

  seat swap      مسؤول ~ مسئول, شؤون ~ شئون      merged by  ؤ,ئ -> ء
  hamza dropped  مسؤول ~ مسوول, رئيس ~ رييس      merged by  ؤ -> و, ئ -> ي

Usage: bench/hamza.py CORPUS.jsonl.gz   (the `content` field of each line)
"""
import collections
import gzip
import json
import re
import sys

MARKS = re.compile("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
WORD = re.compile("[\u0621-\u064A]+")


def words(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("content", "")
            for w in WORD.findall(MARKS.sub("", text).translate(ALEF)):
                yield w


def main():
    counts = collections.Counter(words(sys.argv[1]))
    total = sum(counts.values())
    seat_words = {w: n for w, n in counts.items() if "ؤ" in w or "ئ" in w}
    swap_pairs = swap_tokens = drop_pairs = drop_tokens = 0
    examples_swap, examples_drop = [], []
    seen = set()
    for w, n in sorted(seat_words.items(), key=lambda x: -x[1]):
        swapped = w.translate(str.maketrans("ؤئ", "ئؤ"))
        if swapped in counts and frozenset((w, swapped)) not in seen:
            seen.add(frozenset((w, swapped)))
            swap_pairs += 1
            swap_tokens += min(n, counts[swapped])
            if len(examples_swap) < 6:
                examples_swap.append(f"{w} {n} ~ {swapped} {counts[swapped]}")
        dropped = w.translate(str.maketrans("ؤئ", "وي"))
        if dropped in counts:
            drop_pairs += 1
            drop_tokens += min(n, counts[dropped])
            if len(examples_drop) < 6:
                examples_drop.append(f"{w} {n} ~ {dropped} {counts[dropped]}")
    seat_total = sum(seat_words.values())
    print(f"running words: {total}; with ؤ or ئ: {seat_total} in {len(seat_words)} types")
    print(f"seat swap (ؤ~ئ) pairs both attested: {swap_pairs}, "
          f"running words in the rarer spelling: {swap_tokens}")
    print("  e.g. " + "; ".join(examples_swap))
    print(f"hamza dropped (ؤ~و, ئ~ي) pairs both attested: {drop_pairs}, "
          f"running words in the rarer spelling: {drop_tokens}")
    print("  e.g. " + "; ".join(examples_drop))


if __name__ == "__main__":
    main()
