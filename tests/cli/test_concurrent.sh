#!/bin/sh
# Concurrent use: searches from the command line and over HTTP run in loops
# while ingests write a few thousand documents into the same database.  No
# search may fail, print an error or "database is locked", or give an
# answer that is not well-formed JSON; and since the ingests only add (and
# the input never joins two stories: a copy is a copy of one document), the
# number of results of a query never goes down from one answer to the next.
. "$(dirname "$0")/lib.sh"

N=4000
db="$T_TMP/c.db"
pid="" ipid="" loops=""
# stop whatever is still running, even when a check failed midway
trap 'touch "$T_TMP/done"; for p in $pid $ipid $loops; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T_TMP"' EXIT

# The input: articles of 40 to 80 words from a word list; one in sixty has
# the rare word الزلزال (so that a query has well under 100 results and the
# command line, which prints no total, shows them all), and one in seven is
# a near copy of an earlier article.
awk -v n="$N" 'BEGIN {
	srand(5)
	nw = split("الحكومة الوزير المدينة الاقتصاد السوق النفط المياه الطريق المشروع المجلس الشعب الرئيس الشركة المدرسة الجامعة المستشفى الطقس الأمطار الرياح الحرارة الزراعة القمح الميناء السفينة الطائرة المطار القطار الجسر الكهرباء الطاقة الشمس البحر الجبل الصحراء النهر الغابة المعرض الكتاب المسرح الفيلم الملعب المباراة الفريق اللاعب المدرب البطولة الكأس الهدف التعليم الصحة الدواء الطبيب المريض العلاج البحث العلم التقنية الحاسوب الشبكة الهاتف الرسالة الخبر الصحيفة المراسل التقرير الإحصاء السكان المواطن القرية الحي الشارع", w, " ")
	for (i = 0; i < n; i++) {
		len = 40 + int(rand() * 40)
		t = (i % 60 == 3) ? "الزلزال" : ""
		for (j = 0; j < len; j++)
			t = t (t != "" ? " " : "") w[1 + int(rand() * nw)]
		txt[i] = t
		if (i > 20 && rand() < 0.15)
			t = txt[int(rand() * i)] " " w[1 + int(rand() * nw)] " " w[1 + int(rand() * nw)]
		printf "{\"title\":\"خبر رقم %d\",\"source\":\"s%d\",\"text\":\"%s\"}\n", i, i % 5, t
	}
}' >"$T_TMP/all.jsonl"
# the first 300 make the archive the searches start on; the rest come in
# three ingests, so writers also open and close while the readers run
head -n 300 "$T_TMP/all.jsonl" >"$T_TMP/p0.jsonl"
sed -n '301,1500p' "$T_TMP/all.jsonl" >"$T_TMP/p1.jsonl"
sed -n '1501,2700p' "$T_TMP/all.jsonl" >"$T_TMP/p2.jsonl"
sed -n "2701,${N}p" "$T_TMP/all.jsonl" >"$T_TMP/p3.jsonl"
expect_status "the first ingest" 0 "$MARSAD" ingest --db "$db" "$T_TMP/p0.jsonl"

start_server "$db" --threads 4
if [ -z "$url" ]; then
	not_ok "serve starts and prints its address" "$(cat "$T_TMP/serve.err")"
	finish
	exit 1
fi
ok "serve starts and prints its address"
u() { jq -rn --arg s "$1" '$s | @uri'; }

# cli_loop NAME QUERY: searches until $T_TMP/done exists; a failure is a
# line in $T_TMP/fail, the number of answers in $T_TMP/NAME.n
cli_loop() {
	prev=0 n=0
	while [ ! -f "$T_TMP/done" ]; do
		"$MARSAD" search --db "$db" --json --limit 100 "$2" >"$T_TMP/$1.out" 2>"$T_TMP/$1.err"
		rc=$?
		n=$((n + 1))
		if [ "$rc" != 0 ] || [ -s "$T_TMP/$1.err" ]; then
			echo "$1: status $rc: $(head -c 300 "$T_TMP/$1.err")" >>"$T_TMP/fail"
		elif ! c=$(jq -s length "$T_TMP/$1.out" 2>/dev/null); then
			echo "$1: not JSON Lines: $(head -c 300 "$T_TMP/$1.out")" >>"$T_TMP/fail"
		elif [ "$c" -lt "$prev" ]; then
			echo "$1: $c results after $prev" >>"$T_TMP/fail"
		else
			prev=$c
		fi
	done
	echo "$n $prev" >"$T_TMP/$1.n"
}

# http_loop NAME QUERY: the same over /api/search, comparing "total"
http_loop() {
	q=$(u "$2")
	prev=0 n=0
	while [ ! -f "$T_TMP/done" ]; do
		st=$(curl -s -o "$T_TMP/$1.out" -w '%{http_code}' "$url/api/search?q=$q&limit=20")
		n=$((n + 1))
		if [ "$st" != 200 ]; then
			echo "$1: HTTP $st: $(head -c 300 "$T_TMP/$1.out")" >>"$T_TMP/fail"
		elif ! c=$(jq -e '.total | numbers' "$T_TMP/$1.out" 2>/dev/null) ||
			! jq -e '.results | arrays' "$T_TMP/$1.out" >/dev/null 2>&1; then
			echo "$1: not a search answer: $(head -c 300 "$T_TMP/$1.out")" >>"$T_TMP/fail"
		elif [ "$c" -lt "$prev" ]; then
			echo "$1: total $c after $prev" >>"$T_TMP/fail"
		else
			prev=$c
		fi
	done
	echo "$n $prev" >"$T_TMP/$1.n"
}

cli_loop cli1 الزلزال & loops="$loops $!"
cli_loop cli2 الزلزال & loops="$loops $!"
http_loop http1 الزلزال & loops="$loops $!"
http_loop http2 الحكومة & loops="$loops $!"
http_loop http3 "المدينة الشعب" & loops="$loops $!"

t0=$(date +%s.%N)
ist=0
for p in 1 2 3; do
	"$MARSAD" ingest --db "$db" "$T_TMP/p$p.jsonl" >"$T_TMP/ingest$p.out" 2>"$T_TMP/ingest$p.err" &
	ipid=$!
	wait "$ipid"
	rc=$?
	ipid=""
	[ "$rc" = 0 ] || ist="$ist ingest $p: status $rc: $(head -c 300 "$T_TMP/ingest$p.err")"
done
t1=$(date +%s.%N)
# a last round of answers after the writers are done
sleep 0.5
touch "$T_TMP/done"
for p in $loops; do wait "$p"; done
loops=""
echo "# the ingests took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"

expect_eq "the ingests beside the searches succeed" 0 "$ist"
expect_eq "no ingest message" "" "$(cat "$T_TMP"/ingest*.err)"
expect_eq "every document stored" "$N" "$(sqlite3 "$db" "SELECT count(*) FROM documents")"
expect_eq "no search failed, printed an error or gave a malformed answer" "" \
	"$(head -n 10 "$T_TMP/fail" 2>/dev/null)"
expect_eq "no \"database is locked\" anywhere" "" \
	"$(grep -il 'locked' "$T_TMP"/*.err "$T_TMP"/*.out 2>/dev/null)"
expect_eq "the server printed no error" "" "$(cat "$T_TMP/serve.err")"
for l in cli1 cli2 http1 http2 http3; do
	set -- $(cat "$T_TMP/$l.n" 2>/dev/null)
	echo "# $l: ${1:-0} answers, last ${2:-0}"
	if [ "${1:-0}" -ge 5 ]; then ok "$l searched during the ingests (${1} answers)"; else
		not_ok "$l searched during the ingests" "${1:-0} answers"; fi
done
# the last answers are those of the whole archive: the command line and the
# server (whose cache is dropped when the archive changes) agree
cli_last=$("$MARSAD" search --db "$db" --json --limit 100 الزلزال | wc -l | tr -d ' ')
expect_eq "the command line's last answer is the whole archive's" "$cli_last" "$(cut -d' ' -f2 "$T_TMP/cli1.n")"
curl -s "$url/api/search?q=$(u الزلزال)&limit=20" >"$T_TMP/final.json"
expect_eq "the server's last total is the whole archive's" "$cli_last" "$(jq .total "$T_TMP/final.json")"
expect_eq "the server's loop saw that total" "$cli_last" "$(cut -d' ' -f2 "$T_TMP/http1.n")"

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""
finish
