/* Users and their roles: the operating-system login maps to a role. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static bool valid_role(const char *role)
{
	static const char *const roles[] = { "admin", "clerk", "inspector", "secretary" };
	size_t i;

	for (i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(role, roles[i]))
			return true;
	return false;
}

static bool valid_login(const char *login)
{
	size_t i, n = login ? strlen(login) : 0;

	if (n == 0 || n > 64 || login[0] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((login[i] >= 'a' && login[i] <= 'z') || (login[i] >= 'A' && login[i] <= 'Z') ||
		      (login[i] >= '0' && login[i] <= '9') || strchr("._-$", login[i])))
			return false;
	return true;
}

static enum status user_id(struct store *store, const char *login, char id[33], bool *found, struct error *err)
{
	static const char *const sql = "SELECT id FROM users WHERE login = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	status = store_step(store, stmt, found, err);
	if (!status && *found)
		snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return status;
}

/* The office keeps at least one admin: the role that gives roles. */
static enum status keep_an_admin(struct store *store, const char *login, const char *role, struct error *err)
{
	static const char *const sql =
		"SELECT count(*) FROM users WHERE role = 'admin' AND login <> ?1";
	sqlite3_stmt *stmt;
	enum status status;
	long others;

	if (!strcmp(role, "admin"))
		return STATUS_OK;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	status = store_count(store, stmt, &others, err);
	if (!status && others == 0)
		status = error_set(err, STATUS_ERR_DENIED,
				   _("%s is the only admin: make another user admin first (gradus user add LOGIN admin); "
				     "nothing was written"),
				   login);
	return status;
}

enum status store_user_add(struct store *store, const char *login, const char *role, struct error *err)
{
	char id[33], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	bool found;

	if ((status = authority_check(store, AUTHORITY_USER_ADD, NULL, err)))
		return status;
	if (!valid_login(login))
		return error_set(err, STATUS_ERR_INVALID,
				 _("login '%s': expected an operating-system user name (letters, digits, . _ -)"),
				 login ? login : "");
	if (!valid_role(role))
		return error_set(err, STATUS_ERR_INVALID, _("role '%s': expected admin, clerk, inspector or secretary"),
				 role ? role : "");
	status = store_begin(store, err);
	if (status)
		return status;
	status = user_id(store, login, id, &found, err);
	if (!status && found && !(status = keep_an_admin(store, login, role, err))) {
		status = store_update(store, "users", id, "role", role, err);
	} else if (!status && !(status = store_new_id(id))) {
		struct field_value fields[] = { { "login", login }, { "role", role }, { "created_at", now } };

		store_timestamp(now);
		status = store_insert(store, "users", id, fields, 3, err);
	}
	status = store_finish(store, status, err);
	if (!status && !strcmp(login, store->actor))
		snprintf(store->role, sizeof(store->role), "%s", role);
	return status;
}

enum status store_users(struct store *store, struct user_row **rows, size_t *count, struct error *err)
{
	static const char *const sql = "SELECT login, role, created_at FROM users ORDER BY login";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	size_t capacity = 0;
	enum status status = STATUS_OK;
	bool row;

	*rows = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)rows, &capacity, *count, sizeof(**rows))))
			break;
		(*rows)[*count].login = store_column_dup(stmt, 0, &status);
		(*rows)[*count].role = store_column_dup(stmt, 1, &status);
		(*rows)[*count].created_at = store_column_dup(stmt, 2, &status);
		(*count)++;
	}
	sqlite3_reset(stmt);
	if (status) {
		user_rows_free(*rows, *count);
		*rows = NULL;
		*count = 0;
	}
	return status;
}

void user_rows_free(struct user_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].login);
		free(rows[i].role);
		free(rows[i].created_at);
	}
	free(rows);
}
