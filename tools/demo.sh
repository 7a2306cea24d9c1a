#!/bin/sh
# make demo: the text core on the project's own sample — each line as written
# and in its search form, then the tokens of one line with stems and offsets.
set -eu
cd "$(dirname "$0")/.."
sample=samples/demo.txt

echo "== Each line of $sample as written, and the form search and duplicate detection see"
echo
./marsad normalize --for display <"$sample" >build/demo-display.txt
./marsad normalize --for search <"$sample" >build/demo-search.txt
n=0
while IFS= read -r shown && IFS= read -r folded <&3; do
	n=$((n + 1))
	printf '%2d  written: %s\n    search:  %s\n\n' "$n" "$shown" "$folded"
done <build/demo-display.txt 3<build/demo-search.txt

echo "== Tokens of line 3 (token, stem, byte offsets in the input, stop word)"
echo
sed -n 3p "$sample" | ./marsad tokens
echo
echo "Lines 3 and 6 are the same sentence typed differently; their search forms are equal:"
a=$(sed -n 3p build/demo-search.txt); b=$(sed -n 6p build/demo-search.txt)
if [ "$a" = "$b" ]; then echo "  yes"; else echo "  no"; fi
