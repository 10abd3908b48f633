/* Private to store/: the store's insides. */
#ifndef GRADUS_STORE_PRIVATE_H
#define GRADUS_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/types.h>

#include "gradus/store/store.h"
#include "authority_private.h"

#define STORE_TIMESTAMP_SIZE 21
/* How many of the statements screens make at run time stay prepared
 * (store_prepare_screen): enough for every sort and filter a clerk moves
 * between. */
#define STORE_SCREEN_STATEMENTS 32

struct store {
	sqlite3 *db;
	char *path;
	char *actor;
	char role[16];
	bool system; /* writes are the system actor's (store_act_as_system) */
	struct date today;
	bool read_only;
	bool no_account; /* the uid has no passwd entry: nothing is written */
	bool bundle; /* the file is a bundle (bundle.c, read when it opens) */
	int depth; /* nesting of store_begin */
	long long audit_written; /* the audit record the open transaction wrote last (audit.c), or 0 */
	bool whole; /* the transaction is kept or undone as a whole: no savepoints (store_begin_whole) */
	bool part_failed; /* a write inside such a transaction was undone: the transaction cannot commit */
	/* In such a transaction, the cases whose search entries are written
	 * at its commit (search.c), not one statement after another: FTS5
	 * writes its pending entries out at every statement's savepoint. */
	char (*search_due)[33];
	size_t search_due_count, search_due_capacity;
	int schema_version; /* PRAGMA user_version once opened */
	/* The prepared statements, open-addressed by the address of their SQL
	 * (statements are static strings): as many as there are, each once. */
	struct store_statement {
		const char *sql;
		sqlite3_stmt *stmt;
	} *stmts;
	size_t stmt_capacity; /* 0 or a power of two, at least twice stmt_count */
	size_t stmt_count;
	/* Those whose SQL is made at run time from schema names (write.c's
	 * insert and update of a table's fields), by their text, kept copied. */
	struct store_statement *built;
	size_t built_capacity, built_count;
	/* Those a screen makes at run time for its sort and filters (a page of
	 * the list, its count): the last STORE_SCREEN_STATEMENTS used, by their
	 * text, so a day of sorting and filtering keeps a bounded number. */
	struct store_screen_statement {
		char *sql;
		sqlite3_stmt *stmt;
		unsigned long long used; /* when last found: 0 for a free slot */
	} screen[STORE_SCREEN_STATEMENTS];
	unsigned long long screen_clock;
	struct sqlite3_session *session; /* in a bundle: records every committed write (bundle.c) */
	const struct forms *forms; /* whose final states close a case (authority_use_forms) */
	int stages_kept; /* stage_counts counts the stages of forms: 1; else 0 or -1 (store_stages_sync) */
	char exempt[33]; /* a sealed record a deliberate exception writes to (authority_exempt), or "" */
	/* How long a page of the list may walk its order's index before it
	 * sorts the filters' matches instead (list.c): 0, as long as sorting
	 * would take; tests set it below 0 to give up at once, or long. */
	long walk_budget_us;
};

/* A new record's id (ids.c): 32 lower-case hex characters, random: for a
 * record a user may name by the first characters of its id. */
enum status store_new_id(char out[33]);
/* The id of a record written by the thousand (an enterprise, a factory, a
 * case, its scenarios and materials, an event): 32 lower-case hex
 * characters that sort in the order they were made, each above the last
 * this process made: the milliseconds since 1970 (12 digits), then 80
 * random bits. New rows go to the end of every index of ids. Nothing reads
 * the time of an id: ids made elsewhere, random or not, are ids the same. */
enum status store_new_ordered_id(char out[33]);
/* size random bytes from the system (an id, a seed). */
enum status store_random(void *out, size_t size);

/* The raw handle. */
struct sqlite3 *store_db(struct store *store);

/* The one write path. Every mutation goes through store_insert/store_update,
 * inside a transaction (begun here when the caller has none), and appends one
 * audit record per record written to the hash chain (updates of one row in
 * one transaction share one). Table and field names are checked
 * against the schema; values are bound, never spliced into SQL. A NULL value
 * is SQL NULL. */
struct field_value {
	const char *name;
	const char *value;
};

enum status store_begin(struct store *store, struct error *err);
/* Begins a transaction that is kept or undone as a whole (an import: every
 * row or none): the writes inside it take no savepoint of their own, so
 * SQLite journals no page a second time; a write that fails inside it
 * makes the whole transaction fail when it ends. */
enum status store_begin_whole(struct store *store, struct error *err);
enum status store_commit(struct store *store, struct error *err);
void store_rollback(struct store *store);
/* Ends what store_begin began: commits when status is STATUS_OK, else rolls
 * back and returns status. */
enum status store_finish(struct store *store, enum status status, struct error *err);
/* Sizes SQLite's page cache to a piece of bulk work of about work_bytes of
 * input (an imported sheet) going into the database's file: 64 bytes of
 * cache a byte of input, at least SQLite's default 2,000 KiB and at most
 * 32 MiB, whatever the size of the file (an import's new rows go to the
 * end of the indexes of ids, so what it writes grows with its sheet, not
 * the office; sized to a sixteenth of the file, the cache only held pages
 * read once: 1,000 rows into 100,000 cases faulted in 7,066 pages of
 * memory, not 2,482, and took 0.52 s, not 0.39); and keeps the statement
 * journals of the work in memory (with SQLITE_DEFAULT_TEMP_STORE left as
 * built: a write of a 1,000-row import wrote 37 pages a row to a temporary
 * file). 0 returns to the defaults. */
enum status store_cache_for(struct store *store, size_t work_bytes, struct error *err);
/* The same with at most most_kib KiB of cache (at least SQLite's 2,000). */
enum status store_cache_within(struct store *store, size_t work_bytes, size_t most_kib, struct error *err);
/* store_cache_for's work_bytes for work that reads the whole file, more
 * than once (verify): as much cache as a command may hold. */
#define STORE_CACHE_MOST ((size_t)-1 / 2)

enum status store_insert(struct store *store, const char *table, const char *id,
			 const struct field_value *fields, size_t count, struct error *err);
enum status store_update(struct store *store, const char *table, const char *id,
			 const char *field, const char *value, struct error *err);
/* Deletes a row: its audit record keeps the row's last values (History
 * shows each as old -> NULL, then "-"). */
enum status store_delete(struct store *store, const char *table, const char *id, struct error *err);
/* store_update for a value the user saw: when the field no longer holds
 * `expected` (NULL = SQL NULL) the write is refused with
 * STATUS_ERR_CONFLICT, and err names the current value and who wrote it. */
enum status store_update_expect(struct store *store, const char *table, const char *id, const char *field,
				const char *expected, const char *value, struct error *err);

/* Writes from now on are the system actor's (role "system"), e.g. the
 * sweep; false returns to the user. */
void store_act_as_system(struct store *store, bool system);

/* A prepared statement for a static SQL string, reset and unbound: the
 * first call for an address prepares it, later ones find it again. */
sqlite3_stmt *store_prepare(struct store *store, const char *sql, struct error *err);
/* Writes the search entries of the cases a whole transaction changed
 * (store_commit does, before COMMIT); store_search_drop forgets them (the
 * transaction was undone). */
enum status store_search_flush(struct store *store, struct error *err);
void store_search_drop(struct store *store);
/* The same for SQL made at run time (from checked schema names, never
 * from data): found again by its text. */
sqlite3_stmt *store_prepare_built(struct store *store, const char *sql, struct error *err);
/* The same for a screen's statement made at run time (store->screen): the
 * least recently used of them is finalized to make room for a new one, so
 * the caller resets its statement (sqlite3_reset) before it asks for
 * another, and never finalizes it. */
sqlite3_stmt *store_prepare_screen(struct store *store, const char *sql, struct error *err);
/* Finalizes every statement store_prepare and store_prepare_built made
 * (store_close does). */
void store_statements_finalize(struct store *store);
enum status store_fail(struct store *store, int rc, struct error *err, const char *what);
/* One step of stmt; *row tells a row from the end. A step that is neither
 * (busy, I/O error, damage, no memory) is an error set through err, never
 * "nothing there": a read says another user is writing, the disk failed or
 * the file is damaged (inside a transaction, that nothing was written, as
 * store_fail says). The caller resets stmt. */
enum status store_step(struct store *store, sqlite3_stmt *stmt, bool *row, struct error *err);
/* The first column of stmt's one row as a count; stmt is reset. */
enum status store_count(struct store *store, sqlite3_stmt *stmt, long *count, struct error *err);
void store_timestamp(char out[STORE_TIMESTAMP_SIZE]);
/* An audit record (an update of one field) written outside
 * store_insert/update/delete: the database's id, made by migrate (write.c). */
enum status store_audit_record(struct store *store, const char *table, const char *id, const char *field,
			       const char *old, const char *new, struct error *err);
/* Migration 26: the rows of case_scenarios moved into cases.scenarios
 * through the audit (write.c), inside migrate()'s transaction. */
enum status store_scenarios_convert(struct store *store, struct error *err);
/* A case's scenarios as cases.scenarios keeps them: ascending, each once,
 * between commas ("1,5,12"), "" for none (cases.c). */
#define STORE_SCENARIOS_SIZE 512
void store_scenarios_text(const int *scenarios, size_t count, char *out, size_t size);
/* Every stored evidence file against its SHA-256 (evidence.c). */
enum status store_verify_attachments(struct store *store, struct error *err);
/* Keeps the readiness list of a cultivation with its acceptance application
 * (cultivationview.c, called by the step that files it). */
struct forms;
enum status store_readiness_keep(struct store *store, const struct forms *forms, const char *case_id,
				 struct date filed_on, struct error *err);
/* The number of scenarios of the store's forms (0 without forms), and
 * whether id is one of them, else why not (scenario_ids.c). */
size_t store_scenario_count(const struct store *store);
/* With the store's forms (authority_use_forms): scenario_stages written
 * from them when it differs, and stage_counts counted anew (list.c), so
 * that a stage's cases are counted in its kept row; not in a bundle (its
 * writes travel back to the office), read-only or without an account,
 * whose stages are then counted from the declarations. */
void store_stages_sync(struct store *store);
/* With the store's forms: case_dues filled anew from their rules when it
 * was filled with other forms, or never (after migration 24) (agenda.c). */
void store_dues_sync(struct store *store);
enum status store_scenario_check(const struct store *store, int id, struct error *err);
/* A backup written at exactly path (backup.c), for a caller that made the
 * path safe first (safe_database_begin). */
enum status store_backup_into(struct store *store, const char *path, struct error *err);

/* In a bundle (a file with bundle_manifest) every committed write is
 * recorded as a changeset (bundle.c): the session is attached when the
 * store opens, its changes appended to bundle_changes at the outermost
 * commit, and deleted on close. No-ops elsewhere. */
enum status bundle_attach(struct store *store, struct error *err);
enum status bundle_record(struct store *store, struct error *err);
void bundle_detach(struct store *store);
/* SHA-256 in hex of bytes; and of the rows static queries (each with the
 * id as ?1) return, in order (hash.c). */
void store_sha256_hex(const void *data, size_t size, char out[65]);
enum status store_hash_queries(struct store *store, const char *const *sqls, size_t count, const char *id,
			       char hash[65], struct error *err);
/* The same with the parameters bind gives each statement (verify's "as signed"). */
enum status store_hash_queries_with(struct store *store, const char *const *sqls, size_t count,
				    void (*bind)(sqlite3_stmt *stmt, const void *context), const void *context,
				    char hash[65], struct error *err);
/* Makes room for one more element in a growing array (doubling). */
enum status store_grow(void **array, size_t *capacity, size_t count, size_t size);
/* The search index (search.c): re-indexes the cases a write to table/id
 * (field NULL: the whole row) touches; rebuilds it whole. */
enum status store_search_touch(struct store *store, const char *table, const char *id, const char *field,
			       struct error *err);
/* A case about to be deleted leaves the search index (search.c). */
enum status store_search_forget(struct store *store, const char *table, const char *id, struct error *err);
enum status store_search_rebuild(struct store *store, struct error *err);
/* A text as the search keeps it (case_search_text): its searched
 * characters, a space after each; NULL for NULL or without memory
 * (search.c). */
char *store_search_text(const char *text);
/* Whether a query of store_search_query reads case_search3 (three
 * characters or more), not case_search (search.c). */
bool store_search_trigrams(const char *match);
/* The sort key of a name (sortkey.c): bytes whose memcmp order is the
 * zh_CN.UTF-8 collation's (pinyin), whatever the user's locale; malloc'd,
 * NULL without memory. The collation the keys are made with. */
unsigned char *store_sort_key(const char *name, size_t *length);
const char *store_sort_collation(void);
/* Whether key (length bytes) is name's sort key, made once into *buffer
 * (*size bytes, grown as needed; the caller frees it) where store_sort_key
 * makes it twice (its length, then the key); -1 without memory. */
int store_sort_key_is(const char *name, const void *key, size_t length, char **buffer, size_t *size);
/* The enterprises' kept sort keys (enterprises.name_key): one enterprise's
 * made anew from its name (the write path, search.c); all of them, noting
 * the collation in meta (migrate); whether they were made with another
 * collation or C library than this one's, or never. */
enum status store_sort_key_put(struct store *store, const char *id, struct error *err);
enum status store_sort_keys_rebuild(struct store *store, struct error *err);
bool store_sort_keys_stale(struct store *store);
/* The SQL of a page of the case list (list.c), for tests of its plan. */
char *store_case_page_sql(const struct case_query *query, bool keyed, bool backward, size_t limit);
/* store_case_count with a search counted no further than cap + 1 (list.c;
 * store_case_count's cap is STORE_COUNT_CAP). */
enum status store_case_count_upto(struct store *store, const struct case_query *query, long cap, long *count,
				  struct error *err);
/* The ids (first column) a static query with one text parameter returns. */
/* The first column of every row of the prepared, bound stmt (reset after). */
enum status store_ids_of(struct store *store, sqlite3_stmt *stmt, char (**ids)[33], size_t *count, struct error *err);
enum status store_ids(struct store *store, const char *sql, const char *param, char (**ids)[33], size_t *count,
		      struct error *err);
/* A copy of a text column, NULL for SQL NULL. When no memory is left for
 * the copy it is NULL too and *status becomes STATUS_ERR_NOMEM (left as it
 * is otherwise), so a row's columns are copied first and checked once. */
char *store_column_dup(sqlite3_stmt *stmt, int column, enum status *status);
/* The kind's name in messages ("case", "milestone", ...), translated (resolve.c). */
const char *store_kind_noun(enum store_kind kind);
/* The check's number (HB-...-C1) for messages, or its id when it has none. */
const char *store_check_number(struct store *store, const char *id, char out[48]);
/* Refuses a database that others may change: the file, its -wal or -shm,
 * or a folder anyone may write without the sticky bit (share.c). */
enum status store_check_access(const char *path, struct error *err);
/* mkdir -p of the folders holding path, 0700; with a gid other than -1 the
 * ones made here are that group's, 2770 (share.c). */
enum status store_make_folders(const char *path, gid_t gid, struct error *err);
/* Gives the -wal and -shm this process made to a shared database's group. */
void store_share_sidecars(const char *path);

/* Registers the store's SQL functions on db (audit.c): rid_of(id), the
 * id as audit.rid keeps it. An SQLite result code. */
int store_sql_functions(sqlite3 *db);

#endif
