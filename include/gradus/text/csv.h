/* CSV files as offices exchange them (pure, no file I/O): the whole file
 * decoded to UTF-8 (UTF-8, GBK or GB18030, as Excel writes on Chinese
 * Windows), RFC 4180 records read from it, and records written back with
 * CRLF line ends, an optional byte order mark and GB18030 on request.
 *
 * Formula neutralisation: a cell written that begins with = + - @ or
 * their full-width forms ＝ ＋ － ＠ (after any spaces, U+3000, line breaks,
 * a byte order mark U+FEFF or zero-width characters U+200B..U+200D, U+2060),
 * or with a tab, a carriage return or a line feed, gets a leading
 * apostrophe, so a spreadsheet shows it as text instead of running it
 * (=HYPERLINK(...) is written '=HYPERLINK(...)).
 * A value that already begins with apostrophes before one of those gets one
 * more, so csv_restore_formula gives back exactly what was written. */
#ifndef GRADUS_CSV_H
#define GRADUS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/text/status.h"

enum csv_encoding { CSV_AUTO, CSV_UTF8, CSV_GBK, CSV_GB18030 };

/* "auto" "utf-8" (or "utf8") "gbk" "gb18030", case-insensitive. */
bool csv_encoding_parse(const char *name, enum csv_encoding *out);
const char *csv_encoding_name(enum csv_encoding encoding);

/* The bytes of a file as UTF-8 text (NUL-terminated; caller frees *text).
 * auto: a UTF-8 byte order mark means UTF-8; else text that is valid UTF-8
 * is UTF-8; else it is GB18030 (of which GBK is a part). A leading byte
 * order mark is dropped in every encoding. An invalid byte (or a NUL) is
 * STATUS_ERR_PARSE and err says "LINE:COLUMN: ..." (prefix the file name), the
 * column counted in characters; *used (may be NULL) is the encoding read. */
enum status csv_decode(const char *bytes, size_t len, enum csv_encoding encoding, char **text, size_t *text_len,
		       enum csv_encoding *used, struct error *err);

/* UTF-8 text as GB18030 (caller frees *out). */
enum status csv_encode_gb18030(const char *text, size_t len, char **out, size_t *out_len, struct error *err);

/* RFC 4180 over UTF-8 text: fields separated by commas, records by CRLF or
 * LF; a field in double quotes may hold commas, newlines and doubled quotes
 * (a CRLF inside quotes is read as LF). Blank lines are skipped. */
struct csv_reader {
	const char *text;
	size_t len, at;
	long line;        /* the physical line at `at` */
	long breaks;      /* line breaks read inside quoted fields so far */
	size_t line_start;
};
struct csv_record {
	char **fields;
	size_t count, capacity;
	long line;        /* the physical line the record starts on */
	long row;         /* the row a spreadsheet shows it on: line less the
			   * line breaks inside quoted fields above it */
};
void csv_reader_init(struct csv_reader *reader, const char *text, size_t len);
/* The next record into *record (its earlier fields freed); *done at the end.
 * A malformed record is STATUS_ERR_PARSE with err "LINE:COLUMN: ..."
 * (an unclosed quote, "LINE: ...", names the line where its field began). */
enum status csv_read(struct csv_reader *reader, struct csv_record *record, bool *done, struct error *err);
void csv_record_clear(struct csv_record *record);

/* Records into a growing buffer: UTF-8 with CRLF line ends, a field quoted
 * when it holds a comma, a quote, CR or LF, formulas neutralised. */
struct csv_writer {
	char *data;
	size_t len, capacity;
	size_t fields;    /* in the current row */
	bool failed;      /* out of memory: csv_writer_finish says so */
};
void csv_writer_init(struct csv_writer *writer, bool bom);
/* One cell (NULL is empty). */
void csv_write_field(struct csv_writer *writer, const char *text);
void csv_end_row(struct csv_writer *writer);
/* The bytes written, in UTF-8 or GB18030; the writer keeps nothing. */
enum status csv_writer_finish(struct csv_writer *writer, enum csv_encoding encoding, char **out, size_t *len,
			      struct error *err);
void csv_writer_free(struct csv_writer *writer);

/* Whether a cell needs the apostrophe, and undoing it in place on a cell
 * read back (one leading apostrophe dropped before what needs it). */
bool csv_needs_neutralising(const char *text);
void csv_restore_formula(char *text);

#endif
