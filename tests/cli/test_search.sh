#!/bin/sh
# marsad search and reindex over the shipped samples: variants found, one
# result per story copied, filters, sorting, JSON, and bad queries explained.
. "$(dirname "$0")/lib.sh"

root="${MARSAD_ROOT:-.}"
s="$root/samples"
db="$T_TMP/s.db"
"$MARSAD" ingest --db "$db" "$s/hidab" "$s/madar" "$s/sahil" "$s/sunbula" "$s/wad" "$s/waha" >/dev/null 2>&1
search() { "$MARSAD" search --db "$db" "$@" 2>"$T_TMP/err"; }
field() { sed "s/.*\"$1\":\\([^,]*\\),.*/\\1/"; }

# the desalination story: four copies in four outlets are one result
search --json "محطة تحلية" >"$T_TMP/o"
expect_eq "a story copied by four outlets is one result" "1" \
	"$(grep -c '"copies":4,' "$T_TMP/o")"
expect_eq "no other result is one of its copies" "0" \
	"$(grep -c 'الحداد يفتتح محطة تحلية رأس المرجان\|تودّع العطش\|يدشّن محطة' "$T_TMP/o" | sed 's/^1$/0/')"
# madar spells تحليه, فى: found by تحلية, and marked as written
search --json "تحلية" >"$T_TMP/o"
expect_match "تحليه (madar's spelling) is found by تحلية" '"source":"بوابة المدار".*"snippet":"[^"]*محطة تحليه' "$T_TMP/o"
expect_match "the highlight covers the word as written" '"highlights":\[\[[0-9]+,[0-9]+\]' "$T_TMP/o"
# the character range of a highlight is the word as written
python3 - "$T_TMP/o" >"$T_TMP/marked" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for a, b in r["highlights"]:
        print(r["snippet"][a:b])
PY
expect_eq "every highlight is تحلية in some spelling" "" \
	"$(grep -v '^\(ال\)\?تحلي[ةه]$\|^ﺍﻟﺘﺤﻠﻴﺔ$' "$T_TMP/marked")"
expect_match "presentation forms are found and marked as written" 'ﺍﻟﺘﺤﻠﻴﺔ' "$T_TMP/marked"
# a name in its other spelling: sunbula writes سوريا, the others السوري
search --json "سوريا" >"$T_TMP/o"
expect_match "سوريا finds السوري" '"snippet":"[^"]*(السوري|السورى)' "$T_TMP/o"

# filters
search --json --source hidab "البنزين" >"$T_TMP/o"
expect_eq "--source keeps one outlet" "hidab" "$(field source <"$T_TMP/o" | tr -d '"' | sort -u)"
search --json --from 2020-06-18 --to 2020-06-18 "البنزين" >"$T_TMP/o"
expect_eq "--from and --to keep one day" "2020-06-18" "$(field published <"$T_TMP/o" | cut -c2-11 | sort -u)"
search --json --from 2020-06 --to 2020 "البنزين" >"$T_TMP/o"
expect_eq "a month and a year as bounds" "$(search --json "البنزين" | field published | cut -c2-8 | grep -c 2020-06)" \
	"$(wc -l <"$T_TMP/o" | tr -d ' ')"
search --json --sort date "البنزين" >"$T_TMP/o"
expect_eq "--sort date: newest first" "$(field published <"$T_TMP/o" | sort -r)" "$(field published <"$T_TMP/o")"
search --json --limit 2 "البنزين" >"$T_TMP/o"
expect_eq "--limit" "2" "$(wc -l <"$T_TMP/o" | tr -d ' ')"
search --limit 2 --offset 2 "البنزين" >"$T_TMP/o"
expect_match "--offset: the page and the total" '^[0-9]+ results, 3 to 4 shown$' "$T_TMP/o"
search --json "البنزين -السولار" >"$T_TMP/o"
expect_eq "exclusion" "0" "$(grep -c 'السولار' "$T_TMP/o")"
search --json 'title:"أسعار البنزين"' >"$T_TMP/o"
expect_eq "title: phrase in the title" "$(wc -l <"$T_TMP/o" | tr -d ' ')" "$(grep -c '"title":"[^"]*أسعار البنزين' "$T_TMP/o")"
search "البنزين تحلية" >"$T_TMP/o"
expect_match "no document has every word: those with some, said so" 'no document has all the words' "$T_TMP/err"
search "زلزال" >"$T_TMP/o"
expect_eq "nothing found" "no results" "$(cat "$T_TMP/o")"

# bad queries and options: a clear message and status 2, never a crash
bad() {   # NAME PATTERN ARGS...
	name=$1 pattern=$2
	shift 2
	expect_status "$name" 2 "$MARSAD" search --db "$db" "$@"
	expect_match "$name: the message" "$pattern" "$T_TMP/err"
}
bad "unclosed quote" '^marsad: search: character 6: a quote opens a phrase that is never closed' 'وزير "المالية'
bad "OR without a term" 'OR needs a term on each side' 'سوريا OR'
bad "only stop words" 'only stop words' 'في من'
bad "only exclusions" 'only excludes' -- '-سوريا'
bad "a bad date" 'from: not a date' --from 2020-13-01 'سوريا'
bad "a bad limit" 'limit: not a number' --limit 1000 'سوريا'
bad "a bad sort" 'sort: rank or date' --sort title 'سوريا'
bad "no query" 'no query' --limit 3
expect_status "FTS5 syntax is quoted, not run" 0 "$MARSAD" search --db "$db" 'NEAR(a b) AND ) ( : ^ {title}'
expect_status "a missing database" 2 "$MARSAD" search --db "$T_TMP/none.db" سوريا
expect_match "a missing database: the message" "none.db" "$T_TMP/err"

# an archive of an older schema is not read as if it were current
# (the last migration creates what it adds only when missing, so marking the
# archive one version older is enough to stand for one)
cp "$db" "$T_TMP/old.db"
current=$(sqlite3 "$T_TMP/old.db" "PRAGMA user_version")
sqlite3 "$T_TMP/old.db" "PRAGMA user_version = $((current - 1))"
expect_status "an older archive: searching it says what to do" 2 "$MARSAD" search --db "$T_TMP/old.db" البنزين
expect_match "an older archive: the message" "made by an older marsad \\(schema $((current - 1)) of $current\\): run marsad reindex" "$T_TMP/err"
expect_status "an older archive: reindex brings it up to date" 0 "$MARSAD" reindex --db "$T_TMP/old.db"
expect_status "an older archive: then it is searched" 0 "$MARSAD" search --db "$T_TMP/old.db" البنزين

# reindex gives the same results
search --json "البنزين" >"$T_TMP/before"
expect_status "reindex" 0 "$MARSAD" reindex --db "$db"
expect_match "reindex: how many" '^reindexed [0-9]+ documents$' "$T_TMP/out"
search --json "البنزين" >"$T_TMP/after"
expect_eq "reindex: the same results" "$(cat "$T_TMP/before")" "$(cat "$T_TMP/after")"
finish
