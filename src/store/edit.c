/* Editing a case: its fields by name, its declared scenarios, its
 * materials; each write checked and, for a value the user saw, refused when
 * another process changed it since. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/uscc.h"
#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

const char *const case_field_names[] = {
	"enterprise", "credit_code", "region", "industry", "contact", "factory", "address", "year", "maturity",
	"commitment_on", "note", NULL,
};

enum owner { OWNER_ENTERPRISE, OWNER_FACTORY, OWNER_CASE };

static const struct {
	const char *name, *column;
	enum owner owner;
} columns[] = {
	{ "enterprise", "name", OWNER_ENTERPRISE }, { "credit_code", "credit_code", OWNER_ENTERPRISE },
	{ "region", "region", OWNER_ENTERPRISE }, { "industry", "industry", OWNER_ENTERPRISE },
	{ "contact", "contact", OWNER_ENTERPRISE }, { "factory", "name", OWNER_FACTORY },
	{ "address", "address", OWNER_FACTORY }, { "year", "year", OWNER_CASE },
	{ "maturity", "maturity_centi", OWNER_CASE }, { "commitment_on", "commitment_on", OWNER_CASE },
	{ "note", "note", OWNER_CASE },
};

static const char *const table_of[] = { "enterprises", "factories", "cases" };

struct case_ids {
	char id[3][33]; /* by enum owner */
};

static enum status ids_of(struct store *store, const char *key, struct case_ids *ids, struct error *err)
{
	static const char *const sql =
		"SELECT f.enterprise_id, c.factory_id, c.id FROM cases c JOIN factories f ON f.id = c.factory_id"
		" WHERE c.id = ?1";
	enum status status = store_resolve(store, STORE_CASE, key, ids->id[2], err);
	sqlite3_stmt *stmt;
	bool row;
	int i;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, ids->id[2], -1, SQLITE_TRANSIENT);
	status = store_step(store, stmt, &row, err);
	for (i = 0; !status && row && i < 3; i++)
		snprintf(ids->id[i], 33, "%s", (const char *)sqlite3_column_text(stmt, i));
	sqlite3_reset(stmt);
	if (!status && !row)
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no case '%s'"), key);
	return status;
}

static enum status may_edit(struct store *store, struct error *err)
{
	return authority_check(store, AUTHORITY_CASE_EDIT, NULL, err);
}

/* The stored form of a value typed for a field; "" is none (NULL). */
static enum status stored_value(const struct forms *forms, const char *field, const char *value, char *out,
				size_t size, bool *null, struct error *err)
{
	struct error why;
	struct date d;
	int n;
	char extra;

	*null = !value || !*value;
	snprintf(out, size, "%s", value ? value : "");
	if (*null) {
		if (!strcmp(field, "enterprise") || !strcmp(field, "credit_code") || !strcmp(field, "region") ||
		    !strcmp(field, "factory") || !strcmp(field, "year"))
			return error_set(err, STATUS_ERR_INVALID, _("%s: a value is required"), field);
		return STATUS_OK;
	}
	if (!strcmp(field, "credit_code") && uscc_check(value, NULL, &why))
		return error_set(err, STATUS_ERR_INVALID, _("credit_code: %s"), why.message);
	if (!strcmp(field, "region") && !forms_region_find(forms, value))
		return error_set(err, STATUS_ERR_INVALID, _("region '%s': expected one of the 17"), value);
	if (!strcmp(field, "region")) /* 武汉市, 420100 or Wuhan is stored as its key */
		snprintf(out, size, "%s", forms_region_find(forms, value)->key);
	if (!strcmp(field, "year") && (sscanf(value, "%d%c", &n, &extra) != 1 || n < 2000 || n > 2100))
		return error_set(err, STATUS_ERR_INVALID, _("year '%s': expected 2000 to 2100"), value);
	if (!strcmp(field, "commitment_on") && date_parse_named(field, value, &d, &why))
		return error_set(err, STATUS_ERR_INVALID, "%s", why.message);
	if (!strcmp(field, "maturity")) {
		if (maturity_parse_score(value, &n, &why))
			return error_set(err, STATUS_ERR_INVALID, _("maturity: %s"), why.message);
		snprintf(out, size, "%d", n);
	}
	return STATUS_OK;
}

static enum status set_maturity_level(struct store *store, const struct forms *forms, const char *id,
				      const char *centi, struct error *err)
{
	char level[4];

	if (!centi)
		return store_update(store, "cases", id, "maturity_level", NULL, err);
	snprintf(level, sizeof(level), "%d", maturity_level(forms->bands, 5, atoi(centi)));
	return store_update(store, "cases", id, "maturity_level", level, err);
}

/* The stored and expected values are as long as the user's (a maturity
 * score only gets shorter), so nothing they typed is cut. */
static enum status set_field(struct store *store, const struct forms *forms, const char *key, size_t c,
			     const char *value, const char *expected, struct error *err)
{
	size_t stored_size = (value ? strlen(value) : 0) + 32, want_size = (expected ? strlen(expected) : 0) + 32;
	char *stored = malloc(stored_size), *want = malloc(want_size);
	struct case_ids ids;
	bool null, want_null = true;
	const char *table = table_of[columns[c].owner];
	enum status status;

	if (!stored || !want) {
		status = STATUS_ERR_NOMEM;
		goto cleanup;
	}
	status = ids_of(store, key, &ids, err);
	if (!status)
		status = stored_value(forms, columns[c].name, value, stored, stored_size, &null, err);
	if (status)
		goto cleanup;
	if (expected) {
		struct error ignored;

		if (stored_value(forms, columns[c].name, expected, want, want_size, &want_null, &ignored)) {
			snprintf(want, want_size, "%s", expected);
			want_null = !*expected;
		}
	}
	if (expected)
		status = store_update_expect(store, table, ids.id[columns[c].owner], columns[c].column,
					     want_null ? NULL : want, null ? NULL : stored, err);
	else
		status = store_update(store, table, ids.id[columns[c].owner], columns[c].column, null ? NULL : stored,
				      err);
	if (!status && !strcmp(columns[c].name, "maturity"))
		status = set_maturity_level(store, forms, ids.id[OWNER_CASE], null ? NULL : stored, err);
cleanup:
	free(stored);
	free(want);
	return status;
}

enum status case_set_field(struct store *store, const struct forms *forms, const char *key, const char *field,
			   const char *value, const char *expected, struct error *err)
{
	enum status status;
	size_t c;

	for (c = 0; c < sizeof(columns) / sizeof(columns[0]); c++)
		if (!strcmp(columns[c].name, field))
			break;
	if (c == sizeof(columns) / sizeof(columns[0]))
		return error_set(err, STATUS_ERR_INVALID,
				 _("field '%s': expected enterprise, credit_code, region, industry, contact, factory, "
				   "address, year, maturity, commitment_on or note"), field);
	if ((status = may_edit(store, err)) || (status = store_begin(store, err)))
		return status;
	status = set_field(store, forms, key, c, value, expected, err);
	return store_finish(store, status, err);
}

/* The declared set is what the user saw (expected, as cases.scenarios
 * keeps it), or a conflict naming the current one. */
static enum status check_scenarios(struct store *store, const char *id, const char *expected, struct error *err)
{
	static const char *const sql = "SELECT coalesce(scenarios, '') FROM cases WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char now[STORE_SCENARIOS_SIZE] = "";
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		snprintf(now, sizeof(now), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, rc, err, "cases");
	if (strcmp(now, expected))
		return error_set(err, STATUS_ERR_CONFLICT,
				 _("the declared scenarios were changed by someone else since you read them: "
				   "they are now %s; yours were not written"), *now ? now : _("none"));
	return STATUS_OK;
}

enum status case_set_scenarios(struct store *store, const char *key, const int *scenarios, size_t count,
			       const bool *expected, struct error *err)
{
	size_t known = store_scenario_count(store), i;
	char wanted[STORE_SCENARIOS_SIZE], saw[STORE_SCENARIOS_SIZE];
	struct case_ids ids;
	enum status status = STATUS_OK;

	for (i = 0; i < count && !status; i++)
		status = store_scenario_check(store, scenarios[i], err);
	if (status)
		return status;
	store_scenarios_text(scenarios, count, wanted, sizeof(wanted));
	if (expected) {
		size_t used = 0;

		saw[0] = '\0';
		for (i = 1; i <= known && used + 6 < sizeof(saw); i++)
			if (expected[i])
				used += (size_t)snprintf(saw + used, sizeof(saw) - used, "%s%zu", used ? "," : "", i);
	}
	if ((status = may_edit(store, err)) || (status = store_begin(store, err)))
		return status;
	status = ids_of(store, key, &ids, err);
	if (!status && expected)
		status = check_scenarios(store, ids.id[OWNER_CASE], saw, err);
	if (!status)
		status = store_update(store, "cases", ids.id[OWNER_CASE], "scenarios", *wanted ? wanted : NULL, err);
	return store_finish(store, status, err);
}

static enum status material_row(struct store *store, const char *id, const char *material, char row[33],
				bool *found, struct error *err)
{
	static const char *const sql = "SELECT id FROM case_materials WHERE case_id = ?1 AND material = ?2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, material, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		snprintf(row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, "case_materials");
}

static enum status check_material(struct store *store, const struct forms *forms, const char *id,
				  const char *material, const char *received_on, struct error *err)
{
	static const char *const sql = "SELECT level FROM cases WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	const struct level *level = NULL;
	enum status status;
	struct error why;
	struct date d;
	bool row;
	size_t i;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (row)
		level = forms_level(forms, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status)
		return status;
	if (received_on && date_parse_named(_("received on"), received_on, &d, &why))
		return error_set(err, STATUS_ERR_INVALID, "%s", why.message);
	for (i = 0; level && i < level->material_count; i++)
		if (!strcmp(level->materials[i].key, material))
			return STATUS_OK;
	if (!level)
		return error_set(err, STATUS_ERR_INVALID,
				 _("material '%s' is not in the level's list (gradus case show shows it)"), material);
	/* L10N: the material's key, then the level's name (e.g. Basic) */
	return error_set(err, STATUS_ERR_INVALID, _("material '%s' is not in the %s list (gradus case show shows it)"),
			 material, case_level_name(level));
}

enum status case_set_material(struct store *store, const struct forms *forms, const char *key,
			      const char *material, const char *received_on, struct error *err)
{
	struct case_ids ids;
	char row[33];
	enum status status;
	bool found;

	if ((status = may_edit(store, err)) || (status = store_begin(store, err)))
		return status;
	status = ids_of(store, key, &ids, err);
	if (!status)
		status = check_material(store, forms, ids.id[OWNER_CASE], material, received_on, err);
	if (!status)
		status = material_row(store, ids.id[OWNER_CASE], material, row, &found, err);
	if (!status && found) {
		status = store_update(store, "case_materials", row, "received_on", received_on, err);
	} else if (!status && !(status = store_new_ordered_id(row))) {
		struct field_value fields[] = {
			{ "case_id", ids.id[OWNER_CASE] }, { "material", material }, { "received_on", received_on },
		};
		status = store_insert(store, "case_materials", row, fields, 3, err);
	}
	return store_finish(store, status, err);
}
