/* The CSV reader: any bytes decoded in the encoding the first byte picks,
 * read record by record; each record read is written back and read again,
 * and must come back the same. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reader takes a CRLF inside quotes for LF: a value holding one does
 * not come back as it was written (nor the apostrophe before a leading one). */
static bool has_crlf(const struct csv_record *record)
{
	size_t i;

	for (i = 0; i < record->count; i++)
		if (strstr(record->fields[i], "\r\n"))
			return true;
	return false;
}

/* Writes record, reads it back: the same fields, formulas restored. */
static void round_trip(const struct csv_record *record, enum csv_encoding encoding)
{
	struct csv_writer writer;
	struct csv_reader reader;
	struct csv_record again = { NULL, 0, 0, 0, 0 };
	struct error err;
	char *bytes = NULL, *text = NULL;
	size_t len = 0, text_len = 0, i;
	bool done = false;

	/* One empty field writes a blank line, which the reader skips. */
	if ((record->count == 1 && !record->fields[0][0]) || has_crlf(record))
		return;
	csv_writer_init(&writer, encoding == CSV_UTF8);
	for (i = 0; i < record->count; i++)
		csv_write_field(&writer, record->fields[i]);
	csv_end_row(&writer);
	/* Read back in the encoding written: a short GB18030 file can also be
	 * valid UTF-8, which auto would take it for. */
	encoding = encoding == CSV_UTF8 ? CSV_UTF8 : CSV_GB18030;
	if (csv_writer_finish(&writer, encoding, &bytes, &len, &err))
		goto cleanup;
	if (csv_decode(bytes, len, encoding, &text, &text_len, NULL, &err))
		abort();
	csv_reader_init(&reader, text, text_len);
	if (csv_read(&reader, &again, &done, &err) || done || again.count != record->count)
		abort();
	for (i = 0; i < again.count; i++) {
		csv_restore_formula(again.fields[i]);
		if (strcmp(record->fields[i], again.fields[i])) {
			fprintf(stderr, "field %zu read as [%s], written and read back as [%s]\n", i, record->fields[i],
				again.fields[i]);
			abort();
		}
	}
cleanup:
	csv_writer_free(&writer);
	csv_record_clear(&again);
	free(bytes);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum csv_encoding encodings[] = { CSV_AUTO, CSV_UTF8, CSV_GBK, CSV_GB18030 };
	enum csv_encoding encoding, used = CSV_AUTO;
	struct csv_record record = { NULL, 0, 0, 0, 0 };
	struct csv_reader reader;
	struct error err;
	char *text = NULL;
	size_t text_len = 0;
	bool done = false;

	if (size < 1)
		return 0;
	encoding = encodings[data[0] % 4];
	if (csv_decode((const char *)data + 1, size - 1, encoding, &text, &text_len, &used, &err))
		return 0;
	csv_reader_init(&reader, text, text_len);
	while (!csv_read(&reader, &record, &done, &err) && !done)
		round_trip(&record, used);
	csv_record_clear(&record);
	free(text);
	return 0;
}
