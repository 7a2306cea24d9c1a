#define _GNU_SOURCE   /* memmem */
#include "clean.h"

#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../text/normalize.h"
#include "../text/token.h"
#include "../util/xalloc.h"
#include "date.h"

extern const char mr_data_boilerplate[];
extern const size_t mr_data_boilerplate_len;
extern const char mr_data_agencies[];
extern const size_t mr_data_agencies_len;

struct phrase {
	char *form;          /* search form, tokens joined by one space */
	size_t len, tokens;
	int heading;         /* a heading over other stories (أخبار أخرى ...) */
	int anchored;        /* written "^phrase": the line must open with it */
};

struct agency {
	char *form;          /* one way of writing it, in search form */
	char *name;          /* the name to record */
};

struct mr_cleaner {
	struct phrase *phrases;
	size_t n_phrases;
	size_t max_tokens;   /* the longest phrase, in tokens */
	struct agency *agencies;
	size_t n_agencies;
};

/* Headings under which a page lists other stories; a search form. */
static const char *const story_headings[] = {
	"اخبار اخري", "اقرا ايضا", "مقالات ذات صله", "اخبار ذات صله",
	"related articles", "more news", "اخبار متعلقه", "مواضيع ذات صله",
};

static const char *const publication_words[] = {
	"نشر", "نشرت", "تحديث", "بتاريخ", "تاريخ", "منذ", "العدد", "published",
	"updated", "posted", "date",
};

/* Words that open a byline.  Only بقلم stands alone; the others are common
 * words too (كتب "books", اعداد "numbers"), so they count only when a colon or
 * a dash follows them: «كتب: ...», «إعداد - ...». */
static const char *const byline_words[] = { "بقلم", "كتب", "كتبت", "اعداد", "by" };


const char *mr_removal_name(enum mr_removal r)
{
	static const char *const names[] = {
		"boilerplate", "repeat", "publication line", "byline", "credit",
		"fragment", "source line",
	};

	return names[r];
}

static size_t search_form(const char *s, size_t n, struct buf *out)
{
	struct mr_tokenizer t;
	struct mr_token tok;
	size_t count = 0;

	buf_reset(out);
	mr_tokenizer_init(&t, s, n);
	while (mr_tokenizer_next(&t, &tok)) {
		if (count++)
			buf_addch(out, ' ');
		buf_add(out, tok.text, tok.len);
	}
	return count;
}

static int in_list(const char *form, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(form, list[i]))
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NO_LINE ((size_t)-1)
/* A line seen before is a repeat when it has at least this many tokens, or
 * when it follows its twin: shorter lines recur on purpose (a recipe's
 * «المقادير:» under each dish, «التقييم:» under each review). */
#define MIN_REPEAT_TOKENS 5

/* "name | variant | variant": each variant (and the name) in search form
 * names the agency as the first part writes it. */
static int load_agencies(struct mr_cleaner *c, const char *text, size_t n,
			 struct mr_err *err)
{
	struct buf form = BUF_INIT;
	size_t pos = 0, line_no = 0, cap = 0;

	while (pos < n) {
		const char *line = text + pos, *nl = memchr(line, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - line) : n - pos, name_len;
		const char *hash = memchr(line, '#', len), *part, *end;

		line_no++;
		pos += len + (nl ? 1 : 0);
		if (hash)
			len = (size_t)(hash - line);
		if (!mr_utf8_validate(line, len, NULL)) {
			buf_release(&form);
			return mr_err_at_line(err, MR_E_INVALID, line_no,
					      "agencies: not valid UTF-8");
		}
		end = line + len;
		name_len = (size_t)((memchr(line, '|', len) ? (const char *)memchr(line, '|', len) : end) - line);
		for (part = line; part < end; ) {
			const char *bar = memchr(part, '|', (size_t)(end - part));
			size_t plen = (size_t)((bar ? bar : end) - part);

			if (search_form(part, plen, &form)) {
				if (c->n_agencies == cap) {
					cap = cap ? cap * 2 : 32;
					c->agencies = xrealloc(c->agencies, cap * sizeof(*c->agencies));
				}
				c->agencies[c->n_agencies].form = xstrndup(form.data, form.len);
				c->agencies[c->n_agencies].name = xmalloc(name_len + 1);
				mr_copy_text(c->agencies[c->n_agencies].name, name_len + 1,
					     line, name_len);
				c->n_agencies++;
			}
			part += plen + (bar ? 1 : 0);
		}
	}
	buf_release(&form);
	return 0;
}

struct mr_cleaner *mr_cleaner_new(const char *phrases, size_t n,
				  const char *agencies, size_t agencies_len,
				  struct mr_err *err)
{
	struct mr_cleaner *c = xcalloc(1, sizeof(*c));
	struct buf form = BUF_INIT;
	size_t pos = 0, line_no = 0, cap = 0;

	while (pos < n) {
		const char *line = phrases + pos;
		const char *nl = memchr(line, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - line) : n - pos;
		const char *hash = memchr(line, '#', len);
		size_t tokens;

		int anchored = 0;

		line_no++;
		pos += len + (nl ? 1 : 0);
		if (hash)
			len = (size_t)(hash - line);
		while (len && (*line == ' ' || *line == '\t'))
			line++, len--;
		if (len && *line == '^') {
			anchored = 1;
			line++, len--;
		}
		if (!mr_utf8_validate(line, len, NULL)) {
			mr_err_at_line(err, MR_E_INVALID, line_no,
				       "boilerplate phrases: not valid UTF-8");
			buf_release(&form);
			mr_cleaner_free(c);
			return NULL;
		}
		tokens = search_form(line, len, &form);
		if (!tokens)
			continue;
		if (c->n_phrases == cap) {
			cap = cap ? cap * 2 : 32;
			c->phrases = xrealloc(c->phrases, cap * sizeof(*c->phrases));
		}
		c->phrases[c->n_phrases].form = xstrndup(form.data, form.len);
		c->phrases[c->n_phrases].len = form.len;
		c->phrases[c->n_phrases].tokens = tokens;
		c->phrases[c->n_phrases].heading =
			in_list(form.data, story_headings, COUNT(story_headings));
		c->phrases[c->n_phrases].anchored = anchored;
		if (tokens > c->max_tokens)
			c->max_tokens = tokens;
		c->n_phrases++;
	}
	buf_release(&form);
	if (agencies && load_agencies(c, agencies, agencies_len, err) < 0) {
		mr_cleaner_free(c);
		return NULL;
	}
	return c;
}

struct mr_cleaner *mr_cleaner_new_default(struct mr_err *err)
{
	return mr_cleaner_new(mr_data_boilerplate, mr_data_boilerplate_len,
			      mr_data_agencies, mr_data_agencies_len, err);
}

void mr_cleaner_free(struct mr_cleaner *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_phrases; i++)
		free(c->phrases[i].form);
	free(c->phrases);
	for (i = 0; i < c->n_agencies; i++) {
		free(c->agencies[i].form);
		free(c->agencies[i].name);
	}
	free(c->agencies);
	free(c);
}

void mr_cleaned_init(struct mr_cleaned *out)
{
	memset(out, 0, sizeof(*out));
	buf_init(&out->text);
	buf_init(&out->search);
}

void mr_cleaned_release(struct mr_cleaned *out)
{
	buf_release(&out->text);
	buf_release(&out->search);
	free(out->removed);
	free(out->fragments);
	free(out->short_lines);
	mr_cleaned_init(out);
}

unsigned long long mr_line_hash(const char *line, size_t n)
{
	struct buf form = BUF_INIT;
	unsigned long long h = 0;

	if (search_form(line, n, &form))
		h = XXH3_64bits(form.data, form.len);
	buf_release(&form);
	return h;
}

/* ---- the lines of a document ---- */

enum line_state { KEEP, BLANK, REMOVED, IN_FRAGMENT };

struct line {
	size_t start, end;       /* without '\r' and the line break */
	size_t form, form_len;   /* the search form, in the forms buffer */
	size_t tokens;
	unsigned long long hash;
	enum line_state state;
};

/* Does the form contain the phrase as whole tokens? */
static int has_phrase(const char *form, size_t len, const struct phrase *p)
{
	const char *at = form, *end = form + len;

	while ((at = memmem(at, (size_t)(end - at), p->form, p->len))) {
		int left = at == form || at[-1] == ' ';
		int right = at + p->len == end || at[p->len] == ' ';

		if (left && right)
			return 1;
		at++;
	}
	return 0;
}

static const struct phrase *boilerplate(const struct mr_cleaner *c,
					const char *form, size_t len, size_t tokens)
{
	size_t i;

	if (tokens > 2 * c->max_tokens)
		return NULL;
	for (i = 0; i < c->n_phrases; i++) {
		const struct phrase *p = &c->phrases[i];

		if (tokens <= 2 * p->tokens && tokens <= p->tokens + 4 &&
		    (p->anchored ? !strncmp(form, p->form, p->len) &&
				   (form[p->len] == ' ' || !form[p->len])
				 : has_phrase(form, len, p)))
			return p;
	}
	return NULL;
}

void mr_copy_text(char *dst, size_t cap, const char *s, size_t n)
{
	/* trim, and never cut a UTF-8 sequence */
	while (n && (*s == ' ' || *s == '\t' || *s == ':' || *s == '-'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void add_removed(struct mr_cleaned *out, size_t start, size_t end,
			enum mr_removal reason)
{
	if (out->n_removed == out->cap_removed) {
		out->cap_removed = out->cap_removed ? out->cap_removed * 2 : 16;
		out->removed = xrealloc(out->removed,
					out->cap_removed * sizeof(*out->removed));
	}
	out->removed[out->n_removed].start = start;
	out->removed[out->n_removed].end = end;
	out->removed[out->n_removed].reason = reason;
	out->n_removed++;
}

static void add_fragment(struct mr_cleaned *out, const struct mr_fragment *f)
{
	if (out->n_fragments == out->cap_fragments) {
		out->cap_fragments = out->cap_fragments ? out->cap_fragments * 2 : 4;
		out->fragments = xrealloc(out->fragments,
					  out->cap_fragments * sizeof(*out->fragments));
	}
	out->fragments[out->n_fragments++] = *f;
}

static int compare_hashes(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* A small set of 64-bit hashes (the lines seen so far). */
struct hash_set {
	unsigned long long *slot;
	size_t cap, count;
};

static int hash_set_add(struct hash_set *s, unsigned long long h)
{
	size_t i;

	if ((s->count + 1) * 2 > s->cap) {
		struct hash_set bigger = { NULL, s->cap ? s->cap * 2 : 64, 0 };

		bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
		for (i = 0; i < s->cap; i++)
			if (s->slot[i])
				hash_set_add(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	for (i = h & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == h)
			return 0;
	s->slot[i] = h;
	s->count++;
	return 1;
}

static int ends_cut_off(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return (n >= 3 && !memcmp(s + n - 3, "...", 3)) ||
	       (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3));   /* … */
}

static int headline_like(const char *s, size_t n, size_t tokens)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!tokens || tokens > 15 || !n)
		return 0;
	if (ends_cut_off(s, n))
		return 0;
	return !strchr(".!?:", s[n - 1]) &&
	       !(n >= 2 && (!memcmp(s + n - 2, "\xD8\x9F", 2) ||    /* ؟ */
			    !memcmp(s + n - 2, "\xD8\x8C", 2) ||     /* ، */
			    !memcmp(s + n - 2, "\xDB\x94", 2)));     /* ۔ */
}

static size_t first_token_is(const char *form, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);

		if (!strncmp(form, words[i], len) && (form[len] == ' ' || !form[len]))
			return len;
	}
	return 0;
}

static int byline_line(const char *s, size_t n, const char *form)
{
	struct mr_tokenizer t;
	struct mr_token tok;
	size_t i;

	if (first_token_is(form, byline_words, 1))
		return 1;   /* بقلم */
	if (!first_token_is(form, byline_words + 1, COUNT(byline_words) - 1))
		return 0;
	mr_tokenizer_init(&t, s, n);
	if (!mr_tokenizer_next(&t, &tok))
		return 0;
	for (i = tok.end; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i < n && (s[i] == ':' || s[i] == '-' ||
			 (i + 3 <= n && !memcmp(s + i, "\xE2\x80\x93", 3)));   /* – */
}

static int form_has_word(const char *form, size_t len, const char *word)
{
	struct phrase p = { (char *)word, strlen(word), 1, 0, 0 };

	return has_phrase(form, len, &p);
}

/* Publication line: short, a complete date, and a publication word or
 * little besides the date. */
static const char *agency_named(const struct mr_cleaner *c, const char *form);

/* «15:37 ت م» (Mecca time), «09:15 GMT»: a time stamp on a line of its own,
 * as agencies print under their dateline. */
static int time_stamp_line(const char *form)
{
	static const char *const zones[] = { "", " ت م", " ت غ", " gmt", " utc" };
	size_t i, digits = 0;

	while (form[digits] >= '0' && form[digits] <= '9')
		digits++;
	if (digits < 1 || digits > 2 || form[digits] != ':')
		return 0;
	form += digits + 1;
	for (digits = 0; form[digits] >= '0' && form[digits] <= '9'; digits++)
		;
	if (digits != 2)
		return 0;
	for (i = 0; i < COUNT(zones); i++)
		if (!strcmp(form + 2, zones[i]))
			return 1;
	return 0;
}

/* Publication line: short, a complete date, and a publication word or little
 * besides the date.  Once the body has begun (more than a headline kept) or
 * near the end, a bare date is as often a line of a schedule (الأحد 7 ماي 2017
 * over a list of matches), so there (strict) it takes a publication word or
 * an agency after the date.  A line that ends in
 * ':' announces what follows and is never one. */
static int publication_line(const struct mr_cleaner *c, const char *s,
			    size_t n, const char *form,
			    size_t form_len, size_t tokens, int strict,
			    struct buf *scratch, struct mr_date *d)
{
	size_t i, date_tokens = 0, end = n;
	struct mr_tokenizer t;
	struct mr_token tok;

	while (end && strchr(" \t\r", s[end - 1]))
		end--;
	if (tokens > 12 || (end && s[end - 1] == ':') || !mr_date_find(s, n, d))
		return 0;
	for (i = 0; i < COUNT(publication_words); i++)
		if (form_has_word(form, form_len, publication_words[i]))
			return 1;
	if (strict) {
		search_form(s + d->end, n - d->end, scratch);
		return agency_named(c, scratch->data) != NULL;
	}
	mr_tokenizer_init(&t, s, n);
	while (mr_tokenizer_next(&t, &tok))
		date_tokens += tok.start >= d->start && tok.end <= d->end;
	return date_tokens * 2 >= tokens;
}

static const char *agency_named(const struct mr_cleaner *c, const char *form)
{
	size_t i;

	for (i = 0; i < c->n_agencies; i++)
		if (!strcmp(form, c->agencies[i].form))
			return c->agencies[i].name;
	return NULL;
}

/* "(أ ف ب)" anywhere in a line; "الرياض - واس" at the start of one. */
static void find_credit(const struct mr_cleaner *c, const char *s, size_t n,
			int may_be_dateline,
			struct buf *scratch, struct mr_cleaned *out)
{
	const char *open = s, *end = s + n, *dash;

	while (!out->agency[0] && (open = memchr(open, '(', (size_t)(end - open)))) {
		const char *close = memchr(open, ')', (size_t)(end - open));
		const char *name;

		if (!close || close - open > 40)
			break;
		search_form(open + 1, (size_t)(close - open - 1), scratch);
		if ((name = agency_named(c, scratch->data))) {
			size_t place;

			mr_copy_text(out->agency, sizeof(out->agency), name, strlen(name));
			/* «القلعة (أ ف ب) -»: the place before the credit */
			place = search_form(s, (size_t)(open - s), scratch);
			if (may_be_dateline && !out->dateline[0] && place >= 1 && place <= 3 &&
			    open - s < 60)
				mr_copy_text(out->dateline, sizeof(out->dateline), s, (size_t)(open - s));
		}
		open = close;
	}
	dash = n > 3 ? memmem(s, n < 60 ? n : 60, " - ", 3) : NULL;
	if (!dash)
		dash = n > 5 ? memmem(s, n < 60 ? n : 60, " \xE2\x80\x93 ", 5) : NULL;   /* – */
	if (dash && may_be_dateline && !out->dateline[0]) {
		const char *after = dash + (dash[1] == '-' ? 3 : 5), *stop = after;
		const char *name;
		size_t place_tokens = search_form(s, (size_t)(dash - s), scratch);

		if (place_tokens == 0 || place_tokens > 3)
			return;
		while (stop < end && *stop != ':' && *stop != ' ' && *stop != '\n')
			stop++;
		search_form(after, (size_t)(stop - after), scratch);
		if ((name = agency_named(c, scratch->data))) {
			mr_copy_text(out->dateline, sizeof(out->dateline), s, (size_t)(dash - s));
			if (!out->agency[0])
				mr_copy_text(out->agency, sizeof(out->agency), name, strlen(name));
		}
	}
}

/* «جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس»: the place before the
 * date is the dateline, an agency after it the credit. */
static void dateline_around_date(const struct mr_cleaner *c, const char *s,
				 size_t n, const struct mr_date *d,
				 struct buf *scratch, struct mr_cleaned *out)
{
	const char *name;
	size_t before = search_form(s, d->start, scratch), i;

	for (i = 0; i < COUNT(publication_words); i++)
		if (form_has_word(scratch->data, scratch->len, publication_words[i]))
			before = 0;   /* «آخر تحديث 13-06-2018»: no place there */
	if (!out->dateline[0] && before >= 1 && before <= 3)
		mr_copy_text(out->dateline, sizeof(out->dateline), s, d->start);
	search_form(s + d->end, n - d->end, scratch);
	if (!out->agency[0] && (name = agency_named(c, scratch->data)))
		mr_copy_text(out->agency, sizeof(out->agency), name, strlen(name));
}

/* After a story heading below the lead: the other stories of the page. */
static void split_fragments(const char *text, struct line *lines, size_t n,
			    size_t from, struct mr_cleaned *out)
{
	size_t i = from;

	while (i < n) {
		struct mr_fragment f;
		size_t words = 0, last = i, j;

		while (i < n && lines[i].state != KEEP)
			i++;
		if (i >= n)
			break;
		memset(&f, 0, sizeof(f));
		f.start = lines[i].start;
		f.title_start = lines[i].start;
		f.title_end = lines[i].end;
		lines[i].state = IN_FRAGMENT;
		last = i;
		/* the body: up to the next headline-like line after a paragraph */
		for (j = i + 1; j < n; j++) {
			const struct line *l = &lines[j];

			if (l->state == BLANK || l->state == REMOVED)
				continue;
			if (words && headline_like(text + l->start, l->end - l->start, l->tokens))
				break;
			lines[j].state = IN_FRAGMENT;
			words += l->tokens;
			last = j;
		}
		if (last == i) {
			/* a lone line (an outlet's signature) is no story */
			lines[i].state = KEEP;
			i = j;
			continue;
		}
		f.end = lines[last].end;
		f.kind = (words < 60 || ends_cut_off(text + lines[last].start,
						      lines[last].end - lines[last].start))
			 ? MR_FRAG_TEASER : MR_FRAG_ARTICLE;
		add_fragment(out, &f);
		add_removed(out, f.start, f.end, MR_RM_FRAGMENT);
		i = j;
	}
}

void mr_clean(const struct mr_cleaner *c, const char *text, size_t n,
	      const struct mr_clean_hints *hints, struct mr_cleaned *out)
{
	struct buf forms = BUF_INIT, scratch = BUF_INIT;
	struct line *lines = NULL;
	size_t n_lines = 0, cap = 0, pos = 0, i, nonblank = 0, seen_nonblank = 0;
	struct hash_set seen = { NULL, 0, 0 };
	unsigned long long title_hash = 0;
	int in_body = 0, blank_pending = 0, first_kept = 1, dup;
	/* lines kept so far: past a headline, the body has begun */
	size_t fragments_from = NO_LINE, kept = 0;
	size_t prev_line = NO_LINE, this_line = NO_LINE, short_dup = NO_LINE;
	unsigned long long prev_hash = 0, this_hash = 0;
	struct mr_date d;

	mr_cleaned_release(out);

	/* the lines and their search forms */
	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - text) : n;
		struct line *l;

		if (n_lines == cap) {
			cap = cap ? cap * 2 : 64;
			lines = xrealloc(lines, cap * sizeof(*lines));
		}
		l = &lines[n_lines++];
		l->start = pos;
		l->end = end > pos && text[end - 1] == '\r' ? end - 1 : end;
		search_form(text + l->start, l->end - l->start, &scratch);
		l->form = forms.len;
		l->form_len = scratch.len;
		buf_add(&forms, scratch.data, scratch.len);
		buf_addch(&forms, '\0');
		l->tokens = 0;
		for (i = 0; i < scratch.len; i++)
			l->tokens += scratch.data[i] == ' ';
		l->tokens += scratch.len ? 1 : 0;
		l->hash = scratch.len ? XXH3_64bits(scratch.data, scratch.len) : 0;
		l->state = scratch.len ? KEEP : BLANK;
		nonblank += scratch.len ? 1 : 0;
		pos = nl ? end + 1 : n;
	}

	if (hints && hints->title && hints->title_len) {
		mr_copy_text(out->title, sizeof(out->title), hints->title, hints->title_len);
		title_hash = mr_line_hash(hints->title, hints->title_len);
	}
	if (hints && hints->author && hints->author_len)
		mr_copy_text(out->author, sizeof(out->author), hints->author, hints->author_len);
	if (hints && hints->date && mr_date_find(hints->date, hints->date_len, &d)) {
		mr_date_iso(&d, out->published);
		mr_date_hijri_iso(&d, out->published_hijri);
	}

	for (i = 0; i < n_lines; i++) {
		struct line *l = &lines[i];
		const char *s = text + l->start, *form = forms.data + l->form;
		size_t len = l->end - l->start;
		int near_top, near_bottom;
		const struct phrase *p;
		enum mr_removal reason;

		if (l->state == BLANK)
			continue;
		seen_nonblank++;
		near_top = seen_nonblank <= 6;
		near_bottom = seen_nonblank + 4 > nonblank;
		prev_line = this_line;
		this_line = i;
		prev_hash = this_hash;
		this_hash = l->hash;
		dup = !hash_set_add(&seen, l->hash);
		if ((title_hash && l->hash == title_hash) ||
		    (dup && (l->tokens >= MIN_REPEAT_TOKENS || l->hash == prev_hash))) {
			reason = MR_RM_REPEAT;
			/* a page printed twice: the short headline above a repeated
			 * paragraph is a repeat too */
			if (short_dup != NO_LINE && short_dup == prev_line) {
				lines[short_dup].state = REMOVED;
				add_removed(out, lines[short_dup].start, lines[short_dup].end,
					    MR_RM_REPEAT);
			}
		} else if ((p = boilerplate(c, form, l->form_len, l->tokens))) {
			reason = MR_RM_BOILERPLATE;
			if (p->heading && in_body && fragments_from == NO_LINE)
				fragments_from = i + 1;   /* split once the furniture below is known */
		} else if (hints && hints->is_source_line &&
			   l->tokens <= MR_SOURCE_LINE_MAX_TOKENS &&
			   hints->is_source_line(l->hash, hints->ctx)) {
			reason = MR_RM_SOURCE_LINE;
		} else if ((near_top || near_bottom) && time_stamp_line(form)) {
			reason = MR_RM_PUBLICATION;
		} else if ((near_top || near_bottom) &&
			   publication_line(c, s, len, form, l->form_len, l->tokens,
					    !near_top || kept > (title_hash ? 0u : 1u),
					    &scratch, &d)) {
			reason = MR_RM_PUBLICATION;
			if (!out->published[0]) {
				mr_date_iso(&d, out->published);
				mr_date_hijri_iso(&d, out->published_hijri);
			}
			dateline_around_date(c, s, len, &d, &scratch, out);
		} else if (l->tokens <= 8 && byline_line(s, len, form)) {
			reason = MR_RM_BYLINE;
			if (!out->author[0]) {
				/* the name as written: after the word and its ':' */
				struct mr_tokenizer t;
				struct mr_token tok;

				mr_tokenizer_init(&t, s, len);
				if (mr_tokenizer_next(&t, &tok))
					mr_copy_text(out->author, sizeof(out->author),
						  s + tok.end, len - tok.end);
			}
		} else if (agency_named(c, form)) {
			reason = MR_RM_CREDIT;
			if (!out->agency[0])
				mr_copy_text(out->agency, sizeof(out->agency),
					  agency_named(c, form), strlen(agency_named(c, form)));
		} else {
			find_credit(c, s, len, kept < 3, &scratch, out);
			in_body = 1;
			kept++;
			short_dup = dup ? i : NO_LINE;   /* kept: short, and seen before */
			continue;
		}
		short_dup = NO_LINE;
		l->state = REMOVED;
		add_removed(out, l->start, l->end, reason);
	}

	/* below a story heading, what is left after the furniture is other stories */
	if (fragments_from != NO_LINE)
		split_fragments(text, lines, n_lines, fragments_from, out);

	/* the cleaned text: kept lines, one blank line between paragraphs */
	for (i = 0; i < n_lines; i++) {
		const struct line *l = &lines[i];
		size_t end = l->end;

		if (l->state == BLANK) {
			blank_pending = out->text.len > 0;
			continue;
		}
		if (l->state != KEEP)
			continue;
		while (end > l->start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
			end--;
		if (out->text.len)
			buf_add(&out->text, blank_pending ? "\n\n" : "\n", blank_pending ? 2 : 1);
		buf_add(&out->text, text + l->start, end - l->start);
		blank_pending = 0;
		/* the line's search form, already made, for duplicates */
		if (out->search.len)
			buf_addch(&out->search, ' ');
		buf_add(&out->search, forms.data + l->form, l->form_len);
		if (l->tokens <= MR_SOURCE_LINE_MAX_TOKENS) {
			if (out->n_short_lines == out->cap_short_lines) {
				out->cap_short_lines = out->cap_short_lines ? out->cap_short_lines * 2 : 16;
				out->short_lines = xrealloc(out->short_lines,
					out->cap_short_lines * sizeof(*out->short_lines));
			}
			out->short_lines[out->n_short_lines++] = l->hash;
		}
		/* no explicit title: the first line, when it reads as a headline */
		if (first_kept && !out->title[0] &&
		    headline_like(text + l->start, end - l->start, l->tokens))
			mr_copy_text(out->title, sizeof(out->title), text + l->start, end - l->start);
		first_kept = 0;
	}
	/* a line kept several times in one document counts once */
	if (out->n_short_lines > 1) {
		size_t k = 1;

		qsort(out->short_lines, out->n_short_lines, sizeof(*out->short_lines),
		      compare_hashes);
		for (i = 1; i < out->n_short_lines; i++)
			if (out->short_lines[i] != out->short_lines[k - 1])
				out->short_lines[k++] = out->short_lines[i];
		out->n_short_lines = k;
	}
	free(seen.slot);
	free(lines);
	buf_release(&forms);
	buf_release(&scratch);
}

void mr_fragment_text(const char *text, const struct mr_cleaned *c,
		      const struct mr_fragment *f, struct buf *out)
{
	size_t pos = f->start, i;

	while (pos < f->end) {
		size_t next = f->end;

		/* the earliest removed line inside what is left */
		for (i = 0; i < c->n_removed; i++) {
			const struct mr_removed *r = &c->removed[i];

			if (r->reason != MR_RM_FRAGMENT && r->start >= pos &&
			    r->start < next)
				next = r->start;
		}
		buf_add(out, text + pos, next - pos);
		if (next == f->end)
			break;
		for (i = 0; i < c->n_removed; i++)
			if (c->removed[i].reason != MR_RM_FRAGMENT && c->removed[i].start == next)
				pos = c->removed[i].end;
		while (pos < f->end && (text[pos] == '\n' || text[pos] == '\r'))
			pos++;   /* the removed line's own break */
	}
}
