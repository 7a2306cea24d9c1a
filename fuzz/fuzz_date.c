/* The date parser, over arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/clean/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mr_date d;
	char iso[20], hijri[16];

	memset(&d, 0, sizeof(d));
	if (!mr_date_find(size ? (const char *)data : NULL, size, &d))
		return 0;
	/* a found date lies inside the text and is a valid date */
	if (d.start >= d.end || d.end > size)
		abort();
	mr_date_iso(&d, iso);
	mr_date_hijri_iso(&d, hijri);
	if (!iso[0] || strlen(iso) >= sizeof(iso) || strlen(hijri) >= sizeof(hijri))
		abort();
	return 0;
}
