/* What the office checks of a bundle before reading it: its schema is the
 * one gradus makes, nothing added (a view, a trigger) that would run when
 * its tables are read; and what it checks of the names a bundle carries. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_auth.h"
#include "gradus/text/i18n.h"
#include "schema.h"

static const char *const master_sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";

static enum status expected_schema(sqlite3 **db, struct error *err)
{
	int rc = schema_expected_open(db, true);

	if (rc != SQLITE_OK)
		return error_set(err, STATUS_ERR_DB, _("the expected schema cannot be made (%s)"), sqlite3_errstr(rc));
	return STATUS_OK;
}

static bool same_column(sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
	const char *x = (const char *)sqlite3_column_text(a, column), *y = (const char *)sqlite3_column_text(b, column);

	return strcmp_safe(x, y) == 0 && (x == NULL) == (y == NULL);
}

/* The first object one side has and the other has not, or has otherwise:
 * rows in (type, name) order; the smaller of two different ones. */
static enum status schema_differs(const char *path, sqlite3_stmt *want, int rc_want, sqlite3_stmt *have, int rc_have,
				  struct error *err)
{
	const char *what = NULL;

	if (rc_want == SQLITE_ROW && rc_have == SQLITE_ROW) {
		int order = strcmp((const char *)sqlite3_column_text(want, 0), (const char *)sqlite3_column_text(have, 0));

		if (!order)
			order = strcmp((const char *)sqlite3_column_text(want, 1), (const char *)sqlite3_column_text(have, 1));
		what = (const char *)sqlite3_column_text(order < 0 ? want : have, 1);
	} else if (rc_want == SQLITE_ROW) {
		what = (const char *)sqlite3_column_text(want, 1);
	} else if (rc_have == SQLITE_ROW) {
		what = (const char *)sqlite3_column_text(have, 1);
	}
	/* L10N: the bundle's file, then the first table, view, trigger or index that is not as gradus makes it */
	return error_set(err, STATUS_ERR_INVALID,
			 _("%s: the bundle's schema is not the one gradus writes (%s); nothing was read or applied"),
			 path, what ? what : "sqlite_master");
}

enum status bundle_schema_check(sqlite3 *bundle, const char *path, struct error *err)
{
	sqlite3 *expected = NULL;
	sqlite3_stmt *want = NULL, *have = NULL;
	enum status status = expected_schema(&expected, err);
	int rc_want = SQLITE_DONE, rc_have = SQLITE_DONE;

	if (status)
		goto cleanup;
	if (sqlite3_prepare_v2(expected, master_sql, -1, &want, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(bundle, master_sql, -1, &have, NULL) != SQLITE_OK) {
		status = error_set(err, STATUS_ERR_CORRUPT, _("%s: the bundle is damaged (%s); nothing was applied"), path,
				   sqlite3_errmsg(want ? bundle : expected));
		goto cleanup;
	}
	for (;;) {
		rc_want = sqlite3_step(want);
		rc_have = sqlite3_step(have);
		if (rc_want != SQLITE_ROW || rc_have != SQLITE_ROW)
			break;
		if (!same_column(want, have, 0) || !same_column(want, have, 1) || !same_column(want, have, 2) ||
		    !same_column(want, have, 3))
			break;
	}
	if (rc_want != SQLITE_DONE || rc_have != SQLITE_DONE)
		status = schema_differs(path, want, rc_want, have, rc_have, err);
cleanup:
	sqlite3_finalize(want);
	sqlite3_finalize(have);
	sqlite3_close(expected);
	return status;
}

char *bundle_plain_name(const char *name)
{
	const char *base = name ? name : "", *p;
	char *out, *q;

	for (p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (!(out = malloc(strlen(base) + sizeof("attachment"))))
		return NULL;
	for (q = out, p = base; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			*q++ = *p;
	*q = '\0';
	if (!*out || !strcmp(out, ".") || !strcmp(out, ".."))
		strcpy(out, "attachment");
	return out;
}

bool bundle_listed(const char *list, const char *login)
{
	size_t length = strlen(login);
	const char *p = length ? list : NULL; /* no one has an empty login */

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == length && !strncmp(p, login, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}
