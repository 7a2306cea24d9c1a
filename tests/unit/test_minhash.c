/* MinHash fingerprints: shingles, signatures, bands and the similarity that
 * verifies a candidate pair, on copies of a story the test writes itself. */
#include "helpers.h"

#include <math.h>

#include "../../src/dedup/minhash.h"
#include "../../src/text/normalize.h"

static const char story[] =
	"افتتح وزير المياه والطاقة منصور الحداد اليوم الخميس محطة تحلية مياه البحر الجديدة "
	"في مدينة رأس المرجان بطاقة إنتاجية تبلغ 120 ألف متر مكعب يوميا في مشروع ينتظر أن "
	"ينهي أزمة انقطاع المياه التي عانت منها المدينة وضواحيها خلال فصول الصيف الماضية. "
	"وقال الحداد في كلمة خلال حفل الافتتاح إن المحطة التي بلغت كلفتها 340 مليون دولار "
	"ستغطي حاجة نحو 450 ألف نسمة من مياه الشرب. وتعتمد المحطة على تقنية التناضح العكسي "
	"ويغذيها حقل للطاقة الشمسية بقدرة 40 ميغاواط يوفر نحو ثلث حاجتها من الكهرباء.";

struct fp {
	uint64_t *sh;
	size_t n;
	uint64_t sig[MR_MINHASH_K];
	uint64_t exact[2];
};

static void fingerprint(const char *text, struct fp *f)
{
	f->sh = mr_shingles(text, strlen(text), &f->n, f->exact);
	mr_minhash(f->sh, f->n, f->sig);
	f->n = mr_shingle_set(f->sh, f->n);
}

static double estimated(const struct fp *a, const struct fp *b)
{
	size_t i, same = 0;

	for (i = 0; i < MR_MINHASH_K; i++)
		same += a->sig[i] == b->sig[i];
	return (double)same / MR_MINHASH_K;
}

static void test_spelling_does_not_matter(void **state)
{
	/* the same words in another spelling: the same shingles */
	struct fp a, b;
	const char *x = "قال المسؤول إن الحكومة السورية ستعلن الخطة غدا",
		   *y = "قال المسئول إنّ الحكومه السوريه ستعلن «الخطة» غداً";

	(void)state;
	fingerprint(x, &a);
	fingerprint(y, &b);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.sh, b.sh, a.n * sizeof(*a.sh));
	assert_memory_equal(a.sig, b.sig, sizeof(a.sig));
	assert_memory_equal(a.exact, b.exact, sizeof(a.exact));
	free(a.sh);
	free(b.sh);
}

static void test_shingles(void **state)
{
	size_t n;
	uint64_t *sh;

	(void)state;
	sh = mr_shingles("واحد اثنان ثلاثة أربعة خمسة ستة سبعة",
			 strlen("واحد اثنان ثلاثة أربعة خمسة ستة سبعة"), &n, NULL);
	assert_int_equal(n, 3);   /* 7 tokens: 3 shingles of 5 */
	free(sh);
	sh = mr_shingles("كلمتان فقط", strlen("كلمتان فقط"), &n, NULL);
	assert_int_equal(n, 1);   /* shorter than a shingle: one, of all its tokens */
	free(sh);
	sh = mr_shingles("، . «»", strlen("، . «»"), &n, NULL);
	assert_int_equal(n, 0);
	free(sh);
	/* repeated shingles count once, and the set is sorted */
	sh = mr_shingles("أ ب ج د ه أ ب ج د ه أ ب ج د ه", strlen("أ ب ج د ه أ ب ج د ه أ ب ج د ه"), &n, NULL);
	assert_int_equal(n, 11);
	n = mr_shingle_set(sh, n);
	assert_int_equal(n, 5);
	while (n-- > 1)
		assert_true(sh[n - 1] < sh[n]);
	free(sh);
}

/* Copies lightly edited stay close; a different story on the same subject
 * does not; the signature estimates the true Jaccard. */
static void test_copies(void **state)
{
	struct buf headline = BUF_INIT, number = BUF_INIT, dropped = BUF_INIT;
	const char *other =
		"أعلنت وزارة المياه والطاقة اليوم الخميس عن خطة لرفع أسعار المياه في مدينة "
		"رأس المرجان بنسبة عشرة بالمئة اعتبارا من الشهر المقبل وقال متحدث باسم الوزارة "
		"إن الزيادة ضرورية لتغطية كلفة تشغيل محطات الضخ والصيانة الدورية للشبكة القديمة "
		"التي تعاني من تسرب كبير في الأحياء الشرقية والقرى المجاورة للمدينة.";
	struct fp base, a, b, c, d;
	const char *cut;

	(void)state;
	buf_adds(&headline, "المرجان تودع العطش\n");
	buf_adds(&headline, story);
	{
		const char *p = strstr(story, "120");

		buf_add(&number, story, (size_t)(p - story));
		buf_adds(&number, "125");
		buf_adds(&number, p + 3);
	}
	cut = strstr(story, " وتعتمد");
	buf_add(&dropped, story, (size_t)(cut - story));
	fingerprint(story, &base);
	fingerprint(headline.data, &a);
	fingerprint(number.data, &b);
	fingerprint(dropped.data, &c);
	fingerprint(other, &d);
	assert_true(mr_jaccard(base.sh, base.n, a.sh, a.n) >= MR_NEAR_JACCARD);
	assert_true(mr_jaccard(base.sh, base.n, b.sh, b.n) >= MR_NEAR_JACCARD);
	assert_true(mr_jaccard(base.sh, base.n, c.sh, c.n) >= MR_NEAR_JACCARD);
	assert_true(mr_jaccard(base.sh, base.n, d.sh, d.n) < 0.1);
	/* the dropped paragraph: the short copy is contained in the whole */
	assert_true(mr_containment(c.sh, c.n, base.sh, base.n) > 0.99);
	assert_true(mr_containment(base.sh, base.n, c.sh, c.n) < 0.9);
	/* the signature's estimate is within 0.15 of the truth */
	assert_true(fabs(estimated(&base, &b) - mr_jaccard(base.sh, base.n, b.sh, b.n)) < 0.15);
	assert_true(estimated(&base, &d) < 0.15);
	free(base.sh); free(a.sh); free(b.sh); free(c.sh); free(d.sh);
	buf_release(&headline);
	buf_release(&number);
	buf_release(&dropped);
}

/* The exact key tells token sequences apart, not just token sets. */
static void test_exact_key(void **state)
{
	uint64_t a[2], b[2], c[2];
	size_t n;

	(void)state;
	free(mr_shingles("ab c", 4, &n, a));
	free(mr_shingles("a bc", 4, &n, b));
	free(mr_shingles("«AB» C", strlen("«AB» C"), &n, c));
	assert_memory_not_equal(a, b, sizeof(a));
	assert_memory_equal(a, c, sizeof(a));
}

/* Shingles of a search form without the tokenizer are those of the text. */
static void test_shingles_of_form(void **state)
{
	struct buf form = BUF_INIT;
	uint64_t *a, *b, ea[2], eb[2];
	size_t na, nb;

	(void)state;
	mr_normalize(MR_FORM_SEARCH, story, strlen(story), &form, NULL);
	a = mr_shingles(story, strlen(story), &na, ea);
	b = mr_shingles_of_form(form.data, form.len, &nb, eb);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof(*a));
	assert_memory_equal(ea, eb, sizeof(ea));
	free(a);
	free(b);
	buf_release(&form);
}

/* A fixed sequence of pseudo-random numbers for the tests below. */
static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Appends a word of len letters that the search form keeps as it is: Latin
 * lower case, or Arabic letters (two bytes each) that fold to themselves,
 * never three alike in a row. */
static void add_word(struct buf *b, uint64_t *rnd, size_t len, int arabic)
{
	static const char *const letters[] = {
		"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص",
		"ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "و"
	};
	size_t k;

	for (k = 0; k < len; k++) {
		uint64_t r = next_random(rnd);

		if (arabic)
			buf_adds(b, letters[(k + r % 2) % 25]);
		else
			buf_addch(b, (char)('a' + (k + r % 2) % 26));
	}
}

/* The form is read 64 bytes at a time, and a token of up to 16 bytes is
 * hashed from two words: at every length and every offset from a block's
 * start or the form's end, the shingles are those the tokenizer gives. */
static void test_form_reading(void **state)
{
	struct buf form = BUF_INIT, spaced = BUF_INIT, norm = BUF_INIT;
	uint64_t rnd = 0x9E3779B97F4A7C15ull;
	size_t f, k;

	(void)state;
	for (f = 0; f < 300; f++) {
		uint64_t *a, *b, *c, ea[2], eb[2];
		size_t na, nb, nc, tokens = f % 40;

		buf_reset(&form);
		buf_reset(&spaced);
		buf_reset(&norm);
		buf_addch(&spaced, ' ');
		for (k = 0; k < tokens; k++) {
			int arabic = next_random(&rnd) % 3 == 0;
			size_t len = 1 + next_random(&rnd) % (arabic ? 12 : 40);
			size_t at;

			if (k)
				buf_addch(&form, ' ');
			at = form.len;
			add_word(&form, &rnd, len, arabic);
			buf_add(&spaced, form.data + at, form.len - at);
			buf_adds(&spaced, k % 3 ? " " : "  ");
		}
		/* the words are search forms already */
		mr_normalize(MR_FORM_SEARCH, form.data, form.len, &norm, NULL);
		assert_int_equal(norm.len, form.len);
		assert_memory_equal(norm.data, form.data, form.len);
		a = mr_shingles(form.data, form.len, &na, ea);
		b = mr_shingles_of_form(form.data, form.len, &nb, eb);
		c = mr_shingles_of_form(spaced.data, spaced.len, &nc, NULL);
		assert_int_equal(na, tokens >= MR_SHINGLE ? tokens - MR_SHINGLE + 1 : tokens > 0);
		assert_int_equal(na, nb);
		assert_int_equal(na, nc);
		assert_memory_equal(a, b, na * sizeof(*a));
		assert_memory_equal(ea, eb, sizeof(ea));
		/* extra spaces separate no more than one */
		assert_memory_equal(a, c, na * sizeof(*a));
		free(a);
		free(b);
		free(c);
	}
	buf_release(&form);
	buf_release(&spaced);
	buf_release(&norm);
}

/* Different token sequences give different shingles: every word of two
 * and three letters in a row, and words that differ only in length (where
 * zero padding could hide a difference). */
static void test_distinct_shingles(void **state)
{
	struct buf form = BUF_INIT;
	uint64_t *sh;
	size_t n, i, j, k;

	(void)state;
	for (i = 0; i < 26; i++)
		for (j = 0; j < 26; j++) {
			const char w[2] = { (char)('a' + i), (char)('a' + j) };

			if (form.len)
				buf_addch(&form, ' ');
			buf_add(&form, w, 2);
			for (k = 0; k < 26; k++) {
				const char v[4] = { ' ', w[0], w[1], (char)('a' + k) };

				buf_add(&form, v, 4);
			}
		}
	for (i = 1; i <= 200; i++) {
		buf_addch(&form, ' ');
		for (k = 0; k < i; k++)
			buf_addch(&form, 'z');
	}
	sh = mr_shingles_of_form(form.data, form.len, &n, NULL);
	assert_int_equal(n, 26 * 26 * 27 + 200 - MR_SHINGLE + 1);
	assert_int_equal(mr_shingle_set(sh, n), n);
	free(sh);
	buf_release(&form);
}

/* Across many pairs at every similarity, the signature's estimate of the
 * Jaccard similarity is unbiased and as close as K samples allow (the
 * standard deviation of a binomial estimate at K = 112 is at most 0.047). */
static void test_estimate_accuracy(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	uint64_t rnd = 0x2545F4914F6CDD1Dull;
	double bias = 0, square = 0;
	size_t pair, k, pairs = 300;

	(void)state;
	for (pair = 0; pair < pairs; pair++) {
		/* from one word in 50 replaced to one in 3 */
		uint64_t changed = 2 + pair % 33;
		struct fp x, y;
		double error;

		buf_reset(&a);
		buf_reset(&b);
		for (k = 0; k < 300; k++) {
			size_t len = 2 + next_random(&rnd) % 9;
			size_t at;

			if (k) {
				buf_addch(&a, ' ');
				buf_addch(&b, ' ');
			}
			at = a.len;
			add_word(&a, &rnd, len, 0);
			if (next_random(&rnd) % 100 < changed)
				add_word(&b, &rnd, len, 0);
			else
				buf_add(&b, a.data + at, a.len - at);
		}
		fingerprint(a.data, &x);
		fingerprint(b.data, &y);
		error = estimated(&x, &y) - mr_jaccard(x.sh, x.n, y.sh, y.n);
		bias += error;
		square += error * error;
		free(x.sh);
		free(y.sh);
	}
	bias /= (double)pairs;
	assert_true(fabs(bias) < 0.015);
	assert_true(sqrt(square / (double)pairs) < 0.06);
	buf_release(&a);
	buf_release(&b);
}

static int compare_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The set is sorted and without repeats whatever the values: uniform, with
 * repeats, or all in a narrow range (which a sort by the top bits alone
 * would put in one bucket). */
static void test_shingle_set_values(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 47, 48, 49, 50, 1000, 2048, 2049, 20000 };
	uint64_t rnd = 0xD1B54A32D192ED03ull;
	size_t s, kind, i;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (kind = 0; kind < 4; kind++) {
			size_t n = sizes[s], m, unique = 0;
			uint64_t *v = xmalloc((n + 1) * sizeof(*v));
			uint64_t *ref = xmalloc((n + 1) * sizeof(*ref));

			for (i = 0; i < n; i++) {
				uint64_t r = next_random(&rnd);

				v[i] = kind == 0 ? r :                  /* uniform */
				       kind == 1 ? r % (n / 4 + 1) :    /* narrow, repeats */
				       kind == 2 ? (r % 8) << 61 | r % 3 : /* few buckets */
				       i ? v[r % i] : r;                /* copies of earlier ones */
			}
			memcpy(ref, v, n * sizeof(*v));
			if (n)
				qsort(ref, n, sizeof(*ref), compare_u64);
			for (i = 0; i < n; i++)
				if (!i || ref[i] != ref[unique - 1])
					ref[unique++] = ref[i];
			m = mr_shingle_set(v, n);
			assert_int_equal(m, unique);
			assert_memory_equal(v, ref, m * sizeof(*v));
			free(v);
			free(ref);
		}
}

/* Band keys and samples are stored: the values the hashing gives may not
 * move (short of a new MR_SIGNATURE_VERSION), or the keys of an archive
 * would no longer meet those of new documents.  Words are read
 * little-endian, so the values are the same on every machine. */
static void test_stored_values(void **state)
{
	struct fp f;
	uint64_t bands[MR_BANDS], *sh;
	size_t n;

	(void)state;
	assert_int_equal(MR_SIGNATURE_VERSION, 3);
	f.sh = mr_shingles(story, strlen(story), &f.n, f.exact);
	assert_int_equal(f.n, 81);
	assert_true(f.sh[0] == 0xDE6BC05E6EA1DB72ull);
	assert_true(f.sh[80] == 0xE316ED0022D1CDAAull);
	mr_minhash(f.sh, f.n, f.sig);
	mr_bands(f.sig, bands);
	assert_true(bands[0] == 0x1112C7925BA1FE50ull);
	assert_true(bands[MR_BANDS - 1] == 0x5B5DA627A2D412EEull);
	free(f.sh);
	sh = mr_shingles("كلمتان فقط", strlen("كلمتان فقط"), &n, NULL);
	assert_int_equal(n, 1);
	assert_true(sh[0] == 0x14DF1F028487E787ull);
	free(sh);
}

static void test_bands(void **state)
{
	struct fp a, b;
	uint64_t ba[MR_BANDS], bb[MR_BANDS];
	size_t i, shared = 0;

	(void)state;
	fingerprint(story, &a);
	fingerprint(story, &b);
	mr_bands(a.sig, ba);
	mr_bands(b.sig, bb);
	assert_memory_equal(ba, bb, sizeof(ba));
	for (i = 0; i < MR_BANDS; i++)   /* bands of one signature differ */
		shared += i && ba[i] == ba[0];
	assert_int_equal(shared, 0);
	free(a.sh);
	free(b.sh);
}

static void test_jaccard_edges(void **state)
{
	const uint64_t a[] = { 1, 2, 3, 4 }, b[] = { 3, 4, 5, 6 };

	(void)state;
	assert_int_equal(mr_overlap(a, 4, b, 4), 2);
	assert_true(fabs(mr_jaccard(a, 4, b, 4) - 2.0 / 6.0) < 1e-12);
	assert_true(mr_jaccard(a, 0, b, 0) == 0.0);
	assert_true(mr_containment(a, 0, b, 4) == 0.0);
	assert_true(mr_jaccard(a, 4, a, 4) == 1.0);
}

/* 1 - (1 - J^6)^20: the curve the README states. */
static void test_curve(void **state)
{
	(void)state;
	assert_true(fabs(mr_lsh_probability(0.7) - 0.9182) < 0.001);
	assert_true(fabs(mr_lsh_probability(0.5) - 0.2702) < 0.001);
	assert_true(mr_lsh_probability(0.95) > 0.999);
	assert_true(mr_lsh_probability(0.0) == 0.0);
	assert_true(mr_lsh_probability(1.0) == 1.0);
}

int main(void)
{
	struct test_list l = { 0 };

	ADD_TEST(&l, test_spelling_does_not_matter);
	ADD_TEST(&l, test_shingles);
	ADD_TEST(&l, test_copies);
	ADD_TEST(&l, test_exact_key);
	ADD_TEST(&l, test_shingles_of_form);
	ADD_TEST(&l, test_form_reading);
	ADD_TEST(&l, test_distinct_shingles);
	ADD_TEST(&l, test_estimate_accuracy);
	ADD_TEST(&l, test_shingle_set_values);
	ADD_TEST(&l, test_stored_values);
	ADD_TEST(&l, test_bands);
	ADD_TEST(&l, test_jaccard_edges);
	ADD_TEST(&l, test_curve);
	return run_group("minhash", &l);
}
