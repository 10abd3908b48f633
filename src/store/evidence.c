/* Evidence: files attached to a check's items (or to the closing of a
 * finding), stored once by SHA-256 in the database and exported back; the
 * findings' severity, corrective action and due date, and their closing. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "gradus/store/checks.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

#define EVIDENCE_MAX_BYTES (64L * 1024 * 1024)

/* The whole file, refused when it is too big for a check. */
static enum status read_file(const char *path, unsigned char **data, size_t *size, struct error *err)
{
	FILE *f = safe_file_read(path, err);
	long length;

	*data = NULL;
	if (!f)
		return STATUS_ERR_IO;
	if (fseek(f, 0, SEEK_END) || (length = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return error_set(err, STATUS_ERR_IO, _("%s: not a regular file"), path);
	}
	if (length > EVIDENCE_MAX_BYTES) {
		fclose(f);
		return error_set(err, STATUS_ERR_INVALID, _("%s: %ld bytes; evidence files are kept up to %ld MiB"), path,
				 length, EVIDENCE_MAX_BYTES >> 20);
	}
	*data = malloc(length ? (size_t)length : 1);
	*size = (size_t)length;
	if (!*data || fread(*data, 1, *size, f) != *size) {
		fclose(f);
		free(*data);
		*data = NULL;
		return error_set(err, STATUS_ERR_IO, _("%s: could not be read"), path);
	}
	fclose(f);
	return STATUS_OK;
}

static const char *media_type(const char *name)
{
	static const char *const types[][2] = {
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" }, { ".png", "image/png" }, { ".gif", "image/gif" },
		{ ".webp", "image/webp" }, { ".heic", "image/heic" }, { ".pdf", "application/pdf" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ ".xls", "application/vnd.ms-excel" }, { ".csv", "text/csv" }, { ".txt", "text/plain" },
		{ ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ ".doc", "application/msword" }, { ".mp4", "video/mp4" }, { ".zip", "application/zip" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

/* The attachment row of these bytes, stored now when they are new. */
static enum status store_bytes(struct store *store, const char *name, const unsigned char *data, size_t size,
			       const char sha[65], char row[33], struct error *err)
{
	static const char *const find_sql = "SELECT id FROM attachments WHERE sha256 = ?1";
	static const char *const data_sql = "UPDATE attachments SET data = ?2 WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, find_sql, err);
	char size_text[24], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW || rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("attachments"));
	if ((status = store_new_id(row)))
		return status;
	snprintf(size_text, sizeof(size_text), "%zu", size);
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "sha256", sha }, { "name", name }, { "type", media_type(name) },
			{ "size", size_text }, { "added_by", store_actor(store) }, { "added_at", now },
		};
		if ((status = store_insert(store, "attachments", row, fields, 6, err)))
			return status;
	}
	if (!(stmt = store_prepare(store, data_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, row, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(stmt, 2, data, size, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("storing a file"));
}

/* Links an attachment to an item (or a finding) unless it already is. */
static enum status link(struct store *store, const char *check_id, const char *scenario, const char *item,
			const char *finding_id, const char *attachment, bool *added, struct error *err)
{
	static const char *const sql =
		"SELECT EXISTS (SELECT 1 FROM evidence WHERE check_id = ?1 AND scenario = ?2 AND item = ?3"
		" AND coalesce(finding_id, '') = coalesce(?4, '') AND attachment_id = ?5)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char row[33], now[STORE_TIMESTAMP_SIZE];
	enum status status = STATUS_OK;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, scenario, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, finding_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, attachment, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*added = rc == SQLITE_ROW && !sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(store, rc, err, _("evidence"));
	if (!*added || (status = store_new_id(row)))
		return *added ? status : STATUS_OK;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "check_id", check_id }, { "scenario", scenario }, { "item", item }, { "finding_id", finding_id },
			{ "attachment_id", attachment }, { "added_by", store_actor(store) }, { "added_at", now },
		};
		return store_insert(store, "evidence", row, fields, 7, err);
	}
}

/* Whether the check may take evidence for an item now: it is unsigned, the
 * user is one of its inspectors or an admin, the item is in it. */
static enum status may_attach(struct store *store, const char *id, int scenario, int item, struct error *err)
{
	char number[48];
	static const char *const sql =
		"SELECT k.status, EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = ?1 AND login = ?2),"
		" EXISTS (SELECT 1 FROM check_items WHERE check_id = ?1 AND scenario = ?3 AND item = ?4)"
		" FROM checks k WHERE k.id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, store_actor(store), -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, scenario);
	sqlite3_bind_int(stmt, 4, item);
	status = store_step(store, stmt, &row, err);
	if (status || !row) {
		sqlite3_reset(stmt);
		return status ? status : error_set(err, STATUS_ERR_NOT_FOUND, _("no check '%s'"), id);
	}
	if (strcmp((const char *)sqlite3_column_text(stmt, 0), "planned"))
		status = error_set(err, STATUS_ERR_DENIED, _("check %s is signed: its evidence is read-only"),
				   store_check_number(store, id, number));
	else if ((status = authority_check(store, AUTHORITY_EVIDENCE_ADD, id, err)))
		;
	else if (!sqlite3_column_int(stmt, 2))
		status = error_set(err, STATUS_ERR_INVALID, _("scenario %d has no item %d in check %s"), scenario, item,
				   store_check_number(store, id, number));
	sqlite3_reset(stmt);
	return status;
}

static enum status attach(struct store *store, const char *id, int scenario, int item, const char *path,
			  const char *finding_id, char sha[65], bool *added, struct error *err)
{
	unsigned char *data = NULL;
	char row[33], s[8], i[8], *name = safe_file_name(path, err);
	size_t size = 0;
	enum status status = name ? read_file(path, &data, &size, err) : STATUS_ERR_INVALID;

	if (status) {
		free(name);
		return status;
	}
	store_sha256_hex(data, size, sha);
	snprintf(s, sizeof(s), "%d", scenario);
	snprintf(i, sizeof(i), "%d", item);
	status = store_bytes(store, name, data, size, sha, row, err);
	if (!status)
		status = link(store, id, s, i, finding_id, row, added, err);
	free(data);
	free(name);
	return status;
}

enum status check_attach(struct store *store, const char *key, int scenario, int item, const char *path,
			 char sha256[65], bool *added, struct error *err)
{
	char id[33];
	enum status status = check_resolve(store, key, id, err);

	*added = false;
	if (status || (status = store_begin(store, err)))
		return status;
	status = may_attach(store, id, scenario, item, err);
	if (!status)
		status = attach(store, id, scenario, item, path, NULL, sha256, added, err);
	return store_finish(store, status, err);
}

/* Into a folder: the stored name reduced to a plain file name, so a name
 * like ../../x is written as x inside it, never beside or above it. */
static enum status write_export(const char *path, const char *stored_name, const void *data, size_t size,
				struct error *err)
{
	char *name, *inside = NULL;
	enum status status;
	struct stat st;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return safe_file_write(path, data, size, SAFE_FILE_NEW, 0666, err);
	if (!(name = safe_file_name(stored_name, err)))
		return STATUS_ERR_INVALID;
	if (asprintf(&inside, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", name) < 0)
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	else
		status = safe_file_write(inside, data, size, SAFE_FILE_NEW, 0666, err);
	free(inside);
	free(name);
	return status;
}

enum status check_export(struct store *store, const char *sha256, const char *path, struct error *err)
{
	static const char *const sql = "SELECT data, sha256, name FROM attachments WHERE sha256 >= lower(?1)"
				       " AND substr(sha256, 1, length(?1)) = lower(?1) LIMIT 2";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	unsigned char *copy = NULL;
	char *name = NULL;
	size_t size = 0;
	enum status status = STATUS_OK;
	bool row, more;

	if (!stmt)
		return STATUS_ERR_DB;
	if (strlen(sha256) < 6)
		return error_set(err, STATUS_ERR_INVALID, _("'%s': give at least 6 characters of the SHA-256"), sha256);
	sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		size = (size_t)sqlite3_column_bytes(stmt, 0);
		if ((copy = malloc(size ? size : 1)) && size)
			memcpy(copy, sqlite3_column_blob(stmt, 0), size);
		name = strdup((const char *)sqlite3_column_text(stmt, 2));
		status = store_step(store, stmt, &more, err);
		if (!status && more)
			status = error_set(err, STATUS_ERR_INVALID, _("'%s' names more than one stored file"), sha256);
	}
	sqlite3_reset(stmt);
	if (!status && !row)
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no stored file with SHA-256 %s"), sha256);
	else if (!status && (!copy || !name))
		status = STATUS_ERR_NOMEM;
	if (!status)
		status = write_export(path, name, copy, size, err);
	free(copy);
	free(name);
	return status;
}

/* Every stored file's bytes against its recorded SHA-256. */
enum status store_verify_attachments(struct store *store, struct error *err)
{
	static const char *const sql = "SELECT id, sha256, data FROM attachments ORDER BY id";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	char sha[65];
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		const void *data = sqlite3_column_blob(stmt, 2);

		store_sha256_hex(data ? data : "", (size_t)sqlite3_column_bytes(stmt, 2), sha);
		if (strcmp(sha, (const char *)sqlite3_column_text(stmt, 1)))
			status = error_set(err, STATUS_ERR_CORRUPT,
					   _("%s: attachments row %s: the stored file's bytes do not match its SHA-256 %s"),
					   store->path, (const char *)sqlite3_column_text(stmt, 0),
					   (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	return status;
}

/* The finding (its id by store_resolve), its check, and whether the user may act on it. */
static enum status finding_check(struct store *store, const char *finding_id, char id[33], char check_id[33],
				 int *scenario, int *item, char state[16], struct error *err)
{
	static const char *const sql =
		"SELECT coalesce(f.check_id, ''), f.scenario, f.item, f.status FROM findings f WHERE f.id = ?1";
	enum status status = store_resolve(store, STORE_FINDING, finding_id, id, err);
	sqlite3_stmt *stmt;
	bool row;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (status || !row) {
		sqlite3_reset(stmt);
		return status ? status
			      : error_set(err, STATUS_ERR_NOT_FOUND, _("no finding '%s' (gradus check show CHECK)"),
					  finding_id);
	}
	snprintf(check_id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	*scenario = sqlite3_column_int(stmt, 1);
	*item = sqlite3_column_int(stmt, 2);
	snprintf(state, 16, "%s", (const char *)sqlite3_column_text(stmt, 3));
	sqlite3_reset(stmt);
	return authority_check(store, AUTHORITY_FINDING_CHANGE, check_id, err);
}

static enum status set_finding(struct store *store, const char *id, const char *severity, const char *action,
			       const char *due_on, struct error *err)
{
	enum status status = STATUS_OK;
	struct date due;

	if (severity && strcmp(severity, "minor") && strcmp(severity, "major") && strcmp(severity, "critical"))
		return error_set(err, STATUS_ERR_INVALID, _("severity '%s': expected minor, major or critical"), severity);
	/* L10N: the name of a finding's due date in a refusal of it */
	if (due_on && (status = date_parse_named(_("due date"), due_on, &due, err)))
		return status;
	if (severity)
		status = store_update(store, "findings", id, "severity", severity, err);
	if (!status && action)
		status = store_update(store, "findings", id, "action", *action ? action : NULL, err);
	if (!status && due_on) {
		char text[DATE_TEXT_SIZE];

		date_format(due, text);
		status = store_update(store, "findings", id, "due_on", text, err);
	}
	return status;
}

enum status check_finding_set(struct store *store, const char *finding_id, const char *severity,
			      const char *action, const char *due_on, struct error *err)
{
	char check_id[33], state[16], id[33];
	int scenario, item;
	enum status status;

	if ((status = store_begin(store, err)))
		return status;
	status = finding_check(store, finding_id, id, check_id, &scenario, &item, state, err);
	if (!status && strcmp(state, "open"))
		status = error_set(err, STATUS_ERR_INVALID, _("finding %s is closed"), finding_id);
	if (!status)
		status = set_finding(store, id, severity, action, due_on, err);
	return store_finish(store, status, err);
}

static enum status close_finding(struct store *store, const char *id, const char *check_id, int scenario,
				 int item, const char *note, const char *path, struct error *err)
{
	char on[DATE_TEXT_SIZE], sha[65];
	bool added = false;
	/* a panel's rectification item has no check */
	enum status status = attach(store, *check_id ? check_id : NULL, scenario, item, path, id, sha, &added, err);

	date_format(store_today(store), on);
	if (!status)
		status = store_update(store, "findings", id, "status", "closed", err);
	if (!status)
		status = store_update(store, "findings", id, "closed_on", on, err);
	if (!status)
		status = store_update(store, "findings", id, "closed_by", store_actor(store), err);
	if (!status)
		status = store_update(store, "findings", id, "closing_note", note, err);
	return status;
}

enum status check_finding_close(struct store *store, const char *finding_id, const char *note, const char *path,
				struct error *err)
{
	char check_id[33], state[16], id[33];
	int scenario, item;
	enum status status;

	if (!note || !*note || !path || !*path)
		return error_set(err, STATUS_ERR_INVALID,
				 _("a finding is closed with evidence: a note of what was done and a file showing it"));
	if ((status = store_begin(store, err)))
		return status;
	status = finding_check(store, finding_id, id, check_id, &scenario, &item, state, err);
	if (!status && strcmp(state, "open"))
		status = error_set(err, STATUS_ERR_INVALID, _("finding %s is already closed"), finding_id);
	if (!status)
		status = close_finding(store, id, check_id, scenario, item, note, path, err);
	return store_finish(store, status, err);
}
