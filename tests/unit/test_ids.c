/* Record ids: 32 lower-case hex digits, as ever. Those of the records
 * written by the thousand (store_new_ordered_id: enterprises, factories,
 * cases, their parts, events) now in the order they are made (the
 * milliseconds since 1970, then random bits), so new records go to the end
 * of every index of ids; those a user names by a prefix (store_new_id)
 * still random; and whatever reads an id takes both, and the random ids
 * of older databases, alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testkit.h"
#include "gradus/store/authority.h"
#include "gradus/store/cases.h"
#include "store/store_private.h"

#define MANY 20000

static unsigned long long now_ms(void)
{
	struct timespec now;

	assert_int_equal(clock_gettime(CLOCK_REALTIME, &now), 0);
	return (unsigned long long)now.tv_sec * 1000 + (unsigned long long)now.tv_nsec / 1000000;
}

/* The milliseconds an ordered id begins with. */
static unsigned long long ms_of(const char *id)
{
	char time_part[13];

	memcpy(time_part, id, 12);
	time_part[12] = '\0';
	return strtoull(time_part, NULL, 16);
}

/* The format, the time in front, and each id above the one before, many
 * to a millisecond. */
static void ids_are_hex_and_grow(void **state)
{
	static char ids[MANY][33];
	unsigned long long before = now_ms(), after, ms;
	size_t i, same_ms = 0;

	(void)state;
	for (i = 0; i < MANY; i++)
		assert_int_equal(store_new_ordered_id(ids[i]), STATUS_OK);
	after = now_ms();
	for (i = 0; i < MANY; i++) {
		assert_int_equal(strlen(ids[i]), 32);
		assert_int_equal(strspn(ids[i], "0123456789abcdef"), 32);
		ms = ms_of(ids[i]);
		assert_true(ms >= before);
		assert_true(ms <= after + 1); /* a millisecond's ids that ran out of room move on to the next */
		if (i > 0) {
			if (strcmp(ids[i - 1], ids[i]) >= 0)
				fail_msg("id %zu %s is not above %s", i, ids[i], ids[i - 1]);
			same_ms += !memcmp(ids[i - 1], ids[i], 12);
		}
	}
	printf("%d ids in %llu ms, %zu after one of the same millisecond\n", MANY, after - before, same_ms);
	assert_true(same_ms > 0);
	/* the random part differs from one process's run to the next */
	assert_int_not_equal(memcmp(ids[0] + 12, ids[MANY / 2] + 12, 20), 0);
}

/* A record a user names by the first 6 digits of its id: random ones, so
 * two made one after the other seldom share them, and in no order. */
static void named_ids_stay_random(void **state)
{
	char ids[100][33];
	size_t i, shared = 0, ascending = 0;

	(void)state;
	for (i = 0; i < 100; i++) {
		assert_int_equal(store_new_id(ids[i]), STATUS_OK);
		assert_int_equal(strlen(ids[i]), 32);
		assert_int_equal(strspn(ids[i], "0123456789abcdef"), 32);
		if (i > 0) {
			shared += !memcmp(ids[i - 1], ids[i], 6);
			ascending += strcmp(ids[i - 1], ids[i]) < 0;
		}
	}
	assert_true(shared <= 1);
	assert_true(ascending > 20 && ascending < 80);
}

static struct store *store;

static const char *text_of(const char *sql, const char *id)
{
	static char out[64];
	sqlite3_stmt *stmt;

	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return out;
}

/* New ids (a case's, ordered; an expert's, random) and an old random one: found by the shortest prefix a user may
 * type (6 digits, that no other record of the kind shares), by the whole
 * id in any case, and kept by the audit as their 16 bytes. */
static void new_and_old_ids_are_read_alike(void **state)
{
	static const char old_id[] = "f3a9c27e5b1d48e09a6c3f71b2d8e4a5";
	struct field_value fields[] = {
		{ "code", "E0001" }, { "name", "张三" }, { "fields", "process" }, { "affiliation", "武汉理工大学" },
		{ "created_at", "2026-11-28T00:00:00Z" },
	};
	struct new_case in;
	struct error err = { "" };
	char case_id[33], number[32], expert_id[33], found[33], typed[33];
	const struct { enum store_kind kind; const char *id; } records[] = {
		{ STORE_CASE, case_id }, { STORE_EXPERT, expert_id }, { STORE_EXPERT, old_id },
	};
	size_t i, k;

	(void)state;
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	testkit_new_case(&in, "basic");
	assert_int_equal(case_create(store, testkit_group.forms, &in, case_id, number, NULL, &err), STATUS_OK);
	assert_int_equal(store_new_id(expert_id), STATUS_OK);
	assert_int_equal(store_insert(store, "experts", expert_id, fields, 5, &err), STATUS_OK);
	fields[0].value = "E0002";
	assert_int_equal(store_insert(store, "experts", old_id, fields, 5, &err), STATUS_OK);
	/* the case's id is ordered: its first 12 digits are the time it was made */
	assert_true(ms_of(case_id) <= now_ms() && ms_of(case_id) + 60000 > now_ms());
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		snprintf(typed, sizeof(typed), "%.6s", records[i].id);
		if (store_resolve(store, records[i].kind, typed, found, &err))
			fail_msg("%s: %s", typed, err.message);
		assert_string_equal(found, records[i].id);
		for (k = 0; records[i].id[k]; k++)
			typed[k] = (char)(records[i].id[k] >= 'a' ? records[i].id[k] - 32 : records[i].id[k]);
		typed[k] = '\0';
		assert_int_equal(store_resolve(store, records[i].kind, typed, found, &err), STATUS_OK);
		assert_string_equal(found, records[i].id);
		assert_string_equal(text_of("SELECT typeof(rid) || ' ' || length(rid) FROM audit WHERE row_id = ?1"
					    " ORDER BY seq LIMIT 1", records[i].id), "blob 16");
	}
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_are_hex_and_grow),
		cmocka_unit_test(named_ids_stay_random),
		cmocka_unit_test(new_and_old_ids_are_read_alike),
	};

	return cmocka_run_group_tests(tests, testkit_setup_fresh, testkit_teardown);
}
