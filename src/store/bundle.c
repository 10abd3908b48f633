/* Writing a visit bundle, and recording the writes made in one.
 *
 * A bundle is a fresh database built from some cases: the office's schema,
 * the rows those cases need and their search index, nothing else, with an
 * empty audit chain and a manifest naming its source database and the
 * SHA-256 of its content. Opened with
 * gradus like any database, it records each committed write as a changeset
 * of SQLite's session extension in bundle_changes, in the same transaction;
 * the office applies them with bundle_in. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle_private.h"
#include "gradus/forms/labels.h"
#include "gradus/store/bundle.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"

static void digest_hex(struct sha256_ctx *ctx, char out[65])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	int i;

	sha256_digest(ctx, sizeof(digest), digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* A value as its type, its length and its bytes: no two rows hash alike. */
static void hash_value(struct sha256_ctx *ctx, int type, const void *bytes, size_t size)
{
	uint8_t head[9];
	int i;

	head[0] = (uint8_t)type;
	for (i = 0; i < 8; i++)
		head[1 + i] = (uint8_t)((uint64_t)size >> (8 * i));
	sha256_update(ctx, sizeof(head), head);
	if (size)
		sha256_update(ctx, size, bytes);
}

static void hash_text(struct sha256_ctx *ctx, const char *text)
{
	hash_value(ctx, SQLITE_TEXT, text, strlen(text));
}

static enum status hash_table(sqlite3 *db, struct sha256_ctx *ctx, const char *table, struct error *err)
{
	char sql[128];
	sqlite3_stmt *stmt;
	int rc, i, n;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY id", table);
	if ((rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL)) != SQLITE_OK)
		return error_set(err, STATUS_ERR_CORRUPT, _("%s: %s"), table, sqlite3_errmsg(db));
	hash_text(ctx, table);
	n = sqlite3_column_count(stmt);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (i = 0; i < n; i++) {
			int type = sqlite3_column_type(stmt, i);
			const void *bytes = type == SQLITE_BLOB ? sqlite3_column_blob(stmt, i)
								: (const void *)sqlite3_column_text(stmt, i);

			hash_value(ctx, type, bytes, (size_t)sqlite3_column_bytes(stmt, i));
		}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK
				 : error_set(err, STATUS_ERR_CORRUPT, _("%s: %s"), table, sqlite3_errstr(rc));
}

enum status bundle_content_hash(sqlite3 *db, char out[65], struct error *err)
{
	struct sha256_ctx ctx;
	enum status status = STATUS_OK;
	size_t i;

	sha256_init(&ctx);
	for (i = 0; !status && schema_table_at(i); i++)
		status = hash_table(db, &ctx, schema_table_at(i)->name, err);
	if (!status)
		digest_hex(&ctx, out);
	return status;
}

enum status bundle_manifest_hash(sqlite3 *db, char out[65], struct error *err)
{
	static const char *const sql =
		"SELECT key, value FROM bundle_manifest WHERE key <> 'manifest_sha256' ORDER BY key";
	struct sha256_ctx ctx;
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return error_set(err, STATUS_ERR_CORRUPT, _("no bundle manifest (%s)"), sqlite3_errmsg(db));
	sha256_init(&ctx);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		hash_value(&ctx, SQLITE_TEXT, sqlite3_column_text(stmt, 0), (size_t)sqlite3_column_bytes(stmt, 0));
		hash_value(&ctx, SQLITE_TEXT, sqlite3_column_text(stmt, 1), (size_t)sqlite3_column_bytes(stmt, 1));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return error_set(err, STATUS_ERR_CORRUPT, _("the bundle manifest cannot be read (%s)"), sqlite3_errstr(rc));
	digest_hex(&ctx, out);
	return STATUS_OK;
}

/* Whether the database has a manifest: read once, when the store opens. */
static enum status has_manifest(struct store *store, bool *is, struct error *err)
{
	sqlite3_stmt *stmt;
	enum status status;
	int rc = sqlite3_prepare_v2(store->db,
				    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bundle_manifest'", -1,
				    &stmt, NULL);

	*is = false;
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading the schema"));
	status = store_step(store, stmt, is, err);
	sqlite3_finalize(stmt);
	return status;
}

bool bundle_is(struct store *store)
{
	return store->bundle;
}

/* ---- recording the writes made in a bundle ---- */

/* Exactly the tables of the content hash: what the write path knows. */
static int recorded_table(void *unused, const char *table)
{
	(void)unused;
	return schema_table(table) != NULL;
}

static enum status session_start(struct store *store, struct error *err)
{
	int rc = sqlite3session_create(store->db, "main", &store->session);

	if (rc == SQLITE_OK) {
		sqlite3session_table_filter(store->session, recorded_table, NULL);
		rc = sqlite3session_attach(store->session, NULL);
	}
	if (rc != SQLITE_OK) {
		bundle_detach(store);
		return store_fail(store, rc, err, _("recording the bundle's changes"));
	}
	return STATUS_OK;
}

enum status bundle_attach(struct store *store, struct error *err)
{
	enum status status = has_manifest(store, &store->bundle, err);

	if (status || store->read_only || store->session || !store->bundle)
		return status;
	return session_start(store, err);
}

void bundle_detach(struct store *store)
{
	if (store->session)
		sqlite3session_delete(store->session);
	store->session = NULL;
}

/* At the outermost commit: the transaction's changes as one changeset,
 * appended in the same transaction; then a fresh session for the next. */
enum status bundle_record(struct store *store, struct error *err)
{
	static const char *const sql = "INSERT INTO bundle_changes (sha256, data, actor) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *stmt;
	void *data = NULL;
	char sha[65];
	int size = 0, rc;

	if (!store->session)
		return STATUS_OK;
	rc = sqlite3session_changeset(store->session, &size, &data);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("recording the bundle's changes"));
	if (size > 0) {
		store_sha256_hex(data, (size_t)size, sha);
		if (!(stmt = store_prepare(store, sql, err))) {
			sqlite3_free(data);
			return STATUS_ERR_DB;
		}
		sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 2, data, size, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, store_actor(store), -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
	} else {
		rc = SQLITE_DONE;
	}
	sqlite3_free(data);
	if (rc != SQLITE_DONE)
		return store_fail(store, rc, err, _("recording the bundle's changes"));
	bundle_detach(store);
	return session_start(store, err);
}

/* ---- writing a bundle ---- */

/* The rows the kept cases (temp.keep) need, copied from the office
 * (attached as "office") into the fresh bundle, each table reached through
 * its index on the case, check, panel, session or kpi (or its primary key),
 * so that the cost is that of the cases, not of the office. Rows keep their
 * order (ORDER BY rowid: lists break ties by it). Users stay whole; experts
 * are those the bundled panels name; the audit chain starts afresh, and
 * conflicts and the bundles applied or issued stay at the office. Evidence
 * always hangs from a check (evidence.c), findings from a check or a panel. */
static const char *const copy_sql[] = {
	"DELETE FROM main.meta",
	"INSERT INTO main.meta SELECT * FROM office.meta",
	"INSERT INTO main.users SELECT * FROM office.users ORDER BY rowid",
	"INSERT INTO main.cases SELECT * FROM office.cases WHERE id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.factories SELECT * FROM office.factories WHERE id IN (SELECT factory_id FROM main.cases)"
	" ORDER BY rowid",
	"INSERT INTO main.enterprises SELECT * FROM office.enterprises"
	" WHERE id IN (SELECT enterprise_id FROM main.factories) ORDER BY rowid",
	"INSERT INTO main.case_materials SELECT * FROM office.case_materials WHERE case_id IN (SELECT id FROM temp.keep)"
	" ORDER BY rowid",
	"INSERT INTO main.events SELECT * FROM office.events WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.case_dues SELECT * FROM office.case_dues WHERE case_id IN (SELECT id FROM temp.keep)",
	"INSERT INTO main.checks SELECT * FROM office.checks WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.check_inspectors SELECT * FROM office.check_inspectors"
	" WHERE check_id IN (SELECT id FROM main.checks) ORDER BY rowid",
	"INSERT INTO main.check_scenarios SELECT * FROM office.check_scenarios"
	" WHERE check_id IN (SELECT id FROM main.checks) ORDER BY rowid",
	"INSERT INTO main.check_items SELECT * FROM office.check_items WHERE check_id IN (SELECT id FROM main.checks)"
	" ORDER BY rowid",
	"INSERT INTO main.answers SELECT * FROM office.answers WHERE check_id IN (SELECT id FROM main.checks) ORDER BY rowid",
	"INSERT INTO main.signatures SELECT * FROM office.signatures WHERE check_id IN (SELECT id FROM main.checks)"
	" ORDER BY rowid",
	"INSERT INTO main.amendments SELECT * FROM office.amendments WHERE check_id IN (SELECT id FROM main.checks)"
	" ORDER BY rowid",
	"INSERT INTO main.panels SELECT * FROM office.panels WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.panel_members SELECT * FROM office.panel_members WHERE panel_id IN (SELECT id FROM main.panels)"
	" ORDER BY rowid",
	"INSERT INTO main.panel_notes SELECT * FROM office.panel_notes WHERE panel_id IN (SELECT id FROM main.panels)"
	" ORDER BY rowid",
	"INSERT INTO main.experts SELECT * FROM office.experts WHERE id IN (SELECT chair_id FROM main.panels"
	" UNION SELECT expert_id FROM main.panel_members UNION SELECT expert_id FROM main.panel_notes) ORDER BY rowid",
	"INSERT INTO main.findings SELECT * FROM office.findings WHERE check_id IN (SELECT id FROM main.checks)"
	" AND case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.findings SELECT * FROM office.findings WHERE panel_id IN (SELECT id FROM main.panels)"
	" AND case_id IN (SELECT id FROM temp.keep) AND (check_id IS NULL OR check_id NOT IN (SELECT id FROM main.checks))"
	" ORDER BY rowid",
	"INSERT INTO main.evidence SELECT * FROM office.evidence WHERE check_id IN (SELECT id FROM main.checks)"
	" AND (finding_id IS NULL OR finding_id IN (SELECT id FROM main.findings)) ORDER BY rowid",
	"INSERT INTO main.attachments SELECT * FROM office.attachments WHERE id IN (SELECT attachment_id FROM main.evidence)"
	" ORDER BY rowid",
	"INSERT INTO main.cultivation_plans SELECT * FROM office.cultivation_plans"
	" WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.milestones SELECT * FROM office.milestones WHERE case_id IN (SELECT id FROM temp.keep)"
	" ORDER BY rowid",
	"INSERT INTO main.guidance_sessions SELECT * FROM office.guidance_sessions"
	" WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.followups SELECT * FROM office.followups WHERE session_id IN (SELECT id FROM main.guidance_sessions)"
	" AND case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.progress_reports SELECT * FROM office.progress_reports"
	" WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.kpis SELECT * FROM office.kpis WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.kpi_values SELECT * FROM office.kpi_values WHERE kpi_id IN (SELECT id FROM main.kpis) ORDER BY rowid",
	"INSERT INTO main.readiness SELECT * FROM office.readiness WHERE case_id IN (SELECT id FROM temp.keep) ORDER BY rowid",
	"INSERT INTO main.objections SELECT * FROM office.objections WHERE case_id IN (SELECT id FROM temp.keep)"
	" ORDER BY rowid",
};

const char *bundle_copy_statement(size_t i)
{
	return i < sizeof(copy_sql) / sizeof(copy_sql[0]) ? copy_sql[i] : NULL;
}

static enum status copy_exec(sqlite3 *db, const char *sql, const char *path, struct error *err)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return STATUS_OK;
	return error_set(err, rc == SQLITE_FULL ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), path, sqlite3_errmsg(db));
}

/* One text parameter per statement: the key and value of a manifest row,
 * or the id of a kept case. */
static enum status copy_put(sqlite3 *db, const char *sql, const char *a, const char *b, const char *path,
			    struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
		if (b)
			sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
	return rc == SQLITE_DONE ? STATUS_OK : error_set(err, STATUS_ERR_IO, _("%s: %s"), path, sqlite3_errmsg(db));
}

/* The case ids (and numbers, comma-separated) of the keys given. */
static enum status resolve_cases(struct store *store, const char *const *cases, size_t count, char **ids,
				 char **numbers, struct error *err)
{
	static const char *const sql = "SELECT id, number FROM cases WHERE id = ?1";
	size_t i, size = count * 70 + 1;
	sqlite3_stmt *stmt;
	enum status status;
	char id[33];
	bool row;

	*ids = calloc(1, size);
	*numbers = calloc(1, size + count * 64);
	if (!*ids || !*numbers)
		return STATUS_ERR_NOMEM;
	for (i = 0; i < count; i++) {
		status = store_resolve(store, STORE_CASE, cases[i], id, err);
		if (status == STATUS_ERR_NOT_FOUND)
			return error_set(err, status, _("no case '%s'; no bundle was written"), cases[i]);
		if (status)
			return status;
		if (!(stmt = store_prepare(store, sql, err)))
			return STATUS_ERR_DB;
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		if ((status = store_step(store, stmt, &row, err)) || !row ||
		    strlen((const char *)sqlite3_column_text(stmt, 1)) > 100) {
			sqlite3_reset(stmt);
			return status ? status
				      : error_set(err, STATUS_ERR_NOT_FOUND, _("no case '%s'; no bundle was written"),
						  cases[i]);
		}
		if (strstr(*ids, (const char *)sqlite3_column_text(stmt, 0))) {
			sqlite3_reset(stmt);
			continue;
		}
		strcat(*ids, **ids ? "," : "");
		strcat(*ids, (const char *)sqlite3_column_text(stmt, 0));
		strcat(*numbers, **numbers ? "," : "");
		strcat(*numbers, (const char *)sqlite3_column_text(stmt, 1));
		sqlite3_reset(stmt);
	}
	return STATUS_OK;
}

static enum status check_inspector(struct store *store, const char *login, struct error *err)
{
	static const char *const sql = "SELECT role FROM users WHERE login = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!login)
		return STATUS_OK;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && (!row || !authority_allows((const char *)sqlite3_column_text(stmt, 0), AUTHORITY_CHECK_ANSWER)))
		status = error_set(err, STATUS_ERR_INVALID, _("inspector '%s': not a user with the inspector role"), login);
	sqlite3_reset(stmt);
	return status;
}

enum status bundle_database_id(struct store *store, char out[65], struct error *err)
{
	static const char *const sql = "SELECT value FROM meta WHERE key = 'database_id'";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, 65, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : error_set(err, STATUS_ERR_CORRUPT, _("%s: no database id"), store->path);
}

/* The manifest, its content hash over the rows as they are now, and the
 * manifest's own hash last. */
static enum status write_manifest(struct store *store, sqlite3 *db, const char *part, const char *bundle_id,
				  const char *numbers, const char *ids, const char *inspector, char manifest[65],
				  struct error *err)
{
	static const char *const put = "INSERT INTO bundle_manifest (key, value) VALUES (?1, ?2)";
	char source[65], content[65], now[STORE_TIMESTAMP_SIZE], schema[16];
	enum status status = bundle_database_id(store, source, err);

	if (status)
		return status;
	store_timestamp(now);
	snprintf(schema, sizeof(schema), "%d", schema_latest_version());
	if ((status = bundle_content_hash(db, content, err)))
		return status;
	const char *rows[][2] = {
		{ "format", "2" }, { "bundle_id", bundle_id }, { "source", source }, { "created_at", now }, { "created_by", store_actor(store) },
		{ "cases", numbers }, { "case_ids", ids }, { "inspector", inspector ? inspector : "" },
		{ "schema", schema }, { "content_sha256", content },
	};
	for (size_t i = 0; !status && i < sizeof(rows) / sizeof(rows[0]); i++)
		status = copy_put(db, put, rows[i][0], rows[i][1], part, err);
	if (!status)
		status = bundle_manifest_hash(db, manifest, err);
	if (!status)
		status = copy_put(db, put, "manifest_sha256", manifest, part, err);
	return status;
}

/* path as a URI filename ("file:" and the path, percent-encoded), so that
 * the office can be attached read-only whatever its name holds. */
static char *file_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = malloc(strlen("file:") + 3 * strlen(path) + strlen(query) + 1), *at;
	const unsigned char *p;

	if (!uri)
		return NULL;
	at = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			*at++ = (char)*p;
		} else {
			*at++ = '%';
			*at++ = hex[*p >> 4];
			*at++ = hex[*p & 15];
		}
	strcpy(at, query);
	return uri;
}

/* The fresh bundle at part (created empty by bundle_out) opened: never
 * through a symbolic link, and the very file created. */
static enum status open_part(const char *part, const struct stat *made, sqlite3 **db, struct error *err)
{
	char *uri = file_uri(part, "");
	struct stat now;
	int rc;

	if (!uri)
		return STATUS_ERR_NOMEM;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), part, *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
	if (lstat(part, &now) || now.st_dev != made->st_dev || now.st_ino != made->st_ino)
		/* L10N: the bundle's temporary file was replaced while it was written */
		return error_set(err, STATUS_ERR_IO, _("%s: replaced while being written; no bundle was written"), part);
	return STATUS_OK;
}

/* The schema an office database has: every migration, its user_version. */
static enum status make_schema(sqlite3 *db, const char *part, struct error *err)
{
	enum status status = copy_exec(db, "PRAGMA journal_mode = MEMORY; BEGIN", part, err);
	char pragma[64];
	int version;

	for (version = 1; !status && version <= schema_latest_version(); version++)
		status = copy_exec(db, schema_migration(version), part, err);
	if (!status)
		status = copy_exec(db, schema_fresh_end(), part, err);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; COMMIT", schema_latest_version());
	return status ? status : copy_exec(db, pragma, part, err);
}

/* The rows the cases need, read from the office in one transaction (one
 * snapshot of it), the office attached read-only. */
static enum status copy_rows(struct store *store, sqlite3 *db, const char *part, const char *ids, struct error *err)
{
	static const char *const keep_sql =
		"INSERT INTO temp.keep SELECT value FROM json_each('[\"' || replace(?1, ',', '\",\"') || '\"]')";
	char *uri = file_uri(store->path, "?mode=ro");
	enum status status;
	size_t i;

	if (!uri)
		return STATUS_ERR_NOMEM;
	status = copy_put(db, "ATTACH ?1 AS office", uri, NULL, part, err);
	free(uri);
	if (!status)
		status = copy_exec(db, "BEGIN; CREATE TEMP TABLE keep (id TEXT PRIMARY KEY)", part, err);
	if (!status)
		status = copy_put(db, keep_sql, ids, NULL, part, err);
	for (i = 0; !status && bundle_copy_statement(i); i++)
		status = copy_exec(db, bundle_copy_statement(i), part, err);
	if (!status)
		status = copy_exec(db, "DROP TABLE temp.keep; COMMIT; DETACH office", part, err);
	return status;
}

/* Builds the bundle in the fresh file at part: the schema, the rows the
 * cases need, their search index, then the bundle's own tables and its
 * manifest. Nothing else of the office ever enters the file. */
static enum status make_bundle(struct store *store, const char *part, const struct stat *made, const char *bundle_id,
			       const char *ids, const char *numbers, const char *inspector, char manifest[65],
			       struct error *err)
{
	struct store copy = { 0 };
	enum status status = open_part(part, made, &copy.db, err);

	copy.path = (char *)part;
	if (!status)
		status = make_schema(copy.db, part, err);
	if (!status)
		status = copy_rows(store, copy.db, part, ids, err);
	if (!status)
		status = copy_exec(copy.db, "BEGIN", part, err);
	if (!status)
		status = store_search_rebuild(&copy, err);
	if (!status)
		status = copy_exec(copy.db, schema_bundle_tables(), part, err);
	if (!status)
		status = write_manifest(store, copy.db, part, bundle_id, numbers, ids, inspector, manifest, err);
	if (!status)
		status = copy_exec(copy.db, "COMMIT; PRAGMA journal_mode = DELETE", part, err);
	store_statements_finalize(&copy);
	if (sqlite3_close(copy.db) != SQLITE_OK && !status)
		status = error_set(err, STATUS_ERR_IO, _("%s: could not be closed"), part);
	return status;
}

/* part created anew, exclusively: a file or a symbolic link left there
 * goes first (unlink follows no link), and one planted in between makes
 * the creation fail rather than be followed. */
static enum status create_part(const char *part, struct stat *made, struct error *err)
{
	int fd;

	if (unlink(part) && errno != ENOENT)
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), part, strerror(errno));
	fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), part, strerror(errno));
	if (fstat(fd, made)) {
		close(fd);
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), part, strerror(errno));
	}
	close(fd);
	return STATUS_OK;
}

/* The office's record of the bundle it issues (bundles_issued): what
 * bundle_in.c trusts, never the bundle's own copy. */
static enum status record_issued(struct store *store, const char *bundle_id, const char *manifest, const char *ids,
				 const char *inspector, struct error *err)
{
	char head[65], now[STORE_TIMESTAMP_SIZE];
	enum status status = store_audit_head(store, head, err);

	if (status)
		return status;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "manifest_sha256", manifest }, { "case_ids", ids }, { "inspectors", inspector ? inspector : "" },
			{ "audit_head", *head ? head : NULL }, { "created_by", store_actor(store) }, { "created_at", now },
		};
		if ((status = store_begin(store, err)))
			return status;
		status = store_insert(store, "bundles_issued", bundle_id, fields, 6, err);
		return store_finish(store, status, err);
	}
}

enum status bundle_out(struct store *store, const char *const *cases, size_t case_count, const char *inspector,
		       const char *path, struct error *err)
{
	char *ids = NULL, *numbers = NULL, bundle_id[33], manifest[65];
	struct safe_database part = { 0 };
	struct stat made;
	enum status status;

	if ((status = authority_check(store, AUTHORITY_BUNDLE_OUT, NULL, err)))
		return status;
	if (bundle_is(store))
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s is a bundle: bundles are written from the office database"), store->path);
	if (!case_count)
		return error_set(err, STATUS_ERR_USAGE, _("no cases given; no bundle was written"));
	status = check_inspector(store, inspector, err);
	if (!status)
		status = resolve_cases(store, cases, case_count, &ids, &numbers, err);
	/* built in a private folder beside path, renamed there once whole */
	if (!status)
		status = safe_database_begin(&part, path, SAFE_FILE_NEW, err);
	if (status)
		goto cleanup;
	status = store_new_id(bundle_id);
	if (!status)
		status = create_part(part.temp, &made, err);
	if (!status)
		status = make_bundle(store, part.temp, &made, bundle_id, ids, numbers, inspector, manifest, err);
	if (!status)
		status = record_issued(store, bundle_id, manifest, ids, inspector, err);
	if (!status)
		status = safe_database_commit(&part, 0600, err);
	else
		safe_database_abort(&part);
cleanup:
	free(ids);
	free(numbers);
	return status;
}
