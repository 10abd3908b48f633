/* The expert panels (专家组) of a case: number, purpose, date, status,
 * opinion and score; n convenes one (purpose among the level's panels,
 * date, members among the experts, chair among the members), Enter opens
 * one. A member the store refuses (a conflict of interest) is said with
 * its reason and the form stays, to change the members. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "form.h"
#include "listview.h"
#include "panels_private.h"

struct panels_screen {
	struct listview list; /* first: the engine's; rows are struct panel_view */
	char case_id[33], level[32], state[32];
};

static const enum action panels_hints[] = { ACTION_OPEN, ACTION_CONVENE, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static void free_rows(void *rows, size_t count)
{
	struct panel_view *panels = rows;
	size_t i;

	for (i = 0; i < count; i++)
		panel_view_clear(&panels[i]);
	free(panels);
}

static enum status load_panel(struct tui *tui, const char *id, void *row, struct error *err)
{
	return panel_load(tui->store, id, row, err);
}

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	struct panels_screen *s = view->data;
	char (*ids)[33] = NULL;
	size_t found = 0;
	struct case_detail detail;
	enum status status = store_case_detail(tui->store, view->arg, &detail, err);

	if (status)
		return status;
	snprintf(s->case_id, sizeof(s->case_id), "%s", view->arg);
	snprintf(s->level, sizeof(s->level), "%s", detail.row.level);
	snprintf(s->state, sizeof(s->state), "%s", detail.row.state);
	/* L10N: title of a case's expert panels: the case number, the enterprise */
	snprintf(s->list.title, sizeof(s->list.title), _("%s  %s: expert panels"), detail.row.number, detail.row.enterprise);
	case_detail_clear(&detail);
	status = panel_list(tui->store, s->case_id, &ids, &found, err);
	if (!status)
		status = listview_load_each(tui, ids, found, sizeof(struct panel_view), load_panel, free_rows, rows, count, err);
	free(ids);
	return status;
}

const char *panels_opinion_name(const char *opinion)
{
	return opinion && *opinion ? label_panel_opinion(opinion) : "—";
}

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct panels_screen *s = view->data;
	const struct panel_view *p = LISTVIEW_ROW(view, struct panel_view, row);

	(void)buffer;
	(void)size;
	switch (column) {
	case 0: return p->number;
	case 1: return label_panel_purpose(tui->forms, s->level, p->purpose);
	case 2: return p->meeting_on;
	case 3: return label_panel_status(p->status);
	case 4: return panels_opinion_name(p->opinion);
	default: return p->score && *p->score ? p->score : "—";
	}
}

static const struct view_ops convene_view_ops;

/* L10N: column headings of a case's expert panels */
static const struct list_column columns[] = {
	{ N_("Panel"), 21, 0, 0, false }, { N_("Purpose"), 17, 40, 0, false }, { N_("Date"), 10, 0, 0, false },
	{ N_("Status"), 7, 0, 0, false }, { N_("Opinion"), 12, 30, 0, false }, { N_("Score"), 6, 0, 0, false },
};

static const struct list_ops panels_list = {
	.screen_size = sizeof(struct panels_screen),
	.columns = columns, .column_count = 6, .x = 2, .gap = 1, .follow_new = true,
	.load = load, .free_rows = free_rows, .cell = cell, .opens = &panel_view_ops, .row_size = sizeof(struct panel_view), .arg_at = offsetof(struct panel_view, id),
	.scope = KEYMAP_PANELS, .create = ACTION_CONVENE, .creates = &convene_view_ops,
	/* L10N: a case without expert panels */
	.empty_text = N_("No panel yet: n convenes one."),
};

const struct view_ops panels_view_ops = LISTVIEW_VIEW_OPS("panels", panels_list, listview_key, panels_hints);

/* Convening a panel. */

enum { ROW_PURPOSE, ROW_DATE, ROW_MEMBERS, ROW_CHAIR, ROW_CONVENE };

struct convene {
	char case_id[33];
	struct form form;
	struct expert_row *experts;
	size_t expert_count;
};

static const enum action convene_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };

static void convene_free(struct convene *c)
{
	form_free(&c->form);
	expert_rows_free(c->experts, c->expert_count);
	free(c);
}

static enum status convene_options(struct tui *tui, struct convene *c, const struct case_detail *d)
{
	const struct level *level = forms_level(tui->forms, d->row.level);
	bool chosen = false;
	size_t i, j;

	for (i = 0; level && i < level->panel_count; i++) {
		const struct level_panel *p = &level->panels[i];
		bool sits = false;

		for (j = 0; j < p->from_count; j++)
			sits |= !strcmp(p->from[j], d->row.state);
		if (!form_option(&c->form, ROW_PURPOSE, p->key, i18n_chinese() ? p->zh : p->en, sits && !chosen))
			return STATUS_ERR_NOMEM;
		chosen |= sits;
	}
	for (i = 0; i < c->expert_count; i++) {
		const struct expert_row *e = &c->experts[i];
		char label[512];

		snprintf(label, sizeof(label), "%s %s (%s)", e->code, e->name, e->affiliation ? e->affiliation : "");
		if (!form_option(&c->form, ROW_MEMBERS, e->code, label, false))
			return STATUS_ERR_NOMEM;
	}
	return STATUS_OK;
}

static enum status convene_open(struct tui *tui, struct view *view, struct error *err)
{
	struct convene *c = calloc(1, sizeof(*c));
	struct case_detail d;
	char today[DATE_TEXT_SIZE];
	enum status status;

	if (!c)
		return STATUS_ERR_NOMEM;
	snprintf(c->case_id, sizeof(c->case_id), "%s", view->arg);
	form_init(&c->form);
	date_format(store_today(tui->store), today);
	/* L10N: labels of the form convening an expert panel */
	form_add(&c->form, FORM_PICK_ONE, _("Purpose"), NULL);
	form_add(&c->form, FORM_TEXT, _("Meeting date"), today);
	form_add(&c->form, FORM_PICK_MANY, _("Members"), NULL);
	form_add(&c->form, FORM_PICK_ONE, _("Chair"), NULL);
	/* L10N: the button of the form convening an expert panel */
	form_add(&c->form, FORM_BUTTON, _("Convene the panel"), NULL);
	if ((status = expert_list(tui->store, &c->experts, &c->expert_count, err)) ||
	    (status = store_case_detail(tui->store, c->case_id, &d, err))) {
		convene_free(c);
		return status;
	}
	status = convene_options(tui, c, &d);
	case_detail_clear(&d);
	if (status) {
		convene_free(c);
		return status;
	}
	view->data = c;
	return STATUS_OK;
}

/* The chair is chosen among the members ticked: its options follow them. */
static void chair_options(struct convene *c)
{
	struct form_row *members = &c->form.rows[ROW_MEMBERS], *chair = &c->form.rows[ROW_CHAIR];
	char was[16] = "";
	size_t i;

	for (i = 0; i < chair->option_count; i++)
		if (chair->options[i].picked)
			snprintf(was, sizeof(was), "%s", chair->options[i].key);
	form_options_clear(&c->form, ROW_CHAIR);
	for (i = 0; i < members->option_count; i++)
		if (members->options[i].picked)
			form_option(&c->form, ROW_CHAIR, members->options[i].key, members->options[i].label,
				    !strcmp(was, members->options[i].key));
}

static void convene(struct tui *tui, struct convene *c)
{
	char *purpose = form_value(&c->form, ROW_PURPOSE), *date = form_value(&c->form, ROW_DATE);
	char *members = form_value(&c->form, ROW_MEMBERS), *chair = form_value(&c->form, ROW_CHAIR);
	const char **codes = NULL;
	struct panel_plan plan = { .case_key = c->case_id };
	struct error err = { "" };
	char number[48], warnings[512] = "", done[768], *word, *save = NULL;

	if (!purpose || !date || !members || !chair)
		goto cleanup;
	/* as many members as were ticked, however many */
	if (!(codes = calloc(c->form.rows[ROW_MEMBERS].option_count + 1, sizeof(*codes))))
		goto cleanup;
	plan.members = codes;
	for (word = strtok_r(members, ",", &save); word; word = strtok_r(NULL, ",", &save))
		codes[plan.member_count++] = word;
	plan.purpose = purpose;
	plan.chair = *chair ? chair : NULL;
	if (date_parse(date, &plan.on, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else if (!plan.member_count) {
		/* L10N: convening a panel without ticking a member */
		tui_say(tui, true, "%s", _("Tick at least one member (x)"));
	} else if (panel_plan(tui->store, tui->forms, &plan, number, warnings, &err)) {
		tui_say(tui, true, "%s", err.message); /* e.g. a conflict of interest: change the members */
	} else {
		if (*warnings)
			/* L10N: after a panel was convened, the store's warnings (an expert from the same region) */
			snprintf(done, sizeof(done), _("Warning: %s"), warnings);
		else
			/* L10N: after a panel was convened: its number */
			snprintf(done, sizeof(done), _("Convened %s"), number);
		tui_pop(tui); /* frees c; the list reads its panels anew */
		tui_say(tui, *warnings != '\0', "%s", done);
	}
cleanup:
	if (!codes)
		tui_say(tui, true, "%s", _("out of memory"));
	free(codes);
	free(purpose);
	free(date);
	free(members);
	free(chair);
}

static bool convene_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct convene *c = view->data;
	size_t pressed;

	if (!c->form.picking && !c->form.editing && c->form.focus == ROW_CHAIR && action == ACTION_OPEN) {
		chair_options(c);
		if (!c->form.rows[ROW_CHAIR].option_count) {
			/* L10N: the chair is chosen among the members ticked */
			tui_say(tui, true, "%s", _("Tick the members first: the chair is one of them"));
			return true;
		}
	}
	if (!c->form.picking && !c->form.editing && action == ACTION_OPEN && c->form.focus == ROW_CONVENE)
		chair_options(c); /* a chair no longer among the members is dropped */
	if (!form_key(tui, &c->form, action, code, ch, &pressed))
		return false;
	if (pressed == ROW_CONVENE)
		convene(tui, c);
	return true;
}

static void convene_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct convene *c = view->data;

	if (!c->expert_count && !c->form.picking)
		/* L10N: convening a panel with an empty registry */
		draw_text(top + height - 1, 2, _("No expert registered yet: X on the case list opens the experts"),
			  COLS - 2, draw_colour(tui, COLOUR_DUE, A_BOLD));
	form_draw(tui, &c->form, top, height);
}

static void convene_close(struct tui *tui, struct view *view)
{
	(void)tui;
	convene_free(view->data);
	view->data = NULL;
}

static const struct view_ops convene_view_ops = {
	.name = "convene",
	.open = convene_open,
	.draw = convene_draw,
	.key = convene_key,
	.close = convene_close,
	/* L10N: title of the form convening an expert panel */
	.title_text = N_("Convene an expert panel"),
	.hints = convene_hints,
};
