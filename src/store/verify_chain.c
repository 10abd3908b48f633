/* gradus verify: the audit chain in one pass (verify.c, audit.c).
 *
 * The records are read newest first, in the order the table keeps them: no
 * index and no seek a record. Going back in time rewinds the rows: a row
 * met by a newer update or delete is kept here with the values those
 * records say it had before them, so each update's new values are held to
 * the row as it was then (the row now, or the old values of the newer
 * records), and an insert's values, which its record does not keep, are
 * the row's then. Each record is checked once the next is read, whose
 * stored hash is the one it follows: its hash against the one before and
 * what it wrote, in one reading of the chain. An insert's row
 * comes from a scan of its table newest first (rows are stored in the order
 * their inserts were written), a row first met by an update or one stored
 * out of that order is read by its id. The inserts that account for a
 * table's rows are summed; a table whose rows they do not all account for
 * is left to verify.c's query for the rows written outside gradus.
 *
 * What a row-by-row reading (audit.c's audit_row_check) finds, this finds,
 * but for a row deleted and inserted again under the same id: its older
 * records are read as a row of their own. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_private.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"
#include "verify_private.h"

#define NO_TEXT SIZE_MAX

/* A field a newer record wrote: its value before that record. */
struct touched {
	int field;
	char *value;
};

/* A row met by a newer update or delete, rewound that far. */
struct rewound {
	struct rewound *next;
	size_t table;
	bool reset;    /* a delete is newer: the fields it did not name were NULL */
	bool exists;   /* the row is there now */
	bool reported; /* a field of it was named (once a row) */
	struct touched *fields;
	size_t count, capacity;
	char id[];
};

/* A table's rows now: read by id, or for an insert in the order of the
 * table newest first (the order its inserts come in, read newest first:
 * the rows are met in turn, without a seek). on: the statement on the row
 * read last (columns: the id or 1, each field CAST AS TEXT, the rowid). */
struct reader {
	sqlite3_stmt *by_id, *scan, *on;
	bool scanning, scan_row, scan_used;
	bool no_rowid; /* the table has none (verify_schema names it) */
	char *id;
	size_t id_size;
	bool exists;
	long rows;    /* the inserts that account for a row there now */
	uint64_t sum; /* and the sum of their ids' mixes */
};

/* The record being read, copied (the statements move on): texts are
 * offsets into text, NO_TEXT for NULL. */
struct record {
	long long seq;
	enum audit_op op;
	char at[32];
	uint8_t hash[AUDIT_HASH_SIZE];
	bool has_hash; /* the stored hash is 32 bytes */
	size_t actor, table, id;
	const struct schema_table *schema; /* its table's, NULL for one gradus does not write */
	struct {
		size_t name, old, new;
	} *fields;
	size_t count, capacity;
	char *text;
	size_t used, size;
};

struct chain {
	struct verifier *v;
	struct store *store;
	sqlite3_stmt *records; /* newest first */
	struct reader *readers;
	size_t tables;
	struct rewound **buckets;
	size_t bucket_count, rewound_count;
	struct record read_in[2]; /* the record checked and the one read after it */
	const struct record *r;   /* the record checked */
	struct audit_field *hashed;
	size_t hashed_capacity;
	long read;
	struct {
		const char *name; /* a table audit_table_of names */
		const struct schema_table *schema;
	} named[8]; /* the tables met by number, each looked up once */
	bool at_cached; /* at is the text of at_seconds */
	sqlite3_int64 at_seconds;
	char at[32];
};

/* ---- the record read ---- */

static size_t text_add(struct record *r, const unsigned char *s, enum status *status)
{
	size_t n, at = r->used;

	if (!s)
		return NO_TEXT;
	n = strlen((const char *)s) + 1;
	if (r->used + n > r->size) {
		size_t size = r->size ? r->size : 256;
		char *grown;

		while (r->used + n > size)
			size *= 2;
		if (!(grown = realloc(r->text, size))) {
			*status = STATUS_ERR_NOMEM;
			return NO_TEXT;
		}
		r->text = grown;
		r->size = size;
	}
	memcpy(r->text + at, s, n);
	r->used += n;
	return at;
}

static const char *text_at(const struct record *r, size_t at)
{
	return at == NO_TEXT ? NULL : r->text + at;
}

/* Room for size more bytes of text. */
static enum status text_room(struct record *r, size_t size)
{
	size_t want = r->size ? r->size : 256;
	char *grown;

	if (r->used + size <= r->size)
		return STATUS_OK;
	while (r->used + size > want)
		want *= 2;
	if (!(grown = realloc(r->text, want)))
		return STATUS_ERR_NOMEM;
	r->text = grown;
	r->size = want;
	return STATUS_OK;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A JSON string or null at *p into the record's text (room made before):
 * its offset, NO_TEXT for null; false for what this reading leaves to
 * SQLite's parser (other values, escapes but \" \\ and \u of a byte). */
static bool json_value(struct record *r, const char **p, bool null_ok, size_t *at)
{
	const char *s = *p;
	char *out = r->text + r->used;

	if (null_ok && !strncmp(s, "null", 4)) {
		*at = NO_TEXT;
		*p = s + 4;
		return true;
	}
	if (*s++ != '"')
		return false;
	for (;;) {
		unsigned char c = (unsigned char)*s++;
		int v, i;

		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			c = (unsigned char)*s++;
			if (c == 'u') {
				for (v = 0, i = 0; i < 4 && hex_digit(s[i]) >= 0; i++)
					v = 16 * v + hex_digit(s[i]);
				if (i < 4 || v == 0 || v >= 0x80)
					return false;
				s += 4;
				c = (unsigned char)v;
			} else if (c != '"' && c != '\\') {
				return false;
			}
		}
		*out++ = (char)c;
	}
	*out++ = '\0';
	*at = r->used;
	r->used = (size_t)(out - r->text);
	*p = s;
	return true;
}

/* The change {"field": [old, new], ...} as audit.c writes it, read here:
 * false (nothing kept) for any other form, which json_each reads. */
static bool change_read(struct record *r, const char *change, enum status *status)
{
	const char *p = change;
	size_t mark = r->used;

	if ((*status = text_room(r, strlen(change) + 1)) || *p++ != '{')
		return false;
	while (*p != '}') {
		size_t name, old, new;

		if (r->count && *p++ != ',')
			goto other;
		if (!json_value(r, &p, false, &name) || *p++ != ':' || *p++ != '[' || !json_value(r, &p, true, &old) ||
		    *p++ != ',' || !json_value(r, &p, true, &new) || *p++ != ']')
			goto other;
		if ((*status = store_grow((void **)&r->fields, &r->capacity, r->count, sizeof(*r->fields))))
			return false;
		r->fields[r->count].name = name;
		r->fields[r->count].old = old;
		r->fields[r->count].new = new;
		r->count++;
	}
	if (p[1] == '\0')
		return true;
other:
	r->count = 0;
	r->used = mark;
	return false;
}

/* The change in any other form, through SQLite's json_each: a field a row,
 * in order. */
static enum status change_parse(struct chain *c, struct record *r, sqlite3_value *change, struct error *err)
{
	static const char *const sql = "SELECT key, value ->> 0, value ->> 1 FROM json_each(?1)";
	sqlite3_stmt *stmt = store_prepare(c->store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_value(stmt, 1, change);
	while (!status && !(status = store_step(c->store, stmt, &row, err)) && row) {
		if (sqlite3_column_type(stmt, 0) == SQLITE_NULL)
			continue;
		if ((status = store_grow((void **)&r->fields, &r->capacity, r->count, sizeof(*r->fields))))
			break;
		r->fields[r->count].name = text_add(r, sqlite3_column_text(stmt, 0), &status);
		r->fields[r->count].old = text_add(r, sqlite3_column_text(stmt, 1), &status);
		r->fields[r->count].new = text_add(r, sqlite3_column_text(stmt, 2), &status);
		r->count++;
	}
	sqlite3_reset(stmt);
	return status;
}

/* audit.row_id of a record: rid's bytes in lower-case hex, else rid as
 * it is (migration 22's generated column, made here from rid). */
static size_t row_id_add(struct record *r, sqlite3_stmt *stmt, int column, enum status *status)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *bytes;
	size_t size, at, i;

	if (sqlite3_column_type(stmt, column) != SQLITE_BLOB)
		return text_add(r, sqlite3_column_text(stmt, column), status);
	bytes = sqlite3_column_blob(stmt, column);
	size = (size_t)sqlite3_column_bytes(stmt, column);
	if ((*status = text_room(r, 2 * size + 1)))
		return NO_TEXT;
	at = r->used;
	for (i = 0; i < size; i++) {
		r->text[at + 2 * i] = digits[bytes[i] >> 4];
		r->text[at + 2 * i + 1] = digits[bytes[i] & 15];
	}
	r->text[at + 2 * size] = '\0';
	r->used += 2 * size + 1;
	return at;
}

/* The schema of a table audit_table_of names (one of a few names, each
 * looked up by name once). */
static const struct schema_table *named_schema(struct chain *c, const char *table)
{
	size_t i;

	for (i = 0; i < sizeof(c->named) / sizeof(c->named[0]) && c->named[i].name; i++)
		if (c->named[i].name == table)
			return c->named[i].schema;
	if (i == sizeof(c->named) / sizeof(c->named[0]))
		return schema_table(table);
	c->named[i].name = table;
	return c->named[i].schema = schema_table(table);
}

/* Columns: seq, op, at, actor, hash, t, rid, change (t and rid read as
 * the generated tbl and row_id read them, without SQLite computing them). */
static enum status record_read(struct chain *c, sqlite3_stmt *stmt, struct record *r, struct error *err)
{
	const char *change, *table;
	enum status status = STATUS_OK;

	r->seq = sqlite3_column_int64(stmt, 0);
	r->op = (enum audit_op)sqlite3_column_int(stmt, 1);
	/* the time as text, again only when it changes (records come in runs of one second) */
	if (sqlite3_column_type(stmt, 2) != SQLITE_INTEGER || !c->at_cached ||
	    sqlite3_column_int64(stmt, 2) != c->at_seconds) {
		audit_at_text(stmt, 2, c->at);
		c->at_cached = sqlite3_column_type(stmt, 2) == SQLITE_INTEGER;
		c->at_seconds = sqlite3_column_int64(stmt, 2);
	}
	memcpy(r->at, c->at, sizeof(r->at));
	r->has_hash = sqlite3_column_bytes(stmt, 4) == AUDIT_HASH_SIZE;
	if (r->has_hash)
		memcpy(r->hash, sqlite3_column_blob(stmt, 4), AUDIT_HASH_SIZE);
	r->count = 0;
	r->used = 0;
	r->actor = text_add(r, sqlite3_column_text(stmt, 3), &status);
	table = audit_table_of(sqlite3_column_value(stmt, 5));
	r->table = text_add(r, table ? (const unsigned char *)table : sqlite3_column_text(stmt, 5), &status);
	r->schema = table ? named_schema(c, table) : schema_table(text_at(r, r->table));
	if (!status)
		r->id = row_id_add(r, stmt, 6, &status);
	if (status || sqlite3_column_type(stmt, 7) == SQLITE_NULL)
		return status;
	change = sqlite3_column_type(stmt, 7) == SQLITE_TEXT ? (const char *)sqlite3_column_text(stmt, 7) : NULL;
	if (change && (change_read(r, change, &status) || status))
		return status;
	return change_parse(c, r, sqlite3_column_value(stmt, 7), err);
}

/* ---- rows rewound ---- */

/* A 64-bit mix of an id, for the rows rewound and the sums of ids: eight
 * bytes a step (an id is 32 hex digits: four), then murmur3's finalizer. */
static uint64_t mix(const char *s)
{
	uint64_t h, word;
	size_t n;

	if (!s)
		return 0x9e3779b97f4a7c15u;
	n = strlen(s);
	h = 0xcbf29ce484222325u ^ n;
	for (; n; s += sizeof(word), n -= n < sizeof(word) ? n : sizeof(word)) {
		word = 0;
		memcpy(&word, s, n < sizeof(word) ? n : sizeof(word));
		h = (h ^ word) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 33);
}

static struct rewound **rewound_slot(struct chain *c, size_t table, const char *id)
{
	struct rewound **slot;

	if (!c->bucket_count)
		return NULL;
	slot = &c->buckets[(mix(id) + table) & (c->bucket_count - 1)];
	while (*slot && ((*slot)->table != table || strcmp((*slot)->id, id)))
		slot = &(*slot)->next;
	return slot;
}

static struct rewound *rewound_find(struct chain *c, size_t table, const char *id)
{
	struct rewound **slot = rewound_slot(c, table, id);

	return slot ? *slot : NULL;
}

static struct rewound *rewound_add(struct chain *c, size_t table, const char *id, bool exists)
{
	size_t n = strlen(id) + 1, i;
	struct rewound *e, **slot;

	if (c->rewound_count >= c->bucket_count) {
		size_t count = c->bucket_count ? 2 * c->bucket_count : 64;
		struct rewound **buckets = calloc(count, sizeof(*buckets)), *next;

		if (!buckets)
			return NULL;
		for (i = 0; i < c->bucket_count; i++)
			for (e = c->buckets[i]; e; e = next) {
				next = e->next;
				slot = &buckets[(mix(e->id) + e->table) & (count - 1)];
				e->next = *slot;
				*slot = e;
			}
		free(c->buckets);
		c->buckets = buckets;
		c->bucket_count = count;
	}
	if (!(e = calloc(1, sizeof(*e) + n)))
		return NULL;
	memcpy(e->id, id, n);
	e->table = table;
	e->exists = exists;
	slot = &c->buckets[(mix(id) + table) & (c->bucket_count - 1)];
	e->next = *slot;
	*slot = e;
	c->rewound_count++;
	return e;
}

static void touched_clear(struct rewound *e)
{
	size_t i;

	for (i = 0; i < e->count; i++)
		free(e->fields[i].value);
	e->count = 0;
}

static void rewound_remove(struct chain *c, struct rewound *e)
{
	struct rewound **slot = rewound_slot(c, e->table, e->id);

	*slot = e->next;
	c->rewound_count--;
	touched_clear(e);
	free(e->fields);
	free(e);
}

static enum status touch(struct rewound *e, int field, const char *value)
{
	enum status status = STATUS_OK;
	char *copy = NULL;
	size_t i;

	if (value && !(copy = strdup(value)))
		return STATUS_ERR_NOMEM;
	for (i = 0; i < e->count && e->fields[i].field != field; i++)
		;
	if (i == e->count) {
		if ((status = store_grow((void **)&e->fields, &e->capacity, e->count, sizeof(*e->fields)))) {
			free(copy);
			return status;
		}
		e->fields[e->count++] = (struct touched){ field, NULL };
	}
	free(e->fields[i].value);
	e->fields[i].value = copy;
	return STATUS_OK;
}

/* ---- rows now ---- */

static int field_index(const struct schema_table *schema, const char *name)
{
	int i;

	for (i = 0; name && schema->fields[i]; i++)
		if (!strcmp(schema->fields[i], name))
			return i;
	return -1;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static size_t field_count(const struct schema_table *schema)
{
	size_t n = 0;

	while (schema->fields[n])
		n++;
	return n;
}


/* SQLite's result code; scan: the table newest first, else by id; rowid:
 * with the rowid last. */
static int reader_prepare(struct chain *c, const struct schema_table *schema, bool scan, bool rowid,
			  sqlite3_stmt **stmt)
{
	char *sql = sqlite3_mprintf(scan ? "SELECT id" : "SELECT 1"), *more;
	size_t i;
	int rc;

	for (i = 0; sql && schema->fields[i]; i++) {
		more = sqlite3_mprintf("%s, CAST(\"%w\" AS TEXT)", sql, schema->fields[i]);
		sqlite3_free(sql);
		sql = more;
	}
	more = sql ? sqlite3_mprintf("%s%s FROM \"%w\"%s", sql, rowid ? ", rowid" : "", schema->name,
				     scan ? " ORDER BY rowid DESC" : " WHERE id = ?1")
		   : NULL;
	sqlite3_free(sql);
	if (!more)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(store_db(c->store), more, -1, stmt, NULL);
	sqlite3_free(more);
	return rc;
}

/* The next row of the table's scan, once the one it is on was used. A
 * table without rowids (made again outside gradus: verify_schema names
 * it) is read by id only. */
static enum status scan_next(struct chain *c, struct reader *rd, const struct schema_table *schema,
			     struct error *err)
{
	enum status status = STATUS_OK;

	if (!rd->scanning) {
		rd->scanning = rd->scan_used = true;
		if (rd->no_rowid || reader_prepare(c, schema, true, true, &rd->scan) != SQLITE_OK) {
			rd->no_rowid = true;
			rd->scan_used = false;
		}
	}
	if (rd->scan_used) {
		rd->scan_used = false;
		status = store_step(c->store, rd->scan, &rd->scan_row, err);
	}
	return status;
}

/* The reader of table on the row id (read unless it is there already). An
 * insert's row is first looked for where the scan is; found elsewhere by
 * its id, the scan moves on past it. */
static enum status reader_at(struct chain *c, size_t table, const char *id, bool insert, struct error *err)
{
	const struct schema_table *schema = schema_table_at(table);
	struct reader *rd = &c->readers[table];
	size_t n = strlen(id) + 1;
	enum status status = STATUS_OK;
	bool row;
	int rc;

	if (rd->id && !strcmp(rd->id, id))
		return STATUS_OK;
	if (n > rd->id_size) {
		char *grown = realloc(rd->id, n);

		if (!grown)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		rd->id = grown;
		rd->id_size = n;
	}
	memcpy(rd->id, id, n);
	rd->on = NULL;
	rd->exists = false;
	if (insert && (status = scan_next(c, rd, schema, err)))
		goto done;
	if (insert && rd->scan_row && same_text((const char *)sqlite3_column_text(rd->scan, 0), id)) {
		rd->on = rd->scan;
		rd->exists = rd->scan_used = true;
		return STATUS_OK;
	}
	if (!rd->by_id && !rd->no_rowid && reader_prepare(c, schema, false, true, &rd->by_id) != SQLITE_OK) {
		sqlite3_finalize(rd->by_id);
		rd->by_id = NULL;
		rd->no_rowid = true;
	}
	if (!rd->by_id && (rc = reader_prepare(c, schema, false, false, &rd->by_id)) != SQLITE_OK) {
		status = store_fail(c->store, rc, err, schema->name);
		goto done;
	}
	sqlite3_reset(rd->by_id);
	sqlite3_bind_text(rd->by_id, 1, rd->id, -1, SQLITE_STATIC);
	if ((status = store_step(c->store, rd->by_id, &row, err)) || !row)
		goto done;
	rd->on = rd->by_id;
	rd->exists = true;
	if (insert && !rd->no_rowid) {
		sqlite3_int64 rowid = sqlite3_column_int64(rd->by_id, (int)field_count(schema) + 1);

		while (!status && rd->scan_row && sqlite3_column_int64(rd->scan, (int)field_count(schema) + 1) >= rowid)
			status = store_step(c->store, rd->scan, &rd->scan_row, err);
	}
done:
	if (status)
		*rd->id = '\0';
	return status;
}

/* Field k of the row the reader is on, as the hash took it (CAST AS TEXT). */
static const char *reader_value(const struct reader *rd, int k)
{
	return rd->exists ? (const char *)sqlite3_column_text(rd->on, k + 1) : NULL;
}

/* Field k of a row as it was before the newer records kept in e. */
static enum status value_before(struct chain *c, const struct rewound *e, int k, bool insert, const char **value,
				struct error *err)
{
	enum status status;
	size_t i;

	for (i = 0; i < e->count; i++)
		if (e->fields[i].field == k) {
			*value = e->fields[i].value;
			return STATUS_OK;
		}
	*value = NULL;
	if (e->reset)
		return STATUS_OK;
	if (!(status = reader_at(c, e->table, e->id, insert, err)))
		*value = reader_value(&c->readers[e->table], k);
	return status;
}

/* ---- a record against its row ---- */

static enum status hashed_add(struct chain *c, size_t *count, const char *name, const char *old, const char *new)
{
	enum status status = store_grow((void **)&c->hashed, &c->hashed_capacity, *count, sizeof(*c->hashed));

	if (!status)
		c->hashed[(*count)++] = (struct audit_field){ name, old, new };
	return status;
}

static enum status rewind_update(struct chain *c, const struct schema_table *schema, struct rewound *e,
				 struct error *err)
{
	const struct record *r = c->r;
	enum status status = STATUS_OK;
	const char *now;
	size_t i;

	for (i = 0; !status && i < r->count; i++) {
		const char *name = text_at(r, r->fields[i].name), *new = text_at(r, r->fields[i].new);
		int k = field_index(schema, name);

		if (k < 0 || (status = value_before(c, e, k, false, &now, err)))
			continue;
		if (!e->reported && !same_text(now, new)) {
			verify_report(c->v, _("%s %s: field %s holds \"%s\" but audit row %lld says \"%s\": "
					      "the record was changed outside gradus"),
				      schema->name, e->id, name, now ? now : "", r->seq, new ? new : "");
			e->reported = true;
		}
		status = touch(e, k, text_at(r, r->fields[i].old));
	}
	return status;
}

static enum status rewind_delete(struct rewound *e, const struct schema_table *schema, const struct record *r)
{
	enum status status = STATUS_OK;
	size_t i;

	touched_clear(e);
	e->reset = true;
	for (i = 0; !status && i < r->count; i++) {
		int k = field_index(schema, text_at(r, r->fields[i].name));

		if (k >= 0)
			status = touch(e, k, text_at(r, r->fields[i].old));
	}
	return status;
}

/* An insert's values: the row's then, in the order of the schema. The row
 * is accounted for when it is there now and no delete followed. */
static enum status rewind_insert(struct chain *c, size_t table, const struct schema_table *schema,
				 struct rewound *e, size_t *count, struct error *err)
{
	struct reader *rd = &c->readers[table];
	const char *id = e ? e->id : rd->id;
	enum status status = STATUS_OK;
	const char *value;
	int k;

	for (k = 0; !status && schema->fields[k]; k++) {
		value = reader_value(rd, k);
		if (e)
			status = value_before(c, e, k, true, &value, err);
		if (!status && value)
			status = hashed_add(c, count, schema->fields[k], NULL, value);
	}
	if (!status && (e ? e->exists && !e->reset : rd->exists)) {
		rd->rows++;
		rd->sum += mix(id);
	}
	return status;
}

/* The record against its row, where its table is one gradus writes; the
 * fields its hash takes (an insert's rewound, else those it keeps). *done:
 * the row rewound to forget once the record is hashed (at its insert). */
static enum status record_rewind(struct chain *c, size_t *count, struct rewound **done, struct error *err)
{
	const struct record *r = c->r;
	const struct schema_table *schema = r->schema;
	const char *id = text_at(r, r->id) ? text_at(r, r->id) : "";
	size_t table = schema ? (size_t)(schema - schema_table_at(0)) : c->tables, i;
	enum status status = STATUS_OK;
	struct rewound *e = NULL;

	*count = 0;
	*done = NULL;
	if (table < c->tables) {
		e = rewound_find(c, table, id);
		if (!e && r->op != AUDIT_DELETE) {
			if ((status = reader_at(c, table, id, r->op == AUDIT_INSERT, err)))
				return status;
			if (!c->readers[table].exists)
				/* L10N: verify: a table, a row's id, an audit record's number */
				verify_report(c->v, _("%s %s (audit row %lld) is gone: the record was deleted outside gradus"),
					      schema->name, id, r->seq);
		}
		if (!e && r->op != AUDIT_INSERT && !(e = rewound_add(c, table, id, c->readers[table].exists)))
			return STATUS_ERR_NOMEM;
		if (r->op == AUDIT_INSERT) {
			*done = e;
			return rewind_insert(c, table, schema, e, count, err);
		}
		status = r->op == AUDIT_DELETE ? rewind_delete(e, schema, r) : rewind_update(c, schema, e, err);
	}
	for (i = 0; !status && i < r->count; i++)
		status = hashed_add(c, count, text_at(r, r->fields[i].name), text_at(r, r->fields[i].old),
				    text_at(r, r->fields[i].new));
	return status;
}

/* The record against its row and the hash it follows, prev: the stored
 * hash of the record before it. */
static enum status record_check(struct chain *c, const uint8_t prev[AUDIT_HASH_SIZE], struct error *err)
{
	const struct record *r = c->r;
	uint8_t hash[AUDIT_HASH_SIZE];
	struct rewound *done;
	enum status status;
	size_t count;

	c->read++;
	status = record_rewind(c, &count, &done, err);
	if (!status) {
		audit_record_hash(prev, r->seq, r->op, r->at, text_at(r, r->actor), text_at(r, r->table),
				  text_at(r, r->id), c->hashed, count, hash);
		if (!r->has_hash || memcmp(hash, r->hash, AUDIT_HASH_SIZE))
			/* L10N: verify: an audit record's number, its table and row's id */
			verify_report(c->v, _("audit chain broken at record %lld (%s %s): the record or its audit was "
					      "changed outside gradus"),
				      r->seq, text_at(r, r->table) ? text_at(r, r->table) : "",
				      text_at(r, r->id) ? text_at(r, r->id) : "");
	}
	if (done)
		rewound_remove(c, done);
	return status;
}

/* ---- the tables' rows ---- */

/* Whether the inserts account for every row of each table: its ids summed
 * as the inserts summed them (the index of its primary key, in order). */
static enum status tables_accounted(struct chain *c, bool *unaccounted, struct error *err)
{
	enum status status = STATUS_OK;
	size_t t;

	for (t = 0; !status && t < c->tables; t++) {
		char *sql = sqlite3_mprintf("SELECT id FROM \"%w\"", schema_table_at(t)->name);
		sqlite3_stmt *stmt = NULL;
		uint64_t sum = 0;
		long rows = 0;
		bool row;

		if (!sql)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		/* a table that cannot be read is left to verify.c's query, which names why */
		if (sqlite3_prepare_v2(store_db(c->store), sql, -1, &stmt, NULL) == SQLITE_OK) {
			while (!(status = store_step(c->store, stmt, &row, err)) && row) {
				rows++;
				sum += mix((const char *)sqlite3_column_text(stmt, 0));
			}
			unaccounted[t] = status || rows != c->readers[t].rows || sum != c->readers[t].sum;
		}
		sqlite3_finalize(stmt);
		sqlite3_free(sql);
	}
	return status;
}

static void chain_free(struct chain *c)
{
	struct rewound *e, *next;
	size_t i;

	sqlite3_finalize(c->records);
	for (i = 0; c->readers && i < c->tables; i++) {
		sqlite3_finalize(c->readers[i].by_id);
		sqlite3_finalize(c->readers[i].scan);
		free(c->readers[i].id);
	}
	free(c->readers);
	for (i = 0; i < c->bucket_count; i++)
		for (e = c->buckets[i]; e; e = next) {
			next = e->next;
			touched_clear(e);
			free(e->fields);
			free(e);
		}
	free(c->buckets);
	for (i = 0; i < 2; i++) {
		free(c->read_in[i].fields);
		free(c->read_in[i].text);
	}
	free(c->hashed);
}

static void hex_of(const uint8_t *bytes, size_t size, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < size; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * size] = '\0';
}

/* Each record newest first, checked once the one before it is read: its
 * stored hash is the hash the record follows (the oldest follows the head
 * of the chain it continues, or zeros). */
static enum status chain_walk(struct chain *c, char head[65], struct error *err)
{
	uint8_t prev[AUDIT_HASH_SIZE];
	enum status status, next_status;
	struct record *r = &c->read_in[0], *next = &c->read_in[1], *swap;
	bool row, next_row = false;

	if ((status = store_step(c->store, c->records, &row, err)) || !row ||
	    (status = record_read(c, c->records, r, err)))
		return status;
	if (r->has_hash)
		hex_of(r->hash, AUDIT_HASH_SIZE, head);
	while (!status && row) {
		next_status = store_step(c->store, c->records, &next_row, err);
		if (!next_status && next_row)
			next_status = record_read(c, c->records, next, err);
		memset(prev, 0, AUDIT_HASH_SIZE);
		if (!next_status && next_row && next->has_hash)
			memcpy(prev, next->hash, AUDIT_HASH_SIZE);
		else if (next_status || !next_row)
			status = audit_previous_hash(c->store, r->seq, prev, err);
		c->r = r;
		if (!status)
			status = record_check(c, prev, err);
		status = status ? status : next_status;
		swap = r;
		r = next;
		next = swap;
		row = next_row;
	}
	return status;
}

enum status verify_chain(struct verifier *v, bool *unaccounted, long *records, char head[65], struct error *err)
{
	static const char *const sql = "SELECT seq, op, at, actor, hash, t, rid, change FROM audit ORDER BY seq DESC";
	struct chain c;
	enum status status = STATUS_OK;
	int rc;

	memset(&c, 0, sizeof(c));
	c.v = v;
	c.store = v->store;
	*head = '\0';
	*records = 0;
	while (schema_table_at(c.tables))
		c.tables++;
	if (!(c.readers = calloc(c.tables, sizeof(*c.readers))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	rc = sqlite3_prepare_v2(store_db(c.store), sql, -1, &c.records, NULL);
	if (rc != SQLITE_OK)
		status = store_fail(c.store, rc, err, _("reading the audit log"));
	if (!status)
		status = chain_walk(&c, head, err);
	*records = c.read;
	if (!status && unaccounted)
		status = tables_accounted(&c, unaccounted, err);
	chain_free(&c);
	if (status == STATUS_ERR_NOMEM)
		return error_set(err, status, _("out of memory"));
	return status;
}
