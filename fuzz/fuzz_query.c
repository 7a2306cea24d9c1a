/* The search query parser, in its three modes, with and without ranking
 * statistics. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/search/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mr_analyzer *analyzer;

/* Document counts made up from the word's bytes: some rare, some common,
 * some unknown. */
static long long fake_df(const char *word, size_t len, void *ctx)
{
	unsigned h = 0;
	size_t i;

	(void)ctx;
	for (i = 0; i < len; i++)
		h = h * 31 + (unsigned char)word[i];
	return h % 7 == 0 ? -1 : (long long)(h % 1000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mr_query_stats stats = { 1000, fake_df, NULL };
	struct buf match = BUF_INIT, rank = BUF_INIT;
	struct mr_err err;
	int flags;

	if (!analyzer && !(analyzer = mr_analyzer_new_default(NULL)))
		abort();
	if (size < 1)
		return 0;
	/* the first byte picks the mode and whether to rank */
	flags = data[0] % 3;
	if (data[0] & 4)
		mr_query_parse_ranked(analyzer, (const char *)data + 1, size - 1, flags,
				      &stats, &match, &rank, &err);
	else
		mr_query_parse(analyzer, (const char *)data + 1, size - 1, flags, &match, &err);
	buf_release(&match);
	buf_release(&rank);
	return 0;
}
