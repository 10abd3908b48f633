/* Unit tests of src/store/safe_file.c: names from outside reduced to plain
 * file names, and files written beside their target and renamed, never
 * through a symbolic link. */
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

#include "testkit.h"

#include "gradus/store/safe_file.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_names(void **state)
{
	static const struct {
		const char *name, *plain; /* plain NULL: refused */
	} cases[] = {
		{ "photo.jpg", "photo.jpg" },
		{ "看板照片.jpg", "看板照片.jpg" },
		{ "../../../PWNED.sh", "PWNED.sh" },
		{ "/etc/passwd", "passwd" },
		{ "..\\..\\windows\\evil.bat", "evil.bat" },
		{ "a/b/\x1b[31mred\x07.txt", "[31mred.txt" },
		{ "tab\there\nnew\x7f.txt", "tabherenew.txt" },
		{ "c1\xc2\x9bx.txt", "c1x.txt" },
		{ ".hidden", ".hidden" },
		{ "", NULL },
		{ ".", NULL },
		{ "..", NULL },
		{ "a/..", NULL },
		{ "dir/", NULL },
		{ "\x01\x02", NULL },
		{ "x/\n.\n.", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		char *plain = safe_file_name(cases[i].name, &err);

		if (!cases[i].plain) {
			if (plain)
				fail_msg("case %zu: '%s' should be refused", i, plain);
			assert_says(err.message, "not a usable file name");
			continue;
		}
		if (!plain)
			fail_msg("case %zu: refused: %s", i, err.message);
		assert_string_equal(plain, cases[i].plain);
		free(plain);
	}
}

static char folder[4096];

static char *in_folder(const char *name)
{
	char *path = NULL;

	assert_true(asprintf(&path, "%s/%s", folder, name) > 0);
	return path;
}

static void test_writes(void **state)
{
	char *target = in_folder("out.txt"), *victim = in_folder("victim"), *link = in_folder("link.txt");
	struct error err = { "" };
	char bytes[16] = "";
	FILE *f;

	(void)state;
	f = fopen(victim, "w");
	fputs("precious", f);
	fclose(f);
	assert_int_equal(safe_file_write(target, "one", 3, SAFE_FILE_NEW, 0666, &err), STATUS_OK);
	assert_int_equal(safe_file_write(target, "two", 3, SAFE_FILE_NEW, 0666, &err), STATUS_ERR_EXISTS);
	assert_int_equal(safe_file_write(target, "two", 3, SAFE_FILE_REPLACE, 0666, &err), STATUS_OK);
	f = fopen(target, "r");
	assert_int_equal(fread(bytes, 1, sizeof(bytes) - 1, f), 3);
	fclose(f);
	assert_string_equal(bytes, "two");
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(safe_file_write(link, "evil", 4, SAFE_FILE_REPLACE, 0666, &err), STATUS_ERR_DENIED);
	assert_says(err.message, "symbolic link");
	f = fopen(victim, "r");
	memset(bytes, 0, sizeof(bytes));
	assert_int_equal(fread(bytes, 1, sizeof(bytes) - 1, f), 8);
	fclose(f);
	assert_string_equal(bytes, "precious");
	unlink(link);
	unlink(target);
	unlink(victim);
	free(target);
	free(victim);
	free(link);
}

static void test_database(void **state)
{
	char *target = in_folder("copy.db"), *beside = in_folder("copy.db.part");
	struct safe_database db;
	struct error err = { "" };
	struct stat st;
	FILE *f;

	(void)state;
	assert_int_equal(safe_database_begin(&db, target, SAFE_FILE_NEW, &err), STATUS_OK);
	assert_int_equal(stat(db.folder, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	f = fopen(db.temp, "w");
	fputs("db", f);
	fclose(f);
	f = fopen(beside, "w"); /* a name an attacker may have taken */
	fclose(f);
	assert_int_equal(safe_database_commit(&db, 0600, &err), STATUS_OK);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(safe_database_begin(&db, target, SAFE_FILE_NEW, &err), STATUS_ERR_EXISTS);
	unlink(target);
	unlink(beside);
	free(target);
	free(beside);
}

static int make_folder(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(folder, sizeof(folder), "%s/gradus-safe-file.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(folder) ? 0 : -1;
}

static int remove_folder(void **state)
{
	char *command = NULL;

	(void)state;
	if (asprintf(&command, "rm -rf '%s'", folder) < 0)
		return -1;
	(void)!system(command);
	free(command);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_writes),
		cmocka_unit_test(test_database),
	};

	return cmocka_run_group_tests(tests, make_folder, remove_folder);
}
