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
#include "gradus/cases.h"
#include "gradus/exchange.h"
#include "gradus/uscc.h"
#include "../../src/store/store_private.h"

#define OFFICE 300

static char path[64];
static struct forms *forms;
static struct testkit_statements seen;

/* Indexes on a column shared by a share of the office: a search through
 * one of them walks a number of entries that grows with the office. */
static const char *const growing[] = {
	"cases_level", "cases_state", "cases_year", "cases_due", "cases_region", "cases_next_due",
	"enterprises_region", "enterprises_region_name_key", "audit_value", NULL,
};

/* Rows from..to of a sheet of enterprises applying for levels over years. */
static char *sheet(long from, long to, int year)
{
	static const char *const levels[] = { "basic", "advanced", "excellent", "leading" };
	size_t size = 128 + (size_t)(to - from) * 160, used;
	char *text = malloc(size), code[USCC_LENGTH + 1];
	long i;

	assert_non_null(text);
	used = (size_t)snprintf(text, size, "enterprise,uscc,region,level,year,note\n");
	for (i = from; i < to; i++) {
		testkit_credit_code("420100", (unsigned long)(i * 7919 + 11), code);
		used += (size_t)snprintf(text + used, size - used, "企业%ld有限公司,%s,wuhan,%s,%d,甲\n", i, code,
					 levels[i % 4], year ? year : 2022 + (int)(i % 5));
	}
	return text;
}

static void import_text(struct store *store, char *text)
{
	struct import_options options = { 0 };
	struct import_summary s;
	struct error err = { "" };

	if (import_csv(store, forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &options, &s, &err))
		fail_msg("%s", err.message);
	import_summary_clear(&s);
	free(text);
}

static bool is_statement_of_rows(const char *sql)
{
	static const char *const control[] = { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", NULL };
	size_t i;

	for (i = 0; control[i]; i++)
		if (!strncmp(sql, control[i], strlen(control[i])))
			return false;
	return true;
}

/* The plan's lines, printed; the number of lines that fail. */
static int check_plan(sqlite3 *db, const char *sql)
{
	char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt;
	int bad = 0;

	assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL), SQLITE_OK);
	printf("%s\n", sql);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 3);
		const char *vindex = strstr(line, "VIRTUAL TABLE INDEX ");
		/* a virtual table (the search index) is scanned through its own index: by a constraint */
		bool by_constraint = vindex && strchr(vindex, ':') && strchr(vindex, ':')[1];
		bool wrong = !strncmp(line, "SCAN ", 5) && strncmp(line, "SCAN (subquery", 14) &&
			     strncmp(line, "SCAN CONSTANT", 13) && !by_constraint;
		const char *keys = strchr(line, '(');
		size_t i;

		/* a range of an index (all numbers of a series, say) is a walk, but in the search indexes' own tables */
		if (!strncmp(line, "SEARCH ", 7) && keys && (strstr(keys, ">?") || strstr(keys, "<?")) &&
		    !strstr(line, "case_search_") && !strstr(line, "case_search3_"))
			wrong = true;
		for (i = 0; growing[i] && !wrong; i++) {
			const char *at = strstr(line, growing[i]);

			wrong = at && at[strlen(growing[i])] == ' ';
		}
		printf("  %s %s\n", wrong ? "!!" : "  ", line);
		bad += wrong;
	}
	sqlite3_finalize(stmt);
	sqlite3_free(explain);
	return bad;
}

static void intake_uses_the_rows_own_keys(void **state)
{
	struct store *store = NULL;
	size_t i, statements = 0;
	int bad = 0;

	(void)state;
	store = testkit_open(path, "boss");
	authority_use_forms(store, forms);
	import_text(store, sheet(0, OFFICE, 0));
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, testkit_record, &seen);
	import_text(store, sheet(OFFICE - 20, OFFICE + 20, 0)); /* 20 matched, 20 new */
	import_text(store, sheet(0, 20, 2031));                 /* new cases of enterprises already here */
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	for (i = 0; i < seen.count; i++)
		if (is_statement_of_rows(seen.sql[i])) {
			bad += check_plan(store->db, seen.sql[i]);
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
	if (case_create(store, forms, &in, id, number, NULL, &err))
		fail_msg("%s", err.message);
}

/* The series index orders digits by length, then value: 10000 follows 9999. */
static void numbers_follow_the_highest(void **state)
{
	struct store *store = NULL;
	char number[32];

	(void)state;
	unit_db_remove(path);
	store = testkit_open(path, "boss");
	authority_use_forms(store, forms);
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
	unit_db_remove(path);
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "boss", TESTKIT_TODAY, &store, &err), STATUS_OK);
	authority_use_forms(store, forms);
	savepoints = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, count_savepoints, NULL);
	import_text(store, sheet(0, 30, 0));
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

static int setup(void **state)
{
	(void)state;
	forms = testkit_fresh(path, sizeof(path), "intake-plans");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testkit_statements_clear(&seen);
	testkit_done(NULL, &forms, path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intake_uses_the_rows_own_keys),
		cmocka_unit_test(numbers_follow_the_highest),
		cmocka_unit_test(an_import_is_one_whole),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
