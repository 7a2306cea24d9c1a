#!/bin/sh
# An ingest into a database on a full filesystem and on a read-only one:
# the command must fail with status 2 and a message that names the
# database, and leave the database as it was (integrity_check ok, the same
# documents).  The filesystem is a small tmpfs the test mounts, so this
# needs root; without it the test says it is skipped.
. "$(dirname "$0")/lib.sh"

mnt="$T_TMP/mnt"
db="$mnt/d.db"
mkdir -p "$mnt"
# unmount even when a check failed midway, before the folder is removed
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T_TMP"' EXIT
if ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
	skip "cannot mount a small filesystem"
	finish
	exit 0
fi

# docs FIRST COUNT: JSON Lines articles of about 80 words each
docs() {
	awk -v first="$1" -v n="$2" 'BEGIN {
		srand(first)
		nw = split("الحكومة الوزير المدينة الاقتصاد السوق النفط المياه الطريق المشروع المجلس الشعب الرئيس الشركة المدرسة الجامعة المستشفى الطقس الأمطار الرياح الحرارة الزراعة القمح الميناء السفينة الطائرة المطار القطار الجسر الكهرباء الطاقة", w, " ")
		for (i = first; i < first + n; i++) {
			t = ""
			for (j = 0; j < 80; j++)
				t = t (j ? " " : "") w[1 + int(rand() * nw)]
			printf "{\"title\":\"خبر رقم %d\",\"text\":\"%s\"}\n", i, t
		}
	}'
}
docs 0 50 >"$T_TMP/base.jsonl"
docs 50 150 >"$T_TMP/more.jsonl"
docs 200 2000 >"$T_TMP/big.jsonl"   # more than 2 MB once stored
keys() { sqlite3 "$db" "SELECT hex(content_key) FROM documents ORDER BY 1" 2>&1; }
# same_as_before NAME: integrity_check ok and the documents of before
same_as_before() {
	expect_eq "integrity_check $1" ok "$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)"
	keys >"$T_TMP/keys.after"
	if cmp -s "$T_TMP/keys.before" "$T_TMP/keys.after"; then ok "the same documents $1"; else
		not_ok "the same documents $1" "$(diff "$T_TMP/keys.before" "$T_TMP/keys.after" | head -5)"; fi
}

expect_status "ingest on the small filesystem" 0 "$MARSAD" ingest --db "$db" "$T_TMP/base.jsonl"
keys >"$T_TMP/keys.before"
expect_eq "the first documents stored" 50 "$(wc -l <"$T_TMP/keys.before" | tr -d ' ')"

# ---- full before the ingest starts: a file takes every byte left ----
dd if=/dev/zero of="$mnt/filler" bs=4096 2>/dev/null
expect_eq "the filesystem is full" 0 "$(df -P "$mnt" | awk 'NR == 2 { print $4 }')"
expect_status "ingest on a full filesystem exits 2" 2 "$MARSAD" ingest --db "$db" "$T_TMP/more.jsonl"
expect_match "the message names the database" "^marsad: $db: " "$T_TMP/err"
echo "# full: $(head -c 300 "$T_TMP/err" | tr '\n' '|')"
# reading a database in WAL mode needs room for its -shm file, so the
# database is looked at once there is room again
rm -f "$mnt/filler"
same_as_before "after an ingest on a full filesystem"

# ---- full during the ingest: 2,000 documents do not fit in 2 MB, and the
# first batch (1,024 documents, one transaction) is where it fails ----
expect_status "ingest that fills the filesystem exits 2" 2 "$MARSAD" ingest --db "$db" "$T_TMP/big.jsonl"
expect_match "the message names the database and says it is full" "^marsad: $db: .*full" "$T_TMP/err"
echo "# filled: $(head -c 300 "$T_TMP/err" | tr '\n' '|')"
same_as_before "after the filesystem filled during an ingest"

# ---- read-only ----
if mount -o remount,ro "$mnt" 2>/dev/null; then
	expect_status "ingest on a read-only filesystem exits 2" 2 "$MARSAD" ingest --db "$db" "$T_TMP/more.jsonl"
	expect_match "the message names the database" "^marsad: $db: " "$T_TMP/err"
	echo "# read-only: $(head -c 300 "$T_TMP/err" | tr '\n' '|')"
	# no -shm can be made on a read-only filesystem: read it as immutable
	expect_eq "integrity_check on the read-only filesystem" ok \
		"$(sqlite3 "file:$db?immutable=1" "PRAGMA integrity_check" 2>&1)"
	mount -o remount,rw "$mnt"
	same_as_before "after an ingest on a read-only filesystem"
else
	skip "cannot remount the small filesystem read-only"
fi

# with room and write access again, the ingest stores what it could not
expect_status "with room and write access the ingest stores the rest" 0 "$MARSAD" ingest --db "$db" "$T_TMP/more.jsonl"
expect_match "every new document stored" ': 150 stored, 0 already present' "$T_TMP/out"
expect_eq "integrity_check at the end" ok "$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)"

umount "$mnt"
finish
