#!/bin/sh
# make check-valgrind: every unit test of the plain build under valgrind's
# memcheck — invalid reads and writes, uninitialized values and leaks that
# the sanitizers' build, with its own allocator, could report differently.
# Ends with "N passed, N failed" (a test passes when memcheck finds nothing
# and the test itself passes).
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
mkdir -p "$B/valgrind"
passed=0 failed=0
for t in "$B"/tests/test_*; do
	name=$(basename "$t")
	if MARSAD_ROOT=. valgrind --quiet --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --track-origins=yes \
		"$t" >"$B/valgrind/$name.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name (see $B/valgrind/$name.log)"
		grep -m5 -E '==[0-9]+== (Invalid|Conditional|Use of|[0-9,]+ bytes in)' "$B/valgrind/$name.log" |
			sed 's/^/    /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
