/* Unit tests of src/text/sheet.c: workbooks made with libxlsxwriter (shared
 * strings, and inline strings in its constant-memory mode) read back:
 * text, numbers, booleans, blank cells, date cells by built-in, custom and
 * Chinese formats, a sheet by name, bad workbooks refused, and the title
 * rows above a header passed over, merged or not, with a header cell merged
 * down from a group header row taking its value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "testkit.h"
#include "gradus/text/sheet.h"

static char folder[] = "/tmp/gradus-sheet-XXXXXX";

/* The workbook's bytes (caller frees). */
static char *slurp(const char *path, size_t *len)
{
	FILE *file = fopen(path, "rb");
	char *bytes;

	assert_non_null(file);
	fseek(file, 0, SEEK_END);
	*len = (size_t)ftell(file);
	rewind(file);
	bytes = malloc(*len + 1);
	assert_non_null(bytes);
	assert_int_equal(fread(bytes, 1, *len, file), *len);
	fclose(file);
	return bytes;
}

/* A workbook: a sheet "other" first when two_sheets, then "cases". */
static char *make_workbook(bool constant_memory, bool two_sheets, size_t *len)
{
	char path[64];
	lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = folder };
	lxw_workbook *book;
	lxw_worksheet *sheet;
	lxw_format *iso, *builtin, *chinese, *scientific;
	lxw_datetime day = { 2026, 3, 5, 0, 0, 0 };
	char *bytes;

	snprintf(path, sizeof(path), "%s/book.xlsx", folder);
	book = workbook_new_opt(path, &options);
	assert_non_null(book);
	if (two_sheets)
		worksheet_write_string(workbook_add_worksheet(book, "other"), 0, 0, "not this one", NULL);
	sheet = workbook_add_worksheet(book, "cases");
	iso = workbook_add_format(book);
	format_set_num_format(iso, "yyyy-mm-dd");
	builtin = workbook_add_format(book);
	format_set_num_format_index(builtin, 14);
	chinese = workbook_add_format(book);
	format_set_num_format(chinese, "yyyy\"年\"m\"月\"d\"日\"");
	scientific = workbook_add_format(book);
	format_set_num_format(scientific, "0.00E+00");
	worksheet_write_string(sheet, 0, 0, "企业名称", NULL);
	worksheet_write_string(sheet, 0, 1, "uscc", NULL);
	worksheet_write_string(sheet, 0, 2, "year", NULL);
	worksheet_write_string(sheet, 0, 3, "on", NULL);
	worksheet_write_string(sheet, 0, 4, "flag", NULL);
	worksheet_write_string(sheet, 1, 0, "黄石\"东贝\", 有限公司\n第二行", NULL);
	worksheet_write_string(sheet, 1, 1, "91420200MA0DX6QEY5", NULL);
	worksheet_write_number(sheet, 1, 2, 2026, NULL);
	worksheet_write_datetime(sheet, 1, 3, &day, iso);
	worksheet_write_boolean(sheet, 1, 4, 1, NULL);
	/* row 3 left out; row 4 with gaps */
	worksheet_write_datetime(sheet, 3, 1, &day, builtin);
	worksheet_write_datetime(sheet, 3, 3, &day, chinese);
	worksheet_write_number(sheet, 3, 4, 61, scientific);
	assert_int_equal(workbook_close(book), LXW_NO_ERROR);
	bytes = slurp(path, len);
	unlink(path);
	return bytes;
}

static void expect_row(const struct sheet_row *row, long number, const char *const *cells, size_t count)
{
	size_t i;

	assert_int_equal(row->number, number);
	assert_int_equal(row->count, count);
	for (i = 0; i < count; i++)
		assert_string_equal(row->cells[i], cells[i]);
}

static void read_back(bool constant_memory)
{
	static const char *const header[] = { "企业名称", "uscc", "year", "on", "flag" };
	static const char *const first[] = { "黄石\"东贝\", 有限公司\n第二行", "91420200MA0DX6QEY5", "2026",
					     "2026-03-05", "TRUE" };
	static const char *const gaps[] = { "", "2026-03-05", "", "2026-03-05", "61" };
	struct sheet sheet;
	struct error err = { "" };
	size_t len;
	char *bytes = make_workbook(constant_memory, false, &len);

	assert_int_equal(sheet_read_xlsx(bytes, len, NULL, &sheet, &err), STATUS_OK);
	assert_int_equal(sheet.count, 3);
	expect_row(&sheet.rows[0], 1, header, 5);
	expect_row(&sheet.rows[1], 2, first, 5);
	expect_row(&sheet.rows[2], 4, gaps, 5);
	sheet_clear(&sheet);
	assert_null(sheet.rows);
	free(bytes);
}

static void test_shared_strings(void **state)
{
	(void)state;
	read_back(false);
}

static void test_inline_strings(void **state)
{
	(void)state;
	read_back(true);
}

static void test_sheet_by_name(void **state)
{
	struct sheet sheet;
	struct error err = { "" };
	size_t len;
	char *bytes = make_workbook(false, true, &len);

	(void)state;
	assert_int_equal(sheet_read_xlsx(bytes, len, NULL, &sheet, &err), STATUS_OK);
	assert_int_equal(sheet.count, 1);
	assert_string_equal(sheet.rows[0].cells[0], "not this one");
	sheet_clear(&sheet);
	assert_int_equal(sheet_read_xlsx(bytes, len, "cases", &sheet, &err), STATUS_OK);
	assert_int_equal(sheet.count, 3);
	assert_string_equal(sheet.rows[1].cells[1], "91420200MA0DX6QEY5");
	sheet_clear(&sheet);
	assert_int_equal(sheet_read_xlsx(bytes, len, "案件", &sheet, &err), STATUS_ERR_NOT_FOUND);
	assert_says(err.message, "案件");
	free(bytes);
}

static void test_bad_workbooks(void **state)
{
	struct sheet sheet;
	struct error err = { "" };
	size_t len;
	char *bytes = make_workbook(false, false, &len);

	(void)state;
	assert_int_equal(sheet_read_xlsx("a,b\r\n1,2\r\n", 10, NULL, &sheet, &err), STATUS_ERR_PARSE);
	assert_says(err.message, "not a zip archive");
	/* cut short: the zip's directory (at its end) is gone */
	assert_int_equal(sheet_read_xlsx(bytes, len / 2, NULL, &sheet, &err), STATUS_ERR_PARSE);
	assert_null(sheet.rows);
	free(bytes);
}

/* A workbook of one sheet made by fill (a title, a header …). */
static char *make_sheet(void (*fill)(lxw_worksheet *sheet), size_t *len)
{
	char path[64];
	lxw_workbook_options options = { .tmpdir = folder };
	lxw_workbook *book;
	char *bytes;

	snprintf(path, sizeof(path), "%s/merged.xlsx", folder);
	book = workbook_new_opt(path, &options);
	assert_non_null(book);
	fill(workbook_add_worksheet(book, "名单"));
	assert_int_equal(workbook_close(book), LXW_NO_ERROR);
	bytes = slurp(path, len);
	unlink(path);
	return bytes;
}

static void header_row(lxw_worksheet *sheet, lxw_row_t row, lxw_col_t first)
{
	static const char *const names[] = { "企业名称", "信用代码", "地区", "级别", "年度" };
	lxw_col_t i;

	for (i = first; i < 5; i++)
		worksheet_write_string(sheet, row, i, names[i], NULL);
	worksheet_write_string(sheet, row + 1, 0, "甲公司", NULL);
	worksheet_write_string(sheet, row + 1, 4, "2026", NULL);
}

static void merged_title(lxw_worksheet *sheet)
{
	worksheet_merge_range(sheet, 0, 0, 0, 4, "2026年智能工厂梯度培育名单", NULL);
	header_row(sheet, 1, 0);
}

static void two_titles(lxw_worksheet *sheet)
{
	worksheet_write_string(sheet, 0, 0, "附件1", NULL); /* one value, not merged */
	worksheet_merge_range(sheet, 1, 0, 1, 4, "名单", NULL);
	header_row(sheet, 3, 0); /* a blank row between */
}

static void group_header(lxw_worksheet *sheet)
{
	worksheet_merge_range(sheet, 0, 0, 1, 0, "企业名称", NULL); /* down over rows 1 and 2 */
	worksheet_merge_range(sheet, 0, 1, 0, 2, "企业信息", NULL);
	worksheet_merge_range(sheet, 0, 3, 0, 4, "申报信息", NULL);
	header_row(sheet, 1, 1);
}

static void merged_header_cell(lxw_worksheet *sheet)
{
	header_row(sheet, 0, 0);
	worksheet_merge_range(sheet, 0, 5, 0, 6, "备注", NULL); /* the header itself, one cell over two columns */
}

static void one_value(lxw_worksheet *sheet)
{
	worksheet_write_string(sheet, 0, 0, "企业名称", NULL);
	worksheet_write_string(sheet, 1, 0, "甲公司", NULL);
}

/* The header found: its row number and first cells (second NULL: it has one). */
static void expect_header(void (*fill)(lxw_worksheet *sheet), long number, const char *first, const char *second)
{
	struct sheet sheet;
	struct error err = { "" };
	size_t len;
	char *bytes = make_sheet(fill, &len);

	assert_int_equal(sheet_read_xlsx(bytes, len, NULL, &sheet, &err), STATUS_OK);
	assert_true(sheet.header < sheet.count);
	assert_int_equal(sheet.rows[sheet.header].number, number);
	assert_string_equal(sheet.rows[sheet.header].cells[0], first);
	if (second)
		assert_string_equal(sheet.rows[sheet.header].cells[1], second);
	else
		assert_int_equal(sheet.rows[sheet.header].count, 1);
	sheet_clear(&sheet);
	free(bytes);
}

/* A number formatted as a date is read as its day of the 1900 calendar
 * (Excel's, with its 1900-02-29 that never was): the edges of the range,
 * the fake leap day refused (read as the number written), a leap day with a
 * time of day, and the last day Excel knows. */
static void test_serial_days(void **state)
{
	static const struct {
		double serial;
		const char *read;
	} days[] = {
		{ 1, "1900-01-01" },	      { 59, "1900-02-28" },	 { 60, "60" },
		{ 61, "1900-03-01" },	      { 25569, "1970-01-01" },	 { 45351.75, "2024-02-29" },
		{ 46142, "2026-04-30" },      { 2958465, "9999-12-31" }, { 2958466, "2958466" },
		{ 0.5, "0.5" },
	};
	char path[64];
	lxw_workbook_options options = { .tmpdir = folder };
	lxw_workbook *book;
	lxw_worksheet *ws;
	lxw_format *iso;
	struct sheet sheet;
	struct error err = { "" };
	size_t i, len;
	char *bytes;

	(void)state;
	snprintf(path, sizeof(path), "%s/days.xlsx", folder);
	assert_non_null(book = workbook_new_opt(path, &options));
	ws = workbook_add_worksheet(book, NULL);
	iso = workbook_add_format(book);
	format_set_num_format(iso, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "日期", NULL);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		worksheet_write_number(ws, (lxw_row_t)(i + 1), 0, days[i].serial, iso);
	assert_int_equal(workbook_close(book), LXW_NO_ERROR);
	bytes = slurp(path, &len);
	unlink(path);
	assert_int_equal(sheet_read_xlsx(bytes, len, NULL, &sheet, &err), STATUS_OK);
	assert_int_equal(sheet.count, sizeof(days) / sizeof(days[0]) + 1);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		assert_string_equal(sheet.rows[i + 1].cells[0], days[i].read);
	sheet_clear(&sheet);
	free(bytes);
}

static void test_title_rows(void **state)
{
	(void)state;
	expect_header(merged_title, 2, "企业名称", "信用代码");
	expect_header(two_titles, 4, "企业名称", "信用代码");
	expect_header(group_header, 2, "企业名称", "信用代码");
	expect_header(merged_header_cell, 1, "企业名称", "信用代码");
	expect_header(one_value, 1, "企业名称", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_sheet_by_name),
		cmocka_unit_test(test_bad_workbooks),
		cmocka_unit_test(test_title_rows),
		cmocka_unit_test(test_serial_days),
	};
	int failed;

	assert_non_null(mkdtemp(folder));
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(folder);
	return failed;
}
