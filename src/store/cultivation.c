/* Writing the cultivation of a leading-level factory: plan versions,
 * milestones, guidance sessions and their follow-ups, progress reports and
 * KPIs by period. Every write is one transaction through the write path. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/cultivation.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static enum status may_write(struct store *store, struct error *err)
{
	return authority_check(store, AUTHORITY_CULTIVATION_RECORD, NULL, err);
}

/* The case's id; refused when its cultivation has not started. */
static enum status cultivating(struct store *store, const char *key, char id[33], struct error *err)
{
	static const char *const sql =
		"SELECT cultivation_starts_on, number FROM cases WHERE id = ?1";
	enum status status = store_resolve(store, STORE_CASE, key, id, err);
	sqlite3_stmt *stmt;
	bool row;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && !row)
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no case '%s'"), key);
	else if (!status && sqlite3_column_type(stmt, 0) == SQLITE_NULL)
		status = error_set(err, STATUS_ERR_INVALID, _("case %s has no cultivation period: its cultivation has not "
				   "started"), (const char *)sqlite3_column_text(stmt, 1));
	sqlite3_reset(stmt);
	return status;
}

/* A milestone's, session's or follow-up's id (store_resolve) and its case's. */
static enum status by_prefix(struct store *store, enum store_kind kind, const char *case_sql, const char *key,
			     char id[33], char case_id[33], struct error *err)
{
	enum status status = store_resolve(store, kind, key, id, err);
	sqlite3_stmt *stmt;
	bool row;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, case_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		snprintf(case_id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (!status && !row)
		/* L10N: what is named (milestone, follow-up, guidance session), then the id given */
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no %s '%s'"), store_kind_noun(kind), key);
	return status;
}

static const char *const milestone_sql = "SELECT case_id FROM milestones WHERE id = ?1";
static const char *const session_sql = "SELECT case_id FROM guidance_sessions WHERE id = ?1";
static const char *const followup_sql = "SELECT case_id FROM followups WHERE id = ?1";

static enum status text_needed(const char *text, const char *what, struct error *err)
{
	/* L10N: what is empty, e.g. "the plan's title" */
	return text && *text ? STATUS_OK : error_set(err, STATUS_ERR_INVALID, _("%s is empty"), what);
}

static enum status plan_version(struct store *store, const char *case_id, const char *title, const char *body,
				const char *change, int *version, struct error *err)
{
	static const char *const sql = "SELECT coalesce(max(version), 0) + 1 FROM cultivation_plans WHERE case_id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char id[33], v[16], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(store, rc, err, _("plan versions"));
	if ((status = store_new_id(id)))
		return status;
	snprintf(v, sizeof(v), "%d", *version);
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "case_id", case_id }, { "version", v }, { "title", title }, { "body", body && *body ? body : NULL },
			{ "change", change && *change ? change : NULL }, { "created_by", store_actor(store) },
			{ "created_at", now },
		};
		return store_insert(store, "cultivation_plans", id, fields, 7, err);
	}
}

enum status cultivation_plan_version(struct store *store, const char *case_key, const char *title,
				     const char *body, const char *change, int *version, struct error *err)
{
	char case_id[33];
	enum status status = may_write(store, err);

	if (status || (status = text_needed(title, _("the plan's title"), err)) || (status = store_begin(store, err)))
		return status;
	status = cultivating(store, case_key, case_id, err);
	if (!status)
		status = plan_version(store, case_id, title, body, change, version, err);
	return store_finish(store, status, err);
}

/* Inserts a row made of fields into table under a new id, in a transaction
 * after the case is found cultivating. */
static enum status add_row(struct store *store, const char *case_key, const char *table,
			   struct field_value *fields, size_t count, char id[33], struct error *err)
{
	char case_id[33], now[STORE_TIMESTAMP_SIZE];
	enum status status = may_write(store, err);

	if (status || (status = store_begin(store, err)))
		return status;
	status = cultivating(store, case_key, case_id, err);
	store_timestamp(now);
	fields[0].value = case_id;
	fields[count - 1].value = now;
	if (!status && !(status = store_new_id(id)))
		status = store_insert(store, table, id, fields, count, err);
	return store_finish(store, status, err);
}

enum status cultivation_milestone_add(struct store *store, const char *case_key, const char *title,
				      struct date due, const char *owner, char id[33], struct error *err)
{
	char on[DATE_TEXT_SIZE];
	struct field_value fields[] = {
		{ "case_id", NULL }, { "title", title }, { "due_on", on }, { "owner", owner && *owner ? owner : NULL },
		{ "created_at", NULL },
	};
	enum status status = text_needed(title, _("the milestone's title"), err);

	date_format(due, on);
	return status ? status : add_row(store, case_key, "milestones", fields, 5, id, err);
}

static enum status mark_done(struct store *store, enum store_kind kind, const char *sql, const char *table,
			     const char *key, const struct date *done_on, struct error *err)
{
	char id[33], case_id[33], on[DATE_TEXT_SIZE];
	enum status status = may_write(store, err);

	if (status || (status = store_begin(store, err)))
		return status;
	status = by_prefix(store, kind, sql, key, id, case_id, err);
	if (done_on)
		date_format(*done_on, on);
	if (!status)
		status = store_update(store, table, id, "done_on", done_on ? on : NULL, err);
	return store_finish(store, status, err);
}

enum status cultivation_milestone_done(struct store *store, const char *milestone, const struct date *done_on,
				       struct error *err)
{
	return mark_done(store, STORE_MILESTONE, milestone_sql, "milestones", milestone, done_on, err);
}

enum status cultivation_followup_done(struct store *store, const char *followup, const struct date *done_on,
				      struct error *err)
{
	return mark_done(store, STORE_FOLLOWUP, followup_sql, "followups", followup, done_on, err);
}

enum status cultivation_session_add(struct store *store, const char *case_key, struct date held_on,
				    const char *experts, const char *advice, char id[33], struct error *err)
{
	char on[DATE_TEXT_SIZE];
	struct field_value fields[] = {
		{ "case_id", NULL }, { "held_on", on }, { "experts", experts }, { "advice", advice }, { "created_at", NULL },
	};
	enum status status = text_needed(experts, _("the session's experts"), err);

	if (!status)
		status = text_needed(advice, _("the committee's advice"), err);
	date_format(held_on, on);
	return status ? status : add_row(store, case_key, "guidance_sessions", fields, 5, id, err);
}

enum status cultivation_followup_add(struct store *store, const char *session, const char *action,
				     struct date due, const char *owner, char id[33], struct error *err)
{
	char session_id[33], case_id[33], on[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE];
	enum status status = may_write(store, err);

	if (status || (status = text_needed(action, _("the follow-up action"), err)) || (status = store_begin(store, err)))
		return status;
	status = by_prefix(store, STORE_SESSION, session_sql, session, session_id, case_id, err);
	date_format(due, on);
	store_timestamp(now);
	if (!status && !(status = store_new_id(id))) {
		struct field_value fields[] = {
			{ "session_id", session_id }, { "case_id", case_id }, { "action", action }, { "due_on", on },
			{ "owner", owner && *owner ? owner : NULL }, { "created_at", now },
		};
		status = store_insert(store, "followups", id, fields, 6, err);
	}
	return store_finish(store, status, err);
}

enum status cultivation_report_add(struct store *store, const char *case_key, const char *period,
				   struct date received_on, const char *summary, char id[33], struct error *err)
{
	char on[DATE_TEXT_SIZE];
	struct field_value fields[] = {
		{ "case_id", NULL }, { "period", period }, { "received_on", on }, { "summary", summary },
		{ "created_at", NULL },
	};
	enum status status = text_needed(period, _("the report's period"), err);

	if (!status && strlen(period) > 15)
		status = error_set(err, STATUS_ERR_INVALID, _("period '%s': at most 15 characters, e.g. 2026-Q3"), period);
	if (!status)
		status = text_needed(summary, _("the report's summary"), err);
	date_format(received_on, on);
	return status ? status : add_row(store, case_key, "progress_reports", fields, 5, id, err);
}

/* The case's KPI row, made now (baseline and target given) or found. */
static enum status kpi_row(struct store *store, const char *case_id, const char *kpi, char id[33], bool *found,
			   struct error *err)
{
	static const char *const sql = "SELECT id FROM kpis WHERE case_id = ?1 AND kpi = ?2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, kpi, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("kpis"));
}

static enum status set_kpi(struct store *store, const char *case_id, const char *kpi, double baseline,
			   double target, struct error *err)
{
	char id[33], b[32], t[32];
	bool found = false;
	enum status status = kpi_row(store, case_id, kpi, id, &found, err);

	snprintf(b, sizeof(b), "%g", baseline);
	snprintf(t, sizeof(t), "%g", target);
	if (!status && found) {
		status = store_update(store, "kpis", id, "baseline", b, err);
		if (!status)
			status = store_update(store, "kpis", id, "target", t, err);
	} else if (!status && !(status = store_new_id(id))) {
		struct field_value fields[] = { { "case_id", case_id }, { "kpi", kpi }, { "baseline", b }, { "target", t } };

		status = store_insert(store, "kpis", id, fields, 4, err);
	}
	return status;
}

enum status cultivation_kpi_set(struct store *store, const struct forms *forms, const char *case_key,
				const char *kpi, double baseline, double target, struct error *err)
{
	const struct level *leading = forms_level(forms, "leading");
	char case_id[33];
	enum status status = may_write(store, err);

	if (status)
		return status;
	if (!leading || !forms_level_kpi(leading, kpi)) {
		char keys[512] = "";
		size_t i, used = 0;

		for (i = 0; leading && i < leading->kpi_count && used < sizeof(keys); i++)
			used += (size_t)snprintf(keys + used, sizeof(keys) - used, "%s%s", i ? ", " : "",
						 leading->kpis[i].key);
		return error_set(err, STATUS_ERR_INVALID, _("KPI '%s': expected one of %s"), kpi ? kpi : "", keys);
	}
	if ((status = store_begin(store, err)))
		return status;
	status = cultivating(store, case_key, case_id, err);
	if (!status)
		status = set_kpi(store, case_id, kpi, baseline, target, err);
	return store_finish(store, status, err);
}

static enum status set_value(struct store *store, const char *kpi_id, const char *period, double value,
			     struct error *err)
{
	static const char *const sql = "SELECT id FROM kpi_values WHERE kpi_id = ?1 AND period = ?2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char id[33], v[32];
	enum status status;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, kpi_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, period, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(id, sizeof(id), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	snprintf(v, sizeof(v), "%g", value);
	if (rc == SQLITE_ROW)
		return store_update(store, "kpi_values", id, "value", v, err);
	if (rc != SQLITE_DONE)
		return store_fail(store, rc, err, _("kpi values"));
	if ((status = store_new_id(id)))
		return status;
	{
		struct field_value fields[] = { { "kpi_id", kpi_id }, { "period", period }, { "value", v } };

		return store_insert(store, "kpi_values", id, fields, 3, err);
	}
}

enum status cultivation_kpi_value(struct store *store, const char *case_key, const char *kpi,
				  const char *period, double value, struct error *err)
{
	char case_id[33], kpi_id[33];
	bool found = false;
	enum status status = may_write(store, err);

	if (status || (status = text_needed(period, _("the period"), err)))
		return status;
	if (strlen(period) > 15)
		return error_set(err, STATUS_ERR_INVALID, _("period '%s': at most 15 characters, e.g. 2026-Q3"), period);
	if ((status = store_begin(store, err)))
		return status;
	status = cultivating(store, case_key, case_id, err);
	if (!status)
		status = kpi_row(store, case_id, kpi, kpi_id, &found, err);
	if (!status && !found)
		status = error_set(err, STATUS_ERR_INVALID, _("KPI '%s' has no baseline and target for this case yet "
				   "(gradus cultivation kpi CASE %s BASELINE TARGET)"), kpi, kpi);
	if (!status)
		status = set_value(store, kpi_id, period, value, err);
	return store_finish(store, status, err);
}
