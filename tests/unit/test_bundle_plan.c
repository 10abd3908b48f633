/* Writing a bundle costs what its cases cost, not what the office holds:
 * every statement copying rows from the office reaches them through an
 * index (the meta and users tables, copied whole, aside). */
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
#include "store/bundle_private.h"
#include "store/schema.h"
#include "store/store_private.h"

static void test_copy_plans(void **state)
{
	char dir[] = "/tmp/gradus-bundle-plan.XXXXXX", office[64], bundle[64], sql[256];
	struct date today = { 2026, 11, 28 };
	struct error err = { "" };
	struct store *store = NULL;
	sqlite3 *db = NULL;
	size_t i;
	int v;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(office, sizeof(office), "%s/office.db", dir);
	snprintf(bundle, sizeof(bundle), "%s/bundle.db", dir);
	assert_int_equal(store_open(office, STORE_OPEN_OR_CREATE, "admin", today, &store, &err), STATUS_OK);
	assert_int_equal(sqlite3_open(bundle, &db), SQLITE_OK);
	for (v = 1; v <= schema_latest_version(); v++)
		assert_int_equal(sqlite3_exec(db, schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof(sql), "ATTACH '%s' AS office; CREATE TEMP TABLE keep (id TEXT PRIMARY KEY)", office);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; bundle_copy_statement(i); i++) {
		char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", bundle_copy_statement(i)), plan[2048] = "";
		sqlite3_stmt *stmt = NULL;
		size_t used = 0;

		assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL), SQLITE_OK);
		sqlite3_free(explain);
		while (sqlite3_step(stmt) == SQLITE_ROW && used < sizeof(plan))
			used += (size_t)snprintf(plan + used, sizeof(plan) - used, "%s\n",
						 (const char *)sqlite3_column_text(stmt, 3));
		sqlite3_finalize(stmt);
		if (strstr(plan, "SCAN office.") && !strstr(plan, "SCAN office.meta\n") && !strstr(plan, "SCAN office.users\n"))
			fail_msg("a full scan of an office table:\n%s\n%s", bundle_copy_statement(i), plan);
	}
	assert_true(i > 30);
	sqlite3_close(db);
	store_close(&store);
	unit_db_remove(office);
	unit_db_remove(bundle);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_plans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
