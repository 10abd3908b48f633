/* The printed report of a spot check (现场抽查报告), labelled Chinese first
 * and English beside, in whichever format the document writes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "gradus/forms/labels.h"
#include "gradus/report/report.h"

bool report_format_parse(const char *text, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format format;
	} formats[] = { { "txt", REPORT_TXT }, { "md", REPORT_MD }, { "html", REPORT_HTML } };
	size_t i;

	for (i = 0; text && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(text, formats[i].name)) {
			*out = formats[i].format;
			return true;
		}
	return false;
}

enum status report_render(const struct forms *forms, const struct report_view *view, enum report_format format,
			  FILE *out, struct error *err)
{
	switch (view->kind) {
	case REPORT_CHECK: return report_check(forms, &view->as.check, format, out, err);
	case REPORT_PANEL: return report_panel(forms, &view->as.panel, format, out, err);
	case REPORT_CULTIVATION: return report_cultivation(forms, &view->as.cultivation, format, out, err);
	case REPORT_CASE: break;
	}
	return report_case(forms, &view->as.case_view, format, out, err);
}

static const char *score_text(struct doc *d, struct score s)
{
	return s.scored ? doc_printf(d, "%.1f", s.percent) : "-";
}

static const char *kind_label(enum item_kind kind)
{
	static const char *const kinds[] = { "check", "number", "measure", "choice", "text" };

	return kind <= ITEM_TEXT ? label_item_kind(kinds[kind]) : "-";
}

/* An answer as printed: check answers in words, numbers with their unit,
 * measures before → after with their change and whether it is better. */
static const char *answer_text(struct doc *d, const struct checklist_item *it, const char *value)
{
	struct measure m;
	char text[512];

	if (!value || !*value)
		return "-";
	if (it && it->kind == ITEM_MEASURE && measure_parse(value, &m)) {
		measure_text(&m, it->unit, it->lower_is_better, text, sizeof(text));
		return doc_printf(d, "%s", text);
	}
	if (it && it->kind == ITEM_CHECK)
		return label_answer(spotcheck_answer_name(spotcheck_answer_parse(value)));
	if (it && it->unit && (it->kind == ITEM_NUMBER || it->kind == ITEM_MEASURE))
		return doc_printf(d, "%s %s", value, it->unit);
	return value;
}

/* The answer of an item, or NULL. */
static const struct check_answer_row *answer_of(const struct check_view *v, int scenario, int item)
{
	size_t i;

	for (i = 0; i < v->answer_count; i++)
		if (v->answers[i].scenario == scenario && v->answers[i].item == item)
			return &v->answers[i];
	return NULL;
}

static const struct checklist_item *find_item(const struct check_view *v, int scenario, int item)
{
	const struct scenario *s = NULL;
	size_t i;

	for (i = 0; i < v->scenario_count && !s; i++)
		if (v->scenarios[i].id == scenario)
			s = &v->scenarios[i];

	for (i = 0; s && i < s->item_count; i++)
		if (s->items[i].number == item)
			return &s->items[i];
	return NULL;
}

static const char *item_number(struct doc *d, int scenario, int item)
{
	return doc_printf(d, "%d.%d", scenario, item);
}

static const char *form_versions(struct doc *d, const struct check_view *v)
{
	const char *text = "";
	size_t i;

	for (i = 0; i < v->scenario_count; i++)
		text = doc_printf(d, "%s%s%d: v%d", text, i ? ", " : "", v->scenarios[i].id, v->scenarios[i].version);
	return doc_or_dash(text);
}

static const char *inspectors_text(struct doc *d, const struct check_view *v)
{
	const char *text = "", *p;

	for (p = v->inspectors ? v->inspectors : ""; *p; p++)
		text = *p == ',' ? doc_printf(d, "%s, ", text) : doc_printf(d, "%s%c", text, *p);
	return doc_or_dash(text);
}

static void write_head(struct doc *d, const struct forms *forms, const struct check_view *v,
		       const struct case_detail *c)
{
	const struct level *level = forms ? forms_level(forms, v->level ? v->level : "") : NULL;

	doc_heading(d, 1, R_("Spot-check report"));
	doc_fields_begin(d);
	doc_field(d, R_("Check"), v->number);
	doc_field(d, R_("Case"), v->case_number);
	doc_field(d, R_("Enterprise"), doc_or_dash(v->enterprise));
	doc_field(d, R_("Factory"), doc_or_dash(v->factory));
	doc_field(d, R_("Level"), level ? label_pick(level->zh, level->en) : doc_or_dash(v->level));
	if (*v->expires_on)
		/* L10N: the last day the case's certification is valid (有效期至) */
		doc_field(d, R_("Valid through"), v->expires_on);
	doc_case_ended(d, forms, c);
	doc_case_decisions(d, forms, c);
	doc_field(d, R_("Planned on"), v->planned_on);
	doc_field(d, R_("Status"), label_check_status(v->status));
	doc_field(d, R_("Inspectors"), inspectors_text(d, v));
	doc_field(d, R_("Forms hash"), v->forms_hash);
	doc_field(d, R_("Form versions"), form_versions(d, v));
	if (v->draw_count) {
		doc_field(d, R_("Scenarios drawn"), doc_printf(d, "%ld", v->draw_count));
		doc_field(d, R_("Seed"), doc_or_dash(v->draw_seed));
	}
	doc_table_end(d);
}

static void write_items(struct doc *d, const struct check_view *v, const struct scenario *s)
{
	const char *const headers[] = { R_("No."), R_("Item"), R_("Kind"), R_("Weight"),
					       R_("Answer"), R_("Note"), R_("Answered by") };
	size_t i;

	doc_table_begin(d, 2, 7, headers);
	for (i = 0; i < s->item_count; i++) {
		const struct checklist_item *it = &s->items[i];
		const struct check_answer_row *a = answer_of(v, s->id, it->number);
		const char *cells[] = {
			item_number(d, s->id, it->number),
			label_pick(it->text, it->text_en),
			it->required ? doc_printf(d, "%s%s%s", kind_label(it->kind), R_(", "), R_("required")) : kind_label(it->kind),
			doc_printf(d, "%d", it->weight),
			answer_text(d, it, a ? a->value : NULL),
			a && a->note ? a->note : "",
			a && a->answered_by ? a->answered_by : "",
		};

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_evidence(struct doc *d, const struct check_view *v, const struct scenario *s)
{
	const char *const headers[] = { R_("No."), R_("File"), R_("Type"), R_("Size"), "SHA-256" };
	size_t i, count = 0;

	doc_heading(d, 3, doc_printf(d, "%s %d %s", R_("Scenario"), s->id, R_("Evidence")));
	doc_table_begin(d, 2, 5, headers);
	for (i = 0; i < v->evidence_count; i++) {
		const struct check_evidence_row *e = &v->evidence[i];
		const char *cells[] = { item_number(d, e->scenario, e->item), doc_or_dash(e->name), doc_or_dash(e->type),
					doc_printf(d, "%lld B", e->size), e->sha256 };

		if (e->scenario != s->id)
			continue;
		doc_row(d, cells);
		count++;
	}
	if (count)
		doc_table_end(d);
	else
		doc_paragraph(d, R_("None."));
}

static void write_scenario(struct doc *d, const struct check_view *v, const struct scenario *s,
			   const struct check_report_scenario *r)
{
	doc_heading(d, 2, doc_printf(d, "%s %d %s", R_("Scenario"), s->id, doc_or_dash(label_pick(s->title_zh, s->title_en))));
	doc_fields_begin(d);
	if (s->stage)
		doc_field(d, R_("Stage"), doc_or_dash(label_pick(s->stage->zh, s->stage->en)));
	doc_field(d, R_("Form version"), doc_printf(d, "%d", s->version));
	doc_field(d, R_("Required answered"), doc_printf(d, "%zu/%zu", r->answered, r->required));
	doc_field(d, R_("Score"), score_text(d, r->score));
	doc_table_end(d);
	write_items(d, v, s);
	write_evidence(d, v, s);
}

static void write_findings(struct doc *d, const struct check_view *v)
{
	const char *const headers[] = { R_("No."), R_("Severity"), R_("Status"), R_("Rectify by"),
					       R_("Action"), R_("Closed on"), R_("Closed by"),
					       R_("Closing note"), R_("Closing evidence") };
	size_t i;

	doc_heading(d, 2, R_("Findings"));
	if (!v->finding_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 3, 9, headers);
	for (i = 0; i < v->finding_count; i++) {
		const struct check_finding_row *f = &v->findings[i];
		const char *cells[] = { item_number(d, f->scenario, f->item), label_severity(f->severity),
					label_finding_status(f->status), doc_or_dash(f->due_on), doc_or_dash(f->action),
					f->closed_on, f->closed_by, f->closing_note, f->closing_sha256 };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_scores(struct doc *d, const struct check_report_view *r)
{
	const struct check_view *v = &r->check;
	const char *const headers[] = { R_("Scope"), R_("Score") };
	struct doc_bar bars[16];
	size_t i, n = 0;

	doc_heading(d, 2, R_("Scores"));
	doc_table_begin(d, 1, 2, headers);
	for (i = 0; i < v->scenario_count; i++) {
		const char *cells[] = { doc_printf(d, "%s %d %s", R_("Scenario"), v->scenarios[i].id,
						   doc_or_dash(label_pick(v->scenarios[i].title_zh, v->scenarios[i].title_en))),
					score_text(d, r->scenarios[i].score) };

		doc_row(d, cells);
	}
	for (i = 0; i < v->stage_count; i++) {
		struct score s = r->stages[i];
		const char *label = doc_or_dash(label_pick(v->stages[i].zh, v->stages[i].en));
		const char *cells[] = { doc_printf(d, "%s %s", R_("Stage"), label), score_text(d, s) };

		doc_row(d, cells);
		if (n < sizeof(bars) / sizeof(bars[0]))
			bars[n++] = (struct doc_bar){ label, s.scored, s.percent };
	}
	doc_row(d, (const char *const[]){ R_("Overall"), score_text(d, r->overall) });
	doc_table_end(d);
	doc_heading(d, 3, R_("Compliance by stage"));
	doc_chart(d, R_("Compliance by stage"), bars, n);
}

static const char *change(struct doc *d, const char *before, const char *after)
{
	return doc_printf(d, "%s → %s", doc_or_dash(before), doc_or_dash(after));
}

static void write_amendments(struct doc *d, const struct check_view *v)
{
	const char *const headers[] = { R_("No."), R_("Answer"), R_("Note"), R_("Reason"),
					       R_("Amended by"), R_("At") };
	size_t i;

	doc_heading(d, 2, R_("Amendments"));
	if (!v->amendment_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 1, 6, headers);
	for (i = 0; i < v->amendment_count; i++) {
		const struct check_amendment_row *a = &v->amendments[i];
		const struct checklist_item *it = find_item(v, a->scenario, a->item);
		const char *cells[] = { item_number(d, a->scenario, a->item),
					change(d, answer_text(d, it, a->old_value), answer_text(d, it, a->new_value)),
					change(d, a->old_note, a->new_note), doc_or_dash(a->reason), doc_or_dash(a->amended_by),
					doc_time(d, a->amended_at) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_signatures(struct doc *d, const struct check_view *v)
{
	const char *const headers[] = { R_("Signed by"), R_("Signed at"), R_("Content hash") };
	size_t i;

	doc_heading(d, 2, R_("Signatures"));
	if (!v->signature_count)
		doc_paragraph(d, R_("Not signed."));
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < v->signature_count; i++)
		doc_row(d, (const char *const[]){ v->signatures[i].login, doc_time(d, v->signatures[i].signed_at), v->signatures[i].hash });
	if (v->signature_count)
		doc_table_end(d);
	doc_fields_begin(d);
	doc_field(d, R_("Audit chain head"), doc_or_dash(v->audit_head));
	doc_table_end(d);
}

enum status report_check(const struct forms *forms, const struct check_report_view *r, enum report_format format,
			 FILE *out, struct error *err)
{
	const struct check_view *v = &r->check;
	struct doc d = { 0 };
	enum status status;
	size_t i;

	doc_begin(&d, format, out, doc_printf(&d, "%s %s", R_("Spot-check report"), v->number));
	write_head(&d, forms, v, &r->detail);
	for (i = 0; i < v->scenario_count; i++)
		write_scenario(&d, v, &v->scenarios[i], &r->scenarios[i]);
	write_findings(&d, v);
	write_scores(&d, r);
	write_amendments(&d, v);
	write_signatures(&d, v);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", v->number, errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", v->number, status_message(status));
	return status;
}
