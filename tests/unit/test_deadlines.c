/* Unit tests of src/core/deadlines.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/core/deadlines.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* validity, review lead, cultivation, acceptance lead, notice days, working? */
static const struct level_rules excellent = { 3, 3, 0, 0, 5, true, 0 };
static const struct level_rules leading = { 3, 3, 2, 3, 5, true, 0 };
static const struct level_rules ministry = { 3, 3, 2, 3, 7, false, 0 };
static const struct level_rules basic = { 0, 0, 0, 0, 5, true, 0 }; /* never expires */
static const struct level_rules odd = { 1, 14, 1, 1, 0, false, 0 };

enum deadline {
	EXPIRES_ON,
	REVIEW_DUE_BY,
	EXTENDED_EXPIRY,
	LAPSES_ON,
	CULTIVATION_ENDS_ON,
	ACCEPTANCE_DUE_BY,
};

static struct date compute(enum deadline which, const struct level_rules *rules, struct date from)
{
	switch (which) {
	case EXPIRES_ON:
		return deadline_expires_on(rules, from);
	case REVIEW_DUE_BY:
		return deadline_review_due_by(rules, from);
	case EXTENDED_EXPIRY:
		return deadline_extended_expiry(rules, from);
	case LAPSES_ON:
		(void)rules;
		return deadline_lapses_on(from);
	case CULTIVATION_ENDS_ON:
		return deadline_cultivation_ends_on(rules, from);
	case ACCEPTANCE_DUE_BY:
		return deadline_acceptance_due_by(rules, from);
	}
	return from;
}

static void test_deadlines(void **state)
{
	static const struct {
		enum deadline which;
		const struct level_rules *rules;
		const char *from, *expected;
	} cases[] = {
		{ EXPIRES_ON, &excellent, "2024-07-24", "2027-07-24" }, /* valid through the corresponding day */
		{ EXPIRES_ON, &excellent, "2024-02-29", "2027-02-28" }, /* no 29 Feb: the month's last day */
		{ EXPIRES_ON, &excellent, "2024-01-31", "2027-01-31" },
		{ EXPIRES_ON, &excellent, "2024-04-30", "2027-04-30" },
		{ EXPIRES_ON, &excellent, "2024-12-31", "2027-12-31" },
		{ EXPIRES_ON, &excellent, "2025-02-28", "2028-02-28" }, /* not moved to 29 Feb */
		{ EXPIRES_ON, &excellent, "2025-11-30", "2028-11-30" },
		{ EXPIRES_ON, &excellent, "2025-06-15", "2028-06-15" },
		{ EXPIRES_ON, &odd, "2024-02-29", "2025-02-28" },
		{ EXPIRES_ON, &basic, "2025-06-15", "9999-12-31" },
		{ REVIEW_DUE_BY, &excellent, "2027-07-24", "2027-04-24" },
		{ REVIEW_DUE_BY, &excellent, "2027-05-31", "2027-02-28" },
		{ REVIEW_DUE_BY, &excellent, "2027-02-28", "2026-11-28" },
		{ REVIEW_DUE_BY, &excellent, "2027-11-30", "2027-08-30" },
		{ REVIEW_DUE_BY, &excellent, "2028-05-31", "2028-02-29" },
		{ REVIEW_DUE_BY, &odd, "2026-03-31", "2025-01-31" },
		{ EXTENDED_EXPIRY, &excellent, "2027-07-24", "2030-07-24" }, /* from the old expiry */
		{ EXTENDED_EXPIRY, &excellent, "2027-02-28", "2030-02-28" },
		{ EXTENDED_EXPIRY, &excellent, "2027-12-31", "2030-12-31" },
		{ EXTENDED_EXPIRY, &excellent, "2028-02-29", "2031-02-28" },
		{ EXTENDED_EXPIRY, &basic, "2028-02-29", "9999-12-31" },
		{ LAPSES_ON, &excellent, "2027-07-24", "2027-07-25" },
		{ LAPSES_ON, &excellent, "2027-02-28", "2027-03-01" },
		{ LAPSES_ON, &excellent, "2028-02-28", "2028-02-29" },
		{ LAPSES_ON, &excellent, "2027-12-31", "2028-01-01" },
		{ LAPSES_ON, &basic, "9999-12-31", "9999-12-31" },
		{ CULTIVATION_ENDS_ON, &leading, "2024-02-29", "2026-02-28" },
		{ CULTIVATION_ENDS_ON, &leading, "2025-09-01", "2027-09-01" },
		{ CULTIVATION_ENDS_ON, &excellent, "2025-09-01", "2025-09-01" },
		{ ACCEPTANCE_DUE_BY, &leading, "2027-05-31", "2027-02-28" },
		{ ACCEPTANCE_DUE_BY, &leading, "2027-09-01", "2027-06-01" },
		{ ACCEPTANCE_DUE_BY, &leading, "2026-02-28", "2025-11-28" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char text[DATE_TEXT_SIZE];

		date_format(compute(cases[i].which, cases[i].rules, parsed(cases[i].from)), text);
		assert_string_equal(text, cases[i].expected);
	}
}

static void test_notice_ends_on(void **state)
{
	static const struct {
		const struct level_rules *rules;
		const struct holiday_calendar *cal;
		const char *start, *expected;
		bool covered;
	} cases[] = {
		{ &excellent, &testkit_calendar_2026, "2026-09-28", "2026-10-09", true },
		{ &excellent, &testkit_calendar_2026, "2026-09-29", "2026-10-10", true }, /* make-up Saturday */
		{ &excellent, &testkit_calendar_2026, "2026-02-12", "2026-02-25", true },
		{ &excellent, &testkit_calendar_2026, "2026-12-28", "2027-01-01", false },
		{ &excellent, NULL, "2026-09-28", "2026-10-02", false },
		{ &ministry, &testkit_calendar_2026, "2026-09-28", "2026-10-04", true },  /* calendar days */
		{ &ministry, &testkit_calendar_2026, "2024-02-25", "2024-03-02", true },
		{ &ministry, &testkit_calendar_2026, "2025-12-29", "2026-01-04", true },
		{ &odd, &testkit_calendar_2026, "2026-10-01", "2026-10-01", true },       /* 0 days lasts 1 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool covered = !cases[i].covered;
		char text[DATE_TEXT_SIZE];

		date_format(deadline_notice_ends_on(cases[i].rules, cases[i].cal, parsed(cases[i].start), &covered),
			    text);
		assert_string_equal(text, cases[i].expected);
		assert_int_equal(covered, cases[i].covered);
		date_format(deadline_notice_ends_on(cases[i].rules, cases[i].cal, parsed(cases[i].start), NULL),
			    text);
		assert_string_equal(text, cases[i].expected);
	}
}

static void test_valid_and_cancel(void **state)
{
	static const struct {
		const char *expires_on, *today;
		bool review_filed, valid, cancel;
	} cases[] = {
		{ "2027-02-28", "2027-02-27", false, true, false },
		{ "2027-02-28", "2027-02-28", false, true, false },  /* the last valid day */
		{ "2027-02-28", "2027-03-01", false, false, true },  /* lapsed the day after */
		{ "2027-02-28", "2027-03-01", true, false, false },  /* review pending */
		{ "2027-07-24", "2027-07-24", false, true, false },
		{ "2027-07-24", "2027-07-25", false, false, true },
		{ "2027-02-28", "2030-01-01", false, false, true },
		{ "2027-02-28", "2030-01-01", true, false, false },
		{ "2027-02-28", "2024-02-29", false, true, false },
		{ "9999-12-31", "9999-12-31", false, true, false },  /* never expires */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct date expires = parsed(cases[i].expires_on), today = parsed(cases[i].today);

		assert_int_equal(deadline_is_valid_on(expires, today), cases[i].valid);
		assert_int_equal(deadline_must_cancel(expires, cases[i].review_filed, today), cases[i].cancel);
	}
}

static void test_review_on_time(void **state)
{
	static const struct {
		const char *due_by, *filed_on;
		bool on_time;
	} cases[] = {
		{ "2027-02-28", "2027-02-27", true },
		{ "2027-02-28", "2027-02-28", true },
		{ "2027-02-28", "2027-03-01", false },
		{ "2026-11-28", "2027-02-27", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(deadline_review_on_time(parsed(cases[i].due_by), parsed(cases[i].filed_on)),
				 cases[i].on_time);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_notice_ends_on),
		cmocka_unit_test(test_valid_and_cancel),
		cmocka_unit_test(test_review_on_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
