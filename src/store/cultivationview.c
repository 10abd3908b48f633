/* Reading a cultivation whole, the KPIs against their targets, and what is
 * not yet met for the acceptance application (kept when it is filed). */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/store/cultivation.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static void copy(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	snprintf(out, size, "%s", text ? (const char *)text : "");
}

/* Runs a static query on one text parameter, calling row() for each row. */
static enum status each(struct store *store, const char *sql, const char *param, void *data,
			enum status (*row)(void *, sqlite3_stmt *), struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool more;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, param, -1, SQLITE_STATIC);
	while (!(status = store_step(store, stmt, &more, err)) && more)
		if ((status = row(data, stmt)))
			break;
	sqlite3_reset(stmt);
	return status;
}

#define GROW(array, count) \
	do { \
		void *grown_ = realloc((array), ((count) + 1) * sizeof(*(array))); \
		if (!grown_) \
			return STATUS_ERR_NOMEM; \
		(array) = grown_; \
		memset(&(array)[(count)], 0, sizeof(*(array))); \
	} while (0)

static enum status plan_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	struct cultivation_plan *p;
	enum status status = STATUS_OK;

	GROW(v->plans, v->plan_count);
	p = &v->plans[v->plan_count++];
	p->version = sqlite3_column_int(stmt, 0);
	p->title = store_column_dup(stmt, 1, &status);
	p->body = store_column_dup(stmt, 2, &status);
	p->change = store_column_dup(stmt, 3, &status);
	p->created_by = store_column_dup(stmt, 4, &status);
	p->created_at = store_column_dup(stmt, 5, &status);
	return status;
}

static enum status milestone_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	struct cultivation_milestone *m;
	enum status status = STATUS_OK;

	GROW(v->milestones, v->milestone_count);
	m = &v->milestones[v->milestone_count++];
	copy(stmt, 0, m->id, sizeof(m->id));
	m->title = store_column_dup(stmt, 1, &status);
	copy(stmt, 2, m->due_on, sizeof(m->due_on));
	m->owner = store_column_dup(stmt, 3, &status);
	copy(stmt, 4, m->done_on, sizeof(m->done_on));
	return status;
}

static enum status session_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	struct cultivation_session *s;
	enum status status = STATUS_OK;

	GROW(v->sessions, v->session_count);
	s = &v->sessions[v->session_count++];
	copy(stmt, 0, s->id, sizeof(s->id));
	copy(stmt, 1, s->held_on, sizeof(s->held_on));
	s->experts = store_column_dup(stmt, 2, &status);
	s->advice = store_column_dup(stmt, 3, &status);
	return status;
}

static enum status followup_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_session *s = data;
	struct cultivation_followup *f;
	enum status status = STATUS_OK;

	GROW(s->followups, s->followup_count);
	f = &s->followups[s->followup_count++];
	copy(stmt, 0, f->id, sizeof(f->id));
	f->action = store_column_dup(stmt, 1, &status);
	copy(stmt, 2, f->due_on, sizeof(f->due_on));
	f->owner = store_column_dup(stmt, 3, &status);
	copy(stmt, 4, f->done_on, sizeof(f->done_on));
	return status;
}

static enum status report_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	struct cultivation_report *r;
	enum status status = STATUS_OK;

	GROW(v->reports, v->report_count);
	r = &v->reports[v->report_count++];
	copy(stmt, 0, r->id, sizeof(r->id));
	copy(stmt, 1, r->period, sizeof(r->period));
	copy(stmt, 2, r->received_on, sizeof(r->received_on));
	r->summary = store_column_dup(stmt, 3, &status);
	return status;
}

/* A KPI row of the case fills the level's KPI of that key. */
static enum status kpi_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	const char *key = (const char *)sqlite3_column_text(stmt, 0);
	size_t i;

	for (i = 0; i < v->kpi_count; i++)
		if (!strcmp(v->kpis[i].key, key)) {
			v->kpis[i].baseline = sqlite3_column_double(stmt, 1);
			v->kpis[i].target = sqlite3_column_double(stmt, 2);
			v->kpis[i].value_count = 0; /* values follow */
		}
	return STATUS_OK;
}

static enum status value_row(void *data, sqlite3_stmt *stmt)
{
	struct cultivation_view *v = data;
	const char *key = (const char *)sqlite3_column_text(stmt, 0);
	size_t i;

	for (i = 0; i < v->kpi_count; i++)
		if (!strcmp(v->kpis[i].key, key)) {
			struct cultivation_kpi *k = &v->kpis[i];

			GROW(k->values, k->value_count);
			copy(stmt, 1, k->values[k->value_count].period, sizeof(k->values[0].period));
			k->values[k->value_count++].value = sqlite3_column_double(stmt, 2);
		}
	return STATUS_OK;
}

static const char *const plans_sql =
	"SELECT version, title, body, change, created_by, created_at FROM cultivation_plans WHERE case_id = ?1"
	" ORDER BY version";
static const char *const milestones_sql =
	"SELECT id, title, due_on, owner, done_on FROM milestones WHERE case_id = ?1 ORDER BY due_on, title";
static const char *const sessions_sql =
	"SELECT id, held_on, experts, advice FROM guidance_sessions WHERE case_id = ?1 ORDER BY held_on, created_at";
static const char *const followups_sql =
	"SELECT id, action, due_on, owner, done_on FROM followups WHERE session_id = ?1 ORDER BY due_on, created_at";
static const char *const reports_sql =
	"SELECT id, period, received_on, summary FROM progress_reports WHERE case_id = ?1 ORDER BY period";
static const char *const kpis_sql = "SELECT kpi, baseline, target FROM kpis WHERE case_id = ?1";
static const char *const values_sql =
	"SELECT k.kpi, v.period, v.value FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id WHERE k.case_id = ?1"
	" ORDER BY v.period";

/* The level's KPIs, those the case has set marked by a baseline row. */
static enum status level_kpis(const struct level *level, struct cultivation_view *v)
{
	size_t i;

	v->kpis = level->kpi_count ? calloc(level->kpi_count, sizeof(*v->kpis)) : NULL;
	if (level->kpi_count && !v->kpis)
		return STATUS_ERR_NOMEM;
	for (i = 0; i < level->kpi_count; i++) {
		struct cultivation_kpi *k = &v->kpis[v->kpi_count++];

		snprintf(k->key, sizeof(k->key), "%s", level->kpis[i].key);
		snprintf(k->unit, sizeof(k->unit), "%s", level->kpis[i].unit);
		k->zh = strdup(level->kpis[i].zh);
		k->en = strdup(level->kpis[i].en);
		k->lower_is_better = level->kpis[i].lower_is_better;
		k->value_count = (size_t)-1; /* not set for this case until a kpis row says so */
		if (!k->zh || !k->en)
			return STATUS_ERR_NOMEM;
	}
	return STATUS_OK;
}

/* Drops the KPIs the case has not set (value_count still (size_t)-1). */
static void keep_set_kpis(struct cultivation_view *v)
{
	size_t i, kept = 0;

	for (i = 0; i < v->kpi_count; i++) {
		if (v->kpis[i].value_count == (size_t)-1) {
			free(v->kpis[i].zh);
			free(v->kpis[i].en);
			continue;
		}
		v->kpis[kept++] = v->kpis[i];
	}
	v->kpi_count = kept;
}

static void dates(const struct forms *forms, const struct case_detail *d, struct cultivation_view *v)
{
	struct case_dates c;

	case_dates_compute(forms, d, &c);
	snprintf(v->case_id, sizeof(v->case_id), "%s", d->row.id);
	snprintf(v->number, sizeof(v->number), "%s", d->row.number);
	snprintf(v->state, sizeof(v->state), "%s", d->row.state);
	if (c.cultivating || d->cultivation_starts_on) {
		date_format(c.cultivation_starts_on, v->starts_on);
		date_format(c.cultivation_ends_on, v->ends_on);
		date_format(c.acceptance_due_by, v->acceptance_due);
	}
}

static enum status load_parts(struct store *store, struct cultivation_view *v, struct error *err)
{
	enum status status = each(store, plans_sql, v->case_id, v, plan_row, err);
	size_t i;

	if (!status)
		status = each(store, milestones_sql, v->case_id, v, milestone_row, err);
	if (!status)
		status = each(store, sessions_sql, v->case_id, v, session_row, err);
	for (i = 0; !status && i < v->session_count; i++)
		status = each(store, followups_sql, v->sessions[i].id, &v->sessions[i], followup_row, err);
	if (!status)
		status = each(store, reports_sql, v->case_id, v, report_row, err);
	if (!status)
		status = each(store, kpis_sql, v->case_id, v, kpi_row, err);
	for (i = 0; i < v->kpi_count; i++)
		if (v->kpis[i].value_count != (size_t)-1)
			v->kpis[i].value_count = 0;
	if (!status)
		status = each(store, values_sql, v->case_id, v, value_row, err);
	keep_set_kpis(v);
	return status;
}

enum status cultivation_load(struct store *store, const struct forms *forms, const char *case_key,
			     struct cultivation_view *v, struct error *err)
{
	const struct level *level;
	struct case_detail d;
	enum status status;

	memset(v, 0, sizeof(*v));
	if ((status = store_case_detail(store, case_key, &d, err)))
		return status;
	level = forms_level(forms, d.row.level);
	if (!level || level->rules.cultivation_years == 0)
		status = error_set(err, STATUS_ERR_INVALID, _("case %s is %s: only leading-level factories are cultivated"),
				   d.row.number, label_level(forms, d.row.level));
	if (!status) {
		dates(forms, &d, v);
		status = level_kpis(level, v);
	}
	case_detail_clear(&d);
	if (!status)
		status = load_parts(store, v, err);
	if (status)
		cultivation_view_clear(v);
	return status;
}

void cultivation_view_clear(struct cultivation_view *v)
{
	size_t i, k;

	for (i = 0; i < v->plan_count; i++) {
		free(v->plans[i].title);
		free(v->plans[i].body);
		free(v->plans[i].change);
		free(v->plans[i].created_by);
		free(v->plans[i].created_at);
	}
	for (i = 0; i < v->milestone_count; i++) {
		free(v->milestones[i].title);
		free(v->milestones[i].owner);
	}
	for (i = 0; i < v->session_count; i++) {
		for (k = 0; k < v->sessions[i].followup_count; k++) {
			free(v->sessions[i].followups[k].action);
			free(v->sessions[i].followups[k].owner);
		}
		free(v->sessions[i].followups);
		free(v->sessions[i].experts);
		free(v->sessions[i].advice);
	}
	for (i = 0; i < v->report_count; i++)
		free(v->reports[i].summary);
	for (i = 0; i < v->kpi_count; i++) {
		free(v->kpis[i].zh);
		free(v->kpis[i].en);
		free(v->kpis[i].values);
	}
	free(v->plans);
	free(v->milestones);
	free(v->sessions);
	free(v->reports);
	free(v->kpis);
	memset(v, 0, sizeof(*v));
}

bool cultivation_kpi_met(const struct cultivation_kpi *kpi)
{
	double latest;

	if (!kpi->value_count)
		return false;
	latest = kpi->values[kpi->value_count - 1].value;
	return kpi->lower_is_better ? latest <= kpi->target : latest >= kpi->target;
}

/* ---- readiness ---- */

static enum status push(struct readiness_item **items, size_t *count, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum status push(struct readiness_item **items, size_t *count, const char *kind, const char *fmt, ...)
{
	struct readiness_item *grown = realloc(*items, (*count + 1) * sizeof(*grown));
	va_list ap;
	int n;

	if (!grown)
		return STATUS_ERR_NOMEM;
	*items = grown;
	snprintf(grown[*count].kind, sizeof(grown[*count].kind), "%s", kind);
	va_start(ap, fmt);
	n = vasprintf(&grown[*count].text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return STATUS_ERR_NOMEM;
	(*count)++;
	return STATUS_OK;
}

static enum status unmet_cultivation(const struct cultivation_view *v, struct readiness_item **items,
				     size_t *count)
{
	enum status status = STATUS_OK;
	size_t i, k;

	for (i = 0; !status && i < v->milestone_count; i++)
		if (!*v->milestones[i].done_on)
			status = push(items, count, "milestone", _("%s (due %s)"), v->milestones[i].title,
				      v->milestones[i].due_on);
	for (i = 0; !status && i < v->kpi_count; i++) {
		const struct cultivation_kpi *kp = &v->kpis[i];

		if (!kp->value_count)
			status = push(items, count, "kpi", _("%s: no value yet (target %g %s)"), label_pick(kp->zh, kp->en),
				      kp->target, kp->unit);
		else if (!cultivation_kpi_met(kp))
			status = push(items, count, "kpi", _("%s: %g %s in %s, target %g"), label_pick(kp->zh, kp->en),
				      kp->values[kp->value_count - 1].value, kp->unit, kp->values[kp->value_count - 1].period,
				      kp->target);
	}
	for (i = 0; !status && i < v->session_count; i++)
		for (k = 0; !status && k < v->sessions[i].followup_count; k++)
			if (!*v->sessions[i].followups[k].done_on)
				status = push(items, count, "followup", _("%s (session %s, due %s)"),
					      v->sessions[i].followups[k].action, v->sessions[i].held_on,
					      v->sessions[i].followups[k].due_on);
	return status;
}

static enum status unmet_materials(const struct forms *forms, const struct case_detail *d,
				   struct readiness_item **items, size_t *count)
{
	const struct level *level = forms_level(forms, d->row.level);
	enum status status = STATUS_OK;
	size_t i, k;

	for (i = 0; !status && level && i < level->acceptance_material_count; i++) {
		const char *key = level->acceptance_materials[i], *name = key;
		bool received = false;

		for (k = 0; k < d->material_count; k++)
			received |= !strcmp(d->materials[k].key, key) && d->materials[k].received_on &&
				    *d->materials[k].received_on;
		for (k = 0; k < level->material_count; k++)
			if (!strcmp(level->materials[k].key, key))
				name = level->materials[k].zh;
		if (!received)
			status = push(items, count, "material", _("%s: not received"), name);
	}
	return status;
}

enum status cultivation_readiness(struct store *store, const struct forms *forms, const char *case_key,
				  struct readiness_item **items, size_t *count, struct error *err)
{
	struct cultivation_view v;
	struct case_detail d;
	enum status status;

	*items = NULL;
	*count = 0;
	if ((status = cultivation_load(store, forms, case_key, &v, err)))
		return status;
	status = unmet_cultivation(&v, items, count);
	cultivation_view_clear(&v);
	if (!status && !(status = store_case_detail(store, case_key, &d, err))) {
		status = unmet_materials(forms, &d, items, count);
		case_detail_clear(&d);
	}
	if (status) {
		readiness_items_free(*items, *count);
		*items = NULL;
		*count = 0;
	}
	return status;
}

void readiness_items_free(struct readiness_item *items, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(items[i].text);
	free(items);
}

/* Keeps the readiness list with the acceptance application (steps.c). */
enum status store_readiness_keep(struct store *store, const struct forms *forms, const char *case_id,
				 struct date filed_on, struct error *err)
{
	struct readiness_item *items = NULL;
	char on[DATE_TEXT_SIZE], position[24], id[33];
	size_t count = 0, i;
	enum status status = cultivation_readiness(store, forms, case_id, &items, &count, err);

	date_format(filed_on, on);
	for (i = 0; !status && i < count; i++) {
		snprintf(position, sizeof(position), "%zu", i + 1);
		if (!(status = store_new_id(id))) {
			struct field_value fields[] = {
				{ "case_id", case_id }, { "filed_on", on }, { "kind", items[i].kind },
				{ "text", items[i].text }, { "position", position },
			};
			status = store_insert(store, "readiness", id, fields, 5, err);
		}
	}
	readiness_items_free(items, count);
	return status;
}

struct filed {
	struct readiness_item *items;
	size_t count;
	char *filed_on;
};

static enum status filed_row(void *data, sqlite3_stmt *stmt)
{
	struct filed *f = data;

	if (f->count && strcmp(f->filed_on, (const char *)sqlite3_column_text(stmt, 0)))
		return STATUS_OK; /* only the latest filing */
	copy(stmt, 0, f->filed_on, 11);
	return push(&f->items, &f->count, (const char *)sqlite3_column_text(stmt, 1), "%s",
		    (const char *)sqlite3_column_text(stmt, 2));
}

enum status cultivation_readiness_filed(struct store *store, const char *case_key, struct readiness_item **items,
					size_t *count, char filed_on[11], struct error *err)
{
	static const char *const sql =
		"SELECT filed_on, kind, text FROM readiness WHERE case_id = ?1 ORDER BY filed_on DESC, position";
	struct filed f = { NULL, 0, filed_on };
	enum status status;
	char id[33];

	filed_on[0] = '\0';
	status = store_resolve(store, STORE_CASE, case_key, id, err);
	if (!status)
		status = each(store, sql, id, &f, filed_row, err);
	if (status) {
		readiness_items_free(f.items, f.count);
		f.items = NULL;
		f.count = 0;
	}
	*items = f.items;
	*count = f.count;
	return status;
}
