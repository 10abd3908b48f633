/* Spot checks: planning (the declared scenarios or a fair draw from a
 * recorded seed) with the check's own copy of its checklists, finding a
 * check by id or number, and the checks of a case. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/authority.h"
#include "gradus/store/bundle.h"
#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

/* An inspector is a user with the inspector role; an admin may be one too. */
static enum status is_inspector(struct store *store, const char *login, struct error *err)
{
	static const char *const sql = "SELECT role FROM users WHERE login = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool ok = false, row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (row) {
		const char *role = (const char *)sqlite3_column_text(stmt, 0);

		ok = authority_allows(role, AUTHORITY_CHECK_ANSWER); /* who is named must be able to answer */
	}
	sqlite3_reset(stmt);
	return status || ok ? status
		  : error_set(err, STATUS_ERR_INVALID, _("inspector '%s': not a user with the inspector role "
						       "(gradus user add %s inspector)"), login, login);
}

static const char *const kind_names[] = { "check", "number", "measure", "choice", "text" };

static char *join_choices(const struct checklist_item *it)
{
	size_t i, length = 1;
	char *out;

	for (i = 0; i < it->choice_count; i++)
		length += strlen(it->choices[i]) + 1;
	if (!(out = calloc(1, length)))
		return NULL;
	for (i = 0; i < it->choice_count; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, it->choices[i]);
	}
	return out;
}

/* A choice item's values as its copy keeps them in column better: "1|0.5|0"
 * in the order of its choices, or NULL when its choices are not scored. */
static char *join_values(const struct checklist_item *it)
{
	size_t i, used = 0, size = it->choice_count * 24 + 1;
	char *out;

	if (!it->choice_values || !(out = calloc(1, size)))
		return NULL;
	for (i = 0; i < it->choice_count; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%.10g", i ? "|" : "", it->choice_values[i]);
	return out;
}

/* What column better keeps: lower or higher for a measure, the choices'
 * values for a choice item. */
static char *better_of(const struct checklist_item *it)
{
	if (it->kind == ITEM_MEASURE)
		return strdup(it->lower_is_better ? "lower" : "higher");
	return it->kind == ITEM_CHOICE ? join_values(it) : NULL;
}

/* The check's own copy of one item, so it shows as answered whatever forms/ becomes. */
static enum status snapshot_item(struct store *store, const char *id, const struct scenario *sc,
				 const struct checklist_item *it, struct error *err)
{
	char row[33], s[8], n[8], w[8];
	char *choices = it->kind == ITEM_CHOICE ? join_choices(it) : NULL, *better = better_of(it);
	bool lost = (it->kind == ITEM_CHOICE && !choices) || (!better && (it->kind == ITEM_MEASURE || it->choice_values));
	enum status status = lost ? STATUS_ERR_NOMEM : store_new_id(row);

	snprintf(s, sizeof(s), "%d", sc->id);
	snprintf(n, sizeof(n), "%d", it->number);
	snprintf(w, sizeof(w), "%d", it->weight);
	if (!status) {
		struct field_value fields[] = {
			{ "check_id", id }, { "scenario", s }, { "item", n }, { "text", it->text },
			{ "text_en", it->text_en }, { "kind", kind_names[it->kind] }, { "unit", it->unit },
			{ "better", better },
			{ "choices", choices }, { "required", it->required ? "1" : "0" }, { "evidence", it->evidence },
			{ "evidence_required", it->evidence_required ? "1" : "0" }, { "weight", w },
		};
		status = store_insert(store, "check_items", row, fields, 13, err);
	}
	free(choices);
	free(better);
	return status;
}

static enum status snapshot_scenario(struct store *store, const char *id, const struct scenario *sc,
				     struct error *err)
{
	char row[33], number[8], version[8], order[8];
	enum status status = store_new_id(row);
	size_t i;

	snprintf(number, sizeof(number), "%d", sc->id);
	snprintf(version, sizeof(version), "%d", sc->version);
	snprintf(order, sizeof(order), "%d", sc->stage->order);
	if (!status) {
		struct field_value fields[] = {
			{ "check_id", id }, { "scenario", number }, { "version", version },
			{ "stage", sc->stage->key }, { "stage_order", order }, { "stage_zh", sc->stage->zh },
			{ "stage_en", sc->stage->en }, { "title_zh", sc->title_zh }, { "title_en", sc->title_en },
			{ "text", sc->text }, { "activities", sc->activities }, { "problems", sc->problems },
			{ "technologies", sc->technologies },
		};
		status = store_insert(store, "check_scenarios", row, fields, 13, err);
	}
	for (i = 0; !status && i < sc->item_count; i++)
		status = snapshot_item(store, id, sc, &sc->items[i], err);
	return status;
}

static enum status insert_children(struct store *store, const struct forms *forms, const char *id,
				   const struct check_plan *plan, const int *scenarios, size_t count,
				   struct error *err)
{
	enum status status = STATUS_OK;
	char row[33];
	size_t i;

	for (i = 0; !status && i < plan->inspector_count; i++)
		if (!(status = is_inspector(store, plan->inspectors[i], err)) && !(status = store_new_id(row))) {
			struct field_value fields[] = { { "check_id", id }, { "login", plan->inspectors[i] } };

			status = store_insert(store, "check_inspectors", row, fields, 2, err);
		}
	for (i = 0; !status && i < count; i++) {
		const struct scenario *sc;

		status = forms_scenario_checklist(forms, scenarios[i], &sc, err);
		if (!status)
			status = snapshot_scenario(store, id, sc, err);
	}
	return status;
}

/* The scenarios to check: the declared ones, or a draw of them. */
static enum status choose(const struct check_plan *plan, const struct case_detail *d, uint64_t seed, int *out,
			  size_t *count, struct error *err)
{
	if (!d->scenario_count)
		return error_set(err, STATUS_ERR_INVALID, _("case %s declares no scenario: nothing to check"),
				 d->row.number);
	if (!plan->draw) {
		memcpy(out, d->scenarios, d->scenario_count * sizeof(*out));
		*count = d->scenario_count;
		return STATUS_OK;
	}
	*count = plan->draw;
	return spotcheck_draw(d->scenarios, d->scenario_count, plan->draw, seed, out, err);
}

/* The case's number and -C and one more than its checks so far. In a
 * bundle, the start of the bundle's id follows (-C2-1A2B): a number made
 * offline never names a check the office numbers meanwhile, and finds the
 * check once the office has given it its own (bundle_in.c). */
static enum status next_number(struct store *store, const struct case_detail *d, char out[48], struct error *err)
{
	static const char *const sql =
		"SELECT count(*), (SELECT upper(substr(value, 1, 4)) FROM bundle_manifest WHERE key = 'bundle_id')"
		" FROM checks WHERE case_id = ?1";
	static const char *const office_sql = "SELECT count(*), NULL FROM checks WHERE case_id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, bundle_is(store) ? sql : office_sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, d->row.id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, 48, "%s-C%d%s%s", d->row.number, sqlite3_column_int(stmt, 0) + 1,
			 sqlite3_column_text(stmt, 1) ? "-" : "",
			 sqlite3_column_text(stmt, 1) ? (const char *)sqlite3_column_text(stmt, 1) : "");
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("numbering a check"));
}

/* The check's row and its children: inspectors, scenarios and items. */
static enum status insert_check(struct store *store, const struct forms *forms, const struct check_plan *plan,
				const struct case_detail *d, const char id[33], const char *number, uint64_t seed,
				const int *scenarios, size_t count, struct error *err)
{
	char on[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE], seed_text[24], draw_text[16];
	enum status status;

	date_format(plan->on, on);
	store_timestamp(now);
	snprintf(seed_text, sizeof(seed_text), "%llu", (unsigned long long)seed);
	snprintf(draw_text, sizeof(draw_text), "%zu", plan->draw);
	{
		struct field_value fields[] = {
			{ "case_id", d->row.id }, { "number", number }, { "planned_on", on },
			{ "draw_count", plan->draw ? draw_text : NULL }, { "draw_seed", plan->draw ? seed_text : NULL },
			{ "forms_hash", forms_hash(forms) }, { "status", "planned" }, { "created_at", now },
		};
		status = store_insert(store, "checks", id, fields, 8, err);
	}
	return status ? status : insert_children(store, forms, id, plan, scenarios, count, err);
}

static enum status plan_check(struct store *store, const struct forms *forms, const struct check_plan *plan,
			      const struct case_detail *d, char id[33], struct error *err)
{
	char number[48];
	uint64_t seed = plan->seed;
	int *scenarios;
	size_t count = 0;
	enum status status;

	if (!plan->seed_given && plan->draw && (status = store_random(&seed, sizeof(seed))))
		return status;
	if (!(scenarios = calloc(d->scenario_count + 1, sizeof(*scenarios))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = choose(plan, d, seed, scenarios, &count, err);
	if (!status && !(status = store_new_id(id)))
		status = next_number(store, d, number, err);
	if (!status)
		status = insert_check(store, forms, plan, d, id, number, seed, scenarios, count, err);
	free(scenarios);
	return status;
}

enum status check_plan(struct store *store, const struct forms *forms, const struct check_plan *plan,
		       char id[33], struct error *err)
{
	struct case_detail d;
	enum status status;

	if ((status = authority_check(store, AUTHORITY_CHECK_PLAN, NULL, err)))
		return status;
	if (!plan->inspector_count)
		return error_set(err, STATUS_ERR_INVALID, _("a check needs at least one inspector"));
	if ((status = store_case_detail(store, plan->case_key, &d, err)))
		return status;
	if (!(status = store_begin(store, err))) {
		status = plan_check(store, forms, plan, &d, id, err);
		status = store_finish(store, status, err);
	}
	case_detail_clear(&d);
	return status;
}

enum status check_resolve(struct store *store, const char *key, char id[33], struct error *err)
{
	return store_resolve(store, STORE_CHECK, key, id, err);
}

const char *store_check_number(struct store *store, const char *id, char out[48])
{
	static const char *const sql = "SELECT number FROM checks WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, NULL);

	snprintf(out, 48, "%s", id);
	if (!stmt)
		return out;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		snprintf(out, 48, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return out;
}

enum status check_list(struct store *store, const char *case_key, char (**ids)[33], size_t *count,
		       struct error *err)
{
	static const char *const sql = "SELECT id FROM checks WHERE case_id = ?1 ORDER BY created_at, rowid";
	char id[33];
	enum status status = store_resolve(store, STORE_CASE, case_key, id, err);

	*ids = NULL;
	*count = 0;
	return status ? status : store_ids(store, sql, id, ids, count, err);
}

