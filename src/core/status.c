#include <stdarg.h>
#include <stdio.h>

#include "gradus/status.h"

static const char *const messages[] = {
#define STATUS_MESSAGE(name, msg) msg,
	GRADUS_STATUS_LIST(STATUS_MESSAGE)
#undef STATUS_MESSAGE
};

const char *status_message(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT)
		return "unknown status";
	return messages[status];
}

enum status error_set(struct error *err, enum status status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}
