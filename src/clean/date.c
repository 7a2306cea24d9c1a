#include "date.h"

#include <string.h>

#include "../text/token.h"

/*
 * The text is read as tokens (token.h) through a window: matching at token i
 * looks ahead at most about 30 tokens (weekday, day, two-word month, second
 * month name, year, era, time, then a Hijri date joined to a Gregorian one),
 * so the window holds 48 and the scan goes left to right once.
 */
#define WIN 48
#define TOK_TEXT 48     /* longer tokens are never part of a date */
#define MAX_GAP 16      /* bytes of spaces and punctuation between parts */

struct dtok {
	char s[TOK_TEXT];        /* search form; "" when too long */
	size_t len;              /* its real length */
	size_t start, end;       /* bytes in the original */
	enum mr_token_kind kind;
};

struct win {
	const char *text;
	struct mr_tokenizer t;
	struct dtok ring[WIN];
	size_t base;             /* no token before base is asked for again */
	size_t filled;           /* tokens read so far */
	int eof;
};

/* Token k (0-based), or NULL past the end of the text or of the window. */
static const struct dtok *at(struct win *w, size_t k)
{
	if (k < w->base || k >= w->base + WIN)
		return NULL;
	while (k >= w->filled) {
		struct mr_token tok;
		struct dtok *d;

		if (w->eof || !mr_tokenizer_next(&w->t, &tok)) {
			w->eof = 1;
			return NULL;
		}
		d = &w->ring[w->filled % WIN];
		d->len = tok.len;
		if (tok.len < TOK_TEXT)
			memcpy(d->s, tok.text, tok.len + 1);
		else
			d->s[0] = '\0';
		d->start = tok.start;
		d->end = tok.end;
		d->kind = tok.kind;
		w->filled++;
	}
	return &w->ring[k % WIN];
}

static int eq(const struct dtok *t, const char *word)
{
	/* the first byte turns most words away before strlen */
	return t->s[0] == word[0] && t->len == strlen(word) &&
	       memcmp(t->s, word, t->len) == 0;
}

static int eq_any(const struct dtok *t, const char *const *words)
{
	for (; *words; words++)
		if (eq(t, *words))
			return 1;
	return 0;
}

/* Only spaces and punctuation can stand between two tokens; a date's parts
 * must be close, in one sentence, on one line. */
static int gap_ok(const char *text, size_t from, size_t to)
{
	size_t i;

	if (to <= from)
		return 1;
	if (to - from > MAX_GAP)
		return 0;
	for (i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n' || c == '\r' || c == '!' || c == '?' || c == ';')
			return 0;
		/* ؛ U+061B and ؟ U+061F */
		if (c == 0xD8 && i + 1 < to &&
		    ((unsigned char)text[i + 1] == 0x9B ||
		     (unsigned char)text[i + 1] == 0x9F))
			return 0;
	}
	return 1;
}

static int joined(const struct win *w, const struct dtok *a, const struct dtok *b)
{
	return gap_ok(w->text, a->end, b->start);
}

/* ---- word tables, written in the search form (token.h, fold.h): alef and
 * hamza forms folded to ا, ى to ي, ة to ه, harakat and tatweel dropped,
 * Latin lower-case.  tests/unit/test_date.c writes them as people do. */

enum cal { GREG, HIJRI };

struct month_name {
	const char *w1, *w2;     /* w2 is NULL for a one-word name */
	unsigned char month;
	unsigned char cal;
};

static const struct month_name months[] = {
	/* Egypt and the Gulf */
	{ "يناير", NULL, 1, GREG }, { "فبراير", NULL, 2, GREG },
	{ "مارس", NULL, 3, GREG }, { "ابريل", NULL, 4, GREG },
	{ "مايو", NULL, 5, GREG }, { "يونيو", NULL, 6, GREG },
	{ "يونيه", NULL, 6, GREG }, { "يوليو", NULL, 7, GREG },
	{ "يوليه", NULL, 7, GREG }, { "اغسطس", NULL, 8, GREG },
	{ "سبتمبر", NULL, 9, GREG }, { "اكتوبر", NULL, 10, GREG },
	{ "نوفمبر", NULL, 11, GREG }, { "ديسمبر", NULL, 12, GREG },
	/* the Levant and Iraq */
	{ "كانون", "الثاني", 1, GREG }, { "كانون", "ثاني", 1, GREG },
	{ "شباط", NULL, 2, GREG }, { "اذار", NULL, 3, GREG },
	{ "نيسان", NULL, 4, GREG }, { "ايار", NULL, 5, GREG },
	{ "مايس", NULL, 5, GREG }, { "حزيران", NULL, 6, GREG },
	{ "تموز", NULL, 7, GREG }, { "اب", NULL, 8, GREG },
	{ "ايلول", NULL, 9, GREG },
	{ "تشرين", "الاول", 10, GREG }, { "تشرين", "اول", 10, GREG },
	{ "تشرين", "الثاني", 11, GREG }, { "تشرين", "ثاني", 11, GREG },
	{ "كانون", "الاول", 12, GREG }, { "كانون", "اول", 12, GREG },
	/* Algeria and Tunisia (مارس سبتمبر اكتوبر نوفمبر ديسمبر above) */
	{ "جانفي", NULL, 1, GREG }, { "فيفري", NULL, 2, GREG },
	{ "افريل", NULL, 4, GREG }, { "ماي", NULL, 5, GREG },
	{ "جوان", NULL, 6, GREG }, { "جويليه", NULL, 7, GREG },
	{ "اوت", NULL, 8, GREG },
	/* Morocco (the others above) */
	{ "يوليوز", NULL, 7, GREG }, { "غشت", NULL, 8, GREG },
	{ "شتنبر", NULL, 9, GREG }, { "نونبر", NULL, 11, GREG },
	{ "دجنبر", NULL, 12, GREG },
	/* English */
	{ "january", NULL, 1, GREG }, { "february", NULL, 2, GREG },
	{ "march", NULL, 3, GREG }, { "april", NULL, 4, GREG },
	{ "may", NULL, 5, GREG }, { "june", NULL, 6, GREG },
	{ "july", NULL, 7, GREG }, { "august", NULL, 8, GREG },
	{ "september", NULL, 9, GREG }, { "october", NULL, 10, GREG },
	{ "november", NULL, 11, GREG }, { "december", NULL, 12, GREG },
	{ "jan", NULL, 1, GREG }, { "feb", NULL, 2, GREG },
	{ "mar", NULL, 3, GREG }, { "apr", NULL, 4, GREG },
	{ "jun", NULL, 6, GREG }, { "jul", NULL, 7, GREG },
	{ "aug", NULL, 8, GREG }, { "sep", NULL, 9, GREG },
	{ "sept", NULL, 9, GREG }, { "oct", NULL, 10, GREG },
	{ "nov", NULL, 11, GREG }, { "dec", NULL, 12, GREG },
	/* Hijri */
	{ "محرم", NULL, 1, HIJRI }, { "المحرم", NULL, 1, HIJRI },
	{ "صفر", NULL, 2, HIJRI },
	{ "ربيع", "الاول", 3, HIJRI }, { "ربيع", "اول", 3, HIJRI },
	{ "ربيع", "الاخر", 4, HIJRI }, { "ربيع", "اخر", 4, HIJRI },
	{ "ربيع", "الثاني", 4, HIJRI }, { "ربيع", "ثاني", 4, HIJRI },
	{ "جمادي", "الاولي", 5, HIJRI }, { "جمادي", "الاول", 5, HIJRI },
	{ "جمادي", "اولي", 5, HIJRI }, { "جماد", "الاول", 5, HIJRI },
	{ "جمادي", "الاخره", 6, HIJRI }, { "جمادي", "الاخر", 6, HIJRI },
	{ "جمادي", "الثانيه", 6, HIJRI }, { "جمادي", "الثاني", 6, HIJRI },
	{ "جمادي", "اخره", 6, HIJRI }, { "جماد", "الاخر", 6, HIJRI },
	{ "رجب", NULL, 7, HIJRI }, { "شعبان", NULL, 8, HIJRI },
	{ "رمضان", NULL, 9, HIJRI }, { "شوال", NULL, 10, HIJRI },
	{ "ذو", "القعده", 11, HIJRI }, { "ذي", "القعده", 11, HIJRI },
	{ "ذوالقعده", NULL, 11, HIJRI }, { "ذيالقعده", NULL, 11, HIJRI },
	{ "ذو", "الحجه", 12, HIJRI }, { "ذي", "الحجه", 12, HIJRI },
	{ "ذوالحجه", NULL, 12, HIJRI }, { "ذيالحجه", NULL, 12, HIJRI },
};

static const char *const weekdays[] = {
	"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sun", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
	"fri", "sat", NULL,
};

/* after the year: the era */
static const char *const era_greg[] = {
	"م", "ميلادي", "ميلاديه", "للميلاد", NULL,
};
static const char *const era_hijri[] = {
	"ه", "هجري", "هجريه", "للهجره", NULL,
};

/* between day and month: «13th of June», «13 من يونيو» */
static const char *const of_words[] = { "of", "من", NULL };

/* between the month and the year: «21 يوليو من عام 1969», «16 صفر سنة
 * 1355هـ» («من» only in front of one of these) */
static const char *const year_words[] = {
	"عام", "العام", "لعام", "سنه", "لسنه", NULL,
};

/* between the date and its time: «- الساعة 10:30», «at 10:30» */
static const char *const time_words[] = {
	"الساعه", "ساعه", "في", "عند", "at", "t", NULL,
};

/* between a Hijri date and the Gregorian one: «الموافق لـ» */
static const char *const calendar_links[] = {
	"الموافق", "الموافقه", "المصادف", "ل", "و", NULL,
};

enum half { H_NONE, H_AM, H_PM, H_NOON, H_NIGHT };

static const struct { const char *w; enum half h; } halves[] = {
	{ "ص", H_AM }, { "صباحا", H_AM }, { "صباح", H_AM }, { "فجرا", H_AM },
	{ "am", H_AM },
	{ "م", H_PM }, { "مساء", H_PM }, { "مساءا", H_PM }, { "عصرا", H_PM },
	{ "pm", H_PM },
	{ "ظهرا", H_NOON }, { "ليلا", H_NIGHT },
};

/* ---- numbers */

/* The value of s[0..n) when it is 1..4 ASCII digits, else -1. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	if (n < 1 || n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Length of the run of ASCII digits at s[0..n). */
static size_t digit_run(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const unsigned char dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* A numeric date token: d-m-y or y-m-d with one separator of - / . twice;
 * when iso_hour is not NULL, also "yyyy-mm-ddthh" (the tokenizer keeps the
 * T and the hour with the date) with the hour in *iso_hour, and the ISO
 * basic form "yyyy-mm-ddthhmm[ss]" with the minutes in *iso_minute too. */
static int numeric_date(const struct dtok *t, int *y, int *m, int *d,
			int *iso_hour, int *iso_minute)
{
	const char *s = t->s;
	size_t n = t->len, a, b, c, p;
	char sep;
	int v1, v2, v3;

	if (n >= TOK_TEXT)
		return 0;
	a = digit_run(s, n);
	if (a == 0 || a >= n)
		return 0;
	sep = s[a];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	b = digit_run(s + a + 1, n - a - 1);
	p = a + 1 + b;
	if (b == 0 || p >= n || s[p] != sep)
		return 0;
	c = digit_run(s + p + 1, n - p - 1);
	v1 = digits(s, a);
	v2 = digits(s + a + 1, b);
	v3 = digits(s + p + 1, c);
	if (v1 < 0 || v2 < 0 || v3 < 0 || b > 2)
		return 0;
	p += 1 + c;
	if (p < n) {
		/* 2018-06-13t00 */
		size_t h;

		if (!iso_hour || a != 4 || sep != '-' || s[p] != 't')
			return 0;
		h = n - p - 1;
		*iso_minute = -1;
		if ((h == 4 || h == 6) && digit_run(s + p + 1, h) == h) {
			/* 2017-01-22t185600 */
			*iso_hour = digits(s + p + 1, 2);
			*iso_minute = digits(s + p + 3, 2);
			if (*iso_hour > 23 || *iso_minute > 59)
				return 0;
		} else if (h < 1 || h > 2 || (*iso_hour = digits(s + p + 1, h)) < 0) {
			return 0;
		}
	} else if (iso_hour) {
		*iso_hour = -1;
		*iso_minute = -1;
	}
	if (a == 4 && c >= 1 && c <= 2) {
		*y = v1, *m = v2, *d = v3;
		return 1;
	}
	if (a <= 2 && c == 4) {
		*d = v1, *m = v2, *y = v3;
		return 1;
	}
	return 0;
}

/* A day: 1 or 2 digits, or an English ordinal (13th, 1st, 22nd, 3rd). */
static int day_token(const struct dtok *t)
{
	size_t r;

	if (t->len >= TOK_TEXT)
		return -1;
	r = digit_run(t->s, t->len);
	if (r < 1 || r > 2)
		return -1;
	if (r != t->len) {
		const char *suf = t->s + r;

		if (t->len - r != 2 || (strcmp(suf, "st") && strcmp(suf, "nd") &&
					strcmp(suf, "rd") && strcmp(suf, "th")))
			return -1;
	}
	return digits(t->s, r);
}

static int year_token(const struct dtok *t)
{
	if (t->kind != MR_TOK_NUMBER || t->len != 4)
		return -1;
	return digits(t->s, 4);
}

/* A clock time: h:mm, hh:mm or hh:mm:ss, perhaps with am/pm stuck to it. */
static int clock_token(const struct dtok *t, int *hour, int *minute,
		       enum half *half)
{
	const char *s = t->s;
	size_t n = t->len, h, p;

	if (n >= TOK_TEXT)
		return 0;
	*half = H_NONE;
	if (n > 2 && (strcmp(s + n - 2, "am") == 0 || strcmp(s + n - 2, "pm") == 0)) {
		*half = s[n - 2] == 'a' ? H_AM : H_PM;
		n -= 2;
	}
	h = digit_run(s, n);
	if (h < 1 || h > 2 || h + 3 > n || s[h] != ':')
		return 0;
	if (digit_run(s + h + 1, n - h - 1) != 2)
		return 0;
	p = h + 3;
	if (p < n && !(n - p == 3 && s[p] == ':' &&
		       digit_run(s + p + 1, 2) == 2))
		return 0;
	*hour = digits(s, h);
	*minute = digits(s + h + 1, 2);
	return 1;
}

/* The month name at token k (one or two tokens): its number, calendar and
 * the number of tokens, or 0. */
static int month_at(struct win *w, size_t k, const struct month_name **found)
{
	const struct dtok *a = at(w, k), *b = at(w, k + 1);
	size_t i;

	if (!a)
		return 0;
	if (b && joined(w, a, b))
		for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
			if (months[i].w2 && eq(a, months[i].w1) &&
			    eq(b, months[i].w2)) {
				*found = &months[i];
				return 2;
			}
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (!months[i].w2 && eq(a, months[i].w1)) {
			*found = &months[i];
			return 1;
		}
	return 0;
}

/* ---- matching */

struct hit {
	int cal;
	int y, m, d, hour, minute;
	size_t start, end;       /* bytes */
	size_t next;             /* first token after the expression */
};

static int valid(const struct hit *h)
{
	if (h->m < 1 || h->m > 12 || h->d < 1)
		return 0;
	if (h->cal == HIJRI)
		return h->y >= 1300 && h->y <= 1500 && h->d <= 30;
	return h->y >= 1900 && h->y <= 2100 && h->d <= days_in_month(h->y, h->m);
}

/* The era word right after the year, if it is the calendar's: 2015م, 1440هـ */
static void era(struct win *w, struct hit *h)
{
	const struct dtok *y = at(w, h->next - 1), *e = at(w, h->next);

	if (e && y && joined(w, y, e) &&
	    eq_any(e, h->cal == HIJRI ? era_hijri : era_greg)) {
		h->end = e->end;
		h->next++;
	}
}

/* A time after the date, if there is one. */
static void time_after(struct win *w, struct hit *h)
{
	const struct dtok *prev = at(w, h->next - 1), *t;
	size_t k = h->next, i;
	int hour, minute, links = 0;
	enum half half, word = H_NONE;

	if (!prev)
		return;
	while ((t = at(w, k)) && links < 2 && eq_any(t, time_words) &&
	       joined(w, prev, t)) {
		prev = t;
		k++;
		links++;
	}
	if (!t || !joined(w, prev, t) || !clock_token(t, &hour, &minute, &half))
		return;
	prev = t;
	if (half == H_NONE && (t = at(w, k + 1)) && joined(w, prev, t))
		for (i = 0; i < sizeof(halves) / sizeof(halves[0]); i++)
			if (eq(t, halves[i].w)) {
				word = half = halves[i].h;
				break;
			}
	switch (half) {
	case H_AM:
		if (hour == 12)
			hour = 0;
		break;
	case H_PM:
		if (hour >= 1 && hour < 12)
			hour += 12;
		break;
	case H_NOON:
		if (hour >= 1 && hour <= 6)
			hour += 12;
		break;
	case H_NIGHT:
		if (hour >= 6 && hour < 12)
			hour += 12;
		break;
	case H_NONE:
		break;
	}
	if (hour > 23 || minute > 59)
		return;
	h->hour = hour;
	h->minute = minute;
	if (word != H_NONE) {
		h->end = t->end;
		h->next = k + 2;
	} else {
		h->end = prev->end;
		h->next = k + 1;
	}
}

/* 13-06-2018, 2018/06/13, 15/09/1440هـ, 2018-06-13T00:04 */
static int numeric_at(struct win *w, size_t k, struct hit *h)
{
	const struct dtok *t = at(w, k), *e;
	int iso_hour, iso_minute;

	if (!t || !numeric_date(t, &h->y, &h->m, &h->d, &iso_hour, &iso_minute))
		return 0;
	h->cal = GREG;
	h->end = t->end;
	h->next = k + 1;
	e = at(w, k + 1);
	if (iso_minute >= 0) {
		h->hour = iso_hour;
		h->minute = iso_minute;
		return valid(h);
	}
	if (iso_hour >= 0) {
		/* "2018-06-13t00" then ":" then "04" ("04:33", "04z", ...);
		 * without its minutes the hour is dropped, the date kept */
		if (e && e->start == t->end + 1 && w->text[t->end] == ':' &&
		    e->len >= 2 && e->len < TOK_TEXT && digit_run(e->s, e->len) == 2 &&
		    iso_hour <= 23 && (h->minute = digits(e->s, 2)) <= 59) {
			h->hour = iso_hour;
			h->end = e->end;
			h->next = k + 2;
		} else {
			h->minute = -1;
		}
		return valid(h);
	}
	if (e && joined(w, t, e) && eq_any(e, era_hijri) &&
	    h->y >= 1300 && h->y <= 1500)
		h->cal = HIJRI;
	if (!valid(h))
		return 0;
	era(w, h);
	time_after(w, h);
	return 1;
}

/* 13 يونيو 2018, 6 آب/أغسطس 2021, 15 رمضان 1440هـ, 13th of June 2018 */
static int day_month_at(struct win *w, size_t k, struct hit *h)
{
	const struct dtok *t = at(w, k), *prev, *y;
	const struct month_name *mn, *alt;
	int day, n;

	if (!t || (day = day_token(t)) < 0)
		return 0;
	prev = t;
	k++;
	if ((t = at(w, k)) && eq_any(t, of_words) && joined(w, prev, t)) {
		prev = t;
		k++;
	}
	if (!(t = at(w, k)) || !joined(w, prev, t) || !(n = month_at(w, k, &mn)))
		return 0;
	k += (size_t)n;
	prev = at(w, k - 1);
	/* a second name of the same month: آب/أغسطس, آذار (مارس) */
	if ((t = at(w, k)) && joined(w, prev, t) &&
	    (n = month_at(w, k, &alt)) && alt->month == mn->month &&
	    alt->cal == mn->cal) {
		k += (size_t)n;
		prev = at(w, k - 1);
	}
	/* «من عام», «سنة» */
	if ((t = at(w, k)) && eq(t, "من") && (y = at(w, k + 1)) &&
	    joined(w, prev, t) && joined(w, t, y) && eq_any(y, year_words)) {
		prev = y;
		k += 2;
	} else if (t && eq_any(t, year_words) && joined(w, prev, t)) {
		prev = t;
		k++;
	}
	if (!(y = at(w, k)) || !joined(w, prev, y) ||
	    (h->y = year_token(y)) < 0)
		return 0;
	h->cal = mn->cal;
	h->m = mn->month;
	h->d = day;
	h->end = y->end;
	h->next = k + 1;
	if (!valid(h))
		return 0;
	era(w, h);
	time_after(w, h);
	return 1;
}

/* June 13, 2018; يونيو 13، 2018 (Gregorian names only) */
static int month_day_at(struct win *w, size_t k, struct hit *h)
{
	const struct month_name *mn;
	const struct dtok *t, *y, *prev;
	int n, day;

	if (!(n = month_at(w, k, &mn)) || mn->cal != GREG)
		return 0;
	k += (size_t)n;
	prev = at(w, k - 1);
	if (!(t = at(w, k)) || !joined(w, prev, t) || (day = day_token(t)) < 0)
		return 0;
	if (!(y = at(w, k + 1)) || !joined(w, t, y) || (h->y = year_token(y)) < 0)
		return 0;
	h->cal = GREG;
	h->m = mn->month;
	h->d = day;
	h->end = y->end;
	h->next = k + 2;
	if (!valid(h))
		return 0;
	era(w, h);
	time_after(w, h);
	return 1;
}

/* A complete date starting at token i, perhaps with a weekday first. */
static int match_at(struct win *w, size_t i, struct hit *h)
{
	const struct dtok *a = at(w, i), *b;
	size_t k = i;

	if (!a)
		return 0;
	memset(h, 0, sizeof(*h));
	h->hour = h->minute = -1;
	h->start = a->start;
	if (eq_any(a, weekdays)) {
		if (!(b = at(w, i + 1)) || !joined(w, a, b))
			return 0;
		k = i + 1;
	}
	return numeric_at(w, k, h) || day_month_at(w, k, h) ||
	       month_day_at(w, k, h);
}

/* ---- calendars */

/* Julian Day Number of a date of the tabular Islamic calendar (civil
 * epoch: 1 Muharram 1 = JDN 1948440).  Months alternate 30 and 29 days; in
 * the 11 leap years of 30 ((14 + 11 y) mod 30 < 11) Dhu al-Hijja has 30. */
static long hijri_to_jdn(int y, int m, int d)
{
	return d + (59L * (m - 1) + 1) / 2 + (y - 1) * 354L +
	       (3 + 11L * y) / 30 + 1948439L;
}

/* The proleptic Gregorian date of a Julian Day Number (Richards, after
 * Fliegel and Van Flandern). */
static void jdn_to_gregorian(long jdn, int *y, int *m, int *d)
{
	long a = jdn + 32044;
	long b = (4 * a + 3) / 146097;
	long c = a - 146097 * b / 4;
	long e = (4 * c + 3) / 1461;
	long f = c - 1461 * e / 4;
	long g = (5 * f + 2) / 153;

	*d = (int)(f - (153 * g + 2) / 5 + 1);
	*m = (int)(g + 3 - 12 * (g / 10));
	*y = (int)(100 * b + e - 4800 + g / 10);
}

static void set_hijri(struct mr_date *out, const struct hit *h)
{
	out->hijri_year = h->y;
	out->hijri_month = h->m;
	out->hijri_day = h->d;
}

/* A Hijri date right after a Gregorian one: «20 مايو 2019 (15 رمضان 1440هـ)» */
static int hijri_after(struct win *w, const struct hit *g, struct hit *hij)
{
	size_t k = g->next, prev_end = g->end;
	int links;

	for (links = 0; links <= 3; links++) {
		const struct dtok *t = at(w, k);

		if (!t || !gap_ok(w->text, prev_end, t->start))
			return 0;
		if (match_at(w, k, hij))
			return hij->cal == HIJRI;
		if (!eq_any(t, calendar_links))
			return 0;
		prev_end = t->end;
		k++;
	}
	return 0;
}

int mr_date_find(const char *text, size_t n, struct mr_date *out)
{
	struct win w;
	struct hit h, hij, g;
	const struct dtok *t;
	int found = 0, have_hijri = 0, adjacent = 0, links = 0;
	size_t i = 0, prev_end = 0;

	if (n == 0)       /* text may be NULL then */
		return 0;
	memset(&w, 0, sizeof(w));
	w.text = text;
	mr_tokenizer_init(&w.t, text, n);
	memset(&hij, 0, sizeof(hij));
	memset(&g, 0, sizeof(g));
	while (!found) {
		w.base = i;
		if (!(t = at(&w, i)))
			break;
		if (!match_at(&w, i, &h)) {
			/* what stands between a Hijri date and a Gregorian one */
			if (adjacent && !(links++ < 3 && eq_any(t, calendar_links) &&
					  gap_ok(text, prev_end, t->start)))
				adjacent = 0;
			prev_end = t->end;
			i++;
			continue;
		}
		if (h.cal == GREG) {
			g = h;
			found = 1;
			if (have_hijri) {
				/* «15 رمضان 1440هـ الموافق 20 مايو 2019م» is one */
				if (adjacent && gap_ok(text, prev_end, g.start)) {
					g.start = hij.start;
					if (g.hour < 0) {
						g.hour = hij.hour;
						g.minute = hij.minute;
					}
				}
			} else if (hijri_after(&w, &g, &h)) {
				hij = h;
				have_hijri = 1;
				g.end = h.end;
				if (g.hour < 0) {
					g.hour = h.hour;
					g.minute = h.minute;
				}
			}
			break;
		}
		/* a Hijri date: the first one counts; go on for a Gregorian one */
		if (!have_hijri) {
			hij = h;
			have_hijri = adjacent = 1;
			links = 0;
		} else {
			adjacent = 0;
		}
		prev_end = h.end;
		i = h.next;
	}
	if (!found && !have_hijri)
		return 0;
	if (!found) {
		/* only a Hijri date: its Gregorian day by the tabular calendar */
		g = hij;
		jdn_to_gregorian(hijri_to_jdn(hij.y, hij.m, hij.d), &g.y, &g.m, &g.d);
	}
	memset(out, 0, sizeof(*out));
	out->year = g.y;
	out->month = g.m;
	out->day = g.d;
	out->hour = g.hour;
	out->minute = g.minute;
	out->start = g.start;
	out->end = g.end;
	if (have_hijri)
		set_hijri(out, &hij);
	return 1;
}

/* ---- output */

static char *put(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static char *put_ymd(char *p, int y, int m, int d)
{
	p = put(p, y, 4);
	*p++ = '-';
	p = put(p, m, 2);
	*p++ = '-';
	return put(p, d, 2);
}

void mr_date_iso(const struct mr_date *d, char out[20])
{
	char *p = out;

	out[0] = '\0';
	if (d->year < 1 || d->year > 9999 || d->month < 1 || d->month > 12 ||
	    d->day < 1 || d->day > 31)
		return;
	p = put_ymd(p, d->year, d->month, d->day);
	if (d->hour >= 0 && d->hour <= 23 && d->minute >= 0 && d->minute <= 59) {
		*p++ = 'T';
		p = put(p, d->hour, 2);
		*p++ = ':';
		p = put(p, d->minute, 2);
	}
	*p = '\0';
}

void mr_date_hijri_iso(const struct mr_date *d, char out[16])
{
	out[0] = '\0';
	if (d->hijri_year < 1 || d->hijri_year > 9999 || d->hijri_month < 1 ||
	    d->hijri_month > 12 || d->hijri_day < 1 || d->hijri_day > 30)
		return;
	*put_ymd(out, d->hijri_year, d->hijri_month, d->hijri_day) = '\0';
}
