/* One expert's record (专家): the registration form filled in, each field
 * written the moment it is left, in a transaction of its own, with "✓
 * saved" or the store's refusal beside it. On a refusal what was typed
 * stays, to correct; when another user changed the field since, their
 * value is shown instead. Esc while typing puts back what was there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "form.h"
#include "panels_private.h"

struct expert_screen {
	char code[16];
	struct form form;
	char *saved[EXPERT_ROW_COUNT]; /* as stored ("" for none): what the next write expects */
	char title[256];
};

static const enum action expert_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };

static const char *const field_of[EXPERT_ROW_COUNT] = {
	[EXPERT_ROW_NAME] = "name", [EXPERT_ROW_FIELDS] = "fields", [EXPERT_ROW_AFFILIATION] = "affiliation",
	[EXPERT_ROW_REGION] = "region", [EXPERT_ROW_CONTACT] = "contact", [EXPERT_ROW_CONFLICTS] = "conflicts",
};

static const char *stored_text(const struct expert_row *e, size_t row)
{
	const char *const values[EXPERT_ROW_COUNT] = { e->name, e->fields, e->affiliation, e->region, e->contact,
						       e->conflicts };

	return values[row] ? values[row] : "";
}

/* Keeps a row's stored value; the form's value of it is saved. */
static bool keep(struct expert_screen *s, size_t row, const char *stored)
{
	free(s->saved[row]);
	s->saved[row] = strdup(stored);
	return form_saved(&s->form, row) && s->saved[row];
}

static void set_title(struct expert_screen *s)
{
	/* L10N: title of an expert's record: the code, the name */
	snprintf(s->title, sizeof(s->title), _("Expert %s  %s"), s->code,
		 s->saved[EXPERT_ROW_NAME] ? s->saved[EXPERT_ROW_NAME] : "");
}

static void screen_free(struct expert_screen *s)
{
	size_t i;

	form_free(&s->form);
	for (i = 0; i < EXPERT_ROW_COUNT; i++)
		free(s->saved[i]);
	free(s);
}

static enum status expert_open(struct tui *tui, struct view *view, struct error *err)
{
	struct expert_screen *s = calloc(1, sizeof(*s));
	struct expert_row e;
	enum status status;
	size_t i;
	bool ok;

	if (!s)
		return STATUS_ERR_NOMEM;
	snprintf(s->code, sizeof(s->code), "%s", view->arg);
	form_init(&s->form);
	s->form.pops = false; /* expert_key reads the screen after form_key */
	if ((status = expert_find(tui->store, s->code, &e, err))) {
		screen_free(s);
		return status;
	}
	ok = experts_form_rows(tui, &s->form, &e);
	for (i = 0; ok && i < EXPERT_ROW_COUNT; i++)
		ok = keep(s, i, stored_text(&e, i));
	expert_row_clear(&e);
	if (!ok) {
		screen_free(s);
		return STATUS_ERR_NOMEM;
	}
	set_title(s);
	view->data = s;
	return STATUS_OK;
}

/* Puts the stored value of a row back into the form. */
static void show_stored(struct tui *tui, struct expert_screen *s, size_t row, const struct expert_row *e)
{
	const char *value = stored_text(e, row);

	form_set_value(&s->form, row, value);
	if (!keep(s, row, value))
		tui_say(tui, true, "%s", status_message(STATUS_ERR_NOMEM));
}

/* After a refusal because another user changed the field: their value. */
static void reload_row(struct tui *tui, struct expert_screen *s, size_t row)
{
	struct expert_row e;
	struct error err = { "" };

	if (expert_find(tui->store, s->code, &e, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	show_stored(tui, s, row, &e);
	expert_row_clear(&e);
}

/* Writes a row that changed since it was read or written. On a refusal
 * the focus goes back to it, with the reason beside it. */
static void write_row(struct tui *tui, struct expert_screen *s, size_t row)
{
	char *value = form_value(&s->form, row), warnings[512];
	struct error err = { "" };
	enum status status;

	if (!value || !form_row_unsaved(&s->form, row)) {
		free(value);
		return;
	}
	status = expert_set_field(tui->store, tui->forms, s->code, field_of[row], value, s->saved[row], warnings, &err);
	if (status) {
		form_say(&s->form, row, true, "%s", err.message);
		s->form.focus = row;
		if (status == STATUS_ERR_CONFLICT)
			reload_row(tui, s, row);
	} else {
		if (*warnings)
			/* L10N: beside a field of an expert, written, with what it means for an open panel they
			 * sit on */
			form_say(&s->form, row, true, _("✓ saved; warning: %s"), warnings);
		else
			/* L10N: beside a field of an expert, just written to the database */
			form_say(&s->form, row, false, "%s", _("✓ saved"));
		if (!keep(s, row, value))
			tui_say(tui, true, "%s", status_message(STATUS_ERR_NOMEM));
		set_title(s);
	}
	free(value);
}

static bool expert_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct expert_screen *s = view->data;
	size_t pressed;
	bool handled = form_key(tui, &s->form, action, code, ch, &pressed);

	if (s->form.leaving) {
		tui_pop(tui); /* frees s */
		return true;
	}
	if (s->form.left != FORM_NONE)
		write_row(tui, s, s->form.left);
	return handled;
}

static void expert_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct expert_screen *s = view->data;

	form_draw(tui, &s->form, top, height);
}

static void expert_close(struct tui *tui, struct view *view)
{
	(void)tui;
	screen_free(view->data);
	view->data = NULL;
}

const struct view_ops expert_view_ops = {
	.name = "expert",
	.open = expert_open,
	.draw = expert_draw,
	.key = expert_key,
	.close = expert_close,
	VIEW_TITLE_AT(struct expert_screen, title),
	.hints = expert_hints,
};
