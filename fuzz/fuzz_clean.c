/* The cleaner, on decoded text as the pipeline gives it (the display form),
 * with and without hints from the record. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/clean/clean.h"
#include "../src/text/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mr_cleaner *cleaner;

static int every_third(unsigned long long hash, void *ctx)
{
	(void)ctx;
	return hash % 3 == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT, frag = BUF_INIT;
	struct mr_clean_hints hints;
	struct mr_cleaned out;
	const char *nl;
	size_t i;

	if (!cleaner && !(cleaner = mr_cleaner_new_default(NULL)))
		abort();
	mr_normalize(MR_FORM_DISPLAY, (const char *)data, size, &text, NULL);
	memset(&hints, 0, sizeof(hints));
	/* the first line, when there is one, doubles as the record's title and
	 * date field */
	nl = memchr(text.data, '\n', text.len);
	if (nl && size && (data[0] & 1)) {
		hints.title = text.data;
		hints.title_len = (size_t)(nl - text.data);
		hints.date = text.data;
		hints.date_len = hints.title_len;
		hints.author = text.data;
		hints.author_len = hints.title_len;
	}
	if (size && (data[0] & 2))
		hints.is_source_line = every_third;
	mr_cleaned_init(&out);
	mr_clean(cleaner, text.data, text.len, &hints, &out);
	for (i = 0; i < out.n_removed; i++)
		if (out.removed[i].start > out.removed[i].end || out.removed[i].end > text.len)
			abort();
	for (i = 0; i < out.n_fragments; i++) {
		const struct mr_fragment *f = &out.fragments[i];

		if (f->start > f->end || f->end > text.len)
			abort();
		buf_reset(&frag);
		mr_fragment_text(text.data, &out, f, &frag);
	}
	mr_cleaned_release(&out);
	buf_release(&frag);
	buf_release(&text);
	return 0;
}
