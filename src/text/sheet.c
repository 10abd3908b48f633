/* One sheet of an .xlsx workbook in memory (sheet.h): the zip read with
 * minizip through callbacks over the bytes, each part parsed with expat
 * (both loaded on the first workbook: sheet_library.c). */
#include <expat.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unzip.h>

#include "gradus/text/i18n.h"
#include "gradus/text/sheet.h"
#include "sheet_library.h"

#define SHEET_DATE_SIZE 11 /* "YYYY-MM-DD" and NUL */

/* A part larger than this is refused (a zip bomb is not inflated). */
enum { PART_MAX = 256 << 20, COLUMN_MAX = 16384 };

/* ---- the zip, from memory ------------------------------------------------ */

struct memory_zip {
	const unsigned char *bytes;
	size_t len, at;
};

static voidpf ZCALLBACK memory_open(voidpf opaque, const char *name, int mode)
{
	struct memory_zip *zip = opaque;

	(void)name;
	(void)mode;
	zip->at = 0;
	return zip;
}

static uLong ZCALLBACK memory_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct memory_zip *zip = opaque;
	size_t left = zip->len - zip->at;

	(void)stream;
	if (size > left)
		size = (uLong)left;
	memcpy(buf, zip->bytes + zip->at, size);
	zip->at += size;
	return size;
}

static uLong ZCALLBACK memory_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static long ZCALLBACK memory_tell(voidpf opaque, voidpf stream)
{
	(void)stream;
	return (long)((struct memory_zip *)opaque)->at;
}

static long ZCALLBACK memory_seek(voidpf opaque, voidpf stream, uLong offset, int origin)
{
	struct memory_zip *zip = opaque;
	size_t base = origin == ZLIB_FILEFUNC_SEEK_CUR ? zip->at : origin == ZLIB_FILEFUNC_SEEK_END ? zip->len : 0;

	(void)stream;
	if (offset > zip->len - base)
		return -1;
	zip->at = base + offset;
	return 0;
}

static int ZCALLBACK memory_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int ZCALLBACK memory_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* The part's bytes (caller frees), or NULL: *missing when it is not there. */
static char *read_part(unzFile zip, const char *name, size_t *len, bool *missing, struct error *err)
{
	unz_file_info info;
	char *bytes = NULL;
	int got = 0;

	*missing = false;
	if (unzLocateFile(zip, name, 1) != UNZ_OK) {
		*missing = true;
		error_set(err, STATUS_ERR_PARSE, _("%s: missing from the workbook"), name);
		return NULL;
	}
	if (unzGetCurrentFileInfo(zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    info.uncompressed_size > PART_MAX || unzOpenCurrentFile(zip) != UNZ_OK) {
		/* L10N: a part of a workbook (e.g. xl/workbook.xml) could not be unpacked */
		error_set(err, STATUS_ERR_PARSE, _("%s: cannot be unpacked"), name);
		return NULL;
	}
	if ((bytes = malloc(info.uncompressed_size + 1)))
		got = unzReadCurrentFile(zip, bytes, (unsigned)info.uncompressed_size);
	if (unzCloseCurrentFile(zip) != UNZ_OK || !bytes || got < 0 || (uLong)got != info.uncompressed_size) {
		free(bytes);
		error_set(err, STATUS_ERR_PARSE, _("%s: cannot be unpacked"), name);
		return NULL;
	}
	*len = info.uncompressed_size;
	return bytes;
}

/* ---- text that grows ---------------------------------------------------- */

struct text {
	char *s;
	size_t len, cap;
	bool failed;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	char *grown;

	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;

		if (!(grown = realloc(t->s, cap))) {
			t->failed = true;
			return;
		}
		t->s = grown;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/* The text (owned by the caller; "" when empty), and t emptied. */
static char *text_take(struct text *t)
{
	char *s = t->s ? t->s : strdup("");

	memset(t, 0, sizeof(*t));
	return s;
}

/* ---- XML parts ---------------------------------------------------------- */

struct parse {
	XML_Parser parser;
	const char *part;
	enum status status;
	struct error *err;
};

static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

/* An attribute by local name; with_namespace: only a prefixed one (r:id). */
static const char *attribute(const char **attrs, const char *name, bool with_namespace)
{
	for (; attrs[0]; attrs += 2)
		if (!strcmp(local(attrs[0]), name) && (!with_namespace || strchr(attrs[0], '|')))
			return attrs[1];
	return NULL;
}

static void parse_fail(struct parse *p, enum status status, const char *message)
{
	if (!p->status) {
		p->status = error_set(p->err, status, "%s: line %lu: %s", p->part,
				      (unsigned long)XML_GetCurrentLineNumber(p->parser), message);
		XML_StopParser(p->parser, XML_FALSE);
	}
}

static enum status parse_part(unzFile zip, const char *part, bool optional, void *state, XML_StartElementHandler start,
			      XML_EndElementHandler end, XML_CharacterDataHandler chars, struct parse *p,
			      struct error *err)
{
	bool missing;
	size_t len = 0;
	char *bytes = read_part(zip, part, &len, &missing, err);

	if (!bytes)
		return optional && missing ? STATUS_OK : STATUS_ERR_PARSE;
	p->part = part;
	p->status = STATUS_OK;
	p->err = err;
	if (!(p->parser = XML_ParserCreateNS("UTF-8", '|'))) {
		free(bytes);
		return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
	}
	XML_SetUserData(p->parser, state);
	XML_SetElementHandler(p->parser, start, end);
	XML_SetCharacterDataHandler(p->parser, chars);
	if (XML_Parse(p->parser, bytes, (int)len, XML_TRUE) != XML_STATUS_OK && !p->status)
		p->status = error_set(err, STATUS_ERR_PARSE, "%s: line %lu: %s", part,
				      (unsigned long)XML_GetCurrentLineNumber(p->parser),
				      XML_ErrorString(XML_GetErrorCode(p->parser)));
	XML_ParserFree(p->parser);
	free(bytes);
	return p->status;
}

/* ---- the workbook: its sheets and calendar ------------------------------ */

struct workbook {
	struct parse p;
	const char *want; /* the sheet's name, NULL for the first */
	char *id;         /* the relationship of the sheet */
	bool date1904, seen;
	char *target;     /* the sheet's part */
};

static void XMLCALL workbook_start(void *data, const char *name, const char **attrs)
{
	struct workbook *w = data;
	const char *n = local(name), *value;

	if (!strcmp(n, "workbookPr") && (value = attribute(attrs, "date1904", false)))
		w->date1904 = !strcmp(value, "1") || !strcmp(value, "true");
	if (strcmp(n, "sheet") || w->id)
		return;
	w->seen = true;
	value = attribute(attrs, "name", false);
	if (!w->want || (value && !strcmp(value, w->want))) {
		if (!(value = attribute(attrs, "id", true)) || !(w->id = strdup(value)))
			parse_fail(&w->p, STATUS_ERR_PARSE, _("a sheet without r:id"));
	}
}

static void XMLCALL relationship_start(void *data, const char *name, const char **attrs)
{
	struct workbook *w = data;
	const char *id = attribute(attrs, "Id", false), *target = attribute(attrs, "Target", false);
	size_t len;

	if (strcmp(local(name), "Relationship") || !id || !target || strcmp(id, w->id) || w->target)
		return;
	if (*target == '/') {
		w->target = strdup(target + 1);
	} else if ((w->target = malloc((len = strlen(target)) + 4))) {
		memcpy(w->target, "xl/", 3);
		memcpy(w->target + 3, target, len + 1);
	}
}

static void XMLCALL no_end(void *data, const char *name)
{
	(void)data;
	(void)name;
}

/* ---- shared strings ------------------------------------------------------ */

struct strings {
	struct parse p;
	char **items;
	size_t count, cap;
	struct text text;
	int phonetic; /* inside <rPh>: a reading, not the text */
	bool in_t;
};

static void XMLCALL strings_start(void *data, const char *name, const char **attrs)
{
	struct strings *s = data;
	const char *n = local(name);

	(void)attrs;
	if (!strcmp(n, "rPh"))
		s->phonetic++;
	else if (!strcmp(n, "t") && !s->phonetic)
		s->in_t = true;
}

static void XMLCALL strings_chars(void *data, const char *chars, int len)
{
	struct strings *s = data;

	if (s->in_t)
		text_add(&s->text, chars, (size_t)len);
}

static void XMLCALL strings_end(void *data, const char *name)
{
	struct strings *s = data;
	const char *n = local(name);
	char **grown;

	if (!strcmp(n, "rPh"))
		s->phonetic--;
	else if (!strcmp(n, "t"))
		s->in_t = false;
	else if (!strcmp(n, "si")) {
		if (s->count == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			if (!(grown = realloc(s->items, s->cap * sizeof(*grown)))) {
				parse_fail(&s->p, STATUS_ERR_NOMEM, _("out of memory"));
				return;
			}
			s->items = grown;
		}
		if (s->text.failed || !(s->items[s->count++] = text_take(&s->text)))
			parse_fail(&s->p, STATUS_ERR_NOMEM, _("out of memory"));
	}
}

/* ---- styles: which cell formats are dates -------------------------------- */

struct styles {
	struct parse p;
	int *date_formats; /* custom numFmtIds whose code is a date */
	size_t date_format_count;
	bool *xf_is_date; /* by cellXfs index */
	size_t xf_count;
	bool in_cell_xfs;
};

/* A format code shows a date when it has y, m, d (or e) outside quotes,
 * brackets and escapes ("[Red]0.00" and "0\d" do not). */
static bool format_is_date(const char *code)
{
	const char *p;

	for (p = code; *p; p++) {
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				return false;
		} else if (*p == '[') {
			if (!(p = strchr(p + 1, ']')))
				return false;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!*++p)
				return false;
		} else if (strchr("yYmMdDeE", *p) && !(p > code && (p[-1] == 'E' || p[-1] == 'e'))) {
			if ((*p == 'e' || *p == 'E') && (p[1] == '+' || p[1] == '-'))
				continue; /* 0.00E+00 */
			return true;
		}
	}
	return false;
}

/* Excel's built-in date formats, and those of its Chinese (and other East
 * Asian) editions. */
static bool builtin_is_date(int id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static void XMLCALL styles_start(void *data, const char *name, const char **attrs)
{
	struct styles *s = data;
	const char *n = local(name), *id = attribute(attrs, "numFmtId", false), *code;
	void *grown;

	if (!strcmp(n, "cellXfs"))
		s->in_cell_xfs = true;
	if (!strcmp(n, "numFmt") && id && (code = attribute(attrs, "formatCode", false)) && format_is_date(code)) {
		if (!(grown = realloc(s->date_formats, (s->date_format_count + 1) * sizeof(int)))) {
			parse_fail(&s->p, STATUS_ERR_NOMEM, _("out of memory"));
			return;
		}
		s->date_formats = grown;
		s->date_formats[s->date_format_count++] = atoi(id);
	} else if (!strcmp(n, "xf") && s->in_cell_xfs) {
		int format = id ? atoi(id) : 0;
		bool date = builtin_is_date(format);
		size_t i;

		for (i = 0; i < s->date_format_count; i++)
			date = date || s->date_formats[i] == format;
		if (!(grown = realloc(s->xf_is_date, (s->xf_count + 1) * sizeof(bool)))) {
			parse_fail(&s->p, STATUS_ERR_NOMEM, _("out of memory"));
			return;
		}
		s->xf_is_date = grown;
		s->xf_is_date[s->xf_count++] = date;
	}
}

static void XMLCALL styles_end(void *data, const char *name)
{
	if (!strcmp(local(name), "cellXfs"))
		((struct styles *)data)->in_cell_xfs = false;
}

/* ---- the sheet's cells --------------------------------------------------- */

/* A merged range, rows and columns from 1 and 0 as in sheet_row. */
struct merge {
	long top, left, bottom, right;
};

struct cells {
	struct parse p;
	const struct strings *strings;
	const struct styles *styles;
	bool date1904;
	struct sheet *out;
	struct sheet_row row;
	size_t row_cap, rows_cap;
	long column; /* of the cell being read */
	char type[12];
	long style;
	struct text value;
	bool in_value, in_inline;
	struct merge *merges; /* <mergeCell ref="A1:H1"/> */
	size_t merge_count;
};

/* "AB12" → 27 (from 0), or -1. */
static long column_of(const char *ref)
{
	long column = 0;
	const char *p = ref;

	for (; *p >= 'A' && *p <= 'Z'; p++)
		if ((column = column * 26 + (*p - 'A' + 1)) > COLUMN_MAX)
			return -1;
	return p == ref ? -1 : column - 1;
}

/* "C12" → column 2, row 12; false when it is not a cell reference. */
static bool cell_of(const char *ref, long *column, long *row)
{
	char *end;

	if ((*column = column_of(ref)) < 0)
		return false;
	while (*ref >= 'A' && *ref <= 'Z')
		ref++;
	*row = strtol(ref, &end, 10);
	return end != ref && *row > 0;
}

static void add_merge(struct cells *c, const char *ref)
{
	const char *colon = ref ? strchr(ref, ':') : NULL;
	struct merge m, *grown;

	if (!colon || !cell_of(ref, &m.left, &m.top) || !cell_of(colon + 1, &m.right, &m.bottom) ||
	    m.right < m.left || m.bottom < m.top)
		return; /* a range gradus cannot read is no merge */
	if (!(grown = realloc(c->merges, (c->merge_count + 1) * sizeof(*grown)))) {
		parse_fail(&c->p, STATUS_ERR_NOMEM, _("out of memory"));
		return;
	}
	c->merges = grown;
	c->merges[c->merge_count++] = m;
}

/* A date cell's serial day as YYYY-MM-DD; false when it is not a day.
 * The day is counted from the workbook's epoch to 1970-01-01 and named by
 * the C library's calendar (gmtime_r), so the reader needs no date layer. */
static bool serial_to_date(const char *value, bool date1904, char out[SHEET_DATE_SIZE])
{
	char *end;
	double serial = strtod(value, &end);
	long days, epoch; /* the serial day of 1970-01-01 */
	struct tm tm;
	time_t t;

	if (end == value || *end || !(serial >= 1 && serial < 2958466))
		return false;
	days = (long)floor(serial);
	if (date1904)
		epoch = 24107; /* serial 0 is 1904-01-01 */
	else if (days >= 61)
		epoch = 25569; /* serial 61 is 1900-03-01, as if 1900-02-29 had been */
	else if (days == 60) /* 1900-02-29, a day that never was */
		return false;
	else
		epoch = 25568; /* serial 1 is 1900-01-01 */
	t = (time_t)(days - epoch) * 86400;
	if (!gmtime_r(&t, &tm) || strftime(out, SHEET_DATE_SIZE, "%Y-%m-%d", &tm) != 10)
		return false;
	return true;
}

static void XMLCALL cells_start(void *data, const char *name, const char **attrs)
{
	struct cells *c = data;
	const char *n = local(name), *value;

	if (!strcmp(n, "row")) {
		value = attribute(attrs, "r", false);
		c->row.number = value ? atol(value) : c->row.number + 1;
		c->column = -1;
	} else if (!strcmp(n, "c")) {
		value = attribute(attrs, "r", false);
		c->column = value ? column_of(value) : c->column + 1;
		if (c->column < 0) {
			parse_fail(&c->p, STATUS_ERR_PARSE, _("a cell reference out of range"));
			return;
		}
		value = attribute(attrs, "t", false);
		snprintf(c->type, sizeof(c->type), "%s", value ? value : "n");
		value = attribute(attrs, "s", false);
		c->style = value ? atol(value) : 0;
	} else if (!strcmp(n, "v")) {
		c->in_value = true;
	} else if (!strcmp(n, "is")) {
		c->in_inline = true;
	} else if (!strcmp(n, "t") && c->in_inline) {
		c->in_value = true;
	} else if (!strcmp(n, "rPh")) {
		c->in_inline = false; /* a reading inside an inline string */
	} else if (!strcmp(n, "mergeCell")) {
		add_merge(c, attribute(attrs, "ref", false));
	}
}

static void XMLCALL cells_chars(void *data, const char *chars, int len)
{
	struct cells *c = data;

	if (c->in_value)
		text_add(&c->value, chars, (size_t)len);
}

/* The text of the cell just read, by its type and style (caller frees). */
static char *cell_text(struct cells *c)
{
	char *raw = text_take(&c->value), day[SHEET_DATE_SIZE];
	unsigned long index;
	char *end;

	if (!strcmp(c->type, "s")) {
		index = strtoul(raw, &end, 10);
		if (end == raw || *end || index >= c->strings->count) {
			free(raw);
			parse_fail(&c->p, STATUS_ERR_PARSE, _("a shared string that does not exist"));
			return NULL;
		}
		free(raw);
		return strdup(c->strings->items[index]);
	}
	if (!strcmp(c->type, "b")) {
		bool yes = !strcmp(raw, "1");

		free(raw);
		return strdup(yes ? "TRUE" : "FALSE");
	}
	if (!strcmp(c->type, "d") && strlen(raw) > 10 && raw[10] == 'T')
		raw[10] = '\0';
	if (!strcmp(c->type, "n") && c->style >= 0 && (size_t)c->style < c->styles->xf_count &&
	    c->styles->xf_is_date[c->style] && serial_to_date(raw, c->date1904, day)) {
		free(raw);
		return strdup(day);
	}
	return raw;
}

static bool row_put(struct cells *c, long column, char *text)
{
	char **grown;

	if ((size_t)column >= c->row_cap) {
		size_t cap = (size_t)column + 16;

		if (!(grown = realloc(c->row.cells, cap * sizeof(*grown))))
			return false;
		memset(grown + c->row_cap, 0, (cap - c->row_cap) * sizeof(*grown));
		c->row.cells = grown;
		c->row_cap = cap;
	}
	free(c->row.cells[column]);
	c->row.cells[column] = text;
	if ((size_t)column >= c->row.count)
		c->row.count = (size_t)column + 1;
	return true;
}

static void row_finish(struct cells *c)
{
	struct sheet_row *grown;
	size_t i;

	for (i = 0; i < c->row.count; i++)
		if (!c->row.cells[i] && !(c->row.cells[i] = strdup(""))) {
			parse_fail(&c->p, STATUS_ERR_NOMEM, _("out of memory"));
			return;
		}
	if (c->out->count == c->rows_cap) {
		c->rows_cap = c->rows_cap ? c->rows_cap * 2 : 64;
		if (!(grown = realloc(c->out->rows, c->rows_cap * sizeof(*grown)))) {
			parse_fail(&c->p, STATUS_ERR_NOMEM, _("out of memory"));
			return;
		}
		c->out->rows = grown;
	}
	c->out->rows[c->out->count++] = c->row;
	c->row = (struct sheet_row){ .number = c->row.number };
	c->row_cap = 0;
}

static void XMLCALL cells_end(void *data, const char *name)
{
	struct cells *c = data;
	const char *n = local(name);
	char *text;

	if (!strcmp(n, "v") || !strcmp(n, "t")) {
		c->in_value = false;
	} else if (!strcmp(n, "is")) {
		c->in_inline = false;
	} else if (!strcmp(n, "c")) {
		if (c->value.failed) {
			parse_fail(&c->p, STATUS_ERR_NOMEM, _("out of memory"));
			return;
		}
		if ((text = cell_text(c)) && !row_put(c, c->column, text)) {
			free(text);
			parse_fail(&c->p, STATUS_ERR_NOMEM, _("out of memory"));
		}
	} else if (!strcmp(n, "row") && c->row.count) {
		row_finish(c);
	}
}

/* ---- title rows and the header (sheet.h) ------------------------------ */

static const struct merge *merge_at(const struct cells *c, long row, long column, bool top_left)
{
	size_t i;

	for (i = 0; i < c->merge_count; i++) {
		const struct merge *m = &c->merges[i];

		if (top_left ? m->top == row && m->left == column
			     : m->top < row && row <= m->bottom && m->left <= column && column <= m->right)
			return m;
	}
	return NULL;
}

static size_t values_in(const struct sheet_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < row->count; i++)
		n += *row->cells[i] != '\0';
	return n;
}

static bool is_title(const struct cells *c, size_t r)
{
	const struct sheet_row *row = &c->out->rows[r];
	size_t values = values_in(row), i;
	const struct merge *m;
	bool merged = values > 0;

	for (i = 0; i < row->count && merged; i++)
		if (*row->cells[i])
			merged = (m = merge_at(c, row->number, (long)i, true)) &&
				 (m->right > m->left || m->bottom > m->top);
	if (merged)
		return true;
	for (i = r + 1; values == 1 && i < c->out->count; i++)
		if (values_in(&c->out->rows[i]) > 1)
			return true;
	return false;
}

/* The value of the cell at the top-left of a range (or "" when absent). */
static const char *cell_at(const struct sheet *sheet, long row, long column)
{
	size_t r;

	for (r = 0; r < sheet->count && sheet->rows[r].number <= row; r++)
		if (sheet->rows[r].number == row)
			return (size_t)column < sheet->rows[r].count ? sheet->rows[r].cells[column] : "";
	return "";
}

/* Passes over title rows; the header's cells merged down from above take
 * their range's value. */
static void find_header(struct cells *c)
{
	struct sheet *out = c->out;
	struct sheet_row *header;
	char **grown, *value;
	size_t i, k;

	while (out->header + 1 < out->count && is_title(c, out->header))
		out->header++;
	if (out->header >= out->count || out->header == 0)
		return;
	header = &out->rows[out->header];
	for (i = 0; i < c->merge_count; i++) {
		const struct merge *m = &c->merges[i];
		size_t column = (size_t)m->left;

		if (!(m->top < header->number && header->number <= m->bottom))
			continue;
		if (column >= header->count) {
			if (!(grown = realloc(header->cells, (column + 1) * sizeof(*grown))))
				return;
			header->cells = grown;
			for (k = header->count; k <= column; k++)
				header->cells[k] = NULL;
			for (k = header->count; k <= column; k++)
				if (!(header->cells[k] = strdup("")))
					break;
			header->count = k;
			if (k <= column)
				return;
		}
		if (!*header->cells[column] && (value = strdup(cell_at(out, m->top, m->left)))) {
			free(header->cells[column]);
			header->cells[column] = value;
		}
	}
}

/* ---- all together -------------------------------------------------------- */

void sheet_clear(struct sheet *sheet)
{
	size_t r, i;

	for (r = 0; r < sheet->count; r++) {
		for (i = 0; i < sheet->rows[r].count; i++)
			free(sheet->rows[r].cells[i]);
		free(sheet->rows[r].cells);
	}
	free(sheet->rows);
	memset(sheet, 0, sizeof(*sheet));
}

static enum status find_sheet(unzFile zip, struct workbook *w, struct error *err)
{
	enum status status = parse_part(zip, "xl/workbook.xml", false, w, workbook_start, no_end, NULL, &w->p, err);

	if (!status && !w->id)
		status = w->want ? error_set(err, STATUS_ERR_NOT_FOUND, _("no sheet named %s"), w->want)
				 : error_set(err, STATUS_ERR_PARSE, "%s", _("xl/workbook.xml: no sheet"));
	if (!status)
		status = parse_part(zip, "xl/_rels/workbook.xml.rels", false, w, relationship_start, no_end, NULL,
				    &w->p, err);
	if (!status && !w->target)
		status = error_set(err, STATUS_ERR_PARSE, _("xl/_rels/workbook.xml.rels: no part for sheet %s"), w->id);
	return status;
}

static enum status read_sheet(unzFile zip, const char *name, struct sheet *out, struct error *err)
{
	struct workbook w = { .want = name };
	struct strings strings = { 0 };
	struct styles styles = { 0 };
	struct cells cells = { 0 };
	enum status status = find_sheet(zip, &w, err);
	size_t i;

	if (!status)
		status = parse_part(zip, "xl/sharedStrings.xml", true, &strings, strings_start, strings_end,
				    strings_chars, &strings.p, err);
	if (!status)
		status = parse_part(zip, "xl/styles.xml", true, &styles, styles_start, styles_end, NULL, &styles.p, err);
	cells.strings = &strings;
	cells.styles = &styles;
	cells.date1904 = w.date1904;
	cells.out = out;
	if (!status)
		status = parse_part(zip, w.target, false, &cells, cells_start, cells_end, cells_chars, &cells.p, err);
	if (!status)
		find_header(&cells);
	free(cells.merges);
	for (i = 0; i < cells.row.count; i++)
		free(cells.row.cells[i]);
	free(cells.row.cells);
	free(cells.value.s);
	for (i = 0; i < strings.count; i++)
		free(strings.items[i]);
	free(strings.items);
	free(strings.text.s);
	free(styles.date_formats);
	free(styles.xf_is_date);
	free(w.id);
	free(w.target);
	return status;
}

enum status sheet_read_xlsx(const void *bytes, size_t len, const char *name, struct sheet *out, struct error *err)
{
	struct memory_zip memory = { bytes, len, 0 };
	zlib_filefunc_def io = { memory_open, memory_read, memory_write, memory_tell, memory_seek,
				 memory_close, memory_error, &memory };
	unzFile zip;
	enum status status;

	memset(out, 0, sizeof(*out));
	if ((status = sheet_library_load(err)))
		return status;
	if (!(zip = unzOpen2("workbook", &io)))
		/* L10N: the file is not a zip archive, so not an .xlsx workbook */
		return error_set(err, STATUS_ERR_PARSE, "%s", _("not an Excel workbook (.xlsx): not a zip archive"));
	status = read_sheet(zip, name, out, err);
	unzClose(zip);
	if (status)
		sheet_clear(out);
	return status;
}
