/*
 * date: the first complete date written in a line of news text.
 *
 * The cleaner reads the publication date from lines such as «نشر في
 * 13-06-2018», «آخر تحديث 13-06-2018 | 00:04», «الأربعاء، 13 يونيو 2018»,
 * «6 آب/أغسطس 2021», «15 رمضان 1440هـ الموافق 20 مايو 2019م» or
 * «June 13, 2018 at 10:30 pm».  This module finds such an expression.
 *
 * The line is read through the tokenizer (token.h), so every spelling the
 * search form folds is accepted: Arabic-Indic (٠-٩) and Extended Arabic-Indic
 * (۰-۹) digits, harakat, tatweel, alef and hamza forms (أبريل = ابريل,
 * آذار = اذار), ة/ه and ى/ي (جمادى الآخرة = جمادي الاخره), Latin case.
 * Offsets are byte offsets into the text as written.
 *
 * Forms (the parts of one expression may be separated by spaces and
 * punctuation, at most 16 bytes of it and no line break or ! ? ; ؟ ؛):
 *  - numeric: dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, yyyy/mm/dd,
 *    yyyy.mm.dd (the same separator twice; one or two digits for day and
 *    month).  Day first always: 06/13/2018 is rejected, not read as
 *    American.  Two-digit years are not dates.  ISO "2018-06-13T00:04" too;
 *  - day, month name, year: «13 يونيو 2018», «13 June 2018», «13th of June
 *    2018», «13 من يونيو 2018», «21 يوليو من عام 1969», «16 صفر سنة
 *    1355هـ» (عام، العام، لعام، سنة، لسنة, perhaps after من, before the
 *    year); and month, day, year: «June 13, 2018»,
 *    «يونيو 13، 2018» (as WordPress writes it).  Month names of every
 *    region:
 *      Egypt and the Gulf  يناير فبراير مارس أبريل/إبريل مايو يونيو/يونيه
 *                          يوليو/يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
 *      Levant and Iraq     كانون الثاني، شباط، آذار، نيسان، أيار (and مايس)،
 *                          حزيران، تموز، آب، أيلول، تشرين الأول، تشرين
 *                          الثاني، كانون الأول (also without the article:
 *                          كانون ثاني)
 *      Algeria, Tunisia    جانفي فيفري مارس أفريل ماي جوان جويلية أوت ...
 *      Morocco             ... ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر
 *      English             January ... December and Jan Feb ... Sep/Sept ...
 *    A second name of the same month may follow the first: «6 آب/أغسطس
 *    2021», «14 آذار (مارس) 2019»;
 *  - Hijri: day, Hijri month, year 1300-1500: محرم/المحرم، صفر، ربيع الأول،
 *    ربيع الآخر/الثاني، جمادى الأولى، جمادى الآخرة/الثانية، رجب، شعبان،
 *    رمضان، شوال، ذو (ذي) القعدة، ذو (ذي) الحجة; and a numeric date whose
 *    year is 1300-1500 followed by هـ (15/09/1440هـ, 1440/09/15 هـ).  The
 *    Gregorian fields then hold its conversion (below).
 * Around the date:
 *  - a weekday before it (الأحد، الاثنين/الإثنين ... السبت; Sunday ...;
 *    Sun ...) belongs to the expression;
 *  - after the year, «م» / ميلادي / ميلادية / للميلاد (Gregorian) or «هـ» /
 *    «ه» / هجري / هجرية / للهجرة (Hijri) belongs to it;
 *  - a time hh:mm (or h:mm, hh:mm:ss) may follow, after spaces, "|", "-",
 *    "،", الساعة, في, "T" or "at", with an optional ص/صباحا/am (12 -> 0),
 *    م/مساء/pm (+12 before noon), ظهرا (1-6 -> 13-18), عصرا, ليلا (6-11 ->
 *    18-23), فجرا.  A time outside 00:00-23:59 is left out (the date stays).
 * Rejected: impossible dates (month 13, 31 April, 29 February 2019),
 * Gregorian years outside 1900-2100, Hijri years outside 1300-1500, Hijri
 * days above 30, and an incomplete date — «الجمعة 6 آب» or «جانفي 2017»
 * have no year or no day, and a caller is better off with no date than a
 * guessed one.  Times before the date (10:30 - 13/06/2018) are not read.
 *
 * Hijri dates are converted with the tabular (arithmetical) Islamic
 * calendar, civil epoch: 1 Muharram 1 AH = Friday 16 July 622 Julian, leap
 * years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle — the
 * civil variant of the "Kuwaiti algorithm", ICU's "islamic-civil" (all days
 * of 1300-1500 AH were checked against ICU).  The copies of the Kuwaiti
 * algorithm that count from the astronomical epoch (ICU "islamic-tbla") give
 * the day before.  Umm al-Qura, Saudi Arabia's official calendar, and dates
 * fixed by sighting the moon may differ by a day or two: over 1300-1500 AH
 * Umm al-Qura gives the same day as this table on 59% of days and is within
 * one day on 99% (1 Muharram 1440: table 2018-09-12, Umm al-Qura 09-11).
 * When a text gives both calendars, the Gregorian date it wrote wins.  A
 * 30th day of a month the table makes 29 days long is taken as the day after
 * the 29th.
 *
 * A line with both calendars: when a Hijri date comes first and a Gregorian
 * one follows anywhere in the line, the Gregorian date is returned with the
 * Hijri fields set; when the Gregorian one comes first, a Hijri date right
 * after it (joined by الموافق, المصادف, "-", "/", "(" ...) sets the Hijri
 * fields.  When the two are adjacent («15 رمضان 1440هـ الموافق 20 مايو
 * 2019م») the range covers both; otherwise it is the Gregorian date's.
 *
 * Pure: no state, no allocation, no I/O.
 */
#ifndef MARSAD_DATE_H
#define MARSAD_DATE_H

#include <stddef.h>

struct mr_date {
	int year, month, day;        /* Gregorian; all three set when found */
	int hour, minute;            /* -1 when no time is given */
	int hijri_year, hijri_month, hijri_day;   /* set when written as Hijri, else 0 */
	size_t start, end;           /* byte range of the expression in the text */
};

/* Finds the first complete date expression (day, month and year) in
 * text[0..n) (UTF-8, not necessarily valid; NULL when n is 0) and returns
 * 1, or returns 0 (out is then left untouched). */
int mr_date_find(const char *text, size_t n, struct mr_date *out);

/* ISO 8601: "2018-06-13" or "2018-06-13T00:04" when a time is known; an
 * empty string when d holds no valid date. */
void mr_date_iso(const struct mr_date *d, char out[20]);

/* The Hijri date as "1439-09-15", empty string when not Hijri. */
void mr_date_hijri_iso(const struct mr_date *d, char out[16]);

#endif
