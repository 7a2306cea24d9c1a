/* The store: schema and migrations, content keys, batches that commit or
 * vanish whole, and reading a document back with its removed spans. */
#include "helpers.h"

#include <unistd.h>

#include "../../src/store/store.h"

static char db_path[64];

static int setup(void **state)
{
	int fd;

	(void)state;
	strcpy(db_path, "/tmp/marsad-test-XXXXXX");
	fd = mkstemp(db_path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(db_path);   /* the store creates it */
	return 0;
}

static int teardown(void **state)
{
	char side[80];

	(void)state;
	unlink(db_path);
	snprintf(side, sizeof(side), "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db_path);
	unlink(side);
	return 0;
}

static void fill(struct mr_doc *d, struct mr_cleaned *c, const char *raw)
{
	memset(d, 0, sizeof(*d));
	d->key = mr_content_key_of(raw, strlen(raw));
	d->kind = MR_DOC_ARTICLE;
	d->source = "sahil";
	d->origin_file = "in/a.jsonl";
	d->origin_record = 3;
	d->origin_line = 3;
	d->raw = raw;
	d->raw_len = strlen(raw);
	d->decoded = raw;
	d->decoded_len = strlen(raw);
	d->cleaned = c;
	d->text = c->text.data;
	d->text_len = c->text.len;
}

static void test_add_and_get(void **state)
{
	struct mr_store *s;
	struct mr_cleaned c;
	struct mr_doc d;
	struct mr_stored got;
	struct mr_stats st;
	const char raw[] = "عنوان\nشارك\nنص الخبر.";
	int64_t id;

	(void)state;
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, NULL), 0);
	mr_cleaned_init(&c);
	buf_adds(&c.text, "عنوان\nنص الخبر.");
	strcpy(c.title, "عنوان");
	strcpy(c.published, "2018-06-13T00:04");
	strcpy(c.agency, "واس");
	c.removed = xmalloc(sizeof(*c.removed));
	c.removed[0].start = 11;
	c.removed[0].end = 19;
	c.removed[0].reason = MR_RM_BOILERPLATE;
	c.n_removed = 1;
	fill(&d, &c, raw);
	assert_int_equal(mr_store_begin(s, NULL), 0);
	assert_int_equal(mr_store_has(s, &d.key, NULL), 0);
	assert_int_equal(mr_store_add(s, &d, &id, NULL), 0);
	assert_int_equal(mr_store_has(s, &d.key, NULL), 1);
	assert_int_equal(mr_store_commit(s, NULL), 0);
	assert_int_equal(mr_store_get(s, id, &got, NULL), 1);
	assert_string_equal(got.text, "عنوان\nنص الخبر.");
	assert_string_equal(got.title, "عنوان");
	assert_string_equal(got.published, "2018-06-13T00:04");
	assert_string_equal(got.agency, "واس");
	assert_string_equal(got.source, "sahil");
	assert_string_equal(got.kind, "article");
	assert_null(got.author);
	assert_int_equal(got.raw_len, strlen(raw));
	assert_int_equal(got.n_spans, 1);
	assert_string_equal(got.spans[0].reason, "boilerplate");
	assert_string_equal(got.spans[0].text, "شارك");
	mr_stored_release(&got);
	assert_int_equal(mr_store_get(s, id + 100, &got, NULL), 0);
	assert_int_equal(mr_store_stats(s, &st, NULL), 0);
	assert_int_equal(st.documents, 1);
	assert_int_equal(st.removed_spans, 1);
	assert_int_equal(st.dated, 1);
	assert_int_equal(st.schema_version, MR_SCHEMA_VERSION);
	mr_store_close(s);
	mr_cleaned_release(&c);
}

/* A batch that is not committed leaves nothing behind, and the database
 * opens afterwards. */
static void test_rollback_leaves_nothing(void **state)
{
	struct mr_store *s;
	struct mr_cleaned c;
	struct mr_doc d;
	struct mr_stats st;
	int64_t id;

	(void)state;
	mr_cleaned_init(&c);
	buf_adds(&c.text, "نص");
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, NULL), 0);
	fill(&d, &c, "نص");
	mr_store_begin(s, NULL);
	assert_int_equal(mr_store_add(s, &d, &id, NULL), 0);
	mr_store_rollback(s);
	mr_store_close(s);
	assert_int_equal(mr_store_open(db_path, MR_STORE_READ, &s, NULL), 0);
	mr_store_stats(s, &st, NULL);
	assert_int_equal(st.documents, 0);
	mr_store_close(s);
	mr_cleaned_release(&c);
}

static void test_same_key_twice(void **state)
{
	struct mr_store *s;
	struct mr_cleaned c;
	struct mr_doc d;
	struct mr_err err;
	int64_t id;

	(void)state;
	mr_cleaned_init(&c);
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, NULL), 0);
	fill(&d, &c, "raw bytes");
	mr_store_begin(s, NULL);
	assert_int_equal(mr_store_add(s, &d, &id, NULL), 0);
	assert_int_equal(mr_store_add(s, &d, &id, &err), -1);   /* the key is unique */
	assert_non_null(strstr(err.msg, "UNIQUE"));
	mr_store_commit(s, NULL);
	mr_store_close(s);
	mr_cleaned_release(&c);
}

static void test_not_a_database(void **state)
{
	struct mr_store *s;
	struct mr_err err;
	FILE *f;

	(void)state;
	assert_int_equal(mr_store_open("/nonexistent/dir/x.db", MR_STORE_WRITE, &s, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/dir/x.db"));
	f = fopen(db_path, "w");
	fputs("this is not sqlite\n", f);
	fclose(f);
	assert_int_equal(mr_store_open(db_path, MR_STORE_READ, &s, &err), -1);
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, &err), -1);
}

static void test_source_lines(void **state)
{
	struct mr_store *s;
	int i;

	(void)state;
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, NULL), 0);
	mr_store_begin(s, NULL);
	for (i = 0; i < 3; i++)
		assert_int_equal(mr_store_count_line(s, "sahil", 0xFEEDFACECAFEBEEFull, NULL), 0);
	mr_store_count_line(s, "other", 0xFEEDFACECAFEBEEFull, NULL);
	mr_store_commit(s, NULL);
	assert_int_equal(mr_store_line_count(s, "sahil", 0xFEEDFACECAFEBEEFull), 3);
	assert_int_equal(mr_store_line_count(s, "other", 0xFEEDFACECAFEBEEFull), 1);
	assert_int_equal(mr_store_line_count(s, "sahil", 1), 0);
	mr_store_close(s);
}

static void collect_doc(int64_t doc, void *ctx)
{
	int64_t *found = ctx;

	found[++found[0]] = doc;
}

static void count_key(uint64_t key, void *ctx)
{
	(void)key;
	++*(size_t *)ctx;
}

/* Runs of band keys: appended, found again by key in every run, and
 * the fingerprints after the last run are the ones read back. */
static void test_band_runs(void **state)
{
	struct mr_store *s;
	struct mr_band_entry first[] = { { 5, 1 }, { 9, 1 }, { 9, 2 } };
	struct mr_band_entry second[] = { { 9, 3 }, { 0xF000000000000001ull, 4 } };
	int64_t found[8], through;
	size_t runs, keys = 0;

	(void)state;
	assert_int_equal(mr_store_open(db_path, MR_STORE_WRITE, &s, NULL), 0);
	assert_int_equal(mr_store_band_runs(s, &through, &runs, NULL), 0);
	assert_int_equal(through, 0);
	assert_int_equal(runs, 0);
	mr_store_begin(s, NULL);
	assert_int_equal(mr_store_add_band_run(s, first, 3, 2, NULL), 0);
	assert_int_equal(mr_store_add_band_run(s, second, 2, 4, NULL), 0);
	mr_store_commit(s, NULL);
	assert_int_equal(mr_store_band_runs(s, &through, &runs, NULL), 0);
	assert_int_equal(through, 4);
	assert_int_equal(runs, 2);
	found[0] = 0;
	assert_int_equal(mr_store_find_band_key(s, 9, collect_doc, found, NULL), 0);
	assert_int_equal(found[0], 3);   /* from both runs */
	assert_int_equal(found[1] + found[2] + found[3], 1 + 2 + 3);
	found[0] = 0;
	/* a key with the top bit set comes back as the same 64 bits */
	mr_store_find_band_key(s, 0xF000000000000001ull, collect_doc, found, NULL);
	assert_int_equal(found[0], 1);
	assert_int_equal(found[1], 4);
	found[0] = 0;
	mr_store_find_band_key(s, 6, collect_doc, found, NULL);
	assert_int_equal(found[0], 0);
	assert_int_equal(mr_store_each_band_key(s, count_key, &keys, NULL), 0);
	assert_int_equal(keys, 5);
	mr_store_close(s);
}

static void test_content_key(void **state)
{
	struct mr_content_key a = mr_content_key_of("abc", 3), b = mr_content_key_of("abc", 3);
	struct mr_content_key c = mr_content_key_of("abd", 3);

	(void)state;
	assert_memory_equal(a.bytes, b.bytes, 16);
	assert_memory_not_equal(a.bytes, c.bytes, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_and_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_key_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_band_runs, setup, teardown),
		cmocka_unit_test(test_content_key),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
