#!/bin/sh
# Writes the seed inputs of the fuzz targets under DIR/TARGET/ (default
# build/fuzz/seeds; TARGET as in fuzz/TARGET.c): the sample corpus in
# samples/ and a few hand-written cases.  The reader and query targets take a leading byte that picks the
# format, the chunk size or the query mode (see fuzz/*.c); the seeds have it.
#   fuzz/seeds.sh [DIR]
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/fuzz/seeds}
# inputs are capped like -max_len in fuzz/run.sh
cap() { head -c 65536; }
# put TARGET: stdin becomes one seed, named by its checksum (put often runs
# in a pipeline's subshell, where a counter would not last)
put() {
	mkdir -p "$out/fuzz_$1"
	cap >"$out/fuzz_$1/.new"
	mv "$out/fuzz_$1/.new" "$out/fuzz_$1/seed-$(cksum <"$out/fuzz_$1/.new" | cut -d' ' -f1)"
}
texts=$(find samples -name '*.txt' | sort)

for f in $texts; do
	for t in utf8 decode clean minhash; do put $t <"$f"; done
	put gzip <"$f"
	gzip -c <"$f" | put gzip
	head -n 3 "$f" | put date
done
for s in 'ab\300\257cd' '\355\240\200' '\364\220\200\200' '\342\202A' 'x\357\273\277y\342\200\214z' \
	'\331\204\331\216\330\247' '\357\273\277\330\247\331\204' '\377\376\047\006\004\006'; do
	printf "$s" | put utf8
	printf "$s" | put decode
done
printf 'hello\000world' | put decode
printf '\376\377\000A\006\047' | put decode

# json: format byte (0 json, 1 jsonl, 2 auto), then the chunk byte
for f in samples/madar/*.jsonl samples/sunbula/*.json; do
	for p in '\000\000' '\001\000' '\002\007'; do
		{ printf "$p"; cat "$f"; } | put json
	done
done
for s in '[{"text":"a","title":1},{"x":"\\u0627\\ud83d\\ude00"}]' '{"content":"b"}\n\n{bad\n{"body":null}' \
	'[1,"s",{"article":["x"]}' '{"x":"\\ud800"}'; do
	printf "\\002\\000$s" | put json
done

# trec: the chunk byte
for p in '\000' '\005'; do
	{ printf "$p"; cat samples/wad/*.sgml; } | put trec
done
printf '\000<DOC><DOCNO>1</DOCNO><TEXT>a</TEXT></DOC><DOC><TITLE>t' | put trec
printf '\003<DOC>\n<TEXT><TEXT></DOC></DOC><DOC></DOC>' | put trec

put gzip <samples/waha/archive-2019.jsonl.gz
gzip -c samples/wad/*.sgml | put gzip
{ cat samples/waha/archive-2019.jsonl.gz; gzip -c samples/madar/*.jsonl; } | head -c 30000 | put gzip

for s in '13/06/2018' 'نشر في 13-06-2018 | 00:04' '١٣-٠٦-٢٠١٨ الساعة ٠٠:٠٤' \
	'الخميس 15 رمضان 1440هـ الموافق 20 مايو 2019م' '12 كانون الثاني 2017' \
	'6 جوان 2018' '2019/02/29' '31 أبريل 2018' '1 محرم 1440 هـ' 'Jan 12, 2017'; do
	printf '%s' "$s" | put date
done

# query: mode byte (bits 0-1: all, any, plain; bit 2: ranked)
for s in 'معبر السنابل' '"معبر السنابل" OR تحلية -البنزين' 'title:سيول*' \
	'title:"كأس الاتحاد"' '-"" OR OR' 'a* * title: "unclosed' 'في من على'; do
	for m in '\000' '\001' '\002' '\005'; do
		{ printf "$m"; printf '%s' "$s"; } | put query
	done
done
