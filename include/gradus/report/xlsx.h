/* One table (an export) as an Office Open XML workbook, written with
 * libxlsxwriter: the header row bold and frozen, each column as wide as its
 * widest text in display cells, dates as date cells (yyyy-mm-dd), text as
 * text cells (a credit code never becomes a number), and a dropdown for a
 * column that has choices. libxlsxwriter writes by name, so the caller
 * makes a private folder beside the target, has the workbook written in it
 * and renames it over the target once whole (safe_database_begin and
 * safe_database_commit in safe_file.h): never written through a link. */
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

/* Where the workbook is written. */
struct xlsx_file {
	const char *write_to; /* the name libxlsxwriter writes (safe_database's temp) */
	const char *folder;   /* where it keeps its own temporary files (safe_database's folder) */
	const char *shown;    /* the target, as messages name it */
};

/* Starts the workbook with one sheet named sheet and its header row;
 * choices longer than Excel allows in a rule (255 characters) are kept in a
 * second, hidden sheet the dropdown names. */
enum status xlsx_begin(struct xlsx_book **book, const struct xlsx_file *file, const char *sheet,
		       const struct xlsx_column *columns, size_t count, struct error *err);
/* One row of count cells (NULL or "" is a blank cell). */
enum status xlsx_row(struct xlsx_book *book, const char *const *cells, size_t count, struct error *err);
/* Sizes the columns and writes the file whole (the caller then renames it
 * over the target); the book is freed (and *book NULLed) whatever happens. */
enum status xlsx_commit(struct xlsx_book **book, struct error *err);
/* Stops writing (after a failure) and frees; the caller removes the folder. */
void xlsx_abort(struct xlsx_book **book);

#endif
