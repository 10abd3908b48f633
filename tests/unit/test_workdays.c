/* Unit tests of src/core/workdays.c against the 2026 State Council calendar (testkit.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/core/workdays.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const struct holiday_calendar empty_calendar = { NULL, 0 };

static void test_is_working_day(void **state)
{
	static const struct {
		const char *day;
		bool working, covered;
	} cases[] = {
		{ "2026-01-01", false, true },  /* Thursday, New Year */
		{ "2026-01-04", true, true },   /* Sunday, make-up */
		{ "2026-01-05", true, true },   /* plain Monday */
		{ "2026-01-10", false, true },  /* plain Saturday */
		{ "2026-02-14", true, true },   /* Saturday, make-up */
		{ "2026-02-16", false, true },  /* Monday, Spring Festival */
		{ "2026-02-24", true, true },   /* Tuesday after it */
		{ "2026-02-28", true, true },   /* Saturday, make-up */
		{ "2026-04-06", false, true },  /* Monday, Qingming */
		{ "2026-04-07", true, true },
		{ "2026-05-09", true, true },   /* Saturday, make-up */
		{ "2026-06-19", false, true },  /* Friday, Dragon Boat */
		{ "2026-09-20", true, true },   /* Sunday, make-up */
		{ "2026-09-25", false, true },  /* Friday, Mid-Autumn */
		{ "2026-10-07", false, true },  /* Wednesday, National Day */
		{ "2026-10-08", true, true },   /* Thursday */
		{ "2026-10-10", true, true },   /* Saturday, make-up */
		{ "2026-10-11", false, true },  /* Sunday */
		{ "2025-12-31", true, false },  /* no 2025 data: Wednesday */
		{ "2027-01-01", true, false },  /* no 2027 data: Friday, though a holiday */
		{ "2027-01-02", false, false }, /* Saturday */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool covered = !cases[i].covered;

		assert_int_equal(workdays_is_working_day(&testkit_calendar_2026, parsed(cases[i].day), &covered),
				 cases[i].working);
		assert_int_equal(covered, cases[i].covered);
		assert_int_equal(workdays_is_working_day(&testkit_calendar_2026, parsed(cases[i].day), NULL),
				 cases[i].working);
	}
}

static void test_no_calendar(void **state)
{
	static const struct {
		const struct holiday_calendar *cal;
		const char *day;
		bool working;
	} cases[] = {
		{ NULL, "2026-10-01", true }, { NULL, "2026-10-10", false },
		{ &empty_calendar, "2026-10-01", true }, { &empty_calendar, "2026-01-04", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool covered = true;

		assert_int_equal(workdays_is_working_day(cases[i].cal, parsed(cases[i].day), &covered),
				 cases[i].working);
		assert_false(covered);
	}
}

static void test_nth(void **state)
{
	static const struct {
		const struct holiday_calendar *cal;
		const char *start;
		int n;
		const char *expected;
		bool covered;
	} cases[] = {
		{ &testkit_calendar_2026, "2026-09-28", 5, "2026-10-09", true },  /* skips Oct 1-7 */
		{ &testkit_calendar_2026, "2026-09-28", 6, "2026-10-10", true },  /* make-up Saturday */
		{ &testkit_calendar_2026, "2026-09-28", 1, "2026-09-28", true },  /* start counts */
		{ &testkit_calendar_2026, "2026-10-01", 1, "2026-10-08", true },  /* start is a holiday */
		{ &testkit_calendar_2026, "2026-09-24", 2, "2026-09-28", true },
		{ &testkit_calendar_2026, "2026-02-13", 3, "2026-02-24", true },  /* Spring Festival */
		{ &testkit_calendar_2026, "2026-04-30", 5, "2026-05-09", true },  /* ends on a make-up day */
		{ &testkit_calendar_2026, "2026-06-18", 2, "2026-06-22", true },
		{ &testkit_calendar_2026, "2026-01-01", 1, "2026-01-04", true },
		{ &testkit_calendar_2026, "2026-02-27", 2, "2026-02-28", true },
		{ &testkit_calendar_2026, "2026-12-28", 3, "2026-12-30", true },
		{ &testkit_calendar_2026, "2026-12-30", 5, "2027-01-05", false }, /* crosses into 2027 */
		{ &testkit_calendar_2026, "2026-10-10", 0, "2026-10-10", true },  /* n < 1 counts as 1 */
		{ NULL, "2026-10-01", 5, "2026-10-07", false },
		{ &empty_calendar, "2026-10-03", 1, "2026-10-05", false },
		{ &testkit_calendar_2026, "9999-12-30", 5, "9999-12-31", false }, /* stops at the last date */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool covered = !cases[i].covered;
		struct date end = workdays_nth(cases[i].cal, parsed(cases[i].start), cases[i].n, &covered);
		char text[DATE_TEXT_SIZE];

		date_format(end, text);
		assert_string_equal(text, cases[i].expected);
		assert_int_equal(covered, cases[i].covered);
		end = workdays_nth(cases[i].cal, parsed(cases[i].start), cases[i].n, NULL);
		date_format(end, text);
		assert_string_equal(text, cases[i].expected);
	}
}

/* The year a count was provisional in: the first with no holiday data. */
static void test_uncovered_year(void **state)
{
	static const struct {
		const struct holiday_calendar *cal;
		const char *from, *to;
		int year;
	} cases[] = {
		{ &testkit_calendar_2026, "2026-09-28", "2026-10-09", 0 },
		{ &testkit_calendar_2026, "2026-12-28", "2027-01-05", 2027 }, /* a notice across New Year */
		{ &testkit_calendar_2026, "2025-12-29", "2026-01-05", 2025 },
		{ &testkit_calendar_2026, "2027-01-04", "2028-01-04", 2027 },
		{ &empty_calendar, "2026-10-01", "2026-10-07", 2026 },
		{ NULL, "2026-10-01", "2026-10-07", 2026 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(workdays_uncovered_year(cases[i].cal, parsed(cases[i].from), parsed(cases[i].to)),
				 cases[i].year);
}

/* Counting n working days over a whole year gives the year's working days. */
static void test_nth_whole_year(void **state)
{
	bool covered = false;
	struct date end;
	char text[DATE_TEXT_SIZE];

	(void)state;
	/* 2026: 261 weekdays - 19 weekday holidays + 6 make-up days = 248 */
	end = workdays_nth(&testkit_calendar_2026, parsed("2026-01-01"), 248, &covered);
	date_format(end, text);
	assert_string_equal(text, "2026-12-31");
	assert_true(covered);
	end = workdays_nth(&testkit_calendar_2026, parsed("2026-01-01"), 249, &covered);
	date_format(end, text);
	assert_string_equal(text, "2027-01-01");
	assert_false(covered);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_working_day),
		cmocka_unit_test(test_no_calendar),
		cmocka_unit_test(test_nth),
		cmocka_unit_test(test_nth_whole_year),
		cmocka_unit_test(test_uncovered_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
