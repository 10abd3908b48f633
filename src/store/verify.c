/* gradus verify: everything the file shows that gradus did not write.
 *
 * One pass per check, each a query along an index: the audit chain, each
 * record against the one before and the row it wrote (audit.c); every row
 * audited; the schema against the one the
 * migrations make; the derived values against their sources; the stored
 * files; the signatures; SQLite's integrity check. Every problem is
 * reported, not only the first. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_private.h"
#include "bundle_private.h"
#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "store_private.h"
#include "verify_private.h"

void verify_report(struct verifier *v, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	int used = snprintf(message, sizeof(message), "%s: ", v->store->path);

	va_start(ap, fmt);
	if (used > 0 && (size_t)used < sizeof(message))
		vsnprintf(message + used, sizeof(message) - (size_t)used, fmt, ap);
	va_end(ap);
	v->count++;
	if (v->problem)
		v->problem(v->context, message);
}

const char *verify_text(sqlite3_stmt *stmt, int column)
{
	const char *text = (const char *)sqlite3_column_text(stmt, column);

	return text ? text : "";
}

/* A check that ends in corruption is reported and verify goes on; any
 * other failure (the disk, memory) ends it. */
static enum status reported(struct verifier *v, enum status status, struct error *err)
{
	if (status != STATUS_ERR_CORRUPT)
		return status;
	v->count++;
	if (v->problem)
		v->problem(v->context, err->message);
	return STATUS_OK;
}

static enum status prepare(struct verifier *v, const char *sql, sqlite3_stmt **stmt, struct error *err)
{
	int rc = sqlite3_prepare_v2(v->store->db, sql, -1, stmt, NULL);

	*stmt = rc == SQLITE_OK ? *stmt : NULL;
	if (rc == SQLITE_ERROR)
		/* L10N: verify: a check that cannot run on this file's schema; %s is SQLite's message */
		return error_set(err, STATUS_ERR_CORRUPT, _("%s: a check cannot run on this schema: %s"), v->store->path,
				 sqlite3_errmsg(v->store->db));
	return rc == SQLITE_OK ? STATUS_OK : store_fail(v->store, rc, err, _("verifying records"));
}

/* ---- records against their audit records ---- */

/* A row with no insert record was written outside gradus. In a bundle the
 * rows it came with have none (bundle.c): only the office is held to it. */
static enum status verify_unaudited(struct verifier *v, const struct schema_table *table, struct error *err)
{
	char *sql;
	sqlite3_stmt *stmt = NULL;
	enum status status;
	bool row;

	if (v->bundle)
		return STATUS_OK;
	sql = sqlite3_mprintf("SELECT id, CAST(\"%w\" AS TEXT) FROM \"%w\" t WHERE NOT EXISTS (SELECT 1 FROM audit"
			      " WHERE rid = rid_of(t.id) AND tbl = %Q AND op = 0) LIMIT 1",
			      table->fields[0], table->name, table->name);
	if (!sql)
		return STATUS_ERR_NOMEM;
	status = prepare(v, sql, &stmt, err);
	sqlite3_free(sql);
	if (!status && !(status = store_step(v->store, stmt, &row, err)) && row)
		verify_report(v, _("%s %s: field %s holds \"%s\" but has no audit record: "
				   "the record was written outside gradus"),
			      table->name, verify_text(stmt, 0), table->fields[0], verify_text(stmt, 1));
	sqlite3_finalize(stmt);
	return status;
}

/* ---- office or bundle ---- */

static enum status meta_value(struct verifier *v, sqlite3 *db, const char *sql, const char *key, char *out,
			      size_t size, bool *found, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);

	*found = false;
	*out = '\0';
	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*found = true;
		snprintf(out, size, "%s", verify_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(v->store, rc, err, _("verifying records"));
}

/* A bundle is a file whose manifest agrees with itself (its own hash) and
 * names this database's id as its source; a table of that name alone makes
 * nothing a bundle, and the office is then held to all its records. */
static enum status decide_identity(struct verifier *v, struct error *err)
{
	static const char *const manifest_sql = "SELECT value FROM bundle_manifest WHERE key = ?1";
	static const char *const meta_sql = "SELECT value FROM meta WHERE key = ?1";
	char said[80], source[80], id[80], hash[65];
	enum status status;
	bool found, has_id;
	sqlite3_stmt *stmt;
	int rc;

	v->bundle = false;
	rc = sqlite3_prepare_v2(v->store->db,
				"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bundle_manifest'", -1, &stmt,
				NULL);
	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("reading the schema"));
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return STATUS_OK;
	if (rc != SQLITE_ROW)
		return store_fail(v->store, rc, err, _("reading the schema"));
	if ((status = meta_value(v, v->store->db, meta_sql, "database_id", id, sizeof(id), &has_id, err)))
		return status;
	/* A manifest that cannot be read is no manifest. */
	if (meta_value(v, v->store->db, manifest_sql, "manifest_sha256", said, sizeof(said), &found, err) ||
	    bundle_manifest_hash(v->store->db, hash, err) || !found || strcmp(hash, said)) {
		/* L10N: verify: a table named bundle_manifest in a file its manifest does not make a bundle */
		verify_report(v, _("bundle_manifest: the manifest does not match its own hash: the file is verified as "
				   "an office database"));
		return STATUS_OK;
	}
	if (meta_value(v, v->store->db, manifest_sql, "source", source, sizeof(source), &found, err) || !found ||
	    !has_id || strcmp(source, id)) {
		/* L10N: verify: the bundle's manifest and the database's id (meta) disagree */
		verify_report(v, _("bundle_manifest: its source \"%s\" is not this database's id \"%s\" (meta "
				   "database_id): the file is verified as an office database"),
			      source, id);
		return STATUS_OK;
	}
	v->bundle = true;
	return STATUS_OK;
}

/* ---- the schema ---- */

struct schema_entry {
	char *type, *name, *table, *sql;
	bool seen;
};

struct schema_list {
	struct schema_entry *entries;
	size_t count, capacity;
};

static void schema_list_free(struct schema_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		free(list->entries[i].type);
		free(list->entries[i].name);
		free(list->entries[i].table);
		free(list->entries[i].sql);
	}
	free(list->entries);
	memset(list, 0, sizeof(*list));
}

/* SQL with every run of white space one space: the text is compared, not its layout. */
static char *normalised(const char *sql)
{
	char *out = malloc(strlen(sql ? sql : "") + 1), *to = out;
	bool space = false;

	if (!out)
		return NULL;
	for (; sql && *sql; sql++) {
		if (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r') {
			space = to != out;
			continue;
		}
		if (space)
			*to++ = ' ';
		space = false;
		*to++ = *sql;
	}
	*to = '\0';
	return out;
}

/* What sqlite_master holds but SQLite's own tables and indexes. */
static enum status schema_read(sqlite3 *db, struct schema_list *list, struct error *err)
{
	static const char *const sql = "SELECT type, name, tbl_name, sql FROM sqlite_master"
				       " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name";
	enum status status = STATUS_OK;
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return error_set(err, STATUS_ERR_DB, _("reading the schema: %s"), sqlite3_errmsg(db));
	while (!status && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct schema_entry *e;

		if ((status = store_grow((void **)&list->entries, &list->capacity, list->count, sizeof(*e))))
			break;
		e = &list->entries[list->count++];
		memset(e, 0, sizeof(*e));
		e->type = strdup(verify_text(stmt, 0));
		e->name = strdup(verify_text(stmt, 1));
		e->table = strdup(verify_text(stmt, 2));
		e->sql = normalised((const char *)sqlite3_column_text(stmt, 3));
		if (!e->type || !e->name || !e->table || !e->sql)
			status = STATUS_ERR_NOMEM;
	}
	if (!status && rc != SQLITE_DONE)
		status = error_set(err, STATUS_ERR_DB, _("reading the schema: %s"), sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return status;
}

/* The schema every migration makes, in a database of its own in memory. */
static enum status schema_expected(struct schema_list *list, struct error *err)
{
	enum status status = STATUS_OK;
	sqlite3 *db = NULL;

	if (schema_expected_open(&db, false) != SQLITE_OK)
		status = error_set(err, STATUS_ERR_DB, _("the expected schema cannot be made (%s)"),
				   db ? sqlite3_errmsg(db) : sqlite3_errstr(SQLITE_NOMEM));
	if (!status)
		status = schema_read(db, list, err);
	sqlite3_close(db);
	return status;
}

static struct schema_entry *schema_find(struct schema_list *list, const char *type, const char *name)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (!strcmp(list->entries[i].type, type) && !strcmp(list->entries[i].name, name))
			return &list->entries[i];
	return NULL;
}

static const char *type_noun(const char *type)
{
	/* L10N: verify: the kinds of things in a database's schema */
	static const char *const nouns[][2] = {
		{ "table", N_("table") }, { "index", N_("index") },
		{ "trigger", N_("trigger") }, { "view", N_("view") },
	};
	size_t i;

	for (i = 0; i < sizeof(nouns) / sizeof(nouns[0]); i++)
		if (!strcmp(type, nouns[i][0]))
			return _(nouns[i][1]);
	return type;
}

/* Whether the comma-separated list of column names holds name. */
static bool column_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *at;

	for (at = list; (at = strstr(at, name)); at += n)
		if ((at == list || at[-1] == ',') && (at[n] == ',' || at[n] == '\0'))
			return true;
	return false;
}

/* The names of a table's columns, comma-separated (sqlite3_free). */
static char *column_names(sqlite3 *db, const char *table)
{
	char *names = NULL, *sql = sqlite3_mprintf("SELECT group_concat(name, ',') FROM pragma_table_info(%Q)", table);
	sqlite3_stmt *stmt;

	if (sql && sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			names = sqlite3_mprintf("%s", verify_text(stmt, 0));
		sqlite3_finalize(stmt);
	}
	sqlite3_free(sql);
	return names;
}

/* The columns named in from (comma-separated) that in lacks, each reported. */
static bool columns_lacking(struct verifier *v, const char *table, char *from, const char *in, bool added)
{
	bool any = false;
	char *at, *next;

	for (at = from; at && *at; at = next) {
		next = strchr(at, ',');
		if (next)
			*next++ = '\0';
		if (column_listed(in, at))
			continue;
		any = true;
		if (added)
			/* L10N: verify: a column added to one of gradus's tables */
			verify_report(v, _("schema: table %s has a column %s that gradus does not make"), table, at);
		else
			verify_report(v, _("schema: table %s lacks its column %s"), table, at);
	}
	return any;
}

/* A table gradus makes whose definition was changed: its columns by name. */
static void table_differs(struct verifier *v, const struct schema_entry *e, const char *expected_sql)
{
	sqlite3 *db = NULL;
	char *have = column_names(v->store->db, e->name), *want = NULL, *copy;
	bool named = false;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, expected_sql, NULL, NULL, NULL) == SQLITE_OK)
		want = column_names(db, e->name);
	sqlite3_close(db);
	if (have && want && (copy = sqlite3_mprintf("%s", have))) {
		named = columns_lacking(v, e->name, copy, want, true);
		sqlite3_free(copy);
	}
	if (have && want && (copy = sqlite3_mprintf("%s", want))) {
		named = columns_lacking(v, e->name, copy, have, false) || named;
		sqlite3_free(copy);
	}
	if (!named)
		verify_report(v, _("schema: %s %s differs from the one gradus makes"), type_noun(e->type), e->name);
	sqlite3_free(have);
	sqlite3_free(want);
}

/* The bundle's own tables (bundle.c), whose definition is the bundle's business. */
static bool bundle_table(const struct schema_entry *e)
{
	return !strcmp(e->type, "table") && (!strcmp(e->name, "bundle_manifest") || !strcmp(e->name, "bundle_changes"));
}

static enum status verify_schema(struct verifier *v, struct error *err)
{
	struct schema_list want = { 0 }, have = { 0 };
	enum status status = schema_expected(&want, err);
	size_t i;

	if (!status)
		status = schema_read(v->store->db, &have, err);
	for (i = 0; !status && i < have.count; i++) {
		struct schema_entry *e = &have.entries[i], *w = schema_find(&want, e->type, e->name);

		if (w) {
			w->seen = true;
			if (strcmp(w->sql, e->sql) || strcmp(w->table, e->table)) {
				if (!strcmp(e->type, "table"))
					table_differs(v, e, w->sql);
				else
					verify_report(v, _("schema: %s %s differs from the one gradus makes"), type_noun(e->type),
					       e->name);
			}
		} else if (!(v->bundle && bundle_table(e))) {
			/* L10N: verify: a table, index, trigger or view gradus never makes (type, name, its table) */
			verify_report(v, _("schema: %s %s (on %s) is not one gradus makes"), type_noun(e->type), e->name,
				      e->table);
		}
	}
	for (i = 0; !status && i < want.count; i++)
		if (!want.entries[i].seen)
			/* L10N: verify: a table, index, trigger or view gradus makes is not in the file */
			verify_report(v, _("schema: %s %s is missing"), type_noun(want.entries[i].type),
				      want.entries[i].name);
	schema_list_free(&want);
	schema_list_free(&have);
	return status;
}

/* ---- derived values ---- */

/* The search indexes over their one text (migration 24): case_search,
 * and case_search3 (the trigrams of searches of three or more). */
static const struct search_index {
	const char *table;
	bool trigrams;
} search_indexes[] = {
	{ "case_search", false },
	{ "case_search3", true },
};

/* FTS5's own check of the index against the text it is made of (rank 1:
 * an external-content table's entries against its content; a write
 * statement, so only where the file may be written). */
/* What FTS5's integrity-check of index said when it failed. */
static void search_integrity_report(struct verifier *v, const struct search_index *index, const char *message)
{
	verify_report(v, index->trigrams
			 /* L10N: verify: FTS5's integrity-check of the trigram search index (case_search3,
			  * for searches of three characters or more) failed; %s is SQLite's message */
			 ? _("trigram search index: %s")
			 /* L10N: verify: FTS5's integrity-check of the search index failed; %s is SQLite's message */
			 : _("search index: %s"), message ? message : "?");
}

/* FTS5's integrity-check of index on db (an INSERT: only where the file
 * may be written): NULL when it holds, else SQLite's message (sqlite3_free). */
static char *search_integrity_of(sqlite3 *db, const struct search_index *index)
{
	char *message = NULL, *sql = sqlite3_mprintf("INSERT INTO %w (%w, rank) VALUES ('integrity-check', 1)",
						     index->table, index->table);

	if (!sql)
		return sqlite3_mprintf("out of memory");
	if (sqlite3_exec(db, sql, NULL, NULL, &message) == SQLITE_OK) {
		sqlite3_free(message);
		message = NULL;
	} else if (!message) {
		message = sqlite3_mprintf("%s", sqlite3_errmsg(db));
	}
	sqlite3_free(sql);
	return message;
}

static void search_integrity(struct verifier *v, const struct search_index *index)
{
	char *message;

	if (v->store->read_only)
		return;
	if ((message = search_integrity_of(v->store->db, index)))
		search_integrity_report(v, index, message);
	sqlite3_free(message);
}

/* Each case's row of the search text holds what store/search.c would put
 * there, and each case's region is its enterprise's: the cases and their
 * rows of the text in one pass, no statement a case; then each index
 * against the text. */
static enum status verify_search(struct verifier *v, struct error *err)
{
	static const char *const columns[] = { "number", "enterprise", "credit_code", "factory", "note" };
	static const char *const sql =
		"SELECT c.number, s.id, c.number, e.name, e.credit_code, f.name, c.note,"
		" s.number, s.enterprise, s.credit_code, s.factory, s.note, c.region, e.region, c.region IS NOT e.region"
		" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
		" LEFT JOIN case_search_text s ON s.id = c.rowid";
	static const char *const orphans_sql = "SELECT id FROM case_search_text WHERE id NOT IN (SELECT rowid FROM cases)";
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	bool row;
	int i;

	status = prepare(v, sql, &stmt, err);
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row) {
		if (sqlite3_column_int(stmt, 14))
			/* L10N: verify: cases.region is kept from the enterprise's region */
			verify_report(v, _("case %s: field region holds \"%s\" but its enterprise's region is \"%s\""),
				      verify_text(stmt, 0), verify_text(stmt, 12), verify_text(stmt, 13));
		if (sqlite3_column_type(stmt, 1) == SQLITE_NULL) {
			verify_report(v, _("case %s has no row in the search index"), verify_text(stmt, 0));
			continue;
		}
		for (i = 0; i < 5; i++) {
			const char *source = (const char *)sqlite3_column_text(stmt, 2 + i);
			const char *kept = (const char *)sqlite3_column_text(stmt, 7 + i);
			char *want = store_search_text(source);

			if (source && !want) {
				status = STATUS_ERR_NOMEM;
				break;
			}
			if ((want || kept) && (!want || !kept || strcmp(want, kept)))
				/* L10N: verify: a column of the search index (case_search) that differs from the case */
				verify_report(v, _("case %s: its search index row holds \"%s\" in %s, not what the case says"),
					      verify_text(stmt, 0), kept ? kept : "", columns[i]);
			free(want);
		}
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (!status)
		status = prepare(v, orphans_sql, &stmt, err);
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row)
		verify_report(v, _("search index row %lld belongs to no case"), sqlite3_column_int64(stmt, 0));
	sqlite3_finalize(stmt);
	return status; /* each index against the text: integrity_run, beside the rest */
}

/* An enterprise's sort key is its name's (sortkey.c), when the keys were
 * made with this machine's collation. */
static enum status verify_sort_keys(struct verifier *v, struct error *err)
{
	static const char *const sql = "SELECT id, name, name_key FROM enterprises";
	sqlite3_stmt *stmt = NULL;
	enum status status;
	char *buffer = NULL;
	size_t size = 0;
	bool row;
	int is;

	if (store_sort_keys_stale(v->store))
		return STATUS_OK;
	status = prepare(v, sql, &stmt, err);
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row) {
		const void *key = sqlite3_column_blob(stmt, 2);

		is = store_sort_key_is((const char *)sqlite3_column_text(stmt, 1), key ? key : "",
				       (size_t)sqlite3_column_bytes(stmt, 2), &buffer, &size);
		if (is < 0)
			status = STATUS_ERR_NOMEM;
		else if (!is)
			/* L10N: verify: enterprises.name_key is kept from the name */
			verify_report(v, _("enterprises %s: field name_key is not the sort key of its name \"%s\""),
			       verify_text(stmt, 0), verify_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	free(buffer);
	return status;
}

/* The office's id against the audit row made with it (store.c); a bundle's
 * against its manifest, which decide_identity held it to. Databases made
 * before the id was audited have no such row. */
static enum status verify_database_id(struct verifier *v, struct error *err)
{
	static const char *const sql =
		"SELECT (SELECT value FROM meta WHERE key = 'database_id'),"
		" (SELECT new FROM audit_fields WHERE rid = 'database_id' AND tbl = 'meta' AND field = 'value'"
		"  ORDER BY seq DESC LIMIT 1),"
		" (SELECT max(seq) FROM audit_fields WHERE rid = 'database_id' AND tbl = 'meta' AND field = 'value')";
	sqlite3_stmt *stmt = NULL;
	enum status status = prepare(v, sql, &stmt, err);
	bool row;

	if (!status && !(status = store_step(v->store, stmt, &row, err)) && row) {
		if (sqlite3_column_type(stmt, 0) == SQLITE_NULL)
			verify_report(v, _("meta: the database has no database_id"));
		else if (!v->bundle && sqlite3_column_type(stmt, 2) != SQLITE_NULL &&
			 strcmp(verify_text(stmt, 0), verify_text(stmt, 1)))
			verify_report(v, _("meta database_id: field value holds \"%s\" but audit row %lld says \"%s\": the record "
				    "was changed outside gradus"),
			       verify_text(stmt, 0), sqlite3_column_int64(stmt, 2), verify_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	return status;
}

/* verify reads each table and the audit once, in order (verify_chain.c),
 * and integrity_check seeks each index entry: a cache of an eighth of the
 * file holds the indexes' inner pages, between SQLite's 2 MB and 16 MB. A
 * larger one costs more in allocating pages than it saves in reads (10,000
 * cases, 53 MB: 1.55 s CPU with 8 MB, 1.8 s with 32 MB), a smaller one more
 * in reads (100,000 cases, 536 MB: 10 s in the system with 8 MB, 5.9 with
 * 16, 3.7 with 32). 16 MB, not 32, because the rows verify rewinds take
 * their own memory too: at 100,000 cases its peak is 54 MB with 16, 72 MB
 * with 32, over the 64 MB a command may hold. */
static enum status verify_cache(struct store *store, struct error *err)
{
	static const char *const sql =
		"SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size())";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	long bytes = 0;

	if (!stmt)
		return STATUS_ERR_DB;
	if ((status = store_count(store, stmt, &bytes, err)))
		return status;
	/* the cache is 64 bytes a byte of work */
	return store_cache_within(store, (size_t)(bytes > 0 ? bytes : 0) / 8 / 64, 16384, err);
}

static enum status verify_integrity(struct verifier *v, struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum status status = prepare(v, "PRAGMA integrity_check", &stmt, err);
	bool row;

	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row)
		if (strcmp(verify_text(stmt, 0), "ok"))
			verify_report(v, _("integrity check: %s"), verify_text(stmt, 0));
	sqlite3_finalize(stmt);
	return status;
}

/* PRAGMA integrity_check, then (where the file may be written) FTS5's
 * integrity-check of each search index against its text, on a connection
 * of its own, in a thread beside the rest of verify: SQLite's own checks
 * read every page while the chain is hashed (a second core, where there is
 * one; 100,000 cases: the checks take 4.7 s, the rest 5 s). The indexes'
 * checks are taken by whichever of the two is done first: the thread with
 * the page check, or verify with the rest (10,000 cases: the page check
 * takes 0.28 s of CPU, the indexes' 0.08, the rest 0.27), on its own
 * connection; not by a third thread, which on two cores was no faster. What
 * they find is said at the end; when the thread cannot start, open or
 * finish them, they are run on verify's connection there instead. */
#define SEARCH_INDEXES (sizeof(search_indexes) / sizeof(search_indexes[0]))
struct integrity_lines {
	struct integrity_line {
		int index; /* -1: integrity_check's, else the search index's */
		char *text;
	} *lines;
	size_t count, capacity;
};

struct integrity_job {
	const char *path;
	bool search; /* the search indexes too */
	pthread_t thread;
	pthread_mutex_t lock;
	bool started, done;
	bool search_taken, search_done; /* the indexes' checks, by the thread or by verify */
	struct integrity_lines pages, found; /* what integrity_check and the indexes' checks said */
};

static bool integrity_keep(struct integrity_lines *kept, int index, const char *text)
{
	char *copy;

	if (store_grow((void **)&kept->lines, &kept->capacity, kept->count, sizeof(*kept->lines)) ||
	    !(copy = strdup(text ? text : "")))
		return false;
	kept->lines[kept->count++] = (struct integrity_line){ index, copy };
	return true;
}

/* Whether the caller is the one to run the indexes' checks (once). */
static bool search_take(struct integrity_job *job)
{
	bool take;

	pthread_mutex_lock(&job->lock);
	take = job->search && !job->search_taken;
	job->search_taken = true;
	pthread_mutex_unlock(&job->lock);
	return take;
}

/* Each search index's check on db: false where what it said could not be kept. */
static bool search_run(struct integrity_job *job, sqlite3 *db)
{
	size_t k;

	for (k = 0; k < SEARCH_INDEXES; k++) {
		char *message = search_integrity_of(db, &search_indexes[k]);
		bool kept = !message || integrity_keep(&job->found, (int)k, message);

		sqlite3_free(message);
		if (!kept)
			return false;
	}
	return true;
}

static void *integrity_run(void *data)
{
	struct integrity_job *job = data;
	sqlite3_stmt *stmt = NULL;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(job->path, &db, job->search ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(db, 5000);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(stmt, 0);

		rc = (text && !strcmp(text, "ok")) || integrity_keep(&job->pages, -1, text) ? SQLITE_OK : SQLITE_NOMEM;
	}
	sqlite3_finalize(stmt);
	job->done = rc == SQLITE_DONE;
	if (job->done && search_take(job))
		job->search_done = search_run(job, db);
	sqlite3_close(db);
	return NULL;
}

static void integrity_start(struct integrity_job *job, struct store *store)
{
	*job = (struct integrity_job){ .path = store->path, .search = !store->read_only };
	job->started = store->path && !pthread_mutex_init(&job->lock, NULL);
	if (job->started && pthread_create(&job->thread, NULL, integrity_run, job)) {
		pthread_mutex_destroy(&job->lock);
		job->started = false;
	}
}

static void integrity_said(struct verifier *v, const struct integrity_lines *kept)
{
	size_t i;

	for (i = 0; i < kept->count; i++)
		if (kept->lines[i].index < 0)
			verify_report(v, _("integrity check: %s"), kept->lines[i].text);
		else
			search_integrity_report(v, &search_indexes[kept->lines[i].index], kept->lines[i].text);
}

static void integrity_lines_free(struct integrity_lines *kept)
{
	size_t i;

	for (i = 0; i < kept->count; i++)
		free(kept->lines[i].text);
	free(kept->lines);
}

/* Runs the indexes' checks on v's connection where the thread has not
 * begun them; joins the thread (always: verify may end early) and frees
 * what it kept; when v is given, says what they found, or runs the checks
 * on v's connection where the thread did not finish them. */
static enum status integrity_finish(struct integrity_job *job, struct verifier *v, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i;

	if (job->started) {
		if (search_take(job) && v)
			job->search_done = search_run(job, v->store->db);
		pthread_join(job->thread, NULL);
		pthread_mutex_destroy(&job->lock);
	}
	if (v && job->done)
		integrity_said(v, &job->pages);
	if (v && job->search_done)
		integrity_said(v, &job->found);
	for (i = 0; v && !job->search_done && i < SEARCH_INDEXES; i++)
		search_integrity(v, &search_indexes[i]);
	if (v && !job->done)
		status = verify_integrity(v, err);
	integrity_lines_free(&job->pages);
	integrity_lines_free(&job->found);
	*job = (struct integrity_job){ 0 };
	return status;
}

enum status store_verify(struct store *store, long *rows, char head[65], store_verify_problem *problem,
			 void *context, struct error *err)
{
	struct verifier v = { store, problem, context, 0, false };
	struct integrity_job integrity;
	bool *unaccounted = NULL;
	enum status status;
	size_t i, tables = 0;

	*head = '\0';
	status = verify_cache(store, err);
	integrity_start(&integrity, store);
	if (!status)
		status = reported(&v, decide_identity(&v, err), err);
	if (!status)
		status = reported(&v, verify_schema(&v, err), err);
	while (schema_table_at(tables))
		tables++;
	if (!status && !(unaccounted = malloc(tables * sizeof(*unaccounted))))
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; !status && i < tables; i++)
		unaccounted[i] = true;
	if (!status)
		status = reported(&v, verify_chain(&v, v.bundle ? NULL : unaccounted, rows, head, err), err);
	for (i = 0; !status && i < tables; i++)
		if (unaccounted[i])
			status = reported(&v, verify_unaudited(&v, schema_table_at(i), err), err);
	free(unaccounted);
	if (!status)
		status = reported(&v, verify_database_id(&v, err), err);
	if (!status)
		status = reported(&v, verify_search(&v, err), err);
	if (!status)
		status = reported(&v, verify_sort_keys(&v, err), err);
	if (!status)
		status = reported(&v, verify_counts(&v, err), err);
	if (!status)
		status = reported(&v, verify_dues(&v, err), err);
	if (!status)
		status = reported(&v, store_verify_attachments(store, err), err);
	if (!status)
		status = reported(&v, verify_signatures(&v, err), err);
	if (!status)
		status = reported(&v, integrity_finish(&integrity, &v, err), err);
	else
		integrity_finish(&integrity, NULL, err);
	if (!status && v.count)
		/* L10N: verify: how many problems were found (each printed before) */
		status = error_set(err, STATUS_ERR_CORRUPT,
				   ngettext("%s: %ld problem found: the file was changed outside gradus",
					    "%s: %ld problems found: the file was changed outside gradus", (unsigned long)v.count),
				   store->path, v.count);
	return status;
}
