/* Spot checks (现场抽查) of a case: planning, answers written the moment they
 * are given, and the scores. */
#ifndef GRADUS_CHECKS_H
#define GRADUS_CHECKS_H

#include <stdint.h>

#include "gradus/forms.h"
#include "gradus/spotcheck.h"
#include "gradus/store.h"

/* Plans a check of a case on a day by inspectors (users with the inspector
 * role). draw 0: the scenarios the factory declared; else `draw` of them at
 * random, from seed (seed_given false: a new random seed), recorded with the
 * check so the draw can be repeated. A clerk's or an admin's step. */
struct check_plan {
	const char *case_key;
	struct date on;
	const char *const *inspectors;
	size_t inspector_count;
	size_t draw;
	uint64_t seed;
	bool seed_given;
};
enum status check_plan(struct store *store, const struct forms *forms, const struct check_plan *plan,
		       char id[33], struct error *err);

/* Answers item `item` of scenario `scenario`: yes/partial/no/na for a
 * check, a number for number and measure, one of the choices, any text; a
 * note may go with it. Written at once; refused (naming what was expected)
 * when the value does not fit the item. Inspectors of the check and admins. */
enum status check_answer(struct store *store, const struct forms *forms, const char *check_id, int scenario,
			 int item, const char *value, const char *note, struct error *err);

/* A check as stored, for `check show` and the screens. */
struct check_answer_row {
	int scenario, item;
	char *value, *note, *answered_by, *answered_at;
};
struct check_view {
	char id[33], number[32], planned_on[11], status[16], forms_hash[65];
	char *enterprise, *draw_seed, *inspectors; /* inspectors comma-separated */
	long draw_count;
	int scenarios[40];
	size_t scenario_count;
	struct check_answer_row *answers;
	size_t answer_count;
};
enum status check_load(struct store *store, const char *check_id, struct check_view *out, struct error *err);
void check_view_clear(struct check_view *view);
/* The answer of an item in a loaded check, or NULL. */
const struct check_answer_row *check_find(const struct check_view *view, int scenario, int item);

#endif
