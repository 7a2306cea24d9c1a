#!/bin/sh
# Bad input (issue 7): every case is made here, at run time, in a folder of
# its own beside one good file, and ingested as one batch.  For each: the
# message names the file (and the line or byte where there is one), the good
# file is stored, the status is 1, and the peak memory stays under 200 MB.
. "$(dirname "$0")/lib.sh"

DBDIR=$T_TMP
MAX_KB=204800   # 200 MB, for the 50 MB line and the gzip bomb too
GOOD='خبر سليم عن موسم حصاد التمور في الأحساء.'
# an article long enough for its encoding to be recognised by its bytes
ARTICLE='أعلنت وزارة المياه اليوم افتتاح محطة التحلية الجديدة على الساحل الشرقي، وقال الوزير إن المحطة ستنتج مئة ألف متر مكعب يوميا وتخدم سكان المدن المجاورة، وأضاف أن العمل بدأ قبل ثلاث سنوات بتكلفة بلغت مليار ريال.'

# new_case NAME: a folder $T_TMP/NAME holding good.txt
new_case() {
	mkdir -p "$T_TMP/$1"
	printf '%s\n' "$GOOD" >"$T_TMP/$1/good.txt"
}

# ingest_case NAME [RUNNER...]: ingests the folder NAME into $DBDIR/NAME.db, with
# status in $st, stdout in $T_TMP/out, stderr in $T_TMP/err, peak kB in $kb
ingest_case() {
	c=$1
	shift
	"$@" /usr/bin/time -f %M -o "$DBDIR/$c.mem" \
		"$MARSAD" ingest --db "$DBDIR/$c.db" "$T_TMP/$c" >"$T_TMP/out" 2>"$T_TMP/err"
	st=$?
	kb=$(tail -n 1 "$DBDIR/$c.mem")
	# /usr/bin/time adds "Command exited with non-zero status" to its file
	grep -v '^Command exited' "$T_TMP/err" >"$T_TMP/err.tmp"
	mv "$T_TMP/err.tmp" "$T_TMP/err"
	echo "# $c: status $st, ${kb} kB: $(head -n 3 "$T_TMP/err" | tr '\n' '|')"
}

# the common assertions: status 1, the good file stored, memory bounded
check_case() {
	c=$1
	expect_eq "$c: exit status 1" 1 "$st"
	found=no
	for i in $("$MARSAD" search --db "$DBDIR/$c.db" --json حصاد التمور |
		sed -n 's/^{"id":\([0-9]*\),.*/\1/p'); do
		if "$MARSAD" show --db "$DBDIR/$c.db" --json "$i" | grep -q "\"file\":\"$T_TMP/$c/good.txt\""; then
			found=yes
		fi
	done
	expect_eq "$c: the good file is stored" yes "$found"
	if [ -n "${MARSAD_SANITIZED:-}" ]; then
		# the sanitizers' shadow memory and quarantine say nothing of ours
		skip "$c: peak memory (not measured under the sanitizers)"
	elif [ "${kb:-999999999}" -lt "$MAX_KB" ]; then ok "$c: peak memory ${kb} kB"; else
		not_ok "$c: peak memory under $MAX_KB kB" "peak ${kb:-?} kB"
	fi
}

# stderr has a line matching PATTERN (after "marsad: " and the case folder)
said() { expect_match "$1: $2" "^marsad: $T_TMP/$1/$3" "$T_TMP/err"; }

new_case empty
: >"$T_TMP/empty/bad.txt"
ingest_case empty
check_case empty
said empty "empty file named" 'bad.txt: no text and no title in this record'

new_case blank
printf '  \n\t\n \r\n\n' >"$T_TMP/blank/bad.txt"
ingest_case blank
check_case blank
said blank "white space only named" 'bad.txt: no text and no title in this record'

new_case binary
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$T_TMP/binary/bad.png"
head -c 4096 /dev/urandom >>"$T_TMP/binary/bad.png"
ingest_case binary
check_case binary
said binary "binary named with the byte" 'bad.png: not text \(binary data.*, at byte [0-9]+ of the text\)'

new_case nul
printf 'نص فيه\000بايت صفري.\n' >"$T_TMP/nul/bad.txt"
ingest_case nul
check_case nul
said nul "NUL byte named with its offset" 'bad.txt: not text \(binary data, not text \(NUL byte\), at byte 11 of the text\)'

# Each class of invalid UTF-8 (utf8.h), inside an article: stored as U+FFFD,
# counted, the first one's offset given: the byte after ARTICLE and a space.
at=$(printf '%s ' "$ARTICLE" | wc -c | tr -d ' ')
utf8_case() {   # NAME BYTES COUNT
	new_case "$1"
	printf '%s %b %s\n' "$ARTICLE" "$2" "$ARTICLE" >"$T_TMP/$1/bad.txt"
	ingest_case "$1"
	check_case "$1"
	said "$1" "invalid UTF-8 counted, offset given" \
		"bad.txt: $3 undecodable byte sequences? \\(the first at byte $at of the text\\) stored as U\\+FFFD"
}
utf8_case utf8-stray '\0200' 1
utf8_case utf8-badcont '\0342\0202A' 1
utf8_case utf8-overlong '\0300\0257' 2
utf8_case utf8-surrogate '\0355\0240\0200' 3
utf8_case utf8-too-big '\0364\0220\0200\0200' 4
new_case utf8-cut
printf '%s \342\202' "$ARTICLE" >"$T_TMP/utf8-cut/bad.txt"
ingest_case utf8-cut
check_case utf8-cut
said utf8-cut "a sequence cut by the end named" \
	"bad.txt: 1 undecodable byte sequence \\(the first at byte $at of the text\\)"
new_case utf8-json
printf '{"text":"نص سليم"}\n{"text":"نص \300\257 في جيسون"}\n' >"$T_TMP/utf8-json/bad.jsonl"
ingest_case utf8-json
check_case utf8-json
said utf8-json "invalid UTF-8 in JSON named with its line" 'bad.jsonl:2: not a JSON object: unable to decode byte 0xc0'

# Mixed encodings in one folder: each file read in its own, and a UTF-8
# article with a word of Windows-1256 in it reported where it is.
new_case mixed
m="$T_TMP/mixed"
printf '%s\n' "$ARTICLE" | iconv -f UTF-8 -t WINDOWS-1256 >"$m/a-cp1256.txt"
printf '%s\n' "$ARTICLE" | iconv -f UTF-8 -t ISO-8859-6 >"$m/b-iso.txt"
printf '\377\376' >"$m/c-le.txt"
printf '%s\n' "$ARTICLE" | iconv -f UTF-8 -t UTF-16LE >>"$m/c-le.txt"
printf '\376\377' >"$m/d-be.txt"
printf '%s\n' "$ARTICLE" | iconv -f UTF-8 -t UTF-16BE >>"$m/d-be.txt"
printf '\357\273\277%s\n' "$ARTICLE" >"$m/e-bom.txt"
{ printf '%s ' "$ARTICLE"; printf 'كلمة\n' | iconv -f UTF-8 -t WINDOWS-1256; } >"$m/f-both.txt"
ingest_case mixed
check_case mixed
said mixed "the mixed file named with its offset" "f-both.txt: [0-9]+ undecodable byte sequences? \\(the first at byte $at of the text\\)"
encs=""
for i in 1 2 3 4 5 6; do
	encs="$encs $("$MARSAD" show --db "$T_TMP/mixed.db" --json $i | sed -n 's/.*"encoding":"\([^"]*\)".*/\1/p')"
done
expect_eq "mixed: each file in its encoding" \
	" windows-1256 iso-8859-6 utf-16le utf-16be utf-8-bom utf-8" "$encs"
"$MARSAD" show --db "$T_TMP/mixed.db" --json 2 >"$T_TMP/show"
expect_match "mixed: ISO-8859-6 decoded" "$ARTICLE" "$T_TMP/show"

# gzip: a stream cut in the middle, and a bomb of about 1,000 to 1 (1 KiB of
# compressed blanks per MiB, 1,024 members: 1 GiB)
new_case gzip-cut
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "{\"text\":\"خبر رقم %d عن الطقس %d\"}\n", i, i * 7919 % 100003 }' |
	gzip -n >"$T_TMP/whole.gz"
head -c $(($(wc -c <"$T_TMP/whole.gz") / 2)) "$T_TMP/whole.gz" >"$T_TMP/gzip-cut/bad.jsonl.gz"
ingest_case gzip-cut
check_case gzip-cut
said gzip-cut "truncated gzip named" 'bad.jsonl.gz: damaged or truncated gzip data: unexpected end of file'
said gzip-cut "the record cut named with its line" 'bad.jsonl.gz:[0-9]+: not a JSON object'
stored=$(sed -n 's/.*: \([0-9]*\) stored.*/\1/p' "$T_TMP/out")
if [ "${stored:-0}" -gt 100 ]; then ok "gzip-cut: records before the cut stored ($stored)"; else
	not_ok "gzip-cut: records before the cut stored" "$(cat "$T_TMP/out")"; fi

new_case gzip-bomb
head -c 1048576 /dev/zero | tr '\0' ' ' | gzip -9n >"$T_TMP/bomb"
for i in 1 2 3 4 5 6 7 8 9 10; do
	cat "$T_TMP/bomb" "$T_TMP/bomb" >"$T_TMP/bomb2" && mv "$T_TMP/bomb2" "$T_TMP/bomb"
done
mv "$T_TMP/bomb" "$T_TMP/gzip-bomb/bad.gz"
ingest_case gzip-bomb
check_case gzip-bomb
said gzip-bomb "gzip bomb stopped at the expansion limit" \
	'bad.gz: gzip data expanding over 100 times its size \([0-9]+ bytes from [0-9]+\): rest of the file skipped'

# a single line of 50 MB: as a plain-text article and as a JSON Lines record
new_case long-line
yes 'كلمة عربية ' | tr -d '\n' | head -c 50000000 >"$T_TMP/long-line/bad.txt"
{
	printf '{"title":"سطر طويل","text":"'
	cat "$T_TMP/long-line/bad.txt"
	printf '"}\n{"text":"سطر قصير بعده"}\n'
} >"$T_TMP/long-line/bad.jsonl"
ingest_case long-line
check_case long-line
said long-line "50 MB text named with the limit" 'bad.txt: text of 50000000 bytes, over the 8 MiB an article may have'
said long-line "50 MB JSON line named with its line" 'bad.jsonl:1: text of 50000000 bytes, over the 8 MiB'
expect_match "long-line: the next JSON line stored" ': 2 stored' "$T_TMP/out"

# JSON nested 100,000 deep, as an array file and as a JSON line
new_case deep
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' \
	>"$T_TMP/deep/bad.json"
awk 'BEGIN { printf "{\"text\":\"x\",\"a\":"; for (i = 0; i < 100000; i++) printf "{\"a\":";
	printf "1"; for (i = 0; i <= 100000; i++) printf "}"; print "" }' >"$T_TMP/deep/bad.jsonl"
ingest_case deep
check_case deep
said deep "deep JSON array named" 'bad.json:1: not valid JSON: maximum parsing depth reached'
said deep "deep JSON line named" 'bad.jsonl:1: not a JSON object: maximum parsing depth reached'

# JSON with the wrong types
new_case types
printf '{"text":["نص"],"title":{"a":1}}\n{"text":true,"title":null}\n[1,2]\n"نص"\n{"text":"نص صحيح في السطر الخامس"}\n' \
	>"$T_TMP/types/bad.jsonl"
printf '[{"text":"نص أول"}, 7, null, {"text":{"x":1}}]' >"$T_TMP/types/bad.json"
ingest_case types
check_case types
said types "an array text named with its line" 'bad.jsonl:1: no text and no title in this record'
said types "a boolean text named with its line" 'bad.jsonl:2: no text and no title in this record'
said types "an array line named" 'bad.jsonl:3: a JSON line must be an object'
said types "a string line named" 'bad.jsonl:4: not a JSON object'
said types "a number in an array named" 'bad.json: record 2: JSON array item 2 is not an object'
said types "a null in an array named" 'bad.json: record 3: JSON array item 3 is not an object'
said types "an object text in an array named" 'bad.json: record 4: no text and no title'
expect_match "types: the good records stored" ': 3 stored' "$T_TMP/out"

# TREC with tags left open
new_case trec
printf '<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان بلا نهاية\n<TEXT>نص</TEXT>\n</DOC>\n<DOC>\n<TEXT>نص بلا نهاية\n</DOC>\n<DOC>\n<DOCNO>3</DOCNO>\n<TEXT>نص ثالث سليم</TEXT>\n</DOC>\n<DOC>\n<TEXT>نص رابع\n<DOC>\n<TEXT>نص خامس سليم</TEXT>\n</DOC>\n<DOC>\n<TEXT>وثيقة بلا نهاية\n' \
	>"$T_TMP/trec/bad.trec"
ingest_case trec
check_case trec
said trec "unclosed TITLE named with its line" 'bad.trec:1: unclosed <TITLE> in <DOC>'
said trec "unclosed TEXT named with its line" 'bad.trec:6: unclosed <TEXT> in <DOC>'
said trec "DOC left open before the next named" 'bad.trec:13: <DOC> not closed before the next <DOC>'
said trec "DOC left open at the end named" 'bad.trec:18: <DOC> not closed at the end of the input'
expect_match "trec: the closed documents stored" ': 3 stored' "$T_TMP/out"

# A file that cannot be read.  chmod 000 does not stop root, so as root the
# ingest runs as nobody (setpriv) over folders it may enter.
new_case unreadable
printf 'نص لا يقرأ.\n' >"$T_TMP/unreadable/bad.txt"
chmod 000 "$T_TMP/unreadable/bad.txt"
if [ "$(id -u)" != 0 ]; then
	ingest_case unreadable
elif command -v setpriv >/dev/null 2>&1 &&
	chmod 755 "$T_TMP" && chmod 777 "$T_TMP/unreadable" &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$T_TMP/unreadable/good.txt" 2>/dev/null; then
	DBDIR=$T_TMP/nobody
	mkdir -p "$DBDIR" && chmod 777 "$DBDIR"
	ingest_case unreadable setpriv --reuid=65534 --regid=65534 --clear-groups
else
	st=skip
fi
if [ "$st" = skip ]; then
	skip "unreadable file: running as root without setpriv, or nobody cannot reach $T_TMP"
else
	check_case unreadable
	said unreadable "unreadable file named" 'bad.txt: cannot open: Permission denied'
fi

# symbolic links: to itself, two pointing at each other, one back up the tree
new_case links
mkdir -p "$T_TMP/links/sub"
ln -s self "$T_TMP/links/self"
ln -s b "$T_TMP/links/a"
ln -s a "$T_TMP/links/b"
ln -s .. "$T_TMP/links/sub/up"
ingest_case links
check_case links
said links "a link to itself named" 'self: symbolic link loop'
said links "two links in a loop named" 'a: symbolic link loop'
said links "a link back up the tree named" 'sub/up: folder already being read \(a link loop\): skipped'

finish
