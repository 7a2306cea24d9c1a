#!/bin/sh
# The one entry point for a fresh Debian machine: makes sure make and a C
# compiler are there, then runs make with the given targets
# (./make.sh demo, ./make.sh test, ./make.sh bench).
set -eu
cd "$(dirname "$0")"
if ! command -v make >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1 ||
   ! command -v pkg-config >/dev/null 2>&1; then
	sh tools/deps.sh build
fi
exec make "$@"
