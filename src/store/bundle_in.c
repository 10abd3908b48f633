/* Applying a visit bundle at the office.
 *
 * First the bundle is checked whole, read-only, before anything is written:
 * SQLite's integrity check, the manifest against its SHA-256, its source
 * against this database's id, each recorded change against its SHA-256, and
 * the content it was written with (the changes undone on a copy in memory)
 * against the manifest. Then, in one transaction, each change not applied
 * before is replayed through the write path, field by field: a field the
 * office still holds as the bundle found it takes the bundle's value; one
 * changed on both sides becomes a conflict, the office's value left as it
 * is until a person picks. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_private.h"
#include "gradus/bundle.h"
#include "gradus/i18n.h"
#include "gradus/labels.h"
#include "schema.h"
#include "store_private.h"

#define MAX_COLUMNS 64

struct change {
	long long seq;
	char sha[65];
	void *data;
	int size;
	bool done; /* applied before */
};

struct bundle_file {
	const char *path;
	sqlite3 *db;
	char manifest[65], source[65], content[65];
	struct change *changes;
	size_t count;
};

/* Rows the bundle made that the office already holds under another id
 * (the same file by its SHA-256, the same item's answer): the bundle's id,
 * then the office's. Later changes to the bundle's row go to the office's. */
struct id_map {
	char (*pairs)[2][33];
	size_t count;
};

/* One change being replayed: its table's columns, and the office's row. */
struct replay {
	struct id_map *map;
	struct store *store;
	const struct bundle_file *file;
	struct bundle_result *result;
	const char *table;
	const struct schema_table *schema;
	char *columns[MAX_COLUMNS];
	int column_count;
	sqlite3_stmt *office; /* the office's row, when found */
};

static enum status damaged(const struct bundle_file *file, const char *what, struct error *err)
{
	return error_set(err, STATUS_ERR_CORRUPT, _("%s: the bundle is damaged (%s); nothing was applied"), file->path,
			 what);
}

/* ---- checking the bundle ---- */

static enum status check_integrity(struct bundle_file *file, struct error *err)
{
	sqlite3_stmt *stmt;
	enum status status = STATUS_OK;
	int rc;

	if (sqlite3_open_v2(file->path, &file->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return error_set(err, STATUS_ERR_IO, _("%s: %s; nothing was applied"), file->path,
				 file->db ? sqlite3_errmsg(file->db) : _("cannot be opened"));
	rc = sqlite3_prepare_v2(file->db, "PRAGMA integrity_check", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return damaged(file, sqlite3_errmsg(file->db), err);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		status = damaged(file, sqlite3_errmsg(file->db), err);
	else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok"))
		status = damaged(file, (const char *)sqlite3_column_text(stmt, 0), err);
	sqlite3_finalize(stmt);
	return status;
}

static enum status manifest_value(struct bundle_file *file, const char *key, char *out, size_t size,
				  struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(file->db, "SELECT value FROM bundle_manifest WHERE key = ?1", -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return error_set(err, STATUS_ERR_INVALID, _("%s: not a gradus bundle (no manifest); nothing was applied"),
				 file->path);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : damaged(file, _("the manifest lacks a value"), err);
}

static enum status check_manifest(struct store *store, struct bundle_file *file, struct error *err)
{
	char computed[65], office[65], schema[16];
	enum status status = manifest_value(file, "manifest_sha256", file->manifest, sizeof(file->manifest), err);

	if (!status)
		status = bundle_manifest_hash(file->db, computed, err);
	if (!status && strcmp(computed, file->manifest))
		return damaged(file, _("the manifest does not match its SHA-256"), err);
	if (!status)
		status = manifest_value(file, "source", file->source, sizeof(file->source), err);
	if (!status)
		status = manifest_value(file, "content_sha256", file->content, sizeof(file->content), err);
	if (!status)
		status = manifest_value(file, "schema", schema, sizeof(schema), err);
	if (!status)
		status = bundle_database_id(store, office, err);
	if (status)
		return status;
	if (strcmp(file->source, office))
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: bundle from another database: its source is %s, this database is %s; "
				   "nothing was applied"), file->path, file->source, office);
	if (atoi(schema) != store_schema_version(store))
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: the bundle has schema %s, this database %d: open it with this gradus first; "
				   "nothing was applied"), file->path, schema, store_schema_version(store));
	return STATUS_OK;
}

static enum status read_changes(struct bundle_file *file, struct error *err)
{
	sqlite3_stmt *stmt;
	size_t capacity = 0;
	char sha[65];
	int rc;

	if (sqlite3_prepare_v2(file->db, "SELECT seq, sha256, data FROM bundle_changes ORDER BY seq", -1, &stmt, NULL))
		return damaged(file, _("no recorded changes table"), err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct change *change;
		int size = sqlite3_column_bytes(stmt, 2);

		if (store_grow((void **)&file->changes, &capacity, file->count, sizeof(*file->changes))) {
			sqlite3_finalize(stmt);
			return STATUS_ERR_NOMEM;
		}
		change = &file->changes[file->count];
		memset(change, 0, sizeof(*change));
		change->seq = sqlite3_column_int64(stmt, 0);
		snprintf(change->sha, sizeof(change->sha), "%s", (const char *)sqlite3_column_text(stmt, 1));
		if (!(change->data = malloc(size ? (size_t)size : 1))) {
			sqlite3_finalize(stmt);
			return STATUS_ERR_NOMEM;
		}
		memcpy(change->data, sqlite3_column_blob(stmt, 2), (size_t)size);
		change->size = size;
		file->count++;
		store_sha256_hex(change->data, (size_t)size, sha);
		if (strcmp(sha, change->sha)) {
			sqlite3_finalize(stmt);
			return error_set(err, STATUS_ERR_CORRUPT,
					 _("%s: the bundle is damaged (recorded change %lld does not match its SHA-256); "
					   "nothing was applied"), file->path, change->seq);
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : damaged(file, sqlite3_errstr(rc), err);
}

static int abort_on_conflict(void *unused, int conflict, sqlite3_changeset_iter *iter)
{
	(void)unused;
	(void)conflict;
	(void)iter;
	return SQLITE_CHANGESET_ABORT;
}

/* The bundle as it was written: its changes undone, newest first, on a copy
 * in memory; its content hash must be the manifest's. */
static enum status check_content(struct bundle_file *file, struct error *err)
{
	sqlite3 *memory = NULL;
	sqlite3_backup *backup;
	enum status status = STATUS_OK;
	char content[65];
	size_t i;
	int rc;

	if (sqlite3_open(":memory:", &memory) != SQLITE_OK) {
		sqlite3_close(memory);
		return STATUS_ERR_NOMEM;
	}
	backup = sqlite3_backup_init(memory, "main", file->db, "main");
	rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_NOMEM;
	sqlite3_backup_finish(backup);
	if (rc != SQLITE_DONE)
		status = damaged(file, sqlite3_errstr(rc), err);
	for (i = file->count; !status && i-- > 0;) {
		void *inverse = NULL;
		int size = 0;

		rc = sqlite3changeset_invert(file->changes[i].size, file->changes[i].data, &size, &inverse);
		if (rc == SQLITE_OK)
			rc = sqlite3changeset_apply(memory, size, inverse, NULL, abort_on_conflict, NULL);
		sqlite3_free(inverse);
		if (rc != SQLITE_OK)
			status = damaged(file, _("its recorded changes do not lead from its content"), err);
	}
	if (!status)
		status = bundle_content_hash(memory, content, err);
	if (!status && strcmp(content, file->content))
		status = damaged(file, _("its content does not match the manifest's SHA-256"), err);
	sqlite3_close(memory);
	return status;
}

/* Changes applied before (same bundle, same sequence number) are skipped;
 * one applied with other bytes is refused. */
static enum status mark_applied(struct store *store, struct bundle_file *file, bool *any, struct error *err)
{
	static const char *const sql = "SELECT sha256 FROM bundles_applied WHERE bundle_hash = ?1 AND seq = ?2";
	enum status status = STATUS_OK;
	size_t i;

	*any = false;
	for (i = 0; !status && i < file->count; i++) {
		sqlite3_stmt *stmt = store_prepare(store, sql, err);
		bool row;

		if (!stmt)
			return STATUS_ERR_DB;
		sqlite3_bind_text(stmt, 1, file->manifest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, file->changes[i].seq);
		status = store_step(store, stmt, &row, err);
		if (status) {
			sqlite3_reset(stmt);
			break;
		}
		if (row) {
			file->changes[i].done = true;
			if (strcmp((const char *)sqlite3_column_text(stmt, 0), file->changes[i].sha))
				status = error_set(err, STATUS_ERR_CORRUPT,
						   _("%s: recorded change %lld was applied before with other content; "
						     "nothing was applied"), file->path, file->changes[i].seq);
		} else {
			*any = true;
		}
		sqlite3_reset(stmt);
	}
	return status;
}

/* ---- replaying the changes ---- */

/* A value as text (NULL for SQL NULL); blobs compared by their bytes. */
static const char *text_of(sqlite3_value *value)
{
	return value && sqlite3_value_type(value) != SQLITE_NULL ? (const char *)sqlite3_value_text(value) : NULL;
}

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
	int ta = a ? sqlite3_value_type(a) : SQLITE_NULL, tb = b ? sqlite3_value_type(b) : SQLITE_NULL;

	if (ta == SQLITE_NULL || tb == SQLITE_NULL)
		return ta == tb;
	if (ta == SQLITE_BLOB || tb == SQLITE_BLOB)
		return ta == tb && sqlite3_value_bytes(a) == sqlite3_value_bytes(b) &&
		       !memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)sqlite3_value_bytes(a));
	return !strcmp((const char *)sqlite3_value_text(a), (const char *)sqlite3_value_text(b));
}

static sqlite3_value *office_value(struct replay *r, int column)
{
	return r->office ? sqlite3_column_value(r->office, column) : NULL;
}

/* Columns outside the audit that a bundle carries: a file's bytes (checked
 * by their SHA-256). Derived ones (cases.region) the write path keeps. */
static bool carried_raw(const char *table, const char *column)
{
	return !strcmp(table, "attachments") && !strcmp(column, "data");
}

static void replay_clear(struct replay *r)
{
	int i;

	for (i = 0; i < r->column_count; i++)
		free(r->columns[i]);
	r->column_count = 0;
	sqlite3_finalize(r->office);
	r->office = NULL;
}

/* The table's columns (as the office has them) and the office's row. */
static enum status office_row(struct replay *r, const char *id, struct error *err);

static enum status replay_load(struct replay *r, const char *table, int count, const char *id, struct error *err)
{
	sqlite3 *db = store_db(r->store);
	char sql[128];
	sqlite3_stmt *stmt;
	enum status status = STATUS_OK;
	bool row;

	r->table = table;
	if (!(r->schema = schema_table(table)) || count > MAX_COLUMNS)
		return damaged(r->file, _("a change to an unknown table"), err);
	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s') ORDER BY cid", r->schema->name);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_fail(r->store, sqlite3_errcode(db), err, table);
	while (!status && r->column_count < MAX_COLUMNS && !(status = store_step(r->store, stmt, &row, err)) && row)
		r->columns[r->column_count++] = store_column_dup(stmt, 0, &status);
	sqlite3_finalize(stmt);
	if (status)
		return status;
	if (r->column_count != count || strcmp(r->columns[0], "id"))
		return damaged(r->file, _("a change does not fit this database's tables"), err);
	return office_row(r, id, err);
}

/* The office's row of that id in r->office (NULL when there is none). */
static enum status office_row(struct replay *r, const char *id, struct error *err)
{
	sqlite3 *db = store_db(r->store);
	char sql[128];
	int rc;

	sqlite3_finalize(r->office);
	r->office = NULL;
	snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE id = ?1", r->schema->name);
	if (sqlite3_prepare_v2(db, sql, -1, &r->office, NULL) != SQLITE_OK)
		return store_fail(r->store, sqlite3_errcode(db), err, r->table);
	sqlite3_bind_text(r->office, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(r->office);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(r->office);
		r->office = NULL;
	} else if (rc != SQLITE_ROW) {
		return store_fail(r->store, rc, err, r->table);
	}
	return STATUS_OK;
}

static enum status add_conflict(struct replay *r, const char *id, const char *field, const char *base,
				const char *office, const char *bundle, struct error *err)
{
	static const char *const open_sql =
		"SELECT id FROM conflicts WHERE bundle_hash = ?1 AND tbl = ?2 AND row_id = ?3 AND field = ?4"
		" AND status = 'open'";
	sqlite3_stmt *stmt = store_prepare(r->store, open_sql, err);
	char cid[33], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	bool open;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, r->file->manifest, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, r->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, field, -1, SQLITE_STATIC);
	status = store_step(r->store, stmt, &open, err);
	if (open)
		snprintf(cid, sizeof(cid), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status)
		return status;
	r->result->conflicts += !open;
	/* A field the bundle changed again: the open conflict takes its last value. */
	if (open)
		return store_update(r->store, "conflicts", cid, "bundle", bundle, err);
	if ((status = store_new_id(cid)))
		return status;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "bundle_hash", r->file->manifest }, { "tbl", r->table }, { "row_id", id }, { "field", field },
			{ "base", base }, { "office", office }, { "bundle", bundle }, { "status", "open" },
			{ "created_at", now },
		};
		return store_insert(r->store, "conflicts", cid, fields, 9, err);
	}
}

static enum status write_raw(struct replay *r, const char *id, const char *column, sqlite3_value *value,
			     struct error *err)
{
	char sql[128];
	sqlite3_stmt *stmt;
	int rc;

	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?2 WHERE id = ?1", r->schema->name, column);
	rc = sqlite3_prepare_v2(store_db(r->store), sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_value(stmt, 2, value);
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(r->store, rc, err, r->table);
}

static const char *mapped(const struct id_map *m, const char *id)
{
	size_t i;

	for (i = 0; id && i < m->count; i++)
		if (!strcmp(m->pairs[i][0], id))
			return m->pairs[i][1];
	return id;
}

static enum status map_add(struct id_map *m, const char *from, const char *to)
{
	char (*grown)[2][33] = realloc(m->pairs, (m->count + 1) * sizeof(*grown));

	if (!grown)
		return STATUS_ERR_NOMEM;
	m->pairs = grown;
	snprintf(grown[m->count][0], 33, "%s", from);
	snprintf(grown[m->count][1], 33, "%s", to);
	m->count++;
	return STATUS_OK;
}

static int column_index(const struct replay *r, const char *name)
{
	int i;

	for (i = 0; i < r->column_count; i++)
		if (!strcmp(r->columns[i], name))
			return i;
	return -1;
}

/* The office's row holding what this insert holds by its natural key: the
 * same file (attachments.sha256), the same item's answer (answers:
 * check_id, scenario, item). */
static enum status natural_match(struct replay *r, sqlite3_changeset_iter *iter, char found[33], struct error *err)
{
	static const char *const file_sql = "SELECT id FROM attachments WHERE sha256 = ?1";
	static const char *const answer_sql = "SELECT id FROM answers WHERE check_id = ?1 AND scenario = ?2 AND item = ?3";
	const char *const *keys = NULL, *sql = NULL;
	static const char *const file_keys[] = { "sha256", NULL }, *const answer_keys[] = { "check_id", "scenario", "item", NULL };
	sqlite3_stmt *stmt;
	int k, rc;

	found[0] = '\0';
	if (!strcmp(r->table, "attachments"))
		keys = file_keys, sql = file_sql;
	else if (!strcmp(r->table, "answers"))
		keys = answer_keys, sql = answer_sql;
	if (!keys)
		return STATUS_OK;
	if (!(stmt = store_prepare(r->store, sql, err)))
		return STATUS_ERR_DB;
	for (k = 0; keys[k]; k++) {
		sqlite3_value *value = NULL;
		int at = column_index(r, keys[k]);

		if (at >= 0 && sqlite3changeset_new(iter, at, &value) == SQLITE_OK && value)
			sqlite3_bind_text(stmt, k + 1, mapped(r->map, text_of(value)), -1, SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(found, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(r->store, rc, err, r->table);
}

static enum status office_row(struct replay *r, const char *id, struct error *err);

/* An insert whose row the office holds under another id: the same file is
 * the same file; the same item answered on both sides is a conflict on its
 * value and note. */
static enum status replay_matched(struct replay *r, sqlite3_changeset_iter *iter, const char *id, const char *found,
				  struct error *err)
{
	static const char *const compared[] = { "value", "note", NULL };
	enum status status = map_add(r->map, id, found);
	int k;

	if (status || strcmp(r->table, "answers") || (status = office_row(r, found, err)))
		return status;
	for (k = 0; !status && compared[k]; k++) {
		sqlite3_value *value = NULL;
		int at = column_index(r, compared[k]);

		if (at < 0 || sqlite3changeset_new(iter, at, &value) != SQLITE_OK)
			continue;
		if (!same_value(office_value(r, at), value))
			status = add_conflict(r, found, compared[k], NULL, text_of(office_value(r, at)), text_of(value), err);
	}
	return status;
}

static enum status replay_insert(struct replay *r, sqlite3_changeset_iter *iter, const char *id, struct error *err)
{
	char found[33];
	struct field_value fields[MAX_COLUMNS];
	enum status status = STATUS_OK;
	size_t count = 0;
	int i;

	if (!r->office && ((status = natural_match(r, iter, found, err)) || *found))
		return status ? status : replay_matched(r, iter, id, found, err);
	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *value = NULL;

		sqlite3changeset_new(iter, i, &value);
		if (!schema_has_field(r->schema, r->columns[i]))
			continue;
		if (!r->office)
			fields[count++] = (struct field_value){ r->columns[i], mapped(r->map, text_of(value)) };
		else if (!same_value(office_value(r, i), value))
			status = add_conflict(r, id, r->columns[i], NULL, text_of(office_value(r, i)), text_of(value), err);
	}
	if (status || r->office)
		return status;
	if ((status = store_insert(r->store, r->table, id, fields, count, err)))
		return status;
	r->result->inserted++;
	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *value = NULL;

		if (carried_raw(r->table, r->columns[i]) && sqlite3changeset_new(iter, i, &value) == SQLITE_OK && value &&
		    sqlite3_value_type(value) != SQLITE_NULL)
			status = write_raw(r, id, r->columns[i], value, err);
	}
	return status;
}

static enum status replay_update(struct replay *r, sqlite3_changeset_iter *iter, const char *id, struct error *err)
{
	enum status status = STATUS_OK;
	int i;

	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *old = NULL, *new = NULL;
		sqlite3_value *now = office_value(r, i);

		if (sqlite3changeset_new(iter, i, &new) != SQLITE_OK || !new)
			continue; /* not changed in the bundle */
		sqlite3changeset_old(iter, i, &old);
		if (!schema_has_field(r->schema, r->columns[i])) {
			if (carried_raw(r->table, r->columns[i]) && r->office && same_value(now, old))
				status = write_raw(r, id, r->columns[i], new, err);
			continue;
		}
		if (r->office && same_value(now, new))
			continue;
		if (r->office && same_value(now, old)) {
			status = store_update(r->store, r->table, id, r->columns[i], text_of(new), err);
			r->result->updated++;
		} else {
			status = add_conflict(r, id, r->columns[i], text_of(old), r->office ? text_of(now) : NULL,
					      text_of(new), err);
		}
	}
	return status;
}

static enum status replay_delete(struct replay *r, sqlite3_changeset_iter *iter, const char *id, struct error *err)
{
	int i;

	if (!r->office)
		return STATUS_OK; /* gone here too */
	for (i = 1; i < r->column_count; i++) {
		sqlite3_value *old = NULL;

		sqlite3changeset_old(iter, i, &old);
		if (schema_has_field(r->schema, r->columns[i]) && !same_value(office_value(r, i), old))
			return add_conflict(r, id, "-", NULL, NULL, NULL, err);
	}
	sqlite3_finalize(r->office);
	r->office = NULL;
	r->result->deleted++;
	return store_delete(r->store, r->table, id, err);
}

static enum status replay_one(struct replay *r, sqlite3_changeset_iter *iter, struct error *err)
{
	const char *table;
	sqlite3_value *key = NULL;
	char *id = NULL;
	enum status status;
	int count, op, indirect;

	sqlite3changeset_op(iter, &table, &count, &op, &indirect);
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(iter, 0, &key);
	else
		sqlite3changeset_old(iter, 0, &key);
	if (!key || !text_of(key))
		return damaged(r->file, _("a change without a row id"), err);
	if (!(id = strdup(mapped(r->map, text_of(key)))))
		return STATUS_ERR_NOMEM;
	status = replay_load(r, table, count, id, err);
	if (!status && op == SQLITE_INSERT)
		status = replay_insert(r, iter, id, err);
	else if (!status && op == SQLITE_UPDATE)
		status = replay_update(r, iter, id, err);
	else if (!status)
		status = replay_delete(r, iter, id, err);
	replay_clear(r);
	free(id);
	return status;
}

static enum status record_applied(struct store *store, const struct bundle_file *file, const struct change *change,
				  struct error *err)
{
	char id[33], seq[24], now[STORE_TIMESTAMP_SIZE];
	enum status status = store_new_id(id);

	if (status)
		return status;
	snprintf(seq, sizeof(seq), "%lld", change->seq);
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "bundle_hash", file->manifest }, { "source", file->source }, { "seq", seq },
			{ "sha256", change->sha }, { "applied_by", store_actor(store) }, { "applied_at", now },
		};
		return store_insert(store, "bundles_applied", id, fields, 6, err);
	}
}

static enum status replay_change(struct store *store, const struct bundle_file *file, const struct change *change,
				 struct id_map *map, struct bundle_result *result, struct error *err)
{
	struct replay r = { .map = map, .store = store, .file = file, .result = result };
	sqlite3_changeset_iter *iter = NULL;
	enum status status = STATUS_OK;
	int rc = sqlite3changeset_start(&iter, change->size, change->data);

	if (rc != SQLITE_OK)
		return damaged(file, _("a recorded change cannot be read"), err);
	while (!status && (rc = sqlite3changeset_next(iter)) == SQLITE_ROW)
		status = replay_one(&r, iter, err);
	if (!status && rc != SQLITE_DONE)
		status = damaged(file, _("a recorded change cannot be read"), err);
	sqlite3changeset_finalize(iter);
	if (!status)
		status = record_applied(store, file, change, err);
	if (!status)
		result->changes++;
	return status;
}

static enum status apply(struct store *store, const struct bundle_file *file, struct bundle_result *result,
			 struct error *err)
{
	struct id_map map = { NULL, 0 };
	enum status status = store_begin(store, err);
	size_t i;

	if (status)
		return status;
	/* Rows come in the order they were first written in the bundle: the
	 * references among them are checked once all are in. */
	if (sqlite3_exec(store_db(store), "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
		status = store_fail(store, sqlite3_errcode(store_db(store)), err, _("applying the bundle"));
	for (i = 0; !status && i < file->count; i++)
		if (!file->changes[i].done)
			status = replay_change(store, file, &file->changes[i], &map, result, err);
	free(map.pairs);
	return store_finish(store, status, err);
}

enum status bundle_in(struct store *store, const char *path, struct bundle_result *result, struct error *err)
{
	struct bundle_file file = { .path = path };
	enum status status;
	bool any = false;
	size_t i;

	memset(result, 0, sizeof(*result));
	if ((status = authority_check(store, AUTHORITY_BUNDLE_IN, NULL, err)))
		return status;
	if (store_read_only(store))
		return error_set(err, STATUS_ERR_READONLY, _("%s: the database is read-only; nothing was applied"),
				 store_path(store));
	if (bundle_is(store))
		return error_set(err, STATUS_ERR_INVALID, _("%s is a bundle: bundles are applied to the office database"),
				 store_path(store));
	status = check_integrity(&file, err);
	if (!status)
		status = check_manifest(store, &file, err);
	if (!status)
		status = read_changes(&file, err);
	if (!status)
		status = check_content(&file, err);
	if (!status)
		status = mark_applied(store, &file, &any, err);
	if (!status && !any)
		result->already = file.count > 0;
	else if (!status)
		status = apply(store, &file, result, err);
	for (i = 0; i < file.count; i++)
		free(file.changes[i].data);
	free(file.changes);
	sqlite3_close(file.db);
	return status;
}
