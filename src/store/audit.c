/* The audit chain: one record per record written (audit_private.h).
 *
 * A record is (seq, at, actor, tbl, row_id, op, change, owner, hash): at in
 * seconds since 1970 (UTC), op 0 insert, 1 update, 2 delete; change the
 * fields an update or a delete wrote as JSON, {"field": [old, new], ...}
 * (NULL for an insert, whose values are the row's now rewound through the
 * later records); hash the SHA-256 of the record before's hash and of
 * what the record wrote, as 32 bytes. The previous hash is not stored: it
 * is the record before's (by seq; seqs may skip numbers). The first
 * record's previous hash is the head of the chain it continues (meta
 * audit_v1_head, kept by migration 20), or 32 zero bytes. */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_private.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"

#define HASH_SIZE AUDIT_HASH_SIZE

/* ---- hashing ---- */

/* What is hashed, gathered into runs of a block or more: a record is some
 * thirty short values, each followed by its separator, and SHA-256 is
 * given them in a few calls, not one or two a value. */
struct hashing {
	struct sha256_ctx ctx;
	size_t used;
	uint8_t pending[512];
};

static void hash_bytes(struct hashing *h, const void *bytes, size_t size)
{
	if (h->used + size > sizeof(h->pending)) {
		sha256_update(&h->ctx, h->used, h->pending);
		h->used = 0;
		if (size > sizeof(h->pending)) {
			sha256_update(&h->ctx, size, bytes);
			return;
		}
	}
	memcpy(h->pending + h->used, bytes, size);
	h->used += size;
}

static void hash_begin(struct hashing *h)
{
	sha256_init(&h->ctx);
	h->used = 0;
}

static void hash_end(struct hashing *h, uint8_t out[HASH_SIZE])
{
	sha256_update(&h->ctx, h->used, h->pending);
	sha256_digest(&h->ctx, HASH_SIZE, out);
}

static void hash_field(struct hashing *h, const char *value)
{
	static const uint8_t null_mark = 0x1e, separator = 0x1f;

	if (value)
		hash_bytes(h, value, strlen(value));
	else
		hash_bytes(h, &null_mark, 1);
	hash_bytes(h, &separator, 1);
}

/* A number as "%lld" writes it. */
static void hash_number(struct hashing *h, long long number)
{
	unsigned long long n = number < 0 ? 0 - (unsigned long long)number : (unsigned long long)number;
	char digits[24], *at = digits + sizeof(digits);

	*--at = '\0';
	do
		*--at = (char)('0' + n % 10);
	while ((n /= 10));
	if (number < 0)
		*--at = '-';
	hash_field(h, at);
}

struct record {
	long long seq;
	enum audit_op op;
	const char *at, *actor, *table, *id;
	const struct audit_field *fields;
	size_t count;
};

/* hash = SHA-256(prev, seq, at, actor, table, row, op, then each field's
 * name, old and new value). */
static void record_hash(const uint8_t prev[HASH_SIZE], const struct record *r, uint8_t out[HASH_SIZE])
{
	struct hashing h;
	size_t i;

	hash_begin(&h);
	hash_bytes(&h, prev, HASH_SIZE);
	hash_number(&h, r->seq);
	hash_field(&h, r->at);
	hash_field(&h, r->actor);
	hash_field(&h, r->table);
	hash_field(&h, r->id);
	hash_number(&h, (int)r->op);
	for (i = 0; i < r->count; i++) {
		hash_field(&h, r->fields[i].name);
		hash_field(&h, r->fields[i].old);
		hash_field(&h, r->fields[i].new);
	}
	hash_end(&h, out);
}

static void hex_of(const uint8_t *bytes, size_t size, char *out)
{
	size_t i;

	for (i = 0; i < size; i++)
		snprintf(out + 2 * i, 3, "%02x", bytes[i]);
}

static bool bytes_of_hex(const char *hex, uint8_t out[HASH_SIZE])
{
	size_t i;

	if (!hex || strlen(hex) != 2 * HASH_SIZE)
		return false;
	for (i = 0; i < HASH_SIZE; i++) {
		unsigned int byte;

		if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
			return false;
		out[i] = (uint8_t)byte;
	}
	return true;
}

/* The hash the record at seq follows: the record before's, or the head
 * of the chain it continues, or zeros. */
static enum status previous_hash(struct store *store, long long seq, uint8_t out[HASH_SIZE], struct error *err)
{
	static const char *const sql =
		"SELECT hash, 1 FROM audit WHERE seq < ?1 AND seq = (SELECT max(seq) FROM audit WHERE seq < ?1)"
		" UNION ALL SELECT value, 0 FROM meta WHERE key = 'audit_v1_head' LIMIT 1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	memset(out, 0, HASH_SIZE);
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, seq);
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		if (sqlite3_column_int(stmt, 1)) {
			if (sqlite3_column_bytes(stmt, 0) == HASH_SIZE)
				memcpy(out, sqlite3_column_blob(stmt, 0), HASH_SIZE);
		} else {
			bytes_of_hex((const char *)sqlite3_column_text(stmt, 0), out);
		}
	}
	sqlite3_reset(stmt);
	return status;
}

/* The last record's seq and hash (0 and the hash the chain begins at
 * while it is empty), by the primary key's last entry. */
static enum status chain_head(struct store *store, long long *seq, uint8_t hash[HASH_SIZE], struct error *err)
{
	static const char *const sql = "SELECT seq, hash FROM audit WHERE seq = (SELECT max(seq) FROM audit)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	*seq = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		*seq = sqlite3_column_int64(stmt, 0);
		memset(hash, 0, HASH_SIZE);
		if (sqlite3_column_bytes(stmt, 1) == HASH_SIZE)
			memcpy(hash, sqlite3_column_blob(stmt, 1), HASH_SIZE);
	}
	sqlite3_reset(stmt);
	if (!status && !row)
		status = previous_hash(store, 1, hash, err);
	return status;
}

void audit_at_text(sqlite3_stmt *stmt, int column, char out[32])
{
	if (sqlite3_column_type(stmt, column) == SQLITE_INTEGER) {
		time_t t = (time_t)sqlite3_column_int64(stmt, column);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		const unsigned char *text = sqlite3_column_text(stmt, column);

		snprintf(out, 32, "%s", text ? (const char *)text : "");
	}
}

/* ---- writing ---- */

static char *dup_or_null(const char *s, enum status *status)
{
	char *copy;

	if (!s)
		return NULL;
	if (!(copy = strdup(s)))
		*status = STATUS_ERR_NOMEM;
	return copy;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}


static void json_string(char **out, size_t *used, const char *s)
{
	char *p = *out + *used;

	if (!s) {
		memcpy(p, "null", 4);
		*used += 4;
		return;
	}
	*p++ = '"';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			*p++ = '\\';
			*p++ = (char)c;
		} else if (c < 0x20) {
			p += sprintf(p, "\\u%04x", c);
		} else {
			*p++ = (char)c;
		}
	}
	*p++ = '"';
	*used = (size_t)(p - *out);
}

/* {"name": [old, new], ...} */
static char *change_json(const struct audit_field *fields, size_t count)
{
	size_t size = 3, used = 0, i;
	char *out;

	for (i = 0; i < count; i++)
		size += 6 * (strlen(fields[i].name) + (fields[i].old ? strlen(fields[i].old) : 0) +
			     (fields[i].new ? strlen(fields[i].new) : 0)) + 24;
	if (!(out = malloc(size)))
		return NULL;
	out[used++] = '{';
	for (i = 0; i < count; i++) {
		if (i)
			out[used++] = ',';
		json_string(&out, &used, fields[i].name);
		out[used++] = ':';
		out[used++] = '[';
		json_string(&out, &used, fields[i].old);
		out[used++] = ',';
		json_string(&out, &used, fields[i].new);
		out[used++] = ']';
	}
	out[used++] = '}';
	out[used] = '\0';
	return out;
}

enum status audit_last_seq(struct store *store, long long *seq, struct error *err)
{
	static const char *const sql = "SELECT coalesce(max(seq), 0) FROM audit";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	long count = 0;
	enum status status;

	if (!stmt)
		return STATUS_ERR_DB;
	status = store_count(store, stmt, &count, err);
	*seq = count;
	return status;
}

/* An insert's values as the hash takes them: the fields given a value, in
 * the order of the schema (the order a rewind finds them in). */
static size_t insert_values(const char *table, const struct audit_field *given, size_t count,
			    struct audit_field *out, size_t room)
{
	const struct schema_table *schema = schema_table(table);
	size_t n = 0, i, j;

	if (!schema) {
		for (i = 0; i < count && n < room; i++)
			if (given[i].new)
				out[n++] = given[i];
		return n;
	}
	for (i = 0; schema->fields[i]; i++)
		for (j = 0; j < count; j++)
			if (!strcmp(given[j].name, schema->fields[i]) && given[j].new && n < room) {
				out[n++] = (struct audit_field){ schema->fields[i], NULL, given[j].new };
				break;
			}
	return n;
}

/* A row id as the audit keeps it (rid, migration 22): 32 lowercase hex
 * digits as their 16 bytes, which the generated row_id reads back as the
 * same text; any other id as its text. Whether id is of the first kind,
 * its bytes in bytes. */
static bool rid_bytes(const char *id, uint8_t bytes[16])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < 32; i++) {
		const char *at = id[i] ? strchr(digits, id[i]) : NULL;

		if (!at)
			return false;
		if (i % 2 == 0)
			bytes[i / 2] = (uint8_t)((at - digits) << 4);
		else
			bytes[i / 2] |= (uint8_t)(at - digits);
	}
	return !id[32];
}

static void bind_row_id(sqlite3_stmt *stmt, int index, const char *id)
{
	uint8_t bytes[16];

	if (rid_bytes(id, bytes))
		sqlite3_bind_blob(stmt, index, bytes, sizeof(bytes), SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(stmt, index, id, -1, SQLITE_STATIC);
}

/* rid_of(id): the id as audit.rid keeps it, for the readers of a row's
 * records to walk the index audit_rid (migration 24) from an id's text
 * (SQLite 3.40 has no unhex); NULL stays NULL. */
static void rid_of(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	const char *id = (const char *)sqlite3_value_text(argv[0]);
	uint8_t bytes[16];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !id)
		sqlite3_result_null(context);
	else if (sqlite3_value_type(argv[0]) == SQLITE_TEXT && rid_bytes(id, bytes))
		sqlite3_result_blob(context, bytes, sizeof(bytes), SQLITE_TRANSIENT);
	else
		sqlite3_result_value(context, argv[0]);
}

/* The tables an audit record names by number (t), 1 for the first: the
 * numbers of migration 22's generated tbl, which record_insert writes
 * and audit_table_of reads back; any other table is named by its name. */
static const char *const numbered_tables[] = { "enterprises", "factories", "cases", "case_scenarios",
					       "case_materials", "events" };

#define NUMBERED_TABLES (sizeof(numbered_tables) / sizeof(numbered_tables[0]))

const char *audit_table_of(sqlite3_value *t)
{
	double number;
	size_t i;

	/* CASE t WHEN 1 ...: t is compared as it is stored, so 1 and 1.0, not '1' */
	if (sqlite3_value_type(t) != SQLITE_INTEGER && sqlite3_value_type(t) != SQLITE_FLOAT)
		return NULL;
	number = sqlite3_value_double(t);
	for (i = 0; i < NUMBERED_TABLES; i++)
		if (number == (double)(i + 1))
			return numbered_tables[i];
	return NULL;
}

/* t of a record of table: its number, or its name. */
static void bind_table(sqlite3_stmt *stmt, int column, const char *table)
{
	size_t i;

	for (i = 0; table && i < NUMBERED_TABLES; i++)
		if (!strcmp(table, numbered_tables[i])) {
			sqlite3_bind_int(stmt, column, (int)i + 1);
			return;
		}
	sqlite3_bind_text(stmt, column, table, -1, SQLITE_STATIC);
}

int store_sql_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "rid_of", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       rid_of, NULL, NULL);
}

static enum status record_insert(struct store *store, const struct record *r, const char *change, const char *owner,
				 bool at_given, time_t at, const uint8_t hash[HASH_SIZE], struct error *err)
{
	/* t: the table's number (bind_table) */
	static const char *const sql =
		"INSERT INTO audit (seq, at, actor, t, rid, op, change, owner, hash)"
		" VALUES (?1, CASE WHEN ?2 IS NOT NULL THEN ?2 WHEN strftime('%Y-%m-%dT%H:%M:%SZ', ?3) = ?3"
		"  THEN CAST(strftime('%s', ?3) AS INTEGER) ELSE ?3 END, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, r->seq);
	if (at_given)
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)at);
	sqlite3_bind_text(stmt, 3, r->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, r->actor, -1, SQLITE_STATIC);
	bind_table(stmt, 5, r->table);
	bind_row_id(stmt, 6, r->id);
	sqlite3_bind_int(stmt, 7, (int)r->op);
	sqlite3_bind_text(stmt, 8, change, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, owner, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 10, hash, HASH_SIZE, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("writing the audit log"));
}

#define MAX_INSERT_FIELDS 64

/* The fields of an update record, read from its JSON (SQLite's parser). */
static enum status change_fields(struct store *store, const char *change, struct audit_field *fields, size_t *count,
				 size_t room, struct error *err)
{
	static const char *const sql = "SELECT key, value ->> 0, value ->> 1 FROM json_each(?1)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, change, -1, SQLITE_STATIC);
	while (!(status = store_step(store, stmt, &row, err)) && row && *count < room) {
		fields[*count].name = dup_or_null((const char *)sqlite3_column_text(stmt, 0), &status);
		fields[*count].old = dup_or_null((const char *)sqlite3_column_text(stmt, 1), &status);
		fields[*count].new = dup_or_null((const char *)sqlite3_column_text(stmt, 2), &status);
		++*count;
	}
	sqlite3_reset(stmt);
	if (!status && row)
		status = error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), "audit");
	return status;
}

static void fields_free(struct audit_field *fields, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free((char *)fields[i].name);
		free((char *)fields[i].old);
		free((char *)fields[i].new);
	}
}

/* Updates of one row by one user in one transaction are one record: the
 * fields are added to the chain's last record when this transaction wrote
 * it, it updated the same row and none of them; its hash is made anew
 * (no record follows it). *folded whether they were. */
static enum status fold_update(struct store *store, long long head, const char *table, const char *id,
			       const struct audit_field *fields, size_t count, bool *folded, struct error *err)
{
	static const char *const sql = "SELECT op, tbl, row_id, actor, at, change FROM audit WHERE seq = ?1";
	static const char *const update_sql = "UPDATE audit SET change = ?1, hash = ?2 WHERE seq = ?3";
	struct audit_field all[MAX_INSERT_FIELDS];
	size_t n = 0, i, j;
	char at[32], *actor = NULL, *change = NULL;
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row, fits = false;

	*folded = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, head);
	status = store_step(store, stmt, &row, err);
	if (!status && row && sqlite3_column_int(stmt, 0) == AUDIT_UPDATE &&
	    same_text((const char *)sqlite3_column_text(stmt, 1), table) &&
	    same_text((const char *)sqlite3_column_text(stmt, 2), id) &&
	    same_text((const char *)sqlite3_column_text(stmt, 3), store_actor(store)) &&
	    sqlite3_column_type(stmt, 5) != SQLITE_NULL) {
		audit_at_text(stmt, 4, at);
		actor = dup_or_null((const char *)sqlite3_column_text(stmt, 3), &status);
		change = dup_or_null((const char *)sqlite3_column_text(stmt, 5), &status);
		fits = true;
	}
	sqlite3_reset(stmt);
	if (!status && fits)
		status = change_fields(store, change, all, &n, MAX_INSERT_FIELDS, err);
	for (i = 0; fits && i < count; i++)
		for (j = 0; j < n; j++)
			if (!strcmp(all[j].name, fields[i].name))
				fits = false;
	fits = fits && n + count <= MAX_INSERT_FIELDS;
	if (!status && fits) {
		struct record r = { head, AUDIT_UPDATE, at, actor, table, id, all, 0 };
		uint8_t prev[HASH_SIZE], hash[HASH_SIZE];
		char *joined;

		for (i = 0; i < count; i++)
			all[n + i] = fields[i];
		r.count = n + count;
		if (!(joined = change_json(all, r.count)))
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		if (!status && !(status = previous_hash(store, head, prev, err))) {
			record_hash(prev, &r, hash);
			if (!(stmt = store_prepare(store, update_sql, err))) {
				status = STATUS_ERR_DB;
			} else {
				int rc;

				sqlite3_bind_text(stmt, 1, joined, -1, SQLITE_STATIC);
				sqlite3_bind_blob(stmt, 2, hash, HASH_SIZE, SQLITE_STATIC);
				sqlite3_bind_int64(stmt, 3, head);
				rc = sqlite3_step(stmt);
				sqlite3_reset(stmt);
				status = rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("writing the audit log"));
				*folded = !status;
			}
		}
		free(joined);
	}
	fields_free(all, n);
	free(actor);
	free(change);
	return status;
}

enum status audit_append(struct store *store, enum audit_op op, const char *table, const char *id,
			 const struct audit_field *fields, size_t count, const char *owner, struct error *err)
{
	struct audit_field values[MAX_INSERT_FIELDS];
	uint8_t prev[HASH_SIZE], hash[HASH_SIZE];
	char at[32], *change = NULL;
	struct record r = { 0, op, at, store_actor(store), table, id, fields, count };
	enum status status;
	time_t now = time(NULL);
	struct tm tm;

	if ((status = chain_head(store, &r.seq, prev, err)))
		return status;
	if (op == AUDIT_UPDATE && store->depth > 0 && r.seq && r.seq == store->audit_written) {
		bool folded;

		if ((status = fold_update(store, r.seq, table, id, fields, count, &folded, err)) || folded)
			return status;
	}
	r.seq++;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (op == AUDIT_INSERT) {
		r.count = insert_values(table, fields, count, values, MAX_INSERT_FIELDS);
		r.fields = values;
	} else if (!(change = change_json(fields, count))) {
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	record_hash(prev, &r, hash);
	status = record_insert(store, &r, change, owner, true, now, hash, err);
	if (!status)
		store->audit_written = r.seq;
	free(change);
	return status;
}

/* ---- reading a row's records ---- */

void audit_row_clear(struct audit_row *row)
{
	size_t i;

	for (i = 0; i < row->count; i++)
		free(row->entries[i].actor);
	for (i = 0; i < row->value_count; i++) {
		free(row->values[i].name);
		free(row->values[i].old);
		free(row->values[i].new);
	}
	free(row->entries);
	free(row->values);
	memset(row, 0, sizeof(*row));
}

static enum status add_value(struct audit_row *row, const char *name, const char *old, const char *new)
{
	enum status status = store_grow((void **)&row->values, &row->value_capacity, row->value_count,
					sizeof(*row->values));
	struct audit_value *v;

	if (status)
		return status;
	v = &row->values[row->value_count++];
	v->name = dup_or_null(name, &status);
	v->old = dup_or_null(old, &status);
	v->new = dup_or_null(new, &status);
	return status;
}

/* What one walk over records keeps: the records of the row read so far,
 * their stored hashes, the statements reading each table's rows. */
struct walk {
	struct store *store;
	struct audit_row row;
	uint8_t (*hashes)[HASH_SIZE];
	size_t hash_capacity;
	char *table, *id;
	sqlite3_stmt *current[64];
	bool check;
	void (*problem)(void *context, const char *message);
	void *context;
	long records;
};

static void walk_free(struct walk *w)
{
	size_t i;

	audit_row_clear(&w->row);
	free(w->hashes);
	free(w->table);
	free(w->id);
	for (i = 0; i < sizeof(w->current) / sizeof(w->current[0]); i++)
		sqlite3_finalize(w->current[i]);
}

/* Columns: seq, op, at, actor, hash, tbl, row_id, key, old, new. A row of
 * the query is a record (once) and one of its fields, in the order of its
 * JSON (json_each reads it in order: ordering by j.id too would sort the
 * whole chain in a temporary b-tree instead of walking audit_row). */
#define RECORD_COLUMNS "a.seq, a.op, a.at, a.actor, a.hash, a.tbl, a.row_id, j.key, j.value ->> 0, j.value ->> 1"

static enum status walk_add(struct walk *w, sqlite3_stmt *stmt, bool new_record)
{
	enum status status = STATUS_OK;
	struct audit_entry *e;

	if (new_record) {
		if ((status = store_grow((void **)&w->row.entries, &w->row.capacity, w->row.count,
					 sizeof(*w->row.entries))))
			return status;
		if (w->row.capacity > w->hash_capacity) {
			void *grown = realloc(w->hashes, w->row.capacity * HASH_SIZE);

			if (!grown)
				return STATUS_ERR_NOMEM;
			w->hashes = grown;
			w->hash_capacity = w->row.capacity;
		}
		e = &w->row.entries[w->row.count];
		memset(e, 0, sizeof(*e));
		e->seq = sqlite3_column_int64(stmt, 0);
		e->op = (enum audit_op)sqlite3_column_int(stmt, 1);
		audit_at_text(stmt, 2, e->at);
		e->actor = dup_or_null((const char *)sqlite3_column_text(stmt, 3), &status);
		memset(w->hashes[w->row.count], 0, HASH_SIZE);
		if (sqlite3_column_bytes(stmt, 4) == HASH_SIZE)
			memcpy(w->hashes[w->row.count], sqlite3_column_blob(stmt, 4), HASH_SIZE);
		e->first = w->row.value_count;
		w->row.count++;
		w->records++;
	}
	e = &w->row.entries[w->row.count - 1];
	if (!status && sqlite3_column_type(stmt, 7) != SQLITE_NULL) {
		status = add_value(&w->row, (const char *)sqlite3_column_text(stmt, 7),
				   (const char *)sqlite3_column_text(stmt, 8), (const char *)sqlite3_column_text(stmt, 9));
		e->count++;
	}
	return status;
}

static void report(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct walk *w, const char *fmt, ...)
{
	char message[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (w->problem)
		w->problem(w->context, message);
}

static int field_index(const struct schema_table *schema, const char *name)
{
	int i;

	for (i = 0; schema->fields[i]; i++)
		if (!strcmp(schema->fields[i], name))
			return i;
	return -1;
}

/* The row's values now (CAST AS TEXT, as the hash took them), each
 * malloc'd or NULL; *exists whether there is such a row. */
static enum status current_values(struct walk *w, const struct schema_table *schema, char **values, bool *exists,
				  struct error *err)
{
	size_t index, n, i;
	sqlite3_stmt **stmt;
	enum status status = STATUS_OK;
	bool row;

	for (index = 0; schema_table_at(index) && schema_table_at(index) != schema; index++)
		;
	if (index >= sizeof(w->current) / sizeof(w->current[0]))
		return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), schema->name);
	stmt = &w->current[index];
	if (!*stmt) {
		char *sql = sqlite3_mprintf("SELECT 1"), *more;
		int rc;

		for (i = 0; sql && schema->fields[i]; i++) {
			more = sqlite3_mprintf("%s, CAST(\"%w\" AS TEXT)", sql, schema->fields[i]);
			sqlite3_free(sql);
			sql = more;
		}
		more = sql ? sqlite3_mprintf("%s FROM \"%w\" WHERE id = ?1", sql, schema->name) : NULL;
		sqlite3_free(sql);
		if (!more)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		rc = sqlite3_prepare_v2(w->store->db, more, -1, stmt, NULL);
		sqlite3_free(more);
		if (rc != SQLITE_OK)
			return store_fail(w->store, rc, err, schema->name);
	}
	for (n = 0; schema->fields[n]; n++)
		values[n] = NULL;
	sqlite3_bind_text(*stmt, 1, w->id, -1, SQLITE_STATIC);
	status = store_step(w->store, *stmt, &row, err);
	*exists = !status && row;
	for (i = 0; *exists && i < n; i++)
		values[i] = dup_or_null((const char *)sqlite3_column_text(*stmt, (int)i + 1), &status);
	sqlite3_reset(*stmt);
	return status;
}

static void set_value(char **slot, const char *value, enum status *status)
{
	free(*slot);
	*slot = dup_or_null(value, status);
}

/* The row's records rewound from its values now, newest first: each
 * update's new values must be the row's at that point; an insert gets the
 * values the row had then; with check, each record's hash against the
 * one before and what it wrote. */
static enum status walk_row(struct walk *w, struct error *err)
{
	const struct schema_table *schema = schema_table(w->table);
	char *values[MAX_INSERT_FIELDS] = { 0 };
	enum status status = STATUS_OK;
	bool exists = false, field_reported = false;
	size_t i, j, n = 0;

	if (!w->row.count)
		return STATUS_OK;
	if (schema) {
		for (n = 0; schema->fields[n]; n++)
			;
		if (n > MAX_INSERT_FIELDS)
			return error_set(err, STATUS_ERR_INVALID, _("unknown table '%s'"), schema->name);
		status = current_values(w, schema, values, &exists, err);
		if (!status && !exists && w->row.entries[w->row.count - 1].op != AUDIT_DELETE && w->check)
			/* L10N: verify: a table, a row's id, an audit record's number */
			report(w, _("%s %s (audit row %lld) is gone: the record was deleted outside gradus"), w->table,
			       w->id, w->row.entries[w->row.count - 1].seq);
	}
	for (i = w->row.count; !status && i-- > 0;) {
		struct audit_entry *e = &w->row.entries[i];

		if (schema && e->op == AUDIT_DELETE) {
			for (j = 0; j < n; j++)
				set_value(&values[j], NULL, &status);
			for (j = e->first; j < e->first + e->count; j++) {
				int k = field_index(schema, w->row.values[j].name);

				if (k >= 0)
					set_value(&values[k], w->row.values[j].old, &status);
			}
		} else if (schema && e->op == AUDIT_UPDATE) {
			for (j = e->first; j < e->first + e->count; j++) {
				const struct audit_value *v = &w->row.values[j];
				int k = field_index(schema, v->name);

				if (k < 0)
					continue;
				if (w->check && !field_reported && !same_text(values[k], v->new)) {
					report(w, _("%s %s: field %s holds \"%s\" but audit row %lld says \"%s\": "
						    "the record was changed outside gradus"),
					       w->table, w->id, v->name, values[k] ? values[k] : "", e->seq,
					       v->new ? v->new : "");
					field_reported = true;
				}
				set_value(&values[k], v->old, &status);
			}
		} else if (schema && e->op == AUDIT_INSERT) {
			e->first = w->row.value_count;
			for (j = 0; !status && j < n; j++)
				if (values[j] && !(status = add_value(&w->row, schema->fields[j], NULL, values[j])))
					e->count++;
		}
		if (!status && w->check) {
			struct audit_field fields[MAX_INSERT_FIELDS * 2];
			struct record r = { e->seq, e->op, e->at, e->actor, w->table, w->id, fields, 0 };
			uint8_t prev[HASH_SIZE], hash[HASH_SIZE];

			for (j = e->first; j < e->first + e->count && r.count < MAX_INSERT_FIELDS * 2; j++)
				fields[r.count++] = (struct audit_field){ w->row.values[j].name, w->row.values[j].old,
									  w->row.values[j].new };
			if (!(status = previous_hash(w->store, e->seq, prev, err))) {
				record_hash(prev, &r, hash);
				if (memcmp(hash, w->hashes[i], HASH_SIZE))
					/* L10N: verify: an audit record's number, its table and row's id */
					report(w, _("audit chain broken at record %lld (%s %s): the record or its audit was "
						    "changed outside gradus"),
					       e->seq, w->table, w->id);
			}
		}
	}
	for (j = 0; j < n; j++)
		free(values[j]);
	return status;
}

static enum status walk_start(struct walk *w, sqlite3_stmt *stmt)
{
	enum status status = STATUS_OK;

	audit_row_clear(&w->row);
	free(w->table);
	free(w->id);
	w->table = dup_or_null((const char *)sqlite3_column_text(stmt, 5), &status);
	w->id = dup_or_null((const char *)sqlite3_column_text(stmt, 6), &status);
	return status;
}

static void count_problem(void *context, const char *message)
{
	(void)message;
	++*(long *)context;
}

static enum status row_read(struct store *store, const char *table, const char *id, bool check,
			    struct audit_row *row, struct error *err)
{
	static const char *const sql = "SELECT " RECORD_COLUMNS " FROM audit a LEFT JOIN json_each(a.change) j"
				       " WHERE a.rid = rid_of(?1) AND a.tbl = ?2 ORDER BY a.seq";
	struct walk w;
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	long long last = -1;
	bool found;

	long problems = 0;

	memset(&w, 0, sizeof(w));
	memset(row, 0, sizeof(*row));
	w.store = store;
	w.check = check;
	w.problem = count_problem;
	w.context = &problems;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, table, -1, SQLITE_STATIC);
	while (!(status = store_step(store, stmt, &found, err)) && found) {
		long long seq = sqlite3_column_int64(stmt, 0);

		if (last < 0)
			status = walk_start(&w, stmt);
		if (!status)
			status = walk_add(&w, stmt, seq != last);
		last = seq;
		if (status)
			break;
	}
	sqlite3_reset(stmt);
	if (!status)
		status = walk_row(&w, err);
	if (status == STATUS_ERR_NOMEM)
		error_set(err, status, _("out of memory"));
	if (!status) {
		*row = w.row;
		memset(&w.row, 0, sizeof(w.row));
	}
	walk_free(&w);
	if (!status && problems)
		/* L10N: a record whose audit does not match it; the table and the row's id */
		status = error_set(err, STATUS_ERR_CORRUPT,
				   _("%s %s does not match its audit records: it was changed outside gradus (see gradus "
				     "verify)"),
				   table, id);
	return status;
}

enum status audit_row_read(struct store *store, const char *table, const char *id, struct audit_row *row,
			   struct error *err)
{
	return row_read(store, table, id, false, row, err);
}

enum status audit_row_check(struct store *store, const char *table, const char *id, struct audit_row *row,
			    struct error *err)
{
	return row_read(store, table, id, true, row, err);
}

/* ---- what verify reads (verify_chain.c) ---- */

void audit_record_hash(const uint8_t prev[AUDIT_HASH_SIZE], long long seq, enum audit_op op, const char *at,
		       const char *actor, const char *table, const char *id, const struct audit_field *fields,
		       size_t count, uint8_t out[AUDIT_HASH_SIZE])
{
	struct record r = { seq, op, at, actor, table, id, fields, count };

	record_hash(prev, &r, out);
}

enum status audit_previous_hash(struct store *store, long long seq, uint8_t out[AUDIT_HASH_SIZE], struct error *err)
{
	return previous_hash(store, seq, out, err);
}

/* ---- migration 20: the per-field audit into records ---- */

/* Schema 17's hash: SHA-256(prev, seq, at, actor, table, row, field, old,
 * new), in hex, each part ended by the separator. */
static void v1_hash(const char *prev, long long seq, const char *const text[7], char out[65])
{
	struct hashing h;
	uint8_t digest[HASH_SIZE];
	size_t i;

	hash_begin(&h);
	hash_field(&h, prev);
	hash_number(&h, seq);
	for (i = 0; i < 7; i++)
		hash_field(&h, text[i]);
	hash_end(&h, digest);
	hex_of(digest, HASH_SIZE, out);
}

/* Old rows gathered into one record: an insert's fields (one store_insert),
 * an update's (one row's fields changed by one user in one second, at the
 * most up to the edge of an import batch), or a delete's (the row's fields,
 * then "-"). */
struct pending {
	enum { PENDING_NONE, PENDING_INSERT, PENDING_UPDATE } kind;
	long long seq; /* the last old row's */
	char *at, *actor, *table, *id;
	struct audit_field fields[MAX_INSERT_FIELDS];
	size_t count;
};

static void pending_clear(struct pending *p)
{
	size_t i;

	free(p->at);
	free(p->actor);
	free(p->table);
	free(p->id);
	for (i = 0; i < p->count; i++) {
		free((char *)p->fields[i].name);
		free((char *)p->fields[i].old);
		free((char *)p->fields[i].new);
	}
	memset(p, 0, sizeof(*p));
}

struct convert {
	struct store *store;
	uint8_t prev[HASH_SIZE];
	struct pending p;
};

static const char *owner_of(const struct audit_field *fields, size_t count)
{
	static const char *const keys[] = { "case_id", "check_id", "panel_id" };
	size_t i, k;

	for (k = 0; k < 3; k++)
		for (i = 0; i < count; i++)
			if (!strcmp(fields[i].name, keys[k]) && fields[i].old)
				return fields[i].old;
	return NULL;
}

static enum status convert_emit(struct convert *c, enum audit_op op, long long seq, const char *at, const char *actor,
				const char *table, const char *id, const struct audit_field *fields, size_t count,
				struct error *err)
{
	struct audit_field values[MAX_INSERT_FIELDS];
	struct record r = { seq, op, at, actor, table, id, fields, count };
	uint8_t hash[HASH_SIZE];
	char *change = NULL;
	enum status status;

	if (op == AUDIT_INSERT) {
		r.count = insert_values(table, fields, count, values, MAX_INSERT_FIELDS);
		r.fields = values;
	} else if (!(change = change_json(fields, count))) {
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	record_hash(c->prev, &r, hash);
	status = record_insert(c->store, &r, change, op == AUDIT_DELETE ? owner_of(fields, count) : NULL, false, 0,
			       hash, err);
	memcpy(c->prev, hash, HASH_SIZE);
	free(change);
	return status;
}

static enum status convert_flush(struct convert *c, struct error *err)
{
	struct pending *p = &c->p;
	enum status status = STATUS_OK;

	if (p->kind != PENDING_NONE)
		status = convert_emit(c, p->kind == PENDING_INSERT ? AUDIT_INSERT : AUDIT_UPDATE, p->seq, p->at, p->actor,
				      p->table, p->id, p->fields, p->count, err);
	pending_clear(p);
	return status;
}

static bool pending_has(const struct pending *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (!strcmp(p->fields[i].name, field))
			return true;
	return false;
}

static enum status pending_start(struct pending *p, int kind, const char *const text[7])
{
	enum status status = STATUS_OK;

	p->kind = kind;
	p->at = dup_or_null(text[0], &status);
	p->actor = dup_or_null(text[1], &status);
	p->table = dup_or_null(text[2], &status);
	p->id = dup_or_null(text[3], &status);
	return status;
}

static enum status pending_add(struct pending *p, long long seq, const char *const text[7])
{
	enum status status = STATUS_OK;

	if (p->count >= MAX_INSERT_FIELDS)
		return STATUS_ERR_INVALID;
	p->fields[p->count].name = dup_or_null(text[4], &status);
	p->fields[p->count].old = dup_or_null(text[5], &status);
	p->fields[p->count].new = dup_or_null(text[6], &status);
	p->count++;
	p->seq = seq;
	return status;
}

static bool same_write(const struct pending *p, const char *const text[7])
{
	return p->kind != PENDING_NONE && same_text(p->at, text[0]) && same_text(p->actor, text[1]) &&
	       same_text(p->table, text[2]) && same_text(p->id, text[3]);
}

/* "-" after a row's fields: a delete when each went to NULL, else the
 * updates before a delete. */
static enum status convert_delete(struct convert *c, long long seq, const char *const text[7], struct error *err)
{
	struct pending *p = &c->p;
	enum status status = STATUS_OK;
	bool deleted = true;
	size_t i;

	for (i = 0; i < p->count; i++)
		deleted = deleted && p->fields[i].old && !p->fields[i].new;
	if (!deleted)
		status = convert_flush(c, err);
	if (!status)
		status = convert_emit(c, AUDIT_DELETE, seq, text[0], text[1], text[2], text[3], deleted ? p->fields : NULL,
				      deleted ? p->count : 0, err);
	pending_clear(p);
	return status;
}

/* One old row: continues what is gathered, or ends it and begins anew.
 * first: the row's first audit row (an insert, in a table of the schema);
 * edge: an import batch begins there or ended just before. */
static enum status convert_row(struct convert *c, long long seq, const char *const text[7], bool first, bool edge,
			       struct error *err)
{
	struct pending *p = &c->p;
	bool dash = !strcmp(text[4], "-"), same = !edge && same_write(p, text);
	enum status status;

	if (same && p->kind == PENDING_INSERT && !text[5] && !dash && !pending_has(p, text[4]))
		return pending_add(p, seq, text);
	if (same && p->kind == PENDING_UPDATE && dash)
		return convert_delete(c, seq, text, err);
	if (same && p->kind == PENDING_UPDATE && !dash && !pending_has(p, text[4]))
		return pending_add(p, seq, text);
	if ((status = convert_flush(c, err)))
		return status;
	if (dash)
		return convert_emit(c, AUDIT_DELETE, seq, text[0], text[1], text[2], text[3], NULL, 0, err);
	status = pending_start(p, first && !text[5] && schema_table(text[2]) ? PENDING_INSERT : PENDING_UPDATE, text);
	return status ? status : pending_add(p, seq, text);
}

/* Schema 17's chain checked row by row; its head in hex ("" while empty). */
static enum status v1_check(struct store *store, char head[65], struct error *err)
{
	static const char *const sql =
		"SELECT seq, at, actor, tbl, row_id, field, old, new, prev_hash, hash FROM audit_v1 ORDER BY seq";
	char prev[65], hash[65];
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	long long expected = 1;
	bool row;
	int rc, i;

	memset(prev, '0', 64);
	prev[64] = '\0';
	*head = '\0';
	if ((rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
		return store_fail(store, rc, err, _("reading the audit log"));
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		long long seq = sqlite3_column_int64(stmt, 0);
		const char *text[7];

		for (i = 0; i < 7; i++)
			text[i] = (const char *)sqlite3_column_text(stmt, i + 1);
		v1_hash(prev, seq, text, hash);
		if (seq != expected || !same_text(prev, (const char *)sqlite3_column_text(stmt, 8)) ||
		    !same_text(hash, (const char *)sqlite3_column_text(stmt, 9)) || !text[0] || !text[1] ||
		    !text[2] || !text[3] || !text[4]) {
			/* L10N: opening a database of an older gradus whose audit log was changed; the file, the row,
			 * its table, id and field */
			status = error_set(err, STATUS_ERR_CORRUPT,
					   _("%s: the audit log is broken at row %lld (%s %s.%s): it was changed outside "
					     "gradus; the database was not converted (restore a backup)"),
					   store->path, seq, text[2] ? text[2] : "", text[3] ? text[3] : "",
					   text[4] ? text[4] : "");
			break;
		}
		memcpy(prev, hash, sizeof(prev));
		memcpy(head, hash, 65);
		expected++;
	}
	sqlite3_finalize(stmt);
	return status;
}

enum status audit_convert(struct store *store, struct error *err)
{
	static const char *const sql =
		"SELECT o.seq, o.at, o.actor, o.tbl, o.row_id, o.field, o.old, o.new, f.seq IS NOT NULL, e.seq IS NOT NULL"
		" FROM audit_v1 o LEFT JOIN temp.audit_first f ON f.seq = o.seq LEFT JOIN temp.audit_edges e ON e.seq = o.seq"
		" ORDER BY o.seq";
	struct convert c;
	char head[65];
	sqlite3_stmt *stmt = NULL;
	enum status status;
	bool row;
	int rc, i;

	memset(&c, 0, sizeof(c));
	c.store = store;
	if ((status = v1_check(store, head, err)))
		return status;
	if (*head) {
		char *insert = sqlite3_mprintf("INSERT OR REPLACE INTO meta VALUES ('audit_v1_head', %Q)", head);

		rc = insert ? sqlite3_exec(store->db, insert, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(insert);
		if (rc != SQLITE_OK)
			return store_fail(store, rc, err, _("writing the audit log"));
		bytes_of_hex(head, c.prev);
	}
	rc = sqlite3_exec(store->db,
			  "CREATE TEMP TABLE audit_first (seq INTEGER PRIMARY KEY);"
			  "INSERT INTO temp.audit_first SELECT min(seq) FROM audit_v1 GROUP BY tbl, row_id;"
			  "CREATE TEMP TABLE audit_edges (seq INTEGER PRIMARY KEY);"
			  "INSERT OR IGNORE INTO temp.audit_edges SELECT first_seq FROM import_batches"
			  " UNION SELECT last_seq + 1 FROM import_batches"
			  " UNION SELECT undo_first_seq FROM import_batches WHERE undo_first_seq IS NOT NULL"
			  " UNION SELECT undo_last_seq + 1 FROM import_batches WHERE undo_last_seq IS NOT NULL;",
			  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading the audit log"));
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		const char *text[7];

		for (i = 0; i < 7; i++)
			text[i] = (const char *)sqlite3_column_text(stmt, i + 1);
		status = convert_row(&c, sqlite3_column_int64(stmt, 0), text, sqlite3_column_int(stmt, 8) != 0,
				     sqlite3_column_int(stmt, 9) != 0, err);
	}
	sqlite3_finalize(stmt);
	if (!status)
		status = convert_flush(&c, err);
	pending_clear(&c.p);
	if (status == STATUS_ERR_NOMEM || status == STATUS_ERR_INVALID)
		return error_set(err, status, _("out of memory"));
	rc = status ? SQLITE_OK
		    : sqlite3_exec(store->db, "DROP TABLE temp.audit_first; DROP TABLE temp.audit_edges; DROP TABLE audit_v1;",
				   NULL, NULL, NULL);
	return rc == SQLITE_OK ? status : store_fail(store, rc, err, _("writing the audit log"));
}
