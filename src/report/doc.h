/* Private to report/: a document written as plain text, Markdown or HTML
 * from one description (headings, label-value fields, tables, a bar chart).
 * Every string given is sanitised (no control character from data reaches
 * the output) and escaped for the format. The first failure is kept in
 * status; later calls then do nothing. */
#ifndef GRADUS_REPORT_DOC_H
#define GRADUS_REPORT_DOC_H

#include <stdbool.h>
#include <stdio.h>

#include "gradus/core/dates.h"
#include "gradus/report/report.h"
#include "gradus/text/i18n.h"

/* A report's label: English in the source, the reader's language printed
 * (gettext with the context "report", so that a report's wording is its
 * own). */
#define R_(english) i18n_context("report", english)

#define DOC_WIDTH 80 /* plain text: the columns a report fits when it can */
#define DOC_MAX_COLUMNS 10

struct doc {
	enum report_format format;
	FILE *out;
	enum status status;
	/* The table being collected (plain text lays it out once it is whole). */
	bool fields;
	size_t columns, key_columns, rows;
	const char *headers[DOC_MAX_COLUMNS];
	char **cells; /* rows * columns, sanitised */
	bool *marked; /* rows: a row that stands out (doc_row_marked) */
	/* Strings made by doc_printf, freed by doc_end. */
	char **scratch;
	size_t scratch_count;
};

/* d starts zeroed (doc_printf may make the title before). */
void doc_begin(struct doc *d, enum report_format format, FILE *out, const char *title);
/* Ends the document and frees what it holds: its first failure, or
 * STATUS_ERR_IO when the output could not be written. */
enum status doc_end(struct doc *d);

/* A string the document keeps until doc_end ("" when out of memory). */
const char *doc_printf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A sanitised copy the document keeps until doc_end. */
const char *doc_clean(struct doc *d, const char *text);
/* text sanitised line by line (utf8_sanitize), its line breaks kept as
 * "\n" (a "\r\n" as "\n") for each format to print as a line break;
 * NULL when out of memory. */
char *doc_sanitize_lines(const char *text);
/* A time the store keeps in UTC, in local time with its zone named
 * (clock_local_text); "-" when empty. */
const char *doc_time(struct doc *d, const char *utc);

/* text, or "-" when it is NULL or empty. */
const char *doc_or_dash(const char *text);
struct case_detail;
struct forms;
/* A field "Certification ended" when the case's certification was revoked
 * or withdrawn: the step, its date, document (文号) and reason. */
void doc_case_ended(struct doc *d, const struct forms *forms, const struct case_detail *c);
/* A field for each step of the case that records the ministry's decision:
 * the step, its document number (文号), date and who recorded it. */
void doc_case_decisions(struct doc *d, const struct forms *forms, const struct case_detail *c);
/* The label of a known key in a table of { key, label } ("yes" -> "是 yes"),
 * else the key itself (or "-"). */
const char *doc_label(const char *const (*labels)[2], size_t count, const char *key);
#define DOC_LABEL(labels, key) doc_label(labels, sizeof(labels) / sizeof(labels[0]), key)

/* level 1: the title; 2: a section; 3: a part of one. */
void doc_heading(struct doc *d, int level, const char *text);
void doc_paragraph(struct doc *d, const char *text);

/* Label-value fields: doc_fields_begin, doc_field for each, doc_table_end. */
void doc_fields_begin(struct doc *d);
void doc_field(struct doc *d, const char *label, const char *value);

/* A table. Plain text lays it out as a grid when it fits DOC_WIDTH, else
 * as one record per row: its first key_columns cells on a line, then the
 * other non-empty cells under their headers. NULL cells are empty. */
void doc_table_begin(struct doc *d, size_t key_columns, size_t columns, const char *const *headers);
void doc_row(struct doc *d, const char *const *cells);
/* A row that must stand out when printed: bold in Markdown and HTML (the
 * HTML row ruled on its left); plain text has no emphasis, so what marks it
 * there is in its cells (a ⚠ before what they say). */
void doc_row_marked(struct doc *d, const char *const *cells);
void doc_table_end(struct doc *d);

/* Bars of percentages: █ cells in text (20 = 100%), an SVG in HTML. */
struct doc_bar {
	const char *label;
	bool scored;
	double percent;
};
#define DOC_BAR_CELLS 20
void doc_chart(struct doc *d, const char *caption, const struct doc_bar *bars, size_t count);

/* A Gantt-like timeline of whole months (doc_timeline.c): a row per thing,
 * each a mark on a day (a span runs from on to until), a line at today. In
 * text (and Markdown, as a code block) two cells a month when they fit, an
 * SVG in HTML. */
enum doc_mark { DOC_MARK_SPAN, DOC_MARK_DONE, DOC_MARK_OPEN, DOC_MARK_EVENT, DOC_MARK_DUE, DOC_MARK_TODAY };
struct doc_timeline_row {
	const char *label;
	enum doc_mark mark;
	struct date on, until;
};
struct doc_timeline {
	const char *caption;
	struct date from, to, today; /* the months from from's to to's */
	const struct doc_timeline_row *rows;
	size_t row_count;
};
void doc_timeline(struct doc *d, const struct doc_timeline *t);

/* A measure over periods against its baseline and target (doc_measure.c):
 * bars of █ scaled to the largest of them in text (and Markdown, as a code
 * block), with the baseline (:) and target (|) marked; an SVG of columns with a baseline and
 * a target line in HTML. Negative values are drawn as 0. */
struct doc_measure_value {
	const char *label;
	double value;
};
struct doc_measure {
	const char *caption, *unit;
	double baseline, target;
	const struct doc_measure_value *values;
	size_t count;
};
void doc_measure_chart(struct doc *d, const struct doc_measure *m);
/* A number as printed: at most two decimals, no trailing zeros. */
const char *doc_number(struct doc *d, double value);

/* A string written as the format writes it (sanitised and escaped). */
void doc_put(struct doc *d, const char *text);

/* The plain-text layout (doc_text.c). */
void doc_text_pad(FILE *out, int cells);
void doc_text_repeat(FILE *out, const char *s, int times);
void doc_text_heading(struct doc *d, int level, const char *text);
void doc_text_paragraph(struct doc *d, const char *text);
void doc_text_table(struct doc *d);
void doc_text_chart(struct doc *d, const struct doc_bar *bars, size_t count);
/* Cells of the bar of a percentage. */
int doc_bar_cells(double percent);

#endif
