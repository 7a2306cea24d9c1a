/*
 * stem_compare: for each word on stdin, "word TAB marsad-stem TAB
 * snowball-stem" (Snowball's Arabic stemmer from Debian's libstemmer; it
 * normalizes on its own, so it gets the word as written).
 */
#include <libstemmer.h>
#include <stdio.h>
#include <string.h>

#include "../src/text/analyzer.h"
#include "../src/text/normalize.h"

int main(void)
{
	struct sb_stemmer *snowball = sb_stemmer_new("arabic", "UTF_8");
	struct mr_analyzer *a = mr_analyzer_new_default(NULL);
	char line[1024];

	if (!snowball || !a) {
		fputs("stem_compare: no Snowball Arabic stemmer or word lists\n", stderr);
		return 2;
	}
	while (fgets(line, sizeof(line), stdin)) {
		struct buf norm = BUF_INIT;
		char stem[MR_TOKEN_MAX + 1];
		const sb_symbol *sb;
		size_t n = strcspn(line, "\r\n");

		line[n] = '\0';
		mr_normalize(MR_FORM_SEARCH, line, n, &norm, NULL);
		mr_analyzer_stem(a, norm.data, norm.len, stem);
		sb = sb_stemmer_stem(snowball, (const sb_symbol *)line, (int)n);
		printf("%s\t%s\t%.*s\n", line, stem, sb_stemmer_length(snowball),
		       (const char *)sb);
		buf_release(&norm);
	}
	sb_stemmer_delete(snowball);
	mr_analyzer_free(a);
	return 0;
}
