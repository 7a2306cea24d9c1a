/* The light stemmer; its rules are in analyzer.h and the README. */
#include "analyzer.h"
#include "analyzer_internal.h"

#include <string.h>

/* An affix in search form (ة is ه and ى is ي there), with its size in bytes
 * and letters known at compile time. */
struct affix {
	const char *s;
	size_t len;
	size_t letters;
};
#define AFFIX(lit) { lit, sizeof(lit) - 1, (sizeof(lit) - 1) / 2 }

static const struct affix article_prefixes[] = {
	AFFIX("بال"), AFFIX("كال"), AFFIX("فال"), AFFIX("لل"), AFFIX("ال"),
};
static const struct affix clitic_letters[] = {
	AFFIX("ب"), AFFIX("ك"), AFFIX("ل"), AFFIX("ف"),
};
static const struct affix suffixes[] = {
	AFFIX("ها"), AFFIX("ان"), AFFIX("ات"), AFFIX("ون"), AFFIX("ين"),
	AFFIX("يه"), AFFIX("ه"), AFFIX("ي"),
};
static const struct affix waw = AFFIX("و");
#define NISBA_FEMININE 5   /* يه in suffixes[] */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MIN_AFTER_WAW 3
#define MIN_AFTER_ARTICLE 2
#define MIN_AFTER_SUFFIX 3

/* A word being stemmed: a window [p, p + len) onto the token's bytes. */
struct word {
	const char *p;
	size_t len;
};

static size_t letters(const char *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)p[i] & 0xC0) != 0x80;
	return n;
}

/* Affixes are a few bytes: a loop beats a call to memcmp. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static inline int starts_with(struct word w, const struct affix *a)
{
	return w.len >= a->len && same_bytes(w.p, a->s, a->len);
}

static inline int ends_with(struct word w, const struct affix *a)
{
	return w.len >= a->len && same_bytes(w.p + w.len - a->len, a->s, a->len);
}

/* When w is protected, points w at its canonical spelling and returns 1. */
static int protect(const struct mr_analyzer *a, struct word *w)
{
	size_t len;
	const char *canonical = mr_lexicon_get(a->protected_, w->p, w->len, &len);

	if (!canonical)
		return 0;
	w->p = canonical;
	w->len = len;
	return 1;
}

/* Steps 3 and 4 (and the protection after each); returns 1 when the word
 * ended on a protected spelling. */
static int stem_core(const struct mr_analyzer *a, struct word *w)
{
	size_t i;
	int took_article = 0;

	if (protect(a, w))
		return 1;
	for (i = 0; i < COUNT(article_prefixes); i++) {
		const struct affix *pre = &article_prefixes[i];

		if (starts_with(*w, pre) &&
		    letters(w->p + pre->len, w->len - pre->len) >= MIN_AFTER_ARTICLE) {
			w->p += pre->len;
			w->len -= pre->len;
			took_article = 1;
			if (protect(a, w))
				return 1;
			break;
		}
	}
	if (!took_article) {
		for (i = 0; i < COUNT(clitic_letters); i++) {
			const struct affix *c = &clitic_letters[i];
			struct word rest = { w->p + c->len, w->len - c->len };

			if (starts_with(*w, c) && protect(a, &rest)) {
				*w = rest;
				return 1;
			}
		}
	}
	for (i = 0; i < COUNT(suffixes); i++) {
		const struct affix *suf = &suffixes[i];

		if (ends_with(*w, suf) &&
		    letters(w->p, w->len - suf->len) >= MIN_AFTER_SUFFIX) {
			if (suf == &suffixes[NISBA_FEMININE]) {
				/* ايرانيه is ايراني + ه: the nisba may be the
				 * protected form of a name */
				struct word nisba = { w->p, w->len - 2 };

				if (protect(a, &nisba)) {
					*w = nisba;
					return 1;
				}
			}
			w->len -= suf->len;
			if (protect(a, w))
				return 1;
		}
	}
	return 0;
}

static int is_arabic_token(const char *token, size_t len)
{
	unsigned char c = len ? (unsigned char)token[0] : 0;

	return c >= 0xD8 && c <= 0xDB;   /* lead bytes of U+0600..U+06FF */
}

size_t mr_analyzer_stem(const struct mr_analyzer *a, const char *token,
			size_t len, char *out)
{
	struct word whole = { token, len }, w = whole;

	if (len > MR_TOKEN_MAX)
		len = w.len = MR_TOKEN_MAX;
	if (is_arabic_token(token, len) && !stem_core(a, &w) &&
	    starts_with(whole, &waw) &&
	    letters(token, len) - 1 >= MIN_AFTER_WAW &&
	    !mr_lexicon_get(a->waw_initial, w.p, w.len, NULL)) {
		w.p = token + waw.len;
		w.len = len - waw.len;
		stem_core(a, &w);
	}
	memcpy(out, w.p, w.len);
	out[w.len] = '\0';
	return w.len;
}

static void add_waw_stem(const char *key, size_t key_len, const char *value,
			 size_t value_len, void *ctx)
{
	struct mr_analyzer *a = ctx;
	struct word w = { key, key_len };

	(void)value;
	(void)value_len;
	stem_core(a, &w);
	mr_lexicon_put(a->waw_initial, w.p, w.len, w.p, w.len);
}

void mr_analyzer_index_waw_initial(struct mr_analyzer *a,
				   const struct mr_lexicon *words)
{
	mr_lexicon_foreach(words, add_waw_stem, a);
}
