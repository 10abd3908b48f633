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
	expect(db, "SELECT group_concat(id || ':' || case_id || ':' || scenario, ' ') FROM"
		   " (SELECT * FROM case_scenarios ORDER BY scenario)", "s7:c1:7 s40:c1:40");
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
	assert_int_equal(sqlite3_exec(db, "INSERT INTO case_scenarios VALUES ('s42', 'c1', 42)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	unit_db_remove(path);
}

static void test_broken_key_stops_it(void **state)
{
	char path[64], before[16];
	struct error err = { "" };
	struct store *store = NULL;
	sqlite3 *db = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/gradus-scenario-table-%ld.db", (long)getpid());
	make_old(path, "INSERT INTO case_scenarios VALUES ('lost', 'no-such-case', 3)");
	assert_int_not_equal(store_open(path, STORE_OPEN_EXISTING, "admin", today, &store, &err), STATUS_OK);
	assert_null(store);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(before, sizeof(before), "%d", rebuild_version() - 1);
	expect(db, "PRAGMA user_version", before);
	expect(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%BETWEEN 1 AND 40%'", "2");
	expect(db, "SELECT count(*) FROM case_scenarios", "3");
	sqlite3_close(db);
	unit_db_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_kept_check_gone),
		cmocka_unit_test(test_broken_key_stops_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
