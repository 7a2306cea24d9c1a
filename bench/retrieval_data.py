#!/usr/bin/env python3
"""Passages and questions for the retrieval benchmark (bench/retrieval.sh).

    retrieval_data.py [DATA_DIR [OUT_DIR]]
        DATA_DIR defaults to ../shared/data, OUT_DIR to bench/out/retrieval

Writes OUT_DIR/passages.tsv (id TAB text) and OUT_DIR/questions.tsv
(question TAB id of its one relevant passage), and a count summary on stderr.

The haystack is every paragraph of more than 80 characters of every
SaudiNewsNet `content` and every ANT <TEXT>, in file order.  Both corpora lay
an article out one paragraph a line (SaudiNewsNet separates them with a blank
line and an indent), so a paragraph is a non-blank line, stripped.  The 231
ARCD paragraphs are spread evenly through that sequence rather than appended,
so that no engine gains from ties broken by insertion order.  Ids are the
1-based line numbers of passages.tsv.
"""
import gzip
import json
import os
import re
import sys

MIN_CHARS = 80  # the passage must be longer than this, in code points

WS = re.compile(r"[\t\r\n\v\f]")
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def flat(s):
    # One passage, one TSV line: tabs and line breaks can carry no meaning here.
    return WS.sub(" ", s).strip()


def paragraphs(text):
    for line in text.split("\n"):
        p = flat(line)
        if len(p) > MIN_CHARS:
            yield p


def saudinewsnet(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield from paragraphs(json.loads(line)["content"])


def ant(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        raw = f.read()
    for m in TEXT.finditer(raw):
        yield from paragraphs(m.group(1))


def arcd(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)["data"]
    paras = []
    for article in data:
        for p in article["paragraphs"]:
            paras.append((flat(p["context"]), [flat(q["question"]) for q in p["qas"]]))
    return paras


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join("bench", "out", "retrieval")

    gold = arcd(os.path.join(data, "arcd", "arcd-train.json"))
    gold_text = {p for p, _ in gold}
    if len(gold_text) != len(gold):
        sys.exit("retrieval_data: two ARCD paragraphs are identical; the relevant passage would not be unique")

    news, dropped = [], 0
    counts = {}
    for name, gen in (("saudinewsnet", saudinewsnet(os.path.join(data, "saudinewsnet", "saudinewsnet.jsonl.gz"))),
                      ("ant", ant(os.path.join(data, "ant", "ant-v1.1.trec.gz")))):
        n = 0
        for p in gen:
            if p in gold_text:
                dropped += 1
                continue
            news.append(p)
            n += 1
        counts[name] = n

    # ARCD paragraph k goes after news passage floor((k+1) * N / (G+1)).
    g = len(gold)
    slots = {}
    for k in range(g):
        slots.setdefault((k + 1) * len(news) // (g + 1), []).append(k)

    os.makedirs(out, exist_ok=True)
    gold_id = [0] * g
    nid = 0
    tmp_p = os.path.join(out, "passages.tsv.tmp")
    tmp_q = os.path.join(out, "questions.tsv.tmp")
    size = 0
    with open(tmp_p, "w", encoding="utf-8", newline="\n") as f:
        def put(text):
            nonlocal nid, size
            nid += 1
            f.write(f"{nid}\t{text}\n")
            size += len(text.encode("utf-8"))
            return nid

        for i in range(len(news) + 1):
            for k in slots.get(i, ()):
                gold_id[k] = put(gold[k][0])
            if i < len(news):
                put(news[i])

    nq = 0
    with open(tmp_q, "w", encoding="utf-8", newline="\n") as f:
        for k, (_, questions) in enumerate(gold):
            for q in questions:
                if q:
                    f.write(f"{q}\t{gold_id[k]}\n")
                    nq += 1
    # Renamed last, so that a run cut short never leaves outputs that look fresh.
    os.replace(tmp_p, os.path.join(out, "passages.tsv"))
    os.replace(tmp_q, os.path.join(out, "questions.tsv"))

    print(f"retrieval_data: {nid} passages ({counts['saudinewsnet']} SaudiNewsNet, {counts['ant']} ANT, "
          f"{g} ARCD; {dropped} news paragraphs identical to an ARCD one dropped), "
          f"{size / 1e6:.1f} MB; {nq} questions", file=sys.stderr)


if __name__ == "__main__":
    main()
