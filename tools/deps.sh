#!/bin/sh
# Installs the Debian packages a make target needs, when they are missing.
#   tools/deps.sh build|test|bench|fuzz|valgrind
# Uses apt-get as root, sudo otherwise; says what to install by hand when
# neither is possible.
set -eu

# libmicrohttpd: the HTTP server of `marsad serve`
build="make gcc pkg-config libutf8proc-dev libxxhash-dev libjansson-dev libsqlite3-dev zlib1g-dev libmicrohttpd-dev"
# curl and jq: the API tests; chromium, npm (for playwright-core) and an
# Arabic font: the browser test
test="$build libcmocka-dev python3 curl jq chromium fonts-dejavu-core npm"
# wrk: the load benchmark of the server
bench="$test libstemmer-dev liblucene8-java default-jdk-headless python3 python3-numpy wrk"
# clang with compiler-rt (libclang-rt-dev): libFuzzer and the sanitizers of
# `make fuzz`
fuzz="$build clang libclang-rt-dev"
# valgrind: `make check-valgrind`
valgrind="$test valgrind"

case "${1:-build}" in
	build) wanted=$build ;;
	test) wanted=$test ;;
	bench) wanted=$bench ;;
	fuzz) wanted=$fuzz ;;
	valgrind) wanted=$valgrind ;;
	*) echo "usage: tools/deps.sh build|test|bench|fuzz|valgrind" >&2; exit 2 ;;
esac

missing=""
for pkg in $wanted; do
	# npm also comes with Node.js packaged elsewhere (which conflicts with
	# Debian's npm): any npm on the PATH will do
	if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then
		continue
	fi
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $pkg"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	run="sudo"
else
	echo "marsad: missing Debian packages:$missing" >&2
	echo "marsad: install them as root: apt-get install$missing" >&2
	exit 1
fi

echo "marsad: installing$missing" >&2
# A fresh machine has no package lists yet; refresh them once per run.
$run apt-get update -qq >&2
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing >&2
