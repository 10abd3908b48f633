/* Unit tests of src/core/spotcheck.c: the fair draw, the scores and the
 * measures before and after. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"

#include "gradus/core/spotcheck.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* The same seed and pool draw the same scenarios, whatever the pool's order;
 * other seeds draw others; every draw is a subset in ascending order. */
static void test_draw_repeats(void **state)
{
	static const int pool[] = { 3, 9, 12, 17, 21, 24, 27, 33, 38, 40 };
	static const int shuffled[] = { 40, 12, 3, 38, 21, 9, 33, 17, 27, 24 };
	int a[4], b[4], c[4];
	struct error err;
	size_t i, j;
	bool differs = false;
	uint64_t seed;

	(void)state;
	for (seed = 1; seed < 200; seed++) {
		assert_int_equal(spotcheck_draw(pool, COUNT(pool), 4, seed, a, &err), STATUS_OK);
		assert_int_equal(spotcheck_draw(shuffled, COUNT(shuffled), 4, seed, b, &err), STATUS_OK);
		assert_memory_equal(a, b, sizeof(a));
		for (i = 0; i < 4; i++) {
			bool member = false;

			for (j = 0; j < COUNT(pool); j++)
				member |= pool[j] == a[i];
			assert_true(member);
			if (i)
				assert_true(a[i - 1] < a[i]);
		}
		assert_int_equal(spotcheck_draw(pool, COUNT(pool), 4, seed + 1000, c, &err), STATUS_OK);
		differs |= memcmp(a, c, sizeof(a)) != 0;
	}
	assert_true(differs);
}

/* Each scenario of a pool is drawn about as often as the others. */
static void test_draw_is_fair(void **state)
{
	int pool[10], out[3], seen[10] = { 0 };
	struct error err;
	uint64_t seed;
	size_t i;

	(void)state;
	for (i = 0; i < 10; i++)
		pool[i] = (int)i + 1;
	for (seed = 1; seed <= 10000; seed++) {
		assert_int_equal(spotcheck_draw(pool, 10, 3, seed * 2654435761ULL, out, &err), STATUS_OK);
		for (i = 0; i < 3; i++)
			seen[out[i] - 1]++;
	}
	for (i = 0; i < 10; i++) /* 3000 expected each */
		assert_in_range(seen[i], 2700, 3300);
}

static void test_draw_refuses(void **state)
{
	static const int pool[] = { 1, 2, 3 };
	struct error err;
	int out[4];

	(void)state;
	assert_int_equal(spotcheck_draw(pool, 3, 4, 7, out, &err), STATUS_ERR_INVALID);
	assert_says(err.message, "draw 4 of 3");
	assert_int_equal(spotcheck_draw(pool, 3, 0, 7, out, &err), STATUS_ERR_INVALID);
	assert_int_equal(spotcheck_draw(pool, 3, 3, 0, out, &err), STATUS_OK); /* seed 0 is allowed */
}

static void test_scores(void **state)
{
	static const struct {
		enum answer answers[4];
		int weights[4];
		bool scored;
		double percent;
	} table[] = {
		{ { ANSWER_YES, ANSWER_YES, ANSWER_NONE, ANSWER_NONE }, { 3, 2, 0, 0 }, true, 100.0 },
		{ { ANSWER_YES, ANSWER_NO, ANSWER_NONE, ANSWER_NONE }, { 3, 1, 0, 0 }, true, 75.0 },
		{ { ANSWER_PARTIAL, ANSWER_NO, ANSWER_NONE, ANSWER_NONE }, { 2, 2, 0, 0 }, true, 25.0 },
		{ { ANSWER_NA, ANSWER_YES, ANSWER_NO, ANSWER_NONE }, { 5, 1, 1, 0 }, true, 50.0 }, /* n.a. left out */
		{ { ANSWER_NA, ANSWER_NA, ANSWER_NONE, ANSWER_NONE }, { 1, 1, 1, 0 }, false, 0.0 },
		{ { ANSWER_NONE, ANSWER_NONE, ANSWER_NONE, ANSWER_NONE }, { 1, 1, 1, 1 }, false, 0.0 },
		{ { ANSWER_PARTIAL, ANSWER_PARTIAL, ANSWER_YES, ANSWER_NO }, { 1, 1, 1, 1 }, true, 50.0 },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		struct score score = { 0 }, total = { 0 };

		for (j = 0; j < 4; j++)
			score_add(&score, table[i].answers[j], table[i].weights[j]);
		score_merge(&total, &score);
		score_finish(&score);
		score_finish(&total);
		assert_int_equal(score.scored, table[i].scored);
		assert_float_equal(score.percent, table[i].percent, 0.001);
		assert_float_equal(total.percent, table[i].percent, 0.001);
	}
}

/* Items met to a degree: a choice's value, a measure improved (1) or not
 * (0), beside check answers; values outside 0..1 are left out. */
static void test_score_values(void **state)
{
	static const struct {
		enum answer answer; /* of a check item of weight 3 */
		double value;       /* of an item of weight 2 */
		double percent;
	} table[] = {
		{ ANSWER_YES, 1.0, 100.0 },  /* 全部应用 */
		{ ANSWER_YES, 0.5, 80.0 },   /* 部分应用: half its weight lost */
		{ ANSWER_YES, 0.0, 60.0 },   /* 未应用: its whole weight lost */
		{ ANSWER_PARTIAL, 0.0, 30.0 },
		{ ANSWER_NA, 0.5, 50.0 },
		{ ANSWER_YES, 1.5, 100.0 },  /* out of range: left out */
		{ ANSWER_NO, -1.0, 0.0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		struct score score = { 0 };

		score_add(&score, table[i].answer, 3);
		score_add_value(&score, table[i].value, 2);
		score_finish(&score);
		assert_float_equal(score.percent, table[i].percent, 0.001);
	}
}

static void test_measure_parse(void **state)
{
	struct measure m;

	(void)state;
	assert_true(measure_parse("18|12", &m));
	assert_true(m.has_before);
	assert_float_equal(m.before, 18.0, 1e-9);
	assert_float_equal(m.after, 12.0, 1e-9);
	assert_true(measure_parse("0.82", &m)); /* a lone figure, as kept before */
	assert_false(m.has_before);
	assert_float_equal(m.after, 0.82, 1e-9);
	assert_true(measure_parse("-1.5|2e1", &m));
	assert_float_equal(m.before, -1.5, 1e-9);
	assert_float_equal(m.after, 20.0, 1e-9);
	assert_false(measure_parse("18|", &m));
	assert_false(measure_parse("|12", &m));
	assert_false(measure_parse("18|12|6", &m));
	assert_false(measure_parse("18 12", &m));
	assert_false(measure_parse(" 18|12", &m));
	assert_false(measure_parse("many", &m));
	assert_false(measure_parse("nan|1", &m));
	assert_false(measure_parse("", &m));
	assert_false(measure_parse(NULL, &m));
}

static void test_measure_compare(void **state)
{
	static const struct {
		const char *value;
		bool lower_is_better;
		double delta;
		bool has_percent;
		double percent;
		bool improved;
	} table[] = {
		{ "18|12", true, -6.0, true, -100.0 / 3.0, true },   /* 18 → 12 months, lower is better */
		{ "18|12", false, -6.0, true, -100.0 / 3.0, false }, /* higher is better: not improved */
		{ "80|95", false, 15.0, true, 18.75, true },
		{ "80|95", true, 15.0, true, 18.75, false },
		{ "7|7", true, 0.0, true, 0.0, false },              /* unchanged is not improved */
		{ "7|7", false, 0.0, true, 0.0, false },
		{ "0|5", false, 5.0, false, 0.0, true },             /* no percent of 0 */
		{ "-4|-2", false, 2.0, true, 50.0, true },           /* percent of |before| */
	};
	struct measure_change c;
	struct measure m;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		assert_true(measure_parse(table[i].value, &m));
		assert_true(measure_compare(&m, table[i].lower_is_better, &c));
		assert_float_equal(c.delta, table[i].delta, 1e-9);
		assert_int_equal(c.has_percent, table[i].has_percent);
		assert_float_equal(c.percent, table[i].percent, 1e-9);
		assert_int_equal(c.improved, table[i].improved);
	}
	assert_true(measure_parse("12", &m));
	assert_false(measure_compare(&m, true, &c));
}

static void test_measure_text(void **state)
{
	static const struct {
		const char *value, *unit;
		bool lower_is_better;
		const char *text;
	} table[] = {
		{ "18|12", "个月", true, "18 → 12 个月 (−6, −33%), better" },
		{ "18|12", "个月", false, "18 → 12 个月 (−6, −33%), not better" },
		{ "0.82|0.75", "吨二氧化碳当量/万元", true, "0.82 → 0.75 吨二氧化碳当量/万元 (−0.07, −8.5%), better" },
		{ "80|95", "%", false, "80 → 95 % (+15, +19%), better" },
		{ "0|5", "", false, "0 → 5 (+5), better" },
		{ "7|7", NULL, true, "7 → 7 (0, 0%), not better" },
		{ "0.82", "吨", true, "0.82 吨" },
		{ "1234567|1000000", "元", true, "1234567 → 1000000 元 (−234567, −19%), better" },
	};
	struct measure m;
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		assert_true(measure_parse(table[i].value, &m));
		measure_text(&m, table[i].unit, table[i].lower_is_better, text, sizeof(text));
		assert_string_equal(text, table[i].text);
	}
}

static void test_measure_short(void **state)
{
	static const struct {
		const char *value;
		bool lower_is_better;
		const char *text;
	} table[] = {
		{ "18|12", true, "−33% better" },
		{ "18|12", false, "−33% not better" },
		{ "0.82|0.75", true, "−8.5% better" },
		{ "0|5", false, "+5 better" },
		{ "12", true, "12 天" },
	};
	struct measure m;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		assert_true(measure_parse(table[i].value, &m));
		measure_short(&m, "天", table[i].lower_is_better, text, sizeof(text));
		assert_string_equal(text, table[i].text);
	}
}

static void test_answer_names(void **state)
{
	(void)state;
	assert_int_equal(spotcheck_answer_parse("yes"), ANSWER_YES);
	assert_int_equal(spotcheck_answer_parse("p"), ANSWER_PARTIAL);
	assert_int_equal(spotcheck_answer_parse("-"), ANSWER_NA);
	assert_int_equal(spotcheck_answer_parse("YES"), ANSWER_NONE);
	assert_int_equal(spotcheck_answer_parse(""), ANSWER_NONE);
	assert_int_equal(spotcheck_answer_parse(NULL), ANSWER_NONE);
	assert_string_equal(spotcheck_answer_name(ANSWER_NO), "no");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draw_repeats),
		cmocka_unit_test(test_draw_is_fair),
		cmocka_unit_test(test_draw_refuses),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_score_values),
		cmocka_unit_test(test_measure_parse),
		cmocka_unit_test(test_measure_compare),
		cmocka_unit_test(test_measure_text),
		cmocka_unit_test(test_measure_short),
		cmocka_unit_test(test_answer_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
