/* Cases: creating an application and walking it through its level's
 * workflow (steps and date rules from forms/levels). */
#ifndef GRADUS_CASES_H
#define GRADUS_CASES_H

#include <stddef.h>

#include "gradus/dates.h"
#include "gradus/forms.h"
#include "gradus/store.h"

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
};

/* Creates enterprise (or reuses the one with this credit code and name),
 * factory and case in one transaction; the case gets the next number
 * HB-YEAR-CODE-NNNN and stands at its level's initial state. */
enum status case_create(struct store *store, const struct forms *forms, const struct new_case *input,
			char id[33], char number[32], struct error *err);

/* Takes a workflow step on `on`. A step not allowed from where the case
 * stands is refused with the list of steps that are. The event is recorded
 * and the dates the rules use are updated, all in one transaction. */
enum status case_take_step(struct store *store, const struct forms *forms, const char *case_id,
			   const char *step, struct date on, const char *note, struct error *err);

/* Fills ~30 demo cases across the levels, regions and workflow steps. */
enum status case_create_demo(struct store *store, const struct forms *forms, struct error *err);

#endif
