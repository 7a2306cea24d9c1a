#!/bin/sh
# Runs every test suite and ends with one line: "N passed, N failed, N skipped".
#   unit       cmocka unit tests (build/tests/test_*)
#   unit-asan  the same tests built with AddressSanitizer + UBSan
#   cli        the marsad command, end to end (tests/cli/*.sh)
#   cli-asan   the same with marsad built with AddressSanitizer + UBSan
#              (leaks reported at exit count as failures)
# Suites that need ../shared/data say "skipped: no ../shared/data" when it is
# absent and run when it is there.
cd "$(dirname "$0")/.." || exit 2
export MARSAD_ROOT="$PWD"
B=${B:-build}
out=$B/test-output
mkdir -p "$out"
passed=0 failed=0 skipped=0

# cmocka prints "[  PASSED  ] N test(s)." and, when needed, FAILED/SKIPPED lines.
count() { sed -n "s/^\[  *$1  *\] \([0-9][0-9]*\) test.*/\1/p" "$2" | tail -n 1; }

run_cmocka() {   # suite-name binary
	log="$out/$1-$(basename "$2").log"
	"$2" >"$log" 2>&1
	rc=$?
	p=$(count PASSED "$log"); f=$(count FAILED "$log"); s=$(count SKIPPED "$log")
	p=${p:-0} f=${f:-0} s=${s:-0}
	if [ $rc -ne 0 ] && [ "$f" = 0 ]; then
		# a crash or a sanitizer report ends the binary before its summary
		f=1
	fi
	grep -h "skipped: " "$log" | sort -u | sed "s/^/  /"
	if [ "$f" != 0 ]; then
		echo "FAIL $1 $(basename "$2") (see $log)"
		grep -E "^\[  (FAILED|ERROR) |ERROR:|runtime error|Sanitizer|\[  FAILED  \] " "$log" | head -20 | sed "s/^/  /"
	fi
	echo "$1 $(basename "$2"): $p passed, $f failed, $s skipped"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

for t in "$B"/tests/test_*; do
	[ -x "$t" ] && run_cmocka unit "$t"
done
for t in "$B"/asan/tests/test_*; do
	[ -x "$t" ] && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_cmocka unit-asan "$t"
done

# Command-line suites print "RESULT passed failed skipped" as their last line.
run_cli() {   # suite-name script
	log="$out/$1-$(basename "$2" .sh).log"
	sh "$2" >"$log" 2>&1
	rc=$?
	set -- "$1" "$2" $(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\) \([0-9]*\)$/\1 \2 \3/p' "$log" | tail -n 1)
	p=${3:-0} f=${4:-0} s=${5:-0}
	[ $rc -ne 0 ] && [ "$f" = 0 ] && f=1
	grep -h "^not ok\|skipped: \|runtime error\|Sanitizer" "$log" | sed "s/^/  /"
	echo "$1 $(basename "$2"): $p passed, $f failed, $s skipped"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}
for t in tests/cli/test_*.sh; do
	run_cli cli "$t"
done
if [ -x "$B/asan/marsad" ]; then
	for t in tests/cli/test_*.sh; do
		MARSAD_BIN="$PWD/$B/asan/marsad" MARSAD_SANITIZED=1 \
			ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			run_cli cli-asan "$t"
	done
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
