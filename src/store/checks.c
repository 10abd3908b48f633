/* Spot checks: planning (the declared scenarios or a fair draw from a
 * recorded seed), answers written as they are given, and reading a check. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/checks.h"
#include "cases_private.h"
#include "store_private.h"

static enum status is_inspector(struct store *store, const char *login, struct error *err)
{
	static const char *const sql = "SELECT role FROM users WHERE login = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	bool ok = false;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(stmt, 0), "inspector");
	sqlite3_reset(stmt);
	return ok ? STATUS_OK
		  : error_set(err, STATUS_ERR_INVALID, "inspector '%s': not a user with the inspector role "
						       "(gradus user add %s inspector)", login, login);
}

static enum status insert_children(struct store *store, const char *id, const struct check_plan *plan,
				   const int *scenarios, size_t count, struct error *err)
{
	enum status status = STATUS_OK;
	char row[33], number[8];
	size_t i;

	for (i = 0; !status && i < plan->inspector_count; i++)
		if (!(status = is_inspector(store, plan->inspectors[i], err)) && !(status = store_new_id(row))) {
			struct field_value fields[] = { { "check_id", id }, { "login", plan->inspectors[i] } };

			status = store_insert(store, "check_inspectors", row, fields, 2, err);
		}
	for (i = 0; !status && i < count; i++) {
		snprintf(number, sizeof(number), "%d", scenarios[i]);
		if (!(status = store_new_id(row))) {
			struct field_value fields[] = { { "check_id", id }, { "scenario", number } };

			status = store_insert(store, "check_scenarios", row, fields, 2, err);
		}
	}
	return status;
}

/* The scenarios to check: the declared ones, or a draw of them. */
static enum status choose(const struct check_plan *plan, const struct case_detail *d, uint64_t seed, int *out,
			  size_t *count, struct error *err)
{
	if (!d->scenario_count)
		return error_set(err, STATUS_ERR_INVALID, "case %s declares no scenario: nothing to check",
				 d->row.number);
	if (!plan->draw) {
		memcpy(out, d->scenarios, d->scenario_count * sizeof(*out));
		*count = d->scenario_count;
		return STATUS_OK;
	}
	*count = plan->draw;
	return spotcheck_draw(d->scenarios, d->scenario_count, plan->draw, seed, out, err);
}

static enum status plan_check(struct store *store, const struct forms *forms, const struct check_plan *plan,
			      const struct case_detail *d, char id[33], struct error *err)
{
	char on[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE], seed_text[24], draw_text[16];
	uint64_t seed = plan->seed;
	int scenarios[40];
	size_t count = 0;
	enum status status;

	if (!plan->seed_given && plan->draw) {
		char random[33];

		if ((status = store_new_id(random)))
			return status;
		seed = strtoull(random + 16, NULL, 16);
	}
	status = choose(plan, d, seed, scenarios, &count, err);
	if (status || (status = store_new_id(id)))
		return status;
	date_format(plan->on, on);
	store_timestamp(now);
	snprintf(seed_text, sizeof(seed_text), "%llu", (unsigned long long)seed);
	snprintf(draw_text, sizeof(draw_text), "%zu", plan->draw);
	{
		struct field_value fields[] = {
			{ "case_id", d->row.id }, { "planned_on", on },
			{ "draw_count", plan->draw ? draw_text : NULL }, { "draw_seed", plan->draw ? seed_text : NULL },
			{ "forms_hash", forms->hash }, { "status", "planned" }, { "created_at", now },
		};
		status = store_insert(store, "checks", id, fields, 7, err);
	}
	return status ? status : insert_children(store, id, plan, scenarios, count, err);
}

enum status check_plan(struct store *store, const struct forms *forms, const struct check_plan *plan,
		       char id[33], struct error *err)
{
	const char *role = store_role(store);
	struct case_detail d;
	enum status status;

	if (strcmp(role, "admin") && strcmp(role, "clerk"))
		return error_set(err, STATUS_ERR_DENIED, "%s may not plan checks: that is for a clerk or an admin (%s)",
				 store_actor(store), *role ? role : "no role in this database");
	if (!plan->inspector_count)
		return error_set(err, STATUS_ERR_INVALID, "a check needs at least one inspector");
	if ((status = store_case_detail(store, plan->case_key, &d, err)))
		return status;
	if (!(status = store_begin(store, err))) {
		status = plan_check(store, forms, plan, &d, id, err);
		status = store_finish(store, status, err);
	}
	case_detail_clear(&d);
	return status;
}

static const struct checklist_item *item_of(const struct forms *forms, int scenario, int item)
{
	const struct scenario *s = forms_scenario(forms, scenario);

	return s && item >= 1 && (size_t)item <= s->item_count ? &s->items[item - 1] : NULL;
}

/* The value as it is kept, or an error naming what the item expects. */
static enum status check_value(const struct checklist_item *item, const char *value, char *out, size_t size,
			       struct error *err)
{
	double number;
	char *end;
	size_t i;

	switch (item->kind) {
	case ITEM_CHECK:
		if (spotcheck_answer_parse(value) == ANSWER_NONE)
			return error_set(err, STATUS_ERR_INVALID, "item %d: expected yes, partial, no or na", item->number);
		snprintf(out, size, "%s", spotcheck_answer_name(spotcheck_answer_parse(value)));
		return STATUS_OK;
	case ITEM_NUMBER:
	case ITEM_MEASURE:
		number = strtod(value, &end);
		if (end == value || *end || number != number)
			return error_set(err, STATUS_ERR_INVALID, "item %d: expected a number%s%s", item->number,
					 item->unit ? " in " : "", item->unit ? item->unit : "");
		snprintf(out, size, "%s", value);
		return STATUS_OK;
	case ITEM_CHOICE:
		for (i = 0; i < item->choice_count; i++)
			if (!strcmp(item->choices[i], value)) {
				snprintf(out, size, "%s", value);
				return STATUS_OK;
			}
		return error_set(err, STATUS_ERR_INVALID, "item %d: expected one of its %zu choices (gradus forms show)",
				 item->number, item->choice_count);
	default:
		snprintf(out, size, "%s", value);
		return STATUS_OK;
	}
}

static enum status may_answer(struct store *store, const char *check_id, int scenario, struct error *err)
{
	static const char *const sql =
		"SELECT (SELECT status FROM checks WHERE id = ?1),"
		" EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = ?1 AND login = ?2),"
		" EXISTS (SELECT 1 FROM check_scenarios WHERE check_id = ?1 AND scenario = ?3)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, store_actor(store), -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, scenario);
	if (sqlite3_step(stmt) != SQLITE_ROW || sqlite3_column_type(stmt, 0) == SQLITE_NULL)
		status = error_set(err, STATUS_ERR_NOT_FOUND, "no check '%s'", check_id);
	else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "planned"))
		status = error_set(err, STATUS_ERR_DENIED, "check %s is signed: answers are read-only", check_id);
	else if (!sqlite3_column_int(stmt, 1) && strcmp(store_role(store), "admin"))
		status = error_set(err, STATUS_ERR_DENIED, "%s is not an inspector of check %s", store_actor(store),
				   check_id);
	else if (!sqlite3_column_int(stmt, 2))
		status = error_set(err, STATUS_ERR_INVALID, "scenario %d is not in check %s", scenario, check_id);
	sqlite3_reset(stmt);
	return status;
}

static enum status answer_row(struct store *store, const char *check_id, int scenario, int item, char row[33],
			      bool *found, struct error *err)
{
	static const char *const sql = "SELECT id FROM answers WHERE check_id = ?1 AND scenario = ?2 AND item = ?3";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, scenario);
	sqlite3_bind_int(stmt, 3, item);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		snprintf(row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, "answers");
}

static enum status write_answer(struct store *store, const char *check_id, int scenario, int item,
				const char *value, const char *note, struct error *err)
{
	char row[33], now[STORE_TIMESTAMP_SIZE], s[16], i[16];
	enum status status;
	bool found;

	store_timestamp(now);
	status = answer_row(store, check_id, scenario, item, row, &found, err);
	if (!status && found) {
		status = store_update(store, "answers", row, "value", value, err);
		if (!status && note)
			status = store_update(store, "answers", row, "note", *note ? note : NULL, err);
		if (!status)
			status = store_update(store, "answers", row, "answered_by", store_actor(store), err);
		if (!status)
			status = store_update(store, "answers", row, "answered_at", now, err);
	} else if (!status && !(status = store_new_id(row))) {
		struct field_value fields[] = {
			{ "check_id", check_id }, { "scenario", s }, { "item", i }, { "value", value },
			{ "note", note && *note ? note : NULL }, { "answered_by", store_actor(store) },
			{ "answered_at", now },
		};

		snprintf(s, sizeof(s), "%d", scenario);
		snprintf(i, sizeof(i), "%d", item);
		status = store_insert(store, "answers", row, fields, 7, err);
	}
	return status;
}

enum status check_answer(struct store *store, const struct forms *forms, const char *check_id, int scenario,
			 int item, const char *value, const char *note, struct error *err)
{
	const struct checklist_item *it = item_of(forms, scenario, item);
	char kept[512];
	enum status status;

	if (!it)
		return error_set(err, STATUS_ERR_INVALID, "scenario %d has no item %d", scenario, item);
	if ((status = check_value(it, value ? value : "", kept, sizeof(kept), err)))
		return status;
	if ((status = store_begin(store, err)))
		return status;
	status = may_answer(store, check_id, scenario, err);
	if (!status)
		status = write_answer(store, check_id, scenario, item, kept, note, err);
	return store_finish(store, status, err);
}

static const char *const load_sql =
	"SELECT k.id, c.number, k.planned_on, k.status, k.forms_hash, e.name, k.draw_seed, coalesce(k.draw_count, 0),"
	" (SELECT group_concat(login, ',') FROM (SELECT login FROM check_inspectors WHERE check_id = k.id ORDER BY login))"
	" FROM checks k JOIN cases c ON c.id = k.case_id JOIN factories f ON f.id = c.factory_id"
	" JOIN enterprises e ON e.id = f.enterprise_id WHERE k.id = ?1";
static const char *const scenarios_sql = "SELECT scenario FROM check_scenarios WHERE check_id = ?1 ORDER BY scenario";
static const char *const answers_sql =
	"SELECT scenario, item, value, note, answered_by, answered_at FROM answers WHERE check_id = ?1"
	" ORDER BY scenario, item";

static void copy_text(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	snprintf(out, size, "%s", text ? (const char *)text : "");
}

static enum status load_answers(struct store *store, struct check_view *v, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, answers_sql, err);
	size_t capacity = 0;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, v->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct check_answer_row *a;

		if (store_grow((void **)&v->answers, &capacity, v->answer_count, sizeof(*v->answers))) {
			sqlite3_reset(stmt);
			return STATUS_ERR_NOMEM;
		}
		a = &v->answers[v->answer_count++];
		a->scenario = sqlite3_column_int(stmt, 0);
		a->item = sqlite3_column_int(stmt, 1);
		a->value = store_column_dup(stmt, 2);
		a->note = store_column_dup(stmt, 3);
		a->answered_by = store_column_dup(stmt, 4);
		a->answered_at = store_column_dup(stmt, 5);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, "reading answers");
}

enum status check_load(struct store *store, const char *check_id, struct check_view *v, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, load_sql, err);
	enum status status;
	int rc;

	memset(v, 0, sizeof(*v));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		copy_text(stmt, 0, v->id, sizeof(v->id));
		copy_text(stmt, 1, v->number, sizeof(v->number));
		copy_text(stmt, 2, v->planned_on, sizeof(v->planned_on));
		copy_text(stmt, 3, v->status, sizeof(v->status));
		copy_text(stmt, 4, v->forms_hash, sizeof(v->forms_hash));
		v->enterprise = store_column_dup(stmt, 5);
		v->draw_seed = store_column_dup(stmt, 6);
		v->draw_count = sqlite3_column_int64(stmt, 7);
		v->inspectors = store_column_dup(stmt, 8);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return error_set(err, STATUS_ERR_NOT_FOUND, "no check '%s'", check_id);
	if (rc != SQLITE_ROW)
		return store_fail(store, rc, err, "reading a check");
	if (!(stmt = store_prepare(store, scenarios_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, v->id, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW && v->scenario_count < 40)
		v->scenarios[v->scenario_count++] = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	status = load_answers(store, v, err);
	if (status)
		check_view_clear(v);
	return status;
}

void check_view_clear(struct check_view *v)
{
	size_t i;

	for (i = 0; i < v->answer_count; i++) {
		free(v->answers[i].value);
		free(v->answers[i].note);
		free(v->answers[i].answered_by);
		free(v->answers[i].answered_at);
	}
	free(v->answers);
	free(v->enterprise);
	free(v->draw_seed);
	free(v->inspectors);
	memset(v, 0, sizeof(*v));
}

const struct check_answer_row *check_find(const struct check_view *v, int scenario, int item)
{
	size_t i;

	for (i = 0; i < v->answer_count; i++)
		if (v->answers[i].scenario == scenario && v->answers[i].item == item)
			return &v->answers[i];
	return NULL;
}
