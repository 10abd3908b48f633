/* [panel.KEY] sections of a level file: the expert panels the level
 * convenes, the states they sit in and the step each opinion takes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms_private.h"
#include "gradus/text/i18n.h"

static const char *const panel_keys[] = { "zh", "en", "from", "pass", "fail", "rectify", NULL };

void forms_panels_free(struct level *level)
{
	size_t i;

	for (i = 0; i < level->panel_count; i++) {
		struct level_panel *p = &level->panels[i];

		free(p->key);
		free(p->zh);
		free(p->en);
		forms_strings_free(p->from, p->from_count);
		free(p->pass);
		free(p->fail);
		free(p->rectify);
	}
	free(level->panels);
	level->panels = NULL;
	level->panel_count = 0;
}

static bool step_leaves(const struct level_step *step, const char *state)
{
	size_t i;

	for (i = 0; i < step->from_count; i++)
		if (!strcmp(step->from[i], state))
			return true;
	return false;
}

/* An outcome names a step that can be taken from every state the panel sits in. */
static enum status load_outcome(const struct ini_doc *doc, const struct ini_section *section,
				const struct level *level, const struct level_panel *panel, const char *key,
				char **out, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, key);
	const struct level_step *step;
	enum status status;
	size_t i;

	if (!entry && !strcmp(key, "rectify"))
		return STATUS_OK; /* no pass after rectification: the opinion is refused */
	if ((status = ini_string(doc, section, key, false, out, err)))
		return status;
	if (!(step = forms_level_step(level, *out)))
		return forms_fail(err, doc->path, entry->line, _("panel '%s': %s names no step '%s' of this level"),
				  panel->key, key, *out);
	if (step->ministry)
		/* L10N: a provincial expert panel naming a step the ministry decides (decided_by = ministry) */
		return forms_fail(err, doc->path, entry->line,
				  _("panel '%s': %s names step '%s', the ministry's decision (decided_by = ministry); "
				    "a provincial panel cannot take it"), panel->key, key, *out);
	for (i = 0; i < panel->from_count; i++)
		if (!step_leaves(step, panel->from[i]))
			return forms_fail(err, doc->path, entry->line,
					  _("panel '%s': step '%s' (%s) cannot be taken from state '%s' where the panel sits"),
					  panel->key, *out, key, panel->from[i]);
	return STATUS_OK;
}

/* 五、九: a review is passed or failed (复核通过 / 复核未通过，直接取消认定);
 * there is no pass after rectification. */
static enum status check_review_outcomes(const struct ini_doc *doc, const struct ini_section *section,
					 const struct level *level, const struct level_panel *panel, struct error *err)
{
	const struct level_step *pass = forms_level_step(level, panel->pass);
	const struct ini_entry *entry = ini_get(section, "rectify");

	if (!entry || !pass || !pass->event || strcmp(pass->event, "review_passed"))
		return STATUS_OK;
	/* L10N: a panel's rectify key where the panel decides a review; keep the key name */
	return forms_fail(err, doc->path, entry->line,
			  _("panel '%s': rectify: a review is passed or failed, never passed after rectification "
			    "(五、九); remove the key"), panel->key);
}

static enum status load_from(const struct ini_doc *doc, const struct ini_section *section,
			     const struct level *level, struct level_panel *panel, struct error *err)
{
	const struct ini_entry *from;
	enum status status = ini_require(doc, section, "from", &from, err);
	size_t i;

	if (!status)
		status = ini_split(doc, from, '|', &panel->from, &panel->from_count, err);
	for (i = 0; !status && i < panel->from_count; i++)
		if (!forms_level_state(level, panel->from[i]))
			status = forms_fail(err, doc->path, from->line, _("panel '%s': undeclared state '%s' in 'from'"),
					    panel->key, panel->from[i]);
	return status;
}

static enum status load_panel(const struct ini_doc *doc, const struct ini_section *section,
			      const struct level *level, struct level_panel *panel, struct error *err)
{
	const char *key = forms_suffix(section->name, "panel.");
	enum status status;

	if (!forms_is_key(key))
		return forms_fail(err, doc->path, section->line,
				  _("panel key '%s' must be lower-case letters, digits and '_'"), key);
	if (!(panel->key = strdup(key)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, panel_keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &panel->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &panel->en, err);
	if (!status)
		status = load_from(doc, section, level, panel, err);
	if (!status)
		status = load_outcome(doc, section, level, panel, "pass", &panel->pass, err);
	if (!status)
		status = load_outcome(doc, section, level, panel, "fail", &panel->fail, err);
	if (!status)
		status = load_outcome(doc, section, level, panel, "rectify", &panel->rectify, err);
	if (!status)
		status = check_review_outcomes(doc, section, level, panel, err);
	return status;
}

enum status forms_load_panels(const struct ini_doc *doc, struct level *level, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i, count = 0;

	for (i = 0; i < doc->count; i++)
		count += forms_suffix(doc->sections[i].name, "panel.") != NULL;
	if (!count)
		return STATUS_OK;
	if (!(level->panels = calloc(count, sizeof(*level->panels))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < doc->count && !status; i++)
		if (forms_suffix(doc->sections[i].name, "panel."))
			status = load_panel(doc, &doc->sections[i], level, &level->panels[level->panel_count++], err);
	return status;
}
