/* The deadlines of the gradient cultivation rules, all from one rule of
 * date arithmetic (month-end clamped, see dates.h). */
#include <stdbool.h>

#include "gradus/core/dates.h"
#include "gradus/core/deadlines.h"
#include "gradus/core/workdays.h"

/* Stands for "never" when a certification does not expire. */
static const struct date never = { 9999, 12, 31 };

/* Civil Code art. 201: the day of certification is not counted; art. 202:
 * the period ends on the corresponding day of the last year, or the month's
 * last day when there is none (29 Feb -> 28 Feb). That day is still valid. */
struct date deadline_expires_on(const struct level_rules *rules, struct date certified_on)
{
	if (rules->validity_years <= 0)
		return never;
	return date_add_years(certified_on, rules->validity_years);
}

struct date deadline_review_due_by(const struct level_rules *rules, struct date expires_on)
{
	return date_add_months(expires_on, -rules->review_lead_months);
}

struct date deadline_extended_expiry(const struct level_rules *rules, struct date old_expires_on)
{
	if (rules->validity_years <= 0)
		return never;
	return date_add_years(old_expires_on, rules->validity_years);
}

struct date deadline_cultivation_ends_on(const struct level_rules *rules, struct date starts_on)
{
	return date_add_years(starts_on, rules->cultivation_years);
}

struct date deadline_acceptance_due_by(const struct level_rules *rules, struct date cultivation_ends_on)
{
	return date_add_months(cultivation_ends_on, -rules->acceptance_lead_months);
}

/* A notice of fewer than one day lasts one day. */
struct date deadline_notice_ends_on(const struct level_rules *rules, const struct holiday_calendar *cal,
				    struct date starts_on, bool *covered)
{
	int days = rules->notice_days < 1 ? 1 : rules->notice_days;

	if (rules->notice_working_days)
		return workdays_nth(cal, starts_on, days, covered);
	if (covered)
		*covered = true;
	return date_add_days(starts_on, days - 1);
}

/* Expiry 9999-12-31 means never: valid on every day. */
bool deadline_is_valid_on(struct date expires_on, struct date day)
{
	return !date_compare(expires_on, never) || date_compare(day, expires_on) <= 0;
}

struct date deadline_lapses_on(struct date expires_on)
{
	if (!date_compare(expires_on, never))
		return never;
	return date_add_days(expires_on, 1);
}

bool deadline_review_on_time(struct date review_due_by, struct date filed_on)
{
	return date_compare(filed_on, review_due_by) <= 0;
}

bool deadline_must_cancel(struct date expires_on, bool review_filed, struct date today)
{
	return !review_filed && !deadline_is_valid_on(expires_on, today);
}
