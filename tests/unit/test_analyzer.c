/* Stop words, protected words and the light stemmer, on the word lists
 * compiled in from data/ and on small lists of the tests' own. */
#include "helpers.h"

#include "../../src/text/analyzer.h"
#include "../../src/text/lexicon.h"
#include "../../src/text/normalize.h"

static struct mr_analyzer *analyzer;

static int setup(void **state)
{
	struct mr_err err;

	(void)state;
	analyzer = mr_analyzer_new_default(&err);
	return analyzer ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	mr_analyzer_free(analyzer);
	return 0;
}

/* The stem of a word as written (normalized first, as the index does). */
static char *stem_of(const struct mr_analyzer *a, const char *word)
{
	struct buf norm = BUF_INIT;
	char out[MR_TOKEN_MAX + 1];
	size_t n;

	mr_normalize(MR_FORM_SEARCH, word, strlen(word), &norm, NULL);
	n = mr_analyzer_stem(a, norm.data, norm.len, out);
	buf_release(&norm);
	return xstrndup(out, n);
}

static int is_stop(const struct mr_analyzer *a, const char *word)
{
	struct buf norm = BUF_INIT;
	int stop;

	mr_normalize(MR_FORM_SEARCH, word, strlen(word), &norm, NULL);
	stop = mr_analyzer_is_stop(a, norm.data, norm.len);
	buf_release(&norm);
	return stop;
}

/* Words that must share a stem, one group a row. */
struct conflate_case {
	const char *words[5];
};

static const struct conflate_case conflate[] = {
	{ { "أمريكيين", "أمريكي", "الأمريكية", "أمريكا" } },
	{ { "والكتاب", "الكتاب", "كتاب", "بالكتاب" } },
	{ { "مشروبات", "مشروب" } },
	{ { "سورية", "سوريا", "السوري", "السوريين", "وسوريا" } },
	{ { "الإيرانية", "إيران", "إيراني", "ايران", "لإيران" } },
	{ { "مسؤول", "مسئول", "المسؤول", "والمسئول" } },
	{ { "وزير", "ووزير", "الوزير", "والوزير" } },
	{ { "وزارة", "ووزارة", "الوزارة", "للوزارة" } },
	{ { "فلسطين", "الفلسطينيين", "فلسطيني", "بفلسطين" } },
	{ { "المعلمون", "معلمين", "المعلم" } },
	{ { "للسلام", "السلام", "سلام" } },
	{ { "وفقاً", "ووفقاً", "وووفقاً" } },
	{ { "كتـــابها", "كتابها", "كتاب" } },
	{ { "١٢٣", "123" } },
};

static void test_conflate(void **state)
{
	const struct conflate_case *c = *state;
	char *first = stem_of(analyzer, c->words[0]);
	size_t i;

	for (i = 1; i < 5 && c->words[i]; i++) {
		char *s = stem_of(analyzer, c->words[i]);

		if (strcmp(first, s))
			fail_msg("stem(%s) = %s but stem(%s) = %s", c->words[0],
				 first, c->words[i], s);
		free(s);
	}
	free(first);
}

/* Words the stemmer must leave whole, and what it must give. */
struct stem_case {
	const char *word;
	const char *stem;
};

static const struct stem_case stems[] = {
	{ "فلسطين", "فلسطين" },
	{ "بيروت", "بيروت" },
	{ "الولايات", "الولايات" },
	{ "الله", "الله" },
	{ "لبنان", "لبنان" },
	{ "إيران", "ايران" },
	{ "سورية", "سوريا" },
	{ "برنامج", "برنامج" },     /* ب is not a clitic here */
	{ "وطني", "وطن" },           /* و is a root letter */
	{ "والكتاب", "كتاب" },
	{ "مشروبات", "مشروب" },
	{ "cia", "cia" },
	{ "2018", "2018" },
	{ "من", "من" },
	{ "وقال", "قال" },
};

static void test_stem(void **state)
{
	const struct stem_case *c = *state;
	char *s = stem_of(analyzer, c->word);

	if (strcmp(s, c->stem))
		fail_msg("stem(%s) = %s, want %s", c->word, s, c->stem);
	free(s);
}

struct stop_case {
	const char *word;
	int stop;
};

static const struct stop_case stops[] = {
	{ "في", 1 }, { "فى", 1 }, { "من", 1 }, { "إلى", 1 }, { "الى", 1 },
	{ "إلي", 1 }, { "على", 1 }, { "علي", 1 }, { "الذي", 1 }, { "الذى", 1 },
	{ "هذه", 1 }, { "أن", 1 }, { "إنّ", 1 }, { "the", 1 }, { "The", 1 },
	{ "سوريا", 0 }, { "إيران", 0 }, { "حكومة", 0 }, { "2018", 0 },
	{ "قوات", 0 },
};

static void test_stop(void **state)
{
	const struct stop_case *c = *state;

	if (is_stop(analyzer, c->word) != c->stop)
		fail_msg("%s: stop word = %d, want %d", c->word, !c->stop, c->stop);
}

/* A list written with one spelling catches every variant (the trap some
 * analyzers fall into: a stop list spelled إلى missing الى). */
static void test_list_variants(void **state)
{
	static const char stop[] = "# a comment\nإلى  على # trailing comment\n\nهذا\n";
	static const char prot[] = "سوريا سورية سوري\nبيروت\n";
	struct mr_word_lists lists = { stop, sizeof(stop) - 1, prot,
				       sizeof(prot) - 1, NULL, 0 };
	struct mr_analyzer *a = mr_analyzer_new(&lists, NULL);
	char *s;

	(void)state;
	assert_non_null(a);
	assert_int_equal(mr_analyzer_stopword_count(a), 3);
	assert_int_equal(mr_analyzer_protected_count(a), 4);
	assert_true(is_stop(a, "الى"));
	assert_true(is_stop(a, "إلي"));
	assert_true(is_stop(a, "عَلَى"));
	assert_true(is_stop(a, "هــذا"));
	assert_false(is_stop(a, "comment"));
	s = stem_of(a, "السورية");
	assert_string_equal(s, "سوريا");
	free(s);
	s = stem_of(a, "ببيروت");
	assert_string_equal(s, "بيروت");
	free(s);
	mr_analyzer_free(a);
}

static void test_list_invalid_utf8(void **state)
{
	static const char stop[] = "في\nمن\xFF\n";
	struct mr_word_lists lists = { stop, sizeof(stop) - 1, NULL, 0, NULL, 0 };
	struct mr_err err;

	(void)state;
	assert_null(mr_analyzer_new(&lists, &err));
	assert_int_equal(err.code, MR_E_INVALID);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "stop words"));
}

/* Without the lists the stemmer still does its light work. */
static void test_empty_lists(void **state)
{
	struct mr_word_lists lists = { NULL, 0, NULL, 0, NULL, 0 };
	struct mr_analyzer *a = mr_analyzer_new(&lists, NULL);
	char *s;

	(void)state;
	assert_false(is_stop(a, "في"));
	s = stem_of(a, "والمعلمون");
	assert_string_equal(s, "معلم");
	free(s);
	s = stem_of(a, "وقع");     /* too short to lose its و */
	assert_string_equal(s, "وقع");
	free(s);
	s = stem_of(a, "وزير");    /* nothing says its و is a root letter */
	assert_string_equal(s, "زير");
	free(s);
	mr_analyzer_free(a);
}

static void test_lexicon(void **state)
{
	struct mr_lexicon *lex = mr_lexicon_new();
	char key[32];
	size_t i, len;

	(void)state;
	for (i = 0; i < 5000; i++) {   /* enough to grow the table many times */
		snprintf(key, sizeof(key), "w%zu", i);
		mr_lexicon_put(lex, key, strlen(key), key, strlen(key));
	}
	mr_lexicon_put(lex, "w7", 2, "other", 5);   /* the first value stays */
	assert_int_equal(mr_lexicon_size(lex), 5000);
	for (i = 0; i < 5000; i++) {
		const char *v;

		snprintf(key, sizeof(key), "w%zu", i);
		v = mr_lexicon_get(lex, key, strlen(key), &len);
		assert_non_null(v);
		assert_int_equal(len, strlen(key));
		assert_memory_equal(v, key, len);
	}
	assert_null(mr_lexicon_get(lex, "w5000", 5, NULL));
	assert_null(mr_lexicon_get(lex, "", 0, NULL));
	mr_lexicon_free(lex);
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	if (setup(NULL)) {
		fputs("the built-in word lists do not load\n", stderr);
		return 1;
	}
	ADD_ROWS(&l, "conflate:", conflate, test_conflate, words[0]);
	ADD_ROWS(&l, "stem:", stems, test_stem, word);
	ADD_ROWS(&l, "stop:", stops, test_stop, word);
	ADD_TEST(&l, test_list_variants);
	ADD_TEST(&l, test_list_invalid_utf8);
	ADD_TEST(&l, test_empty_lists);
	ADD_TEST(&l, test_lexicon);
	failed = run_group("analyzer", &l);
	teardown(NULL);
	return failed;
}
