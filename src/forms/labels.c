/* The words people see for keys: the forms' names, else one table of
 * English words translated through gettext (with a context, since the same
 * English word names different things: an open panel, an open finding). */
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"

struct label {
	const char *key, *english;
};

static const char *lookup(const struct label *table, const char *context, const char *key)
{
	for (; key && table->key; table++)
		if (!strcmp(table->key, key))
			return i18n_context(context, table->english);
	return key ? key : "";
}

const char *label_pick(const char *zh, const char *en)
{
	const char *text = i18n_chinese() ? zh : en;

	return text && *text ? text : zh && *zh ? zh : en ? en : "";
}

const char *label_level(const struct forms *forms, const char *key)
{
	const struct level *level = forms && key ? forms_level(forms, key) : NULL;

	return level ? label_pick(level->zh, level->en) : key ? key : "";
}

/* The level of a case, when given and known. */
static const struct level *level_of(const struct forms *forms, const char *level)
{
	return forms && level ? forms_level(forms, level) : NULL;
}

const char *label_state(const struct forms *forms, const char *level_key, const char *key)
{
	const struct level *level = level_of(forms, level_key);
	const struct level_state *state = level && key ? forms_level_state(level, key) : NULL;
	size_t i;

	for (i = 0; !state && forms && key && i < forms->level_count; i++)
		state = forms_level_state(&forms->levels[i], key);
	return state ? label_pick(state->zh, state->en) : key ? key : "";
}

const char *label_step(const struct forms *forms, const char *level_key, const char *key)
{
	const struct level *level = level_of(forms, level_key);
	const struct level_step *step = level && key ? forms_level_step(level, key) : NULL;
	size_t i;

	for (i = 0; !step && forms && key && i < forms->level_count; i++)
		step = forms_level_step(&forms->levels[i], key);
	return step ? label_pick(step->zh, step->en) : key ? key : "";
}

bool label_step_by_ministry(const struct forms *forms, const char *level_key, const char *key)
{
	const struct level *level = level_of(forms, level_key);
	const struct level_step *step = level && key ? forms_level_step(level, key) : NULL;

	return step && step->ministry;
}

void label_ministry_decision(const char *document, const char *on_date, const char *actor, char *out, size_t size)
{
	if (document && *document)
		/* L10N: an event of a step the ministry decides: the decision's document number (文号),
		 * its date, the user of the provincial office who recorded it */
		snprintf(out, size, _("Ministry decision (No. %s, %s), recorded by %s"), document, on_date ? on_date : "—",
			 actor ? actor : "—");
	else
		/* L10N: the same without a document number: the decision's date, who recorded it */
		snprintf(out, size, _("Ministry decision (%s), recorded by %s"), on_date ? on_date : "—",
			 actor ? actor : "—");
}

const char *label_region(const struct forms *forms, const char *key)
{
	const struct region *region = forms && key ? forms_region(forms, key) : NULL;

	return region ? label_pick(region->zh, region->en) : key ? key : "";
}

const char *label_panel_purpose(const struct forms *forms, const char *level_key, const char *key)
{
	const struct level *level = level_of(forms, level_key);
	const struct level_panel *panel = level && key ? forms_level_panel(level, key) : NULL;
	size_t i;

	for (i = 0; !panel && forms && key && i < forms->level_count; i++)
		panel = forms_level_panel(&forms->levels[i], key);
	return panel ? label_pick(panel->zh, panel->en) : key ? key : "";
}

const char *label_material(const struct forms *forms, const char *level_key, const char *key)
{
	const struct level *level = level_of(forms, level_key);
	size_t i, k;

	for (i = 0; forms && key && i <= forms->level_count; i++) {
		const struct level *l = i ? &forms->levels[i - 1] : level;

		for (k = 0; l && k < l->material_count; k++)
			if (!strcmp(l->materials[k].key, key))
				return l->materials[k].zh;
	}
	return key ? key : "";
}

const char *label_role(const char *role)
{
	static const struct label roles[] = {
		{ "admin", N_("admin") }, { "clerk", N_("clerk") }, { "inspector", N_("inspector") },
		{ "secretary", N_("secretary") }, { "system", N_("system") }, { NULL, NULL },
	};

	return lookup(roles, "role", role);
}

const char *label_severity(const char *severity)
{
	static const struct label severities[] = {
		{ "minor", N_("minor") }, { "major", N_("major") }, { "critical", N_("critical") }, { NULL, NULL },
	};

	return lookup(severities, "severity", severity);
}

const char *label_answer(const char *answer)
{
	static const struct label answers[] = {
		{ "yes", N_("yes") }, { "partial", N_("partial") }, { "no", N_("no") }, { "na", N_("n/a") },
		{ NULL, NULL },
	};

	return lookup(answers, "answer", answer);
}

const char *label_item_kind(const char *kind)
{
	static const struct label kinds[] = {
		{ "check", N_("check") }, { "number", N_("number") }, { "measure", N_("measure") },
		{ "choice", N_("choice") }, { "text", N_("text") }, { NULL, NULL },
	};

	return lookup(kinds, "item kind", kind);
}

const char *label_finding_status(const char *status)
{
	static const struct label statuses[] = { { "open", N_("open") }, { "closed", N_("closed") }, { NULL, NULL } };

	return lookup(statuses, "finding status", status);
}

const char *label_check_status(const char *status)
{
	static const struct label statuses[] = {
		{ "planned", N_("planned") }, { "signing", N_("signing") }, { "signed", N_("signed") }, { NULL, NULL },
	};

	return lookup(statuses, "check status", status);
}

const char *label_panel_status(const char *status)
{
	static const struct label statuses[] = { { "open", N_("open") }, { "signed", N_("signed") }, { NULL, NULL } };

	return lookup(statuses, "panel status", status);
}

const char *label_panel_opinion(const char *opinion)
{
	static const struct label opinions[] = {
		{ "pass", N_("pass") }, { "fail", N_("fail") }, { "rectify", N_("pass after rectification") },
		{ NULL, NULL },
	};

	return lookup(opinions, "panel opinion", opinion);
}

const char *label_readiness(const char *kind)
{
	static const struct label kinds[] = {
		{ "milestone", N_("milestone") }, { "kpi", N_("KPI") }, { "followup", N_("follow-up") },
		{ "material", N_("material") }, { NULL, NULL },
	};

	return lookup(kinds, "readiness", kind);
}

const char *label_side(const char *side)
{
	static const struct label sides[] = { { "office", N_("the office") }, { "bundle", N_("the bundle") }, { NULL, NULL } };

	return lookup(sides, "conflict side", side);
}

const char *label_table(const char *table)
{
	static const struct label tables[] = {
		{ "cases", N_("case") }, { "enterprises", N_("enterprise") }, { "factories", N_("factory") },
		{ "case_scenarios", N_("scenario") }, { "case_materials", N_("material") }, { "events", N_("step") },
		{ "checks", N_("spot check") }, { "answers", N_("answer") }, { "evidence", N_("evidence") },
		{ "findings", N_("finding") }, { "signatures", N_("signature") }, { "amendments", N_("amendment") },
		{ "experts", N_("expert") }, { "panels", N_("panel") }, { "panel_members", N_("panel member") },
		{ "panel_notes", N_("panel note") }, { "milestones", N_("milestone") },
		{ "guidance_sessions", N_("guidance session") }, { "followups", N_("follow-up") },
		{ "progress_reports", N_("progress report") }, { "kpis", N_("KPI") }, { "kpi_values", N_("KPI value") },
		{ "cultivation_plans", N_("construction plan") }, { "users", N_("user") }, { "attachments", N_("file") },
		{ "check_items", N_("checklist item") }, { "check_scenarios", N_("checked scenario") },
		{ "check_inspectors", N_("check's inspector") }, { "readiness", N_("readiness") },
		{ "objections", N_("objection") }, { NULL, NULL },
	};

	return lookup(tables, "table", table);
}

/* Recorded fields, as the history lists them. */
static const struct label fields[] = {
	{ "enterprises.name", N_("Enterprise") }, { "enterprises.credit_code", N_("Credit code") },
	{ "enterprises.region", N_("Region") }, { "enterprises.industry", N_("Industry") },
	{ "enterprises.contact", N_("Contact") }, { "enterprises.created_at", N_("Enterprise recorded") },
	{ "factories.enterprise_id", N_("Factory's enterprise") }, { "factories.name", N_("Factory") },
	{ "factories.address", N_("Address") }, { "factories.created_at", N_("Factory recorded") },
	{ "cases.number", N_("Case number") }, { "cases.factory_id", N_("Case's factory") },
	{ "cases.level", N_("Level") }, { "cases.year", N_("Year") }, { "cases.state", N_("State") },
	{ "cases.maturity_centi", N_("Maturity score") }, { "cases.maturity_level", N_("Maturity level") },
	{ "cases.commitment_on", N_("Commitment date") }, { "cases.applied_by", N_("Applied by") },
	{ "cases.applied_on", N_("Applied on") }, { "cases.recommended_by", N_("Recommended by") },
	{ "cases.recommended_on", N_("Recommended on") }, { "cases.certified_by", N_("Certified by") },
	{ "cases.certified_on", N_("Certified on") }, { "cases.expires_on", N_("Valid through") },
	{ "cases.cultivation_starts_on", N_("Cultivation starts") }, { "cases.next_due", N_("Next due") },
	{ "cases.note", N_("Note") }, { "cases.created_at", N_("Case recorded") },
	{ "cases.scenarios", N_("Scenarios") },
	{ "case_scenarios.case_id", N_("Scenario's case") }, { "case_scenarios.scenario", N_("Scenario") },
	{ "case_materials.case_id", N_("Material's case") }, { "case_materials.material", N_("Material") },
	{ "case_materials.received_on", N_("Material received") },
	{ "events.case_id", N_("Step's case") }, { "events.step", N_("Step") },
	{ "events.from_state", N_("Step from") }, { "events.to_state", N_("Step to") },
	{ "events.kind", N_("Step kind") }, { "events.actor", N_("Step by") }, { "events.on_date", N_("Step date") },
	{ "events.note", N_("Step note") }, { "events.created_at", N_("Step recorded") },
	{ "checks.case_id", N_("Check's case") }, { "checks.number", N_("Check number") },
	{ "checks.planned_on", N_("Check date") }, { "checks.draw_count", N_("Scenarios drawn") },
	{ "checks.draw_seed", N_("Draw seed") }, { "checks.forms_hash", N_("Forms hash") },
	{ "checks.status", N_("Check status") }, { "checks.created_at", N_("Check recorded") },
	{ "check_inspectors.check_id", N_("Inspector's check") }, { "check_inspectors.login", N_("Inspector") },
	{ "answers.check_id", N_("Answer's check") }, { "answers.scenario", N_("Answer's scenario") },
	{ "answers.item", N_("Answer's item") }, { "answers.value", N_("Answer") }, { "answers.note", N_("Answer note") },
	{ "answers.answered_by", N_("Answered by") }, { "answers.answered_at", N_("Answered at") },
	{ "evidence.check_id", N_("Evidence's check") }, { "evidence.scenario", N_("Evidence's scenario") },
	{ "evidence.item", N_("Evidence's item") }, { "evidence.finding_id", N_("Evidence's finding") },
	{ "evidence.attachment_id", N_("Evidence file") }, { "evidence.added_by", N_("Evidence added by") },
	{ "evidence.added_at", N_("Evidence added at") },
	{ "findings.check_id", N_("Finding's check") }, { "findings.panel_id", N_("Finding's panel") },
	{ "findings.case_id", N_("Finding's case") }, { "findings.scenario", N_("Finding's scenario") },
	{ "findings.item", N_("Finding's item") }, { "findings.severity", N_("Severity") },
	{ "findings.action", N_("Rectification") }, { "findings.due_on", N_("Rectify by") },
	{ "findings.status", N_("Finding status") }, { "findings.created_at", N_("Finding recorded") },
	{ "findings.closed_on", N_("Closed on") }, { "findings.closed_by", N_("Closed by") },
	{ "findings.closing_note", N_("Closing note") },
	{ "signatures.check_id", N_("Signature's check") }, { "signatures.login", N_("Signed by") },
	{ "signatures.signed_at", N_("Signed at") }, { "signatures.hash", N_("Signed hash") },
	{ "amendments.check_id", N_("Amendment's check") }, { "amendments.scenario", N_("Amended scenario") },
	{ "amendments.item", N_("Amended item") }, { "amendments.old_value", N_("Answer before") },
	{ "amendments.old_note", N_("Note before") }, { "amendments.new_value", N_("Answer after") },
	{ "amendments.new_note", N_("Note after") }, { "amendments.reason", N_("Amendment reason") },
	{ "amendments.amended_by", N_("Amended by") }, { "amendments.amended_at", N_("Amended at") },
	{ "panels.case_id", N_("Panel's case") }, { "panels.number", N_("Panel number") },
	{ "panels.purpose", N_("Panel purpose") }, { "panels.meeting_on", N_("Meeting date") },
	{ "panels.chair_id", N_("Chair") }, { "panels.status", N_("Panel status") },
	{ "panels.opinion", N_("Opinion") }, { "panels.opinion_text", N_("Opinion text") },
	{ "panels.score", N_("Panel score") }, { "panels.signed_by", N_("Signed by") },
	{ "panels.signed_at", N_("Signed at") }, { "panels.hash", N_("Signed hash") },
	{ "panels.step", N_("Step taken") }, { "panels.created_at", N_("Panel recorded") },
	{ "panel_members.panel_id", N_("Member's panel") }, { "panel_members.expert_id", N_("Member") },
	{ "panel_members.score", N_("Member's score") },
	{ "panel_notes.panel_id", N_("Note's panel") }, { "panel_notes.expert_id", N_("Note's expert") },
	{ "panel_notes.scenario", N_("Note's scenario") }, { "panel_notes.criterion", N_("Criterion") },
	{ "panel_notes.note", N_("Expert's note") }, { "panel_notes.written_by", N_("Written by") },
	{ "panel_notes.written_at", N_("Written at") },
	{ "events.document", N_("Document number") },
	{ "events.unmet", N_("Preconditions overridden") },
	{ "events.override", N_("Override reason") },
	{ "objections.case_id", N_("Objection's case") }, { "objections.raised_by", N_("Objection raised by") },
	{ "objections.raised_on", N_("Objection raised on") }, { "objections.text", N_("Objection") },
	{ "objections.resolved_by", N_("Objection resolved by") },
	{ "objections.resolved_on", N_("Objection resolved on") }, { "objections.outcome", N_("Outcome") },
	{ "objections.recorded_by", N_("Objection recorded by") },
	{ "objections.created_at", N_("Objection recorded") },
	{ NULL, NULL },
};

const char *label_field(const char *table, const char *column)
{
	const struct label *f;
	size_t n = table ? strlen(table) : 0;

	for (f = fields; table && column && f->key; f++)
		if (!strncmp(f->key, table, n) && f->key[n] == '.' && !strcmp(f->key + n + 1, column))
			return i18n_context("field", f->english);
	return column ? column : "";
}

static bool is(const char *table, const char *column, const char *t, const char *c)
{
	return !strcmp(table, t) && !strcmp(column, c);
}

const char *label_value(const struct forms *forms, const char *level, const char *table, const char *column,
			const char *value)
{
	if (!value || !table || !column)
		return value;
	if (!strcmp(column, "state") || !strcmp(column, "from_state") || !strcmp(column, "to_state"))
		return label_state(forms, level, value);
	if (is(table, column, "events", "step") || is(table, column, "events", "kind") || is(table, column, "panels", "step"))
		return label_step(forms, level, value);
	if (!strcmp(column, "level"))
		return label_level(forms, value);
	if (!strcmp(column, "region"))
		return label_region(forms, value);
	if (!strcmp(column, "material"))
		return label_material(forms, level, value);
	if (!strcmp(column, "severity"))
		return label_severity(value);
	if (!strcmp(table, "answers") && !strcmp(column, "value"))
		return label_answer(value);
	if (!strcmp(table, "amendments") && strstr(column, "_value"))
		return label_answer(value);
	if (is(table, column, "findings", "status"))
		return label_finding_status(value);
	if (is(table, column, "checks", "status"))
		return label_check_status(value);
	if (is(table, column, "panels", "status"))
		return label_panel_status(value);
	if (is(table, column, "panels", "opinion"))
		return label_panel_opinion(value);
	if (is(table, column, "panels", "purpose"))
		return label_panel_purpose(forms, level, value);
	if (!strcmp(column, "role"))
		return label_role(value);
	return value;
}
