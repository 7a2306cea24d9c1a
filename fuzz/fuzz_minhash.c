/* The duplicate signature: shingles, the shingle set, minhash, bands, and the
 * similarities of the input's two halves. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/dedup/minhash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint64_t exact[2], exact2[2], sig[MR_MINHASH_K], bands[MR_BANDS];
	uint64_t *a, *b;
	size_t na, nb, half = size / 2;
	double j;

	a = mr_shingles(s, half, &na, exact);
	b = mr_shingles_of_form(s + half, size - half, &nb, exact2);
	if ((na && !a) || (nb && !b))
		abort();
	mr_minhash(a, na, sig);
	mr_bands(sig, bands);
	na = mr_shingle_set(a, na);
	nb = mr_shingle_set(b, nb);
	mr_minhash(b, nb, sig);
	mr_bands(sig, bands);
	j = mr_jaccard(a, na, b, nb);
	if (j < 0 || j > 1 || mr_overlap(a, na, b, nb) > (na < nb ? na : nb))
		abort();
	if (na && (mr_containment(a, na, b, nb) < 0 || mr_containment(a, na, a, na) != 1))
		abort();
	free(a);
	free(b);
	return 0;
}
