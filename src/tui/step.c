/* Taking a workflow step: the steps allowed from where the case stands,
 * those the user's role may not take dimmed, and under them what the step
 * under the cursor needs (its preconditions, held ✓ or not ✗, and any
 * warning). Enter opens a form on the screen: the step's date (as the
 * office writes dates), a note (the reason, when the step requires one),
 * the issuing document's number (文号) when it requires one and, when a
 * precondition is not met, an admin's override reason; the preconditions
 * are checked again for the date typed. [ Take the step ] asks y/n and
 * takes it against the state the case screen showed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/forms/labels.h"
#include "gradus/store/preconditions.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"
#include "form.h"

#define STEP_MAX 32
/* Lines one precondition may take under the steps or over the form. */
#define ITEM_LINES 4

enum step_mode { MODE_LIST, MODE_FORM, MODE_CONFIRM };

struct step_menu {
	char id[33], number[32], level[32], state[64];
	const struct level_step *steps[STEP_MAX];
	size_t count, cursor;
	enum step_mode mode;
	/* The preconditions of the step under the cursor (or in the form) on
	 * check_on; check_error when they could not be read. */
	struct step_check check;
	size_t checked; /* the step they are of; STEP_MAX: none yet */
	struct date check_on;
	struct error check_error; /* its message "" when none */
	struct form form;
	size_t row_date, row_note, row_document, row_override, row_take; /* FORM_NONE: not on the form */
	char title[160];
};

static const enum action step_hints[] = { ACTION_OPEN, ACTION_BACK, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static void recheck(struct tui *tui, struct step_menu *menu, struct date on)
{
	struct error err = { "" };

	menu->checked = menu->cursor;
	menu->check_on = on;
	menu->check_error.message[0] = '\0';
	/* err may hold a message though the check went well (a step for
	 * another role is checked all the same): kept only on a failure */
	if (menu->count &&
	    case_step_check(tui->store, tui->forms, menu->id, menu->steps[menu->cursor]->key, on, &menu->check, &err)) {
		menu->check_error = err;
		menu->check.count = menu->check.unmet = 0;
	}
}

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
	menu->checked = STEP_MAX;
	/* L10N: title of the step menu: the case number */
	snprintf(menu->title, sizeof(menu->title), _("%s: take a step"), menu->number);
	view->data = menu;
	recheck(tui, menu, store_today(tui->store));
	return STATUS_OK;
}

static const char *step_name(const struct tui *tui, const struct step_menu *menu, const struct level_step *step)
{
	return case_step_name(tui, menu->level, step->key);
}

static bool is_admin(const struct tui *tui)
{
	return !strcmp(store_role(tui->store), "admin");
}

static const char *role_name(const struct tui *tui)
{
	return *store_role(tui->store) ? label_role(store_role(tui->store)) : _("without a role");
}

/* "clerk, admin" */
static void roles_text(const struct level_step *step, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < step->role_count && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? _(", ") : "", label_role(step->roles[i]));
}

/* Drawing. */

/* text from y, x wrapped in cells over at most `lines` lines, the last
 * one cut with … when it goes on; the lines used. */
static int draw_wrapped(int y, int x, const char *text, int cells, attr_t attr, int lines)
{
	const char *rest = text;
	int used = 0;

	while (*rest && used < lines && cells > 0) {
		size_t n = used + 1 == lines ? strlen(rest) : utf8_wrap(rest, cells);
		char line[1024];

		snprintf(line, sizeof(line), "%.*s", (int)n, rest);
		draw_text_cut(y + used++, x, line, cells, attr);
		for (rest += n; *rest == ' '; rest++)
			;
	}
	return used;
}

/* One line of the section: a mark (✓ held, ✗ not held, ! a warning)
 * and its text, so the marks and the text tell them apart without
 * colour; not held in the due colour and bold. */
static int draw_item(int y, int bottom, const char *mark, const char *text, attr_t attr)
{
	int lines = bottom - y < ITEM_LINES ? bottom - y : ITEM_LINES;

	if (lines <= 0)
		return 0;
	draw_text(y, 2, mark, 2, attr);
	return draw_wrapped(y, 4, text, COLS - 5, attr, lines);
}

/* What the step needs, from line y to bottom: its preconditions and any
 * warning; in the form, who may take it anyway. Returns the next line. */
static int draw_check(struct tui *tui, const struct step_menu *menu, int y, int bottom, bool form)
{
	const struct step_check *c = &menu->check;
	attr_t unmet = draw_colour(tui, COLOUR_DUE, A_BOLD);
	char line[512], on[DATE_TEXT_SIZE];
	size_t i;

	date_format(menu->check_on, on);
	if (y >= bottom)
		return y;
	if (form)
		/* L10N: over the step form: the step, the state it leads to, the date typed */
		snprintf(line, sizeof(line), _("Take '%s' → %s on %s:"), step_name(tui, menu, menu->steps[menu->checked]),
			 tui_state_name(tui, menu->level, menu->steps[menu->checked]->to), on);
	else
		/* L10N: over the preconditions of a step: its name, the date they are checked for */
		snprintf(line, sizeof(line), _("Before '%s' on %s:"), step_name(tui, menu, menu->steps[menu->checked]), on);
	draw_text(y++, 1, line, COLS - 1, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (menu->check_error.message[0])
		return y + draw_item(y, bottom, "✗", menu->check_error.message, draw_colour(tui, COLOUR_ERROR, A_BOLD));
	if (!c->count && y < bottom)
		/* L10N: a step with no precondition */
		draw_text(y++, 4, _("nothing needs to be recorded first"), COLS - 4, A_NORMAL);
	for (i = 0; i < c->count; i++)
		y += draw_item(y, bottom, c->items[i].met ? "✓" : "✗", c->items[i].text,
			       c->items[i].met ? A_NORMAL : unmet);
	if (c->warning[0])
		/* L10N: the mark of a warning under a step's preconditions */
		y += draw_item(y, bottom, "!", c->warning, A_BOLD);
	if (!form || !c->unmet || y >= bottom)
		return y;
	if (is_admin(tui))
		/* L10N: in the step form when a precondition is not met and the user is an admin */
		snprintf(line, sizeof(line), "%s", _("As an admin you may take it anyway: give the reason below."));
	else
		/* L10N: in the step form when a precondition is not met: the user's role */
		snprintf(line, sizeof(line), _("Only an admin may take it anyway, with a written reason; you are %s."),
			 role_name(tui));
	return y + draw_wrapped(y, 2, line, COLS - 3, is_admin(tui) ? A_NORMAL : unmet, 2);
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

static void draw_list(struct tui *tui, struct step_menu *menu, int top, int height)
{
	char line[256];
	size_t i;
	int y = top + 2;

	/* L10N: heading of the step menu; %s is the state the case is in */
	snprintf(line, sizeof(line), _("Steps from %s:"), tui_state_name(tui, menu->level, menu->state));
	draw_text(top, 1, line, COLS - 1, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (!menu->count) {
		draw_text(top + 2, 2, _("None: the case is closed."), COLS - 2, A_NORMAL);
		return;
	}
	for (i = 0; i < menu->count && y < top + height; i++)
		draw_step(tui, menu, i, y++);
	if (menu->checked < menu->count)
		draw_check(tui, menu, y + 1, top + height, false);
}

static void step_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct step_menu *menu = view->data;
	char date[DATE_TEXT_SIZE];
	int y;

	if (menu->mode == MODE_LIST) {
		draw_list(tui, menu, top, height);
		return;
	}
	/* the form keeps its rows and the line over its button */
	y = draw_check(tui, menu, top, top + height - (int)menu->form.count - 2, true);
	form_draw(tui, &menu->form, y, top + height - y);
	if (menu->mode == MODE_CONFIRM && !tui->message[0]) {
		date_format(menu->check_on, date);
		if (menu->check.unmet)
			/* L10N: confirmation on the status line: step, date, how many preconditions overridden; keep y/n */
			tui_say(tui, false, ngettext("Take '%s' on %s over %zu unmet precondition? y/n",
						     "Take '%s' on %s over %zu unmet preconditions? y/n", menu->check.unmet),
				step_name(tui, menu, menu->steps[menu->cursor]), date, menu->check.unmet);
		else
			/* L10N: confirmation on the status line; keep y/n */
			tui_say(tui, false, _("Take step '%s' on %s? y/n"), step_name(tui, menu, menu->steps[menu->cursor]),
				date);
	}
}

/* The form. */

/* A date as the office writes it (2027-03-05, 2027/3/5, 2027年3月5日), one
 * a record may carry. */
static enum status typed_date(const char *text, struct date *on, struct error *err)
{
	enum status status = date_parse_office(text, on, err);

	/* L10N: the name of a step's date in a refusal */
	return status ? status : date_check_range(_("Date"), *on, clock_today(), err);
}

static bool check_typed_date(const char *text, char *message, size_t size)
{
	struct error err = { "" };
	struct date on;

	if (!typed_date(text, &on, &err))
		return true;
	snprintf(message, size, "%s", tui_without_value(err.message, text));
	return false;
}

/* The values typed, kept when the form is built again. */
struct step_values {
	char *date, *note, *document, *override;
};

static void values_free(struct step_values *v)
{
	free(v->date);
	free(v->note);
	free(v->document);
	free(v->override);
	memset(v, 0, sizeof(*v));
}

static char *row_value(const struct form *form, size_t row)
{
	return row == FORM_NONE ? NULL : form_value(form, row);
}

/* The rows the step and its preconditions call for: an override reason
 * only for an admin, only when a precondition is not met. */
static void build_form(struct tui *tui, struct step_menu *menu)
{
	const struct level_step *step = menu->steps[menu->cursor];
	char today[DATE_TEXT_SIZE];

	date_format(store_today(tui->store), today);
	form_free(&menu->form);
	form_init(&menu->form);
	menu->form.pops = false; /* leaving the form goes back to the list */
	/* L10N: labels of the step form */
	menu->row_date = form_add(&menu->form, FORM_TEXT, _("Date"), today);
	form_set_check(&menu->form, menu->row_date, check_typed_date);
	/* L10N: the note of a step that requires a reason is labelled as the reason */
	menu->row_note = form_add(&menu->form, FORM_TEXT, step->requires & STEP_NEEDS_REASON ? _("Reason") : _("Note"),
				  NULL);
	menu->row_document = FORM_NONE;
	if (step->requires & STEP_NEEDS_DOCUMENT)
		/* L10N: the issuing document's number of a step */
		menu->row_document = form_add(&menu->form, FORM_TEXT, _("Document No. (文号)"), NULL);
	menu->row_override = FORM_NONE;
	if (menu->check.unmet && is_admin(tui))
		/* L10N: an admin's written reason to take a step though a precondition is not met */
		menu->row_override = form_add(&menu->form, FORM_TEXT, _("Override reason"), NULL);
	/* L10N: the button of the step form */
	menu->row_take = form_add(&menu->form, FORM_BUTTON, _("Take the step"), NULL);
}

/* Builds the form again when the date typed changes whether an override
 * is asked for; the values typed are kept (and still count as not saved,
 * so that Esc asks before they are lost), the focus goes to `focus`. */
static void rebuild_if_needed(struct tui *tui, struct step_menu *menu, size_t focus)
{
	bool asked = menu->row_override != FORM_NONE, needed = menu->check.unmet && is_admin(tui);
	struct step_values v = { row_value(&menu->form, menu->row_date), row_value(&menu->form, menu->row_note),
				 row_value(&menu->form, menu->row_document), row_value(&menu->form, menu->row_override) };

	if (asked != needed) {
		build_form(tui, menu);
		form_set_value(&menu->form, menu->row_date, v.date ? v.date : "");
		form_set_value(&menu->form, menu->row_note, v.note ? v.note : "");
		if (menu->row_document != FORM_NONE)
			form_set_value(&menu->form, menu->row_document, v.document ? v.document : "");
		if (menu->row_override != FORM_NONE)
			form_set_value(&menu->form, menu->row_override, v.override ? v.override : "");
		menu->form.focus = focus < menu->form.count ? focus : menu->form.count - 1;
	}
	values_free(&v);
}

/* The date typed, when it is one: the preconditions checked for it. */
static void recheck_typed(struct tui *tui, struct step_menu *menu, size_t focus)
{
	char *text = row_value(&menu->form, menu->row_date);
	struct error err = { "" };
	struct date on;

	if (text && !typed_date(text, &on, &err) && date_compare(on, menu->check_on)) {
		recheck(tui, menu, on);
		rebuild_if_needed(tui, menu, focus);
	}
	free(text);
}

static void open_form(struct tui *tui, struct step_menu *menu)
{
	recheck(tui, menu, store_today(tui->store));
	build_form(tui, menu);
	menu->mode = MODE_FORM;
	/* L10N: the status line when the step form opens */
	tui_say(tui, false, "%s", _("Enter edits a field; [ Take the step ] asks before it is taken; Esc leaves"));
}

static bool blank(const char *text)
{
	return !text || !text[strspn(text, " \t")];
}

/* Whether the form will do: a date, the reason and 文号 when the step
 * requires them, the override reason when one is needed (a non-admin
 * cannot take it). What is missing is said and takes the focus. */
static bool ready(struct tui *tui, struct step_menu *menu)
{
	const struct level_step *step = menu->steps[menu->cursor];
	char *note = row_value(&menu->form, menu->row_note), *document = row_value(&menu->form, menu->row_document);
	char *override = row_value(&menu->form, menu->row_override);
	bool ok = false;

	if (form_check(&menu->form) < menu->form.count) {
		tui_say(tui, true, "%s", menu->form.rows[menu->form.focus].message);
	} else if (menu->check.unmet && !is_admin(tui)) {
		/* L10N: a step refused in the form (its preconditions are listed above): the user's role */
		tui_say(tui, true, _("Not taken: only an admin may override an unmet precondition; you are %s"),
			role_name(tui));
	} else if ((step->requires & STEP_NEEDS_REASON) && blank(note)) {
		menu->form.focus = menu->row_note;
		/* L10N: a step that requires a reason, taken without one */
		tui_say(tui, true, _("'%s' needs a reason: type it in Reason"), step_name(tui, menu, step));
	} else if (menu->row_document != FORM_NONE && blank(document)) {
		menu->form.focus = menu->row_document;
		/* L10N: a step that requires the issuing document's number, taken without one */
		tui_say(tui, true, _("'%s' needs its 文号, the issuing document's number"),
			step_name(tui, menu, step));
	} else if (menu->row_override != FORM_NONE && blank(override)) {
		menu->form.focus = menu->row_override;
		/* L10N: an admin taking a step though a precondition is not met, without a reason */
		tui_say(tui, true, "%s", _("A precondition is not met: type the reason for the override in Override reason"));
	} else {
		ok = true;
	}
	free(note);
	free(document);
	free(override);
	return ok;
}

static void take(struct tui *tui, struct step_menu *menu)
{
	const struct level_step *step = menu->steps[menu->cursor];
	struct step_values v = { NULL, row_value(&menu->form, menu->row_note), row_value(&menu->form, menu->row_document),
				 row_value(&menu->form, menu->row_override) };
	struct step_request request = { step->key, menu->check_on, blank(v.note) ? NULL : v.note,
					blank(v.document) ? NULL : v.document, blank(v.override) ? NULL : v.override,
					menu->state };
	struct error err = { "" };
	char done[512];

	menu->mode = MODE_FORM;
	if (case_take(tui->store, tui->forms, menu->id, &request, &err)) {
		tui_say(tui, true, "%s", err.message);
		values_free(&v);
		return;
	}
	values_free(&v);
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
		menu->mode = MODE_FORM;
		/* L10N: the step confirmation answered no */
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	}
	return true;
}

static bool form_mode_key(struct tui *tui, struct step_menu *menu, enum action action, int code, wint_t ch)
{
	size_t pressed;
	bool handled = form_key(tui, &menu->form, action, code, ch, &pressed);

	if (menu->form.leaving || (!handled && action == ACTION_BACK)) {
		menu->mode = MODE_LIST;
		form_free(&menu->form);
		recheck(tui, menu, store_today(tui->store));
		/* L10N: the step form left without taking the step */
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
		return true;
	}
	if (!handled)
		return action != ACTION_QUIT && action != ACTION_HELP;
	if (menu->form.left != FORM_NONE && menu->form.left == menu->row_date)
		recheck_typed(tui, menu, menu->form.focus);
	if (pressed != FORM_NONE && pressed == menu->row_take) {
		/* the date typed last counts, though its field was not left */
		recheck_typed(tui, menu, menu->row_take);
		if (ready(tui, menu))
			menu->mode = MODE_CONFIRM;
	}
	return true;
}

/* The list. */

static void refuse(struct tui *tui, const struct step_menu *menu, const struct level_step *step)
{
	char roles[128];

	roles_text(step, roles, sizeof(roles));
	if (step->role_count == 1 && !strcmp(step->roles[0], "system"))
		/* L10N: a step only the clock takes (gradus sweep) */
		tui_say(tui, true, _("'%s' is taken by the system, not by a person"), step_name(tui, menu, step));
	else
		/* L10N: a step refused: step name, the roles that may take it, the user's role */
		tui_say(tui, true, _("'%s' is for %s; you are %s"), step_name(tui, menu, step), roles, role_name(tui));
}

static bool list_key(struct tui *tui, struct step_menu *menu, enum action action)
{
	size_t was = menu->cursor;

	switch (action) {
	case ACTION_DOWN: if (menu->cursor + 1 < menu->count) menu->cursor++; break;
	case ACTION_UP: if (menu->cursor > 0) menu->cursor--; break;
	case ACTION_HOME: menu->cursor = 0; break;
	case ACTION_END: menu->cursor = menu->count ? menu->count - 1 : 0; break;
	case ACTION_OPEN:
		if (!menu->count)
			return true;
		if (case_may_take(tui->store, menu->steps[menu->cursor]))
			open_form(tui, menu);
		else
			refuse(tui, menu, menu->steps[menu->cursor]);
		return true;
	default:
		return false;
	}
	if (menu->cursor != was)
		recheck(tui, menu, store_today(tui->store));
	return true;
}

static bool step_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct step_menu *menu = view->data;

	if (menu->mode == MODE_CONFIRM)
		return confirm_key(tui, menu, action, code ? 0 : ch);
	if (menu->mode == MODE_FORM)
		return form_mode_key(tui, menu, action, code, ch);
	return list_key(tui, menu, action);
}

static void step_close(struct tui *tui, struct view *view)
{
	struct step_menu *menu = view->data;

	(void)tui;
	if (menu)
		form_free(&menu->form);
	free(menu);
	view->data = NULL;
}

const struct view_ops step_view_ops = {
	.name = "step",
	.open = step_open,
	.draw = step_draw,
	.key = step_key,
	.close = step_close,
	VIEW_TITLE_AT(struct step_menu, title),
	.hints = step_hints,
};
