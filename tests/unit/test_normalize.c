/* Normalization: every rule of the search form and the display form, on
 * single words and on news sentences the project wrote for the purpose. */
#include "helpers.h"

#include "../../src/text/normalize.h"
#include "../../src/text/token.h"

struct norm_case {
	const char *in;
	const char *want;
};

/* Search form.  Grouped by the rule they exercise (README, "Normalization"). */
static const struct norm_case search_cases[] = {
	/* NFKC on Arabic presentation forms only */
	{ "ﺍﻟﻜﺘﺎﺏ", "الكتاب" },
	{ "ﻻ", "لا" },
	{ "ﻷﻥ", "لان" },
	{ "ﺑﺴﻢ ﺍﻟﻠﻪ", "بسم الله" },
	{ "ﻣﺴﺆﻭﻝ", "مسءول" },
	{ "ﺭﺋﻴﺲ", "رءيس" },
	{ "ﷺ", "صلي الله عليه وسلم" },
	{ "ﷲ", "الله" },
	{ "x²", "x²" },
	{ "H₂O", "h₂o" },
	{ "ﬁ", "fi" },            /* Latin: full case folding, not NFKC */
	{ "①", "①" },
	/* harakat and Quranic marks */
	{ "تعهّدٌ روسيٌّ", "تعهد روسي" },
	{ "مُحَمَّد", "محمد" },
	{ "وَقَالَ الرَّئِيسُ", "وقال الرءيس" },
	{ "ذَٰلِكَ", "ذلك" },
	{ "ٱلْكِتَٰبُ", "الكتب" },
	{ "عِلْمٌ", "علم" },
	{ "شُكْرًا", "شكرا" },
	{ "الصَّلَاةُ", "الصلاه" },
	{ "مِّنْ", "من" },
	{ "ۖ قال", "قال" },
	{ "رَبِّ ۚ", "رب" },
	/* tatweel */
	{ "كتـــاب", "كتاب" },
	{ "الـرياض", "الرياض" },
	{ "جـديـد", "جديد" },
	{ "ـــ", "" },
	/* alef forms */
	{ "أحمد", "احمد" },
	{ "إسلام", "اسلام" },
	{ "آمن", "امن" },
	{ "ٱلله", "الله" },
	{ "أإآٱا", "اا" },
	/* alef maqsura and teh marbuta */
	{ "مصطفى", "مصطفي" },
	{ "على", "علي" },
	{ "مدرسة", "مدرسه" },
	{ "سورية", "سوريه" },
	/* hamza on a seat: both seats fold to ء */
	{ "مسؤول", "مسءول" },
	{ "مسئول", "مسءول" },
	{ "شؤون", "شءون" },
	{ "شئون", "شءون" },
	{ "رئيس", "رءيس" },
	{ "سؤال", "سءال" },
	{ "مسو\xD9\x94ول", "مسءول" },      /* waw + combining hamza above */
	{ "ري\xD9\x94يس", "رءيس" },        /* yeh + combining hamza above */
	{ "ا\xD9\x95سلام", "اسلام" },      /* alef + combining hamza below */
	{ "ءامن", "ءامن" },
	/* Persian and Urdu letters */
	{ "کتاب", "كتاب" },
	{ "گاز", "كاز" },
	{ "ایران", "ايران" },
	{ "ہندوستان", "هندوستان" },
	{ "پاکستان", "باكستان" },
	{ "چای", "جاي" },
	{ "ڤيينا", "فيينا" },
	{ "ژنرال", "زنرال" },
	{ "ېک", "يك" },
	{ "خانە", "خانه" },
	{ "خانۀ", "خانه" },
	/* digits */
	{ "١٢٣", "123" },
	{ "۱۲۳", "123" },
	{ "٢٠١٨", "2018" },
	{ "٠١٢٣٤٥٦٧٨٩", "0123456789" },
	{ "۰۱۲۳۴۵۶۷۸۹", "0123456789" },
	{ "٣٫٥", "3.5" },
	{ "١٬٠٠٠", "1,000" },
	{ "عام ٢٠١٥م", "عام 2015 م" },
	/* zero-width and bidi controls, removed without splitting */
	{ "كت\u200cاب", "كتاب" },
	{ "كت\u200dاب", "كتاب" },
	{ "كت\u200bاب", "كتاب" },
	{ "\u200fسوريا\u200f", "سوريا" },
	{ "\u200eabc\u200e", "abc" },
	{ "\ufeffسلام", "سلام" },
	{ "\u061cكتاب", "كتاب" },
	{ "\u202bنص\u202c", "نص" },
	{ "\u202aa\u202e\u202db", "ab" },
	{ "\u2066a\u2069", "a" },
	{ "\u2067حلب\u2068\u2069", "حلب" },
	{ "مي\u00adخائيل", "ميخاءيل" },
	/* runs of three or more of one Arabic letter keep two */
	{ "وووفقاً", "ووفقا" },
	{ "ووفقاً", "ووفقا" },
	{ "جمييييل", "جمييل" },
	{ "ههههههه", "هه" },
	{ "goooal", "goooal" },
	{ "ممم", "مم" },
	{ "اأآ", "اا" },
	{ "كــــتـــــاب", "كتاب" },
	/* Latin case folding */
	{ "CIA", "cia" },
	{ "Syria", "syria" },
	{ "ÉCOLE", "école" },
	{ "Straße", "strasse" },
	{ "ΑΘΗΝΑ", "αθηνα" },
	/* separators: Arabic punctuation and every quote style */
	{ "سوريا،إيران", "سوريا ايران" },
	{ "قال؛ ثم", "قال ثم" },
	{ "هل؟", "هل" },
	{ "«سوريا»", "سوريا" },
	{ "“إيران”", "ايران" },
	{ "\"حلب\"", "حلب" },
	{ "‹نص›", "نص" },
	{ "„قال“", "قال" },
	{ "'كتب'", "كتب" },
	{ "(أ ف ب)", "ا ف ب" },
	{ "الرياض - واس", "الرياض واس" },
	{ "نعم!لا", "نعم لا" },
	{ "٪٥٠", "50" },
	{ "a\tb\r\nc", "a b c" },
	/* numbers and hyphens */
	{ "13-06-2018", "13-06-2018" },
	{ "١٣-٠٦-٢٠١٨", "13-06-2018" },
	{ "١٣/٠٦/٢٠١٨", "13/06/2018" },
	{ "2254", "2254" },
	{ "3.5%", "3.5" },
	{ "12:30", "12:30" },
	{ "1,000,000", "1,000,000" },
	{ "2018.", "2018" },
	{ "-5", "5" },
	{ "13 - 06", "13 06" },
	{ "كوفيد-19", "كوفيد 19" },
	{ "co-operation", "co operation" },
	{ "a.b", "a b" },
	{ "mp3", "mp3" },
	{ "covid19", "covid19" },
	{ "2nd", "2nd" },
	{ "الـCIA", "ال cia" },
	{ "2015م", "2015 م" },
	{ "iPhone15", "iphone15" },
	/* nothing to say */
	{ "", "" },
	{ "   ", "" },
	{ "\t\n", "" },
	{ "...!؟", "" },
	/* sentences of news, as the sample articles write them */
	{ "أعلنت وزارة الخارجية الإيرانية، يوم الأربعاء، أن وفداً رسمياً سيزور دمشق.",
	  "اعلنت وزاره الخارجيه الايرانيه يوم الاربعاء ان وفدا رسميا سيزور دمشق" },
	{ "قال المسؤول الأمريكي إن «القوات الروسية» انسحبت من حلب في ١٣-٠٦-٢٠١٨.",
	  "قال المسءول الامريكي ان القوات الروسيه انسحبت من حلب في 13-06-2018" },
	{ "وأضاف المتحدث باسم الأمم المتحدة: ”لا يوجد أي اتفاق حتى الآن“.",
	  "واضاف المتحدث باسم الامم المتحده لا يوجد اي اتفاق حتي الان" },
	{ "أعلنت شركة Apple عن هاتف iPhone 15 بسعر 999 دولاراً",
	  "اعلنت شركه apple عن هاتف iphone 15 بسعر 999 دولارا" },
	{ "وَقَالَ الرَّئِيسُ إِنَّ الحُكُومَةَ سَتَعْمَلُ عَلَى تَعْزِيزِ الأَمْنِ",
	  "وقال الرءيس ان الحكومه ستعمل علي تعزيز الامن" },
	{ "وزارت\u200cخارجه ایران", "وزارتخارجه ايران" },
	{ "ﺃﻋﻠﻨﺖ ﺍﻟﺤﻜﻮﻣﺔ ﺍﻟﺴﻮﺭﻳﺔ", "اعلنت الحكومه السوريه" },
	{ "نشر في 13-06-2018 | آخر تحديث 13-06-2018 | 00:04",
	  "نشر في 13-06-2018 اخر تحديث 13-06-2018 00:04" },
	{ "الريـــاض - واس: استقبل خادم الحرمين الشريفين…",
	  "الرياض واس استقبل خادم الحرمين الشريفين" },
	{ "(د ب أ) - أفادت وكالة الأنباء الألمانية بأن ٣ أشخاص لقوا حتفهم",
	  "د ب ا افادت وكاله الانباء الالمانيه بان 3 اشخاص لقوا حتفهم" },
	{ "زر الذهاب إلى الأعلى", "زر الذهاب الي الاعلي" },
	{ "التحالف الدولي ضد «داعش» في العراق وسوريا",
	  "التحالف الدولي ضد داعش في العراق وسوريا" },
};

/* Display form: decoded, NFC, invisible controls gone, nothing else. */
static const struct norm_case display_cases[] = {
	{ "كتـــاب", "كتـــاب" },
	{ "ك\u200cتاب", "كتاب" },
	{ "\ufeffسلام", "سلام" },
	{ "\u200fسوريا\u200f", "سوريا" },
	{ "e\u0301", "é" },
	{ "ا\u0654", "أ" },
	{ "ﺍﻟﻜﺘﺎﺏ", "ﺍﻟﻜﺘﺎﺏ" },
	{ "x²", "x²" },
	{ "مسئول ومسؤول", "مسئول ومسؤول" },
	{ "سورية", "سورية" },
	{ "١٢٣", "١٢٣" },
	{ "«سوريا»", "«سوريا»" },
	{ "a\nb", "a\nb" },
	{ "وَقَالَ", "وَقَالَ" },
	{ "CIA", "CIA" },
	{ "bad \xFF byte", "bad \xEF\xBF\xBD byte" },
	{ "\u0645\u0651\u064e", "\u0645\u064e\u0651" },   /* marks in canonical order */
	{ "كتب \u0627\u0654 x", "كتب أ x" },                /* NFC in one word of several */
	{ "ﻻ \u0627\u0653", "ﻻ آ" },
};

static void check_form(enum mr_norm_form form, const struct norm_case *c)
{
	struct buf out = BUF_INIT;

	mr_normalize(form, c->in, strlen(c->in), &out, NULL);
	if (strcmp(out.data, c->want))
		fail_msg("normalize(\"%s\") = \"%s\", want \"%s\"", c->in,
			 out.data, c->want);
	buf_release(&out);
}

static void test_search(void **state)
{
	check_form(MR_FORM_SEARCH, *state);
}

static void test_display(void **state)
{
	check_form(MR_FORM_DISPLAY, *state);
}

/* The search form is a fixed point: normalizing it again changes nothing. */
static void test_search_idempotent(void **state)
{
	const struct norm_case *c = *state;
	struct buf once = BUF_INIT, twice = BUF_INIT;

	mr_normalize(MR_FORM_SEARCH, c->in, strlen(c->in), &once, NULL);
	mr_normalize(MR_FORM_SEARCH, once.data, once.len, &twice, NULL);
	assert_string_equal(once.data, twice.data);
	buf_release(&once);
	buf_release(&twice);
}

/*
 * The round-trip property search highlighting relies on: the offsets of
 * every token slice the original text to a string whose search form is the
 * token.  (A multi-word ligature such as ﷺ yields several tokens from one
 * character; each is then one of the words of the slice.)
 */
static void test_offsets_round_trip(void **state)
{
	const struct norm_case *c = *state;
	struct mr_tokenizer t;
	struct mr_token tok;
	size_t n = strlen(c->in), last_start = 0;

	mr_tokenizer_init(&t, c->in, n);
	while (mr_tokenizer_next(&t, &tok)) {
		struct buf slice = BUF_INIT;

		assert_true(tok.start < tok.end);
		assert_true(tok.end <= n);
		assert_true(tok.start >= last_start);
		mr_normalize(MR_FORM_SEARCH, c->in + tok.start, tok.end - tok.start,
			     &slice, NULL);
		if (strcmp(slice.data, tok.text) &&
		    !strstr(slice.data, tok.text))
			fail_msg("token \"%s\" at [%zu,%zu) of \"%s\": slice normalizes to \"%s\"",
				 tok.text, tok.start, tok.end, c->in, slice.data);
		if (strcmp(slice.data, tok.text))
			assert_non_null(strchr(slice.data, ' ')); /* only ligatures */
		last_start = tok.start;
		buf_release(&slice);
	}
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_ROWS(&l, "search:", search_cases, test_search, in);
	ADD_ROWS(&l, "display:", display_cases, test_display, in);
	ADD_ROWS(&l, "idempotent:", search_cases, test_search_idempotent, in);
	ADD_ROWS(&l, "offsets:", search_cases, test_offsets_round_trip, in);
	return run_group("normalize", &l);
}
