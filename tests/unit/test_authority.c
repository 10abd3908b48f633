/* Unit tests of the one authority: the role × action table as it was
 * before it was one table (each role, each action: allowed or not), the
 * same answers from a store for each user, and the write path's guard of
 * a signed check, a signed panel and a closed case. */
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
#include "gradus/store/authority.h"
#include "gradus/store/cases.h"
#include "gradus/store/checks.h"
#include "store/store_private.h"

static const struct date today = { 2026, 11, 28 };

/* Who may, action by action, as the commands decided before the table:
 * admin, clerk, inspector, secretary, no role. */
static const struct {
	enum authority_action action;
	const char *key;
	bool admin, clerk, inspector, secretary, none;
} expected[] = {
	{ AUTHORITY_CASE_ADD, "case.add", true, true, false, false, false },
	{ AUTHORITY_CASE_EDIT, "case.edit", true, true, false, false, false },
	{ AUTHORITY_CHECK_PLAN, "check.plan", true, true, false, false, false },
	{ AUTHORITY_CHECK_ANSWER, "check.answer", true, false, true, false, false },
	{ AUTHORITY_CHECK_AMEND, "check.amend", true, false, true, false, false },
	{ AUTHORITY_CHECK_SIGN, "check.sign", true, false, true, false, false },
	{ AUTHORITY_EVIDENCE_ADD, "evidence.add", true, false, true, false, false },
	{ AUTHORITY_FINDING_CHANGE, "finding.change", true, true, false, true, false },
	{ AUTHORITY_EXPERT_ADD, "expert.add", true, true, false, true, false },
	{ AUTHORITY_EXPERT_EDIT, "expert.edit", true, true, false, true, false },
	{ AUTHORITY_PANEL_CONVENE, "panel.convene", true, true, false, true, false },
	{ AUTHORITY_PANEL_RECORD, "panel.record", true, false, false, true, false },
	{ AUTHORITY_PANEL_SIGN, "panel.sign", true, false, false, true, false },
	{ AUTHORITY_CULTIVATION_RECORD, "cultivation.record", true, true, false, true, false },
	{ AUTHORITY_USER_ADD, "user.add", true, false, false, false, false },
	{ AUTHORITY_BUNDLE_OUT, "bundle.out", true, true, false, false, false },
	{ AUTHORITY_BUNDLE_IN, "bundle.in", true, true, false, false, false },
	{ AUTHORITY_CONFLICT_RESOLVE, "conflict.resolve", true, true, false, false, false },
};

static void table_by_role(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(sizeof(expected) / sizeof(expected[0]), AUTHORITY_ACTION_COUNT);
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		enum authority_action a = expected[i].action;

		assert_string_equal(authority_key(a), expected[i].key);
		assert_int_equal(authority_allows("admin", a), expected[i].admin);
		assert_int_equal(authority_allows("clerk", a), expected[i].clerk);
		assert_int_equal(authority_allows("inspector", a), expected[i].inspector);
		assert_int_equal(authority_allows("secretary", a), expected[i].secretary);
		assert_int_equal(authority_allows("", a), expected[i].none);
		assert_false(authority_allows("system", a));
		assert_false(authority_allows("root", a));
	}
	assert_null(authority_key(AUTHORITY_ACTION_COUNT));
	assert_false(authority_allows("admin", AUTHORITY_ACTION_COUNT));
}

static struct store *open_as(const char *login)
{
	struct store *store = testkit_open(testkit_group.path, login);

	authority_use_forms(store, testkit_group.forms);
	return store;
}

/* Each user asks the store: the role-only actions answer as the table. */
static void check_by_user(void **state)
{
	static const struct {
		const char *login, *role;
	} users[] = { { "boss", "admin" }, { "clerk1", "clerk" }, { "insp1", "inspector" }, { "sec1", "secretary" },
		      { "stranger", "" } };
	struct error err;
	size_t u, a;

	(void)state;
	for (u = 0; u < sizeof(users) / sizeof(users[0]); u++) {
		struct store *store = open_as(users[u].login);

		for (a = 0; a < AUTHORITY_ACTION_COUNT; a++) {
			enum status status;

			if (authority_scope((enum authority_action)a) != AUTHORITY_ANY)
				continue;
			err.message[0] = '\0';
			status = authority_check(store, (enum authority_action)a, NULL, &err);
			assert_int_equal(status, authority_allows(users[u].role, (enum authority_action)a)
							 ? STATUS_OK : STATUS_ERR_DENIED);
			if (status)
				assert_says(err.message, " may not ");
		}
		store_close(&store);
	}
}

static void refusal_names_who_may(void **state)
{
	struct store *store = open_as("insp1");
	struct error err;

	(void)state;
	assert_int_equal(authority_check(store, AUTHORITY_EXPERT_EDIT, NULL, &err), STATUS_ERR_DENIED);
	assert_string_equal(err.message,
			    "insp1 may not edit experts: that is for a clerk, a secretary or an admin (inspector)");
	assert_int_equal(authority_check(store, AUTHORITY_USER_ADD, NULL, &err), STATUS_ERR_DENIED);
	assert_string_equal(err.message, "insp1 may not add users or change roles: that is for an admin (inspector)");
	store_close(&store);
}

/* The first id a query on the database file returns. */
static void first_id(const char *sql, char out[33])
{
	sqlite3 *db;
	sqlite3_stmt *stmt;

	assert_int_equal(sqlite3_open(testkit_group.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(out, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

static void add_case(struct store *store, const char *code, const char *name, char id[33])
{
	static const int scenarios[] = { 17 };
	struct new_case in;
	struct error err;
	char number[32];

	memset(&in, 0, sizeof(in));
	in.enterprise_name = name;
	in.credit_code = code;
	in.region = "shiyan";
	in.level = "excellent";
	in.year = 2025;
	in.maturity_centi = 320;
	in.scenarios = scenarios;
	in.scenario_count = 1;
	assert_int_equal(case_create(store, testkit_group.forms, &in, id, number, NULL, &err), STATUS_OK);
}

static void signed_check_is_sealed(void **state)
{
	struct store *store = open_as("boss");
	static const char *const inspectors[] = { "insp1" };
	struct check_plan plan = { .on = { 2026, 11, 28 }, .inspectors = inspectors, .inspector_count = 1 };
	char case_id[33], check_id[33], answer[33], finding[33], row[33];
	struct field_value fields[] = { { "check_id", NULL }, { "scenario", "17" }, { "item", "2" }, { "value", "yes" } };
	struct store *inspector;
	struct error err;

	(void)state;
	add_case(store, "91420100MA4K12345K", "十堰测试汽车零部件有限公司", case_id);
	plan.case_key = case_id;
	assert_int_equal(check_plan(store, testkit_group.forms, &plan, check_id, &err), STATUS_OK);
	inspector = open_as("insp1");
	assert_int_equal(check_answer(inspector, check_id, 17, 1, "no", "未见记录", &err), STATUS_OK);
	first_id("SELECT id FROM answers", answer);
	first_id("SELECT id FROM findings", finding);
	/* Signed, as the write path sees it. */
	assert_int_equal(store_update(store, "checks", check_id, "status", "signed", &err), STATUS_OK);
	/* Every write to what the signature covers, by anyone, is refused. */
	assert_int_equal(store_update(store, "answers", answer, "value", "yes", &err), STATUS_ERR_SEALED);
	assert_says(err.message, "is signed");
	assert_int_equal(store_delete(store, "answers", answer, &err), STATUS_ERR_SEALED);
	fields[0].value = check_id;
	assert_int_equal(store_new_id(row), STATUS_OK);
	assert_int_equal(store_insert(inspector, "answers", row, fields, 4, &err), STATUS_ERR_SEALED);
	assert_int_equal(store_update(store, "findings", finding, "severity", "minor", &err), STATUS_ERR_SEALED);
	assert_int_equal(store_update(store, "checks", check_id, "status", "planned", &err), STATUS_ERR_SEALED);
	assert_int_equal(check_answer(inspector, check_id, 17, 1, "yes", NULL, &err), STATUS_ERR_DENIED);
	/* Closing a finding is not what was signed. */
	assert_int_equal(store_update(store, "findings", finding, "closing_note", "已整改", &err), STATUS_OK);
	/* The amendment is the one way, and the exception ends with it. */
	assert_int_equal(check_amend(inspector, check_id, 17, 1, "yes", NULL, "复核照片", &err), STATUS_OK);
	assert_int_equal(store_update(inspector, "answers", answer, "note", "之后", &err), STATUS_ERR_SEALED);
	store_close(&inspector);
	store_close(&store);
}

static void signed_panel_is_sealed(void **state)
{
	struct store *store = open_as("boss");
	char case_id[33], expert[33], panel[33], row[33];
	struct field_value e[] = { { "code", "E9001" }, { "name", "张伟" }, { "fields", "rnd" },
				   { "affiliation", "华中科技大学" }, { "created_at", "2026-11-28T00:00:00Z" } };
	struct field_value p[] = { { "case_id", NULL }, { "number", "X-P1" }, { "purpose", "review" },
				   { "meeting_on", "2026-11-20" }, { "status", "open" },
				   { "created_at", "2026-11-28T00:00:00Z" } };
	struct field_value n[] = { { "panel_id", NULL }, { "expert_id", NULL }, { "scenario", "0" },
				   { "criterion", "总体评价" }, { "note", "一致" }, { "written_by", "boss" },
				   { "written_at", "2026-11-28T00:00:00Z" } };
	struct error err;

	(void)state;
	add_case(store, "91420100MA4KXXXX0D", "武汉测试智造有限公司", case_id);
	assert_int_equal(store_new_id(expert), STATUS_OK);
	assert_int_equal(store_insert(store, "experts", expert, e, 5, &err), STATUS_OK);
	p[0].value = case_id;
	assert_int_equal(store_new_id(panel), STATUS_OK);
	assert_int_equal(store_insert(store, "panels", panel, p, 6, &err), STATUS_OK);
	n[0].value = panel;
	n[1].value = expert;
	assert_int_equal(store_new_id(row), STATUS_OK);
	assert_int_equal(store_insert(store, "panel_notes", row, n, 7, &err), STATUS_OK);
	assert_int_equal(store_update(store, "panels", panel, "status", "signed", &err), STATUS_OK);
	assert_int_equal(store_update(store, "panel_notes", row, "note", "改写", &err), STATUS_ERR_SEALED);
	assert_says(err.message, "panel X-P1 is signed");
	assert_int_equal(store_delete(store, "panel_notes", row, &err), STATUS_ERR_SEALED);
	assert_int_equal(store_new_id(row), STATUS_OK);
	assert_int_equal(store_insert(store, "panel_notes", row, n, 7, &err), STATUS_ERR_SEALED);
	assert_int_equal(store_update(store, "panels", panel, "score", "99.0", &err), STATUS_ERR_SEALED);
	store_close(&store);
}

static void closed_case_is_sealed(void **state)
{
	struct store *store = open_as("clerk1");
	static const int other[] = { 1, 2 };
	char case_id[33];
	struct error err;

	(void)state;
	add_case(store, "91420200MA0DX6QEY5", "襄阳测试精工有限公司", case_id);
	assert_int_equal(case_set_field(store, testkit_group.forms, case_id, "note", "撤回前", NULL, &err), STATUS_OK);
	assert_int_equal(case_take_step(store, testkit_group.forms, case_id, "withdraw", today, NULL, NULL, &err), STATUS_OK);
	assert_int_equal(case_set_field(store, testkit_group.forms, case_id, "note", "撤回后", NULL, &err),
			 STATUS_ERR_SEALED);
	assert_says(err.message, "is closed (Withdrawn)");
	assert_int_equal(case_set_scenarios(store, case_id, other, 2, NULL, &err), STATUS_ERR_SEALED);
	assert_int_equal(store_update(store, "cases", case_id, "state", "draft", &err), STATUS_ERR_SEALED);
	store_close(&store);
}

/* Every owner the guard looks up is found by primary key: no write scans. */
static void guard_never_scans(void **state)
{
	sqlite3 *db;
	size_t i;

	(void)state;
	assert_int_equal(sqlite3_open(testkit_group.path, &db), SQLITE_OK);
	for (i = 0; authority_guard_sql(i); i++) {
		char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", authority_guard_sql(i));
		sqlite3_stmt *stmt;
		int searches = 0;

		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(stmt, 3);

			if (strncmp(detail, "SCAN", 4)) {
				searches++;
				continue;
			}
			fail_msg("a full scan in %s: %s", authority_guard_sql(i), detail);
		}
		assert_true(searches > 0);
		sqlite3_finalize(stmt);
		sqlite3_free(sql);
	}
	assert_true(i > 10);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_by_role),
		cmocka_unit_test(check_by_user),
		cmocka_unit_test(refusal_names_who_may),
		cmocka_unit_test(signed_check_is_sealed),
		cmocka_unit_test(signed_panel_is_sealed),
		cmocka_unit_test(closed_case_is_sealed),
		cmocka_unit_test(guard_never_scans),
	};

	return cmocka_run_group_tests(tests, testkit_setup_staffed, testkit_teardown);
}
