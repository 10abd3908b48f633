/* Every deadline of the gradient cultivation rules (DESIGN section 2). */
#ifndef GRADUS_DEADLINES_H
#define GRADUS_DEADLINES_H

#include <stdbool.h>

#include "gradus/core/dates.h"
#include "gradus/core/workdays.h"

/* The numbers of one level, from forms/levels/<level>.ini. */
struct level_rules {
	int validity_years;         /* 0 = certification does not expire */
	int review_lead_months;
	int cultivation_years;      /* 0 = no cultivation period */
	int acceptance_lead_months;
	int notice_days;
	bool notice_working_days;   /* false = calendar days */
	int review_window_months;   /* 0 = none; else filing earlier than this many
				     * months before expiry is warned about (office practice) */
};

/* expires_on, the last day of validity ("有效期至"): the corresponding day
 * validity_years after certified_on, 28 Feb for 29 Feb (Civil Code arts.
 * 201-202). The certification is valid through it and lapses the day after. */
struct date deadline_expires_on(const struct level_rules *rules, struct date certified_on);
/* review_due_by = expires_on - review_lead_months: filing on or before is on time. */
struct date deadline_review_due_by(const struct level_rules *rules, struct date expires_on);
/* A passed review extends from the old expiry, not from the review day. */
struct date deadline_extended_expiry(const struct level_rules *rules, struct date old_expires_on);
struct date deadline_cultivation_ends_on(const struct level_rules *rules, struct date starts_on);
struct date deadline_acceptance_due_by(const struct level_rules *rules, struct date cultivation_ends_on);
/* Last day of the public notice starting on starts_on (that day counts):
 * notice_days working days (cal) or calendar days. *covered as in workdays_nth. */
struct date deadline_notice_ends_on(const struct level_rules *rules, const struct holiday_calendar *cal,
				    struct date starts_on, bool *covered);
/* Valid on every day up to and including expires_on. */
bool deadline_is_valid_on(struct date expires_on, struct date day);
/* The first day that is no longer valid: the day after expires_on (never stays never). */
struct date deadline_lapses_on(struct date expires_on);
bool deadline_review_on_time(struct date review_due_by, struct date filed_on);
/* Whether a certification must be cancelled on `today`: lapsed (today is after
 * expires_on) with no review filed. */
bool deadline_must_cancel(struct date expires_on, bool review_filed, struct date today);

#endif
