/* Unit tests of the scores, progress and next-unanswered item of a loaded
 * check (src/store/checkview.c), on a check built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/store/checks.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

#define A(s, i, v) { .scenario = (s), .item = (i), .value = (char *)(v) }

static struct stage stages[] = {
	{ (char *)"management", 6, (char *)"运营管理", (char *)"Operations" },
	{ (char *)"production", 4, (char *)"生产作业", (char *)"Production" },
};

/* Scenario 17 (management): 1 check w3 required, 2 check w2 required, 3
 * measure required, 4 check w1 optional. Scenario 21 (production): 1 check
 * w2 required, 2 text optional. */
static struct checklist_item items17[] = {
	{ .number = 1, .kind = ITEM_CHECK, .required = true, .weight = 3 },
	{ .number = 2, .kind = ITEM_CHECK, .required = true, .weight = 2 },
	{ .number = 3, .kind = ITEM_MEASURE, .required = true, .weight = 5 },
	{ .number = 4, .kind = ITEM_CHECK, .required = false, .weight = 1 },
};
static struct checklist_item items21[] = {
	{ .number = 1, .kind = ITEM_CHECK, .required = true, .weight = 2 },
	{ .number = 2, .kind = ITEM_TEXT, .required = false, .weight = 1 },
};

static struct check_view make_view(struct scenario *scenarios, struct check_answer_row *answers, size_t count)
{
	struct check_view v;

	memset(&v, 0, sizeof(v));
	scenarios[0] = (struct scenario){ .id = 17, .stage = &stages[0], .items = items17, .item_count = COUNT(items17) };
	scenarios[1] = (struct scenario){ .id = 21, .stage = &stages[1], .items = items21, .item_count = COUNT(items21) };
	v.scenarios = scenarios;
	v.scenario_count = 2;
	v.stages = stages;
	v.stage_count = 2;
	v.answers = answers;
	v.answer_count = count;
	return v;
}

static void test_scores(void **state)
{
	struct scenario sc[2];
	struct check_answer_row answers[] = {
		A(17, 1, "yes"), A(17, 2, "partial"), A(17, 3, "0.8"), A(17, 4, "na"), A(21, 1, "no"),
	};
	struct check_view v = make_view(sc, answers, COUNT(answers));
	struct score s;

	(void)state;
	s = check_score_scenario(&v, &sc[0]); /* (3 + 1) / 5: the measure and n.a. left out */
	assert_true(s.scored);
	assert_float_equal(s.percent, 80.0, 1e-9);
	s = check_score_scenario(&v, &sc[1]);
	assert_float_equal(s.percent, 0.0, 1e-9);
	s = check_score_stage(&v, "production");
	assert_float_equal(s.percent, 0.0, 1e-9);
	s = check_score_overall(&v); /* (3 + 1 + 0) / (3 + 2 + 2) */
	assert_float_equal(s.percent, 400.0 / 7.0, 1e-9);
	s = check_score_stage(&v, "design");
	assert_false(s.scored);
}

/* Scenario 1: a check item (weight 3), a measure, lower is better (3),
 * a choice with values (2), a choice without (2). */
static char *applied[] = { (char *)"全部应用", (char *)"部分应用", (char *)"未应用" };
static double applied_values[] = { 1.0, 0.5, 0.0 };
static struct checklist_item items1[] = {
	{ .number = 1, .kind = ITEM_CHECK, .required = true, .weight = 3 },
	{ .number = 2, .kind = ITEM_MEASURE, .required = true, .weight = 3, .lower_is_better = true },
	{ .number = 3, .kind = ITEM_CHOICE, .required = true, .weight = 2, .choices = applied, .choice_count = 3,
	  .choice_values = applied_values },
	{ .number = 4, .kind = ITEM_CHOICE, .required = false, .weight = 2, .choices = applied, .choice_count = 3 },
};

static double score_of(const char *measure, const char *choice, const char *unvalued)
{
	struct scenario sc = { .id = 1, .stage = &stages[0], .items = items1, .item_count = COUNT(items1) };
	struct check_answer_row answers[] = { A(1, 1, "yes"), A(1, 2, measure), A(1, 3, choice), A(1, 4, unvalued) };
	struct check_view v;
	struct score s;

	memset(&v, 0, sizeof(v));
	v.scenarios = &sc;
	v.scenario_count = 1;
	v.stages = stages;
	v.stage_count = 1;
	v.answers = answers;
	v.answer_count = COUNT(answers);
	s = check_score_scenario(&v, &sc);
	assert_true(s.scored);
	return s.percent;
}

/* A measure counts whole when it went the better way and nothing when not;
 * a choice counts its value times its weight; a choice without values and
 * a lone figure are left out, as before. */
static void test_scores_of_measures_and_choices(void **state)
{
	(void)state;
	assert_float_equal(score_of("18|12", "全部应用", "未应用"), 100.0, 1e-9);       /* 8 of 8 */
	assert_float_equal(score_of("18|12", "未应用", "未应用"), 600.0 / 8.0, 1e-9);   /* 未应用 loses its weight */
	assert_float_equal(score_of("18|12", "部分应用", "全部应用"), 700.0 / 8.0, 1e-9); /* 部分应用 half */
	assert_float_equal(score_of("12|18", "全部应用", "全部应用"), 500.0 / 8.0, 1e-9); /* worse: not met */
	assert_float_equal(score_of("12|12", "全部应用", "全部应用"), 500.0 / 8.0, 1e-9); /* unchanged: not met */
	assert_float_equal(score_of("12", "未应用", "全部应用"), 300.0 / 5.0, 1e-9);      /* a lone figure left out */
	items1[1].lower_is_better = false;                                                /* higher is better */
	assert_float_equal(score_of("18|12", "全部应用", "全部应用"), 500.0 / 8.0, 1e-9);
	assert_float_equal(score_of("12|18", "全部应用", "全部应用"), 100.0, 1e-9);
	items1[1].lower_is_better = true;
}

static void test_nothing_scored(void **state)
{
	struct scenario sc[2];
	struct check_answer_row answers[] = { A(17, 1, "na"), A(17, 2, "na") };
	struct check_view v = make_view(sc, answers, COUNT(answers));

	(void)state;
	assert_false(check_score_scenario(&v, &sc[0]).scored);
	assert_false(check_score_overall(&v).scored);
}

static void test_progress(void **state)
{
	struct scenario sc[2];
	struct check_answer_row answers[] = { A(17, 1, "yes"), A(17, 4, "yes"), A(21, 2, "文字"), { .scenario = 17, .item = 3, .note = (char *)"note only" } };
	struct check_view v = make_view(sc, answers, COUNT(answers));
	size_t answered, required;

	(void)state;
	check_progress(&v, 17, &answered, &required);
	assert_int_equal(required, 3);
	assert_int_equal(answered, 1); /* optional 4 not counted; a note alone is not an answer */
	check_progress(&v, 0, &answered, &required);
	assert_int_equal(required, 4);
	assert_int_equal(answered, 1);
}

static void test_next_unanswered(void **state)
{
	static const struct {
		int from_s, from_i, s, i;
	} cases[] = {
		{ 17, 1, 17, 2 }, /* the next one */
		{ 17, 2, 17, 3 },
		{ 17, 3, 21, 1 }, /* across scenarios, skipping optional 17.4 */
		{ 21, 1, 17, 2 }, /* wrapping past the end */
		{ 0, 0, 17, 2 },  /* from nowhere: the first */
	};
	struct scenario sc[2];
	struct check_answer_row answers[] = { A(17, 1, "yes") };
	struct check_view v = make_view(sc, answers, COUNT(answers));
	size_t k;

	(void)state;
	for (k = 0; k < COUNT(cases); k++) {
		int s = 0, i = 0;

		assert_true(check_next_unanswered(&v, cases[k].from_s, cases[k].from_i, &s, &i));
		assert_int_equal(s, cases[k].s);
		assert_int_equal(i, cases[k].i);
	}
}

static void test_all_answered(void **state)
{
	struct scenario sc[2];
	struct check_answer_row answers[] = { A(17, 1, "yes"), A(17, 2, "no"), A(17, 3, "2"), A(21, 1, "na") };
	struct check_view v = make_view(sc, answers, COUNT(answers));
	int s = -1, i = -1;

	(void)state;
	assert_false(check_next_unanswered(&v, 17, 1, &s, &i));
	assert_non_null(check_find(&v, 21, 1));
	assert_null(check_find(&v, 21, 2));
	assert_ptr_equal(check_scenario(&v, 21), &sc[1]);
	assert_null(check_scenario(&v, 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scores),        cmocka_unit_test(test_nothing_scored),
		cmocka_unit_test(test_progress),      cmocka_unit_test(test_next_unanswered),
		cmocka_unit_test(test_all_answered),  cmocka_unit_test(test_scores_of_measures_and_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
