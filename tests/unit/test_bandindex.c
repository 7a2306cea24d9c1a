/* The in-memory band index: every document that shares a band is found,
 * exact keys are told apart, it grows without losing anything and gives its
 * entries sorted for a run on disk; the Bloom filter in front of the runs
 * never forgets a key and rarely claims one. */
#include "helpers.h"

#include "../../src/dedup/bandindex.h"
#include "../../src/dedup/bloom.h"
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

static void test_entries_sorted_then_clear(void **state)
{
	struct mr_bandindex *x = mr_bandindex_new_sized(4);
	struct mr_band_entry e[3 * MR_BAND_KEYS];
	uint64_t bands[MR_BANDS];
	int64_t d;
	size_t i;

	(void)state;
	for (d = 3; d >= 1; d--) {
		bands_of(d == 2 ? 1 : (uint64_t)d, bands);   /* 1 and 2 share all bands */
		mr_bandindex_add(x, d, bands, (uint64_t)d);
	}
	assert_int_equal(mr_bandindex_size(x), 3 * MR_BAND_KEYS);
	mr_bandindex_entries(x, e);
	for (i = 1; i < 3 * MR_BAND_KEYS; i++)
		assert_true(e[i - 1].key < e[i].key ||
			    (e[i - 1].key == e[i].key && e[i - 1].doc < e[i].doc));
	/* a band key of 1 and 2 (ids 1 and 2 share their bands, not the exact
	 * key): the two entries side by side, the smaller id first */
	bands_of(1, bands);
	for (i = 0; e[i].key != mr_band_key(bands, 1, 3); i++)
		assert_true(i + 2 < 3 * MR_BAND_KEYS);
	assert_int_equal(e[i].doc, 1);
	assert_int_equal(e[i + 1].key, e[i].key);
	assert_int_equal(e[i + 1].doc, 2);
	mr_bandindex_clear(x);
	assert_int_equal(mr_bandindex_size(x), 0);
	{
		struct found f = { { 0 }, { 0 }, 0 };

		mr_bandindex_find(x, bands, 1, collect, &f);
		assert_int_equal(f.n, 0);
	}
	mr_bandindex_free(x);
}

static void collect_doc(int64_t doc, void *ctx)
{
	collect(doc, 0, ctx);
}

/* Single keys (the samples): found by key, and a sample's key is not the
 * key of a band with the same hash. */
static void test_single_keys(void **state)
{
	struct mr_bandindex *x = mr_bandindex_new();
	uint64_t bands[MR_BANDS];
	struct found f = { { 0 }, { 0 }, 0 };

	(void)state;
	bands_of(5, bands);
	mr_bandindex_add_key(x, 7, mr_sample_key(42));
	mr_bandindex_add_key(x, 8, mr_sample_key(42));
	mr_bandindex_add_key(x, 9, mr_sample_key(43));
	mr_bandindex_find_key(x, mr_sample_key(42), collect_doc, &f);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.doc[0] + f.doc[1], 7 + 8);
	bands[0] = 42;
	assert_true(mr_band_key(bands, 42, 0) != mr_sample_key(42));
	assert_true(mr_band_key(bands, 42, MR_EXACT_BAND) != mr_sample_key(42));
	mr_bandindex_free(x);
}

static void test_bloom(void **state)
{
	struct mr_bloom *b = mr_bloom_new(20);   /* 2^20 bits */
	uint64_t bands[MR_BANDS];
	size_t i, false_positives = 0;

	(void)state;
	/* 100,000 keys at 10 bits a key: about 1 % false positives */
	for (i = 0; i < 100000; i++) {
		bands_of(i, bands);
		mr_bloom_add(b, mr_band_key(bands, 0, i % MR_BANDS));
	}
	for (i = 0; i < 100000; i++) {
		bands_of(i, bands);
		assert_true(mr_bloom_maybe(b, mr_band_key(bands, 0, i % MR_BANDS)));
	}
	for (i = 100000; i < 200000; i++) {
		bands_of(i, bands);
		false_positives += (size_t)mr_bloom_maybe(b, mr_band_key(bands, 0, i % MR_BANDS));
	}
	assert_true(false_positives < 2000);
	{
		/* kept and read back: the same answers; bits of another size refused */
		size_t len;
		const void *bits = mr_bloom_bits(b, &len);
		struct mr_bloom *again = mr_bloom_from_bits(20, bits, len);

		assert_int_equal(len, (1u << 20) / 8);
		assert_non_null(again);
		for (i = 0; i < 200000; i += 7) {
			bands_of(i, bands);
			assert_int_equal(mr_bloom_maybe(again, mr_band_key(bands, 0, i % MR_BANDS)),
					 mr_bloom_maybe(b, mr_band_key(bands, 0, i % MR_BANDS)));
		}
		mr_bloom_free(again);
		assert_null(mr_bloom_from_bits(21, bits, len));
	}
	mr_bloom_free(b);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_TEST(&l, test_find);
	ADD_TEST(&l, test_grow);
	ADD_TEST(&l, test_entries_sorted_then_clear);
	ADD_TEST(&l, test_single_keys);
	ADD_TEST(&l, test_bloom);
	return run_group("bandindex", &l);
}
