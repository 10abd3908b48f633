/* Unit tests of store_verify on a new database: untouched it reports
 * nothing; each edit made with another SQLite connection is reported once,
 * by name, and counted in the error; the same index made again with other
 * white space is no problem; several edits are all reported, not only the
 * first; the audit chain is read in one pass: 54 cases more, each
 * updated, add no statement a record and at most one a case (the row an
 * update is checked against, read by its id). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testkit.h"
#include "gradus/core/uscc.h"
#include "gradus/store/authority.h"
#include "gradus/store/cases.h"
#include "gradus/store/store.h"
#include "store/store_private.h"

static const struct date today = { 2026, 11, 28 };
static char path[64];

struct found {
	int count;
	char text[4096];
};

static void collect(void *context, const char *message)
{
	struct found *f = context;
	size_t used = strlen(f->text);

	f->count++;
	snprintf(f->text + used, sizeof(f->text) - used, "%s\n", message);
}

static void remove_database(void)
{
	unit_db_remove(path);
}

/* A new database, edited by sql (NULL: not at all), verified. */
static enum status verify_after(const char *sql, struct found *f, struct error *err)
{
	struct store *store = NULL;
	enum status status;
	char head[65];
	sqlite3 *db;
	long rows;

	remove_database();
	memset(f, 0, sizeof(*f));
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "root-admin", today, &store, err), STATUS_OK);
	store_close(&store);
	if (sql) {
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		sqlite3_close(db);
	}
	assert_int_equal(store_open(path, STORE_OPEN_EXISTING, "root-admin", today, &store, err), STATUS_OK);
	status = store_verify(store, &rows, head, collect, f, err);
	store_close(&store);
	return status;
}

static void untouched_passes(void **state)
{
	struct error err = { "" };
	struct found f;

	(void)state;
	assert_int_equal(verify_after(NULL, &f, &err), STATUS_OK);
	assert_int_equal(f.count, 0);
}

static void each_edit_is_named(void **state)
{
	static const struct {
		const char *sql, *named;
	} edits[] = {
		{ "CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END", "trigger t (on users) is not one gradus makes" },
		{ "CREATE VIEW v AS SELECT 1", "view v (on v) is not one gradus makes" },
		{ "CREATE TABLE x (y)", "table x (on x) is not one gradus makes" },
		{ "CREATE INDEX users_name ON users (name)", "index users_name (on users) is not one gradus makes" },
		{ "ALTER TABLE users ADD COLUMN password TEXT", "table users has a column password that gradus does not make" },
		{ "ALTER TABLE cases DROP COLUMN note", "table cases lacks its column note" },
		{ "DROP INDEX checks_number", "index checks_number is missing" },
		{ "DROP INDEX cases_level; CREATE INDEX cases_level ON cases (level, state)",
		  "index cases_level differs from the one gradus makes" },
		{ "UPDATE meta SET value = 'x' WHERE key = 'database_id'", "meta database_id: field value holds \"x\"" },
		{ "DELETE FROM meta WHERE key = 'database_id'", "the database has no database_id" },
		{ "CREATE TABLE bundle_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
		  "the manifest does not match its own hash" },
	};
	struct error err = { "" };
	struct found f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		assert_int_equal(verify_after(edits[i].sql, &f, &err), STATUS_ERR_CORRUPT);
		if (!strstr(f.text, edits[i].named))
			fail_msg("%s: expected \"%s\" in:\n%s", edits[i].sql, edits[i].named, f.text);
		assert_says(err.message, "found: the file was changed outside gradus");
	}
}

static void white_space_is_no_change(void **state)
{
	struct error err = { "" };
	struct found f;

	(void)state;
	assert_int_equal(verify_after("DROP INDEX cases_level; CREATE INDEX cases_level ON   cases (level,\n\tnumber)", &f,
				      &err),
			 STATUS_OK);
	assert_int_equal(f.count, 0);
}

static void every_problem_is_reported(void **state)
{
	struct error err = { "" };
	struct found f;

	(void)state;
	assert_int_equal(verify_after("CREATE VIEW v AS SELECT 1; CREATE TABLE x (y); DROP INDEX checks_number", &f, &err),
			 STATUS_ERR_CORRUPT);
	assert_int_equal(f.count, 3);
	assert_says(err.message, "3 problems found");
}

/* Cases from..to, each with a note set and its scenarios changed (an
 * update a record, so rows are rewound through their records). */
static void add_cases(struct store *store, struct forms *forms, long from, long to)
{
	int scenarios[] = { 1, 5 }, fewer[] = { 5 };
	char code[USCC_LENGTH + 1], name[64], id[33], number[32];
	struct error err = { "" };
	struct new_case in;
	long i;

	for (i = from; i < to; i++) {
		testkit_new_case(&in, "basic");
		testkit_credit_code("420100", (unsigned long)i * 7919 + 11, code);
		snprintf(name, sizeof(name), "校验%ld有限公司", i);
		in.enterprise_name = in.factory_name = name;
		in.credit_code = code;
		in.scenarios = scenarios;
		in.scenario_count = 2;
		if (case_create(store, forms, &in, id, number, NULL, &err) ||
		    case_set_field(store, forms, number, "note", "复核", NULL, &err) ||
		    case_set_scenarios(store, number, fewer, 1, NULL, &err))
			fail_msg("case %ld: %s", i, err.message);
	}
}

/* The statements gradus starts; not FTS5's own (its integrity-check reads
 * each row's size with a statement of its own, inside SQLite). */
static int record_ours(unsigned type, void *context, void *statement, void *unused)
{
	const char *sql = sqlite3_sql(statement);

	return sql && (strstr(sql, "'main'.'case_search_") || strstr(sql, "'main'.'case_search3_")) ? 0 : testkit_record(type, context, statement, unused);
}

/* How many statements a verify of the store started; fails on a problem. */
static size_t verify_runs(struct store *store, long *records)
{
	static struct testkit_statements seen;
	struct error err = { "" };
	struct found f = { 0 };
	char head[65];
	size_t runs;

	seen.runs = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record_ours, &seen);
	if (store_verify(store, records, head, collect, &f, &err))
		fail_msg("%s\n%s", err.message, f.text);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	runs = seen.runs;
	testkit_statements_clear(&seen);
	return runs;
}

static void chain_in_one_pass(void **state)
{
	struct forms *forms = testkit_fresh(path, sizeof(path), "verify");
	struct store *store = testkit_open(path, "root-admin");
	long few, many;
	size_t runs_few, runs_many;

	(void)state;
	authority_use_forms(store, forms);
	add_cases(store, forms, 0, 6);
	runs_few = verify_runs(store, &few);
	add_cases(store, forms, 6, 60);
	runs_many = verify_runs(store, &many);
	if (many < few + 54 * 4)
		fail_msg("54 more cases made %ld audit records, not %d or more", many - few, 54 * 4);
	if (runs_many > runs_few + 54)
		fail_msg("verify ran %zu statements for %ld audit records and %zu for %ld: more than one a row updated",
			 runs_few, few, runs_many, many);
	testkit_done(&store, &forms, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(untouched_passes),
		cmocka_unit_test(each_edit_is_named),
		cmocka_unit_test(white_space_is_no_change),
		cmocka_unit_test(every_problem_is_reported),
		cmocka_unit_test(chain_in_one_pass),
	};
	int failed;

	testkit_db_path(path, sizeof(path), "verify");
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	remove_database();
	return failed;
}
