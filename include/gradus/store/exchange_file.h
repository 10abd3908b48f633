/* The file of an import read as the UTF-8 CSV text import_csv takes: a CSV
 * file in its encoding (auto, UTF-8, GBK or GB18030), or one sheet of an
 * Excel workbook (a name ending in .xlsx) as CSV, each row on the line of
 * its row in the sheet, so the import's messages name the sheet's rows. */
#ifndef GRADUS_EXCHANGE_FILE_H
#define GRADUS_EXCHANGE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/text/csv.h"
#include "gradus/text/status.h"

/* Whether a file's name says it is an Excel workbook (*.xlsx). */
bool exchange_is_workbook(const char *path);

/* The whole file at path as UTF-8 CSV text (NUL-terminated; caller frees
 * *text): a workbook's sheet named sheet (NULL or "": the first), else CSV
 * in encoding. A file that cannot be read or is not text or a workbook is
 * refused with err beginning with the path ("a.csv:3:7: ..."). */
enum status exchange_read_file(const char *path, enum csv_encoding encoding, const char *sheet, char **text,
			       size_t *len, struct error *err);

/* The same from the file's bytes already read (path names it, and says
 * whether it is a workbook). */
enum status exchange_decode(const char *path, const char *bytes, size_t size, enum csv_encoding encoding,
			    const char *sheet, char **text, size_t *len, struct error *err);

#endif
