/* What an import writes does not grow with the office: the same 100 new
 * cases of enterprises already there dirty about as many pages of the
 * database in an office of 1,000 cases as in one of 10,000. Pages, counted
 * by SQLite (SQLITE_DBSTATUS_CACHE_WRITE: every page the import wrote out,
 * to the WAL), not time, so a busy machine does not change the answer.
 *
 * With random record ids each new record landed on a page of its own in
 * every index that holds an id (the ids of cases and factories, the audit's
 * rows, a case's factory ...): more such pages the larger the office. Ids
 * that grow with time (store_new_id) put them at the end of each index.
 * What stays scattered is what the row itself keys: its enterprise's own
 * place among the enterprises' factories. */
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
#include "store/store_private.h"

#define ROWS 100

/* The pages the import of text wrote out (the cases it made: created). */
static int pages_written(struct store *store, char *text, size_t *created)
{
	struct import_options options = { 0 };
	struct import_summary s;
	struct error err = { "" };
	int before = 0, after = 0, high;

	assert_int_equal(sqlite3_db_status(store->db, SQLITE_DBSTATUS_CACHE_WRITE, &before, &high, 0), SQLITE_OK);
	if (import_csv(store, testkit_group.forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &options, &s, &err))
		fail_msg("%s", err.message);
	assert_int_equal(sqlite3_db_status(store->db, SQLITE_DBSTATUS_CACHE_WRITE, &after, &high, 0), SQLITE_OK);
	*created = s.created;
	import_summary_clear(&s);
	free(text);
	return after - before;
}

static void pages_of_an_import_do_not_grow_with_the_office(void **state)
{
	struct store *store = NULL;
	size_t created;
	int small, large;

	(void)state;
	unit_db_remove(testkit_group.path);
	store = testkit_open(testkit_group.path, "boss");
	authority_use_forms(store, testkit_group.forms);
	pages_written(store, testkit_sheet(0, 1000, 0), &created);
	assert_int_equal(created, 1000);
	/* new cases, in 2031, of 100 enterprises spread over the office */
	small = pages_written(store, testkit_sheet(0, ROWS, 2031), &created);
	assert_int_equal(created, ROWS);
	pages_written(store, testkit_sheet(1000, 10000, 0), &created);
	assert_int_equal(created, 9000);
	large = pages_written(store, testkit_sheet(0, ROWS, 2032), &created);
	assert_int_equal(created, ROWS);
	printf("%d rows wrote %d pages into 1,000 cases, %d into 10,000 (%.2fx)\n", ROWS, small, large,
	       (double)large / small);
	assert_true(large <= small * 3 / 2);
	store_close(&store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_of_an_import_do_not_grow_with_the_office),
	};

	return cmocka_run_group_tests(tests, testkit_setup_fresh, testkit_teardown);
}
