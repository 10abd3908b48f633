/* Working days after the State Council's holiday calendar (pure: the
 * calendar is data given by the caller, loaded from forms/holidays/). */
#ifndef GRADUS_WORKDAYS_H
#define GRADUS_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"

struct holiday_year {
	int year;
	const struct date *holidays; /* days off that would be working days */
	size_t holiday_count;
	const struct date *workdays; /* make-up weekend working days (调休上班) */
	size_t workday_count;
};

struct holiday_calendar {
	const struct holiday_year *years;
	size_t year_count;
};

/* Whether d is a working day. *covered (may be NULL) is set false when d's
 * year has no holiday data and Monday-Friday was assumed. */
bool workdays_is_working_day(const struct holiday_calendar *cal, struct date d, bool *covered);

/* The n-th working day counting from start (start itself counts when it is a
 * working day); n >= 1. *covered as above, false if any day crossed was assumed. */
struct date workdays_nth(const struct holiday_calendar *cal, struct date start, int n, bool *covered);

/* The first year from from.year to to.year that cal has no holiday data for,
 * or 0 when every one has: the year a count of working days was provisional in. */
int workdays_uncovered_year(const struct holiday_calendar *cal, struct date from, struct date to);

#endif
