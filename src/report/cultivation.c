/* The cultivation progress report of a leading-level case
 * (领航级智能工厂培育进展报告), labelled Chinese first and English beside. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/forms/labels.h"
#include "gradus/report/report.h"

/* A stored date, or fallback when there is none. */
static struct date date_or(const char *text, struct date fallback)
{
	struct error ignored;
	struct date d;

	return text && *text && !date_parse(text, &d, &ignored) ? d : fallback;
}

/* The forms' name in the reader's language. */
static const char *both(struct doc *d, const char *zh, const char *en)
{
	(void)d;
	return doc_or_dash(label_pick(zh, en));
}

static const char *state_label(struct doc *d, const struct forms *forms, const struct cultivation_report_view *r)
{
	const struct level *level = forms_level(forms, r->detail.row.level ? r->detail.row.level : "");
	const struct level_state *state = level ? forms_level_state(level, r->cultivation.state) : NULL;

	return state ? both(d, state->zh, state->en) : doc_or_dash(r->cultivation.state);
}

static const char *level_label(struct doc *d, const struct forms *forms, const struct cultivation_report_view *r)
{
	const struct level *level = forms_level(forms, r->detail.row.level ? r->detail.row.level : "");

	return level ? both(d, level->zh, level->en) : doc_or_dash(r->detail.row.level);
}

static void write_head(struct doc *d, const struct forms *forms, const struct cultivation_report_view *r)
{
	const struct cultivation_view *v = &r->cultivation;
	char today[DATE_TEXT_SIZE];

	date_format(r->today, today);
	doc_heading(d, 1, R_("Cultivation progress report"));
	doc_fields_begin(d);
	doc_field(d, R_("Case"), v->number);
	doc_field(d, R_("Enterprise"), doc_or_dash(r->detail.row.enterprise));
	doc_field(d, R_("Factory"), doc_or_dash(r->detail.row.factory));
	doc_field(d, R_("Level"), level_label(d, forms, r));
	doc_field(d, R_("State"), state_label(d, forms, r));
	doc_case_ended(d, forms, &r->detail);
	doc_case_decisions(d, forms, &r->detail);
	doc_field(d, R_("Starts on"), doc_or_dash(v->starts_on));
	doc_field(d, R_("Ends on"), doc_or_dash(v->ends_on));
	doc_field(d, R_("Acceptance due"), doc_or_dash(v->acceptance_due));
	doc_field(d, R_("As of"), doc_printf(d, "%s", today));
	doc_table_end(d);
}

/* A text of several lines, a paragraph each. */
static void write_lines(struct doc *d, const char *text)
{
	const char *line = text ? text : "";

	while (*line) {
		size_t n = strcspn(line, "\n");

		if (n)
			doc_paragraph(d, doc_printf(d, "%.*s", (int)n, line));
		line += n + (line[n] == '\n');
	}
}

static void write_plans(struct doc *d, const struct cultivation_view *v)
{
	const char *const headers[] = { R_("Version"), R_("Title"), R_("What changed"), R_("Revised by"),
					       R_("At") };
	const struct cultivation_plan *latest = v->plan_count ? &v->plans[v->plan_count - 1] : NULL;
	size_t i;

	doc_heading(d, 2, R_("Construction plan"));
	if (!latest) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 5, headers);
	for (i = 0; i < v->plan_count; i++) {
		const struct cultivation_plan *p = &v->plans[i];
		const char *cells[] = { doc_printf(d, "v%d", p->version), doc_or_dash(p->title), doc_or_dash(p->change),
					doc_or_dash(p->created_by), doc_time(d, p->created_at) };

		doc_row(d, cells);
	}
	doc_table_end(d);
	doc_heading(d, 3, doc_printf(d, R_("Current plan v%d: %s"), latest->version, doc_or_dash(latest->title)));
	write_lines(d, latest->body);
}

/* The months the chart shows: the period, widened to what falls outside. */
static void timeline_months(const struct cultivation_report_view *r, struct date *from, struct date *to)
{
	const struct cultivation_view *v = &r->cultivation;
	struct date start = date_or(v->starts_on, r->today);

	*from = start;
	*to = date_or(v->acceptance_due, date_or(v->ends_on, date_add_years(start, 2)));
	if (date_compare(date_or(v->ends_on, *to), *to) > 0)
		*to = date_or(v->ends_on, *to);
	if (date_compare(r->today, *from) < 0)
		*from = r->today;
	if (date_compare(r->today, *to) > 0)
		*to = r->today;
}

static void write_timeline(struct doc *d, const struct cultivation_report_view *r)
{
	const struct cultivation_view *v = &r->cultivation;
	size_t n = 0, i, size = v->milestone_count + v->session_count + 3;
	struct doc_timeline_row *rows = calloc(size, sizeof(*rows));
	struct doc_timeline t = { R_("Cultivation timeline"), { 0 }, { 0 }, r->today, rows, 0 };

	doc_heading(d, 2, R_("Cultivation timeline"));
	if (!rows) {
		d->status = STATUS_ERR_NOMEM;
		return;
	}
	timeline_months(r, &t.from, &t.to);
	if (*v->starts_on)
		rows[n++] = (struct doc_timeline_row){ R_("Cultivation period"), DOC_MARK_SPAN,
						       date_or(v->starts_on, t.from), date_or(v->ends_on, t.to) };
	for (i = 0; i < v->milestone_count; i++)
		rows[n++] = (struct doc_timeline_row){ v->milestones[i].title,
						       *v->milestones[i].done_on ? DOC_MARK_DONE : DOC_MARK_OPEN,
						       date_or(v->milestones[i].due_on, r->today), { 0 } };
	for (i = 0; i < v->session_count; i++)
		rows[n++] = (struct doc_timeline_row){ doc_printf(d, "%s %s", R_("Guidance"), v->sessions[i].held_on),
						       DOC_MARK_EVENT, date_or(v->sessions[i].held_on, r->today), { 0 } };
	if (*v->acceptance_due)
		rows[n++] = (struct doc_timeline_row){ R_("Acceptance"), DOC_MARK_DUE,
						       date_or(v->acceptance_due, r->today), { 0 } };
	rows[n++] = (struct doc_timeline_row){ doc_printf(d, "%s %04d-%02d-%02d", R_("Today"), r->today.year, r->today.month,
							  r->today.day),
					       DOC_MARK_TODAY, r->today, { 0 } };
	t.row_count = n;
	doc_timeline(d, &t);
	free(rows);
}

/* Done on a day, open, or open past its due date. */
static const char *done_text(struct doc *d, const struct cultivation_report_view *r, const char *due,
			     const char *done)
{
	if (done && *done)
		return doc_printf(d, "%s %s", R_("done"), done);
	if (due && *due && date_compare(date_or(due, r->today), r->today) < 0)
		return R_("overdue");
	return R_("not done");
}

static void write_milestones(struct doc *d, const struct cultivation_report_view *r)
{
	const char *const headers[] = { R_("Due"), R_("Milestone"), R_("Owner"), R_("Done") };
	const struct cultivation_view *v = &r->cultivation;
	size_t i;

	doc_heading(d, 2, R_("Milestones"));
	if (!v->milestone_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 4, headers);
	for (i = 0; i < v->milestone_count; i++) {
		const struct cultivation_milestone *m = &v->milestones[i];
		const char *cells[] = { m->due_on, doc_or_dash(m->title), doc_or_dash(m->owner),
					done_text(d, r, m->due_on, m->done_on) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_session(struct doc *d, const struct cultivation_report_view *r, const struct cultivation_session *s)
{
	const char *const headers[] = { R_("Due"), R_("Follow-up"), R_("Owner"), R_("Done") };
	size_t i;

	doc_heading(d, 3, doc_printf(d, "%s %s", R_("Guidance"), s->held_on));
	doc_fields_begin(d);
	doc_field(d, R_("Experts"), doc_or_dash(s->experts));
	doc_table_end(d);
	write_lines(d, s->advice);
	if (!s->followup_count)
		return;
	doc_table_begin(d, 2, 4, headers);
	for (i = 0; i < s->followup_count; i++) {
		const struct cultivation_followup *f = &s->followups[i];
		const char *cells[] = { f->due_on, doc_or_dash(f->action), doc_or_dash(f->owner),
					done_text(d, r, f->due_on, f->done_on) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_sessions(struct doc *d, const struct cultivation_report_view *r)
{
	size_t i;

	doc_heading(d, 2, R_("Guidance sessions"));
	if (!r->cultivation.session_count)
		doc_paragraph(d, R_("None."));
	for (i = 0; i < r->cultivation.session_count; i++)
		write_session(d, r, &r->cultivation.sessions[i]);
}

static void write_reports(struct doc *d, const struct cultivation_view *v)
{
	const char *const headers[] = { R_("Period"), R_("Received"), R_("Summary") };
	size_t i;

	doc_heading(d, 2, R_("Progress reports"));
	if (!v->report_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < v->report_count; i++) {
		const struct cultivation_report *p = &v->reports[i];
		const char *cells[] = { p->period, p->received_on, doc_or_dash(p->summary) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *kpi_name(struct doc *d, const struct cultivation_kpi *k)
{
	(void)d;
	return doc_or_dash(label_pick(k->zh, k->en));
}

static const char *met_text(const struct cultivation_report_view *r, size_t kpi)
{
	if (!r->cultivation.kpis[kpi].value_count)
		return R_("no value");
	return r->kpi_met[kpi] ? R_("met") : R_("not met");
}

static void write_kpi_table(struct doc *d, const struct cultivation_report_view *r)
{
	const struct cultivation_view *v = &r->cultivation;
	const char *const headers[] = { R_("KPI"), R_("Baseline"), R_("Target"), R_("Latest"), R_("Met") };
	size_t i;

	doc_table_begin(d, 1, 5, headers);
	for (i = 0; i < v->kpi_count; i++) {
		const struct cultivation_kpi *k = &v->kpis[i];
		const char *cells[] = {
			doc_or_dash(label_pick(k->zh, k->en)), doc_number(d, k->baseline),
			doc_printf(d, "%s%s", doc_number(d, k->target), k->lower_is_better ? " ↓" : ""),
			k->value_count ? doc_number(d, k->values[k->value_count - 1].value) : "-", met_text(r, i),
		};

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_kpis(struct doc *d, const struct cultivation_report_view *r)
{
	const struct cultivation_view *v = &r->cultivation;
	struct doc_measure_value *values;
	size_t i, j;

	doc_heading(d, 2, R_("Key performance indicators"));
	if (!v->kpi_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	write_kpi_table(d, r);
	doc_paragraph(d, doc_printf(d, "↓ %s", R_("lower is better")));
	for (i = 0; i < v->kpi_count && !d->status; i++) {
		const struct cultivation_kpi *k = &v->kpis[i];
		struct doc_measure m = { kpi_name(d, k), k->unit, k->baseline, k->target, NULL, k->value_count };

		if (!(values = calloc(k->value_count ? k->value_count : 1, sizeof(*values)))) {
			d->status = STATUS_ERR_NOMEM;
			return;
		}
		for (j = 0; j < k->value_count; j++)
			values[j] = (struct doc_measure_value){ k->values[j].period, k->values[j].value };
		m.values = values;
		doc_heading(d, 3, m.caption);
		doc_paragraph(d, doc_printf(d, R_("Unit %s; %s; %s"), doc_or_dash(k->unit),
					    k->lower_is_better ? R_("lower is better") : R_("higher is better"),
					    met_text(r, i)));
		doc_measure_chart(d, &m);
		free(values);
	}
}

static const char *kind_label(const char *kind)
{
	const char *const labels[][2] = {
		{ "milestone", R_("Milestones") }, { "kpi", R_("KPIs") },
		{ "followup", R_("Follow-ups") }, { "material", R_("Materials") },
	};

	return DOC_LABEL(labels, kind);
}

/* The items under a heading for each kind (they come grouped by kind). */
static void write_items(struct doc *d, const struct readiness_item *items, size_t count)
{
	const char *const headers[] = { R_("Matter") };
	size_t i;

	for (i = 0; i < count; i++) {
		if (!i || strcmp(items[i].kind, items[i - 1].kind)) {
			if (i)
				doc_table_end(d);
			doc_heading(d, 3, kind_label(items[i].kind));
			doc_table_begin(d, 1, 1, headers);
		}
		doc_row(d, (const char *const[]){ doc_or_dash(items[i].text) });
	}
	if (count)
		doc_table_end(d);
}

static void write_readiness(struct doc *d, const struct cultivation_report_view *r)
{
	doc_heading(d, 2, R_("Readiness for acceptance"));
	if (r->readiness_count) {
		doc_paragraph(d, doc_printf(d, R_("Not yet met: %zu."), r->readiness_count));
		write_items(d, r->readiness, r->readiness_count);
	} else {
		doc_paragraph(d, R_("Everything is met for acceptance."));
	}
	if (*r->filed_on) {
		doc_heading(d, 2, doc_printf(d, R_("Kept when the acceptance was filed, %s"), r->filed_on));
		if (r->filed_count)
			write_items(d, r->filed, r->filed_count);
		else
			doc_paragraph(d, R_("Everything was met."));
	}
	doc_fields_begin(d);
	doc_field(d, R_("Audit chain head"), doc_or_dash(r->audit_head));
	doc_table_end(d);
}

enum status report_cultivation(const struct forms *forms, const struct cultivation_report_view *r,
			       enum report_format format, FILE *out, struct error *err)
{
	struct doc d = { 0 };
	enum status status;

	doc_begin(&d, format, out, doc_printf(&d, "%s %s", R_("Cultivation progress report"), r->cultivation.number));
	write_head(&d, forms, r);
	write_plans(&d, &r->cultivation);
	write_timeline(&d, r);
	write_milestones(&d, r);
	write_sessions(&d, r);
	write_reports(&d, &r->cultivation);
	write_kpis(&d, r);
	write_readiness(&d, r);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", r->cultivation.number,
			  errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", r->cultivation.number, status_message(status));
	return status;
}
