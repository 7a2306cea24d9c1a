#!/usr/bin/env python3
"""Joins the stems of Marsad, Snowball and Lucene (TSV on stdin: word, marsad,
snowball, lucene) with bench/stem-pairs.txt and prints a Markdown table."""
import sys

stems = {}
for line in sys.stdin:
    cols = line.rstrip("\n").split("\t")
    cols += [""] * (4 - len(cols))
    stems[cols[0]] = cols[1:4]

rows, score = [], [0, 0, 0]
groups = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    kind, words = line.split(":", 1)
    words = words.split()
    groups += 1
    verdicts = []
    for i in range(3):
        got = [stems.get(w, ["?"] * 3)[i] for w in words]
        if kind == "same":
            ok = len(set(got)) == 1 and got[0] != ""
        else:
            # whole: no letter cut, but the article may go and the spelling
            # may be normalized (إ -> ا keeps the length)
            core = words[0][2:] if words[0].startswith("ال") else words[0]
            ok = got[0] not in ("", "?") and len(got[0]) >= len(core)
        score[i] += ok
        verdicts.append(("✓ " if ok else "✗ ") + " / ".join(got))
    rows.append(f"| {kind} | {' '.join(words)} | " + " | ".join(verdicts) + " |")

print("| test | words | Marsad | Snowball (libstemmer) | Lucene 8.7 ArabicAnalyzer |")
print("|---|---|---|---|---|")
print("\n".join(rows))
print(f"| **passed** | {groups} | **{score[0]}** | **{score[1]}** | **{score[2]}** |")
