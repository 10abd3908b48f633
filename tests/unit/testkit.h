/* The unit tests' kit: the fixtures and helpers more than one test uses,
 * kept here once. Every unit test is linked with it (the Makefile's
 * $(BUILD)/tests/testkit.o; tests/bench/generate.c too, for credit codes).
 *
 * - parsed("2026-02-16"): the date, or the test fails naming the text.
 * - assert_says(text, part): the test fails unless TEXT holds PART, and
 *   then shows both (an error's message, a rendered line ...).
 * - testkit_calendar_2026: the State Council's 2026 holidays and make-up
 *   working days (国办 2025-11-04), as gradus's forms/ has them.
 * - testkit_db_path(path, size, "roles"): a database path of the test's
 *   own (/tmp/gradus-roles-PID.db); unit_db_remove(path) removes it with
 *   the -wal, -shm and -journal files SQLite may leave beside it.
 * - testkit_forms(): the source tree's forms/, loaded (the test fails if not).
 * - testkit_open(path, login): the database opened (created if new) by
 *   LOGIN on TESTKIT_TODAY.
 * - testkit_staffed_db(path, size, "roles", "boss"): a new database of the
 *   test's own whose first user, boss, is its admin and has added clerk1
 *   (clerk), insp1 (inspector) and sec1 (secretary); returns the forms.
 * - testkit_done(&store, &forms, path): closes the store, frees the forms
 *   and removes the database, each when given (NULL to leave it), for a
 *   teardown.
 * - testkit_setup_fresh / testkit_setup_staffed and testkit_teardown: a
 *   group of tests on one database of its own, as cmocka_run_group_tests's
 *   setup and teardown: testkit_group.path (named after the test program)
 *   with testkit_group.forms, the database made by testkit_fresh or
 *   testkit_staffed_db (its admin "boss"); the teardown also clears the
 *   statements recorded in testkit_group.seen.
 * - testkit_new_case(&in, level): a case of a Shiyan enterprise with a
 *   valid credit code, certified year 2025, maturity 3.20, for case_create.
 * - testkit_credit_code(division, x, code): a valid credit code of its own
 *   for each number x (GB 32100's check character), in that division.
 * - testkit_sheet(from, to, year): a CSV sheet (malloc'd) of rows from..to
 *   of enterprises in Wuhan (the same names and credit codes for the same
 *   rows), each applying in year, or over 2022-2026 if 0.
 * - JI_UTF8/_GB and the others: text in UTF-8 and in GB18030.
 */
#ifndef GRADUS_TESTS_UNIT_TESTKIT_H
#define GRADUS_TESTS_UNIT_TESTKIT_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/core/uscc.h"
#include "gradus/core/workdays.h"
#include "gradus/forms/forms.h"
#include "gradus/store/cases.h"
#include "gradus/store/store.h"

/* 𠮷 U+20BB7 and 𪚥 U+2A6A5: four bytes in UTF-8 and in GB18030, none in GBK */
#define JI_UTF8 "\xf0\xa0\xae\xb7"
#define JI_GB "\x95\x34\xb2\x35"
#define ZHE_UTF8 "\xf0\xaa\x9a\xa5"
#define ZHE_GB "\x98\x35\xee\x37"
/* 中文 and 备注: two bytes a character in GBK and GB18030 */
#define ZW_UTF8 "\xe4\xb8\xad\xe6\x96\x87"
#define ZW_GB "\xd6\xd0\xce\xc4"
#define NOTE_UTF8 "\xe5\xa4\x87\xe6\xb3\xa8"
#define NOTE_GB "\xb1\xb8\xd7\xa2"
/* U+FFFD, which GB18030 has and GBK has not */
#define FFFD_UTF8 "\xef\xbf\xbd"
#define FFFD_GB "\x84\x31\xa4\x37"

extern const struct date TESTKIT_TODAY; /* 2026-11-28, the shell tests' day too */
extern const struct holiday_calendar testkit_calendar_2026;

struct date parsed(const char *text);
void assert_says(const char *text, const char *part);
void testkit_db_path(char *path, size_t size, const char *name);
void unit_db_remove(const char *path);
struct forms *testkit_forms(void);
/* The distinct statements a database ran and how many it ran, recorded
 * with sqlite3_trace_v2 in the test only: pass testkit_record and the
 * struct as the trace's callback and context (SQLITE_TRACE_STMT). */
#define TESTKIT_STATEMENTS 256
struct testkit_statements {
	char *sql[TESTKIT_STATEMENTS];
	size_t count, runs;
};
int testkit_record(unsigned type, void *context, void *statement, void *unused);
void testkit_statements_clear(struct testkit_statements *s);
/* Whether a statement reads or writes rows: not BEGIN, COMMIT, ROLLBACK,
 * SAVEPOINT, RELEASE or PRAGMA (whose plans say nothing). */
bool testkit_statement_of_rows(const char *sql);
/* The query plan of sql (EXPLAIN QUERY PLAN on db) printed under the
 * statement and its note, each line that wrong(line, context) finds wrong
 * marked !!; returns how many. quiet: only the wrong lines are printed. */
struct sqlite3;
int testkit_plan_check(struct sqlite3 *db, const char *sql, const char *note,
		       bool (*wrong)(const char *line, const void *context), const void *context, bool quiet);

/* A database path of its own for the test NAME, no file there yet, and
 * the forms of the source tree (testkit_done cleans both up). */
struct forms *testkit_fresh(char *path, size_t size, const char *name);
struct store *testkit_open(const char *path, const char *login);
struct forms *testkit_staffed_db(char *path, size_t size, const char *name, const char *admin);
void testkit_done(struct store **store, struct forms **forms, const char *path);
struct testkit_group {
	char path[256];
	struct forms *forms;
	struct testkit_statements seen;
};
extern struct testkit_group testkit_group;
int testkit_setup_fresh(void **state);
int testkit_setup_staffed(void **state);
int testkit_teardown(void **state);
void testkit_new_case(struct new_case *in, const char *level);
void testkit_credit_code(const char *division, unsigned long x, char code[USCC_LENGTH + 1]);
char *testkit_sheet(long from, long to, int year);

#endif
