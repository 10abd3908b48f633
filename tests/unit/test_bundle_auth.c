/* Unit tests of what the office checks of a bundle's names: an
 * attachment's name reduced to a plain file name, and a login looked up in
 * the comma-separated inspectors a bundle was issued to. Table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/bundle_auth.h"

static void test_plain_name(void **state)
{
	static const char *const cases[][2] = {
		{ "photo.jpg", "photo.jpg" },
		{ "../../../PWNED.sh", "PWNED.sh" },
		{ "/etc/passwd", "passwd" },
		{ "a\\b\\..\\c.txt", "c.txt" },
		{ "dir/", "attachment" },
		{ "..", "attachment" },
		{ ".", "attachment" },
		{ "", "attachment" },
		{ "x/..", "attachment" },
		{ "看板\x1b[31m照片\a.jpg", "看板[31m照片.jpg" },
		{ "line\nbreak\t.png", "linebreak.png" },
		{ "\x7f", "attachment" },
		{ ".hidden", ".hidden" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *plain = bundle_plain_name(cases[i][0]);

		assert_non_null(plain);
		assert_string_equal(plain, cases[i][1]);
		free(plain);
	}
	{
		char *plain = bundle_plain_name(NULL);

		assert_string_equal(plain, "attachment");
		free(plain);
	}
}

static void test_listed(void **state)
{
	static const struct {
		const char *list, *login;
		bool listed;
	} cases[] = {
		{ "li.ming", "li.ming", true },   { "li.ming,wang.fang", "wang.fang", true },
		{ "li.ming,wang.fang", "li", false }, { "li.ming", "li.ming2", false },
		{ "", "root", false },           { "a,,b", "", false },
		{ "root", "", false },           { "insp1,insp10", "insp10", true },
		{ "insp10", "insp1", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(bundle_listed(cases[i].list, cases[i].login), cases[i].listed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_name),
		cmocka_unit_test(test_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
