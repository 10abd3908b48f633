/* The experts' registry (专家库): code, name, fields of expertise as stage
 * names, affiliation, region; n registers one through a small form (name,
 * fields among the 8 stages, affiliation, region, contact, conflicts),
 * Enter or a second click opens one's record to change it (expert.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/i18n.h"
#include "gradus/panels.h"
#include "form.h"
#include "panels_private.h"

struct experts_screen {
	struct expert_row *rows;
	size_t count, cursor, top;
	int rows_y, rows_shown; /* the screen line of the first row shown, and how many are */
};

static const enum action experts_hints[] = { ACTION_OPEN, ACTION_NEW_EXPERT, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static enum status load(struct tui *tui, struct experts_screen *s, struct error *err)
{
	struct expert_row *rows = NULL;
	size_t count = 0;
	enum status status = expert_list(tui->store, &rows, &count, err);

	if (status)
		return status;
	expert_rows_free(s->rows, s->count);
	s->rows = rows;
	s->count = count;
	if (s->cursor >= count)
		s->cursor = count ? count - 1 : 0;
	return STATUS_OK;
}

static enum status experts_open(struct tui *tui, struct view *view, struct error *err)
{
	struct experts_screen *s = calloc(1, sizeof(*s));
	enum status status;

	if (!s)
		return STATUS_ERR_NOMEM;
	status = load(tui, s, err);
	if (status) {
		free(s);
		return status;
	}
	view->data = s;
	return STATUS_OK;
}

/* "研发设计、生产作业" from "rnd,process". */
void experts_fields_text(const struct tui *tui, const char *keys, char *out, size_t size)
{
	char copy[512], *word, *save = NULL;
	size_t used = 0;

	snprintf(copy, sizeof(copy), "%s", keys ? keys : "");
	out[0] = '\0';
	for (word = strtok_r(copy, ",", &save); word && used < size; word = strtok_r(NULL, ",", &save)) {
		const struct stage *stage = forms_stage(tui->forms, word);
		const char *name = !stage ? word : i18n_chinese() ? stage->zh : stage->en;

		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? (i18n_chinese() ? "、" : ", ") : "", name);
	}
}

static void experts_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct experts_screen *s = view->data;
	/* L10N: column headings of the experts' registry */
	const char *heads[] = { _("Code"), _("Name"), _("Fields"), _("Affiliation"), _("Region") };
	const int xs[] = { 2, 9, 20, 46, 68 };
	int rows = height - 2, c;
	size_t i;

	for (c = 0; c < 5; c++)
		draw_text(top, xs[c], heads[c], (c < 4 ? xs[c + 1] - 1 : COLS) - xs[c],
			  draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (!s->count)
		/* L10N: the experts' registry when it is empty */
		draw_text(top + 2, 2, _("No expert yet: n registers one."), COLS - 2, A_NORMAL);
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (rows > 0 && s->cursor >= s->top + (size_t)rows)
		s->top = s->cursor - (size_t)rows + 1;
	s->rows_y = top + 1;
	s->rows_shown = rows > 0 ? rows : 0;
	for (i = s->top; i < s->count && (int)(i - s->top) < rows; i++) {
		const struct expert_row *e = &s->rows[i];
		int y = top + 1 + (int)(i - s->top);
		attr_t attr = i == s->cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
		char fields[512];
		const char *cols[5];

		experts_fields_text(tui, e->fields, fields, sizeof(fields));
		cols[0] = e->code;
		cols[1] = e->name;
		cols[2] = fields;
		cols[3] = e->affiliation ? e->affiliation : "";
		cols[4] = e->region && *e->region ? tui_region_name(tui, e->region) : "—";
		draw_text(y, 0, i == s->cursor ? ">" : " ", 1, A_NORMAL);
		for (c = 0; c < 5; c++)
			draw_text(y, xs[c], cols[c], (c < 4 ? xs[c + 1] - 1 : COLS) - xs[c], attr);
	}
}

static const struct view_ops expert_form_view_ops;

static bool experts_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	struct experts_screen *s = view->data;
	enum action action = keymap_action_in(KEYMAP_EXPERTS, code, ch);

	(void)global;
	switch (action) {
	case ACTION_NEW_EXPERT: tui_open(tui, &expert_form_view_ops, NULL); return true;
	case ACTION_OPEN:
		if (s->count)
			tui_open(tui, &expert_view_ops, s->rows[s->cursor].code);
		return true;
	default: return tui_list_move(&s->cursor, s->count, action);
	}
}

/* A click selects an expert, a second click opens their record; the wheel
 * moves the cursor (the engine's default). */
static bool experts_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct experts_screen *s = view->data;
	size_t at;

	(void)x;
	if (wheel)
		return false;
	if (y < s->rows_y + s->rows_shown && tui_list_hit(y, s->rows_y, s->top, s->count, &at)) {
		if (at == s->cursor)
			tui_open(tui, &expert_view_ops, s->rows[at].code);
		else
			s->cursor = at;
	}
	return true;
}

static void experts_resume(struct tui *tui, struct view *view)
{
	struct experts_screen *s = view->data;
	struct error err = { "" };
	size_t before = s->count;

	if (load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
	else if (s->count > before)
		s->cursor = s->count - 1;
}

static void experts_close(struct tui *tui, struct view *view)
{
	struct experts_screen *s = view->data;

	(void)tui;
	expert_rows_free(s->rows, s->count);
	free(s);
	view->data = NULL;
}

static const char *experts_title(struct tui *tui, struct view *view)
{
	(void)tui;
	(void)view;
	/* L10N: title of the experts' registry */
	return _("Experts");
}

const struct view_ops experts_view_ops = {
	.name = "experts",
	.open = experts_open,
	.draw = experts_draw,
	.key = experts_key,
	.close = experts_close,
	.title = experts_title,
	.mouse = experts_mouse,
	.resume = experts_resume,
	.hints = experts_hints,
};

/* The form registering an expert. */

enum { ROW_REGISTER = EXPERT_ROW_COUNT };

static const enum action expert_form_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };

bool experts_fields_hold(const char *keys, const char *key)
{
	size_t n = strlen(key);
	const char *p = keys;

	while (p && *p) {
		if (!strncmp(p, key, n) && (p[n] == ',' || !p[n]))
			return true;
		if ((p = strchr(p, ',')))
			p++;
	}
	return false;
}

bool experts_form_rows(struct tui *tui, struct form *f, const struct expert_row *e)
{
	const char *region = e && e->region ? e->region : "";
	bool ok;
	size_t i;

	/* L10N: labels of the form registering an expert */
	form_add(f, FORM_TEXT, _("Name"), e ? e->name : NULL);
	form_add(f, FORM_PICK_MANY, _("Fields"), NULL);
	form_add(f, FORM_TEXT, _("Affiliation"), e ? e->affiliation : NULL);
	form_add(f, FORM_PICK_ONE, _("Region"), NULL);
	form_add(f, FORM_TEXT, _("Contact"), e ? e->contact : NULL);
	form_add(f, FORM_TEXT, _("Conflicts (|)"), e ? e->conflicts : NULL);
	for (i = 0, ok = true; ok && i < tui->forms->stage_count; i++) {
		const struct stage *st = &tui->forms->stages[i];
		char label[256];

		snprintf(label, sizeof(label), "%d %s", st->order, i18n_chinese() ? st->zh : st->en);
		ok = form_option(f, EXPERT_ROW_FIELDS, st->key, label, e && experts_fields_hold(e->fields, st->key));
	}
	/* L10N: a region left empty */
	ok = ok && form_option(f, EXPERT_ROW_REGION, "", _("(none)"), !*region);
	for (i = 0; ok && i < tui->forms->region_count; i++)
		ok = form_option(f, EXPERT_ROW_REGION, tui->forms->regions[i].key,
				 tui_region_name(tui, tui->forms->regions[i].key), !strcmp(region, tui->forms->regions[i].key));
	return ok;
}

static enum status expert_form_open(struct tui *tui, struct view *view, struct error *err)
{
	struct form *f = calloc(1, sizeof(*f));

	(void)err;
	if (!f)
		return STATUS_ERR_NOMEM;
	form_init(f);
	if (!experts_form_rows(tui, f, NULL)) {
		form_free(f);
		free(f);
		return STATUS_ERR_NOMEM;
	}
	/* L10N: the button of the form registering an expert */
	form_add(f, FORM_BUTTON, _("Register"), NULL);
	view->data = f;
	return STATUS_OK;
}

static void expert_register(struct tui *tui, struct form *f)
{
	char *v[EXPERT_ROW_COUNT];
	struct expert_input in;
	struct error err = { "" };
	char code[16], done[256];
	size_t i;
	bool ok = true;

	for (i = 0; i < ROW_REGISTER; i++)
		ok &= (v[i] = form_value(f, i)) != NULL;
	if (ok) {
		in = (struct expert_input){ v[EXPERT_ROW_NAME], v[EXPERT_ROW_FIELDS], v[EXPERT_ROW_AFFILIATION],
					    *v[EXPERT_ROW_REGION] ? v[EXPERT_ROW_REGION] : NULL,
					    *v[EXPERT_ROW_CONTACT] ? v[EXPERT_ROW_CONTACT] : NULL,
					    *v[EXPERT_ROW_CONFLICTS] ? v[EXPERT_ROW_CONFLICTS] : NULL };
		if (expert_add(tui->store, tui->forms, &in, code, &err)) {
			tui_say(tui, true, "%s", err.message);
		} else {
			/* L10N: after an expert was registered: the code, the name */
			snprintf(done, sizeof(done), _("Registered %s %s"), code, v[EXPERT_ROW_NAME]);
			tui_pop(tui); /* frees f */
			tui_say(tui, false, "%s", done);
		}
	}
	for (i = 0; i < ROW_REGISTER; i++)
		free(v[i]);
}

static bool expert_form_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct form *f = view->data;
	size_t pressed;
	bool handled = form_key(tui, f, action, code, ch, &pressed);

	if (pressed == ROW_REGISTER)
		expert_register(tui, f);
	return handled;
}

static void expert_form_draw(struct tui *tui, struct view *view, int top, int height)
{
	form_draw(tui, view->data, top, height);
}

static void expert_form_close(struct tui *tui, struct view *view)
{
	(void)tui;
	form_free(view->data);
	free(view->data);
	view->data = NULL;
}

static const char *expert_form_title(struct tui *tui, struct view *view)
{
	(void)tui;
	(void)view;
	/* L10N: title of the form registering an expert */
	return _("Register an expert");
}

static const struct view_ops expert_form_view_ops = {
	.name = "register-expert",
	.open = expert_form_open,
	.draw = expert_form_draw,
	.key = expert_form_key,
	.close = expert_form_close,
	.title = expert_form_title,
	.hints = expert_form_hints,
};
