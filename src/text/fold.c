#include "fold.h"

#include <utf8proc.h>

/* Each table sets a range first and then the exceptions inside it: the
 * overridden initializers are the point, not an accident. */
#pragma GCC diagnostic ignored "-Woverride-init"

#define SEP    { 0, MR_CC_SEP }
#define SKIP   { 0, MR_CC_SKIP }
#define AR     { 0, MR_CC_ARABIC }
#define TO(c)  { c, MR_CC_ARABIC }
#define DIGIT(d) { '0' + (d), MR_CC_DIGIT }

const struct mr_fold_entry mr_fold_ascii[128] = {
	[0x00 ... 0x7F] = SEP,
	['0' ... '9'] = { 0, MR_CC_DIGIT },
	['a' ... 'z'] = { 0, MR_CC_ALPHA },
	/* A..Z fold to a..z */
	['A'] = { 'a', MR_CC_ALPHA }, ['B'] = { 'b', MR_CC_ALPHA },
	['C'] = { 'c', MR_CC_ALPHA }, ['D'] = { 'd', MR_CC_ALPHA },
	['E'] = { 'e', MR_CC_ALPHA }, ['F'] = { 'f', MR_CC_ALPHA },
	['G'] = { 'g', MR_CC_ALPHA }, ['H'] = { 'h', MR_CC_ALPHA },
	['I'] = { 'i', MR_CC_ALPHA }, ['J'] = { 'j', MR_CC_ALPHA },
	['K'] = { 'k', MR_CC_ALPHA }, ['L'] = { 'l', MR_CC_ALPHA },
	['M'] = { 'm', MR_CC_ALPHA }, ['N'] = { 'n', MR_CC_ALPHA },
	['O'] = { 'o', MR_CC_ALPHA }, ['P'] = { 'p', MR_CC_ALPHA },
	['Q'] = { 'q', MR_CC_ALPHA }, ['R'] = { 'r', MR_CC_ALPHA },
	['S'] = { 's', MR_CC_ALPHA }, ['T'] = { 't', MR_CC_ALPHA },
	['U'] = { 'u', MR_CC_ALPHA }, ['V'] = { 'v', MR_CC_ALPHA },
	['W'] = { 'w', MR_CC_ALPHA }, ['X'] = { 'x', MR_CC_ALPHA },
	['Y'] = { 'y', MR_CC_ALPHA }, ['Z'] = { 'z', MR_CC_ALPHA },
	['.'] = { 0, MR_CC_NUMSEP }, [','] = { 0, MR_CC_NUMSEP },
	[':'] = { 0, MR_CC_NUMSEP }, ['/'] = { 0, MR_CC_NUMSEP },
	['-'] = { 0, MR_CC_NUMSEP },
};

/* U+0600..U+06FF.  Ranges follow the Unicode chart; the folds are the rules
 * listed in the README. */
const struct mr_fold_entry mr_fold_arabic[256] = {
	[0x00 ... 0x05] = SKIP,                /* number signs (Cf) */
	[0x06 ... 0x0B] = SEP,                 /* math signs, per mille, afghani */
	[0x0C] = SEP,                          /* ، */
	[0x0D] = { '/', MR_CC_NUMSEP },        /* ؍ date separator */
	[0x0E ... 0x0F] = SEP,
	[0x10 ... 0x1A] = SKIP,                /* honorific signs, small marks */
	[0x1B] = SEP,                          /* ؛ */
	[0x1C] = { 0, MR_CC_IGNORE },          /* ARABIC LETTER MARK (bidi) */
	[0x1D ... 0x1F] = SEP,                 /* ؟ and friends */
	[0x20 ... 0x3F] = AR,
	[0x20] = TO(0x64A),                    /* kashmiri yeh -> ي */
	[0x22] = TO(0x627),                    /* آ -> ا */
	[0x23] = TO(0x627),                    /* أ -> ا */
	[0x24] = TO(0x621),                    /* ؤ -> ء */
	[0x25] = TO(0x627),                    /* إ -> ا */
	[0x26] = TO(0x621),                    /* ئ -> ء */
	[0x29] = TO(0x647),                    /* ة -> ه */
	[0x3B ... 0x3C] = TO(0x643),           /* keheh variants -> ك */
	[0x3D ... 0x3F] = TO(0x64A),           /* farsi yeh variants -> ي */
	[0x40] = SKIP,                         /* tatweel */
	[0x41 ... 0x4A] = AR,
	[0x49] = TO(0x64A),                    /* ى -> ي */
	[0x4B ... 0x5F] = SKIP,                /* harakat and other marks */
	[0x54 ... 0x55] = { 0, MR_CC_HAMZA_MARK }, /* combining hamza above/below */
	/* Arabic-Indic digits -> ASCII */
	[0x60] = DIGIT(0), [0x61] = DIGIT(1), [0x62] = DIGIT(2), [0x63] = DIGIT(3),
	[0x64] = DIGIT(4), [0x65] = DIGIT(5), [0x66] = DIGIT(6), [0x67] = DIGIT(7),
	[0x68] = DIGIT(8), [0x69] = DIGIT(9),
	[0x6A] = SEP,                          /* ٪ */
	[0x6B] = { '.', MR_CC_NUMSEP },        /* ٫ decimal separator */
	[0x6C] = { ',', MR_CC_NUMSEP },        /* ٬ thousands separator */
	[0x6D] = SEP,                          /* ٭ */
	[0x6E ... 0x6F] = AR,
	[0x70] = SKIP,                         /* superscript alef */
	[0x71 ... 0xD3] = AR,
	[0x71 ... 0x73] = TO(0x627),           /* ٱ ٲ ٳ -> ا */
	[0x75] = TO(0x627),                    /* ٵ -> ا */
	[0x7E] = TO(0x628),                    /* پ -> ب */
	[0x86] = TO(0x62C),                    /* چ -> ج */
	[0x98] = TO(0x632),                    /* ژ -> ز */
	[0xA4] = TO(0x641),                    /* ڤ -> ف */
	[0xA9] = TO(0x643),                    /* ک -> ك */
	[0xAA] = TO(0x643),                    /* ڪ -> ك */
	[0xAF] = TO(0x643),                    /* گ -> ك */
	[0xC0 ... 0xC1] = TO(0x647),           /* ۀ ہ -> ه */
	[0xC3] = TO(0x647),                    /* ۃ -> ه */
	[0xCC] = TO(0x64A),                    /* ی -> ي */
	[0xD0] = TO(0x64A),                    /* ې -> ي */
	[0xD2] = TO(0x64A),                    /* ے -> ي */
	[0xD4] = SEP,                          /* ۔ urdu full stop */
	[0xD5] = TO(0x647),                    /* ە -> ه */
	[0xD6 ... 0xED] = SKIP,                /* Quranic marks */
	[0xEE ... 0xEF] = AR,
	/* extended (Persian/Urdu) Arabic-Indic digits -> ASCII */
	[0xF0] = DIGIT(0), [0xF1] = DIGIT(1), [0xF2] = DIGIT(2), [0xF3] = DIGIT(3),
	[0xF4] = DIGIT(4), [0xF5] = DIGIT(5), [0xF6] = DIGIT(6), [0xF7] = DIGIT(7),
	[0xF8] = DIGIT(8), [0xF9] = DIGIT(9),
	[0xFA ... 0xFC] = AR,
	[0xFD ... 0xFE] = SEP,
	[0xFF] = AR,
};

int mr_is_invisible_control(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || cp == 0x061C ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x00AD;
}

static int is_presentation_form(uint32_t cp)
{
	return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
}

static size_t fold_one(uint32_t cp, struct mr_folded *out)
{
	utf8proc_category_t cat;

	if (mr_fold_fast(cp, out))
		return 1;
	if (mr_is_invisible_control(cp)) {
		out->cp = cp;
		out->cls = MR_CC_IGNORE;
		return 1;
	}
	out->cp = cp;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	if ((cp >= 0x750 && cp <= 0x77F) || (cp >= 0x870 && cp <= 0x8FF)) {
		/* Arabic Supplement and Extended-A/B: letters stay Arabic letters,
		 * their marks go the way of the harakat. */
		out->cls = (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_CF)
			   ? MR_CC_SKIP
			   : (cat == UTF8PROC_CATEGORY_LO ? MR_CC_ARABIC : MR_CC_SEP);
		return 1;
	}
	switch (cat) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		out->cls = MR_CC_ALPHA;
		break;
	case UTF8PROC_CATEGORY_ND:
		out->cls = MR_CC_DIGIT;
		break;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		out->cls = MR_CC_MARK;
		break;
	default:
		out->cls = MR_CC_SEP;
		break;
	}
	return 1;
}

/* Case folding can expand (ß -> ss); each piece keeps the letter class. */
static size_t casefold(uint32_t cp, struct mr_folded *out, size_t room)
{
	utf8proc_int32_t tmp[MR_FOLD_MAX];
	utf8proc_ssize_t n;
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	size_t i;

	n = utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, MR_FOLD_MAX,
				    UTF8PROC_CASEFOLD, &boundclass);
	if (n <= 0 || (size_t)n > room)
		return 1;   /* keep the letter as it was */
	for (i = 0; i < (size_t)n; i++) {
		out[i].cp = (uint32_t)tmp[i];
		out[i].cls = MR_CC_ALPHA;
	}
	return (size_t)n;
}

size_t mr_fold(uint32_t cp, struct mr_folded out[MR_FOLD_MAX])
{
	utf8proc_int32_t tmp[MR_FOLD_MAX];
	utf8proc_ssize_t n;
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	size_t i, k = 0;

	if (!is_presentation_form(cp)) {
		fold_one(cp, out);
		if (out->cls == MR_CC_ALPHA && cp >= 0x80)
			return casefold(cp, out, MR_FOLD_MAX);
		return 1;
	}
	/* NFKC of the single code point: decompose, then recompose. */
	n = utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, MR_FOLD_MAX,
				    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &boundclass);
	if (n <= 0 || n > MR_FOLD_MAX)
		return fold_one(cp, out);
	n = utf8proc_normalize_utf32(tmp, n, UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (n <= 0)
		return fold_one(cp, out);
	for (i = 0; i < (size_t)n; i++)
		k += fold_one((uint32_t)tmp[i], out + k);
	return k;
}
