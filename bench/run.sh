#!/bin/sh
# Every benchmark, each with its peer in the same run (make bench).
# Prints Markdown tables for bench/RESULTS.md.
set -eu
cd "$(dirname "$0")/.."
B=${B:-build}
data=../shared/data
mkdir -p bench/out

echo "## Machine"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo

echo "## Text core throughput (one core, SaudiNewsNet content)"
echo
if [ -r "$data/saudinewsnet/saudinewsnet.jsonl.gz" ]; then
	"$B"/bench/text_speed "$data/saudinewsnet/saudinewsnet.jsonl.gz" --passes 3 \
		--dump bench/out/saudinewsnet-content.bin >bench/out/text-speed.jsonl
	bench/lucene/run.sh bench/out/saudinewsnet-content.bin --passes 3 \
		>>bench/out/text-speed.jsonl 2>bench/out/lucene.log
	python3 - bench/out/text-speed.jsonl <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
lucene = next(r for r in rows if r["engine"].startswith("lucene"))["mb_per_s"]
print("| measure | MB/s | × Lucene analyzer |")
print("|---|---:|---:|")
for r in rows:
    print(f"| {r['engine']} | {r['mb_per_s']:.1f} | {r['mb_per_s'] / lucene:.2f} |")
print()
print(f"{rows[0]['docs']} documents, {rows[0]['bytes'] / 1e6:.1f} MB of UTF-8; best of 3 passes after a warm-up.")
PY
else
	echo "skipped: no ../shared/data"
fi
echo

echo "## Stemmers on pairs that should conflate and words that must stay whole"
echo
bench/stems.sh
echo

echo "## Ingest (read, decompress, decode, clean, store), one core"
echo
sh bench/ingest.sh
echo

echo "## Dates on ANT"
echo
sh bench/ant_dates.sh
echo

echo "## What cleaning removed on SaudiNewsNet (bench/out/clean-sample.txt has the lines)"
echo
if [ -r bench/out/ingest-marsad.db ]; then
	python3 bench/clean_sample.py bench/out/ingest-marsad.db 100 >bench/out/clean-sample.txt
	grep -E '^(documents|removed,|removed lines)' bench/out/clean-sample.txt | sed 's/^/    /'
else
	echo "skipped: no ../shared/data"
fi
echo

echo "## Duplicate detection speed against datatrove's MinHash stage (one core)"
echo
if [ -r bench/out/saudinewsnet-content.bin ]; then
	{
		"$B"/bench/dedup_speed "$data/saudinewsnet/saudinewsnet.jsonl.gz"
		/usr/bin/python3 bench/dedup_peer.py bench/out/saudinewsnet-content.bin
	} >bench/out/dedup-speed.jsonl
	python3 - bench/out/dedup-speed.jsonl <<'PY'
import json, sys
m, p = [json.loads(l) for l in open(sys.argv[1])]
print("| | MB/s | seconds | × peer |")
print("|---|---:|---:|---:|")
print(f"| datatrove MinHash stage (Python + numpy) | {p['mb_per_s']:.2f} | {p['seconds']:.2f} | 1.00 |")
print(f"| marsad: search form, shingles, signature, bands, verification | {m['mb_per_s']:.2f} | {m['seconds']:.2f} | {m['mb_per_s'] / p['mb_per_s']:.1f} |")
PY
else
	echo "skipped: no ../shared/data"
fi
echo

echo "## Duplicate measure on ANS headline pairs (agree vs disagree)"
echo
if [ -r "$data/ans/train.csv" ]; then
	python3 bench/ans_auc.py "$B"/bench/pair_similarity "$data/ans/train.csv" "$data/ans/dev.csv"
else
	echo "skipped: no ../shared/data"
fi
echo

echo "## Hamza on a seat: what each folding would merge (SaudiNewsNet)"
echo
if [ -r "$data/saudinewsnet/saudinewsnet.jsonl.gz" ]; then
	echo '```'
	python3 bench/hamza.py "$data/saudinewsnet/saudinewsnet.jsonl.gz"
	echo '```'
else
	echo "skipped: no ../shared/data"
fi
echo

echo "## Retrieval: ARCD questions over SaudiNewsNet and ANT paragraphs"
echo
bench/retrieval.sh
echo

echo "## Serving: /api/search under load"
echo
sh bench/serve_load.sh | sed '1,2d'
echo

echo "## Growth of the archive with duplicates on (to 300,000 documents)"
echo
echo "Command: \`sh bench/dedup_scale.sh 300000\`"
echo
sh bench/dedup_scale.sh 300000
echo

echo "## Near-duplicate parameters (reading labels of bench/dedup-labels.tsv)"
echo
if [ -r "$data/saudinewsnet/saudinewsnet.jsonl.gz" ]; then
	cp marsad bench/out/marsad-params
	/usr/bin/python3 bench/dedup_params.py >bench/out/dedup-params.log 2>&1 &&
		sed -n '/^## Recall of the current ingest/,$p' bench/out/dedup-params.md | sed 's/^## /#### /'
	echo
	echo "(every table: bench/out/dedup-params.md)"
else
	echo "skipped: no ../shared/data"
fi
