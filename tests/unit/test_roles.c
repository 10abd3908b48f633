/* Unit tests of roles in the workflow engine and the store, and of stale
 * writes: for each role, which steps and writes it may make. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "gradus/store/authority.h"
#include "testkit.h"
#include "gradus/store/cases.h"

static const struct date today = { 2026, 11, 28 };

static struct store *open_as(const char *login)
{
	struct store *store = testkit_open(testkit_group.path, login);

	if (testkit_group.forms)
		authority_use_forms(store, testkit_group.forms); /* the scenarios a write takes are the forms' */
	return store;
}

static enum status add_case(struct store *store, char id[33], struct error *err)
{
	struct new_case in;
	char number[32];
	enum status status;

	testkit_new_case(&in, "excellent");
	in.certified_on = "2025-01-10";
	status = case_create(store, testkit_group.forms, &in, id, number, NULL, err);
	/* what a review application carries: the steps below need it */
	if (!status)
		status = case_set_material(store, testkit_group.forms, id, "review_application", "2025-02-01", err);
	if (!status)
		status = case_set_material(store, testkit_group.forms, id, "review_summary", "2025-02-01", err);
	return status;
}

/* Who may take in a case: clerks and admins. */
static void test_intake_by_role(void **state)
{
	static const struct { const char *login; enum status want; } table[] = {
		{ "boss", STATUS_OK }, { "clerk1", STATUS_OK }, { "insp1", STATUS_ERR_DENIED },
		{ "sec1", STATUS_ERR_DENIED }, { "stranger", STATUS_ERR_DENIED },
	};
	struct error err;
	char id[33];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct store *store = open_as(table[i].login);

		assert_int_equal(add_case(store, id, &err), table[i].want);
		store_close(&store);
	}
}

/* review_passed records the ministry's decision: the office's clerk (or an
 * admin) records it with the decision's 文号, not a secretary; the clock's
 * cancellation is nobody's but the system's. */
static void test_steps_by_role(void **state)
{
	static const char *const doc = "工信厅通装函〔2027〕12号";
	static const struct { const char *login, *step, *document; enum status want; } table[] = {
		{ "insp1", "review_filed", NULL, STATUS_ERR_DENIED },
		{ "sec1", "review_filed", NULL, STATUS_ERR_DENIED },
		{ "clerk1", "review_filed", NULL, STATUS_OK },
		{ "sec1", "review_passed", doc, STATUS_ERR_DENIED },
		{ "insp1", "review_passed", doc, STATUS_ERR_DENIED },
		{ "stranger", "review_passed", doc, STATUS_ERR_DENIED },
		{ "clerk1", "review_passed", NULL, STATUS_ERR_INVALID },
		{ "clerk1", "review_passed", doc, STATUS_OK },
		{ "boss", "cancelled", NULL, STATUS_ERR_DENIED },
		{ "boss", "review_filed", NULL, STATUS_OK },
		{ "boss", "review_failed", doc, STATUS_OK },
	};
	struct store *admin = open_as("boss");
	struct error err;
	char id[33];
	size_t i;

	(void)state;
	assert_int_equal(add_case(admin, id, &err), STATUS_OK);
	store_close(&admin);
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct store *store = open_as(table[i].login);
		enum status got = case_take_step_by(store, testkit_group.forms, id, table[i].step, today, NULL,
						    table[i].document, NULL, &err);

		if (got != table[i].want)
			fail_msg("%s taking %s: %d (%s), expected %d", table[i].login, table[i].step, got,
				 got ? err.message : "ok", table[i].want);
		if (!strcmp(table[i].login, "stranger"))
			assert_says(err.message, "gradus user add stranger ROLE");
		store_close(&store);
	}
}

static void test_only_admin_adds_users(void **state)
{
	struct store *clerk = open_as("clerk1");
	struct error err;

	(void)state;
	assert_int_equal(store_user_add(clerk, "eve", "admin", &err), STATUS_ERR_DENIED);
	assert_int_equal(store_user_add(clerk, "clerk1", "admin", &err), STATUS_ERR_DENIED);
	assert_string_equal(store_role(clerk), "clerk");
	store_close(&clerk);
}

/* A step or a write based on what another process has since changed. */
static void test_stale_writes(void **state)
{
	struct store *a = open_as("clerk1"), *b = open_as("boss");
	struct case_detail d;
	struct error err;
	char id[33];

	(void)state;
	assert_int_equal(add_case(a, id, &err), STATUS_OK);
	assert_int_equal(case_take_step(b, testkit_group.forms, id, "review_filed", today, NULL, "certified", &err),
			 STATUS_OK);
	assert_int_equal(case_take_step(a, testkit_group.forms, id, "review_filed", today, NULL, "certified", &err),
			 STATUS_ERR_CONFLICT);
	assert_says(err.message, "review_filed");
	assert_int_equal(case_set_field(b, testkit_group.forms, id, "note", "乙的备注", "", &err), STATUS_OK);
	assert_int_equal(case_set_field(a, testkit_group.forms, id, "note", "甲的备注", "", &err), STATUS_ERR_CONFLICT);
	assert_says(err.message, "乙的备注");
	assert_says(err.message, "boss");
	assert_int_equal(store_case_detail(a, id, &d, &err), STATUS_OK);
	assert_string_equal(d.note, "乙的备注");
	case_detail_clear(&d);
	{
		static const int mine[] = { 1, 5 }, theirs[] = { 2 }, beyond[] = { 41 }, none[] = { 0 };
		bool *seen = calloc(forms_scenario_count(testkit_group.forms) + 1, sizeof(*seen));

		assert_non_null(seen);
		assert_int_equal(case_set_scenarios(b, id, theirs, 1, seen, &err), STATUS_OK);
		assert_int_equal(case_set_scenarios(a, id, mine, 2, seen, &err), STATUS_ERR_CONFLICT);
		assert_says(err.message, "now 2");
		seen[2] = true;
		assert_int_equal(case_set_scenarios(a, id, mine, 2, seen, &err), STATUS_OK);
		/* the forms have 40 scenarios: 41 and 0 are none of theirs */
		assert_int_equal(case_set_scenarios(a, id, beyond, 1, NULL, &err), STATUS_ERR_INVALID);
		assert_non_null(strstr(err.message, "scenario 41: expected 1 to 40"));
		assert_int_equal(case_set_scenarios(a, id, none, 1, NULL, &err), STATUS_ERR_INVALID);
		free(seen);
	}
	assert_int_equal(case_set_field(a, testkit_group.forms, id, "maturity", "3.9", "3.2", &err), STATUS_OK);
	assert_int_equal(case_set_field(a, testkit_group.forms, id, "maturity", "4.0", "3.2", &err), STATUS_ERR_CONFLICT);
	store_close(&a);
	store_close(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intake_by_role),
		cmocka_unit_test(test_steps_by_role),
		cmocka_unit_test(test_only_admin_adds_users),
		cmocka_unit_test(test_stale_writes),
	};

	return cmocka_run_group_tests(tests, testkit_setup_staffed, testkit_teardown);
}
