#!/usr/bin/env python3
"""How well the duplicate measure separates paraphrases from changed facts on
ANS headline pairs: ROC AUC of `agree` (paraphrase, the same news) against
`disagree` (a near copy that changes the facts), for the 5-token shingle
Jaccard that links near copies and for plain token Jaccard.

Usage: bench/ans_auc.py build/bench/pair_similarity ../shared/data/ans/*.csv
"""
import csv
import subprocess
import sys


def auc(pos, neg):
    """Probability that a random positive scores above a random negative."""
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    # average ranks for ties (Mann-Whitney U)
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0)


def main():
    program, files = sys.argv[1], sys.argv[2:]
    pairs = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["stance"] in ("agree", "disagree"):
                    pairs.append((row["s1"].replace("\t", " "), row["s2"].replace("\t", " "), row["stance"]))
    data = "".join(f"{a}\t{b}\n" for a, b, _ in pairs)
    out = subprocess.run([program], input=data, capture_output=True, text=True, check=True).stdout
    scores = [tuple(map(float, line.split("\t"))) for line in out.splitlines()]
    assert len(scores) == len(pairs)
    print("| measure | agree pairs | disagree pairs | mean agree | mean disagree | ROC AUC |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, name in ((0, "5-token shingle Jaccard (near copies)"), (1, "token Jaccard")):
        pos = [s[k] for s, p in zip(scores, pairs) if p[2] == "agree"]
        neg = [s[k] for s, p in zip(scores, pairs) if p[2] == "disagree"]
        print(f"| {name} | {len(pos)} | {len(neg)} | {sum(pos)/len(pos):.3f} | "
              f"{sum(neg)/len(neg):.3f} | {auc(pos, neg):.3f} |")


if __name__ == "__main__":
    main()
