/* Who may reach a database file: private to its owner, or shared with the
 * group of an office on a terminal server; never writable by everyone. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

#define SHARED_FILE_MODE 0660
#define SHARED_DIR_MODE 02770 /* setgid: what is made inside stays the group's */

static const char *const sidecars[] = { "-wal", "-shm" };

static void sidecar_path(char *out, size_t size, const char *path, const char *suffix)
{
	snprintf(out, size, "%s%s", path, suffix);
}

/* The folder holding path: "." for a bare name. */
static void folder_of(char *out, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

static bool in_group(gid_t gid)
{
	gid_t groups[NGROUPS_MAX];
	int count, i;

	if (geteuid() == 0 || getegid() == gid)
		return true;
	count = getgroups(NGROUPS_MAX, groups);
	for (i = 0; i < count; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

enum status store_make_folders(const char *path, gid_t gid, struct error *err)
{
	char *copy = strdup(path);
	char *p;

	if (!copy)
		return STATUS_ERR_NOMEM;
	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) == 0) {
			if (gid != (gid_t)-1 && (chown(copy, (uid_t)-1, gid) || chmod(copy, SHARED_DIR_MODE))) {
				error_set(err, STATUS_ERR_IO, _("%s: cannot give the folder to its group: %s"),
					  copy, strerror(errno));
				free(copy);
				return STATUS_ERR_IO;
			}
		} else if (errno != EEXIST) {
			error_set(err, STATUS_ERR_IO, _("%s: cannot create folder: %s"), copy, strerror(errno));
			free(copy);
			return STATUS_ERR_IO;
		}
		*p = '/';
	}
	free(copy);
	return STATUS_OK;
}

static enum status share_file(const char *path, gid_t gid, const char *group, bool must_exist,
			      struct error *err)
{
	struct stat st;
	int fd;

	if (stat(path, &st)) {
		if (must_exist)
			return STATUS_OK;
		/* An empty file is a new SQLite database; made here it already has
		 * the group and mode, before a byte is written to it. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			return share_file(path, gid, group, true, err);
		if (fd < 0)
			return error_set(err, STATUS_ERR_IO, _("%s: cannot create the database: %s"),
					 path, strerror(errno));
		if (fchown(fd, (uid_t)-1, gid) || fchmod(fd, SHARED_FILE_MODE)) {
			error_set(err, STATUS_ERR_IO, _("%s: cannot give the database to group %s: %s"),
				  path, group, strerror(errno));
			close(fd);
			unlink(path);
			return STATUS_ERR_IO;
		}
		return close(fd) ? error_set(err, STATUS_ERR_IO, _("%s: %s"), path, strerror(errno)) : STATUS_OK;
	}
	if (st.st_gid == gid && (st.st_mode & 0777) == SHARED_FILE_MODE)
		return STATUS_OK;
	if (st.st_uid != geteuid() && geteuid() != 0)
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s: belongs to another user; only its owner can share it with group %s"),
				 path, group);
	if (chown(path, (uid_t)-1, gid) || chmod(path, SHARED_FILE_MODE))
		return error_set(err, STATUS_ERR_IO, _("%s: cannot give it to group %s: %s"),
				 path, group, strerror(errno));
	return STATUS_OK;
}

enum status store_share(const char *path, const char *group, struct error *err)
{
	char side[PATH_MAX];
	struct group *gr;
	enum status status;
	size_t i;
	gid_t gid;

	errno = 0;
	gr = getgrnam(group);
	if (!gr)
		return error_set(err, STATUS_ERR_NOT_FOUND,
				 _("no group named %s on this computer (getent group lists them)"), group);
	gid = gr->gr_gid;
	if (!in_group(gid))
		return error_set(err, STATUS_ERR_DENIED,
				 _("you are not a member of group %s, so you cannot share a database with it "
				   "(`id` lists your groups)"), group);
	status = store_make_folders(path, gid, err);
	if (!status)
		status = share_file(path, gid, group, false, err);
	for (i = 0; !status && i < sizeof(sidecars) / sizeof(*sidecars); i++) {
		sidecar_path(side, sizeof(side), path, sidecars[i]);
		status = share_file(side, gid, group, true, err);
	}
	return status;
}

enum status store_check_access(const char *path, struct error *err)
{
	char other[PATH_MAX];
	struct stat st;
	size_t i;

	/* Anyone who may write the file may rewrite its records and audit chain. */
	if (stat(path, &st) == 0 && (st.st_mode & S_IWOTH))
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s: anyone on this computer may change this file; not opened "
				   "(make it private with `chmod o-w %s`)"), path, path);
	/* ...and so may anyone who may write the log SQLite replays into it. */
	for (i = 0; i < sizeof(sidecars) / sizeof(*sidecars); i++) {
		sidecar_path(other, sizeof(other), path, sidecars[i]);
		if (stat(other, &st) == 0 && (st.st_mode & S_IWOTH))
			return error_set(err, STATUS_ERR_DENIED,
					 _("%s: anyone on this computer may change this file beside the database; "
					   "not opened (make it private with `chmod o-w %s`)"), other, other);
	}
	/* A folder anyone may write (without the sticky bit of /tmp) lets them
	 * replace the database by another file. */
	folder_of(other, sizeof(other), path);
	if (stat(other, &st) == 0 && (st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX))
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s: anyone on this computer may replace files in this folder; not opened "
				   "(make it private with `chmod o-w %s`)"), other, other);
	return STATUS_OK;
}

void store_share_sidecars(const char *path)
{
	char side[PATH_MAX];
	struct stat db, st;
	size_t i;

	/* SQLite makes -wal and -shm with the database's mode but the group of
	 * whoever opened it first; a shared database's must be the office's. */
	if (stat(path, &db) || !(db.st_mode & S_IWGRP))
		return;
	for (i = 0; i < sizeof(sidecars) / sizeof(*sidecars); i++) {
		sidecar_path(side, sizeof(side), path, sidecars[i]);
		if (stat(side, &st) || st.st_uid != geteuid())
			continue;
		if (st.st_gid != db.st_gid && chown(side, (uid_t)-1, db.st_gid))
			continue;
		if ((st.st_mode & 0777) != (db.st_mode & 0660))
			chmod(side, db.st_mode & 0660);
	}
}
