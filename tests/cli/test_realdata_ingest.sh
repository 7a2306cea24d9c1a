#!/bin/sh
# Ingest of the real corpora in ../shared/data, when it is there: every record
# read, no message but the expected ones, titles and dates found.
. "$(dirname "$0")/lib.sh"

data="${MARSAD_ROOT:-.}/../shared/data"
if [ ! -r "$data/saudinewsnet/saudinewsnet.jsonl.gz" ] || [ ! -r "$data/ant/ant-v1.1.trec.gz" ]; then
	skip "no ../shared/data (SaudiNewsNet and ANT ingest tests)"
	finish
	exit 0
fi

db="$T_TMP/real.db"
expect_status "SaudiNewsNet ingests" 0 "$MARSAD" ingest --db "$db" "$data/saudinewsnet/saudinewsnet.jsonl.gz"
expect_match "SaudiNewsNet: every record read" '^read 31030 records from 1 files' "$T_TMP/out"
expect_eq "SaudiNewsNet: no message" "" "$(cat "$T_TMP/err")"
"$MARSAD" stats --db "$db" --json >"$T_TMP/stats"
# 548 groups of byte-identical content hold 1,444 records, but their JSON
# lines differ (url, date), so every record is stored
expect_match "SaudiNewsNet: every record stored" '"articles":31030' "$T_TMP/stats"
expect_match "SaudiNewsNet: every record dated" '"dated":3[0-9]{4}' "$T_TMP/stats"

# every pair of byte-identical contents ends in the same group (documents are
# numbered in file order in a new database)
"$MARSAD" dups --db "$db" --json >"$T_TMP/dups"
gzip -dc "$data/saudinewsnet/saudinewsnet.jsonl.gz" | python3 -c '
import collections, json, sys
by_content = collections.defaultdict(list)
for number, line in enumerate(sys.stdin, 1):
    text = json.loads(line)["content"]
    if text.strip():
        by_content[text].append(number)
group = {}
for line in open(sys.argv[1]):
    g = json.loads(line)
    for m in g["members"]:
        group[m["id"]] = g["group"]
sets = [ids for ids in by_content.values() if len(ids) > 1]
split = [ids for ids in sets if len({group.get(i, -i) for i in ids}) > 1]
print(len(sets), sum(len(ids) for ids in sets), len(split))
' "$T_TMP/dups" >"$T_TMP/identical"
read sets docs split <"$T_TMP/identical"
expect_eq "byte-identical contents: every set in one group ($sets sets, $docs documents)" "0" "$split"

db="$T_TMP/ant.db"
expect_status "ANT ingests" 0 "$MARSAD" ingest --db "$db" --source jawhara "$data/ant/ant-v1.1.trec.gz"
expect_match "ANT: every record read" '^read 10161 records from 1 files' "$T_TMP/out"
expect_eq "ANT: no message" "" "$(head -c 2000 "$T_TMP/err")"
want_titles=$(gzip -dc "$data/ant/ant-v1.1.trec.gz" | grep -c '<TITLE>.*[^ ].*</TITLE>')
want_dates=$(gzip -dc "$data/ant/ant-v1.1.trec.gz" | grep -c '<TIME>.*[0-9].*</TIME>')
"$MARSAD" stats --db "$db" --json >"$T_TMP/stats"
titled=$(sed -n 's/.*"titled":\([0-9]*\).*/\1/p' "$T_TMP/stats")
dated=$(sed -n 's/.*"dated":\([0-9]*\).*/\1/p' "$T_TMP/stats")
if [ "$titled" -ge "$want_titles" ]; then ok "ANT: a title for every document that has one ($titled)"; else
	not_ok "ANT: titles" "$titled titled, $want_titles have a <TITLE>"; fi
if [ "$dated" -ge "$want_dates" ]; then ok "ANT: a date for every document that has one ($dated)"; else
	not_ok "ANT: dates" "$dated dated, $want_dates have a <TIME>"; fi
finish
