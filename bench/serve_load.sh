#!/bin/sh
# Load on `marsad serve`: wrk against /api/search over the SaudiNewsNet
# archive (31,030 articles), 50 connections for 30 s, the queries of
# bench/serve_load.lua in turn.  Each run follows a 5 s warm-up that is
# not counted (it opens each worker's connection and reads the index's
# word counts): the server as it is started by default (answers kept
# until the archive changes); with --cache 0, where every request runs
# its search; and --cache 0 with one connection, the cost of a search
# with nothing queued before it.  Prints requests/s, latency percentiles,
# errors and the machine's load (other work on it shows there), for
# bench/RESULTS.md.
#
#   sh bench/serve_load.sh [SECONDS]      (default 30)
set -eu
cd "$(dirname "$0")/.."
data=../shared/data/saudinewsnet/saudinewsnet.jsonl.gz
db=bench/out/serve.db
secs=${1:-30}

if [ ! -r "$data" ]; then
	echo "skipped: no ../shared/data"
	exit 0
fi
command -v wrk >/dev/null 2>&1 || sh tools/deps.sh bench
[ -x ./marsad ] || make -s marsad >&2
mkdir -p bench/out
if [ ! -f "$db" ]; then
	echo "building $db from $data ..." >&2
	./marsad ingest --db "$db" "$data" >&2
fi

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

# run NAME CONNECTIONS LABEL SERVE-OPTIONS...: one warm-up and one
# measured wrk run; wrk's report in bench/out/serve-load-NAME.txt
run() {
	name=$1 conns=$2 label=$3
	shift 3
	./marsad serve --db "$db" --listen 127.0.0.1:0 "$@" >bench/out/serve-load.out 2>bench/out/serve-load.err &
	pid=$!
	url=""
	for _ in $(seq 1 100); do
		url=$(grep -o 'http://[^ ]*' bench/out/serve-load.out 2>/dev/null) && break
		sleep 0.1
	done
	[ -n "$url" ] || { cat bench/out/serve-load.err >&2; exit 1; }
	wrk -t1 -c"$conns" -d5s -s bench/serve_load.lua "$url" >/dev/null
	load_before=$(cut -d' ' -f1 /proc/loadavg)
	t=2
	[ "$conns" -lt 2 ] && t=1
	wrk -t"$t" -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/serve_load.lua "$url" \
		>"bench/out/serve-load-$name.txt"
	load_after=$(cut -d' ' -f1 /proc/loadavg)
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
	rps=$(sed -n 's/^Requests\/sec: *//p' "bench/out/serve-load-$name.txt")
	line=$(grep '^p50_ms=' "bench/out/serve-load-$name.txt")
	p50=$(echo "$line" | sed 's/.*p50_ms=\([^ ]*\).*/\1/')
	p99=$(echo "$line" | sed 's/.*p99_ms=\([^ ]*\).*/\1/')
	max=$(echo "$line" | sed 's/.*max_ms=\([^ ]*\).*/\1/')
	n=$(echo "$line" | sed 's/.*requests=\([^ ]*\).*/\1/')
	errors=$(echo "$line" | sed 's/.*errors=\([0-9]*\) socket_errors=\([0-9]*\).*/\1 + \2/')
	echo "| $label | $conns | $rps | $p50 | $p99 | $max | $n | $(($errors)) | $load_before → $load_after |"
}

echo "## Serving: /api/search under load"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d);" \
	"wrk (2 threads) for ${secs} s on the same machine, $(./marsad stats --db "$db" --json | sed 's/.*"documents":\([0-9]*\),.*/\1/') documents"
echo
echo "| server | connections | requests/s | p50 ms | p99 ms | max ms | requests | errors | load (1 min) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
run cached 50 "default (answers kept)"
run uncached 50 "--cache 0 (every search run)" --cache 0
run alone 1 "--cache 0 (every search run)" --cache 0
echo
echo "The 50 queries of bench/serve_load.lua in turn, some filtered, sorted by date or paged;"
echo "errors are answers other than 2xx and failed or timed-out connections."
