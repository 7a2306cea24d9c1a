#!/usr/bin/env python3
"""The plainest ingest one would write by hand, as a peer for `marsad ingest`:
read JSON Lines (gzip), keep each line's raw bytes and its `content`, insert
both into SQLite (WAL, one transaction per 256 rows).  No decoding of legacy
encodings, no cleaning, no metadata: a floor for what storing costs.

Usage: bench/ingest_peer.py INPUT.jsonl.gz DB
"""
import gzip
import json
import sqlite3
import sys


def main():
    src, db = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY,"
                " raw BLOB NOT NULL, text TEXT NOT NULL, title TEXT, source TEXT, date TEXT)")
    con.execute("BEGIN")
    n = 0
    with gzip.open(src, "rb") as f:
        for raw in f:
            rec = json.loads(raw)
            con.execute("INSERT INTO documents (raw, text, title, source, date) VALUES (?,?,?,?,?)",
                        (raw, rec.get("content", ""), rec.get("title"), rec.get("source"),
                         rec.get("date_extracted")))
            n += 1
            if n % 256 == 0:
                con.execute("COMMIT")
                con.execute("BEGIN")
    con.execute("COMMIT")
    con.close()
    print(n)


if __name__ == "__main__":
    main()
