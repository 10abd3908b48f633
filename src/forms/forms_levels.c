/* forms/levels/<key>.ini: one level's date rules, workflow (states and
 * steps) and the materials an application carries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms_private.h"
#include "gradus/text/i18n.h"

#define LEVEL_COUNT 4

/* In the order of the levels. */
static const char *const level_keys[] = { "basic", "advanced", "excellent", "leading", NULL };

static const char *const head_keys[] = {
	"key", "order", "zh", "en", "code", "min_maturity", "prior_level", "validity_years",
	"review_lead_months", "cultivation_years", "acceptance_lead_months", "notice_days",
	"notice_day_kind", "panel_score", "initial_state", "acceptance_materials", "application_materials",
	"review_materials", "review_window_months", NULL,
};

static const char *const roles[] = { "admin", "clerk", "inspector", "secretary", "system", NULL };

static const char *const events[] = {
	"applied", "recommended", "certified", "review_filed", "review_passed", "review_failed",
	"cancelled", "cultivation_started", "acceptance_filed", "notice_started", "published", "revoked",
	"withdrawn", "cultivation_lapsed", "cultivation_extended", "cultivation_terminated", NULL,
};

static const char *const state_keys[] = { "zh", "en", "final", NULL };
static const char *const step_keys[] = { "zh", "en", "from", "to", "roles", "event", "requires", "decided_by",
					 NULL };

/* Whose decision a step records: the province's own (the default) or the
 * ministry's (工信部等六部门), recorded by the office with its 文号. */
static const char *const deciders[] = { "province", "ministry", NULL };

/* In the order of the STEP_NEEDS_* bits. */
static const char *const requirements[] = { "reason", "document", "notice_ended", "spot_check", "readiness", NULL };

/* The words of requirements that name something after ':'. */
static const char *const material_groups[] = { "application", "acceptance", "review", NULL };
static const char *const filings[] = { "review", "acceptance", NULL };

void forms_level_free(struct level *level)
{
	size_t i;

	free(level->key);
	free(level->zh);
	free(level->en);
	free(level->code);
	free(level->prior_level);
	free(level->initial_state);
	for (i = 0; i < level->state_count; i++) {
		free(level->states[i].key);
		free(level->states[i].zh);
		free(level->states[i].en);
	}
	free(level->states);
	for (i = 0; i < level->step_count; i++) {
		free(level->steps[i].key);
		free(level->steps[i].zh);
		free(level->steps[i].en);
		forms_strings_free(level->steps[i].from, level->steps[i].from_count);
		free(level->steps[i].to);
		forms_strings_free(level->steps[i].roles, level->steps[i].role_count);
		free(level->steps[i].event);
		free(level->steps[i].needs_panel);
		free(level->steps[i].needs_materials);
		free(level->steps[i].needs_on_time);
	}
	free(level->steps);
	forms_panels_free(level);
	forms_strings_free(level->acceptance_materials, level->acceptance_material_count);
	forms_strings_free(level->application_materials, level->application_material_count);
	forms_strings_free(level->review_materials, level->review_material_count);
	forms_kpis_free(level);
	for (i = 0; i < level->material_count; i++) {
		free(level->materials[i].key);
		free(level->materials[i].zh);
	}
	free(level->materials);
}

const char *forms_suffix(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(name, prefix, len) ? NULL : name + len;
}

#define suffix forms_suffix

static bool is_code(const char *code)
{
	return strlen(code) == 3 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' &&
	       code[2] >= 'A' && code[2] <= 'Z';
}

static enum status load_key(const struct forms *forms, const struct ini_doc *doc, const struct ini_section *head,
			    const char *rel, struct level *level, struct error *err)
{
	const struct ini_entry *entry;
	char name[64], expected[128];
	enum status status = ini_require(doc, head, "key", &entry, err);
	int index;
	size_t i;

	if (status)
		return status;
	index = forms_word_index(level_keys, entry->value);
	forms_join_words(level_keys, expected, sizeof(expected));
	if (index < 0)
		return forms_fail(err, doc->path, entry->line, _("unknown level '%s'; expected one of %s"),
				  entry->value, expected);
	snprintf(name, sizeof(name), "levels/%s.ini", level_keys[index]);
	if (strcmp(name, rel))
		return forms_fail(err, doc->path, entry->line,
				  _("level key '%s' does not match the file name (expected %s)"), level_keys[index], name);
	status = ini_int(doc, head, "order", 1, LEVEL_COUNT, &level->order, err);
	for (i = 0; !status && &forms->levels[i] != level; i++) {
		if (forms->levels[i].order == level->order)
			status = forms_fail(err, doc->path, ini_get(head, "order")->line,
					    _("order %d already used by level '%s'"), level->order, forms->levels[i].key);
	}
	if (!status)
		status = ini_string(doc, head, "key", false, &level->key, err);
	return status;
}

static enum status load_prior(const struct ini_doc *doc, const struct ini_section *head, struct level *level,
			      struct error *err)
{
	const struct ini_entry *entry = ini_get(head, "prior_level");
	enum status status;
	int index = 0;

	if (!entry || !entry->value[0])
		return STATUS_OK;
	status = ini_word(doc, head, "prior_level", level_keys, &index, err);
	if (!status && !strcmp(level_keys[index], level->key))
		status = forms_fail(err, doc->path, entry->line, _("a level cannot be its own prior level"));
	if (!status)
		status = ini_string(doc, head, "prior_level", false, &level->prior_level, err);
	return status;
}

static enum status load_identity(const struct forms *forms, const struct ini_doc *doc,
				 const struct ini_section *head, const char *rel, struct level *level,
				 struct error *err)
{
	enum status status = ini_check_keys(doc, head, head_keys, err);

	if (!status)
		status = load_key(forms, doc, head, rel, level, err);
	if (!status)
		status = ini_string(doc, head, "zh", false, &level->zh, err);
	if (!status)
		status = ini_string(doc, head, "en", false, &level->en, err);
	if (!status)
		status = ini_string(doc, head, "code", false, &level->code, err);
	if (!status && !is_code(level->code))
		status = forms_fail(err, doc->path, ini_get(head, "code")->line,
				    _("code '%s' must be 3 capital letters, e.g. EXC"), level->code);
	if (!status)
		status = ini_int(doc, head, "min_maturity", 0, 5, &level->min_maturity, err);
	if (!status)
		status = load_prior(doc, head, level, err);
	if (!status)
		status = ini_string(doc, head, "initial_state", false, &level->initial_state, err);
	return status;
}

/* A lead time in months must fall inside the period it precedes. */
static enum status check_lead(const struct ini_doc *doc, const struct ini_section *head, const char *years_key,
			      int years, const char *months_key, int months, struct error *err)
{
	if (years == 0 && months != 0)
		return forms_fail(err, doc->path, ini_get(head, months_key)->line,
				  _("%s must be 0 when %s is 0"), months_key, years_key);
	if (years > 0 && months >= years * 12)
		return forms_fail(err, doc->path, ini_get(head, months_key)->line,
				  _("%s (%d) must be shorter than %s (%d years)"), months_key, months, years_key, years);
	return STATUS_OK;
}

static enum status load_rules(const struct ini_doc *doc, const struct ini_section *head, struct level *level,
			      struct error *err)
{
	static const char *const day_kinds[] = { "working", "calendar", NULL };
	static const char *const scores[] = { "mean", "trimmed_mean", NULL };
	struct level_rules *rules = &level->rules;
	int day_kind = 0, score = 0;
	enum status status;

	status = ini_int(doc, head, "validity_years", 0, 50, &rules->validity_years, err);
	if (!status)
		status = ini_int(doc, head, "review_lead_months", 0, 600, &rules->review_lead_months, err);
	if (!status)
		status = check_lead(doc, head, "validity_years", rules->validity_years, "review_lead_months",
				    rules->review_lead_months, err);
	if (!status && ini_get(head, "review_window_months"))
		status = ini_int(doc, head, "review_window_months", 0, 600, &rules->review_window_months, err);
	if (!status && rules->review_window_months && rules->review_window_months <= rules->review_lead_months)
		status = forms_fail(err, doc->path, ini_get(head, "review_window_months")->line,
				    _("review_window_months (%d) must be more than review_lead_months (%d): it is how early "
				      "a review may be filed, the lead how late"), rules->review_window_months,
				    rules->review_lead_months);
	if (!status)
		status = ini_int(doc, head, "cultivation_years", 0, 10, &rules->cultivation_years, err);
	if (!status)
		status = ini_int(doc, head, "acceptance_lead_months", 0, 120, &rules->acceptance_lead_months, err);
	if (!status)
		status = check_lead(doc, head, "cultivation_years", rules->cultivation_years,
				    "acceptance_lead_months", rules->acceptance_lead_months, err);
	if (!status)
		status = ini_int(doc, head, "notice_days", 1, 365, &rules->notice_days, err);
	if (!status)
		status = ini_word(doc, head, "notice_day_kind", day_kinds, &day_kind, err);
	rules->notice_working_days = day_kind == 0;
	if (!status)
		status = ini_word(doc, head, "panel_score", scores, &score, err);
	level->panel_trimmed_mean = score == 1;
	return status;
}

static enum status load_state(const struct ini_doc *doc, const struct ini_section *section,
			      struct level_state *state, struct error *err)
{
	const char *key = suffix(section->name, "state.");
	enum status status;

	if (!forms_is_key(key))
		return forms_fail(err, doc->path, section->line,
				  _("state key '%s' must be lower-case letters, digits and '_'"), key);
	state->key = strdup(key);
	if (!state->key)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, state_keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &state->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &state->en, err);
	if (!status)
		status = ini_yes_no(doc, section, "final", &state->final, err);
	return status;
}

static enum status check_state_ref(const struct ini_doc *doc, const struct ini_entry *entry, const char *step,
				   const struct level *level, const char *key, struct error *err)
{
	const struct level_state *state = forms_level_state(level, key);
	char declared[512] = "";
	size_t i, used = 0;

	if (state && state->final && !strcmp(entry->key, "from"))
		return forms_fail(err, doc->path, entry->line, _("step '%s' leaves final state '%s'"), step, key);
	if (state)
		return STATUS_OK;
	for (i = 0; i < level->state_count && used < sizeof(declared); i++)
		used += (size_t)snprintf(declared + used, sizeof(declared) - used, "%s%s", i ? ", " : "",
					 level->states[i].key);
	return forms_fail(err, doc->path, entry->line, _("step '%s': undeclared state '%s' in '%s'; declared: %s"),
			  step, key, entry->key, declared);
}

static enum status load_roles(const struct ini_doc *doc, const struct ini_section *section,
			      struct level_step *step, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, "roles", &entry, err);
	char expected[128];
	size_t i, k;

	if (!status)
		status = ini_split(doc, entry, '|', &step->roles, &step->role_count, err);
	for (i = 0; !status && i < step->role_count; i++) {
		for (k = 0; roles[k] && strcmp(roles[k], step->roles[i]); k++)
			;
		if (roles[k])
			continue;
		forms_join_words(roles, expected, sizeof(expected));
		status = forms_fail(err, doc->path, entry->line, _("step '%s': unknown role '%s'; expected one of %s"),
				    step->key, step->roles[i], expected);
	}
	return status;
}

static enum status load_transition(const struct ini_doc *doc, const struct ini_section *section,
				   const struct level *level, struct level_step *step, struct error *err)
{
	const struct ini_entry *from, *to;
	enum status status = ini_require(doc, section, "from", &from, err);
	size_t i;

	if (!status)
		status = ini_split(doc, from, '|', &step->from, &step->from_count, err);
	for (i = 0; !status && i < step->from_count; i++)
		status = check_state_ref(doc, from, step->key, level, step->from[i], err);
	if (!status)
		status = ini_string(doc, section, "to", false, &step->to, err);
	if (!status && ini_require(doc, section, "to", &to, err) == STATUS_OK)
		status = check_state_ref(doc, to, step->key, level, step->to, err);
	return status;
}

/* "panel:evaluation": the word before ':' and a copy of the one after it
 * in *out, checked against words when given. */
static enum status requirement_argument(const struct ini_doc *doc, const struct ini_entry *entry,
					const struct level_step *step, const char *word, const char *name,
					const char *const *words, char **out, struct error *err)
{
	const char *arg = word + strlen(name) + 1;
	char expected[128];

	if (*out)
		return forms_fail(err, doc->path, entry->line, _("step '%s': '%s:' is required twice"), step->key, name);
	if (words && forms_word_index(words, arg) < 0) {
		forms_join_words(words, expected, sizeof(expected));
		return forms_fail(err, doc->path, entry->line, _("step '%s': unknown '%s:%s'; expected %s: one of %s"),
				  step->key, name, arg, name, expected);
	}
	if (!words && !forms_is_key(arg))
		return forms_fail(err, doc->path, entry->line, _("step '%s': '%s' needs a key after ':', e.g. %s:evaluation"),
				  step->key, word, name);
	*out = strdup(arg);
	return *out ? STATUS_OK : error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
}

static bool has_prefix(const char *word, const char *name)
{
	size_t len = strlen(name);

	return !strncmp(word, name, len) && word[len] == ':';
}

static enum status load_requires(const struct ini_doc *doc, const struct ini_section *section,
				 struct level_step *step, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, "requires");
	enum status status = STATUS_OK;
	char **words = NULL, expected[160];
	size_t count = 0, i;
	int k;

	if (!entry || !entry->value[0])
		return STATUS_OK;
	status = ini_split(doc, entry, '|', &words, &count, err);
	for (i = 0; !status && i < count; i++) {
		k = forms_word_index(requirements, words[i]);
		if (k >= 0) {
			step->requires |= 1u << k;
			continue;
		}
		if (has_prefix(words[i], "panel"))
			status = requirement_argument(doc, entry, step, words[i], "panel", NULL, &step->needs_panel, err);
		else if (has_prefix(words[i], "materials"))
			status = requirement_argument(doc, entry, step, words[i], "materials", material_groups,
						      &step->needs_materials, err);
		else if (has_prefix(words[i], "on_time"))
			status = requirement_argument(doc, entry, step, words[i], "on_time", filings,
						      &step->needs_on_time, err);
		else {
			forms_join_words(requirements, expected, sizeof(expected));
			status = forms_fail(err, doc->path, entry->line,
					    _("step '%s': unknown requirement '%s'; expected one of %s, panel:PURPOSE, "
					      "materials:GROUP or on_time:FILING"), step->key, words[i], expected);
		}
	}
	forms_strings_free(words, count);
	return status;
}

/* decided_by = ministry: the step records the ministry's decision, so it
 * always carries the issuing document's number (文号). */
static enum status load_decided_by(const struct ini_doc *doc, const struct ini_section *section,
				   struct level_step *step, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, "decided_by");
	enum status status;
	int index = 0;

	if (!entry)
		return STATUS_OK;
	if ((status = ini_word(doc, section, "decided_by", deciders, &index, err)))
		return status;
	step->ministry = !strcmp(deciders[index], "ministry");
	if (step->ministry)
		step->requires |= STEP_NEEDS_DOCUMENT;
	return STATUS_OK;
}

static enum status load_step(const struct ini_doc *doc, const struct ini_section *section,
			     const struct level *level, struct level_step *step, struct error *err)
{
	const char *key = suffix(section->name, "step.");
	const struct ini_entry *event = ini_get(section, "event");
	enum status status;
	int index = 0;

	if (!forms_is_key(key))
		return forms_fail(err, doc->path, section->line,
				  _("step key '%s' must be lower-case letters, digits and '_'"), key);
	step->key = strdup(key);
	if (!step->key)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, step_keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &step->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &step->en, err);
	if (!status)
		status = load_transition(doc, section, level, step, err);
	if (!status)
		status = load_roles(doc, section, step, err);
	if (!status && event && event->value[0])
		status = ini_word(doc, section, "event", events, &index, err);
	if (!status && event && event->value[0])
		status = ini_string(doc, section, "event", false, &step->event, err);
	if (!status)
		status = load_requires(doc, section, step, err);
	if (!status)
		status = load_decided_by(doc, section, step, err);
	return status;
}

static enum status load_materials(const struct ini_doc *doc, struct level *level, struct error *err)
{
	const struct ini_section *section = ini_section_find(doc, "materials");
	struct material *material;
	size_t i;

	if (!section || !section->count)
		return forms_fail(err, doc->path, section ? section->line : 0, _("no materials: expected [materials] "
				  "with one 'key = 名称' per document"));
	level->materials = calloc(section->count, sizeof(*level->materials));
	if (!level->materials)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < section->count; i++) {
		if (!forms_is_key(section->entries[i].key) || !section->entries[i].value[0])
			return forms_fail(err, doc->path, section->entries[i].line,
					  _("material '%s' needs a key of a-z, 0-9, '_' and a name"),
					  section->entries[i].key);
		material = &level->materials[level->material_count++];
		material->key = strdup(section->entries[i].key);
		material->zh = strdup(section->entries[i].value);
		if (!material->key || !material->zh)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	return STATUS_OK;
}

/* KEY_materials = a|b|c: materials of [materials], by key. */
static enum status load_material_list(const struct ini_doc *doc, const struct ini_section *head, const char *key,
				      const struct level *level, char ***out, size_t *count, struct error *err)
{
	const struct ini_entry *entry = ini_get(head, key);
	enum status status;
	size_t i, k;

	if (!entry)
		return STATUS_OK;
	status = ini_split(doc, entry, '|', out, count, err);
	for (i = 0; !status && i < *count; i++) {
		for (k = 0; k < level->material_count && strcmp(level->materials[k].key, (*out)[i]); k++)
			;
		if (k == level->material_count)
			status = forms_fail(err, doc->path, entry->line, _("%s: '%s' is not in [materials]"), key, (*out)[i]);
	}
	return status;
}

static enum status load_material_lists(const struct ini_doc *doc, const struct ini_section *head,
				       struct level *level, struct error *err)
{
	enum status status = load_material_list(doc, head, "acceptance_materials", level, &level->acceptance_materials,
						&level->acceptance_material_count, err);

	if (!status)
		status = load_material_list(doc, head, "application_materials", level, &level->application_materials,
					    &level->application_material_count, err);
	if (!status)
		status = load_material_list(doc, head, "review_materials", level, &level->review_materials,
					    &level->review_material_count, err);
	return status;
}

/* What a step requires must exist: the panel it names, the list of
 * materials, the date a filing is due by. */
static enum status check_requirements(const struct ini_doc *doc, const struct level *level, struct error *err)
{
	char name[128];
	size_t i;

	for (i = 0; i < level->step_count; i++) {
		const struct level_step *step = &level->steps[i];
		const struct ini_section *section;
		const char *missing = NULL;
		char *const *keys;

		snprintf(name, sizeof(name), "step.%s", step->key);
		section = ini_section_find(doc, name);
		if (step->needs_panel && !forms_level_panel(level, step->needs_panel))
			missing = "panel";
		else if (step->needs_materials && !forms_level_material_group(level, step->needs_materials, &keys))
			missing = "materials";
		else if (step->needs_on_time && !strcmp(step->needs_on_time, "review") && !level->rules.validity_years)
			missing = "on_time";
		else if (step->needs_on_time && !strcmp(step->needs_on_time, "acceptance") && !level->rules.cultivation_years)
			missing = "on_time";
		if (!missing)
			continue;
		/* L10N: a step's key; the requirement word (panel, materials, on_time) */
		return forms_fail(err, doc->path, section ? ini_get(section, "requires")->line : 0,
				  !strcmp(missing, "panel") ? _("step '%s': requires a panel the level has no [panel.%s] for")
				  : !strcmp(missing, "materials") ? _("step '%s': requires %s_materials, which the level does not list")
				  : _("step '%s': requires a filing on time, but the level sets no date for %s"),
				  step->key, !strcmp(missing, "panel") ? step->needs_panel
				  : !strcmp(missing, "materials") ? step->needs_materials : step->needs_on_time);
	}
	return STATUS_OK;
}

static size_t count_sections(const struct ini_doc *doc, const char *prefix)
{
	size_t i, n = 0;

	for (i = 0; i < doc->count; i++)
		n += suffix(doc->sections[i].name, prefix) != NULL;
	return n;
}

static enum status load_workflow(const struct ini_doc *doc, struct level *level, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i;

	level->states = calloc(count_sections(doc, "state.") + 1, sizeof(*level->states));
	level->steps = calloc(count_sections(doc, "step.") + 1, sizeof(*level->steps));
	if (!level->states || !level->steps)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < doc->count && !status; i++) {
		if (suffix(doc->sections[i].name, "state."))
			status = load_state(doc, &doc->sections[i], &level->states[level->state_count++], err);
	}
	for (i = 0; i < doc->count && !status; i++) {
		if (suffix(doc->sections[i].name, "step."))
			status = load_step(doc, &doc->sections[i], level, &level->steps[level->step_count++], err);
	}
	if (!status && !level->step_count)
		status = forms_fail(err, doc->path, 0, _("no workflow: expected [state.KEY] and [step.KEY] sections"));
	return status;
}

static bool has_exit(const struct level *level, const char *state)
{
	size_t i, k;

	for (i = 0; i < level->step_count; i++) {
		for (k = 0; k < level->steps[i].from_count; k++) {
			if (!strcmp(level->steps[i].from[k], state))
				return true;
		}
	}
	return false;
}

/* The initial state exists and is open; every open state has a way out. */
static enum status check_workflow(const struct ini_doc *doc, const struct ini_section *head,
				  const struct level *level, struct error *err)
{
	const struct level_state *initial = forms_level_state(level, level->initial_state);
	size_t i;
	int line = ini_get(head, "initial_state")->line;

	if (!initial)
		return forms_fail(err, doc->path, line, _("initial_state '%s' is not a declared state"),
				  level->initial_state);
	if (initial->final)
		return forms_fail(err, doc->path, line, _("initial_state '%s' is a final state"), level->initial_state);
	for (i = 0; i < level->state_count; i++) {
		if (!level->states[i].final && !has_exit(level, level->states[i].key)) {
			char name[128];

			snprintf(name, sizeof(name), "state.%s", level->states[i].key);
			return forms_fail(err, doc->path, ini_section_find(doc, name)->line,
					  _("state '%s' is not final but no step leaves it"), level->states[i].key);
		}
	}
	return STATUS_OK;
}

static enum status check_sections(const struct ini_doc *doc, const struct ini_section **head, struct error *err)
{
	const char *name;
	size_t i;

	for (i = 0; i < doc->count; i++) {
		name = doc->sections[i].name;
		if (strcmp(name, "level") && strcmp(name, "materials") && !suffix(name, "state.") &&
		    !suffix(name, "step.") && !suffix(name, "panel.") && !suffix(name, "kpi."))
			return forms_fail(err, doc->path, doc->sections[i].line,
					  _("unknown section [%s]; expected [level], [state.KEY], [step.KEY], "
					  "[panel.KEY], [kpi.KEY] or [materials]"), name);
	}
	*head = ini_section_find(doc, "level");
	if (!*head)
		return forms_fail(err, doc->path, 0, _("no [level] section"));
	return STATUS_OK;
}

static struct level *new_level(struct forms *forms, struct error *err)
{
	struct level *levels = realloc(forms->levels, (forms->level_count + 1) * sizeof(*levels));

	if (!levels) {
		error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		return NULL;
	}
	forms->levels = levels;
	memset(&levels[forms->level_count], 0, sizeof(*levels));
	return &levels[forms->level_count++];
}

enum status forms_load_level(struct forms *forms, const struct forms_file *file, struct error *err)
{
	const struct ini_section *head = NULL;
	struct level *level;
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);

	if (status)
		return status;
	status = check_sections(&doc, &head, err);
	level = status ? NULL : new_level(forms, err);
	if (!status && !level)
		status = STATUS_ERR_NOMEM;
	if (!status)
		status = load_identity(forms, &doc, head, file->rel, level, err);
	if (!status)
		status = load_rules(&doc, head, level, err);
	if (!status)
		status = load_workflow(&doc, level, err);
	if (!status)
		status = check_workflow(&doc, head, level, err);
	if (!status)
		status = load_materials(&doc, level, err);
	if (!status)
		status = load_material_lists(&doc, head, level, err);
	if (!status)
		status = forms_load_panels(&doc, level, err);
	if (!status)
		status = check_requirements(&doc, level, err);
	if (!status)
		status = forms_load_kpis(&doc, level, err);
	ini_doc_free(&doc);
	return status;
}

static int level_compare(const void *a, const void *b)
{
	return ((const struct level *)a)->order - ((const struct level *)b)->order;
}

enum status forms_check_levels(struct forms *forms, struct error *err)
{
	size_t i;

	for (i = 0; level_keys[i]; i++) {
		if (!forms_level(forms, level_keys[i]))
			return error_set(err, STATUS_ERR_FORMS, _("%s/levels: level '%s' is missing (levels/%s.ini)"),
					 forms->dir, level_keys[i], level_keys[i]);
	}
	qsort(forms->levels, forms->level_count, sizeof(*forms->levels), level_compare);
	return STATUS_OK;
}
