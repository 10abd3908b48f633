/* A measure over periods against its baseline and target: bars of █ in
 * text and Markdown, an SVG of columns with two lines in HTML. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/text/utf8.h"

#define MEASURE_CELLS 36

const char *doc_number(struct doc *d, double value)
{
	char text[64];
	size_t n;

	snprintf(text, sizeof(text), "%.2f", value);
	if (!strchr(text, '.'))
		return doc_printf(d, "%s", text);
	for (n = strlen(text); n && text[n - 1] == '0'; n--)
		text[n - 1] = '\0';
	if (n && text[n - 1] == '.')
		text[n - 1] = '\0';
	return doc_printf(d, "%s", strcmp(text, "-0") ? text : "0");
}

/* The largest of baseline, target and values (1 when none is above 0). */
static double scale_of(const struct doc_measure *m)
{
	double max = fmax(m->baseline, m->target);
	size_t i;

	for (i = 0; i < m->count; i++)
		max = fmax(max, m->values[i].value);
	return max > 0 && isfinite(max) ? max : 1;
}

static int cells_of(double value, double max, int cells)
{
	double n = value > 0 ? value * cells / max + 0.5 : 0;

	return n > cells ? cells : (int)n;
}

/* One bar: fill cells, then the baseline (:) and the target (|) where the
 * bar does not reach them. */
static void text_bar(FILE *out, const struct doc_measure *m, double max, const char *fill, double value)
{
	int cells = cells_of(value, max, MEASURE_CELLS), base = cells_of(m->baseline, max, MEASURE_CELLS);
	int target = cells_of(m->target, max, MEASURE_CELLS), i;

	for (i = 0; i < MEASURE_CELLS + 1; i++)
		fputs(i < cells ? fill : i == target ? "|" : i == base ? ":" : " ", out);
}

static void text_row(struct doc *d, const char *prefix, int label_width, const char *label, const char *fill,
		     double value, double max, const struct doc_measure *m)
{
	fprintf(d->out, "%s%s", prefix, label);
	doc_text_pad(d->out, label_width - utf8_width(label) + 2);
	text_bar(d->out, m, max, fill, value);
	fprintf(d->out, " %s%s%s\n", doc_number(d, value), m->unit && *m->unit ? " " : "", m->unit ? m->unit : "");
}

static void text_measure(struct doc *d, const struct doc_measure *m, const char *prefix)
{
	const char *const baseline = R_("Baseline"), *const target = R_("Target");
	double max = scale_of(m);
	int label_width = utf8_width(baseline);
	size_t i;

	for (i = 0; i < m->count; i++)
		if (utf8_width(m->values[i].label) > label_width)
			label_width = utf8_width(m->values[i].label);
	text_row(d, prefix, label_width, baseline, "░", m->baseline, max, m);
	for (i = 0; i < m->count; i++)
		text_row(d, prefix, label_width, m->values[i].label, "█", m->values[i].value, max, m);
	text_row(d, prefix, label_width, target, "▓", m->target, max, m);
	fputc('\n', d->out);
}

/* Columns left to right, the baseline dashed and the target solid across
 * them, named on the right. Whole pixels. */
enum { PLOT_LEFT = 10, PLOT_RIGHT = 330, PLOT_TOP = 14, PLOT_BOTTOM = 114, SVG_MEASURE_WIDTH = 460 };

static int svg_y(double value, double max)
{
	return PLOT_BOTTOM - cells_of(value, max, PLOT_BOTTOM - PLOT_TOP);
}

/* A line across the columns, named on the right at text_y (kept apart from
 * the other line's name). */
static void svg_line(struct doc *d, int y, int text_y, const char *dash, const char *name, const char *value)
{
	fprintf(d->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"%s/>\n", PLOT_LEFT, y, PLOT_RIGHT, y,
		dash);
	fprintf(d->out, "<text x=\"%d\" y=\"%d\">", PLOT_RIGHT + 6, text_y + 4);
	doc_put(d, name);
	fputs(" ", d->out);
	doc_put(d, value);
	fputs("</text>\n", d->out);
}

static void svg_measure(struct doc *d, const struct doc_measure *m)
{
	double max = scale_of(m);
	int slot = m->count ? (PLOT_RIGHT - PLOT_LEFT) / (int)m->count : 0, width = slot > 48 ? 40 : slot - 8;
	int base, target, base_text, target_text;
	size_t i;

	fprintf(d->out, "<svg class=\"measure\" role=\"img\" width=\"%d\" height=\"140\" viewBox=\"0 0 %d 140\">\n",
		SVG_MEASURE_WIDTH, SVG_MEASURE_WIDTH);
	fputs("<title>", d->out);
	doc_put(d, m->caption);
	fputs("</title>\n", d->out);
	fprintf(d->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", PLOT_LEFT, PLOT_BOTTOM,
		PLOT_RIGHT, PLOT_BOTTOM);
	for (i = 0; i < m->count; i++) {
		int x = PLOT_LEFT + (int)i * slot + (slot - width) / 2, y = svg_y(m->values[i].value, max);

		fprintf(d->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#666\"/>\n", x, y,
			width < 2 ? 2 : width, PLOT_BOTTOM - y);
		fprintf(d->out, "<text x=\"%d\" y=\"%d\" font-size=\"9\" stroke=\"#fff\" stroke-width=\"3\""
			" paint-order=\"stroke\">", x, y - 3);
		doc_put(d, doc_number(d, m->values[i].value));
		fprintf(d->out, "</text>\n<text x=\"%d\" y=\"%d\" font-size=\"9\">", x, PLOT_BOTTOM + 12);
		doc_put(d, m->values[i].label);
		fputs("</text>\n", d->out);
	}
	base = svg_y(m->baseline, max);
	target = svg_y(m->target, max);
	base_text = base;
	target_text = target;
	if (abs(base - target) < 13) {
		int mid = (base + target) / 2, up = base < target || (base == target && m->baseline < m->target);

		base_text = up ? mid - 7 : mid + 7;
		target_text = up ? mid + 7 : mid - 7;
	}
	svg_line(d, base, base_text, " stroke-dasharray=\"4 3\"", R_("Baseline"), doc_number(d, m->baseline));
	svg_line(d, target, target_text, " stroke-width=\"2\"", R_("Target"), doc_number(d, m->target));
	fputs("</svg>\n", d->out);
}

void doc_measure_chart(struct doc *d, const struct doc_measure *m)
{
	struct doc_measure clean = *m;
	struct doc_measure_value *values = calloc(m->count ? m->count : 1, sizeof(*values));
	size_t i;

	clean.unit = doc_clean(d, m->unit);
	if (!values)
		d->status = STATUS_ERR_NOMEM;
	for (i = 0; !d->status && i < m->count; i++) {
		values[i] = m->values[i];
		values[i].label = doc_clean(d, m->values[i].label);
	}
	clean.values = values;
	if (!d->status && d->format == REPORT_TXT)
		text_measure(d, &clean, "");
	else if (!d->status && d->format == REPORT_MD)
		text_measure(d, &clean, "    ");
	else if (!d->status)
		svg_measure(d, &clean);
	free(values);
}
