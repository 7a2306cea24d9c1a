/*
 * pair_similarity: the similarity duplicate detection computes, for pairs of
 * texts.  Reads "text1 TAB text2" lines on stdin and prints, a line each,
 * the Jaccard similarity of their 5-token shingle sets (what links near
 * copies) and of their token sets (1-token shingles, for comparison).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/dedup/minhash.h"
#include "../src/text/token.h"
#include "../src/util/buf.h"
#include "../src/util/xalloc.h"

static int compare_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The set of token hashes of s. */
static uint64_t *token_set(const char *s, size_t n, size_t *count)
{
	struct mr_tokenizer t;
	struct mr_token tok;
	uint64_t *out = NULL;
	size_t k = 0, cap = 0, i, u;

	mr_tokenizer_init(&t, s, n);
	while (mr_tokenizer_next(&t, &tok)) {
		uint64_t h = 1469598103934665603ull;

		for (i = 0; i < tok.len; i++)
			h = (h ^ (unsigned char)tok.text[i]) * 1099511628211ull;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			out = xrealloc(out, cap * sizeof(*out));
		}
		out[k++] = h;
	}
	if (k > 1)
		qsort(out, k, sizeof(*out), compare_u64);
	for (i = u = (k ? 1 : 0); i < k; i++)
		if (out[i] != out[u - 1])
			out[u++] = out[i];
	*count = u;
	return out;
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		char *tab = memchr(line, '\t', (size_t)len);
		size_t na, nb, ta, tb;
		uint64_t *a, *b, *wa, *wb;

		if (!tab)
			continue;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		a = mr_shingles(line, (size_t)(tab - line), &na, NULL);
		b = mr_shingles(tab + 1, (size_t)(line + len - tab - 1), &nb, NULL);
		na = mr_shingle_set(a, na);
		nb = mr_shingle_set(b, nb);
		wa = token_set(line, (size_t)(tab - line), &ta);
		wb = token_set(tab + 1, (size_t)(line + len - tab - 1), &tb);
		printf("%.4f\t%.4f\n", mr_jaccard(a, na, b, nb), mr_jaccard(wa, ta, wb, tb));
		free(a);
		free(b);
		free(wa);
		free(wb);
	}
	free(line);
	return 0;
}
