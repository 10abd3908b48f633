/* The unit tests' kit (see testkit.h). */
#include <errno.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testkit.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define D(m, d) { 2026, m, d }

const struct date TESTKIT_TODAY = { 2026, 11, 28 };

/* 国办 2025-11-04: the days off of 2026 and the make-up working days. */
static const struct date holidays_2026[] = {
	D(1, 1), D(1, 2), D(1, 3),
	D(2, 15), D(2, 16), D(2, 17), D(2, 18), D(2, 19), D(2, 20), D(2, 21), D(2, 22), D(2, 23),
	D(4, 4), D(4, 5), D(4, 6),
	D(5, 1), D(5, 2), D(5, 3), D(5, 4), D(5, 5),
	D(6, 19), D(6, 20), D(6, 21),
	D(9, 25), D(9, 26), D(9, 27),
	D(10, 1), D(10, 2), D(10, 3), D(10, 4), D(10, 5), D(10, 6), D(10, 7),
};
static const struct date workdays_2026[] = {
	D(1, 4), D(2, 14), D(2, 28), D(5, 9), D(9, 20), D(10, 10),
};
static const struct holiday_year years_2026[] = {
	{ 2026, holidays_2026, COUNT(holidays_2026), workdays_2026, COUNT(workdays_2026) },
};
const struct holiday_calendar testkit_calendar_2026 = { years_2026, COUNT(years_2026) };

struct date parsed(const char *text)
{
	struct error err = { "" };
	struct date d = { 0, 0, 0 };

	if (date_parse(text, &d, &err))
		fail_msg("%s: %s", text, err.message);
	return d;
}

void assert_says(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" does not say \"%s\"", text ? text : "(null)", part);
}

int testkit_record(unsigned type, void *context, void *statement, void *unused)
{
	struct testkit_statements *s = context;
	const char *sql = sqlite3_sql(statement);
	size_t i;

	(void)type;
	(void)unused;
	if (!sql || !strncmp(sql, "--", 2))
		return 0;
	s->runs++;
	for (i = 0; i < s->count; i++)
		if (!strcmp(s->sql[i], sql))
			return 0;
	if (s->count < TESTKIT_STATEMENTS && (s->sql[s->count] = strdup(sql)))
		s->count++;
	return 0;
}

void testkit_statements_clear(struct testkit_statements *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->sql[i]);
	memset(s, 0, sizeof(*s));
}

bool testkit_statement_of_rows(const char *sql)
{
	static const char *const control[] = { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", NULL };
	size_t i;

	for (i = 0; control[i]; i++)
		if (!strncmp(sql, control[i], strlen(control[i])))
			return false;
	return true;
}

int testkit_plan_check(sqlite3 *db, const char *sql, const char *note,
		       bool (*wrong)(const char *line, const void *context), const void *context, bool quiet)
{
	char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt;
	int bad = 0;

	assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL), SQLITE_OK);
	if (!quiet)
		printf("%s%s\n", sql, note);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 3);
		bool is_wrong = wrong(line, context);

		if (!quiet || is_wrong)
			printf("  %s %s\n", is_wrong ? "!!" : "  ", line);
		bad += is_wrong;
	}
	sqlite3_finalize(stmt);
	sqlite3_free(explain);
	return bad;
}

void testkit_db_path(char *path, size_t size, const char *name)
{
	snprintf(path, size, "/tmp/gradus-%s-%ld.db", name, (long)getpid());
}

void unit_db_remove(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char side[4200];
	size_t i;

	for (i = 0; i < COUNT(sides); i++) {
		snprintf(side, sizeof(side), "%s%s", path, sides[i]);
		unlink(side);
	}
}

struct forms *testkit_forms(void)
{
	struct forms *forms = NULL;
	struct error err = { "" };

	if (forms_load(GRADUS_SOURCE_DIR "/forms", &forms, &err))
		fail_msg("forms_load: %s", err.message);
	return forms;
}

struct forms *testkit_fresh(char *path, size_t size, const char *name)
{
	testkit_db_path(path, size, name);
	unit_db_remove(path);
	return testkit_forms();
}

struct store *testkit_open(const char *path, const char *login)
{
	struct store *store = NULL;
	struct error err = { "" };

	if (store_open(path, STORE_OPEN_OR_CREATE, login, TESTKIT_TODAY, &store, &err))
		fail_msg("store_open %s as %s: %s", path, login, err.message);
	return store;
}

struct forms *testkit_staffed_db(char *path, size_t size, const char *name, const char *admin)
{
	static const char *const staff[][2] = { { "clerk1", "clerk" }, { "insp1", "inspector" }, { "sec1", "secretary" } };
	struct error err = { "" };
	struct store *store;
	size_t i;

	testkit_db_path(path, size, name);
	unit_db_remove(path);
	store = testkit_open(path, admin);
	if (strcmp(store_role(store), "admin"))
		fail_msg("the first user %s is %s, not admin", admin, store_role(store));
	for (i = 0; i < COUNT(staff); i++)
		if (store_user_add(store, staff[i][0], staff[i][1], &err))
			fail_msg("store_user_add %s: %s", staff[i][0], err.message);
	store_close(&store);
	return testkit_forms();
}

void testkit_done(struct store **store, struct forms **forms, const char *path)
{
	if (store)
		store_close(store);
	if (forms)
		forms_free(forms);
	if (path)
		unit_db_remove(path);
}

struct testkit_group testkit_group;

int testkit_setup_fresh(void **state)
{
	(void)state;
	testkit_group.forms = testkit_fresh(testkit_group.path, sizeof(testkit_group.path), program_invocation_short_name);
	return 0;
}

int testkit_setup_staffed(void **state)
{
	(void)state;
	testkit_group.forms = testkit_staffed_db(testkit_group.path, sizeof(testkit_group.path),
						 program_invocation_short_name, "boss");
	return 0;
}

int testkit_teardown(void **state)
{
	(void)state;
	testkit_statements_clear(&testkit_group.seen);
	testkit_done(NULL, &testkit_group.forms, testkit_group.path);
	return 0;
}

void testkit_new_case(struct new_case *in, const char *level)
{
	memset(in, 0, sizeof(*in));
	in->enterprise_name = "十堰测试汽车零部件有限公司";
	in->credit_code = "91420100MA4K12345K";
	in->region = "shiyan";
	in->level = level;
	in->year = 2025;
	in->maturity_centi = 320;
}

void testkit_credit_code(const char *division, unsigned long x, char code[USCC_LENGTH + 1])
{
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	size_t i;

	snprintf(code, USCC_LENGTH + 1, "91%.6sMA", division);
	for (i = 10; i < 17; i++) {
		code[i] = charset[x % 31];
		x /= 31;
	}
	code[17] = '\0';
	code[17] = uscc_check_character(code);
	code[18] = '\0';
}

char *testkit_sheet(long from, long to, int year)
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
