/* The printed opinion of an expert panel (专家评审意见), labelled Chinese
 * first and English beside, in whichever format the document writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/forms/labels.h"
#include "gradus/report/report.h"

/* What the forms say of the panel's level, its purpose and its step (NULL
 * when the forms no longer know them). */
struct panel_forms {
	const struct forms *forms;
	const struct level *level;
	const struct level_panel *purpose;
	const struct level_step *step;
};

/* The forms' name in the reader's language. */
static const char *both(struct doc *d, const char *zh, const char *en)
{
	(void)d;
	return doc_or_dash(label_pick(zh, en));
}

static void write_head(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	doc_heading(d, 1, R_("Expert panel opinion"));
	doc_fields_begin(d);
	doc_field(d, R_("Panel"), v->number);
	doc_field(d, R_("Case"), v->case_number);
	doc_field(d, R_("Enterprise"), doc_or_dash(v->enterprise));
	doc_field(d, R_("Level"), f->level ? both(d, f->level->zh, f->level->en) : doc_or_dash(v->level));
	doc_field(d, R_("Purpose"), f->purpose ? both(d, f->purpose->zh, f->purpose->en) : doc_or_dash(v->purpose));
	doc_field(d, R_("Meeting on"), doc_or_dash(v->meeting_on));
	doc_field(d, R_("Status"), label_panel_status(v->status));
	doc_table_end(d);
}

static const char *member_score(struct doc *d, const struct panel_member_row *m)
{
	return m->score ? doc_printf(d, "%.1f", strtod(m->score, NULL)) : "-";
}

static void write_members(struct doc *d, const struct panel_view *v)
{
	const char *const headers[] = { R_("Code"), R_("Name"), R_("Affiliation"), R_("Rating"),
					       R_("Chair") };
	size_t i;

	doc_heading(d, 2, R_("Members"));
	doc_table_begin(d, 2, 5, headers);
	for (i = 0; i < v->member_count; i++) {
		const struct panel_member_row *m = &v->members[i];
		const char *cells[] = { m->code, doc_or_dash(m->name), doc_or_dash(m->affiliation), member_score(d, m),
					m->chair ? R_("chair") : "" };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *scenario_label(struct doc *d, const struct panel_forms *f, int id)
{
	const struct scenario *s = id ? forms_scenario(f->forms, id) : NULL;

	if (!id)
		return R_("Case as a whole");
	return s ? doc_printf(d, "%d %s", id, doc_or_dash(label_pick(s->title_zh, s->title_en))) : doc_printf(d, "%d", id);
}

static void write_member_notes(struct doc *d, const struct panel_view *v, const struct panel_member_row *m,
			       const struct panel_forms *f)
{
	const char *const headers[] = { R_("Scenario"), R_("Criterion"), R_("Comment") };
	size_t i, count = 0;

	for (i = 0; i < v->note_count; i++)
		count += !strcmp(v->notes[i].code, m->code);
	if (!count)
		return;
	doc_heading(d, 3, doc_printf(d, "%s %s", m->code, doc_or_dash(m->name)));
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < v->note_count; i++) {
		const struct panel_note_row *n = &v->notes[i];
		const char *cells[] = { scenario_label(d, f, n->scenario), doc_or_dash(n->criterion), doc_or_dash(n->note) };

		if (!strcmp(n->code, m->code))
			doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_notes(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	size_t i;

	doc_heading(d, 2, R_("Members' notes"));
	if (!v->note_count)
		doc_paragraph(d, R_("None."));
	for (i = 0; i < v->member_count; i++)
		write_member_notes(d, v, &v->members[i], f);
}

static void write_opinion(struct doc *d, const struct panel_view *v)
{
	const char *const headers[] = { R_("Seq."), R_("Rectification"), R_("Rectify by"), R_("Status") };
	size_t i;

	doc_heading(d, 2, R_("Consensus opinion"));
	doc_fields_begin(d);
	doc_field(d, R_("Opinion"), v->opinion ? label_panel_opinion(v->opinion) : R_("none yet"));
	doc_table_end(d);
	if (v->opinion_text && *v->opinion_text)
		doc_paragraph(d, v->opinion_text);
	doc_heading(d, 3, R_("Rectification items"));
	if (!v->finding_count) {
		doc_paragraph(d, R_("None."));
		return;
	}
	doc_table_begin(d, 2, 4, headers);
	for (i = 0; i < v->finding_count; i++) {
		const struct panel_finding_row *it = &v->findings[i];
		const char *cells[] = { doc_printf(d, "%d", it->item), doc_or_dash(it->action), doc_or_dash(it->due_on),
					label_finding_status(it->status) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *aggregate_text(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	if (!f->level)
		return "-";
	if (f->level->panel_trimmed_mean)
		return doc_printf(d, R_("trimmed mean of %zu scores"), v->member_count);
	return doc_printf(d, R_("mean of %zu scores"), v->member_count);
}

static void write_score(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	struct doc_bar *bars = calloc(v->member_count ? v->member_count : 1, sizeof(*bars));
	size_t i;

	doc_heading(d, 2, R_("Rating"));
	doc_fields_begin(d);
	doc_field(d, R_("Panel score"), v->score ? doc_printf(d, "%.1f", strtod(v->score, NULL)) : "-");
	doc_field(d, R_("Aggregation"), aggregate_text(d, v, f));
	doc_table_end(d);
	if (!bars)
		return;
	for (i = 0; i < v->member_count; i++)
		bars[i] = (struct doc_bar){ doc_printf(d, "%s %s", v->members[i].code, doc_or_dash(v->members[i].name)),
					    v->members[i].score != NULL,
					    v->members[i].score ? strtod(v->members[i].score, NULL) : 0 };
	doc_heading(d, 3, R_("Members' scores"));
	doc_chart(d, R_("Members' scores"), bars, v->member_count);
	free(bars);
}

static void write_signature(struct doc *d, const struct panel_view *v, const struct panel_forms *f,
			    const char *audit_head)
{
	doc_heading(d, 2, R_("Signature"));
	if (!v->hash || !*v->hash)
		doc_paragraph(d, R_("Not signed."));
	doc_fields_begin(d);
	if (v->hash && *v->hash) {
		doc_field(d, R_("Signed by"), doc_or_dash(v->signed_by));
		doc_field(d, R_("Signed at"), doc_time(d, v->signed_at));
		doc_field(d, R_("Content hash"), v->hash);
		doc_field(d, R_("Step taken"),
			  f->step ? doc_or_dash(label_pick(f->step->zh, f->step->en))
				  : doc_or_dash(v->step));
	}
	doc_field(d, R_("Audit chain head"), doc_or_dash(audit_head));
	doc_table_end(d);
}

static void write_panel(struct doc *d, const struct panel_view *v, const struct forms *forms, const char *audit_head)
{
	struct panel_forms f = { forms, forms_level(forms, v->level ? v->level : ""), NULL, NULL };

	if (f.level) {
		f.purpose = forms_level_panel(f.level, v->purpose);
		f.step = v->step ? forms_level_step(f.level, v->step) : NULL;
	}
	write_head(d, v, &f);
	write_members(d, v);
	write_notes(d, v, &f);
	write_opinion(d, v);
	write_score(d, v, &f);
	write_signature(d, v, &f, audit_head);
}

enum status report_panel(const struct forms *forms, const struct panel_report_view *r, enum report_format format,
			 FILE *out, struct error *err)
{
	const struct panel_view *v = &r->panel;
	struct doc d = { 0 };
	enum status status;

	doc_begin(&d, format, out, doc_printf(&d, "%s %s", R_("Expert panel opinion"), v->number));
	write_panel(&d, v, forms, r->audit_head);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", v->number, errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", v->number, status_message(status));
	return status;
}
