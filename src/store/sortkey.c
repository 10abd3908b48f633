/* Sort keys of names, kept in the database beside the names (derived, like
 * the search index) so that a sort by name is an index walk in the order a
 * Chinese reader expects: glibc's zh_CN.UTF-8 collation, pinyin for Chinese
 * characters. The key never depends on the user's own locale, since it is
 * stored and shared by every user of the database; where the zh_CN.UTF-8
 * locale is not installed, the key is the name's bytes (code point order). */
#include <gnu/libc-version.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "store_private.h"

#define SORT_LOCALE "zh_CN.UTF-8"

static locale_t sort_locale(void)
{
	static locale_t loc;
	static bool tried;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_COLLATE_MASK, SORT_LOCALE, (locale_t)0);
	}
	return loc;
}

const char *store_sort_collation(void)
{
	return sort_locale() ? SORT_LOCALE : "C.UTF-8";
}

unsigned char *store_sort_key(const char *name, size_t *length)
{
	locale_t loc = sort_locale();
	const char *text = name ? name : "";
	size_t need = loc ? strxfrm_l(NULL, text, 0, loc) : strlen(text);
	unsigned char *key = malloc(need + 1);

	if (!key)
		return NULL;
	if (loc)
		strxfrm_l((char *)key, text, need + 1, loc);
	else
		memcpy(key, text, need + 1);
	*length = need;
	return key;
}

int store_sort_key_is(const char *name, const void *key, size_t length, char **buffer, size_t *size)
{
	locale_t loc = sort_locale();
	const char *text = name ? name : "";

	if (!loc)
		return strlen(text) == length && !memcmp(text, key, length);
	if (*size < length + 1) {
		char *grown = realloc(*buffer, length + 1);

		if (!grown)
			return -1;
		*buffer = grown;
		*size = length + 1;
	}
	/* the key's length whatever the room; the key itself when it fits */
	return strxfrm_l(*buffer, text, length + 1, loc) == length && !memcmp(*buffer, key, length);
}

/* What the kept keys were made with: the collation and the C library's
 * version (its collation tables change between versions). */
static void collation_name(char *out, size_t size)
{
	snprintf(out, size, "%s glibc %s", store_sort_collation(), gnu_get_libc_version());
}

static const char *const collation_sql = "SELECT value FROM meta WHERE key = 'sort_collation'";

bool store_sort_keys_stale(struct store *store)
{
	sqlite3_stmt *stmt = NULL;
	char want[96];
	bool stale = true;

	collation_name(want, sizeof(want));
	if (sqlite3_prepare_v2(store_db(store), collation_sql, -1, &stmt, NULL) != SQLITE_OK)
		return true;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		stale = strcmp((const char *)sqlite3_column_text(stmt, 0), want) != 0;
	sqlite3_finalize(stmt);
	return stale;
}

enum status store_sort_key_put(struct store *store, const char *id, struct error *err)
{
	static const char *const sql = "UPDATE enterprises SET name_key = ?2 WHERE id = ?1";
	static const char *const name_sql = "SELECT name FROM enterprises WHERE id = ?1";
	sqlite3_stmt *name = store_prepare(store, name_sql, err), *stmt;
	unsigned char *key = NULL;
	size_t length = 0;
	int rc;

	if (!name)
		return STATUS_ERR_DB;
	sqlite3_bind_text(name, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(name);
	if (rc == SQLITE_ROW && !(key = store_sort_key((const char *)sqlite3_column_text(name, 0), &length)))
		rc = SQLITE_NOMEM;
	sqlite3_reset(name);
	if (rc == SQLITE_DONE)
		return STATUS_OK; /* no such enterprise */
	if (rc != SQLITE_ROW) {
		free(key);
		return rc == SQLITE_NOMEM ? STATUS_ERR_NOMEM : store_fail(store, rc, err, _("keeping a name's sort key"));
	}
	if (!(stmt = store_prepare(store, sql, err))) {
		free(key);
		return STATUS_ERR_DB;
	}
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 2, key, (int)length, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	free(key);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("keeping a name's sort key"));
}

enum status store_sort_keys_rebuild(struct store *store, struct error *err)
{
	static const char *const meta_sql = "INSERT OR REPLACE INTO meta VALUES ('sort_collation', ?1)";
	sqlite3_stmt *ids = NULL, *meta;
	enum status status = STATUS_OK;
	char want[96];
	int rc;

	/* NOT INDEXED: walked in rowid order, not along the keys being changed */
	rc = sqlite3_prepare_v2(store_db(store), "SELECT id FROM enterprises NOT INDEXED", -1, &ids, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("keeping a name's sort key"));
	while (!status && (rc = sqlite3_step(ids)) == SQLITE_ROW)
		status = store_sort_key_put(store, (const char *)sqlite3_column_text(ids, 0), err);
	if (!status && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, _("keeping a name's sort key"));
	sqlite3_finalize(ids);
	if (status)
		return status;
	if (!(meta = store_prepare(store, meta_sql, err)))
		return STATUS_ERR_DB;
	collation_name(want, sizeof(want));
	sqlite3_bind_text(meta, 1, want, -1, SQLITE_STATIC);
	rc = sqlite3_step(meta);
	sqlite3_reset(meta);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("keeping a name's sort key"));
}
