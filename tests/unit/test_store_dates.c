/* Unit tests of the store's own date check (src/store/write.c): whatever
 * path writes a field named *_on, a value that is not a day of the calendar
 * is refused before anything is written; an empty or NULL one is let by. */
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
#include "store/store_private.h"
#include "gradus/store/store.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

struct fixture {
	char dir[64], path[96];
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct error err = { "" };

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s", "/tmp/gradus-store-dates.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	if (store_open(f->path, STORE_OPEN_OR_CREATE, "tester", (struct date){ 2026, 11, 28 }, &f->store, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->store);
	unit_db_remove(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static long audit_rows(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long rows = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM audit", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		rows = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return rows;
}

static void test_bad_dates_refused(void **state)
{
	static const struct {
		const char *table, *field, *value, *message;
	} cases[] = {
		{ "findings", "due_on", "0000-00-00",
		  "findings.due_on: 0000-00-00: year 0 is not 1-9999; expected YYYY-MM-DD" },
		{ "milestones", "due_on", "2026-02-30",
		  "milestones.due_on: 2026-02-30: February 2026 has 28 days; expected YYYY-MM-DD" },
		{ "case_materials", "received_on", "2026-13-01",
		  "case_materials.received_on: 2026-13-01: month 13 is not 1-12; expected YYYY-MM-DD" },
		{ "panels", "meeting_on", "2025-02-29",
		  "panels.meeting_on: 2025-02-29: February 2025 has 28 days; expected YYYY-MM-DD" },
		{ "cases", "commitment_on", "soon", "cases.commitment_on: soon: expected YYYY-MM-DD" },
	};
	struct fixture *f = *state;
	long before = audit_rows(f->path);
	size_t i;

	for (i = 0; i < COUNT(cases); i++) {
		struct field_value field = { cases[i].field, cases[i].value };
		struct error err = { "" };

		assert_int_equal(store_insert(f->store, cases[i].table, "0123456789abcdef0123456789abcdef", &field, 1,
					      &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
		err.message[0] = '\0';
		assert_int_equal(store_update(f->store, cases[i].table, "0123456789abcdef0123456789abcdef",
					      cases[i].field, cases[i].value, &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
	}
	assert_int_equal(audit_rows(f->path), before);
}

/* A real day, an empty value and NULL pass the date check (what follows
 * may still refuse them: here there is no such row). */
static void test_good_dates_pass(void **state)
{
	static const char *const values[] = { "2024-02-29", "9999-12-31", "", NULL };
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < COUNT(values); i++) {
		struct error err = { "" };

		store_update(f->store, "findings", "0123456789abcdef0123456789abcdef", "due_on", values[i], &err);
		assert_null(strstr(err.message, "YYYY-MM-DD"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_dates_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_good_dates_pass, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
