/* Every file gradus writes (exports, reports, backups, bundles, attachments,
 * settings) is written whole or not at all and never through a symbolic
 * link: first to a temporary file made exclusively beside the target under
 * a random name (O_CREAT|O_EXCL|O_NOFOLLOW), synced, then renamed over the
 * target. A symbolic link at the target is refused, never written through. */
#ifndef GRADUS_SAFE_FILE_H
#define GRADUS_SAFE_FILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "gradus/text/status.h"

enum safe_file_target {
	SAFE_FILE_REPLACE, /* an existing regular file is replaced */
	SAFE_FILE_NEW,     /* an existing file is refused: "exists: not overwritten" */
	/* as SAFE_FILE_REPLACE, but not synced to the disk: a preference saved
	 * on a key (the list's state file), which a crash of the machine may
	 * take back to what it was, never half written; two syncs are most of
	 * a frame */
	SAFE_FILE_PREFERENCE,
};

struct safe_file {
	FILE *stream; /* write here */
	char *path;   /* the target */
	char *temp;   /* the temporary file beside it */
	enum safe_file_target target;
};

/* Checks the target (refused: a symbolic link; with SAFE_FILE_NEW, anything
 * there) and makes the temporary file with mode (less the umask). */
enum status safe_file_open(struct safe_file *file, const char *path, enum safe_file_target target, mode_t mode,
			   struct error *err);
/* Flushes, syncs (but a SAFE_FILE_PREFERENCE) and closes the stream, then
 * renames the temporary file over the target; on failure the temporary file
 * is removed. */
enum status safe_file_commit(struct safe_file *file, struct error *err);
/* Removes the temporary file and frees (after a failed write). */
void safe_file_abort(struct safe_file *file);
/* The three above for bytes already in memory. */
enum status safe_file_write(const char *path, const void *bytes, size_t size, enum safe_file_target target,
			    mode_t mode, struct error *err);

/* A file from outside opened for reading, refused unless it is a regular
 * file: a FIFO or a device put where a file is expected is never waited on. */
FILE *safe_file_read(const char *path, struct error *err);

/* A database SQLite writes by name (a backup, a bundle): SQLite opens it
 * and its journals by name, so they are made inside a private folder (0700,
 * random name) beside the target where no one else can place a link; the
 * database is renamed to the target once whole and the folder removed. */
struct safe_database {
	char *path;   /* the target */
	char *folder; /* the private folder */
	char *temp;   /* the database's name inside it: give this to SQLite */
	enum safe_file_target target;
};

enum status safe_database_begin(struct safe_database *db, const char *path, enum safe_file_target target,
				struct error *err);
/* Syncs the database, gives it mode and renames it over the target. */
enum status safe_database_commit(struct safe_database *db, mode_t mode, struct error *err);
/* Removes the folder and what is in it, and frees. */
void safe_database_abort(struct safe_database *db);

/* A name from outside (an attachment's stored name, a file being attached)
 * as a plain file name: what follows the last '/' or '\', without control
 * characters; NULL (err set) when nothing is left or it is "." or "..".
 * The caller frees. */
char *safe_file_name(const char *name, struct error *err);

#endif
