#!/bin/sh
# How the archive and the time per batch grow with duplicate detection on:
# SaudiNewsNet ingested, then perturbed replicas of it (one word in ten
# replaced, so each replica is a new document, near but mostly under the
# threshold) added in steps up to TOTAL documents (default 300,000).  Prints
# a Markdown table: documents, seconds for the step, documents/s, database
# size, peak memory of the step.
set -eu
cd "$(dirname "$0")/.."
total=${1:-300000}
data=../shared/data/saudinewsnet/saudinewsnet.jsonl.gz
if [ ! -r "$data" ]; then
	echo "skipped: no ../shared/data"
	exit 0
fi
out=bench/out/scale
mkdir -p "$out"
db="$out/scale.db"
rm -f "$db" "$db-wal" "$db-shm"

# replica k of every record: one word in ten (chosen by k) replaced
replicate() {   # k
	gzip -dc "$data" | python3 -c '
import json, sys
k = int(sys.argv[1])
for n, line in enumerate(sys.stdin):
    r = json.loads(line)
    words = r["content"].split(" ")
    for i in range((n + k) % 10, len(words), 10):
        words[i] = "ن%dك%d" % (k, i)
    r["content"] = " ".join(words)
    r["title"] = "%s (%d)" % (r.get("title", ""), k)
    print(json.dumps(r, ensure_ascii=False))
' "$1"
}

echo "| documents | step | seconds | documents/s | database | peak RSS |"
echo "|---:|---|---:|---:|---:|---:|"
step() {   # label file
	/usr/bin/time -f "%e %M" -o "$out/time" ${MARSAD:-./marsad} ingest --db "$db" "$2" >"$out/log" 2>&1
	set -- "$1" "$2" $(cat "$out/time")
	docs=$(./marsad stats --db "$db" --json | sed 's/.*"articles":\([0-9]*\).*/\1/')
	size=$(du -m "$db" | cut -f1)
	added=$(sed -n 's/.*: \([0-9]*\) stored.*/\1/p' "$out/log")
	echo "| $docs | $1 | $3 | $(awk -v a="$added" -v s="$3" 'BEGIN { printf "%.0f", a / s }') | ${size} MB | $(($4 / 1024)) MB |"
}
step "SaudiNewsNet" "$data"
k=1
while :; do
	docs=$(./marsad stats --db "$db" --json | sed 's/.*"articles":\([0-9]*\).*/\1/')
	[ "$docs" -lt "$total" ] || break
	replicate $k >"$out/replica.jsonl"
	step "replica $k" "$out/replica.jsonl"
	k=$((k + 1))
done
rm -f "$out/replica.jsonl"
