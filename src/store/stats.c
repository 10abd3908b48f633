/* The figures of the dashboard, each one query of the kept counts or of a
 * range of an index. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static enum status counts(struct store *store, const char *sql, struct count_row **rows, size_t *count,
			  struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	size_t capacity = 0;
	enum status status;
	bool row;

	*rows = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		struct count_row *r;

		if ((status = store_grow((void **)rows, &capacity, *count, sizeof(**rows))))
			break;
		r = &(*rows)[(*count)++];
		snprintf(r->key, sizeof(r->key), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(r->sub, sizeof(r->sub), "%s",
			 sqlite3_column_count(stmt) > 2 ? (const char *)sqlite3_column_text(stmt, 1) : "");
		r->count = sqlite3_column_int64(stmt, sqlite3_column_count(stmt) - 1);
	}
	sqlite3_reset(stmt);
	if (status) {
		free(*rows);
		*rows = NULL;
		*count = 0;
	}
	return status;
}

static enum status one(struct store *store, const char *sql, const char *day, long *n, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);

	*n = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, day, -1, SQLITE_STATIC);
	return store_count(store, stmt, n, err);
}

/* Each scenario's count of cases at its own number, as many slots as
 * the highest number declared needs. */
static enum status scenario_counts(const struct count_row *rows, size_t n, struct dashboard_data *out,
				   struct error *err)
{
	size_t slots = 0, i;

	for (i = 0; i < n; i++)
		if (atoi(rows[i].key) >= 1 && (size_t)atoi(rows[i].key) >= slots)
			slots = (size_t)atoi(rows[i].key) + 1;
	if (slots && !(out->scenario_cases = calloc(slots, sizeof(*out->scenario_cases))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	out->scenario_slots = slots;
	for (i = 0; i < n; i++)
		if (atoi(rows[i].key) >= 1)
			out->scenario_cases[atoi(rows[i].key)] = rows[i].count;
	return STATUS_OK;
}

enum status store_dashboard(struct store *store, struct date today, struct dashboard_data *out, struct error *err)
{
	/* the kept counts (schema migration 19): a row per group, not per case */
	static const char *const by_level_state =
		"SELECT level, state, sum(n) FROM case_counts GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2";
	static const char *const by_region =
		"SELECT region, sum(n) FROM case_counts GROUP BY 1 HAVING sum(n) > 0 ORDER BY 2 DESC, 1";
	static const char *const by_scenario = "SELECT scenario, n FROM scenario_counts WHERE n > 0";
	/* the range of cases_next_due: the overdue cases and those due this month only */
	static const char *const overdue = "SELECT count(*) FROM cases WHERE next_due < ?1";
	static const char *const by_month_end = "SELECT count(*) FROM cases WHERE next_due <= ?1";
	struct count_row *scenarios = NULL;
	char last[DATE_TEXT_SIZE], day[DATE_TEXT_SIZE];
	size_t n = 0;
	enum status status;

	memset(out, 0, sizeof(*out));
	status = counts(store, by_level_state, &out->level_state, &out->level_state_count, err);
	if (!status)
		status = counts(store, by_region, &out->regions, &out->region_count, err);
	if (!status)
		status = counts(store, by_scenario, &scenarios, &n, err);
	if (!status)
		status = scenario_counts(scenarios, n, out, err);
	free(scenarios);
	if (status) {
		dashboard_data_free(out);
		return status;
	}
	date_format(today, day);
	date_format((struct date){ today.year, today.month, date_days_in_month(today.year, today.month) }, last);
	status = one(store, overdue, day, &out->overdue, err);
	if (!status)
		status = one(store, by_month_end, last, &out->due_this_month, err);
	if (!status)
		status = store_case_count(store, NULL, &out->cases, err);
	if (status)
		dashboard_data_free(out);
	return status;
}

void dashboard_data_free(struct dashboard_data *data)
{
	free(data->level_state);
	free(data->regions);
	free(data->scenario_cases);
	memset(data, 0, sizeof(*data));
}
