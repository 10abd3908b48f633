/* Unit tests of src/core/spotcheck.c: the fair draw and the scores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/spotcheck.h"

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
	assert_non_null(strstr(err.message, "draw 4 of 3"));
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
		cmocka_unit_test(test_answer_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
