/* The plain-text layout of a document: widths in terminal cells, lines of
 * at most DOC_WIDTH cells where the words allow it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/text/utf8.h"

void doc_text_pad(FILE *out, int cells)
{
	for (; cells > 0; cells--)
		fputc(' ', out);
}

void doc_text_repeat(FILE *out, const char *s, int times)
{
	for (; times > 0; times--)
		fputs(s, out);
}

/* Writes s wrapped to width cells; the first line continues where the
 * cursor is, the next ones start indent cells in. */
static void wrapped(FILE *out, const char *s, int indent, int width)
{
	if (width < 10)
		width = 10;
	do {
		size_t line = strcspn(s, "\n"), n;
		char *part = strndup(s, line);

		n = part ? utf8_wrap(part, width) : line;
		free(part);
		fwrite(s, 1, n, out);
		fputc('\n', out);
		for (s += n; *s == ' '; s++)
			;
		if (*s == '\n')
			s++;
		if (*s)
			doc_text_pad(out, indent);
	} while (*s);
}

/* One word of ASCII (a hash, a file name) is never broken. */
static bool is_one_word(const char *s)
{
	return !strchr(s, ' ') && utf8_width(s) == (int)strlen(s);
}

/* "label  value", the label padded to label_width, the value wrapped under
 * itself; one word too wide for that goes on its own line below. */
static void labelled(FILE *out, int indent, const char *label, int label_width, const char *value)
{
	int column = indent + label_width + 2, width = utf8_width(value);

	doc_text_pad(out, indent);
	fputs(label, out);
	if (is_one_word(value) && column + width > DOC_WIDTH && indent + 2 + width <= DOC_WIDTH) {
		fputc('\n', out);
		doc_text_pad(out, indent + 2);
		fprintf(out, "%s\n", value);
		return;
	}
	doc_text_pad(out, column - indent - utf8_width(label));
	wrapped(out, value, column, DOC_WIDTH - column);
}

void doc_text_heading(struct doc *d, int level, const char *text)
{
	char *s = utf8_sanitize(text);
	int width;

	if (!s) {
		d->status = STATUS_ERR_NOMEM;
		return;
	}
	width = utf8_width(s);
	fprintf(d->out, "%s\n", s);
	if (level < 3)
		doc_text_repeat(d->out, level == 1 ? "=" : "-", width < DOC_WIDTH ? width : DOC_WIDTH);
	fputs(level < 3 ? "\n\n" : "\n", d->out);
	free(s);
}

void doc_text_paragraph(struct doc *d, const char *text)
{
	char *s = doc_sanitize_lines(text);

	if (!s) {
		d->status = STATUS_ERR_NOMEM;
		return;
	}
	wrapped(d->out, s, 0, DOC_WIDTH);
	fputc('\n', d->out);
	free(s);
}

static const char *cell(const struct doc *d, size_t row, size_t column)
{
	return d->cells[row * d->columns + column];
}

/* The widest cell of each column (the header included); the total width. */
static int column_widths(const struct doc *d, int *widths)
{
	size_t r, c;
	int total = 0;

	for (c = 0; c < d->columns; c++) {
		widths[c] = utf8_width(d->headers[c]);
		for (r = 0; r < d->rows; r++)
			if (utf8_width(cell(d, r, c)) > widths[c])
				widths[c] = utf8_width(cell(d, r, c));
		total += widths[c] + (c ? 2 : 0);
	}
	return total;
}

/* One line of a grid, with no spaces after its last non-empty cell. */
static void grid_line(FILE *out, const char *const *cells, const int *widths, size_t columns)
{
	size_t c;

	while (columns > 1 && !*cells[columns - 1])
		columns--;
	for (c = 0; c < columns; c++) {
		fputs(cells[c], out);
		if (c + 1 < columns)
			doc_text_pad(out, widths[c] - utf8_width(cells[c]) + 2);
	}
	fputc('\n', out);
}

static void grid(const struct doc *d, const int *widths)
{
	size_t r, c;

	grid_line(d->out, d->headers, widths, d->columns);
	for (c = 0; c < d->columns; c++) {
		doc_text_repeat(d->out, "-", widths[c]);
		fputs(c + 1 < d->columns ? "  " : "\n", d->out);
	}
	for (r = 0; r < d->rows; r++)
		grid_line(d->out, (const char *const *)&d->cells[r * d->columns], widths, d->columns);
	fputc('\n', d->out);
}

/* The key cells on a line (wrapped under the second one), then each other
 * non-empty cell under its header, indented. */
static void record(const struct doc *d, size_t r, int label_width)
{
	size_t c;
	int used = 0;

	for (c = 0; c < d->key_columns && c < d->columns; c++) {
		if (c + 1 < d->key_columns && c + 1 < d->columns) {
			fprintf(d->out, "%s  ", cell(d, r, c));
			used += utf8_width(cell(d, r, c)) + 2;
		} else {
			wrapped(d->out, cell(d, r, c), used, DOC_WIDTH - used);
		}
	}
	for (; c < d->columns; c++)
		if (*cell(d, r, c))
			labelled(d->out, 4, d->headers[c], label_width, cell(d, r, c));
	fputc('\n', d->out);
}

static void records(const struct doc *d)
{
	size_t r, c;
	int label_width = 0;

	for (c = d->key_columns; c < d->columns; c++)
		if (utf8_width(d->headers[c]) > label_width)
			label_width = utf8_width(d->headers[c]);
	for (r = 0; r < d->rows; r++)
		record(d, r, label_width);
}

static void fields(const struct doc *d)
{
	size_t r;
	int label_width = 0;

	for (r = 0; r < d->rows; r++)
		if (utf8_width(cell(d, r, 0)) > label_width)
			label_width = utf8_width(cell(d, r, 0));
	for (r = 0; r < d->rows; r++)
		labelled(d->out, 0, cell(d, r, 0), label_width, cell(d, r, 1));
	fputc('\n', d->out);
}

/* A cell of more than one line: the table is printed as records. */
static bool has_line_break(const struct doc *d)
{
	size_t i;

	for (i = 0; i < d->rows * d->columns; i++)
		if (d->cells[i] && strchr(d->cells[i], '\n'))
			return true;
	return false;
}

void doc_text_table(struct doc *d)
{
	int widths[DOC_MAX_COLUMNS];

	if (d->fields)
		fields(d);
	else if (!has_line_break(d) && column_widths(d, widths) <= DOC_WIDTH)
		grid(d, widths);
	else
		records(d);
}

void doc_text_chart(struct doc *d, const struct doc_bar *bars, size_t count)
{
	size_t i;
	int label_width = 0;

	for (i = 0; i < count; i++)
		if (utf8_width(bars[i].label) > label_width)
			label_width = utf8_width(bars[i].label);
	for (i = 0; i < count; i++) {
		int cells = bars[i].scored ? doc_bar_cells(bars[i].percent) : 0;

		fputs(bars[i].label, d->out);
		doc_text_pad(d->out, label_width - utf8_width(bars[i].label) + 2);
		doc_text_repeat(d->out, "█", cells);
		doc_text_pad(d->out, DOC_BAR_CELLS - cells + 2);
		if (bars[i].scored)
			fprintf(d->out, "%5.1f\n", bars[i].percent);
		else
			fprintf(d->out, "%5s\n", "-");
	}
	fputc('\n', d->out);
}
