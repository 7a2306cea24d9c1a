/*
 * Encodings: detection and conversion to UTF-8.  Round trips encode Arabic
 * text with iconv in the test itself, then detect and decode it back; byte
 * cases pin BOMs, surrogates, invalid bytes and binary files; the code-page
 * tables are checked against glibc's iconv; 3 MB inputs cross every chunk
 * boundary; and, when ../shared/data is there, SaudiNewsNet articles are
 * re-encoded in both Arabic code pages and in UTF-16 and must come back.
 */
#include "helpers.h"

#include <errno.h>
#include <iconv.h>
#include <unistd.h>

#include "../../src/ingest/decode.h"
#include "../../src/text/utf8.h"
#include "../../src/util/err.h"

/* ---- conversions done by the test itself, with iconv ---- */

static const char *charset(enum mr_encoding e)
{
	switch (e) {
	case MR_ENC_UTF16LE: return "UTF-16LE";
	case MR_ENC_UTF16BE: return "UTF-16BE";
	case MR_ENC_CP1256: return "WINDOWS-1256";
	case MR_ENC_ISO8859_6: return "ISO-8859-6";
	default: return "UTF-8";
	}
}

/*
 * Converts s[0..n) from one charset to another into out.  Strict (lossy 0):
 * returns -1 when a character cannot be converted.  Lossy: such a character
 * (one UTF-8 sequence of the input) becomes '?', and the count is returned.
 */
static long convert(const char *to, const char *from, const char *s, size_t n,
		    struct buf *out, int lossy)
{
	iconv_t cd = iconv_open(to, from);
	char *in = (char *)s;
	size_t left = n;
	long lost = 0;

	assert_true(cd != (iconv_t)-1);
	while (left) {
		char tmp[4096], *o = tmp;
		size_t room = sizeof(tmp);
		size_t rc = iconv(cd, &in, &left, &o, &room);

		buf_add(out, tmp, (size_t)(o - tmp));
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		if (!lossy) {
			iconv_close(cd);
			return -1;
		}
		/* skip one UTF-8 sequence of the input */
		do {
			in++;
			left--;
		} while (left && ((unsigned char)*in & 0xC0) == 0x80);
		buf_addch(out, '?');
		lost++;
	}
	iconv_close(cd);
	return lost;
}

/* text (UTF-8) in encoding e, with the BOM of e first when bom is set. */
static void encode(const char *text, enum mr_encoding e, int bom, struct buf *out)
{
	if (bom && (e == MR_ENC_UTF8 || e == MR_ENC_UTF8_BOM))
		buf_add(out, "\xEF\xBB\xBF", 3);
	else if (bom && e == MR_ENC_UTF16LE)
		buf_add(out, "\xFF\xFE", 2);
	else if (bom && e == MR_ENC_UTF16BE)
		buf_add(out, "\xFE\xFF", 2);
	if (convert(charset(e), "UTF-8", text, strlen(text), out, 0) < 0)
		fail_msg("the table text cannot be written in %s", charset(e));
}

/* ---- round trips ---- */

struct round_trip {
	const char *name;
	const char *text;          /* UTF-8 */
	enum mr_encoding enc;      /* what the text is written in */
	int bom;
	enum mr_encoding detected; /* what detection must say */
};

#define GOV "أعلنت الحكومة السورية عن خطة جديدة للطاقة"
#define FM "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة."
#define OIL "ارتفعت أسعار النفط بنسبة 3% بعد قرار أوبك، وفقاً لمصادر مطلعة؛ فهل تستمر؟"
#define HARAKAT "وَقَّعَ الرَّئِيسُ عَلَى القَانُونِ الجَدِيدِ بَعْدَ مُنَاقَشَةٍ طَوِيلَةٍ"
#define PARA "عاجل: زلزال بقوة 5.8 درجات يضرب جنوب تركيا\n" \
	"\tوأفادت هيئة الكوارث بأن فرق الإنقاذ وصلت إلى المنطقة،\r\n" \
	"ولم ترد أنباء عن ضحايا حتى الآن.\n"
#define PERSIAN "التقى الوفد بممثلي شركة پارس في مرفأ چابهار ومدينة گرگان، وحضر المؤتمر ژان."
#define FRENCH "وقالت صحيفة «Le Figaro» إن الاتفاق «très important» للبلدين، " \
	"وأكد وزير الاقتصاد أن Renault ستفتح مصنعاً في طنجة."
#define EURO "بلغ سعر اليورو 1.12 € مقابل الدولار… حسب “رويترز” — وهو أدنى مستوى منذ عامين."
#define LATIN1 "Le ministre a déclaré à l'AFP que la réunion était très productive, " \
	"malgré les désaccords sur le budget de l'année prochaine."
#define QUESTION "هل ستعقد القمة في موعدها؟ لا أحد يعرف، حتى الآن؛ ولكن الاستعدادات جارية."
#define HEADLINE "وزير الخارجية يزور بيروت"
#define YA "إعادة انتخاب بارتوميو رئيسا لبرشلونة"
#define EMOJI "هدف رائع في الدقيقة 90 ⚽🔥 والجماهير تحتفل 🎉"
#define INDIC "بلغ عدد السكان ١٣٫٥ مليون نسمة في عام ٢٠١٨ — ﷺ ﻻ"
#define ENGLISH "Breaking news: the summit will be held in Cairo next week."

static const struct round_trip round_trips[] = {
	{ "utf-8 sentence", GOV, MR_ENC_UTF8, 0, MR_ENC_UTF8 },
	{ "utf-8 with emoji", EMOJI, MR_ENC_UTF8, 0, MR_ENC_UTF8 },
	{ "utf-8 Indic digits and presentation forms", INDIC, MR_ENC_UTF8, 0, MR_ENC_UTF8 },
	{ "utf-8 english", ENGLISH, MR_ENC_UTF8, 0, MR_ENC_UTF8 },
	{ "utf-8 BOM sentence", GOV, MR_ENC_UTF8_BOM, 1, MR_ENC_UTF8_BOM },
	{ "utf-8 BOM paragraph", PARA, MR_ENC_UTF8_BOM, 1, MR_ENC_UTF8_BOM },
	{ "utf-16le BOM sentence", GOV, MR_ENC_UTF16LE, 1, MR_ENC_UTF16LE },
	{ "utf-16le BOM emoji", EMOJI, MR_ENC_UTF16LE, 1, MR_ENC_UTF16LE },
	{ "utf-16le BOM paragraph", PARA, MR_ENC_UTF16LE, 1, MR_ENC_UTF16LE },
	{ "utf-16be BOM sentence", FM, MR_ENC_UTF16BE, 1, MR_ENC_UTF16BE },
	{ "utf-16be BOM emoji", EMOJI, MR_ENC_UTF16BE, 1, MR_ENC_UTF16BE },
	{ "utf-16le no BOM arabic", GOV, MR_ENC_UTF16LE, 0, MR_ENC_UTF16LE },
	{ "utf-16be no BOM arabic", OIL, MR_ENC_UTF16BE, 0, MR_ENC_UTF16BE },
	{ "utf-16le no BOM english", ENGLISH, MR_ENC_UTF16LE, 0, MR_ENC_UTF16LE },
	{ "utf-16be no BOM english", ENGLISH, MR_ENC_UTF16BE, 0, MR_ENC_UTF16BE },
	{ "utf-16le no BOM emoji", EMOJI, MR_ENC_UTF16LE, 0, MR_ENC_UTF16LE },
	{ "cp1256 sentence", GOV, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 minister", FM, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 punctuation", OIL, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 harakat", HARAKAT, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 paragraph", PARA, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 Persian letters", PERSIAN, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 Latin and Arabic", FRENCH, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 euro and quotes", EURO, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 french only", LATIN1, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 headline", HEADLINE, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "cp1256 ya is no tanween", YA, MR_ENC_CP1256, 0, MR_ENC_CP1256 },
	{ "iso-8859-6 sentence", GOV, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
	{ "iso-8859-6 minister", FM, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
	{ "iso-8859-6 harakat", HARAKAT, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
	{ "iso-8859-6 paragraph", PARA, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
	{ "iso-8859-6 punctuation", QUESTION, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
	{ "iso-8859-6 headline", HEADLINE, MR_ENC_ISO8859_6, 0, MR_ENC_ISO8859_6 },
};

static void test_round_trip(void **state)
{
	const struct round_trip *c = *state;
	struct buf in = BUF_INIT, out = BUF_INIT, out2 = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };
	struct mr_err err;
	enum mr_encoding found = MR_ENC_BINARY;

	mr_err_clear(&err);
	encode(c->text, c->enc, c->bom, &in);
	assert_int_equal(mr_encoding_detect(in.data, in.len), c->detected);
	assert_int_equal(mr_decode(in.data, in.len, c->enc, &out, &r, &err), 0);
	assert_string_equal(out.data, c->text);
	assert_int_equal(out.len, strlen(c->text));
	assert_int_equal(r.invalid, 0);

	assert_int_equal(mr_decode_auto(in.data, in.len, &out2, &found, &r, &err), 0);
	assert_int_equal(found, c->detected);
	assert_string_equal(out2.data, c->text);
	assert_int_equal(r.invalid, 0);
	buf_release(&in);
	buf_release(&out);
	buf_release(&out2);
}

/* ---- byte cases ---- */

#define AUTO (-1)
#define R "\xEF\xBF\xBD"
#define IN(s) s, sizeof(s) - 1
#define OUT(s) s, sizeof(s) - 1

struct byte_case {
	const char *name;
	const char *in;
	size_t len;
	int enc;                    /* AUTO: mr_decode_auto */
	enum mr_encoding detected;  /* what mr_encoding_detect says */
	int code;                   /* MR_OK, or the error */
	size_t err_offset;
	const char *out;
	size_t out_len;
	size_t invalid;
	size_t first_offset;
};

#define ARABIC_UTF8 "أعلنت الحكومة السورية عن خطة جديدة للطاقة"
#define PNG "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0"
#define ELF "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0\x01\0\0\0"
#define RANDOM "\x9C\xD3\x41\xFE\x12\x00\x87\x5A\xE0\x00\x00\xC4\x3B\xFF\x91\x07" \
	"\xA8\x00\x66\xDE\xB2\x19\x00\x80"

static const struct byte_case byte_cases[] = {
	{ "empty input", IN(""), AUTO, MR_ENC_UTF8, MR_OK, 0, OUT(""), 0, 0 },
	{ "empty input as cp1256", IN(""), MR_ENC_CP1256, MR_ENC_UTF8, MR_OK, 0, OUT(""), 0, 0 },
	{ "ascii", IN("Reuters, 12 May"), AUTO, MR_ENC_UTF8, MR_OK, 0,
	  OUT("Reuters, 12 May"), 0, 0 },
	{ "utf-8 BOM only", IN("\xEF\xBB\xBF"), AUTO, MR_ENC_UTF8_BOM, MR_OK, 0, OUT(""), 0, 0 },
	{ "utf-8 BOM not in the output", IN("\xEF\xBB\xBF" "سلام"), AUTO, MR_ENC_UTF8_BOM,
	  MR_OK, 0, OUT("سلام"), 0, 0 },
	{ "utf-8 BOM skipped when decoding as utf-8", IN("\xEF\xBB\xBF" "سلام"), MR_ENC_UTF8,
	  MR_ENC_UTF8_BOM, MR_OK, 0, OUT("سلام"), 0, 0 },
	{ "utf-8 BOM then invalid byte: input offset", IN("\xEF\xBB\xBF" "ab\xFF"), AUTO,
	  MR_ENC_UTF8_BOM, MR_OK, 0, OUT("ab" R), 1, 5 },
	{ "invalid utf-8 decoded as utf-8", IN("ok\x80ok\xC3("), MR_ENC_UTF8, MR_ENC_CP1256,
	  MR_OK, 0, OUT("ok" R "ok" R "("), 2, 2 },
	{ "utf-8 truncated at the end is utf-8", IN("سلام\xD8"), AUTO, MR_ENC_UTF8, MR_OK, 0,
	  OUT("سلام" R), 1, 8 },
	{ "utf-8 truncated 3-byte at the end", IN("سعر 5\xE2\x82"), AUTO, MR_ENC_UTF8, MR_OK,
	  0, OUT("سعر 5" R), 1, 8 },
	{ "only a cut-off tail is not utf-8", IN("2/8/1990\xE3"), AUTO, MR_ENC_CP1256, MR_OK,
	  0, OUT("2/8/1990م"), 0, 0 },
	{ "SUB bytes are text", IN(" \x1A\x1A" "سلام\n\x1A\x1A" "عليكم"), AUTO, MR_ENC_UTF8,
	  MR_OK, 0, OUT(" \x1A\x1A" "سلام\n\x1A\x1A" "عليكم"), 0, 0 },
	{ "utf-8 with one stray byte stays utf-8", IN(ARABIC_UTF8 "\x93"), AUTO, MR_ENC_UTF8,
	  MR_OK, 0, OUT(ARABIC_UTF8 R), 1, sizeof(ARABIC_UTF8) - 1 },
	{ "utf-16le BOM only", IN("\xFF\xFE"), AUTO, MR_ENC_UTF16LE, MR_OK, 0, OUT(""), 0, 0 },
	{ "utf-16le odd length", IN("\xFF\xFE" "a\0b"), AUTO, MR_ENC_UTF16LE, MR_OK, 0,
	  OUT("a" R), 1, 4 },
	{ "utf-16be odd length", IN("\xFE\xFF\x06\x27\x06"), AUTO, MR_ENC_UTF16BE, MR_OK, 0,
	  OUT("ا" R), 1, 4 },
	{ "utf-16le surrogate pair", IN("\xFF\xFE\x3D\xD8\x00\xDE"), AUTO, MR_ENC_UTF16LE,
	  MR_OK, 0, OUT("\xF0\x9F\x98\x80"), 0, 0 },
	{ "utf-16be surrogate pair", IN("\xFE\xFF\xD8\x3D\xDE\x00"), AUTO, MR_ENC_UTF16BE,
	  MR_OK, 0, OUT("\xF0\x9F\x98\x80"), 0, 0 },
	{ "utf-16le lone high surrogate", IN("\xFF\xFE\x3D\xD8" "a\0"), AUTO, MR_ENC_UTF16LE,
	  MR_OK, 0, OUT(R "a"), 1, 2 },
	{ "utf-16be lone low surrogate", IN("\xFE\xFF\xDE\x00\0a"), AUTO, MR_ENC_UTF16BE,
	  MR_OK, 0, OUT(R "a"), 1, 2 },
	{ "utf-16le high surrogate then odd byte", IN("\xFF\xFE\x3D\xD8\x41"), AUTO,
	  MR_ENC_UTF16LE, MR_OK, 0, OUT(R R), 2, 2 },
	{ "utf-16le without BOM decoded as utf-16le", IN("h\0i\0"), MR_ENC_UTF16LE,
	  MR_ENC_UTF16LE, MR_OK, 0, OUT("hi"), 0, 0 },
	{ "utf-16be arabic without NUL", IN("\x06\x27\x06\x44\x06\x45"), AUTO, MR_ENC_UTF16BE,
	  MR_OK, 0, OUT("الم"), 0, 0 },
	{ "utf-32le BOM is binary", IN("\xFF\xFE\0\0a\0\0\0"), AUTO, MR_ENC_BINARY,
	  MR_E_INVALID, 2, NULL, 0, 0, 0 },
	{ "PNG header is binary", IN(PNG), AUTO, MR_ENC_BINARY, MR_E_INVALID, 8, NULL, 0, 0, 0 },
	{ "ELF header is binary", IN(ELF), AUTO, MR_ENC_BINARY, MR_E_INVALID, 0, NULL, 0, 0, 0 },
	{ "random bytes with NULs are binary", IN(RANDOM), AUTO, MR_ENC_BINARY, MR_E_INVALID,
	  4, NULL, 0, 0, 0 },
	{ "ZIP header is binary", IN("PK\x03\x04\x14\0\0\0\x08\0"), AUTO, MR_ENC_BINARY,
	  MR_E_INVALID, 2, NULL, 0, 0, 0 },
	{ "gzip header is binary", IN("\x1F\x8B\x08\0\0\0\0\0\0\x03"), AUTO, MR_ENC_BINARY,
	  MR_E_INVALID, 0, NULL, 0, 0, 0 },
	{ "control bytes without NUL are binary", IN("ab\x01\x02\x03" "cd"), AUTO,
	  MR_ENC_BINARY, MR_E_INVALID, 2, NULL, 0, 0, 0 },
	{ "NUL in utf-8 BOM text is binary", IN("\xEF\xBB\xBF" "a\0b"), AUTO, MR_ENC_BINARY,
	  MR_E_INVALID, 4, NULL, 0, 0, 0 },
	{ "one control byte is tolerated", IN("hello\x1A"), AUTO, MR_ENC_UTF8, MR_OK, 0,
	  OUT("hello\x1A"), 0, 0 },
	{ "binary asked for explicitly", IN("text"), MR_ENC_BINARY, MR_ENC_UTF8,
	  MR_E_INVALID, 0, NULL, 0, 0, 0 },
	{ "unknown encoding value", IN("text"), 42, MR_ENC_UTF8, MR_E_USAGE, 0, NULL, 0, 0, 0 },
	{ "cp1256-only letters", IN("\x81\x8D\x8E\x90"), AUTO, MR_ENC_CP1256, MR_OK, 0,
	  OUT("پچژگ"), 0, 0 },
	{ "cp1256 0xA1 is the Arabic comma", IN("\xC7\xE1\xED\xE6\xE3\xA1 \xDB\xCF\xC7"), AUTO,
	  MR_ENC_CP1256, MR_OK, 0, OUT("اليوم، غدا"), 0, 0 },
	{ "iso-8859-6 0xA1 cannot be mapped", IN("\xC7\xA1\xE4\xC7"), MR_ENC_ISO8859_6,
	  MR_ENC_CP1256, MR_OK, 0, OUT("ا" R "لا"), 1, 1 },
	{ "iso-8859-6 unassigned bytes each replaced", IN("\xC8 \xDB\xDF\xFF"),
	  MR_ENC_ISO8859_6, MR_ENC_CP1256, MR_OK, 0, OUT("ب " R R R), 3, 2 },
	{ "iso-8859-6 0x80 is a C1 control in glibc", IN("\x80"), MR_ENC_ISO8859_6,
	  MR_ENC_CP1256, MR_OK, 0, OUT("\xC2\x80"), 0, 0 },
	{ "iso-8859-6 article", IN("\xC7\xE4\xCD\xE3\xE8\xE5\xC9 \xC7\xE4\xD3\xE8\xD1\xEA\xC9"),
	  AUTO, MR_ENC_ISO8859_6, MR_OK, 0, OUT("الحكومة السورية"), 0, 0 },
};

static void test_bytes(void **state)
{
	const struct byte_case *c = *state;
	struct buf out = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };
	struct mr_err err;
	int rc;

	mr_err_clear(&err);
	assert_int_equal(mr_encoding_detect(c->in, c->len), c->detected);
	if (c->enc == AUTO)
		rc = mr_decode_auto(c->in, c->len, &out, NULL, &r, &err);
	else
		rc = mr_decode(c->in, c->len, (enum mr_encoding)c->enc, &out, &r, &err);
	if (c->code != MR_OK) {
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, c->code);
		if (c->code == MR_E_INVALID) {
			assert_true(err.has_offset);
			assert_int_equal(err.offset, c->err_offset);
		}
		assert_int_equal(out.len, 0);
		assert_int_equal(r.invalid, 0);
		buf_release(&out);
		return;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(out.len, c->out_len);
	assert_memory_equal(out.data, c->out, c->out_len);
	assert_int_equal(r.invalid, c->invalid);
	if (c->invalid)
		assert_int_equal(r.first_offset, c->first_offset);
	assert_true(mr_utf8_validate(out.data, out.len, NULL));
	buf_release(&out);
}

/* Every prefix of every byte case, in a buffer of exactly that size: ASan
 * catches a read beyond, and the output is always valid UTF-8. */
static void test_no_overread(void **state)
{
	size_t i, k;
	int e;

	(void)state;
	for (i = 0; i < sizeof(byte_cases) / sizeof(byte_cases[0]); i++) {
		for (k = 0; k <= byte_cases[i].len; k++) {
			char *exact = xmalloc(k ? k : 1);

			memcpy(exact, byte_cases[i].in, k);
			for (e = MR_ENC_UTF8; e <= MR_ENC_BINARY; e++) {
				struct buf out = BUF_INIT;

				if (mr_decode(exact, k, (enum mr_encoding)e, &out, NULL, NULL) == 0)
					assert_true(mr_utf8_validate(out.data, out.len, NULL));
				else
					assert_int_equal(out.len, 0);
				buf_release(&out);
			}
			mr_encoding_detect(exact, k);
			free(exact);
		}
	}
}

/* ---- names ---- */

struct name_case {
	const char *name;
	int e;           /* -1: unknown */
	int canonical;   /* name is what mr_encoding_name gives */
};

static const struct name_case name_cases[] = {
	{ "utf-8", MR_ENC_UTF8, 1 },
	{ "utf-8-bom", MR_ENC_UTF8_BOM, 1 },
	{ "utf-16le", MR_ENC_UTF16LE, 1 },
	{ "utf-16be", MR_ENC_UTF16BE, 1 },
	{ "windows-1256", MR_ENC_CP1256, 1 },
	{ "iso-8859-6", MR_ENC_ISO8859_6, 1 },
	{ "binary", MR_ENC_BINARY, 1 },
	{ "UTF8", MR_ENC_UTF8, 0 },
	{ "CP1256", MR_ENC_CP1256, 0 },
	{ "ISO_8859-6", MR_ENC_ISO8859_6, 0 },
	{ "latin1", -1, 0 },
};

static void test_name(void **state)
{
	const struct name_case *c = *state;

	assert_int_equal(mr_encoding_from_name(c->name), c->e);
	if (c->canonical)
		assert_string_equal(mr_encoding_name((enum mr_encoding)c->e), c->name);
}

/* ---- the code-page tables against glibc ---- */

struct table_case {
	const char *name;
	enum mr_encoding e;
};

static const struct table_case table_cases[] = {
	{ "windows-1256", MR_ENC_CP1256 },
	{ "iso-8859-6", MR_ENC_ISO8859_6 },
};

/* Every byte: the detector's table and mr_decode both say what iconv says
 * (U+FFFD and one invalid where iconv has no mapping). */
static void test_table(void **state)
{
	const struct table_case *c = *state;
	int b;

	for (b = 1; b < 256; b++) {
		char byte = (char)b;
		struct buf want = BUF_INIT, got = BUF_INIT;
		struct mr_utf8_report r = { 0, 0 };
		uint32_t cp = mr_encoding_char(c->e, (unsigned char)b);
		int mapped = convert("UTF-8", charset(c->e), &byte, 1, &want, 0) == 0;

		if (mapped) {
			struct buf mine = BUF_INIT;

			buf_add_utf8(&mine, cp);
			if (cp == 0 || strcmp(mine.data, want.data))
				fail_msg("byte 0x%02X: table U+%04X, iconv %s", b, cp, want.data);
			buf_release(&mine);
		} else if (cp != 0) {
			fail_msg("byte 0x%02X: table U+%04X, iconv unassigned", b, cp);
		}
		assert_int_equal(mr_decode(&byte, 1, c->e, &got, &r, NULL), 0);
		assert_string_equal(got.data, mapped ? want.data : R);
		assert_int_equal(r.invalid, !mapped);
		buf_release(&want);
		buf_release(&got);
	}
	assert_int_equal(mr_encoding_char(MR_ENC_UTF8, 0xC7), 0);
}

/* ---- 3 MB inputs: chunks ---- */

#define BIG ((size_t)3 << 20)

/* UTF-8 text of at least BIG bytes: a sentence repeated. */
static void big_text(struct buf *text, const char *sentence)
{
	while (text->len < BIG)
		buf_adds(text, sentence);
}

struct big_case {
	const char *name;
	const char *sentence;
	enum mr_encoding e;
	int bom;
};

static const struct big_case big_cases[] = {
	{ "3 MB windows-1256", PERSIAN "\n", MR_ENC_CP1256, 0 },
	{ "3 MB iso-8859-6", QUESTION "\n", MR_ENC_ISO8859_6, 0 },
	/* "ا😀" is 6 bytes of UTF-16 and 64 KiB is not a multiple of 6, so
	 * surrogate pairs straddle chunk boundaries (in LE the first one) */
	{ "3 MB utf-16le pairs across chunks", "ا😀", MR_ENC_UTF16LE, 1 },
	{ "3 MB utf-16be pairs across chunks", "😀ب", MR_ENC_UTF16BE, 1 },
	{ "3 MB utf-8 BOM", EMOJI "\n", MR_ENC_UTF8_BOM, 1 },
};

static void test_big(void **state)
{
	const struct big_case *c = *state;
	struct buf text = BUF_INIT, in = BUF_INIT, out = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };
	enum mr_encoding found;

	big_text(&text, c->sentence);
	encode(text.data, c->e, c->bom, &in);
	assert_true(in.len >= BIG / 2);
	assert_int_equal(mr_decode_auto(in.data, in.len, &out, &found, &r, NULL), 0);
	assert_int_equal(found, c->e);
	assert_int_equal(r.invalid, 0);
	assert_int_equal(out.len, text.len);
	assert_memory_equal(out.data, text.data, text.len);

	/* an odd byte more: one U+FFFD at the end for UTF-16, a letter for
	 * the code pages (0xC7 is ا in both) */
	buf_addch(&in, '\xC7');
	buf_reset(&out);
	assert_int_equal(mr_decode(in.data, in.len, c->e, &out, &r, NULL), 0);
	if (c->e == MR_ENC_UTF16LE || c->e == MR_ENC_UTF16BE) {
		assert_int_equal(r.invalid, 1);
		assert_int_equal(r.first_offset, in.len - 1);
		assert_memory_equal(out.data + text.len, R, 3);
	} else if (c->e == MR_ENC_UTF8_BOM) {
		assert_int_equal(r.invalid, 1);
		assert_int_equal(r.first_offset, in.len - 1);
	} else {
		assert_int_equal(r.invalid, 0);
		assert_memory_equal(out.data + text.len, "ا", 2);
	}
	buf_release(&text);
	buf_release(&in);
	buf_release(&out);
}

/* Unmappable ISO-8859-6 bytes on both sides of chunk boundaries and at the
 * very end: each one U+FFFD, the first offset right. */
static void test_big_invalid(void **state)
{
	size_t at[] = { 65535, 65536, 2 * 65536 + 1, BIG - 1 };
	struct buf in = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };
	size_t i, k;

	(void)state;
	for (i = 0; i < BIG; i++)
		buf_addch(&in, i % 7 == 6 ? ' ' : (char)(0xC1 + i % 7));
	for (k = 0; k < sizeof(at) / sizeof(at[0]); k++)
		in.data[at[k]] = '\xA1';
	for (i = 0, k = 0; i < BIG; i++) {
		if (k < sizeof(at) / sizeof(at[0]) && i == at[k]) {
			buf_adds(&want, R);
			k++;
		} else if (in.data[i] == ' ') {
			buf_addch(&want, ' ');
		} else {
			buf_add_utf8(&want, 0x621 + (uint32_t)(i % 7));
		}
	}
	assert_int_equal(mr_decode(in.data, in.len, MR_ENC_ISO8859_6, &out, &r, NULL), 0);
	assert_int_equal(r.invalid, 4);
	assert_int_equal(r.first_offset, 65535);
	assert_int_equal(out.len, want.len);
	assert_memory_equal(out.data, want.data, want.len);
	buf_release(&in);
	buf_release(&out);
	buf_release(&want);
}

/* ---- the contract around the output and the report ---- */

static void test_appends_and_accumulates(void **state)
{
	struct buf out = BUF_INIT;
	struct mr_utf8_report r = { 0, 0 };
	struct mr_err err;

	(void)state;
	buf_adds(&out, "X");
	assert_int_equal(mr_decode("\xC7\xE1", 2, MR_ENC_CP1256, &out, &r, &err), 0);
	assert_string_equal(out.data, "Xال");
	/* a second call adds to the report and keeps the first offset */
	assert_int_equal(mr_decode("a\xFF", 2, MR_ENC_UTF8, &out, &r, &err), 0);
	assert_int_equal(mr_decode("\xFF", 1, MR_ENC_UTF8, &out, &r, &err), 0);
	assert_int_equal(r.invalid, 2);
	assert_int_equal(r.first_offset, 1);
	assert_string_equal(out.data, "Xال" "a" R R);
	/* a failure leaves out as it was */
	assert_int_equal(mr_decode_auto("\0\0\0", 3, &out, NULL, &r, &err), -1);
	assert_int_equal(err.code, MR_E_INVALID);
	assert_string_equal(out.data, "Xال" "a" R R);
	assert_int_equal(r.invalid, 2);
	/* NULL report and err are fine */
	assert_int_equal(mr_decode("\xA1", 1, MR_ENC_ISO8859_6, &out, NULL, NULL), 0);
	assert_int_equal(mr_decode("x", 1, MR_ENC_BINARY, &out, NULL, NULL), -1);
	buf_release(&out);
}

/* The binary test reads 64 KiB: a NUL beyond it does not make text binary,
 * and more than 1% of control bytes within it does. */
static void test_sample_window(void **state)
{
	struct buf in = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < MR_DECODE_SAMPLE; i++)
		buf_addch(&in, (char)('a' + i % 26));
	buf_addch(&in, '\0');
	assert_int_equal(mr_encoding_detect(in.data, in.len), MR_ENC_UTF8);
	for (i = 0; i < MR_DECODE_SAMPLE / 100 + 1; i++)
		in.data[i * 90] = '\x01';
	assert_int_equal(mr_encoding_detect(in.data, in.len), MR_ENC_BINARY);
	buf_release(&in);
}

/* ---- real news ---- */

#define DOCS 3000

static struct corpus articles, titles;
static int have_data;

static void load(void)
{
	have_data = !load_saudinewsnet(&articles, "content", DOCS,
				       "SaudiNewsNet encoding tests") &&
		    !load_saudinewsnet(&titles, "title", DOCS, "SaudiNewsNet titles");
}

struct real_case {
	const char *name;
	struct corpus *corpus;
	enum mr_encoding e;
	size_t prefix;        /* bytes of each encoded text tried, 0: all */
	unsigned max_wrong;   /* misdetections allowed in DOCS texts */
};

/* Measured on the first 3,000 (and on 20,000: 0 and 6 for articles, 1 and
 * 56 for titles): the misses are a name or two words whose letters are
 * Arabic letters in both code pages. */
static const struct real_case real_cases[] = {
	{ "SaudiNewsNet articles windows-1256", &articles, MR_ENC_CP1256, 0, 0 },
	{ "SaudiNewsNet articles iso-8859-6", &articles, MR_ENC_ISO8859_6, 0, 2 },
	{ "SaudiNewsNet articles windows-1256 first 100 bytes", &articles, MR_ENC_CP1256, 100, 1 },
	{ "SaudiNewsNet articles iso-8859-6 first 100 bytes", &articles, MR_ENC_ISO8859_6, 100, 3 },
	{ "SaudiNewsNet titles windows-1256", &titles, MR_ENC_CP1256, 0, 2 },
	{ "SaudiNewsNet titles iso-8859-6", &titles, MR_ENC_ISO8859_6, 0, DOCS / 200 },
	{ "SaudiNewsNet articles utf-16le without BOM", &articles, MR_ENC_UTF16LE, 0, 0 },
	{ "SaudiNewsNet articles utf-16be without BOM", &articles, MR_ENC_UTF16BE, 0, 0 },
	{ "SaudiNewsNet titles utf-16le without BOM", &titles, MR_ENC_UTF16LE, 0, 0 },
	{ "SaudiNewsNet articles utf-8", &articles, MR_ENC_UTF8, 0, 0 },
};

static int same_in_both_code_pages(const char *s, size_t n)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int same;

	mr_decode(s, n, MR_ENC_CP1256, &a, NULL, NULL);
	mr_decode(s, n, MR_ENC_ISO8859_6, &b, NULL, NULL);
	same = a.len == b.len && !memcmp(a.data, b.data, a.len);
	buf_release(&a);
	buf_release(&b);
	return same;
}

/*
 * Each text written in e (characters e lacks become '?'), detected, and,
 * when whole, decoded back to what iconv makes of it.  For the code pages,
 * texts that are pure ASCII (UTF-8, whatever they were written in) or that
 * decode alike in both code pages (nothing to tell them apart) are left out.
 */
static void test_real(void **state)
{
	const struct real_case *c = *state;
	struct buf in = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	int code_page = c->e == MR_ENC_CP1256 || c->e == MR_ENC_ISO8859_6;
	size_t i, tried = 0;
	unsigned wrong = 0;

	if (!have_data)
		skip();
	for (i = 0; i < c->corpus->count; i++) {
		size_t len, n;
		const char *doc = corpus_doc(c->corpus, i, &len);
		struct mr_utf8_report r = { 0, 0 };
		enum mr_encoding found;

		buf_reset(&in);
		convert(charset(c->e), "UTF-8", doc, len, &in, 1);
		n = c->prefix && c->prefix < in.len ? c->prefix : in.len;
		if (n == 0 || (code_page && same_in_both_code_pages(in.data, n)))
			continue;
		tried++;
		found = mr_encoding_detect(in.data, n);
		if (found != c->e) {
			if (wrong++ < 5)
				printf("  text %zu: %s, not %s\n", i, mr_encoding_name(found),
				       mr_encoding_name(c->e));
			continue;
		}
		if (c->prefix)
			continue;
		buf_reset(&want);
		buf_reset(&out);
		convert("UTF-8", charset(c->e), in.data, in.len, &want, 0);
		assert_int_equal(mr_decode(in.data, in.len, c->e, &out, &r, NULL), 0);
		assert_int_equal(r.invalid, 0);
		assert_int_equal(out.len, want.len);
		assert_memory_equal(out.data, want.data, want.len);
	}
	printf("  %s: %u of %zu misdetected\n", c->name, wrong, tried);
	assert_true(tried > DOCS * 9 / 10);
	assert_true(wrong <= c->max_wrong);
	buf_release(&in);
	buf_release(&want);
	buf_release(&out);
}

int main(void)
{
	struct test_list l = { 0 };
	int failed;

	load();
	ADD_ROWS(&l, "round trip:", round_trips, test_round_trip, name);
	ADD_ROWS(&l, "bytes:", byte_cases, test_bytes, name);
	ADD_ROWS(&l, "name:", name_cases, test_name, name);
	ADD_ROWS(&l, "table:", table_cases, test_table, name);
	ADD_ROWS(&l, "big:", big_cases, test_big, name);
	ADD_ROWS(&l, "real:", real_cases, test_real, name);
	ADD_TEST(&l, test_big_invalid);
	ADD_TEST(&l, test_no_overread);
	ADD_TEST(&l, test_appends_and_accumulates);
	ADD_TEST(&l, test_sample_window);
	failed = run_group("decode", &l);
	if (have_data) {
		corpus_free(&articles);
		corpus_free(&titles);
	}
	return failed;
}
