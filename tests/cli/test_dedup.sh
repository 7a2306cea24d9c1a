#!/bin/sh
# Duplicates beyond the samples: a short item inside a long article is
# linked as "contained in" whichever arrives first, and not merged; band
# keys written to disk in runs still find copies.
. "$(dirname "$0")/lib.sh"

# words: N pseudo-random words (seed S) from a fixed list of Arabic words
words() {   # N SEED
	awk -v n="$1" -v seed="$2" 'BEGIN {
		split("وزير حكومة مجلس اجتماع قرار مشروع مدينة شارع مستشفى مدرسة جامعة طلاب " \
		      "ميناء سفينة تجارة سوق أسعار نفط غاز كهرباء ماء محطة طريق جسر قطار مطار " \
		      "رحلة سفر زيارة وفد رئيس برلمان نائب حزب انتخابات صندوق اقتراع نتائج لجنة " \
		      "تقرير دراسة بحث علماء مختبر دواء لقاح مرض صحة طبيب ممرض مريض علاج غذاء " \
		      "قمح زراعة مزارع مطر جفاف نهر بحر ساحل جبل صحراء واحة قرية حي بيت عائلة " \
		      "طفل شباب رياضة ملعب فريق مباراة هدف بطولة كأس جمهور نادي مدرب لاعب", w, " ")
		x = seed
		for (i = 0; i < n; i++) {
			x = (x * 1103515245 + 12345) % 2147483648
			printf "%s%s", (i ? " " : ""), w[1 + int(x / 65536) % 96]
		}
	}'
}
item=$(words 120 7)
long="$(words 200 11) $item $(words 200 13)"
other=$(words 150 17)
printf '{"title":"خبر الوكالة","text":"%s","source":"agency","date":"2021-03-01"}\n' "$item" >"$T_TMP/item.jsonl"
printf '{"title":"مقال طويل","text":"%s","source":"daily","date":"2021-03-02"}\n' "$long" >"$T_TMP/long.jsonl"
printf '{"title":"خبر آخر","text":"%s","source":"daily","date":"2021-03-03"}\n' "$other" >"$T_TMP/other.jsonl"

for order in "item long" "long item"; do
	db="$T_TMP/$(echo "$order" | tr ' ' -).db"
	for f in $order other; do
		"$MARSAD" ingest --db "$db" "$T_TMP/$f.jsonl" >/dev/null 2>&1
	done
	item_id=$("$MARSAD" search --db "$db" --json 'title:"خبر الوكالة"' | sed 's/^{"id":\([0-9]*\),.*/\1/')
	long_id=$("$MARSAD" search --db "$db" --json 'title:"مقال طويل"' | sed 's/^{"id":\([0-9]*\),.*/\1/')
	"$MARSAD" show --db "$db" "$item_id" >"$T_TMP/show"
	expect_match "$order: the item is contained in the article" "^  contained in +$long_id \\(similarity 1\\.00\\)" "$T_TMP/show"
	"$MARSAD" show --db "$db" "$long_id" >"$T_TMP/show"
	expect_match "$order: the article contains the item" "^  contains +$item_id " "$T_TMP/show"
	"$MARSAD" dups --db "$db" --json >"$T_TMP/dups"
	expect_eq "$order: contained is not merged into one group" "" "$(cat "$T_TMP/dups")"
done
# fingerprints of an older version: made again from the stored texts, and
# a new copy still finds its original
db="$T_TMP/item-long.db"
sqlite3 "$db" "UPDATE dedup SET signature = 1, bands = zeroblob(length(bands))"
copy=$(echo "$item" | sed 's/^\([^ ]* [^ ]* [^ ]*\) [^ ]*/\1 تغيير/')
printf '{"title":"نسخة","text":"%s","source":"copier"}\n' "$copy" >"$T_TMP/copy.jsonl"
expect_status "ingest over old fingerprints" 0 "$MARSAD" ingest --db "$db" "$T_TMP/copy.jsonl"
expect_match "old fingerprints are made again, and said so" \
	'^marsad: fingerprints of 3 documents made again' "$T_TMP/err"
expect_match "the new copy is found" ' 1 duplicates' "$T_TMP/out"
expect_eq "no fingerprint is left behind" "0" \
	"$(sqlite3 "$db" "SELECT count(*) FROM dedup WHERE signature != (SELECT max(signature) FROM dedup)")"
finish
