#!/bin/sh
# marsad ingest / clean / show / stats on inputs the test writes itself:
# every reader, gzip, encodings, bad input with file and line, idempotence.
. "$(dirname "$0")/lib.sh"

in="$T_TMP/in"
db="$T_TMP/m.db"
mkdir -p "$in/b" "$in/a"
printf 'افتتاح محطة التحلية\nافتتاح محطة التحلية\nالساحل - واس: افتتح الوزير اليوم المحطة الجديدة.\nنشر في 13-06-2018\nزر الذهاب إلى الأعلى\n' >"$in/a/page.txt"
printf '{"title":"خبر أول","content":"نص الخبر الأول.","date":"2015-07-29 10:23:11","source":"sahil"}\n{"title": broken}\n{"title":"خبر ثان","body":"نص الخبر الثاني.","source":"sahil"}\n' >"$in/b/news.jsonl"
printf '<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TIME>12 جانفي 2017</TIME>\n<TEXT>\nنص تونسي.\n</TEXT>\n</DOC>\n<DOC>\n<TEXT>نص بلا نهاية\n</DOC>\n' >"$in/b/corpus.trec"
printf '{"text":"مضغوط في gzip"}\n' | gzip -n >"$in/b/packed.bin"
: >"$in/b/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000' >"$in/b/image.png"
printf 'نص بترميز ويندوز 1256 عن الحكومة السورية.\n' | iconv -f UTF-8 -t WINDOWS-1256 >"$in/b/legacy.txt"
printf 'نص بترميز يو تي إف ١٦.\n' | iconv -f UTF-8 -t UTF-16 >"$in/b/wide.txt"

expect_status "ingest with some bad input exits 1" 1 "$MARSAD" ingest --db "$db" "$in"
cp "$T_TMP/out" "$T_TMP/summary"; cp "$T_TMP/err" "$T_TMP/errors"
expect_match "summary line" '^read 7 records from 8 files: 7 stored, 0 already present, 0 fragments, 0 duplicates, 4 rejected$' "$T_TMP/summary"
expect_match "bad JSON line named with file and line" "^marsad: $in/b/news.jsonl:2: not a JSON object" "$T_TMP/errors"
expect_match "unclosed TREC tag named with file and line" "^marsad: $in/b/corpus.trec:9: unclosed <TEXT> in <DOC>" "$T_TMP/errors"
expect_match "empty file rejected" "^marsad: $in/b/empty.txt: no text and no title in this record" "$T_TMP/errors"
expect_match "binary file rejected" "^marsad: $in/b/image.png: not text" "$T_TMP/errors"
expect_eq "no other message" "4" "$(wc -l <"$T_TMP/errors" | tr -d ' ')"

expect_status "re-ingest stores nothing new" 1 "$MARSAD" ingest --db "$db" "$in"
expect_match "re-ingest summary" '7 already present' "$T_TMP/out"

"$MARSAD" stats --db "$db" --json >"$T_TMP/stats"
expect_match "stats: documents" '"documents":7' "$T_TMP/stats"
expect_match "stats: by source" '"source":"sahil","documents":2' "$T_TMP/stats"
expect_status "stats as a table" 0 "$MARSAD" stats --db "$db"
expect_match "stats table" '^documents +7' "$T_TMP/out"

# folders are read in name order: a/page.txt is document 1
"$MARSAD" show --db "$db" --json 1 >"$T_TMP/show"
expect_match "show: title of a text file" '"title":"افتتاح محطة التحلية"' "$T_TMP/show"
expect_match "show: publication line read" '"published":"2018-06-13"' "$T_TMP/show"
expect_match "show: dateline and agency" '"agency":"واس","dateline":"الساحل"' "$T_TMP/show"
expect_match "show: the doubled headline is a repeat" '"reason":"repeat","text":"افتتاح محطة التحلية"' "$T_TMP/show"
expect_match "show: furniture removed with its reason" '"reason":"boilerplate","text":"زر الذهاب إلى الأعلى"' "$T_TMP/show"
expect_status "show as text" 0 "$MARSAD" show --db "$db" 1
expect_match "show lists removed spans" '^  \[boilerplate\] زر الذهاب إلى الأعلى$' "$T_TMP/out"
expect_status "show of a missing id exits 2" 2 "$MARSAD" show --db "$db" 999
expect_match "show of a missing id says so" 'no document 999' "$T_TMP/err"
expect_status "show of a bad id exits 2" 2 "$MARSAD" show --db "$db" abc

"$MARSAD" clean "$in/b/legacy.txt" >"$T_TMP/legacy"
expect_match "windows-1256 decoded" '"encoding":"windows-1256"' "$T_TMP/legacy"
expect_match "windows-1256 text" 'نص بترميز ويندوز 1256 عن الحكومة السورية.' "$T_TMP/legacy"
"$MARSAD" clean "$in/b/wide.txt" >"$T_TMP/wide"
expect_match "utf-16 decoded" 'نص بترميز يو تي إف ١٦.' "$T_TMP/wide"
"$MARSAD" clean "$in/b/packed.bin" >"$T_TMP/packed"
expect_match "gzip recognised by its bytes" '"text":"مضغوط في gzip"' "$T_TMP/packed"
"$MARSAD" clean "$in/b/news.jsonl" 2>/dev/null >"$T_TMP/news"
expect_match "json date field" '"published":"2015-07-29T10:23"' "$T_TMP/news"
expect_match "field name variants (body)" '"text":"نص الخبر الثاني."' "$T_TMP/news"
"$MARSAD" clean "$in/b/corpus.trec" 2>/dev/null >"$T_TMP/trec"
expect_match "trec title and Maghreb date" '"title":"عنوان","published":"2017-01-12"' "$T_TMP/trec"

# stdin, --field, --source
printf '{"story":"نص من stdin","headline":"x"}\n' |
	"$MARSAD" clean --field text=story --source test - >"$T_TMP/stdin"
expect_match "stdin with --field and --source" '"file":"-".*"source":"test".*"text":"نص من stdin"' "$T_TMP/stdin"
expect_status "--field without =" 2 "$MARSAD" clean --field text -
expect_status "--field with an unknown field" 2 "$MARSAD" clean --field body=x -
expect_status "--format unknown" 2 "$MARSAD" ingest --format xml "$in"
expect_status "ingest with no input" 2 "$MARSAD" ingest --db "$db"

# a truncated gzip: the records before the cut are stored, the cut reported
awk 'BEGIN { srand(7); for (i = 0; i < 3000; i++)
	printf "{\"text\":\"خبر رقم %d عن الطقس %d\"}\n", i, int(rand() * 1e9) }' |
	gzip -n >"$T_TMP/big.gz"
head -c $(($(wc -c <"$T_TMP/big.gz") / 2)) "$T_TMP/big.gz" >"$T_TMP/cut.gz"
expect_status "truncated gzip exits 1" 1 "$MARSAD" ingest --db "$T_TMP/cut.db" "$T_TMP/cut.gz"
expect_match "truncated gzip named" "^marsad: $T_TMP/cut.gz: damaged or truncated gzip data" "$T_TMP/err"
stored=$(sed -n 's/.*: \([0-9]*\) stored.*/\1/p' "$T_TMP/out")
if [ "${stored:-0}" -gt 100 ]; then ok "records before the cut are stored ($stored)"; else not_ok "records before the cut are stored" "$(cat "$T_TMP/out")"; fi

# an unreadable file and a missing one: named, the rest goes on
printf 'نص مقروء.\n' >"$in/ok.txt"
expect_status "missing file exits 1" 1 "$MARSAD" ingest --db "$T_TMP/x.db" "$T_TMP/nope.txt" "$in/ok.txt"
expect_match "missing file named" "^marsad: $T_TMP/nope.txt: cannot open: No such file" "$T_TMP/err"
expect_match "the rest stored" ': 1 stored' "$T_TMP/out"
ln -s loop "$T_TMP/loop"
expect_status "symlink loop exits 1" 1 "$MARSAD" ingest --db "$T_TMP/y.db" "$T_TMP/loop" "$in/ok.txt"
expect_match "symlink loop named" "^marsad: $T_TMP/loop: symbolic link loop" "$T_TMP/err"
expect_status "nothing readable exits 2" 2 "$MARSAD" ingest --db "$T_TMP/z.db" "$T_TMP/loop"
expect_status "database in a missing folder exits 2" 2 "$MARSAD" ingest --db "$T_TMP/no/such/dir.db" "$in/ok.txt"
expect_match "database error named" "no/such/dir.db" "$T_TMP/err"

# an empty file alone: nothing could be read
: >"$T_TMP/empty.txt"
expect_status "only an empty file exits 2" 2 "$MARSAD" ingest --db "$T_TMP/e.db" "$T_TMP/empty.txt"
# a UTF-8 BOM before JSON, with the format given or guessed, read in any chunks
printf '\357\273\277{"text":"نص بعد علامة الترتيب"}\n' >"$T_TMP/bom.jsonl"
expect_status "BOM before JSON Lines, --format jsonl" 0 "$MARSAD" clean --format jsonl "$T_TMP/bom.jsonl"
expect_match "BOM before JSON Lines read" '"text":"نص بعد علامة الترتيب"' "$T_TMP/out"
cat "$T_TMP/bom.jsonl" | expect_status "BOM before JSON Lines on stdin" 0 "$MARSAD" clean -
expect_match "BOM before JSON Lines on stdin read" '"text":"نص بعد علامة الترتيب"' "$T_TMP/out"
# a null under one common name does not hide the next
printf '{"text":null,"content":"النص هنا"}\n' >"$T_TMP/null.jsonl"
expect_status "a null text field" 0 "$MARSAD" clean "$T_TMP/null.jsonl"
expect_match "the next name is used" '"text":"النص هنا"' "$T_TMP/out"

# killed in the middle: the database opens, and a re-run stores exactly what
# is missing (batches are transactions)
awk 'BEGIN { srand(3); for (i = 0; i < 40000; i++)
	printf "{\"title\":\"خبر %d\",\"text\":\"نص الخبر رقم %d عن الطقس %d.\"}\n", i, i, int(rand() * 1e9) }' \
	>"$T_TMP/many.jsonl"
"$MARSAD" ingest --db "$T_TMP/kill.db" "$T_TMP/many.jsonl" >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
expect_status "a killed ingest leaves a database that opens" 0 "$MARSAD" stats --db "$T_TMP/kill.db" --json
before=$(sed -n 's/.*"documents":\([0-9]*\).*/\1/p' "$T_TMP/out")
expect_status "the re-run after a kill" 0 "$MARSAD" ingest --db "$T_TMP/kill.db" "$T_TMP/many.jsonl"
expect_eq "the re-run stores exactly what is missing" \
	"read 40000 records from 1 files: $((40000 - before)) stored, $before already present, 0 fragments, 0 duplicates, 0 rejected" \
	"$(cat "$T_TMP/out")"
"$MARSAD" stats --db "$T_TMP/kill.db" --json >"$T_TMP/out"
expect_match "every record stored once" '"documents":40000,' "$T_TMP/out"

finish
