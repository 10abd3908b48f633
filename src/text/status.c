#include <stdarg.h>
#include <stdio.h>

#include "gradus/text/i18n.h"
#include "gradus/text/status.h"

static const char *const messages[] = {
	[STATUS_OK] = N_("ok"),
	[STATUS_ERR_NOMEM] = N_("out of memory"),
	[STATUS_ERR_IO] = N_("input/output error"),
	[STATUS_ERR_PARSE] = N_("malformed input"),
	[STATUS_ERR_INVALID] = N_("invalid value"),
	[STATUS_ERR_NOT_FOUND] = N_("not found"),
	[STATUS_ERR_EXISTS] = N_("already exists"),
	[STATUS_ERR_DB] = N_("database error"),
	[STATUS_ERR_BUSY] = N_("database is busy"),
	[STATUS_ERR_READONLY] = N_("database is read-only"),
	[STATUS_ERR_CORRUPT] = N_("database file is damaged or not a gradus database"),
	[STATUS_ERR_FULL] = N_("disk is full"),
	[STATUS_ERR_FORMS] = N_("forms error"),
	[STATUS_ERR_USAGE] = N_("usage error"),
	[STATUS_ERR_DENIED] = N_("permission denied"),
	[STATUS_ERR_CONFLICT] = N_("changed by someone else since it was read"),
	[STATUS_ERR_TERMINAL] = N_("terminal error"),
	/* L10N: a write refused because its record is signed (a check, a panel) or its case closed */
	[STATUS_ERR_SEALED] = N_("signed or closed: read-only"),
};

_Static_assert(sizeof(messages) / sizeof(messages[0]) == STATUS_COUNT, "a message for every status");

const char *status_message(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT || !messages[status])
		return _("unknown status");
	return _(messages[status]);
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
