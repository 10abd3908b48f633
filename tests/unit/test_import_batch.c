/* Unit tests of repeated imports and their undo: a row matched to its case
 * (unchanged, changed, a conflict with a person's change), a batch undone
 * back to the database before it; and the cost: after an import, a changed
 * import, a dry run and an undo, no statement the store kept stepped
 * through a whole table (SQLite's own count of full-scan steps), so each
 * costs what its rows cost, not what the office holds. */
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
#include "gradus/store/cases.h"
#include "gradus/store/exchange.h"
#include "store/store_private.h"

static char path[64];
static struct forms *forms;

static const char sheet[] =
	"企业名称,统一社会信用代码,地区,级别,年度,场景,备注\n"
	"黄石智造有限公司,91420200MA0DX6QEY5,黄石市,基础级,2026,1;5,甲\n"
	"咸宁家居有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,2,\n"
	"荆州装备有限公司,91421000MAGEEUF318,420100,卓越级,2025,,\n";

static struct store *open_store(void)
{
	struct store *store = testkit_open(path, "boss");

	authority_use_forms(store, forms);
	return store;
}

static int setup(void **state)
{
	struct error err;

	(void)state;
	testkit_db_path(path, sizeof(path), "import-batch");
	unit_db_remove(path);
	return forms_load(GRADUS_SOURCE_DIR "/forms", &forms, &err) == STATUS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	testkit_done(NULL, &forms, path);
	return 0;
}

static void import_text(struct store *store, const char *text, bool dry_run, struct import_summary *s)
{
	struct import_options options = { .dry_run = dry_run };
	struct error err = { "" };

	if (import_csv(store, forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &options, s, &err))
		fail_msg("%s", err.message);
}

static long count(struct store *store, const char *sql)
{
	sqlite3_stmt *stmt;
	long n;

	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* A sheet with one cell replaced. */
static char *edited(const char *from, const char *to)
{
	const char *at = strstr(sheet, from);
	char *out = malloc(sizeof(sheet) + strlen(to));

	assert_non_null(at);
	sprintf(out, "%.*s%s%s", (int)(at - sheet), sheet, to, at + strlen(from));
	return out;
}

static void matched_changed_undone(void **state)
{
	struct store *store;
	struct import_summary s;
	struct import_undone undone;
	struct error err = { "" };
	char *changed = edited("恩施州", "武汉市");
	long audit;

	(void)state;
	unit_db_remove(path);
	store = open_store();
	import_text(store, sheet, false, &s);
	assert_int_equal(s.created, 3);
	assert_int_equal(s.batch, 1);
	import_summary_clear(&s);
	audit = count(store, "SELECT count(*) FROM audit");

	import_text(store, sheet, false, &s);
	assert_int_equal(s.created, 0);
	assert_int_equal(s.unchanged, 3);
	assert_int_equal(s.batch, 0);
	assert_int_equal(count(store, "SELECT count(*) FROM audit"), audit);
	import_summary_clear(&s);

	import_text(store, changed, true, &s);
	assert_int_equal(s.changed, 1);
	assert_int_equal(s.change_count, 1);
	assert_string_equal(s.changes[0].column, "地区");
	assert_string_equal(s.changes[0].record, "HB-2026-ADV-0001");
	assert_false(s.changes[0].conflict);
	assert_int_equal(count(store, "SELECT count(*) FROM audit"), audit);
	import_summary_clear(&s);

	import_text(store, changed, false, &s);
	assert_int_equal(s.batch, 2);
	assert_int_equal(count(store, "SELECT count(*) FROM enterprises WHERE region = 'wuhan'"), 2);
	import_summary_clear(&s);

	/* A person's note stops the undo of the batch that created the case. */
	assert_int_equal(case_set_field(store, forms, "HB-2026-BAS-0001", "note", "乙", NULL, &err), STATUS_OK);
	audit = count(store, "SELECT count(*) FROM audit");
	assert_int_equal(import_undo(store, forms, 1, &undone, &err), STATUS_ERR_CONFLICT);
	assert_says(err.message, "HB-2026-BAS-0001");
	assert_int_equal(count(store, "SELECT count(*) FROM audit"), audit);

	/* The sheet's note (甲) is now a conflict, kept as the person wrote it (乙). */
	import_text(store, changed, false, &s);
	assert_int_equal(s.conflicts, 1);
	assert_int_equal(s.batch, 0);
	assert_true(s.changes[0].conflict);
	assert_string_equal(s.changes[0].old_value, "乙");
	assert_string_equal(s.changes[0].new_value, "甲");
	assert_int_equal(count(store, "SELECT count(*) FROM audit"), audit);
	import_summary_clear(&s);
	free(changed);
	store_close(&store);
}

static void undo_restores_the_database_before(void **state)
{
	struct store *store;
	struct import_summary s;
	struct import_undone undone;
	struct error err = { "" };
	char *changed = edited("1;5", "5;7");

	(void)state;
	unit_db_remove(path);
	store = open_store();
	import_text(store, sheet, false, &s);
	import_summary_clear(&s);
	import_text(store, changed, false, &s);
	assert_int_equal(s.batch, 2);
	import_summary_clear(&s);
	assert_int_equal(import_undo(store, forms, 2, &undone, &err), STATUS_OK);
	assert_int_equal(count(store, "SELECT count(*) FROM cases WHERE number = 'HB-2026-BAS-0001' AND scenarios = '1,5'"),
			 1);
	assert_int_equal(count(store, "SELECT count(*) FROM scenario_cases"), 3);
	assert_int_equal(import_undo(store, forms, 1, &undone, &err), STATUS_OK);
	assert_int_equal(undone.also_count, 0);
	assert_int_equal(count(store, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(count(store, "SELECT count(*) FROM enterprises"), 0);
	assert_int_equal(count(store, "SELECT count(*) FROM case_search"), 0);
	assert_int_equal(import_undo(store, forms, 1, &undone, &err), STATUS_ERR_INVALID);
	assert_int_equal(import_undo(store, forms, 7, &undone, &err), STATUS_ERR_NOT_FOUND);
	free(changed);
	store_close(&store);
}

/* No statement of an import, a re-import, a dry run or an undo walks a
 * whole table. */
static void nothing_scans(void **state)
{
	struct store *store;
	struct import_summary s;
	struct import_undone undone;
	struct error err = { "" };
	char *changed = edited("恩施州", "武汉市"), *noted = edited("甲", "丙");
	size_t i;

	(void)state;
	unit_db_remove(path);
	store = open_store();
	import_text(store, sheet, false, &s);
	import_summary_clear(&s);
	for (i = 0; i < store->stmt_capacity; i++) /* what opening and the first import cost is not ours */
		if (store->stmts[i].stmt)
			sqlite3_stmt_status(store->stmts[i].stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	import_text(store, sheet, false, &s);
	import_summary_clear(&s);
	import_text(store, changed, true, &s);
	import_summary_clear(&s);
	import_text(store, changed, false, &s);
	import_summary_clear(&s);
	assert_int_equal(case_set_field(store, forms, "HB-2026-BAS-0001", "note", "乙", NULL, &err), STATUS_OK);
	import_text(store, noted, false, &s);
	import_summary_clear(&s);
	assert_int_equal(import_undo(store, forms, 1, &undone, &err), STATUS_ERR_CONFLICT);
	assert_int_equal(import_undo(store, forms, 2, &undone, &err), STATUS_OK);
	for (i = 0; i < store->stmt_capacity; i++) {
		sqlite3_stmt *stmt = store->stmts[i].stmt;

		/* the schema's foreign keys, read once an undo, are not the office's rows */
		if (stmt && sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0) &&
		    !strstr(sqlite3_sql(stmt), "sqlite_master"))
			fail_msg("a full scan: %s", sqlite3_sql(stmt));
	}
	free(changed);
	free(noted);
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matched_changed_undone),
		cmocka_unit_test(undo_restores_the_database_before),
		cmocka_unit_test(nothing_scans),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
