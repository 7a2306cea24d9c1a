#include "query.h"

#include <string.h>
#include <strings.h>

#include "../text/token.h"

struct term {
	const char *text;   /* the user's spelling: a word or a phrase */
	size_t len;
	int phrase, prefix, title, negated, or_before;
	long long df;       /* documents with it; -1 unknown */
};

struct parser {
	const struct mr_analyzer *a;
	const char *q;
	size_t len, pos;
	int flags;
	struct term term[MR_QUERY_MAX_TERMS];
	size_t n;
	int pending_or;      /* an OR waits for the term after it */
	size_t or_at;
	int dropped;         /* terms left out: only stop words */
	struct mr_err *err;
};

/* The place of byte i, in characters from 1, as a user counts them. */
static size_t character_at(const char *q, size_t i)
{
	size_t k, chars = 1;

	for (k = 0; k < i; k++)
		chars += ((unsigned char)q[k] & 0xC0) != 0x80;
	return chars;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether text holds a word the index keeps. */
static int has_indexed_word(const struct mr_analyzer *a, const char *text, size_t len)
{
	struct mr_tokenizer t;
	struct mr_token tok;

	mr_tokenizer_init(&t, text, len);
	while (mr_tokenizer_next(&t, &tok))
		if (!mr_analyzer_is_stop(a, tok.text, tok.len))
			return 1;
	return 0;
}

static int add_term(struct parser *p, const struct term *t)
{
	if (!has_indexed_word(p->a, t->text, t->len)) {
		p->dropped = 1;
		return 0;   /* an OR before it waits for the next term */
	}
	if (p->n == MR_QUERY_MAX_TERMS)
		return mr_err_set(p->err, MR_E_LIMIT, "more than %d terms in the query",
				  MR_QUERY_MAX_TERMS);
	if (p->pending_or && t->negated)
		return mr_err_set(p->err, MR_E_INVALID,
				  "character %zu: OR cannot join an excluded term",
				  character_at(p->q, p->or_at));
	p->term[p->n] = *t;
	p->term[p->n].or_before = p->pending_or && p->n > 0;
	p->pending_or = 0;
	p->n++;
	return 0;
}

/* A bare run: each word in it is a term, the last one a prefix when the
 * run ends in '*'. */
static int add_words(struct parser *p, const char *run, size_t len,
		     const struct term *shape)
{
	struct mr_tokenizer t;
	struct mr_token tok;
	int prefix = !(p->flags & MR_QUERY_PLAIN) && len && run[len - 1] == '*';
	struct term words[MR_QUERY_MAX_TERMS];
	size_t n = 0, i;

	mr_tokenizer_init(&t, run, len);
	while (mr_tokenizer_next(&t, &tok)) {
		if (n == MR_QUERY_MAX_TERMS)
			return mr_err_set(p->err, MR_E_LIMIT, "more than %d terms in the query",
					  MR_QUERY_MAX_TERMS);
		words[n] = *shape;
		words[n].text = run + tok.start;
		words[n].len = tok.end - tok.start;
		n++;
	}
	if (!n) {
		p->dropped = 1;
		return 0;
	}
	/* the star belongs to the last word, even after a stop word */
	words[n - 1].prefix = prefix;
	for (i = 0; i < n; i++)
		if (add_term(p, &words[i]) < 0)
			return -1;
	return 0;
}

static int parse_operators(struct parser *p)
{
	while (p->pos < p->len) {
		struct term shape;
		size_t start, word;

		while (p->pos < p->len && is_space(p->q[p->pos]))
			p->pos++;
		if (p->pos == p->len)
			break;
		start = p->pos;
		memset(&shape, 0, sizeof(shape));
		if (p->q[p->pos] == '-' && p->pos + 1 < p->len && !is_space(p->q[p->pos + 1])) {
			shape.negated = 1;
			p->pos++;
		}
		if (p->len - p->pos > 6 && !strncasecmp(p->q + p->pos, "title:", 6) &&
		    !is_space(p->q[p->pos + 6])) {
			shape.title = 1;
			p->pos += 6;
		}
		if (p->q[p->pos] == '"') {
			const char *close = memchr(p->q + p->pos + 1, '"', p->len - p->pos - 1);

			if (!close)
				return mr_err_set(p->err, MR_E_INVALID,
						  "character %zu: a quote opens a phrase that is never closed",
						  character_at(p->q, p->pos));
			shape.phrase = 1;
			shape.text = p->q + p->pos + 1;
			shape.len = (size_t)(close - shape.text);
			p->pos = (size_t)(close - p->q) + 1;
			shape.prefix = p->pos < p->len && p->q[p->pos] == '*';
			p->pos += (size_t)shape.prefix;
			if (add_term(p, &shape) < 0)
				return -1;
			continue;
		}
		word = p->pos;
		while (p->pos < p->len && !is_space(p->q[p->pos]) && p->q[p->pos] != '"')
			p->pos++;
		if (p->pos - start == 2 && !memcmp(p->q + start, "OR", 2)) {
			if (!p->n || p->pending_or)
				return mr_err_set(p->err, MR_E_INVALID,
						  "character %zu: OR needs a term on each side",
						  character_at(p->q, start));
			p->pending_or = 1;
			p->or_at = start;
			continue;
		}
		if (add_words(p, p->q + word, p->pos - word, &shape) < 0)
			return -1;
	}
	if (p->pending_or)
		return mr_err_set(p->err, MR_E_INVALID,
				  "character %zu: OR needs a term on each side",
				  character_at(p->q, p->or_at));
	return 0;
}

/* A term as FTS5 reads it: the user's text quoted (FTS5 gives it to the
 * marsad tokenizer), with its column and prefix marks. */
static void write_term(struct buf *out, const struct term *t)
{
	size_t i;

	if (t->title)
		buf_adds(out, "title : ");
	buf_addch(out, '"');
	for (i = 0; i < t->len; i++) {
		if (t->text[i] == '"')
			buf_addch(out, '"');
		buf_addch(out, t->text[i]);
	}
	buf_addch(out, '"');
	if (t->prefix)
		buf_adds(out, " *");
}

static void write_expression(const struct parser *p, struct buf *out)
{
	size_t i;
	int first = 1, negatives = 0;

	buf_addch(out, '(');
	for (i = 0; i < p->n; i++) {
		const struct term *t = &p->term[i];

		if (t->negated) {
			negatives++;
			continue;
		}
		if (!first)
			buf_adds(out, t->or_before || (p->flags & MR_QUERY_ANY) ? " OR " : ") AND (");
		write_term(out, t);
		first = 0;
	}
	buf_addch(out, ')');
	if (!negatives)
		return;
	buf_adds(out, " NOT (");
	first = 1;
	for (i = 0; i < p->n; i++) {
		if (!p->term[i].negated)
			continue;
		if (!first)
			buf_adds(out, " OR ");
		write_term(out, &p->term[i]);
		first = 0;
	}
	buf_addch(out, ')');
}

static void write_weight(struct buf *args, const struct term *t, const struct mr_query_stats *stats,
			 int counts)
{
	if (args->len)
		buf_addch(args, ' ');
	(void)stats;
	if (!counts || t->negated)
		buf_addch(args, '-');
	else if (t->df < 0)
		buf_addch(args, '?');
	else
		buf_printf(args, "%lld", t->df);
}

static int is_rare(const struct term *t, const struct mr_query_stats *stats)
{
	return t->df < 0 || (double)t->df <= MR_RARE_SHARE * (double)stats->documents;
}

/* (RARE) AND (RARE OR COMMON), see query.h; 0 when it does not apply. */
static int write_pruned(const struct parser *p, const struct mr_query_stats *stats,
			struct buf *match, struct buf *args)
{
	size_t i, rare = 0, common = 0;
	int pass;

	for (i = 0; i < p->n; i++) {
		if (p->term[i].negated)
			return 0;
		if (is_rare(&p->term[i], stats))
			rare++;
		else
			common++;
	}
	if (!rare || !common)
		return 0;
	buf_reset(match);
	buf_reset(args);
	for (pass = 0; pass < 2; pass++) {
		int first = 1;

		buf_adds(match, pass ? " AND (" : "(");
		for (i = 0; i < p->n; i++) {
			const struct term *t = &p->term[i];

			if (!pass && !is_rare(t, stats))
				continue;
			if (!first)
				buf_adds(match, " OR ");
			write_term(match, t);
			/* a rare word counts in the first group, a common one in
			 * the second */
			write_weight(args, t, stats, pass ? !is_rare(t, stats) : 1);
			first = 0;
		}
		buf_addch(match, ')');
	}
	return 1;
}

static int parse(const struct mr_analyzer *a, const char *query, size_t len, int flags,
		 struct parser *p, struct mr_err *err)
{
	size_t i, positives = 0;

	if (len > MR_QUERY_MAX_BYTES)
		return mr_err_set(err, MR_E_LIMIT, "the query is longer than %d bytes",
				  MR_QUERY_MAX_BYTES);
	memset(p, 0, sizeof(*p));
	p->a = a;
	p->q = query;
	p->len = len;
	p->flags = flags;
	p->err = err;
	if (flags & MR_QUERY_PLAIN) {
		struct term shape;

		memset(&shape, 0, sizeof(shape));
		if (add_words(p, query, len, &shape) < 0)
			return -1;
	} else if (parse_operators(p) < 0) {
		return -1;
	}
	for (i = 0; i < p->n; i++)
		positives += !p->term[i].negated;
	if (!positives) {
		if (p->n)
			return mr_err_set(err, MR_E_INVALID,
					  "nothing to search for: the query only excludes; add a word to look for");
		if (p->dropped)
			return mr_err_set(err, MR_E_INVALID,
					  "nothing to search for: the query has only stop words "
					  "(words like في and من are not indexed)");
		return mr_err_set(err, MR_E_INVALID, "nothing to search for: the query is empty");
	}
	return 0;
}

int mr_query_parse(const struct mr_analyzer *a, const char *query, size_t len,
		   int flags, struct buf *match, struct mr_err *err)
{
	struct parser p;

	buf_reset(match);
	if (parse(a, query, len, flags, &p, err) < 0)
		return -1;
	write_expression(&p, match);
	return 0;
}

int mr_query_parse_ranked(const struct mr_analyzer *a, const char *query, size_t len,
			  int flags, const struct mr_query_stats *stats,
			  struct buf *match, struct buf *rank_args, struct mr_err *err)
{
	struct parser p;
	size_t i;

	buf_reset(match);
	buf_reset(rank_args);
	if (parse(a, query, len, flags, &p, err) < 0)
		return -1;
	for (i = 0; i < p.n; i++) {
		struct term *t = &p.term[i];

		t->df = t->phrase || t->prefix ? -1 : stats->df(t->text, t->len, stats->ctx);
	}
	if ((flags & MR_QUERY_ANY) && write_pruned(&p, stats, match, rank_args))
		return 0;
	write_expression(&p, match);
	/* the phrases in the order write_expression wrote them */
	for (i = 0; i < p.n; i++)
		if (!p.term[i].negated)
			write_weight(rank_args, &p.term[i], stats, 1);
	for (i = 0; i < p.n; i++)
		if (p.term[i].negated)
			write_weight(rank_args, &p.term[i], stats, 0);
	return 0;
}
