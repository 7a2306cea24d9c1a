#!/bin/sh
# The shipped sample corpus (samples/README.md lists what each file holds):
# every file read in its format and encoding, and each kind of mess cleaned.
. "$(dirname "$0")/lib.sh"

root="${MARSAD_ROOT:-.}"
s="$root/samples"

# one JSON object per document; pick a field with a small python-free grep
clean() { "$MARSAD" clean "$@" 2>"$T_TMP/err"; }

expect_status "ingest of the samples" 0 "$MARSAD" ingest --db "$T_TMP/s.db" "$s/hidab" "$s/madar" "$s/sahil" "$s/sunbula" "$s/wad" "$s/waha"
expect_eq "every sample record read and stored" \
	"read 39 records from 21 files: 39 stored, 0 already present, 6 fragments, 3 duplicates, 0 rejected" "$(cat "$T_TMP/out")"
"$MARSAD" stats --db "$T_TMP/s.db" --json >"$T_TMP/stats"
expect_match "every article dated" '"articles":39,"teasers":5,"page_articles":1,.*"dated":39,' "$T_TMP/stats"

# the agency story and its lightly edited copies form one group
expect_status "dups" 0 "$MARSAD" dups --db "$T_TMP/s.db" --json
expect_match "the desalination story's copies are one group" \
	'"members":\[\{"id":17,.*\{"id":29,.*\{"id":42,.*\{"id":35,' "$T_TMP/out"
expect_eq "no unrelated story is merged" "1" "$(wc -l <"$T_TMP/out" | tr -d ' ')"
expect_status "show lists a document's copies" 0 "$MARSAD" show --db "$T_TMP/s.db" 35
expect_match "show: copies" '^  near copy +17 \(similarity 0\.[0-9]+\)$' "$T_TMP/out"
# the groups do not depend on the order documents arrive in
expect_status "ingest in another order" 0 "$MARSAD" ingest --db "$T_TMP/r.db" "$s/waha" "$s/wad" "$s/sunbula" "$s/sahil" "$s/madar" "$s/hidab"
"$MARSAD" dups --db "$T_TMP/r.db" --json >"$T_TMP/r"
members() { sed 's/"similarity":[0-9.e-]*//g; s/"id":[0-9]*,//g; s/"group":[0-9]*,"canonical":[0-9]*,//' "$1" | tr '{' '\n' | sort; }
"$MARSAD" dups --db "$T_TMP/s.db" --json >"$T_TMP/s"
expect_eq "the same groups in another order" "$(members "$T_TMP/s")" "$(members "$T_TMP/r")"
canonical() { sed 's/.*"members":\[{"id":[0-9]*,\([^}]*\)}.*/\1/' "$1"; }
expect_eq "the same canonical in another order" "$(canonical "$T_TMP/s")" "$(canonical "$T_TMP/r")"
# band keys written to disk in runs of two documents' worth, over three ingests
# (each reading the runs of the one before): the same groups
expect_status "ingest with a small memory, part 1" 0 "$MARSAD" ingest --recent-docs 2 --db "$T_TMP/k.db" "$s/waha" "$s/wad"
expect_status "ingest with a small memory, part 2" 0 "$MARSAD" ingest --recent-docs 2 --db "$T_TMP/k.db" "$s/sunbula" "$s/sahil"
expect_status "ingest with a small memory, part 3" 0 "$MARSAD" ingest --recent-docs 2 --db "$T_TMP/k.db" "$s/madar" "$s/hidab"
"$MARSAD" dups --db "$T_TMP/k.db" --json >"$T_TMP/k"
expect_eq "copies found in the runs on disk: the same groups" "$(members "$T_TMP/s")" "$(members "$T_TMP/k")"
expect_eq "runs of two documents were written" "yes" \
	"$(sqlite3 "$T_TMP/k.db" 'SELECT count(*) > 5 AND max(n) <= 2 * 32 FROM (SELECT count(*) AS n FROM band_keys GROUP BY run)' | sed 's/1/yes/')"
expect_eq "the runs' filter is kept with them" "1" "$(sqlite3 "$T_TMP/k.db" 'SELECT count(*) FROM band_filter')"
expect_status "--recent-docs must be a number" 2 "$MARSAD" ingest --recent-docs 0 --db "$T_TMP/k.db" "$s/madar"
expect_match "--recent-docs: the message" 'marsad: --recent-docs: not a number' "$T_TMP/err"
expect_status "re-ingest" 0 "$MARSAD" ingest --db "$T_TMP/s.db" "$s/hidab" "$s/madar" "$s/sahil" "$s/sunbula" "$s/wad" "$s/waha"
expect_match "re-ingest finds no new duplicate" ' 0 stored, 39 already present, 0 fragments, 0 duplicates' "$T_TMP/out"
"$MARSAD" dups --db "$T_TMP/s.db" --json >"$T_TMP/s2"
expect_eq "re-ingest leaves the groups as they were" "$(cat "$T_TMP/s")" "$(cat "$T_TMP/s2")"

clean "$s/sahil/2017-01-12-nihaei-alkas.txt" >"$T_TMP/o"
expect_match "page printed twice: the copy is removed" '"reason":"repeat"' "$T_TMP/o"
expect_eq "page printed twice: each paragraph once in the text" "1" \
	"$(sed 's/.*"text":"\(.*\)","removed".*/\1/' "$T_TMP/o" | grep -o 'وتقدم أمل الوادي بهدف' | wc -l | tr -d ' ')"
expect_match "Levantine month with weekday" '"published":"2017-01-12"' "$T_TMP/o"
expect_match "byline «كتب:»" '"author":"طارق يونس"' "$T_TMP/o"

clean "$s/sahil/2018-06-13-maabar-alsanabil.txt" >"$T_TMP/o"
expect_match "a date inside the story is not the publication date" '"published":"2018-06-13"' "$T_TMP/o"
expect_match "headline repeated on line 2" '"reason":"repeat"' "$T_TMP/o"
expect_match "masthead in the footer" '"reason":"boilerplate","text":"رئيس مجلس الإدارة: وليد عطية"' "$T_TMP/o"

clean "$s/sahil/2019-03-14-mahattat-tahliya.txt" >"$T_TMP/o"
expect_match "UTF-8 with BOM" '"encoding":"utf-8-bom"' "$T_TMP/o"
expect_match "publication and update line" '"published":"2019-03-14"' "$T_TMP/o"

clean "$s/sahil/2019-03-16-pdf-sahareej.txt" >"$T_TMP/o"
expect_match "presentation forms: date of the PDF page header" '"published":"2019-03-16"' "$T_TMP/o"

clean "$s/sahil/2020-06-18-asaar-albanzin.txt" >"$T_TMP/o"
expect_eq "a lead and four teasers" "4" "$(grep -o '"kind":"teaser"' "$T_TMP/o" | wc -l | tr -d ' ')"
expect_match "the teasers are not in the lead" '"text":"لجنة التسعير ترفع[^"]*صحيفة الساحل — يومية مستقلة' "$T_TMP/o"

clean "$s/sahil/2021-08-07-dahaya-alsuyul.txt" >"$T_TMP/o"
expect_match "CRLF: update line with time" '"published":"2021-08-07T09:15"' "$T_TMP/o"
expect_match "caption printed twice" '"reason":"repeat","text":"فرق الدفاع المدني' "$T_TMP/o"

clean "$s/madar/madar-2017-2021.jsonl" >"$T_TMP/o"
expect_eq "JSON Lines: 8 records" "8" "$(wc -l <"$T_TMP/o" | tr -d ' ')"
expect_match "field variants published/body" '"record":4,.*"published":"2017-01-12"' "$T_TMP/o"
expect_match "comment form removed" '"reason":"boilerplate","text":"لن يتم نشر عنوان بريدك الإلكتروني' "$T_TMP/o"

clean "$s/wad/wad-wire-2017-2021.sgml" >"$T_TMP/o"
expect_eq "TREC: 6 documents" "6" "$(wc -l <"$T_TMP/o" | tr -d ' ')"
expect_match "TREC: title and time" '"title":"افتتاح محطة تحلية مياه البحر في رأس المرجان[^"]*","published":"2019-03-14T09:12"' "$T_TMP/o"

clean "$s/hidab/2019-03-14-tahliya.cp1256.txt" >"$T_TMP/o"
expect_match "Windows-1256" '"encoding":"windows-1256"' "$T_TMP/o"
expect_match "Windows-1256 text decoded" 'رأس المرجـــان: تدشين محطة' "$T_TMP/o"
expect_match "Maghreb month" '"published":"2019-03-14"' "$T_TMP/o"

clean "$s/hidab/2020-06-18-asaar-alwaqoud.txt" >"$T_TMP/o"
expect_match "dateline with a credit in parentheses" '"agency":"أ ف ب","dateline":"القلعة"' "$T_TMP/o"

clean "$s/sunbula/2021-08-06-suyul.utf16.txt" >"$T_TMP/o"
expect_match "UTF-16 LE" '"encoding":"utf-16le"' "$T_TMP/o"
expect_match "cookie notice removed" '"reason":"boilerplate","text":"يستخدم هذا الموقع ملفات تعريف الارتباط' "$T_TMP/o"
expect_match "credit line" '"reason":"credit","text":"\(د ب أ\)"' "$T_TMP/o"

clean "$s/sunbula/sunbula-archive.json" >"$T_TMP/o"
expect_eq "JSON array: 4 records" "4" "$(wc -l <"$T_TMP/o" | tr -d ' ')"

clean "$s/waha/2018-06-13-naql-khaliji.txt" >"$T_TMP/o"
expect_match "Hijri and Gregorian" '"published":"2018-06-13","published_hijri":"1439-09-29"' "$T_TMP/o"
expect_match "dateline «الرياض - واس»" '"agency":"واس","dateline":"الرياض"' "$T_TMP/o"

clean "$s/waha/2020-06-19-sayyarat-alujra.txt" >"$T_TMP/o"
expect_match "a second whole article under «اقرأ أيضاً»" '"fragments":\[\{"kind":"article","title":"افتتاح معرض الكتـــاب' "$T_TMP/o"

clean "$s/waha/archive-2019.jsonl.gz" >"$T_TMP/o"
expect_eq "gzip: 4 records" "4" "$(wc -l <"$T_TMP/o" | tr -d ' ')"

finish
