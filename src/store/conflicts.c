/* Conflicts: fields a bundle and the office both changed, and changes the
 * office refused (with the reason), listed until a person keeps one value;
 * the choice is written through the write path, by the same rules. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/bundle.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"

enum status conflict_list(struct store *store, bool all, struct conflict_row **rows, size_t *count,
			  struct error *err)
{
	static const char *const sql =
		"SELECT k.id, k.tbl, k.row_id, k.field, k.base, k.office, k.bundle, k.status, k.resolved_value,"
		" CASE k.tbl WHEN 'cases' THEN (SELECT number FROM cases WHERE id = k.row_id)"
		"  WHEN 'checks' THEN (SELECT number FROM checks WHERE id = k.row_id) END, k.reason, k.bundle_hash"
		" FROM conflicts k WHERE ?1 OR k.status = 'open' ORDER BY k.created_at, k.id";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	size_t capacity = 0;
	enum status status = STATUS_OK;
	bool more;

	*rows = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int(stmt, 1, all);
	while (!status && !(status = store_step(store, stmt, &more, err)) && more) {
		struct conflict_row *row;

		if ((status = store_grow((void **)rows, &capacity, *count, sizeof(**rows))))
			break;
		row = &(*rows)[(*count)++];
		memset(row, 0, sizeof(*row));
		row->id = store_column_dup(stmt, 0, &status);
		row->table = store_column_dup(stmt, 1, &status);
		row->row_id = store_column_dup(stmt, 2, &status);
		row->field = store_column_dup(stmt, 3, &status);
		row->base = store_column_dup(stmt, 4, &status);
		row->office = store_column_dup(stmt, 5, &status);
		row->bundle = store_column_dup(stmt, 6, &status);
		row->status = store_column_dup(stmt, 7, &status);
		row->resolved_value = store_column_dup(stmt, 8, &status);
		row->label = store_column_dup(stmt, 9, &status);
		row->reason = store_column_dup(stmt, 10, &status);
		row->bundle_id = store_column_dup(stmt, 11, &status);
	}
	sqlite3_reset(stmt);
	if (status) {
		conflict_rows_free(*rows, *count);
		*rows = NULL;
		*count = 0;
	}
	return status;
}

void conflict_rows_free(struct conflict_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].id); free(rows[i].table); free(rows[i].row_id); free(rows[i].field); free(rows[i].base);
		free(rows[i].office); free(rows[i].bundle); free(rows[i].status); free(rows[i].resolved_value);
		free(rows[i].label); free(rows[i].reason); free(rows[i].bundle_id);
	}
	free(rows);
}

struct open_conflict {
	char id[33];
	char *table, *row_id, *field, *bundle, *reason;
};

static enum status find_open(struct store *store, const char *key, struct open_conflict *out, struct error *err)
{
	static const char *const sql =
		"SELECT id, tbl, row_id, field, bundle, status, reason FROM conflicts WHERE id = ?1";
	enum status status = store_resolve(store, STORE_CONFLICT, key, out->id, err);
	sqlite3_stmt *stmt;
	bool row;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, out->id, -1, SQLITE_TRANSIENT);
	status = store_step(store, stmt, &row, err);
	if (status || !row) {
		sqlite3_reset(stmt);
		return status ? status : error_set(err, STATUS_ERR_NOT_FOUND, _("no conflict '%s'"), key);
	}
	snprintf(out->id, sizeof(out->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
	out->table = store_column_dup(stmt, 1, &status);
	out->row_id = store_column_dup(stmt, 2, &status);
	out->field = store_column_dup(stmt, 3, &status);
	out->bundle = store_column_dup(stmt, 4, &status);
	out->reason = store_column_dup(stmt, 6, &status);
	if (!status && strcmp((const char *)sqlite3_column_text(stmt, 5), "open"))
		status = error_set(err, STATUS_ERR_INVALID, _("conflict %s is resolved already"), out->id);
	sqlite3_reset(stmt);
	return status;
}

/* The check a conflict's row hangs from, signed now: the bundle's value
 * cannot be taken (amendments are the one way to change a signed answer). */
static enum status signed_now(struct store *store, const struct open_conflict *conflict, struct error *err)
{
	static const char *const sql =
		"SELECT c.number FROM checks c WHERE c.id = (SELECT check_id FROM answers WHERE id = ?1 AND ?2 = 'answers'"
		" UNION ALL SELECT check_id FROM findings WHERE id = ?1 AND ?2 = 'findings'"
		" UNION ALL SELECT check_id FROM evidence WHERE id = ?1 AND ?2 = 'evidence'"
		" UNION ALL SELECT id FROM checks WHERE id = ?1 AND ?2 = 'checks' LIMIT 1)"
		" AND (c.status <> 'planned' OR EXISTS (SELECT 1 FROM signatures WHERE check_id = c.id))";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, conflict->row_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, conflict->table, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		/* L10N: resolving a conflict: the signed check's number */
		status = error_set(err, STATUS_ERR_DENIED,
				   _("check %s is signed: the bundle's value cannot be taken; a correction is an amendment "
				     "with a reason (gradus check amend)"),
				   (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return status;
}

/* The bundle's value written: a field takes it, a row the bundle deleted
 * goes; never for a change the office refused, nor into a signed check. */
static enum status take_bundle_value(struct store *store, const struct open_conflict *conflict, struct error *err)
{
	enum status status;

	if (conflict->reason)
		/* L10N: resolving a conflict: the conflict's id, then why the office refused the bundle's change */
		return error_set(err, STATUS_ERR_DENIED,
				 _("conflict %s is a change the office refused (%s): its value cannot be taken; keep "
				   "the office's"), conflict->id, conflict->reason);
	if ((status = signed_now(store, conflict, err)))
		return status;
	if (!strcmp(conflict->field, "-"))
		return store_delete(store, conflict->table, conflict->row_id, err);
	return store_update(store, conflict->table, conflict->row_id, conflict->field, conflict->bundle, err);
}

/* The office's value is the field as it is now (it may have moved on). */
static enum status office_value(struct store *store, const struct open_conflict *conflict, char **value,
				struct error *err)
{
	const struct schema_table *table = schema_table(conflict->table);
	enum status status;
	sqlite3_stmt *stmt;
	char sql[160];
	bool row;
	int rc;

	*value = NULL; /* also when the office deleted the row */
	if (!table || (strcmp(conflict->field, "-") && !schema_has_field(table, conflict->field)))
		return STATUS_OK;
	snprintf(sql, sizeof(sql), "SELECT CAST(%s AS TEXT) FROM %s WHERE id = ?1",
		 strcmp(conflict->field, "-") ? conflict->field : "id", table->name);
	rc = sqlite3_prepare_v2(store_db(store), sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading conflicts"));
	sqlite3_bind_text(stmt, 1, conflict->row_id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		*value = store_column_dup(stmt, 0, &status);
	sqlite3_finalize(stmt);
	return status;
}

enum status conflict_resolve(struct store *store, const char *key, bool take_bundle, struct error *err)
{
	struct open_conflict conflict = { "", NULL, NULL, NULL, NULL, NULL };
	char now[STORE_TIMESTAMP_SIZE];
	const char *value = NULL;
	char *office = NULL;
	enum status status;

	if ((status = authority_check(store, AUTHORITY_CONFLICT_RESOLVE, NULL, err)))
		return status;
	status = store_begin(store, err);
	if (status)
		return status;
	status = find_open(store, key, &conflict, err);
	if (!status && take_bundle) {
		status = take_bundle_value(store, &conflict, err);
		value = conflict.bundle;
	} else if (!status) {
		status = office_value(store, &conflict, &office, err);
		value = office;
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
	free(conflict.reason);
	free(office);
	return store_finish(store, status, err);
}
