/* Search: the marsad FTS5 tokenizer finds a word in its other spellings
 * and inflections, leaves stop words and names alone, marks the words as
 * written; the query parser writes the expressions the language promises
 * and explains what it refuses. */
#include "helpers.h"

#include <sqlite3.h>

#include "../../src/search/fts.h"
#include "../../src/search/query.h"
#include "../../src/text/analyzer.h"

static sqlite3 *db;
static struct mr_analyzer *analyzer;

/* 1 when a query (the user's words, all of them required) finds text. */
static int finds(const char *text, const char *query)
{
	sqlite3_stmt *st;
	struct buf match = BUF_INIT;
	struct mr_err err;
	int found;

	assert_int_equal(sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t (text) VALUES (?)", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	if (mr_query_parse(analyzer, query, strlen(query), MR_QUERY_ALL, &match, &err) < 0)
		fail_msg("%s: %s", query, err.msg);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1,
					    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	found = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	buf_release(&match);
	return found;
}

struct variant {
	const char *name, *text, *query;
	int found;
};

static const struct variant variants[] = {
	{ "Syria: ية and يا", "اجتماع في سورية أمس", "سوريا", 1 },
	{ "Syria: يا and ية", "اجتماع في سوريا أمس", "سورية", 1 },
	{ "Iran: hamza below and bare alef", "وزير خارجية ايران", "إيران", 1 },
	{ "Iranian forces: the nisba finds the name", "القوات الإيرانية في المنطقة", "إيران", 1 },
	{ "Iranian: feminine and masculine", "القوات الإيرانية", "إيراني", 1 },
	{ "official: hamza on waw and on ya", "قال مسئول في الوزارة", "مسؤول", 1 },
	{ "official: the other way", "قال مسؤول في الوزارة", "مسئول", 1 },
	{ "digits: Arabic-Indic in the text", "في عام ٢٠١٨ ارتفعت", "2018", 1 },
	{ "digits: Western in the text", "في عام 2018 ارتفعت", "٢٠١٨", 1 },
	{ "diacritics in the text", "اجتمع وَزِيرُ المالية", "وزير", 1 },
	{ "diacritics in the query", "اجتمع وزير المالية", "وَزِير", 1 },
	{ "tatweel", "افتتاح محـــطة جديدة", "محطة", 1 },
	{ "presentation forms", "ﺍﻓﺘﺘﺎﺡ ﻣﺤﻄﺔ ﺟﺪﻳﺪﺓ", "محطة", 1 },
	{ "alef maqsura and ya", "وصل الى المدينة ومشى", "مشي", 1 },
	{ "ta marbuta and ha", "المحطه الجديده", "المحطة", 1 },
	{ "the article and a conjunction", "والمحطة الجديدة", "محطة", 1 },
	{ "a preposition before a name", "وصل الوفد بسوريا", "سوريا", 1 },
	{ "Latin is folded to lower case", "a report by Reuters", "REUTERS", 1 },
	{ "a name is not cut to a word: سلمان is not سلم", "الملك سلمان", "سلم", 0 },
	{ "a name is not cut to a word: لبنان is not لبن", "زار لبنان", "لبن", 0 },
	{ "a different word stays different", "محطة الوقود", "محطات التحلية", 0 },
	{ "all words are required", "اجتماع في سوريا", "سوريا العراق", 0 },
	{ "a phrase in its order", "قال وزير الخارجية إن", "\"الخارجية وزير\"", 0 },
	{ "a phrase across a stop word", "وزير الخارجية في لبنان", "\"الخارجية في لبنان\"", 1 },
	{ "a phrase, other spellings", "وزير الخارجيه فى لبنان", "\"الخارجية في لبنان\"", 1 },
	{ "prefix", "الاستثمارات الأجنبية", "استثمار*", 1 },
	{ "exclusion", "سوريا والعراق", "سوريا -العراق", 0 },
	{ "exclusion of what is not there", "سوريا ولبنان", "سوريا -العراق", 1 },
	{ "OR", "اجتماع في بغداد", "دمشق OR بغداد", 1 },
};

static void test_variant(void **state)
{
	const struct variant *v = *state;

	assert_int_equal(finds(v->text, v->query) > 0, v->found);
}

/* The stop words are not in the index: a text of stop words is found by
 * no word of it, and a query of stop words is explained, not run. */
static void test_stop_words(void **state)
{
	struct buf match = BUF_INIT;
	struct mr_err err;

	(void)state;
	assert_int_equal(finds("في من على الى", "وزير"), 0);
	assert_int_equal(mr_query_parse(analyzer, "في من", 9, MR_QUERY_ALL, &match, &err), -1);
	assert_non_null(strstr(err.msg, "stop words"));
	/* a stop word beside a real word is simply left out */
	assert_int_equal(finds("وزير المالية", "وزير في"), 1);
	buf_release(&match);
}

/* highlight() marks the words as they are written in the text. */
static void test_highlight_as_written(void **state)
{
	sqlite3_stmt *st;
	struct buf match = BUF_INIT;
	const char *q = "إيران سوريا";

	(void)state;
	finds("القوات الإيرانية في سورية منذ ٢٠١٥", q);
	assert_int_equal(mr_query_parse(analyzer, q, strlen(q), MR_QUERY_ALL, &match, NULL), 0);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "القوات [الإيرانية] في [سورية] منذ ٢٠١٥");
	sqlite3_finalize(st);
	buf_release(&match);
}

struct expression {
	const char *query;
	int flags;
	const char *match;   /* NULL: refused, with error below */
	const char *error;
};

static const struct expression expressions[] = {
	{ "سوريا إيران", MR_QUERY_ALL, "(\"سوريا\") AND (\"إيران\")", NULL },
	{ "سوريا إيران", MR_QUERY_ANY, "(\"سوريا\" OR \"إيران\")", NULL },
	{ "سوريا OR العراق لبنان", MR_QUERY_ALL, "(\"سوريا\" OR \"العراق\") AND (\"لبنان\")", NULL },
	{ "\"وزير الخارجية\" -لبنان", MR_QUERY_ALL, "(\"وزير الخارجية\") NOT (\"لبنان\")", NULL },
	{ "title:النفط استثمار*", MR_QUERY_ALL, "(title : \"النفط\") AND (\"استثمار\" *)", NULL },
	{ "title:\"سعر النفط\"", MR_QUERY_ALL, "(title : \"سعر النفط\")", NULL },
	{ "في سوريا", MR_QUERY_ALL, "(\"سوريا\")", NULL },
	{ "الـCIA", MR_QUERY_ALL, "(\"CIA\")", NULL },
	{ "من هو \"جمال\" - خاشقجي؟", MR_QUERY_PLAIN | MR_QUERY_ANY,
	  "(\"جمال\" OR \"خاشقجي\")", NULL },
	{ "gas\"oil OR*", MR_QUERY_PLAIN | MR_QUERY_ANY, "(\"gas\" OR \"oil\")", NULL },
	{ "\"سوريا", MR_QUERY_ALL, NULL, "character 1: a quote opens a phrase that is never closed" },
	{ "سوريا \"لبنان", MR_QUERY_ALL, NULL, "character 7: a quote" },
	{ "OR سوريا", MR_QUERY_ALL, NULL, "character 1: OR needs a term on each side" },
	{ "سوريا OR", MR_QUERY_ALL, NULL, "character 7: OR needs a term on each side" },
	{ "سوريا OR OR لبنان", MR_QUERY_ALL, NULL, "character 10: OR needs" },
	{ "سوريا OR -لبنان", MR_QUERY_ALL, NULL, "OR cannot join an excluded term" },
	{ "-سوريا", MR_QUERY_ALL, NULL, "the query only excludes" },
	{ "", MR_QUERY_ALL, NULL, "the query is empty" },
	{ "  ؟!  ", MR_QUERY_ALL, NULL, "nothing to search for" },
};

static void test_expression(void **state)
{
	const struct expression *e = *state;
	struct buf match = BUF_INIT;
	struct mr_err err;
	int rc = mr_query_parse(analyzer, e->query, strlen(e->query), e->flags, &match, &err);

	if (e->match) {
		if (rc < 0)
			fail_msg("refused: %s", err.msg);
		assert_string_equal(match.data, e->match);
	} else {
		assert_int_equal(rc, -1);
		if (!strstr(err.msg, e->error))
			fail_msg("message \"%s\" lacks \"%s\"", err.msg, e->error);
	}
	buf_release(&match);
}

/* Every expression the parser writes is one FTS5 accepts. */
static void test_expressions_run(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(expressions) / sizeof(expressions[0]); i++) {
		struct buf match = BUF_INIT;
		sqlite3_stmt *st;

		if (!expressions[i].match)
			continue;
		mr_query_parse(analyzer, expressions[i].query, strlen(expressions[i].query),
			       expressions[i].flags, &match, NULL);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?",
						    -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("%s: %s", match.data, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		buf_release(&match);
	}
}

/* A fake index: words beginning with "common" are in 900 of 1000
 * documents, the others in 5. */
static long long fake_df(const char *word, size_t len, void *ctx)
{
	(void)ctx;
	return len >= 6 && !memcmp(word, "common", 6) ? 900 : 5;
}

static void test_ranked_expressions(void **state)
{
	struct mr_query_stats stats = { 1000, fake_df, NULL };
	struct buf match = BUF_INIT, args = BUF_INIT;

	(void)state;
	/* any of the words: only documents with a rare word are ranked, and
	 * each word counts once */
	assert_int_equal(mr_query_parse_ranked(analyzer, "rare common1 other", 18, MR_QUERY_ANY,
					       &stats, &match, &args, NULL), 0);
	assert_string_equal(match.data,
			    "(\"rare\" OR \"other\") AND (\"rare\" OR \"common1\" OR \"other\")");
	assert_string_equal(args.data, "5 5 - 900 -");
	/* only common words: no pruning */
	assert_int_equal(mr_query_parse_ranked(analyzer, "common1 common2", 15, MR_QUERY_ANY,
					       &stats, &match, &args, NULL), 0);
	assert_string_equal(match.data, "(\"common1\" OR \"common2\")");
	assert_string_equal(args.data, "900 900");
	/* all of the words: the expression as written; phrases and prefixes
	 * are counted while ranking; excluded words weigh nothing */
	assert_int_equal(mr_query_parse_ranked(analyzer, "rare \"two words\" pre* -common", 30,
					       MR_QUERY_ALL, &stats, &match, &args, NULL), 0);
	assert_string_equal(match.data,
			    "(\"rare\") AND (\"two words\") AND (\"pre\" *) NOT (\"common\")");
	assert_string_equal(args.data, "5 ? ? -");
	buf_release(&match);
	buf_release(&args);
}

/* The ids of the table's documents, best first, for a query. */
static void ranked_ids(const char *query, int flags, char *out, size_t size)
{
	sqlite3_stmt *st;
	struct mr_fts_stats *ws = mr_fts_stats_new(db, "t", NULL);
	struct mr_query_stats stats;
	struct buf match = BUF_INIT, args = BUF_INIT;

	assert_non_null(ws);
	mr_fts_stats_get(ws, analyzer, &stats);
	assert_int_equal(mr_query_parse_ranked(analyzer, query, strlen(query), flags, &stats,
					       &match, &args, NULL), 0);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(id, ' ') FROM"
					    " (SELECT rowid AS id FROM t WHERE t MATCH ?1"
					    "  ORDER BY marsad_rank(t, 't', ?2, 1.0, 3.0))", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, args.data, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	mr_fts_stats_free(ws);
	buf_release(&match);
	buf_release(&args);
}

static void test_rank(void **state)
{
	char ids[128];

	(void)state;
	assert_int_equal(sqlite3_exec(db, "DELETE FROM t;"
		"INSERT INTO t (rowid, text, title) VALUES"
		" (1, 'محطة الكهرباء في المدينة الشمالية والجنوبية والشرقية', ''),"
		" (2, 'محطة محطة الكهرباء', ''),"
		" (3, 'محطة الكهرباء', ''),"
		" (4, 'الكهرباء', 'محطة'),"
		" (5, 'القطار في المدينة الشمالية', ''),"
		" (6, 'المدينة الشمالية', ''),"
		" (7, 'المدينة الجنوبية', '')", NULL, NULL, NULL), SQLITE_OK);
	/* twice beats once, short beats long, the title weighs three times */
	ranked_ids("محطة", MR_QUERY_ALL, ids, sizeof(ids));
	assert_string_equal(ids, "4 2 3 1");
	/* the rare word (القطار, in one document) outweighs the common ones */
	ranked_ids("القطار المدينة", MR_QUERY_ANY, ids, sizeof(ids));
	assert_int_equal(ids[0], '5');
	/* counted while ranking ("a phrase") or looked up: the same order */
	ranked_ids("\"المدينة\" الشمالية", MR_QUERY_ANY, ids, sizeof(ids));
	{
		char looked_up[128];

		ranked_ids("المدينة الشمالية", MR_QUERY_ANY, looked_up, sizeof(looked_up));
		assert_string_equal(ids, looked_up);
	}
}

static void test_limits(void **state)
{
	struct buf q = BUF_INIT, match = BUF_INIT;
	struct mr_err err;
	int i;

	(void)state;
	for (i = 0; i < MR_QUERY_MAX_TERMS + 1; i++)
		buf_printf(&q, "w%d ", i);
	assert_int_equal(mr_query_parse(analyzer, q.data, q.len, MR_QUERY_ALL, &match, &err), -1);
	assert_int_equal(err.code, MR_E_LIMIT);
	buf_reset(&q);
	while (q.len <= MR_QUERY_MAX_BYTES)
		buf_adds(&q, "سوريا ");
	assert_int_equal(mr_query_parse(analyzer, q.data, q.len, MR_QUERY_ALL, &match, &err), -1);
	assert_non_null(strstr(err.msg, "longer than"));
	buf_release(&q);
	buf_release(&match);
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	if (mr_fts_register(db, NULL) < 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(text, title, tokenize='marsad')",
			 NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "cannot make the test index: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	analyzer = mr_analyzer_new_default(NULL);
	ADD_ROWS(&l, "variant", variants, test_variant, name);
	ADD_TEST(&l, test_stop_words);
	ADD_TEST(&l, test_highlight_as_written);
	ADD_ROWS(&l, "query", expressions, test_expression, query);
	ADD_TEST(&l, test_expressions_run);
	ADD_TEST(&l, test_limits);
	ADD_TEST(&l, test_ranked_expressions);
	ADD_TEST(&l, test_rank);
	failed = run_group("search", &l);
	mr_analyzer_free(analyzer);
	sqlite3_close(db);
	return failed;
}
