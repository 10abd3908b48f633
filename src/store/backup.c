/* A consistent copy of the database while others write: SQLite's online
 * backup API reading one snapshot (WAL lets the writers go on), written
 * beside the target and renamed into place once whole. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gradus/i18n.h"
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

enum status store_backup(struct store *store, const char *path, struct error *err)
{
	char part[4096];
	sqlite3 *dest = NULL;
	struct stat st;
	enum status status;

	if (!stat(path, &st))
		return error_set(err, STATUS_ERR_EXISTS, _("%s exists: not overwritten"), path);
	if (snprintf(part, sizeof(part), "%s.part", path) >= (int)sizeof(part))
		return error_set(err, STATUS_ERR_INVALID, _("%s: path too long"), path);
	unlink(part);
	if (sqlite3_open_v2(part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), path, dest ? sqlite3_errmsg(dest) : strerror(errno));
		sqlite3_close(dest);
		return status;
	}
	chmod(part, 0600);
	status = copy_into(store, dest, path, err);
	/* The copy is a plain rollback-journal file, whole in itself. */
	if (!status && sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), path, sqlite3_errmsg(dest));
	if (sqlite3_close(dest) != SQLITE_OK && !status)
		status = error_set(err, STATUS_ERR_IO, _("%s: could not be closed"), path);
	if (!status && rename(part, path))
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), path, strerror(errno));
	if (status)
		unlink(part);
	return status;
}
