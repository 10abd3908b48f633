/* The views the printed reports render (reportview.h): each read whole
 * from the database, with what the report shows worked out beside it. */
#include <stdlib.h>
#include <string.h>

#include "gradus/store/preconditions.h"
#include "gradus/store/reportview.h"
#include "gradus/text/i18n.h"

/* As long as the report's line of an override may be. */
enum { OVERRIDE_TEXT_SIZE = 768 };

static enum status out_of_memory(struct error *err)
{
	return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
}

/* What each step taken with an override left unmet, and the reason. */
static enum status case_overrides(const struct forms *forms, struct case_report_view *v, struct error *err)
{
	const struct case_detail *c = &v->detail;
	size_t i;

	if (!(v->overrides = calloc(c->event_count ? c->event_count : 1, sizeof(*v->overrides))))
		return out_of_memory(err);
	for (i = 0; i < c->event_count; i++) {
		if (!c->events[i].unmet)
			continue;
		if (!(v->overrides[i] = malloc(OVERRIDE_TEXT_SIZE)))
			return out_of_memory(err);
		case_override_text(forms, c->row.level, &c->events[i], v->overrides[i], OVERRIDE_TEXT_SIZE);
	}
	return STATUS_OK;
}

static enum status case_report_read(struct store *store, const struct forms *forms, const char *key,
				    struct case_report_view *v, struct error *err)
{
	enum status status;

	v->today = store_today(store);
	if ((status = store_case_detail(store, key, &v->detail, err)) ||
	    (status = objections_of_case(store, v->detail.row.id, &v->objections, &v->objection_count, err)))
		return status;
	case_dates_compute(forms, &v->detail, &v->dates);
	if (v->dates.notice_provisional)
		case_provisional_text(v->dates.notice_provisional, v->notice_provisional, sizeof(v->notice_provisional));
	if ((status = case_overrides(forms, v, err)))
		return status;
	return store_audit_head(store, v->audit_head, err);
}

enum status case_report_load(struct store *store, const struct forms *forms, const char *key,
			     struct case_report_view *out, struct error *err)
{
	enum status status;

	memset(out, 0, sizeof(*out));
	if ((status = case_report_read(store, forms, key, out, err)))
		case_report_clear(out);
	return status;
}

void case_report_clear(struct case_report_view *v)
{
	size_t i;

	for (i = 0; v->overrides && i < v->detail.event_count; i++)
		free(v->overrides[i]);
	free(v->overrides);
	objections_free(v->objections, v->objection_count);
	case_detail_clear(&v->detail);
	memset(v, 0, sizeof(*v));
}

/* The scores of each scenario and stage, and overall. */
static enum status check_scores(struct check_report_view *v, struct error *err)
{
	const struct check_view *c = &v->check;
	size_t i;

	v->scenarios = calloc(c->scenario_count ? c->scenario_count : 1, sizeof(*v->scenarios));
	v->stages = calloc(c->stage_count ? c->stage_count : 1, sizeof(*v->stages));
	if (!v->scenarios || !v->stages)
		return out_of_memory(err);
	for (i = 0; i < c->scenario_count; i++) {
		struct check_report_scenario *s = &v->scenarios[i];

		s->score = check_score_scenario(c, &c->scenarios[i]);
		check_progress(c, c->scenarios[i].id, &s->answered, &s->required);
	}
	for (i = 0; i < c->stage_count; i++)
		v->stages[i] = check_score_stage(c, c->stages[i].key);
	v->overall = check_score_overall(c);
	return STATUS_OK;
}

enum status check_report_load(struct store *store, const char *key, struct check_report_view *out,
			      struct error *err)
{
	enum status status;

	memset(out, 0, sizeof(*out));
	if ((status = check_load(store, key, &out->check, err))) /* the key resolved there */
		return status;
	if ((status = store_case_detail(store, out->check.case_number, &out->detail, err)) ||
	    (status = check_scores(out, err)))
		check_report_clear(out);
	return status;
}

void check_report_clear(struct check_report_view *v)
{
	free(v->scenarios);
	free(v->stages);
	case_detail_clear(&v->detail);
	check_view_clear(&v->check);
	memset(v, 0, sizeof(*v));
}

static enum status cultivation_report_read(struct store *store, const struct forms *forms, const char *case_key,
					   struct cultivation_report_view *v, struct error *err)
{
	const char *id = v->cultivation.case_id;
	enum status status;
	size_t i;

	v->today = store_today(store);
	if ((status = cultivation_load(store, forms, case_key, &v->cultivation, err)) ||
	    (status = store_case_detail(store, id, &v->detail, err)) ||
	    (status = cultivation_readiness(store, forms, id, &v->readiness, &v->readiness_count, err)))
		return status;
	status = cultivation_readiness_filed(store, id, &v->filed, &v->filed_count, v->filed_on, err);
	if (status == STATUS_ERR_NOT_FOUND) {
		*v->filed_on = '\0';
		status = STATUS_OK;
	}
	if (status || (status = store_audit_head(store, v->audit_head, err)))
		return status;
	if (!(v->kpi_met = calloc(v->cultivation.kpi_count ? v->cultivation.kpi_count : 1, sizeof(*v->kpi_met))))
		return out_of_memory(err);
	for (i = 0; i < v->cultivation.kpi_count; i++)
		v->kpi_met[i] = cultivation_kpi_met(&v->cultivation.kpis[i]);
	return STATUS_OK;
}

enum status cultivation_report_load(struct store *store, const struct forms *forms, const char *case_key,
				    struct cultivation_report_view *out, struct error *err)
{
	enum status status;

	memset(out, 0, sizeof(*out));
	if ((status = cultivation_report_read(store, forms, case_key, out, err)))
		cultivation_report_clear(out);
	return status;
}

void cultivation_report_clear(struct cultivation_report_view *v)
{
	free(v->kpi_met);
	readiness_items_free(v->readiness, v->readiness_count);
	readiness_items_free(v->filed, v->filed_count);
	case_detail_clear(&v->detail);
	cultivation_view_clear(&v->cultivation);
	memset(v, 0, sizeof(*v));
}

enum status panel_report_load(struct store *store, const char *key, struct panel_report_view *out,
			      struct error *err)
{
	enum status status;

	memset(out, 0, sizeof(*out));
	if ((status = panel_load(store, key, &out->panel, err)))
		return status;
	if ((status = store_audit_head(store, out->audit_head, err)))
		panel_report_clear(out);
	return status;
}

void panel_report_clear(struct panel_report_view *v)
{
	panel_view_clear(&v->panel);
	memset(v, 0, sizeof(*v));
}

bool report_kind_parse(const char *text, enum report_kind *out)
{
	static const struct {
		const char *name;
		enum report_kind kind;
	} kinds[] = { { "check", REPORT_CHECK }, { "panel", REPORT_PANEL }, { "cultivation", REPORT_CULTIVATION },
		      { "case", REPORT_CASE } };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(text, kinds[i].name)) {
			*out = kinds[i].kind;
			return true;
		}
	return false;
}

enum status report_view_load(struct store *store, const struct forms *forms, enum report_kind kind,
			     const char *key, struct report_view *out, struct error *err)
{
	out->kind = kind;
	switch (kind) {
	case REPORT_CHECK: return check_report_load(store, key, &out->as.check, err);
	case REPORT_PANEL: return panel_report_load(store, key, &out->as.panel, err);
	case REPORT_CULTIVATION: return cultivation_report_load(store, forms, key, &out->as.cultivation, err);
	case REPORT_CASE: break;
	}
	return case_report_load(store, forms, key, &out->as.case_view, err);
}

void report_view_clear(struct report_view *view)
{
	switch (view->kind) {
	case REPORT_CHECK: check_report_clear(&view->as.check); break;
	case REPORT_PANEL: panel_report_clear(&view->as.panel); break;
	case REPORT_CULTIVATION: cultivation_report_clear(&view->as.cultivation); break;
	case REPORT_CASE: case_report_clear(&view->as.case_view); break;
	}
}
