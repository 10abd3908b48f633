/* Unit tests of the store when SQLite fails under it: a lookup (a case by
 * its number, an expert by code), a list (the case list's page, the
 * experts) and a count (the case count, the dashboard) each report a busy
 * database and a disk I/O error as an error with its message, never as
 * "not found", an empty list or 0. The I/O errors come from a VFS that
 * wraps the default one and fails reads while told to; the busy database
 * from a second connection holding the file's exclusive lock. That VFS has
 * no shared memory, so the store's database stays in rollback-journal mode
 * (SQLite keeps it there when WAL is asked for): in WAL mode a reader is
 * never kept out by a writer, and a lookup can meet a busy database only
 * while the file is recovered. And the statement cache holds as many
 * statements as there are. */
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
#include "gradus/store/cases.h"
#include "gradus/store/panels.h"
/* store_prepare is the store's own; only the statement cache's test uses it. */
#include "store/store_private.h"

static const struct date today = { 2026, 11, 28 };
static char path[64];
static struct forms *forms;
static char case_number[32];
static char expert_code[16];

/* ---- a VFS whose reads fail while fail_reads is set ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static int fail_reads;

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real; /* the default VFS's file, just after this struct */
};

#define REAL(file) (((struct faulty_file *)(file))->real)

static int faulty_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int faulty_read(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
	return fail_reads ? SQLITE_IOERR_READ : REAL(f)->pMethods->xRead(REAL(f), buffer, amount, offset);
}
static int faulty_write(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
	return REAL(f)->pMethods->xWrite(REAL(f), buffer, amount, offset);
}
static int faulty_truncate(sqlite3_file *f, sqlite3_int64 size) { return REAL(f)->pMethods->xTruncate(REAL(f), size); }
static int faulty_sync(sqlite3_file *f, int flags) { return REAL(f)->pMethods->xSync(REAL(f), flags); }
static int faulty_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int faulty_lock(sqlite3_file *f, int level) { return REAL(f)->pMethods->xLock(REAL(f), level); }
static int faulty_unlock(sqlite3_file *f, int level) { return REAL(f)->pMethods->xUnlock(REAL(f), level); }
static int faulty_reserved(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int faulty_control(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int faulty_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int faulty_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
/* Version 1: no shared memory (so no WAL), no memory-mapped reads that would pass by xRead. */
static const sqlite3_io_methods faulty_methods = {
	1, faulty_close, faulty_read, faulty_write, faulty_truncate, faulty_sync, faulty_size, faulty_lock,
	faulty_unlock, faulty_reserved, faulty_control, faulty_sector, faulty_device, NULL, NULL, NULL, NULL, NULL,
	NULL,
};

static int faulty_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	struct faulty_file *f = (struct faulty_file *)file;
	int rc;

	(void)vfs;
	f->real = (sqlite3_file *)(f + 1);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	file->pMethods = rc == SQLITE_OK && f->real->pMethods ? &faulty_methods : NULL;
	return rc;
}

/* ---- the database: one case and one expert, opened by the admin ---- */

static struct store *open_store(void)
{
	struct store *store = testkit_open(path, "root-admin");

	/* A busy database is reported after a tenth of a second, not after five. */
	sqlite3_busy_timeout(store_db(store), 100);
	return store;
}

static int setup(void **state)
{
	struct expert_input expert = { "李工", "process", "武汉理工大学", "wuhan", NULL, NULL };
	struct new_case in;
	struct store *store;
	struct error err;
	char id[33];

	(void)state;
	real_vfs = sqlite3_vfs_find(NULL);
	faulty_vfs = *real_vfs;
	faulty_vfs.zName = "gradus-faulty";
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + real_vfs->szOsFile;
	faulty_vfs.xOpen = faulty_open;
	assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
	testkit_db_path(path, sizeof(path), "store-errors");
	forms = testkit_forms();
	store = open_store();
	testkit_new_case(&in, "basic");
	assert_int_equal(case_create(store, forms, &in, id, case_number, NULL, &err), STATUS_OK);
	if (expert_add(store, forms, &expert, expert_code, &err))
		fail_msg("expert_add: %s", err.message);
	store_close(&store);
	{
		sqlite3 *db = NULL;
		sqlite3_stmt *stmt = NULL;

		assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, real_vfs->zName), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "delete");
		sqlite3_finalize(stmt);
		sqlite3_close(db);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	forms_free(&forms);
	sqlite3_vfs_unregister(&faulty_vfs);
	unit_db_remove(path);
	return 0;
}

/* Another connection (on the default VFS) changes the file, so the store
 * must read it again rather than answer from its cache. */
static void write_from_elsewhere(sqlite3 *db)
{
	char *message = NULL;

	if (sqlite3_exec(db, "INSERT OR REPLACE INTO meta VALUES ('test_poke', hex(randomblob(8)))", NULL, NULL,
			 &message) != SQLITE_OK)
		fail_msg("writing from another connection: %s", message);
}

static sqlite3 *other_connection(void)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, real_vfs->zName), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

enum fault { FAULT_BUSY, FAULT_IO };

/* The fault on, with the connection that holds the lock (NULL for I/O). */
static sqlite3 *fault_on(enum fault fault)
{
	sqlite3 *db = other_connection();

	if (fault == FAULT_IO) {
		write_from_elsewhere(db);
		sqlite3_close(db);
		fail_reads = 1;
		return NULL;
	}
	/* A write in an exclusive transaction: the file's lock is held until it ends. */
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	write_from_elsewhere(db);
	return db;
}

static void fault_off(sqlite3 *holder)
{
	fail_reads = 0;
	if (holder)
		assert_int_equal(sqlite3_close(holder), SQLITE_OK);
}

/* The status a fault must give, and a word its message must hold. */
static void assert_reported(enum fault fault, enum status status, const struct error *err)
{
	assert_int_equal(status, fault == FAULT_BUSY ? STATUS_ERR_BUSY : STATUS_ERR_IO);
	if (!strstr(err->message, fault == FAULT_BUSY ? "another user is writing" : "I/O"))
		fail_msg("the message does not say what happened: %s", err->message);
}

static void lookups_report(enum fault fault)
{
	struct store *store = open_store();
	struct case_detail detail;
	struct expert_row expert;
	struct error err = { "" };
	sqlite3 *holder;

	/* Before the fault both are there. */
	assert_int_equal(store_case_detail(store, case_number, &detail, &err), STATUS_OK);
	case_detail_clear(&detail);
	assert_int_equal(expert_find(store, expert_code, &expert, &err), STATUS_OK);
	expert_row_clear(&expert);
	holder = fault_on(fault);
	assert_reported(fault, store_case_detail(store, case_number, &detail, &err), &err);
	assert_reported(fault, expert_find(store, expert_code, &expert, &err), &err);
	fault_off(holder);
	assert_int_equal(store_case_detail(store, case_number, &detail, &err), STATUS_OK);
	case_detail_clear(&detail);
	store_close(&store);
}

static void lists_report(enum fault fault)
{
	struct store *store = open_store();
	struct case_row rows[8];
	struct expert_row *experts = NULL;
	struct error err = { "" };
	size_t count = 99;
	sqlite3 *holder;

	assert_int_equal(store_case_page(store, NULL, NULL, false, STORE_FORWARD, 8, rows, &count, &err), STATUS_OK);
	assert_int_equal(count, 1);
	case_rows_clear(rows, count);
	holder = fault_on(fault);
	assert_reported(fault, store_case_page(store, NULL, NULL, false, STORE_FORWARD, 8, rows, &count, &err), &err);
	assert_int_equal(count, 0);
	count = 99;
	assert_reported(fault, expert_list(store, &experts, &count, &err), &err);
	assert_null(experts);
	assert_int_equal(count, 0);
	fault_off(holder);
	assert_int_equal(expert_list(store, &experts, &count, &err), STATUS_OK);
	assert_int_equal(count, 1);
	expert_rows_free(experts, count);
	store_close(&store);
}

static void counts_report(enum fault fault)
{
	struct store *store = open_store();
	struct dashboard_data dashboard;
	struct error err = { "" };
	long cases = -1;
	bool empty = true;
	sqlite3 *holder;

	assert_int_equal(store_case_count(store, NULL, &cases, &err), STATUS_OK);
	assert_int_equal(cases, 1);
	holder = fault_on(fault);
	assert_reported(fault, store_case_count(store, NULL, &cases, &err), &err);
	assert_reported(fault, store_dashboard(store, today, &dashboard, &err), &err);
	assert_reported(fault, store_is_empty(store, &empty, &err), &err);
	assert_false(empty);
	fault_off(holder);
	assert_int_equal(store_dashboard(store, today, &dashboard, &err), STATUS_OK);
	assert_int_equal(dashboard.cases, 1);
	dashboard_data_free(&dashboard);
	store_close(&store);
}

static void test_lookup_busy(void **state) { (void)state; lookups_report(FAULT_BUSY); }
static void test_lookup_io(void **state) { (void)state; lookups_report(FAULT_IO); }
static void test_list_busy(void **state) { (void)state; lists_report(FAULT_BUSY); }
static void test_list_io(void **state) { (void)state; lists_report(FAULT_IO); }
static void test_count_busy(void **state) { (void)state; counts_report(FAULT_BUSY); }
static void test_count_io(void **state) { (void)state; counts_report(FAULT_IO); }

/* 500 distinct statements are each prepared once and all run; the same
 * SQL again is the statement already prepared. */
static void test_many_statements(void **state)
{
	enum { MANY = 500 };
	struct store *store = open_store();
	sqlite3_stmt *first[MANY];
	char *sql[MANY];
	struct error err;
	int i;

	(void)state;
	for (i = 0; i < MANY; i++) {
		sql[i] = malloc(48);
		assert_non_null(sql[i]);
		snprintf(sql[i], 48, "SELECT %d + count(*) FROM meta", i);
		first[i] = store_prepare(store, sql[i], &err);
		if (!first[i])
			fail_msg("statement %d: %s", i, err.message);
	}
	for (i = 0; i < MANY; i++) {
		sqlite3_stmt *again = store_prepare(store, sql[i], &err);

		assert_ptr_equal(again, first[i]);
		assert_int_equal(sqlite3_step(again), SQLITE_ROW);
		assert_true(sqlite3_column_int(again, 0) >= i + 1);
		sqlite3_reset(again);
	}
	store_close(&store);
	for (i = 0; i < MANY; i++)
		free(sql[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_busy),
		cmocka_unit_test(test_lookup_io),
		cmocka_unit_test(test_list_busy),
		cmocka_unit_test(test_list_io),
		cmocka_unit_test(test_count_busy),
		cmocka_unit_test(test_count_io),
		cmocka_unit_test(test_many_statements),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
