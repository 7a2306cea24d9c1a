#!/bin/sh
# Crash safety of marsad ingest: an ingest of a few thousand documents is
# killed with SIGKILL at random moments, again and again, and after every
# kill the database must pass integrity_check and hold no half-stored
# document: no text missing, no fragment without its page or page without
# all its fragments, no fingerprint, link, band key, band run or search-index
# row pointing at a document that is not there, and exactly one search-index
# row a document.  A final re-run must store exactly what is missing and end
# with the same documents and the same groups of copies as a clean ingest.
. "$(dirname "$0")/lib.sh"

N=3000        # documents written by the test
KILLS=24      # kills that land while the ingest runs
in="$T_TMP/in.jsonl"
clean="$T_TMP/clean.db"
db="$T_TMP/k.db"
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$T_TMP"' EXIT

# The input: articles of 60 to 120 words drawn from a word list; about one
# in seven is a near copy of an earlier one (two words added) so that there
# are links between documents, and one in twenty carries other stories
# under «اقرأ أيضاً», which become fragments linked to their page.
awk -v n="$N" 'BEGIN {
	srand(11)
	nw = split("الحكومة الوزير المدينة الاقتصاد السوق النفط المياه الطريق المشروع المجلس الشعب الرئيس الشركة المدرسة الجامعة المستشفى الطقس الأمطار الرياح الحرارة الزراعة القمح الميناء السفينة الطائرة المطار القطار الجسر الكهرباء الطاقة الشمس البحر الجبل الصحراء النهر الغابة المعرض الكتاب المسرح الفيلم الملعب المباراة الفريق اللاعب المدرب البطولة الكأس الهدف التعليم الصحة الدواء الطبيب المريض العلاج البحث العلم التقنية الحاسوب الشبكة الهاتف الرسالة الخبر الصحيفة المراسل التقرير الإحصاء السكان المواطن القرية الحي الشارع السيارة الحافلة السلامة الأمن الشرطة المحكمة القانون القاضي الدستور الانتخابات البرلمان الحزب الوفد الزيارة الاتفاق التعاون التجارة التصدير الاستيراد الميزانية الضريبة البنك العملة الأسعار الذهب", w, " ")
	for (i = 0; i < n; i++) {
		len = 60 + int(rand() * 60)
		t = ""
		for (j = 0; j < len; j++)
			t = t (j ? " " : "") w[1 + int(rand() * nw)]
		txt[i] = t
		if (i > 20 && rand() < 0.15)
			t = txt[int(rand() * i)] " " w[1 + int(rand() * nw)] " " w[1 + int(rand() * nw)]
		if (rand() < 0.05)
			t = t "\\nاقرأ أيضاً\\nعنوان خبر آخر رقم " i "\\n" w[1 + int(rand() * nw)] " " \
				w[1 + int(rand() * nw)] " " w[1 + int(rand() * nw)] " في المدينة اليوم."
		printf "{\"title\":\"خبر رقم %d\",\"source\":\"s%d\",\"date\":\"2020-01-%02d\",\"text\":\"%s\"}\n",
			i, i % 7, 1 + i % 28, t
	}
}' >"$in"

# A small in-memory band index (--recent-docs) so that runs of band keys are
# written to the database during the ingest and a kill can land in one.
ingest() { "$MARSAD" ingest --recent-docs 500 --db "$@"; }

t0=$(date +%s.%N)
expect_status "clean ingest" 0 ingest "$clean" "$in"
t1=$(date +%s.%N)
cp "$T_TMP/out" "$T_TMP/clean.summary"
# kills land between 0 and the time a whole ingest takes
full_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
echo "# a whole ingest takes $full_ms ms"
sqlite3 "$clean" "SELECT hex(content_key) FROM documents ORDER BY 1" >"$T_TMP/clean.keys"
# groups of copies without ids (ids depend on the order of arrival)
groups() {
	"$MARSAD" dups --db "$1" --json |
		jq -c '[.members[] | {title, source, published, similarity}]' | sort
}
groups "$clean" >"$T_TMP/clean.groups"
articles=$(sqlite3 "$clean" "SELECT count(*) FROM documents WHERE kind = 'article'")
expect_eq "the clean ingest stores every article" "$N" "$articles"
if [ "$(wc -l <"$T_TMP/clean.groups")" -gt 100 ]; then ok "the input makes groups of copies"; else
	not_ok "the input makes groups of copies" "$(wc -l <"$T_TMP/clean.groups") groups"; fi

# One line of counts, each 0 when nothing is half-stored; the clean database
# is attached to compare each page's fragments with what it should have.
CHECKS="ATTACH '$clean' AS c;
SELECT (SELECT count(*) FROM documents WHERE text IS NULL OR raw IS NULL)
 || ' ' || (SELECT count(*) FROM documents d WHERE NOT EXISTS
	(SELECT 1 FROM c.documents e WHERE e.content_key = d.content_key))
 || ' ' || (SELECT count(*) FROM documents f WHERE f.page_id IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM documents p WHERE p.id = f.page_id))
 || ' ' || (SELECT count(*) FROM documents p WHERE p.page_id IS NULL AND
	(SELECT count(*) FROM documents f WHERE f.page_id = p.id) <>
	(SELECT count(*) FROM c.documents cp JOIN c.documents cf ON cf.page_id = cp.id
	 WHERE cp.content_key = p.content_key))
 || ' ' || (SELECT count(*) FROM documents d WHERE kind = 'article'
	AND NOT EXISTS (SELECT 1 FROM dedup WHERE doc_id = d.id))
 || ' ' || (SELECT count(*) FROM dedup WHERE doc_id NOT IN (SELECT id FROM documents))
 || ' ' || (SELECT count(*) FROM dedup_links WHERE a NOT IN (SELECT id FROM documents)
	OR b NOT IN (SELECT id FROM documents))
 || ' ' || (SELECT count(*) FROM band_keys WHERE doc NOT IN (SELECT id FROM documents))
 || ' ' || (SELECT count(*) FROM band_runs WHERE last_doc NOT IN (SELECT id FROM documents))
 || ' ' || (SELECT count(*) FROM removed WHERE doc_id NOT IN (SELECT id FROM documents))
 || ' ' || (SELECT count(*) FROM documents WHERE dup_group IS NOT NULL
	AND dup_group NOT IN (SELECT id FROM documents))
 || ' ' || ((SELECT count(*) FROM search_docsize) - (SELECT count(*) FROM documents))
 || ' ' || (SELECT count(*) FROM search_docsize WHERE id NOT IN (SELECT id FROM documents));"
NAMES="text-or-raw-missing not-from-input fragment-without-page page-missing-fragments
article-without-fingerprint fingerprint-without-document link-to-missing-document
band-key-of-missing-document band-run-after-missing-document removed-span-without-document
group-of-missing-document search-rows-minus-documents search-row-without-document"
ZEROS="0 0 0 0 0 0 0 0 0 0 0 0 0"
expect_eq "the checks pass on the clean database" "$ZEROS" "$(sqlite3 "$clean" "$CHECKS")"

# Kill moments: seeded, uniform between 0 and a whole ingest.  A killed
# ingest is run again on the same database (a kill during a resumed ingest
# is a case of its own); once an ingest got to the end, the next starts
# from an empty database.  Rounds go on until $KILLS kills landed while
# marsad was still running (status 137), at most three times as many.
delays=$(awk -v k="$KILLS" -v ms="$full_ms" 'BEGIN { srand(7); for (i = 0; i < 3 * k; i++) printf "%.3f\n", rand() * ms / 1000 }')
i=0 bad=0 mid=0 total=$(wc -l <"$T_TMP/clean.keys")
for d in $delays; do
	[ "$mid" -ge "$KILLS" ] && break
	i=$((i + 1))
	before=0
	[ -f "$db" ] && before=$(sqlite3 "$db" "SELECT count(*) FROM documents" 2>&1)
	if [ "$before" = "$total" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		before=0
	fi
	# marsad itself in the background, not the shell function: a kill
	# must reach the process that writes
	"$MARSAD" ingest --recent-docs 500 --db "$db" "$in" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	pid=""
	[ "$rc" = 137 ] && mid=$((mid + 1))
	[ -f "$db" ] || continue   # killed before the database was created
	ic=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
	got=$(sqlite3 "$db" "$CHECKS" 2>&1)
	after=$(sqlite3 "$db" "SELECT count(*) FROM documents" 2>&1)
	if [ "$ic" != ok ] || [ "$got" != "$ZEROS" ]; then
		bad=$((bad + 1))
		not_ok "kill $i after ${d}s leaves no half-stored document" "integrity_check: $ic" \
			"checks ($NAMES): $got" "documents: $before before, $after after"
	fi
	echo "# round $i, kill after ${d}s (status $rc): $before documents before, $after after"
done
expect_eq "every kill leaves a sound database ($i rounds, $mid killed during an ingest)" 0 "$bad"
if [ "$mid" -ge 20 ]; then ok "at least 20 kills landed during an ingest ($mid)"; else
	not_ok "at least 20 kills landed during an ingest" "$mid in $i rounds"; fi

# The re-run stores exactly what is missing and ends where the clean ingest
# ended; when the last round got to the end, one more ingest is killed
# halfway so that something is missing.
if [ "$(sqlite3 "$db" "SELECT count(*) FROM documents")" = "$total" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	"$MARSAD" ingest --recent-docs 500 --db "$db" "$in" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$full_ms" 'BEGIN { printf "%.3f", ms / 2000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=""
fi
have=$(sqlite3 "$db" "SELECT count(*) FROM documents WHERE kind = 'article'" 2>/dev/null || echo 0)
expect_status "the re-run after the last kill" 0 ingest "$db" "$in"
expect_match "the re-run stores exactly the missing articles" \
	"^read $N records from 1 files: $((N - have)) stored, $have already present," "$T_TMP/out"
sqlite3 "$db" "SELECT hex(content_key) FROM documents ORDER BY 1" >"$T_TMP/k.keys"
if cmp -s "$T_TMP/clean.keys" "$T_TMP/k.keys"; then ok "the same documents as a clean ingest"; else
	not_ok "the same documents as a clean ingest" "$(diff "$T_TMP/clean.keys" "$T_TMP/k.keys" | head -5)"; fi
groups "$db" >"$T_TMP/k.groups"
if cmp -s "$T_TMP/clean.groups" "$T_TMP/k.groups"; then ok "the same groups of copies as a clean ingest"; else
	not_ok "the same groups of copies as a clean ingest" "$(diff "$T_TMP/clean.groups" "$T_TMP/k.groups" | head -5)"; fi
expect_eq "the checks pass after the re-run" "$ZEROS" "$(sqlite3 "$db" "$CHECKS")"
expect_eq "integrity_check after the re-run" ok "$(sqlite3 "$db" "PRAGMA integrity_check")"

finish
