/* Planning a spot check of a case, a form (form.h): the date (today
 * unless changed), the inspectors ticked among the users who may inspect
 * (inspectors and admins), the declared scenarios or a draw of N with an
 * optional seed. Draw and Seed are always shown and ignored when the
 * declared scenarios are chosen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "checks_private.h"
#include "form.h"

enum { ROW_DATE, ROW_INSPECTORS, ROW_SCENARIOS, ROW_DRAW, ROW_SEED, ROW_PLAN };

struct plan_form {
	char case_id[33];
	struct form form;
};

static const enum action plan_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };

static void plan_free(struct plan_form *f)
{
	form_free(&f->form);
	free(f);
}

static bool may_inspect(const struct user_row *user)
{
	return !strcmp(user->role, "inspector") || !strcmp(user->role, "admin");
}

/* Every user who may inspect: the user planning first (ticked when an
 * inspector), then the others. */
static bool inspector_options(struct tui *tui, struct plan_form *f, const struct user_row *users, size_t count)
{
	const char *me = store_actor(tui->store);
	size_t pass, i;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < count; i++) {
			const struct user_row *u = &users[i];
			bool mine = !strcmp(u->login, me);
			char label[256];

			if (!may_inspect(u) || mine != (pass == 0))
				continue;
			snprintf(label, sizeof(label), "%s (%s)", u->login, label_role(u->role));
			if (!form_option(&f->form, ROW_INSPECTORS, u->login, label,
					 mine && !strcmp(u->role, "inspector")))
				return false;
		}
	return true;
}

/* Beside the seed, unless a refusal is there. */
static void seed_hint(struct plan_form *f)
{
	if (!f->form.rows[ROW_SEED].message[0])
		/* L10N: beside the seed of a draw */
		form_say(&f->form, ROW_SEED, false, "%s", _("(empty: a new random seed)"));
}

static enum status plan_open(struct tui *tui, struct view *view, struct error *err)
{
	struct plan_form *f = calloc(1, sizeof(*f));
	char today[DATE_TEXT_SIZE];
	struct user_row *users = NULL;
	size_t count = 0;
	enum status status;

	if (!f)
		return STATUS_ERR_NOMEM;
	snprintf(f->case_id, sizeof(f->case_id), "%s", view->arg);
	form_init(&f->form);
	f->form.pops = false; /* plan_key pops it once seed_hint is done with it */
	date_format(store_today(tui->store), today);
	/* L10N: labels of the planning form */
	form_set_check(&f->form, form_add(&f->form, FORM_TEXT, _("Date"), today), form_check_date);
	form_add(&f->form, FORM_PICK_MANY, _("Inspectors"), NULL);
	form_add(&f->form, FORM_PICK_ONE, _("Scenarios"), NULL);
	form_add(&f->form, FORM_TEXT, _("Draw"), "2");
	form_add(&f->form, FORM_TEXT, _("Seed"), NULL);
	/* L10N: the button of the planning form */
	form_add(&f->form, FORM_BUTTON, _("Plan the check"), NULL);
	status = store_users(tui->store, &users, &count, err);
	/* L10N: the two ways of choosing a check's scenarios */
	if (!status && (!inspector_options(tui, f, users, count) ||
			!form_option(&f->form, ROW_SCENARIOS, "declared", _("the scenarios the factory declared"), true) ||
			!form_option(&f->form, ROW_SCENARIOS, "draw", _("draw some of the declared at random"), false)))
		status = STATUS_ERR_NOMEM;
	user_rows_free(users, count);
	seed_hint(f);
	if (status) {
		plan_free(f);
		return status;
	}
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
	const struct form_row *ticks = &f->form.rows[ROW_INSPECTORS];
	char *date = form_value(&f->form, ROW_DATE), *how = form_value(&f->form, ROW_SCENARIOS);
	char *draw = form_value(&f->form, ROW_DRAW), *seed = form_value(&f->form, ROW_SEED);
	const char **names = calloc(ticks->option_count + 1, sizeof(*names));
	struct check_plan p = { .case_key = f->case_id, .inspectors = names };
	struct error err = { "" };
	unsigned long long n = 0, seed_value = 0;
	bool drawing = how && !strcmp(how, "draw");
	struct check_view v;
	char id[33], done[256];
	size_t i;

	if (!date || !how || !draw || !seed || !names)
		goto cleanup;
	for (i = 0; i < ticks->option_count; i++)
		if (ticks->options[i].picked)
			names[p.inspector_count++] = ticks->options[i].key;
	if (date_parse_named(_("Date"), date, &p.on, &err)) {
		form_check(&f->form); /* the date row says it beside it too, and takes the focus */
		tui_say(tui, true, "%s", err.message);
	} else if (!p.inspector_count) {
		/* L10N: planning a check without ticking an inspector */
		tui_say(tui, true, "%s", _("Tick at least one inspector (x)"));
	} else if (drawing && (!parse_count(draw, &n) || n == 0)) {
		/* L10N: the draw field of the planning form */
		tui_say(tui, true, _("Draw %s: expected how many scenarios to draw, e.g. 3"), draw);
	} else if (drawing && *seed && !parse_count(seed, &seed_value)) {
		tui_say(tui, true, _("Seed %s: expected a whole number, or nothing for a new one"), seed);
	} else {
		p.draw = drawing ? (size_t)n : 0;
		p.seed_given = drawing && *seed;
		p.seed = (uint64_t)seed_value;
		if (check_plan(tui->store, tui->forms, &p, id, &err) || check_load(tui->store, id, &v, &err)) {
			tui_say(tui, true, "%s", err.message);
		} else {
			/* L10N: after a check was planned: its number, its scenarios' count */
			snprintf(done, sizeof(done), _("Planned %s: %zu scenarios"), v.number, v.scenario_count);
			check_view_clear(&v);
			tui_pop(tui); /* frees f; the list reads its checks anew */
			tui_say(tui, false, "%s", done);
		}
	}
cleanup:
	free(names);
	free(date);
	free(how);
	free(draw);
	free(seed);
}

static bool plan_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct plan_form *f = view->data;
	size_t pressed;

	if (!form_key(tui, &f->form, action, code, ch, &pressed))
		return false;
	if (f->form.leaving) { /* the form is left: nothing of it may be touched after the pop */
		tui_pop(tui); /* frees f */
		return true;
	}
	seed_hint(f);
	if (pressed == ROW_PLAN)
		plan(tui, f);
	return true;
}

static void plan_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct plan_form *f = view->data;

	if (!f->form.rows[ROW_INSPECTORS].option_count && !f->form.picking)
		/* L10N: the planning form when no user has the inspector role */
		draw_text(top, 2, _("No user may inspect: an admin adds one (gradus user add LOGIN inspector)"),
			  COLS - 2, draw_colour(tui, COLOUR_DUE, A_BOLD));
	form_draw(tui, &f->form, top, height);
}

static void plan_close(struct tui *tui, struct view *view)
{
	(void)tui;
	plan_free(view->data);
	view->data = NULL;
}

const struct view_ops plan_view_ops = {
	.name = "plan",
	.open = plan_open,
	.draw = plan_draw,
	.key = plan_key,
	.close = plan_close,
	/* L10N: title of the form planning a spot check */
	.title_text = N_("Plan a spot check"),
	.hints = plan_hints,
};
