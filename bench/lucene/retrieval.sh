#!/usr/bin/env bash
# Usage: retrieval.sh PASSAGES.tsv QUESTIONS.tsv INDEX_DIR   (see Retrieval.java)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_if_stale
exec java -Xmx2g ${LUCENE_OPTS:-} -cp "$RUN_CP" Retrieval "$@"
