/* The JSON and JSON Lines readers, and the format guess of auto. */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum mr_format formats[] = { MR_FMT_JSON, MR_FMT_JSONL, MR_FMT_AUTO };

	if (size < 1)
		return 0;
	/* the second byte picks the format, the rest is the input */
	fuzz_read(formats[data[0] % 3], data + 1, size - 1);
	return 0;
}
