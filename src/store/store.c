/* Opening the database, the write path and its audit chain. */
#include <errno.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "schema.h"
#include "audit_private.h"
#include "store_private.h"

static enum status map_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return STATUS_OK;
	case SQLITE_NOMEM: return STATUS_ERR_NOMEM;
	case SQLITE_BUSY: case SQLITE_LOCKED: return STATUS_ERR_BUSY;
	case SQLITE_READONLY: case SQLITE_PERM: return STATUS_ERR_READONLY;
	case SQLITE_CORRUPT: case SQLITE_NOTADB: return STATUS_ERR_CORRUPT;
	case SQLITE_FULL: return STATUS_ERR_FULL;
	case SQLITE_IOERR: case SQLITE_CANTOPEN: return STATUS_ERR_IO;
	default: return STATUS_ERR_DB;
	}
}

enum status store_fail(struct store *store, int rc, struct error *err, const char *what)
{
	enum status status = map_sqlite(rc);
	const char *detail;

	/* SQLite reports a full disk met while growing its shared-memory or
	 * journal file as an I/O error; the system's errno tells them apart. */
	if (store && store->db && (status == STATUS_ERR_IO || status == STATUS_ERR_DB) &&
	    sqlite3_system_errno(store->db) == ENOSPC)
		status = STATUS_ERR_FULL;
	detail = store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);
	switch (status) {
	case STATUS_ERR_FULL:
		return error_set(err, status, _("%s: the disk is full; nothing was written (%s)"),
				 store ? store->path : "", what);
	case STATUS_ERR_READONLY:
		return error_set(err, status, _("%s: the database is read-only; nothing was written (%s)"),
				 store ? store->path : "", what);
	case STATUS_ERR_CORRUPT:
		return error_set(err, status, _("%s: not a gradus database or the file is damaged (%s)"),
				 store ? store->path : "", detail);
	case STATUS_ERR_BUSY:
		return error_set(err, status, _("%s: the database is busy (another user is writing); nothing was written, try again"),
				 store ? store->path : "");
	default:
		return error_set(err, status, _("%s: %s: %s"), store ? store->path : "", what, detail);
	}
}

/* A read that failed: what the user can do about it, never "nothing there". */
static enum status fail_read(struct store *store, int rc, struct error *err)
{
	enum status status = map_sqlite(rc);
	const char *detail = store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);

	switch (status) {
	case STATUS_ERR_BUSY:
		/* L10N: a read met another user's write lock past the busy timeout. */
		return error_set(err, status, _("%s: the database is busy (another user is writing); try again"),
				 store->path);
	case STATUS_ERR_IO:
		return error_set(err, status, _("%s: the database could not be read: a disk I/O error (%s)"),
				 store->path, detail);
	case STATUS_ERR_CORRUPT:
		return error_set(err, status, _("%s: the database file is damaged and could not be read (%s)"),
				 store->path, detail);
	case STATUS_ERR_NOMEM:
		return error_set(err, status, _("%s: no memory left to read the database"), store->path);
	default:
		return store_fail(store, rc, err, _("reading"));
	}
}

enum status store_step(struct store *store, sqlite3_stmt *stmt, bool *row, struct error *err)
{
	int rc = sqlite3_step(stmt);

	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return STATUS_OK;
	/* Inside a write a failed read is the write's failure: nothing was written. */
	if (sqlite3_stmt_readonly(stmt) && store->depth == 0)
		return fail_read(store, rc, err);
	return store_fail(store, rc, err, sqlite3_stmt_readonly(stmt) ? _("reading") : _("writing"));
}

enum status store_count(struct store *store, sqlite3_stmt *stmt, long *count, struct error *err)
{
	enum status status;
	bool row;

	*count = 0;
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		*count = (long)sqlite3_column_int64(stmt, 0);
	else if (!status)
		status = error_set(err, STATUS_ERR_DB, _("%s: a count returned no row"), store->path);
	sqlite3_reset(stmt);
	return status;
}

/* Where sql's statement is in the table, or the free slot where it goes. */
static struct store_statement *statement_slot(struct store_statement *table, size_t capacity, const char *sql)
{
	/* Fibonacci hashing of the address: its low bits are alignment. */
	size_t i = (size_t)(((uint64_t)(uintptr_t)sql * UINT64_C(11400714819323198485)) >> 32) & (capacity - 1);

	while (table[i].sql && table[i].sql != sql)
		i = (i + 1) & (capacity - 1);
	return &table[i];
}

/* Doubles the table when one more statement would fill it past half. */
static enum status statements_grow(struct store *store)
{
	size_t capacity = store->stmt_capacity ? 2 * store->stmt_capacity : 64;
	struct store_statement *table;
	size_t i;

	if (2 * (store->stmt_count + 1) <= store->stmt_capacity)
		return STATUS_OK;
	table = calloc(capacity, sizeof(*table));
	if (!table)
		return STATUS_ERR_NOMEM;
	for (i = 0; i < store->stmt_capacity; i++)
		if (store->stmts[i].sql)
			*statement_slot(table, capacity, store->stmts[i].sql) = store->stmts[i];
	free(store->stmts);
	store->stmts = table;
	store->stmt_capacity = capacity;
	return STATUS_OK;
}

sqlite3_stmt *store_prepare(struct store *store, const char *sql, struct error *err)
{
	struct store_statement *slot;
	sqlite3_stmt *stmt;
	int rc;

	if (store->stmt_capacity) {
		slot = statement_slot(store->stmts, store->stmt_capacity, sql);
		if (slot->sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
	}
	if (statements_grow(store)) {
		error_set(err, STATUS_ERR_NOMEM, _("no memory left to prepare a query"));
		return NULL;
	}
	rc = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_fail(store, rc, err, _("preparing a query"));
		return NULL;
	}
	slot = statement_slot(store->stmts, store->stmt_capacity, sql);
	slot->sql = sql;
	slot->stmt = stmt;
	store->stmt_count++;
	return stmt;
}

/* Where a built statement's text is in the table, or the free slot where
 * it goes (FNV-1a of the text). */
static struct store_statement *built_slot(struct store_statement *table, size_t capacity, const char *sql)
{
	uint64_t hash = UINT64_C(14695981039346656037);
	const unsigned char *p;
	size_t i;

	for (p = (const unsigned char *)sql; *p; p++)
		hash = (hash ^ *p) * UINT64_C(1099511628211);
	i = (size_t)hash & (capacity - 1);
	while (table[i].sql && strcmp(table[i].sql, sql))
		i = (i + 1) & (capacity - 1);
	return &table[i];
}

static enum status built_grow(struct store *store)
{
	size_t capacity = store->built_capacity ? 2 * store->built_capacity : 32;
	struct store_statement *table;
	size_t i;

	if (2 * (store->built_count + 1) <= store->built_capacity)
		return STATUS_OK;
	table = calloc(capacity, sizeof(*table));
	if (!table)
		return STATUS_ERR_NOMEM;
	for (i = 0; i < store->built_capacity; i++)
		if (store->built[i].sql)
			*built_slot(table, capacity, store->built[i].sql) = store->built[i];
	free(store->built);
	store->built = table;
	store->built_capacity = capacity;
	return STATUS_OK;
}

/* A statement kept prepared, made at run time, with a copy of its text
 * (*copy, the caller's to keep and free). */
static sqlite3_stmt *prepare_kept(struct store *store, const char *sql, char **copy, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (!(*copy = strdup(sql))) {
		error_set(err, STATUS_ERR_NOMEM, _("no memory left to prepare a query"));
		return NULL;
	}
	rc = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		free(*copy);
		*copy = NULL;
		store_fail(store, rc, err, _("preparing a query"));
		return NULL;
	}
	return stmt;
}

sqlite3_stmt *store_prepare_built(struct store *store, const char *sql, struct error *err)
{
	struct store_statement *slot;
	sqlite3_stmt *stmt;
	char *copy;

	if (store->built_capacity) {
		slot = built_slot(store->built, store->built_capacity, sql);
		if (slot->sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
	}
	if (built_grow(store)) {
		error_set(err, STATUS_ERR_NOMEM, _("no memory left to prepare a query"));
		return NULL;
	}
	if (!(stmt = prepare_kept(store, sql, &copy, err)))
		return NULL;
	slot = built_slot(store->built, store->built_capacity, sql);
	slot->sql = copy;
	slot->stmt = stmt;
	store->built_count++;
	return stmt;
}

sqlite3_stmt *store_prepare_screen(struct store *store, const char *sql, struct error *err)
{
	struct store_screen_statement *slot = &store->screen[0];
	sqlite3_stmt *stmt;
	char *copy;
	size_t i;

	for (i = 0; i < STORE_SCREEN_STATEMENTS; i++) {
		struct store_screen_statement *s = &store->screen[i];

		if (s->sql && !strcmp(s->sql, sql)) {
			s->used = ++store->screen_clock;
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			return s->stmt;
		}
		if (s->used < slot->used)
			slot = s; /* a free slot (0), else the least recently used */
	}
	if (!(stmt = prepare_kept(store, sql, &copy, err)))
		return NULL;
	if (slot->sql) {
		sqlite3_finalize(slot->stmt);
		free(slot->sql);
	}
	*slot = (struct store_screen_statement){ copy, stmt, ++store->screen_clock };
	return stmt;
}

void store_statements_finalize(struct store *store)
{
	size_t i;

	for (i = 0; i < STORE_SCREEN_STATEMENTS; i++)
		if (store->screen[i].sql) {
			sqlite3_finalize(store->screen[i].stmt);
			free(store->screen[i].sql);
			store->screen[i] = (struct store_screen_statement){ NULL, NULL, 0 };
		}

	for (i = 0; i < store->stmt_capacity; i++)
		if (store->stmts[i].sql)
			sqlite3_finalize(store->stmts[i].stmt);
	free(store->stmts);
	store->stmts = NULL;
	store->stmt_capacity = 0;
	store->stmt_count = 0;
	for (i = 0; i < store->built_capacity; i++)
		if (store->built[i].sql) {
			sqlite3_finalize(store->built[i].stmt);
			free((char *)store->built[i].sql);
		}
	free(store->built);
	store->built = NULL;
	store->built_capacity = 0;
	store->built_count = 0;
}

void store_timestamp(char out[STORE_TIMESTAMP_SIZE])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, STORE_TIMESTAMP_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *store_column_dup(sqlite3_stmt *stmt, int column, enum status *status)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	char *copy;

	if (!text) {
		/* SQLite's own copy failed: a NULL only when the column is one. */
		if (sqlite3_column_type(stmt, column) != SQLITE_NULL)
			*status = STATUS_ERR_NOMEM;
		return NULL;
	}
	copy = strdup((const char *)text);
	if (!copy)
		*status = STATUS_ERR_NOMEM;
	return copy;
}

char *store_default_path(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *path;
	size_t size;

	if (data && *data) {
		size = strlen(data) + sizeof("/gradus/gradus.db");
		path = malloc(size);
		if (path)
			snprintf(path, size, "%s/gradus/gradus.db", data);
		return path;
	}
	if (!home || !*home)
		home = ".";
	size = strlen(home) + sizeof("/.local/share/gradus/gradus.db");
	path = malloc(size);
	if (path)
		snprintf(path, size, "%s/.local/share/gradus/gradus.db", home);
	return path;
}

static enum status exec(struct store *store, const char *sql, struct error *err)
{
	int rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STATUS_OK : store_fail(store, rc, err, _("running a statement"));
}

enum status store_cache_for(struct store *store, size_t work_bytes, struct error *err)
{
	return store_cache_within(store, work_bytes, 32768, err);
}

enum status store_cache_within(struct store *store, size_t work_bytes, size_t most_kib, struct error *err)
{
	size_t kib = work_bytes / 16;
	char sql[96];

	if (kib > most_kib)
		kib = most_kib;
	if (kib < 2000)
		kib = 2000;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%zu; PRAGMA temp_store = %s", kib,
		 work_bytes ? "MEMORY" : "DEFAULT");
	return exec(store, sql, err);
}

/* The integer a query without parameters returns (a count, a pragma). */
static enum status query_int(struct store *store, const char *sql, int *value, struct error *err)
{
	sqlite3_stmt *stmt;
	enum status status;
	int rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	long n;

	*value = 0;
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading"));
	status = store_count(store, stmt, &n, err);
	sqlite3_finalize(stmt);
	*value = (int)n;
	return status;
}

/* A step a migration leaves to C (its meta key set): run once, in the
 * migration's transaction, then the key removed. */
static enum status pending_step(struct store *store, const char *key,
				enum status (*step)(struct store *, struct error *), struct error *err)
{
	char sql[128];
	enum status status;
	int n;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM meta WHERE key = '%s'", key);
	status = query_int(store, sql, &n, err);
	if (!status && n && !(status = step(store, err))) {
		snprintf(sql, sizeof(sql), "DELETE FROM meta WHERE key = '%s'", key);
		status = exec(store, sql, err);
	}
	return status;
}

static enum status migrate(struct store *store, struct error *err)
{
	int latest = schema_latest_version();
	int version, n;
	enum status status = query_int(store, "PRAGMA user_version", &version, err);
	char pragma[64];
	char id[33];

	if (status)
		return status;
	store->schema_version = version;
	if (version > latest)
		return error_set(err, STATUS_ERR_DB,
				 _("%s: made by a newer gradus (schema %d, this one knows %d); not opened"),
				 store->path, version, latest);
	if (version == 0 && (status = query_int(store, "SELECT count(*) FROM sqlite_master", &n, err)))
		return status;
	if (version == 0 && n > 0)
		return error_set(err, STATUS_ERR_CORRUPT,
				 _("%s: this SQLite file is not a gradus database; not touched"), store->path);
	/* The kept sort keys are made anew when the collation they were made
	 * with is not this machine's (or after migration 12). */
	if (version == latest && (store->read_only || !store_sort_keys_stale(store)))
		return STATUS_OK;
	status = exec(store, "BEGIN IMMEDIATE", err);
	if (status)
		return status;
	for (; version < latest; version++) {
		status = exec(store, schema_migration(version + 1), err);
		if (status)
			goto fail;
	}
	status = pending_step(store, "audit_convert", audit_convert, err);
	if (status)
		goto fail;
	/* migration 24: the audit's row ids of 32 hex digits kept as text (the
	 * records before migration 22) as their 16 bytes, as audit.c writes
	 * them; its index made again after (at 100,000 cases 1.1 million
	 * records: 56 s kept up row by row) */
	status = query_int(store, "SELECT count(*) FROM meta WHERE key = 'audit_rid_convert'", &n, err);
	if (!status && n)
		status = exec(store,
			      "DROP INDEX audit_rid;"
			      " UPDATE audit SET rid = rid_of(rid) WHERE typeof(rid) = 'text' AND typeof(rid_of(rid)) = 'blob';"
			      " CREATE INDEX audit_rid ON audit (rid);"
			      " DELETE FROM meta WHERE key = 'audit_rid_convert'", err);
	if (status)
		goto fail;
	/* migration 26: the scenarios of each case into its field */
	status = pending_step(store, "scenarios_convert", store_scenarios_convert, err);
	if (status)
		goto fail;
	status = query_int(store, "SELECT count(*) FROM meta WHERE key = 'database_id'", &n, err);
	if (status)
		goto fail;
	if (n == 0) {
		char sql[160];

		if (store_new_id(id))
			goto fail;
		snprintf(sql, sizeof(sql), "INSERT INTO meta VALUES ('database_id', '%s')", id);
		status = exec(store, sql, err);
		/* in the audit chain, for verify to hold it to */
		if (!status)
			status = store_audit_record(store, "meta", "database_id", "value", NULL, id, err);
		if (status)
			goto fail;
	}
	status = pending_step(store, "search_rebuild", store_search_rebuild, err);
	if (status)
		goto fail;
	if (store_sort_keys_stale(store) && (status = store_sort_keys_rebuild(store, err)))
		goto fail;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", latest);
	status = exec(store, pragma, err);
	if (status)
		goto fail;
	store->schema_version = latest;
	return exec(store, "COMMIT", err);
fail:
	sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return status ? status : STATUS_ERR_IO;
}

/* The operating-system user becomes a user of the database; the first is admin. */
static enum status ensure_actor(struct store *store, struct error *err)
{
	static const char *const find = "SELECT role FROM users WHERE login = ?1";
	sqlite3_stmt *stmt = store_prepare(store, find, err);
	char id[33], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	bool row;
	int users;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, store->actor, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		snprintf(store->role, sizeof(store->role), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status || row || store->read_only || store->no_account)
		return status;
	status = query_int(store, "SELECT count(*) FROM users", &users, err);
	if (status || users > 0)
		return status; /* unknown users read; roles are given by an admin */
	store_timestamp(now);
	if (store_new_id(id))
		return STATUS_ERR_IO;
	{
		struct field_value fields[] = {
			{ "login", store->actor }, { "role", "admin" }, { "created_at", now },
		};

		status = store_insert(store, "users", id, fields, 3, err);
		if (!status)
			snprintf(store->role, sizeof(store->role), "admin");
		return status;
	}
}

/* "file:" and path, its %, ? and # escaped, for sqlite3_open_v2 with URIs. */
static char *file_uri(const char *path, const char *query)
{
	size_t len = strlen(path), i, n = 0;
	char *uri = malloc(3 * len + strlen(query) + sizeof("file://"));

	if (!uri)
		return NULL;
	n += (size_t)sprintf(uri, path[0] == '/' ? "file://" : "file:");
	for (i = 0; i < len; i++)
		if (path[i] == '%' || path[i] == '?' || path[i] == '#')
			n += (size_t)sprintf(uri + n, "%%%02X", (unsigned char)path[i]);
		else
			uri[n++] = path[i];
	strcpy(uri + n, query);
	return uri;
}

/* Whether the file's header says WAL (bytes 18 and 19 are 2). */
static bool in_wal_mode(const char *path)
{
	unsigned char header[20];
	FILE *file = fopen(path, "rb");
	bool wal = file && fread(header, 1, sizeof(header), file) == sizeof(header) && header[18] == 2 &&
		   header[19] == 2;

	if (file)
		fclose(file);
	return wal;
}

/* Someone who may only read the file must not leave a -wal or -shm behind:
 * SQLite would make them with the file's read-only mode and the reader as
 * owner, and once the file is writable again the others could not use them.
 * A WAL database with no -wal beside it (no writer has it open) is read as
 * it is, making nothing; otherwise through the -wal and -shm that are there
 * (or, in rollback mode, with the usual locks, which make no file). */
static int open_read_only(const char *path, sqlite3 **db)
{
	char *wal = NULL, *uri;
	struct stat st;
	bool writer = asprintf(&wal, "%s-wal", path) >= 0 && stat(wal, &st) == 0;
	int rc;

	free(wal);
	uri = file_uri(path, writer || !in_wal_mode(path) ? "?mode=ro" : "?mode=ro&immutable=1");
	if (!uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* SQLite as gradus uses it, set once before its first use: each
 * connection is used by one thread at a time (verify's second thread has
 * its own), so no mutex a call on it; and no count of the memory SQLite
 * holds, which nothing reads, so no lock shared by the threads around
 * each allocation (verify, 10,000 cases: the two were a tenth of its main
 * thread's time). Once SQLite has begun (a test that used it first), it
 * keeps what it had. */
static void library_setup(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum status store_open(const char *path, enum store_mode mode, const char *actor,
		       struct date today, struct store **out, struct error *err)
{
	struct store *store;
	enum status status;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	int missing = exists ? 0 : errno;
	int flags = SQLITE_OPEN_READWRITE;
	mode_t old_mask;
	int rc, version;

	*out = NULL;
	library_setup();
	if (missing == EACCES || (exists && access(path, R_OK) != 0))
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s: you may not open this database (permission denied); "
				   "a shared one is open to the members of its group"), path);
	if (missing && missing != ENOENT)
		return error_set(err, STATUS_ERR_IO, _("%s: cannot open: %s"), path, strerror(missing));
	if (!exists && mode == STORE_OPEN_EXISTING)
		return error_set(err, STATUS_ERR_NOT_FOUND,
				 _("%s: no database here; create one with `gradus --db %s init`"), path, path);
	if (exists && !S_ISREG(st.st_mode))
		return error_set(err, STATUS_ERR_INVALID, _("%s: not a regular file"), path);
	status = store_check_access(path, err);
	if (status)
		return status;
	if (!exists) {
		status = store_make_folders(path, (gid_t)-1, err);
		if (status)
			return status;
		flags |= SQLITE_OPEN_CREATE;
	}
	store = calloc(1, sizeof(*store));
	if (!store)
		return STATUS_ERR_NOMEM;
	store->path = strdup(path);
	store->no_account = !actor || !*actor;
	if (store->no_account) {
		char name[64];

		/* L10N: who is refused, when the user id has no passwd entry */
		snprintf(name, sizeof(name), _("user id %u (no account in the password database)"), (unsigned)geteuid());
		store->actor = strdup(name);
	} else {
		store->actor = strdup(actor);
	}
	store->today = today;
	if (!store->path || !store->actor) {
		status = STATUS_ERR_NOMEM;
		goto fail;
	}
	if (exists && access(path, W_OK) != 0) {
		flags = SQLITE_OPEN_READONLY;
		store->read_only = true;
	}
	old_mask = umask(077);
	if (store->read_only)
		rc = open_read_only(path, &store->db);
	else
		rc = sqlite3_open_v2(path, &store->db, flags, NULL);
	umask(old_mask);
	if (rc != SQLITE_OK) {
		status = store_fail(store, rc, err, _("opening"));
		goto fail;
	}
	sqlite3_extended_result_codes(store->db, 0);
	sqlite3_busy_timeout(store->db, 5000);
	if ((rc = store_sql_functions(store->db)) != SQLITE_OK) {
		status = store_fail(store, rc, err, _("opening"));
		goto fail;
	}
	status = query_int(store, "SELECT count(*) FROM sqlite_master", &version, err);
	if (status)
		goto fail;
	if (!store->read_only) {
		status = exec(store, "PRAGMA journal_mode = WAL", err);
		if (status)
			goto fail;
		store_share_sidecars(path);
	}
	status = exec(store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", err);
	if (status)
		goto fail;
	if (store->read_only && (status = query_int(store, "PRAGMA user_version", &version, err)))
		goto fail;
	if (store->read_only && version != schema_latest_version()) {
		status = error_set(err, STATUS_ERR_READONLY,
				   _("%s: read-only and not at the current schema; cannot open"), path);
		goto fail;
	}
	status = migrate(store, err);
	if (status)
		goto fail;
	status = ensure_actor(store, err);
	if (!status)
		status = bundle_attach(store, err);
	if (status)
		goto fail;
	*out = store;
	return STATUS_OK;
fail:
	store_close(&store);
	return status;
}

void store_close(struct store **storep)
{
	struct store *store = *storep;

	if (!store)
		return;
	bundle_detach(store);
	store_statements_finalize(store);
	store_search_drop(store);
	if (store->db)
		sqlite3_close(store->db);
	free(store->path);
	free(store->actor);
	free(store);
	*storep = NULL;
}

const char *store_actor(const struct store *store) { return store->system ? "system" : store->actor; }
const char *store_role(const struct store *store) { return store->system ? "system" : store->role; }
void store_act_as_system(struct store *store, bool system) { store->system = system; }
const char *store_path(const struct store *store) { return store->path; }
struct date store_today(const struct store *store) { return store->today; }
bool store_read_only(const struct store *store) { return store->read_only; }
bool store_may_write(const struct store *store) { return !store->read_only && !store->no_account; }
struct sqlite3 *store_db(struct store *store) { return store->db; }

int store_schema_version(const struct store *store)
{
	return store->schema_version;
}

enum status store_is_empty(struct store *store, bool *empty, struct error *err)
{
	int n;
	enum status status = query_int(store, "SELECT count(*) FROM cases", &n, err);

	*empty = !status && n == 0;
	return status;
}

/* The outermost level is a transaction (BEGIN IMMEDIATE: a writer waits
 * its turn instead of failing later); inner levels are savepoints, so a
 * failing inner part rolls back only itself and the caller decides. */
enum status store_begin(struct store *store, struct error *err)
{
	char sql[32];
	enum status status;

	if (store->no_account)
		return error_set(err, STATUS_ERR_DENIED,
				 _("user id %u has no account in the password database (getent passwd %u): gradus writes "
				   "only in the name of an operating-system account, never of $USER; nothing was written"),
				 (unsigned)geteuid(), (unsigned)geteuid());
	if (store->depth > 0 && store->whole) {
		status = STATUS_OK;
	} else if (store->depth > 0) {
		snprintf(sql, sizeof(sql), "SAVEPOINT level%d", store->depth);
		status = exec(store, sql, err);
	} else {
		status = exec(store, "BEGIN IMMEDIATE", err);
		store->audit_written = 0;
	}
	if (!status)
		store->depth++;
	return status;
}

enum status store_begin_whole(struct store *store, struct error *err)
{
	enum status status;

	if (store->depth > 0)
		return store_begin(store, err);
	status = store_begin(store, err);
	store->whole = !status;
	store->part_failed = false;
	return status;
}

/* The outermost transaction ended. */
static void ended(struct store *store)
{
	store->whole = false;
	store->part_failed = false;
	store_search_drop(store);
}

enum status store_commit(struct store *store, struct error *err)
{
	char sql[32];
	enum status status;

	if (store->depth == 0)
		return STATUS_OK;
	if (--store->depth > 0 && store->whole)
		return STATUS_OK;
	if (store->depth > 0) {
		snprintf(sql, sizeof(sql), "RELEASE level%d", store->depth);
		return exec(store, sql, err);
	}
	if (store->part_failed)
		/* L10N: a transaction kept or undone as a whole (an import) in which one write failed */
		status = error_set(err, STATUS_ERR_DB, _("a write inside the transaction failed: nothing was written"));
	else
		status = store_search_flush(store, err);
	if (!status)
		status = bundle_record(store, err);
	if (!status)
		status = exec(store, "COMMIT", err);
	if (status)
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	ended(store);
	return status;
}

void store_rollback(struct store *store)
{
	char sql[64];

	if (store->depth == 0)
		return;
	if (--store->depth > 0 && store->whole) {
		store->part_failed = true; /* its writes cannot be undone alone: none of the transaction's will stay */
	} else if (store->depth > 0) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO level%d; RELEASE level%d", store->depth, store->depth);
		sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	} else {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		ended(store);
	}
}

enum status store_finish(struct store *store, enum status status, struct error *err)
{
	if (status) {
		store_rollback(store);
		return status;
	}
	return store_commit(store, err);
}

enum status store_grow(void **array, size_t *capacity, size_t count, size_t size)
{
	size_t wanted = *capacity ? 2 * *capacity : 16;
	void *grown;

	if (count < *capacity)
		return STATUS_OK;
	grown = realloc(*array, wanted * size);
	if (!grown)
		return STATUS_ERR_NOMEM;
	*array = grown;
	*capacity = wanted;
	return STATUS_OK;
}

enum status store_ids_of(struct store *store, sqlite3_stmt *stmt, char (**ids)[33], size_t *count, struct error *err)
{
	size_t capacity = 0;
	enum status status;
	bool row;

	*ids = NULL;
	*count = 0;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)ids, &capacity, *count, sizeof(**ids))))
			break;
		snprintf((*ids)[(*count)++], 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_reset(stmt);
	if (status) {
		free(*ids);
		*ids = NULL;
		*count = 0;
	}
	return status;
}

enum status store_ids(struct store *store, const char *sql, const char *param, char (**ids)[33], size_t *count,
		      struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);

	*ids = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, param, -1, SQLITE_STATIC);
	return store_ids_of(store, stmt, ids, count, err);
}
