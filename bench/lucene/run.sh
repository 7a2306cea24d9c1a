#!/usr/bin/env bash
# Usage: run.sh INPUT [--passes N] [--dump-tokens N]   (see AnalyzeBench.java)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_if_stale
exec java -Xmx2g -cp "$RUN_CP" AnalyzeBench "$@"
