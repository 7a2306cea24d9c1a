#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

/* ---- names ---- */

static const char *const names[] = {
	[MR_ENC_UTF8] = "utf-8",
	[MR_ENC_UTF8_BOM] = "utf-8-bom",
	[MR_ENC_UTF16LE] = "utf-16le",
	[MR_ENC_UTF16BE] = "utf-16be",
	[MR_ENC_CP1256] = "windows-1256",
	[MR_ENC_ISO8859_6] = "iso-8859-6",
	[MR_ENC_BINARY] = "binary",
};

#define N_ENC ((int)(sizeof(names) / sizeof(names[0])))

static int known(enum mr_encoding e)
{
	return (int)e >= 0 && (int)e < N_ENC;
}

const char *mr_encoding_name(enum mr_encoding e)
{
	return known(e) ? names[e] : "unknown";
}

int mr_encoding_from_name(const char *name)
{
	static const struct {
		const char *name;
		enum mr_encoding e;
	} aliases[] = {
		{ "utf8", MR_ENC_UTF8 },
		{ "utf-8-sig", MR_ENC_UTF8_BOM },
		{ "utf8-bom", MR_ENC_UTF8_BOM },
		{ "utf16le", MR_ENC_UTF16LE },
		{ "utf16be", MR_ENC_UTF16BE },
		{ "cp1256", MR_ENC_CP1256 },
		{ "windows1256", MR_ENC_CP1256 },
		{ "iso8859-6", MR_ENC_ISO8859_6 },
		{ "iso_8859-6", MR_ENC_ISO8859_6 },
		{ "arabic", MR_ENC_ISO8859_6 },
	};
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < (size_t)N_ENC; i++)
		if (!strcasecmp(name, names[i]))
			return (int)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(name, aliases[i].name))
			return (int)aliases[i].e;
	return -1;
}

/* ---- the two code pages, as glibc's iconv has them (0: unassigned) ---- */

static const uint16_t cp1256_high[128] = {
	0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
	0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA,
	0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F,
	0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
	0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
	0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
	0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
	0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF,
	0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
	0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

static const uint16_t iso8859_6_high[128] = {
	0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087,
	0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
	0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097,
	0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
	0x00A0, 0, 0, 0, 0x00A4, 0, 0, 0,
	0, 0, 0, 0, 0x060C, 0x00AD, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0x061B, 0, 0, 0, 0x061F,
	0, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
	0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
	0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
	0x0638, 0x0639, 0x063A, 0, 0, 0, 0, 0,
	0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647,
	0x0648, 0x0649, 0x064A, 0x064B, 0x064C, 0x064D, 0x064E, 0x064F,
	0x0650, 0x0651, 0x0652, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
};

static const uint16_t *code_page(enum mr_encoding e)
{
	if (e == MR_ENC_CP1256)
		return cp1256_high;
	if (e == MR_ENC_ISO8859_6)
		return iso8859_6_high;
	return NULL;
}

uint32_t mr_encoding_char(enum mr_encoding e, unsigned char b)
{
	const uint16_t *t = code_page(e);

	if (!t)
		return 0;
	return b < 0x80 ? b : t[b - 0x80];
}

/* ---- the binary test ---- */

/* A control character that text does not hold: C0 but \t \n \f \r and SUB
 * (0x1A, which upstream conversions leave for what they could not map), and
 * DEL. */
static int is_control(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' &&
		c != 0x1A) || c == 0x7F;
}

static int too_many_controls(size_t controls, size_t total)
{
	return controls > 1 && controls > total / 100;
}

static size_t sample_len(size_t n)
{
	return n < MR_DECODE_SAMPLE ? n : MR_DECODE_SAMPLE;
}

/* Binary by rule 2, on bytes. */
static int binary_bytes(const unsigned char *p, size_t n)
{
	size_t m = sample_len(n), i, controls = 0;

	if (memchr(p, 0, m))
		return 1;
	for (i = 0; i < m; i++)
		controls += is_control(p[i]);
	return too_many_controls(controls, m);
}

/* The offset of the first NUL or control byte of the sample, or n. */
static size_t first_binary_byte(const unsigned char *p, size_t n)
{
	size_t m = sample_len(n), i;

	for (i = 0; i < m; i++)
		if (p[i] == 0 || is_control(p[i]))
			return i;
	return n;
}

static uint32_t unit(const unsigned char *p, int be)
{
	return be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static int high_surrogate(uint32_t u)
{
	return u >= 0xD800 && u <= 0xDBFF;
}

static int low_surrogate(uint32_t u)
{
	return u >= 0xDC00 && u <= 0xDFFF;
}

/* A character of Arabic or Latin news text (rule 2). */
static int plausible_unit(uint32_t u)
{
	return u == '\t' || u == '\n' || u == '\f' || u == '\r' ||
	       (u >= 0x20 && u <= 0x7E) ||
	       (u >= 0xA0 && u <= 0x6FF) ||       /* Latin-1 ... Arabic */
	       (u >= 0x750 && u <= 0x77F) ||      /* Arabic Supplement */
	       (u >= 0x8A0 && u <= 0x8FF) ||      /* Arabic Extended-A */
	       (u >= 0x200B && u <= 0x206F) ||    /* general punctuation */
	       (u >= 0x20A0 && u <= 0x20CF) ||    /* currency signs */
	       (u >= 0xFB50 && u <= 0xFDFF) ||    /* presentation forms A */
	       (u >= 0xFE70 && u <= 0xFEFF);      /* presentation forms B */
}

/*
 * Reads the sample of p[0..n) as UTF-16 in one byte order.  Returns 0 when it
 * cannot be text (a U+0000 unit, too many controls), else 1 with *plausible
 * the number of units that are characters of news text.
 */
static int utf16_sample(const unsigned char *p, size_t n, int be, size_t *plausible)
{
	size_t m = sample_len(n) / 2, i, controls = 0, good = 0;

	for (i = 0; i < m; i++) {
		uint32_t u = unit(p + 2 * i, be);

		if (u == 0)
			return 0;
		if (is_control(u))
			controls++;
		if (high_surrogate(u)) {
			if (i + 1 < m && low_surrogate(unit(p + 2 * i + 2, be))) {
				good += 2;
				i++;
			} else if (i + 1 == m) {
				good++;   /* a pair cut by the end of the sample */
			}
		} else if (plausible_unit(u)) {
			good++;
		}
	}
	if (too_many_controls(controls, m))
		return 0;
	*plausible = good;
	return 1;
}

/* Rule 2 for BOM-less input that looks binary: UTF-16 or binary. */
static enum mr_encoding guess_utf16(const unsigned char *p, size_t n)
{
	size_t m = sample_len(n) / 2, le = 0, be = 0;
	int le_ok, be_ok;

	if (!m)
		return MR_ENC_BINARY;
	le_ok = utf16_sample(p, n, 0, &le) && le * 10 >= m * 9;
	be_ok = utf16_sample(p, n, 1, &be) && be * 10 >= m * 9;
	if (le_ok && (!be_ok || le >= be))
		return MR_ENC_UTF16LE;
	if (be_ok)
		return MR_ENC_UTF16BE;
	return MR_ENC_BINARY;
}

/* ---- UTF-8 (rule 3) ---- */

static size_t utf8_expected_len(unsigned char c)
{
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 1;
}

static int looks_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0, multibyte = 0, invalid = 0;
	int truncated = 0;

	while (i < n) {
		uint32_t cp;
		int bad;
		size_t len;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = mr_utf8_next(p + i, n - i, &cp, &bad);
		if (!bad)
			multibyte++;
		else if (i + len == n && len < utf8_expected_len(p[i]))
			truncated = 1;   /* cut off by the end of the buffer */
		else
			invalid++;
		i += len;
	}
	if (truncated && !multibyte)
		return 0;   /* only a cut-off tail: no evidence of UTF-8 */
	return invalid == 0 || multibyte / MR_DECODE_UTF8_RATIO >= invalid;
}

/* ---- the single-byte code pages (rule 4) ---- */

enum char_class {
	C_ASCII,      /* ASCII that is not a letter: ends a word, scores nothing */
	C_ARABIC,     /* Arabic letter or tatweel */
	C_MARK,       /* haraka */
	C_LATIN,      /* Latin letter, ASCII or not */
	C_PUNCT,      /* common punctuation of news text */
	C_SYMBOL,     /* other symbols */
	C_BAD,        /* unassigned, or a C1 control */
};

static enum char_class classify(uint32_t c)
{
	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? C_LATIN : C_ASCII;
	if (c <= 0x9F)
		return C_BAD;   /* C1 controls */
	if ((c >= 0x621 && c <= 0x63A) || (c >= 0x640 && c <= 0x64A) ||
	    (c >= 0x671 && c <= 0x6D3))
		return C_ARABIC;
	if (c >= 0x64B && c <= 0x652)
		return C_MARK;
	if ((c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) ||
	    c == 0x152 || c == 0x153)
		return C_LATIN;
	switch (c) {
	case 0x00A0: case 0x00A3: case 0x00A9: case 0x00AB: case 0x00AD:
	case 0x00B0: case 0x00BB: case 0x00D7: case 0x20AC:
	case 0x060C: case 0x061B: case 0x061F:
	case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201A:
	case 0x201C: case 0x201D: case 0x201E: case 0x2022: case 0x2026:
	case 0x2039: case 0x203A:
	case 0x200C: case 0x200D: case 0x200E: case 0x200F:
		return C_PUNCT;
	}
	return C_SYMBOL;
}

struct word {
	unsigned script;      /* 1 Arabic, 2 Latin, 3 both */
	int bad;              /* starts with a haraka, or a letter follows tanween */
	size_t letters;       /* letters and harakat so far */
	size_t high;          /* of which bytes >= 0x80 */
	uint32_t first, second, last;
};

static long end_word(struct word *w)
{
	long score = 0;

	if (w->high) {
		if (w->script == 3 || w->bad) {
			score = -2 * (long)w->high;
		} else {
			score = 2 * (long)w->high;
			if (w->first == 0x627 && w->second == 0x644)
				score += 4;   /* the article ال */
		}
	}
	memset(w, 0, sizeof(*w));
	return score;
}

static void add_letter(struct word *w, uint32_t c, enum char_class k)
{
	if (k == C_MARK && w->letters == 0)
		w->bad = 1;
	/* tanween ends a word; only fathatan may have an alef after it */
	if (k == C_ARABIC && w->last >= 0x64B && w->last <= 0x64D &&
	    !(w->last == 0x64B && (c == 0x627 || c == 0x649)))
		w->bad = 1;
	w->script |= k == C_LATIN ? 2 : 1;
	if (w->letters == 0)
		w->first = c;
	else if (w->letters == 1)
		w->second = c;
	w->last = c;
	w->letters++;
}

static long plausibility(const unsigned char *p, size_t n, const uint16_t *table)
{
	struct word w;
	long score = 0;
	size_t i;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < n; i++) {
		uint32_t c = p[i] < 0x80 ? p[i] : table[p[i] - 0x80];
		enum char_class k = classify(c);

		if (p[i] >= 0x80 && c == 0)
			k = C_BAD;
		if (k == C_ARABIC || k == C_MARK || k == C_LATIN) {
			add_letter(&w, c, k);
			w.high += p[i] >= 0x80;
			continue;
		}
		score += end_word(&w);
		if (p[i] < 0x80)
			continue;
		if (k == C_PUNCT)
			score += 1;
		else if (k == C_SYMBOL)
			score -= 1;
		else
			score -= 8;
	}
	return score + end_word(&w);
}

/* ---- detection ---- */

static int has_utf8_bom(const unsigned char *p, size_t n)
{
	return n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
}

static int has_utf16_bom(const unsigned char *p, size_t n, int be)
{
	return n >= 2 && p[0] == (be ? 0xFE : 0xFF) && p[1] == (be ? 0xFF : 0xFE);
}

enum mr_encoding mr_encoding_detect(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t ignored;

	if (n == 0)
		return MR_ENC_UTF8;
	if (has_utf8_bom(p, n))
		return binary_bytes(p + 3, n - 3) ? MR_ENC_BINARY : MR_ENC_UTF8_BOM;
	if (has_utf16_bom(p, n, 0))
		return utf16_sample(p + 2, n - 2, 0, &ignored) ? MR_ENC_UTF16LE
							       : MR_ENC_BINARY;
	if (has_utf16_bom(p, n, 1))
		return utf16_sample(p + 2, n - 2, 1, &ignored) ? MR_ENC_UTF16BE
							       : MR_ENC_BINARY;
	if (binary_bytes(p, n))
		return guess_utf16(p, n);
	if (looks_utf8(p, n))
		return MR_ENC_UTF8;
	return plausibility(p, n, iso8859_6_high) > plausibility(p, n, cp1256_high)
		       ? MR_ENC_ISO8859_6 : MR_ENC_CP1256;
}

/* ---- decoding ---- */

static size_t put_utf8(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static void set_len(struct buf *out, char *end)
{
	out->len = (size_t)(end - out->data);
	out->data[out->len] = '\0';
}

/* p[start..n) as UTF-16, a block of input at a time written straight into
 * out: a unit takes at most 3 bytes of UTF-8 and a pair 4, so a block of b
 * bytes (a pair may run 2 bytes past it) needs at most b * 3 / 2 + 3. */
static void decode_utf16(const unsigned char *p, size_t n, size_t start, int be,
			 struct buf *out, struct mr_utf8_report *r)
{
	size_t i = start;

	while (i + 1 < n) {
		size_t end = n - i > MR_DECODE_CHUNK ? i + MR_DECODE_CHUNK : n;
		char *d;

		buf_grow(out, (end - i) / 2 * 3 + 8);
		d = out->data + out->len;
		while (i + 1 < end) {
			uint32_t u = unit(p + i, be), u2;

			if (!high_surrogate(u) && !low_surrogate(u)) {
				d += put_utf8(d, u);
				i += 2;
			} else if (high_surrogate(u) && i + 3 < n &&
				   low_surrogate(u2 = unit(p + i + 2, be))) {
				d += put_utf8(d, 0x10000 + ((u - 0xD800) << 10) +
						     (u2 - 0xDC00));
				i += 4;
			} else {
				mr_utf8_note(r, i);   /* unpaired surrogate */
				d += put_utf8(d, MR_REPLACEMENT);
				i += 2;
			}
		}
		set_len(out, d);
	}
	if (i < n) {
		mr_utf8_note(r, i);           /* odd trailing byte */
		buf_add(out, "\xEF\xBF\xBD", 3);
	}
}

/* s[0..n) from a single-byte code page through iconv, MR_DECODE_CHUNK bytes
 * of input at a time, converted straight into out. */
static int decode_iconv(const char *s, size_t n, enum mr_encoding e,
			const char *from, struct buf *out,
			struct mr_utf8_report *r, struct mr_err *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t i = 0, room = 0;

	if (cd == (iconv_t)-1)
		return mr_err_at_offset(err, MR_E_INVALID, 0,
					"cannot convert from %s: iconv has no converter",
					mr_encoding_name(e));
	while (i < n) {
		size_t chunk = n - i < MR_DECODE_CHUNK ? n - i : MR_DECODE_CHUNK;
		char *in = (char *)s + i, *o;
		size_t in_left = chunk, out_left, rc;

		if (room < chunk * 3 + 16)
			room = chunk * 3 + 16;     /* 3 bytes of UTF-8 a byte */
		buf_grow(out, room);
		o = out->data + out->len;
		out_left = out->cap - out->len - 1;
		errno = 0;
		rc = iconv(cd, &in, &in_left, &o, &out_left);
		set_len(out, o);
		i += chunk - in_left;
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			if (in_left == chunk)
				room *= 2;   /* no progress: not the 3 bytes assumed */
		} else if (errno == EILSEQ || errno == EINVAL) {
			mr_utf8_note(r, i);
			buf_add(out, "\xEF\xBF\xBD", 3);
			i++;
			iconv(cd, NULL, NULL, NULL, NULL);
		} else {
			iconv_close(cd);
			return mr_err_at_offset(err, MR_E_INVALID, i,
						"cannot convert from %s: iconv failed",
						mr_encoding_name(e));
		}
	}
	iconv_close(cd);
	return 0;
}

static void merge(struct mr_utf8_report *to, const struct mr_utf8_report *from,
		  size_t shift)
{
	if (!to || !from->invalid)
		return;
	if (!to->invalid)
		to->first_offset = from->first_offset + shift;
	to->invalid += from->invalid;
}

static int binary_error(const unsigned char *p, size_t n, struct mr_err *err)
{
	size_t at = first_binary_byte(p, n);

	if (at == n)
		return mr_err_at_offset(err, MR_E_INVALID, 0, "binary data, not text");
	if (p[at] == 0)
		return mr_err_at_offset(err, MR_E_INVALID, at,
					"binary data, not text (NUL byte)");
	return mr_err_at_offset(err, MR_E_INVALID, at,
				"binary data, not text (control byte 0x%02X)", p[at]);
}

int mr_decode(const char *s, size_t n, enum mr_encoding e, struct buf *out,
	      struct mr_utf8_report *report, struct mr_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	struct mr_utf8_report local = { 0, 0 };
	size_t before = out->len, skip = 0;

	if (!known(e))
		return mr_err_set(err, MR_E_USAGE, "unknown encoding %d", (int)e);
	if (e == MR_ENC_BINARY)
		return binary_error(p, n, err);
	if (n == 0)
		return 0;
	switch (e) {
	case MR_ENC_UTF8:
	case MR_ENC_UTF8_BOM:
		if (has_utf8_bom(p, n))
			skip = 3;
		mr_utf8_sanitize(s + skip, n - skip, out, &local);
		break;
	case MR_ENC_UTF16LE:
	case MR_ENC_UTF16BE:
		decode_utf16(p, n, has_utf16_bom(p, n, e == MR_ENC_UTF16BE) ? 2 : 0,
			     e == MR_ENC_UTF16BE, out, &local);
		break;
	case MR_ENC_CP1256:
	case MR_ENC_ISO8859_6:
		if (decode_iconv(s, n, e, e == MR_ENC_CP1256 ? "WINDOWS-1256" : "ISO-8859-6",
				 out, &local, err) < 0) {
			buf_truncate(out, before);
			return -1;
		}
		break;
	case MR_ENC_BINARY:
		break;
	}
	merge(report, &local, skip);
	return 0;
}

int mr_decode_auto(const char *s, size_t n, struct buf *out, enum mr_encoding *found,
		   struct mr_utf8_report *report, struct mr_err *err)
{
	enum mr_encoding e = mr_encoding_detect(s, n);

	if (found)
		*found = e;
	return mr_decode(s, n, e, out, report, err);
}
