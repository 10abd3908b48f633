/* The write path's field lists (src/store/schema.c) against the tables the
 * migrations make (PRAGMA table_info of schema_expected_open): every column
 * but the id is a field the write path audits, or one of the few derived or
 * unaudited columns named here with the reason; every field is a column. A
 * migration that adds a column without its field, or a field list that names
 * a column no migration made, fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "store/schema.h"

/* Columns outside the audit, each with why. */
static const char *const unaudited[] = {
	"cases.region",      /* derived from the enterprise's region (search.c) */
	"attachments.data",  /* a file's bytes: verify checks their SHA-256 */
	"enterprises.name_key", /* the name's sort key (sortkey.c), kept from the name */
	NULL,
};

static bool is_unaudited(const char *table, const char *column)
{
	char name[200];
	size_t i;

	snprintf(name, sizeof(name), "%s.%s", table, column);
	for (i = 0; unaudited[i]; i++)
		if (!strcmp(unaudited[i], name))
			return true;
	return false;
}

static void every_column_is_a_field(void **state)
{
	sqlite3 *db = NULL;
	const struct schema_table *table;
	size_t i, j, wrong = 0;
	int rc;

	(void)state;
	rc = schema_expected_open(&db, false);
	assert_int_equal(rc, SQLITE_OK);
	for (i = 0; (table = schema_table_at(i)); i++) {
		sqlite3_stmt *stmt = NULL;
		char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q)", table->name);
		size_t columns = 0, fields = 0;

		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *column = (const char *)sqlite3_column_text(stmt, 0);

			columns++;
			if (!strcmp(column, "id") || is_unaudited(table->name, column))
				continue;
			if (!schema_has_field(table, column) && ++wrong)
				print_error("%s.%s is a column the write path does not audit: add it to the table's field list\n",
					 table->name, column);
		}
		sqlite3_finalize(stmt);
		sqlite3_free(sql);
		assert_true(columns > 0);
		for (j = 0; table->fields[j]; j++) {
			char *one = sqlite3_mprintf("SELECT 1 FROM pragma_table_info(%Q) WHERE name = %Q", table->name,
						    table->fields[j]);

			assert_int_equal(sqlite3_prepare_v2(db, one, -1, &stmt, NULL), SQLITE_OK);
			if (sqlite3_step(stmt) != SQLITE_ROW && ++wrong)
				print_error("%s.%s is in the field list but no migration made the column\n", table->name,
					 table->fields[j]);
			sqlite3_finalize(stmt);
			sqlite3_free(one);
			fields++;
		}
		assert_true(fields > 0);
	}
	sqlite3_close(db);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_column_is_a_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
