/* Unit tests of src/report/: the format names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gradus/report.h"

static void test_format_parse(void **state)
{
	static const struct {
		const char *text;
		bool ok;
		enum report_format format;
	} cases[] = {
		{ "txt", true, REPORT_TXT }, { "md", true, REPORT_MD }, { "html", true, REPORT_HTML },
		{ "HTML", false, REPORT_TXT }, { "pdf", false, REPORT_TXT }, { "", false, REPORT_TXT },
		{ "htm", false, REPORT_TXT }, { NULL, false, REPORT_TXT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum report_format format = REPORT_TXT;

		assert_int_equal(report_format_parse(cases[i].text, &format), cases[i].ok);
		assert_int_equal(format, cases[i].format);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
