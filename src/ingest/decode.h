/*
 * decode: the encoding of a file's bytes, and those bytes as UTF-8.
 *
 * Scraped Arabic news arrives as UTF-8 (with or without a byte-order mark),
 * UTF-16 with a BOM (Windows "Unicode" text), Windows-1256 (the web's legacy
 * Arabic code page) or ISO-8859-6; and now and then a file is not text at all.
 * This module guesses which, and converts to UTF-8.  It is pure: memory in,
 * memory out, no global state, no file I/O of its own (glibc's iconv, which
 * converts the two code pages, loads its tables on first use).
 *
 * Detection (mr_encoding_detect), in this order:
 *
 *  1. A byte-order mark decides: EF BB BF is UTF-8 with BOM, FF FE UTF-16LE,
 *     FE FF UTF-16BE.  The content after the mark must still pass the binary
 *     test of rule 2 (on bytes for UTF-8, on 16-bit units for UTF-16, where
 *     a U+0000 unit counts as a NUL), so FF FE 00 00 — the UTF-32LE mark;
 *     UTF-32 is not supported — is binary.
 *  2. Binary: in the first MR_DECODE_SAMPLE bytes (64 KiB), a NUL byte, or
 *     more than 1% (and more than one) of control bytes — C0 other than
 *     \t \n \f \r and SUB (0x1A: upstream conversions leave it for what
 *     they could not map; 91 of SaudiNewsNet's 31,030 articles hold some,
 *     a few over 1% of their bytes), and DEL — make the input binary, unless it
 *     is BOM-less UTF-16: read as 16-bit units in either byte order, the
 *     sample has no U+0000, at most 1% controls, and at least 90% of its
 *     units are characters of Arabic or Latin news text (ASCII, U+00A0–
 *     U+06FF from Latin-1 to Arabic, Arabic Supplement and Extended-A,
 *     general punctuation U+200B–U+206F, currency signs, Arabic
 *     presentation forms, paired surrogates).  ASCII text in UTF-16 has a
 *     NUL in every other byte and Arabic text a 0x06, so both trip the test
 *     and are recognised here (should both orders pass, the one with more
 *     plausible units, LE on a tie); read in the wrong byte order the same
 *     text is CJK and dingbats, far from 90%.  Binary formats (PNG, ELF, ZIP, gzip, random
 *     bytes) have U+0000 units or few plausible ones, and stay binary.
 *  3. UTF-8: every sequence is valid UTF-8 — a multibyte sequence cut off by
 *     the very end of the buffer is not held against it, since the buffer
 *     may be a sampled prefix, as long as some other multibyte character is
 *     valid — or the input is mostly UTF-8, with at least
 *     MR_DECODE_UTF8_RATIO (16) valid multibyte characters per invalid
 *     sequence: a UTF-8 article with a few stray bytes stays UTF-8 (the
 *     strays become U+FFFD, reported) instead of turning every Arabic letter
 *     into mojibake.  Text in an Arabic code page is never near that ratio:
 *     nearly each of its letters is an invalid sequence.  Pure ASCII, and
 *     empty input, are UTF-8.
 *  4. Otherwise a single-byte Arabic code page: Windows-1256 or ISO-8859-6,
 *     whichever decodes to the more plausible text.  Each byte >= 0x80 is
 *     scored in both.  Inside a word (a run of letters and harakat): +2 when
 *     the word is of one script (Arabic, or Latin including Latin-1
 *     letters), does not start with a haraka and has no letter after
 *     tanween (but ا or ى after fathatan), -2 otherwise — ISO-8859-6 Arabic
 *     read as Windows-1256 turns و ي ه ق into è ê ç â inside Arabic words,
 *     and Windows-1256 read as ISO-8859-6 turns ي ى into kasratan and
 *     dammatan before the next letter; +4 more for a word that starts with
 *     the article ال.  Outside words: +1 for common punctuation (، ؛ ؟ « »
 *     quotes, dashes, ellipsis, no-break space, °, ×, €, £, ZWNJ and the
 *     direction marks), -1 for other symbols, -8 for a byte the code page
 *     leaves unassigned or maps to a C1 control — in ISO-8859-6: 0x80–0x9F
 *     (C1 controls in glibc), 0xA1–0xA3, 0xA5–0xAB, 0xAE–0xBA, 0xBC–0xBE,
 *     0xC0, 0xDB–0xDF, 0xF3–0xFF; Windows-1256 assigns every byte.
 *     ISO-8859-6 wins only with a strictly higher score: on a tie the far
 *     more common Windows-1256 is chosen.  The code-page tables are glibc's
 *     (the tests compare them with iconv byte by byte).
 *
 * Rules 3 and 4 read all n bytes; pass a prefix (a few MB) of a huge file.
 * Short inputs are guesses like any other.  Measured on 20,000 SaudiNewsNet
 * articles re-encoded: every Windows-1256 article and all but 6 ISO-8859-6
 * ones (a name or two words, such as بلاتر, whose letters are Arabic in
 * both code pages) are recognised (the same on their first 100 bytes);
 * 56 of 20,000 ISO-8859-6 headlines go to Windows-1256 for that reason, and
 * 1 Windows-1256 headline to ISO-8859-6; texts whose bytes decode alike in
 * both are Windows-1256.  UTF-32, UTF-16 without BOM whose sample has
 * neither a NUL nor a control byte (impossible for ASCII or Arabic text),
 * and other code pages (CP720, MacArabic, Latin-1 as such) are not detected.
 *
 * Decoding (mr_decode) appends UTF-8 without a BOM: a leading BOM of the
 * encoding is skipped (EF BB BF for both UTF-8 kinds, FF FE for UTF-16LE,
 * FE FF for UTF-16BE).  UTF-8 goes through mr_utf8_sanitize (utf8.h); UTF-16
 * is decoded here — an unpaired surrogate is one U+FFFD, an odd trailing
 * byte another; Windows-1256 and ISO-8859-6 go through iconv, one
 * MR_DECODE_CHUNK (64 KiB) of input at a time written straight into out, a
 * byte iconv cannot map being one U+FFFD.  So nothing is copied, whatever
 * the size: beyond out, which is grown at most 3 x 64 KiB ahead of what it
 * holds, the only memory is iconv's descriptor.  ISO-8859-6 bytes 0x80–0x9F decode
 * to the C1 controls U+0080–U+009F, as glibc maps them.
 */
#ifndef MARSAD_DECODE_H
#define MARSAD_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "../text/utf8.h"
#include "../util/buf.h"
#include "../util/err.h"

#define MR_DECODE_SAMPLE ((size_t)64 << 10)   /* bytes the binary test reads */
#define MR_DECODE_CHUNK ((size_t)64 << 10)    /* input bytes per iconv call */
#define MR_DECODE_UTF8_RATIO 16

enum mr_encoding {
	MR_ENC_UTF8, MR_ENC_UTF8_BOM, MR_ENC_UTF16LE, MR_ENC_UTF16BE,
	MR_ENC_CP1256, MR_ENC_ISO8859_6, MR_ENC_BINARY,
};

/* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1256",
 * "iso-8859-6", "binary"; "unknown" for a value out of the enum. */
const char *mr_encoding_name(enum mr_encoding e);

/* The encoding named (case-insensitive): the names above and the aliases
 * utf8, utf-8-sig, utf16le, utf16be, cp1256, windows1256, iso8859-6,
 * iso_8859-6, arabic; -1 when unknown. */
int mr_encoding_from_name(const char *name);

/* Guesses the encoding from the bytes (a whole file, or its first MBs),
 * by the rules above. */
enum mr_encoding mr_encoding_detect(const char *s, size_t n);

/*
 * Appends s[0..n), in encoding e, to out as UTF-8 (without any BOM).
 * Bytes that cannot be decoded become U+FFFD and are counted in report (may
 * be NULL; like mr_utf8_sanitize it adds to what report holds) with the byte
 * offset in the INPUT of the first one — never dropped silently.
 * Returns 0, or -1 with err set and out unchanged: MR_E_INVALID with
 * err->offset (has_offset) for MR_ENC_BINARY (the offset of the first NUL or
 * control byte, 0 when there is none) or when e cannot be converted at all
 * (iconv has no converter for it: offset 0); MR_E_USAGE for a value of e
 * outside the enum.
 */
int mr_decode(const char *s, size_t n, enum mr_encoding e, struct buf *out,
	      struct mr_utf8_report *report, struct mr_err *err);

/* Both in one: detect, then decode; *found (may be NULL) gets the encoding,
 * also when it is MR_ENC_BINARY and -1 is returned. */
int mr_decode_auto(const char *s, size_t n, struct buf *out, enum mr_encoding *found,
		   struct mr_utf8_report *report, struct mr_err *err);

/* The character byte b stands for in the single-byte code page e
 * (MR_ENC_CP1256 or MR_ENC_ISO8859_6): the table detection scores with.
 * Bytes below 0x80 are ASCII (so NUL is 0); 0 for a byte the code page
 * leaves unassigned, and for every byte when e is not a single-byte code
 * page. */
uint32_t mr_encoding_char(enum mr_encoding e, unsigned char b);

#endif
