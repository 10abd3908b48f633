/* What a report says of its case's standing: a certification ended by a
 * revocation (by its document, 文号) or a withdrawal, with the reason; the
 * ministry's decisions the office recorded, each with its 文号 and date. */
#include <string.h>

#include "doc.h"
#include "gradus/forms/labels.h"

void doc_case_ended(struct doc *d, const struct forms *forms, const struct case_detail *c)
{
	const struct case_event *e = c->event_count ? &c->events[c->event_count - 1] : NULL;
	const char *text;

	if (!e || !e->kind || (strcmp(e->kind, "revoked") && strcmp(e->kind, "withdrawn")) || !c->certified_on)
		return;
	text = doc_printf(d, "%s %s", label_step(forms, c->row.level, e->step), doc_or_dash(e->on_date));
	if (e->document)
		/* L10N: a report's line of a step taken by a document: the step and date, then its number (文号) */
		text = doc_printf(d, R_("%s, by document %s"), text, e->document);
	if (e->note && *e->note)
		/* L10N: a report's line of a step, then its reason */
		text = doc_printf(d, R_("%s; reason: %s"), text, e->note);
	doc_field(d, R_("Certification ended"), text);
}

void doc_case_decisions(struct doc *d, const struct forms *forms, const struct case_detail *c)
{
	const char *text;
	size_t i;

	for (i = 0; i < c->event_count; i++) {
		const struct case_event *e = &c->events[i];

		if (!label_step_by_ministry(forms, c->row.level, e->step))
			continue;
		if (e->document)
			/* L10N: a report's line of a step the ministry decided: the decision's number (文号), its
			 * date, who of the provincial office recorded it */
			text = doc_printf(d, R_("Ministry decision (No. %s, %s), recorded by %s"), e->document,
					  doc_or_dash(e->on_date), doc_or_dash(e->actor));
		else
			/* L10N: the same without a document number */
			text = doc_printf(d, R_("Ministry decision (%s), recorded by %s"), doc_or_dash(e->on_date),
					  doc_or_dash(e->actor));
		if (e->note && *e->note)
			text = doc_printf(d, R_("%s; reason: %s"), text, e->note);
		doc_field(d, label_step(forms, c->row.level, e->step), text);
	}
}
