/* CSV: decoding a file to UTF-8, reading RFC 4180 records, writing them. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/text/csv.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"

#define BOM "\xef\xbb\xbf"

static const char *const encoding_names[] = { "auto", "utf-8", "gbk", "gb18030" };

bool csv_encoding_parse(const char *name, enum csv_encoding *out)
{
	size_t i;

	if (!strcasecmp(name, "utf8")) {
		*out = CSV_UTF8;
		return true;
	}
	for (i = 0; i < sizeof(encoding_names) / sizeof(encoding_names[0]); i++)
		if (!strcasecmp(name, encoding_names[i])) {
			*out = (enum csv_encoding)i;
			return true;
		}
	return false;
}

const char *csv_encoding_name(enum csv_encoding encoding)
{
	return (unsigned)encoding < 4 ? encoding_names[encoding] : "?";
}

/* A growing byte buffer, always NUL-terminated when not failed. */
struct buffer {
	char *data;
	size_t len, capacity;
	bool failed;
};

static bool buffer_reserve(struct buffer *b, size_t more)
{
	size_t wanted = b->capacity ? b->capacity : 64;
	char *grown;

	if (b->failed)
		return false;
	if (b->len + more + 1 <= b->capacity)
		return true;
	while (wanted < b->len + more + 1)
		wanted *= 2;
	grown = realloc(b->data, wanted);
	if (!grown) {
		b->failed = true;
		return false;
	}
	b->data = grown;
	b->capacity = wanted;
	return true;
}

static void buffer_add(struct buffer *b, const char *bytes, size_t len)
{
	if (!buffer_reserve(b, len))
		return;
	memcpy(b->data + b->len, bytes, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Line and column (in characters) of byte offset `at` of UTF-8 text. */
static void text_position(const char *text, size_t at, long *line, long *column)
{
	size_t i;

	*line = 1;
	*column = 1;
	for (i = 0; i < at; i++) {
		if (text[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*column;
		}
	}
}

static enum status decode_utf8(const char *bytes, size_t len, struct buffer *out, size_t *bad_at,
			       struct error *err)
{
	size_t at = 0, step;
	long line, column;
	uint32_t cp;
	bool valid;

	while (at < len) {
		step = utf8_decode(bytes + at, len - at, &cp, &valid);
		if (!valid || cp == 0) {
			*bad_at = at;
			text_position(bytes, at, &line, &column);
			/* L10N: %ld:%ld is the line and column of the file, 0x%02X the byte found there */
			return error_set(err, STATUS_ERR_PARSE, _("%ld:%ld: byte 0x%02X: %s"), line, column,
					 (unsigned char)bytes[at],
					 cp ? _("expected a UTF-8 character") : _("expected text, not a NUL byte"));
		}
		at += step;
	}
	buffer_add(out, bytes, len);
	return out->failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

/* Converts with iconv into out; on an invalid byte err names its place
 * (found from the text converted before it) and *bad_at its offset. */
static enum status convert(const char *to, const char *from, const char *bytes, size_t len, struct buffer *out,
			   size_t *bad_at, struct error *err)
{
	iconv_t cd = iconv_open(to, from);
	char *in = (char *)bytes, *put;
	size_t left = len, room, done;
	long line, column;
	int failure;

	*bad_at = 0;
	if (cd == (iconv_t)-1)
		return error_set(err, STATUS_ERR_INVALID, _("no conversion from %s to %s in this system's iconv"), from,
				 to);
	while (left > 0 && buffer_reserve(out, left * 2 + 16)) {
		put = out->data + out->len;
		room = out->capacity - out->len - 1;
		done = iconv(cd, &in, &left, &put, &room);
		out->len = (size_t)(put - out->data);
		out->data[out->len] = '\0';
		if (done != (size_t)-1 || errno == E2BIG)
			continue;
		failure = errno;
		iconv_close(cd);
		*bad_at = (size_t)(in - bytes);
		text_position(out->data, out->len, &line, &column);
		if (failure == EINVAL)
			return error_set(err, STATUS_ERR_PARSE,
					 /* L10N: the line and column, the byte found there, the
					  * file's encoding (GB18030 or GBK) */
					 _("%ld:%ld: byte 0x%02X: cut off at the end of the file; "
					   "expected a whole %s character"),
					 line, column, (unsigned char)*in, from);
		/* L10N: the line and column, the byte found there, the file's encoding (GB18030 or GBK) */
		return error_set(err, STATUS_ERR_PARSE, _("%ld:%ld: byte 0x%02X: expected a %s character"), line,
				 column, (unsigned char)*in, from);
	}
	iconv_close(cd);
	return out->failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

/* A NUL converted from the file is refused: text fields never hold one. */
static enum status refuse_nul(const struct buffer *b, size_t *bad_at, struct error *err)
{
	const char *nul = b->data ? memchr(b->data, '\0', b->len) : NULL;
	long line, column;

	if (!nul)
		return STATUS_OK;
	*bad_at = (size_t)(nul - b->data);
	text_position(b->data, *bad_at, &line, &column);
	return error_set(err, STATUS_ERR_PARSE, _("%ld:%ld: byte 0x00: expected text, not a NUL byte"), line,
			 column);
}

static enum status decode_gb(const char *from, const char *bytes, size_t len, struct buffer *out, size_t *bad_at,
			     struct error *err)
{
	enum status status = convert("UTF-8", from, bytes, len, out, bad_at, err);

	return status ? status : refuse_nul(out, bad_at, err);
}

/* Whether a line not all ASCII reads as UTF-8 rather than GBK: valid UTF-8
 * with a character of three or four bytes, as Chinese takes (GBK text
 * passes for that only by rare accident). */
static bool line_is_utf8(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len && (unsigned char)line[i] < 0xE0; i++)
		;
	return i < len && utf8_is_valid(line, len);
}

/* The next line of bytes[0..len) from *at (GB18030 never uses the byte of
 * a line feed inside a character); false at the end. */
static bool next_line(const char *bytes, size_t len, size_t *at, const char **line, size_t *line_len)
{
	const char *end;

	if (*at >= len)
		return false;
	*line = bytes + *at;
	end = memchr(*line, '\n', len - *at);
	*line_len = end ? (size_t)(end - *line) : len - *at;
	*at += *line_len + 1;
	return true;
}

static bool is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* The first line that is not all ASCII (0 when none), and whether it is
 * UTF-8. */
static long first_text_line(const char *bytes, size_t len, bool *utf8)
{
	size_t at = 0, line_len;
	const char *line;
	long number = 0;

	*utf8 = false;
	while (next_line(bytes, len, &at, &line, &line_len)) {
		number++;
		if (!is_ascii(line, line_len)) {
			*utf8 = line_is_utf8(line, line_len);
			return number;
		}
	}
	return 0;
}

/* A file found to be GB18030 with a line in UTF-8 (which GB18030 would
 * read as other characters) is refused at that line. GBK text passes for
 * UTF-8 by rare accident (its second bytes include 0x80..0xBF and ASCII
 * letters): --encoding, naming the encoding, reads the file as it says. */
static enum status refuse_utf8_lines(const char *bytes, size_t len, const char *from, struct error *err)
{
	size_t at = 0, line_len;
	const char *line;
	long number = 0, gb_line = 0;

	while (next_line(bytes, len, &at, &line, &line_len)) {
		number++;
		if (is_ascii(line, line_len))
			continue;
		if (!line_is_utf8(line, line_len) || !gb_line) {
			gb_line = gb_line ? gb_line : number;
			continue;
		}
		/* L10N: a line of the file, another line, the encoding (GB18030) */
		return error_set(err, STATUS_ERR_PARSE, _("%ld: this line is in UTF-8 while line %ld is in %s: "
							  "a file in two encodings is refused; save it in one "
							  "(or name its encoding with --encoding)"),
				 number, gb_line, from);
	}
	return STATUS_OK;
}

/* auto: BOM, then valid UTF-8, then GB18030. A file whose first line
 * that is not ASCII is UTF-8 is UTF-8 throughout: a later line that is not
 * (in GBK, or one broken byte) is named. When GB18030 fails too, the reading
 * that got further names the bad byte. */
static enum status decode_auto(const char *bytes, size_t len, struct buffer *out, enum csv_encoding *used,
			       struct error *err)
{
	struct error utf8_err = { "" };
	size_t utf8_bad = 0, gb_bad = 0;
	enum status status;
	long first;
	bool utf8;

	*used = CSV_UTF8;
	if (len >= 3 && !memcmp(bytes, BOM, 3))
		return decode_utf8(bytes, len, out, &utf8_bad, err);
	if (!decode_utf8(bytes, len, out, &utf8_bad, &utf8_err))
		return out->failed ? STATUS_ERR_NOMEM : STATUS_OK;
	first = first_text_line(bytes, len, &utf8);
	if (utf8)
		/* L10N: after "LINE:COLUMN: byte 0xNN: expected a UTF-8 character": the first line with text */
		return error_set(err, STATUS_ERR_PARSE, _("%s (line %ld is in UTF-8: a file is read in one encoding)"),
				 utf8_err.message, first);
	*used = CSV_GB18030;
	if ((status = refuse_utf8_lines(bytes, len, "GB18030", err)))
		return status;
	status = decode_gb("GB18030", bytes, len, out, &gb_bad, err);
	if (status == STATUS_ERR_PARSE && utf8_bad >= gb_bad && err)
		*err = utf8_err;
	return status;
}

static void drop_bom(struct buffer *b)
{
	if (b->len >= 3 && !memcmp(b->data, BOM, 3)) {
		memmove(b->data, b->data + 3, b->len - 3 + 1);
		b->len -= 3;
	}
}

enum status csv_decode(const char *bytes, size_t len, enum csv_encoding encoding, char **text, size_t *text_len,
		       enum csv_encoding *used, struct error *err)
{
	struct buffer out = { 0 };
	enum csv_encoding found = encoding;
	enum status status;
	size_t bad_at;

	*text = NULL;
	*text_len = 0;
	if (encoding == CSV_AUTO)
		status = decode_auto(bytes, len, &out, &found, err);
	else if (encoding == CSV_UTF8)
		status = decode_utf8(bytes, len, &out, &bad_at, err);
	else
		status = decode_gb(encoding == CSV_GBK ? "GBK" : "GB18030", bytes, len, &out, &bad_at, err);
	if (!status && !out.data && !buffer_reserve(&out, 0))
		status = STATUS_ERR_NOMEM;
	if (status) {
		free(out.data);
		return status == STATUS_ERR_NOMEM ? error_set(err, status, _("out of memory decoding the file")) : status;
	}
	out.data[out.len] = '\0';
	drop_bom(&out);
	*text = out.data;
	*text_len = out.len;
	if (used)
		*used = found;
	return STATUS_OK;
}

enum status csv_encode_gb18030(const char *text, size_t len, char **out, size_t *out_len, struct error *err)
{
	struct buffer b = { 0 };
	size_t bad_at;
	enum status status = convert("GB18030", "UTF-8", text, len, &b, &bad_at, err);

	if (status) {
		free(b.data);
		*out = NULL;
		*out_len = 0;
		return status;
	}
	*out = b.data;
	*out_len = b.len;
	return STATUS_OK;
}

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->text = text;
	r->len = len;
	r->line = 1;
}

static long reader_column(const struct csv_reader *r)
{
	long line, column;

	text_position(r->text + r->line_start, r->at - r->line_start, &line, &column);
	return column;
}

/* At a line end (LF, CRLF, or a CR ending the file as `$(cat FILE)` leaves
 * one): steps over it and counts the line. */
static bool take_newline(struct csv_reader *r)
{
	size_t width;

	if (r->at >= r->len)
		return false;
	width = r->text[r->at] == '\n' ? 1 : r->text[r->at] != '\r' ? 0 : r->at + 1 == r->len ? 1
		: r->text[r->at + 1] == '\n' ? 2 : 0;
	if (!width)
		return false;
	r->at += width;
	r->line++;
	r->line_start = r->at;
	return true;
}

static enum status read_quoted(struct csv_reader *r, struct buffer *field, struct error *err)
{
	long started = r->line;

	r->at++;
	for (;;) {
		char c = r->at < r->len ? r->text[r->at] : '\0';

		if (r->at >= r->len)
			return error_set(err, STATUS_ERR_PARSE,
					 _("%ld: the quoted field begun on this line is not closed; "
					   "expected a closing quote"),
					 started);
		if (c == '"' && r->at + 1 < r->len && r->text[r->at + 1] == '"') {
			buffer_add(field, "\"", 1);
			r->at += 2;
		} else if (c == '"') {
			r->at++;
			return STATUS_OK;
		} else if (take_newline(r)) {
			r->breaks++;
			buffer_add(field, "\n", 1);
		} else {
			buffer_add(field, &r->text[r->at++], 1);
		}
	}
}

static bool at_field_end(const struct csv_reader *r)
{
	const char *p = r->text + r->at;

	return r->at >= r->len || *p == ',' || *p == '\n' || (*p == '\r' && (r->at + 1 == r->len || p[1] == '\n'));
}

static enum status read_field(struct csv_reader *r, struct buffer *field, struct error *err)
{
	enum status status;

	if (r->at < r->len && r->text[r->at] == '"') {
		if ((status = read_quoted(r, field, err)))
			return status;
		if (!at_field_end(r))
			return error_set(err, STATUS_ERR_PARSE,
					 _("%ld:%ld: expected a comma or the end of the line after the closing quote"),
					 r->line, reader_column(r));
		return STATUS_OK;
	}
	while (!at_field_end(r)) {
		if (r->text[r->at] == '"')
			return error_set(err, STATUS_ERR_PARSE,
					 _("%ld:%ld: a quote inside a field not in quotes; expected the whole field "
					   "in quotes with its quotes doubled"), r->line, reader_column(r));
		buffer_add(field, &r->text[r->at++], 1);
	}
	return STATUS_OK;
}

static enum status add_field(struct csv_record *rec, struct buffer *field)
{
	if (rec->count == rec->capacity) {
		size_t wanted = rec->capacity ? rec->capacity * 2 : 16;
		char **grown = realloc(rec->fields, wanted * sizeof(*grown));

		if (!grown)
			return STATUS_ERR_NOMEM;
		rec->fields = grown;
		rec->capacity = wanted;
	}
	if (!field->data) {
		if (!buffer_reserve(field, 0))
			return STATUS_ERR_NOMEM;
		field->data[0] = '\0';
	}
	rec->fields[rec->count++] = field->data;
	memset(field, 0, sizeof(*field));
	return STATUS_OK;
}

static void record_empty(struct csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->count; i++)
		free(rec->fields[i]);
	rec->count = 0;
}

enum status csv_read(struct csv_reader *r, struct csv_record *rec, bool *done, struct error *err)
{
	struct buffer field = { 0 };
	enum status status = STATUS_OK;

	record_empty(rec);
	while (take_newline(r))
		;
	*done = r->at >= r->len;
	if (*done)
		return STATUS_OK;
	rec->line = r->line;
	rec->row = r->line - r->breaks;
	for (;;) {
		status = read_field(r, &field, err);
		if (!status && field.failed)
			status = STATUS_ERR_NOMEM;
		if (!status)
			status = add_field(rec, &field);
		if (status || r->at >= r->len || take_newline(r))
			break;
		r->at++; /* the comma */
	}
	free(field.data);
	if (status == STATUS_ERR_NOMEM)
		error_set(err, status, _("%ld: out of memory reading the record"), rec->line);
	if (status)
		record_empty(rec);
	return status;
}

void csv_record_clear(struct csv_record *rec)
{
	record_empty(rec);
	free(rec->fields);
	memset(rec, 0, sizeof(*rec));
}

/* What a spreadsheet may skip before a formula: spaces (U+0020, U+00A0,
 * U+3000), tab, line breaks, a byte order mark U+FEFF and the zero-width
 * U+200B..U+200D and U+2060 (UTF-8). */
static const char *const skipped_before_formula[] = {
	" ", "\t", "\r", "\n", "\xc2\xa0", "\xe3\x80\x80", "\xef\xbb\xbf", "\xe2\x80\x8b", "\xe2\x80\x8c",
	"\xe2\x80\x8d", "\xe2\x81\xa0",
};
/* What begins a formula: = + - @ and their full-width forms ＝ ＋ － ＠. */
static const char *const formula_starts[] = {
	"=", "+", "-", "@", "\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0",
};

/* The bytes of the entry of `list` text begins with, 0 when none. */
static size_t begins_with(const char *text, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strncmp(text, list[i], strlen(list[i])))
			return strlen(list[i]);
	return 0;
}

bool csv_needs_neutralising(const char *text)
{
	size_t n;

	if (!text)
		return false;
	while (*text == '\'')
		text++;
	if (*text == '\t' || *text == '\r' || *text == '\n')
		return true;
	while ((n = begins_with(text, skipped_before_formula,
				sizeof(skipped_before_formula) / sizeof(*skipped_before_formula))))
		text += n;
	return begins_with(text, formula_starts, sizeof(formula_starts) / sizeof(*formula_starts)) > 0;
}

void csv_restore_formula(char *text)
{
	if (text && text[0] == '\'' && csv_needs_neutralising(text + 1))
		memmove(text, text + 1, strlen(text));
}

static void writer_add(struct csv_writer *w, const char *bytes, size_t len)
{
	struct buffer b = { w->data, w->len, w->capacity, w->failed };

	buffer_add(&b, bytes, len);
	w->data = b.data;
	w->len = b.len;
	w->capacity = b.capacity;
	w->failed = b.failed;
}

void csv_writer_init(struct csv_writer *w, bool bom)
{
	memset(w, 0, sizeof(*w));
	if (bom)
		writer_add(w, BOM, 3);
}

void csv_write_field(struct csv_writer *w, const char *text)
{
	const char *p;
	bool quote;

	if (!text)
		text = "";
	/* A leading U+FEFF is quoted too: at the start of a file a reader
	 * would take it for a byte order mark and drop it. */
	quote = strpbrk(text, ",\"\r\n") != NULL || !strncmp(text, BOM, 3);
	if (w->fields++)
		writer_add(w, ",", 1);
	if (quote)
		writer_add(w, "\"", 1);
	if (csv_needs_neutralising(text))
		writer_add(w, "'", 1);
	for (p = text; *p; p++)
		writer_add(w, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	if (quote)
		writer_add(w, "\"", 1);
}

void csv_end_row(struct csv_writer *w)
{
	writer_add(w, "\r\n", 2);
	w->fields = 0;
}

enum status csv_writer_finish(struct csv_writer *w, enum csv_encoding encoding, char **out, size_t *len,
			      struct error *err)
{
	enum status status = STATUS_OK;

	*out = NULL;
	*len = 0;
	if (w->failed)
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory writing the CSV"));
	else if (encoding == CSV_GB18030 || encoding == CSV_GBK)
		status = csv_encode_gb18030(w->data ? w->data : "", w->len, out, len, err);
	else if (!w->data)
		status = (*out = calloc(1, 1)) ? STATUS_OK : STATUS_ERR_NOMEM;
	else {
		*out = w->data;
		*len = w->len;
		w->data = NULL;
	}
	csv_writer_free(w);
	return status;
}

void csv_writer_free(struct csv_writer *w)
{
	free(w->data);
	memset(w, 0, sizeof(*w));
}
