#!/usr/bin/env bash
# Retrieval benchmark: ARCD's 231 Wikipedia paragraphs hidden among the
# paragraphs of SaudiNewsNet and ANT, its 693 questions as plain-text queries,
# on Lucene 8.7 (ArabicAnalyzer, BM25), SQLite FTS5 with unicode61, and FTS5
# with Marsad's tokenizer when it is built.  Prints a Markdown table.
#
#   bench/retrieval.sh          (from anywhere; B=build as in the Makefile)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
B=${B:-build}
DATA=../shared/data
OUT=bench/out/retrieval

if [ ! -d "$DATA" ]; then
    echo "skipped: no ../shared/data"
    exit 0
fi

mkdir -p "$OUT"
if [ ! -s "$OUT/passages.tsv" ] || [ ! -s "$OUT/questions.tsv" ] ||
   [ "$OUT/passages.tsv" -ot bench/retrieval_data.py ] ||
   [ "$OUT/questions.tsv" -ot bench/retrieval_data.py ]; then
    python3 bench/retrieval_data.py "$DATA" "$OUT"
fi
P=$OUT/passages.tsv
Q=$OUT/questions.tsv

results=()
run() { # NAME COMMAND...: one JSON line into $OUT/NAME.json
    local name=$1 t0=$SECONDS
    shift
    echo "running $name ..." >&2
    "$@" > "$OUT/$name.json"
    echo "$name: $((SECONDS - t0)) s" >&2
    results+=("$OUT/$name.json")
}

run lucene bench/lucene/retrieval.sh "$P" "$Q" "$OUT/lucene-index"
# and with Marsad's BM25 parameters, to tell them from the analysis
LUCENE_OPTS="-Dk1=0.9 -Db=0.4" run lucene-k1-0.9-b-0.4 \
    bench/lucene/retrieval.sh "$P" "$Q" "$OUT/lucene-index"

make -s --no-print-directory B="$B" "$B/bench/retrieval" >&2
run fts5-unicode61 "$B/bench/retrieval" --tokenizer unicode61 --db "$OUT/fts5-unicode61.db" "$P" "$Q"

run fts5-marsad "$B/bench/retrieval" --tokenizer marsad --db "$OUT/fts5-marsad.db" "$P" "$Q"

python3 - "${results[@]}" <<'EOF'
import json, sys
rows = [json.load(open(p)) for p in sys.argv[1:]]
base = next(r for r in rows if r["engine"] == "lucene-8.7-ArabicAnalyzer-BM25")["mrr10"]
r0 = rows[0]
print(f"\n{r0['passages']} passages ({r0['mb']:.1f} MB of UTF-8), {r0['questions']} questions, "
      "one relevant passage each; top 100; latency over one pass after a warm-up pass.\n")
print("| engine | MRR@10 | R@10 | R@100 | index MB/s | p50 ms | p99 ms | MRR × Lucene |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['engine']} | {r['mrr10']:.3f} | {r['recall10']:.3f} | {r['recall100']:.3f} "
          f"| {r['index_mb_per_s']:.1f} | {r['p50_ms']:.2f} | {r['p99_ms']:.1f} "
          f"| {r['mrr10'] / base:.2f} |")
EOF
