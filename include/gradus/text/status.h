/* One list of outcomes for every fallible function in gradus. */
#ifndef GRADUS_STATUS_H
#define GRADUS_STATUS_H

#include <stddef.h>

#define GRADUS_STATUS_LIST(_) \
	_(OK) \
	_(ERR_NOMEM) \
	_(ERR_IO) \
	_(ERR_PARSE) \
	_(ERR_INVALID) \
	_(ERR_NOT_FOUND) \
	_(ERR_EXISTS) \
	_(ERR_DB) \
	_(ERR_BUSY) \
	_(ERR_READONLY) \
	_(ERR_CORRUPT) \
	_(ERR_FULL) \
	_(ERR_FORMS) \
	_(ERR_USAGE) \
	_(ERR_DENIED) \
	_(ERR_CONFLICT) \
	_(ERR_TERMINAL) \
	_(ERR_SEALED)

enum status {
#define STATUS_ENUM(name) STATUS_##name,
	GRADUS_STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	STATUS_COUNT
};

/* The message of a status, translated (its English in src/text/status.c). */
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
