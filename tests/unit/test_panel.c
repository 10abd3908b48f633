/* Unit tests of src/core/panel.c: the panel's score, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gradus/core/panel.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_scores(void **state)
{
	static const struct {
		double scores[8];
		size_t count;
		enum panel_aggregate aggregate;
		enum status status;
		double want;
	} cases[] = {
		{ { 90, 85, 70, 88, 60 }, 5, PANEL_TRIMMED_MEAN, STATUS_OK, 81.0 }, /* without 90 and 60 */
		{ { 90, 85, 70, 88, 60 }, 5, PANEL_MEAN, STATUS_OK, 78.6 },
		{ { 80, 80, 80 }, 3, PANEL_TRIMMED_MEAN, STATUS_OK, 80.0 },         /* ties: one of each dropped */
		{ { 100, 0, 50 }, 3, PANEL_TRIMMED_MEAN, STATUS_OK, 50.0 },
		{ { 77 }, 1, PANEL_MEAN, STATUS_OK, 77.0 },
		{ { 70, 71, 71 }, 3, PANEL_MEAN, STATUS_OK, 70.7 },                 /* 70.666... rounds up */
		{ { 90, 60 }, 2, PANEL_TRIMMED_MEAN, STATUS_ERR_INVALID, 0 },       /* too few to trim */
		{ { 0 }, 0, PANEL_MEAN, STATUS_ERR_INVALID, 0 },                    /* nobody scored */
		{ { 101, 80, 80 }, 3, PANEL_MEAN, STATUS_ERR_INVALID, 0 },          /* out of range */
		{ { -1, 80, 80 }, 3, PANEL_MEAN, STATUS_ERR_INVALID, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err;
		double got = -1;

		assert_int_equal(panel_score(cases[i].scores, cases[i].count, cases[i].aggregate, &got, &err),
				 cases[i].status);
		if (cases[i].status == STATUS_OK)
			assert_float_equal(got, cases[i].want, 1e-9);
	}
}

static void test_names(void **state)
{
	enum panel_aggregate a = PANEL_MEAN;

	(void)state;
	assert_true(panel_aggregate_parse("trimmed_mean", &a));
	assert_int_equal(a, PANEL_TRIMMED_MEAN);
	assert_string_equal(panel_aggregate_name(a), "trimmed_mean");
	assert_true(panel_aggregate_parse("mean", &a));
	assert_int_equal(a, PANEL_MEAN);
	assert_false(panel_aggregate_parse("median", &a));
	assert_false(panel_aggregate_parse(NULL, &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_scores), cmocka_unit_test(test_names) };

	return cmocka_run_group_tests(tests, NULL, NULL);
}
