#include "lexicon.h"

#include <stdlib.h>
#include <string.h>
/* inlined: the keys are short words and a call would cost more than the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../util/buf.h"
#include "../util/xalloc.h"
#include "token.h"
#include "utf8.h"

struct slot {
	uint64_t hash;
	size_t key, key_len;        /* offsets into the arena */
	size_t value, value_len;
	int used;
};

/* Most lookups are of words that are not in the list (the stemmer asks after
 * every step): a bit per (length, first, middle and last bytes) answers most
 * of them before any hashing.  2 KiB: it stays in the L1 cache. */
#define FILTER_BITS 16384u

static inline unsigned filter_bit(const char *key, size_t len)
{
	const unsigned char *k = (const unsigned char *)key;
	unsigned h;

	if (len < 2)
		return len ? k[0] : 0;
	h = (unsigned)len * 0x9E3779B1u;
	h ^= (unsigned)k[1] * 0x85EBCA77u;   /* the byte that tells Arabic letters apart */
	h ^= (unsigned)k[len / 2] * 0xC2B2AE3Du;
	h ^= (unsigned)k[len - 1] * 0x27D4EB2Fu;
	h ^= h >> 15;
	return h % FILTER_BITS;
}

struct mr_lexicon {
	uint64_t filter[FILTER_BITS / 64];
	struct slot *slots;
	size_t cap;                 /* a power of two */
	size_t count;
	struct buf arena;           /* all keys and values, NUL-separated */
};

struct mr_lexicon *mr_lexicon_new(void)
{
	struct mr_lexicon *lex = xcalloc(1, sizeof(*lex));

	lex->cap = 64;
	lex->slots = xcalloc(lex->cap, sizeof(*lex->slots));
	buf_init(&lex->arena);
	return lex;
}

void mr_lexicon_free(struct mr_lexicon *lex)
{
	if (!lex)
		return;
	free(lex->slots);
	buf_release(&lex->arena);
	free(lex);
}

static struct slot *find(const struct mr_lexicon *lex, uint64_t hash,
			 const char *key, size_t key_len)
{
	size_t i = (size_t)hash & (lex->cap - 1);

	for (;;) {
		struct slot *s = &lex->slots[i];

		if (!s->used)
			return s;
		if (s->hash == hash && s->key_len == key_len &&
		    !memcmp(lex->arena.data + s->key, key, key_len))
			return s;
		i = (i + 1) & (lex->cap - 1);
	}
}

static void grow(struct mr_lexicon *lex)
{
	struct slot *old = lex->slots;
	size_t old_cap = lex->cap, i;

	lex->cap *= 2;
	lex->slots = xcalloc(lex->cap, sizeof(*lex->slots));
	for (i = 0; i < old_cap; i++) {
		if (old[i].used) {
			size_t j = (size_t)old[i].hash & (lex->cap - 1);

			while (lex->slots[j].used)
				j = (j + 1) & (lex->cap - 1);
			lex->slots[j] = old[i];
		}
	}
	free(old);
}

void mr_lexicon_put(struct mr_lexicon *lex, const char *key, size_t key_len,
		    const char *value, size_t value_len)
{
	uint64_t hash = XXH3_64bits(key, key_len);
	struct slot *s;

	if ((lex->count + 1) * 4 > lex->cap * 3)
		grow(lex);
	s = find(lex, hash, key, key_len);
	if (s->used)
		return;
	s->used = 1;
	s->hash = hash;
	lex->filter[filter_bit(key, key_len) / 64] |= 1ull << (filter_bit(key, key_len) % 64);
	s->key = lex->arena.len;
	s->key_len = key_len;
	buf_add(&lex->arena, key, key_len);
	buf_addch(&lex->arena, '\0');
	s->value = lex->arena.len;
	s->value_len = value_len;
	buf_add(&lex->arena, value, value_len);
	buf_addch(&lex->arena, '\0');
	lex->count++;
}

const char *mr_lexicon_get(const struct mr_lexicon *lex, const char *key,
			   size_t key_len, size_t *value_len)
{
	unsigned bit = filter_bit(key, key_len);
	const struct slot *s;

	if (!(lex->filter[bit / 64] & (1ull << (bit % 64))))
		return NULL;
	s = find(lex, XXH3_64bits(key, key_len), key, key_len);
	if (!s->used)
		return NULL;
	if (value_len)
		*value_len = s->value_len;
	return lex->arena.data + s->value;
}

size_t mr_lexicon_size(const struct mr_lexicon *lex)
{
	return lex->count;
}

void mr_lexicon_foreach(const struct mr_lexicon *lex,
			void (*fn)(const char *key, size_t key_len,
				   const char *value, size_t value_len, void *ctx),
			void *ctx)
{
	size_t i;

	for (i = 0; i < lex->cap; i++) {
		const struct slot *s = &lex->slots[i];

		if (s->used)
			fn(lex->arena.data + s->key, s->key_len,
			   lex->arena.data + s->value, s->value_len, ctx);
	}
}

int mr_lexicon_load(struct mr_lexicon *lex, enum mr_lex_format format,
		    const char *name, const char *text, size_t n,
		    struct mr_err *err)
{
	size_t line_start = 0, line_no = 0;
	struct buf canonical = BUF_INIT;

	while (line_start < n) {
		const char *line = text + line_start;
		const char *nl = memchr(line, '\n', n - line_start);
		size_t len = nl ? (size_t)(nl - line) : n - line_start;
		const char *hash = memchr(line, '#', len);
		struct mr_tokenizer t;
		struct mr_token tok;
		int first = 1;

		line_no++;
		if (hash)
			len = (size_t)(hash - line);
		if (!mr_utf8_validate(line, len, NULL)) {
			buf_release(&canonical);
			return mr_err_at_line(err, MR_E_INVALID, line_no,
					      "%s: not valid UTF-8", name);
		}
		mr_tokenizer_init(&t, line, len);
		while (mr_tokenizer_next(&t, &tok)) {
			if (format == MR_LEX_VARIANTS && first) {
				buf_reset(&canonical);
				buf_add(&canonical, tok.text, tok.len);
			}
			if (format == MR_LEX_VARIANTS)
				mr_lexicon_put(lex, tok.text, tok.len,
					       canonical.data, canonical.len);
			else
				mr_lexicon_put(lex, tok.text, tok.len,
					       tok.text, tok.len);
			first = 0;
		}
		line_start += (nl ? (size_t)(nl - line) + 1 : n - line_start);
	}
	buf_release(&canonical);
	return 0;
}
