#!/usr/bin/env python3
"""Puts the tables of the latest `make bench` run into bench/RESULTS.md.

   splice.py LATEST.md RESULTS.md

The run's output (bench/run.sh: machine, date, then every benchmark's tables
with its command) replaces what stands between the two markers below, so that
the figures anyone regenerates land in the file; the sections after the
markers keep what each figure means and what was tried, with the run each
quotes. Without the markers yet, the block goes after the file's first
paragraph."""
import sys

BEGIN = "<!-- make bench: the latest run, written by bench/splice.py -->"
END = "<!-- make bench: end of the latest run -->"


def splice(latest, results):
    # the run's own sections sit under this block's heading
    latest = "\n".join("#" + line if line.startswith("## ") else line
                       for line in latest.splitlines())
    block = "%s\n\n## The latest run of `make bench`\n\n%s\n\n%s" % (BEGIN, latest.strip(), END)
    if BEGIN in results and END in results:
        head, rest = results.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    first_break = results.find("\n\n", results.find("\n\n") + 2)
    if first_break < 0:
        return results.rstrip("\n") + "\n\n" + block + "\n"
    return results[:first_break] + "\n\n" + block + results[first_break:]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: splice.py LATEST.md RESULTS.md")
    with open(sys.argv[1], encoding="utf-8") as f:
        latest = f.read()
    with open(sys.argv[2], encoding="utf-8") as f:
        results = f.read()
    out = splice(latest, results)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(out)


if __name__ == "__main__":
    main()
