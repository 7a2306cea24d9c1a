#!/bin/sh
# make demo: Marsad's main job on the sample the project ships — ingest the
# messy sample corpus (six invented outlets, every kind of mess), show what
# was stored and what cleaning removed, the text core on one sentence, and
# then the web page and the API over the archive.
set -eu
cd "$(dirname "$0")/.."
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"

echo "== marsad ingest --db $db samples/*/"
./marsad ingest --db "$db" samples/*/
echo
echo "== ingesting again stores nothing new"
./marsad ingest --db "$db" samples/*/
echo
echo "== marsad stats"
./marsad stats --db "$db"
echo
# folders are read in name order, so the ids are the same on every run:
# 17 a page with «مقالات ذات صلة», 20 a page with four teasers, 21 one teaser
for id in 17 20 21; do
	echo "== marsad show $id"
	./marsad show --db "$db" "$id" | sed 's/^/    /'
	echo
done

echo "== marsad dups: one story, copied by several outlets"
./marsad dups --db "$db" | sed 's/^/    /'
echo
echo "== marsad search محطات التحلية (other spellings and forms found; one result a story)"
./marsad search --db "$db" --limit 3 محطات التحلية | sed 's/^/    /'
echo
echo "== The text core: a sentence as written and as search sees it"
sed -n 3p samples/demo.txt
sed -n 3p samples/demo.txt | ./marsad normalize
echo
echo "Explore: ./marsad show --db $db ID, ./marsad search --db $db WORDS, ./marsad help"
echo

# Last, the page and the API over the same archive, in the foreground: on a
# terminal until Ctrl-C; elsewhere (a script, CI) for MARSAD_DEMO_SECONDS
# (20 by default), so that make demo always ends.  Port 8080, or any free
# port when it is taken.
echo "== marsad serve --db $db"
echo "   the page: the address below; the API: /api/search?q=محطة+تحلية, /api/doc/17,"
echo "   /api/dups, /api/sources, /api/stats"
serve() {
	if [ -t 0 ]; then
		./marsad serve --db "$db" --listen "$1"
	else
		timeout --preserve-status -s INT "${MARSAD_DEMO_SECONDS:-20}" \
			./marsad serve --db "$db" --listen "$1"
	fi
}
[ -t 0 ] && echo "   (Ctrl-C stops it)" || echo "   (not on a terminal: it stops after ${MARSAD_DEMO_SECONDS:-20} s)"
# Ctrl-C is for the server: the script waits for it to stop
trap : INT
serve 127.0.0.1:8080 2>/dev/null || serve 127.0.0.1:0
