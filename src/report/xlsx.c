/* An export as a workbook (xlsx.h), written with libxlsxwriter. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gradus/core/dates.h"
#include "gradus/report/xlsx.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"

/* Excel's widest column is 255 characters; wider text wraps in the cell. */
enum { WIDTH_MIN = 6, WIDTH_MAX = 60 };

struct xlsx_book {
	const char *shown; /* the target, as messages name it */
	lxw_workbook *workbook;
	lxw_worksheet *sheet;
	lxw_format *bold, *date, *text;
	struct xlsx_column *columns;
	int *widths; /* display cells of the widest cell of each column */
	size_t count;
	lxw_row_t row;
};

static enum status lxw_failed(const struct xlsx_book *book, lxw_error code, struct error *err)
{
	/* L10N: the workbook being written, then libxlsxwriter's reason (in English) */
	return error_set(err, STATUS_ERR_IO, _("%s: cannot write the workbook: %s"), book->shown,
			 lxw_strerror(code));
}

static void widen(struct xlsx_book *book, size_t column, const char *text)
{
	int width = utf8_width(text);

	if (width > book->widths[column])
		book->widths[column] = width;
}

/* Excel's limit on a dropdown's list written in the rule itself. */
enum { LIST_MAX = 255 };

static bool fits_in_rule(const struct xlsx_column *column)
{
	size_t i, len = 0;

	for (i = 0; i < column->choice_count; i++)
		len += strlen(column->choices[i]) + (i ? 1 : 0);
	return len <= LIST_MAX;
}

/* The choices of a column in the rule itself when short enough (Excel's
 * limit is 255 characters), else in a column of a hidden sheet the rule
 * names (libxlsxwriter 1.1.4 then keeps a few bytes until exit). */
static lxw_error add_dropdown(struct xlsx_book *book, lxw_col_t c, lxw_worksheet **lists, lxw_col_t *at)
{
	const struct xlsx_column *column = &book->columns[c];
	lxw_data_validation rule = { 0 };
	char range[64], formula[96];
	const char **list = NULL;
	lxw_error code = LXW_NO_ERROR;
	size_t i;

	if (fits_in_rule(column)) {
		if (!(list = calloc(column->choice_count + 1, sizeof(*list))))
			return LXW_ERROR_MEMORY_MALLOC_FAILED;
		memcpy(list, column->choices, column->choice_count * sizeof(*list));
		rule.validate = LXW_VALIDATION_TYPE_LIST;
		rule.value_list = (char **)list;
	} else {
		if (!*lists) {
			if (!(*lists = workbook_add_worksheet(book->workbook, "lists")))
				return LXW_ERROR_MEMORY_MALLOC_FAILED;
			worksheet_hide(*lists);
		}
		for (i = 0; i < column->choice_count && !code; i++)
			code = worksheet_write_string(*lists, (lxw_row_t)i, *at, column->choices[i], NULL);
		lxw_rowcol_to_range_abs(range, 0, *at, (lxw_row_t)column->choice_count - 1, *at);
		snprintf(formula, sizeof(formula), "=lists!%s", range);
		rule.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		rule.value_formula = formula;
		(*at)++;
	}
	if (!code)
		code = worksheet_data_validation_range(book->sheet, 1, c, LXW_ROW_MAX - 1, c, &rule);
	free(list);
	return code;
}

/* A dropdown of its choices on every row below the header, for each column
 * that has them. */
static enum status add_dropdowns(struct xlsx_book *book, struct error *err)
{
	lxw_worksheet *lists = NULL;
	lxw_col_t at = 0;
	lxw_error code = LXW_NO_ERROR;
	size_t c;

	for (c = 0; c < book->count && !code; c++)
		if (book->columns[c].choice_count)
			code = add_dropdown(book, (lxw_col_t)c, &lists, &at);
	return code ? lxw_failed(book, code, err) : STATUS_OK;
}

static enum status make_formats(struct xlsx_book *book, struct error *err)
{
	book->bold = workbook_add_format(book->workbook);
	book->date = workbook_add_format(book->workbook);
	book->text = workbook_add_format(book->workbook);
	if (!book->bold || !book->date || !book->text)
		return lxw_failed(book, LXW_ERROR_MEMORY_MALLOC_FAILED, err);
	format_set_bold(book->bold);
	format_set_num_format(book->date, "yyyy-mm-dd");
	format_set_num_format(book->text, "@");
	return STATUS_OK;
}

static enum status write_header(struct xlsx_book *book, struct error *err)
{
	lxw_error code = LXW_NO_ERROR;
	size_t c;

	for (c = 0; c < book->count && !code; c++) {
		code = worksheet_write_string(book->sheet, 0, (lxw_col_t)c, book->columns[c].header, book->bold);
		widen(book, c, book->columns[c].header);
	}
	if (!code)
		worksheet_freeze_panes(book->sheet, 1, 0);
	book->row = 1;
	return code ? lxw_failed(book, code, err) : STATUS_OK;
}

static enum status copy_columns(struct xlsx_book *book, const struct xlsx_column *columns, size_t count,
				struct error *err)
{
	book->columns = calloc(count ? count : 1, sizeof(*book->columns));
	book->widths = calloc(count ? count : 1, sizeof(*book->widths));
	if (!book->columns || !book->widths)
		return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
	memcpy(book->columns, columns, count * sizeof(*columns));
	book->count = count;
	return STATUS_OK;
}

enum status xlsx_begin(struct xlsx_book **out, const struct xlsx_file *file, const char *sheet,
		       const struct xlsx_column *columns, size_t count, struct error *err)
{
	struct xlsx_book *book = calloc(1, sizeof(*book));
	lxw_workbook_options options = { 0 };
	enum status status;

	*out = NULL;
	if (!book)
		return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
	book->shown = file->shown;
	options.tmpdir = (char *)file->folder; /* libxlsxwriter does not write it */
	if (!(status = copy_columns(book, columns, count, err)) &&
	    (!(book->workbook = workbook_new_opt(file->write_to, &options)) ||
	     !(book->sheet = workbook_add_worksheet(book->workbook, sheet))))
		status = lxw_failed(book, LXW_ERROR_CREATING_TMPFILE, err);
	if (!status && !(status = make_formats(book, err)) && !(status = write_header(book, err)))
		status = add_dropdowns(book, err);
	if (status)
		xlsx_abort(&book);
	*out = book;
	return status;
}

static lxw_error write_cell(struct xlsx_book *book, lxw_col_t c, const char *text)
{
	enum xlsx_kind kind = book->columns[c].kind;
	struct error ignored = { "" };
	struct date day;
	double number;
	char *end;

	if (!text || !*text)
		return LXW_NO_ERROR;
	widen(book, c, text);
	if (kind == XLSX_DATE && !date_parse(text, &day, &ignored)) {
		lxw_datetime when = { day.year, day.month, day.day, 0, 0, 0 };

		return worksheet_write_datetime(book->sheet, book->row, c, &when, book->date);
	}
	if (kind == XLSX_NUMBER && strspn(text, "0123456789.-") == strlen(text)) {
		number = strtod(text, &end);
		if (!*end)
			return worksheet_write_number(book->sheet, book->row, c, number, NULL);
	}
	return worksheet_write_string(book->sheet, book->row, c, text, kind == XLSX_TEXT ? book->text : NULL);
}

enum status xlsx_row(struct xlsx_book *book, const char *const *cells, size_t count, struct error *err)
{
	lxw_error code = LXW_NO_ERROR;
	size_t c;

	for (c = 0; c < count && c < book->count && !code; c++)
		if ((code = write_cell(book, (lxw_col_t)c, cells[c])))
			/* L10N: the workbook, the row, the column's header, then libxlsxwriter's reason */
			return error_set(err, STATUS_ERR_IO, _("%s: row %lu, column %s: %s"), book->shown,
					 (unsigned long)book->row + 1, book->columns[c].header, lxw_strerror(code));
	book->row++;
	return STATUS_OK;
}

enum status xlsx_commit(struct xlsx_book **out, struct error *err)
{
	struct xlsx_book *book = *out;
	enum status status = STATUS_OK;
	lxw_error code;
	size_t c;

	*out = NULL;
	for (c = 0; c < book->count; c++) {
		int width = book->widths[c] + 2;

		worksheet_set_column(book->sheet, (lxw_col_t)c, (lxw_col_t)c,
				     width < WIDTH_MIN ? WIDTH_MIN : width > WIDTH_MAX ? WIDTH_MAX : width,
				     book->columns[c].kind == XLSX_TEXT ? book->text : NULL);
	}
	code = workbook_close(book->workbook);
	book->workbook = NULL;
	if (code)
		status = lxw_failed(book, code, err);
	free(book->columns);
	free(book->widths);
	free(book);
	return status;
}

void xlsx_abort(struct xlsx_book **out)
{
	struct xlsx_book *book = *out;

	if (!book)
		return;
	*out = NULL;
	if (book->workbook) /* written into the caller's private folder, removed with it */
		workbook_close(book->workbook);
	free(book->columns);
	free(book->widths);
	free(book);
}
