/* Derived data of the cases, kept by the write path in the same transaction
 * and not audited: the region of their enterprise, the search index, and
 * the sort key of an enterprise's name (sortkey.c).
 *
 * Search over case numbers, enterprise names, credit codes, factory names
 * and notes with SQLite's FTS5. Every character is indexed as a token of its
 * own (the text is stored with a space after each character), and a query is
 * the phrase of its characters: so one- and two-character Chinese queries
 * match as well as long ones (a trigram index cannot match them), and a
 * query matches anywhere inside a word. The index is derived data, kept up
 * to date by the write path in the same transaction, and not audited.
 *
 * A query of three characters or more reads a second index, case_search3:
 * the same columns with their characters of search only (squeezed), cut
 * into trigrams, where a rare term reads the few rows that hold its
 * trigrams; in the first, each of its characters (a digit, 第, 号) is in
 * nearly every case, and the phrase reads all their rows.
 *
 * Both index one copy of the text (migration 24): case_search_text holds
 * each case's searched characters, a space after each (the first index's
 * text); the view case_search_squeezed reads them without the spaces (the
 * second's). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "store_private.h"

/* Whether a character is one a query searches for: letters, digits and
 * ideographs; the rest (spaces, punctuation) separates. */
static bool searched(const char *text, size_t at, size_t next)
{
	uint32_t cp = 0;
	bool valid;

	utf8_decode(text + at, next - at, &cp, &valid);
	return valid && (cp >= 0x80 ? !utf8_is_unsafe(cp) && cp != 0x3000 && !(cp >= 0x3001 && cp <= 0x303f) &&
					      !(cp >= 0xff01 && cp <= 0xff0f)
				    : ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9'));
}

/* text with its characters of search only; NULL stays NULL. */
static char *squeezed(const char *text, size_t *characters)
{
	size_t len = text ? strlen(text) : 0, at = 0, used = 0;
	char *out;

	if (characters)
		*characters = 0;
	if (!text || !(out = malloc(len + 1)))
		return NULL;
	while (at < len) {
		size_t next = utf8_next(text, len, at);

		if (searched(text, at, next)) {
			memcpy(out + used, text + at, next - at);
			used += next - at;
			if (characters)
				(*characters)++;
		}
		at = next;
	}
	out[used] = '\0';
	return out;
}

/* text with a space after each character; NULL stays NULL. */
static char *spaced(const char *text)
{
	size_t len = text ? strlen(text) : 0, at = 0, used = 0;
	char *out;

	if (!text)
		return NULL;
	out = malloc(2 * len + 1);
	if (!out)
		return NULL;
	while (at < len) {
		size_t next = utf8_next(text, len, at);

		memcpy(out + used, text + at, next - at);
		used += next - at;
		out[used++] = ' ';
		at = next;
	}
	out[used] = '\0';
	return out;
}

static const char *const case_text_sql =
	"SELECT c.rowid, c.number, e.name, e.credit_code, f.name, c.note"
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
	" WHERE c.id = ?1";
/* The one text of both indexes (migration 24): case_search_text, the
 * content of case_search, and through the view case_search_squeezed of
 * case_search3. Both are external-content tables: an entry leaves them
 * by the 'delete' command given the values it was made of, read here
 * from the text before it goes. Each statement writes one row with its
 * values bound (an INSERT ... SELECT would take a statement journal, at
 * whose savepoint FTS5 writes out what it holds: a segment a case). */
static const char *const kept_sql =
	"SELECT number, enterprise, credit_code, factory, note FROM case_search_text WHERE id = ?1";
static const char *const unindex_sql =
	"INSERT INTO case_search (case_search, rowid, number, enterprise, credit_code, factory, note)"
	" VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6)";
static const char *const unindex3_sql =
	"INSERT INTO case_search3 (case_search3, rowid, number, enterprise, credit_code, factory, note)"
	" VALUES ('delete', ?1, replace(?2, ' ', ''), replace(?3, ' ', ''), replace(?4, ' ', ''),"
	" replace(?5, ' ', ''), replace(?6, ' ', ''))";
static const char *const delete_sql = "DELETE FROM case_search_text WHERE id = ?1";
static const char *const insert_sql =
	"INSERT INTO case_search_text (id, number, enterprise, credit_code, factory, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *const index_sql =
	"INSERT INTO case_search (rowid, number, enterprise, credit_code, factory, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *const index3_sql =
	"INSERT INTO case_search3 (rowid, number, enterprise, credit_code, factory, note)"
	" VALUES (?1, replace(?2, ' ', ''), replace(?3, ' ', ''), replace(?4, ' ', ''), replace(?5, ' ', ''),"
	" replace(?6, ' ', ''))";

char *store_search_text(const char *text)
{
	char *squeeze = squeezed(text, NULL), *out = spaced(squeeze);

	free(squeeze);
	return out;
}

/* Runs sql (one of the above) for the case of rowid and its texts (NULL:
 * none bound). */
static enum status with_texts(struct store *store, const char *sql, sqlite3_int64 rowid, char *const *texts,
			      struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int i, rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, rowid);
	for (i = 0; texts && i < 5; i++)
		sqlite3_bind_text(stmt, i + 2, texts[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("updating the search index"));
}

/* The texts into the search text and both indexes. */
static enum status put(struct store *store, sqlite3_int64 rowid, char *const texts[5], struct error *err)
{
	enum status status = with_texts(store, insert_sql, rowid, texts, err);

	if (!status)
		status = with_texts(store, index_sql, rowid, texts, err);
	return status ? status : with_texts(store, index3_sql, rowid, texts, err);
}

/* The case of rowid, whose text holds was, out of both indexes and the text. */
static enum status take_out(struct store *store, sqlite3_int64 rowid, char *const was[5], struct error *err)
{
	enum status status = with_texts(store, unindex_sql, rowid, was, err);

	if (!status)
		status = with_texts(store, unindex3_sql, rowid, was, err);
	return status ? status : with_texts(store, delete_sql, rowid, NULL, err);
}

static void texts_free(char *texts[5])
{
	int i;

	for (i = 0; i < 5; i++) {
		free(texts[i]);
		texts[i] = NULL;
	}
}

/* What the text holds for the case of rowid (kept: whether it holds a row). */
static enum status kept_texts(struct store *store, sqlite3_int64 rowid, char *was[5], bool *kept, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, kept_sql, err);
	enum status status = STATUS_OK;
	int i, rc;

	*kept = false;
	for (i = 0; i < 5; i++)
		was[i] = NULL;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, rowid);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*kept = true;
		for (i = 0; i < 5 && !status; i++)
			if (sqlite3_column_type(stmt, i) != SQLITE_NULL &&
			    !(was[i] = strdup((const char *)sqlite3_column_text(stmt, i))))
				status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	} else if (rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, _("updating the search index"));
	}
	sqlite3_reset(stmt);
	if (status)
		texts_free(was);
	return status;
}

/* The case of rowid out of the search text and both indexes. */
static enum status drop(struct store *store, sqlite3_int64 rowid, struct error *err)
{
	char *was[5];
	bool kept;
	enum status status = kept_texts(store, rowid, was, &kept, err);

	if (!status && kept)
		status = take_out(store, rowid, was, err);
	texts_free(was);
	return status;
}

static bool same_texts(char *const a[5], char *const b[5])
{
	int i;

	for (i = 0; i < 5; i++)
		if ((a[i] || b[i]) && (!a[i] || !b[i] || strcmp(a[i], b[i])))
			return false;
	return true;
}

/* The texts of row (case_text_sql's columns) as the search keeps them. */
static enum status texts_of(sqlite3_stmt *row, char *texts[5], struct error *err)
{
	int i;

	for (i = 0; i < 5; i++) {
		const char *text = (const char *)sqlite3_column_text(row, i + 1);

		texts[i] = store_search_text(text);
		if (text && !texts[i]) {
			while (i--)
				free(texts[i]);
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		}
	}
	return STATUS_OK;
}

/* The enterprise's region, kept on the case for the list's region filter. */
static enum status derive_region(struct store *store, const char *id, struct error *err)
{
	static const char *const sql =
		"UPDATE cases SET region = (SELECT e.region FROM factories f JOIN enterprises e ON e.id = f.enterprise_id"
		" WHERE f.id = cases.factory_id) WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("updating the case's region"));
}

/* Writes one case's search entry anew (nothing when it holds the case's
 * texts already). */
static enum status search_entry(struct store *store, const char *id, struct error *err)
{
	sqlite3_stmt *row = store_prepare(store, case_text_sql, err);
	enum status status = STATUS_OK;
	char *texts[5], *was[5];
	bool kept;
	int rc;

	if (!row)
		return STATUS_ERR_DB;
	sqlite3_bind_text(row, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(row);
	if (rc == SQLITE_ROW && !(status = texts_of(row, texts, err))) {
		sqlite3_int64 rowid = sqlite3_column_int64(row, 0);

		status = kept_texts(store, rowid, was, &kept, err);
		if (!status && !(kept && same_texts(texts, was))) {
			if (kept)
				status = take_out(store, rowid, was, err);
			if (!status)
				status = put(store, rowid, texts, err);
		}
		texts_free(was);
		texts_free(texts);
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, _("updating the search index"));
	}
	sqlite3_reset(row);
	return status;
}

/* Indexes one case anew: its region now, its search entry now or, in a
 * whole transaction (an import), at its commit: FTS5 writes the entries
 * it holds to the database at the savepoint of each later statement (a
 * write with a trigger or a foreign key takes one), so a search entry a
 * row made all the later rows' statements journal and write again; at
 * the commit they go in one after another, once (an import of 1,000 rows:
 * 1.01 G instructions to 0.81 G). */
static enum status index_case(struct store *store, const char *id, struct error *err)
{
	enum status status = derive_region(store, id, err);
	size_t n = store->search_due_count;

	if (status || !store->whole)
		return status ? status : search_entry(store, id, err);
	if (n && !strcmp(store->search_due[n - 1], id))
		return STATUS_OK;
	if (store_grow((void **)&store->search_due, &store->search_due_capacity, n, sizeof(*store->search_due)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	snprintf(store->search_due[store->search_due_count++], 33, "%s", id);
	return STATUS_OK;
}

enum status store_search_flush(struct store *store, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i;

	for (i = 0; !status && i < store->search_due_count; i++)
		status = search_entry(store, store->search_due[i], err);
	store_search_drop(store);
	return status;
}

void store_search_drop(struct store *store)
{
	free(store->search_due);
	store->search_due = NULL;
	store->search_due_count = store->search_due_capacity = 0;
}

enum status store_search_touch(struct store *store, const char *table, const char *id, const char *field,
			       struct error *err)
{
	static const char *const of_factory = "SELECT id FROM cases WHERE factory_id = ?1";
	static const char *const of_enterprise =
		"SELECT c.id FROM cases c JOIN factories f ON f.id = c.factory_id WHERE f.enterprise_id = ?1";
	char (*ids)[33] = NULL;
	enum status status;
	size_t count = 0, i;

	if (!strcmp(table, "enterprises") && (!field || !strcmp(field, "name")) &&
	    (status = store_sort_key_put(store, id, err)))
		return status;
	if (!strcmp(table, "cases"))
		return !field || !strcmp(field, "number") || !strcmp(field, "note") || !strcmp(field, "factory_id")
			       ? index_case(store, id, err) : STATUS_OK;
	if (!strcmp(table, "factories") && (!field || !strcmp(field, "name")))
		status = store_ids(store, of_factory, id, &ids, &count, err);
	else if (!strcmp(table, "enterprises") && (!field || !strcmp(field, "name") || !strcmp(field, "credit_code") ||
						    !strcmp(field, "region")))
		status = store_ids(store, of_enterprise, id, &ids, &count, err);
	else
		return STATUS_OK;
	for (i = 0; !status && i < count; i++)
		status = index_case(store, ids[i], err);
	free(ids);
	return status;
}

enum status store_search_forget(struct store *store, const char *table, const char *id, struct error *err)
{
	static const char *const sql = "SELECT rowid FROM cases WHERE id = ?1";
	sqlite3_stmt *stmt;
	sqlite3_int64 rowid = 0;
	int rc;

	if (strcmp(table, "cases"))
		return STATUS_OK;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		rowid = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return drop(store, rowid, err);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("updating the search index"));
}

enum status store_search_rebuild(struct store *store, struct error *err)
{
	static const char *const all_sql =
		"SELECT c.rowid, c.number, e.name, e.credit_code, f.name, c.note"
		" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id";
	sqlite3_stmt *row, *stmt = NULL;
	enum status status = STATUS_OK;
	char *texts[5];
	int rc, i;

	/* the text first, then each index read from it whole */
	rc = sqlite3_exec(store->db, "DELETE FROM case_search_text", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("rebuilding the search index"));
	rc = sqlite3_prepare_v2(store->db, all_sql, -1, &row, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(store->db, insert_sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(row);
		return store_fail(store, rc, err, _("rebuilding the search index"));
	}
	while (!status && (rc = sqlite3_step(row)) == SQLITE_ROW && !(status = texts_of(row, texts, err))) {
		sqlite3_bind_int64(stmt, 1, sqlite3_column_int64(row, 0));
		for (i = 0; i < 5; i++)
			sqlite3_bind_text(stmt, i + 2, texts[i], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
			status = store_fail(store, rc, err, _("rebuilding the search index"));
		sqlite3_reset(stmt);
		for (i = 0; i < 5; i++)
			free(texts[i]);
	}
	if (!status && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, _("rebuilding the search index"));
	sqlite3_finalize(row);
	sqlite3_finalize(stmt);
	if (!status && (rc = sqlite3_exec(store->db, "INSERT INTO case_search (case_search) VALUES ('rebuild');"
						      " INSERT INTO case_search3 (case_search3) VALUES ('rebuild')",
					   NULL, NULL, NULL)) != SQLITE_OK)
		status = store_fail(store, rc, err, _("rebuilding the search index"));
	return status;
}

char *store_search_query(const char *text)
{
	size_t len = text ? strlen(text) : 0, at = 0, used = 0, characters;
	char *squeeze = squeezed(text, &characters), *out;

	if (!squeeze || !characters) {
		free(squeeze);
		return NULL;
	}
	len = strlen(squeeze);
	if (!(out = malloc(2 * len + 3))) {
		free(squeeze);
		return NULL;
	}
	/* three characters or more: a string of case_search3 (no spaces);
	 * fewer: the phrase of the characters in case_search */
	out[used++] = '"';
	while (at < len) {
		size_t next = utf8_next(squeeze, len, at);

		memcpy(out + used, squeeze + at, next - at);
		used += next - at;
		if (characters < 3 && next < len)
			out[used++] = ' ';
		at = next;
	}
	out[used++] = '"';
	out[used] = '\0';
	free(squeeze);
	return out;
}

bool store_search_trigrams(const char *match)
{
	size_t len = match ? strlen(match) : 0, at = 0, characters = 0;

	if (!match || strchr(match, ' '))
		return false;
	for (; at < len; at = utf8_next(match, len, at))
		characters++;
	return characters >= 5; /* three characters and the quotes */
}
