/* Encoding detection, and conversion from every encoding to UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/ingest/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf out = BUF_INIT;
	struct mr_err err;
	enum mr_encoding found, e;

	mr_encoding_detect(s, size);
	if (mr_decode_auto(s, size, &out, &found, NULL, &err) == 0 &&
	    !mr_utf8_validate(out.data, out.len, NULL))
		abort();
	for (e = MR_ENC_UTF8; e <= MR_ENC_ISO8859_6; e++) {
		buf_reset(&out);
		/* every encoding but binary converts any bytes, into valid UTF-8 */
		if (mr_decode(s, size, e, &out, NULL, &err) != 0 ||
		    !mr_utf8_validate(out.data, out.len, NULL))
			abort();
	}
	buf_release(&out);
	return 0;
}
