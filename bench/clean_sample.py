#!/usr/bin/env python3
"""What cleaning removed, for reading: counts by reason over a database, then
every removed line of N random documents (fixed seed) and the short lines
(six words or fewer) left in their cleaned text, where missed furniture hides.

Usage: bench/clean_sample.py DB [N]
"""
import random
import sqlite3
import sys


def main():
    db, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100
    con = sqlite3.connect(db)
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    print(f"documents: {docs}")
    for reason, count in con.execute(
            "SELECT reason, count(*) FROM removed GROUP BY reason ORDER BY 2 DESC"):
        print(f"removed, {reason}: {count}")
    random.seed(2026)
    ids = [r[0] for r in con.execute("SELECT id FROM documents WHERE kind = 'article'")]
    sample = random.sample(ids, min(n, len(ids)))
    removed = short = 0
    print(f"\n## removed lines of {len(sample)} random documents")
    for i in sample:
        for reason, text in con.execute(
                "SELECT reason, text FROM removed WHERE doc_id = ? ORDER BY start", (i,)):
            removed += 1
            print(f"{i}\t{reason}\t{text.strip()[:120]}")
    print(f"\n## short lines kept in the same documents")
    for i in sample:
        source, text = con.execute("SELECT source, text FROM documents WHERE id = ?", (i,)).fetchone()
        for line in text.split("\n"):
            if line.strip() and len(line.split()) <= 6:
                short += 1
                print(f"{i}\t{source}\t{line.strip()[:120]}")
    print(f"\nremoved lines: {removed}; short kept lines: {short}")


if __name__ == "__main__":
    main()
