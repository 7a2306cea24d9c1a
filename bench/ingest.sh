#!/bin/sh
# Ingest speed and memory on SaudiNewsNet (read, decompress, decode, clean,
# store), with in the same run a plain Python + SQLite ingest as the peer.
# Prints a Markdown table.
set -eu
cd "$(dirname "$0")/.."
data=../shared/data/saudinewsnet/saudinewsnet.jsonl.gz
if [ ! -r "$data" ]; then
	echo "skipped: no ../shared/data"
	exit 0
fi
out=bench/out
mkdir -p "$out"
raw=$(gzip -dc "$data" | wc -c)

measure() {   # name command...: prints "seconds maxrss_kb"
	name=$1
	shift
	rm -f "$out/ingest-$name.db" "$out/ingest-$name.db-wal" "$out/ingest-$name.db-shm"
	/usr/bin/time -f "%e %M" -o "$out/time-$name" "$@" >"$out/log-$name" 2>&1
	cat "$out/time-$name"
}

set -- $(measure marsad ./marsad ingest --db "$out/ingest-marsad.db" "$data")
m_s=$1 m_kb=$2
set -- $(measure python python3 bench/ingest_peer.py "$data" "$out/ingest-python.db")
p_s=$1 p_kb=$2
set -- $(measure zcat sh -c "gzip -dc '$data' >/dev/null")
z_s=$1

awk -v raw="$raw" -v ms="$m_s" -v mk="$m_kb" -v ps="$p_s" -v pk="$p_kb" -v zs="$z_s" 'BEGIN {
	printf "| ingest of SaudiNewsNet (%.1f MB of JSON Lines, gzip) | seconds | MB/s | peak RSS | × peer |\n", raw / 1e6
	print "|---|---:|---:|---:|---:|"
	printf "| gzip -dc alone (the ceiling of reading) | %.2f | %.1f | | |\n", zs, raw / 1e6 / zs
	printf "| Python json + sqlite3, no cleaning (peer) | %.2f | %.1f | %.0f MB | 1.00 |\n", ps, raw / 1e6 / ps, pk / 1024
	printf "| marsad ingest (decode, clean, metadata, duplicates, store) | %.2f | %.1f | %.0f MB | %.2f |\n", ms, raw / 1e6 / ms, mk / 1024, ps / ms
}'
