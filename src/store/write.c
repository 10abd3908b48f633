/* The one write path: inserts, updates and deletes, each with its record
 * in the audit chain (audit.c). */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/core/dates.h"
#include "gradus/store/bundle.h"
#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "gradus/text/valid.h"
#include "audit_private.h"
#include "schema.h"
#include "store_private.h"

/* A field named *_on (and an event's on_date) holds a day of the calendar,
 * or nothing: whatever path writes it, 0000-00-00 or 2026-02-30 never
 * reaches the database, nor a day before the programme or more than ten
 * years after today by the system clock (a certification in 9999 would
 * never lapse). expires_on is derived from certified_on by the rules. */
static enum status check_date_field(const char *table, const struct field_value *field, struct error *err)
{
	size_t len = strlen(field->name);
	char name[128];
	struct date day;
	enum status status;

	if (!field->value || !*field->value || (strcmp(field->name, "on_date") &&
						 (len < 3 || strcmp(field->name + len - 3, "_on"))))
		return STATUS_OK;
	snprintf(name, sizeof(name), "%s.%s", table, field->name);
	status = date_parse_named(name, field->value, &day, err);
	if (!status && strcmp(field->name, "expires_on"))
		status = date_check_range(name, day, clock_today(), err);
	return status;
}

/* Text is valid UTF-8 without control characters; line breaks only in
 * the fields of several lines (schema.c). */
static enum status check_text_field(const char *table, const struct field_value *field, struct error *err)
{
	char name[96];

	snprintf(name, sizeof(name), "%s.%s", table, field->name);
	return text_check(name, field->value, schema_is_multiline(table, field->name), err);
}

/* A case's scenarios (migration 26): NULL, or their numbers in ascending
 * order, each once, between commas ("1,5,12"): the one form the triggers
 * keeping scenario_cases read, whatever path writes it (a bundle too). */
static enum status check_scenarios_field(const char *table, const struct field_value *field, struct error *err)
{
	const char *p = field->value;
	long last = 0;
	bool valid = true;

	if (strcmp(table, "cases") || strcmp(field->name, "scenarios") || !p)
		return STATUS_OK;
	for (;;) {
		long n = 0;
		int digits = 0;

		if (*p == '0')
			valid = false; /* no leading zero, no scenario 0 */
		for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
			n = 10 * n + (*p - '0');
		if (!valid || !digits || n <= last || (*p && *p != ',')) {
			valid = false;
			break;
		}
		last = n;
		if (!*p)
			break;
		p++; /* the comma: a number must follow */
	}
	if (valid)
		return STATUS_OK;
	/* L10N: a table's field, the value refused */
	return error_set(err, STATUS_ERR_INVALID,
			 _("%s.%s: \"%s\" is not a list of scenario numbers in ascending order, each once, "
			   "between commas (e.g. 1,5,12)"),
			 table, field->name, field->value);
}

/* case_scenarios takes no writes since migration 26 (schema.c): its rows
 * are the field cases.scenarios; the records of its old rows stay. */
static enum status check_written(const char *table, struct error *err)
{
	if (!strcmp(table, "case_scenarios"))
		return error_set(err, STATUS_ERR_INVALID,
				 _("case_scenarios is no longer written: a case's scenarios are its field scenarios"));
	return STATUS_OK;
}

static enum status check_fields(const char *table, const struct schema_table **out,
				const struct field_value *fields, size_t count, struct error *err)
{
	enum status status;
	size_t i;

	*out = schema_table(table);
	if (!*out)
		return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), table);
	if ((status = check_written(table, err)))
		return status;
	for (i = 0; i < count; i++) {
		if (!schema_has_field(*out, fields[i].name))
			return error_set(err, STATUS_ERR_INVALID, _("unknown field '%s.%s'"), table, fields[i].name);
		if ((status = check_date_field(table, &fields[i], err)) ||
		    (status = check_text_field(table, &fields[i], err)) ||
		    (status = check_scenarios_field(table, &fields[i], err)))
			return status;
	}
	return STATUS_OK;
}

/* Builds "INSERT INTO t (id, a, b) VALUES (?1, ?2, ?3)"; names are checked schema names. */
static char *insert_sql(const char *table, const struct field_value *fields, size_t count)
{
	size_t size = 64 + strlen(table), i, used;
	char *sql;

	for (i = 0; i < count; i++)
		size += strlen(fields[i].name) + 12;
	sql = malloc(size);
	if (!sql)
		return NULL;
	used = (size_t)snprintf(sql, size, "INSERT INTO %s (id", table);
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(sql + used, size - used, ", %s", fields[i].name);
	used += (size_t)snprintf(sql + used, size - used, ") VALUES (?1");
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(sql + used, size - used, ", ?%zu", i + 2);
	snprintf(sql + used, size - used, ")");
	return sql;
}

static enum status run_insert(struct store *store, const char *table, const char *id,
			      const struct field_value *fields, size_t count, struct error *err)
{
	char *sql = insert_sql(table, fields, count);
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	size_t i;
	int rc;

	if (!sql)
		return STATUS_ERR_NOMEM;
	/* prepared once per table and set of fields: an import inserts
	 * thousands of rows of the same shape */
	if (!(stmt = store_prepare_built(store, sql, err))) {
		status = STATUS_ERR_DB;
		goto cleanup;
	}
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	for (i = 0; i < count; i++)
		sqlite3_bind_text(stmt, (int)i + 2, fields[i].value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE)
		status = store_fail(store, rc, err, table);
	sqlite3_reset(stmt);
	if (!status) {
		struct audit_field *audited = calloc(count ? count : 1, sizeof(*audited));

		for (i = 0; audited && i < count; i++)
			audited[i] = (struct audit_field){ fields[i].name, NULL, fields[i].value };
		status = audited ? audit_append(store, AUDIT_INSERT, table, id, audited, count, NULL, err)
				 : error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		free(audited);
	}
	if (!status)
		status = store_search_touch(store, table, id, NULL, err);
cleanup:
	free(sql);
	return status;
}

/* Begins a write, or says plainly that the database is read-only. */
static enum status begin_write(struct store *store, struct error *err)
{
	if (store->read_only)
		return error_set(err, STATUS_ERR_READONLY, _("%s: the database is read-only; nothing was written"),
				 store->path);
	return store_begin(store, err);
}

enum status store_insert(struct store *store, const char *table, const char *id,
			 const struct field_value *fields, size_t count, struct error *err)
{
	const struct schema_table *schema;
	enum status status;

	status = check_fields(table, &schema, fields, count, err);
	if (status)
		return status;
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_INSERT, fields, count, err);
	if (!status)
		status = run_insert(store, table, id, fields, count, err);
	return store_finish(store, status, err);
}

/* Who last wrote a field, for a conflict message. */
static void last_writer(struct store *store, const char *table, const char *id, const char *field,
			char *out, size_t size)
{
	/* the newest update of the field, or else the insert */
	static const char *const sql =
		"SELECT actor, at FROM (SELECT seq, actor, at FROM audit_fields"
		"  WHERE rid = rid_of(?2) AND tbl = ?1 AND field = ?3 AND op = 1"
		" UNION ALL SELECT seq, actor, at FROM audit WHERE rid = rid_of(?2) AND tbl = ?1 AND op = 0)"
		" ORDER BY seq DESC LIMIT 1";
	struct error ignored;
	sqlite3_stmt *stmt = store_prepare(store, sql, &ignored);
	char at[32];

	snprintf(out, size, "?");
	if (!stmt)
		return;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, field, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		audit_at_text(stmt, 1, at);
		snprintf(out, size, "%s at %s", (const char *)sqlite3_column_text(stmt, 0), at);
	}
	sqlite3_reset(stmt);
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static enum status stale(struct store *store, const char *table, const char *id, const char *field,
			 const char *current, const char *value, struct error *err)
{
	char who[128];

	last_writer(store, table, id, field, who, sizeof(who));
	return error_set(err, STATUS_ERR_CONFLICT,
			 _("%s was changed by %s since you read it: it is now \"%s\"; your value \"%s\" was not written"),
			 field, who, current ? current : "", value ? value : "");
}

static enum status run_update(struct store *store, const char *table, const char *id, const char *field,
			      bool check, const char *expected, const char *value, struct error *err)
{
	char sql[160];
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	char *old = NULL;
	int rc;

	/* both statements prepared once per table and field (store_prepare_built) */
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = ?1", field, table);
	if (!(stmt = store_prepare_built(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		status = rc == SQLITE_DONE ? error_set(err, STATUS_ERR_NOT_FOUND, _("no %s with id %s"), table, id)
					   : store_fail(store, rc, err, table);
		goto cleanup;
	}
	if (sqlite3_column_type(stmt, 0) != SQLITE_NULL && !(old = strdup((const char *)sqlite3_column_text(stmt, 0)))) {
		status = STATUS_ERR_NOMEM;
		goto cleanup;
	}
	sqlite3_reset(stmt);
	if (check && !same_text(old, expected) && !same_text(old, value)) {
		status = stale(store, table, id, field, old, value, err);
		goto cleanup;
	}
	if (same_text(old, value))
		goto cleanup; /* nothing changes, nothing to audit */
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1 WHERE id = ?2", table, field);
	if (!(stmt = store_prepare_built(store, sql, err))) {
		status = STATUS_ERR_DB;
		goto cleanup;
	}
	sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, table);
		goto cleanup;
	}
	sqlite3_reset(stmt);
	stmt = NULL;
	{
		const struct audit_field changed = { field, old, value };

		status = audit_append(store, AUDIT_UPDATE, table, id, &changed, 1, NULL, err);
	}
	if (!status)
		status = store_search_touch(store, table, id, field, err);
cleanup:
	if (stmt)
		sqlite3_reset(stmt);
	free(old);
	return status;
}

static enum status update(struct store *store, const char *table, const char *id, const char *field,
			  bool check, const char *expected, const char *value, struct error *err)
{
	const struct field_value probe = { field, value };
	const struct schema_table *schema;
	enum status status;

	status = check_fields(table, &schema, &probe, 1, err);
	if (status)
		return status;
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_UPDATE, &probe, 1, err);
	if (!status)
		status = run_update(store, table, id, field, check, expected, value, err);
	return store_finish(store, status, err);
}

enum status store_update(struct store *store, const char *table, const char *id,
			 const char *field, const char *value, struct error *err)
{
	return update(store, table, id, field, false, NULL, value, err);
}

enum status store_update_expect(struct store *store, const char *table, const char *id, const char *field,
				const char *expected, const char *value, struct error *err)
{
	return update(store, table, id, field, true, expected, value, err);
}

/* The row's last values, for its delete record: the fields not NULL. */
static enum status last_values(struct store *store, const struct schema_table *table, const char *id,
			       struct audit_field *fields, size_t *count, struct error *err)
{
	char *sql = sqlite3_mprintf("SELECT 1"), *more;
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	size_t i;
	int rc;

	*count = 0;
	for (i = 0; sql && table->fields[i]; i++) {
		more = sqlite3_mprintf("%s, CAST(\"%w\" AS TEXT)", sql, table->fields[i]);
		sqlite3_free(sql);
		sql = more;
	}
	more = sql ? sqlite3_mprintf("%s FROM \"%w\" WHERE id = ?1", sql, table->name) : NULL;
	sqlite3_free(sql);
	if (!more)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	rc = sqlite3_prepare_v2(store->db, more, -1, &stmt, NULL);
	sqlite3_free(more);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, table->name);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE)
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no %s with id %s"), table->name, id);
	else if (rc != SQLITE_ROW)
		status = store_fail(store, rc, err, table->name);
	for (i = 0; !status && table->fields[i]; i++) {
		char *value;

		if (sqlite3_column_type(stmt, (int)i + 1) == SQLITE_NULL)
			continue;
		if (!(value = strdup((const char *)sqlite3_column_text(stmt, (int)i + 1)))) {
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
			break;
		}
		fields[(*count)++] = (struct audit_field){ table->fields[i], value, NULL };
	}
	sqlite3_finalize(stmt);
	return status;
}

static enum status run_delete(struct store *store, const struct schema_table *table, const char *id,
			      struct error *err)
{
	static const char *const owners[] = { "case_id", "check_id", "panel_id" };
	struct audit_field fields[64];
	const char *owner = NULL;
	char sql[160];
	sqlite3_stmt *stmt = NULL;
	enum status status;
	size_t count = 0, i, k;
	int rc;

	for (i = 0; table->fields[i]; i++)
		if (i >= sizeof(fields) / sizeof(fields[0]))
			return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), table->name);
	status = last_values(store, table, id, fields, &count, err);
	for (k = 0; k < 3 && !owner; k++)
		for (i = 0; i < count && !owner; i++)
			if (!strcmp(fields[i].name, owners[k]))
				owner = fields[i].old;
	if (!status)
		status = store_search_forget(store, table->name, id, err);
	if (!status) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?1", table->name);
		rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
			rc = sqlite3_step(stmt);
		}
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			status = store_fail(store, rc, err, table->name);
	}
	if (!status)
		status = audit_append(store, AUDIT_DELETE, table->name, id, fields, count, owner, err);
	for (i = 0; i < count; i++)
		free((char *)fields[i].old);
	return status;
}

enum status store_delete(struct store *store, const char *table, const char *id, struct error *err)
{
	const struct schema_table *schema = schema_table(table);
	enum status status;

	if (!schema)
		return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), table);
	if ((status = check_written(table, err)))
		return status;
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_DELETE, NULL, 0, err);
	if (!status)
		status = run_delete(store, schema, id, err);
	return store_finish(store, status, err);
}

enum status store_audit_record(struct store *store, const char *table, const char *id, const char *field,
			       const char *old, const char *new, struct error *err)
{
	const struct audit_field changed = { field, old, new };

	return audit_append(store, AUDIT_UPDATE, table, id, &changed, 1, NULL, err);
}

/* Migration 26 (schema.c): each case's rows of case_scenarios become its
 * field scenarios, inside migrate()'s transaction: every row deleted and
 * the case updated through the audit, as the user who opens the database
 * first (History and log show the move; verify rewinds through it). No
 * authority: the rows are moved, not changed. A case at a time, found by
 * the first row left (the rows of a case that is gone are deleted too). */
enum status store_scenarios_convert(struct store *store, struct error *err)
{
	static const char *const next_sql = "SELECT case_id FROM case_scenarios LIMIT 1";
	static const char *const rows_sql = "SELECT id, scenario FROM case_scenarios WHERE case_id = ?1 ORDER BY scenario";
	static const char *const left_sql = "SELECT count(*) FROM case_scenarios WHERE case_id = ?1";
	const struct schema_table *schema = schema_table("case_scenarios");
	enum status status;
	char **ids = NULL;
	size_t capacity = 0, k;
	long long before, after;

	if ((status = audit_last_seq(store, &before, err)))
		return status;

	while (!status) {
		sqlite3_stmt *stmt = store_prepare(store, next_sql, err);
		char *case_id = NULL, list[1024];
		size_t n = 0, used = 0, i;
		bool row;

		if (!stmt) {
			status = STATUS_ERR_DB;
			break;
		}
		status = store_step(store, stmt, &row, err);
		if (!status && row && !(case_id = strdup((const char *)sqlite3_column_text(stmt, 0))))
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		sqlite3_reset(stmt);
		if (status || !row)
			break;
		if (!(stmt = store_prepare(store, rows_sql, err))) {
			free(case_id);
			status = STATUS_ERR_DB;
			break;
		}
		sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
		list[0] = '\0';
		while (!(status = store_step(store, stmt, &row, err)) && row) {
			if ((status = store_grow((void **)&ids, &capacity, n, sizeof(*ids))))
				break;
			if (sqlite3_column_type(stmt, 0) == SQLITE_NULL)
				continue; /* refused below */
			if (!(ids[n] = strdup((const char *)sqlite3_column_text(stmt, 0)))) {
				status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
				break;
			}
			n++;
			if (used + 16 < sizeof(list))
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%d", used ? "," : "",
							 sqlite3_column_int(stmt, 1));
		}
		sqlite3_reset(stmt);
		for (i = 0; !status && i < n; i++)
			status = run_delete(store, schema, ids[i], err);
		for (k = 0; k < n; k++)
			free(ids[k]);
		/* a row no id reaches (NULL: a TEXT key takes one) would be found again and again */
		if (!status && (stmt = store_prepare(store, left_sql, err))) {
			sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
			if (!(status = store_step(store, stmt, &row, err)) && row && sqlite3_column_int(stmt, 0))
				status = error_set(err, STATUS_ERR_CORRUPT,
						   _("case_scenarios: a row of case %s has no id; the scenarios were not moved"),
						   case_id);
			sqlite3_reset(stmt);
		} else if (!status) {
			status = STATUS_ERR_DB;
		}
		if (!status && n) {
			status = run_update(store, "cases", case_id, "scenarios", false, NULL, list, err);
			if (status == STATUS_ERR_NOT_FOUND) { /* the rows of a case that is gone */
				if (err)
					err->message[0] = '\0';
				status = STATUS_OK;
			}
		}
		free(case_id);
	}
	free(ids);
	/* the records of the move, which the import passes over (import_match.c) */
	if (!status && !(status = audit_last_seq(store, &after, err)) && after > before) {
		char sql[160];

		snprintf(sql, sizeof(sql),
			 "INSERT OR REPLACE INTO meta VALUES ('scenarios_moved_from', '%lld'), ('scenarios_moved_to', '%lld')",
			 before + 1, after);
		if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			status = store_fail(store, sqlite3_errcode(store->db), err, "meta");
	}
	return status;
}
