/* Working days: Monday to Friday, corrected by the holiday calendar. */
#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/core/workdays.h"

static const struct holiday_year *find_year(const struct holiday_calendar *cal, int year)
{
	size_t i;

	if (!cal)
		return NULL;
	for (i = 0; i < cal->year_count; i++) {
		if (cal->years[i].year == year)
			return &cal->years[i];
	}
	return NULL;
}

static bool date_listed(const struct date *dates, size_t count, struct date d)
{
	size_t i;

	for (i = 0; dates && i < count; i++) {
		if (!date_compare(dates[i], d))
			return true;
	}
	return false;
}

bool workdays_is_working_day(const struct holiday_calendar *cal, struct date d, bool *covered)
{
	const struct holiday_year *year = find_year(cal, d.year);
	bool weekday = date_weekday(d) <= 5;

	if (covered)
		*covered = year != NULL;
	if (!year)
		return weekday;
	if (date_listed(year->workdays, year->workday_count, d))
		return true;
	return weekday && !date_listed(year->holidays, year->holiday_count, d);
}

int workdays_uncovered_year(const struct holiday_calendar *cal, struct date from, struct date to)
{
	int year;

	for (year = from.year; year <= to.year; year++)
		if (!find_year(cal, year))
			return year;
	return 0;
}

/* n < 1 counts as 1. The count stops at 9999-12-31, the last date there is. */
struct date workdays_nth(const struct holiday_calendar *cal, struct date start, int n, bool *covered)
{
	static const struct date last = { 9999, 12, 31 };
	bool all_covered = true;
	struct date d = start;
	int found = 0;

	if (n < 1)
		n = 1;
	for (;;) {
		bool day_covered;

		if (workdays_is_working_day(cal, d, &day_covered))
			found++;
		all_covered = all_covered && day_covered;
		if (found >= n || date_compare(d, last) >= 0)
			break;
		d = date_add_days(d, 1);
	}
	if (covered)
		*covered = all_covered;
	return d;
}
