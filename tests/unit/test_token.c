/* The tokenizer: token text, kind and byte offsets in the original. */
#include "helpers.h"

#include "../../src/text/token.h"

struct token_case {
	const char *in;
	const char *want;   /* "text@start-end" for each token, separated by ' ' */
};

static const struct token_case cases[] = {
	{ "سوريا", "سوريا@0-10" },
	{ "in Syria", "in@0-2 syria@3-8" },
	{ "كتـــاب", "كتاب@0-14" },                  /* tatweel inside: one token */
	{ "«سوريا»", "سوريا@2-12" },                 /* quotes are not part of it */
	{ "كت\u200cاب", "كتاب@0-11" },               /* ZWNJ does not split */
	{ "\u200fسوريا", "سوريا@3-13" },             /* leading control not included */
	{ "سوريا\u200f", "سوريا@0-10" },             /* trailing control not included */
	{ "تعهّدٌ", "تعهد@0-12" },                   /* trailing harakat belong to it */
	{ "كتابـ ", "كتاب@0-10" },
	{ "13-06-2018", "13-06-2018@0-10" },
	{ "١٣-٠٦-٢٠١٨", "13-06-2018@0-18" },
	{ "2018-", "2018@0-4" },
	{ "2018 -05", "2018@0-4 05@6-8" },
	{ "3.5", "3.5@0-3" },
	{ "٣٫٥", "3.5@0-6" },
	{ "كوفيد-19", "كوفيد@0-10 19@11-13" },
	{ "الـCIA", "ال@0-6 cia@6-9" },
	{ "2015م", "2015@0-4 م@4-6" },
	{ "mp3", "mp3@0-3" },
	{ "iPhone 15", "iphone@0-6 15@7-9" },
	{ "وووفقاً", "ووفقا@0-14" },                 /* the collapsed letter is inside */
	{ "ﻻ", "لا@0-3" },
	{ "ﺍﻟﻜﺘﺎﺏ", "الكتاب@0-18" },
	{ "ﷺ", "صلي@0-3 الله@0-3 عليه@0-3 وسلم@0-3" },
	{ "ﷺ 5", "صلي@0-3 الله@0-3 عليه@0-3 وسلم@0-3 5@4-5" },
	{ "ﻻ-5", "لا@0-3 5@4-5" },
	{ "5ﻻ", "5@0-1 لا@1-4" },
	{ "a \xFF b", "a@0-1 b@4-5" },               /* invalid byte separates */
	{ "مسو\xD9\x94ول", "مسءول@0-12" },
	{ "و\u20D0\u0654x", "و\u20D0@0-5 x@7-8" },   /* a mark between و and hamza */
	{ "", "" },
	{ " ، ؛ ؟ ", "" },
};

static void test_tokens(void **state)
{
	const struct token_case *c = *state;
	struct mr_tokenizer t;
	struct mr_token tok;
	struct buf got = BUF_INIT;
	size_t position = 0;

	mr_tokenizer_init(&t, c->in, strlen(c->in));
	while (mr_tokenizer_next(&t, &tok)) {
		if (got.len)
			buf_addch(&got, ' ');
		buf_printf(&got, "%s@%zu-%zu", tok.text, tok.start, tok.end);
		assert_int_equal(tok.position, position++);
		assert_int_equal(strlen(tok.text), tok.len);
	}
	if (strcmp(got.data, c->want))
		fail_msg("tokens of \"%s\": \"%s\", want \"%s\"", c->in, got.data, c->want);
	buf_release(&got);
}

static void test_kinds(void **state)
{
	static const struct { const char *in; enum mr_token_kind kind; } k[] = {
		{ "سوريا", MR_TOK_ARABIC }, { "cia", MR_TOK_ALPHA },
		{ "2018", MR_TOK_NUMBER }, { "13-06-2018", MR_TOK_NUMBER },
		{ "covid19", MR_TOK_ALPHA }, { "3d", MR_TOK_ALPHA },
		{ "١٢", MR_TOK_NUMBER }, { "ڤ", MR_TOK_ARABIC },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct mr_tokenizer t;
		struct mr_token tok;

		mr_tokenizer_init(&t, k[i].in, strlen(k[i].in));
		assert_true(mr_tokenizer_next(&t, &tok));
		assert_int_equal(tok.kind, k[i].kind);
		assert_false(mr_tokenizer_next(&t, &tok));
	}
}

/* A word longer than MR_TOKEN_MAX is cut into pieces, none longer. */
static void test_long_token(void **state)
{
	struct buf in = BUF_INIT;
	struct mr_tokenizer t;
	struct mr_token tok;
	size_t i, total = 0, pieces = 0;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_adds(&in, i % 2 ? "ب" : "ت");   /* no runs to collapse */
	mr_tokenizer_init(&t, in.data, in.len);
	while (mr_tokenizer_next(&t, &tok)) {
		assert_true(tok.len <= MR_TOKEN_MAX);
		assert_int_equal(tok.end - tok.start, tok.len);
		total += tok.len;
		pieces++;
	}
	assert_int_equal(total, in.len);
	assert_true(pieces >= 8);
	buf_release(&in);
}

/* Invalid UTF-8 is counted with the offset of the first sequence. */
static void test_report(void **state)
{
	const char in[] = "ok \xC3\x28 \xED\xA0\x80 fin";
	struct mr_tokenizer t;
	struct mr_token tok;
	size_t n = 0;

	(void)state;
	mr_tokenizer_init(&t, in, sizeof(in) - 1);
	while (mr_tokenizer_next(&t, &tok))
		n++;
	assert_int_equal(n, 2);   /* ok, fin: "(" is a separator */
	assert_int_equal(t.report.invalid, 4);
	assert_int_equal(t.report.first_offset, 3);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_ROWS(&l, "tokens:", cases, test_tokens, in);
	ADD_TEST(&l, test_kinds);
	ADD_TEST(&l, test_long_token);
	ADD_TEST(&l, test_report);
	return run_group("token", &l);
}
