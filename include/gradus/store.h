/* The database: open or create, migrations, the one write path with its
 * audit hash chain, and the queries the screens and commands need. */
#ifndef GRADUS_STORE_H
#define GRADUS_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/dates.h"
#include "gradus/status.h"

struct store;

enum store_mode {
	STORE_OPEN_EXISTING, /* fail when the file does not exist */
	STORE_OPEN_OR_CREATE,
};

/* Opens path (WAL, foreign keys, busy timeout), applies pending migrations in
 * one transaction, and makes the operating-system user `actor` known (the
 * first user of a new database is admin). today is the clock for records. */
enum status store_open(const char *path, enum store_mode mode, const char *actor,
		       struct date today, struct store **out, struct error *err);
void store_close(struct store **store);

/* $XDG_DATA_HOME/gradus/gradus.db (or ~/.local/share/...); caller frees. */
char *store_default_path(void);

const char *store_actor(const struct store *store);
const char *store_role(const struct store *store); /* "" when the user has none */
const char *store_path(const struct store *store);
bool store_read_only(const struct store *store);
struct date store_today(const struct store *store);
int store_schema_version(const struct store *store);
bool store_is_empty(struct store *store);

/* A random 128-bit id as 32 lower-case hex characters. */
enum status store_new_id(char out[33]);

/* The one write path. Every mutation goes through store_insert/store_update,
 * inside a transaction (begun here when the caller has none), and appends one
 * audit row per field to the hash chain. Table and field names are checked
 * against the schema; values are bound, never spliced into SQL. A NULL value
 * is SQL NULL. */
struct field_value {
	const char *name;
	const char *value;
};

enum status store_begin(struct store *store, struct error *err);
enum status store_commit(struct store *store, struct error *err);
void store_rollback(struct store *store);

enum status store_insert(struct store *store, const char *table, const char *id,
			 const struct field_value *fields, size_t count, struct error *err);
enum status store_update(struct store *store, const char *table, const char *id,
			 const char *field, const char *value, struct error *err);

/* Recomputes the audit chain; on a break err names the first bad row. */
enum status store_verify(struct store *store, long *rows, char head[65], struct error *err);

/* One row of the case list, all strings owned by the store until the next
 * call that fills rows. */
struct case_row {
	char *id, *number, *enterprise, *credit_code, *factory, *region, *level, *state;
	int year;
	char *next_due;  /* next deadline (YYYY-MM-DD) or NULL */
};

/* Keyset pagination over cases sorted by number: up to limit rows after
 * (forward) or before (backward) the key, the key's own row included when
 * inclusive; key NULL = from the start (forward) or the end (backward).
 * Rows come back in list order. */
enum store_direction { STORE_FORWARD, STORE_BACKWARD };
enum status store_case_page(struct store *store, const char *key, bool inclusive,
			    enum store_direction direction, size_t limit,
			    struct case_row *rows, size_t *count, struct error *err);
void case_rows_clear(struct case_row *rows, size_t count);
long store_case_count(struct store *store);

/* One case with its timeline, for the case screen and `case show`. */
struct case_event {
	char *step, *from_state, *to_state, *kind, *actor, *on_date, *note;
};

struct case_detail {
	struct case_row row;
	char *factory_address, *industry, *contact, *commitment_on;
	char *applied_by, *applied_on, *recommended_by, *recommended_on, *certified_by, *certified_on;
	char *expires_on, *cultivation_starts_on, *note;
	int maturity_centi;   /* -1 when not assessed */
	int maturity_level;
	int scenarios[40];
	size_t scenario_count;
	struct case_event *events;
	size_t event_count;
};

/* key: the case id or its number. */
enum status store_case_detail(struct store *store, const char *key, struct case_detail *out, struct error *err);
void case_detail_clear(struct case_detail *detail);

/* Raw handle for modules of store/ only. */
struct sqlite3 *store_db(struct store *store);

#endif
