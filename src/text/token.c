#include "token.h"

#include <string.h>

#define ARABIC_WAW   0x648u
#define ARABIC_YEH   0x64Au
#define ARABIC_HAMZA 0x621u

void mr_tokenizer_init(struct mr_tokenizer *t, const char *s, size_t n)
{
	memset(t, 0, offsetof(struct mr_tokenizer, text));
	t->s = (const unsigned char *)s;
	t->n = n;
	t->text[0] = '\0';
}

/* One folded item and the source bytes it came from. */
struct item {
	struct mr_folded f;
	size_t start, end;
	int from_pending;
};

/* Reads the item at the tokenizer's position without consuming it; returns 0
 * at the end of the text.  The general case; peek() below is the hot path. */
static int peek_slow(struct mr_tokenizer *t, struct item *it)
{
	uint32_t cp;
	size_t len;
	int bad;

	for (;;) {
		if (t->pending_next < t->pending_len) {
			it->f = t->pending[t->pending_next];
			it->start = t->pending_start;
			it->end = t->pending_end;
			it->from_pending = 1;
			return 1;
		}
		if (t->pos >= t->n)
			return 0;
		if (t->s[t->pos] < 0x80) {
			cp = t->s[t->pos];
			len = 1;
			bad = 0;
		} else {
			len = mr_utf8_next(t->s + t->pos, t->n - t->pos, &cp, &bad);
		}
		it->start = t->pos;
		it->end = t->pos + len;
		it->from_pending = 0;
		if (bad) {
			/* an invalid sequence is a separator, noted once: it is
			 * always consumed, so never decoded twice */
			mr_utf8_note(&t->report, t->pos);
			it->f.cp = MR_REPLACEMENT;
			it->f.cls = MR_CC_SEP;
			return 1;
		}
		if (mr_fold_fast(cp, &it->f))
			return 1;
		t->pending_len = mr_fold(cp, t->pending);
		t->pending_next = 0;
		t->pending_start = it->start;
		t->pending_end = it->end;
		t->pos = it->end;   /* the pending items now stand for these bytes */
		if (t->pending_len == 0)
			continue;
	}
}

/* ASCII and the two-byte Arabic block are nearly all of Arabic news: they
 * are decoded and folded here without a call. */
static inline int peek(struct mr_tokenizer *t, struct item *it)
{
	const unsigned char *p = t->s + t->pos;
	const struct mr_fold_entry *e;
	uint32_t cp;

	if (t->pending_next < t->pending_len || t->pos >= t->n)
		return peek_slow(t, it);
	if (p[0] < 0x80) {
		cp = p[0];
		e = &mr_fold_ascii[cp];
		it->end = t->pos + 1;
	} else if (p[0] >= 0xD8 && p[0] <= 0xDB && t->pos + 1 < t->n &&
		   (p[1] & 0xC0) == 0x80) {
		cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		e = &mr_fold_arabic[cp - 0x600];
		it->end = t->pos + 2;
	} else {
		return peek_slow(t, it);
	}
	it->f.cp = e->to ? e->to : cp;
	it->f.cls = e->cls;
	it->start = t->pos;
	it->from_pending = 0;
	return 1;
}

static inline void consume(struct mr_tokenizer *t, const struct item *it)
{
	if (it->from_pending)
		t->pending_next++;
	else
		t->pos = it->end;
}

/* Is the item after the current one a digit?  Used to decide whether a
 * joiner such as '-' stays inside a number. */
static int digit_follows(struct mr_tokenizer *t, const struct item *cur)
{
	struct mr_tokenizer probe;
	struct item next;

	if (cur->from_pending && t->pending_next + 1 < t->pending_len)
		return t->pending[t->pending_next + 1].cls == MR_CC_DIGIT;
	/* a probe that shares nothing with t but the bytes */
	probe.s = t->s;
	probe.n = t->n;
	probe.pos = cur->end;
	probe.pending_len = probe.pending_next = 0;
	memset(&probe.report, 0, sizeof(probe.report));
	return peek_slow(&probe, &next) && next.f.cls == MR_CC_DIGIT;
}

static inline size_t put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static enum mr_token_kind kind_of(uint8_t cls)
{
	switch (cls) {
	case MR_CC_ARABIC:
		return MR_TOK_ARABIC;
	case MR_CC_DIGIT:
		return MR_TOK_NUMBER;
	default:
		return MR_TOK_ALPHA;
	}
}

int mr_tokenizer_next(struct mr_tokenizer *t, struct mr_token *tok)
{
	struct item it;
	size_t len = 0, start = 0, end = 0;
	enum mr_token_kind kind = 0;
	uint32_t last = 0, before_last = 0;   /* the two code points last added */

	while (peek(t, &it)) {
		uint32_t cp = it.f.cp;
		enum mr_token_kind k;

		switch (it.f.cls) {
		case MR_CC_IGNORE:
			consume(t, &it);
			continue;
		case MR_CC_SKIP:
			/* a haraka or tatweel after a letter belongs to the word
			 * as written, so a highlight keeps it */
			consume(t, &it);
			if (len)
				end = it.end;
			continue;
		case MR_CC_HAMZA_MARK:
			/* و or ي + combining hamza is a decomposed ؤ or ئ */
			consume(t, &it);
			if (len && (last == ARABIC_WAW || last == ARABIC_YEH)) {
				len -= 2;
				len += put_utf8(t->text + len, ARABIC_HAMZA);
				last = ARABIC_HAMZA;
				end = it.end;
			}
			continue;
		case MR_CC_MARK:
			consume(t, &it);
			if (len && len + 4 <= MR_TOKEN_MAX) {
				len += put_utf8(t->text + len, cp);
				end = it.end;
				/* a mark between و and a combining hamza: they are
				 * not one letter, and the و is no longer last */
				before_last = last;
				last = cp;
			}
			continue;
		case MR_CC_NUMSEP:
			if (len && kind == MR_TOK_NUMBER && len + 1 <= MR_TOKEN_MAX &&
			    digit_follows(t, &it)) {
				consume(t, &it);
				t->text[len++] = (char)cp;
				last = cp;
				end = it.end;
				continue;
			}
			/* elsewhere a joiner separates */
			__attribute__((fallthrough));
		case MR_CC_SEP:
			consume(t, &it);
			if (len)
				goto done;
			continue;
		default:
			break;
		}
		/* a letter or a digit */
		k = kind_of(it.f.cls);
		if (len) {
			if ((kind == MR_TOK_ARABIC) != (k == MR_TOK_ARABIC))
				goto done;
			if (len + 4 > MR_TOKEN_MAX)
				goto done;
		}
		consume(t, &it);
		if (k == MR_TOK_ARABIC && cp == last && cp == before_last) {
			end = it.end;   /* a slip like وووفقا: keep two */
			continue;
		}
		if (!len) {
			start = it.start;
			kind = k;
		} else if (kind == MR_TOK_NUMBER && k == MR_TOK_ALPHA) {
			kind = MR_TOK_ALPHA;
		}
		len += put_utf8(t->text + len, cp);
		end = it.end;
		before_last = last;
		last = cp;
	}
	if (!len)
		return 0;
done:
	t->text[len] = '\0';
	tok->text = t->text;
	tok->len = len;
	tok->start = start;
	tok->end = end;
	tok->kind = kind;
	tok->position = t->count++;
	return 1;
}
