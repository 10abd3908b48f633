/* The plans of the screens that read many cases: every statement the case
 * list (each sort, each filter, each direction of paging), the agenda and
 * the dashboard run, recorded as they run with sqlite3_trace_v2 (so the list
 * is the code's own, not a copy), is shown with EXPLAIN QUERY PLAN on an
 * office of a few hundred cases made by the store's own import, and fails
 * when it scans a table of the office: cases, enterprises, factories,
 * events, the audit, or any other table a case has rows in. The walks
 * allowed are along the list's sort's index, which its LIMIT stops after a
 * page: the unfiltered list's, and the sorts on the enterprise's, which walk
 * the enterprises in their index's order by design (store/list.c
 * BY_ENTERPRISE) and check each case against the filters. Without statistics (the office runs no ANALYZE), as
 * SQLite plans them in the field; with the page's size of a screen, as the
 * list writes it into its SQL. */
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
#include "gradus/store/cases.h"
#include "gradus/store/exchange.h"
#include "gradus/text/utf8.h"
#include "store/store_private.h"

#define OFFICE 300
#define MAX_SQL 512
#define PAGE 21 /* the rows of a list on an 80x24 terminal */

static const struct date today = { 2026, 11, 28 };

/* The statements seen, each with the walk it may take: NULL, none; "SCAN "
 * (the unfiltered list), any index's; "SCAN e " (a sort on the
 * enterprise, filtered), the enterprises' index's. */
static struct seen {
	char *sql;
	const char *may_walk;
} seen[MAX_SQL];
static size_t seen_count;
static const char *may_walk; /* of the statements run now */
static size_t executed;      /* statements run since set to 0 */

/* Scans that are not of the office's rows: the page's own subquery (k),
 * the agenda's union of milestones and follow-ups (x), a JSON list bound
 * in, the kept counts (a row per group: level, state, region; scenario),
 * the stage of each scenario, constant rows. */
static const char *const harmless[] = {
	"SCAN k", "SCAN x", "SCAN (subquery", "SCAN CONSTANT ROW", "SCAN json_each", "SCAN case_counts",
	"SCAN scenario_counts", "SCAN scenario_stages", NULL,
};

static int record(unsigned type, void *context, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	size_t i;

	(void)type;
	(void)context;
	(void)x;
	if (!sql || !strncmp(sql, "--", 2))
		return 0;
	executed++;
	for (i = 0; i < seen_count; i++)
		if (!strcmp(seen[i].sql, sql))
			return 0;
	if (seen_count < MAX_SQL)
		seen[seen_count++] = (struct seen){ strdup(sql), may_walk };
	return 0;
}

/* An office of enterprises of every region applying for every level over
 * five years, through the store's import (its write path). */
static void make_office(struct store *store)
{
	static const char *const levels[] = { "basic", "advanced", "excellent", "leading" };
	static const char *const regions[] = { "wuhan", "yichang", "xiangyang", "enshi", "huangshi" };
	size_t size = 128 + OFFICE * 160, used;
	char *text = malloc(size), code[USCC_LENGTH + 1];
	struct import_options options = { 0 };
	struct import_summary s;
	struct error err = { "" };
	long i;

	assert_non_null(text);
	used = (size_t)snprintf(text, size, "enterprise,uscc,region,level,year,note\n");
	for (i = 0; i < OFFICE; i++) {
		testkit_credit_code("420100", (unsigned long)(i * 7919 + 11), code);
		used += (size_t)snprintf(text + used, size - used, "武汉%ld精密有限公司,%s,%s,%s,%d,甲\n", i, code,
					 regions[i % 5], levels[i % 4], 2022 + (int)(i % 5));
	}
	if (import_csv(store, testkit_group.forms, IMPORT_CASES, "office.csv", text, used, &options, &s, &err))
		fail_msg("%s", err.message);
	import_summary_clear(&s);
	free(text);
}

/* The first page, the page after and before a case, and the last page, as
 * the list reads them (tui/list.c); then the count of its title. */
static void list_pages(struct store *store, const struct case_query *q)
{
	struct case_row rows[PAGE];
	struct error err = { "" };
	size_t count = 0;
	long total = 0;

	assert_int_equal(store_case_count(store, q, &total, &err), STATUS_OK);
	assert_int_equal(store_case_page(store, q, NULL, false, STORE_FORWARD, PAGE, rows, &count, &err), STATUS_OK);
	if (count) {
		char key[48];

		snprintf(key, sizeof(key), "%s", rows[count - 1].number);
		case_rows_clear(rows, count);
		assert_int_equal(store_case_page(store, q, key, true, STORE_FORWARD, PAGE, rows, &count, &err), STATUS_OK);
		case_rows_clear(rows, count);
		assert_int_equal(store_case_page(store, q, key, false, STORE_BACKWARD, PAGE, rows, &count, &err), STATUS_OK);
		case_rows_clear(rows, count);
		assert_int_equal(store_case_page(store, q, key, false, STORE_BACKWARD, 1, rows, &count, &err), STATUS_OK);
	}
	case_rows_clear(rows, count);
	assert_int_equal(store_case_page(store, q, NULL, false, STORE_BACKWARD, PAGE, rows, &count, &err), STATUS_OK);
	case_rows_clear(rows, count);
}

/* Every sort, both ways, alone and under each filter. */
static void run_the_list(struct store *store)
{
	char *common = store_search_query("武汉"), *rare = store_search_query("17精密");
	struct case_query filters[] = {
		{ .level = "excellent" }, { .state = "draft" }, { .region = "enshi" }, { .year = 2024 },
		{ .due_within = 30 }, { .overdue = true }, { .scenarios = "[1,2,3]", .stage = "construction" },
		{ .scenarios = "[1,2,3]" }, { .match = common },
		{ .match = rare }, { .level = "basic", .region = "wuhan" },
	};
	size_t f;
	int sort;

	assert_non_null(common);
	assert_non_null(rare);
	for (sort = 0; sort < SORT_COUNT; sort++) {
		struct case_query q = { .sort = (enum case_sort)sort, .today = today };

		may_walk = "SCAN ";
		list_pages(store, &q);
		q.descending = true;
		list_pages(store, &q);
		may_walk = sort == SORT_ENTERPRISE || sort == SORT_REGION ? "SCAN e " : NULL;
		for (f = 0; f < sizeof(filters) / sizeof(filters[0]); f++) {
			q = filters[f];
			q.sort = (enum case_sort)sort;
			q.today = today;
			list_pages(store, &q);
			q.descending = true;
			list_pages(store, &q);
		}
	}
	free(common);
	free(rare);
}

/* The agenda as its screen reads it (tui/agenda.c): the count of its
 * title, its first page, the page after, the page before that one, its
 * last page; then the whole of it as gradus agenda prints it. */
static void run_the_agenda(struct store *store)
{
	struct agenda_item first[PAGE], next[PAGE], *items = NULL;
	struct error err = { "" };
	size_t count = 0, got = 0, all = 0;
	long due = 0, overdue = 0;

	assert_int_equal(case_agenda_count(store, testkit_group.forms, today, 90, &due, &overdue, &err), STATUS_OK);
	assert_true(due > PAGE);
	assert_int_equal(case_agenda_page(store, testkit_group.forms, today, 90, NULL, false, PAGE, first, &count, &err),
			 STATUS_OK);
	assert_int_equal(count, PAGE);
	assert_int_equal(case_agenda_page(store, testkit_group.forms, today, 90, &first[PAGE - 1], false, PAGE, next, &got,
					  &err), STATUS_OK);
	assert_true(got > 0);
	agenda_free_rows(next, got);
	assert_int_equal(case_agenda_page(store, testkit_group.forms, today, 90, &first[PAGE - 1], true, PAGE, next, &got,
					  &err), STATUS_OK);
	/* the page before the second page is the first one less its last row */
	assert_int_equal(got, PAGE - 1);
	assert_string_equal(next[0].number, first[0].number);
	agenda_free_rows(next, got);
	agenda_free_rows(first, count);
	assert_int_equal(case_agenda_page(store, testkit_group.forms, today, 90, NULL, true, PAGE, next, &got, &err),
			 STATUS_OK);
	agenda_free_rows(next, got);
	assert_int_equal(case_agenda(store, testkit_group.forms, today, 90, &items, &all, &err), STATUS_OK);
	assert_int_equal((long)all, due);
	agenda_free(items, all);
}

static void run_the_agenda_and_dashboard(struct store *store)
{
	struct dashboard_data data;
	struct error err = { "" };

	may_walk = NULL;
	executed = 0;
	run_the_agenda(store);
	/* two counts, four pages, the whole: one query each, none per item */
	assert_in_range(executed, 1, 8);
	assert_int_equal(store_dashboard(store, today, &data, &err), STATUS_OK);
	assert_int_equal(data.cases, OFFICE);
	dashboard_data_free(&data);
}

static bool is_harmless(const char *line)
{
	const char *vindex = strstr(line, "VIRTUAL TABLE INDEX ");
	size_t i;

	/* a virtual table (the search index) is read through its own index: by a constraint */
	if (vindex && strchr(vindex, ':') && strchr(vindex, ':')[1])
		return true;
	for (i = 0; harmless[i]; i++)
		if (!strncmp(line, harmless[i], strlen(harmless[i])) &&
		    (line[strlen(harmless[i])] == ' ' || line[strlen(harmless[i])] == '\0' || harmless[i][5] == '('))
			return true;
	return false;
}

/* A wrong line of a plan: a scan of the office, unless harmless or the
 * walk of the sort's index the statement (context) may take. */
static bool scans_the_office(const char *line, const void *context)
{
	const struct seen *s = context;
	bool walk = s->may_walk && !strncmp(line, s->may_walk, strlen(s->may_walk)) &&
		    (strstr(line, " USING INDEX ") || strstr(line, " USING COVERING INDEX "));

	return !strncmp(line, "SCAN ", 5) && !is_harmless(line) && !walk;
}

/* Runs every screen's statements and checks their plans; the lines that fail. */
static int screens_checked(struct store *store, bool quiet, size_t *statements)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < seen_count; i++)
		free(seen[i].sql);
	seen_count = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record, NULL);
	run_the_list(store);
	run_the_agenda_and_dashboard(store);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	*statements = 0;
	for (i = 0; i < seen_count; i++)
		if (testkit_statement_of_rows(seen[i].sql)) {
			bad += testkit_plan_check(store->db, seen[i].sql, seen[i].may_walk ? "  [may walk its sort's index]" : "",
						  scans_the_office, &seen[i], quiet);
			(*statements)++;
		}
	return bad;
}

static void screens_use_an_index(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	size_t statements;
	int bad;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_OR_CREATE, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	make_office(store);
	/* a third of the office falls due within the agenda's days */
	assert_int_equal(sqlite3_exec(store->db, "UPDATE cases SET next_due = '2026-12-01' WHERE rowid % 3 = 0;"
				      "INSERT INTO case_dues SELECT id, 'expiry', '2026-12-01', number, 0 FROM cases"
				      " WHERE rowid % 3 = 0", NULL, NULL, NULL), SQLITE_OK);
	bad = screens_checked(store, false, &statements);
	printf("%zu statements, %d plan lines that scan the office\n", statements, bad);
	assert_true(statements > 100);
	assert_int_equal(bad, 0);
	store_close(&store);
}

/* The check sees a plan go wrong: without the index of the next deadlines
 * the overdue and due filters scan the cases; without the
 * kept counts' table the dashboard cannot be read at all. */
static void a_dropped_index_is_seen(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	size_t statements;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_EXISTING, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	assert_int_equal(sqlite3_exec(store->db, "DROP INDEX cases_next_due", NULL, NULL, NULL), SQLITE_OK);
	assert_true(screens_checked(store, true, &statements) > 0);
	store_close(&store);
}

/* Without the index of the kept deadlines (schema 25), the agenda's pages
 * and count scan them: the check sees it. */
static void the_agenda_without_its_index_is_seen(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	size_t i;
	int bad = 0;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_EXISTING, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	assert_int_equal(sqlite3_exec(store->db, "DROP INDEX case_dues_due", NULL, NULL, NULL), SQLITE_OK);
	for (i = 0; i < seen_count; i++)
		free(seen[i].sql);
	seen_count = 0;
	may_walk = NULL;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record, NULL);
	run_the_agenda(store);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	for (i = 0; i < seen_count; i++)
		if (testkit_statement_of_rows(seen[i].sql))
			bad += testkit_plan_check(store->db, seen[i].sql, "", scans_the_office, &seen[i], true);
	assert_true(bad > 0);
	store_close(&store);
}

static long sql_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *message = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
		fail_msg("%s: %s", sql, message);
}

/* The title's count of a stage reads the stage's kept row (schema 23), not
 * every declaration of its scenarios, and is the count of its cases
 * (declaring one of its scenarios or more) after each kind of write. */
static void a_stage_is_counted_in_its_kept_row(void **state)
{
	static const char *const distinct =
		"SELECT count(DISTINCT case_id) FROM scenario_cases WHERE scenario IN (1, 2, 3)";
	static const char *const writes[] = {
		/* two scenarios of the stage on a case, one on another, one of another stage on a third */
		"UPDATE cases SET scenarios = '1,2' WHERE rowid % 4 = 0;"
		"UPDATE cases SET scenarios = '3' WHERE rowid % 4 = 1;"
		"UPDATE cases SET scenarios = '7' WHERE rowid % 4 = 2;",
		/* one of the two goes: the case still counts */
		"UPDATE cases SET scenarios = '1' WHERE rowid % 8 = 0",
		/* the last goes: it does not */
		"UPDATE cases SET scenarios = NULL WHERE rowid % 8 = 0",
		/* within the stage, and out of it */
		"UPDATE cases SET scenarios = '2' WHERE rowid % 8 = 1",
		"UPDATE cases SET scenarios = '8' WHERE rowid % 8 = 5",
		"UPDATE cases SET scenarios = '3' WHERE rowid % 8 = 2",
		/* two of the stage at once, beside one of another */
		"UPDATE cases SET scenarios = '1,3,7' WHERE rowid % 8 = 6",
	};
	struct case_query q = { .scenarios = "[1,2,3]", .stage = "construction", .today = today };
	struct store *store = NULL;
	struct error err = { "" };
	size_t i, w;
	long total;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_EXISTING, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	for (w = 0; w < sizeof(writes) / sizeof(writes[0]); w++) {
		exec_ok(store->db, writes[w]);
		assert_int_equal(store_case_count(store, &q, &total, &err), STATUS_OK);
		assert_int_equal(total, sql_count(store->db, distinct));
		assert_true(total > 0);
	}
	for (i = 0; i < seen_count; i++)
		free(seen[i].sql);
	seen_count = 0;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record, NULL);
	assert_int_equal(store_case_count(store, &q, &total, &err), STATUS_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	assert_int_equal(seen_count, 1);
	{
		char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", seen[0].sql);
		sqlite3_stmt *stmt;

		assert_int_equal(sqlite3_prepare_v2(store->db, explain, -1, &stmt, NULL), SQLITE_OK);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *line = (const char *)sqlite3_column_text(stmt, 3);

			printf("%s\n  %s\n", seen[0].sql, line);
			assert_null(strstr(line, "scenario_cases"));
		}
		sqlite3_finalize(stmt);
		sqlite3_free(explain);
	}
	exec_ok(store->db, "UPDATE cases SET scenarios = NULL");
	assert_int_equal(store_case_count(store, &q, &total, &err), STATUS_OK);
	assert_int_equal(total, 0);
	store_close(&store);
}

/* The rows of a query's search, in the list's order: their numbers joined. */
static void numbers_found(struct store *store, const char *match, char *out, size_t size)
{
	struct case_query q = { .match = match, .today = today };
	struct case_row rows[OFFICE];
	struct error err = { "" };
	size_t count = 0, i, used = 0;
	long total = 0;

	out[0] = '\0';
	assert_int_equal(store_case_count(store, &q, &total, &err), STATUS_OK);
	assert_int_equal(store_case_page(store, &q, NULL, false, STORE_FORWARD, OFFICE, rows, &count, &err), STATUS_OK);
	assert_int_equal(total, (long)count);
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(out + used, size - used, "%s ", rows[i].number);
	case_rows_clear(rows, count);
}

/* A search of three characters or more reads the trigrams (case_search3),
 * where a rare term reads the rows of its trigrams, not those of each of its
 * characters (in nearly every case: 第, 号, a digit); and finds what the
 * phrase of its characters finds, whatever separates them. */
static void a_long_search_reads_the_trigrams(void **state)
{
	static const char *const typed[] = { "17精密", "武汉1", "HB-2022-", "hb2022bas00", "精密 有限", "2精密有", NULL };
	struct store *store = NULL;
	struct error err = { "" };
	size_t i, t;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_EXISTING, "boss", today, &store, &err), STATUS_OK);
	for (t = 0; typed[t]; t++) {
		char *match = store_search_query(typed[t]), *phrase;
		char by_trigrams[OFFICE * 24], by_phrase[OFFICE * 24];
		size_t len = strlen(match), used = 0, at;

		assert_non_null(match);
		/* the same characters as the phrase of case_search */
		assert_non_null(phrase = malloc(2 * len + 1));
		for (at = 0; at < len; at = utf8_next(match, len, at)) {
			if (at > 1 && at < len - 1)
				phrase[used++] = ' ';
			memcpy(phrase + used, match + at, utf8_next(match, len, at) - at);
			used += utf8_next(match, len, at) - at;
		}
		phrase[used] = '\0';
		for (i = 0; i < seen_count; i++)
			free(seen[i].sql);
		seen_count = 0;
		sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record, NULL);
		numbers_found(store, match, by_trigrams, sizeof(by_trigrams));
		sqlite3_trace_v2(store->db, 0, NULL, NULL);
		for (i = 0; i < seen_count; i++)
			if (strstr(seen[i].sql, "MATCH")) {
				assert_non_null(strstr(seen[i].sql, "case_search3 MATCH"));
				assert_null(strstr(seen[i].sql, "case_search MATCH"));
			}
		numbers_found(store, phrase, by_phrase, sizeof(by_phrase));
		printf("%s finds what %s finds: %zu bytes of numbers\n", match, phrase, strlen(by_trigrams));
		assert_string_equal(by_trigrams, by_phrase);
		assert_true(*by_trigrams);
		free(phrase);
		free(match);
	}
	store_close(&store);
}

/* A wrong line of a plan of the History: a scan of the audit (a: its
 * alias in audit.c) or of a table a case has rows in (not of the CTE c,
 * the case's one row). */
static bool scans(const char *line, const void *context)
{
	static const char *const tables[] = { "audit", "a", "cases", "events", "enterprises", "factories",
					      "case_scenarios", "case_materials", "findings", "checks", "panels", NULL };
	size_t i, n;

	(void)context;
	if (strncmp(line, "SCAN ", 5))
		return false;
	for (i = 0; tables[i]; i++) {
		n = strlen(tables[i]);
		if (!strncmp(line + 5, tables[i], n) && (line[5 + n] == ' ' || line[5 + n] == '\0'))
			return true;
	}
	return false;
}

/* The History of a case finds each row's audit records by the row's rid
 * (migration 24: the index audit_rid, 16 bytes an id, not the 32
 * characters of the generated row_id), its statements scanning nothing. */
static void a_history_reads_the_audit_by_rid(void **state)
{
	struct store *store = NULL;
	struct error err = { "" };
	struct history_row *rows = NULL;
	char number[48], id[48];
	size_t count = 0, i;
	int bad = 0;
	bool by_rid = false;
	sqlite3_stmt *stmt;

	(void)state;
	assert_int_equal(store_open(testkit_group.path, STORE_OPEN_EXISTING, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, testkit_group.forms);
	assert_int_equal(sqlite3_prepare_v2(store->db, "SELECT number, id FROM cases ORDER BY number LIMIT 1", -1, &stmt,
					    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(number, sizeof(number), "%s", (const char *)sqlite3_column_text(stmt, 0));
	snprintf(id, sizeof(id), "%s", (const char *)sqlite3_column_text(stmt, 1));
	sqlite3_finalize(stmt);
	assert_int_equal(store_update(store, "cases", id, "note", "改过", &err), STATUS_OK);
	for (i = 0; i < seen_count; i++)
		free(seen[i].sql);
	seen_count = 0;
	may_walk = NULL;
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, record, NULL);
	assert_int_equal(store_case_history(store, number, &rows, &count, &err), STATUS_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].field, "note") && rows[i].new && !strcmp(rows[i].new, "改过"))
			break;
	assert_true(i < count); /* the update is in the History */
	history_rows_free(rows, count);
	for (i = 0; i < seen_count; i++) {
		char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", seen[i].sql);
		sqlite3_stmt *explain;

		if (!testkit_statement_of_rows(seen[i].sql))
			continue;
		bad += testkit_plan_check(store->db, seen[i].sql, "", scans, NULL, false);
		assert_int_equal(sqlite3_prepare_v2(store->db, plan, -1, &explain, NULL), SQLITE_OK);
		while (sqlite3_step(explain) == SQLITE_ROW)
			if (strstr((const char *)sqlite3_column_text(explain, 3), "USING INDEX audit_rid (rid=?)"))
				by_rid = true;
		sqlite3_finalize(explain);
		sqlite3_free(plan);
	}
	assert_int_equal(bad, 0);
	assert_true(by_rid);
	store_close(&store);
}

static int teardown(void **state)
{
	size_t i;

	for (i = 0; i < seen_count; i++)
		free(seen[i].sql);
	return testkit_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(screens_use_an_index),
		cmocka_unit_test(a_dropped_index_is_seen),
		cmocka_unit_test(the_agenda_without_its_index_is_seen),
		cmocka_unit_test(a_stage_is_counted_in_its_kept_row),
		cmocka_unit_test(a_long_search_reads_the_trigrams),
		cmocka_unit_test(a_history_reads_the_audit_by_rid),
	};

	return cmocka_run_group_tests(tests, testkit_setup_fresh, teardown);
}
