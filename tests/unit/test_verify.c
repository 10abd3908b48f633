/* Unit tests of store_verify on a new database: untouched it reports
 * nothing; each edit made with another SQLite connection is reported once,
 * by name, and counted in the error; the same index made again with other
 * white space is no problem; several edits are all reported, not only the
 * first. */
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
#include "gradus/store/store.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(untouched_passes),
		cmocka_unit_test(each_edit_is_named),
		cmocka_unit_test(white_space_is_no_change),
		cmocka_unit_test(every_problem_is_reported),
	};
	int failed;

	testkit_db_path(path, sizeof(path), "verify");
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	remove_database();
	return failed;
}
