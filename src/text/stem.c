/* The light stemmer; its rules are in analyzer.h and the README. */
#include "analyzer.h"
#include "analyzer_internal.h"

#include <string.h>

/* All in search form: after normalization ة is ه and ى is ي. */
static const char *const article_prefixes[] = { "بال", "كال", "فال", "لل", "ال" };
static const char *const clitic_letters[] = { "ب", "ك", "ل", "ف" };
static const char *const suffixes[] = { "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي" };
static const char waw[] = "و";

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

static int starts_with(struct word w, const char *prefix, size_t plen)
{
	return w.len >= plen && !memcmp(w.p, prefix, plen);
}

static int ends_with(struct word w, const char *suffix, size_t slen)
{
	return w.len >= slen && !memcmp(w.p + w.len - slen, suffix, slen);
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
		size_t plen = strlen(article_prefixes[i]);

		if (starts_with(*w, article_prefixes[i], plen) &&
		    letters(w->p + plen, w->len - plen) >= MIN_AFTER_ARTICLE) {
			w->p += plen;
			w->len -= plen;
			took_article = 1;
			if (protect(a, w))
				return 1;
			break;
		}
	}
	if (!took_article) {
		for (i = 0; i < COUNT(clitic_letters); i++) {
			size_t plen = strlen(clitic_letters[i]);
			struct word rest = { w->p + plen, w->len - plen };

			if (starts_with(*w, clitic_letters[i], plen) &&
			    protect(a, &rest)) {
				*w = rest;
				return 1;
			}
		}
	}
	for (i = 0; i < COUNT(suffixes); i++) {
		size_t slen = strlen(suffixes[i]);

		if (ends_with(*w, suffixes[i], slen) &&
		    letters(w->p, w->len - slen) >= MIN_AFTER_SUFFIX) {
			w->len -= slen;
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
	    starts_with(whole, waw, sizeof(waw) - 1) &&
	    letters(token, len) - 1 >= MIN_AFTER_WAW &&
	    !mr_lexicon_get(a->waw_initial, w.p, w.len, NULL)) {
		w.p = token + sizeof(waw) - 1;
		w.len = len - (sizeof(waw) - 1);
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
