/* Unit tests of src/core/dates.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/core/dates.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void assert_date(struct date d, const char *expected)
{
	char text[DATE_TEXT_SIZE];

	date_format(d, text);
	assert_string_equal(text, expected);
}

static void test_leap_years(void **state)
{
	static const struct {
		int year;
		bool leap;
	} cases[] = {
		{ 1900, false }, { 2000, true }, { 2100, false }, { 2024, true }, { 2025, false },
		{ 2400, true }, { 1, false }, { 4, true }, { 9996, true }, { 9999, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(date_is_leap_year(cases[i].year), cases[i].leap);
}

static void test_days_in_month(void **state)
{
	static const struct {
		int year, month, days;
	} cases[] = {
		{ 2025, 1, 31 }, { 2025, 2, 28 }, { 2024, 2, 29 }, { 1900, 2, 28 }, { 2000, 2, 29 },
		{ 2100, 2, 28 }, { 2025, 4, 30 }, { 2025, 6, 30 }, { 2025, 9, 30 }, { 2025, 11, 30 },
		{ 2025, 12, 31 }, { 2025, 0, 0 }, { 2025, 13, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(date_days_in_month(cases[i].year, cases[i].month), cases[i].days);
}

static void test_is_valid(void **state)
{
	static const struct {
		struct date d;
		bool valid;
	} cases[] = {
		{ { 2024, 2, 29 }, true }, { { 2025, 2, 29 }, false }, { { 1, 1, 1 }, true },
		{ { 9999, 12, 31 }, true }, { { 0, 12, 31 }, false }, { { 10000, 1, 1 }, false },
		{ { 2025, 0, 1 }, false }, { { 2025, 1, 0 }, false }, { { 2025, 4, 31 }, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(date_is_valid(cases[i].d), cases[i].valid);
}

static void test_parse_valid(void **state)
{
	static const struct {
		const char *text;
		struct date d;
	} cases[] = {
		{ "2025-01-01", { 2025, 1, 1 } }, { "2024-02-29", { 2024, 2, 29 } },
		{ "2000-02-29", { 2000, 2, 29 } }, { "0001-01-01", { 1, 1, 1 } },
		{ "9999-12-31", { 9999, 12, 31 } }, { "2026-10-10", { 2026, 10, 10 } },
		{ "2025-01-31", { 2025, 1, 31 } }, { "2026-02-28", { 2026, 2, 28 } },
		{ "2025-04-30", { 2025, 4, 30 } }, { "2025-06-30", { 2025, 6, 30 } },
		{ "2025-09-30", { 2025, 9, 30 } }, { "2025-11-30", { 2025, 11, 30 } },
		{ "2025-12-31", { 2025, 12, 31 } }, { "2400-02-29", { 2400, 2, 29 } },
		{ "9996-02-29", { 9996, 2, 29 } }, { "0004-02-29", { 4, 2, 29 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct date d = parsed(cases[i].text);

		assert_int_equal(date_compare(d, cases[i].d), 0);
		assert_date(d, cases[i].text);
	}
}

static void test_parse_invalid(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{ "", "empty date: expected YYYY-MM-DD" },
		{ NULL, "empty date: expected YYYY-MM-DD" },
		{ "2025-02-30", "2025-02-30: February 2025 has 28 days" },
		{ "2025-02-29", "2025-02-29: February 2025 has 28 days" },
		{ "1900-02-29", "1900-02-29: February 1900 has 28 days" },
		{ "2100-02-29", "2100-02-29: February 2100 has 28 days" },
		{ "2025-04-31", "2025-04-31: April 2025 has 30 days" },
		{ "2025-01-00", "2025-01-00: January 2025 has 31 days" },
		{ "2025-13-01", "2025-13-01: month 13 is not 1-12" },
		{ "2025-00-10", "2025-00-10: month 0 is not 1-12" },
		{ "0000-01-01", "0000-01-01: year 0 is not 1-9999" },
		{ "2025-1-01", "2025-1-01: expected YYYY-MM-DD" },
		{ "2025/01/01", "2025/01/01: expected YYYY-MM-DD" },
		{ " 2025-01-01", " 2025-01-01: expected YYYY-MM-DD" },
		{ "2025-01-01 ", "2025-01-01 : expected YYYY-MM-DD" },
		{ "2025-01-011", "2025-01-011: expected YYYY-MM-DD" },
		{ "12025-01-01", "12025-01-01: expected YYYY-MM-DD" },
		{ "2025-0a-01", "2025-0a-01: expected YYYY-MM-DD" },
		{ "20250101", "20250101: expected YYYY-MM-DD" },
		{ "2025-01", "2025-01: expected YYYY-MM-DD" },
		{ "-025-01-01", "-025-01-01: expected YYYY-MM-DD" },
		{ "0000-00-00", "0000-00-00: year 0 is not 1-9999" },
		{ "2026-02-30", "2026-02-30: February 2026 has 28 days" },
		{ "2026-02-29", "2026-02-29: February 2026 has 28 days" },
		{ "2026-13-01", "2026-13-01: month 13 is not 1-12" },
		{ "9999-12-32", "9999-12-32: December 9999 has 31 days" },
		{ "9999-99-99", "9999-99-99: month 99 is not 1-12" },
		{ "2026-06-31", "2026-06-31: June 2026 has 30 days" },
		{ "10000-01-01", "10000-01-01: expected YYYY-MM-DD" },
		{ "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-01-01",
		  "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-01-01: expected YYYY-MM-DD" }, /* fullwidth digits */
		{ "2026-01-01\n", "2026-01-01\n: expected YYYY-MM-DD" },
		{ "yyyy-mm-dd", "yyyy-mm-dd: expected YYYY-MM-DD" },
		{ "----------", "----------: expected YYYY-MM-DD" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		struct date d = { 7, 7, 7 };

		assert_int_equal(date_parse(cases[i].text, &d, &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
		assert_int_equal(d.year, 7); /* untouched on failure */
		assert_int_equal(date_parse(cases[i].text, &d, NULL), STATUS_ERR_INVALID);
	}
}

/* A huge input is refused whole, and the message stays within its buffer. */
static void test_parse_huge(void **state)
{
	static char text[100001];
	struct error err = { "" };
	struct date d = { 7, 7, 7 };

	(void)state;
	memset(text, '2', sizeof(text) - 1);
	assert_int_equal(date_parse(text, &d, &err), STATUS_ERR_INVALID);
	assert_int_equal(d.year, 7);
	assert_true(strlen(err.message) < sizeof(err.message));
	assert_int_equal(date_parse_named("--due", text, &d, &err), STATUS_ERR_INVALID);
	assert_memory_equal(err.message, "--due: 2222", 11);
	memcpy(text, "2026-01-01", 10);
	assert_int_equal(date_parse(text, &d, NULL), STATUS_ERR_INVALID);
}

/* The refusal names the date and always says what is expected. */
static void test_parse_named(void **state)
{
	static const struct {
		const char *name, *text, *message;
	} cases[] = {
		{ "--due", "0000-00-00", "--due: 0000-00-00: year 0 is not 1-9999; expected YYYY-MM-DD" },
		{ "--on", "2026-02-30", "--on: 2026-02-30: February 2026 has 28 days; expected YYYY-MM-DD" },
		{ "--on", "2025-02-29", "--on: 2025-02-29: February 2025 has 28 days; expected YYYY-MM-DD" },
		{ "due date", "2026-13-01", "due date: 2026-13-01: month 13 is not 1-12; expected YYYY-MM-DD" },
		{ "--today", "", "--today: empty date: expected YYYY-MM-DD" },
		{ "--today", NULL, "--today: empty date: expected YYYY-MM-DD" },
		{ "findings.due_on", "2026/01/01", "findings.due_on: 2026/01/01: expected YYYY-MM-DD" },
		/* no name: a form, which shows its label beside the message */
		{ NULL, "2026-02-30", "2026-02-30: February 2026 has 28 days; expected YYYY-MM-DD" },
		{ NULL, "2026/01/01", "2026/01/01: expected YYYY-MM-DD" },
		{ NULL, "", "empty date: expected YYYY-MM-DD" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		struct date d = { 7, 7, 7 };

		assert_int_equal(date_parse_named(cases[i].name, cases[i].text, &d, &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
		assert_int_equal(d.year, 7);
	}
	assert_int_equal(date_parse_named("--on", "2024-02-29", &(struct date){ 0, 0, 0 }, NULL), STATUS_OK);
}

/* The dates a record may carry: 2015-01-01 to ten years after today (the
 * today given, so the table holds on any day). */
static void test_check_range(void **state)
{
	static const struct {
		struct date d;
		bool taken;
	} cases[] = {
		{ { 2015, 1, 1 }, true },   { { 2014, 12, 31 }, false }, { { 1, 1, 1 }, false },
		{ { 2026, 11, 28 }, true }, { { 2036, 11, 28 }, true },  { { 2036, 11, 29 }, false },
		{ { 9999, 12, 31 }, false },
	};
	struct date today = { 2026, 11, 28 };
	struct error err = { "" };
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(date_check_range("--on", cases[i].d, today, NULL), cases[i].taken ? STATUS_OK : STATUS_ERR_INVALID);
	assert_int_equal(date_check_range("--certified-on", (struct date){ 9999, 12, 31 }, today, &err), STATUS_ERR_INVALID);
	assert_string_equal(err.message, "--certified-on: 9999-12-31 is outside the dates gradus takes, 2015-01-01 to 2036-11-28 "
					 "(ten years after today)");
	/* a leap day ten years on clamps to the month's end */
	assert_int_equal(date_check_range("--on", (struct date){ 2038, 2, 28 }, (struct date){ 2028, 2, 29 }, NULL), STATUS_OK);
	assert_int_equal(date_check_range("--on", (struct date){ 2038, 3, 1 }, (struct date){ 2028, 2, 29 }, NULL), STATUS_ERR_INVALID);
}

static void test_compare(void **state)
{
	static const struct {
		const char *a, *b;
		int sign;
	} cases[] = {
		{ "2025-01-01", "2025-01-01", 0 }, { "2025-01-01", "2025-01-02", -1 },
		{ "2025-02-01", "2025-01-31", 1 }, { "2024-12-31", "2025-01-01", -1 },
		{ "9999-12-31", "0001-01-01", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		int c = date_compare(parsed(cases[i].a), parsed(cases[i].b));

		assert_int_equal(c < 0 ? -1 : c > 0, cases[i].sign);
	}
}

static void test_days_and_weekday(void **state)
{
	static const struct {
		const char *text;
		long days;
		int weekday;
	} cases[] = {
		{ "1970-01-01", 0, 4 }, { "1969-12-31", -1, 3 }, { "2000-01-01", 10957, 6 },
		{ "2000-03-01", 11017, 3 }, { "2024-02-29", 19782, 4 }, { "2026-01-01", 20454, 4 },
		{ "2026-09-28", 20724, 1 }, { "2026-10-10", 20736, 6 }, { "2026-10-11", 20737, 7 },
		{ "1900-03-01", -25508, 4 }, { "0001-01-01", -719162, 1 }, { "9999-12-31", 2932896, 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct date d = parsed(cases[i].text);

		assert_int_equal(date_to_days(d), cases[i].days);
		assert_date(date_from_days(cases[i].days), cases[i].text);
		assert_int_equal(date_weekday(d), cases[i].weekday);
	}
}

/* Every day of the whole range goes to days and back unchanged. */
static void test_days_round_trip(void **state)
{
	struct date d = { 1, 1, 1 };
	long days = date_to_days(d);

	(void)state;
	for (;;) {
		struct date back = date_from_days(days);

		assert_true(date_is_valid(d));
		assert_int_equal(date_compare(back, d), 0);
		if (d.year == 9999 && d.month == 12 && d.day == 31)
			break;
		if (++d.day > date_days_in_month(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
		assert_int_equal(date_to_days(d), ++days);
	}
}

static void test_add_days(void **state)
{
	static const struct {
		const char *from;
		long n;
		const char *to;
	} cases[] = {
		{ "2025-01-31", 1, "2025-02-01" }, { "2024-02-28", 1, "2024-02-29" },
		{ "2025-02-28", 1, "2025-03-01" }, { "1900-02-28", 1, "1900-03-01" },
		{ "2000-02-28", 1, "2000-02-29" }, { "2100-02-28", 1, "2100-03-01" },
		{ "2025-12-31", 1, "2026-01-01" }, { "2026-01-01", -1, "2025-12-31" },
		{ "2024-03-01", -1, "2024-02-29" }, { "2025-01-01", 365, "2026-01-01" },
		{ "2024-01-01", 366, "2025-01-01" }, { "2026-09-28", 6, "2026-10-04" },
		{ "2025-06-15", 0, "2025-06-15" }, { "2025-06-15", -10000, "1998-01-28" },
		{ "9999-12-30", 1, "9999-12-31" }, { "0001-01-02", -1, "0001-01-01" },
		{ "9999-12-31", 1, "9999-12-31" }, { "0001-01-01", -1, "0001-01-01" },
		{ "2025-01-01", 100000000L, "9999-12-31" }, { "2025-01-01", -100000000L, "0001-01-01" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_date(date_add_days(parsed(cases[i].from), cases[i].n), cases[i].to);
}

static void test_add_months(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *to;
	} cases[] = {
		{ "2027-05-31", -3, "2027-02-28" }, { "2027-02-28", -3, "2026-11-28" },
		{ "2027-11-30", -3, "2027-08-30" }, { "2024-01-31", 1, "2024-02-29" },
		{ "2025-01-31", 1, "2025-02-28" }, { "2100-01-31", 1, "2100-02-28" },
		{ "2000-01-31", 1, "2000-02-29" }, { "2025-03-31", 1, "2025-04-30" },
		{ "2025-12-15", 1, "2026-01-15" }, { "2025-01-15", -1, "2024-12-15" },
		{ "2025-01-15", -13, "2023-12-15" }, { "2025-01-15", 24, "2027-01-15" },
		{ "2025-08-31", 0, "2025-08-31" }, { "2025-05-31", -15, "2024-02-29" },
		{ "9999-11-30", 1, "9999-12-30" }, { "0001-02-28", -1, "0001-01-28" },
		{ "9999-12-31", 1, "9999-12-31" }, { "0001-01-01", -1, "0001-01-01" },
		{ "2025-01-01", 2147483647, "9999-12-31" }, { "2025-01-01", -2147483647 - 1, "0001-01-01" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_date(date_add_months(parsed(cases[i].from), cases[i].n), cases[i].to);
}

static void test_add_years(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *to;
	} cases[] = {
		{ "2024-02-29", 3, "2027-02-28" }, { "2024-02-29", 4, "2028-02-29" },
		{ "2024-02-29", -1, "2023-02-28" }, { "2025-11-30", 2, "2027-11-30" },
		{ "1896-02-29", 4, "1900-02-28" }, { "1996-02-29", 4, "2000-02-29" },
		{ "2096-02-29", 4, "2100-02-28" }, { "2025-06-30", -3, "2022-06-30" },
		{ "9996-02-29", 3, "9999-02-28" }, { "0004-02-29", -3, "0001-02-28" },
		{ "9999-06-01", 1, "9999-12-31" }, { "0001-06-01", -1, "0001-01-01" },
		{ "2025-01-01", 2147483647, "9999-12-31" }, { "2025-01-01", -2147483647 - 1, "0001-01-01" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_date(date_add_years(parsed(cases[i].from), cases[i].n), cases[i].to);
}

static void test_days_between(void **state)
{
	static const struct {
		const char *a, *b;
		long days;
	} cases[] = {
		{ "2025-01-01", "2025-01-01", 0 }, { "2025-01-01", "2026-01-01", 365 },
		{ "2024-01-01", "2025-01-01", 366 }, { "2025-03-01", "2025-02-28", -1 },
		{ "1900-02-28", "1900-03-01", 1 }, { "2000-02-28", "2000-03-01", 2 },
		{ "0001-01-01", "9999-12-31", 3652058 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(date_days_between(parsed(cases[i].a), parsed(cases[i].b)), cases[i].days);
}

/* An office's dates: the forms a spreadsheet writes, Feb 29 and month ends. */
static void test_parse_office(void **state)
{
	static const struct {
		const char *text, *expected; /* expected NULL: refused */
	} cases[] = {
		{ "2026-03-05", "2026-03-05" }, { "2026-3-5", "2026-03-05" }, { "2026/3/5", "2026-03-05" },
		{ "2026/03/05", "2026-03-05" }, { "2026.3.5", "2026-03-05" }, { "2026年3月5日", "2026-03-05" },
		{ "2026年03月05日", "2026-03-05" }, { "2026年3月5", "2026-03-05" }, { "2024/2/29", "2024-02-29" },
		{ "2000年2月29日", "2000-02-29" }, { "2026/1/31", "2026-01-31" }, { "2026/4/30", "2026-04-30" },
		{ "2026/12/31", "2026-12-31" }, { "2025/2/29", NULL }, { "1900/2/29", NULL }, { "2026/4/31", NULL },
		{ "2026/6/31", NULL }, { "2026/13/1", NULL }, { "2026/0/1", NULL }, { "2026/1/0", NULL },
		{ "2026/1/32", NULL }, { "2026-3/5", NULL }, { "26/3/5", NULL }, { "5.3.2026", NULL },
		{ "2026/3/5/", NULL }, { "2026/3/", NULL }, { "2026/123/5", NULL }, { "2026年3月5日x", NULL },
		{ " 2026/3/5", NULL }, { "", NULL }, { "0000/1/1", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		struct date d = { 0, 0, 0 };
		enum status status = date_parse_office(cases[i].text, &d, &err);

		if (!cases[i].expected) {
			if (status == STATUS_OK)
				fail_msg("%s: taken", cases[i].text);
			assert_says(err.message, cases[i].text);
		} else {
			if (status)
				fail_msg("%s: %s", cases[i].text, err.message);
			assert_date(d, cases[i].expected);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_is_valid),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_huge),
		cmocka_unit_test(test_parse_named),
		cmocka_unit_test(test_parse_office),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_days_and_weekday),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_years),
		cmocka_unit_test(test_check_range),
		cmocka_unit_test(test_days_between),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
