/* The migration that lets the forms say how many scenarios there are: the
 * scenario tables are made anew without their range CHECK, their rows and
 * indexes kept; a foreign key that does not hold stops it whole. */
#include "testkit.h"
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

#include "store/schema.h"
#include "store/store_private.h"
#include "gradus/store/store.h"

static const struct date today = { 2026, 11, 28 };

/* The migration that makes case_scenarios anew (the lead may renumber it). */
static int rebuild_version(void)
{
	int v;

	for (v = 1; v <= schema_latest_version(); v++)
		if (strstr(schema_migration(v), "RENAME TO case_scenarios"))
			return v;
	fail_msg("no migration rebuilds case_scenarios");
	return 0;
}

static const char rows_sql[] =
	"INSERT INTO enterprises (id, name, credit_code, region, created_at)"
	"  VALUES ('e1', '武汉示例', '91420300000000001X', 'wuhan', '2026-01-01');"
	"INSERT INTO factories (id, enterprise_id, name, created_at) VALUES ('f1', 'e1', '一厂', '2026-01-01');"
	"INSERT INTO cases (id, number, factory_id, level, year, state, created_at)"
	"  VALUES ('c1', 'HB-2026-BAS-001', 'f1', 'basic', 2026, 'draft', '2026-01-01');"
	"INSERT INTO case_scenarios VALUES ('s7', 'c1', 7), ('s40', 'c1', 40);"
	"INSERT INTO checks (id, case_id, planned_on, forms_hash, status, created_at)"
	"  VALUES ('k1', 'c1', '2026-02-01', 'h', 'planned', '2026-01-01');"
	"INSERT INTO check_scenarios (id, check_id, scenario, version, stage, stage_order, stage_zh, stage_en, title_zh,"
	"  title_en, text, activities, problems, technologies)"
	"  VALUES ('ks7', 'k1', 7, 2, 'rnd', 2, '研发', 'R&D', '标题', 'Title', '正文', '活动', '问题', '技术');";

/* A database at the schema before the rebuild, with rows in both tables. */
static void make_old(const char *path, const char *extra)
{
	int v, before = rebuild_version() - 1;
	char pragma[64];
	sqlite3 *db = NULL;

	unit_db_remove(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (v = 1; v <= before; v++)
		assert_int_equal(sqlite3_exec(db, schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, rows_sql, NULL, NULL, NULL), SQLITE_OK);
	/* before the rebuild, the schema itself refuses a 41st scenario */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO case_scenarios VALUES ('s41', 'c1', 41)", NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	if (extra)
		assert_int_equal(sqlite3_exec(db, extra, NULL, NULL, NULL), SQLITE_OK);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", before);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static char *text_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	char *text = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		text = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return text;
}

static void expect(sqlite3 *db, const char *sql, const char *want)
{
	char *got = text_of(db, sql);

	if (!got || strcmp(got, want))
		fail_msg("%s\n  gave %s\n  expected %s", sql, got ? got : "(nothing)", want);
	free(got);
}

static void test_rows_kept_check_gone(void **state)
{
	char path[64], latest[16];
	struct error err = { "" };
	struct store *store = NULL;
	sqlite3 *db = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/gradus-scenario-table-%ld.db", (long)getpid());
	make_old(path, NULL);
	assert_int_equal(store_open(path, STORE_OPEN_EXISTING, "admin", today, &store, &err), STATUS_OK);
	store_close(&store);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(latest, sizeof(latest), "%d", schema_latest_version());
	expect(db, "PRAGMA user_version", latest);
	/* and migration 26 moved the rows into the case's field */
	expect(db, "SELECT scenarios FROM cases WHERE id = 'c1'", "7,40");
	expect(db, "SELECT group_concat(case_id || ':' || scenario, ' ') FROM scenario_cases", "c1:7 c1:40");
	expect(db, "SELECT count(*) FROM case_scenarios", "0");
	expect(db, "SELECT id || '|' || check_id || '|' || scenario || '|' || version || '|' || stage || '|' ||"
		   " stage_order || '|' || stage_zh || '|' || stage_en || '|' || title_zh || '|' || title_en || '|' ||"
		   " text || '|' || activities || '|' || problems || '|' || technologies FROM check_scenarios",
	       "ks7|k1|7|2|rnd|2|研发|R&D|标题|Title|正文|活动|问题|技术");
	/* the indexes of the UNIQUE constraints are there again, and nothing else was lost */
	expect(db, "SELECT count(*) FROM pragma_index_list('case_scenarios') WHERE \"unique\"", "2");
	expect(db, "SELECT count(*) FROM pragma_index_list('check_scenarios') WHERE \"unique\"", "2");
	expect(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%BETWEEN 1 AND 40%'", "0");
	expect(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'new_%'", "0");
	expect(db, "SELECT count(*) FROM pragma_foreign_key_check", "0");
	/* the forms, not the schema, say which scenarios there are */
	assert_int_equal(sqlite3_exec(db, "UPDATE cases SET scenarios = '7,40,42' WHERE id = 'c1'", NULL, NULL, NULL),
			 SQLITE_OK);
	expect(db, "SELECT group_concat(scenario, ' ') FROM scenario_cases", "7 40 42");
	sqlite3_close(db);
	unit_db_remove(path);
}

/* A database of the schema before the rebuild with the rows of extra that
 * its migrations refuse: the open fails (naming what, when message), and
 * the file stays as it was, its three scenario rows with it. */
static void refused_whole(const char *extra, const char *message)
{
	char path[64], before[16];
	struct error err = { "" };
	struct store *store = NULL;
	sqlite3 *db = NULL;

	snprintf(path, sizeof(path), "/tmp/gradus-scenario-table-%ld.db", (long)getpid());
	make_old(path, extra);
	assert_int_not_equal(store_open(path, STORE_OPEN_EXISTING, "admin", today, &store, &err), STATUS_OK);
	assert_null(store);
	if (message && !strstr(err.message, message))
		fail_msg("%s\n  expected: %s", err.message, message);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(before, sizeof(before), "%d", rebuild_version() - 1);
	expect(db, "PRAGMA user_version", before);
	expect(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%BETWEEN 1 AND 40%'", "2");
	expect(db, "SELECT count(*) FROM case_scenarios", "3");
	sqlite3_close(db);
	unit_db_remove(path);
}

static void test_broken_key_stops_it(void **state)
{
	(void)state;
	refused_whole("INSERT INTO case_scenarios VALUES ('lost', 'no-such-case', 3)", NULL);
}

/* A scenario row without an id (a TEXT key takes NULL) is not moved into
 * its case's field by migration 26: the migration stops whole, naming it. */
static void test_row_without_id_stops_the_move(void **state)
{
	(void)state;
	refused_whole("INSERT INTO case_scenarios VALUES (NULL, 'c1', 3)", "case_scenarios: a row of case c1 has no id");
}

/* Since migration 26 a case's scenarios are its field, in one form
 * ("1,5,12": ascending, each once, between commas), whatever path writes it;
 * case_scenarios keeps the records of its old rows and takes no writes. */
static void test_scenarios_field_form(void **state)
{
	static const struct {
		const char *value;
		bool taken;
	} values[] = {
		{ "1,5,12", true }, { "40", true }, { NULL, true }, { "7,41,999", true },
		{ "", false }, { "5,1", false }, { "1,1", false }, { "01", false }, { "0", false }, { "1,", false },
		{ ",1", false }, { "1,,2", false }, { "1, 2", false }, { " 1", false }, { "1;2", false }, { "12345", false },
		{ "-1", false }, { "1,x", false }, { "一", false },
	};
	char path[64];
	struct error err = { "" };
	struct store *store = NULL;
	sqlite3 *db = NULL;
	size_t i;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/gradus-scenario-field-%ld.db", (long)getpid());
	unit_db_remove(path);
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "admin", today, &store, &err), STATUS_OK);
	assert_int_equal(sqlite3_exec(store->db, "INSERT INTO enterprises (id, name, credit_code, region, created_at)"
				      "  VALUES ('e1', '武汉示例', '91420300000000001X', 'wuhan', '2026-01-01');"
				      "INSERT INTO factories (id, enterprise_id, name, created_at)"
				      "  VALUES ('f1', 'e1', '一厂', '2026-01-01');"
				      "INSERT INTO cases (id, number, factory_id, level, year, state, created_at)"
				      "  VALUES ('c1', 'HB-2026-BAS-001', 'f1', 'basic', 2026, 'draft', '2026-01-01');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		enum status status = store_update(store, "cases", "c1", "scenarios", values[i].value, &err);
		sqlite3_stmt *stmt = NULL;
		const char *now;

		if (values[i].taken != (status == STATUS_OK))
			fail_msg("scenarios \"%s\": %s", values[i].value ? values[i].value : "NULL",
				 values[i].taken ? err.message : "taken");
		if (!values[i].taken && !strstr(err.message, "ascending order"))
			fail_msg("scenarios \"%s\": %s", values[i].value, err.message);
		assert_int_equal(sqlite3_prepare_v2(store->db, "SELECT scenarios FROM cases WHERE id = 'c1'", -1, &stmt, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		now = (const char *)sqlite3_column_text(stmt, 0);
		/* a value refused leaves the one before (the last taken) */
		if (values[i].taken && !(values[i].value ? now && !strcmp(now, values[i].value) : !now))
			fail_msg("scenarios \"%s\" taken but the field holds %s", values[i].value, now ? now : "NULL");
		if (!values[i].taken && (!now || strcmp(now, "7,41,999")))
			fail_msg("scenarios \"%s\" refused but the field holds %s", values[i].value, now ? now : "NULL");
		sqlite3_finalize(stmt);
	}
	{
		const struct field_value fields[] = { { "case_id", "c1" }, { "scenario", "3" } };

		assert_int_equal(store_insert(store, "case_scenarios", "s3", fields, 2, &err), STATUS_ERR_INVALID);
		assert_non_null(strstr(err.message, "case_scenarios is no longer written"));
		assert_int_equal(store_delete(store, "case_scenarios", "s3", &err), STATUS_ERR_INVALID);
	}
	store_close(&store);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	expect(db, "SELECT group_concat(scenario, ' ') FROM scenario_cases", "7 41 999");
	expect(db, "SELECT count(*) FROM case_scenarios", "0");
	sqlite3_close(db);
	unit_db_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_kept_check_gone),
		cmocka_unit_test(test_broken_key_stops_it),
		cmocka_unit_test(test_row_without_id_stops_the_move),
		cmocka_unit_test(test_scenarios_field_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
