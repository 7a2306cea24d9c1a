/* The readers: records, their fields and origins, in every format, fed in
 * chunks of every size; malformed records reported with their place. */
#include "helpers.h"

#include "../../src/ingest/reader.h"

struct seen {
	struct buf log;     /* one line a record: "n@line:text|title|date" or "n@line!error" */
	size_t records, errors;
};

static int on_record(const struct mr_record *rec, const struct mr_err *err, void *ctx)
{
	struct seen *s = ctx;

	if (err) {
		buf_printf(&s->log, "%zu@%zu!%s\n", rec->number, rec->line, err->msg);
		s->errors++;
		return 0;
	}
	buf_printf(&s->log, "%zu@%zu:%.*s|%.*s|%.*s\n", rec->number, rec->line,
		   (int)rec->field_len[MR_F_TEXT], rec->field[MR_F_TEXT] ? rec->field[MR_F_TEXT] : "",
		   (int)rec->field_len[MR_F_TITLE], rec->field[MR_F_TITLE] ? rec->field[MR_F_TITLE] : "",
		   (int)rec->field_len[MR_F_DATE], rec->field[MR_F_DATE] ? rec->field[MR_F_DATE] : "");
	assert_non_null(rec->raw);
	s->records++;
	return 0;
}

/* Reads input in chunks of `chunk` bytes (0: all at once). */
static void read_all(enum mr_format f, const char *input, size_t chunk,
		     struct seen *s, enum mr_format *resolved)
{
	struct mr_reader *r = mr_reader_new(f, on_record, s);
	size_t n = strlen(input), i;

	buf_init(&s->log);
	s->records = s->errors = 0;
	if (!chunk)
		chunk = n ? n : 1;
	for (i = 0; i < n; i += chunk)
		assert_int_equal(mr_reader_feed(r, input + i, n - i < chunk ? n - i : chunk), 0);
	assert_int_equal(mr_reader_finish(r), 0);
	if (resolved)
		*resolved = mr_reader_format(r);
	mr_reader_free(r);
}

struct reader_case {
	const char *name;
	enum mr_format format;
	const char *input;
	enum mr_format resolved;
	const char *want;
};

static const struct reader_case cases[] = {
	{ "text", MR_FMT_AUTO, "سطر أول\nسطر ثان\n", MR_FMT_TEXT,
	  "1@0:سطر أول\nسطر ثان\n||\n" },
	{ "text with BOM", MR_FMT_AUTO, "\xEF\xBB\xBFنص", MR_FMT_TEXT,
	  "1@0:\xEF\xBB\xBFنص||\n" },
	{ "jsonl", MR_FMT_AUTO,
	  "{\"title\":\"ع\",\"content\":\"نص\",\"date\":\"2015-07-29\"}\n"
	  "\n"
	  "{\"headline\":\"ب\",\"body\":\"ثان\",\"published\":\"2016\"}\n",
	  MR_FMT_JSONL, "1@1:نص|ع|2015-07-29\n2@3:ثان|ب|2016\n" },
	{ "jsonl without a last newline", MR_FMT_JSONL,
	  "{\"text\":\"a\"}\n{\"text\":\"b\"}", MR_FMT_JSONL, "1@1:a||\n2@2:b||\n" },
	{ "jsonl: a bad line in the middle", MR_FMT_AUTO,
	  "{\"text\":\"a\"}\n{\"text\": oops}\n[1]\n{\"text\":\"d\"}\n", MR_FMT_JSONL,
	  "1@1:a||\n2@2!not a JSON object: invalid token near 'oops'\n"
	  "3@3!a JSON line must be an object\n4@4:d||\n" },
	{ "jsonl: numbers as dates", MR_FMT_JSONL,
	  "{\"text\":\"x\",\"date\":20150729}\n", MR_FMT_JSONL, "1@1:x||20150729\n" },
	{ "jsonl: wrong type for text", MR_FMT_JSONL,
	  "{\"text\":[\"x\"],\"title\":\"t\"}\n", MR_FMT_JSONL, "1@1:|t|\n" },
	{ "json array", MR_FMT_AUTO,
	  "  [ {\"text\":\"a\",\"title\":\"t\"}, {\"article\":\"b\"} ]", MR_FMT_JSON,
	  "1@0:a|t|\n2@0:b||\n" },
	{ "json: one object", MR_FMT_JSON, "{\"content\":\"c\"}", MR_FMT_JSON, "1@1:c||\n" },
	{ "json: broken", MR_FMT_JSON, "[{\"text\":\"a\"},", MR_FMT_JSON,
	  "1@1!not valid JSON: ']' expected near end of file\n" },
	{ "json: an item not an object", MR_FMT_JSON, "[{\"text\":\"a\"}, 3]", MR_FMT_JSON,
	  "1@0:a||\n2@0!JSON array item 2 is not an object\n" },
	{ "trec", MR_FMT_AUTO,
	  "<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TIME>2017-01-12</TIME>\n<TEXT>\nنص\n</TEXT>\n</DOC>\n"
	  "<DOC>\n<DOCNO>2</DOCNO>\n<TEXT>ثان</TEXT>\n</DOC>\n",
	  MR_FMT_TREC, "1@1:نص\n|عنوان|2017-01-12\n2@9:ثان||\n" },
	{ "trec: unclosed DOC before the next", MR_FMT_TREC,
	  "<DOC><TEXT>a</TEXT>\n<DOC><TEXT>b</TEXT></DOC>\n", MR_FMT_TREC,
	  "1@1!<DOC> not closed before the next <DOC>\n2@2:b||\n" },
	{ "trec: unclosed TEXT", MR_FMT_TREC,
	  "<DOC><TEXT>a</DOC>\n<DOC><TEXT>b</TEXT></DOC>", MR_FMT_TREC,
	  "1@1!unclosed <TEXT> in <DOC>\n2@2:b||\n" },
	{ "trec: unclosed DOC at the end", MR_FMT_TREC,
	  "<DOC><TEXT>a</TEXT></DOC>\n<DOC><TEXT>b", MR_FMT_TREC,
	  "1@1:a||\n2@2!<DOC> not closed at the end of the input\n" },
	{ "empty input", MR_FMT_AUTO, "", MR_FMT_TEXT, "1@0:||\n" },
};

static void test_reader(void **state)
{
	const struct reader_case *c = *state;
	static const size_t chunks[] = { 0, 1, 2, 3, 7, 64 };
	size_t i;

	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct seen s;
		enum mr_format resolved;

		read_all(c->format, c->input, chunks[i], &s, &resolved);
		if (strcmp(s.log.data, c->want))
			fail_msg("%s in chunks of %zu:\n%s\nwant:\n%s", c->name,
				 chunks[i], s.log.data, c->want);
		assert_int_equal(resolved, c->resolved);
		buf_release(&s.log);
	}
}

static void test_field_override(void **state)
{
	struct mr_reader *r;
	struct seen s;
	const char in[] = "{\"text\":\"not this\",\"story\":\"this\"}\n";

	(void)state;
	buf_init(&s.log);
	r = mr_reader_new(MR_FMT_JSONL, on_record, &s);
	mr_reader_set_field(r, MR_F_TEXT, "story");
	mr_reader_feed(r, in, sizeof(in) - 1);
	mr_reader_finish(r);
	mr_reader_free(r);
	assert_string_equal(s.log.data, "1@1:this||\n");
	buf_release(&s.log);
	assert_int_equal(mr_field_from_name("text"), MR_F_TEXT);
	assert_int_equal(mr_field_from_name("author"), MR_F_AUTHOR);
	assert_int_equal(mr_field_from_name("nope"), -1);
	assert_int_equal(mr_format_from_name("trec"), MR_FMT_TREC);
	assert_int_equal(mr_format_from_name("xml"), -1);
}

/* The raw bytes of a record are exactly its line or <DOC> element, and its
 * offset is where they stand in the input. */
static int on_raw(const struct mr_record *rec, const struct mr_err *err, void *ctx)
{
	struct buf *log = ctx;

	assert_null(err);
	buf_printf(log, "%zu+%zu=%.*s;", rec->offset, rec->raw_len, (int)rec->raw_len, rec->raw);
	return 0;
}

static void test_raw_and_offsets(void **state)
{
	static const struct { enum mr_format f; const char *in, *want; } c[] = {
		{ MR_FMT_JSONL, "{\"text\":\"a\"}\n\n{\"text\":\"bb\"}\n",
		  "0+12={\"text\":\"a\"};14+13={\"text\":\"bb\"};" },
		{ MR_FMT_TREC, "junk\n<DOC><TEXT>x</TEXT></DOC>\n<DOC><TEXT>y</TEXT></DOC>",
		  "5+25=<DOC><TEXT>x</TEXT></DOC>;31+25=<DOC><TEXT>y</TEXT></DOC>;" },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (k = 1; k <= 8; k++) {   /* and in chunks */
			struct buf log = BUF_INIT;
			struct mr_reader *r = mr_reader_new(c[i].f, on_raw, &log);
			size_t n = strlen(c[i].in), j;

			for (j = 0; j < n; j += k)
				mr_reader_feed(r, c[i].in + j, n - j < k ? n - j : k);
			mr_reader_finish(r);
			mr_reader_free(r);
			assert_string_equal(log.data, c[i].want);
			buf_release(&log);
		}
	}
}

/* A callback that asks to stop stops the reader. */
static int stop_at_first(const struct mr_record *rec, const struct mr_err *err, void *ctx)
{
	(void)rec;
	(void)err;
	++*(int *)ctx;
	return 1;
}

static void test_stop(void **state)
{
	const char in[] = "{\"text\":\"a\"}\n{\"text\":\"b\"}\n";
	int calls = 0;
	struct mr_reader *r = mr_reader_new(MR_FMT_JSONL, stop_at_first, &calls);

	(void)state;
	assert_int_equal(mr_reader_feed(r, in, sizeof(in) - 1), -1);
	assert_int_equal(mr_reader_finish(r), -1);
	assert_int_equal(calls, 1);
	mr_reader_free(r);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_ROWS(&l, "reader:", cases, test_reader, name);
	ADD_TEST(&l, test_field_override);
	ADD_TEST(&l, test_raw_and_offsets);
	ADD_TEST(&l, test_stop);
	return run_group("reader", &l);
}
