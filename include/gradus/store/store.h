/* The database: open or create, migrations, the one write path with its
 * audit hash chain, and the queries the screens and commands need. */
#ifndef GRADUS_STORE_H
#define GRADUS_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/text/status.h"

struct store;

enum store_mode {
	STORE_OPEN_EXISTING, /* fail when the file does not exist */
	STORE_OPEN_OR_CREATE,
};

/* Opens path (WAL, foreign keys, busy timeout), applies pending migrations in
 * one transaction, and makes the operating-system user `actor` known (the
 * first user of a new database is admin). actor NULL: a uid with no account
 * in the password database, who may read but not write. today is the
 * business date ("as of": what is shown, the default date of what is typed
 * in); records are stamped, and certifications swept, by the system clock. */
enum status store_open(const char *path, enum store_mode mode, const char *actor,
		       struct date today, struct store **out, struct error *err);
void store_close(struct store **store);

/* Shares the database at path with an office's group: folders made for it
 * are the group's (2770, setgid), the file, made empty if missing, and its
 * -wal and -shm are the group's, 0660. Only the owner (or root) may, and
 * only for a group they are in. Then open it with store_open. */
enum status store_share(const char *path, const char *group, struct error *err);

/* $XDG_DATA_HOME/gradus/gradus.db (or ~/.local/share/...); caller frees. */
char *store_default_path(void);

const char *store_actor(const struct store *store);
const char *store_role(const struct store *store); /* "" when the user has none */
const char *store_path(const struct store *store);
bool store_read_only(const struct store *store);
/* Neither read-only nor opened by a uid with no account. */
bool store_may_write(const struct store *store);
struct date store_today(const struct store *store);
int store_schema_version(const struct store *store);
/* Whether the database holds no case (an error when it cannot be read). */
enum status store_is_empty(struct store *store, bool *empty, struct error *err);

/* The record a user named, by one rule for every kind: its number (a
 * case's, check's or panel's) or code (an expert's) in any case, an
 * expert's exact name, or its id or the start of its id, STORE_PREFIX_MIN
 * characters or more, that no other record of the kind shares. Not found,
 * or named ambiguously, is an error that says so; a failed read is the
 * read's error. */
enum store_kind {
	STORE_CASE, STORE_CHECK, STORE_PANEL, STORE_EXPERT, STORE_FINDING, STORE_MILESTONE, STORE_SESSION,
	STORE_FOLLOWUP, STORE_CONFLICT, STORE_KIND_COUNT
};
#define STORE_PREFIX_MIN 6
enum status store_resolve(struct store *store, enum store_kind kind, const char *typed, char id[33],
			  struct error *err);

/* Every write goes through the store's one write path, private to store/
 * (src/store/store_private.h): other layers call the named operations of
 * cases.h, checks.h, ... */

/* Users and roles: admin only. role: admin clerk inspector secretary. */
enum status store_user_add(struct store *store, const char *login, const char *role, struct error *err);
struct user_row {
	char *login, *role, *created_at;
};
enum status store_users(struct store *store, struct user_row **rows, size_t *count, struct error *err);
void user_rows_free(struct user_row *rows, size_t count);

/* The history of a case: every audit record of the case, its events,
 * declared scenarios, materials, factory and enterprise, oldest first, a
 * field a row (seq: its record's; a record made lists the values it was
 * made with). */
struct history_row {
	long long seq;
	char *at, *actor, *table, *row_id, *field, *old, *new;
};
enum status store_case_history(struct store *store, const char *case_key, struct history_row **rows,
			       size_t *count, struct error *err);
void history_rows_free(struct history_row *rows, size_t count);

/* Everything verify can see (verify.c): the audit chain; every row of every
 * table against its audit records; the schema against the one the
 * migrations make; the derived values (a case's region, the search index,
 * the sort keys, the database's id) against their sources; every stored
 * file against its SHA-256; every signature against the content it signed,
 * as it is now; SQLite's integrity check. Whether the file is a bundle is
 * decided by its manifest agreeing with itself and with the database's id.
 * Each problem found is passed to problem (translated, naming the table,
 * the row or case and the field); then STATUS_ERR_CORRUPT with a count in
 * err. Another status is a failure to read. */
typedef void store_verify_problem(void *context, const char *message);
enum status store_verify(struct store *store, long *rows, char head[65], store_verify_problem *problem,
			 void *context, struct error *err);
/* A consistent copy of the whole database at path (which must not exist)
 * while other users write: SQLite's backup API over one snapshot, written
 * in a private folder beside path and renamed once whole (mode 0600;
 * safe_file.h). */
enum status store_backup(struct store *store, const char *path, struct error *err);

/* The hash of the audit chain's last row ("" while the chain is empty). */
enum status store_audit_head(struct store *store, char head[65], struct error *err);

/* The FTS5 query for what a user typed: its letters, digits and ideographs
 * (so "武" and "武汉" match inside names), as the phrase of each one a
 * token, or, three or more, as one string of the trigram index. NULL when
 * nothing searchable was typed (or no memory); caller frees. */
char *store_search_query(const char *text);

/* One row of the case list, all strings owned by the store until the next
 * call that fills rows. */
struct case_row {
	char *id, *number, *enterprise, *credit_code, *factory, *region, *level, *state;
	int year;
	char *next_due;  /* next deadline (YYYY-MM-DD) or NULL */
	char *block;     /* a list page's row: its texts in this one allocation; NULL: each its own */
};

/* Which cases the list shows and in which order. A zeroed struct (or NULL)
 * is every case by number. */
enum case_sort { SORT_NUMBER, SORT_ENTERPRISE, SORT_REGION, SORT_LEVEL, SORT_YEAR, SORT_STATE, SORT_DUE, SORT_COUNT };
struct case_query {
	const char *match;        /* from store_search_query, or NULL */
	enum case_sort sort;
	bool descending;
	const char *level, *state, *region; /* keys, or NULL */
	int year;                 /* 0: any */
	int due_within;           /* > 0: a deadline within this many days of today (overdue ones too) */
	bool overdue;             /* a deadline before today */
	const char *scenarios;    /* JSON array of scenario ids: cases declaring any of them, or NULL */
	const char *stage;        /* the stage whose scenarios those are (its count is kept), or NULL */
	struct date today;
	long total;               /* store_case_count's answer when the caller has it (the list's title), or 0 */
};
/* The sort keys by name ("number", "enterprise", ...), for commands and the state file. */
const char *store_sort_name(enum case_sort sort);
bool store_sort_parse(const char *name, enum case_sort *sort);

/* Keyset pagination in the query's order: up to limit rows after (forward)
 * or before (backward) the case numbered key, that case included when
 * inclusive; key NULL = from the start (forward) or the end (backward).
 * Memory and time per page do not grow with the number of cases (but for
 * sorts on the enterprise's columns, which sort the matching rows). Rows come
 * back in list order. */
enum store_direction { STORE_FORWARD, STORE_BACKWARD };
enum status store_case_page(struct store *store, const struct case_query *query, const char *key, bool inclusive,
			    enum store_direction direction, size_t limit,
			    struct case_row *rows, size_t *count, struct error *err);
void case_rows_clear(struct case_row *rows, size_t count);
/* How many cases the query matches (an error, never 0, when it cannot be
 * read). A search is counted no further than STORE_COUNT_CAP + 1: more than
 * STORE_COUNT_CAP is all it says of a term in most cases (a full count of a
 * term in each of 100,000 cases reads 100,000 matches, 20 ms). */
#define STORE_COUNT_CAP 10000
enum status store_case_count(struct store *store, const struct case_query *query, long *count, struct error *err);

/* One case with its timeline, for the case screen and `case show`. */
struct case_event {
	char *step, *from_state, *to_state, *kind, *actor, *on_date, *note;
	char *document; /* the issuing document's number (文号), or NULL */
	char *unmet;    /* preconditions overridden (codes, see case_unmet_text), or NULL */
	char *override; /* the admin's reason for taking it anyway, or NULL */
};

struct case_material {
	char *key, *received_on; /* received_on NULL: missing */
};

struct case_detail {
	struct case_row row;
	char *factory_address, *industry, *contact, *commitment_on;
	char *applied_by, *applied_on, *recommended_by, *recommended_on, *certified_by, *certified_on;
	char *expires_on, *cultivation_starts_on, *note;
	int maturity_centi;   /* -1 when not assessed */
	int maturity_level;
	int *scenarios;       /* the declared ones, ascending */
	size_t scenario_count;
	struct case_event *events;
	size_t event_count;
	struct case_material *materials; /* rows recorded for the case */
	size_t material_count;
};

/* key: the case id or its number. */
enum status store_case_detail(struct store *store, const char *key, struct case_detail *out, struct error *err);
void case_detail_clear(struct case_detail *detail);

/* The dashboard's figures: cases by level and state, by region, deadlines
 * due by the month's end (overdue ones included) and overdue, and for each
 * scenario the cases that declare it. */
struct count_row {
	char key[40], sub[40];
	long count;
};
struct dashboard_data {
	struct count_row *level_state;  /* key level, sub state */
	size_t level_state_count;
	struct count_row *regions;      /* most cases first */
	size_t region_count;
	long due_this_month, overdue, cases;
	long *scenario_cases;           /* [n]: cases declaring scenario n, n < scenario_slots */
	size_t scenario_slots;          /* highest scenario declared, plus one (0: none) */
};
enum status store_dashboard(struct store *store, struct date today, struct dashboard_data *out, struct error *err);
void dashboard_data_free(struct dashboard_data *data);

#endif
