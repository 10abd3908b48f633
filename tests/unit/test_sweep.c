/* Unit tests of the sweep (src/store/steps.c): a leading cultivation whose
 * end has passed with no acceptance application is counted lapsed the day
 * after its end, not on it; an expired certification is counted as before;
 * and the query the sweep runs at every command searches cases_next_due,
 * never scans every case. */
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
#include "gradus/cases.h"
#include "../../src/store/cases_private.h"

static char path[64];
static struct forms *forms;
static struct store *store;

static int setup(void **state)
{
	(void)state;
	testkit_db_path(path, sizeof(path), "sweep");
	unit_db_remove(path);
	forms = testkit_forms();
	store = testkit_open(path, "boss");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testkit_done(&store, &forms, path);
	return 0;
}

static void add_case(const char *name, const char *uscc, const char *level, const char *certified_on,
		     const char *cultivation_starts_on)
{
	struct new_case in = { .enterprise_name = name, .credit_code = uscc, .region = "wuhan", .level = level,
			       .year = 2024, .maturity_centi = -1, .certified_on = certified_on,
			       .cultivation_starts_on = cultivation_starts_on };
	char id[33], number[32];
	struct error err;

	assert_int_equal(case_create(store, forms, &in, id, number, NULL, &err), STATUS_OK);
}

static struct sweep_counts preview(struct date on)
{
	struct sweep_counts counts = { 99, 99 };
	struct error err;

	assert_int_equal(case_sweep_preview(store, forms, on, &counts, &err), STATUS_OK);
	return counts;
}

/* Cultivation 2024-07-24 .. 2026-07-24, certification valid through 2027-07-24. */
static void lapses_the_day_after(void **state)
{
	struct sweep_counts c;

	(void)state;
	add_case("武汉培育期测试有限公司", "91420100MA4KXXXX0D", "leading", NULL, "2024-07-24");
	add_case("襄阳有效期测试有限公司", "91420100MA4K12345K", "excellent", "2024-07-24", NULL);
	c = preview((struct date){ 2026, 7, 24 });
	assert_int_equal(c.lapsed, 0);
	assert_int_equal(c.cancelled, 0);
	c = preview((struct date){ 2026, 7, 25 });
	assert_int_equal(c.lapsed, 1);
	assert_int_equal(c.cancelled, 0);
	c = preview((struct date){ 2027, 7, 24 });
	assert_int_equal(c.cancelled, 0);
	c = preview((struct date){ 2027, 7, 25 });
	assert_int_equal(c.lapsed, 1);
	assert_int_equal(c.cancelled, 1);
}

/* The sweep runs at every command: its query searches the next_due index. */
static void query_searches_next_due(void **state)
{
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", case_sweep_sql());
	sqlite3_stmt *stmt;
	sqlite3 *db;
	int searches = 0;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(stmt, 3);

		if (!strncmp(detail, "SCAN", 4))
			fail_msg("a full scan in the sweep: %s", detail);
		searches += strstr(detail, "cases_next_due") != NULL;
	}
	assert_int_equal(searches, 1);
	sqlite3_finalize(stmt);
	sqlite3_free(sql);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lapses_the_day_after),
		cmocka_unit_test(query_searches_next_due),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
