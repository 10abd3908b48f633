/* One document, three formats: what Markdown and HTML write, and what they
 * share with plain text (doc_text.c): sanitising, collecting tables. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/core/clock.h"
#include "gradus/text/utf8.h"

/* Print-friendly A4: black on white, no background needed to read it,
 * table rows kept whole and headers repeated on each page. */
static const char *const html_start =
	"<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
static const char *const html_style =
	"</title>\n<style>\n"
	"@page { size: A4; margin: 18mm }\n"
	"body { font-family: sans-serif; font-size: 10pt; line-height: 1.35; color: #000; background: #fff;"
	" margin: 0 }\n"
	"h1 { font-size: 16pt; border-bottom: 2px solid #000; padding-bottom: 2mm }\n"
	"h2 { font-size: 13pt; margin-top: 6mm; border-bottom: 1px solid #000 }\n"
	"h3 { font-size: 11pt; margin-top: 4mm }\n"
	"h1, h2, h3 { page-break-after: avoid; break-after: avoid }\n"
	"table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm }\n"
	"th, td { border: 1px solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top }\n"
	"thead { display: table-header-group }\n"
	"tr { page-break-inside: avoid; break-inside: avoid }\n"
	"table.fields th { width: 32%; font-weight: bold }\n"
	"tr.marked td { font-weight: bold }\n"
	"tr.marked td:first-child { border-left: 3pt solid #000 }\n"
	"td.hash { font-family: monospace; font-size: 7.5pt; white-space: nowrap }\n"
	"svg { display: block; max-width: 100%; height: auto; page-break-inside: avoid; break-inside: avoid }\n"
	"svg text { font-family: sans-serif; font-size: 11px }\n"
	"</style>\n</head>\n<body>\n";

static void fail(struct doc *d, enum status status)
{
	if (!d->status)
		d->status = status;
}

/* A sanitised copy the caller frees; NULL (and the document failed) when
 * out of memory. */
static char *clean(struct doc *d, const char *text)
{
	char *copy = doc_sanitize_lines(text);

	if (!copy)
		fail(d, STATUS_ERR_NOMEM);
	return copy;
}

/* A line break in a table cell is <br> (a cell is one line of the
 * table); elsewhere a hard line break (two spaces), the next line
 * indented to stay in its list item. */
static void put_markdown(FILE *out, const char *s, bool cell)
{
	for (; *s; s++) {
		if (*s == '\n') {
			fputs(cell ? "<br>" : "  \n  ", out);
			continue;
		}
		if (strchr("\\`*_[]<>|~&#!", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void put_html(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\n': fputs("<br>\n", out); break;
		default: fputc(*s, out);
		}
}

const char *doc_time(struct doc *d, const char *utc)
{
	char text[CLOCK_TEXT_SIZE];

	if (!utc || !*utc)
		return "-";
	if (!clock_local_text(utc, true, text, sizeof(text)))
		return utc;
	return doc_printf(d, "%s", text);
}

char *doc_sanitize_lines(const char *text)
{
	const char *s = text ? text : "";
	char *out = strdup(""), *line, *grown;
	size_t used = 0;

	while (out) {
		size_t n = strcspn(s, "\n"), keep = n && s[n - 1] == '\r' ? n - 1 : n;

		if (!(line = strndup(s, keep)))
			break;
		grown = utf8_sanitize(line);
		free(line);
		if (!grown || !(line = realloc(out, used + strlen(grown) + 2))) {
			free(grown);
			break;
		}
		out = line;
		used = (size_t)(stpcpy(out + used, grown) - out);
		free(grown);
		if (!s[n])
			return out;
		out[used++] = '\n';
		out[used] = '\0';
		s += n + 1;
	}
	free(out);
	return NULL;
}

static void put_text(struct doc *d, const char *text, bool cell)
{
	char *s = clean(d, text);

	if (!s)
		return;
	if (d->format == REPORT_MD)
		put_markdown(d->out, s, cell);
	else if (d->format == REPORT_HTML)
		put_html(d->out, s);
	else
		fputs(s, d->out);
	free(s);
}

void doc_put(struct doc *d, const char *text)
{
	put_text(d, text, false);
}

void doc_begin(struct doc *d, enum report_format format, FILE *out, const char *title)
{
	d->format = format;
	d->out = out;
	if (format != REPORT_HTML)
		return;
	/* the page's language is the reader's, as its labels are */
	fprintf(out, "<!doctype html>\n<html lang=\"%s\">\n", i18n_chinese() ? "zh-CN" : "en");
	fputs(html_start, out);
	doc_put(d, title);
	fputs(html_style, out);
}

static void free_table(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->rows * d->columns; i++)
		free(d->cells[i]);
	free(d->cells);
	free(d->marked);
	d->cells = NULL;
	d->marked = NULL;
	d->rows = d->columns = 0;
}

enum status doc_end(struct doc *d)
{
	size_t i;

	if (d->format == REPORT_HTML)
		fputs("</body>\n</html>\n", d->out);
	free_table(d);
	for (i = 0; i < d->scratch_count; i++)
		free(d->scratch[i]);
	free(d->scratch);
	d->scratch = NULL;
	d->scratch_count = 0;
	if (fflush(d->out) == EOF || ferror(d->out))
		fail(d, STATUS_ERR_IO);
	return d->status;
}

/* Keeps a string made (or cleaned) for the document until doc_end. */
static const char *keep(struct doc *d, char *s)
{
	char **grown = s ? realloc(d->scratch, (d->scratch_count + 1) * sizeof(*grown)) : NULL;

	if (!grown) {
		free(s);
		fail(d, STATUS_ERR_NOMEM);
		return "";
	}
	d->scratch = grown;
	d->scratch[d->scratch_count++] = s;
	return s;
}

const char *doc_printf(struct doc *d, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return keep(d, n < 0 ? NULL : s);
}

const char *doc_clean(struct doc *d, const char *text)
{
	return keep(d, doc_sanitize_lines(text));
}

const char *doc_or_dash(const char *text)
{
	return text && *text ? text : "-";
}

const char *doc_label(const char *const (*labels)[2], size_t count, const char *key)
{
	size_t i;

	for (i = 0; key && i < count; i++)
		if (!strcmp(labels[i][0], key))
			return labels[i][1];
	return doc_or_dash(key);
}

void doc_heading(struct doc *d, int level, const char *text)
{
	if (d->status)
		return;
	if (d->format == REPORT_TXT) {
		doc_text_heading(d, level, text);
	} else if (d->format == REPORT_MD) {
		fprintf(d->out, "%.*s ", level, "###");
		doc_put(d, text);
		fputs("\n\n", d->out);
	} else {
		fprintf(d->out, "<h%d>", level);
		doc_put(d, text);
		fprintf(d->out, "</h%d>\n", level);
	}
}

void doc_paragraph(struct doc *d, const char *text)
{
	if (d->status)
		return;
	if (d->format == REPORT_TXT) {
		doc_text_paragraph(d, text);
		return;
	}
	fputs(d->format == REPORT_HTML ? "<p>" : "", d->out);
	doc_put(d, text);
	fputs(d->format == REPORT_HTML ? "</p>\n" : "\n\n", d->out);
}

void doc_table_begin(struct doc *d, size_t key_columns, size_t columns, const char *const *headers)
{
	size_t i;

	free_table(d);
	d->fields = false;
	d->columns = columns < DOC_MAX_COLUMNS ? columns : DOC_MAX_COLUMNS;
	d->key_columns = key_columns;
	for (i = 0; i < d->columns; i++)
		d->headers[i] = headers[i];
}

void doc_fields_begin(struct doc *d)
{
	const char *const headers[] = { R_("Field"), R_("Value") };

	doc_table_begin(d, 1, 2, headers);
	d->fields = true;
}

static void add_row(struct doc *d, const char *const *cells, bool marked)
{
	char **grown;
	bool *marks;
	size_t i, at = d->rows * d->columns;

	if (d->status || !d->columns)
		return;
	grown = realloc(d->cells, (at + d->columns) * sizeof(*grown));
	if (grown)
		d->cells = grown;
	marks = grown ? realloc(d->marked, (d->rows + 1) * sizeof(*marks)) : NULL;
	if (!marks) {
		fail(d, STATUS_ERR_NOMEM);
		return;
	}
	d->marked = marks;
	d->marked[d->rows] = marked;
	for (i = 0; i < d->columns; i++)
		d->cells[at + i] = clean(d, cells[i]);
	d->rows++;
}

void doc_row(struct doc *d, const char *const *cells)
{
	add_row(d, cells, false);
}

void doc_row_marked(struct doc *d, const char *const *cells)
{
	add_row(d, cells, true);
}

void doc_field(struct doc *d, const char *label, const char *value)
{
	const char *cells[] = { label, value };

	doc_row(d, cells);
}

/* A 64-digit hex string: a hash, printed whole on one line. */
static bool is_hash(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void markdown_row(struct doc *d, const char *const *cells, bool marked)
{
	size_t i;

	for (i = 0; i < d->columns; i++) {
		bool bold = marked && cells[i] && *cells[i];

		fputs(i ? " | " : "| ", d->out);
		fputs(bold ? "**" : "", d->out);
		put_text(d, cells[i] ? cells[i] : "", true);
		fputs(bold ? "**" : "", d->out);
	}
	fputs(" |\n", d->out);
}

static void markdown_table(struct doc *d)
{
	size_t r, i;

	if (d->fields) {
		for (r = 0; r < d->rows; r++) {
			fputs("- **", d->out);
			doc_put(d, d->cells[r * 2]);
			fputs("**: ", d->out);
			doc_put(d, d->cells[r * 2 + 1]);
			fputs("\n", d->out);
		}
		fputs("\n", d->out);
		return;
	}
	markdown_row(d, d->headers, false);
	for (i = 0; i < d->columns; i++)
		fputs(i ? " | ---" : "| ---", d->out);
	fputs(" |\n", d->out);
	for (r = 0; r < d->rows; r++)
		markdown_row(d, (const char *const *)&d->cells[r * d->columns], d->marked[r]);
	fputs("\n", d->out);
}

static void html_cell(struct doc *d, const char *tag, const char *text)
{
	fprintf(d->out, "<%s%s>", tag, is_hash(text) ? " class=\"hash\"" : "");
	doc_put(d, text);
	fprintf(d->out, "</%s>", tag);
}

static void html_table(struct doc *d)
{
	size_t r, i;

	fputs(d->fields ? "<table class=\"fields\">\n" : "<table>\n<thead><tr>", d->out);
	for (i = 0; !d->fields && i < d->columns; i++)
		html_cell(d, "th", d->headers[i]);
	fputs(d->fields ? "<tbody>\n" : "</tr></thead>\n<tbody>\n", d->out);
	for (r = 0; r < d->rows; r++) {
		fputs(d->marked[r] ? "<tr class=\"marked\">" : "<tr>", d->out);
		for (i = 0; i < d->columns; i++)
			html_cell(d, d->fields && i == 0 ? "th" : "td", d->cells[r * d->columns + i]);
		fputs("</tr>\n", d->out);
	}
	fputs("</tbody>\n</table>\n", d->out);
}

void doc_table_end(struct doc *d)
{
	if (!d->status && d->format == REPORT_TXT)
		doc_text_table(d);
	else if (!d->status && d->format == REPORT_MD)
		markdown_table(d);
	else if (!d->status)
		html_table(d);
	free_table(d);
}

int doc_bar_cells(double percent)
{
	int cells = (int)(percent * DOC_BAR_CELLS / 100 + 0.5);

	return cells < 0 ? 0 : cells > DOC_BAR_CELLS ? DOC_BAR_CELLS : cells;
}

static void markdown_chart(struct doc *d, const struct doc_bar *bars, size_t count)
{
	const char *const headers[] = { R_("Stage"), R_("Score"), R_("Chart") };
	size_t i;
	int k;

	markdown_row(d, headers, false);
	fputs("| --- | ---: | --- |\n", d->out);
	for (i = 0; i < count; i++) {
		fputs("| ", d->out);
		doc_put(d, bars[i].label);
		if (bars[i].scored)
			fprintf(d->out, " | %.1f | ", bars[i].percent);
		else
			fputs(" | - | ", d->out);
		for (k = 0; bars[i].scored && k < doc_bar_cells(bars[i].percent); k++)
			fputs("█", d->out);
		fputs(" |\n", d->out);
	}
	fputs("\n", d->out);
}

/* Coordinates in whole pixels, so no locale's decimal comma reaches the SVG. */
static void svg_chart(struct doc *d, const char *caption, const struct doc_bar *bars, size_t count)
{
	const int label = 260, bar = 300, row = 24, height = (int)count * row + 8;
	size_t i;

	fprintf(d->out, "<svg role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		label + bar + 60, height, label + bar + 60, height);
	fputs("<title>", d->out);
	doc_put(d, caption);
	fputs("</title>\n", d->out);
	for (i = 0; i < count; i++) {
		int y = 4 + (int)i * row, width = bars[i].scored ? (int)(bars[i].percent * bar / 100 + 0.5) : 0;

		fprintf(d->out, "<text x=\"0\" y=\"%d\">", y + 15);
		doc_put(d, bars[i].label);
		fprintf(d->out, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"none\" stroke=\"#000\"/>\n",
			label, y + 2, bar);
		if (width > 0)
			fprintf(d->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#333\"/>\n", label, y + 2,
				width);
		fprintf(d->out, "<text x=\"%d\" y=\"%d\">", label + bar + 6, y + 15);
		if (bars[i].scored)
			fprintf(d->out, "%.1f", bars[i].percent);
		else
			fputs("-", d->out);
		fputs("</text>\n", d->out);
	}
	fputs("</svg>\n", d->out);
}

void doc_chart(struct doc *d, const char *caption, const struct doc_bar *bars, size_t count)
{
	struct doc_bar *clean_bars = calloc(count ? count : 1, sizeof(*clean_bars));
	size_t i;

	if (!clean_bars)
		fail(d, STATUS_ERR_NOMEM);
	for (i = 0; !d->status && i < count; i++) {
		clean_bars[i] = bars[i];
		clean_bars[i].label = doc_clean(d, bars[i].label);
	}
	if (!d->status && d->format == REPORT_TXT)
		doc_text_chart(d, clean_bars, count);
	else if (!d->status && d->format == REPORT_MD)
		markdown_chart(d, clean_bars, count);
	else if (!d->status)
		svg_chart(d, caption, clean_bars, count);
	free(clean_bars);
}
