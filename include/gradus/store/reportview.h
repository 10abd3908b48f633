/* What each printed report shows (report.h renders it): read from the
 * database and worked out here, in store/ (the scores, the dates and
 * deadlines, what an override left unmet, whether a KPI is met, the audit
 * chain's head), so that src/report/ only lays a view out and calls no
 * store function. A test builds a view by hand and renders it without a
 * database. Each *_report_load fills a zeroed view (cleared again on
 * failure); *_report_clear frees what it holds. */
#ifndef GRADUS_REPORTVIEW_H
#define GRADUS_REPORTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/forms/forms.h"
#include "gradus/store/cases.h"
#include "gradus/store/checks.h"
#include "gradus/store/cultivation.h"
#include "gradus/store/objections.h"
#include "gradus/store/panels.h"
#include "gradus/store/store.h"

/* The report of a case (report_case). */
struct case_report_view {
	struct case_detail detail;
	struct case_dates dates;   /* case_dates_compute of detail */
	struct date today;
	char notice_provisional[160]; /* why the notice's end is provisional (dates.notice_provisional), or "" */
	char **overrides;          /* for each of detail.events: what an admin's override left unmet and
				    * why (case_override_text), or NULL when the step had none */
	struct objection *objections;
	size_t objection_count;
	char audit_head[65];
};
/* key: the case's id or number. */
enum status case_report_load(struct store *store, const struct forms *forms, const char *key,
			     struct case_report_view *out, struct error *err);
void case_report_clear(struct case_report_view *view);

/* A scenario of a check as its report scores it. */
struct check_report_scenario {
	struct score score;        /* check_score_scenario */
	size_t answered, required; /* check_progress */
};
/* The report of a spot check (report_check). */
struct check_report_view {
	struct check_view check;   /* with its audit chain's head */
	struct case_detail detail; /* the check's case */
	struct check_report_scenario *scenarios; /* for each of check.scenarios */
	struct score *stages;      /* for each of check.stages */
	struct score overall;
};
/* key: the check's id or number. */
enum status check_report_load(struct store *store, const char *key, struct check_report_view *out,
			      struct error *err);
void check_report_clear(struct check_report_view *view);

/* The cultivation progress report of a leading-level case (report_cultivation). */
struct cultivation_report_view {
	struct cultivation_view cultivation;
	struct case_detail detail;
	struct date today;
	bool *kpi_met;             /* for each of cultivation.kpis: cultivation_kpi_met */
	struct readiness_item *readiness, *filed; /* not yet met; kept when the acceptance was filed */
	size_t readiness_count, filed_count;
	char filed_on[11];         /* "" when the acceptance was not filed */
	char audit_head[65];
};
enum status cultivation_report_load(struct store *store, const struct forms *forms, const char *case_key,
				    struct cultivation_report_view *out, struct error *err);
void cultivation_report_clear(struct cultivation_report_view *view);

/* The opinion of an expert panel (report_panel). */
struct panel_report_view {
	struct panel_view panel;
	char audit_head[65];
};
/* key: the panel's id or number. */
enum status panel_report_load(struct store *store, const char *key, struct panel_report_view *out,
			      struct error *err);
void panel_report_clear(struct panel_report_view *view);

/* A report of any kind, as the command and the screens ask for one. */
enum report_kind { REPORT_CHECK, REPORT_PANEL, REPORT_CULTIVATION, REPORT_CASE };
struct report_view {
	enum report_kind kind;
	union {
		struct check_report_view check;
		struct panel_report_view panel;
		struct cultivation_report_view cultivation;
		struct case_report_view case_view;
	} as;
};
/* "check" "panel" "cultivation" "case"; false when it is none of them. */
bool report_kind_parse(const char *text, enum report_kind *out);
/* The view of the report of kind on key: a check's, a panel's, a case's id
 * or number (the case's for a cultivation). */
enum status report_view_load(struct store *store, const struct forms *forms, enum report_kind kind,
			     const char *key, struct report_view *out, struct error *err);
void report_view_clear(struct report_view *view);

#endif
