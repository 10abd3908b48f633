/* Taking a workflow step: the steps allowed from where the case stands,
 * those the user's role may not take dimmed; Enter asks on the status line,
 * y takes the step against the state the case screen showed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/i18n.h"
#include "gradus/labels.h"
#include "case_private.h"

#define STEP_MAX 32

struct step_menu {
	char id[33], number[32], level[32], state[64];
	const struct level_step *steps[STEP_MAX];
	size_t count, cursor;
	bool confirming;
	char title[160];
};

static const enum action step_hints[] = { ACTION_OPEN, ACTION_BACK, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static enum status step_open(struct tui *tui, struct view *view, struct error *err)
{
	const struct case_detail *d = tui->depth ? case_view_detail(&tui->views[tui->depth - 1]) : NULL;
	const struct level *level = d ? forms_level(tui->forms, d->row.level) : NULL;
	struct step_menu *menu;
	size_t n;

	if (!level)
		return error_set(err, STATUS_ERR_INVALID, "%s", _("steps are taken from a case screen"));
	if (!(menu = calloc(1, sizeof(*menu))))
		return STATUS_ERR_NOMEM;
	snprintf(menu->id, sizeof(menu->id), "%s", d->row.id);
	snprintf(menu->number, sizeof(menu->number), "%s", d->row.number);
	snprintf(menu->level, sizeof(menu->level), "%s", d->row.level);
	snprintf(menu->state, sizeof(menu->state), "%s", d->row.state);
	n = case_steps_from(level, menu->state, menu->steps, STEP_MAX);
	menu->count = n < STEP_MAX ? n : STEP_MAX;
	/* L10N: title of the step menu: the case number */
	snprintf(menu->title, sizeof(menu->title), _("%s: take a step"), menu->number);
	view->data = menu;
	return STATUS_OK;
}

static const char *step_name(const struct tui *tui, const struct step_menu *menu, const struct level_step *step)
{
	return case_step_name(tui, menu->level, step->key);
}

/* "clerk, admin" */
static void roles_text(const struct level_step *step, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < step->role_count && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? _(", ") : "", label_role(step->roles[i]));
}

static void draw_step(struct tui *tui, const struct step_menu *menu, size_t i, int y)
{
	const struct level_step *step = menu->steps[i];
	bool may = case_may_take(tui->store, step);
	attr_t attr = i == menu->cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : may ? A_NORMAL : A_DIM;
	char roles[128], refused[192], line[512];

	roles_text(step, roles, sizeof(roles));
	/* L10N: after a step the user may not take: the roles that may */
	snprintf(refused, sizeof(refused), _("(for %s)"), roles);
	snprintf(line, sizeof(line), "%s → %s%s%s", step_name(tui, menu, step), tui_state_name(tui, menu->level, step->to),
		 may ? "" : "   ", may ? "" : refused);
	draw_text(y, 0, i == menu->cursor ? ">" : " ", 1, A_NORMAL);
	draw_text(y, 2, line, COLS - 2, attr);
}

static void step_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct step_menu *menu = view->data;
	char line[256], date[DATE_TEXT_SIZE];
	size_t i;

	/* L10N: heading of the step menu; %s is the state the case is in */
	snprintf(line, sizeof(line), _("Steps from %s:"), tui_state_name(tui, menu->level, menu->state));
	draw_text(top, 1, line, COLS - 1, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (!menu->count)
		draw_text(top + 2, 2, _("None: the case is closed."), COLS - 2, A_NORMAL);
	for (i = 0; i < menu->count && (int)i < height - 2; i++)
		draw_step(tui, menu, i, top + 2 + (int)i);
	if (menu->confirming) {
		date_format(store_today(tui->store), date);
		/* L10N: confirmation on the status line; keep y/n */
		tui_say(tui, false, _("Take step '%s' on %s? y/n"), step_name(tui, menu, menu->steps[menu->cursor]), date);
	}
}

static void refuse(struct tui *tui, const struct step_menu *menu, const struct level_step *step)
{
	char roles[128];

	roles_text(step, roles, sizeof(roles));
	if (step->role_count == 1 && !strcmp(step->roles[0], "system"))
		/* L10N: a step only the clock takes (gradus sweep) */
		tui_say(tui, true, _("'%s' is taken by the system, not by a person"), step_name(tui, menu, step));
	else
		/* L10N: a step refused: step name, the roles that may take it, the user's role */
		tui_say(tui, true, _("'%s' is for %s; you are %s"), step_name(tui, menu, step), roles,
			*store_role(tui->store) ? label_role(store_role(tui->store)) : _("without a role"));
}

static void take(struct tui *tui, struct step_menu *menu)
{
	const struct level_step *step = menu->steps[menu->cursor];
	struct error err = { "" };
	char done[512];

	menu->confirming = false;
	if (case_take_step(tui->store, tui->forms, menu->id, step->key, store_today(tui->store), NULL, menu->state,
			   &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	/* L10N: after a step was taken: the step, then the state the case is now in */
	snprintf(done, sizeof(done), _("Took step '%s': the case is now %s"), step_name(tui, menu, step),
		 tui_state_name(tui, menu->level, step->to));
	tui_pop(tui); /* frees menu; the case screen reads the case anew */
	if (!tui->message[0])
		tui_say(tui, false, "%s", done);
}

static bool confirm_key(struct tui *tui, struct step_menu *menu, enum action action, wint_t ch)
{
	if (ch == L'y' || ch == L'Y') {
		take(tui, menu);
	} else if (ch == L'n' || ch == L'N' || action == ACTION_BACK) {
		menu->confirming = false;
		/* L10N: the step confirmation answered no */
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	}
	return true;
}

static bool step_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct step_menu *menu = view->data;

	(void)code;
	if (menu->confirming)
		return confirm_key(tui, menu, action, code ? 0 : ch);
	switch (action) {
	case ACTION_DOWN: if (menu->cursor + 1 < menu->count) menu->cursor++; return true;
	case ACTION_UP: if (menu->cursor > 0) menu->cursor--; return true;
	case ACTION_HOME: menu->cursor = 0; return true;
	case ACTION_END: menu->cursor = menu->count ? menu->count - 1 : 0; return true;
	case ACTION_OPEN:
		if (!menu->count)
			return true;
		if (case_may_take(tui->store, menu->steps[menu->cursor]))
			menu->confirming = true;
		else
			refuse(tui, menu, menu->steps[menu->cursor]);
		return true;
	default:
		return false;
	}
}

const struct view_ops step_view_ops = {
	.name = "step",
	.open = step_open,
	.draw = step_draw,
	.key = step_key,
	VIEW_TITLE_AT(struct step_menu, title),
	.hints = step_hints,
};
