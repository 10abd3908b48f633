/* libxlsxwriter, loaded when a workbook is first written and not at every
 * start: it brings OpenSSL's libcrypto (for the MD5 of images, which gradus
 * never adds), whose loading and relocation was 5.7 ms of every start-up,
 * a quarter of it. The functions xlsx.c calls are defined here under their
 * own names (their prototypes are xlsxwriter.h's, so the compiler checks
 * them) and call the library's, found with dlsym on first use. When the
 * library cannot be loaded a workbook is not created, and lxw_strerror
 * says why. GRADUS_XLSXWRITER is the library's soname (the Makefile reads
 * it from the library the build would have linked). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gradus/text/dl.h"
#include "gradus/text/i18n.h"

#ifndef GRADUS_XLSXWRITER
#define GRADUS_XLSXWRITER "libxlsxwriter.so"
#endif

static struct {
	lxw_workbook *(*workbook_new_opt)(const char *, lxw_workbook_options *);
	lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
	lxw_format *(*workbook_add_format)(lxw_workbook *);
	lxw_error (*workbook_close)(lxw_workbook *);
	void (*format_set_bold)(lxw_format *);
	void (*format_set_num_format)(lxw_format *, const char *);
	lxw_error (*worksheet_write_string)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *);
	lxw_error (*worksheet_write_number)(lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *);
	lxw_error (*worksheet_write_datetime)(lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_datetime *, lxw_format *);
	lxw_error (*worksheet_set_column)(lxw_worksheet *, lxw_col_t, lxw_col_t, double, lxw_format *);
	void (*worksheet_hide)(lxw_worksheet *);
	void (*worksheet_freeze_panes)(lxw_worksheet *, lxw_row_t, lxw_col_t);
	lxw_error (*worksheet_data_validation_range)(lxw_worksheet *, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t,
						     lxw_data_validation *);
	void (*lxw_rowcol_to_range_abs)(char *, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t);
	char *(*lxw_strerror)(lxw_error);
} lib;

static enum { NOT_TRIED, LOADED, FAILED } loaded = NOT_TRIED;
static char why[256];

#define FIND(name) dl_function(handle, #name, &lib.name, sizeof(lib.name))

static int load(void)
{
	void *handle;

	if (loaded != NOT_TRIED)
		return loaded == LOADED;
	loaded = FAILED;
	handle = dlopen(GRADUS_XLSXWRITER, RTLD_NOW | RTLD_LOCAL);
	if (handle && !(FIND(workbook_new_opt) || FIND(workbook_add_worksheet) || FIND(workbook_add_format) ||
			FIND(workbook_close) || FIND(format_set_bold) || FIND(format_set_num_format) ||
			FIND(worksheet_write_string) || FIND(worksheet_write_number) ||
			FIND(worksheet_write_datetime) || FIND(worksheet_set_column) || FIND(worksheet_hide) ||
			FIND(worksheet_freeze_panes) || FIND(worksheet_data_validation_range) ||
			FIND(lxw_rowcol_to_range_abs) || FIND(lxw_strerror))) {
		loaded = LOADED;
		return 1;
	}
	/* L10N: %s: the library's name (libxlsxwriter.so.4), then the loader's reason */
	snprintf(why, sizeof(why), _("cannot load %s for .xlsx files: %s"), GRADUS_XLSXWRITER, dlerror());
	if (handle)
		dlclose(handle);
	return 0;
}

lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
	return load() ? lib.workbook_new_opt(filename, options) : NULL;
}

char *lxw_strerror(lxw_error error_num)
{
	return load() ? lib.lxw_strerror(error_num) : why;
}

/* The others run only on a workbook, so after the library was loaded. */
lxw_worksheet *workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname)
{
	return lib.workbook_add_worksheet(workbook, sheetname);
}

lxw_format *workbook_add_format(lxw_workbook *workbook)
{
	return lib.workbook_add_format(workbook);
}

lxw_error workbook_close(lxw_workbook *workbook)
{
	return lib.workbook_close(workbook);
}

void format_set_bold(lxw_format *format)
{
	lib.format_set_bold(format);
}

void format_set_num_format(lxw_format *format, const char *num_format)
{
	lib.format_set_num_format(format, num_format);
}

lxw_error worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
				 lxw_format *format)
{
	return lib.worksheet_write_string(worksheet, row, col, string, format);
}

lxw_error worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
				 lxw_format *format)
{
	return lib.worksheet_write_number(worksheet, row, col, number, format);
}

lxw_error worksheet_write_datetime(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime *datetime,
				   lxw_format *format)
{
	return lib.worksheet_write_datetime(worksheet, row, col, datetime, format);
}

lxw_error worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,
			       lxw_format *format)
{
	return lib.worksheet_set_column(worksheet, first_col, last_col, width, format);
}

void worksheet_hide(lxw_worksheet *worksheet)
{
	lib.worksheet_hide(worksheet);
}

void worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col)
{
	lib.worksheet_freeze_panes(worksheet, row, col);
}

lxw_error worksheet_data_validation_range(lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col,
					  lxw_row_t last_row, lxw_col_t last_col, lxw_data_validation *validation)
{
	return lib.worksheet_data_validation_range(worksheet, first_row, first_col, last_row, last_col, validation);
}

void lxw_rowcol_to_range_abs(char *range, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
			     lxw_col_t last_col)
{
	lib.lxw_rowcol_to_range_abs(range, first_row, first_col, last_row, last_col);
}
