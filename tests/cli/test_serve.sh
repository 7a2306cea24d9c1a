#!/bin/sh
# marsad serve: the JSON API and the page's files over HTTP, against a
# server this test starts on a free loopback port (--listen 127.0.0.1:0:
# the kernel picks the port, the server prints it).  Statuses, content
# types, security headers, the same answers as the command line, the
# bounds (400, 404, 405, 413, 414), paths that try to leave the page's
# folder, an ingest beside the running server, and a clean stop.
. "$(dirname "$0")/lib.sh"

root="${MARSAD_ROOT:-.}"
s="$root/samples"
db="$T_TMP/s.db"
"$MARSAD" ingest --db "$db" "$s/hidab" "$s/madar" "$s/sahil" "$s/sunbula" "$s/wad" "$s/waha" >/dev/null 2>&1

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T_TMP"' EXIT

# get PATH [CURL-ARGS...]: $status, the body in $T_TMP/body, headers in $T_TMP/head
get() {
	p=$1
	shift
	status=$(curl -s --path-as-is -o "$T_TMP/body" -D "$T_TMP/head" -w '%{http_code}' "$@" "$url$p")
}
header() { grep -i "^$1:" "$T_TMP/head" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
# js FILTER: jq over the JSON body (jq starts in milliseconds, python in
# a good part of a second on a busy machine)
js() { jq -r "$@" "$T_TMP/body"; }
u() { jq -rn --arg s "$1" '$s | @uri'; }

# ---- the command ----
expect_status "serve: a database that does not exist is refused" 2 \
	"$MARSAD" serve --db "$T_TMP/none.db" --listen 127.0.0.1:0
expect_status "serve: --listen without a port is a usage error" 2 \
	"$MARSAD" serve --db "$db" --listen 127.0.0.1
expect_match "serve: the usage says what --listen takes" 'HOST:PORT' "$T_TMP/err"
expect_status "serve: --threads 0 is a usage error" 2 "$MARSAD" serve --db "$db" --threads 0
expect_status "help serve" 0 "$MARSAD" help serve
expect_match "help serve names the routes" '/api/' "$T_TMP/out"

start_server "$db" --threads 2
if [ -z "$url" ]; then
	not_ok "serve starts and prints its address" "$(cat "$T_TMP/serve.err")"
	finish
	exit 1
fi
ok "serve starts and prints its address ($url)"
echo "$url" | grep -Eq '^http://127\.0\.0\.1:[0-9]+$' && ok "the address is a loopback URL" ||
	not_ok "the address is a loopback URL" "$url"

# ---- the page ----
get /
expect_eq "GET /: 200" 200 "$status"
expect_eq "GET /: HTML in UTF-8" "text/html; charset=utf-8" "$(header Content-Type)"
csp=$(header Content-Security-Policy)
expect_eq "the CSP allows scripts from this server only" "yes" \
	"$(echo "$csp" | grep -q "script-src 'self'" && ! echo "$csp" | grep -q 'unsafe' && echo yes)"
expect_eq "the CSP allows no other host at all" "" \
	"$(echo "$csp" | tr ';' '\n' | grep -Ei 'https?:|\*' )"
expect_eq "X-Content-Type-Options: nosniff" "nosniff" "$(header X-Content-Type-Options)"
expect_eq "the page cannot be framed" "DENY" "$(header X-Frame-Options)"
expect_match "the page is Arabic, right to left" '<html lang="ar" dir="rtl">' "$T_TMP/body"
expect_eq "no inline script in the page" "" "$(grep -i '<script' "$T_TMP/body" | grep -v 'src=')"
expect_eq "no event-handler attribute in the page" "" "$(grep -Ei ' on[a-z]+=' "$T_TMP/body")"
etag=$(header ETag)
get /app.js
expect_eq "GET /app.js: JavaScript" "text/javascript; charset=utf-8" "$(header Content-Type)"
expect_eq "the script never writes markup" "" "$(grep -n 'innerHTML\|outerHTML\|insertAdjacentHTML\|document\.write' "$T_TMP/body")"
get /style.css
expect_eq "GET /style.css: CSS" "text/css; charset=utf-8" "$(header Content-Type)"
expect_eq "no file of the page names another host" "" \
	"$(cat "$root/web/index.html" "$root/web/app.js" "$root/web/style.css" |
		grep -Eo 'https?://[^ "'"'"')]+' | grep -v '^http://www.w3.org/2000/svg$')"
get / -H "If-None-Match: $etag"
expect_eq "an unchanged page is 304 Not Modified" 304 "$status"
expect_eq "HEAD /: 200 and no body" "200 0" \
	"$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "$url/")"

# ---- search: the command line's answers ----
q=$(u "محطة تحلية")
get "/api/search?q=$q"
expect_eq "search: 200" 200 "$status"
expect_eq "search: JSON in UTF-8" "application/json; charset=utf-8" "$(header Content-Type)"
expect_eq "search: nosniff on the API too" "nosniff" "$(header X-Content-Type-Options)"
expect_eq "search: the total, the page and the page size" "6 1 1 10" \
	"$(js '"\(.total) \(.page) \(.pages) \(.limit)"')"
"$MARSAD" search --db "$db" --json "محطة تحلية" >"$T_TMP/cli.jsonl"
expect_eq "search: the results are the command line's, field for field" \
	"$(jq -cS . "$T_TMP/cli.jsonl")" "$(jq -cS '.results[]' "$T_TMP/body")"
expect_eq "search: highlights are [start, end) ranges of the plain snippet" "ok" \
	"$(js 'if all(.results[]; (.snippet | length) as $n | (.highlights | length > 0) and
		all(.highlights[]; 0 <= .[0] and .[0] < .[1] and .[1] <= $n) and
		(.snippet | test("[\u0002\u0003]") | not)) then "ok" else . end')"
expect_eq "search: a story in four outlets is one result with its copies" "4" \
	"$(js '[.results[].copies] | max')"
get "/api/search?q=$(u البنزين)&limit=2&page=2"
"$MARSAD" search --db "$db" --json --limit 2 --offset 2 البنزين >"$T_TMP/cli.jsonl"
expect_eq "search: page 2 is the command line's --offset 2" \
	"$(jq -r .id "$T_TMP/cli.jsonl" | tr '\n' ' ')" "$(js '.results[].id' | tr '\n' ' ')"
expect_eq "search: pages of two" "$(js '(.total + 1) / 2 | floor')" "$(js .pages)"
get "/api/search?q=$(u البنزين)&source=hidab"
expect_eq "search: source filter" "hidab" "$(js '[.results[].source] | unique | join(" ")')"
get "/api/search?q=$(u البنزين)&from=2020-06-18&to=2020-06-18"
expect_eq "search: date filters" "2020-06-18" "$(js '[.results[].published[:10]] | unique | join(" ")')"
get "/api/search?q=$(u البنزين)&sort=date"
expect_eq "search: newest first" "true" "$(js '[.results[].published] as $p | ($p | length > 1) and $p == ($p | sort | reverse)')"
get "/api/search?q=$(u "البنزين تحلية")"
expect_eq "search: none has every word, some have some, and it says so" "any-fallback" "$(js .mode)"
get "/api/search?q=$(u زلزال)"
expect_eq "search: nothing found is 200 with no results" "200 0 0" "$status $(js '"\(.total) \(.results | length)"')"

# ---- 400: the command line's explanations ----
bad() {   # NAME QUERY-STRING EXPECTED-MESSAGE-PATTERN
	get "/api/search?$2"
	if [ "$status" = 400 ] && [ "$(header Content-Type)" = "application/json; charset=utf-8" ] &&
		js .error.message | grep -Eq -- "$3"; then
		ok "400: $1"
	else
		not_ok "400: $1" "status $status" "$(head -c 300 "$T_TMP/body")"
	fi
}
bad "no query" "" "^no query: give the words to look for$"
bad "an empty query" "q=" "^no query"
cli_msg() { "$MARSAD" search --db "$db" "$@" 2>&1 >/dev/null | sed 's/^marsad: search: //'; }
same_as_cli() {   # NAME QUERY-STRING MARSAD-SEARCH-ARGS...
	name=$1 query=$2
	shift 2
	get "/api/search?$query"
	expect_eq "400: $name, as the command line says it" "400 $(cli_msg "$@")" \
		"$status $(js .error.message)"
}
same_as_cli "an unclosed quote" "q=$(u '"محطة')" '"محطة'
same_as_cli "a date that is no date" "q=a&from=2020-13" --from 2020-13 a
same_as_cli "a month that is no month" "q=a&to=2020-00" --to 2020-00 a
bad "a query over the length bound" "q=$(head -c 1100 /dev/zero | tr '\0' a)" "longer than 1024 bytes"
bad "page 0" "q=a&page=0" "^page: not a number"
bad "a page that is not a number" "q=a&page=x" "^page: not a number"
bad "a page size over the bound" "q=a&limit=101" "^limit: not a number from 1 to 100"
bad "a page past the deepest" "q=a&page=5000&limit=100" "from the first 10000"
bad "a sort that is neither" "q=a&sort=x" "^sort: rank or date"
bad "any that is not a flag" "q=a&any=2" "^any: 1 or 0"
bad "a query that is not UTF-8" "q=%ff%fe" "^q: not UTF-8"
none_500=yes
for q in '*' 'OR' 'AND' 'NOT' '-' '--' '"' '""' 'title:' ':' '(' ')' '((' 'NEAR(a b)' '^' \
	'a OR' 'OR a' '-a' 'title:"' '*a' 'a*b' "'" '\' '%00' '{' 'a:b' 'ـ' '،' 'ًٌٍ'; do
	get "/api/search?q=$(u "$q")"
	case "$status" in
	200|400) ;;
	*) none_500="$q gave $status: $(head -c 200 "$T_TMP/body")" ;;
	esac
done
expect_eq "odd queries are answered or refused, never a server error" "yes" "$none_500"

# ---- a document ----
get /api/doc/17
expect_eq "doc: 200" 200 "$status"
expect_eq "doc: the metadata and the cleaned text" "17 sahil 2019-03-14 true" \
	"$(js '"\(.id) \(.source) \(.published) \(.text | length > 500)"')"
expect_eq "doc: removed spans with their reasons" "true" \
	"$(js '(.removed | length > 3) and all(.removed[]; .reason != "" and .text != "" and .end > .start)')"
expect_eq "doc: its copies in other outlets" "29 35 42" "$(js '[.copies[].id] | map(tostring) | join(" ")')"
expect_eq "doc: its direct links, with the relation" "near copy" \
	"$(js '[.duplicates[].relation] | unique | join(" ")')"
expect_eq "doc: its fragments, with their titles" "18 teaser" \
	"$(js '.fragments[] | "\(.id) \(.kind)"')"
"$MARSAD" show --db "$db" --json 17 >"$T_TMP/show.json"
expect_eq "doc: the text is the command line's" \
	"$(jq -r .text "$T_TMP/show.json" | md5sum)" "$(js .text | md5sum)"
get /api/doc/18
expect_eq "doc: a fragment names its page" "17" "$(js .page.id)"
get /api/doc/abc
expect_eq "doc: an id that is no number is 400" "400" "$status"
get /api/doc/0
expect_eq "doc: id 0 is 400" "400" "$status"
get /api/doc/99999999999999999999999
expect_eq "doc: an id past 64 bits is 400" "400" "$status"
get /api/doc/999999
expect_eq "doc: no such document is 404" "404 application/json; charset=utf-8" "$status $(header Content-Type)"

# ---- dups, sources, stats ----
get /api/dups
expect_eq "dups: one group, its canonical first" "200 1 17 4" \
	"$status $(js '"\(.total) \(.groups[0].canonical) \(.groups[0].members | length)"')"
get "/api/dups?page=2"
expect_eq "dups: past the last page, no groups" "200 0" "$status $(js '.groups | length')"
get "/api/dups?limit=0"
expect_eq "dups: a page size of 0 is 400" "400" "$status"
get /api/sources
expect_eq "sources: every outlet with its count" \
	"$("$MARSAD" stats --db "$db" --json | jq -c '[.by_source[] | [.source, .documents]]')" \
	"$(js -c '[.sources[] | [.source, .documents]]')"
get /api/stats
"$MARSAD" stats --db "$db" --json >"$T_TMP/stats.json"
expect_eq "stats: the command line's counts" \
	"$(jq -c 'del(.by_source, .database_bytes)' "$T_TMP/stats.json")" \
	"$(js -c 'del(.per_day, .database_bytes)')"
expect_eq "stats: the days add up to the dated documents" "$(js .dated)" \
	"$(js '[.per_day[].documents] | add')"
expect_eq "stats: days in order" "true" "$(js '[.per_day[].day] | . == sort')"

# ---- 404 and paths that try to leave the page's folder ----
for p in /nope /api /api/ /api/nope /api/search/ /web/app.js /../../etc/passwd \
	/%2e%2e/%2e%2e/etc/passwd /..%2f..%2fetc%2fpasswd /%2e%2e%2f%2e%2e%2fetc%2fpasswd \
	/api/../../../etc/passwd /static/../../../etc/passwd "/app.js%00.html" /index.html/ \
	//etc/passwd /Makefile /marsad.db; do
	get "$p"
	if [ "$status" = 404 ] && [ "$(header Content-Type)" = "application/json; charset=utf-8" ] &&
		! grep -q 'root:' "$T_TMP/body"; then
		ok "404 (JSON): $p"
	else
		not_ok "404 (JSON): $p" "status $status" "$(head -c 200 "$T_TMP/body")"
	fi
done

# ---- methods and sizes ----
get /api/search?q=a -X POST
expect_eq "POST is 405, with Allow" "405 GET, HEAD" "$status $(header Allow)"
expect_eq "405 is JSON" "405" "$(js .error.status)"
get / -X DELETE
expect_eq "DELETE is 405" 405 "$status"
get / -X PUT --data x
expect_eq "PUT with a small body is 405" 405 "$status"
head -c 20000 /dev/zero | tr '\0' a >"$T_TMP/big"
get /api/search?q=a -X POST --data-binary @"$T_TMP/big"
expect_eq "a 20 KB body is 413" "413 application/json; charset=utf-8" "$status $(header Content-Type)"
get /api/search?q=a -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$T_TMP/big"
case "$status" in 413|000) ok "a 20 KB chunked body is refused ($status)" ;;
*) not_ok "a 20 KB chunked body is refused" "status $status" ;; esac
get "/api/search?q=$(head -c 9000 /dev/zero | tr '\0' a)"
expect_eq "a 9 KB URI is 414, in JSON" "414 application/json; charset=utf-8" "$status $(header Content-Type)"
get "/api/search?q=$(head -c 100000 /dev/zero | tr '\0' a)"
expect_eq "a 100 KB URI (past what the server reads of a request) is 414" 414 "$status"
get /api/stats
expect_eq "the server still answers after all that" 200 "$status"

# ---- many at once ----
seq 1 40 | sed "s|.*|${url}/api/search?q=$(u البنزين)\&page=1|" >"$T_TMP/urls"
xargs -P 8 -n 1 curl -s -o /dev/null -w '%{http_code}\n' <"$T_TMP/urls" | sort | uniq -c | tr -s ' ' >"$T_TMP/codes"
expect_eq "40 requests, 8 at a time: all 200" " 40 200" "$(cat "$T_TMP/codes")"

# ---- an ingest beside the running server ----
get "/api/search?q=$(u مرصدالجديد)"
expect_eq "before the ingest, the word is nowhere" "0" "$(js .total)"
mkdir -p "$T_TMP/late/late"
printf '{"title":"خبر متأخر","date":"2022-01-02","text":"وصل خبر مرصدالجديد بعد تشغيل الخادم."}\n' \
	>"$T_TMP/late/late/late.jsonl"
expect_status "an ingest runs while the server reads the archive" 0 "$MARSAD" ingest --db "$db" "$T_TMP/late"
get "/api/search?q=$(u مرصدالجديد)"
expect_eq "the server sees the new document at once" "1 late" "$(js '"\(.total) \(.results[0].source)"')"

# ---- a clean stop ----
kill -TERM "$pid"
stopped=no
for _ in $(seq 1 50); do
	if ! kill -0 "$pid" 2>/dev/null; then stopped=yes; break; fi
	sleep 0.1
done
wait "$pid" 2>/dev/null
rc=$?
expect_eq "SIGTERM stops the server, status 0" "yes 0" "$stopped $rc"
pid=""
expect_eq "the server printed no error" "" "$(grep -v 'stopped serving' "$T_TMP/serve.err")"

finish
