#!/bin/sh
# Runs each fuzz target for FUZZ_SECONDS on its seeds (fuzz/seeds.sh) and the
# corpus it grew before, then prints per target the executions and whether it
# found anything, and the totals.
#   B=build FUZZ_SECONDS=60 fuzz/run.sh TARGET...
# A finding's input is kept as build/fuzz/artifacts/TARGET/crash-... (or
# leak-, timeout-, oom-); its report is in build/fuzz/logs/TARGET.log.
cd "$(dirname "$0")/.." || exit 2
B=${B:-build}
secs=${FUZZ_SECONDS:-60}
sh fuzz/seeds.sh "$B/fuzz/seeds" || exit 2
mkdir -p "$B/fuzz/logs"
total=0 found=0
for t in "$@"; do
	log="$B/fuzz/logs/$t.log"
	corpus="$B/fuzz/corpus/$t"
	art="$B/fuzz/artifacts/$t"
	mkdir -p "$corpus" "$art"
	# new inputs go to the first directory; the seeds are only read
	"$B/fuzz/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" \
		"$corpus" "$B/fuzz/seeds/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	execs=${execs:-0}
	total=$((total + execs))
	if [ $rc -eq 0 ]; then
		echo "$t: $execs executions, nothing found"
	else
		found=$((found + 1))
		what=$(grep -m 1 -E "^==[0-9]+==ERROR|runtime error|^SUMMARY" "$log" | sed 's/^==[0-9]*==//')
		echo "$t: $execs executions, FOUND: ${what:-exit $rc} (see $log, $art/)"
	fi
done
echo "fuzz: $total executions in $# targets, $found with findings"
[ $found -eq 0 ]
