/* The 2-year cultivation of a leading-level factory (领航级培育): the
 * construction plan and its versions, milestones, the expert committee's
 * guidance sessions and their follow-up actions, progress reports, KPIs by
 * period, and what is not yet met before the acceptance application. */
#ifndef GRADUS_CULTIVATION_H
#define GRADUS_CULTIVATION_H

#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

/* Writes: clerks, secretaries and admins; every one a record of the case
 * (by id or number), which must be of a level with a cultivation period.
 * Ids printed by the CLI are the records' ids (a unique prefix of 6 or more
 * characters is accepted where an id is asked for). */

/* A new version of the construction plan (建设方案): its title, its text and
 * what changed; versions are numbered 1, 2, ... */
enum status cultivation_plan_version(struct store *store, const char *case_key, const char *title,
				     const char *body, const char *change, int *version, struct error *err);

/* Milestones: title, due date, owner; done on a date (or reopened). */
enum status cultivation_milestone_add(struct store *store, const char *case_key, const char *title,
				      struct date due, const char *owner, char id[33], struct error *err);
enum status cultivation_milestone_done(struct store *store, const char *milestone, const struct date *done_on,
				       struct error *err); /* done_on NULL: open again */

/* A guidance session of the expert committee (专家委指导): its date, the
 * experts (codes or names, comma-separated), the advice; follow-up actions
 * with their due dates and owners, done on a date. */
enum status cultivation_session_add(struct store *store, const char *case_key, struct date held_on,
				    const char *experts, const char *advice, char id[33], struct error *err);
enum status cultivation_followup_add(struct store *store, const char *session, const char *action,
				     struct date due, const char *owner, char id[33], struct error *err);
enum status cultivation_followup_done(struct store *store, const char *followup, const struct date *done_on,
				      struct error *err);

/* A periodic progress report from the factory: its period ("2026-Q3"),
 * the day it came in, its summary. */
enum status cultivation_report_add(struct store *store, const char *case_key, const char *period,
				   struct date received_on, const char *summary, char id[33], struct error *err);

/* KPIs: the level's default KPIs ([kpi.KEY] in the level file) are set up
 * with their baseline and target; the actual value of each period. */
enum status cultivation_kpi_set(struct store *store, const struct forms *forms, const char *case_key,
				const char *kpi, double baseline, double target, struct error *err);
enum status cultivation_kpi_value(struct store *store, const char *case_key, const char *kpi,
				  const char *period, double value, struct error *err);

/* The cultivation as stored. */
struct cultivation_milestone {
	char id[33], due_on[11], done_on[11]; /* done_on "" while open */
	char *title, *owner;
};
struct cultivation_followup {
	char id[33], due_on[11], done_on[11];
	char *action, *owner;
};
struct cultivation_session {
	char id[33], held_on[11];
	char *experts, *advice;
	struct cultivation_followup *followups;
	size_t followup_count;
};
struct cultivation_report {
	char id[33], period[16], received_on[11];
	char *summary;
};
struct cultivation_value {
	char period[16];
	double value;
};
struct cultivation_kpi {
	char key[32], unit[32];
	char *zh, *en;
	bool lower_is_better;
	double baseline, target;
	struct cultivation_value *values; /* by period */
	size_t value_count;
};
struct cultivation_plan {
	int version;
	char *title, *body, *change, *created_by, *created_at;
};
struct cultivation_view {
	char case_id[33], number[32], state[32];
	char starts_on[11], ends_on[11], acceptance_due[11]; /* "" when not known */
	struct cultivation_plan *plans; /* oldest first */
	size_t plan_count;
	struct cultivation_milestone *milestones; /* by due date */
	size_t milestone_count;
	struct cultivation_session *sessions; /* by date */
	size_t session_count;
	struct cultivation_report *reports; /* by period */
	size_t report_count;
	struct cultivation_kpi *kpis; /* in the level file's order */
	size_t kpi_count;
};
enum status cultivation_load(struct store *store, const struct forms *forms, const char *case_key,
			     struct cultivation_view *out, struct error *err);
void cultivation_view_clear(struct cultivation_view *view);
/* Whether the KPI's latest value meets its target (lower or higher is
 * better); false with no value. */
bool cultivation_kpi_met(const struct cultivation_kpi *kpi);

/* What is not yet met for the acceptance application: open milestones,
 * KPIs below target (or with no value), open follow-ups, materials not
 * received. Each item: its kind ("milestone" "kpi" "followup" "material")
 * and a line naming it. */
struct readiness_item {
	char kind[16];
	char *text;
};
enum status cultivation_readiness(struct store *store, const struct forms *forms, const char *case_key,
				  struct readiness_item **items, size_t *count, struct error *err);
void readiness_items_free(struct readiness_item *items, size_t count);
/* The readiness list kept when the acceptance application was filed. */
enum status cultivation_readiness_filed(struct store *store, const char *case_key, struct readiness_item **items,
					size_t *count, char filed_on[11], struct error *err);

#endif
