/* The dashboard's kept counts (schema migration 19, stats.c) and the
 * stages' (migration 23, list.c) against the cases and scenarios they
 * count: a count changed, or a case written with the triggers off, is
 * named. */
#include <sqlite3.h>

#include "gradus/text/i18n.h"
#include "store_private.h"
#include "verify_private.h"

/* Each group whose kept count is not the number of its rows: its key, the
 * count kept, the rows counted. */
static const char *const case_counts_sql =
	"WITH rows AS (SELECT level, state, coalesce(region, '') AS region, count(*) AS n FROM cases GROUP BY 1, 2, 3)"
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

static const char *const stage_counts_sql =
	"WITH rows AS (SELECT t.stage, count(DISTINCT s.case_id) AS n FROM case_scenarios s"
	"  JOIN scenario_stages t ON t.scenario = s.scenario GROUP BY 1)"
	" SELECT k.stage, k.n, coalesce(r.n, 0) FROM stage_counts k LEFT JOIN rows r ON r.stage = k.stage"
	"  WHERE k.n IS NOT coalesce(r.n, 0)"
	" UNION ALL SELECT r.stage, 0, r.n FROM rows r WHERE NOT EXISTS"
	"  (SELECT 1 FROM stage_counts k WHERE k.stage = r.stage)";

static enum status check(struct verifier *v, const char *sql, const char *table, struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	int rc = sqlite3_prepare_v2(store_db(v->store), sql, -1, &stmt, NULL);
	bool row;

	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	while (!status && !(status = store_step(v->store, stmt, &row, err)) && row)
		/* L10N: verify: a count kept for the dashboard (case_counts: "level state region",
		 * scenario_counts: a scenario) or the list (stage_counts: a stage) that is not the
		 * number of rows it counts */
		verify_report(v, _("%s %s: the count kept is %lld but %lld rows are counted"), table,
			      verify_text(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2));
	sqlite3_finalize(stmt);
	return status;
}

enum status verify_counts(struct verifier *v, struct error *err)
{
	enum status status = check(v, case_counts_sql, "case_counts", err);

	if (!status)
		status = check(v, scenario_counts_sql, "scenario_counts", err);
	return status ? status : check(v, stage_counts_sql, "stage_counts", err);
}
