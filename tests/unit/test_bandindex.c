/* The in-memory band index: every document that shares a band is found,
 * exact keys are told apart, and it grows without losing anything. */
#include "helpers.h"

#include "../../src/dedup/bandindex.h"
#include "../../src/dedup/minhash.h"

struct found {
	int64_t doc[64];
	int exact[64];
	size_t n;
};

static void collect(int64_t doc, int exact, void *ctx)
{
	struct found *f = ctx;

	if (f->n < 64) {
		f->doc[f->n] = doc;
		f->exact[f->n++] = exact;
	}
}

static void bands_of(uint64_t seed, uint64_t bands[MR_BANDS])
{
	size_t b;

	for (b = 0; b < MR_BANDS; b++)
		bands[b] = seed * 1000003u + b;
}

static void test_find(void **state)
{
	struct mr_bandindex *x = mr_bandindex_new();
	uint64_t a[MR_BANDS], b[MR_BANDS], probe[MR_BANDS];
	struct found f = { { 0 }, { 0 }, 0 };

	(void)state;
	bands_of(1, a);
	bands_of(2, b);
	mr_bandindex_add(x, 10, a, 111);
	mr_bandindex_add(x, 20, b, 222);
	assert_int_equal(mr_bandindex_size(x), 2 * (MR_BANDS + 1));
	/* one band in common with 10 */
	bands_of(3, probe);
	probe[5] = a[5];
	mr_bandindex_find(x, probe, 333, collect, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.doc[0], 10);
	assert_false(f.exact[0]);
	/* the same key in another band is no match */
	f.n = 0;
	bands_of(3, probe);
	probe[6] = a[5];
	mr_bandindex_find(x, probe, 333, collect, &f);
	assert_int_equal(f.n, 0);
	/* the exact key */
	f.n = 0;
	mr_bandindex_find(x, probe, 222, collect, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.doc[0], 20);
	assert_true(f.exact[0]);
	/* all bands in common: found once per band */
	f.n = 0;
	mr_bandindex_find(x, a, 111, collect, &f);
	assert_int_equal(f.n, MR_BANDS + 1);
	mr_bandindex_free(x);
}

static void test_grow(void **state)
{
	struct mr_bandindex *x = mr_bandindex_new();
	uint64_t bands[MR_BANDS];
	int64_t d;

	(void)state;
	for (d = 1; d <= 20000; d++) {
		bands_of((uint64_t)d, bands);
		mr_bandindex_add(x, d, bands, (uint64_t)d * 7919);
	}
	for (d = 1; d <= 20000; d += 997) {
		struct found f = { { 0 }, { 0 }, 0 };

		bands_of((uint64_t)d, bands);
		mr_bandindex_find(x, bands, 0, collect, &f);
		assert_int_equal(f.n, MR_BANDS);
		assert_int_equal(f.doc[0], d);
	}
	mr_bandindex_free(x);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_TEST(&l, test_find);
	ADD_TEST(&l, test_grow);
	return run_group("bandindex", &l);
}
