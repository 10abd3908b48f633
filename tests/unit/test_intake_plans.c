/* The plans of intake: every statement an import of cases runs, recorded
 * as it runs with sqlite3_trace_v2 (so the list is the code's own, not a
 * copy), is shown with EXPLAIN QUERY PLAN on an office of a few hundred
 * cases, and fails when it scans a table of the office or reaches cases
 * through an index whose entries grow with the office (a level, a year, a
 * state, a region, a due date) or a range of one (every number of a
 * series) instead of through the row's own keys: its credit code, its
 * factory, its number. Without statistics (the office
 * runs no ANALYZE), as SQLite plans them in the field. */
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
#include "gradus/store/exchange.h"
#include "store/store_private.h"

#define OFFICE 300


/* Indexes on a column shared by a share of the office: a search through
 * one of them walks a number of entries that grows with the office. */
static const char *const growing[] = {
	"cases_level", "cases_state", "cases_year", "cases_due", "cases_region", "cases_next_due",
	"enterprises_region", "enterprises_region_name_key", "audit_value", NULL,
};

static void import_text(struct store *store, char *text)
{
	struct import_options options = { 0 };
	struct import_summary s;
	struct error err = { "" };

	if (import_csv(store, testkit_group.forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &options, &s, &err))
		fail_msg("%s", err.message);
	import_summary_clear(&s);
	free(text);
}

/* A wrong line of a plan: a scan, a range of an index, or a search of a
 * growing table by something else than its key. */
static bool wrong_for_intake(const char *line, const void *context)
{
	const char *vindex = strstr(line, "VIRTUAL TABLE INDEX ");
	/* a virtual table (the search index) is scanned through its own index: by a constraint */
	bool by_constraint = vindex && strchr(vindex, ':') && strchr(vindex, ':')[1];
	bool wrong = !strncmp(line, "SCAN ", 5) && strncmp(line, "SCAN (subquery", 14) &&
		     strncmp(line, "SCAN CONSTANT", 13) && !by_constraint;
	const char *keys = strchr(line, '(');
	size_t i;

	(void)context;
	/* a range of an index (all numbers of a series, say) is a walk, but in the search indexes' own tables */
	if (!strncmp(line, "SEARCH ", 7) && keys && (strstr(keys, ">?") || strstr(keys, "<?")) &&
	    !strstr(line, "case_search_") && !strstr(line, "case_search3_"))
		wrong = true;
	for (i = 0; growing[i] && !wrong; i++) {
		const char *at = strstr(line, growing[i]);

		wrong = at && at[strlen(growing[i])] == ' ';
	}
	return wrong;
}

static void intake_uses_the_rows_own_keys(void **state)
{
	struct store *store = NULL;
	size_t i, statements = 0;
	int bad = 0;

	(void)state;
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	import_text(store, testkit_sheet(0, OFFICE, 0));
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, testkit_record, &testkit_group.seen);
	import_text(store, testkit_sheet(OFFICE - 20, OFFICE + 20, 0)); /* 20 matched, 20 new */
	import_text(store, testkit_sheet(0, 20, 2031));                 /* new cases of enterprises already here */
	{ /* the intake form's look-up of a recorded enterprise */
		struct recorded_enterprise r;
		struct error err = { "" };
		char code[USCC_LENGTH + 1];
		bool found = false;

		testkit_credit_code("420100", 11, code);
		assert_int_equal(case_recorded_enterprise(store, code, "企业0有限公司", &r, &found, &err), STATUS_OK);
		assert_true(found);
		assert_string_equal(r.region, "wuhan");
		assert_string_equal(r.factory, "企业0有限公司"); /* its one factory, applied for again */
		case_recorded_enterprise_clear(&r);
	}
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	for (i = 0; i < testkit_group.seen.count; i++)
		if (testkit_statement_of_rows(testkit_group.seen.sql[i])) {
			bad += testkit_plan_check(store->db, testkit_group.seen.sql[i], "", wrong_for_intake, NULL, false);
			statements++;
		}
	printf("%zu statements, %d plan lines that grow with the office\n", statements, bad);
	assert_true(statements > 10);
	assert_int_equal(bad, 0);
	store_close(&store);
}

static void number_of(struct store *store, long i, char number[32])
{
	char code[USCC_LENGTH + 1], name[64], id[33];
	struct new_case in = { 0 };
	struct error err = { "" };

	testkit_credit_code("420100", (unsigned long)i, code);
	snprintf(name, sizeof(name), "编号%ld有限公司", i);
	in.enterprise_name = name;
	in.credit_code = code;
	in.region = "wuhan";
	in.factory_name = name;
	in.level = "basic";
	in.year = 2030;
	in.maturity_centi = -1;
	if (case_create(store, testkit_group.forms, &in, id, number, NULL, &err))
		fail_msg("%s", err.message);
}

/* The series index orders digits by length, then value: 10000 follows 9999. */
static void numbers_follow_the_highest(void **state)
{
	struct store *store = NULL;
	char number[32];

	(void)state;
	unit_db_remove(testkit_group.path);
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	number_of(store, 1, number);
	assert_string_equal(number, "HB-2030-BAS-0001");
	number_of(store, 2, number);
	assert_string_equal(number, "HB-2030-BAS-0002");
	assert_int_equal(sqlite3_exec(store->db, "UPDATE cases SET number = 'HB-2030-BAS-9999'"
				      " WHERE number = 'HB-2030-BAS-0001'", NULL, NULL, NULL), SQLITE_OK);
	number_of(store, 3, number);
	assert_string_equal(number, "HB-2030-BAS-10000");
	number_of(store, 4, number);
	assert_string_equal(number, "HB-2030-BAS-10001");
	number_of(store, 5, number);
	assert_string_equal(number, "HB-2030-BAS-10002");
	store_close(&store);
}

static size_t savepoints;

static int count_savepoints(unsigned type, void *context, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)context;
	(void)x;
	savepoints += sql && !strncmp(sql, "SAVEPOINT", 9);
	return 0;
}

/* An import is kept or undone as a whole: its rows' writes take no
 * savepoint (each would have SQLite journal every page it changes once
 * more), and a write undone inside it leaves nothing of the transaction. */
static void an_import_is_one_whole(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	char number[32];
	sqlite3_stmt *stmt;
	int cases;

	(void)state;
	unit_db_remove(testkit_group.path);
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_OR_CREATE, "boss", TESTKIT_TODAY, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	savepoints = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, count_savepoints, NULL);
	import_text(store, testkit_sheet(0, 30, 0));
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	assert_int_equal(savepoints, 0);

	assert_int_equal(store_begin_whole(store, &err), STATUS_OK);
	number_of(store, 1000, number);              /* written */
	assert_int_equal(store_begin(store, &err), STATUS_OK);
	store_rollback(store);                       /* a part that failed */
	assert_int_not_equal(store_commit(store, &err), STATUS_OK);
	assert_int_equal(sqlite3_prepare_v2(store->db, "SELECT count(*) FROM cases", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	cases = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	assert_int_equal(cases, 30);
	number_of(store, 1001, number);              /* the next transaction is an ordinary one */
	store_close(&store);
}

/* An import prepares each insert once, not once a row (preparing was a
 * fifth of an import's work): after 40 new cases, one statement inserts
 * into each of the case's tables, still prepared, and it ran for every row
 * (SQLite counts a run of each trigger too: cases has one). */
static void an_import_prepares_its_inserts_once(void **state)
{
	static const char *const tables[] = { "enterprises", "factories", "cases", NULL };
	struct store *store = NULL;
	sqlite3_stmt *stmt;
	char prefix[64];
	int runs, statements;
	size_t i;

	(void)state;
	unit_db_remove(testkit_group.path);
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	import_text(store, testkit_sheet(0, 40, 0));
	for (i = 0; tables[i]; i++) {
		snprintf(prefix, sizeof(prefix), "INSERT INTO %s (", tables[i]);
		runs = statements = 0;
		for (stmt = sqlite3_next_stmt(store->db, NULL); stmt; stmt = sqlite3_next_stmt(store->db, stmt))
			if (!strncmp(sqlite3_sql(stmt), prefix, strlen(prefix))) {
				runs += sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_RUN, 0);
				statements++;
			}
		printf("%s: %d prepared, %d runs\n", prefix, statements, runs);
		assert_int_equal(statements, 1);
		assert_true(runs >= 40);
	}
	store_close(&store);
}

static long statement_number, last_case_insert, first_search_insert;

static int order_of_inserts(unsigned type, void *context, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)context;
	(void)x;
	statement_number++;
	if (sql && !strncmp(sql, "INSERT INTO cases (", 19))
		last_case_insert = statement_number;
	if (sql && !strncmp(sql, "INSERT INTO case_search (", 25) && !first_search_insert)
		first_search_insert = statement_number;
	return 0;
}

/* An import writes its cases' search entries at its commit, after its
 * last row, not one after each row: FTS5 writes what it holds at every
 * later statement's savepoint, so each row's entry cost every later row
 * (a fifth of an import's work). The entries are all there after it, and
 * an import undone (a dry run) leaves none. */
static void an_import_indexes_its_cases_at_commit(void **state)
{
	struct import_options dry = { .dry_run = true };
	struct import_summary s;
	struct store *store = NULL;
	struct error err = { "" };
	sqlite3_stmt *stmt;
	char *text;

	(void)state;
	unit_db_remove(testkit_group.path);
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	statement_number = last_case_insert = first_search_insert = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, order_of_inserts, NULL);
	import_text(store, testkit_sheet(0, 40, 0));
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	printf("last insert of a case: statement %ld; first search entry: %ld\n", last_case_insert, first_search_insert);
	assert_true(last_case_insert > 0);
	assert_true(first_search_insert > last_case_insert);
	text = testkit_sheet(40, 50, 0);
	assert_int_equal(import_csv(store, testkit_group.forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &dry, &s, &err), STATUS_OK);
	import_summary_clear(&s);
	free(text);
	assert_null(store->search_due);
	assert_int_equal(sqlite3_prepare_v2(store->db, "SELECT (SELECT count(*) FROM case_search),"
					    " (SELECT count(*) FROM case_search WHERE case_search MATCH '\"企 业 3 9\"')",
					    -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 40);
	assert_int_equal(sqlite3_column_int(stmt, 1), 1);
	sqlite3_finalize(stmt);
	store_close(&store);
}

static long pragma(struct store *store, const char *sql)
{
	sqlite3_stmt *stmt;
	long value;

	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	value = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

/* Bulk work sizes the page cache to its sheet, however large the file it
 * writes into (its new rows go to the end of the indexes of ids), and
 * keeps its statement journals in memory; 0 returns to the defaults. */
static void bulk_work_sizes_its_cache(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };

	(void)state;
	unit_db_remove(testkit_group.path);
	store = testkit_open(testkit_group.path, "boss");
	assert_int_equal(store_cache_for(store, 256 * 1024, &err), STATUS_OK);
	assert_int_equal(pragma(store, "PRAGMA cache_size"), -16384);
	assert_int_equal(pragma(store, "PRAGMA temp_store"), 2);
	assert_int_equal(sqlite3_exec(store->db, "CREATE TABLE scratch (b); INSERT INTO scratch VALUES (zeroblob(40000000))",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_cache_for(store, 1024, &err), STATUS_OK);
	assert_int_equal(pragma(store, "PRAGMA cache_size"), -2000);
	assert_int_equal(store_cache_for(store, 100000, &err), STATUS_OK);
	assert_int_equal(pragma(store, "PRAGMA cache_size"), -6250);
	assert_int_equal(store_cache_for(store, STORE_CACHE_MOST, &err), STATUS_OK);
	assert_int_equal(pragma(store, "PRAGMA cache_size"), -32768);
	assert_int_equal(store_cache_for(store, 0, &err), STATUS_OK);
	assert_int_equal(pragma(store, "PRAGMA cache_size"), -2000);
	assert_int_equal(pragma(store, "PRAGMA temp_store"), 0);
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intake_uses_the_rows_own_keys),
		cmocka_unit_test(numbers_follow_the_highest),
		cmocka_unit_test(an_import_is_one_whole),
		cmocka_unit_test(an_import_prepares_its_inserts_once),
		cmocka_unit_test(an_import_indexes_its_cases_at_commit),
		cmocka_unit_test(bulk_work_sizes_its_cache),
	};

	return cmocka_run_group_tests(tests, testkit_setup_fresh, testkit_teardown);
}
