/* The help screen: every key of the keymap with what it does. */
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "pager.h"

static const enum action help_hints[] = { ACTION_BACK, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static void scope_heading(struct pager *pager, enum keymap_scope scope)
{
	pager_add(pager, "%s", "");
	if (scope == KEYMAP_CHECKS)
		/* L10N: help: heading above the keys of a case's list of spot checks */
		pager_add(pager, "%s", _("On the checks of a case:"));
	else if (scope == KEYMAP_WALK)
		/* L10N: help: heading above the keys of a spot check (the walk through its items) */
		pager_add(pager, "%s", _("On a spot check (its walk):"));
	else if (scope == KEYMAP_EXPERTS)
		/* L10N: help: heading above the keys of the experts' registry */
		pager_add(pager, "%s", _("On the experts:"));
	else if (scope == KEYMAP_PANELS)
		/* L10N: help: heading above the keys of a case's list of expert panels */
		pager_add(pager, "%s", _("On the panels of a case:"));
	else if (scope == KEYMAP_PANEL)
		/* L10N: help: heading above the keys of one expert panel */
		pager_add(pager, "%s", _("On an expert panel:"));
	else if (scope == KEYMAP_CONFLICTS)
		/* L10N: help: heading above the keys of the conflicts of bundles */
		pager_add(pager, "%s", _("On the conflicts of bundles:"));
	else if (scope == KEYMAP_CULTIVATION)
		/* L10N: help: heading above the keys of a leading case's Cultivation tab */
		pager_add(pager, "%s", _("On the Cultivation tab of a leading case:"));
	else if (scope == KEYMAP_IMPORT)
		/* L10N: help: heading above the keys of the import screen (:import) and its batches */
		pager_add(pager, "%s", _("On the import screen and its batches:"));
}

/* How the import screen is reached, beyond its keys. */
static void import_notes(struct pager *pager)
{
	/* L10N: help lines of the import screen; keep the commands as they are */
	pager_add(pager, "  %s", _(":import cases|experts FILE (CSV or .xlsx) previews it, then y imports"));
	pager_add(pager, "  %s", _(":import alone asks for the kind, the file, a sheet and an encoding"));
	pager_add(pager, "  %s", _(":import batches lists the imports; u undoes the one under the cursor"));
}

/* What the cultivation tab does beyond its keys: the cursor, Enter, the date. */
static void cultivation_notes(struct pager *pager)
{
	/* L10N: help lines of the Cultivation tab; keep the key names */
	pager_add(pager, "  %s", _("↑ ↓ j k select a milestone, KPI, plan, session, follow-up or report"));
	pager_add(pager, "  %s", _("Enter (or a second click) acts on it: done, KPI value, follow-up"));
	pager_add(pager, "  %s", _("Mark done: today's date, or type another; an empty date opens it again"));
}

/* What the walk does beyond its keys: values, choices, the note editor. */
static void walk_notes(struct pager *pager)
{
	/* L10N: help lines of the spot check's walk; keep the key names */
	pager_add(pager, "  %s", _("Enter: edit a number, measure or text; a choice lists its choices (or 1-9)"));
	pager_add(pager, "  %s", _("A measure asks its figure before, then after; an empty before keeps one figure"));
	pager_add(pager, "  %s", _("After a signature a change asks for the amendment's reason"));
	pager_add(pager, "  %s", _("Note editor: Enter new line, F2 or ^O saves, Esc cancels"));
}

/* What the expert and panel forms do beyond their keys. */
static void form_notes(struct pager *pager)
{
	/* L10N: help lines of the expert and panel forms; keep the key names */
	pager_add(pager, "  %s", _("Forms: Enter edits a field or opens a picker; / searches it, x ticks"));
	pager_add(pager, "  %s", _("A signed panel is read-only; S shows the step the opinion takes"));
	/* L10N: help lines of the step menu (s on a case); keep the key names */
	pager_add(pager, "  %s", _("Steps (s): ✓ held, ✗ not held under the step; Enter opens its form"));
	pager_add(pager, "  %s", _("  date (2027-03-05, 2027/3/5, 2027年3月5日), note or reason, 文号; an admin"));
	pager_add(pager, "  %s", _("  may override what is not held with a written reason; then y takes it"));
}

static enum status help_open(struct tui *tui, struct view *view, struct error *err)
{
	struct pager *pager = calloc(1, sizeof(*pager));
	const struct key_binding *bindings;
	size_t count, i, j;
	enum action action;

	(void)tui;
	(void)err;
	if (!pager)
		return STATUS_ERR_NOMEM;
	view->data = pager;
	bindings = keymap_bindings(&count);
	pager_add(pager, "%s", _("Keys (each works on every screen where it makes sense):"));
	pager_add(pager, "%s", "");
	for (action = ACTION_NONE + 1; action < ACTION_COUNT; action++) {
		char keys[128] = "";
		size_t used = 0;

		if (keymap_action_scope(action) != keymap_action_scope(action - 1)) {
			if (keymap_action_scope(action - 1) == KEYMAP_WALK)
				walk_notes(pager);
			if (keymap_action_scope(action - 1) == KEYMAP_CULTIVATION)
				cultivation_notes(pager);
			scope_heading(pager, keymap_action_scope(action));
		}

		for (i = 0; i < count; i++) {
			bool seen = false;

			if (bindings[i].action != action)
				continue;
			for (j = 0; j < i; j++)
				seen |= bindings[j].action == action && !strcmp(bindings[j].label, bindings[i].label);
			if (!seen && used < sizeof(keys))
				used += (size_t)snprintf(keys + used, sizeof(keys) - used, "%s%s", used ? " " : "",
							 bindings[i].label);
		}
		{
			int pad = 16 - utf8_width(keys);

			pager_add(pager, "  %s%*s %s", keys, pad > 0 ? pad : 0, "", keymap_describe(action));
		}
	}
	import_notes(pager);
	form_notes(pager);
	pager_add(pager, "%s", "");
	pager_add(pager, "%s", _("Commands for scripts and the office: gradus --help; manual: man gradus"));
	return pager->failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

static void help_draw(struct tui *tui, struct view *view, int top, int height)
{
	pager_draw(tui, view->data, top, height);
}

static bool help_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	(void)tui;
	(void)code;
	(void)ch;
	if (action == ACTION_HELP)
		return true;
	return pager_key(view->data, action, LINES - 2);
}

static void help_close(struct tui *tui, struct view *view)
{
	(void)tui;
	pager_clear(view->data);
	free(view->data);
	view->data = NULL;
}

const struct view_ops help_view_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	/* L10N: title of the help screen */
	.title_text = N_("Help"),
	.hints = help_hints,
};
