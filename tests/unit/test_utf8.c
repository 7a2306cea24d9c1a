/* UTF-8 decoding: every class of invalid input, and the valid edges. */
#include "helpers.h"

#include "../../src/text/utf8.h"

struct utf8_case {
	const char *name;
	const char *in;
	size_t len;
	const char *sanitized;   /* expected output, U+FFFD written as \xEF\xBF\xBD */
	size_t sanitized_len;
	size_t invalid;
	size_t first_offset;
};

#define R "\xEF\xBF\xBD"
#define IN(s) s, sizeof(s) - 1
#define OUT(s) s, sizeof(s) - 1

static const struct utf8_case cases[] = {
	{ "ascii", IN("abc"), OUT("abc"), 0, 0 },
	{ "arabic", IN("سلام"), OUT("سلام"), 0, 0 },
	{ "NUL byte is valid", IN("a\0b"), OUT("a\0b"), 0, 0 },
	{ "U+0080 smallest 2-byte", IN("\xC2\x80"), OUT("\xC2\x80"), 0, 0 },
	{ "U+0800 smallest 3-byte", IN("\xE0\xA0\x80"), OUT("\xE0\xA0\x80"), 0, 0 },
	{ "U+D7FF below surrogates", IN("\xED\x9F\xBF"), OUT("\xED\x9F\xBF"), 0, 0 },
	{ "U+E000 above surrogates", IN("\xEE\x80\x80"), OUT("\xEE\x80\x80"), 0, 0 },
	{ "U+10000 smallest 4-byte", IN("\xF0\x90\x80\x80"), OUT("\xF0\x90\x80\x80"), 0, 0 },
	{ "U+10FFFF largest", IN("\xF4\x8F\xBF\xBF"), OUT("\xF4\x8F\xBF\xBF"), 0, 0 },
	{ "literal U+FFFD is not an error", IN(R), OUT(R), 0, 0 },
	{ "stray continuation", IN("\x80"), OUT(R), 1, 0 },
	{ "stray continuation after ascii", IN("a\xBF"), OUT("a" R), 1, 1 },
	{ "two stray continuations", IN("\x80\x80"), OUT(R R), 2, 0 },
	{ "bad continuation", IN("\xC3\x28"), OUT(R "("), 1, 0 },
	{ "bad continuation in 3-byte", IN("\xE2\x82" "A"), OUT(R "A"), 1, 0 },
	{ "bad continuation in 4-byte", IN("\xF0\x9F\x98" "x"), OUT(R "x"), 1, 0 },
	{ "overlong C0", IN("\xC0\xAF"), OUT(R R), 2, 0 },
	{ "overlong C1", IN("\xC1\xBF"), OUT(R R), 2, 0 },
	{ "overlong 3-byte", IN("\xE0\x80\xAF"), OUT(R R R), 3, 0 },
	{ "overlong 4-byte", IN("\xF0\x80\x80\xAF"), OUT(R R R R), 4, 0 },
	{ "surrogate D800", IN("\xED\xA0\x80"), OUT(R R R), 3, 0 },
	{ "surrogate DFFF", IN("\xED\xBF\xBF"), OUT(R R R), 3, 0 },
	{ "above U+10FFFF", IN("\xF4\x90\x80\x80"), OUT(R R R R), 4, 0 },
	{ "F5 lead", IN("\xF5\x80\x80\x80"), OUT(R R R R), 4, 0 },
	{ "FE", IN("\xFE"), OUT(R), 1, 0 },
	{ "FF", IN("\xFF"), OUT(R), 1, 0 },
	{ "5-byte form", IN("\xF8\x88\x80\x80\x80"), OUT(R R R R R), 5, 0 },
	{ "truncated 2-byte at end", IN("ab\xD8"), OUT("ab" R), 1, 2 },
	{ "truncated 3-byte at end", IN("\xE2\x82"), OUT(R), 1, 0 },
	{ "truncated 4-byte at end", IN("\xF0\x9F\x98"), OUT(R), 1, 0 },
	{ "arabic then truncated", IN("\xD8\xA7\xD8"), OUT("ا" R), 1, 2 },
	{ "first offset of several", IN("ok\x80ok\xFF"), OUT("ok" R "ok" R), 2, 2 },
	{ "windows-1256 bytes", IN("\xC7\xE1\xDA\xD1\xC8"), OUT(R R R R R), 5, 0 },
};

static void test_sanitize(void **state)
{
	const struct utf8_case *c = *state;
	struct buf out = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };

	mr_utf8_sanitize(c->in, c->len, &out, &r);
	assert_int_equal(out.len, c->sanitized_len);
	assert_memory_equal(out.data, c->sanitized, c->sanitized_len);
	assert_int_equal(r.invalid, c->invalid);
	if (c->invalid)
		assert_int_equal(r.first_offset, c->first_offset);
	assert_int_equal(mr_utf8_validate(c->in, c->len, NULL), c->invalid == 0);
	buf_release(&out);
}

/* The decoder never reads past n: give it each prefix of every case in a
 * buffer of exactly that size (ASan catches a read beyond). */
static void test_no_overread(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (k = 0; k <= cases[i].len; k++) {
			char *exact = xmalloc(k ? k : 1);
			struct buf out = BUF_INIT;

			memcpy(exact, cases[i].in, k);
			mr_utf8_sanitize(exact, k, &out, NULL);
			assert_true(mr_utf8_validate(out.data, out.len, NULL));
			buf_release(&out);
			free(exact);
		}
	}
}

static void test_next_lengths(void **state)
{
	uint32_t cp;
	int bad;

	(void)state;
	assert_int_equal(mr_utf8_next((const unsigned char *)"\xD8\xB3", 2, &cp, &bad), 2);
	assert_int_equal(cp, 0x633);
	assert_false(bad);
	assert_int_equal(mr_utf8_next((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp, &bad), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(mr_utf8_next((const unsigned char *)"\xE2\x82", 2, &cp, &bad), 2);
	assert_true(bad);
	assert_int_equal(cp, MR_REPLACEMENT);
	assert_int_equal(mr_utf8_len(0x41), 1);
	assert_int_equal(mr_utf8_len(0x627), 2);
	assert_int_equal(mr_utf8_len(0xFEFB), 3);
	assert_int_equal(mr_utf8_len(0x1F600), 4);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_ROWS(&l, "utf8:", cases, test_sanitize, name);
	ADD_TEST(&l, test_no_overread);
	ADD_TEST(&l, test_next_lengths);
	return run_group("utf8", &l);
}
