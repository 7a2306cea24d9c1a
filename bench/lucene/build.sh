#!/usr/bin/env bash
# Compile every driver here (AnalyzeBench, StemWords, Retrieval) into build/ against the Debian Lucene 8.7 jars.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build
