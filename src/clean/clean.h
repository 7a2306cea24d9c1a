/*
 * clean: one article's text in, the article out — its cleaned text, what was
 * removed and why, the other stories that shared its page, and the metadata
 * found in it.
 *
 * Pure: the input is decoded UTF-8 (the display form of a record's text);
 * offsets in the result are byte offsets into that input.  Nothing is lost:
 * every removed line is listed with its reason, and every fragment keeps its
 * range, so the input can be rebuilt from the result.
 *
 * The rules (README, "Cleaning"), line by line:
 *  - boilerplate: a short line holding a phrase of data/boilerplate.txt
 *    (at most twice the phrase's tokens, and at most four more);
 *  - repeat: a line whose search form already appeared in the document (or is
 *    the explicit title) — a page read twice, a headline or caption doubled;
 *  - source line: a short line the caller knows recurs in many documents of
 *    the record's source (hints->is_source_line);
 *  - publication line: among the first six and last four lines, a short line
 *    (at most 12 tokens) that holds a complete date and either a publication
 *    word (نشر، تحديث، بتاريخ، published, updated ...) or little else; its
 *    date is the publication date.  Dates further inside are the story's;
 *  - byline: a short line opening with بقلم or كتب (the author);
 *  - credit: a line that is only an agency credit such as (أ ف ب);
 *  - fragments: after a heading such as «أخبار أخرى» or «اقرأ أيضا» below the
 *    lead, the rest of the page is other stories: each headline with the
 *    paragraphs under it becomes a fragment, a teaser when it is cut off
 *    (ends in ... or …, or is under 60 words) and an article otherwise.
 * The dateline (الرياض - واس) and agency are read from the first lines of
 * the text and kept in it.
 */
#ifndef MARSAD_CLEAN_H
#define MARSAD_CLEAN_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/err.h"

enum mr_removal {
	MR_RM_BOILERPLATE,
	MR_RM_REPEAT,
	MR_RM_PUBLICATION,
	MR_RM_BYLINE,
	MR_RM_CREDIT,
	MR_RM_FRAGMENT,
	MR_RM_SOURCE_LINE,   /* recurs in many documents of one source */
};
const char *mr_removal_name(enum mr_removal r);

struct mr_removed {
	size_t start, end;          /* the line, without its line break */
	enum mr_removal reason;
};

enum mr_fragment_kind { MR_FRAG_TEASER, MR_FRAG_ARTICLE };

struct mr_fragment {
	size_t start, end;          /* from its headline to its last line */
	size_t title_start, title_end;
	enum mr_fragment_kind kind;
};

struct mr_cleaned {
	struct buf text;            /* the cleaned text: kept lines, paragraphs kept */
	struct buf search;          /* its search form: the tokens, one space apart */
	struct mr_removed *removed;
	size_t n_removed;
	struct mr_fragment *fragments;
	size_t n_fragments;
	/* metadata; an empty string when not found */
	char title[512];
	char published[20];         /* ISO 8601 date, with time when known */
	char published_hijri[16];
	char author[128];
	char agency[64];
	char dateline[128];
	/* the hashes (mr_line_hash) of the kept lines of at most
	 * MR_SOURCE_LINE_MAX_TOKENS tokens, each once: what learned
	 * boilerplate counts */
	unsigned long long *short_lines;
	size_t n_short_lines;
	size_t cap_removed, cap_fragments, cap_short_lines;
};

/* Lines longer than this are never taken for a source's furniture. */
#define MR_SOURCE_LINE_MAX_TOKENS 20

struct mr_cleaner;

/* A cleaner with the lists compiled in from data/. */
struct mr_cleaner *mr_cleaner_new_default(struct mr_err *err);
/* A cleaner with the given phrase list and agency list (the formats of
 * data/boilerplate.txt and data/agencies.txt); agencies may be NULL. */
struct mr_cleaner *mr_cleaner_new(const char *phrases, size_t n,
				  const char *agencies, size_t agencies_len,
				  struct mr_err *err);
void mr_cleaner_free(struct mr_cleaner *c);

/* What the record itself said, used before anything found in the text. */
struct mr_clean_hints {
	const char *title;          /* may be NULL */
	size_t title_len;
	const char *date;           /* a date field as written, may be NULL */
	size_t date_len;
	const char *author;         /* may be NULL */
	size_t author_len;
	/* optional: 1 when the line (search form hash) is known to recur in
	 * many documents of the record's source (learned boilerplate); asked
	 * only of lines of at most MR_SOURCE_LINE_MAX_TOKENS tokens */
	int (*is_source_line)(unsigned long long line_hash, void *ctx);
	void *ctx;
};

void mr_cleaned_init(struct mr_cleaned *out);
void mr_cleaned_release(struct mr_cleaned *out);

/* Cleans text[0..n) into out (which is reset first). */
void mr_clean(const struct mr_cleaner *c, const char *text, size_t n,
	      const struct mr_clean_hints *hints, struct mr_cleaned *out);

/* The text of a fragment as stored: its lines from the headline on, less
 * the lines cleaning removed inside it (a share button between headline and
 * body).  Appended to out. */
void mr_fragment_text(const char *text, const struct mr_cleaned *c,
		      const struct mr_fragment *f, struct buf *out);

/* Copies s[0..n) into dst (cap bytes, NUL-terminated), trimmed of spaces and
 * leading ':' and '-', cut on a character boundary when it does not fit. */
void mr_copy_text(char *dst, size_t cap, const char *s, size_t n);

/* The hash under which a line is counted for learned boilerplate: the
 * 64-bit XXH3 of its search form (0 for a line with no token). */
unsigned long long mr_line_hash(const char *line, size_t n);

#endif
