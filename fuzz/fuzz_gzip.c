/* gzip input as the ingest pipeline reads it: zlib's gzread over a file
 * descriptor (plain bytes pass through unchanged), its output fed to the
 * reader in auto format. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "reader_common.h"

/* A few bytes of gzip inflate to megabytes: stop there, the reader has been
 * given plenty. */
#define FUZZ_GZIP_MAX_OUT ((size_t)4 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char chunk[64 << 10];
	struct mr_reader *r;
	size_t sum = 0, total = 0;
	gzFile gz;
	int fd, got, zerr;

	fd = memfd_create("fuzz_gzip", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	lseek(fd, 0, SEEK_SET);
	gz = gzdopen(fd, "rb");
	if (!gz)
		abort();
	r = mr_reader_new(MR_FMT_AUTO, fuzz_touch, &sum);
	while (total < FUZZ_GZIP_MAX_OUT && (got = gzread(gz, chunk, sizeof(chunk))) > 0) {
		total += (size_t)got;
		mr_reader_feed(r, chunk, (size_t)got);
	}
	(void)gzerror(gz, &zerr);
	mr_reader_finish(r);
	mr_reader_free(r);
	gzclose(gz);   /* closes fd too */
	return 0;
}
