/* The cleaner: each rule on pages written for it — what stays, what goes
 * and why, the fragments of a page, and the metadata found. */
#include "helpers.h"

#include "../../src/clean/clean.h"

static struct mr_cleaner *cleaner;

/* The reasons of the removed lines, "reason:text|..." in order. */
static char *removed_of(const char *in, const struct mr_cleaned *c)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->n_removed; i++) {
		const struct mr_removed *r = &c->removed[i];
		size_t nl;

		if (r->reason == MR_RM_FRAGMENT)
			continue;
		nl = strcspn(in + r->start, "\n");
		if (nl > r->end - r->start)
			nl = r->end - r->start;
		buf_printf(&b, "%s%s:%.*s", b.len ? "|" : "", mr_removal_name(r->reason),
			   (int)nl, in + r->start);
	}
	return buf_detach(&b, NULL);
}

struct clean_case {
	const char *name;
	const char *in;
	const char *title_hint;
	const char *text;       /* the cleaned text */
	const char *removed;    /* as removed_of() writes it */
};

static const struct clean_case cases[] = {
	{ "nothing to clean", "سطر أول من الخبر.\nسطر ثان من الخبر.", NULL,
	  "سطر أول من الخبر.\nسطر ثان من الخبر.", "" },
	{ "headline doubled", "عنوان الخبر\nعنوان الخبر\nنص الخبر هنا.", NULL,
	  "عنوان الخبر\nنص الخبر هنا.", "repeat:عنوان الخبر" },
	{ "repeat in another spelling", "قال المسؤول إن الخطة جاهزة.\nقال المسئول إنّ الخطة جاهزة.",
	  NULL, "قال المسؤول إن الخطة جاهزة.", "repeat:قال المسئول إنّ الخطة جاهزة." },
	{ "article printed twice",
	  "عنوان قصير\nالفقرة الأولى من الخبر كما نشرت.\nالفقرة الثانية من الخبر كما نشرت.\n\n"
	  "عنوان قصير\nالفقرة الأولى من الخبر كما نشرت.\nالفقرة الثانية من الخبر كما نشرت.", NULL,
	  "عنوان قصير\nالفقرة الأولى من الخبر كما نشرت.\nالفقرة الثانية من الخبر كما نشرت.",
	  "repeat:عنوان قصير|repeat:الفقرة الأولى من الخبر كما نشرت.|"
	  "repeat:الفقرة الثانية من الخبر كما نشرت." },
	{ "short lines that recur on purpose stay",
	  "طبق أول\nالمقادير:\nكوب من الأرز.\nطبق ثان\nالمقادير:\nكوبان من العدس.", NULL,
	  "طبق أول\nالمقادير:\nكوب من الأرز.\nطبق ثان\nالمقادير:\nكوبان من العدس.", "" },
	{ "a byline word in a sentence stays",
	  "أعداد كبيرة من الزوار في المعرض\nإعداد جيل متعلم يقود المستقبل\nنص.", NULL,
	  "أعداد كبيرة من الزوار في المعرض\nإعداد جيل متعلم يقود المستقبل\nنص.", "" },
	{ "byline with a dash", "كتب - عمر عبدالعزيز:\nنص.", NULL, "نص.", "byline:كتب - عمر عبدالعزيز:" },
	{ "a masthead phrase inside a letter stays", "سعادة رئيس التحرير المحترم\nنص الرسالة.", NULL,
	  "سعادة رئيس التحرير المحترم\nنص الرسالة.", "" },
	{ "the explicit title printed in the body", "الحكومة تعلن الخطة\nنص.", "الحكومة تعلن الخطة",
	  "نص.", "repeat:الحكومة تعلن الخطة" },
	{ "furniture", "نص الخبر.\nزر الذهاب إلى الأعلى\nاترك تعليقاً\nشارك\nجميع الحقوق محفوظة © 2019",
	  NULL, "نص الخبر.",
	  "boilerplate:زر الذهاب إلى الأعلى|boilerplate:اترك تعليقاً|boilerplate:شارك|"
	  "boilerplate:جميع الحقوق محفوظة © 2019" },
	{ "a phrase inside a real sentence stays",
	  "وقال الوزير إن جميع الحقوق محفوظة للمواطنين بموجب الدستور الجديد الذي أقر العام الماضي.",
	  NULL, "وقال الوزير إن جميع الحقوق محفوظة للمواطنين بموجب الدستور الجديد الذي أقر العام الماضي.", "" },
	{ "masthead", "رئيس مجلس الإدارة: فلان الفلاني\nنص.", NULL, "نص.",
	  "boilerplate:رئيس مجلس الإدارة: فلان الفلاني" },
	{ "byline", "بقلم: سامي الخطيب\nنص المقال.", NULL, "نص المقال.", "byline:بقلم: سامي الخطيب" },
	{ "agency credit line", "نص الخبر.\n(أ ف ب)", NULL, "نص الخبر.", "credit:(أ ف ب)" },
	{ "a time stamp on its own line", "نص الخبر.\n15:37 ت م\n", NULL, "نص الخبر.",
	  "publication line:15:37 ت م" },
	{ "a time inside a sentence stays", "بدأت المباراة عند 15:37 بتوقيت مكة أمس.", NULL,
	  "بدأت المباراة عند 15:37 بتوقيت مكة أمس.", "" },
	{ "blank lines collapse", "\n\nفقرة أولى.\n\n\n\nفقرة ثانية.\n\n", NULL,
	  "فقرة أولى.\n\nفقرة ثانية.", "" },
	{ "CRLF", "فقرة أولى.\r\nفقرة أولى.\r\nثانية.\r\n", NULL, "فقرة أولى.\nثانية.",
	  "repeat:فقرة أولى." },
};

static void test_clean(void **state)
{
	const struct clean_case *c = *state;
	struct mr_cleaned out;
	struct mr_clean_hints hints;
	char *removed;

	memset(&hints, 0, sizeof(hints));
	if (c->title_hint) {
		hints.title = c->title_hint;
		hints.title_len = strlen(c->title_hint);
	}
	mr_cleaned_init(&out);
	mr_clean(cleaner, c->in, strlen(c->in), &hints, &out);
	removed = removed_of(c->in, &out);
	if (strcmp(out.text.data, c->text) || strcmp(removed, c->removed))
		fail_msg("%s:\ntext: %s\nwant: %s\nremoved: %s\nwant:    %s", c->name,
			 out.text.data, c->text, removed, c->removed);
	free(removed);
	mr_cleaned_release(&out);
}

/* Nothing is lost: every byte of every line is either in the cleaned text
 * or in a removed span (line breaks aside). */
static size_t letters_in(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] != '\n';
	return k;
}

static void test_nothing_lost(void **state)
{
	const char in[] = "عنوان\nعنوان\nنص أول.\nشارك\n\nأخبار أخرى\nخبر آخر\nنص مقطوع...\n";   /* the doubled headline follows its twin */
	struct mr_cleaned out;
	size_t i, covered = 0;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	for (i = 0; i < out.n_removed; i++)
		covered += letters_in(in + out.removed[i].start,
				      out.removed[i].end - out.removed[i].start);
	assert_string_equal(out.text.data, "عنوان\nنص أول.");
	assert_int_equal(covered + letters_in(out.text.data, out.text.len),
			 letters_in(in, sizeof(in) - 1));
	mr_cleaned_release(&out);
}

static void test_fragments(void **state)
{
	const char in[] =
		"افتتاح محطة التحلية في الساحل\n"
		"افتتح الوزير اليوم محطة جديدة لتحلية المياه في مدينة الساحل بطاقة كبيرة.\n"
		"وقال إن المحطة ستخدم مئتي ألف نسمة.\n"
		"أخبار أخرى\n"
		"فيضان في وادي الحجر\n"
		"غمرت مياه الأمطار عددا من المنازل في...\n"
		"\n"
		"نهائي الكأس يوم الجمعة\n"
		"يلتقي الفريقان في المباراة النهائية…\n"
		"زر الذهاب إلى الأعلى\n";   /* furniture below the teasers is not a story */
	struct mr_cleaned out;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_int_equal(out.n_fragments, 2);
	assert_int_equal(out.fragments[0].kind, MR_FRAG_TEASER);
	assert_int_equal(out.fragments[1].kind, MR_FRAG_TEASER);
	assert_memory_equal(in + out.fragments[0].title_start, "فيضان في وادي الحجر",
			    strlen("فيضان في وادي الحجر"));
	assert_memory_equal(in + out.fragments[1].title_start, "نهائي الكأس يوم الجمعة",
			    strlen("نهائي الكأس يوم الجمعة"));
	assert_null(strstr(out.text.data, "فيضان"));
	assert_null(strstr(out.text.data, "أخبار أخرى"));
	assert_null(strstr(out.text.data, "زر الذهاب"));
	assert_int_equal(out.removed[out.n_removed - 1].reason, MR_RM_FRAGMENT);
	assert_int_equal(out.removed[out.n_removed - 3].reason, MR_RM_BOILERPLATE);
	assert_string_equal(out.title, "افتتاح محطة التحلية في الساحل");
	mr_cleaned_release(&out);
}

/* A heading at the top of a page is furniture, not a split. */
static void test_heading_at_top(void **state)
{
	const char in[] = "أخبار أخرى\nعنوان\nنص الخبر الطويل.\n";
	struct mr_cleaned out;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_int_equal(out.n_fragments, 0);
	assert_string_equal(out.text.data, "عنوان\nنص الخبر الطويل.");
	mr_cleaned_release(&out);
}

static void test_full_article_fragment(void **state)
{
	struct buf in = BUF_INIT;
	struct mr_cleaned out;
	int i;

	(void)state;
	buf_adds(&in, "عنوان الخبر الأول\nنص الخبر الأول.\nمقالات ذات صلة\nعنوان خبر طويل آخر\n");
	for (i = 0; i < 8; i++)
		buf_adds(&in, "جملة كاملة من خبر آخر تتحدث عن موضوع مختلف تماما عن الأول. ");
	buf_adds(&in, "\n");
	mr_cleaned_init(&out);
	mr_clean(cleaner, in.data, in.len, NULL, &out);
	assert_int_equal(out.n_fragments, 1);
	assert_int_equal(out.fragments[0].kind, MR_FRAG_ARTICLE);
	assert_string_equal(out.text.data, "عنوان الخبر الأول\nنص الخبر الأول.");
	mr_cleaned_release(&out);
	buf_release(&in);
}

static void test_dateline_and_agency(void **state)
{
	const char in[] = "عنوان\nالرياض - واس: أعلنت الوزارة اليوم عن خطة جديدة.\n";
	const char in2[] = "نص الخبر كما ورد (د ب أ) في الصباح.\n";
	struct mr_cleaned out;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_string_equal(out.dateline, "الرياض");
	assert_string_equal(out.agency, "واس");
	mr_clean(cleaner, in2, sizeof(in2) - 1, NULL, &out);
	assert_string_equal(out.dateline, "");
	assert_string_equal(out.agency, "د ب أ");
	assert_string_equal(out.text.data, "نص الخبر كما ورد (د ب أ) في الصباح.");
	{
		const char in3[] = "عنوان\nالقلعة (أ ف ب) - أعلنت الحكومة زيادة الأسعار.\n";

		mr_clean(cleaner, in3, sizeof(in3) - 1, NULL, &out);
		assert_string_equal(out.dateline, "القلعة");
		assert_string_equal(out.agency, "أ ف ب");
	}
	mr_cleaned_release(&out);
}

static void test_publication_date(void **state)
{
	const char in[] = "عنوان الخبر\nنشر في 13-06-2018\nآخر تحديث 13-06-2018 | 00:04\n"
			  "وقال الوزير يوم الأربعاء 3 آذار 2018 إن الخطة جاهزة.\n";
	const char hijri[] = "عنوان\n15 رمضان 1440 هـ\nنص الخبر.\n";
	const char inside[] = "عنوان\nنص طويل يقول إن الاتفاق وقع في 12-05-2017 بين الطرفين بعد مفاوضات.\n";
	struct mr_cleaned out;
	struct mr_clean_hints hints;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_string_equal(out.published, "2018-06-13");
	assert_string_equal(out.dateline, "");   /* «آخر تحديث» is no place */
	assert_string_equal(out.text.data,
			    "عنوان الخبر\nوقال الوزير يوم الأربعاء 3 آذار 2018 إن الخطة جاهزة.");
	/* the place before the date and the agency after it */
	{
		const char spa[] = "عنوان\nجدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nنص.\n";

		mr_clean(cleaner, spa, sizeof(spa) - 1, NULL, &out);
		assert_string_equal(out.published, "2015-08-10");
		assert_string_equal(out.published_hijri, "1436-10-25");
		assert_string_equal(out.dateline, "جدة");
		assert_string_equal(out.agency, "واس");
	}
	mr_clean(cleaner, hijri, sizeof(hijri) - 1, NULL, &out);
	assert_string_equal(out.published_hijri, "1440-09-15");
	assert_true(out.published[0] == '2');
	/* a date inside a sentence is the story's, not the publication's */
	mr_clean(cleaner, inside, sizeof(inside) - 1, NULL, &out);
	assert_string_equal(out.published, "");
	/* the record's own date field comes first */
	memset(&hints, 0, sizeof(hints));
	hints.date = "2015-07-29 10:23:11";
	hints.date_len = strlen(hints.date);
	mr_clean(cleaner, in, sizeof(in) - 1, &hints, &out);
	assert_string_equal(out.published, "2015-07-29T10:23");
	mr_cleaned_release(&out);
}

static void test_byline_author(void **state)
{
	const char in[] = "كتب: محمد السيد\nنص المقال.\n";
	struct mr_cleaned out;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_string_equal(out.author, "محمد السيد");
	mr_cleaned_release(&out);
}

static int known_line(unsigned long long hash, void *ctx)
{
	return hash == *(unsigned long long *)ctx;
}

static void test_source_lines(void **state)
{
	const char in[] = "نص الخبر.\nتابعوا صحيفة الساحل على مدار الساعة\n";
	unsigned long long h = mr_line_hash("تابعوا صحيفة الساحل على مدار الساعة",
					    strlen("تابعوا صحيفة الساحل على مدار الساعة"));
	struct mr_clean_hints hints;
	struct mr_cleaned out;

	(void)state;
	memset(&hints, 0, sizeof(hints));
	hints.is_source_line = known_line;
	hints.ctx = &h;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, &hints, &out);
	assert_string_equal(out.text.data, "نص الخبر.");
	assert_int_equal(out.n_removed, 1);
	assert_int_equal(out.removed[0].reason, MR_RM_SOURCE_LINE);
	assert_int_equal(mr_line_hash("", 0), 0);
	assert_int_equal(mr_line_hash("«نص»", strlen("«نص»")), mr_line_hash("نصّ", strlen("نصّ")));
	mr_cleaned_release(&out);
}

/* A fragment's text leaves out the furniture inside it. */
static void test_fragment_text(void **state)
{
	const char in[] = "عنوان الخبر\nنص الخبر الأول هنا.\nأخبار أخرى\n"
			  "خبر آخر عن المدينة\nشارك\nبداية النص المقطوع...\n";
	struct mr_cleaned out;
	struct buf frag = BUF_INIT;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_int_equal(out.n_fragments, 1);
	mr_fragment_text(in, &out, &out.fragments[0], &frag);
	assert_string_equal(frag.data, "خبر آخر عن المدينة\nبداية النص المقطوع...");
	buf_release(&frag);
	mr_cleaned_release(&out);
}

/* A short line kept several times counts once towards learned furniture. */
static void test_short_lines_once(void **state)
{
	const char in[] = "طبق أول\nالمقادير:\nكوب أرز.\nطبق ثان\nالمقادير:\nكوب عدس.\n";
	struct mr_cleaned out;
	unsigned long long h = mr_line_hash("المقادير:", strlen("المقادير:"));
	size_t i, seen = 0;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	for (i = 0; i < out.n_short_lines; i++)
		seen += out.short_lines[i] == h;
	assert_int_equal(seen, 1);
	assert_int_equal(out.n_short_lines, 5);
	mr_cleaned_release(&out);
}

/* The dateline is looked for in the first lines kept, after the furniture
 * at the top. */
static void test_dateline_after_furniture(void **state)
{
	const char in[] = "الأربعاء 13 يونيو 2018\nعنوان الخبر\nنشر في 13-06-2018\n"
			  "شارك\nالرياض - واس: أعلنت الوزارة اليوم خطة جديدة.\n";
	struct mr_cleaned out;

	(void)state;
	mr_cleaned_init(&out);
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);
	assert_string_equal(out.dateline, "الرياض");
	mr_cleaned_release(&out);
}

/* The agency list is data: one the tests write knows an agency the built-in
 * list does not, in every spelling. */
static void test_agency_list(void **state)
{
	static const char agencies[] = "# a test list\nواض | وكالة أنباء الضفتين | WAD\n";
	const char in[] = "عنوان\nرأس المرجان - واض: افتتح الوزير المحطة.\n(وكالة أنباء الضفتين)\n";
	struct mr_cleaner *own = mr_cleaner_new("", 0, agencies, sizeof(agencies) - 1, NULL);
	struct mr_cleaned out;

	(void)state;
	assert_non_null(own);
	mr_cleaned_init(&out);
	mr_clean(own, in, sizeof(in) - 1, NULL, &out);
	assert_string_equal(out.agency, "واض");
	assert_string_equal(out.dateline, "رأس المرجان");
	/* the credit line, in its long form, is the agency's too */
	assert_string_equal(out.text.data, "عنوان\nرأس المرجان - واض: افتتح الوزير المحطة.");
	mr_clean(cleaner, in, sizeof(in) - 1, NULL, &out);   /* the built-in list */
	assert_string_equal(out.agency, "");
	mr_cleaned_release(&out);
	mr_cleaner_free(own);
}

static void test_bad_phrase_list(void **state)
{
	static const char bad[] = "شارك\n\xFF\xFE\n";
	struct mr_err err;

	(void)state;
	assert_null(mr_cleaner_new(bad, sizeof(bad) - 1, NULL, 0, &err));
	assert_int_equal(err.line, 2);
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	cleaner = mr_cleaner_new_default(NULL);
	if (!cleaner)
		return 1;
	ADD_ROWS(&l, "clean:", cases, test_clean, name);
	ADD_TEST(&l, test_nothing_lost);
	ADD_TEST(&l, test_fragments);
	ADD_TEST(&l, test_heading_at_top);
	ADD_TEST(&l, test_full_article_fragment);
	ADD_TEST(&l, test_dateline_and_agency);
	ADD_TEST(&l, test_publication_date);
	ADD_TEST(&l, test_byline_author);
	ADD_TEST(&l, test_source_lines);
	ADD_TEST(&l, test_fragment_text);
	ADD_TEST(&l, test_short_lines_once);
	ADD_TEST(&l, test_dateline_after_furniture);
	ADD_TEST(&l, test_agency_list);
	ADD_TEST(&l, test_bad_phrase_list);
	failed = run_group("clean", &l);
	mr_cleaner_free(cleaner);
	return failed;
}
