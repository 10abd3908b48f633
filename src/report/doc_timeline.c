/* A Gantt-like timeline of months: in text a grid of cells (two a month
 * when they fit), in HTML an SVG of month ticks, bars, diamonds and a line
 * at today. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/text/utf8.h"

#define MAX_MONTHS 60
#define TEXT_LABEL_MIN 12

static const char *const text_marks[] = { "━", "◆", "◇", "●", "▲", "|" };
/* The legend's two lines, in the reader's language. */
static const char *legend_line(int line)
{
	return line ? R_("▲ acceptance due  | today") : R_("━ period  ◆ done  ◇ open  ● guidance");
}

static int months_between(struct date from, struct date to)
{
	return (to.year - from.year) * 12 + to.month - from.month;
}

static int month_count(const struct doc_timeline *t)
{
	int n = months_between(t->from, t->to) + 1;

	return n < 1 ? 1 : n > MAX_MONTHS ? MAX_MONTHS : n;
}

/* The text layout: cells a month, the chart's and the labels' widths. */
struct text_grid {
	struct date first;
	int months, per_month, width, label_width;
};

/* The cell of a day: -1 before the chart, width after it. */
static int text_cell(const struct text_grid *g, struct date day)
{
	int month = months_between(g->first, day), cell;

	if (month < 0)
		return -1;
	if (month >= g->months)
		return g->width;
	cell = month * g->per_month;
	return g->per_month == 2 && day.day > 15 ? cell + 1 : cell;
}

static int clamp_cell(const struct text_grid *g, int cell)
{
	return cell < 0 ? 0 : cell >= g->width ? g->width - 1 : cell;
}

static void text_grid_init(struct text_grid *g, const struct doc_timeline *t)
{
	size_t i;
	int widest = 0;

	g->first = t->from;
	g->months = month_count(t);
	g->per_month = g->months * 2 + TEXT_LABEL_MIN + 2 <= DOC_WIDTH ? 2 : 1;
	g->width = g->months * g->per_month;
	for (i = 0; i < t->row_count; i++)
		if (utf8_width(t->rows[i].label) > widest)
			widest = utf8_width(t->rows[i].label);
	g->label_width = DOC_WIDTH - 2 - g->width;
	if (widest < g->label_width)
		g->label_width = widest;
}

/* A line: prefix, the label cut and padded, then the cells without the
 * trailing spaces. */
static void text_line(FILE *out, const char *prefix, const struct text_grid *g, const char *label,
		      const char *const *cells)
{
	int used, last = g->width - 1, i;
	size_t n = utf8_prefix_for_width(label, g->label_width, &used);

	while (last >= 0 && !strcmp(cells[last], " "))
		last--;
	fputs(prefix, out);
	fwrite(label, 1, n, out);
	if (last >= 0)
		doc_text_pad(out, g->label_width - used + 2);
	for (i = 0; i <= last; i++)
		fputs(cells[i], out);
	fputc('\n', out);
}

/* The years over their Januaries (and the first month), the months 1 4 7 10
 * under them, a dot for the others. */
static void text_header(FILE *out, const char *prefix, const struct text_grid *g, const char **cells, char *years)
{
	static const char *const digits[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	int m, at, free_from = 0;
	char year[16];

	memset(years, ' ', (size_t)g->width + 4);
	years[g->width + 4] = '\0';
	for (m = 0; m < g->months; m++) {
		int month = (g->first.month - 1 + m) % 12 + 1;

		at = m * g->per_month;
		snprintf(year, sizeof(year), "%04d", g->first.year + (g->first.month - 1 + m) / 12);
		if ((month == 1 || (m == 0 && (13 - month) * g->per_month >= 5)) && at >= free_from &&
		    strlen(year) == 4) {
			memcpy(years + at, year, 4);
			free_from = at + 5;
		}
		cells[at] = month % 3 != 1 ? "." : month == 10 ? (g->per_month == 2 ? "1" : ":") : digits[month];
		if (g->per_month == 2)
			cells[at + 1] = month == 10 ? "0" : " ";
	}
	for (at = g->width + 3; at >= 0 && years[at] == ' '; at--)
		years[at] = '\0';
	fputs(prefix, out);
	doc_text_pad(out, g->label_width + 2);
	fprintf(out, "%s\n", years);
	text_line(out, prefix, g, "", cells);
}

static void text_row(FILE *out, const char *prefix, const struct text_grid *g, const struct doc_timeline *t,
		     const struct doc_timeline_row *r, const char **cells)
{
	int i, at = text_cell(g, r->on), today = text_cell(g, t->today);

	for (i = 0; i < g->width; i++)
		cells[i] = g->per_month == 2 && i % 2 ? " " : ".";
	if (today >= 0 && today < g->width)
		cells[today] = "|";
	if (r->mark == DOC_MARK_SPAN) {
		int until = clamp_cell(g, text_cell(g, r->until));

		for (i = clamp_cell(g, at); i <= until; i++)
			cells[i] = text_marks[DOC_MARK_SPAN];
	} else if (at < 0) {
		cells[0] = "<";
	} else if (at >= g->width) {
		cells[g->width - 1] = ">";
	} else {
		cells[at] = text_marks[r->mark];
	}
	text_line(out, prefix, g, r->label, cells);
}

/* Plain text, or Markdown's indented code block (which no label can end). */
static void text_timeline(struct doc *d, const struct doc_timeline *t, const char *prefix)
{
	struct text_grid g;
	const char **cells;
	char *years;
	size_t i;

	text_grid_init(&g, t);
	cells = calloc((size_t)g.width, sizeof(*cells));
	years = malloc((size_t)g.width + 5);
	if (!cells || !years) {
		d->status = STATUS_ERR_NOMEM;
	} else {
		text_header(d->out, prefix, &g, cells, years);
		for (i = 0; i < t->row_count; i++)
			text_row(d->out, prefix, &g, t, &t->rows[i], cells);
		fprintf(d->out, "%s\n%s%s\n%s%s\n\n", prefix, prefix, legend_line(0), prefix, legend_line(1));
	}
	free(cells);
	free(years);
}

/* The SVG: labels on the left, the months on the right; coordinates in
 * whole pixels. */
enum { SVG_WIDTH = 660, SVG_LABEL = 230, SVG_HEAD = 34, SVG_ROW = 20, SVG_LABEL_CELLS = 34 };

static int svg_x(const struct doc_timeline *t, int months, struct date day)
{
	long month = months_between(t->from, day), days = date_days_in_month(day.year, day.month);
	long chart = SVG_WIDTH - SVG_LABEL - 10, x;

	if (month < 0)
		return SVG_LABEL;
	if (month >= months)
		return SVG_LABEL + (int)chart;
	x = ((month * days + day.day - 1) * chart) / ((long)months * days);
	return SVG_LABEL + (int)x;
}

static void svg_label(struct doc *d, int y, const char *label)
{
	int used;
	size_t n = utf8_prefix_for_width(label, SVG_LABEL_CELLS, &used);
	char *cut = strndup(label, n);

	fprintf(d->out, "<text x=\"0\" y=\"%d\">", y);
	doc_put(d, cut ? cut : "");
	fprintf(d->out, "%s</text>\n", n < strlen(label) ? "…" : "");
	free(cut);
}

static void svg_months(struct doc *d, const struct doc_timeline *t, int months, int height)
{
	int m;

	for (m = 0; m < months; m++) {
		int month = (t->from.month - 1 + m) % 12 + 1, year = t->from.year + (t->from.month - 1 + m) / 12;
		int x = svg_x(t, months, (struct date){ year, month, 1 });

		fprintf(d->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", x, SVG_HEAD - 14, x,
			height, month == 1 ? "#000" : "#bbb");
		fprintf(d->out, "<text x=\"%d\" y=\"%d\" font-size=\"8\">%d</text>\n", x + 1, SVG_HEAD - 4, month);
		if (m == 0 || month == 1)
			fprintf(d->out, "<text x=\"%d\" y=\"%d\">%d</text>\n", x + 1, SVG_HEAD - 20, year);
	}
}

static void svg_mark(struct doc *d, const struct doc_timeline *t, int months, const struct doc_timeline_row *r,
		     int y)
{
	int x = svg_x(t, months, r->on), mid = y + SVG_ROW / 2;

	switch (r->mark) {
	case DOC_MARK_SPAN:
		fprintf(d->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"8\" fill=\"#888\"/>\n", x, mid - 4,
			svg_x(t, months, r->until) - x);
		break;
	case DOC_MARK_DONE:
	case DOC_MARK_OPEN:
		fprintf(d->out, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d\" fill=\"%s\" stroke=\"#000\"/>\n", x,
			mid - 6, x + 6, mid, x, mid + 6, x - 6, mid, r->mark == DOC_MARK_DONE ? "#000" : "#fff");
		break;
	case DOC_MARK_EVENT:
		fprintf(d->out, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#444\"/>\n", x, mid);
		break;
	case DOC_MARK_DUE:
		fprintf(d->out, "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"#000\"/>\n", x, mid - 6, x + 6, mid + 5,
			x - 6, mid + 5);
		break;
	case DOC_MARK_TODAY: /* the line at today crosses every row */
		break;
	}
}

static void svg_timeline(struct doc *d, const struct doc_timeline *t)
{
	int months = month_count(t), height = SVG_HEAD + (int)t->row_count * SVG_ROW + 24, x;
	size_t i;

	fprintf(d->out, "<svg class=\"timeline\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		SVG_WIDTH, height, SVG_WIDTH, height);
	fputs("<title>", d->out);
	doc_put(d, t->caption);
	fputs("</title>\n", d->out);
	svg_months(d, t, months, height - 24);
	for (i = 0; i < t->row_count; i++) {
		int y = SVG_HEAD + (int)i * SVG_ROW;

		svg_label(d, y + 14, t->rows[i].label);
		svg_mark(d, t, months, &t->rows[i], y);
	}
	x = svg_x(t, months, t->today);
	fprintf(d->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 2\"/>\n", x,
		SVG_HEAD - 14, x, height - 24);
	fprintf(d->out, "<text x=\"0\" y=\"%d\" font-size=\"9\">", height - 6);
	doc_put(d, legend_line(0));
	fputs("  ", d->out);
	doc_put(d, legend_line(1));
	fputs("</text>\n</svg>\n", d->out);
}

void doc_timeline(struct doc *d, const struct doc_timeline *t)
{
	struct doc_timeline clean = *t;
	struct doc_timeline_row *rows = calloc(t->row_count ? t->row_count : 1, sizeof(*rows));
	size_t i;

	if (!rows)
		d->status = STATUS_ERR_NOMEM;
	for (i = 0; !d->status && i < t->row_count; i++) {
		rows[i] = t->rows[i];
		rows[i].label = doc_clean(d, t->rows[i].label);
	}
	clean.rows = rows;
	if (!d->status && d->format == REPORT_TXT)
		text_timeline(d, &clean, "");
	else if (!d->status && d->format == REPORT_MD)
		text_timeline(d, &clean, "    ");
	else if (!d->status)
		svg_timeline(d, &clean);
	free(rows);
}
