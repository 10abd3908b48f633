/* The case list, read a window at a time by keyset pagination on the case
 * number: memory and time per page do not grow with the number of cases. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store.h"
#include "store_private.h"

#define CASE_COLUMNS \
	"SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due" \
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id "

static const char *const page_sql[2][2] = {
	{ CASE_COLUMNS "WHERE ?1 IS NULL OR c.number > ?1 ORDER BY c.number LIMIT ?2",
	  CASE_COLUMNS "WHERE ?1 IS NULL OR c.number >= ?1 ORDER BY c.number LIMIT ?2" },
	{ CASE_COLUMNS "WHERE ?1 IS NULL OR c.number < ?1 ORDER BY c.number DESC LIMIT ?2",
	  CASE_COLUMNS "WHERE ?1 IS NULL OR c.number <= ?1 ORDER BY c.number DESC LIMIT ?2" },
};

/* The same over the cases a search matches: the matches come from the index,
 * then are ordered by number (their count, not the table's, is the cost). */
#define MATCHING "AND c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?3) "
static const char *const search_sql[2][2] = {
	{ CASE_COLUMNS "WHERE (?1 IS NULL OR c.number > ?1) " MATCHING "ORDER BY c.number LIMIT ?2",
	  CASE_COLUMNS "WHERE (?1 IS NULL OR c.number >= ?1) " MATCHING "ORDER BY c.number LIMIT ?2" },
	{ CASE_COLUMNS "WHERE (?1 IS NULL OR c.number < ?1) " MATCHING "ORDER BY c.number DESC LIMIT ?2",
	  CASE_COLUMNS "WHERE (?1 IS NULL OR c.number <= ?1) " MATCHING "ORDER BY c.number DESC LIMIT ?2" },
};

static void fill_row(sqlite3_stmt *stmt, struct case_row *row)
{
	row->id = store_column_dup(stmt, 0);
	row->number = store_column_dup(stmt, 1);
	row->enterprise = store_column_dup(stmt, 2);
	row->credit_code = store_column_dup(stmt, 3);
	row->factory = store_column_dup(stmt, 4);
	row->region = store_column_dup(stmt, 5);
	row->level = store_column_dup(stmt, 6);
	row->state = store_column_dup(stmt, 7);
	row->year = sqlite3_column_int(stmt, 8);
	row->next_due = store_column_dup(stmt, 9);
}

void case_rows_clear(struct case_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].id);
		free(rows[i].number);
		free(rows[i].enterprise);
		free(rows[i].credit_code);
		free(rows[i].factory);
		free(rows[i].region);
		free(rows[i].level);
		free(rows[i].state);
		free(rows[i].next_due);
		memset(&rows[i], 0, sizeof(rows[i]));
	}
}

enum status store_case_page(struct store *store, const char *match, const char *key, bool inclusive,
			    enum store_direction direction, size_t limit,
			    struct case_row *rows, size_t *count, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, (match ? search_sql : page_sql)[direction == STORE_BACKWARD][inclusive],
					   err);
	int rc = SQLITE_DONE;
	size_t n = 0, i;

	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)limit);
	if (match)
		sqlite3_bind_text(stmt, 3, match, -1, SQLITE_STATIC);
	while (n < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fill_row(stmt, &rows[n++]);
	sqlite3_reset(stmt);
	if (n < limit && rc != SQLITE_DONE) {
		case_rows_clear(rows, n);
		return store_fail(store, rc, err, "reading cases");
	}
	if (direction == STORE_BACKWARD)
		for (i = 0; i < n / 2; i++) {
			struct case_row tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	*count = n;
	return STATUS_OK;
}

long store_case_count(struct store *store, const char *match)
{
	static const char *const all = "SELECT count(*) FROM cases";
	static const char *const matching = "SELECT count(*) FROM case_search WHERE case_search MATCH ?1";
	sqlite3_stmt *stmt = store_prepare(store, match ? matching : all, NULL);
	long n = 0;

	if (stmt && match)
		sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(stmt, 0);
	if (stmt)
		sqlite3_reset(stmt);
	return n;
}
