/* Applying a visit bundle at the office.
 *
 * First the bundle is checked whole, read-only, before anything is written:
 * its schema against the one gradus makes (before any query on its tables),
 * SQLite's integrity check, the manifest against its SHA-256 and against the
 * office's record of the bundles it issued (bundles_issued), its source
 * against this database's id, each recorded change against its SHA-256, and
 * the content it was written with (the changes undone on a copy in memory)
 * against the manifest. Then, in one transaction, each change not applied
 * before is authorised again as the office would allow it now (its author
 * one of the inspectors the bundle was issued to, the office's roles, the
 * bundled cases only, nothing signed) and replayed through the write path,
 * field by field: a field the office still holds as the bundle found it
 * takes the bundle's value; one changed on both sides becomes a conflict,
 * the office's value left as it is until a person picks; a change refused
 * is kept as a conflict with its reason. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_auth.h"
#include "bundle_private.h"
#include "gradus/forms/labels.h"
#include "gradus/store/authority.h"
#include "gradus/store/bundle.h"
#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"

#define MAX_COLUMNS 64

struct change {
	long long seq;
	char sha[65];
	void *data;
	int size;
	char *actor; /* the login that made it on the laptop */
	bool done;   /* applied before */
};

struct bundle_file {
	const char *path;
	sqlite3 *db;
	char manifest[65], source[65], content[65], bundle_id[33];
	/* The office's record of the bundle: never the bundle's own words. */
	char *case_ids, *inspectors, *issuer;
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
	const struct change *change;
	char *author_refusal; /* why nothing of this change's author applies, or NULL */
	char role[16];        /* the author's role at the office, now */
	int pass;             /* 1: all but updates of checks; 2: those, after the signatures */
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
	/* Nothing the file holds runs here: no function of its schema, no
	 * writes to it, and its schema is the one gradus makes before any
	 * query reads its tables (a view there could loop forever). */
	sqlite3_db_config(file->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(file->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(file->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(file->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	if ((status = bundle_schema_check(file->db, file->path, err)))
		return status;
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

static enum status not_issued(const struct bundle_file *file, struct error *err)
{
	return error_set(err, STATUS_ERR_INVALID,
			 _("%s: not a bundle this office issued (its id is in no record of bundle out); "
			   "nothing was applied"), file->path);
}

/* The office's record of the bundle: issued here, its manifest as written
 * (an edited date or case list, hashes recomputed, is another manifest). */
static enum status check_issued(struct store *store, struct bundle_file *file, struct error *err)
{
	static const char *const sql =
		"SELECT manifest_sha256, case_ids, inspectors, created_by FROM bundles_issued WHERE id = ?1";
	sqlite3_stmt *stmt;
	enum status status = STATUS_OK;
	struct error ignored = { "" };
	bool row;

	if (manifest_value(file, "bundle_id", file->bundle_id, sizeof(file->bundle_id), &ignored))
		return not_issued(file, err);
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, file->bundle_id, -1, SQLITE_STATIC);
	if ((status = store_step(store, stmt, &row, err)) || !row) {
		sqlite3_reset(stmt);
		return status ? status : not_issued(file, err);
	}
	if (strcmp((const char *)sqlite3_column_text(stmt, 0), file->manifest)) {
		sqlite3_reset(stmt);
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: its identity was edited: its manifest is not the one this office issued as "
				   "bundle %s; nothing was applied"), file->path, file->bundle_id);
	}
	file->case_ids = store_column_dup(stmt, 1, &status);
	file->inspectors = store_column_dup(stmt, 2, &status);
	file->issuer = store_column_dup(stmt, 3, &status);
	sqlite3_reset(stmt);
	return status;
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
	return check_issued(store, file, err);
}

static enum status read_changes(struct bundle_file *file, struct error *err)
{
	sqlite3_stmt *stmt;
	size_t capacity = 0;
	char sha[65];
	int rc;

	if (sqlite3_prepare_v2(file->db, "SELECT seq, sha256, data, actor FROM bundle_changes ORDER BY seq", -1, &stmt, NULL))
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
		if (!(change->actor = strdup(sqlite3_column_text(stmt, 3) ? (const char *)sqlite3_column_text(stmt, 3)
									    : ""))) {
			file->count++;
			sqlite3_finalize(stmt);
			return STATUS_ERR_NOMEM;
		}
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

/* Changes applied before (same bundle id, same sequence number) are
 * skipped; one applied with other bytes is refused. */
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
		sqlite3_bind_text(stmt, 1, file->bundle_id, -1, SQLITE_STATIC);
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

/* A field changed on both sides (reason NULL), or a change refused (its
 * reason), kept for a person. */
static enum status add_conflict(struct replay *r, const char *id, const char *field, const char *base,
				const char *office, const char *bundle, const char *reason, struct error *err)
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
	sqlite3_bind_text(stmt, 1, r->file->bundle_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, r->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, field, -1, SQLITE_STATIC);
	status = store_step(r->store, stmt, &open, err);
	if (open)
		snprintf(cid, sizeof(cid), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status)
		return status;
	if (reason)
		r->result->refused += !open;
	else
		r->result->conflicts += !open;
	/* A field the bundle changed again: the open conflict takes its last value. */
	if (open)
		return store_update(r->store, "conflicts", cid, "bundle", bundle, err);
	if ((status = store_new_id(cid)))
		return status;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "bundle_hash", r->file->bundle_id }, { "tbl", r->table }, { "row_id", id }, { "field", field },
			{ "base", base }, { "office", office }, { "bundle", bundle }, { "status", "open" },
			{ "created_at", now }, { "reason", reason },
		};
		return store_insert(r->store, "conflicts", cid, fields, 10, err);
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
			status = add_conflict(r, found, compared[k], NULL, text_of(office_value(r, at)), text_of(value), NULL,
					      err);
	}
	return status;
}

/* ---- authorising each change as the office would allow it now ---- */

/* A reason that could not be made: the change is not applied, the whole
 * bundle fails (out of memory). */
static char no_memory[] = "";

static char *reason_of(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *reason_of(const char *format, ...)
{
	va_list args;
	char *text;
	int size;

	va_start(args, format);
	size = vsnprintf(NULL, 0, format, args);
	va_end(args);
	if (size < 0 || !(text = malloc((size_t)size + 1)))
		return no_memory;
	va_start(args, format);
	vsnprintf(text, (size_t)size + 1, format, args);
	va_end(args);
	return text;
}

static const char *role_name(const struct replay *r)
{
	return *r->role ? label_role(r->role) : _("no role in this database");
}

/* Who made the change: one of the inspectors the office issued the bundle
 * to (or, issued to none, the person who issued it), with their role at
 * the office as it stands; never what the bundle's users table says. */
static enum status author_check(struct replay *r, struct error *err)
{
	static const char *const sql = "SELECT role FROM users WHERE login = ?1";
	const struct bundle_file *file = r->file;
	const char *actor = r->change->actor;
	sqlite3_stmt *stmt = store_prepare(r->store, sql, err);
	enum status status;
	bool row;

	r->role[0] = '\0';
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, actor, -1, SQLITE_STATIC);
	status = store_step(r->store, stmt, &row, err);
	if (!status && row)
		snprintf(r->role, sizeof(r->role), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status)
		return status;
	if (*file->inspectors ? !bundle_listed(file->inspectors, actor) : strcmp(file->issuer, actor))
		/* L10N: a bundle's change refused: its author, then the inspectors the office issued the bundle to */
		r->author_refusal = reason_of(_("made by %s, not by whom the office issued the bundle to (%s)"), actor,
					      *file->inspectors ? file->inspectors : file->issuer);
	else if (!*r->role)
		r->author_refusal = reason_of(_("made by %s, who has no role at the office"), actor);
	return STATUS_OK;
}

/* What the office knows of a check, now. */
struct check_facts {
	bool found, signed_, offline, inspector;
	char case_id[33], number[48];
};

static enum status check_facts(struct replay *r, const char *check_id, struct check_facts *out, struct error *err)
{
	static const char *const sql =
		"SELECT case_id, number, status <> 'planned' OR EXISTS (SELECT 1 FROM signatures WHERE check_id = c.id),"
		" offline_number IS NOT NULL,"
		" EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = c.id AND login = ?2)"
		" FROM checks c WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(r->store, sql, err);
	enum status status;

	memset(out, 0, sizeof(*out));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id ? check_id : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, r->change->actor, -1, SQLITE_STATIC);
	status = store_step(r->store, stmt, &out->found, err);
	if (!status && out->found) {
		snprintf(out->case_id, sizeof(out->case_id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(out->number, sizeof(out->number), "%s",
			 sqlite3_column_text(stmt, 1) ? (const char *)sqlite3_column_text(stmt, 1) : "");
		out->signed_ = sqlite3_column_int(stmt, 2);
		out->offline = sqlite3_column_int(stmt, 3);
		out->inspector = sqlite3_column_int(stmt, 4);
	}
	sqlite3_reset(stmt);
	return status;
}

/* A row's value as the office will hold it: the bundle's for an insert,
 * the office's row (else the bundle's old value) otherwise; ids mapped. */
static const char *row_value(struct replay *r, sqlite3_changeset_iter *iter, int op, const char *column)
{
	sqlite3_value *value = NULL;
	int at = column_index(r, column);

	if (at < 0)
		return NULL;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(iter, at, &value);
	else if (r->office)
		return mapped(r->map, text_of(office_value(r, at)));
	else
		sqlite3changeset_old(iter, at, &value);
	return mapped(r->map, text_of(value));
}

static bool in_scope(const struct replay *r, const char *case_id)
{
	return case_id && bundle_listed(r->file->case_ids, case_id);
}

static char *out_of_scope(void)
{
	return reason_of("%s", _("not of a case this bundle was issued for"));
}

/* The check a row hangs from: in the bundle's cases, and (writing) not
 * signed, by one of its inspectors or an admin, as at the office. */
static enum status check_rule(struct replay *r, const char *check_id, bool writing, char **reason, struct error *err)
{
	struct check_facts c;
	enum status status = check_facts(r, check_id, &c, err);

	if (status)
		return status;
	if (!c.found)
		*reason = reason_of("%s", _("it names a check the office does not hold"));
	else if (!in_scope(r, c.case_id))
		*reason = out_of_scope();
	else if (writing && c.signed_)
		/* L10N: a bundle's change refused: the check's number */
		*reason = reason_of(_("check %s is signed at the office: what was signed stays (a correction is an "
				      "amendment made at the office)"), c.number);
	else if (writing && !authority_role_may(r->role, AUTHORITY_CHECK_ANSWER, c.inspector))
		/* L10N: a bundle's change refused: the author, the check's number, the author's role */
		*reason = reason_of(_("%s is not an inspector of check %s (%s at the office)"), r->change->actor,
				    c.number, role_name(r));
	return STATUS_OK;
}

static enum status finding_rule(struct replay *r, const char *finding_id, bool severity, char **reason,
				struct error *err)
{
	static const char *const sql = "SELECT case_id, check_id, status, panel_id FROM findings WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(r->store, sql, err);
	char case_id[33] = "", check_id[33] = "", state[16] = "";
	enum status status;
	bool row, panel = false;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, finding_id ? finding_id : "", -1, SQLITE_TRANSIENT);
	status = store_step(r->store, stmt, &row, err);
	if (!status && row) {
		snprintf(case_id, sizeof(case_id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		if (sqlite3_column_text(stmt, 1))
			snprintf(check_id, sizeof(check_id), "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(state, sizeof(state), "%s", (const char *)sqlite3_column_text(stmt, 2));
		panel = sqlite3_column_type(stmt, 3) != SQLITE_NULL;
	}
	sqlite3_reset(stmt);
	if (status)
		return status;
	if (!row)
		*reason = reason_of("%s", _("it names a finding the office does not hold"));
	else if (!in_scope(r, case_id))
		*reason = out_of_scope();
	else if (panel)
		*reason = reason_of("%s", _("a panel's finding is not taken from a bundle"));
	else if (strcmp(state, "open"))
		*reason = reason_of("%s", _("the finding is closed at the office"));
	else if (severity && *check_id)
		return check_rule(r, check_id, true, reason, err);
	return STATUS_OK;
}

static bool field_listed(const char *const *fields, const char *field)
{
	for (; *fields; fields++)
		if (!strcmp(*fields, field))
			return true;
	return false;
}

/* An update may change only these fields of these tables. */
static const char *updatable(struct replay *r, sqlite3_changeset_iter *iter)
{
	static const char *const answers[] = { "value", "note", "answered_by", "answered_at", NULL };
	static const char *const findings[] = { "severity", "action", "due_on", "status", "closed_on", "closed_by",
						"closing_note", NULL };
	static const char *const cases[] = { "note", NULL };
	static const char *const checks[] = { "status", NULL };
	static const char *const none[] = { NULL };
	const char *const *allowed = !strcmp(r->table, "answers")    ? answers
				     : !strcmp(r->table, "findings") ? findings
				     : !strcmp(r->table, "cases")    ? cases
				     : !strcmp(r->table, "checks")   ? checks
								     : none;
	int i;

	for (i = 1; i < r->column_count; i++) {
		sqlite3_value *value = NULL;

		if (sqlite3changeset_new(iter, i, &value) == SQLITE_OK && value && !field_listed(allowed, r->columns[i]) &&
		    !same_value(office_value(r, i), value))
			return r->columns[i];
	}
	return NULL;
}

static enum status attachment_rule(struct replay *r, sqlite3_changeset_iter *iter, char **reason)
{
	sqlite3_value *data = NULL, *sha = NULL, *size = NULL;
	char computed[65];

	sqlite3changeset_new(iter, column_index(r, "data"), &data);
	sqlite3changeset_new(iter, column_index(r, "sha256"), &sha);
	sqlite3changeset_new(iter, column_index(r, "size"), &size);
	/* a file comes with evidence of a check or of a finding's closing */
	if (!authority_allows(r->role, AUTHORITY_EVIDENCE_ADD) && !authority_allows(r->role, AUTHORITY_FINDING_CHANGE))
		*reason = reason_of(_("%s may not add files at the office (%s)"), r->change->actor, role_name(r));
	else if (!data || sqlite3_value_type(data) != SQLITE_BLOB || !text_of(sha))
		*reason = reason_of("%s", _("the file's bytes are not in the bundle"));
	else {
		store_sha256_hex(sqlite3_value_blob(data), (size_t)sqlite3_value_bytes(data), computed);
		if (strcmp(computed, text_of(sha)) || !size || sqlite3_value_int64(size) != sqlite3_value_bytes(data))
			/* L10N: a bundle's file refused: the SHA-256 its bytes have */
			*reason = reason_of(_("the file's bytes do not match its SHA-256 (they hash to %s)"), computed);
	}
	return STATUS_OK;
}

static enum status store_exists_id(struct replay *r, const char *table, const char *id, char found[33],
				   struct error *err)
{
	char sql[96];
	sqlite3_stmt *stmt;
	int rc;

	found[0] = '\0';
	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE id = ?1", table);
	if (!(stmt = store_prepare(r->store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id ? id : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(found, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(r->store, rc, err, table);
}

/* A signature: made by its author, an inspector of the check, over the
 * check as the office holds it now. */
static enum status signature_rule(struct replay *r, sqlite3_changeset_iter *iter, char **reason, struct error *err)
{
	static const char *const signed_sql = "SELECT 1 FROM signatures WHERE check_id = ?1 AND login = ?2";
	const char *check = row_value(r, iter, SQLITE_INSERT, "check_id");
	const char *login = row_value(r, iter, SQLITE_INSERT, "login"), *hash = row_value(r, iter, SQLITE_INSERT, "hash");
	sqlite3_stmt *stmt;
	struct check_facts c;
	enum status status = check_facts(r, check, &c, err);
	char now[65];
	bool already = false;

	if (status)
		return status;
	if (!c.found || !in_scope(r, c.case_id))
		*reason = out_of_scope();
	else if (strcmp_safe(login, r->change->actor))
		/* L10N: a bundle's signature refused: the author of the change */
		*reason = reason_of(_("a signature is made by its signer, not by %s"), r->change->actor);
	else if (!authority_role_may(r->role, AUTHORITY_CHECK_SIGN, c.inspector))
		*reason = reason_of(_("%s is not an inspector of check %s (%s at the office)"), r->change->actor, c.number,
				    role_name(r));
	if (*reason)
		return STATUS_OK;
	if (!(stmt = store_prepare(r->store, signed_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, login, -1, SQLITE_TRANSIENT);
	status = store_step(r->store, stmt, &already, err);
	sqlite3_reset(stmt);
	if (!status && already)
		/* L10N: a bundle's signature refused: the signer, the check */
		*reason = reason_of(_("%s has signed check %s at the office already"), login, c.number);
	else if (!status && !(status = check_content_hash(r->store, check, now, err)) && strcmp_safe(hash, now))
		/* L10N: a bundle's signature refused: the check, the signer */
		*reason = reason_of(_("check %s at the office is not what %s signed: it changed there meanwhile"),
				    c.number, login);
	return status;
}

/* An inserted row: whether it hangs from the bundled cases and may be made
 * by its author as the office's roles stand. */
/* A scenario planned offline is one of the office's forms: the number of
 * scenarios is the forms', not the schema's. */
static void scenario_rule(struct replay *r, const char *number, char **reason)
{
	struct error why = { "" };
	char *end = NULL;
	long n = number ? strtol(number, &end, 10) : 0;

	if (!number || *end || n < 1 || n > INT_MAX)
		n = 0;
	if (store_scenario_check(r->store, (int)n, &why))
		*reason = reason_of("%s", why.message);
}

static enum status insert_rule(struct replay *r, sqlite3_changeset_iter *iter, char **reason, struct error *err)
{
	const char *t = r->table;
	int op = SQLITE_INSERT;

	if (!strcmp(t, "checks")) {
		if (!authority_allows(r->role, AUTHORITY_CHECK_PLAN))
			*reason = reason_of(_("%s may not plan checks at the office (%s)"), r->change->actor, role_name(r));
		else if (!in_scope(r, row_value(r, iter, op, "case_id")))
			*reason = out_of_scope();
		else if (strcmp_safe(row_value(r, iter, op, "status"), "planned"))
			*reason = reason_of("%s", _("a check planned in a bundle starts as planned"));
		return STATUS_OK;
	}
	if (!strcmp(t, "check_inspectors") || !strcmp(t, "check_scenarios") || !strcmp(t, "check_items")) {
		struct check_facts c;
		enum status status = check_facts(r, row_value(r, iter, op, "check_id"), &c, err);

		if (status)
			return status;
		if (!c.found || !in_scope(r, c.case_id))
			*reason = out_of_scope();
		else if (!c.offline || c.signed_ || !authority_allows(r->role, AUTHORITY_CHECK_PLAN))
			*reason = reason_of("%s", _("a check's inspectors and checklist are set when it is planned"));
		else if (strcmp(t, "check_inspectors"))
			scenario_rule(r, row_value(r, iter, op, "scenario"), reason);
		return STATUS_OK;
	}
	if (!strcmp(t, "answers"))
		return check_rule(r, row_value(r, iter, op, "check_id"), true, reason, err);
	if (!strcmp(t, "attachments"))
		return attachment_rule(r, iter, reason);
	if (!strcmp(t, "evidence")) {
		const char *check = row_value(r, iter, op, "check_id"), *finding = row_value(r, iter, op, "finding_id");
		enum status status = STATUS_OK;
		char found[33];

		if (check)
			status = check_rule(r, check, !finding, reason, err);
		if (!status && !*reason && finding)
			status = finding_rule(r, finding, false, reason, err);
		if (!status && !*reason && !check && !finding)
			*reason = out_of_scope();
		if (status || *reason)
			return status;
		status = store_exists_id(r, "attachments", row_value(r, iter, op, "attachment_id"), found, err);
		if (!status && !*found)
			*reason = reason_of("%s", _("it names a file the office does not hold"));
		return status;
	}
	if (!strcmp(t, "findings")) {
		const char *check = row_value(r, iter, op, "check_id");

		if (!in_scope(r, row_value(r, iter, op, "case_id")))
			*reason = out_of_scope();
		else if (row_value(r, iter, op, "panel_id"))
			*reason = reason_of("%s", _("a panel's finding is not taken from a bundle"));
		else if (!check)
			*reason = reason_of("%s", _("a finding from a bundle belongs to a check"));
		else {
			struct check_facts c;
			enum status status = check_facts(r, check, &c, err);

			if (status)
				return status;
			if (c.found && strcmp(c.case_id, row_value(r, iter, op, "case_id")))
				*reason = out_of_scope();
			else
				return check_rule(r, check, true, reason, err);
		}
		return STATUS_OK;
	}
	if (!strcmp(t, "signatures"))
		return signature_rule(r, iter, reason, err);
	if (!strcmp(t, "amendments"))
		*reason = reason_of("%s", _("a signed check is amended at the office (gradus check amend)"));
	else
		/* L10N: a bundle's change refused: the table (users, events, enterprises...) */
		*reason = reason_of(_("%s are not taken from a bundle: they are the office's own"), t);
	return STATUS_OK;
}

static enum status update_rule(struct replay *r, sqlite3_changeset_iter *iter, char **reason, struct error *err)
{
	const char *t = r->table, *field;
	int op = SQLITE_UPDATE;

	if (!strcmp(t, "attachments"))
		*reason = reason_of("%s", _("a file is kept by its SHA-256: a bundle does not replace it"));
	else if (!strcmp(t, "signatures"))
		*reason = reason_of("%s", _("a signature is never changed or removed by a bundle"));
	else if (strcmp(t, "answers") && strcmp(t, "findings") && strcmp(t, "cases") && strcmp(t, "checks"))
		*reason = reason_of(_("%s are not taken from a bundle: they are the office's own"), t);
	else if (!r->office)
		*reason = reason_of("%s", _("the office does not hold this row"));
	else if ((field = updatable(r, iter)))
		/* L10N: a bundle's change refused: the field, then the table */
		*reason = reason_of(_("%s of %s is not taken from a bundle"), field, t);
	else if (!strcmp(t, "answers"))
		return check_rule(r, row_value(r, iter, op, "check_id"), true, reason, err);
	else if (!strcmp(t, "findings")) {
		sqlite3_value *severity = NULL;

		sqlite3changeset_new(iter, column_index(r, "severity"), &severity);
		return finding_rule(r, text_of(office_value(r, 0)), severity != NULL, reason, err);
	} else if (!strcmp(t, "cases")) {
		if (!in_scope(r, text_of(office_value(r, 0))))
			*reason = out_of_scope();
		else if (!authority_allows(r->role, AUTHORITY_CASE_EDIT))
			*reason = reason_of(_("%s may not change a case's note at the office (%s)"), r->change->actor,
					    role_name(r));
	} else {
		return check_rule(r, text_of(office_value(r, 0)), false, reason, err);
	}
	return STATUS_OK;
}

static enum status delete_rule(struct replay *r, char **reason, struct error *err)
{
	/* An answer changed back to yes takes its finding away. */
	if (!strcmp(r->table, "findings"))
		return finding_rule(r, text_of(office_value(r, 0)), true, reason, err);
	if (!strcmp(r->table, "signatures"))
		*reason = reason_of("%s", _("a signature is never changed or removed by a bundle"));
	else
		/* L10N: a bundle's change refused: the table */
		*reason = reason_of(_("%s are not deleted by a bundle"), r->table);
	return STATUS_OK;
}

/* NULL in *reason: the change may apply; else why not. */
static enum status authorise(struct replay *r, sqlite3_changeset_iter *iter, int op, char **reason, struct error *err)
{
	*reason = NULL;
	if (r->author_refusal)
		return (*reason = reason_of("%s", r->author_refusal)) == no_memory ? STATUS_ERR_NOMEM : STATUS_OK;
	if (op == SQLITE_INSERT)
		return insert_rule(r, iter, reason, err);
	if (op == SQLITE_UPDATE)
		return update_rule(r, iter, reason, err);
	if (!r->office)
		return STATUS_OK; /* gone here too */
	return delete_rule(r, reason, err);
}

/* A value shown to a person: text as it is, a blob by its size. */
static char *shown(sqlite3_value *value)
{
	if (!value || sqlite3_value_type(value) == SQLITE_NULL)
		return NULL;
	if (sqlite3_value_type(value) == SQLITE_BLOB)
		return reason_of(_("(%d bytes)"), sqlite3_value_bytes(value));
	return strdup((const char *)sqlite3_value_text(value));
}

/* An inserted row for a person: its fields, "field=value; …". */
static char *row_summary(struct replay *r, sqlite3_changeset_iter *iter)
{
	size_t size = 1, length = 0;
	char *text = calloc(1, 1);
	int i;

	for (i = 1; text && i < r->column_count; i++) {
		sqlite3_value *value = NULL;
		char *part, *grown;

		if (sqlite3changeset_new(iter, i, &value) != SQLITE_OK || !(part = shown(value)))
			continue;
		size += strlen(r->columns[i]) + strlen(part) + 3;
		if (!(grown = realloc(text, size))) {
			free(part);
			free(text);
			return NULL;
		}
		text = grown;
		length += (size_t)sprintf(text + length, "%s%s=%s", length ? "; " : "", r->columns[i], part);
		free(part);
	}
	return text;
}

/* A refused change kept as conflicts with the reason: a row the bundle
 * added (field "+"), each field it changed, a row it deleted ("-"). */
static enum status refuse(struct replay *r, sqlite3_changeset_iter *iter, int op, const char *id,
			  const char *reason, struct error *err)
{
	enum status status = STATUS_OK;
	int i;

	if (op == SQLITE_INSERT) {
		char *summary = row_summary(r, iter);

		status = summary ? add_conflict(r, id, "+", NULL, NULL, summary, reason, err) : STATUS_ERR_NOMEM;
		free(summary);
		return status;
	}
	if (op == SQLITE_DELETE)
		return add_conflict(r, id, "-", NULL, NULL, NULL, reason, err);
	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *old = NULL, *new = NULL;
		char *was, *now, *wanted;

		if (sqlite3changeset_new(iter, i, &new) != SQLITE_OK || !new || same_value(office_value(r, i), new))
			continue;
		sqlite3changeset_old(iter, i, &old);
		was = shown(old);
		now = shown(office_value(r, i));
		wanted = shown(new);
		status = add_conflict(r, id, r->columns[i], was, now, wanted, reason, err);
		free(was);
		free(now);
		free(wanted);
	}
	return status;
}

/* The office's next number for a check of the case (as check plan gives
 * it: the case's number, -C and one more than its checks), one no check
 * holds yet. */
static enum status final_number(struct replay *r, const char *case_id, char out[48], struct error *err)
{
	static const char *const next_sql =
		"SELECT (SELECT number FROM cases WHERE id = ?1), (SELECT count(*) FROM checks WHERE case_id = ?1)";
	static const char *const taken_sql = "SELECT 1 FROM checks WHERE number = ?1";
	sqlite3_stmt *stmt = store_prepare(r->store, next_sql, err);
	enum status status;
	char number[48] = "";
	bool row, taken = true;
	int n = 0;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_TRANSIENT);
	status = store_step(r->store, stmt, &row, err);
	if (!status && row && sqlite3_column_text(stmt, 0)) {
		snprintf(number, sizeof(number), "%s", (const char *)sqlite3_column_text(stmt, 0));
		n = sqlite3_column_int(stmt, 1);
	}
	sqlite3_reset(stmt);
	while (!status && taken) {
		int length = snprintf(out, 48, "%s-C%d", number, ++n);

		if (length < 0 || length >= 48)
			return error_set(err, STATUS_ERR_INVALID, _("case %s: its number is too long for a check's"), number);
		if (!(stmt = store_prepare(r->store, taken_sql, err)))
			return STATUS_ERR_DB;
		sqlite3_bind_text(stmt, 1, out, -1, SQLITE_TRANSIENT);
		status = store_step(r->store, stmt, &taken, err);
		sqlite3_reset(stmt);
	}
	return status;
}

/* After a signature from a bundle, the check's status as its signatures
 * make it (as check sign does). */
static enum status signed_status(struct replay *r, const char *check_id, struct error *err)
{
	static const char *const sql =
		"SELECT status, (SELECT count(*) FROM check_inspectors i WHERE i.check_id = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM signatures s WHERE s.check_id = ?1 AND s.login = i.login)) FROM checks WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(r->store, sql, err);
	const char *want = NULL;
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_TRANSIENT);
	status = store_step(r->store, stmt, &row, err);
	if (!status && row) {
		want = sqlite3_column_int(stmt, 1) > 0 ? "signing" : "signed";
		if (!strcmp((const char *)sqlite3_column_text(stmt, 0), want))
			want = NULL;
	}
	sqlite3_reset(stmt);
	return status || !want ? status : store_update(r->store, "checks", check_id, "status", want, err);
}

static enum status replay_insert(struct replay *r, sqlite3_changeset_iter *iter, const char *id, struct error *err)
{
	char found[33], number[48];
	struct field_value fields[MAX_COLUMNS];
	enum status status = STATUS_OK;
	bool check = !strcmp(r->table, "checks"), attachment = !strcmp(r->table, "attachments");
	char *plain = NULL;
	size_t count = 0;
	int i;

	if (!r->office && ((status = natural_match(r, iter, found, err)) || *found))
		return status ? status : replay_matched(r, iter, id, found, err);
	/* A check planned offline takes the office's next number and keeps its own. */
	if (!r->office && check && (status = final_number(r, row_value(r, iter, SQLITE_INSERT, "case_id"), number, err)))
		return status;
	/* A file's name is a plain file name, whatever the bundle says. */
	if (!r->office && attachment && !(plain = bundle_plain_name(row_value(r, iter, SQLITE_INSERT, "name"))))
		return STATUS_ERR_NOMEM;
	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *value = NULL;
		const char *text;

		sqlite3changeset_new(iter, i, &value);
		if (!schema_has_field(r->schema, r->columns[i]))
			continue;
		text = mapped(r->map, text_of(value));
		if (check && !strcmp(r->columns[i], "number"))
			text = number;
		else if (check && !strcmp(r->columns[i], "offline_number"))
			text = row_value(r, iter, SQLITE_INSERT, "number");
		else if (attachment && !strcmp(r->columns[i], "name"))
			text = plain;
		if (!r->office)
			fields[count++] = (struct field_value){ r->columns[i], text };
		else if (!same_value(office_value(r, i), value))
			status = add_conflict(r, id, r->columns[i], NULL, text_of(office_value(r, i)), text_of(value),
					      NULL, err);
	}
	if (!status && !r->office)
		status = store_insert(r->store, r->table, id, fields, count, err);
	free(plain);
	if (status || r->office)
		return status;
	r->result->inserted++;
	for (i = 1; !status && i < r->column_count; i++) {
		sqlite3_value *value = NULL;

		if (carried_raw(r->table, r->columns[i]) && sqlite3changeset_new(iter, i, &value) == SQLITE_OK && value &&
		    sqlite3_value_type(value) != SQLITE_NULL)
			status = write_raw(r, id, r->columns[i], value, err);
	}
	if (!status && !strcmp(r->table, "signatures"))
		status = signed_status(r, row_value(r, iter, SQLITE_INSERT, "check_id"), err);
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
		if (!schema_has_field(r->schema, r->columns[i]) || (r->office && same_value(now, new)))
			continue;
		if (!strcmp(r->table, "checks")) /* its status, made by the signatures applied before */
			status = add_conflict(r, id, r->columns[i], text_of(old), text_of(now), text_of(new),
					      _("a check's status follows its signatures at the office"), err);
		else if (r->office && same_value(now, old)) {
			status = store_update(r->store, r->table, id, r->columns[i], text_of(new), err);
			r->result->updated++;
		} else {
			status = add_conflict(r, id, r->columns[i], text_of(old), r->office ? text_of(now) : NULL,
					      text_of(new), NULL, err);
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
			return add_conflict(r, id, "-", NULL, NULL, NULL, NULL, err);
	}
	sqlite3_finalize(r->office);
	r->office = NULL;
	r->result->deleted++;
	return store_delete(r->store, r->table, id, err);
}

static void reason_free(char *reason)
{
	if (reason != no_memory)
		free(reason);
}

/* Whether a write path's refusal (a signed or closed record, a role, text or
 * a date it does not take, a row already there) is one change's: kept as a
 * conflict with its reason while the rest applies. */
static bool refusal(enum status status)
{
	return status == STATUS_ERR_SEALED || status == STATUS_ERR_DENIED || status == STATUS_ERR_INVALID ||
	       status == STATUS_ERR_EXISTS || status == STATUS_ERR_CONFLICT;
}

/* An authorised change through the write path, under a savepoint: what the
 * write path refuses is undone and kept as refused, with its message. */
static enum status replay_guarded(struct replay *r, sqlite3_changeset_iter *iter, int op, const char *id,
				  struct error *err)
{
	struct error why = { "" };
	struct bundle_result counted = *r->result;
	enum status status = store_begin(r->store, err);

	if (status)
		return status;
	if (op == SQLITE_INSERT)
		status = replay_insert(r, iter, id, &why);
	else if (op == SQLITE_UPDATE)
		status = replay_update(r, iter, id, &why);
	else
		status = replay_delete(r, iter, id, &why);
	status = store_finish(r->store, status, &why);
	if (refusal(status)) {
		*r->result = counted; /* nothing of it was written */
		if (op != SQLITE_INSERT && (status = office_row(r, id, err)))
			return status;
		return refuse(r, iter, op, id, why.message, err);
	}
	if (status)
		*err = why;
	return status;
}

static enum status replay_one(struct replay *r, sqlite3_changeset_iter *iter, struct error *err)
{
	const char *table;
	sqlite3_value *key = NULL;
	char *id = NULL, *reason = NULL;
	enum status status;
	int count, op, indirect;

	sqlite3changeset_op(iter, &table, &count, &op, &indirect);
	/* A check's status follows its signatures: updates of checks come
	 * after the rest of the change. */
	if ((op == SQLITE_UPDATE && !strcmp(table, "checks")) != (r->pass == 2))
		return STATUS_OK;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(iter, 0, &key);
	else
		sqlite3changeset_old(iter, 0, &key);
	if (!key || !text_of(key))
		return damaged(r->file, _("a change without a row id"), err);
	if (!(id = strdup(mapped(r->map, text_of(key)))))
		return STATUS_ERR_NOMEM;
	status = replay_load(r, table, count, id, err);
	if (!status)
		status = authorise(r, iter, op, &reason, err);
	if (!status && reason == no_memory)
		status = STATUS_ERR_NOMEM;
	else if (!status && reason)
		status = refuse(r, iter, op, id, reason, err);
	else if (!status)
		status = replay_guarded(r, iter, op, id, err);
	reason_free(reason);
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
			{ "bundle_hash", file->bundle_id }, { "source", file->source }, { "seq", seq },
			{ "sha256", change->sha }, { "applied_by", store_actor(store) }, { "applied_at", now },
		};
		return store_insert(store, "bundles_applied", id, fields, 6, err);
	}
}

static enum status replay_change(struct store *store, const struct bundle_file *file, const struct change *change,
				 struct id_map *map, struct bundle_result *result, struct error *err)
{
	struct replay r = { .map = map, .store = store, .file = file, .result = result, .change = change };
	sqlite3_changeset_iter *iter = NULL;
	enum status status = author_check(&r, err);
	int rc = SQLITE_OK;

	if (!status && r.author_refusal == no_memory)
		status = STATUS_ERR_NOMEM;
	for (r.pass = 1; !status && r.pass <= 2; r.pass++) {
		if ((rc = sqlite3changeset_start(&iter, change->size, change->data)) != SQLITE_OK) {
			status = damaged(file, _("a recorded change cannot be read"), err);
			break;
		}
		while (!status && (rc = sqlite3changeset_next(iter)) == SQLITE_ROW)
			status = replay_one(&r, iter, err);
		if (!status && rc != SQLITE_DONE)
			status = damaged(file, _("a recorded change cannot be read"), err);
		sqlite3changeset_finalize(iter);
	}
	reason_free(r.author_refusal);
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
	snprintf(result->bundle_id, sizeof(result->bundle_id), "%s", file.bundle_id);
	if (!status && !any)
		result->already = file.count > 0;
	else if (!status)
		status = apply(store, &file, result, err);
	for (i = 0; i < file.count; i++) {
		free(file.changes[i].data);
		free(file.changes[i].actor);
	}
	free(file.changes);
	free(file.case_ids);
	free(file.inspectors);
	free(file.issuer);
	sqlite3_close(file.db);
	return status;
}
