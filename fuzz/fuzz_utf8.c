/* UTF-8 decoding and both normalized forms of arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/text/normalize.h"
#include "../src/text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct mr_utf8_report rep = { 0, 0 }, rep2 = { 0, 0 };
	struct buf out = BUF_INIT;
	int valid;

	valid = mr_utf8_validate(s, size, &rep);
	mr_utf8_sanitize(s, size, &out, &rep2);
	/* what sanitizing gives is valid, and it found what validating found */
	if (!mr_utf8_validate(out.data, out.len, NULL) || rep.invalid != rep2.invalid ||
	    (valid && (out.len != size || memcmp(out.data, s, size) != 0)))
		abort();
	buf_reset(&out);
	mr_normalize(MR_FORM_DISPLAY, s, size, &out, NULL);
	if (!mr_utf8_validate(out.data, out.len, NULL))
		abort();
	buf_reset(&out);
	mr_normalize(MR_FORM_SEARCH, s, size, &out, NULL);
	if (!mr_utf8_validate(out.data, out.len, NULL))
		abort();
	buf_release(&out);
	return 0;
}
