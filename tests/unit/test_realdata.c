/*
 * The text core on real news (../shared/data, when it is there): on the
 * first 5,000 SaudiNewsNet articles, every token's offsets slice the original
 * to a string whose search form is the token, and the search form of every
 * article is a fixed point.  Skipped, saying so, when the data is absent.
 */
#include "helpers.h"

#include <unistd.h>
#include <utf8proc.h>

#include "../../src/text/normalize.h"
#include "../../src/text/token.h"

#define DOCS 5000

static struct corpus corpus;
static int have_data;

static void load(void)
{
	have_data = !load_saudinewsnet(&corpus, "content", DOCS,
				       "SaudiNewsNet round-trip tests");
}

static void test_corpus_loaded(void **state)
{
	(void)state;
	if (!have_data)
		skip();
	assert_int_equal(corpus.count, DOCS);
}

static void test_offsets_round_trip(void **state)
{
	struct buf slice = BUF_INIT;
	size_t i, tokens = 0;

	(void)state;
	if (!have_data)
		skip();
	for (i = 0; i < corpus.count; i++) {
		size_t len;
		const char *doc = corpus_doc(&corpus, i, &len);
		struct mr_tokenizer t;
		struct mr_token tok;

		mr_tokenizer_init(&t, doc, len);
		while (mr_tokenizer_next(&t, &tok)) {
			buf_reset(&slice);
			mr_normalize(MR_FORM_SEARCH, doc + tok.start,
				     tok.end - tok.start, &slice, NULL);
			/* a multi-word ligature (ﷺ) is one slice for several tokens */
			if (strcmp(slice.data, tok.text) &&
			    !(strchr(slice.data, ' ') && strstr(slice.data, tok.text)))
				fail_msg("document %zu, token \"%s\" at [%zu,%zu): slice gives \"%s\"",
					 i, tok.text, tok.start, tok.end, slice.data);
			tokens++;
		}
	}
	assert_true(tokens > 1000000);
	buf_release(&slice);
}

static void test_search_form_fixed_point(void **state)
{
	struct buf once = BUF_INIT, twice = BUF_INIT;
	size_t i;

	(void)state;
	if (!have_data)
		skip();
	for (i = 0; i < corpus.count; i++) {
		size_t len;
		const char *doc = corpus_doc(&corpus, i, &len);

		buf_reset(&once);
		buf_reset(&twice);
		mr_normalize(MR_FORM_SEARCH, doc, len, &once, NULL);
		mr_normalize(MR_FORM_SEARCH, once.data, once.len, &twice, NULL);
		if (strcmp(once.data, twice.data))
			fail_msg("document %zu: search form is not a fixed point", i);
	}
	buf_release(&once);
	buf_release(&twice);
}

/* NFC of s[0..n), optionally without default-ignorable characters. */
static void nfc_of(const char *s, size_t n, int drop_ignorable, struct buf *out)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s,
		(utf8proc_ssize_t)n, &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		(drop_ignorable ? UTF8PROC_IGNORE : 0));

	assert_true(len >= 0);
	buf_reset(out);
	buf_add(out, r, (size_t)len);
	free(r);
}

/* The display form applies NFC only to the words that need it; on real text
 * it must still be in NFC, and hold the same text as NFC of the whole
 * document (compared without ignorables, which it drops). */
static void test_display_is_nfc(void **state)
{
	struct buf display = BUF_INIT, clean = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	size_t i;

	(void)state;
	if (!have_data)
		skip();
	for (i = 0; i < corpus.count; i++) {
		size_t len;
		const char *doc = corpus_doc(&corpus, i, &len);

		buf_reset(&display);
		buf_reset(&clean);
		mr_normalize(MR_FORM_DISPLAY, doc, len, &display, NULL);
		nfc_of(display.data, display.len, 0, &a);
		if (strcmp(a.data, display.data))
			fail_msg("document %zu: display form is not in NFC", i);
		mr_utf8_sanitize(doc, len, &clean, NULL);
		nfc_of(clean.data, clean.len, 1, &a);
		nfc_of(display.data, display.len, 1, &b);
		if (strcmp(a.data, b.data))
			fail_msg("document %zu: display form changed the text", i);
	}
	buf_release(&display);
	buf_release(&clean);
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	load();
	ADD_TEST(&l, test_corpus_loaded);
	ADD_TEST(&l, test_offsets_round_trip);
	ADD_TEST(&l, test_search_form_fixed_point);
	ADD_TEST(&l, test_display_is_nfc);
	failed = run_group("realdata", &l);
	corpus_free(&corpus);
	return failed;
}
