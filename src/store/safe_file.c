/* Files written whole or not at all, never through a symbolic link: a
 * temporary file made exclusively beside the target, then renamed. Someone
 * who may write in the target's folder can plant a link at a predictable
 * name (FILE.tmp, FILE.part); an exclusive create under a random name never
 * follows it, and rename replaces a name, never what a link points at. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"

#define TEMP_PREFIX ".gradus-"
#define RANDOM_BYTES 8

/* The folder part of path with its '/' ("" for a bare name). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) + 1 : 0;
	char *folder = malloc(len + 1);

	if (folder) {
		memcpy(folder, path, len);
		folder[len] = '\0';
	}
	return folder;
}

/* FOLDER/.gradus-RANDOM.SUFFIX: a fresh name beside the target. */
static char *random_name(const char *path, const char *suffix)
{
	unsigned char bytes[RANDOM_BYTES];
	char hex[2 * RANDOM_BYTES + 1], *folder, *name = NULL;
	size_t i;

	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes))
		return NULL;
	for (i = 0; i < sizeof(bytes); i++)
		snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
	folder = folder_of(path);
	if (folder && asprintf(&name, "%s" TEMP_PREFIX "%s%s", folder, hex, suffix) < 0)
		name = NULL;
	free(folder);
	return name;
}

/* What may be at the target before anything is written. */
static enum status check_target(const char *path, enum safe_file_target target, struct error *err)
{
	struct stat st;

	if (!*path)
		return error_set(err, STATUS_ERR_USAGE, _("no file name given"));
	if (lstat(path, &st)) {
		if (errno == ENOENT)
			return STATUS_OK;
		return error_set(err, STATUS_ERR_IO, _("%s: %s"), path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		/* L10N: a file gradus was asked to write is a symbolic link */
		return error_set(err, STATUS_ERR_DENIED, _("%s is a symbolic link: not written through it"), path);
	if (target == SAFE_FILE_NEW)
		return error_set(err, STATUS_ERR_EXISTS, _("%s exists: not overwritten"), path);
	if (!S_ISREG(st.st_mode))
		return error_set(err, STATUS_ERR_INVALID, _("%s: not a regular file"), path);
	return STATUS_OK;
}

/* Renames temp to path: never over a link, and with SAFE_FILE_NEW never
 * over anything (atomically where the file system can). */
static enum status move_into_place(const char *temp, const char *path, enum safe_file_target target,
				   struct error *err)
{
	enum status status;

	if (target == SAFE_FILE_NEW) {
		if (!renameat2(AT_FDCWD, temp, AT_FDCWD, path, RENAME_NOREPLACE))
			return STATUS_OK;
		if (errno == EEXIST) {
			status = check_target(path, target, err);
			return status ? status : error_set(err, STATUS_ERR_EXISTS, _("%s exists: not overwritten"), path);
		}
		if (errno != EINVAL && errno != ENOSYS)
			return error_set(err, STATUS_ERR_IO, _("%s: %s"), path, strerror(errno));
	}
	if ((status = check_target(path, target, err)))
		return status;
	if (rename(temp, path))
		return error_set(err, errno == ENOSPC ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), path,
				 strerror(errno));
	return STATUS_OK;
}

/* The folder's entry is on disk too, not only the file's bytes. */
static void sync_folder(const char *path)
{
	char *folder = folder_of(path);
	int fd = folder ? open(*folder ? folder : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(folder);
}

static void file_free(struct safe_file *file)
{
	free(file->path);
	free(file->temp);
	file->path = file->temp = NULL;
	file->stream = NULL;
}

enum status safe_file_open(struct safe_file *file, const char *path, enum safe_file_target target, mode_t mode,
			   struct error *err)
{
	enum status status;
	int fd = -1, tries;

	memset(file, 0, sizeof(*file));
	file->target = target;
	if ((status = check_target(path, target, err)))
		return status;
	if (!(file->path = strdup(path)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (tries = 0; fd < 0 && tries < 16; tries++) {
		free(file->temp);
		if (!(file->temp = random_name(path, ".tmp"))) {
			file_free(file);
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		}
		fd = open(file->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0 || !(file->stream = fdopen(fd, "wb"))) {
		status = error_set(err, errno == ENOSPC ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), path,
				   strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(file->temp);
		}
		file_free(file);
		return status;
	}
	return STATUS_OK;
}

enum status safe_file_commit(struct safe_file *file, struct error *err)
{
	enum status status = STATUS_OK;
	bool failed;

	failed = fflush(file->stream) || ferror(file->stream) ||
		 (file->target != SAFE_FILE_PREFERENCE && fsync(fileno(file->stream)));
	if (failed)
		status = error_set(err, errno == ENOSPC ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), file->path,
				   strerror(errno));
	if (fclose(file->stream) && !status)
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), file->path, strerror(errno));
	file->stream = NULL;
	if (!status)
		status = move_into_place(file->temp, file->path, file->target, err);
	if (status)
		unlink(file->temp);
	else if (file->target != SAFE_FILE_PREFERENCE)
		sync_folder(file->path);
	file_free(file);
	return status;
}

void safe_file_abort(struct safe_file *file)
{
	if (file->stream)
		fclose(file->stream);
	if (file->temp)
		unlink(file->temp);
	file_free(file);
}

enum status safe_file_write(const char *path, const void *bytes, size_t size, enum safe_file_target target,
			    mode_t mode, struct error *err)
{
	struct safe_file file;
	enum status status = safe_file_open(&file, path, target, mode, err);

	if (status)
		return status;
	if (size && fwrite(bytes, 1, size, file.stream) != size) {
		status = error_set(err, errno == ENOSPC ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), path,
				   strerror(errno));
		safe_file_abort(&file);
		return status;
	}
	return safe_file_commit(&file, err);
}

/* ---- reading ------------------------------------------------------------ */

FILE *safe_file_read(const char *path, struct error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *f = NULL;

	if (fd < 0) {
		error_set(err, STATUS_ERR_IO, _("%s: %s"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !(f = fdopen(fd, "rb"))) {
		close(fd);
		error_set(err, STATUS_ERR_IO, _("%s: not a regular file"), path);
		return NULL;
	}
	return f;
}

/* ---- databases ---------------------------------------------------------- */

static void database_free(struct safe_database *db)
{
	free(db->path);
	free(db->folder);
	free(db->temp);
	db->path = db->folder = db->temp = NULL;
}

enum status safe_database_begin(struct safe_database *db, const char *path, enum safe_file_target target,
				struct error *err)
{
	enum status status;

	memset(db, 0, sizeof(*db));
	db->target = target;
	if ((status = check_target(path, target, err)))
		return status;
	db->path = strdup(path);
	db->folder = random_name(path, ".d");
	if (!db->path || !db->folder) {
		database_free(db);
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	/* mkdir never follows a link placed at its name: it fails. */
	if (mkdir(db->folder, 0700)) {
		status = error_set(err, errno == ENOSPC ? STATUS_ERR_FULL : STATUS_ERR_IO, _("%s: %s"), path,
				   strerror(errno));
		database_free(db);
		return status;
	}
	if (asprintf(&db->temp, "%s/database", db->folder) < 0) {
		db->temp = NULL;
		safe_database_abort(db);
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	return STATUS_OK;
}

enum status safe_database_commit(struct safe_database *db, mode_t mode, struct error *err)
{
	enum status status = STATUS_OK;
	int fd = open(db->temp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 || fsync(fd) || fchmod(fd, mode))
		status = error_set(err, STATUS_ERR_IO, _("%s: %s"), db->path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (!status)
		status = move_into_place(db->temp, db->path, db->target, err);
	if (!status)
		sync_folder(db->path);
	safe_database_abort(db);
	return status;
}

void safe_database_abort(struct safe_database *db)
{
	struct dirent *entry;
	DIR *dir;
	int fd;

	if (db->folder && (fd = open(db->folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		/* the database and whatever journal SQLite left beside it */
		if ((dir = fdopendir(fd))) {
			while ((entry = readdir(dir)))
				if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
					unlinkat(fd, entry->d_name, 0);
			closedir(dir);
		} else {
			close(fd);
		}
		rmdir(db->folder);
	}
	database_free(db);
}

/* ---- names -------------------------------------------------------------- */

char *safe_file_name(const char *name, struct error *err)
{
	const char *start = name, *p;
	char *plain;
	size_t n = 0;

	for (p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			start = p + 1;
	if (!(plain = malloc(strlen(start) + 1))) {
		error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		return NULL;
	}
	for (p = start; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f)
			continue;
		/* C1 controls, U+0080..U+009F in UTF-8 */
		if (c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f) {
			p++;
			continue;
		}
		plain[n++] = (char)c;
	}
	plain[n] = '\0';
	if (!n || !strcmp(plain, ".") || !strcmp(plain, "..") || n > NAME_MAX) {
		/* L10N: a file's name from a bundle or an attachment that is no plain file name */
		error_set(err, STATUS_ERR_INVALID, _("'%s' is not a usable file name"), name);
		free(plain);
		return NULL;
	}
	return plain;
}
