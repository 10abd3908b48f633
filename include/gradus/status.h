/* One list of outcomes for every fallible function in gradus. */
#ifndef GRADUS_STATUS_H
#define GRADUS_STATUS_H

#include <stddef.h>

#define GRADUS_STATUS_LIST(_) \
	_(OK, "ok") \
	_(ERR_NOMEM, "out of memory") \
	_(ERR_IO, "input/output error") \
	_(ERR_PARSE, "malformed input") \
	_(ERR_INVALID, "invalid value") \
	_(ERR_NOT_FOUND, "not found") \
	_(ERR_EXISTS, "already exists") \
	_(ERR_DB, "database error") \
	_(ERR_BUSY, "database is busy") \
	_(ERR_READONLY, "database is read-only") \
	_(ERR_CORRUPT, "database file is damaged or not a gradus database") \
	_(ERR_FULL, "disk is full") \
	_(ERR_FORMS, "forms error") \
	_(ERR_USAGE, "usage error") \
	_(ERR_DENIED, "permission denied") \
	_(ERR_CONFLICT, "changed by someone else since it was read") \
	_(ERR_TERMINAL, "terminal error")

enum status {
#define STATUS_ENUM(name, msg) STATUS_##name,
	GRADUS_STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	STATUS_COUNT
};

/* The English message of a status (translate with _() at the edge). */
const char *status_message(enum status status);

/* A human message written by a failing function: which file, line, field,
 * what was expected. Error text only, never user data storage. */
struct error {
	char message[1024];
};

/* printf into err->message (err may be NULL); returns `status`. */
enum status error_set(struct error *err, enum status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
