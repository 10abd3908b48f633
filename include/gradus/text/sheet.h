/* Reading one sheet of an Office Open XML workbook (.xlsx) held in memory
 * (pure: the zip is read from the bytes given, its XML with expat): shared
 * and inline strings, numbers as written, booleans as TRUE/FALSE, and a
 * number whose cell format is a date (built-in or custom, 1900 or 1904
 * calendar) as YYYY-MM-DD. */
#ifndef GRADUS_SHEET_H
#define GRADUS_SHEET_H

#include <stddef.h>

#include "gradus/text/status.h"

struct sheet_row {
	long number;  /* the sheet's row number, from 1 */
	char **cells; /* count cells, column A first; a missing cell is "" */
	size_t count;
};

/* Merged cells and title rows: a merged range's value belongs to its
 * top-left cell, the others of the range are empty. From the top, a row is
 * a title row, passed over, while each of its values is the top-left cell
 * of a merged range (a title merged across the sheet, a group header such
 * as 企业信息 over three columns, a header merged down over two rows), or it
 * holds one value and a later row holds more. The first other row is the
 * header; its cells inside a range merged down from a title row take that
 * range's value. */
struct sheet {
	struct sheet_row *rows; /* in row order; rows without any cell are absent */
	size_t count;
	size_t header;          /* the header's index in rows: those before it are titles */
};

/* The sheet named name (NULL: the first) into *out. A file that is not a
 * workbook is STATUS_ERR_PARSE with err naming the part, e.g.
 * "xl/worksheets/sheet1.xml: line 3: mismatched tag", or "no sheet named X". */
enum status sheet_read_xlsx(const void *bytes, size_t len, const char *name, struct sheet *out, struct error *err);
void sheet_clear(struct sheet *sheet);

#endif
