#!/usr/bin/env bash
# Usage: stem.sh < words.txt   ->  word TAB analyzed   (see StemWords.java)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_if_stale
exec java -Xmx2g -cp "$RUN_CP" StemWords "$@"
