/* The TREC (SGML) reader. */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(MR_FMT_TREC, data, size);
	return 0;
}
