/* Cases: creating an application and walking it through its level's
 * workflow (steps and date rules from forms/levels). */
#ifndef GRADUS_CASES_H
#define GRADUS_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

struct new_case {
	const char *enterprise_name, *credit_code, *region, *industry, *contact;
	const char *factory_name, *address;
	const char *level;          /* level key */
	int year;
	int maturity_centi;         /* -1 = not assessed */
	const char *commitment_on;  /* YYYY-MM-DD or NULL */
	const int *scenarios;
	size_t scenario_count;
	const char *note;
	/* Offices start from spreadsheets: a factory already certified (or, for
	 * leading, already in cultivation) is entered with that date; the case
	 * then stands where the level's certified (cultivation_started) step
	 * leads, with an event recording the entry. NULL = a new application. */
	const char *certified_on;
	const char *cultivation_starts_on;
};

/* Warnings of intake: where a case falls short of the notices. They never
 * refuse a case. */
#define CASE_MAX_WARNINGS 8
struct case_warnings {
	size_t count;
	char text[CASE_MAX_WARNINGS][320];
};

/* Creates enterprise (or reuses the one with this credit code and name),
 * factory and case in one transaction; the case gets the next number
 * HB-YEAR-CODE-NNNN and stands at its level's initial state. The credit
 * code must pass its check character; warnings (may be NULL) are filled. */
enum status case_create(struct store *store, const struct forms *forms, const struct new_case *input,
			char id[33], char number[32], struct case_warnings *warnings, struct error *err);
/* What intake already holds of an enterprise under this credit code and
 * name (its id, its region's key, industry, contact), and of its factory
 * when it has one only (factory, address NULL else): a new case of it
 * starts from them. */
struct recorded_enterprise {
	char id[33];
	char *region, *industry, *contact, *factory, *address;
};
/* *found false (and *out empty) when no enterprise has this code and name. */
enum status case_recorded_enterprise(struct store *store, const char *credit_code, const char *name,
				     struct recorded_enterprise *out, bool *found, struct error *err);
void case_recorded_enterprise_clear(struct recorded_enterprise *r);
/* The field case_create refuses in the input, by its key (enterprise,
 * credit_code, region, level, year, scenarios, commitment_on, certified_on,
 * cultivation_starts_on), or NULL: where a refusal is shown beside a field
 * or named by its column, whatever the language of its message. */
const char *case_input_refused(const struct forms *forms, const struct new_case *input);

/* Whether the store's user may take the step: their role is among the
 * step's roles, or they are admin and the step is not the system's alone. */
bool case_may_take(const struct store *store, const struct level_step *step);

/* The steps that may be taken from state (whoever may take them). */
size_t case_steps_from(const struct level *level, const char *state, const struct level_step **out, size_t max);

/* Takes a workflow step on `on`. A step not allowed from where the case
 * stands is refused with the list of steps that are; a step the user's role
 * may not take is refused (STATUS_ERR_DENIED). expected_state, when not
 * NULL, is the state the user saw: if another process moved the case since,
 * the step is refused (STATUS_ERR_CONFLICT) naming the current state. The
 * event is recorded and the dates the rules use are updated, all in one
 * transaction. */
enum status case_take_step(struct store *store, const struct forms *forms, const char *case_id,
			   const char *step, struct date on, const char *note, const char *expected_state,
			   struct error *err);
/* The same for a step taken by a document: document is its number (文号),
 * dated on; a step may require a reason (note) and a document, and the
 * end of the public notice with every objection resolved (the forms'
 * `requires`): what is missing is named in the refusal. */
enum status case_take_step_by(struct store *store, const struct forms *forms, const char *case_id,
			      const char *step, struct date on, const char *note, const char *document,
			      const char *expected_state, struct error *err);

/* The fields a person edits on a case, by name: enterprise, credit_code,
 * region, industry, contact, factory, address, year, maturity (score 0-5,
 * e.g. "3.2", or "" for none), commitment_on, note. expected, when not NULL,
 * is the value the user saw ("" for none): if it changed since, the write is
 * refused (STATUS_ERR_CONFLICT) and err names the current value and who
 * changed it. Values are checked (credit code, region, dates). */
enum status case_set_field(struct store *store, const struct forms *forms, const char *case_key,
			   const char *field, const char *value, const char *expected, struct error *err);
/* The field names case_set_field takes, NULL-terminated. */
extern const char *const case_field_names[];

/* Replaces the declared scenarios of a case: ids of the forms given to the
 * store (authority_use_forms), 1..forms_scenario_count. expected, when not
 * NULL, is the set the user saw (expected[n] for scenario n, with
 * forms_scenario_count + 1 entries): if
 * another process changed it since, nothing is written (STATUS_ERR_CONFLICT)
 * and err names the current set. */
enum status case_set_scenarios(struct store *store, const char *case_key, const int *scenarios, size_t count,
			       const bool *expected, struct error *err);

/* Marks a material of the level's list received on a date, or missing (NULL). */
enum status case_set_material(struct store *store, const struct forms *forms, const char *case_key,
			      const char *material, const char *received_on, struct error *err);

/* Every date of DESIGN section 2 that applies to a case, computed from its
 * row and its events. */
struct case_dates {
	bool certified, cultivating, in_notice, review_filed;
	struct date certified_on, expires_on, review_due_by;
	struct date cultivation_starts_on, cultivation_ends_on, acceptance_due_by;
	struct date notice_starts_on, notice_ends_on;
	bool acceptance_filed;
	/* cultivation_lapsed: the case stands where the sweep's lapse put it
	 * (培育期满未申请验收), awaiting the office's decision since
	 * cultivation_lapsed_on; lapse_taken: the current cultivation has
	 * lapsed once already (the sweep does not lapse it again). */
	bool cultivation_lapsed, lapse_taken;
	struct date cultivation_lapsed_on;
	int notice_provisional; /* 0, or the year with no holiday calendar the notice's
				 * end was counted in, Monday to Friday */
};
void case_dates_compute(const struct forms *forms, const struct case_detail *detail, struct case_dates *out);
/* What a deadline counted Monday to Friday, for want of year's holiday
 * calendar, is marked with (in the user's language). */
void case_provisional_text(int year, char *out, size_t size);

/* What falls due: overdue first, then by date. kind is one of
 * review_application, expiry, acceptance_application, cultivation_end,
 * notice_end, cultivation_decision (a lapsed cultivation awaiting extension
 * or termination, due the day it lapsed). */
struct agenda_item {
	struct date due;
	const char *kind;
	char id[33], number[48];       /* the case's id; the case's number, or a finding's check */
	char finding[33];              /* a finding, milestone or follow-up: its record id */
	char *enterprise, *level, *state;
	char *detail;                  /* kind "finding": "17.3 major: the action asked for";
					* a provisional deadline: case_provisional_text */
	int provisional;               /* 0, or the year without a holiday calendar */
	bool overdue;
};
/* Items due on or before today + within days (overdue ones included): the
 * cases' deadlines and the open findings of spot checks. */
enum status case_agenda(struct store *store, const struct forms *forms, struct date today, int within,
			struct agenda_item **items, size_t *count, struct error *err);
/* A page of them, in the agenda's order (date, number, kind, record):
 * at most limit items after from (NULL: from the first), or, backward,
 * the limit items before from (NULL: the last ones), into items (limit of
 * them), in the agenda's order either way; *count read. Reads the kept
 * deadlines (case_dues): a page costs its rows, not the office. */
enum status case_agenda_page(struct store *store, const struct forms *forms, struct date today, int within,
			     const struct agenda_item *from, bool backward, size_t limit, struct agenda_item *items,
			     size_t *count, struct error *err);
/* How many items fall due by today + within, and (overdue not NULL) how
 * many of them are overdue: counts over index ranges. */
enum status case_agenda_count(struct store *store, const struct forms *forms, struct date today, int within,
			      long *due, long *overdue, struct error *err);
void agenda_free(struct agenda_item *items, size_t count);
/* What the items hold, not the array. */
void agenda_free_rows(struct agenda_item *items, size_t count);

/* What a sweep did or, in a preview, would do. */
struct sweep_counts {
	size_t cancelled; /* certifications lapsed with no review filed */
	size_t lapsed;    /* cultivations ended with no acceptance application */
};
/* As events of the system actor, by the system clock (clock_today, never a
 * date given by the user): cancels, on the day after expires_on, the
 * certifications whose last valid day (expires_on) is before today with no
 * review filed; and marks lapsed (培育期满未申请验收), on the day after its
 * end, a cultivation ended before today with no acceptance application,
 * once per cultivation. */
enum status case_sweep(struct store *store, const struct forms *forms, struct sweep_counts *counts,
		       struct error *err);
/* Counts, writing nothing, what will have lapsed by `on` if nothing is filed
 * before: a preview of a later day's sweep. */
enum status case_sweep_preview(struct store *store, const struct forms *forms, struct date on,
			       struct sweep_counts *counts, struct error *err);

/* Fills ~30 demo cases across the levels, regions and workflow steps. */
enum status case_create_demo(struct store *store, const struct forms *forms, struct error *err);

#endif
