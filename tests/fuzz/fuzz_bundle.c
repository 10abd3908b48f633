/* The bundle reader: any bytes as a visit bundle applied to the demo office
 * database (whose id is the one the seed bundles name, and which records
 * as issued, to every case and to the authors of its changes, whatever
 * bundle id and manifest hash a well-formed input names, so that a bundle intact gets
 * past the checks and is replayed and authorised). An office changed by a
 * bundle applied is put back as it was before the next input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzkit.h"
#include "gradus/forms/forms.h"
#include "gradus/store/bundle.h"
#include "gradus/store/cases.h"
#include "store/bundle_auth.h"
#include "store/store_private.h"

/* The database id of the office the seed bundles were written from. */
#define OFFICE_ID "0123456789abcdef0123456789abcdef"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], office[96], pristine[96], bundle[96];
static struct store *store;
static const struct date today = { 2026, 11, 28 };

static void remove_files(void)
{
	char wal[128];

	store_close(&store);
	snprintf(wal, sizeof(wal), "%s-wal", office);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", office);
	unlink(wal);
	unlink(office);
	unlink(pristine);
	unlink(bundle);
	rmdir(dir);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buffer[65536];
	size_t got;

	if (!in || !out)
		abort();
	while ((got = fread(buffer, 1, sizeof(buffer), in)) > 0)
		if (fwrite(buffer, 1, got, out) != got)
			abort();
	fclose(in);
	if (fclose(out))
		abort();
}

static void open_office(void)
{
	struct error err;

	if (store_open(office, STORE_OPEN_EXISTING, "fuzz", today, &store, &err))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct forms *forms = NULL;
	struct error err;

	(void)argc;
	(void)argv;
	fuzzkit_scratch_dir(dir, sizeof(dir));
	snprintf(office, sizeof(office), "%s/office.db", dir);
	snprintf(pristine, sizeof(pristine), "%s/pristine.db", dir);
	snprintf(bundle, sizeof(bundle), "%s/bundle.db", dir);
	atexit(remove_files);
	if (forms_load(GRADUS_SOURCE_DIR "/forms", &forms, &err) ||
	    store_open(office, STORE_OPEN_OR_CREATE, "fuzz", today, &store, &err) ||
	    case_create_demo(store, forms, &err) ||
	    sqlite3_exec(store->db, "UPDATE meta SET value = '" OFFICE_ID "' WHERE key = 'database_id'", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    store_backup(store, pristine, &err))
		abort();
	forms_free(&forms);
	return 0;
}

/* The office records the input's bundle id and manifest hash as issued,
 * when its schema is gradus's (else bundle_in refuses it anyway). */
static void issue(void)
{
	static const char *const read_sql = "SELECT (SELECT value FROM bundle_manifest WHERE key = 'bundle_id'),"
					    " (SELECT value FROM bundle_manifest WHERE key = 'manifest_sha256'),"
					    " (SELECT group_concat(DISTINCT actor) FROM bundle_changes)";
	static const char *const issue_sql =
		"INSERT OR REPLACE INTO bundles_issued VALUES (?1, ?2, (SELECT group_concat(id) FROM cases),"
		" coalesce(?3, 'fuzz'), NULL, 'fuzz', '2026-11-28T00:00:00Z')";
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL, *put = NULL;
	struct error err;

	if (sqlite3_open_v2(bundle, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    bundle_schema_check(db, bundle, &err) == STATUS_OK &&
	    sqlite3_prepare_v2(db, read_sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_text(stmt, 0) && sqlite3_column_text(stmt, 1) &&
	    sqlite3_prepare_v2(store->db, issue_sql, -1, &put, NULL) == SQLITE_OK) {
		sqlite3_bind_text(put, 1, (const char *)sqlite3_column_text(stmt, 0), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 2, (const char *)sqlite3_column_text(stmt, 1), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 3, (const char *)sqlite3_column_text(stmt, 2), -1, SQLITE_TRANSIENT);
		sqlite3_step(put);
	}
	sqlite3_finalize(put);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_result result;
	struct error err;
	FILE *file = fopen(bundle, "wb");
	char journal[128];

	if (!file || fwrite(data, 1, size, file) != size || fclose(file))
		abort();
	issue();
	if (bundle_in(store, bundle, &result, &err) == STATUS_OK && !result.already) {
		store_close(&store);
		copy_file(pristine, office);
		snprintf(journal, sizeof(journal), "%s-wal", office);
		unlink(journal);
		open_office();
	}
	snprintf(journal, sizeof(journal), "%s-journal", bundle);
	unlink(journal);
	unlink(bundle);
	return 0;
}
