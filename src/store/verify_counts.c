/* The dashboard's kept counts (schema migration 19, stats.c) and the
 * stages' (migration 23, list.c) against the cases and scenarios they
 * count: a count changed, or a case written with the triggers off, is
 * named. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"
#include "verify_private.h"

/* Each group whose kept count is not the number of its rows: its key, the
 * count kept, the rows counted. */
/* cases NOT INDEXED: read in the table's order and sorted, not along
 * cases_level with a seek into the table for each case's state and region
 * (10,000 cases: 6 ms, not 12) */
static const char *const case_counts_sql =
	"WITH rows AS (SELECT level, state, coalesce(region, '') AS region, count(*) AS n FROM cases NOT INDEXED"
	"  GROUP BY 1, 2, 3)"
	" SELECT k.level || ' ' || k.state || ' ' || k.region, k.n, coalesce(r.n, 0) FROM case_counts k"
	"  LEFT JOIN rows r ON r.level = k.level AND r.state = k.state AND r.region = k.region"
	"  WHERE k.n IS NOT coalesce(r.n, 0)"
	" UNION ALL SELECT r.level || ' ' || r.state || ' ' || r.region, 0, r.n FROM rows r WHERE NOT EXISTS"
	"  (SELECT 1 FROM case_counts k WHERE k.level = r.level AND k.state = r.state AND k.region = r.region)";
/* The scenarios each case declares (cases.scenarios, migration 26), a row
 * each, for the cases whose field is well formed (else scenarios_bad_sql). */
#define DECLARED \
	"SELECT c.id AS case_id, j.value AS scenario FROM cases c, json_each('[' || c.scenarios || ']') j" \
	" WHERE c.scenarios IS NOT NULL AND json_valid('[' || c.scenarios || ']')"
/* The kept counts against scenario_cases (held to the field below). */
static const char *const scenario_counts_sql =
	"WITH rows AS (SELECT scenario, count(*) AS n FROM scenario_cases GROUP BY 1)"
	" SELECT k.scenario, k.n, coalesce(r.n, 0) FROM scenario_counts k LEFT JOIN rows r ON r.scenario = k.scenario"
	"  WHERE k.n IS NOT coalesce(r.n, 0)"
	" UNION ALL SELECT r.scenario, 0, r.n FROM rows r WHERE NOT EXISTS"
	"  (SELECT 1 FROM scenario_counts k WHERE k.scenario = r.scenario)";

/* scenario_cases, kept from cases.scenarios by triggers (migration 26),
 * against the field: each scenario's cases, counted and their ids summed
 * through a 32-bit hash (case_key), on both sides, in one reading of each
 * (sorting them to compare row by row costs as much as the rest of verify
 * at 10,000 cases); when a scenario differs, the rows are compared to name
 * a row kept that no case declares, a scenario declared and not kept (by
 * the case's number when there is such a case). */
static const char *const scenario_cases_sums_sql =
	"WITH d AS MATERIALIZED (SELECT scenario, count(*) AS n, sum(case_key(case_id)) AS k FROM (" DECLARED ")"
	" GROUP BY 1),"
	" s AS MATERIALIZED (SELECT scenario, count(*) AS n, sum(case_key(case_id)) AS k FROM scenario_cases GROUP BY 1)"
	" SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM s UNION ALL SELECT * FROM s EXCEPT SELECT * FROM d)";
static const char *const scenario_cases_kept_sql =
	"SELECT coalesce((SELECT number FROM cases WHERE id = k.case_id), k.case_id), k.scenario FROM"
	" (SELECT case_id, scenario FROM scenario_cases EXCEPT SELECT case_id, scenario FROM (" DECLARED ")) k";
static const char *const scenario_cases_missing_sql =
	"SELECT (SELECT number FROM cases WHERE id = k.case_id), k.scenario FROM"
	" (SELECT case_id, scenario FROM (" DECLARED ") EXCEPT SELECT case_id, scenario FROM scenario_cases) k";
static const char *const scenarios_bad_sql =
	"SELECT number, scenarios FROM cases WHERE scenarios IS NOT NULL AND NOT json_valid('[' || scenarios || ']')";

/* The cases of each stage (count(DISTINCT case_id) of its scenarios'
 * rows) are counted by stage_rows into temp.stage_rows, in stage order. */
static const char *const stage_counts_sql =
	"WITH rows AS (SELECT stage, n FROM temp.stage_rows)"
	" SELECT k.stage, k.n, coalesce(r.n, 0) FROM stage_counts k LEFT JOIN rows r ON r.stage = k.stage"
	"  WHERE k.n IS NOT coalesce(r.n, 0)"
	" UNION ALL SELECT r.stage, 0, r.n FROM rows r WHERE NOT EXISTS"
	"  (SELECT 1 FROM stage_counts k WHERE k.stage = r.stage)";

/* Each row of sql, a problem that report says (with what). */
static enum status each_row(struct verifier *v, const char *sql,
			    void (*report)(struct verifier *, const void *, sqlite3_stmt *), const void *what,
			    struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	int rc = sqlite3_prepare_v2(store_db(v->store), sql, -1, &stmt, NULL);
	bool row;

	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row)
		report(v, what, stmt);
	sqlite3_finalize(stmt);
	return status;
}

/* A kept count that is not the number of rows it counts (what: its table). */
static void count_report(struct verifier *v, const void *what, sqlite3_stmt *stmt)
{
	/* L10N: verify: a count kept for the dashboard (case_counts: "level state region",
	 * scenario_counts: a scenario) or the list (stage_counts: a stage) that is not the
	 * number of rows it counts */
	verify_report(v, _("%s %s: the count kept is %lld but %lld rows are counted"), (const char *)what,
		      verify_text(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2));
}

static enum status check(struct verifier *v, const char *sql, const char *table, struct error *err)
{
	return each_row(v, sql, count_report, table, err);
}

/* case_key(text): FNV-1a of its bytes, 32 bits (sums of them stay exact). */
static void case_key(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	const unsigned char *p = sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	uint32_t h = 2166136261u;

	(void)argc;
	while (p && n-- > 0)
		h = (h ^ *p++) * 16777619u;
	sqlite3_result_int64(context, (sqlite3_int64)h);
}

/* Whether scenario_cases holds what the cases declare (see
 * scenario_cases_sums_sql): *same. */
static enum status scenario_cases_same(struct verifier *v, bool *same, struct error *err)
{
	sqlite3 *db = store_db(v->store);
	sqlite3_stmt *stmt = NULL;
	enum status status;
	long n = 0;
	int rc = sqlite3_create_function(db, "case_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					 case_key, NULL, NULL);

	*same = false;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, scenario_cases_sums_sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return store_fail(v->store, rc, err, _("verifying records"));
	}
	status = store_count(v->store, stmt, &n, err);
	sqlite3_finalize(stmt);
	*same = !status && n == 0;
	return status;
}

static void kept_report(struct verifier *v, const void *what, sqlite3_stmt *stmt)
{
	(void)what;
	/* L10N: verify: a case's number, a scenario kept for the list's filters that the case does not declare */
	verify_report(v, _("case %s: scenario %s is kept in scenario_cases but the case does not declare it"),
		      verify_text(stmt, 0), verify_text(stmt, 1));
}

static void missing_report(struct verifier *v, const void *what, sqlite3_stmt *stmt)
{
	(void)what;
	/* L10N: verify: a case's number, a scenario it declares that the list's filters do not keep */
	verify_report(v, _("case %s: scenario %s is declared but not kept in scenario_cases"), verify_text(stmt, 0),
		      verify_text(stmt, 1));
}

static void bad_report(struct verifier *v, const void *what, sqlite3_stmt *stmt)
{
	(void)what;
	/* L10N: verify: a case's number and its field scenarios, which is not "1,5,12" */
	verify_report(v, _("case %s: field scenarios holds \"%s\", not scenario numbers between commas"),
		      verify_text(stmt, 0), verify_text(stmt, 1));
}

/* A value met again: the same type and bytes (case_id and stage are text
 * or blob, compared as BINARY; NULL is NULL). */
static bool same_value(sqlite3_value *a, int type, const void *bytes, int size)
{
	return sqlite3_value_type(a) == type &&
	       (type == SQLITE_NULL ||
		(sqlite3_value_bytes(a) == size && (!size || !memcmp(sqlite3_value_blob(a), bytes, (size_t)size))));
}

struct stage_row {
	sqlite3_value *stage;
	long n, last; /* its cases, and the last case counted (its number in the reading) */
};

static int stage_order(const void *a, const void *b)
{
	sqlite3_value *x = ((const struct stage_row *)a)->stage, *y = ((const struct stage_row *)b)->stage;
	int tx = sqlite3_value_type(x), ty = sqlite3_value_type(y), nx, ny, c;

	/* GROUP BY's order: NULL, then text, then blobs; each BINARY */
	if (tx != ty)
		return tx == SQLITE_NULL ? -1 : ty == SQLITE_NULL ? 1 : tx == SQLITE_BLOB ? 1 : ty == SQLITE_BLOB ? -1 : tx - ty;
	nx = sqlite3_value_bytes(x);
	ny = sqlite3_value_bytes(y);
	c = nx && ny ? memcmp(sqlite3_value_blob(x), sqlite3_value_blob(y), (size_t)(nx < ny ? nx : ny)) : 0;
	return c ? c : nx - ny;
}

/* Each stage's cases into temp.stage_rows: the scenarios each case
 * declares, read case by case from its field, each case counted once a
 * stage, not sorted by stage with a set of cases a stage. */
static enum status stage_rows(struct verifier *v, struct error *err)
{
	static const char *const sql =
		"SELECT c.id, t.stage FROM cases c CROSS JOIN json_each('[' || c.scenarios || ']') j"
		" CROSS JOIN scenario_stages t ON t.scenario = j.value"
		" WHERE c.scenarios IS NOT NULL AND json_valid('[' || c.scenarios || ']')";
	sqlite3 *db = store_db(v->store);
	sqlite3_stmt *stmt = NULL, *insert = NULL;
	struct stage_row *rows = NULL;
	size_t count = 0, capacity = 0, i;
	sqlite3_value *last_case = NULL;
	enum status status = STATUS_OK;
	long cases = 0;
	bool row;
	int rc = sqlite3_exec(db, "DROP TABLE IF EXISTS temp.stage_rows; CREATE TEMP TABLE stage_rows (stage, n)", NULL,
			      NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO temp.stage_rows VALUES (?1, ?2)", -1, &insert, NULL);
	if (rc != SQLITE_OK)
		status = store_fail(v->store, rc, err, _("verifying records"));
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row) {
		sqlite3_value *id = sqlite3_column_value(stmt, 0), *stage = sqlite3_column_value(stmt, 1);
		int type = sqlite3_value_type(stage), size = sqlite3_value_bytes(stage);
		const void *bytes = sqlite3_value_blob(stage);

		if (!last_case || !same_value(last_case, sqlite3_value_type(id), sqlite3_value_blob(id),
					      sqlite3_value_bytes(id))) {
			sqlite3_value_free(last_case);
			if (!(last_case = sqlite3_value_dup(id)))
				status = STATUS_ERR_NOMEM;
			cases++;
		}
		for (i = 0; i < count && !same_value(rows[i].stage, type, bytes, size); i++)
			;
		if (!status && i == count && !(status = store_grow((void **)&rows, &capacity, count, sizeof(*rows)))) {
			rows[count] = (struct stage_row){ sqlite3_value_dup(stage), 0, 0 };
			status = rows[count++].stage ? STATUS_OK : STATUS_ERR_NOMEM;
		}
		if (!status && sqlite3_value_type(id) != SQLITE_NULL && rows[i].last != cases) {
			rows[i].n++;
			rows[i].last = cases;
		}
	}
	if (!status && count)
		qsort(rows, count, sizeof(*rows), stage_order);
	for (i = 0; !status && i < count; i++) {
		sqlite3_bind_value(insert, 1, rows[i].stage);
		sqlite3_bind_int64(insert, 2, rows[i].n);
		if ((rc = sqlite3_step(insert)) != SQLITE_DONE)
			status = store_fail(v->store, rc, err, _("verifying records"));
		sqlite3_reset(insert);
	}
	for (i = 0; i < count; i++)
		sqlite3_value_free(rows[i].stage);
	free(rows);
	sqlite3_value_free(last_case);
	sqlite3_finalize(stmt);
	sqlite3_finalize(insert);
	return status;
}

enum status verify_counts(struct verifier *v, struct error *err)
{
	enum status status = check(v, case_counts_sql, "case_counts", err);
	bool same;

	if (!status)
		status = each_row(v, scenarios_bad_sql, bad_report, NULL, err);
	if (!status && !(status = scenario_cases_same(v, &same, err)) && !same) {
		status = each_row(v, scenario_cases_kept_sql, kept_report, NULL, err);
		if (!status)
			status = each_row(v, scenario_cases_missing_sql, missing_report, NULL, err);
	}
	if (!status)
		status = check(v, scenario_counts_sql, "scenario_counts", err);
	if (!status)
		status = stage_rows(v, err);
	if (!status)
		status = check(v, stage_counts_sql, "stage_counts", err);
	sqlite3_exec(store_db(v->store), "DROP TABLE IF EXISTS temp.stage_rows", NULL, NULL, NULL);
	return status;
}

/* The kept deadlines (case_dues, schema 25, agenda.c) against the next
 * deadline the audit holds, and, with the forms, against the deadlines
 * the rules give each case now: a row changed, added or removed outside
 * gradus, or kept by other rules, is named. */
static const char *const dues_next_sql =
	"SELECT c.number, coalesce(c.next_due, ''), coalesce(d.first, '') FROM cases c"
	" LEFT JOIN (SELECT case_id, min(due_on) AS first FROM case_dues GROUP BY case_id) d ON d.case_id = c.id"
	" WHERE c.next_due IS NOT d.first";
static const char *const dues_orphan_sql =
	"SELECT case_id, kind, due_on FROM case_dues WHERE case_id NOT IN (SELECT id FROM cases)";
static const char *const dues_kept_sql =
	"SELECT number, kind, due_on FROM (SELECT case_id, kind, due_on, number, provisional FROM case_dues"
	" EXCEPT SELECT case_id, kind, due_on, number, provisional FROM temp.dues_expected) ORDER BY 1, 2";
static const char *const dues_missing_sql =
	"SELECT number, kind, due_on FROM (SELECT case_id, kind, due_on, number, provisional FROM temp.dues_expected"
	" EXCEPT SELECT case_id, kind, due_on, number, provisional FROM case_dues) ORDER BY 1, 2";

enum dues_problem { DUES_NEXT, DUES_ORPHAN, DUES_KEPT, DUES_MISSING };

static void dues_report(struct verifier *v, enum dues_problem problem, sqlite3_stmt *row)
{
	const char *a = verify_text(row, 0), *b = verify_text(row, 1), *c = verify_text(row, 2);

	switch (problem) {
	case DUES_NEXT:
		/* L10N: verify: a case (its number) whose next deadline (cases.next_due) is not the
		 * first of the deadlines kept for the agenda (case_dues); the dates, or empty for none */
		verify_report(v, _("case_dues: case %s: its next deadline is \"%s\" but its kept deadlines begin \"%s\""),
			      a, b, c);
		break;
	case DUES_ORPHAN:
		/* L10N: verify: a deadline kept for the agenda (its kind) for a case id that is not in the database */
		verify_report(v, _("case_dues: %s kept for case %s, which is not in the database"), b, a);
		break;
	case DUES_KEPT:
		/* L10N: verify: a deadline kept for the agenda (case_dues) that the forms' rules do not
		 * give that case: its number, its kind (review_application, expiry...), its date */
		verify_report(v, _("case_dues: case %s: %s due %s is kept, but the rules give no such deadline"), a, b, c);
		break;
	case DUES_MISSING:
		/* L10N: verify: a deadline the forms' rules give a case that is not kept for the agenda
		 * (case_dues): its number, its kind, its date */
		verify_report(v, _("case_dues: case %s: the rules give %s due %s, which is not kept"), a, b, c);
		break;
	}
}

/* A problem of the kept deadlines (what: its enum dues_problem). */
static void dues_row(struct verifier *v, const void *what, sqlite3_stmt *stmt)
{
	dues_report(v, *(const enum dues_problem *)what, stmt);
}

static enum status dues_rows(struct verifier *v, const char *sql, enum dues_problem problem, struct error *err)
{
	return each_row(v, sql, dues_row, &problem, err);
}

/* The deadlines the rules give, in temp.dues_expected. */
static enum status dues_expected(struct verifier *v, struct error *err)
{
	sqlite3 *db = store_db(v->store);
	sqlite3_stmt *insert = NULL;
	enum status status = STATUS_OK;
	int rc = sqlite3_exec(db, "DROP TABLE IF EXISTS temp.dues_expected;"
			      "CREATE TEMP TABLE dues_expected (case_id TEXT, kind TEXT, due_on TEXT, number TEXT,"
			      " provisional INTEGER)", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO temp.dues_expected VALUES (?1, ?2, ?3, ?4, ?5)", -1, &insert, NULL);
	if (rc != SQLITE_OK)
		status = store_fail(v->store, rc, err, _("verifying records"));
	if (!status)
		status = case_dues_compute_all(v->store, v->store->forms, insert, err);
	sqlite3_finalize(insert);
	return status;
}

enum status verify_dues(struct verifier *v, struct error *err)
{
	enum status status = dues_rows(v, dues_next_sql, DUES_NEXT, err);

	if (!status)
		status = dues_rows(v, dues_orphan_sql, DUES_ORPHAN, err);
	if (status || v->bundle || !v->store->forms)
		return status;
	status = dues_expected(v, err);
	if (!status)
		status = dues_rows(v, dues_kept_sql, DUES_KEPT, err);
	if (!status)
		status = dues_rows(v, dues_missing_sql, DUES_MISSING, err);
	sqlite3_exec(store_db(v->store), "DROP TABLE IF EXISTS temp.dues_expected", NULL, NULL, NULL);
	return status;
}
