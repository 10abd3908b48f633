/* The export of cases is one statement, whatever the office holds: the
 * statements it runs, recorded with sqlite3_trace_v2, are as many for 60
 * cases as for 6 (no statement a row), and their plans read the cases once
 * in the order of their numbers (no sort in a temporary b-tree) and reach
 * every other table through an index. The rows themselves are compared
 * with the expected CSV by tests/cli/export*.sh. */
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
#include "gradus/store/exchange.h"
#include "gradus/text/csv.h"
#include "store/store_private.h"

static const struct date today = { 2026, 11, 28 };

static void add_cases(struct store *store, long from, long to)
{
	static const char *const levels[] = { "basic", "advanced", "excellent", "leading" };
	int scenarios[] = { 9, 1, 5 };
	char code[USCC_LENGTH + 1], name[64], id[33], number[32];
	struct error err = { "" };
	long i;
	size_t k;

	for (i = from; i < to; i++) {
		static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		struct new_case in = { 0 };
		long x = i * 7919 + 11;

		snprintf(code, sizeof(code), "91420100MA");
		for (k = 10; k < 17; k++, x /= 31)
			code[k] = charset[x % 31];
		code[17] = '\0';
		code[17] = uscc_check_character(code);
		code[18] = '\0';
		snprintf(name, sizeof(name), "导出%ld有限公司", i);
		in.enterprise_name = name;
		in.credit_code = code;
		in.region = "wuhan";
		in.factory_name = name;
		in.level = levels[i % 4];
		in.year = 2022 + (int)(i % 5);
		in.maturity_centi = i % 2 ? -1 : 250 + (int)i;
		in.scenarios = scenarios;
		in.scenario_count = 3;
		if (case_create(store, testkit_group.forms, &in, id, number, NULL, &err))
			fail_msg("%s", err.message);
	}
}

/* The statements an export of cases runs (into testkit_group.seen), and how many times
 * a statement was started (returned); out: the CSV's rows. */
static size_t export_runs(struct store *store, size_t *rows)
{
	struct export_request request = { EXPORT_CASES, today, 0, false };
	struct csv_writer writer;
	struct error err = { "" };
	size_t i;

	testkit_group.seen.runs = 0;
	csv_writer_init(&writer, false);
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, testkit_record, &testkit_group.seen);
	if (export_csv(store, testkit_group.forms, &request, &writer, &err))
		fail_msg("%s", err.message);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	assert_non_null(writer.data);
	/* the scenarios 9, 1 and 5, as the import takes them back */
	assert_non_null(strstr(writer.data, ",1;5;9,"));
	for (*rows = 0, i = 0; i < writer.len; i++)
		*rows += writer.data[i] == '\n';
	csv_writer_free(&writer);
	return testkit_group.seen.runs;
}

/* A wrong line of a plan: a scan of a table other than the cases by their
 * numbers, or a sort. */
static bool wrong_for_export(const char *line, const void *context)
{
	(void)context;
	return strstr(line, "TEMP B-TREE") ||
	       (!strncmp(line, "SCAN ", 5) && strncmp(line, "SCAN c USING INDEX sqlite_autoindex_cases", 41) &&
		strncmp(line, "SCAN (subquery", 14));
}

static void cases_are_one_statement(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	size_t few, many, rows, i;
	int bad = 0;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_OR_CREATE, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	add_cases(store, 0, 6);
	few = export_runs(store, &rows);
	assert_int_equal(rows, 7);
	add_cases(store, 6, 60);
	many = export_runs(store, &rows);
	assert_int_equal(rows, 61);
	printf("%zu statements run for 6 cases, %zu for 60\n", few, many);
	assert_int_equal(few, many);
	assert_true(many <= 2);
	for (i = 0; i < testkit_group.seen.count; i++)
		bad += testkit_plan_check(store->db, testkit_group.seen.sql[i], "", wrong_for_export, NULL, false);
	assert_int_equal(bad, 0);
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cases_are_one_statement),
	};

	return cmocka_run_group_tests(tests, testkit_setup_fresh, testkit_teardown);
}
