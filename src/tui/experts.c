/* The experts' registry (专家库): code, name, fields of expertise as stage
 * names, affiliation, region; n registers one through a small form (name,
 * fields among the 8 stages, affiliation, region, contact, conflicts),
 * Enter or a second click opens one's record to change it (expert.c). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "form.h"
#include "listview.h"
#include "panels_private.h"

static const enum action experts_hints[] = { ACTION_OPEN, ACTION_NEW_EXPERT, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	(void)view;
	return expert_list(tui->store, (struct expert_row **)rows, count, err);
}

static void free_rows(void *rows, size_t count)
{
	expert_rows_free(rows, count);
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

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct expert_row *e = LISTVIEW_ROW(view, struct expert_row, row);

	switch (column) {
	case 0: return e->code;
	case 1: return e->name;
	case 2: experts_fields_text(tui, e->fields, buffer, size); return buffer;
	case 3: return e->affiliation ? e->affiliation : "";
	default: return e->region && *e->region ? tui_region_name(tui, e->region) : "—";
	}
}

static const struct view_ops expert_form_view_ops;

/* L10N: column headings of the experts' registry */
static const struct list_column columns[] = {
	{ N_("Code"), 6, 0, 0, false }, { N_("Name"), 10, 16, 0, false }, { N_("Fields"), 25, 48, 0, false },
	{ N_("Affiliation"), 21, 40, 0, false }, { N_("Region"), 12, 20, 0, false },
};

static const struct list_ops experts_list = {
	.columns = columns, .column_count = 5, .x = 2, .gap = 1, .follow_new = true,
	.load = load, .free_rows = free_rows, .cell = cell, .opens = &expert_view_ops, .row_size = sizeof(struct expert_row), .arg_at = offsetof(struct expert_row, code),
	.scope = KEYMAP_EXPERTS, .create = ACTION_NEW_EXPERT, .creates = &expert_form_view_ops,
	/* L10N: title of the experts' registry */
	.title_text = N_("Experts"),
	/* L10N: the experts' registry when it is empty */
	.empty_text = N_("No expert yet: n registers one."),
};

const struct view_ops experts_view_ops = LISTVIEW_VIEW_OPS("experts", experts_list, listview_key, experts_hints);

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

static const struct view_ops expert_form_view_ops = {
	.name = "register-expert",
	.open = expert_form_open,
	.draw = expert_form_draw,
	.key = expert_form_key,
	.close = expert_form_close,
	/* L10N: title of the form registering an expert */
	.title_text = N_("Register an expert"),
	.hints = expert_form_hints,
};
