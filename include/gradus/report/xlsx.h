/* One table (an export) as an Office Open XML workbook, written with
 * libxlsxwriter: the header row bold and frozen, each column as wide as its
 * widest text in display cells, dates as date cells (yyyy-mm-dd), text as
 * text cells (a credit code never becomes a number), and a dropdown for a
 * column that has choices. libxlsxwriter writes by name, so the workbook is
 * made inside a private folder beside the target and renamed over it once
 * whole (safe_database in safe_file.h): never written through a link. */
#ifndef GRADUS_XLSX_H
#define GRADUS_XLSX_H

#include <stddef.h>

#include "gradus/text/status.h"

enum xlsx_kind {
	XLSX_TEXT,   /* a text cell, and the column formatted as text ("@") */
	XLSX_NUMBER, /* a number cell when the text is a plain decimal number, else text */
	XLSX_DATE,   /* a date cell when the text is YYYY-MM-DD, else text */
};

struct xlsx_column {
	const char *header;
	enum xlsx_kind kind;
	const char *const *choices; /* a dropdown of these (may be NULL) */
	size_t choice_count;
};

struct xlsx_book;

/* Starts the workbook for path with one sheet named sheet and its header
 * row; choices longer than Excel allows in a rule (255 characters) are kept
 * in a second, hidden sheet the dropdown names. */
enum status xlsx_begin(struct xlsx_book **book, const char *path, const char *sheet,
		       const struct xlsx_column *columns, size_t count, struct error *err);
/* One row of count cells (NULL or "" is a blank cell). */
enum status xlsx_row(struct xlsx_book *book, const char *const *cells, size_t count, struct error *err);
/* Sizes the columns, writes the file and renames it over the target; the
 * book is freed (and *book NULLed) whatever happens. */
enum status xlsx_commit(struct xlsx_book **book, struct error *err);
/* Removes what was written (after a failure) and frees. */
void xlsx_abort(struct xlsx_book **book);

#endif
