/* Creating cases and taking workflow steps. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cases.h"
#include "gradus/deadlines.h"
#include "store_private.h"

static enum status find_enterprise(struct store *store, const struct new_case *in, char id[33],
				   bool *found, struct error *err)
{
	static const char *const sql = "SELECT id FROM enterprises WHERE credit_code = ?1 AND name = ?2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, in->credit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->enterprise_name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, "enterprises");
}

static enum status next_number(struct store *store, const struct level *level, int year,
			       char number[32], struct error *err)
{
	static const char *const sql =
		"SELECT max(CAST(substr(number, length(?1) + 1) AS INTEGER)) FROM cases WHERE number LIKE ?1 || '%'";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char prefix[24];
	int rc, next = 1;

	if (!stmt)
		return STATUS_ERR_DB;
	snprintf(prefix, sizeof(prefix), "HB-%04d-%.8s-", year % 10000, level->code);
	sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		next = sqlite3_column_int(stmt, 0) + 1;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(store, rc, err, "numbering cases");
	snprintf(number, 32, "%.20s%04d", prefix, next % 100000);
	return STATUS_OK;
}

static enum status insert_case_parts(struct store *store, const struct level *level,
				     const struct new_case *in, char id[33], char number[32], struct error *err)
{
	char enterprise[33], factory[33], row[33], now[STORE_TIMESTAMP_SIZE], year[8], centi[8], mlevel[4];
	enum status status;
	bool found;
	size_t i;

	store_timestamp(now);
	status = find_enterprise(store, in, enterprise, &found, err);
	if (!status && !found && !(status = store_new_id(enterprise))) {
		struct field_value fields[] = {
			{ "name", in->enterprise_name }, { "credit_code", in->credit_code },
			{ "region", in->region }, { "industry", in->industry }, { "contact", in->contact },
			{ "created_at", now },
		};
		status = store_insert(store, "enterprises", enterprise, fields, 6, err);
	}
	if (!status && !(status = store_new_id(factory))) {
		struct field_value fields[] = {
			{ "enterprise_id", enterprise }, { "name", in->factory_name },
			{ "address", in->address }, { "created_at", now },
		};
		status = store_insert(store, "factories", factory, fields, 4, err);
	}
	if (status)
		return status;
	status = next_number(store, level, in->year, number, err);
	if (status || (status = store_new_id(id)))
		return status;
	snprintf(year, sizeof(year), "%d", in->year);
	snprintf(centi, sizeof(centi), "%d", in->maturity_centi);
	snprintf(mlevel, sizeof(mlevel), "%d", maturity_level(NULL, 0, in->maturity_centi));
	{
		struct field_value fields[] = {
			{ "number", number }, { "factory_id", factory }, { "level", level->key },
			{ "year", year }, { "state", level->initial_state },
			{ "maturity_centi", in->maturity_centi >= 0 ? centi : NULL },
			{ "maturity_level", in->maturity_centi >= 0 ? mlevel : NULL },
			{ "commitment_on", in->commitment_on }, { "note", in->note }, { "created_at", now },
		};
		status = store_insert(store, "cases", id, fields, 10, err);
	}
	for (i = 0; !status && i < in->scenario_count; i++) {
		char scenario[8];

		snprintf(scenario, sizeof(scenario), "%d", in->scenarios[i]);
		if (!(status = store_new_id(row))) {
			struct field_value fields[] = { { "case_id", id }, { "scenario", scenario } };
			status = store_insert(store, "case_scenarios", row, fields, 2, err);
		}
	}
	return status;
}

enum status case_create(struct store *store, const struct forms *forms, const struct new_case *in,
			char id[33], char number[32], struct error *err)
{
	const struct level *level = forms_level(forms, in->level);
	enum status status;

	if (!level)
		return error_set(err, STATUS_ERR_INVALID, "unknown level '%s'", in->level ? in->level : "");
	if (!forms_region(forms, in->region))
		return error_set(err, STATUS_ERR_INVALID, "unknown region '%s'", in->region ? in->region : "");
	status = store_begin(store, err);
	if (status)
		return status;
	status = insert_case_parts(store, level, in, id, number, err);
	if (status) {
		store_rollback(store);
		return status;
	}
	return store_commit(store, err);
}

struct case_state {
	char *level, *state, *certified_on, *expires_on, *cultivation_starts_on;
	bool review_filed;
};

static void case_state_free(struct case_state *cs)
{
	free(cs->level);
	free(cs->state);
	free(cs->certified_on);
	free(cs->expires_on);
	free(cs->cultivation_starts_on);
}

static enum status load_case_state(struct store *store, const char *id, struct case_state *cs, struct error *err)
{
	static const char *const sql =
		"SELECT level, state, certified_on, expires_on, cultivation_starts_on,"
		" EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.kind = 'review_filed'"
		"   AND e.on_date >= coalesce(c.certified_on, ''))"
		" FROM cases c WHERE id = ?1 OR number = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	memset(cs, 0, sizeof(*cs));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		cs->level = store_column_dup(stmt, 0);
		cs->state = store_column_dup(stmt, 1);
		cs->certified_on = store_column_dup(stmt, 2);
		cs->expires_on = store_column_dup(stmt, 3);
		cs->cultivation_starts_on = store_column_dup(stmt, 4);
		cs->review_filed = sqlite3_column_int(stmt, 5);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return error_set(err, STATUS_ERR_NOT_FOUND, "no case '%s'", id);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, "cases");
}

static bool step_allowed_from(const struct level_step *step, const char *state)
{
	size_t i;

	for (i = 0; i < step->from_count; i++)
		if (!strcmp(step->from[i], state))
			return true;
	return false;
}

static enum status refuse_step(const struct level *level, const char *state, const char *step,
			       struct error *err)
{
	char allowed[512] = "";
	size_t i, used = 0;

	for (i = 0; i < level->step_count; i++)
		if (step_allowed_from(&level->steps[i], state) && used < sizeof(allowed))
			used += (size_t)snprintf(allowed + used, sizeof(allowed) - used, "%s%s",
						 used ? ", " : "", level->steps[i].key);
	return error_set(err, STATUS_ERR_INVALID, "step '%s' cannot be taken from state '%s'; allowed: %s",
			 step, state, used ? allowed : "none (the case is closed)");
}

static enum status set_date(struct store *store, const char *id, const char *field, struct date d,
			    struct error *err)
{
	char text[DATE_TEXT_SIZE];

	date_format(d, text);
	return store_update(store, "cases", id, field, text, err);
}

/* Dates the rules derive from the event just taken. */
static enum status apply_event_dates(struct store *store, const struct level *level, const char *id,
				     const char *kind, struct case_state *cs, struct date on, struct error *err)
{
	const struct level_rules *rules = &level->rules;
	const char *actor = store_actor(store);
	enum status status = STATUS_OK;
	struct date old;

	if (!kind)
		return STATUS_OK;
	if (!strcmp(kind, "applied")) {
		status = store_update(store, "cases", id, "applied_by", actor, err);
		return status ? status : set_date(store, id, "applied_on", on, err);
	}
	if (!strcmp(kind, "recommended")) {
		status = store_update(store, "cases", id, "recommended_by", actor, err);
		return status ? status : set_date(store, id, "recommended_on", on, err);
	}
	if (!strcmp(kind, "certified") || !strcmp(kind, "published")) {
		status = store_update(store, "cases", id, "certified_by", actor, err);
		if (!status)
			status = set_date(store, id, "certified_on", on, err);
		if (!status && rules->validity_years > 0)
			status = set_date(store, id, "expires_on", deadline_expires_on(rules, on), err);
		return status;
	}
	if (!strcmp(kind, "review_passed") && cs->expires_on && !date_parse(cs->expires_on, &old, NULL))
		return set_date(store, id, "expires_on", deadline_extended_expiry(rules, old), err);
	if (!strcmp(kind, "cultivation_started"))
		return set_date(store, id, "cultivation_starts_on", on, err);
	return status;
}

/* The next date that falls due for the case in its new state. */
static enum status update_next_due(struct store *store, const struct level *level, const char *id,
				   struct error *err)
{
	struct case_state cs;
	enum status status = load_case_state(store, id, &cs, err);
	const struct level_state *state;
	char text[DATE_TEXT_SIZE];
	const char *due = NULL;
	struct date d;

	if (status)
		return status;
	state = forms_level_state(level, cs.state);
	if (state && state->final) {
		due = NULL;
	} else if (cs.expires_on && !date_parse(cs.expires_on, &d, NULL)) {
		if (!cs.review_filed)
			d = deadline_review_due_by(&level->rules, d);
		date_format(d, text);
		due = text;
	} else if (cs.cultivation_starts_on && !date_parse(cs.cultivation_starts_on, &d, NULL)) {
		d = deadline_acceptance_due_by(&level->rules, deadline_cultivation_ends_on(&level->rules, d));
		date_format(d, text);
		due = text;
	}
	status = store_update(store, "cases", id, "next_due", due, err);
	case_state_free(&cs);
	return status;
}

static enum status case_id_of(struct store *store, const char *key, char id[33], struct error *err)
{
	static const char *const sql = "SELECT id FROM cases WHERE id = ?1 OR number = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return error_set(err, STATUS_ERR_NOT_FOUND, "no case '%s'", key);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, "cases");
}

static enum status take_step(struct store *store, const struct forms *forms, const char *key,
			     const char *step_key, struct date on, const char *note, struct error *err)
{
	char id[33], event[33], now[STORE_TIMESTAMP_SIZE], on_text[DATE_TEXT_SIZE];
	const struct level_step *step;
	const struct level *level;
	struct case_state cs;
	enum status status;

	status = case_id_of(store, key, id, err);
	if (status || (status = load_case_state(store, id, &cs, err)))
		return status;
	level = forms_level(forms, cs.level);
	step = level ? forms_level_step(level, step_key) : NULL;
	if (!level)
		status = error_set(err, STATUS_ERR_FORMS, "case %s has level '%s', unknown to the forms", key, cs.level);
	else if (!step || !step_allowed_from(step, cs.state))
		status = refuse_step(level, cs.state, step_key, err);
	if (status)
		goto cleanup;
	store_timestamp(now);
	date_format(on, on_text);
	if ((status = store_new_id(event)))
		goto cleanup;
	{
		struct field_value fields[] = {
			{ "case_id", id }, { "step", step->key }, { "from_state", cs.state },
			{ "to_state", step->to }, { "kind", step->event }, { "actor", store_actor(store) },
			{ "on_date", on_text }, { "note", note }, { "created_at", now },
		};
		status = store_insert(store, "events", event, fields, 9, err);
	}
	if (!status)
		status = store_update(store, "cases", id, "state", step->to, err);
	if (!status)
		status = apply_event_dates(store, level, id, step->event, &cs, on, err);
	if (!status)
		status = update_next_due(store, level, id, err);
cleanup:
	case_state_free(&cs);
	return status;
}

enum status case_take_step(struct store *store, const struct forms *forms, const char *case_id,
			   const char *step, struct date on, const char *note, struct error *err)
{
	enum status status = store_begin(store, err);

	if (status)
		return status;
	status = take_step(store, forms, case_id, step, on, note, err);
	if (status) {
		store_rollback(store);
		return status;
	}
	return store_commit(store, err);
}
