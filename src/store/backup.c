/* A consistent copy of the database while others write: SQLite's online
 * backup API reading one snapshot (WAL lets the writers go on), written
 * in a private folder beside the target and renamed into place once whole
 * (safe_file.h). */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static enum status copy_into(struct store *store, sqlite3 *dest, const char *path, struct error *err)
{
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", store->db, "main");
	int rc;

	if (!backup)
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), path, sqlite3_errmsg(dest));
	/* All pages in one step: one read transaction, so one snapshot. */
	while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(backup);
	if (rc != SQLITE_DONE)
		return error_set(err, rc == SQLITE_FULL ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: the copy failed: %s"),
				 path, sqlite3_errstr(rc));
	return STATUS_OK;
}

/* The copy at exactly path, a name in a private folder (safe_database). */
enum status store_backup_into(struct store *store, const char *path, struct error *err)
{
	sqlite3 *dest = NULL;
	enum status status;

	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), path, dest ? sqlite3_errmsg(dest) : strerror(errno));
		sqlite3_close(dest);
		return status;
	}
	status = copy_into(store, dest, path, err);
	/* The copy is a plain rollback-journal file, whole in itself. */
	if (!status && sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), path, sqlite3_errmsg(dest));
	if (sqlite3_close(dest) != SQLITE_OK && !status)
		status = error_set(err, STATUS_ERR_IO, _("%s: could not be closed"), path);
	return status;
}

enum status store_backup(struct store *store, const char *path, struct error *err)
{
	struct safe_database db;
	enum status status = safe_database_begin(&db, path, SAFE_FILE_NEW, err);

	if (status)
		return status;
	status = store_backup_into(store, db.temp, err);
	if (status) {
		safe_database_abort(&db);
		return status;
	}
	return safe_database_commit(&db, 0600, err);
}
