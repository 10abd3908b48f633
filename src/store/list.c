/* The case list, read a window at a time by keyset pagination on the case
 * number: memory and time per page do not grow with the number of cases. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gradus/forms/forms.h"
#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

#define CASE_COLUMNS \
	"SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due" \
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id "

/* A page's row in one allocation (a page is 20 rows of 9 texts, read on
 * every key: 180 allocations and frees were a tenth of a key's work). */
static enum status fill_row(sqlite3_stmt *stmt, struct case_row *row)
{
	static const int text_columns[] = { 0, 1, 2, 3, 4, 5, 6, 7, 9 };
	char **fields[] = { &row->id,     &row->number, &row->enterprise, &row->credit_code, &row->factory,
			    &row->region, &row->level,  &row->state,      &row->next_due };
	const unsigned char *text[9];
	size_t size = 0, i, at = 0;
	int bytes[9];

	memset(row, 0, sizeof(*row));
	for (i = 0; i < 9; i++) {
		text[i] = sqlite3_column_text(stmt, text_columns[i]);
		bytes[i] = sqlite3_column_bytes(stmt, text_columns[i]);
		if (!text[i] && sqlite3_column_type(stmt, text_columns[i]) != SQLITE_NULL)
			return STATUS_ERR_NOMEM;
		size += text[i] ? (size_t)bytes[i] + 1 : 0;
	}
	if (!(row->block = malloc(size ? size : 1)))
		return STATUS_ERR_NOMEM;
	for (i = 0; i < 9; i++) {
		if (!text[i])
			continue;
		*fields[i] = row->block + at;
		memcpy(row->block + at, text[i], (size_t)bytes[i]);
		row->block[at + (size_t)bytes[i]] = '\0';
		at += (size_t)bytes[i] + 1;
	}
	row->year = sqlite3_column_int(stmt, 8);
	return STATUS_OK;
}

void case_rows_clear(struct case_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (rows[i].block) {
			free(rows[i].block);
			memset(&rows[i], 0, sizeof(rows[i]));
			continue;
		}
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

/* Each sort: its name, its keys before the case number (one or two), and
 * whether it reads the enterprise's columns (then the enterprises are walked
 * in the order of their index, and cases joined to them). Names sort by
 * their kept key (sortkey.c): pinyin order for Chinese names. */
static const struct {
	const char *name, *keys[2];
	bool enterprise;
} sorts[SORT_COUNT] = {
	[SORT_NUMBER] = { "number", { "c.number", NULL }, false },
	[SORT_ENTERPRISE] = { "enterprise", { "e.name_key", NULL }, true },
	[SORT_REGION] = { "region", { "e.region", "e.name_key" }, true },
	[SORT_LEVEL] = { "level", { "c.level", NULL }, false },
	[SORT_YEAR] = { "year", { "c.year", NULL }, false },
	[SORT_STATE] = { "state", { "c.state", NULL }, false },
	[SORT_DUE] = { "due", { "coalesce(c.next_due, '9999-12-31')", NULL }, false },
};

const char *store_sort_name(enum case_sort sort)
{
	return sort < SORT_COUNT ? sorts[sort].name : sorts[SORT_NUMBER].name;
}

bool store_sort_parse(const char *name, enum case_sort *sort)
{
	int i;

	for (i = 0; i < SORT_COUNT; i++)
		if (name && !strcmp(name, sorts[i].name)) {
			*sort = (enum case_sort)i;
			return true;
		}
	return false;
}

#define FROM " FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"

/* Filters of many matches (a search, a stage) checked row by row along the
 * order's index instead of sorting every match (see page_sql). */
#define WALK_MATCH 1u
#define WALK_SCENARIOS 2u
/* A search matching most cases: each case walked asks the search index
 * about itself (its rowid), where WALK_MATCH reads every match first. */
#define WALK_PROBE 4u
/* A sort other than by number whose filters match many cases: the order's
 * index is walked and every filter checked on each case (written +c.level:
 * no index of a filter is used), where few matches are read through the
 * filters' indexes and sorted (see walks_of). */
#define WALK_ORDER 8u

/* WHERE clauses of the query's filters, with named parameters. */
static void filters_sql(const struct case_query *q, unsigned walk, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
#define ADD(cond) used += (size_t)snprintf(out + used, size - used, " AND %s", cond)
	if (q->match && walk & WALK_PROBE)
		ADD(store_search_trigrams(q->match)
			    ? "EXISTS (SELECT 1 FROM case_search3 s WHERE s.case_search3 MATCH :match AND s.rowid = c.rowid)"
			    : "EXISTS (SELECT 1 FROM case_search s WHERE s.case_search MATCH :match AND s.rowid = c.rowid)");
	else if (q->match && store_search_trigrams(q->match))
		ADD(walk & WALK_MATCH ? "+c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH :match)"
				      : "c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH :match)");
	else if (q->match)
		ADD(walk & WALK_MATCH ? "+c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)"
				      : "c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)");
	if (q->level)
		ADD(walk & WALK_ORDER ? "+c.level = :level" : "c.level = :level");
	if (q->state)
		ADD(walk & WALK_ORDER ? "+c.state = :state" : "c.state = :state");
	if (q->region)
		ADD(walk & WALK_ORDER ? "+c.region = :region" : "c.region = :region");
	if (q->year)
		ADD(walk & WALK_ORDER ? "+c.year = :year" : "c.year = :year");
	if (q->due_within > 0)
		ADD(walk & WALK_ORDER ? "+c.next_due <= :horizon" : "c.next_due IS NOT NULL AND c.next_due <= :horizon");
	if (q->overdue)
		ADD(walk & WALK_ORDER ? "+c.next_due < :today" : "c.next_due IS NOT NULL AND c.next_due < :today");
	if (q->scenarios)
		ADD(walk & WALK_SCENARIOS ? "EXISTS (SELECT 1 FROM scenario_cases s WHERE s.case_id = c.id"
					    " AND s.scenario IN (SELECT value FROM json_each(:scenarios)))"
					  : "c.id IN (SELECT case_id FROM scenario_cases"
					    " WHERE scenario IN (SELECT value FROM json_each(:scenarios)))");
#undef ADD
}

static void bind_named(sqlite3_stmt *stmt, const char *name, const char *value)
{
	int at = sqlite3_bind_parameter_index(stmt, name);

	if (at)
		sqlite3_bind_text(stmt, at, value, -1, SQLITE_TRANSIENT);
}

static void bind_query(sqlite3_stmt *stmt, const struct case_query *q)
{
	char today[DATE_TEXT_SIZE], horizon[DATE_TEXT_SIZE];
	int at;

	date_format(q->today, today);
	date_format(date_add_days(q->today, q->due_within > 0 ? q->due_within : 0), horizon);
	bind_named(stmt, ":match", q->match);
	bind_named(stmt, ":level", q->level);
	bind_named(stmt, ":state", q->state);
	bind_named(stmt, ":region", q->region);
	bind_named(stmt, ":scenarios", q->scenarios);
	bind_named(stmt, ":stage", q->stage);
	bind_named(stmt, ":today", today);
	bind_named(stmt, ":horizon", horizon);
	if ((at = sqlite3_bind_parameter_index(stmt, ":year")))
		sqlite3_bind_int(stmt, at, q->year);
}

/* The cases through their enterprises, walked in the enterprises' index
 * order, for sorts on the enterprise (a plain join leaves the order to
 * SQLite's planner, which without statistics walks every case). The region
 * filter reads the region kept on the case (search.c). */
#define BY_ENTERPRISE \
	"enterprises e CROSS JOIN factories f ON f.enterprise_id = e.id CROSS JOIN cases c ON c.factory_id = f.id"
/* The cases a few matches of the filters hold, each joined to its
 * enterprise, for a sort on the enterprise: read through the filters'
 * indexes and sorted (walking every enterprise for them costs the office). */
#define FROM_CASES \
	"cases c CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id"

/* "k1 DESC, k2 DESC, c.number DESC" (order) or "k1, k2, c.number" (keys). */
static void sort_list(enum case_sort by, const char *dir, char *out, size_t size)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < 2 && sorts[by].keys[i]; i++)
		if (strcmp(sorts[by].keys[i], "c.number"))
			used += (size_t)snprintf(out + used, size - used, "%s %s, ", sorts[by].keys[i], dir);
	snprintf(out + used, size - used, "c.number %s", dir);
}

/* Filters other than the search. */
static bool has_field_filters(const struct case_query *q)
{
	return q->level || q->state || q->region || q->year || q->due_within > 0 || q->overdue || q->scenarios;
}

static bool has_filters(const struct case_query *q)
{
	return q->match || has_field_filters(q);
}

/* SELECT ... in the query's order, after or before the keyed case. The page
 * is chosen on the cases alone (joined to their enterprise only when the sort
 * or a filter needs it) and only its rows are then joined for their columns,
 * in that order (CROSS JOIN: the planner may otherwise walk every factory).
 * The page's size is written in the SQL, not bound: the planner weighs a
 * LIMIT it can read (a filter's index against the order's), and with a
 * bound one walks the order's index through every case a filter leaves out
 * (tests/unit/test_screen_plans.c).
 * walk: the filters (WALK_MATCH, WALK_PROBE, WALK_SCENARIOS, WALK_ORDER)
 * checked row by row along the order's index instead of sorting every
 * match: quicker when the matches are many (walks_of). */
static char *page_sql(const struct case_query *q, bool keyed, bool inclusive, bool backward, unsigned walk,
		      size_t limit)
{
	enum case_sort by = q->sort < SORT_COUNT ? q->sort : SORT_NUMBER;
	bool down = q->descending != backward;
	const char *from = "cases c";
	char filters[512], key[768] = "", order[160], keys[160], *sql = NULL;
	const char *op = down ? (inclusive ? "<=" : "<") : (inclusive ? ">=" : ">");

	if (sorts[by].enterprise) /* walked, unless a few matches of filters are sorted */
		from = walk & WALK_ORDER || !has_filters(q) ? BY_ENTERPRISE : FROM_CASES;
	filters_sql(q, walk, filters, sizeof(filters));
	if (sorts[by].enterprise && q->region) /* the same filter, on the index walked */
		strncat(filters, " AND e.region = :region", sizeof(filters) - strlen(filters) - 1);
	sort_list(by, down ? "DESC" : "", order, sizeof(order));
	sort_list(by, "", keys, sizeof(keys));
	if (keyed)
		snprintf(key, sizeof(key), " AND (%s) %s (SELECT %s" FROM " WHERE c.number = :key)", keys, op, keys);
	if (asprintf(&sql,
		     "SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due"
		     " FROM (SELECT c.rowid AS r FROM %s WHERE 1%s%s ORDER BY %s LIMIT %zu) k"
		     " CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id"
		     " CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY %s",
		     from, filters, key, order, limit, order) < 0)
		return NULL;
	return sql;
}

char *store_case_page_sql(const struct case_query *query, bool keyed, bool backward, size_t limit)
{
	static const struct case_query all;

	return page_sql(query ? query : &all, keyed, false, backward, 0, limit);
}

/* Many matches: walk the order's index and check each case (see page_sql). */
#define SCAN_FROM_MATCHES 1000

/* Whether a filter matches SCAN_FROM_MATCHES rows or more: counted no
 * further than that, so a key typed costs no full count here. */
static enum status many_rows(struct store *store, const char *sql, const char *value, bool *many,
			     struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	long n;

	*many = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	status = store_count(store, stmt, &n, err);
	*many = n >= SCAN_FROM_MATCHES;
	return status;
}

#define TEXT_OF(n) #n
#define TEXT(n) TEXT_OF(n)
/* How a search's page is read: its first SCAN_FROM_MATCHES matches
 * (counted no further) and the rowid of the last of them, in the index's
 * rowid order, tell how dense the matches are among the cases' rowids.
 * Few: the matches are sorted (no walk). Many: the order's index is walked
 * and each case checked against the set of every match (WALK_MATCH), which
 * reads them all (16 ms for a term in each of 100,000 cases). Most: each
 * case walked probes the index for its own rowid (WALK_PROBE, about 20 us a
 * case, 0.2 us a match for the set): a page of `limit` rows walks about
 * limit / density cases, against the density * cases matches of the set. */
static enum status match_walk(struct store *store, const char *match, size_t limit, unsigned *walk,
			      struct error *err)
{
	static const char *const matches =
		"SELECT count(*), max(r), (SELECT max(rowid) FROM cases) FROM (SELECT rowid AS r FROM case_search"
		" WHERE case_search MATCH ?1 LIMIT " TEXT(SCAN_FROM_MATCHES) ")";
	static const char *const matches3 =
		"SELECT count(*), max(r), (SELECT max(rowid) FROM cases) FROM (SELECT rowid AS r FROM case_search3"
		" WHERE case_search3 MATCH ?1 LIMIT " TEXT(SCAN_FROM_MATCHES) ")";
	sqlite3_stmt *stmt = store_prepare(store, store_search_trigrams(match) ? matches3 : matches, err);
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row && sqlite3_column_int64(stmt, 0) >= SCAN_FROM_MATCHES) {
		/* density d = matches / rowids ~ SCAN_FROM_MATCHES / last; probe
		 * when limit / d * 20 us < d * rowids * 0.2 us */
		double last = (double)sqlite3_column_int64(stmt, 1), rowids = (double)sqlite3_column_int64(stmt, 2);
		double density = last > 0 ? SCAN_FROM_MATCHES / last : 0;

		*walk |= (double)limit * 100 < density * density * rowids ? WALK_PROBE : WALK_MATCH;
	}
	sqlite3_reset(stmt);
	return status;
}

/* Which filters of the query match many cases: those to walk (page_sql).
 * In the order of the case number each filter has an index of its own
 * beside the number, and a search or a stage of many matches is walked.
 * In another order, filters of few matches are read through their indexes
 * and sorted; of many, the order's index is walked (WALK_ORDER), for as
 * long as sorting them would take (budget_us): a walk reads about
 * limit / (matches / cases) cases when the matches are spread along the
 * order, but they may gather late in it (a year's cases come after the
 * years before in each level, since the number holds the year), and
 * sorting costs each match about SORT_US_A_MATCH, or SORT_US_A_JOINED when
 * the sort reads its enterprise (20,000 submitted cases sorted by level:
 * 59 ms; 2,868 cases due within 30 days sorted by enterprise: 73 ms, each
 * case read with its factory and enterprise). Whichever is better, a page
 * costs at most about twice that. */
#define SORT_US_A_MATCH 4
#define SORT_US_A_JOINED 20
static enum status walks_of(struct store *store, const struct case_query *q, size_t limit, unsigned *walk,
			    long *budget_us, struct error *err)
{
	static const char *const declared = "SELECT count(*) FROM (SELECT 1 FROM scenario_cases"
					    " WHERE scenario IN (SELECT value FROM json_each(?1)) LIMIT " TEXT(SCAN_FROM_MATCHES) ")";
	enum status status = STATUS_OK;
	bool many = false;

	*walk = 0;
	*budget_us = 0;
	if (q->sort != SORT_NUMBER && q->sort < SORT_COUNT && has_filters(q)) {
		long total = q->total;

		if (total <= 0 && (status = store_case_count(store, q, &total, err)))
			return status;
		if (total < SCAN_FROM_MATCHES)
			return STATUS_OK;
		*walk = WALK_ORDER | (q->scenarios ? WALK_SCENARIOS : 0);
		*budget_us = store->walk_budget_us ? store->walk_budget_us
						   : total * (sorts[q->sort].enterprise ? SORT_US_A_JOINED : SORT_US_A_MATCH);
		return q->match ? match_walk(store, q->match, limit, walk, err) : STATUS_OK;
	}
	/* a search alone whose count the list has (case_query.total) and fewer
	 * than SCAN_FROM_MATCHES: its matches are sorted, as match_walk would
	 * find by counting them again */
	if (q->match && !(q->total > 0 && q->total < SCAN_FROM_MATCHES && !has_field_filters(q)))
		status = match_walk(store, q->match, limit, walk, err);
	if (!status && q->scenarios && !(status = many_rows(store, declared, q->scenarios, &many, err)) && many)
		*walk |= WALK_SCENARIOS;
	return status;
}
#undef TEXT
#undef TEXT_OF

/* The walk of the order's index (WALK_ORDER) gives up when its budget is
 * spent (walks_of): its filters' matches may gather where the order puts
 * them last (the cases overdue are in three states of eleven, so a walk by
 * state may pass 14,000 cases before them), and then sorting the matches
 * costs less than walking on. The time, not SQLite's steps, since a search
 * index's own statements count as steps too. Either way the page holds the
 * same rows. */
#define WALK_EVERY 200

struct walk_clock {
	struct timespec start;
	long budget_us;
};

static int walk_spent(void *context)
{
	struct walk_clock *c = context;
	struct timespec now;

	if (c->budget_us < 0 || clock_gettime(CLOCK_MONOTONIC, &now))
		return 1;
	return (now.tv_sec - c->start.tv_sec) * 1000000L + (now.tv_nsec - c->start.tv_nsec) / 1000 > c->budget_us;
}

/* One page by the SQL of walk: gave_up when the budget of a WALK_ORDER
 * walk ran out first (nothing read then). */
static enum status read_page(struct store *store, const struct case_query *q, const char *key, bool inclusive,
			     bool backward, unsigned walk, long budget_us, size_t limit, struct case_row *rows,
			     size_t *count, bool *gave_up, struct error *err)
{
	char *sql = page_sql(q, key != NULL, inclusive, backward, walk, limit);
	sqlite3_stmt *stmt;
	enum status status = STATUS_OK;
	size_t n = 0;
	int rc = SQLITE_ROW;
	struct walk_clock clock = { { 0, 0 }, budget_us };

	*count = 0;
	*gave_up = false;
	if (!sql)
		return STATUS_ERR_NOMEM;
	stmt = store_prepare_screen(store, sql, err);
	free(sql);
	if (!stmt)
		return STATUS_ERR_DB;
	bind_query(stmt, q);
	bind_named(stmt, ":key", key);
	if (walk & WALK_ORDER && !clock_gettime(CLOCK_MONOTONIC, &clock.start))
		sqlite3_progress_handler(store->db, WALK_EVERY, walk_spent, &clock);
	while (!status && n < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		status = fill_row(stmt, &rows[n++]);
	if (walk & WALK_ORDER)
		sqlite3_progress_handler(store->db, 0, NULL, NULL);
	if (!status && rc == SQLITE_INTERRUPT && (walk & WALK_ORDER))
		*gave_up = true;
	else if (!status && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, _("reading"));
	sqlite3_reset(stmt);
	if (status || *gave_up)
		case_rows_clear(rows, n);
	else
		*count = n;
	return status;
}

enum status store_case_page(struct store *store, const struct case_query *query, const char *key, bool inclusive,
			    enum store_direction direction, size_t limit,
			    struct case_row *rows, size_t *count, struct error *err)
{
	static const struct case_query all;
	const struct case_query *q = query ? query : &all;
	bool backward = direction == STORE_BACKWARD, gave_up = false;
	unsigned walk = 0;
	long budget_us = 0;
	enum status status = walks_of(store, q, limit, &walk, &budget_us, err);
	size_t n = 0, i;

	*count = 0;
	if (!status)
		status = read_page(store, q, key, inclusive, backward, walk, budget_us, limit, rows, &n, &gave_up, err);
	if (!status && gave_up) /* the matches read through the filters' indexes and sorted */
		status = read_page(store, q, key, inclusive, backward, 0, 0, limit, rows, &n, &gave_up, err);
	if (status)
		return status;
	if (backward)
		for (i = 0; i < n / 2; i++) {
			struct case_row tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	*count = n;
	return STATUS_OK;
}

/* The stage of each scenario of the store's forms, as scenario_stages
 * gives it: [[1,"construction"],...] in the order of the ids; NULL: no memory. */
static char *stages_json(const struct forms *forms)
{
	size_t size = 16, used = 0, i;
	char *out;

	for (i = 0; i < forms->scenario_count; i++)
		size += 24 + 2 * strlen(forms->scenarios[i].stage->key);
	if (!(out = malloc(size)))
		return NULL;
	out[used++] = '[';
	for (i = 0; i < forms->scenario_count; i++) {
		const char *key = forms->scenarios[i].stage->key;

		used += (size_t)snprintf(out + used, size - used, "%s[%d,\"", i ? "," : "", forms->scenarios[i].id);
		for (; *key; key++) {
			if (*key == '"' || *key == '\\')
				out[used++] = '\\';
			out[used++] = *key;
		}
		used += (size_t)snprintf(out + used, size - used, "\"]");
	}
	snprintf(out + used, size - used, "]");
	return out;
}

/* Whether scenario_stages holds the stage of each scenario of json (from
 * stages_json), and nothing else: one statement. */
static enum status stages_match(struct store *store, const char *json, bool *match, struct error *err)
{
	static const char *const sql =
		"SELECT coalesce((SELECT json_group_array(json_array(scenario, stage))"
		" FROM (SELECT scenario, stage FROM scenario_stages ORDER BY scenario)) = json(?1), 0)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	long n = 0;

	*match = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
	status = store_count(store, stmt, &n, err);
	*match = n == 1;
	return status;
}

static enum status run(struct store *store, const char *sql, struct error *err)
{
	int rc = sqlite3_exec(store_db(store), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STATUS_OK : store_fail(store, rc, err, _("counting the cases of each stage"));
}

/* scenario_stages written from the store's forms, and stage_counts counted
 * anew for them, inside the caller's transaction. */
static enum status stages_write(struct store *store, struct error *err)
{
	static const char *const insert_sql = "INSERT INTO scenario_stages VALUES (?1, ?2)";
	const struct forms *forms = store->forms;
	enum status status = run(store, "DELETE FROM scenario_stages; DELETE FROM stage_counts", err);
	size_t i;

	for (i = 0; !status && i < forms->scenario_count; i++) {
		sqlite3_stmt *stmt = store_prepare(store, insert_sql, err);
		bool row;

		if (!stmt)
			return STATUS_ERR_DB;
		sqlite3_bind_int(stmt, 1, forms->scenarios[i].id);
		sqlite3_bind_text(stmt, 2, forms->scenarios[i].stage->key, -1, SQLITE_STATIC);
		status = store_step(store, stmt, &row, err);
		sqlite3_reset(stmt);
	}
	if (!status)
		status = run(store, "INSERT INTO stage_counts SELECT t.stage, count(DISTINCT s.case_id)"
			     " FROM scenario_cases s JOIN scenario_stages t ON t.scenario = s.scenario GROUP BY 1", err);
	return status;
}

void store_stages_sync(struct store *store)
{
	struct error err = { "" };
	enum status status;
	char *json;
	bool match;

	store->stages_kept = -1;
	if (!store->forms || store->bundle || !(json = stages_json(store->forms)))
		return;
	status = stages_match(store, json, &match, &err);
	free(json);
	if (status || (!match && (store->read_only || store->no_account || store->depth)))
		return;
	if (!match && (store_begin(store, &err) || store_finish(store, stages_write(store, &err), &err)))
		return;
	store->stages_kept = 1;
}

enum status store_case_count(struct store *store, const struct case_query *query, long *count, struct error *err)
{
	return store_case_count_upto(store, query, STORE_COUNT_CAP, count, err);
}

/* A search is counted no further than cap + 1, a LIMIT written in its SQL. */
enum status store_case_count_upto(struct store *store, const struct case_query *query, long cap, long *count,
				  struct error *err)
{
	static const struct case_query all;
	const struct case_query *q = query ? query : &all;
	char filters[512], sql[768];
	sqlite3_stmt *stmt = NULL;
	enum status status;

	*count = 0;
	filters_sql(q, 0, filters, sizeof(filters));
	if (!q->match && !q->year && q->due_within <= 0 && !q->overdue && !q->scenarios)
		/* no filter, or of level, state and region only: the kept counts (stats.c) */
		snprintf(sql, sizeof(sql), "SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1%s%s%s",
			 q->level ? " AND level = :level" : "", q->state ? " AND state = :state" : "",
			 q->region ? " AND region = :region" : "");
	else if (!strcmp(filters, " AND c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)"))
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH :match"
			 " LIMIT %ld)", cap + 1);
	else if (!strcmp(filters, " AND c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH :match)"))
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM (SELECT 1 FROM case_search3 WHERE case_search3 MATCH :match"
			 " LIMIT %ld)", cap + 1);
	else if (q->match)
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM (SELECT 1 FROM cases c WHERE 1%s LIMIT %ld)", filters,
			 cap + 1);
	else if (q->scenarios && !q->match && !q->level && !q->state && !q->region && !q->year && q->due_within <= 0 &&
		 !q->overdue && q->stage && store->stages_kept > 0)
		/* a stage alone: its kept count (schema 23) */
		snprintf(sql, sizeof(sql), "SELECT coalesce((SELECT n FROM stage_counts WHERE stage = :stage), 0)");
	else if (q->scenarios && !q->match && !q->level && !q->state && !q->region && !q->year && q->due_within <= 0 &&
		 !q->overdue)
		/* a stage alone: its cases in the scenarios' index, none of their rows read */
		snprintf(sql, sizeof(sql), "SELECT count(DISTINCT case_id) FROM scenario_cases"
			 " WHERE scenario IN (SELECT value FROM json_each(:scenarios))");
	else
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM cases c WHERE 1%s", filters);
	if (!(stmt = store_prepare_screen(store, sql, err)))
		return STATUS_ERR_DB;
	bind_query(stmt, q);
	status = store_count(store, stmt, count, err);
	sqlite3_reset(stmt);
	return status;
}
