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

/* 1 - (1 - J^8)^14: the curve the README states. */
static void test_curve(void **state)
{
	(void)state;
	assert_true(fabs(mr_lsh_probability(0.8) - 0.9237) < 0.001);
	assert_true(mr_lsh_probability(0.5) < 0.06);
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
	ADD_TEST(&l, test_bands);
	ADD_TEST(&l, test_jaccard_edges);
	ADD_TEST(&l, test_curve);
	return run_group("minhash", &l);
}
