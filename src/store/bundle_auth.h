/* Private to store/: what the office checks of a bundle before and while
 * applying it (bundle_in.c). */
#ifndef GRADUS_STORE_BUNDLE_AUTH_H
#define GRADUS_STORE_BUNDLE_AUTH_H

#include <sqlite3.h>
#include <stdbool.h>

#include "gradus/text/status.h"

/* The bundle's schema (sqlite_master) is exactly the one the migrations and
 * the two bundle tables make: no extra table, view, trigger or index, none
 * changed. Run before any query on the bundle's own tables. */
enum status bundle_schema_check(sqlite3 *bundle, const char *path, struct error *err);

/* An attachment's name as a plain file name (caller frees): what follows
 * the last / or \, without control characters; "attachment" when nothing,
 * "." or ".." is left. NULL when out of memory. */
char *bundle_plain_name(const char *name);

/* Whether login is one of the comma-separated list. */
bool bundle_listed(const char *list, const char *login);

#endif
