/* The analyzer's insides, shared by analyzer.c (loading) and stem.c. */
#ifndef MARSAD_ANALYZER_INTERNAL_H
#define MARSAD_ANALYZER_INTERNAL_H

#include "lexicon.h"

struct mr_analyzer {
	struct mr_lexicon *stop;
	struct mr_lexicon *protected_;   /* spelling -> canonical spelling */
	struct mr_lexicon *waw_initial;  /* stem (without the و rule) -> itself */
};

/* Fills a->waw_initial with the stems of words. */
void mr_analyzer_index_waw_initial(struct mr_analyzer *a,
				   const struct mr_lexicon *words);

#endif
