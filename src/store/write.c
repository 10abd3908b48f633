/* The one write path: inserts and updates with an audit row per field,
 * each audit row chained to the previous one by SHA-256. */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/bundle.h"
#include "gradus/clock.h"
#include "gradus/dates.h"
#include "gradus/i18n.h"
#include "gradus/store.h"
#include "gradus/valid.h"
#include "schema.h"
#include "store_private.h"

#define HASH_HEX 65

static void hash_field(struct sha256_ctx *ctx, const char *value)
{
	static const uint8_t null_mark = 0x1e, separator = 0x1f;

	if (value)
		sha256_update(ctx, strlen(value), (const uint8_t *)value);
	else
		sha256_update(ctx, 1, &null_mark);
	sha256_update(ctx, 1, &separator);
}

/* hash = SHA-256(prev, seq, at, actor, table, row, field, old, new). */
static void audit_hash(const char *prev, long long seq, const char *const text[7], char out[HASH_HEX])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char number[32];
	size_t i;

	sha256_init(&ctx);
	hash_field(&ctx, prev);
	snprintf(number, sizeof(number), "%lld", seq);
	hash_field(&ctx, number);
	for (i = 0; i < 7; i++)
		hash_field(&ctx, text[i]);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

static enum status audit_head(struct store *store, long long *seq, char prev[HASH_HEX], struct error *err)
{
	/* the last seq by the primary key's last entry, a search in any plan */
	static const char *const sql = "SELECT seq, hash FROM audit WHERE seq = (SELECT max(seq) FROM audit)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(stmt, 0);
		snprintf(prev, HASH_HEX, "%s", (const char *)sqlite3_column_text(stmt, 1));
	} else {
		*seq = 0;
		memset(prev, '0', HASH_HEX - 1);
		prev[HASH_HEX - 1] = '\0';
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("reading the audit log"));
}

static enum status audit_append(struct store *store, const char *table, const char *id,
				const char *field, const char *old, const char *new, struct error *err)
{
	static const char *const sql =
		"INSERT INTO audit (seq, at, actor, tbl, row_id, field, old, new, prev_hash, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	char prev[HASH_HEX], hash[HASH_HEX], at[STORE_TIMESTAMP_SIZE];
	const char *text[7];
	sqlite3_stmt *stmt;
	enum status status;
	long long seq;
	int rc;

	status = audit_head(store, &seq, prev, err);
	if (status)
		return status;
	seq++;
	store_timestamp(at);
	text[0] = at; text[1] = store_actor(store); text[2] = table; text[3] = id;
	text[4] = field; text[5] = old; text[6] = new;
	audit_hash(prev, seq, text, hash);
	stmt = store_prepare(store, sql, err);
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, seq);
	for (rc = 0; rc < 7; rc++)
		sqlite3_bind_text(stmt, rc + 2, text[rc], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("writing the audit log"));
}

/* A field named *_on (and an event's on_date) holds a day of the calendar,
 * or nothing: whatever path writes it, 0000-00-00 or 2026-02-30 never
 * reaches the database, nor a day before the programme or more than ten
 * years after today by the system clock (a certification in 9999 would
 * never lapse). expires_on is derived from certified_on by the rules. */
static enum status check_date_field(const char *table, const struct field_value *field, struct error *err)
{
	size_t len = strlen(field->name);
	char name[128];
	struct date day;
	enum status status;

	if (!field->value || !*field->value || (strcmp(field->name, "on_date") &&
						 (len < 3 || strcmp(field->name + len - 3, "_on"))))
		return STATUS_OK;
	snprintf(name, sizeof(name), "%s.%s", table, field->name);
	status = date_parse_named(name, field->value, &day, err);
	if (!status && strcmp(field->name, "expires_on"))
		status = date_check_range(name, day, clock_today(), err);
	return status;
}

/* Text is valid UTF-8 without control characters; line breaks only in
 * the fields of several lines (schema.c). */
static enum status check_text_field(const char *table, const struct field_value *field, struct error *err)
{
	char name[96];

	snprintf(name, sizeof(name), "%s.%s", table, field->name);
	return text_check(name, field->value, schema_is_multiline(table, field->name), err);
}

static enum status check_fields(const char *table, const struct schema_table **out,
				const struct field_value *fields, size_t count, struct error *err)
{
	enum status status;
	size_t i;

	*out = schema_table(table);
	if (!*out)
		return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), table);
	for (i = 0; i < count; i++) {
		if (!schema_has_field(*out, fields[i].name))
			return error_set(err, STATUS_ERR_INVALID, _("unknown field '%s.%s'"), table, fields[i].name);
		if ((status = check_date_field(table, &fields[i], err)) ||
		    (status = check_text_field(table, &fields[i], err)))
			return status;
	}
	return STATUS_OK;
}

/* Builds "INSERT INTO t (id, a, b) VALUES (?1, ?2, ?3)"; names are checked schema names. */
static char *insert_sql(const char *table, const struct field_value *fields, size_t count)
{
	size_t size = 64 + strlen(table), i, used;
	char *sql;

	for (i = 0; i < count; i++)
		size += strlen(fields[i].name) + 12;
	sql = malloc(size);
	if (!sql)
		return NULL;
	used = (size_t)snprintf(sql, size, "INSERT INTO %s (id", table);
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(sql + used, size - used, ", %s", fields[i].name);
	used += (size_t)snprintf(sql + used, size - used, ") VALUES (?1");
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(sql + used, size - used, ", ?%zu", i + 2);
	snprintf(sql + used, size - used, ")");
	return sql;
}

static enum status run_insert(struct store *store, const char *table, const char *id,
			      const struct field_value *fields, size_t count, struct error *err)
{
	char *sql = insert_sql(table, fields, count);
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	size_t i;
	int rc;

	if (!sql)
		return STATUS_ERR_NOMEM;
	rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		status = store_fail(store, rc, err, _("preparing an insert"));
		goto cleanup;
	}
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	for (i = 0; i < count; i++)
		sqlite3_bind_text(stmt, (int)i + 2, fields[i].value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE)
		status = store_fail(store, rc, err, table);
	for (i = 0; !status && i < count; i++)
		status = audit_append(store, table, id, fields[i].name, NULL, fields[i].value, err);
	if (!status)
		status = store_search_touch(store, table, id, NULL, err);
cleanup:
	sqlite3_finalize(stmt);
	free(sql);
	return status;
}

/* Begins a write, or says plainly that the database is read-only. */
static enum status begin_write(struct store *store, struct error *err)
{
	if (store->read_only)
		return error_set(err, STATUS_ERR_READONLY, _("%s: the database is read-only; nothing was written"),
				 store->path);
	return store_begin(store, err);
}

enum status store_insert(struct store *store, const char *table, const char *id,
			 const struct field_value *fields, size_t count, struct error *err)
{
	const struct schema_table *schema;
	enum status status;

	status = check_fields(table, &schema, fields, count, err);
	if (status)
		return status;
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_INSERT, fields, count, err);
	if (!status)
		status = run_insert(store, table, id, fields, count, err);
	return store_finish(store, status, err);
}

/* Who last wrote a field, for a conflict message. */
static void last_writer(struct store *store, const char *table, const char *id, const char *field,
			char *out, size_t size)
{
	static const char *const sql =
		"SELECT actor, at FROM audit WHERE tbl = ?1 AND row_id = ?2 AND field = ?3 ORDER BY seq DESC LIMIT 1";
	struct error ignored;
	sqlite3_stmt *stmt = store_prepare(store, sql, &ignored);

	snprintf(out, size, "?");
	if (!stmt)
		return;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, field, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(out, size, "%s at %s", (const char *)sqlite3_column_text(stmt, 0),
			 (const char *)sqlite3_column_text(stmt, 1));
	sqlite3_reset(stmt);
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static enum status stale(struct store *store, const char *table, const char *id, const char *field,
			 const char *current, const char *value, struct error *err)
{
	char who[128];

	last_writer(store, table, id, field, who, sizeof(who));
	return error_set(err, STATUS_ERR_CONFLICT,
			 _("%s was changed by %s since you read it: it is now \"%s\"; your value \"%s\" was not written"),
			 field, who, current ? current : "", value ? value : "");
}

static enum status run_update(struct store *store, const char *table, const char *id, const char *field,
			      bool check, const char *expected, const char *value, struct error *err)
{
	char sql[160];
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	char *old = NULL;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = ?1", field, table);
	rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("preparing an update"));
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		status = rc == SQLITE_DONE ? error_set(err, STATUS_ERR_NOT_FOUND, _("no %s with id %s"), table, id)
					   : store_fail(store, rc, err, table);
		goto cleanup;
	}
	if (sqlite3_column_type(stmt, 0) != SQLITE_NULL && !(old = strdup((const char *)sqlite3_column_text(stmt, 0)))) {
		status = STATUS_ERR_NOMEM;
		goto cleanup;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (check && !same_text(old, expected) && !same_text(old, value)) {
		status = stale(store, table, id, field, old, value, err);
		goto cleanup;
	}
	if (same_text(old, value))
		goto cleanup; /* nothing changes, nothing to audit */
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1 WHERE id = ?2", table, field);
	rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
	}
	if (rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, table);
		goto cleanup;
	}
	status = audit_append(store, table, id, field, old, value, err);
	if (!status)
		status = store_search_touch(store, table, id, field, err);
cleanup:
	sqlite3_finalize(stmt);
	free(old);
	return status;
}

static enum status update(struct store *store, const char *table, const char *id, const char *field,
			  bool check, const char *expected, const char *value, struct error *err)
{
	const struct field_value probe = { field, value };
	const struct schema_table *schema;
	enum status status;

	status = check_fields(table, &schema, &probe, 1, err);
	if (status)
		return status;
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_UPDATE, &probe, 1, err);
	if (!status)
		status = run_update(store, table, id, field, check, expected, value, err);
	return store_finish(store, status, err);
}

enum status store_update(struct store *store, const char *table, const char *id,
			 const char *field, const char *value, struct error *err)
{
	return update(store, table, id, field, false, NULL, value, err);
}

enum status store_update_expect(struct store *store, const char *table, const char *id, const char *field,
				const char *expected, const char *value, struct error *err)
{
	return update(store, table, id, field, true, expected, value, err);
}

static enum status run_delete(struct store *store, const struct schema_table *table, const char *id,
			      struct error *err)
{
	char sql[160];
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	size_t i;
	int rc;

	for (i = 0; table->fields[i] && !status; i++) {
		snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = ?1", table->fields[i], table->name);
		rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
		if (rc != SQLITE_OK)
			return store_fail(store, rc, err, table->name);
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
			status = audit_append(store, table->name, id, table->fields[i],
					      (const char *)sqlite3_column_text(stmt, 0), NULL, err);
		else if (rc != SQLITE_ROW)
			status = rc == SQLITE_DONE ? error_set(err, STATUS_ERR_NOT_FOUND, _("no %s with id %s"),
							       table->name, id)
						   : store_fail(store, rc, err, table->name);
		sqlite3_finalize(stmt);
		stmt = NULL;
	}
	if (status)
		return status;
	if ((status = store_search_forget(store, table->name, id, err)))
		return status;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?1", table->name);
	rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(store, rc, err, table->name);
	return audit_append(store, table->name, id, "-", "row", NULL, err);
}

enum status store_delete(struct store *store, const char *table, const char *id, struct error *err)
{
	const struct schema_table *schema = schema_table(table);
	enum status status;

	if (!schema)
		return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), table);
	status = begin_write(store, err);
	if (status)
		return status;
	status = authority_guard(store, table, id, AUTHORITY_DELETE, NULL, 0, err);
	if (!status)
		status = run_delete(store, schema, id, err);
	return store_finish(store, status, err);
}

enum status store_audit_record(struct store *store, const char *table, const char *id, const char *field,
			       const char *old, const char *new, struct error *err)
{
	return audit_append(store, table, id, field, old, new, err);
}

enum status store_audit_chain_check(struct store *store, long *rows, char head[65], struct error *err)
{
	static const char *const sql =
		"SELECT seq, at, actor, tbl, row_id, field, old, new, prev_hash, hash FROM audit ORDER BY seq";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char prev[HASH_HEX], hash[HASH_HEX];
	const char *text[7];
	long long expected = 1;
	enum status status;
	bool row;
	int i;

	if (!stmt)
		return STATUS_ERR_DB;
	memset(prev, '0', HASH_HEX - 1);
	prev[HASH_HEX - 1] = '\0';
	*rows = 0;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		long long seq = sqlite3_column_int64(stmt, 0);

		for (i = 0; i < 7; i++)
			text[i] = (const char *)sqlite3_column_text(stmt, i + 1);
		audit_hash(prev, seq, text, hash);
		if (seq != expected || strcmp(prev, (const char *)sqlite3_column_text(stmt, 8)) ||
		    strcmp(hash, (const char *)sqlite3_column_text(stmt, 9))) {
			/* The message is written before reset frees the column texts. */
			error_set(err, STATUS_ERR_CORRUPT,
				  _("%s: audit chain broken at row %lld (%s %s.%s): the record was changed outside gradus"),
				  store->path, seq, text[2] ? text[2] : "", text[3] ? text[3] : "",
				  text[4] ? text[4] : "");
			sqlite3_reset(stmt);
			return STATUS_ERR_CORRUPT;
		}
		memcpy(prev, hash, HASH_HEX);
		expected++;
		(*rows)++;
	}
	sqlite3_reset(stmt);
	if (!status)
		memcpy(head, prev, HASH_HEX);
	return status;
}
