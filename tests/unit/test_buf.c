/* The growable buffer and the error convention everything else uses. */
#include "helpers.h"

#include "../../src/util/err.h"

static void test_grow_and_add(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	for (i = 0; i < 10000; i++)
		buf_addch(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(b.data[10000], '\0');
	assert_int_equal(b.data[27], 'b');
	buf_truncate(&b, 3);
	assert_string_equal(b.data, "abc");
	buf_truncate(&b, 100);   /* never grows */
	assert_int_equal(b.len, 3);
	buf_release(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
}

static void test_binary_and_utf8(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	buf_add_utf8(&b, 0x627);
	buf_add_utf8(&b, 0x1F600);
	buf_add_utf8(&b, 0xD800);    /* a surrogate is not a character */
	buf_add_utf8(&b, 0x110000);
	assert_memory_equal(b.data, "a\0b\xD8\xA7\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD", 15);
	buf_release(&b);
}

static void test_printf(void **state)
{
	struct buf b = BUF_INIT;
	char big[3000];

	(void)state;
	buf_printf(&b, "%d-%s", 42, "x");
	assert_string_equal(b.data, "42-x");
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_printf(&b, "[%s]", big);   /* longer than what was allocated */
	assert_int_equal(b.len, 4 + 2 + sizeof(big) - 1);
	assert_int_equal(b.data[b.len - 1], ']');
	buf_release(&b);
}

static void test_detach(void **state)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *s;

	(void)state;
	s = buf_detach(&b, &len);   /* an empty buffer still gives a string */
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	buf_adds(&b, "سلام");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "سلام");
	assert_int_equal(len, 8);
	assert_int_equal(b.len, 0);
	free(s);
}

static void test_err(void **state)
{
	struct mr_err err;
	char out[512];
	FILE *f;

	(void)state;
	assert_int_equal(mr_err_at_line(&err, MR_E_INVALID, 12, "bad %s", "date"), -1);
	assert_int_equal(mr_err_set(NULL, MR_E_IO, "ignored"), -1);
	f = fmemopen(out, sizeof(out), "w");
	mr_err_print(f, "news.jsonl", &err);
	mr_err_at_offset(&err, MR_E_INVALID, 345, "invalid UTF-8");
	mr_err_print(f, "page.txt", &err);
	mr_err_set(&err, MR_E_USAGE, "no input");
	mr_err_print(f, NULL, &err);
	fclose(f);
	assert_string_equal(out, "marsad: news.jsonl:12: bad date\n"
				 "marsad: page.txt:@345: invalid UTF-8\n"
				 "marsad: no input\n");
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_TEST(&l, test_grow_and_add);
	ADD_TEST(&l, test_binary_and_utf8);
	ADD_TEST(&l, test_printf);
	ADD_TEST(&l, test_detach);
	ADD_TEST(&l, test_err);
	return run_group("buf", &l);
}
