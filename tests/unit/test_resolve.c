/* Unit tests of store_resolve: what a user types, to a record, by one rule
 * for every kind (number or code in any case, an expert's exact name, the
 * id or a start of it of 6 characters or more that no other record shares). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testkit.h"
#include "store/store_private.h"
#include "gradus/store/cases.h"

static char path[64];
static struct forms *forms;
static struct store *store;
static char case_id[33], case_number[32], lower_number[32];

/* Experts with ids chosen so two share their first 6 characters and two their name. */
static const char *const expert_ids[] = {
	"abcdef0000000000000000000000000a", "abcdef0000000000000000000000000b", "1234560000000000000000000000000c",
};

static void add_expert(const char *id, const char *code, const char *name)
{
	struct field_value fields[] = {
		{ "code", code }, { "name", name }, { "fields", "process" }, { "affiliation", "武汉理工大学" },
		{ "created_at", "2026-11-28T00:00:00Z" },
	};
	struct error err;

	if (store_insert(store, "experts", id, fields, 5, &err))
		fail_msg("adding expert %s: %s", code, err.message);
}

static int setup(void **state)
{
	struct new_case in;
	struct error err;
	size_t i;

	(void)state;
	testkit_db_path(path, sizeof(path), "resolve");
	forms = testkit_forms();
	store = testkit_open(path, "root-admin");
	testkit_new_case(&in, "basic");
	assert_int_equal(case_create(store, forms, &in, case_id, case_number, NULL, &err), STATUS_OK);
	for (i = 0; case_number[i]; i++)
		lower_number[i] = (char)(case_number[i] >= 'A' && case_number[i] <= 'Z' ? case_number[i] + 32
											   : case_number[i]);
	add_expert(expert_ids[0], "E0001", "张三");
	add_expert(expert_ids[1], "E0002", "张三");
	add_expert(expert_ids[2], "E0003", "李四");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testkit_done(&store, &forms, path);
	return 0;
}

static void test_resolve(void **state)
{
	char case_prefix[7], case_short[6];
	const struct {
		enum store_kind kind;
		const char *typed;
		enum status want;
		const char *id; /* when found */
		const char *says; /* in the message otherwise */
	} table[] = {
		{ STORE_CASE, case_number, STATUS_OK, case_id, NULL },
		{ STORE_CASE, lower_number, STATUS_OK, case_id, NULL },
		{ STORE_CASE, case_id, STATUS_OK, case_id, NULL },
		{ STORE_CASE, case_prefix, STATUS_OK, case_id, NULL },
		{ STORE_CASE, case_short, STATUS_ERR_NOT_FOUND, NULL, "no case" },
		{ STORE_CASE, "HB-2099-BAS-0001", STATUS_ERR_NOT_FOUND, NULL, "no case 'HB-2099-BAS-0001'" },
		{ STORE_CASE, "", STATUS_ERR_NOT_FOUND, NULL, "no case" },
		{ STORE_EXPERT, "e0003", STATUS_OK, expert_ids[2], NULL },
		{ STORE_EXPERT, "李四", STATUS_OK, expert_ids[2], NULL },
		{ STORE_EXPERT, "123456", STATUS_OK, expert_ids[2], NULL },
		{ STORE_EXPERT, "ABCDEF0000000000000000000000000A", STATUS_OK, expert_ids[0], NULL },
		{ STORE_EXPERT, "张三", STATUS_ERR_INVALID, NULL, "two experts are named 张三" },
		{ STORE_EXPERT, "abcdef", STATUS_ERR_INVALID, NULL, "names more than one" },
		{ STORE_EXPERT, "abcdef0", STATUS_ERR_INVALID, NULL, "names more than one" },
		{ STORE_EXPERT, "E0099", STATUS_ERR_NOT_FOUND, NULL, "no expert 'E0099'" },
		{ STORE_CHECK, case_number, STATUS_ERR_NOT_FOUND, NULL, "no check" },
		{ STORE_PANEL, expert_ids[0], STATUS_ERR_NOT_FOUND, NULL, "no panel" },
		{ STORE_FINDING, "abcdef", STATUS_ERR_NOT_FOUND, NULL, "no finding 'abcdef'" },
		{ STORE_MILESTONE, "abc", STATUS_ERR_INVALID, NULL, "give at least 6 characters" },
		{ STORE_MILESTONE, "abcdef", STATUS_ERR_NOT_FOUND, NULL, "no milestone 'abcdef'" },
		{ STORE_CONFLICT, "abcdef", STATUS_ERR_NOT_FOUND, NULL, "no conflict 'abcdef'" },
	};
	size_t i;

	(void)state;
	memcpy(case_prefix, case_id, 6);
	case_prefix[6] = '\0';
	memcpy(case_short, case_id, 5);
	case_short[5] = '\0';
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct error err = { "" };
		char id[33];
		enum status got = store_resolve(store, table[i].kind, table[i].typed, id, &err);

		if (got != table[i].want)
			fail_msg("row %zu (%s): status %d, expected %d: %s", i, table[i].typed, got, table[i].want,
				 err.message);
		if (table[i].id)
			assert_string_equal(id, table[i].id);
		if (table[i].says && !strstr(err.message, table[i].says))
			fail_msg("row %zu (%s): '%s' lacks '%s'", i, table[i].typed, err.message, table[i].says);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
