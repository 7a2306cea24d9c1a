#include "analyzer.h"

#include <stdlib.h>

#include "../util/xalloc.h"
#include "analyzer_internal.h"

/* Generated at build time from data/ by tools/embed.c. */
extern const char mr_data_stopwords[];
extern const size_t mr_data_stopwords_len;
extern const char mr_data_protected[];
extern const size_t mr_data_protected_len;
extern const char mr_data_waw_initial[];
extern const size_t mr_data_waw_initial_len;

static int load(struct mr_lexicon *lex, enum mr_lex_format format,
		const char *text, size_t n, const char *name, struct mr_err *err)
{
	return text ? mr_lexicon_load(lex, format, name, text, n, err) : 0;
}

struct mr_analyzer *mr_analyzer_new(const struct mr_word_lists *lists,
				    struct mr_err *err)
{
	struct mr_analyzer *a = xcalloc(1, sizeof(*a));

	a->stop = mr_lexicon_new();
	a->protected_ = mr_lexicon_new();
	a->waw_initial = mr_lexicon_new();
	if (load(a->stop, MR_LEX_WORDS, lists->stopwords, lists->stopwords_len,
		 "stop words", err) < 0 ||
	    load(a->protected_, MR_LEX_VARIANTS, lists->protected_,
		 lists->protected_len, "protected words", err) < 0) {
		mr_analyzer_free(a);
		return NULL;
	}
	/* Words whose و is a root letter are kept under the stem they would
	 * have without the و rule, which is what stem() compares. */
	if (lists->waw_initial) {
		struct mr_lexicon *words = mr_lexicon_new();

		if (load(words, MR_LEX_WORDS, lists->waw_initial,
			 lists->waw_initial_len, "waw-initial words", err) < 0) {
			mr_lexicon_free(words);
			mr_analyzer_free(a);
			return NULL;
		}
		mr_analyzer_index_waw_initial(a, words);
		mr_lexicon_free(words);
	}
	return a;
}

struct mr_analyzer *mr_analyzer_new_default(struct mr_err *err)
{
	struct mr_word_lists lists = {
		mr_data_stopwords, mr_data_stopwords_len,
		mr_data_protected, mr_data_protected_len,
		mr_data_waw_initial, mr_data_waw_initial_len,
	};

	return mr_analyzer_new(&lists, err);
}

void mr_analyzer_free(struct mr_analyzer *a)
{
	if (!a)
		return;
	mr_lexicon_free(a->stop);
	mr_lexicon_free(a->protected_);
	mr_lexicon_free(a->waw_initial);
	free(a);
}

int mr_analyzer_is_stop(const struct mr_analyzer *a, const char *token,
			size_t len)
{
	return mr_lexicon_get(a->stop, token, len, NULL) != NULL;
}

size_t mr_analyzer_stopword_count(const struct mr_analyzer *a)
{
	return mr_lexicon_size(a->stop);
}

size_t mr_analyzer_protected_count(const struct mr_analyzer *a)
{
	return mr_lexicon_size(a->protected_);
}
