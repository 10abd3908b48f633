/* Unit tests of the sweep (src/store/steps.c): a leading cultivation whose
 * end has passed with no acceptance application is counted lapsed the day
 * after its end, not on it; an expired certification is counted as before;
 * the query the sweep runs at every command reads the partial indexes of
 * what may have lapsed, not every overdue case; and a sweep writes in one transaction, reading
 * each case it changes once (and once more for its next due date). */
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
#include "gradus/store/cases.h"
#include "store/cases_private.h"
#include "store/store_private.h"

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

/* The sweep runs at every command: its query reads the two partial
 * indexes of what may have lapsed (live certifications by expiry, live
 * uncertified cultivations by state and start), never cases_next_due
 * (every overdue case's row: 2,868 reads at 100,000 cases) and never a
 * scan of cases. */
static void query_reads_what_may_have_lapsed(void **state)
{
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", case_sweep_sql());
	sqlite3_stmt *stmt;
	sqlite3 *db;
	int expiry = 0, cultivation = 0;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(stmt, 3);

		if (!strncmp(detail, "SCAN cases", 10) || strstr(detail, "cases_next_due"))
			fail_msg("the sweep reads every overdue case: %s", detail);
		expiry += strstr(detail, "USING INDEX cases_expiry (expires_on<?)") != NULL;
		cultivation += strstr(detail, "USING INDEX cases_cultivation_start (state=? AND cultivation_starts_on<?)") != NULL;
	}
	assert_int_equal(expiry, 1);
	assert_int_equal(cultivation, 1);
	sqlite3_finalize(stmt);
	sqlite3_free(sql);
	sqlite3_close(db);
}

static size_t begins, reads;

static int count_statements(unsigned type, void *context, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)context;
	(void)x;
	begins += sql && !strncmp(sql, "BEGIN", 5);
	reads += sql && !strncmp(sql, "SELECT c.id, c.number, e.name", 29); /* a case's detail */
	return 0;
}

static void sweeps_in_one_transaction(void **state)
{
	static const char *const codes[] = { "91420100MA4K00001A", "91420100MA4K00002B", "91420100MA4K00003C",
					     "91420100MA4K00004D", "91420100MA4K00005E", NULL };
	struct sweep_counts c = { 0, 0 };
	struct error err = { "" };
	char code[USCC_LENGTH + 1], name[64];
	size_t i, swept;

	(void)state;
	for (i = 0; codes[i]; i++) { /* certified in 2020, lapsed by any clock that runs the tests */
		snprintf(code, sizeof(code), "%.17s", codes[i]);
		code[17] = uscc_check_character(code);
		snprintf(name, sizeof(name), "荆州过期%zu有限公司", i);
		add_case(name, code, "excellent", "2020-03-05", NULL);
	}
	begins = reads = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, count_statements, NULL);
	assert_int_equal(case_sweep(store, forms, &c, &err), STATUS_OK);
	swept = c.cancelled + c.lapsed;
	printf("%zu swept in %zu transaction(s), %zu reads of a case\n", swept, begins, reads);
	assert_true(c.cancelled >= 5);
	assert_int_equal(begins, 1);
	assert_true(reads <= 2 * swept + 1);
	begins = reads = 0; /* nothing left: a read, and no transaction */
	assert_int_equal(case_sweep(store, forms, &c, &err), STATUS_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	assert_int_equal(c.cancelled + c.lapsed, 0);
	assert_int_equal(begins, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lapses_the_day_after),
		cmocka_unit_test(query_reads_what_may_have_lapsed),
		cmocka_unit_test(sweeps_in_one_transaction),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
