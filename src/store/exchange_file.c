/* An import's file read into the CSV text import_csv takes (exchange_file.h):
 * CSV decoded to UTF-8, or a workbook's sheet written out as CSV. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/store/exchange_file.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "gradus/text/sheet.h"

bool exchange_is_workbook(const char *path)
{
	size_t len = path ? strlen(path) : 0;

	return len > 5 && !strcasecmp(path + len - 5, ".xlsx");
}

/* The whole file's bytes; caller frees. */
static enum status read_bytes(const char *path, char **bytes, size_t *len, struct error *err)
{
	FILE *file = safe_file_read(path, err);
	size_t capacity = 0, got;
	enum status status = STATUS_OK;
	char *grown;

	*bytes = NULL;
	*len = 0;
	if (!file)
		return STATUS_ERR_IO;
	do {
		if (*len == capacity) {
			capacity = capacity ? capacity * 2 : 65536;
			if (!(grown = realloc(*bytes, capacity))) {
				status = error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
				break;
			}
			*bytes = grown;
		}
		got = fread(*bytes + *len, 1, capacity - *len, file);
		*len += got;
	} while (got > 0);
	if (!status && ferror(file))
		/* L10N: the file, then why (from the system) */
		status = error_set(err, STATUS_ERR_IO, _("cannot read %s: %s"), path, strerror(errno));
	fclose(file);
	if (status) {
		free(*bytes);
		*bytes = NULL;
	}
	return status;
}

/* Prefixes err's message with the file's name. */
static enum status in_file(const char *path, const char *separator, enum status status, struct error *err)
{
	char message[sizeof(err->message)];

	snprintf(message, sizeof(message), "%s", err->message);
	return error_set(err, status, "%s%s%s", path, separator, message);
}

/* A sheet's rows from its header on as CSV text, each on the row of the
 * sheet it comes from (title rows, rows absent or without a value are blank
 * lines, which the import passes over; a CSV row is its line less the line
 * breaks inside cells above), each as wide as the header at least (a sheet
 * leaves out empty cells at a row's end), so the import's rules are those
 * of a CSV file and its messages name the sheet's rows. */
static enum status sheet_to_csv(const char *path, const struct sheet *sheet, char **text, size_t *len,
				struct error *err)
{
	struct csv_writer writer;
	enum status status;
	long line = 1;
	size_t r, i, width = 0;

	csv_writer_init(&writer, false);
	for (r = sheet->header; r < sheet->count; r++) {
		const struct sheet_row *row = &sheet->rows[r];
		bool blank = true;

		for (; line < row->number; line++)
			csv_end_row(&writer);
		for (i = 0; i < row->count; i++)
			blank = blank && !*row->cells[i];
		if (!blank && !width)
			width = row->count;
		for (i = 0; !blank && (i < row->count || i < width); i++)
			csv_write_field(&writer, i < row->count ? row->cells[i] : "");
		csv_end_row(&writer);
		line++;
	}
	status = csv_writer_finish(&writer, CSV_UTF8, text, len, err);
	if (status)
		in_file(path, ": ", status, err);
	csv_writer_free(&writer);
	return status;
}

enum status exchange_decode(const char *path, const char *bytes, size_t size, enum csv_encoding encoding,
			    const char *sheet, char **text, size_t *len, struct error *err)
{
	struct sheet book = { 0 };
	enum status status;

	*text = NULL;
	*len = 0;
	if (!exchange_is_workbook(path)) {
		if ((status = csv_decode(bytes ? bytes : "", size, encoding, text, len, NULL, err)))
			in_file(path, ":", status, err);
	} else if ((status = sheet_read_xlsx(bytes ? bytes : "", size, sheet && *sheet ? sheet : NULL, &book, err))) {
		in_file(path, ": ", status, err);
	} else {
		status = sheet_to_csv(path, &book, text, len, err);
	}
	sheet_clear(&book);
	return status;
}

enum status exchange_read_file(const char *path, enum csv_encoding encoding, const char *sheet, char **text,
			       size_t *len, struct error *err)
{
	char *bytes = NULL;
	size_t size = 0;
	enum status status = read_bytes(path, &bytes, &size, err);

	*text = NULL;
	*len = 0;
	if (!status)
		status = exchange_decode(path, bytes, size, encoding, sheet, text, len, err);
	free(bytes);
	return status;
}
