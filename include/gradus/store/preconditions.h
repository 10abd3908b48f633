/* What a workflow step needs before it is taken (the `requires` words of
 * forms/levels), checked on every path that takes a step, and the admin's
 * override of a failed precondition with a written reason. */
#ifndef GRADUS_PRECONDITIONS_H
#define GRADUS_PRECONDITIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"
#include "gradus/text/status.h"

/* One precondition of a step and how it stands for a case on a day. */
struct precondition {
	bool met;
	char code[48];   /* kept with the event when overridden: "late.review=7",
			  * "panel=evaluation", "spot_check", "notice=2027-01-05",
			  * "objections=2", "materials=3", "readiness=13" */
	char text[768];  /* what it needs and how it stands, in the user's language */
};

#define STEP_CHECK_MAX 8

struct step_check {
	struct precondition items[STEP_CHECK_MAX];
	size_t count, unmet;
	char warning[320]; /* not a precondition, "" when none: a review filed unusually early */
};

/* The preconditions of step for the case on `on` (read only). A step the
 * level does not know, or one not allowed from where the case stands, is
 * refused as case_take refuses it. */
enum status case_step_check(struct store *store, const struct forms *forms, const char *case_key,
			    const char *step, struct date on, struct step_check *out, struct error *err);

/* A step to take on `on`. note: the reason when the step requires one;
 * document: the issuing document's number (文号); override: an admin's
 * written reason to take it though a precondition fails (NULL: none);
 * expected_state: NULL, or the state the user saw (refused with
 * STATUS_ERR_CONFLICT if someone moved the case since). */
struct step_request {
	const char *step;
	struct date on;
	const char *note, *document, *override, *expected_state;
};

/* Takes the step in one transaction: refused when not allowed from the
 * case's state, not the user's role's, a reason or document required is
 * missing, or a precondition fails with no override (the refusal names
 * each). Only an admin may override; the event keeps what was not met and
 * the reason, shown with it wherever it is shown. */
enum status case_take(struct store *store, const struct forms *forms, const char *case_key,
		      const struct step_request *request, struct error *err);

/* "taken late: review application filed 7 days after its due date; reason:
 * …" for an event taken with an override, "" for any other; level: the
 * case's level key (for the names of panels). */
void case_override_text(const struct forms *forms, const char *level, const struct case_event *event, char *out,
			size_t size);
/* Whether the event was taken after its filing's due date. */
bool case_event_late(const struct case_event *event);

#endif
