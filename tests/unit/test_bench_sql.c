/* The sqlite3 column of `make bench` runs the statements gradus runs: each
 * interaction of tests/bench/statements.sql is played in the full-screen
 * interface (the same path as `gradus --script`, in this process) on an
 * office of 2,500 cases (OFFICE), every statement gradus runs is recorded with
 * sqlite3_trace_v2 (here, in the test, never in the program), and the
 * statements of the interaction's timed key must be the file's, in order.
 * When a statement changes, the message prints what gradus ran, with the
 * file's values written back as {name}: updating the file is the one edit.
 * BENCH_SQL_PRINT=1 prints every interaction's statements. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testkit.h"
#include "gradus/cli/cli.h"
#include "gradus/core/uscc.h"
#include "gradus/store/authority.h"
#include "gradus/store/cases.h"
#include "gradus/store/exchange.h"
#include "store/store_private.h"

#define STATEMENTS GRADUS_SOURCE_DIR "/tests/bench/statements.sql"
/* more than a page, and searches matching so many of its cases (2,470)
 * that a page walks the cases and asks the index of each (WALK_PROBE) */
#define OFFICE 2500

static const struct date today = { 2026, 11, 28 };
static char dir[64], path[96], script[96], saved[128], mark[96];

/* A list of strings that grows. */
struct list {
	char **items;
	size_t count, capacity;
};

static void list_add(struct list *list, const char *text)
{
	if (list->count == list->capacity) {
		list->capacity = list->capacity ? 2 * list->capacity : 64;
		list->items = realloc(list->items, list->capacity * sizeof(*list->items));
		assert_non_null(list->items);
	}
	list->items[list->count] = strdup(text);
	assert_non_null(list->items[list->count]);
	list->count++;
}

static void list_clear(struct list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* One interaction of the file. */
struct interaction {
	char *label, *before, *key;
	struct list sql;
	bool open_tail; /* "-- rest:": what gradus runs after the file's statements is not compared */
};

struct value {
	char *name, *sql, *text;
};

static struct interaction interactions[64];
static size_t interaction_count;
static struct value values[64];
static size_t value_count;

/* Whitespace runs as one space, none at the ends, no final ';'. */
static char *normalise(const char *sql)
{
	char *out = malloc(strlen(sql) + 1), *o = out;
	bool space = false;

	assert_non_null(out);
	for (; *sql; sql++) {
		if (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *sql;
	}
	while (o > out && o[-1] == ';')
		o--;
	*o = '\0';
	return out;
}

static char *trimmed(char *text)
{
	char *end = text + strlen(text);

	while (*text == ' ')
		text++;
	while (end > text && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return text;
}

static char *strdup_checked(const char *text)
{
	char *copy = strdup(text);

	assert_non_null(copy);
	return copy;
}

/* text with {name} written as each value's text, and {each} as row. */
static char *substitute(const char *text, const char *each, const char *row)
{
	size_t size = strlen(text) + 1, used = 0, i;
	char *out = malloc(size);

	assert_non_null(out);
	while (*text) {
		const char *close = *text == '{' ? strchr(text, '}') : NULL;
		const char *with = NULL;
		size_t len = close ? (size_t)(close - text - 1) : 0;

		for (i = 0; close && i < value_count && !with; i++)
			if (strlen(values[i].name) == len && !strncmp(values[i].name, text + 1, len))
				with = values[i].text;
		if (close && each && strlen(each) == len && !strncmp(each, text + 1, len))
			with = row;
		if (!with) {
			out[used++] = *text++;
			continue;
		}
		size += strlen(with);
		out = realloc(out, size);
		assert_non_null(out);
		memcpy(out + used, with, strlen(with));
		used += strlen(with);
		text = close + 1;
	}
	out[used] = '\0';
	return out;
}

/* The first column of every row of sql on db. */
static void rows_of(sqlite3 *db, const char *sql, struct list *out)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		list_add(out, sqlite3_column_text(stmt, 0) ? (const char *)sqlite3_column_text(stmt, 0) : "");
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(stmt);
}

static void add_statement(struct interaction *in, const char *text, const char *each, const char *row)
{
	char *sql = substitute(text, each, row), *n = normalise(sql);

	list_add(&in->sql, n);
	free(n);
	free(sql);
}

/* The file, read as tests/bench/bench.py reads it (see its head): the
 * statements of each interaction on this database, values written in and
 * each "-- each NAME: SQL" ... "-- end" group repeated for each row. */
static void read_statements(sqlite3 *db)
{
	FILE *file = fopen(STATEMENTS, "r");
	char *line = NULL, *text, *each = NULL;
	struct list group = { 0 }, rows = { 0 };
	size_t size = 0, i, j;
	struct interaction *in = NULL;

	assert_non_null(file);
	while (getline(&line, &size, file) >= 0) {
		text = trimmed(line);
		if (!strncmp(text, "-- value ", 9)) {
			char *colon = strchr(text + 9, ':');

			assert_non_null(colon);
			assert_true(value_count < sizeof(values) / sizeof(values[0]));
			*colon = '\0';
			values[value_count].name = strdup_checked(trimmed(text + 9));
			values[value_count].sql = strdup_checked(trimmed(colon + 1));
			rows_of(db, values[value_count].sql, &rows);
			values[value_count++].text = strdup_checked(rows.count ? rows.items[0] : "");
			list_clear(&rows);
		} else if (!strncmp(text, "-- interaction:", 15)) {
			assert_true(interaction_count < sizeof(interactions) / sizeof(interactions[0]));
			in = &interactions[interaction_count++];
			in->label = strdup_checked(trimmed(text + 15));
			in->before = strdup_checked("");
			in->key = strdup_checked("");
		} else if (in && !strncmp(text, "-- before:", 10)) {
			free(in->before);
			in->before = strdup_checked(trimmed(text + 10));
		} else if (in && !strncmp(text, "-- key:", 7)) {
			free(in->key);
			in->key = strdup_checked(trimmed(text + 7));
		} else if (in && !strncmp(text, "-- rest:", 8)) {
			in->open_tail = true;
		} else if (in && !strncmp(text, "-- each ", 8)) {
			char *colon = strchr(text + 8, ':'), *sql;

			assert_non_null(colon);
			*colon = '\0';
			each = strdup_checked(trimmed(text + 8));
			sql = substitute(trimmed(colon + 1), NULL, NULL);
			rows_of(db, sql, &rows);
			free(sql);
		} else if (in && each && !strcmp(text, "-- end")) {
			for (i = 0; i < rows.count; i++)
				for (j = 0; j < group.count; j++)
					add_statement(in, group.items[j], each, rows.items[i]);
			list_clear(&group);
			list_clear(&rows);
			free(each);
			each = NULL;
		} else if (in && *text && strncmp(text, "--", 2)) {
			if (each)
				list_add(&group, text);
			else
				add_statement(in, text, NULL, NULL);
		}
	}
	assert_null(each);
	free(line);
	fclose(file);
}

/* Every statement run on any connection of this process, expanded (its
 * parameters' values written in), while recording. */
static struct list ran;
static bool recording, until_mark;

static int record(unsigned type, void *context, void *p, void *x)
{
	char *sql;

	(void)type;
	(void)context;
	if (!recording || !strncmp((const char *)x, "--", 2)) /* a trigger's statements: its name */
		return 0;
	if (until_mark && access(mark, F_OK) == 0) /* the screen is written: what follows is closing */
		return 0;
	sql = sqlite3_expanded_sql(p);
	if (sql) {
		char *n = normalise(sql);

		list_add(&ran, n);
		free(n);
	}
	sqlite3_free(sql);
	return 0;
}

static int trace_connection(sqlite3 *db, char **message, const struct sqlite3_api_routines *api)
{
	(void)message;
	(void)api;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, record, NULL);
	return SQLITE_OK;
}

/* gradus --db path --script (keys) as main() runs it: every statement,
 * or with marked, those until the screen after the keys is written (the
 * script then saves it to mark; closing the screens reads the list anew). */
static void play(const char *keys, bool marked, struct list *out)
{
	static char gradus[] = "gradus", db[] = "--db", forms[] = "--forms", forms_dir[] = GRADUS_SOURCE_DIR "/forms",
		    today_option[] = "--today", day[] = "2026-11-28", script_option[] = "--script";
	char *argv[] = { gradus, db, path, forms, forms_dir, today_option, day, script_option, script, NULL };
	struct cli cli;
	struct store *store = NULL;
	struct forms *forms_loaded = NULL;
	struct error err = { "" };
	FILE *file = fopen(script, "w");
	int next, rc;

	assert_non_null(file);
	fprintf(file, "# bench\n%s\n", keys);
	if (marked)
		fprintf(file, ":save-screen %s\n", mark);
	fclose(file);
	unlink(mark);
	until_mark = marked;
	unlink(saved); /* each run from the list as at first start */
	memset(&cli, 0, sizeof(cli));
	assert_int_equal(cli_parse_global(&cli, 9, argv, &next), 0);
	assert_int_equal(next, 9);
	list_clear(&ran);
	recording = true;
	rc = cli_tui_open(&cli, &store, &forms_loaded);
	if (!rc) {
		rc = tui_run(&cli.tui, store, forms_loaded, &err) ? 1 : 0;
		cli_close_all(&store, &forms_loaded);
	}
	recording = false;
	cli_free(&cli);
	assert_int_equal(rc, 0);
	*out = ran;
	memset(&ran, 0, sizeof(ran));
}

/* sql with each value's text written as {name}. */
static char *named(const char *sql)
{
	char *out = strdup_checked(sql);
	size_t i;

	for (i = 0; i < value_count; i++) {
		char *at;
		size_t len = strlen(values[i].text), name_len = strlen(values[i].name) + 2;

		while (len && (at = strstr(out, values[i].text))) {
			char *next = malloc(strlen(out) - len + name_len + 1);

			assert_non_null(next);
			sprintf(next, "%.*s{%s}%s", (int)(at - out), out, values[i].name, at + len);
			free(out);
			out = next;
		}
	}
	return out;
}

/* What the key ran: the full run less the common start and end of the run
 * without the key (the start-up before it, the closing after it). */
static void key_statements(const struct list *full, const struct list *before, size_t *from, size_t *to)
{
	size_t head = 0, tail = 0;

	while (head < full->count && head < before->count && !strcmp(full->items[head], before->items[head]))
		head++;
	while (tail < full->count - head && tail < before->count - head &&
	       !strcmp(full->items[full->count - 1 - tail], before->items[before->count - 1 - tail]))
		tail++;
	*from = head;
	*to = full->count - tail;
}

/* The key's statements as the file would hold them (the first 60 only, but
 * with BENCH_SQL_PRINT: a statement per row is written by hand as "-- each"). */
static void print_statements(const char *label, const struct list *list, size_t from, size_t to, bool all)
{
	size_t i;

	printf("-- interaction: %s\n", label);
	if (!all && to - from > 60) {
		printf("-- (%zu statements; the first 60)\n", to - from);
		to = from + 60;
	}
	for (i = from; i < to; i++) {
		char *n = named(list->items[i]);

		printf("%s;\n", n);
		free(n);
	}
}

static void each_interaction_runs_the_files_statements(void **state)
{
	bool print = getenv("BENCH_SQL_PRINT") != NULL;
	int wrong = 0;
	size_t i, j;

	(void)state;
	for (i = 0; i < interaction_count; i++) {
		struct interaction *in = &interactions[i];
		struct list full = { 0 }, before = { 0 };
		char *keys = NULL;
		size_t from = 0, to;

		assert_true(asprintf(&keys, "%s%s", in->before, in->key) >= 0);
		play(keys, *in->key, &full);
		to = full.count;
		if (*in->key) {
			play(in->before, true, &before);
			key_statements(&full, &before, &from, &to);
		}
		if (print)
			print_statements(in->label, &full, from, to, true);
		for (j = 0; j < to - from || j < in->sql.count; j++) {
			char *got;

			if (j >= in->sql.count && in->open_tail)
				break;
			if (j < to - from && j < in->sql.count && !strcmp(full.items[from + j], in->sql.items[j]))
				continue;
			got = j < to - from ? named(full.items[from + j]) : NULL;
			/* "error:" lines are those tests/run.sh shows */
			printf("error: %s, statement %zu of the key differs from tests/bench/statements.sql:\n"
			       "error:   gradus ran: %s\nerror:   the file:   %s\n", in->label, j + 1,
			       got ? got : "(nothing more)", j < in->sql.count ? in->sql.items[j] : "(nothing more)");
			free(got);
			wrong++;
			if (!print) {
				print_statements(in->label, &full, from, to, false);
				break;
			}
		}
		list_clear(&full);
		list_clear(&before);
		free(keys);
	}
	assert_true(interaction_count >= 20);
	assert_int_equal(wrong, 0);
	/* this office's common search is read as the 100,000 cases' is: each
	 * case walked asks the index (WALK_PROBE), so that branch of the file's
	 * value is the one compared here; its stage walks (EXISTS) too */
	for (i = 0; i < value_count; i++)
		if (!strcmp(values[i].name, "walk_common") || !strcmp(values[i].name, "walk_stage"))
			assert_true(!strncmp(values[i].text, "EXISTS (", 8));
}

/* An office of OFFICE cases across levels, regions and years (the demo's
 * cases among them, in every step), "精密" and "科技有限" in most names and
 * "第4938号" in one. */
static void make_office(void)
{
	static const char *const levels[] = { "basic", "advanced", "excellent", "leading" };
	static const char *const regions[] = { "wuhan", "xiangyang", "yichang", "jingzhou" };
	struct import_options options = { 0 };
	struct import_summary s;
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	size_t size = 128 + OFFICE * 160, used;
	char *text = malloc(size), code[USCC_LENGTH + 1];
	long i;

	assert_non_null(text);
	assert_int_equal(forms_load(GRADUS_SOURCE_DIR "/forms", &forms, &err), STATUS_OK);
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "boss", today, &store, &err), STATUS_OK);
	authority_use_forms(store, forms);
	if (case_create_demo(store, forms, &err))
		fail_msg("%s", err.message);
	used = (size_t)snprintf(text, size, "enterprise,uscc,region,level,year,note\n");
	for (i = 0; i < OFFICE - 30; i++) {
		testkit_credit_code("420100", (unsigned long)(i * 7919 + 11), code);
		used += (size_t)snprintf(text + used, size - used, "%s%ld科技有限公司,%s,%s,%s,%d,甲\n",
					 i == 7 ? "鄂州第4938号" : "武汉精密", i, code, regions[i % 4], levels[i % 4],
					 2022 + (int)(i % 5));
	}
	if (import_csv(store, forms, IMPORT_CASES, "sheet.csv", text, strlen(text), &options, &s, &err))
		fail_msg("%s", err.message);
	import_summary_clear(&s);
	free(text);
	/* Deadlines, steps and scenarios as the bench's offices have them, so
	 * that each filter fills more than a page (the shape of the statements
	 * gradus runs depends on it): fixture rows, set beside the write path. */
	assert_int_equal(sqlite3_exec(store->db,
		"UPDATE cases SET next_due = CASE rowid % 3 WHEN 0 THEN '2026-10-' || printf('%02d', 1 + rowid % 28)"
		" WHEN 1 THEN '2026-12-' || printf('%02d', 1 + rowid % 28) ELSE NULL END,"
		" state = CASE rowid % 2 WHEN 0 THEN 'submitted' ELSE state END WHERE note = '甲';"
		"UPDATE cases SET scenarios = 1 + rowid % 3 WHERE note = '甲' AND rowid % 2 = 0;", NULL, NULL, NULL),
			 SQLITE_OK);
	store_close(&store);
	forms_free(&forms);
}

static int setup(void **state)
{
	sqlite3 *db;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/gradus-bench-sql-%ld", (long)getpid());
	snprintf(path, sizeof(path), "%s/office.db", dir);
	snprintf(script, sizeof(script), "%s/keys.script", dir);
	if (mkdir(dir, 0700))
		return -1;
	snprintf(saved, sizeof(saved), "%s/gradus/state.ini", dir);
	setenv("HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("NO_COLOR", "1", 1);
	snprintf(mark, sizeof(mark), "%s/screen.txt", dir);
	make_office();
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	read_statements(db);
	sqlite3_close(db);
	sqlite3_auto_extension((void (*)(void))trace_connection);
	return 0;
}

static int teardown(void **state)
{
	size_t i;

	(void)state;
	sqlite3_reset_auto_extension();
	for (i = 0; i < interaction_count; i++) {
		free(interactions[i].label);
		free(interactions[i].before);
		free(interactions[i].key);
		list_clear(&interactions[i].sql);
	}
	for (i = 0; i < value_count; i++) {
		free(values[i].name);
		free(values[i].sql);
		free(values[i].text);
	}
	unit_db_remove(path);
	unlink(script);
	unlink(mark);
	unlink(saved);
	snprintf(saved, sizeof(saved), "%s/gradus", dir);
	rmdir(saved);
	rmdir(dir);
	return 0;
}

/* The statements a search's page ran, joined (sqlite3_trace_v2). */
static char traced[8192];

static int trace_into(unsigned type, void *context, void *p, void *x)
{
	char *sql = type == SQLITE_TRACE_STMT ? sqlite3_expanded_sql(p) : NULL;

	(void)context;
	(void)x;
	if (sql && strlen(traced) + strlen(sql) + 2 < sizeof(traced)) {
		strcat(traced, sql);
		strcat(traced, "\n");
	}
	sqlite3_free(sql);
	return 0;
}

/* rows[from..from+count) of a page, as numbers joined by spaces. */
static void numbers_of(const struct case_row *rows, size_t from, size_t count, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = from; i < from + count; i++)
		used += (size_t)snprintf(out + used, size - used, "%s ", rows[i].number);
}

/* The page of 20 after (or before) key is big[from..from+20). */
static void expect_page(struct store *store, const struct case_query *q, const char *key,
			enum store_direction direction, const struct case_row *big, size_t from)
{
	struct case_row rows[20];
	struct error err = { "" };
	char a[4096], b[4096];
	size_t count = 0;

	assert_int_equal(store_case_page(store, q, key, false, direction, 20, rows, &count, &err), STATUS_OK);
	numbers_of(rows, 0, count, a, sizeof(a));
	numbers_of(big, from, 20, b, sizeof(b));
	assert_string_equal(a, b);
	case_rows_clear(rows, count);
}

/* A search matching nearly every case: a page of 20 asks the index about
 * each case it walks (WALK_PROBE), a page of 200 walks against the set of
 * every match (WALK_MATCH); both give the same rows, in every order, both
 * ways, from a key; and its count stops at the cap it is given. */
static void a_search_of_most_cases_reads_the_same_rows_either_way(void **state)
{
	static const char *const terms[] = { "精密", "科技有限" };
	struct store *store = NULL;
	struct error err = { "" };
	struct case_row small[20], big[200];
	char a[4096], b[4096];
	size_t t, n_small, n_big;
	int sort, down;
	long n = 0, all = 0;

	(void)state;
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "boss", today, &store, &err), STATUS_OK);
	for (t = 0; t < 2; t++) {
		char *match = store_search_query(terms[t]);

		assert_non_null(match);
		for (sort = 0; sort < SORT_COUNT; sort++)
			for (down = 0; down < 2; down++) {
				struct case_query q = { .sort = (enum case_sort)sort, .descending = down, .match = match,
							.today = today };

				traced[0] = '\0';
				sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, trace_into, NULL);
				assert_int_equal(store_case_page(store, &q, NULL, false, STORE_FORWARD, 20, small, &n_small,
								 &err), STATUS_OK);
				sqlite3_trace_v2(store->db, 0, NULL, NULL);
				assert_non_null(strstr(traced, " s WHERE s.case_search"));
				traced[0] = '\0';
				sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, trace_into, NULL);
				assert_int_equal(store_case_page(store, &q, NULL, false, STORE_FORWARD, 200, big, &n_big, &err),
						 STATUS_OK);
				sqlite3_trace_v2(store->db, 0, NULL, NULL);
				assert_non_null(strstr(traced, "+c.rowid IN (SELECT rowid FROM case_search"));
				assert_int_equal(n_small, 20);
				assert_int_equal(n_big, 200);
				numbers_of(small, 0, 20, a, sizeof(a));
				numbers_of(big, 0, 20, b, sizeof(b));
				assert_string_equal(a, b);
				/* the page after the 20th, and the page before the 40th */
				case_rows_clear(small, n_small);
				expect_page(store, &q, big[19].number, STORE_FORWARD, big, 20);
				expect_page(store, &q, big[39].number, STORE_BACKWARD, big, 19);
				case_rows_clear(big, n_big);
			}
		{
			struct case_query q = { .match = match, .today = today };
			struct case_query basic = { .match = match, .level = "basic", .today = today };

			assert_int_equal(store_case_count(store, &q, &all, &err), STATUS_OK);
			assert_in_range(all, 2000, STORE_COUNT_CAP);
			assert_int_equal(store_case_count_upto(store, &q, 500, &n, &err), STATUS_OK);
			assert_int_equal(n, 501);
			/* with a filter beside it, the same cap */
			assert_int_equal(store_case_count_upto(store, &basic, 100, &n, &err), STATUS_OK);
			assert_int_equal(n, 101);
			assert_int_equal(store_case_count(store, &basic, &n, &err), STATUS_OK);
			assert_in_range(n, 500, all - 1);
		}
		free(match);
	}
	store_close(&store);
}

/* The numbers of a page by store_case_page, joined; the statements traced. */
static void page_numbers(struct store *store, const struct case_query *q, const char *key,
			 enum store_direction direction, char *out, size_t size)
{
	struct case_row rows[20];
	struct error err = { "" };
	size_t count = 0;

	traced[0] = '\0';
	sqlite3_trace_v2(store->db, SQLITE_TRACE_STMT, trace_into, NULL);
	assert_int_equal(store_case_page(store, q, key, false, direction, 20, rows, &count, &err), STATUS_OK);
	sqlite3_trace_v2(store->db, 0, NULL, NULL);
	numbers_of(rows, 0, count, out, size);
	case_rows_clear(rows, count);
}

/* The same page by a plain query: every match sorted; how many match. */
static long reference_numbers(struct store *store, const char *where, const char *match, const char *order,
			      char *out, size_t size)
{
	char sql[1024];
	sqlite3_stmt *stmt;
	size_t used = 0;
	long matches;

	snprintf(sql, sizeof(sql), "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id"
		 " JOIN enterprises e ON e.id = f.enterprise_id WHERE %s ORDER BY %s LIMIT 20", where, order);
	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (match)
		sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	out[0] = '\0';
	while (sqlite3_step(stmt) == SQLITE_ROW)
		used += (size_t)snprintf(out + used, size - used, "%s ", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cases c WHERE %s", where);
	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (match)
		sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	matches = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return matches;
}

/* Whether the page statement traced last sorts its rows before the page
 * (a temporary b-tree under the subquery k), where a walk reads them in
 * order from the order's index. */
static bool page_sorts_matches(struct store *store)
{
	const char *start = strstr(traced, "SELECT c.id, c.number, e.name"), *later;
	char sql[4096];
	sqlite3_stmt *stmt;
	bool sorts = false;

	while (start && (later = strstr(start + 1, "SELECT c.id, c.number, e.name")))
		start = later; /* the last: a walk that gave up ran first */
	assert_non_null(start);
	snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN %.*s", (int)strcspn(start, "\n"), start);
	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		if (sqlite3_column_int(stmt, 1) != 0 && strstr((const char *)sqlite3_column_text(stmt, 3), "TEMP B-TREE FOR ORDER"))
			sorts = true;
	sqlite3_finalize(stmt);
	return sorts;
}

/* How many page statements were traced. */
static int page_statements(void)
{
	const char *at = traced;
	int n = 0;

	while ((at = strstr(at, "SELECT c.id, c.number, e.name"))) {
		n++;
		at++;
	}
	return n;
}

/* The number at index i of "n1 n2 ... " (i from 0), or NULL. */
static const char *nth_number(const char *numbers, int i, char *out, size_t size)
{
	while (i-- > 0 && numbers && (numbers = strchr(numbers, ' ')))
		numbers++;
	if (!numbers || !*numbers)
		return NULL;
	snprintf(out, size, "%.*s", (int)strcspn(numbers, " "), numbers);
	return numbers;
}

/* In every order but the number's, under every filter: the page is the
 * plain query's, whether the order's index is walked to the page's end
 * (walk_budget_us long) or the walk gives up at once and the matches are
 * sorted (below 0). Filters of 1,000 cases or more (here submitted, due
 * within 30 days, a stage, 精密) are walked, not sorted; fewer are read
 * through their indexes (sorted, unless the index holds the order).
 * From its 10th row the
 * page after (walked) and the page before its 11th row are the plain
 * query's rows too. */
static void every_order_under_every_filter_reads_the_same_rows(void **state)
{
	static const struct {
		enum case_sort sort;
		const char *order[2];
	} orders[] = {
		{ SORT_ENTERPRISE, { "e.name_key, c.number", "e.name_key DESC, c.number DESC" } },
		{ SORT_REGION, { "e.region, e.name_key, c.number", "e.region DESC, e.name_key DESC, c.number DESC" } },
		{ SORT_LEVEL, { "c.level, c.number", "c.level DESC, c.number DESC" } },
		{ SORT_YEAR, { "c.year, c.number", "c.year DESC, c.number DESC" } },
		{ SORT_STATE, { "c.state, c.number", "c.state DESC, c.number DESC" } },
		{ SORT_DUE, { "coalesce(c.next_due, '9999-12-31'), c.number",
			      "coalesce(c.next_due, '9999-12-31') DESC, c.number DESC" } },
	};
	char *common = store_search_query("精密"), *rare = store_search_query("第4938号");
	struct {
		struct case_query q;
		const char *where, *match;
	} filters[] = {
		{ { .level = "basic" }, "c.level = 'basic'", NULL },
		{ { .state = "submitted" }, "c.state = 'submitted'", NULL },
		{ { .region = "wuhan" }, "c.region = 'wuhan'", NULL },
		{ { .year = 2024 }, "c.year = 2024", NULL },
		{ { .due_within = 30 }, "c.next_due <= '2026-12-28'", NULL },
		{ { .overdue = true }, "c.next_due < '2026-11-28'", NULL },
		{ { .scenarios = "[1,2,3]", .stage = "construction" },
		  "c.id IN (SELECT case_id FROM scenario_cases WHERE scenario IN (1, 2, 3))", NULL },
		{ { .match = NULL }, "c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?1)", NULL },
		{ { .match = NULL }, "c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH ?1)", NULL },
		{ { .state = "submitted", .region = "xiangyang" }, "c.state = 'submitted' AND c.region = 'xiangyang'",
		  NULL },
	};
	size_t walks = 0, sorts = 0;
	struct store *store = NULL;
	struct error err = { "" };
	char walked[4096], sorted[4096], plain[4096], tenth[64], eleventh[64];
	const char *rest;
	size_t o, f;
	int down;

	(void)state;
	assert_non_null(common);
	assert_non_null(rare);
	filters[7].q.match = filters[7].match = common;
	filters[8].q.match = filters[8].match = rare;
	assert_int_equal(store_open(path, STORE_OPEN_OR_CREATE, "boss", today, &store, &err), STATUS_OK);
	for (o = 0; o < sizeof(orders) / sizeof(orders[0]); o++)
		for (down = 0; down < 2; down++)
			for (f = 0; f < sizeof(filters) / sizeof(filters[0]); f++) {
				struct case_query q = filters[f].q;

				q.sort = orders[o].sort;
				q.descending = down;
				q.today = today;
				bool many = reference_numbers(store, filters[f].where, filters[f].match, orders[o].order[down],
							      plain, sizeof(plain)) >= 1000;

				assert_true(strlen(plain) > 0);
				store->walk_budget_us = 60000000;
				page_numbers(store, &q, NULL, STORE_FORWARD, walked, sizeof(walked));
				if (many)
					assert_false(page_sorts_matches(store));
				walks += many;
				sorts += !many;
				store->walk_budget_us = -1;
				page_numbers(store, &q, NULL, STORE_FORWARD, sorted, sizeof(sorted));
				/* many: the walk gave up, and a second statement read the page */
				assert_int_equal(page_statements(), many ? 2 : 1);
				assert_string_equal(walked, plain);
				assert_string_equal(sorted, plain);
				if (!nth_number(plain, 9, tenth, sizeof(tenth)) ||
				    !(rest = nth_number(plain, 10, eleventh, sizeof(eleventh))))
					continue;
				store->walk_budget_us = 60000000;
				page_numbers(store, &q, tenth, STORE_FORWARD, walked, sizeof(walked));
				assert_int_equal(strncmp(walked, rest, strlen(rest)), 0);
				page_numbers(store, &q, eleventh, STORE_BACKWARD, sorted, sizeof(sorted));
				assert_int_equal(strlen(sorted), (size_t)(rest - plain));
				assert_int_equal(strncmp(sorted, plain, strlen(sorted)), 0);
			}
	assert_true(walks >= 4 * 12 && sorts >= 4 * 12);
	store->walk_budget_us = 0;
	store_close(&store);
	free(common);
	free(rare);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_interaction_runs_the_files_statements),
		cmocka_unit_test(a_search_of_most_cases_reads_the_same_rows_either_way),
		cmocka_unit_test(every_order_under_every_filter_reads_the_same_rows),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
