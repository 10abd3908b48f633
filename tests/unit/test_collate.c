/* Unit tests of sorting by name in the zh_CN collation: the kept sort key
 * (pinyin order whatever the user's locale), the write path keeping it on a
 * rename, the page query walking its index, and keyset paging forward and
 * back through 100,000 cases returning the same pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <unistd.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/core/uscc.h"
#include "gradus/store/cases.h"
#include "store/store_private.h"

static const struct date today = { 2026, 11, 28 };
static char path[64];
static struct forms *forms;

/* The eight names in the order a Chinese reader expects (pinyin: dong,
 * huang, shi, wu, xian, xian, xiang, yi), and the order they are added in. */
static const char *const pinyin_order[] = {
	"东风汽车零部件有限公司", "黄石精密机械有限公司", "十堰重工有限公司", "武汉光电科技有限公司",
	"仙桃纺织有限公司", "咸宁新材料有限公司", "襄阳数控装备有限公司", "宜昌化工有限公司",
};
static const int added_order[] = { 5, 2, 7, 0, 4, 6, 1, 3 };
static const char *const regions[] = { "shiyan", "huangshi", "shiyan", "wuhan", "xiantao", "xianning", "xiangyang",
				       "yichang" };

static bool zh_collation(void)
{
	locale_t loc = newlocale(LC_COLLATE_MASK, "zh_CN.UTF-8", (locale_t)0);

	if (loc)
		freelocale(loc);
	return loc != (locale_t)0;
}

static void remove_db(void)
{
	unit_db_remove(path);
}

static struct store *open_store(void)
{
	return testkit_open(path, "root-admin");
}

static void add_case(struct store *store, const char *name, const char *region, unsigned long x, char number[32])
{
	struct new_case in;
	struct error err = { "" };
	char code[USCC_LENGTH + 1], id[33];

	testkit_credit_code("420100", x, code);
	memset(&in, 0, sizeof(in));
	in.enterprise_name = name;
	in.credit_code = code;
	in.region = region;
	in.level = "basic";
	in.year = 2025;
	in.maturity_centi = 220;
	assert_int_equal(case_create(store, forms, &in, id, number, NULL, &err), STATUS_OK);
}

static int setup(void **state)
{
	(void)state;
	testkit_db_path(path, sizeof(path), "collate");
	forms = testkit_forms();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	forms_free(&forms);
	remove_db();
	return 0;
}

/* The enterprises of the first page of the list in the query's order. */
static size_t page_names(struct store *store, const struct case_query *q, char names[][64], size_t max)
{
	struct case_row rows[16];
	struct error err = { "" };
	size_t count = 0, i;

	assert_int_equal(store_case_page(store, q, NULL, false, STORE_FORWARD, max, rows, &count, &err), STATUS_OK);
	for (i = 0; i < count; i++)
		snprintf(names[i], 64, "%s", rows[i].enterprise);
	case_rows_clear(rows, count);
	return count;
}

static void test_pinyin_order(void **state)
{
	struct case_query q = { .sort = SORT_ENTERPRISE, .today = today };
	struct store *store;
	char names[16][64], number[32];
	size_t i;

	(void)state;
	if (!zh_collation())
		skip();
	remove_db();
	store = open_store();
	for (i = 0; i < 8; i++)
		add_case(store, pinyin_order[added_order[i]], regions[added_order[i]], i, number);
	assert_int_equal(page_names(store, &q, names, 16), 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(names[i], pinyin_order[i]);
	q.descending = true;
	assert_int_equal(page_names(store, &q, names, 16), 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(names[i], pinyin_order[7 - i]);
	/* Renamed, an enterprise moves to its new name's place. */
	q.descending = false;
	assert_int_equal(page_names(store, &q, names, 1), 1);
	{
		struct case_row rows[1];
		struct error err = { "" };
		size_t count;

		assert_int_equal(store_case_page(store, &q, NULL, false, STORE_FORWARD, 1, rows, &count, &err), STATUS_OK);
		assert_int_equal(case_set_field(store, forms, rows[0].number, "enterprise", "周口机电有限公司", NULL, &err),
				 STATUS_OK);
		case_rows_clear(rows, count);
	}
	assert_int_equal(page_names(store, &q, names, 16), 8);
	assert_string_equal(names[0], pinyin_order[1]);
	assert_string_equal(names[7], "周口机电有限公司");
	store_close(&store);
}

/* The key is the zh_CN collation's whatever the process's own locale. */
static void test_key_ignores_user_locale(void **state)
{
	unsigned char *c_key, *zh_key;
	size_t c_length, zh_length;

	(void)state;
	setlocale(LC_ALL, "C");
	c_key = store_sort_key("黄石", &c_length);
	if (!setlocale(LC_ALL, "zh_CN.UTF-8"))
		setlocale(LC_ALL, "C.UTF-8");
	zh_key = store_sort_key("黄石", &zh_length);
	setlocale(LC_ALL, "C");
	assert_non_null(c_key);
	assert_non_null(zh_key);
	assert_int_equal(c_length, zh_length);
	assert_memory_equal(c_key, zh_key, c_length);
	free(c_key);
	free(zh_key);
}

/* A database whose keys were made with another collation has them made
 * anew when it is opened (the first open after migration 12 too). */
static void test_keys_remade(void **state)
{
	struct case_query q = { .sort = SORT_ENTERPRISE, .today = today };
	struct store *store;
	char names[16][64];
	size_t i;

	(void)state;
	if (!zh_collation())
		skip();
	store = open_store(); /* the database of test_pinyin_order */
	assert_int_equal(sqlite3_exec(store_db(store),
				      "UPDATE enterprises SET name_key = CAST(name AS BLOB);"
				      "UPDATE meta SET value = 'C.UTF-8' WHERE key = 'sort_collation'",
				      NULL, NULL, NULL), SQLITE_OK);
	store_close(&store);
	store = open_store();
	assert_int_equal(page_names(store, &q, names, 16), 8);
	for (i = 0; i < 7; i++)
		assert_string_equal(names[i], pinyin_order[i + 1]);
	assert_string_equal(names[7], "周口机电有限公司");
	store_close(&store);
}

/* The plan of a page query: no full scan of a table, and sorts on names
 * walk the key's index. */
static void check_plan(struct store *store, const struct case_query *q, bool keyed, bool backward,
		       const char *index)
{
	char *sql = store_case_page_sql(q, keyed, backward, 21), plan[2048] = "";
	sqlite3_stmt *stmt = NULL;
	size_t used = 0;

	assert_non_null(sql);
	{
		char *explain = NULL;

		assert_true(asprintf(&explain, "EXPLAIN QUERY PLAN %s", sql) > 0);
		assert_int_equal(sqlite3_prepare_v2(store_db(store), explain, -1, &stmt, NULL), SQLITE_OK);
		free(explain);
	}
	while (sqlite3_step(stmt) == SQLITE_ROW && used < sizeof(plan))
		used += (size_t)snprintf(plan + used, sizeof(plan) - used, "%s\n",
					 (const char *)sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	free(sql);
	if (!strstr(plan, index) || strstr(plan, "SCAN c\n") || strstr(plan, "SCAN e\n") || strstr(plan, "SCAN f\n") ||
	    strstr(plan, "SCAN cases") || strstr(plan, "SCAN enterprises") || strstr(plan, "SCAN factories"))
		fail_msg("the page query does not walk %s:\n%s", index, plan);
}

static void test_page_plan(void **state)
{
	struct case_query q = { .sort = SORT_ENTERPRISE, .today = today };
	struct store *store;

	(void)state;
	store = open_store();
	check_plan(store, &q, false, false, "enterprises_name_key");
	check_plan(store, &q, true, false, "enterprises_name_key");
	check_plan(store, &q, true, true, "enterprises_name_key");
	q.descending = true;
	check_plan(store, &q, true, false, "enterprises_name_key");
	q.sort = SORT_REGION;
	check_plan(store, &q, true, false, "enterprises_region_name_key");
	store_close(&store);
}

#define MANY 100000
#define PAGE 1000

/* MANY cases made in SQL from the eight enterprises' rows (names repeating
 * every 1,000 enterprises, so keys tie), their keys made by the store. */
static void make_many(void)
{
	static const char *const sql =
		"BEGIN;"
		"CREATE TEMP TABLE n AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
		"  SELECT i FROM n;"
		"CREATE TEMP TABLE base AS SELECT row_number() OVER (ORDER BY e.rowid) - 1 AS k, e.name, e.credit_code,"
		"  e.region, c.level, c.state FROM enterprises e JOIN factories f ON f.enterprise_id = e.id"
		"  JOIN cases c ON c.factory_id = f.id;"
		"INSERT INTO enterprises (id, name, credit_code, region, created_at)"
		"  SELECT printf('e%031d', i), substr(b.name, 1, 2) || printf('%03d', i % 1000) || substr(b.name, 3),"
		"  b.credit_code, b.region, '2026-11-28' FROM n JOIN base b ON b.k = i % 8;"
		"INSERT INTO factories (id, enterprise_id, name, created_at)"
		"  SELECT printf('f%031d', i), printf('e%031d', i), 'F', '2026-11-28' FROM n;"
		"INSERT INTO cases (id, number, factory_id, level, year, state, region, created_at)"
		"  SELECT printf('c%031d', i), printf('HB-2020-BAS-%06d', i), printf('f%031d', i), b.level, 2020,"
		"  b.state, b.region, '2026-11-28' FROM n JOIN base b ON b.k = i % 8;"
		"DELETE FROM meta WHERE key = 'sort_collation';"
		"COMMIT;";
	struct store *store = open_store();
	char *message = NULL;

	if (sqlite3_exec(store_db(store), sql, NULL, NULL, &message) != SQLITE_OK)
		fail_msg("%s", message);
	store_close(&store);
}

static int key_order(const char *a, const char *b)
{
	size_t la, lb;
	unsigned char *ka = store_sort_key(a, &la), *kb = store_sort_key(b, &lb);
	int c;

	assert_non_null(ka);
	assert_non_null(kb);
	c = memcmp(ka, kb, la < lb ? la : lb);
	if (!c)
		c = la < lb ? -1 : la > lb;
	free(ka);
	free(kb);
	return c;
}

static void test_paging_many(void **state)
{
	struct case_query q = { .sort = SORT_ENTERPRISE, .today = today };
	static struct case_row pages[MANY / PAGE + 2][PAGE];
	static size_t counts[MANY / PAGE + 2];
	struct case_row back[PAGE];
	struct error err = { "" };
	struct store *store;
	size_t n = 0, total = 0, i, j, count;

	(void)state;
	if (!zh_collation())
		skip();
	make_many();
	store = open_store();
	/* The database in memory: this test is of the order, not of the disk. */
	assert_int_equal(sqlite3_exec(store_db(store), "PRAGMA cache_size = -262144", NULL, NULL, NULL), SQLITE_OK);
	/* Forward, a page at a time from the last row of the one before. */
	do {
		const char *after = n ? pages[n - 1][counts[n - 1] - 1].number : NULL;

		assert_true(n < MANY / PAGE + 2);
		assert_int_equal(store_case_page(store, &q, after, false, STORE_FORWARD, PAGE, pages[n], &counts[n], &err),
				 STATUS_OK);
		total += counts[n];
	} while (counts[n++] == PAGE);
	assert_int_equal(total, MANY + 8);
	/* In order, each row once: the keys never go down, ties by number. */
	for (i = 0; i < n; i++)
		for (j = 0; j < counts[i]; j++) {
			const struct case_row *row = &pages[i][j];
			const struct case_row *prev = j ? &pages[i][j - 1] : i ? &pages[i - 1][counts[i - 1] - 1] : NULL;
			int c;

			if (!prev)
				continue;
			c = key_order(prev->enterprise, row->enterprise);
			if (c > 0 || (c == 0 && strcmp(prev->number, row->number) >= 0))
				fail_msg("out of order: %s %s, then %s %s", prev->number, prev->enterprise, row->number,
					 row->enterprise);
		}
	/* Back from the last page: each page before is the one seen going forward. */
	for (i = n - 1; i > 0; i--) {
		assert_int_equal(store_case_page(store, &q, pages[i][0].number, false, STORE_BACKWARD, PAGE, back, &count,
						 &err), STATUS_OK);
		assert_int_equal(count, counts[i - 1]);
		for (j = 0; j < count; j++)
			if (strcmp(back[j].number, pages[i - 1][j].number))
				fail_msg("page %zu back: row %zu is %s, forward it was %s", i - 1, j, back[j].number,
					 pages[i - 1][j].number);
		case_rows_clear(back, count);
	}
	for (i = 0; i < n; i++)
		case_rows_clear(pages[i], counts[i]);
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinyin_order),
		cmocka_unit_test(test_key_ignores_user_locale),
		cmocka_unit_test(test_keys_remade),
		cmocka_unit_test(test_page_plan),
		cmocka_unit_test(test_paging_many),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
