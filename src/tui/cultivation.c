/* The cultivation tab of a leading factory's case (领航级培育): a Gantt-like
 * chart of the 2 years (a cell per half month, milestones, guidance sessions
 * and follow-ups, today and the acceptance due date as vertical marks), each
 * KPI as a small bar chart of its periods against baseline and target, then
 * the plan's latest version, the guidance sessions with their follow-ups,
 * the progress reports and what is not yet met for the acceptance
 * application. Lines are made here and drawn by the case screen, so they
 * scroll like its other tabs; a line showing a record names it, for the
 * tab's cursor (cultivation_forms.c writes). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/cultivation.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"

#define MONTHS 24
#define LABEL 24 /* cells of a row's label */
#define CHART (MONTHS * 2)
#define BAR 40   /* cells of a KPI's bar */

struct out {
	case_add_fn *add;
	void *ctx;
};

static void vemit(struct out *o, enum case_line kind, const struct cultivation_pick *pick, const char *fmt,
		  va_list ap) __attribute__((format(printf, 4, 0)));
static void emit(struct out *o, enum case_line kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void emit_pick(struct out *o, enum case_line kind, enum cultivation_record record, const char *key,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void vemit(struct out *o, enum case_line kind, const struct cultivation_pick *pick, const char *fmt,
		  va_list ap)
{
	char *text = NULL;

	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	o->add(o->ctx, kind, pick, text ? text : "");
	free(text);
}

static void emit(struct out *o, enum case_line kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(o, kind, NULL, fmt, ap);
	va_end(ap);
}

/* A line showing a record, which the tab's cursor can select. */
static void emit_pick(struct out *o, enum case_line kind, enum cultivation_record record, const char *key,
		      const char *fmt, ...)
{
	struct cultivation_pick pick = { record, "" };
	va_list ap;

	snprintf(pick.key, sizeof(pick.key), "%s", key ? key : "");
	va_start(ap, fmt);
	vemit(o, kind, &pick, fmt, ap);
	va_end(ap);
}

/* text cut (with …) or padded to exactly `cells` display cells. */
static void fit(char *out, size_t size, const char *text, int cells)
{
	int used = 0;
	size_t bytes;

	if (utf8_width(text) > cells) {
		bytes = utf8_prefix_for_width(text, cells - 1, &used);
		snprintf(out, size, "%.*s…%*s", (int)bytes, text, cells - 1 - used, "");
	} else {
		snprintf(out, size, "%s%*s", text, cells - utf8_width(text), "");
	}
}

/* The chart's cell of a day: two per month from the start month; -1 outside. */
static int cell_of(struct date start, const char *day)
{
	struct date d;
	int months;

	if (!day || !*day || date_parse(day, &d, NULL))
		return -1;
	months = (d.year - start.year) * 12 + d.month - start.month;
	if (months < 0 || months >= MONTHS)
		return -1;
	return months * 2 + (d.day > 15);
}

/* A chart row: ASCII cells, so one byte is one cell; marks put later win. */
struct row {
	char cells[CHART + 1];
};

static void row_blank(struct row *r, int today, int acceptance)
{
	memset(r->cells, ' ', CHART);
	r->cells[CHART] = '\0';
	if (acceptance >= 0)
		r->cells[acceptance] = ':';
	if (today >= 0)
		r->cells[today] = '|';
}

static void put(struct row *r, int cell, char mark)
{
	if (cell >= 0 && cell < CHART)
		r->cells[cell] = mark;
}

static void emit_row(struct out *o, enum case_line kind, const char *label, const struct row *r,
		     enum cultivation_record record, const char *key)
{
	char padded[256];

	fit(padded, sizeof(padded), label, LABEL);
	if (record == RECORD_NONE)
		emit(o, kind, "%s %s", padded, r->cells);
	else
		emit_pick(o, kind, record, key, "%s %s", padded, r->cells);
}

static void axis(struct out *o, struct date start)
{
	char years[CHART + 1], months[CHART + 1];
	int m;

	memset(years, ' ', CHART);
	years[CHART] = '\0';
	months[CHART] = '\0';
	for (m = 0; m < MONTHS; m++) {
		int month = (start.month - 1 + m) % 12 + 1, year = start.year + (start.month - 1 + m) / 12;

		if ((m == 0 || month == 1) && m * 2 + 4 <= CHART) {
			char text[8];

			snprintf(text, sizeof(text), "%04d", year);
			memcpy(years + m * 2, text, 4);
		}
		/* The quarters' first months by number (1 4 7 10), the others a dot. */
		months[m * 2] = month % 3 != 1 ? '.' : month < 10 ? (char)('0' + month) : '1';
		months[m * 2 + 1] = month == 10 ? '0' : ' ';
	}
	emit(o, CASE_LINE_DIM, "%*s %s", LABEL, "", years);
	emit(o, CASE_LINE_DIM, "%*s %s", LABEL, "", months);
}

static bool overdue(const char *due, const char *done, struct date today)
{
	struct date d;

	return !*done && !date_parse(due, &d, NULL) && date_compare(d, today) < 0;
}

static void milestones(struct out *o, const struct cultivation_view *v, struct date start, struct date today, int now,
		       int acceptance)
{
	size_t i;
	int from = 0;

	for (i = 0; i < v->milestone_count; i++) {
		const struct cultivation_milestone *m = &v->milestones[i];
		int due = cell_of(start, m->due_on), c;
		bool late = overdue(m->due_on, m->done_on, today);
		struct row r;

		row_blank(&r, now, acceptance);
		for (c = from; due >= 0 && c < due; c++)
			if (r.cells[c] == ' ')
				r.cells[c] = '-';
		put(&r, due, *m->done_on ? '#' : late ? '!' : 'o');
		emit_row(o, *m->done_on ? CASE_LINE_DIM : late ? CASE_LINE_DUE : CASE_LINE_PLAIN, m->title ? m->title : "",
			 &r, RECORD_MILESTONE, m->id);
		if (due >= 0)
			from = due + 1;
	}
}

static void sessions(struct out *o, const struct cultivation_view *v, struct date start, struct date today, int now,
		     int acceptance)
{
	struct row held, follow;
	bool late = false;
	size_t i, j;

	row_blank(&held, now, acceptance);
	row_blank(&follow, now, acceptance);
	for (i = 0; i < v->session_count; i++) {
		put(&held, cell_of(start, v->sessions[i].held_on), 'G');
		for (j = 0; j < v->sessions[i].followup_count; j++) {
			const struct cultivation_followup *f = &v->sessions[i].followups[j];
			bool due = overdue(f->due_on, f->done_on, today);

			put(&follow, cell_of(start, f->due_on), *f->done_on ? '#' : due ? '!' : 'o');
			late |= due;
		}
	}
	/* L10N: rows of the cultivation chart: the expert committee's guidance sessions, their follow-up actions */
	emit_row(o, CASE_LINE_PLAIN, _("Guidance sessions"), &held, RECORD_NONE, NULL);
	emit_row(o, late ? CASE_LINE_DUE : CASE_LINE_PLAIN, _("Follow-ups"), &follow, RECORD_NONE, NULL);
}

static void gantt(struct out *o, const struct cultivation_view *v, struct date today)
{
	struct date start;
	char today_text[DATE_TEXT_SIZE];
	int now, acceptance;

	if (date_parse(v->starts_on, &start, NULL)) {
		/* L10N: a cultivation whose start is not recorded */
		emit(o, CASE_LINE_DIM, "%s", _("The cultivation has no start date: no chart"));
		return;
	}
	now = cell_of(start, (date_format(today, today_text), today_text));
	acceptance = cell_of(start, v->acceptance_due);
	/* L10N: heading of the cultivation chart: its start and end */
	emit(o, CASE_LINE_HEADING, _("Cultivation %s → %s"), v->starts_on, *v->ends_on ? v->ends_on : "?");
	axis(o, start);
	milestones(o, v, start, today, now, acceptance);
	sessions(o, v, start, today, now, acceptance);
	/* L10N: legend of the cultivation chart; keep the symbols */
	emit(o, CASE_LINE_DIM, "%s", _("# done   o open   ! overdue   - milestone's span   G guidance session"));
	/* L10N: legend of the cultivation chart's vertical marks, with their dates; keep the symbols */
	emit(o, CASE_LINE_DIM, _("| today %s   : acceptance application due %s"), today_text,
	     *v->acceptance_due ? v->acceptance_due : "—");
}

/* A KPI's values: %g without a long tail. */
static void number(char *out, size_t size, double value)
{
	snprintf(out, size, "%.4g", value);
}

static void bar(char *out, size_t size, double value, double max, int target_cell)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long units = max > 0 ? lround(fabs(value) * BAR * 8 / max) : 0;
	size_t used = 0;
	int cell;

	out[0] = '\0';
	for (cell = 0; cell < BAR && used + 8 < size; cell++) {
		long left = units - (long)cell * 8;
		const char *glyph = left >= 8 ? "█" : left > 0 ? eighths[left] : cell == target_cell ? "|" : " ";

		used += (size_t)snprintf(out + used, size - used, "%s", glyph);
	}
}

static void kpi(struct out *o, const struct cultivation_kpi *k)
{
	double max = fmax(fabs(k->baseline), fabs(k->target));
	char name[256], line[512], value[32], base[32], target[32];
	int target_cell;
	size_t i;
	bool met = cultivation_kpi_met(k);

	for (i = 0; i < k->value_count; i++)
		max = fmax(max, fabs(k->values[i].value));
	target_cell = max > 0 ? (int)lround(fabs(k->target) * BAR / max) - 1 : 0;
	if (target_cell < 0)
		target_cell = 0;
	number(base, sizeof(base), k->baseline);
	number(target, sizeof(target), k->target);
	snprintf(name, sizeof(name), "%s (%s)", i18n_chinese() ? k->zh : (k->en && *k->en ? k->en : k->zh), k->unit);
	/* L10N: a KPI's line: name (unit), baseline, target and which way is better, met or not */
	emit_pick(o, met ? CASE_LINE_HEADING : CASE_LINE_DUE, RECORD_KPI, k->key, _("%s  baseline %s  target %s%s  %s"),
		  name, base, target, k->lower_is_better ? _(" (lower is better)") : "", met ? _("met") : _("not met"));
	bar(line, sizeof(line), k->baseline, max, target_cell);
	/* L10N: the bar of a KPI's baseline; keep it under 9 cells */
	fit(name, sizeof(name), _("baseline"), 9);
	emit(o, CASE_LINE_DIM, "  %s %s %s", name, line, base);
	bar(line, sizeof(line), k->target, max, -1);
	/* L10N: the bar of a KPI's target; keep it under 9 cells */
	fit(name, sizeof(name), _("target"), 9);
	emit(o, CASE_LINE_DIM, "  %s %s %s", name, line, target);
	for (i = 0; i < k->value_count; i++) {
		bar(line, sizeof(line), k->values[i].value, max, target_cell);
		number(value, sizeof(value), k->values[i].value);
		fit(name, sizeof(name), k->values[i].period, 9);
		emit(o, CASE_LINE_PLAIN, "  %s %s %s", name, line, value);
	}
}

static void kpis(struct out *o, const struct cultivation_view *v)
{
	size_t i;

	emit(o, CASE_LINE_PLAIN, "%s", "");
	/* L10N: heading of the KPIs; the bar of each period, | marks the target */
	emit(o, CASE_LINE_HEADING, "%s", _("KPIs by period (| marks the target)"));
	if (!v->kpi_count)
		emit(o, CASE_LINE_DIM, "  %s", _("no KPI set up"));
	for (i = 0; i < v->kpi_count; i++)
		kpi(o, &v->kpis[i]);
}

/* Long text wrapped by cells, each line indented; the text's own lines
 * (advice and summaries typed on the screen) start new lines. */
static void wrapped(struct out *o, enum case_line kind, const char *text, int indent)
{
	int cells = (COLS > 40 ? COLS : 80) - 2 - indent;

	while (text && *text) {
		size_t line = strcspn(text, "\n"), n;
		char *one = strndup(text, line), *at = one;

		while (at && *at) {
			n = utf8_wrap(at, cells);
			emit(o, kind, "%*s%.*s", indent, "", (int)n, at);
			at += n;
			while (*at == ' ')
				at++;
		}
		free(one);
		text += line;
		while (*text == ' ' || *text == '\n')
			text++;
	}
}

static void plan(struct out *o, const struct cultivation_view *v)
{
	emit(o, CASE_LINE_PLAIN, "%s", "");
	if (v->plan_count) {
		const struct cultivation_plan *p = &v->plans[v->plan_count - 1];

		/* L10N: the construction plan's latest version: its number, its title */
		emit_pick(o, CASE_LINE_HEADING, RECORD_PLAN, "", _("Construction plan, version %d: %s"), p->version,
			  p->title ? p->title : "");
		if (p->change && *p->change)
			/* L10N: what the plan's latest version changed */
			wrapped(o, CASE_LINE_PLAIN, p->change, 2);
	} else {
		emit_pick(o, CASE_LINE_HEADING, RECORD_PLAN, "", "%s", _("No construction plan yet"));
	}
}

static void followup(struct out *o, const struct cultivation_followup *f, struct date today)
{
	const char *action = f->action ? f->action : "", *owner = f->owner && *f->owner ? f->owner : "—";

	if (*f->done_on)
		/* L10N: a follow-up done: its due date, the action, its owner, the day it was done */
		emit_pick(o, CASE_LINE_DIM, RECORD_FOLLOWUP, f->id, _("    # %s  %s  (%s), done %s"), f->due_on, action,
			  owner, f->done_on);
	else
		emit_pick(o, overdue(f->due_on, f->done_on, today) ? CASE_LINE_DUE : CASE_LINE_PLAIN, RECORD_FOLLOWUP,
			  f->id, "    %c %s  %s  (%s)", overdue(f->due_on, f->done_on, today) ? '!' : 'o', f->due_on,
			  action, owner);
}

/* Every guidance session with its advice and its follow-ups, marked as in the chart. */
static void session_list(struct out *o, const struct cultivation_view *v, struct date today)
{
	size_t i, j;

	emit(o, CASE_LINE_PLAIN, "%s", "");
	/* L10N: heading of the expert committee's guidance sessions, each with its follow-up actions */
	emit(o, CASE_LINE_HEADING, "%s", _("Guidance sessions and follow-ups"));
	if (!v->session_count)
		/* L10N: no guidance session recorded; %s is the key that records one */
		emit(o, CASE_LINE_DIM, _("  none yet: %s records one"), keymap_label(ACTION_NEW_SESSION));
	for (i = 0; i < v->session_count; i++) {
		const struct cultivation_session *g = &v->sessions[i];

		emit_pick(o, CASE_LINE_PLAIN, RECORD_SESSION, g->id, "  G %s  %s", g->held_on, g->experts ? g->experts : "");
		wrapped(o, CASE_LINE_PLAIN, g->advice, 6);
		for (j = 0; j < g->followup_count; j++)
			followup(o, &g->followups[j], today);
	}
}

static void reports(struct out *o, const struct cultivation_view *v)
{
	size_t i;

	emit(o, CASE_LINE_PLAIN, "%s", "");
	if (!v->report_count) {
		emit(o, CASE_LINE_HEADING, "%s", _("No progress report yet"));
		return;
	}
	/* L10N: heading of the factory's progress reports, oldest first */
	emit(o, CASE_LINE_HEADING, "%s", _("Progress reports"));
	for (i = 0; i < v->report_count; i++) {
		const struct cultivation_report *r = &v->reports[i];

		/* L10N: a progress report: its period, the day it came in */
		emit_pick(o, CASE_LINE_PLAIN, RECORD_REPORT, r->period, _("  %s, received %s"), r->period, r->received_on);
		wrapped(o, CASE_LINE_PLAIN, r->summary, 4);
	}
}

static void readiness(struct tui *tui, struct out *o, const char *case_id)
{
	struct readiness_item *items = NULL;
	size_t count = 0, i;
	char filed_on[11] = "";
	struct error err = { "" };

	emit(o, CASE_LINE_PLAIN, "%s", "");
	if (!cultivation_readiness_filed(tui->store, case_id, &items, &count, filed_on, &err) && *filed_on) {
		/* L10N: the readiness list kept when the acceptance application was filed */
		emit(o, CASE_LINE_HEADING, _("Not met when the acceptance application was filed on %s: %zu"), filed_on,
		     count);
	} else {
		readiness_items_free(items, count);
		items = NULL;
		count = 0;
		if (cultivation_readiness(tui->store, tui->forms, case_id, &items, &count, &err)) {
			emit(o, CASE_LINE_DUE, "  %s", err.message);
			return;
		}
		/* L10N: heading of what is not yet met for the acceptance application */
		emit(o, CASE_LINE_HEADING, _("Not yet met for the acceptance application: %zu"), count);
	}
	for (i = 0; i < count; i++) {
		char kind[64];

		fit(kind, sizeof(kind), label_readiness(items[i].kind), 10);
		emit(o, CASE_LINE_PLAIN, "  %s %s", kind, items[i].text);
	}
	if (!count)
		/* L10N: nothing is missing for the acceptance application */
		emit(o, CASE_LINE_PLAIN, "  %s", _("everything is met"));
	readiness_items_free(items, count);
}

bool case_cultivation_available(struct tui *tui, const struct case_detail *detail)
{
	const struct level *level = forms_level(tui->forms, detail->row.level);

	return level && level->rules.cultivation_years > 0;
}

void case_cultivation(struct tui *tui, const char *case_id, case_add_fn *add, void *ctx)
{
	struct out o = { add, ctx };
	struct cultivation_view v;
	struct error err = { "" };
	struct date today = store_today(tui->store);

	if (cultivation_load(tui->store, tui->forms, case_id, &v, &err)) {
		emit(&o, CASE_LINE_DUE, "%s", err.message);
		return;
	}
	gantt(&o, &v, today);
	kpis(&o, &v);
	plan(&o, &v);
	session_list(&o, &v, today);
	reports(&o, &v);
	readiness(tui, &o, case_id);
	cultivation_view_clear(&v);
}
