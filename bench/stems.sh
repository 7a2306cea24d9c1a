#!/bin/sh
# The stemmer comparison table of bench/RESULTS.md: Marsad's light stemmer,
# Snowball's Arabic stemmer and Lucene's ArabicAnalyzer on bench/stem-pairs.txt.
set -eu
cd "$(dirname "$0")/.."
words=$(mktemp)
trap 'rm -f "$words" "$words".*' EXIT
sed 's/#.*//; s/^[a-z]*://' bench/stem-pairs.txt | tr ' ' '\n' | sed '/^$/d' | sort -u >"$words"
build/bench/stem_compare <"$words" >"$words.ours"
bench/lucene/stem.sh <"$words" | cut -f2 >"$words.lucene"
paste "$words.ours" "$words.lucene" | python3 bench/stem_table.py bench/stem-pairs.txt
