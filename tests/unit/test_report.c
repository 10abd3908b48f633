/* Unit tests of src/report/: the format names, and a table's row marked to
 * stand out in each format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/report/report.h"
#include "report/doc.h"

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

/* A table of two rows, the second marked, written in format. */
static char *marked_table(enum report_format format)
{
	const char *const headers[] = { "Date", "Note" };
	const char *const plain[] = { "2027-04-24", "a <b> & *c*" };
	const char *const marked[] = { "2027-04-25", "\xe2\x9a\xa0 late; reason: \x1b[31m<script>" };
	struct doc d = { 0 };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	doc_begin(&d, format, out, "t");
	doc_table_begin(&d, 1, 2, headers);
	doc_row(&d, plain);
	doc_row_marked(&d, marked);
	doc_table_end(&d);
	assert_int_equal(doc_end(&d), STATUS_OK);
	fclose(out);
	return text;
}

static void test_marked_row(void **state)
{
	static const struct {
		enum report_format format;
		const char *has, *lacks;
	} cases[] = {
		{ REPORT_MD, "| 2027-04-24 | a \\<b\\> \\& \\*c\\* |\n", NULL },
		{ REPORT_MD, "| **2027-04-25** | **\xe2\x9a\xa0 late; reason: \xe2\x90\x9b\\[31m\\<script\\>** |\n", "**2027-04-24**" },
		{ REPORT_HTML, "<tr><td>2027-04-24</td><td>a &lt;b&gt; &amp; *c*</td></tr>", "<script>" },
		{ REPORT_HTML, "<tr class=\"marked\"><td>2027-04-25</td><td>\xe2\x9a\xa0 late; reason: \xe2\x90\x9b[31m&lt;script&gt;</td></tr>",
		  "\x1b" },
		{ REPORT_HTML, "tr.marked td { font-weight: bold }", NULL },
		/* plain text has no emphasis: the row as any other, its cells mark it */
		{ REPORT_TXT, "2027-04-25  \xe2\x9a\xa0 late; reason: \xe2\x90\x9b[31m<script>\n", "\x1b" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = marked_table(cases[i].format);

		if (!strstr(text, cases[i].has))
			fail_msg("case %zu: no %s in:\n%s", i, cases[i].has, text);
		if (cases[i].lacks && strstr(text, cases[i].lacks))
			fail_msg("case %zu: %s in:\n%s", i, cases[i].lacks, text);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_marked_row),
	};

	/* the sanitiser reads UTF-8 as the program does */
	setlocale(LC_ALL, "C.UTF-8");

	return cmocka_run_group_tests(tests, NULL, NULL);
}
