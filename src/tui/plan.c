/* Planning a spot check of a case: the date (today unless changed), the
 * inspectors ticked among the users who may inspect (inspectors and
 * admins), the declared scenarios or a draw of N with an optional seed.
 * Enter on a field edits it (Enter again leaves it); x or Enter ticks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/checks.h"
#include "gradus/i18n.h"
#include "gradus/labels.h"
#include "gradus/utf8.h"
#include "checks_private.h"
#include "form.h"

enum plan_row { ROW_DATE, ROW_INSPECTOR, ROW_SCENARIOS, ROW_DRAW, ROW_SEED, ROW_PLAN };

#define PLAN_MAX_USERS 64

struct plan_form {
	char case_id[33];
	struct field date, draw, seed;
	struct user_row *users;
	size_t user_count;
	size_t candidates[PLAN_MAX_USERS]; /* indexes of users who may inspect */
	bool ticked[PLAN_MAX_USERS];
	size_t candidate_count;
	bool drawing;   /* draw N instead of the declared scenarios */
	size_t focus;   /* row index as rows() lists them */
	bool editing;
	bool touched, asking; /* something typed or ticked: q asks before it is lost */
	char title[160];
};

static const enum action plan_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_TOGGLE, ACTION_BACK,
					  ACTION_NONE };

/* The rows in order: date, each candidate, scenarios, [draw, seed,] plan. */
static size_t row_count(const struct plan_form *f)
{
	return 1 + f->candidate_count + 1 + (f->drawing ? 2 : 0) + 1;
}

static enum plan_row row_kind(const struct plan_form *f, size_t row, size_t *candidate)
{
	if (row == 0)
		return ROW_DATE;
	if (row <= f->candidate_count) {
		*candidate = row - 1;
		return ROW_INSPECTOR;
	}
	row -= f->candidate_count + 1;
	if (row == 0)
		return ROW_SCENARIOS;
	if (f->drawing && row == 1)
		return ROW_DRAW;
	if (f->drawing && row == 2)
		return ROW_SEED;
	return ROW_PLAN;
}

static struct field *row_field(struct plan_form *f, enum plan_row kind)
{
	switch (kind) {
	case ROW_DATE: return &f->date;
	case ROW_DRAW: return &f->draw;
	case ROW_SEED: return &f->seed;
	default: return NULL;
	}
}

static void plan_free(struct plan_form *f)
{
	field_free(&f->date);
	field_free(&f->draw);
	field_free(&f->seed);
	user_rows_free(f->users, f->user_count);
	free(f);
}

static bool may_inspect(const struct user_row *user)
{
	return !strcmp(user->role, "inspector") || !strcmp(user->role, "admin");
}

static enum status plan_open(struct tui *tui, struct view *view, struct error *err)
{
	struct plan_form *f = calloc(1, sizeof(*f));
	char today[DATE_TEXT_SIZE];
	enum status status;
	size_t i;

	if (!f)
		return STATUS_ERR_NOMEM;
	snprintf(f->case_id, sizeof(f->case_id), "%s", view->arg);
	field_init(&f->date, 10);
	field_init(&f->draw, 0);
	field_init(&f->seed, 0);
	date_format(store_today(tui->store), today);
	field_set(&f->date, today);
	field_set(&f->draw, "2");
	status = store_users(tui->store, &f->users, &f->user_count, err);
	if (status) {
		plan_free(f);
		return status;
	}
	/* The user planning first (ticked when an inspector), then the others. */
	for (i = 0; i < f->user_count; i++)
		if (may_inspect(&f->users[i]) && !strcmp(f->users[i].login, store_actor(tui->store))) {
			f->ticked[0] = !strcmp(f->users[i].role, "inspector");
			f->candidates[f->candidate_count++] = i;
		}
	for (i = 0; i < f->user_count && f->candidate_count < PLAN_MAX_USERS; i++)
		if (may_inspect(&f->users[i]) && strcmp(f->users[i].login, store_actor(tui->store)))
			f->candidates[f->candidate_count++] = i;
	/* L10N: title of the form planning a spot check */
	snprintf(f->title, sizeof(f->title), "%s", _("Plan a spot check"));
	view->data = f;
	return STATUS_OK;
}

static bool parse_count(const char *text, unsigned long long *out)
{
	char *end;

	if (!*text || *text == '-')
		return false;
	*out = strtoull(text, &end, 10);
	return !*end;
}

static void plan(struct tui *tui, struct plan_form *f)
{
	char *date = field_text(&f->date), *draw = field_text(&f->draw), *seed = field_text(&f->seed);
	const char *names[PLAN_MAX_USERS];
	struct check_plan p = { .case_key = f->case_id, .inspectors = names };
	struct error err = { "" };
	unsigned long long n = 0, seed_value = 0;
	struct check_view v;
	char id[33];
	size_t i;

	if (!date || !draw || !seed)
		goto cleanup;
	for (i = 0; i < f->candidate_count; i++)
		if (f->ticked[i])
			names[p.inspector_count++] = f->users[f->candidates[i]].login;
	if (date_parse_named(_("Date"), date, &p.on, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else if (!p.inspector_count) {
		/* L10N: planning a check without ticking an inspector */
		tui_say(tui, true, "%s", _("Tick at least one inspector (x)"));
	} else if (f->drawing && (!parse_count(draw, &n) || n == 0)) {
		/* L10N: the draw field of the planning form */
		tui_say(tui, true, _("Draw %s: expected how many scenarios to draw, e.g. 3"), draw);
	} else if (f->drawing && *seed && !parse_count(seed, &seed_value)) {
		tui_say(tui, true, _("Seed %s: expected a whole number, or nothing for a new one"), seed);
	} else {
		p.draw = f->drawing ? (size_t)n : 0;
		p.seed_given = f->drawing && *seed;
		p.seed = (uint64_t)seed_value;
		if (check_plan(tui->store, tui->forms, &p, id, &err) || check_load(tui->store, id, &v, &err)) {
			tui_say(tui, true, "%s", err.message);
		} else {
			char done[256];

			/* L10N: after a check was planned: its number, its scenarios' count */
			snprintf(done, sizeof(done), _("Planned %s: %zu scenarios"), v.number, v.scenario_count);
			check_view_clear(&v);
			tui_pop(tui); /* frees f; the list reads its checks anew */
			tui_say(tui, false, "%s", done);
			f = NULL;
		}
	}
cleanup:
	free(date);
	free(draw);
	free(seed);
}

static void activate(struct tui *tui, struct plan_form *f)
{
	size_t candidate = 0;
	enum plan_row kind = row_kind(f, f->focus, &candidate);

	f->touched |= kind != ROW_PLAN;
	switch (kind) {
	case ROW_INSPECTOR: f->ticked[candidate] = !f->ticked[candidate]; break;
	case ROW_SCENARIOS: f->drawing = !f->drawing; break;
	case ROW_PLAN: plan(tui, f); break;
	default: f->editing = true; break;
	}
}

static bool plan_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct plan_form *f = view->data;
	size_t candidate = 0, count = row_count(f);
	struct field *field = row_field(f, row_kind(f, f->focus, &candidate));

	if (f->editing && field) {
		bool tab = !code && ch == L'\t';

		if (action == ACTION_OPEN || tab || code == KEY_UP || code == KEY_DOWN || (!code && ch == 0x1b))
			f->editing = false;
		else
			f->touched |= field_key(field, code, ch);
		if (code == KEY_UP || code == KEY_DOWN || tab)
			return plan_key(tui, view, code == KEY_UP ? ACTION_UP : ACTION_DOWN, 0, 0);
		return true;
	}
	switch (form_ask_leave(tui, &f->asking, f->touched, action, ch)) {
	case FORM_ASK_LEAVE: tui_pop(tui); return true; /* frees f */
	case FORM_ASK_KEPT: return true;
	case FORM_ASK_NONE: break;
	}
	switch (action) {
	case ACTION_DOWN: case ACTION_TAB_NEXT: if (f->focus + 1 < count) f->focus++; return true;
	case ACTION_UP: case ACTION_TAB_PREV: if (f->focus > 0) f->focus--; return true;
	case ACTION_OPEN: activate(tui, f); return true;
	case ACTION_TOGGLE:
		if (!field)
			activate(tui, f);
		return true;
	default: return false;
	}
}

#define LABEL_CELLS 14

static void draw_label(int y, const char *label, bool focus)
{
	draw_text(y, 0, focus ? ">" : " ", 1, A_NORMAL);
	draw_text(y, 2, label, LABEL_CELLS, A_BOLD);
}

static void draw_row(struct tui *tui, struct plan_form *f, size_t row, int y)
{
	size_t candidate = 0;
	enum plan_row kind = row_kind(f, row, &candidate);
	bool focus = row == f->focus;
	attr_t attr = focus ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
	struct field *field = row_field(f, kind);
	int x = 2 + LABEL_CELLS + 1;
	char text[256];

	switch (kind) {
	/* L10N: labels of the planning form; keep them under 14 cells */
	case ROW_DATE: draw_label(y, _("Date"), focus); break;
	case ROW_INSPECTOR: draw_label(y, candidate == 0 ? _("Inspectors") : "", focus); break;
	case ROW_SCENARIOS: draw_label(y, _("Scenarios"), focus); break;
	case ROW_DRAW: draw_label(y, _("Draw"), focus); break;
	case ROW_SEED: draw_label(y, _("Seed"), focus); break;
	default: draw_label(y, "", focus); break;
	}
	if (field) {
		int cursor = field_draw(field, y, x, 24, focus && f->editing ? A_UNDERLINE : attr, focus && f->editing);

		if (focus && f->editing)
			tui_cursor(tui, y, cursor);
		if (kind == ROW_SEED)
			/* L10N: beside the seed of a draw */
			draw_text(y, x + 25, _("(empty: a new random seed)"), COLS - x - 25, A_DIM);
		return;
	}
	if (kind == ROW_INSPECTOR) {
		const struct user_row *u = &f->users[f->candidates[candidate]];

		snprintf(text, sizeof(text), "[%c] %s (%s)", f->ticked[candidate] ? 'x' : ' ', u->login, label_role(u->role));
	} else if (kind == ROW_SCENARIOS) {
		/* L10N: the two ways of choosing a check's scenarios */
		snprintf(text, sizeof(text), "%s", f->drawing ? _("draw some of the declared at random")
							      : _("the scenarios the factory declared"));
	} else {
		/* L10N: the button of the planning form */
		snprintf(text, sizeof(text), "%s", _("[ Plan the check ]"));
	}
	draw_text(y, x, text, COLS - x, attr);
}

static void plan_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct plan_form *f = view->data;
	size_t i, count = row_count(f);

	if (!f->candidate_count)
		/* L10N: the planning form when no user has the inspector role */
		draw_text(top, 2, _("No user may inspect: an admin adds one (gradus user add LOGIN inspector)"),
			  COLS - 2, draw_colour(tui, COLOUR_DUE, A_BOLD));
	for (i = 0; i < count && (int)i + 2 < height; i++)
		draw_row(tui, f, i, top + 1 + (int)i + (i > 0) + (i > f->candidate_count) + (i + 1 == count));
}

static void plan_close(struct tui *tui, struct view *view)
{
	(void)tui;
	plan_free(view->data);
	view->data = NULL;
}

static const char *plan_title(struct tui *tui, struct view *view)
{
	struct plan_form *f = view->data;

	(void)tui;
	return f->title;
}

const struct view_ops plan_view_ops = {
	.name = "plan",
	.open = plan_open,
	.draw = plan_draw,
	.key = plan_key,
	.close = plan_close,
	.title = plan_title,
	.hints = plan_hints,
};
