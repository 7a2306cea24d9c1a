/*
 * Dates in news text: every form of date.h, in the three digit scripts, with
 * words around, the impossible and incomplete ones rejected, the Hijri
 * conversion, the ISO output; on real news when ../shared/data is there.
 *
 * Hijri rows give the Gregorian day of the tabular Islamic calendar, civil
 * epoch — the values of ICU's "islamic-civil" calendar (checked by hand with
 * Python on the Calendrical Calculations formula as well).  Umm al-Qura, and
 * so a Saudi paper, may say a day or two otherwise: 1 Muharram 1440 is
 * 2018-09-11 in Umm al-Qura and 2018-09-12 in the tabular calendar.
 */
#include "helpers.h"

#include <unistd.h>

#include "../../src/clean/date.h"

struct date_case {
	const char *in;
	const char *iso;     /* mr_date_iso of the date found; NULL: none found */
	const char *hijri;   /* mr_date_hijri_iso; "" when not Hijri */
	const char *span;    /* text[start, end), as written; NULL: not checked */
};

static const struct date_case cases[] = {
	/* numeric, in the three digit scripts */
	{ "نشر في 13-06-2018", "2018-06-13", "", "13-06-2018" },
	{ "آخر تحديث 13-06-2018 | 00:04", "2018-06-13T00:04", "", "13-06-2018 | 00:04" },
	{ "13/06/2018", "2018-06-13", "", "13/06/2018" },
	{ "13.06.2018", "2018-06-13", "", "13.06.2018" },
	{ "2018-06-13", "2018-06-13", "", "2018-06-13" },
	{ "2018/6/3", "2018-06-03", "", "2018/6/3" },
	{ "5/8/2015", "2015-08-05", "", "5/8/2015" },
	{ "2019-03-14 10:30", "2019-03-14T10:30", "", "2019-03-14 10:30" },
	{ "٢٠١٩/٠٣/١٤", "2019-03-14", "", "٢٠١٩/٠٣/١٤" },
	{ "۲۰۱۹/۰۳/۱۴", "2019-03-14", "", "۲۰۱۹/۰۳/۱۴" },
	{ "١٣-٠٦-٢٠١٨ الساعة ٠٠:٠٤", "2018-06-13T00:04", "", "١٣-٠٦-٢٠١٨ الساعة ٠٠:٠٤" },
	{ "۱۳.۰۶.۲۰۱۸ - ۲۳:۵۹", "2018-06-13T23:59", "", "۱۳.۰۶.۲۰۱۸ - ۲۳:۵۹" },
	{ "٢٤-٦-٢٠١٥", "2015-06-24", "", "٢٤-٦-٢٠١٥" },
	{ "2018-06-13T00:04", "2018-06-13T00:04", "", "2018-06-13T00:04" },
	{ "2019-03-14T10:30:00+03:00", "2019-03-14T10:30", "", "2019-03-14T10:30:00" },
	{ "2017-01-22T185600", "2017-01-22T18:56", "", "2017-01-22T185600" },   /* ISO basic time (ANT) */
	{ "2017-01-22T1856", "2017-01-22T18:56", "", "2017-01-22T1856" },
	{ "2018-06-13T00:04:33.123Z", "2018-06-13T00:04", "", "2018-06-13T00:04:33.123Z" },
	{ "2018-06-13T25:04", "2018-06-13", "", "2018-06-13T25" },
	{ "2018-06-13 T 08:15", "2018-06-13T08:15", "", "2018-06-13 T 08:15" },
	{ "2019-03-14 10:30:59 GMT", "2019-03-14T10:30", "", "2019-03-14 10:30:59" },
	{ "الأربعاء 13-06-2018", "2018-06-13", "", "الأربعاء 13-06-2018" },
	{ "الجمعة 06/01/2012م", "2012-01-06", "", "الجمعة 06/01/2012م" },
	{ "29/02/2016", "2016-02-29", "", "29/02/2016" },
	{ "29/02/2000", "2000-02-29", "", "29/02/2000" },
	{ "1900-01-01", "1900-01-01", "", "1900-01-01" },
	{ "31/12/2100", "2100-12-31", "", "31/12/2100" },
	/* a time that cannot be leaves the date alone */
	{ "2018-06-13 25:00", "2018-06-13", "", "2018-06-13" },
	{ "13/06/2018 10:75", "2018-06-13", "", "13/06/2018" },
	/* impossible or not dates */
	{ "29/02/2019", NULL, "", NULL },
	{ "29/02/1900", NULL, "", NULL },        /* 1900 is not a leap year */
	{ "13-13-2018", NULL, "", NULL },
	{ "31/04/2018", NULL, "", NULL },
	{ "30-02-2016", NULL, "", NULL },
	{ "00/06/2018", NULL, "", NULL },
	{ "32/01/2018", NULL, "", NULL },
	{ "13-06-1899", NULL, "", NULL },
	{ "13-06-2101", NULL, "", NULL },
	{ "06/13/2018", NULL, "", NULL },        /* not read as American */
	{ "13-06-18", NULL, "", NULL },
	{ "13-06/2018", NULL, "", NULL },
	{ "1440/09/15", NULL, "", NULL },        /* no هـ: a Gregorian year 1440 */
	{ "13-06-2018-05", NULL, "", NULL },
	{ "نحو 1,000 شخص و3.5 مليون في 2018", NULL, "", NULL },
	{ "", NULL, "", NULL },

	/* day, month name, year: Egypt and the Gulf */
	{ "الأربعاء، 13 يونيو 2018", "2018-06-13", "", "الأربعاء، 13 يونيو 2018" },
	{ "1 يناير 2020", "2020-01-01", "", "1 يناير 2020" },
	{ "14 فبراير 2019", "2019-02-14", "", "14 فبراير 2019" },
	{ "3 مارس 2017", "2017-03-03", "", "3 مارس 2017" },
	{ "25 أبريل 2016", "2016-04-25", "", "25 أبريل 2016" },
	{ "25 إبريل 2016", "2016-04-25", "", "25 إبريل 2016" },
	{ "1 مايو 2015م", "2015-05-01", "", "1 مايو 2015م" },
	{ "13 يونيه 2018", "2018-06-13", "", "13 يونيه 2018" },
	{ "4 يوليو 2014", "2014-07-04", "", "4 يوليو 2014" },
	{ "4 يوليه 2014 م", "2014-07-04", "", "4 يوليه 2014 م" },
	{ "15 أغسطس 2013", "2013-08-15", "", "15 أغسطس 2013" },
	{ "11 سبتمبر 2001", "2001-09-11", "", "11 سبتمبر 2001" },
	{ "6 أكتوبر 1973", "1973-10-06", "", "6 أكتوبر 1973" },
	{ "9 نوفمبر 1989", "1989-11-09", "", "9 نوفمبر 1989" },
	{ "31 ديسمبر 1999", "1999-12-31", "", "31 ديسمبر 1999" },
	/* the Levant and Iraq */
	{ "1 كانون الثاني 2020", "2020-01-01", "", "1 كانون الثاني 2020" },
	{ "12 كانون ثاني 2012", "2012-01-12", "", "12 كانون ثاني 2012" },
	{ "14 شباط 2005", "2005-02-14", "", "14 شباط 2005" },
	{ "14 آذار 2019", "2019-03-14", "", "14 آذار 2019" },
	{ "7 نيسان 2003", "2003-04-07", "", "7 نيسان 2003" },
	{ "25 أيار 2000", "2000-05-25", "", "25 أيار 2000" },
	{ "5 حزيران 1967", "1967-06-05", "", "5 حزيران 1967" },
	{ "14 تموز 1958", "1958-07-14", "", "14 تموز 1958" },
	{ "الجمعة 6 آب 2021", "2021-08-06", "", "الجمعة 6 آب 2021" },
	{ "28 أيلول 1970", "1970-09-28", "", "28 أيلول 1970" },
	{ "6 تشرين الأول 1973", "1973-10-06", "", "6 تشرين الأول 1973" },
	{ "29 تشرين الثاني 1947", "1947-11-29", "", "29 تشرين الثاني 1947" },
	{ "25 كانون الأول 2020", "2020-12-25", "", "25 كانون الأول 2020" },
	/* Algeria and Tunisia; Morocco */
	{ "5 جانفي 2017", "2017-01-05", "", "5 جانفي 2017" },
	{ "السبت 04 فيفري 2017", "2017-02-04", "", "السبت 04 فيفري 2017" },
	{ "9 أفريل 2016", "2016-04-09", "", "9 أفريل 2016" },
	{ "الثلاثاء 2 ماي2017", "2017-05-02", "", "الثلاثاء 2 ماي2017" },
	{ "5 جوان 2017", "2017-06-05", "", "5 جوان 2017" },
	{ "25 جويلية 2019", "2019-07-25", "", "25 جويلية 2019" },
	{ "13 أوت 2016", "2016-08-13", "", "13 أوت 2016" },
	{ "الخميس 18 ماي 2017 الساعة 16:00", "2017-05-18T16:00", "",
	  "الخميس 18 ماي 2017 الساعة 16:00" },
	{ "30 يوليوز 2019", "2019-07-30", "", "30 يوليوز 2019" },
	{ "20 غشت 2019", "2019-08-20", "", "20 غشت 2019" },
	{ "15 شتنبر 2018", "2018-09-15", "", "15 شتنبر 2018" },
	{ "6 نونبر 1975", "1975-11-06", "", "6 نونبر 1975" },
	{ "18 دجنبر 2018", "2018-12-18", "", "18 دجنبر 2018" },
	/* English */
	{ "June 13, 2018", "2018-06-13", "", "June 13, 2018" },
	{ "13 June 2018", "2018-06-13", "", "13 June 2018" },
	{ "Wednesday, June 13, 2018 at 10:30 pm", "2018-06-13T22:30", "",
	  "Wednesday, June 13, 2018 at 10:30 pm" },
	{ "13th of June 2018", "2018-06-13", "", "13th of June 2018" },
	{ "Sept. 5, 2019", "2019-09-05", "", "Sept. 5, 2019" },
	{ "1 Jan 2020 12:15 AM", "2020-01-01T00:15", "", "1 Jan 2020 12:15 AM" },
	{ "Updated: Dec 31, 1999, 11:59PM", "1999-12-31T23:59", "", "Dec 31, 1999, 11:59PM" },
	{ "MAY 1 2019", "2019-05-01", "", "MAY 1 2019" },
	/* two names of one month, years after «عام» */
	{ "6 آب/أغسطس 2021", "2021-08-06", "", "6 آب/أغسطس 2021" },
	{ "14 آذار (مارس) 2019", "2019-03-14", "", "14 آذار (مارس) 2019" },
	{ "18 مارس (آذار) 2015", "2015-03-18", "", "18 مارس (آذار) 2015" },
	{ "11 تشرين الثاني/ نوفمبر 2004", "2004-11-11", "", "11 تشرين الثاني/ نوفمبر 2004" },
	{ "24 يوليو تموز عام 2014", "2014-07-24", "", "24 يوليو تموز عام 2014" },
	{ "21 يوليو من عام 1969", "1969-07-21", "", "21 يوليو من عام 1969" },
	{ "20 من أكتوبر من العام 2014", "2014-10-20", "", "20 من أكتوبر من العام 2014" },
	{ "يونيو 13، 2018", "2018-06-13", "", "يونيو 13، 2018" },
	/* spelling: harakat, tatweel, alef forms, digits */
	{ "الأربعـــاء 13 يُونْيُو 2018", "2018-06-13", "", "الأربعـــاء 13 يُونْيُو 2018" },
	{ "الإثنين ١٤ آذَار ٢٠١٩م", "2019-03-14", "", "الإثنين ١٤ آذَار ٢٠١٩م" },
	{ "الاثنين ۱۴ اذار ۲۰۱۹", "2019-03-14", "", "الاثنين ۱۴ اذار ۲۰۱۹" },
	/* words and times around it */
	{ "وقال المسؤول إن الاجتماع عقد في 5 مايو 2019 في الرياض", "2019-05-05", "",
	  "5 مايو 2019" },
	{ "كتـــب: أحمد - الثلاثاء 12 مارس 2019 - 10:30 ص", "2019-03-12T10:30", "",
	  "الثلاثاء 12 مارس 2019 - 10:30 ص" },
	{ "15 تشرين الثاني 2019 الساعة 10:30 مساءً", "2019-11-15T22:30", "",
	  "15 تشرين الثاني 2019 الساعة 10:30 مساءً" },
	{ "12 مارس 2019 الساعة 2:00 ظهرا", "2019-03-12T14:00", "", "12 مارس 2019 الساعة 2:00 ظهرا" },
	{ "12 مارس 2019 الساعة 12:30 ظهرا", "2019-03-12T12:30", "", "12 مارس 2019 الساعة 12:30 ظهرا" },
	{ "10 مايو 2019 10:30 صباحاً.", "2019-05-10T10:30", "", "10 مايو 2019 10:30 صباحاً" },
	{ "10 مايو 2019م 9:05 م", "2019-05-10T21:05", "", "10 مايو 2019م 9:05 م" },
	{ "10 مايو 2019 - 3 قتلى", "2019-05-10", "", "10 مايو 2019" },
	/* incomplete: no year, no day, or parts too far apart */
	{ "الجمعة 6 آب", NULL, "", NULL },
	{ "جانفي 2017", NULL, "", NULL },
	{ "آذار (مارس) 2019", NULL, "", NULL },
	{ "18 يونيو", NULL, "", NULL },
	{ "قتل 5 أشخاص في مايو 2019", NULL, "", NULL },
	{ "الجمعة 6 آب، وفي عام 2021", NULL, "", NULL },
	{ "5 مايو\n2019", NULL, "", NULL },
	{ "5 مايو؟ 2019", NULL, "", NULL },
	{ "31 أبريل 2018", NULL, "", NULL },
	{ "30 فبراير 2020", NULL, "", NULL },
	{ "13 يونيو 1850", NULL, "", NULL },
	{ "فاز الفريق 3 - صفر 2014", NULL, "", NULL },   /* صفر the score */

	/* Hijri: tabular values */
	{ "15 رمضان 1440هـ", "2019-05-20", "1440-09-15", "15 رمضان 1440هـ" },
	{ "1 محرم 1440", "2018-09-12", "1440-01-01", "1 محرم 1440" },
	{ "1 المحرم 1400 هـ", "1979-11-21", "1400-01-01", "1 المحرم 1400 هـ" },
	{ "1 رمضان 1439 هـ", "2018-05-16", "1439-09-01", "1 رمضان 1439 هـ" },
	{ "1 صفر 1441", "2019-10-01", "1441-02-01", "1 صفر 1441" },
	{ "12 ربيع الأول 1441", "2019-11-10", "1441-03-12", "12 ربيع الأول 1441" },
	{ "10 ربيع الآخر 1440", "2018-12-19", "1440-04-10", "10 ربيع الآخر 1440" },
	{ "10 ربيع الثاني 1440", "2018-12-19", "1440-04-10", "10 ربيع الثاني 1440" },
	{ "5 جمادى الأولى 1439", "2018-01-22", "1439-05-05", "5 جمادى الأولى 1439" },
	{ "الأحد 15 جمادى الآخرة 1440 هـ", "2019-02-21", "1440-06-15",
	  "الأحد 15 جمادى الآخرة 1440 هـ" },
	{ "1 جُمادى الثانية 1440", "2019-02-07", "1440-06-01", "1 جُمادى الثانية 1440" },
	{ "27 رجب 1440", "2019-04-03", "1440-07-27", "27 رجب 1440" },
	{ "15 شعبان 1440", "2019-04-21", "1440-08-15", "15 شعبان 1440" },
	{ "1 شوال 1440 هـ", "2019-06-05", "1440-10-01", "1 شوال 1440 هـ" },
	{ "15 ذو القعدة 1440", "2019-07-18", "1440-11-15", "15 ذو القعدة 1440" },
	{ "15 ذي القعدة 1440", "2019-07-18", "1440-11-15", "15 ذي القعدة 1440" },
	{ "10 ذو الحجة 1440 هـ", "2019-08-12", "1440-12-10", "10 ذو الحجة 1440 هـ" },
	{ "1 رمضان 1445هـ", "2024-03-11", "1445-09-01", "1 رمضان 1445هـ" },
	{ "16 صفر سنة 1355هـ", "1936-05-08", "1355-02-16", "16 صفر سنة 1355هـ" },
	{ "15 محرم عام 1380 للهجرة", "1960-07-10", "1380-01-15", "15 محرم عام 1380 للهجرة" },
	{ "1 محرم 1300", "1882-11-12", "1300-01-01", "1 محرم 1300" },
	{ "29 ذو الحجة 1500", "2077-11-16", "1500-12-29", "29 ذو الحجة 1500" },
	/* a 30th the table does not have is the next day */
	{ "30 شعبان 1440", "2019-05-06", "1440-08-30", "30 شعبان 1440" },
	{ "15/09/1440هـ", "2019-05-20", "1440-09-15", "15/09/1440هـ" },
	{ "1440/09/15 هـ", "2019-05-20", "1440-09-15", "1440/09/15 هـ" },
	{ "الخميس ١٤/١٠/١٤٣٦ه", "2015-07-31", "1436-10-14", "الخميس ١٤/١٠/١٤٣٦ه" },
	{ "١٥ رمضان ١٤٤٠هـ", "2019-05-20", "1440-09-15", "١٥ رمضان ١٤٤٠هـ" },
	{ "15 رمضان 1299", NULL, "", NULL },
	{ "15 رمضان 1501", NULL, "", NULL },
	{ "31 رمضان 1440", NULL, "", NULL },
	{ "15 رمضان", NULL, "", NULL },
	/* both calendars: the Gregorian date as written, the Hijri fields set */
	{ "15 رمضان 1440هـ الموافق 20 مايو 2019م", "2019-05-20", "1440-09-15",
	  "15 رمضان 1440هـ الموافق 20 مايو 2019م" },
	{ "20 مايو 2019م الموافق 15 رمضان 1440هـ", "2019-05-20", "1440-09-15",
	  "20 مايو 2019م الموافق 15 رمضان 1440هـ" },
	{ "20 مايو 2019 (15 رمضان 1440هـ)", "2019-05-20", "1440-09-15",
	  "20 مايو 2019 (15 رمضان 1440هـ" },
	/* the paper (Umm al-Qura) says the 11th, the table the 12th */
	{ "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "2015-08-11", "1436-10-26",
	  "26 شوال 1436 هـ الموافق 11 أغسطس 2015 م" },
	{ "الرياض 26 شوال 1436 هـ واس", "2015-08-12", "1436-10-26", "26 شوال 1436 هـ" },
	{ "الاثنين ١٥ ذو القعدة ١٤٤٠ هـ الموافق ١٧ يوليو ٢٠١٩ م", "2019-07-17", "1440-11-15",
	  "الاثنين ١٥ ذو القعدة ١٤٤٠ هـ الموافق ١٧ يوليو ٢٠١٩ م" },
	{ "الخميس 14/10/1436هـ الموافق 30/7/2015م", "2015-07-30", "1436-10-14",
	  "الخميس 14/10/1436هـ الموافق 30/7/2015م" },
	{ "17/10/1436ه ، الموافق لـ 02/08/2015 الساعة 10:00", "2015-08-02T10:00", "1436-10-17",
	  "17/10/1436ه ، الموافق لـ 02/08/2015 الساعة 10:00" },
	/* apart in the line: the Gregorian date's range, the Hijri fields */
	{ "15 رمضان 1440 وفي وقت لاحق من يوم 22 مايو 2019", "2019-05-22", "1440-09-15",
	  "22 مايو 2019" },
};

/* A copy in a buffer of exactly n bytes, so that AddressSanitizer sees any
 * read past the end. */
static char *exact_copy(const char *s, size_t n)
{
	char *p = xmalloc(n ? n : 1);

	memcpy(p, s, n);
	return p;
}

static void test_find(void **state)
{
	const struct date_case *c = *state;
	size_t n = strlen(c->in);
	char *in = exact_copy(c->in, n);
	struct mr_date d;
	char iso[20], hijri[16];
	int found = mr_date_find(in, n, &d);

	if (!c->iso) {
		if (found) {
			mr_date_iso(&d, iso);
			fail_msg("\"%s\": found %s, want no date", c->in, iso);
		}
		free(in);
		return;
	}
	if (!found)
		fail_msg("\"%s\": no date, want %s", c->in, c->iso);
	mr_date_iso(&d, iso);
	mr_date_hijri_iso(&d, hijri);
	if (strcmp(iso, c->iso) || strcmp(hijri, c->hijri))
		fail_msg("\"%s\": %s / \"%s\", want %s / \"%s\"", c->in, iso, hijri,
			 c->iso, c->hijri);
	assert_true(d.start < d.end && d.end <= n);
	if (c->span && (d.end - d.start != strlen(c->span) ||
			memcmp(in + d.start, c->span, d.end - d.start)))
		fail_msg("\"%s\": range [%zu,%zu) is \"%.*s\", want \"%s\"", c->in,
			 d.start, d.end, (int)(d.end - d.start), in + d.start, c->span);
	/* the fields agree with the strings */
	assert_int_equal(d.hour < 0, strchr(c->iso, 'T') == NULL);
	assert_int_equal(d.hour < 0, d.minute < 0);
	assert_int_equal(d.hijri_year == 0, c->hijri[0] == '\0');
	free(in);
}

/* Byte offsets written out, for a few lines. */
struct offset_case {
	const char *in;
	size_t start, end;
};

static const struct offset_case offsets[] = {
	{ "نشر في 13-06-2018", 12, 22 },
	{ "نشر في ١٣-٠٦-٢٠١٨", 12, 30 },              /* two bytes a digit */
	{ "نشر في ۱۳-۰۶-۲۰۱۸ اليوم", 12, 30 },
	{ "آخر تحديث 13-06-2018 | 00:04 بتوقيت مكة", 18, 36 },
	{ "Posted June 13, 2018 by AP", 7, 20 },
	{ "«الأحد 5 مايو 2019»", 2, 28 },             /* quotes left out */
	{ "في 3 أفريل 2015م.", 5, 24 },
	{ "x 15 رمضان 1440هـ", 2, 24 },               /* tatweel of هـ kept */
};

static void test_offsets(void **state)
{
	const struct offset_case *c = *state;
	struct mr_date d;

	assert_true(mr_date_find(c->in, strlen(c->in), &d));
	if (d.start != c->start || d.end != c->end)
		fail_msg("\"%s\": [%zu,%zu), want [%zu,%zu)", c->in, d.start, d.end,
			 c->start, c->end);
}

/* Nothing found: out is left as it was. */
static void test_out_untouched(void **state)
{
	struct mr_date d, before;

	(void)state;
	memset(&d, 0x5A, sizeof(d));
	before = d;
	assert_false(mr_date_find("الجمعة 6 آب", strlen("الجمعة 6 آب"), &d));
	assert_memory_equal(&d, &before, sizeof(d));
	assert_false(mr_date_find(NULL, 0, &d));
	assert_memory_equal(&d, &before, sizeof(d));
}

static void test_iso_output(void **state)
{
	struct mr_date d = { 2018, 6, 13, -1, -1, 0, 0, 0, 0, 0 };
	char iso[20], hijri[16];

	(void)state;
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "2018-06-13");
	mr_date_hijri_iso(&d, hijri);
	assert_string_equal(hijri, "");
	d.hour = 0, d.minute = 4;
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "2018-06-13T00:04");
	d.hour = 23, d.minute = 59;
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "2018-06-13T23:59");
	d.hour = 7, d.minute = -1;               /* half a time is none */
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "2018-06-13");
	d.hijri_year = 1439, d.hijri_month = 9, d.hijri_day = 15;
	mr_date_hijri_iso(&d, hijri);
	assert_string_equal(hijri, "1439-09-15");
	d.month = 13;                            /* not a date: empty */
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "");
	d.month = 6, d.year = 123456;
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "");
	d.year = 987, d.hour = 9, d.minute = 5;  /* four digits always */
	mr_date_iso(&d, iso);
	assert_string_equal(iso, "0987-06-13T09:05");
}

/*
 * Every 1st, 15th, 29th and 30th of every month from 1300 to 1500 AH against
 * a day count of its own: from 1 Muharram 1300 = 1882-11-12 (ICU's
 * islamic-civil), odd months 30 days, even months 29, Dhu al-Hijja 30 in
 * the leap years ((14 + 11 y) mod 30 < 11); days to Gregorian by Howard
 * Hinnant's civil_from_days.  (date.c's closed formula was also compared
 * with ICU's islamic-civil on all 71,228 days of 1300-1500.)
 */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void test_hijri_sweep(void **state)
{
	static const char *const names[12] = {
		"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى",
		"جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة",
		"ذو الحجة",
	};
	static const int days[] = { 1, 15, 29, 30 };
	long first = days_from_civil(1882, 11, 12);   /* 1 Muharram 1300 */
	struct buf line = BUF_INIT;
	int y, m;
	size_t i, checked = 0;

	(void)state;
	for (y = 1300; y <= 1500; y++) {
		int leap = (14 + 11 * y) % 30 < 11;

		for (m = 1; m <= 12; m++) {
			int len = m % 2 || (m == 12 && leap) ? 30 : 29;

			for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
				struct mr_date d;
				int gy, gm, gd;

				buf_reset(&line);
				buf_printf(&line, "%d %s %dهـ", days[i], names[m - 1], y);
				civil_from_days(first + days[i] - 1, &gy, &gm, &gd);
				assert_true(mr_date_find(line.data, line.len, &d));
				if (d.year != gy || d.month != gm || d.day != gd ||
				    d.hijri_year != y || d.hijri_month != m ||
				    d.hijri_day != days[i])
					fail_msg("\"%s\": %d-%d-%d, want %d-%d-%d", line.data,
						 d.year, d.month, d.day, gy, gm, gd);
				checked++;
			}
			first += len;
		}
	}
	assert_int_equal(checked, 201 * 12 * 4);
	buf_release(&line);
}

/* Every prefix of a few lines, each in a buffer of exactly its size: no
 * read past the end (AddressSanitizer), and a range inside the prefix. */
static void test_prefixes(void **state)
{
	static const char *const lines[] = {
		"الاثنين ١٥ ذو القعدة ١٤٤٠ هـ الموافق ١٧ يوليو ٢٠١٩ م الساعة ١٠:٣٠ مساءً",
		"Updated: Wednesday, June 13, 2018 at 10:30 pm",
		"2019-03-14T10:30:00+03:00 | 13-06-2018 | 00:04",
		"6 آب/أغسطس 2021 \xFF\xC3 15 تشرين الثاني/ نوفمبر 2004",
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t len = strlen(lines[i]);

		for (n = 0; n <= len; n++) {
			char *p = exact_copy(lines[i], n);
			struct mr_date d;

			if (mr_date_find(p, n, &d)) {
				char iso[20];

				assert_true(d.start < d.end && d.end <= n);
				mr_date_iso(&d, iso);
				assert_int_not_equal(iso[0], '\0');
			}
			free(p);
		}
		/* the whole line has its date */
		{
			struct mr_date d;

			assert_true(mr_date_find(lines[i], len, &d));
		}
	}
}

/* Real news: every line of the first SaudiNewsNet articles.  A date found has
 * a valid ISO form and a range in its line, and the range alone gives the
 * same date. */
#define DOCS 5000

static struct corpus corpus;
static int have_data;

static void test_real_news(void **state)
{
	size_t i, found = 0, hijri = 0;

	(void)state;
	if (!have_data)
		skip();
	for (i = 0; i < corpus.count; i++) {
		size_t len, s = 0;
		const char *doc = corpus_doc(&corpus, i, &len);

		while (s < len) {
			const char *nl = memchr(doc + s, '\n', len - s);
			size_t e = nl ? (size_t)(nl - doc) : len;
			struct mr_date d, again;
			char iso[20], iso2[20];

			if (mr_date_find(doc + s, e - s, &d)) {
				mr_date_iso(&d, iso);
				assert_int_not_equal(iso[0], '\0');
				assert_true(d.start < d.end && d.end <= e - s);
				assert_true(mr_date_find(doc + s + d.start, d.end - d.start,
							 &again));
				mr_date_iso(&again, iso2);
				if (strcmp(iso, iso2))
					fail_msg("document %zu: \"%.*s\" gives %s alone, %s in its line",
						 i, (int)(d.end - d.start), doc + s + d.start,
						 iso2, iso);
				found++;
				hijri += d.hijri_year != 0;
			}
			s = e + 1;
		}
	}
	/* 203 dates, 64 of them with a Hijri date, when this was written */
	if (found < 180 || hijri < 55)
		fail_msg("%zu dates, %zu Hijri: fewer than before", found, hijri);
}

static void load(void)
{
	have_data = !load_saudinewsnet(&corpus, "content", DOCS,
				       "dates in SaudiNewsNet");
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	load();
	ADD_ROWS(&l, "date:", cases, test_find, in);
	ADD_ROWS(&l, "offsets:", offsets, test_offsets, in);
	ADD_TEST(&l, test_out_untouched);
	ADD_TEST(&l, test_iso_output);
	ADD_TEST(&l, test_hijri_sweep);
	ADD_TEST(&l, test_prefixes);
	ADD_TEST(&l, test_real_news);
	failed = run_group("date", &l);
	if (have_data)
		corpus_free(&corpus);
	return failed;
}
