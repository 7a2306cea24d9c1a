# A small harness for command-line tests: source it, call check/... , then
# finish.  Each check prints "ok - NAME" or "not ok - NAME" with details.
# MARSAD_BIN: another build of the command (tests/run.sh passes the one
# built with AddressSanitizer + UBSan, and sets MARSAD_SANITIZED).
MARSAD="${MARSAD_BIN:-${MARSAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/marsad}"
T_PASSED=0 T_FAILED=0 T_SKIPPED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT

ok() { T_PASSED=$((T_PASSED + 1)); echo "ok - $1"; }
not_ok() { T_FAILED=$((T_FAILED + 1)); echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }
skip() { T_SKIPPED=$((T_SKIPPED + 1)); echo "skipped: $1"; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# expect_status NAME EXPECTED-STATUS COMMAND...: runs COMMAND, output in $T_TMP/out, $T_TMP/err
expect_status() {
	name=$1 want=$2
	shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name" "status $got, wanted $want" "stderr: $(head -c 400 "$T_TMP/err")"
	fi
}

# expect_match NAME PATTERN FILE: FILE has a line matching the grep -E PATTERN
expect_match() {
	if grep -Eq -- "$2" "$3"; then ok "$1"; else not_ok "$1" "no line matches /$2/ in:" "$(head -c 400 "$3")"; fi
}

# start_server DB ARGS...: starts marsad serve on a free loopback port in
# the background; sets $pid and $url (without its final "/"; empty when the
# server did not say where it listens within 10 s)
start_server() {
	server_db=$1
	shift
	"$MARSAD" serve --db "$server_db" --listen 127.0.0.1:0 "$@" >"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
	pid=$!
	url=""
	for _ in $(seq 1 100); do
		url=$(grep -o 'http://[^ ]*' "$T_TMP/serve.out" 2>/dev/null)
		url=${url%/}
		[ -n "$url" ] && break
		sleep 0.1
	done
}

finish() {
	echo "RESULT $T_PASSED $T_FAILED $T_SKIPPED"
	[ "$T_FAILED" = 0 ]
}
