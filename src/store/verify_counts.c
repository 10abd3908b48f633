/* The dashboard's kept counts (schema migration 19, stats.c) and the
 * stages' (migration 23, list.c) against the cases and scenarios they
 * count: a count changed, or a case written with the triggers off, is
 * named. */
#include <sqlite3.h>
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
static const char *const scenario_counts_sql =
	"WITH rows AS (SELECT scenario, count(*) AS n FROM case_scenarios GROUP BY 1)"
	" SELECT k.scenario, k.n, coalesce(r.n, 0) FROM scenario_counts k LEFT JOIN rows r ON r.scenario = k.scenario"
	"  WHERE k.n IS NOT coalesce(r.n, 0)"
	" UNION ALL SELECT r.scenario, 0, r.n FROM rows r WHERE NOT EXISTS"
	"  (SELECT 1 FROM scenario_counts k WHERE k.scenario = r.scenario)";

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

/* Each stage's cases into temp.stage_rows: the scenarios' rows read in the
 * order of their case (the index on case_id and scenario), each case
 * counted once a stage, not sorted by stage with a set of cases a stage
 * (100,000 cases: 0.15 s, not 0.35). */
static enum status stage_rows(struct verifier *v, struct error *err)
{
	static const char *const sql = "SELECT s.case_id, t.stage FROM case_scenarios s"
				       " JOIN scenario_stages t ON t.scenario = s.scenario ORDER BY s.case_id";
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
