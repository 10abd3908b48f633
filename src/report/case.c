/* The report of a case (案件报告): the record a clerk prints and files —
 * who and what, the dates and deadlines as the case screen shows them, the
 * scenarios and materials, the objections in the public notice, and every
 * step taken with its document (文号), its note and, for a step an admin
 * took though a precondition failed, what was not met and why it was taken
 * anyway, marked to stand out. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/forms/labels.h"
#include "gradus/report/report.h"

/* "2024-07-24 by 张三", or "-" when the step was not taken. */
static const char *taken_by(struct doc *d, const char *on, const char *by)
{
	if (!on || !*on)
		return "-";
	if (!by || !*by)
		return on;
	/* L10N: a report's line of who took a step: the date, then the person */
	return doc_printf(d, R_("%s by %s"), on, doc_or_dash(by));
}

static const char *maturity_text(struct doc *d, const struct case_detail *c)
{
	if (c->maturity_centi < 0)
		return "-";
	/* L10N: a report's maturity self-assessment: the score, then its level */
	return doc_printf(d, R_("%d.%02d (level %d)"), c->maturity_centi / 100, c->maturity_centi % 100,
			  c->maturity_level);
}

static void write_head(struct doc *d, const struct forms *forms, const struct case_report_view *r)
{
	const struct case_detail *c = &r->detail;
	char today[DATE_TEXT_SIZE];

	date_format(r->today, today);
	doc_heading(d, 1, doc_printf(d, "%s %s", R_("Case report"), c->row.number));
	doc_fields_begin(d);
	doc_field(d, R_("Case"), c->row.number);
	doc_field(d, R_("Enterprise"), doc_or_dash(c->row.enterprise));
	doc_field(d, R_("Credit code"), doc_or_dash(c->row.credit_code));
	doc_field(d, R_("Region"), label_region(forms, c->row.region));
	doc_field(d, R_("Factory"), doc_or_dash(c->row.factory));
	doc_field(d, R_("Factory address"), doc_or_dash(c->factory_address));
	doc_field(d, R_("Industry"), doc_or_dash(c->industry));
	doc_field(d, R_("Level"), label_level(forms, c->row.level));
	doc_field(d, R_("Year"), doc_printf(d, "%d", c->row.year));
	doc_field(d, R_("State"), label_state(forms, c->row.level, c->row.state));
	doc_case_ended(d, forms, c);
	doc_field(d, R_("Maturity self-assessment"), maturity_text(d, c));
	doc_field(d, R_("Commitment signed on"), doc_or_dash(c->commitment_on));
	doc_field(d, R_("Applied"), taken_by(d, c->applied_on, c->applied_by));
	doc_field(d, R_("Recommended"), taken_by(d, c->recommended_on, c->recommended_by));
	doc_field(d, R_("Certified"), taken_by(d, c->certified_on, c->certified_by));
	if (c->note && *c->note)
		doc_field(d, R_("Note"), c->note);
	doc_field(d, R_("As of"), doc_printf(d, "%s", today));
	doc_table_end(d);
}

/* A date, "filed" when its application was, "overdue" when it passed. */
static const char *due_text(struct doc *d, const struct case_report_view *r, struct date on, bool filed)
{
	char text[DATE_TEXT_SIZE];

	date_format(on, text);
	if (filed)
		/* L10N: a report's date, then a word on it in brackets ("filed", "overdue", why it is provisional) */
		return doc_printf(d, R_("%s (%s)"), text, R_("filed"));
	if (date_compare(on, r->today) < 0)
		return doc_printf(d, R_("%s (%s)"), text, R_("overdue"));
	return doc_printf(d, "%s", text);
}

static const char *date_text(struct doc *d, struct date on)
{
	char text[DATE_TEXT_SIZE];

	date_format(on, text);
	return doc_printf(d, "%s", text);
}

/* The dates of the case screen's overview, from case_dates_compute. */
static void write_dates(struct doc *d, const struct case_report_view *r)
{
	const struct case_dates *c = &r->dates;

	doc_heading(d, 2, R_("Dates and deadlines"));
	if (!(c->certified && c->expires_on.year) && !c->cultivation_ends_on.year && !c->in_notice) {
		doc_paragraph(d, R_("No deadline runs for this case."));
		return;
	}
	doc_fields_begin(d);
	if (c->certified && c->expires_on.year) {
		doc_field(d, R_("Certified on"), date_text(d, c->certified_on));
		doc_field(d, R_("Valid through"), date_text(d, c->expires_on));
		doc_field(d, R_("Review application due"), due_text(d, r, c->review_due_by, c->review_filed));
	}
	if (c->cultivation_ends_on.year) {
		doc_field(d, R_("Starts on"), date_text(d, c->cultivation_starts_on));
		doc_field(d, R_("Ends on"), date_text(d, c->cultivation_ends_on));
		doc_field(d, R_("Acceptance due"), due_text(d, r, c->acceptance_due_by, c->acceptance_filed));
	}
	if (c->in_notice) {
		const char *ends = due_text(d, r, c->notice_ends_on, false);

		doc_field(d, R_("Public notice starts"), date_text(d, c->notice_starts_on));
		if (c->notice_provisional)
			ends = doc_printf(d, R_("%s (%s)"), ends, r->notice_provisional);
		doc_field(d, R_("Public notice ends"), ends);
	}
	doc_table_end(d);
}

static void write_scenarios(struct doc *d, const struct forms *forms, const struct case_report_view *r)
{
	const char *const headers[] = { R_("No."), R_("Scenario"), R_("Stage") };
	const struct case_detail *c = &r->detail;
	size_t i;

	doc_heading(d, 2, doc_printf(d, R_("Declared scenarios: %zu of %zu"), c->scenario_count,
				     forms_scenario_count(forms)));
	if (!c->scenario_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < c->scenario_count; i++) {
		const struct scenario *sc = forms_scenario(forms, c->scenarios[i]);
		const char *cells[] = { doc_printf(d, "%02d", c->scenarios[i]),
					sc ? doc_or_dash(label_pick(sc->title_zh, sc->title_en)) : "-",
					sc && sc->stage ? doc_or_dash(label_pick(sc->stage->zh, sc->stage->en)) : "-" };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *received_on(const struct case_detail *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->material_count; i++)
		if (!strcmp(c->materials[i].key, key))
			return c->materials[i].received_on;
	return NULL;
}

static void write_materials(struct doc *d, const struct forms *forms, const struct case_report_view *r)
{
	const char *const headers[] = { R_("Material"), R_("Received") };
	const struct level *level = forms_level(forms, r->detail.row.level);
	size_t i, got = 0, total = level ? level->material_count : 0;

	for (i = 0; i < total; i++)
		got += received_on(&r->detail, level->materials[i].key) != NULL;
	doc_heading(d, 2, R_("Materials"));
	/* L10N: a report's count of the level's materials received */
	doc_paragraph(d, doc_printf(d, R_("%zu of %zu received, %zu missing."), got, total, total - got));
	if (!total)
		return;
	doc_table_begin(d, 1, 2, headers);
	for (i = 0; i < total; i++) {
		const char *on = received_on(&r->detail, level->materials[i].key);
		const char *cells[] = { label_material(forms, r->detail.row.level, level->materials[i].key),
					on ? on : R_("missing") };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_objections(struct doc *d, const struct case_report_view *r)
{
	const char *const headers[] = { R_("No."), R_("Raised on"), R_("Raised by"), R_("Objection"), R_("Resolved"),
					R_("Outcome") };
	size_t i;

	doc_heading(d, 2, R_("Objections in the public notice"));
	if (!r->objection_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 6, headers);
	for (i = 0; i < r->objection_count; i++) {
		const struct objection *o = &r->objections[i];
		const char *cells[] = { doc_printf(d, "%zu", i + 1), doc_or_dash(o->raised_on), doc_or_dash(o->raised_by),
					doc_or_dash(o->text),
					o->resolved_on ? taken_by(d, o->resolved_on, o->resolved_by) : R_("not resolved"),
					o->resolved_on ? doc_or_dash(o->outcome) : "" };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

/* Every step taken, oldest first; one an admin took though a precondition
 * failed says so in its own column, marked. */
static void write_steps(struct doc *d, const struct forms *forms, const struct case_report_view *r)
{
	const char *const headers[] = { R_("Date"), R_("Step"), R_("By"), R_("Document"), R_("Note"), R_("Override") };
	const struct case_detail *c = &r->detail;
	size_t i, overridden = 0;

	doc_heading(d, 2, R_("Steps taken"));
	if (!c->event_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 6, headers);
	for (i = 0; i < c->event_count; i++) {
		const struct case_event *e = &c->events[i];
		const char *cells[] = { doc_or_dash(e->on_date), label_step(forms, c->row.level, e->step),
					doc_or_dash(e->actor), e->document ? e->document : "", e->note ? e->note : "", "" };
		if (!r->overrides || !r->overrides[i]) {
			doc_row(d, cells);
			continue;
		}
		cells[5] = doc_printf(d, "⚠ %s", r->overrides[i]);
		doc_row_marked(d, cells);
		overridden++;
	}
	doc_table_end(d);
	if (overridden)
		/* L10N: under a report's steps: how many an admin took though a precondition failed */
		doc_paragraph(d, doc_printf(d, R_("⚠ %zu step(s) taken by an admin though a precondition was not met."),
					    overridden));
}

static void write_audit(struct doc *d, const struct case_report_view *r)
{
	doc_fields_begin(d);
	doc_field(d, R_("Audit chain head"), doc_or_dash(r->audit_head));
	doc_table_end(d);
}

enum status report_case(const struct forms *forms, const struct case_report_view *r, enum report_format format,
			FILE *out, struct error *err)
{
	struct doc d = { 0 };
	enum status status;

	doc_begin(&d, format, out, doc_printf(&d, "%s %s", R_("Case report"), r->detail.row.number));
	write_head(&d, forms, r);
	write_dates(&d, r);
	write_scenarios(&d, forms, r);
	write_materials(&d, forms, r);
	write_objections(&d, r);
	write_steps(&d, forms, r);
	write_audit(&d, r);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", r->detail.row.number,
			  errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", r->detail.row.number, status_message(status));
	return status;
}
