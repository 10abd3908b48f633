/* Unit tests of src/core/maturity.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/core/maturity.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_parse_valid(void **state)
{
	static const struct {
		const char *text;
		int centi;
	} cases[] = {
		{ "3.2", 320 }, { "3.25", 325 }, { "4", 400 }, { "0.8", 80 }, { "5.00", 500 },
		{ "5", 500 }, { "5.0", 500 }, { "0", 0 }, { "0.00", 0 }, { "0.05", 5 },
		{ "4.79", 479 }, { "4.8", 480 }, { "1.80", 180 }, { "03.5", 350 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		int centi = -1;

		if (maturity_parse_score(cases[i].text, &centi, &err))
			fail_msg("%s: %s", cases[i].text, err.message);
		assert_int_equal(centi, cases[i].centi);
	}
}

static void test_parse_invalid(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{ "", "empty score: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ NULL, "empty score: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "5.01", "5.01: above 5; expected a score from 0 to 5" },
		{ "6", "6: above 5; expected a score from 0 to 5" },
		{ "99999999999999999999", "99999999999999999999: above 5; expected a score from 0 to 5" },
		{ "-1", "-1: a score cannot be negative; expected 0 to 5" },
		{ "-0.5", "-0.5: a score cannot be negative; expected 0 to 5" },
		{ "3.255", "3.255: more than 2 decimals; expected e.g. 3.25" },
		{ "3.250", "3.250: more than 2 decimals; expected e.g. 3.25" },
		{ "abc", "abc: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ " 3", " 3: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "3 ", "3 : expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "3.", "3.: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ ".5", ".5: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "+3", "+3: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "3,2", "3,2: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "3.2.1", "3.2.1: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "1e0", "1e0: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
		{ "-", "-: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		int centi = -1;

		assert_int_equal(maturity_parse_score(cases[i].text, &centi, &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
		assert_int_equal(centi, -1);
		assert_int_equal(maturity_parse_score(cases[i].text, &centi, NULL), STATUS_ERR_INVALID);
	}
}

static void test_default_levels(void **state)
{
	static const struct {
		int centi, level;
	} cases[] = {
		{ 0, 0 }, { 79, 0 }, { 80, 1 }, { 179, 1 }, { 180, 2 }, { 279, 2 }, { 280, 3 },
		{ 379, 3 }, { 380, 4 }, { 479, 4 }, { 480, 5 }, { 499, 5 }, { 500, 5 }, { 501, 0 },
		{ -1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(maturity_level(NULL, 0, cases[i].centi), cases[i].level);
		assert_int_equal(maturity_level(maturity_default_bands, COUNT(maturity_default_bands),
						cases[i].centi), cases[i].level);
	}
}

static void test_custom_levels(void **state)
{
	static const struct maturity_band bands[] = {
		{ 1, 100, 200 }, { 2, 200, 300 }, { 3, 300, 400 },
	};
	static const struct {
		size_t count;
		int centi, level;
	} cases[] = {
		{ 3, 99, 0 }, { 3, 100, 1 }, { 3, 299, 2 }, { 3, 400, 3 }, { 3, 401, 0 },
		{ 2, 300, 2 }, /* the last band given includes its maximum */
		{ 0, 150, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(maturity_level(bands, cases[i].count, cases[i].centi), cases[i].level);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_default_levels),
		cmocka_unit_test(test_custom_levels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
