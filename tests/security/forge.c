/* forge: what an attacker with the source code can do to a bundle, for the
 * security tests. Built against libgradus, it hashes exactly as gradus does.
 *
 *   forge BUNDLE [--pre SQL] --actor LOGIN --sql SQL
 *       runs SQL inside the bundle under a session of SQLite's session
 *       extension (the tables gradus records), appends its changeset as a
 *       new recorded change made by LOGIN, then recomputes every hash; SQL
 *       given with --pre runs first, unrecorded (rows the attack needs).
 *   forge BUNDLE --rehash
 *       recomputes every hash after edits made with the sqlite3 shell: each
 *       change's SHA-256, the content's (the changes undone on a copy in
 *       memory, as bundle_in checks it) and the manifest's.
 *
 * Exit 0 when the bundle was rewritten. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/bundle_private.h"
#include "store/schema.h"
#include "store/store_private.h"

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "forge: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
	return 1;
}

static int recorded_table(void *unused, const char *table)
{
	(void)unused;
	return schema_table(table) != NULL;
}

/* SQL under a session; its changeset appended as a change made by actor. */
static int record(sqlite3 *db, const char *sql, const char *actor)
{
	sqlite3_session *session = NULL;
	sqlite3_stmt *stmt = NULL;
	void *data = NULL;
	int size = 0, rc;
	char sha[65];

	if (sqlite3session_create(db, "main", &session) != SQLITE_OK)
		return fail(db, "session");
	sqlite3session_table_filter(session, recorded_table, NULL);
	sqlite3session_attach(session, NULL);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3session_changeset(session, &size, &data);
	sqlite3session_delete(session);
	if (rc != SQLITE_OK)
		return fail(db, sql);
	store_sha256_hex(data, (size_t)size, sha);
	rc = sqlite3_prepare_v2(db, "INSERT INTO bundle_changes (sha256, data, actor) VALUES (?1, ?2, ?3)", -1, &stmt,
				NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 2, data, size, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, actor, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(stmt);
	sqlite3_free(data);
	return rc == SQLITE_OK ? 0 : fail(db, "appending the change");
}

static int conflict_abort(void *unused, int conflict, sqlite3_changeset_iter *iter)
{
	(void)unused;
	(void)conflict;
	(void)iter;
	return SQLITE_CHANGESET_ABORT;
}

/* The content as bundle_in sees it: every change undone, newest first. */
static int content_hash(sqlite3 *db, char out[65])
{
	sqlite3 *memory = NULL;
	sqlite3_backup *backup;
	sqlite3_stmt *stmt = NULL;
	struct error err = { "" };
	int rc = sqlite3_open(":memory:", &memory);

	backup = rc == SQLITE_OK ? sqlite3_backup_init(memory, "main", db, "main") : NULL;
	rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
	sqlite3_backup_finish(backup);
	if (rc == SQLITE_DONE)
		rc = sqlite3_prepare_v2(db, "SELECT data FROM bundle_changes ORDER BY seq DESC", -1, &stmt, NULL);
	while (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		void *inverse = NULL;
		int size = 0;

		rc = sqlite3changeset_invert(sqlite3_column_bytes(stmt, 0), (void *)sqlite3_column_blob(stmt, 0), &size,
					     &inverse);
		if (rc == SQLITE_OK)
			rc = sqlite3changeset_apply(memory, size, inverse, NULL, conflict_abort, NULL);
		sqlite3_free(inverse);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_OK && bundle_content_hash(memory, out, &err))
		rc = SQLITE_ERROR;
	sqlite3_close(memory);
	if (rc != SQLITE_OK)
		fprintf(stderr, "forge: the content cannot be rebuilt (%s %s)\n", sqlite3_errstr(rc), err.message);
	return rc == SQLITE_OK ? 0 : 1;
}

static int put_manifest(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, "UPDATE bundle_manifest SET value = ?2 WHERE key = ?1", -1, &stmt, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? 0 : fail(db, key);
}

static int rehash(sqlite3 *db)
{
	static const char *const changes_sql = "SELECT seq, data FROM bundle_changes";
	struct error err = { "" };
	sqlite3_stmt *stmt = NULL, *put = NULL;
	char sha[65], content[65], manifest[65];
	int rc = sqlite3_prepare_v2(db, changes_sql, -1, &stmt, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE bundle_changes SET sha256 = ?2 WHERE seq = ?1", -1, &put, NULL);
	while (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		store_sha256_hex(sqlite3_column_blob(stmt, 1), (size_t)sqlite3_column_bytes(stmt, 1), sha);
		sqlite3_bind_int64(put, 1, sqlite3_column_int64(stmt, 0));
		sqlite3_bind_text(put, 2, sha, -1, SQLITE_STATIC);
		rc = sqlite3_step(put) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(put);
	}
	sqlite3_finalize(stmt);
	sqlite3_finalize(put);
	if (rc != SQLITE_OK)
		return fail(db, "the changes' SHA-256");
	/* The copy in memory is made of what is committed. */
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "COMMIT");
	if (content_hash(db, content) || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    put_manifest(db, "content_sha256", content))
		return 1;
	if (bundle_manifest_hash(db, manifest, &err))
		return fprintf(stderr, "forge: %s\n", err.message), 1;
	return put_manifest(db, "manifest_sha256", manifest);
}

int main(int argc, char **argv)
{
	const char *pre = NULL, *sql = NULL, *actor = NULL;
	bool only_rehash = false;
	sqlite3 *db = NULL;
	int i, rc = 0;

	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--pre") && i + 1 < argc)
			pre = argv[++i];
		else if (!strcmp(argv[i], "--sql") && i + 1 < argc)
			sql = argv[++i];
		else if (!strcmp(argv[i], "--actor") && i + 1 < argc)
			actor = argv[++i];
		else if (!strcmp(argv[i], "--rehash"))
			only_rehash = true;
		else
			argc = 0;
	if (argc < 3 || (!only_rehash && (!sql || !actor))) {
		fprintf(stderr, "usage: forge BUNDLE [--pre SQL] --actor LOGIN --sql SQL | forge BUNDLE --rehash\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return fail(db, argv[1]);
	rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK;
	if (!rc && pre && sqlite3_exec(db, pre, NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(db, pre);
	if (!rc && sql)
		rc = record(db, sql, actor);
	if (!rc)
		rc = rehash(db);
	if (!rc && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(db, "COMMIT");
	sqlite3_close(db);
	return rc;
}
