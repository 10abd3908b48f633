/* Conflicts: fields a bundle and the office both changed, listed until a
 * person keeps one value; the choice is written through the write path. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/bundle.h"
#include "gradus/i18n.h"
#include "gradus/labels.h"
#include "schema.h"
#include "store_private.h"

enum status conflict_list(struct store *store, bool all, struct conflict_row **rows, size_t *count,
			  struct error *err)
{
	static const char *const sql =
		"SELECT k.id, k.tbl, k.row_id, k.field, k.base, k.office, k.bundle, k.status, k.resolved_value,"
		" CASE k.tbl WHEN 'cases' THEN (SELECT number FROM cases WHERE id = k.row_id)"
		"  WHEN 'checks' THEN (SELECT number FROM checks WHERE id = k.row_id) END"
		" FROM conflicts k WHERE ?1 OR k.status = 'open' ORDER BY k.created_at, k.id";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	size_t capacity = 0;
	int rc;

	*rows = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int(stmt, 1, all);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct conflict_row *row;

		if (store_grow((void **)rows, &capacity, *count, sizeof(**rows))) {
			sqlite3_reset(stmt);
			return STATUS_ERR_NOMEM;
		}
		row = &(*rows)[(*count)++];
		row->id = store_column_dup(stmt, 0);
		row->table = store_column_dup(stmt, 1);
		row->row_id = store_column_dup(stmt, 2);
		row->field = store_column_dup(stmt, 3);
		row->base = store_column_dup(stmt, 4);
		row->office = store_column_dup(stmt, 5);
		row->bundle = store_column_dup(stmt, 6);
		row->status = store_column_dup(stmt, 7);
		row->resolved_value = store_column_dup(stmt, 8);
		row->label = store_column_dup(stmt, 9);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("reading conflicts"));
}

void conflict_rows_free(struct conflict_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].id); free(rows[i].table); free(rows[i].row_id); free(rows[i].field); free(rows[i].base);
		free(rows[i].office); free(rows[i].bundle); free(rows[i].status); free(rows[i].resolved_value);
		free(rows[i].label);
	}
	free(rows);
}

struct open_conflict {
	char id[33];
	char *table, *row_id, *field, *bundle;
};

static enum status find_open(struct store *store, const char *key, struct open_conflict *out, struct error *err)
{
	static const char *const sql =
		"SELECT id, tbl, row_id, field, bundle, status FROM conflicts"
		" WHERE id >= lower(?1) AND substr(id, 1, length(?1)) = lower(?1) LIMIT 2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW || !*key) {
		sqlite3_reset(stmt);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? error_set(err, STATUS_ERR_NOT_FOUND, _("no conflict '%s'"),
									 key)
							     : store_fail(store, rc, err, _("reading conflicts"));
	}
	snprintf(out->id, sizeof(out->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
	out->table = store_column_dup(stmt, 1);
	out->row_id = store_column_dup(stmt, 2);
	out->field = store_column_dup(stmt, 3);
	out->bundle = store_column_dup(stmt, 4);
	if (strcmp((const char *)sqlite3_column_text(stmt, 5), "open"))
		status = error_set(err, STATUS_ERR_INVALID, _("conflict %s is resolved already"), out->id);
	else if (sqlite3_step(stmt) == SQLITE_ROW)
		status = error_set(err, STATUS_ERR_INVALID, _("conflict '%s': more than one conflict begins so"), key);
	sqlite3_reset(stmt);
	return status;
}

/* The bundle's value written: a field takes it, a row the bundle deleted goes. */
static enum status take_bundle_value(struct store *store, const struct open_conflict *conflict, struct error *err)
{
	if (!strcmp(conflict->field, "-"))
		return store_delete(store, conflict->table, conflict->row_id, err);
	return store_update(store, conflict->table, conflict->row_id, conflict->field, conflict->bundle, err);
}

/* The office's value is the field as it is now (it may have moved on). */
static char *office_value(struct store *store, const struct open_conflict *conflict)
{
	const struct schema_table *table = schema_table(conflict->table);
	char sql[160], *value = NULL;
	sqlite3_stmt *stmt;

	if (!table || (strcmp(conflict->field, "-") && !schema_has_field(table, conflict->field)))
		return NULL;
	snprintf(sql, sizeof(sql), "SELECT CAST(%s AS TEXT) FROM %s WHERE id = ?1",
		 strcmp(conflict->field, "-") ? conflict->field : "id", table->name);
	if (sqlite3_prepare_v2(store_db(store), sql, -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(stmt, 1, conflict->row_id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

enum status conflict_resolve(struct store *store, const char *key, bool take_bundle, struct error *err)
{
	struct open_conflict conflict = { "", NULL, NULL, NULL, NULL };
	char now[STORE_TIMESTAMP_SIZE];
	const char *value = NULL;
	char *office = NULL;
	enum status status;

	if (strcmp(store_role(store), "admin") && strcmp(store_role(store), "clerk"))
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s may not resolve conflicts: that is for a clerk or an admin (%s)"),
				 store_actor(store), *store_role(store) ? label_role(store_role(store)) : _("no role in this database"));
	status = store_begin(store, err);
	if (status)
		return status;
	status = find_open(store, key, &conflict, err);
	if (!status && take_bundle) {
		status = take_bundle_value(store, &conflict, err);
		value = conflict.bundle;
	} else if (!status) {
		value = office = office_value(store, &conflict);
	}
	store_timestamp(now);
	if (!status)
		status = store_update(store, "conflicts", conflict.id, "resolved_value", value, err);
	if (!status)
		status = store_update(store, "conflicts", conflict.id, "resolved_by", store_actor(store), err);
	if (!status)
		status = store_update(store, "conflicts", conflict.id, "resolved_at", now, err);
	if (!status)
		status = store_update(store, "conflicts", conflict.id, "status", "resolved", err);
	free(conflict.table);
	free(conflict.row_id);
	free(conflict.field);
	free(conflict.bundle);
	free(office);
	return store_finish(store, status, err);
}
