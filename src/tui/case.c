/* The case screen: who, what level, where it stands, its dates and its
 * timeline of workflow events. */
#include <stdlib.h>
#include <string.h>

#include "gradus/i18n.h"
#include "pager.h"

struct case_screen {
	struct pager pager;
	char *id;
	char title[96];
};

static const enum action case_hints[] = { ACTION_BACK, ACTION_HELP, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static const char *or_dash(const char *text)
{
	return text && *text ? text : "—";
}

static void add_scenarios(struct tui *tui, struct pager *pager, const struct case_detail *d)
{
	size_t i;

	pager_add(pager, "%s", "");
	/* L10N: heading on the case screen, then one line per declared scenario */
	pager_add(pager, _("Declared scenarios (%zu of 40):"), d->scenario_count);
	for (i = 0; i < d->scenario_count; i++) {
		const struct scenario *s = forms_scenario(tui->forms, d->scenarios[i]);

		pager_add(pager, "  %2d  %s", d->scenarios[i],
			  s ? (i18n_chinese() ? s->title_zh : s->title_en) : "?");
	}
}

static void add_events(struct tui *tui, struct pager *pager, const struct case_detail *d)
{
	const struct level *level = forms_level(tui->forms, d->row.level);
	size_t i;

	pager_add(pager, "%s", "");
	pager_add(pager, "%s", _("Timeline:"));
	if (!d->event_count)
		pager_add(pager, "  %s", _("no steps taken yet"));
	for (i = 0; i < d->event_count; i++) {
		const struct case_event *e = &d->events[i];
		const struct level_step *step = level ? forms_level_step(level, e->step) : NULL;

		pager_add(pager, "  %s  %s → %s  (%s)%s%s", or_dash(e->on_date),
			  step ? (i18n_chinese() ? step->zh : step->en) : e->step,
			  tui_state_name(tui, d->row.level, e->to_state), or_dash(e->actor),
			  e->note ? "  " : "", e->note ? e->note : "");
	}
}

static void fill(struct tui *tui, struct pager *pager, const struct case_detail *d)
{
	pager_add(pager, "%s  %s", _("Enterprise:"), or_dash(d->row.enterprise));
	pager_add(pager, "%s  %s", _("Credit code:"), or_dash(d->row.credit_code));
	pager_add(pager, "%s  %s (%s)", _("Factory:"), or_dash(d->row.factory), or_dash(d->factory_address));
	pager_add(pager, "%s  %s   %s  %s", _("Region:"), tui_region_name(tui, d->row.region),
		  _("Industry:"), or_dash(d->industry));
	pager_add(pager, "%s  %s   %s  %d", _("Level:"), tui_level_name(tui, d->row.level), _("Year:"), d->row.year);
	pager_add(pager, "%s  %s", _("State:"), tui_state_name(tui, d->row.level, d->row.state));
	if (d->maturity_centi >= 0)
		pager_add(pager, "%s  %d.%02d (%s %d)", _("Maturity self-assessment:"), d->maturity_centi / 100,
			  d->maturity_centi % 100, _("level"), d->maturity_level);
	pager_add(pager, "%s  %s", _("Commitment signed on:"), or_dash(d->commitment_on));
	pager_add(pager, "%s  %s %s", _("Applied:"), or_dash(d->applied_on), d->applied_by ? d->applied_by : "");
	pager_add(pager, "%s  %s %s", _("Recommended:"), or_dash(d->recommended_on),
		  d->recommended_by ? d->recommended_by : "");
	pager_add(pager, "%s  %s %s", _("Certified:"), or_dash(d->certified_on), d->certified_by ? d->certified_by : "");
	pager_add(pager, "%s  %s   %s  %s", _("Expires on:"), or_dash(d->expires_on), _("Next due:"),
		  or_dash(d->row.next_due));
	if (d->cultivation_starts_on)
		pager_add(pager, "%s  %s", _("Cultivation started:"), d->cultivation_starts_on);
	add_scenarios(tui, pager, d);
	add_events(tui, pager, d);
}

static enum status case_open(struct tui *tui, struct view *view, struct error *err)
{
	struct case_screen *screen = calloc(1, sizeof(*screen));
	struct case_detail detail;
	enum status status;

	if (!screen || !(screen->id = strdup(view->arg))) {
		free(screen);
		return STATUS_ERR_NOMEM;
	}
	view->data = screen;
	status = store_case_detail(tui->store, screen->id, &detail, err);
	if (status) {
		free(screen->id);
		free(screen);
		view->data = NULL;
		return status;
	}
	snprintf(screen->title, sizeof(screen->title), "%s", detail.row.number);
	fill(tui, &screen->pager, &detail);
	case_detail_clear(&detail);
	return screen->pager.failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

static void case_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct case_screen *screen = view->data;

	pager_draw(tui, &screen->pager, top, height);
}

static bool case_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct case_screen *screen = view->data;

	(void)tui;
	(void)code;
	(void)ch;
	return pager_key(&screen->pager, action, LINES - 2);
}

static void case_close(struct tui *tui, struct view *view)
{
	struct case_screen *screen = view->data;

	(void)tui;
	pager_clear(&screen->pager);
	free(screen->id);
	free(screen);
	view->data = NULL;
}

static const char *case_title(struct tui *tui, struct view *view)
{
	struct case_screen *screen = view->data;

	(void)tui;
	return screen->title;
}

const struct view_ops case_view_ops = {
	.name = "case",
	.open = case_open,
	.draw = case_draw,
	.key = case_key,
	.close = case_close,
	.title = case_title,
	.hints = case_hints,
};
