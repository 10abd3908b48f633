/* Import batches: each import that wrote something is recorded with the
 * audit records of its writes (first_seq..last_seq). Those say what the
 * batch did to each record: created it (its insert record is there),
 * deleted it (a delete record, with its last values) or changed fields
 * (old values). Undoing a batch
 * reverses each through the write path, so the undo is audited in turn;
 * a record touched after the batch, or a created one something else now
 * refers to, stops the undo and is named. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_private.h"
#include "gradus/store/authority.h"
#include "gradus/text/i18n.h"
#include "import_private.h"
#include "store_private.h"

enum status import_batch_record(struct store *store, enum import_kind kind, const char *source,
				long long batch_first, struct import_summary *summary, struct error *err)
{
	static const char *const number_sql = "SELECT coalesce(max(number), 0) + 1 FROM import_batches";
	char id[33], number[16], first[24], last[24], created[24], unchanged[24], changed[24];
	char now[STORE_TIMESTAMP_SIZE];
	long long seq;
	long next = 0;
	sqlite3_stmt *stmt;
	enum status status = import_audit_seq(store, &seq, err);

	summary->batch = 0;
	if (status || seq <= batch_first)
		return status;
	if (!(stmt = store_prepare(store, number_sql, err)))
		return STATUS_ERR_DB;
	if ((status = store_count(store, stmt, &next, err)) || (status = store_new_id(id)))
		return status;
	store_timestamp(now);
	snprintf(number, sizeof(number), "%ld", next);
	snprintf(first, sizeof(first), "%lld", batch_first + 1);
	snprintf(last, sizeof(last), "%lld", seq);
	snprintf(created, sizeof(created), "%zu", summary->created);
	snprintf(unchanged, sizeof(unchanged), "%zu", summary->unchanged);
	snprintf(changed, sizeof(changed), "%zu", summary->changed);
	{
		const struct field_value fields[] = {
			{ "number", number }, { "kind", kind == IMPORT_CASES ? "cases" : "experts" },
			{ "source", source }, { "created", created }, { "unchanged", unchanged },
			{ "changed", changed }, { "first_seq", first }, { "last_seq", last },
			{ "created_by", store_actor(store) }, { "created_at", now },
		};

		status = store_insert(store, "import_batches", id, fields, sizeof(fields) / sizeof(fields[0]), err);
	}
	if (!status)
		summary->batch = (int)next;
	return status;
}

enum status import_batches(struct store *store, struct import_batch **batches, size_t *count, struct error *err)
{
	static const char *const sql = "SELECT number, kind, source, created_by, created_at, undone_by, undone_at,"
				       " created, unchanged, changed FROM import_batches ORDER BY number DESC";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	struct import_batch *b;
	enum status status = STATUS_OK;
	size_t capacity = 0;
	bool row;

	*batches = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)batches, &capacity, *count, sizeof(**batches))))
			break;
		b = &(*batches)[(*count)++];
		memset(b, 0, sizeof(*b));
		b->number = sqlite3_column_int(stmt, 0);
		b->kind = store_column_dup(stmt, 1, &status);
		b->source = store_column_dup(stmt, 2, &status);
		b->created_by = store_column_dup(stmt, 3, &status);
		b->created_at = store_column_dup(stmt, 4, &status);
		b->undone_by = store_column_dup(stmt, 5, &status);
		b->undone_at = store_column_dup(stmt, 6, &status);
		b->created = (size_t)sqlite3_column_int64(stmt, 7);
		b->unchanged = (size_t)sqlite3_column_int64(stmt, 8);
		b->changed = (size_t)sqlite3_column_int64(stmt, 9);
		if (status)
			break;
	}
	sqlite3_reset(stmt);
	if (status == STATUS_ERR_NOMEM)
		error_set(err, status, _("out of memory"));
	if (status) {
		import_batches_free(*batches, *count);
		*batches = NULL;
		*count = 0;
	}
	return status;
}

void import_batches_free(struct import_batch *batches, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(batches[i].kind), free(batches[i].source), free(batches[i].created_by);
		free(batches[i].created_at), free(batches[i].undone_by), free(batches[i].undone_at);
	}
	free(batches);
}

enum status import_writer_of(struct store *store, long long seq, long long batch_first, enum import_writer *out,
			     int *batch, struct error *err)
{
	/* The ranges are disjoint: the batch or undo whose range begins last
	 * at or before seq is the only one that may hold it. */
	static const char *const sql =
		"SELECT * FROM (SELECT number, undone_at IS NOT NULL FROM (SELECT number, undone_at, last_seq"
		"  FROM import_batches WHERE first_seq <= ?1 ORDER BY first_seq DESC LIMIT 1) WHERE last_seq >= ?1"
		" UNION ALL SELECT number, 1 FROM (SELECT number, undo_last_seq FROM import_batches"
		"  WHERE undo_first_seq <= ?1 ORDER BY undo_first_seq DESC LIMIT 1) WHERE undo_last_seq >= ?1) LIMIT 1";
	sqlite3_stmt *stmt;
	enum status status;
	bool row;

	*out = WRITER_PERSON;
	*batch = 0;
	if (batch_first >= 0 && seq > batch_first) {
		*out = WRITER_IMPORT;
		return STATUS_OK;
	}
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, seq);
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		*batch = sqlite3_column_int(stmt, 0);
		*out = sqlite3_column_int(stmt, 1) ? WRITER_CANCELLED : WRITER_IMPORT;
	}
	sqlite3_reset(stmt);
	return status;
}

/* ---- undo ---- */

/* What the batch did to one record. */
struct touched {
	char table[32], id[33];
	long long first;   /* its first audit row in the batch */
	bool created, deleted;
};

struct batch {
	int number;
	char id[33], kind[16];
	long long first, last;
	struct touched *records;
	size_t count, capacity;
	char blocked[1024]; /* the records a person's later work touched, named */
	size_t blocked_count;
	int later;          /* the newest later batch that changed the same records, or 0 */
	struct foreign_key {
		char table[32], column[32], parent[32];
	} *keys;            /* the schema's foreign keys, read once */
	size_t key_count, key_capacity;
};

static enum status find_batch(struct store *store, int number, struct batch *b, struct error *err)
{
	static const char *const sql = "SELECT id, kind, first_seq, last_seq, undone_by, undone_at"
				       " FROM import_batches WHERE number = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int(stmt, 1, number);
	status = store_step(store, stmt, &row, err);
	if (!status && !row)
		/* L10N: the number of an import batch typed */
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no import batch %d (gradus import batches lists them)"),
				   number);
	else if (!status && sqlite3_column_type(stmt, 5) != SQLITE_NULL)
		/* L10N: the batch's number, who undid it and when */
		status = error_set(err, STATUS_ERR_INVALID, _("import batch %d was undone by %s at %s"), number,
				   (const char *)sqlite3_column_text(stmt, 4), (const char *)sqlite3_column_text(stmt, 5));
	if (!status) {
		b->number = number;
		snprintf(b->id, sizeof(b->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(b->kind, sizeof(b->kind), "%s", (const char *)sqlite3_column_text(stmt, 1));
		b->first = sqlite3_column_int64(stmt, 2);
		b->last = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_reset(stmt);
	return status;
}

/* The batch's record as its audit rows wrote it: its range and kind as
 * stored, recorded after the writes it covers. A row edited outside gradus
 * (a range stretched over others' records) is refused, not undone. */
static enum status check_batch(struct store *store, const struct batch *b, struct error *err)
{
	struct audit_row row;
	enum status status = audit_row_check(store, "import_batches", b->id, &row, err);
	bool sound = false;

	if (!status && row.count && row.entries[0].op == AUDIT_INSERT)
		sound = b->first <= b->last && row.entries[0].seq > b->last;
	audit_row_clear(&row);
	if (status == STATUS_ERR_CORRUPT)
		status = STATUS_OK;
	if (!status && !sound)
		/* L10N: the batch's number; keep the command as it is */
		status = error_set(err, STATUS_ERR_CORRUPT,
				   _("import batch %d does not match its audit: it was changed outside gradus (see "
				     "gradus verify); nothing was changed"), b->number);
	return status;
}

static enum status count_of(struct store *store, const char *sql, const char *table, const char *id, long long seq,
			    long *count, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, seq);
	return store_count(store, stmt, count, err);
}

/* A record as a person knows it: a case by number, an enterprise or a
 * factory by name, an expert by code; a row of a case by the case. */
static void record_name(struct store *store, const char *table, const char *id, char *out, size_t size)
{
	static const char *const sql =
		"SELECT CASE ?1"
		" WHEN 'cases' THEN (SELECT number FROM cases WHERE id = ?2)"
		" WHEN 'enterprises' THEN (SELECT name FROM enterprises WHERE id = ?2)"
		" WHEN 'factories' THEN (SELECT name FROM factories WHERE id = ?2)"
		" WHEN 'experts' THEN (SELECT code || ' ' || name FROM experts WHERE id = ?2)"
		" END, (SELECT owner FROM audit WHERE rid = rid_of(?2) AND tbl = ?1 AND op = 2),"
		" CASE ?1 WHEN 'events' THEN (SELECT case_id FROM events WHERE id = ?2)"
		" WHEN 'case_scenarios' THEN (SELECT case_id FROM case_scenarios WHERE id = ?2)"
		" WHEN 'case_materials' THEN (SELECT case_id FROM case_materials WHERE id = ?2) END";
	struct error ignored;
	sqlite3_stmt *stmt = store_prepare(store, sql, &ignored);
	char case_id[48] = "";

	snprintf(out, size, "%s %.8s", table, id);
	if (!stmt)
		return;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_type(stmt, 0) != SQLITE_NULL)
			snprintf(out, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
		else if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			snprintf(case_id, sizeof(case_id), "%s", (const char *)sqlite3_column_text(stmt, 1));
		else if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
			snprintf(case_id, sizeof(case_id), "%s", (const char *)sqlite3_column_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	if (*case_id) {
		char number[48];

		record_name(store, "cases", case_id, number, sizeof(number));
		/* L10N: a table's row (e.g. events) of a case, by the case's number */
		snprintf(out, size, _("%s of case %s"), table, number);
	}
}

static void block(struct store *store, struct batch *b, const char *table, const char *id, const char *why)
{
	size_t used = strlen(b->blocked);
	char name[160], entry[400];

	record_name(store, table, id, name, sizeof(name));
	snprintf(entry, sizeof(entry), "%s (%s)", name, why);
	if (strstr(b->blocked, entry)) /* named once: a case's scenarios moved, row after row */
		return;
	if (++b->blocked_count > 8)
		return;
	snprintf(b->blocked + used, sizeof(b->blocked) - used, "%s%s", used ? "; " : "", entry);
}

/* Who touched a record after the batch: a later import (undone first) or
 * a person (the undo is refused). The move of migration 26 (a case's
 * scenario rows into its field, meta scenarios_moved_from .. _to) is named
 * as such, once a case. */
static enum status later_work(struct store *store, struct batch *b, const struct touched *t, struct error *err)
{
	static const char *const sql =
		"SELECT seq, actor, at, coalesce((SELECT key FROM json_each(change)), '-'),"
		" seq BETWEEN coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenarios_moved_from'), 0)"
		"  AND coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenarios_moved_to'), -1),"
		" CASE tbl WHEN 'case_scenarios' THEN owner END"
		" FROM audit WHERE rid = rid_of(?2) AND tbl = ?1 AND seq > ?3 ORDER BY seq";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum import_writer writer;
	enum status status;
	char why[160], at[32];
	const char *moved_case;
	bool row;
	int batch;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, t->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, b->last);
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		status = import_writer_of(store, sqlite3_column_int64(stmt, 0), -1, &writer, &batch, err);
		if (status)
			break;
		if (writer == WRITER_IMPORT && batch > b->later)
			b->later = batch;
		if (writer != WRITER_PERSON)
			continue;
		audit_at_text(stmt, 2, at);
		moved_case = !sqlite3_column_int(stmt, 4) ? NULL
			     : !strcmp(t->table, "cases") ? t->id
			     : !strcmp(t->table, "case_scenarios") ? (const char *)sqlite3_column_text(stmt, 5) : NULL;
		if (moved_case) {
			/* L10N: why an import cannot be undone: a newer gradus moved the case's scenario rows into
			 * one field of the case (migration 26) when this user opened the database, at that time */
			snprintf(why, sizeof(why), _("its scenarios moved into one field by %s at %s"),
				 (const char *)sqlite3_column_text(stmt, 1), at);
			block(store, b, "cases", moved_case, why);
			break;
		}
		/* L10N: why an import cannot be undone: who changed a record afterwards, when, and which field */
		snprintf(why, sizeof(why), _("changed by %s at %s, field %s"), (const char *)sqlite3_column_text(stmt, 1),
			 at, (const char *)sqlite3_column_text(stmt, 3));
		block(store, b, t->table, t->id, why);
		break;
	}
	sqlite3_reset(stmt);
	return status;
}

/* A row referring to a record the batch created: the batch's own, a later
 * import's (undone first) or a person's (the undo is refused). */
static enum status referrer(struct store *store, struct batch *b, const char *table, const char *id,
			    struct error *err)
{
	static const char *const sql = "SELECT coalesce(min(seq), 0) FROM audit WHERE rid = rid_of(?2) AND tbl = ?1"
				       " AND seq >= ?3";
	enum import_writer writer = WRITER_PERSON;
	long first = 0;
	int batch = 0;
	enum status status = count_of(store, sql, table, id, 0, &first, err);

	if (status || (first >= b->first && first <= b->last))
		return status;
	if (first && (status = import_writer_of(store, first, -1, &writer, &batch, err)))
		return status;
	if (writer == WRITER_IMPORT && batch > b->number) {
		if (batch > b->later)
			b->later = batch;
		return STATUS_OK;
	}
	/* L10N: why an import cannot be undone: a row added later refers to what it created */
	block(store, b, table, id, _("added after the import"));
	return STATUS_OK;
}

/* The schema's foreign keys: which column of which table refers to which. */
static enum status read_keys(struct store *store, struct batch *b, struct error *err)
{
	static const char *const sql = "SELECT m.name, k.\"from\", k.\"table\""
				       " FROM sqlite_master m, pragma_foreign_key_list(m.name) k WHERE m.type = 'table'";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	struct foreign_key *k;
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)&b->keys, &b->key_capacity, b->key_count, sizeof(*b->keys))))
			break;
		k = &b->keys[b->key_count++];
		snprintf(k->table, sizeof(k->table), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(k->column, sizeof(k->column), "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(k->parent, sizeof(k->parent), "%s", (const char *)sqlite3_column_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	return status == STATUS_ERR_NOMEM ? error_set(err, status, _("out of memory")) : status;
}

/* The rows now referring to a record the batch created, by the foreign
 * keys of the schema (each looked up by an index). */
static enum status referrers(struct store *store, struct batch *b, const struct touched *t, struct error *err)
{
	enum status status = STATUS_OK;
	sqlite3_stmt *rows;
	char query[160], id[33];
	bool row;
	size_t i;

	for (i = 0; !status && i < b->key_count; i++) {
		const struct foreign_key *k = &b->keys[i];

		if (strcmp(k->parent, t->table))
			continue;
		snprintf(query, sizeof(query), "SELECT id FROM \"%s\" WHERE \"%s\" = ?1", k->table, k->column);
		if (sqlite3_prepare_v2(store->db, query, -1, &rows, NULL) != SQLITE_OK)
			return store_fail(store, sqlite3_errcode(store->db), err, query);
		sqlite3_bind_text(rows, 1, t->id, -1, SQLITE_STATIC);
		while (!status && !(status = store_step(store, rows, &row, err)) && row) {
			snprintf(id, sizeof(id), "%s", (const char *)sqlite3_column_text(rows, 0));
			status = referrer(store, b, k->table, id, err);
		}
		sqlite3_finalize(rows);
	}
	return status;
}

/* Every record the batch wrote, newest first, with what it did to it. */
static enum status read_records(struct store *store, struct batch *b, struct error *err)
{
	static const char *const sql = "SELECT tbl, row_id, min(seq), max(op = 2) FROM audit"
				       " WHERE seq BETWEEN ?1 AND ?2 GROUP BY tbl, row_id ORDER BY min(seq) DESC";
	static const char *const before_sql = "SELECT count(*) FROM audit WHERE rid = rid_of(?2) AND tbl = ?1 AND seq < ?3";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	struct touched *t;
	long before;
	bool row;
	size_t i;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_int64(stmt, 1, b->first);
	sqlite3_bind_int64(stmt, 2, b->last);
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)&b->records, &b->capacity, b->count, sizeof(*b->records))))
			break;
		t = &b->records[b->count++];
		snprintf(t->table, sizeof(t->table), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(t->id, sizeof(t->id), "%s", (const char *)sqlite3_column_text(stmt, 1));
		t->first = sqlite3_column_int64(stmt, 2);
		t->deleted = sqlite3_column_int(stmt, 3) != 0;
	}
	sqlite3_reset(stmt);
	if (status == STATUS_ERR_NOMEM)
		return error_set(err, status, _("out of memory"));
	for (i = 0; !status && i < b->count; i++) {
		status = count_of(store, before_sql, b->records[i].table, b->records[i].id, b->first, &before, err);
		b->records[i].created = before == 0;
	}
	return status;
}

/* The (field, old value) pairs of a record's audit rows in the batch
 * that sql selects; *count of them in fields (the caller frees each). */
#define MAX_FIELDS 32
static enum status old_values(struct store *store, const char *sql, const struct batch *b, const struct touched *t,
			      struct field_value fields[MAX_FIELDS], size_t *count, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, t->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, b->first);
	sqlite3_bind_int64(stmt, 4, b->last);
	while (!(status = store_step(store, stmt, &row, err)) && row && *count < MAX_FIELDS) {
		fields[*count].name = store_column_dup(stmt, 0, &status);
		fields[*count].value = store_column_dup(stmt, 1, &status);
		++*count;
	}
	sqlite3_reset(stmt);
	return status == STATUS_ERR_NOMEM ? error_set(err, status, _("out of memory")) : status;
}

static void free_values(struct field_value *fields, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free((char *)fields[i].name), free((char *)fields[i].value);
}

/* A row the batch deleted comes back with the values it had. */
static enum status insert_again(struct store *store, const struct batch *b, const struct touched *t,
				struct error *err)
{
	static const char *const sql = "SELECT field, old FROM audit_fields WHERE rid = rid_of(?2) AND tbl = ?1"
				       " AND seq BETWEEN ?3 AND ?4 AND op = 2 ORDER BY seq";
	struct field_value fields[MAX_FIELDS];
	size_t count;
	enum status status = old_values(store, sql, b, t, fields, &count, err);

	if (!status)
		status = store_insert(store, t->table, t->id, fields, count, err);
	free_values(fields, count);
	return status;
}

/* A row the batch changed gets each field's value from before it. */
static enum status restore(struct store *store, const struct batch *b, const struct touched *t, size_t *restored,
			   struct error *err)
{
	static const char *const sql = "SELECT field, old FROM audit_fields a WHERE rid = rid_of(?2) AND tbl = ?1"
				       " AND seq BETWEEN ?3 AND ?4 AND op = 1 AND NOT EXISTS (SELECT 1 FROM audit_fields p"
				       " WHERE p.rid = a.rid AND p.tbl = a.tbl AND p.field = a.field"
				       " AND p.seq BETWEEN ?3 AND a.seq - 1) ORDER BY seq";
	struct field_value fields[MAX_FIELDS];
	size_t count, i;
	enum status status = old_values(store, sql, b, t, fields, &count, err);

	for (i = 0; !status && i < count; i++)
		if (!(status = store_update(store, t->table, t->id, fields[i].name, fields[i].value, err)))
			++*restored;
	free_values(fields, count);
	return status;
}

/* The batch is marked undone with the audit rows of its undo, which
 * cancel its own rows out (import_writer_of). */
static enum status mark_undone(struct store *store, const struct batch *b, long long undo_first, struct error *err)
{
	char now[STORE_TIMESTAMP_SIZE], first[24], last[24];
	long long seq;
	enum status status = import_audit_seq(store, &seq, err);

	store_timestamp(now);
	snprintf(first, sizeof(first), "%lld", undo_first + 1);
	snprintf(last, sizeof(last), "%lld", seq);
	if (!status)
		status = store_update(store, "import_batches", b->id, "undo_first_seq", first, err);
	if (!status)
		status = store_update(store, "import_batches", b->id, "undo_last_seq", last, err);
	if (!status)
		status = store_update(store, "import_batches", b->id, "undone_by", store_actor(store), err);
	return status ? status : store_update(store, "import_batches", b->id, "undone_at", now, err);
}

/* What stops the undo: a person's later work (refused), or the newest
 * later import that touched the same records (b->later, undone first). */
static enum status obstacles(struct store *store, struct batch *b, struct error *err)
{
	enum status status = read_records(store, b, err);
	size_t i;

	if (!status)
		status = read_keys(store, b, err);
	for (i = 0; !status && i < b->count; i++) {
		status = later_work(store, b, &b->records[i], err);
		if (!status && b->records[i].created && !b->records[i].deleted)
			status = referrers(store, b, &b->records[i], err);
	}
	if (!status && b->blocked_count)
		/* L10N: the batch's number, then the records later work touched, each with who, when and
		 * what; nothing is changed */
		return error_set(err, STATUS_ERR_CONFLICT,
				 _("import batch %d cannot be undone: later work touched %s; nothing was changed"),
				 b->number, b->blocked);
	return status;
}

static enum status undo_batch(struct store *store, const struct batch *b, struct import_undone *out,
			      struct error *err)
{
	long long undo_first;
	enum status status = import_audit_seq(store, &undo_first, err);
	size_t i;

	for (i = 0; !status && i < b->count; i++) { /* newest first: a case's rows before the case */
		const struct touched *t = &b->records[i];

		if (t->created && !t->deleted && !(status = store_delete(store, t->table, t->id, err)))
			out->removed++;
	}
	for (i = b->count; !status && i-- > 0;) { /* oldest first */
		const struct touched *t = &b->records[i];

		if (!t->created && t->deleted)
			status = insert_again(store, b, t, err);
		else if (!t->created)
			status = restore(store, b, t, &out->restored, err);
	}
	return status ? status : mark_undone(store, b, undo_first, err);
}

/* Undoes batch number, later imports of the same records first. */
static enum status undo_number(struct store *store, int number, struct import_undone *out, bool first,
			       struct error *err)
{
	enum status status = STATUS_OK;

	for (;;) {
		struct batch b = { .number = number };

		status = find_batch(store, number, &b, err);
		if (!status)
			status = check_batch(store, &b, err);
		if (!status && first)
			status = authority_check(store, strcmp(b.kind, "experts") ? AUTHORITY_CASE_ADD
										  : AUTHORITY_EXPERT_ADD, NULL, err);
		first = false;
		if (!status)
			status = obstacles(store, &b, err);
		if (!status && !b.later)
			status = undo_batch(store, &b, out, err);
		free(b.records);
		free(b.keys);
		if (status || !b.later)
			return status;
		if ((status = undo_number(store, b.later, out, false, err)))
			return status;
		if (out->also_count < sizeof(out->also) / sizeof(out->also[0]))
			out->also[out->also_count++] = b.later;
	}
}

enum status import_undo(struct store *store, const struct forms *forms, int number, struct import_undone *out,
			struct error *err)
{
	enum status status;

	(void)forms;
	memset(out, 0, sizeof(*out));
	status = store_begin(store, err);
	if (status)
		return status;
	status = undo_number(store, number, out, true, err);
	if (status)
		memset(out, 0, sizeof(*out));
	return store_finish(store, status, err);
}
