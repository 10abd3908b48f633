/* The case screen: five tabs (overview, materials, scenarios, timeline,
 * history) over one case, read whole and read again when a step or an edit
 * above it closes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/forms/labels.h"
#include "gradus/store/objections.h"
#include "gradus/store/preconditions.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"
#include "checks_private.h"
#include "panels_private.h"
#include "report.h"

/* The cultivation tab shows only for a case with a cultivation (leading). */
enum tab { TAB_OVERVIEW, TAB_MATERIALS, TAB_SCENARIOS, TAB_TIMELINE, TAB_HISTORY, TAB_CULTIVATION, TAB_COUNT };

/* L10N: the tabs of the case screen */
static const char *const tab_names[TAB_COUNT] = {
	N_("Overview"), N_("Materials"), N_("Scenarios"), N_("Timeline"), N_("History"), N_("Cultivation"),
};

enum line_kind { LINE_PLAIN, LINE_HEADING, LINE_DUE, LINE_DIM, LINE_AXIS_YEARS, LINE_AXIS, LINE_AXIS_TODAY };

struct line {
	char *text;
	enum line_kind kind;
	int material; /* index in the level's materials, else -1 */
	struct cultivation_pick pick; /* the record a cultivation line shows, else RECORD_NONE */
};

/* A point on the timeline's axis. */
struct mark {
	long day;
	char symbol;
};

/* A date the rules set for the case. */
struct deadline {
	struct date on;
	const char *kind;
	bool done; /* the application it asks for was filed */
	int provisional; /* 0, or the year with no holiday calendar it was counted in */
};

#define CASE_MAX_MARKS 64
#define LABEL_CELLS 28
#define NO_LINE ((size_t)-1)

struct case_screen {
	char *id;
	struct case_detail detail;
	bool loaded;
	struct case_dates dates;
	struct history_row *history;
	size_t history_count;
	enum tab tab;
	struct line *lines;
	size_t count, capacity, top, cursor;
	bool failed;
	struct mark marks[CASE_MAX_MARKS];
	size_t mark_count;
	long axis_from, axis_to;
	bool cultivation; /* the case has a cultivation tab */
	size_t pick_line;            /* the cultivation tab's cursor: a line showing a record, or NO_LINE */
	struct cultivation_pick at;  /* the record under it, found again when the lines are made anew */
	struct cultivation_edit *edit; /* the cultivation tab's date prompt and forms */
	int rows_y;                  /* the screen line of the tab's first line, as last drawn */
	char title[160];
	char provisional[128];       /* the timeline's name of a provisional deadline */
	struct objection *objections; /* raised in the public notice */
	size_t objection_count;
	struct report_prompt report; /* the file the case's report goes to (R) */
};

static const enum action case_hints[] = {
	ACTION_TAB_NEXT, ACTION_STEP, ACTION_CHECKS, ACTION_EDIT, ACTION_HELP, ACTION_PANELS, ACTION_NONE
};

static size_t page(void);
static void scroll_lines(struct case_screen *s, enum action action);

static const char *or_dash(const char *text)
{
	return text && *text ? text : "—";
}

const char *case_step_name(const struct tui *tui, const char *level_key, const char *step_key)
{
	const struct level *level = level_key ? forms_level(tui->forms, level_key) : NULL;
	const struct level_step *step = level && step_key ? forms_level_step(level, step_key) : NULL;

	if (!step)
		return step_key ? step_key : "";
	return i18n_chinese() ? step->zh : step->en;
}

const char *case_due_name(const char *kind)
{
	/* L10N: what falls due on a date (agenda, case timeline) */
	if (!strcmp(kind, "review_application")) return _("Review application due");
	/* L10N: the last day a certification is valid (有效期至); it lapses the day after */
	if (!strcmp(kind, "expiry")) return _("Valid through");
	if (!strcmp(kind, "acceptance_application")) return _("Acceptance application due");
	if (!strcmp(kind, "cultivation_end")) return _("Cultivation ends");
	if (!strcmp(kind, "notice_end")) return _("Public notice ends");
	/* L10N: a cultivation ended with no acceptance application (培育期满未申请验收):
	 * the office decides to extend or to terminate it; keep it short (agenda column) */
	if (!strcmp(kind, "cultivation_decision")) return _("Lapsed: decide");
	if (!strcmp(kind, "finding")) return _("Finding due");
	if (!strcmp(kind, "milestone")) return _("Milestone due");
	if (!strcmp(kind, "followup")) return _("Follow-up due");
	return kind;
}

const char *case_due_text(const char *kind, int provisional, char *buffer, size_t size)
{
	if (!provisional)
		return case_due_name(kind);
	/* L10N: what falls due, on a date counted Monday to Friday for want of
	 * that year's holiday calendar, e.g. "Public notice ends (provisional)" */
	snprintf(buffer, size, _("%s (provisional)"), case_due_name(kind));
	return buffer;
}

void case_days_text(struct date today, struct date due, char *out, size_t size)
{
	long days = date_days_between(today, due);

	if (days == 0)
		/* L10N: a deadline that falls due today */
		snprintf(out, size, "%s", _("today"));
	else if (days > 0)
		/* L10N: days until a deadline */
		snprintf(out, size, ngettext("%ld day", "%ld days", (unsigned long)days), days);
	else
		/* L10N: days since a deadline passed */
		snprintf(out, size, ngettext("overdue %ld day", "overdue %ld days", (unsigned long)-days), -days);
}

/* Lines of the current tab. */

static void add(struct case_screen *s, enum line_kind kind, int material, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct case_screen *s, enum line_kind kind, int material, const char *fmt, ...)
{
	va_list ap;
	char *text = NULL;

	if (s->failed)
		return;
	if (!tui_grow(&s->lines, &s->capacity, s->count, sizeof(*s->lines))) {
		s->failed = true;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	if (!text) {
		s->failed = true;
		return;
	}
	s->lines[s->count++] = (struct line){ text, kind, material, { RECORD_NONE, "" } };
}

/* "  label      value": the label padded to LABEL_CELLS display cells. */
static void add_labelled(struct case_screen *s, enum line_kind kind, const char *label, const char *value)
{
	int pad = LABEL_CELLS - utf8_width(label);

	add(s, kind, -1, "  %s%*s %s", label, pad > 0 ? pad : 0, "", value);
}

static void lines_clear(struct case_screen *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->lines[i].text);
	s->count = 0;
	s->mark_count = 0;
	s->failed = false;
}

/* The deadlines of the case, in date order; at most 6. */
static size_t deadlines_of(const struct case_dates *d, struct deadline out[6])
{
	size_t n = 0, i, j;

	if (d->certified && d->expires_on.year) {
		out[n++] = (struct deadline){ d->review_due_by, "review_application", d->review_filed, 0 };
		out[n++] = (struct deadline){ d->expires_on, "expiry", false, 0 };
	}
	if (d->cultivation_ends_on.year) {
		out[n++] = (struct deadline){ d->acceptance_due_by, "acceptance_application", d->acceptance_filed, 0 };
		out[n++] = (struct deadline){ d->cultivation_ends_on, "cultivation_end", !d->cultivating, 0 };
	}
	if (d->cultivation_lapsed)
		out[n++] = (struct deadline){ d->cultivation_lapsed_on, "cultivation_decision", false, 0 };
	if (d->in_notice)
		out[n++] = (struct deadline){ d->notice_ends_on, "notice_end", false, d->notice_provisional };
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && date_compare(out[j].on, out[j - 1].on) < 0; j--) {
			struct deadline t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static bool overdue(const struct deadline *d, struct date today)
{
	return !d->done && date_compare(d->on, today) < 0;
}

static void add_chain(struct tui *tui, struct case_screen *s, const char *label, const char *on, const char *by)
{
	char value[160];

	(void)tui;
	if (on && *on)
		/* L10N: a step of the responsibility chain: date, then the person who took it */
		snprintf(value, sizeof(value), _("%s  by %s"), on, or_dash(by));
	else
		snprintf(value, sizeof(value), "%s", "—");
	add_labelled(s, LINE_PLAIN, label, value);
}

static void add_dates(struct tui *tui, struct case_screen *s)
{
	struct date today = store_today(tui->store);
	struct deadline deadlines[6];
	size_t n = deadlines_of(&s->dates, deadlines), i;

	add(s, LINE_PLAIN, -1, "%s", "");
	add(s, LINE_HEADING, -1, "%s", _("Dates"));
	if (!n)
		add(s, LINE_PLAIN, -1, "  %s", _("no deadline runs for this case"));
	for (i = 0; i < n; i++) {
		char text[DATE_TEXT_SIZE], days[64], value[128];

		date_format(deadlines[i].on, text);
		if (deadlines[i].done)
			/* L10N: a deadline met: the application was filed */
			snprintf(days, sizeof(days), "%s", _("filed"));
		else
			case_days_text(today, deadlines[i].on, days, sizeof(days));
		if (deadlines[i].provisional)
			/* L10N: the days until a deadline whose date is provisional, e.g. "34 days, provisional" */
			snprintf(value, sizeof(value), _("%s  (%s, provisional)"), text, days);
		else
			snprintf(value, sizeof(value), "%s  (%s)", text, days);
		add_labelled(s, overdue(&deadlines[i], today) ? LINE_DUE : LINE_PLAIN, case_due_name(deadlines[i].kind),
			     value);
		if (deadlines[i].provisional) {
			case_provisional_text(deadlines[i].provisional, value, sizeof(value));
			add(s, LINE_DIM, -1, "    %s", value);
		}
	}
}

/* The step that ended a certification (a revocation by its document, a
 * withdrawal), with its reason. */
static void add_ended(struct tui *tui, struct case_screen *s)
{
	const struct case_event *e = s->detail.event_count ? &s->detail.events[s->detail.event_count - 1] : NULL;
	char label[96], value[256];

	if (!e || !e->kind || (strcmp(e->kind, "revoked") && strcmp(e->kind, "withdrawn")) || !s->detail.certified_on)
		return;
	snprintf(label, sizeof(label), "%s:", case_step_name(tui, s->detail.row.level, e->step));
	if (e->document)
		/* L10N: a step taken by a document: date, the document's number (文号), who recorded it */
		snprintf(value, sizeof(value), _("%s  %s  by %s"), or_dash(e->on_date), e->document, or_dash(e->actor));
	else
		snprintf(value, sizeof(value), _("%s  by %s"), or_dash(e->on_date), or_dash(e->actor));
	add_labelled(s, LINE_DUE, label, value);
	if (e->note && *e->note)
		add_labelled(s, LINE_PLAIN, _("Reason:"), e->note);
}

/* text in lines indented by `indent` cells that fit the screen's width. */
static void add_wrapped(struct case_screen *s, enum line_kind kind, int indent, const char *text)
{
	int cells = COLS - indent - 2 > 20 ? COLS - indent - 2 : 20;

	while (*text) {
		size_t n = utf8_wrap(text, cells);

		add(s, kind, -1, "%*s%.*s", indent, "", (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
	}
}

/* The steps an admin took though a precondition failed, with what was not
 * met and the written reason: a late filing is seen without the timeline. */
static void add_overrides(struct tui *tui, struct case_screen *s)
{
	char why[768];
	bool first = true;
	size_t i;

	for (i = 0; i < s->detail.event_count; i++) {
		const struct case_event *e = &s->detail.events[i];

		if (!e->unmet)
			continue;
		if (first) {
			add(s, LINE_PLAIN, -1, "%s", "");
			/* L10N: heading on the case screen */
			add(s, LINE_HEADING, -1, "%s", _("Steps taken with an override"));
			first = false;
		}
		case_override_text(tui->forms, s->detail.row.level, e, why, sizeof(why));
		/* L10N: a step taken with an override: date and the step's name; what was not met and why follow */
		add(s, LINE_DUE, -1, _("  %s  %s:"), or_dash(e->on_date), case_step_name(tui, s->detail.row.level, e->step));
		add_wrapped(s, LINE_DUE, 4, why);
	}
}

/* 公示: the objections raised and how each was resolved. */
static void add_objections(struct case_screen *s)
{
	size_t i;

	if (!s->objection_count)
		return;
	add(s, LINE_PLAIN, -1, "%s", "");
	add(s, LINE_HEADING, -1, "%s", _("Objections in the public notice"));
	for (i = 0; i < s->objection_count; i++) {
		const struct objection *o = &s->objections[i];

		/* L10N: an objection: its number, date, who raised it, what it says */
		add(s, LINE_PLAIN, -1, _("  %zu. %s  %s: %s"), i + 1, o->raised_on, o->raised_by, o->text);
		if (o->resolved_on)
			/* L10N: an objection's resolution: date, who resolved it, the outcome */
			add(s, LINE_PLAIN, -1, _("     resolved %s by %s: %s"), o->resolved_on, or_dash(o->resolved_by),
			    or_dash(o->outcome));
		else
			add(s, LINE_DUE, -1, "     %s", _("not resolved: the notice cannot end with it open"));
	}
}

static void overview(struct tui *tui, struct case_screen *s)
{
	const struct case_detail *d = &s->detail;
	char value[256];

	add_labelled(s, LINE_PLAIN, _("Enterprise:"), or_dash(d->row.enterprise));
	add_labelled(s, LINE_PLAIN, _("Credit code:"), or_dash(d->row.credit_code));
	snprintf(value, sizeof(value), "%s (%s)", or_dash(d->row.factory), or_dash(d->factory_address));
	add_labelled(s, LINE_PLAIN, _("Factory:"), value);
	snprintf(value, sizeof(value), "%s   %s  %s", tui_region_name(tui, d->row.region), _("Industry:"),
		 or_dash(d->industry));
	add_labelled(s, LINE_PLAIN, _("Region:"), value);
	snprintf(value, sizeof(value), "%s   %s  %d", tui_level_name(tui, d->row.level), _("Year:"), d->row.year);
	add_labelled(s, LINE_PLAIN, _("Level:"), value);
	add_labelled(s, LINE_PLAIN, _("State:"), tui_state_name(tui, d->row.level, d->row.state));
	if (d->maturity_centi >= 0)
		snprintf(value, sizeof(value), "%d.%02d (%s %d)", d->maturity_centi / 100, d->maturity_centi % 100,
			 _("level"), d->maturity_level);
	add_labelled(s, LINE_PLAIN, _("Maturity self-assessment:"), d->maturity_centi >= 0 ? value : "—");
	add_labelled(s, LINE_PLAIN, _("Commitment signed on:"), or_dash(d->commitment_on));
	if (d->note && *d->note)
		add_labelled(s, LINE_PLAIN, _("Note:"), d->note);
	add(s, LINE_PLAIN, -1, "%s", "");
	/* L10N: heading: who applied, recommended and certified, on which date */
	add(s, LINE_HEADING, -1, "%s", _("Responsibility"));
	add_chain(tui, s, _("Applied:"), d->applied_on, d->applied_by);
	add_chain(tui, s, _("Recommended:"), d->recommended_on, d->recommended_by);
	add_chain(tui, s, _("Certified:"), d->certified_on, d->certified_by);
	if (d->cultivation_starts_on)
		add_labelled(s, LINE_PLAIN, _("Cultivation started:"), d->cultivation_starts_on);
	add_ended(tui, s);
	add_objections(s);
	add_overrides(tui, s);
	add_dates(tui, s);
}

static const char *received_on(const struct case_detail *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->material_count; i++)
		if (!strcmp(d->materials[i].key, key))
			return d->materials[i].received_on;
	return NULL;
}

static const struct level *case_level(const struct tui *tui, const struct case_screen *s)
{
	return forms_level(tui->forms, s->detail.row.level);
}

static void materials(struct tui *tui, struct case_screen *s)
{
	const struct level *level = case_level(tui, s);
	size_t i, got = 0, total = level ? level->material_count : 0;

	for (i = 0; i < total; i++)
		got += received_on(&s->detail, level->materials[i].key) != NULL;
	/* L10N: materials tab: how many of the level's materials were received */
	add(s, LINE_HEADING, -1, _("%zu of %zu received"), got, total);
	for (i = 0; i < total; i++) {
		const struct material *m = &level->materials[i];
		const char *on = received_on(&s->detail, m->key);

		if (i18n_chinese())
			add(s, on ? LINE_PLAIN : LINE_DUE, (int)i, "%-10s  %s", on ? on : _("missing"), m->zh);
		else
			add(s, on ? LINE_PLAIN : LINE_DUE, (int)i, "%-10s  %-22s %s", on ? on : _("missing"), m->key, m->zh);
	}
}

static void scenarios(struct tui *tui, struct case_screen *s)
{
	const struct case_detail *d = &s->detail;
	size_t st, i;

	/* L10N: scenarios tab heading: how many the case declares of how many
	 * the forms have (the 2025 guide has forty) */
	add(s, LINE_HEADING, -1, _("Declared scenarios: %zu of %zu"), d->scenario_count,
	    forms_scenario_count(tui->forms));
	for (st = 0; st < tui->forms->stage_count; st++) {
		const struct stage *stage = &tui->forms->stages[st];
		size_t count = 0;

		for (i = 0; i < d->scenario_count; i++) {
			const struct scenario *sc = forms_scenario(tui->forms, d->scenarios[i]);

			count += sc && sc->stage == stage;
		}
		add(s, count ? LINE_PLAIN : LINE_DIM, -1, "%d %s (%zu)", stage->order,
		    i18n_chinese() ? stage->zh : stage->en, count);
		for (i = 0; i < d->scenario_count; i++) {
			const struct scenario *sc = forms_scenario(tui->forms, d->scenarios[i]);

			if (sc && sc->stage == stage)
				add(s, LINE_PLAIN, -1, "    %02d  %s", sc->id, i18n_chinese() ? sc->title_zh : sc->title_en);
		}
	}
}

/* The timeline: marks on an axis, then the dated list. */

static void add_mark(struct case_screen *s, struct date on, char symbol)
{
	long day = date_to_days(on);

	if (s->mark_count == CASE_MAX_MARKS)
		return;
	s->marks[s->mark_count++] = (struct mark){ day, symbol };
	if (s->mark_count == 1 || day < s->axis_from)
		s->axis_from = day;
	if (s->mark_count == 1 || day > s->axis_to)
		s->axis_to = day;
}

/* The list below the axis, in date order; deadlines met are left out. */
struct dated {
	struct date on;
	char symbol;
	const char *what, *who;
	bool due;
	const struct case_event *event; /* a step taken: its document and note follow it */
};

/* On one day: steps taken, then today, then deadlines. */
static int rank(char symbol)
{
	return symbol == '*' ? 0 : symbol == '^' ? 1 : 2;
}

static int by_date(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	int c = date_compare(x->on, y->on);

	return c ? c : rank(x->symbol) - rank(y->symbol);
}

static size_t timeline_items(struct tui *tui, struct case_screen *s, struct dated *out, size_t max)
{
	struct date today = store_today(tui->store);
	struct deadline deadlines[6];
	size_t n = 0, i, count = deadlines_of(&s->dates, deadlines);

	for (i = 0; i < s->detail.event_count && n < max; i++) {
		const struct case_event *e = &s->detail.events[i];
		struct date on;

		if (!e->on_date || date_parse(e->on_date, &on, NULL))
			continue;
		out[n++] = (struct dated){ on, '*', case_step_name(tui, s->detail.row.level, e->step), or_dash(e->actor),
					   false, e };
	}
	for (i = 0; i < count && n < max; i++)
		if (!deadlines[i].done)
			out[n++] = (struct dated){ deadlines[i].on, overdue(&deadlines[i], today) ? '!' : '#',
						   case_due_text(deadlines[i].kind, deadlines[i].provisional, s->provisional,
								 sizeof(s->provisional)),
						   NULL, overdue(&deadlines[i], today), NULL };
	for (i = 0; i < s->objection_count && n + 1 < max; i++) {
		struct date on;

		/* L10N: the timeline's entries of an objection in the public notice */
		if (!date_parse(s->objections[i].raised_on, &on, NULL))
			out[n++] = (struct dated){ on, '*', _("Objection raised"), s->objections[i].raised_by, false, NULL };
		if (s->objections[i].resolved_on && !date_parse(s->objections[i].resolved_on, &on, NULL))
			out[n++] = (struct dated){ on, '*', _("Objection resolved"), or_dash(s->objections[i].resolved_by),
						   false, NULL };
	}
	if (n < max)
		/* L10N: the timeline's mark for today */
		out[n++] = (struct dated){ today, '^', _("Today"), NULL, false, NULL };
	qsort(out, n, sizeof(*out), by_date);
	return n;
}

static bool by_ministry(const struct tui *tui, const struct case_screen *s, const struct case_event *e)
{
	return e && label_step_by_ministry(tui->forms, s->detail.row.level, e->step);
}

/* Under a step: the ministry's decision it records (with its 文号 and
 * date; the step's line names who recorded it), or the document it was
 * taken by, and the reason. */
static void add_event_document(struct tui *tui, struct case_screen *s, const struct case_event *e)
{
	if (by_ministry(tui, s, e)) {
		if (e->document)
			/* L10N: under a step the ministry decided: its document's number (文号) and date */
			add(s, LINE_DIM, -1, _("               Ministry decision (No. %s, %s)"), e->document, or_dash(e->on_date));
		else
			/* L10N: the same without a document number: its date */
			add(s, LINE_DIM, -1, _("               Ministry decision (%s)"), or_dash(e->on_date));
		if (e->note && *e->note)
			add(s, LINE_DIM, -1, "               %s", e->note);
	} else if (e->document) {
		/* L10N: under a step taken by a document: its number (文号) and the reason */
		add(s, LINE_DIM, -1, _("               %s  %s"), e->document, or_dash(e->note));
	}
}

static void timeline(struct tui *tui, struct case_screen *s)
{
	struct date today = store_today(tui->store);
	struct dated items[CASE_MAX_MARKS];
	size_t n = timeline_items(tui, s, items, CASE_MAX_MARKS), i;

	for (i = 0; i < n; i++)
		if (items[i].symbol != '^')
			add_mark(s, items[i].on, items[i].symbol);
	add_mark(s, today, '^');
	add(s, LINE_AXIS_YEARS, -1, "%s", "");
	add(s, LINE_AXIS, -1, "%s", "");
	add(s, LINE_AXIS_TODAY, -1, "%s", "");
	/* L10N: legend of the timeline's marks; keep the symbols */
	add(s, LINE_DIM, -1, "%s", _("* step taken   # deadline   ! overdue   ^ today"));
	add(s, LINE_PLAIN, -1, "%s", "");
	for (i = 0; i < n; i++) {
		char text[DATE_TEXT_SIZE], days[64], who[96];
		int pad = 34 - utf8_width(items[i].what);

		date_format(items[i].on, text);
		if (items[i].symbol == '#' || items[i].symbol == '!')
			case_days_text(today, items[i].on, days, sizeof(days));
		if (by_ministry(tui, s, items[i].event))
			/* L10N: who of the provincial office recorded the ministry's decision */
			snprintf(who, sizeof(who), _("recorded by %s"), or_dash(items[i].event->actor));
		else
			snprintf(who, sizeof(who), "%s", items[i].who ? items[i].who : items[i].symbol == '^' ? "" : days);
		add(s, items[i].due ? LINE_DUE : LINE_PLAIN, -1, "%s  %c  %s%*s %s", text, items[i].symbol, items[i].what,
		    pad > 0 ? pad : 0, "", who);
		if (items[i].event)
			add_event_document(tui, s, items[i].event);
		if (items[i].event && items[i].event->unmet) {
			char why[768];

			/* a step an admin took though a precondition failed, in the colour of a deadline missed */
			case_override_text(tui->forms, s->detail.row.level, items[i].event, why, sizeof(why));
			add_wrapped(s, LINE_DUE, 15, why);
		}
	}
}

/* A recorded value in the words of its field; a time in local time. */
static const char *history_value(const struct tui *tui, const struct case_screen *s, const struct history_row *h,
				 const char *value, char *time, size_t size)
{
	if (!value)
		return "∅";
	if (clock_local_text(value, false, time, size))
		return time;
	/* the maturity score is kept in hundredths */
	if (!strcmp(or_dash(h->field), "maturity_centi") && strspn(value, "0123456789") == strlen(value) && *value) {
		long centi = strtol(value, NULL, 10);

		snprintf(time, size, "%ld.%02ld", centi / 100, centi % 100);
		return time;
	}
	return label_value(tui->forms, s->detail.row.level, h->table, h->field, value);
}

static void history(struct tui *tui, struct case_screen *s)
{
	size_t i;

	/* L10N: history tab heading: every change to the case, oldest first */
	add(s, LINE_HEADING, -1, _("%zu changes, newest last"), s->history_count);
	for (i = 0; i < s->history_count; i++) {
		const struct history_row *h = &s->history[i];
		char at[CLOCK_TEXT_SIZE], old[CLOCK_TEXT_SIZE], new[CLOCK_TEXT_SIZE];
		const char *field = label_field(h->table, h->field);
		int pad = 26 - utf8_width(field);

		clock_local_text(or_dash(h->at), false, at, sizeof(at));
		add(s, LINE_PLAIN, -1, "%-16s  %-8s  %s%*s  %s → %s", at, or_dash(h->actor), field, pad > 0 ? pad : 0, "",
		    history_value(tui, s, h, h->old, old, sizeof(old)), history_value(tui, s, h, h->new, new, sizeof(new)));
	}
}

static void add_cultivation_line(void *ctx, enum case_line kind, const struct cultivation_pick *pick,
				 const char *text)
{
	static const enum line_kind kinds[] = { LINE_PLAIN, LINE_HEADING, LINE_DUE, LINE_DIM };
	struct case_screen *s = ctx;

	add(s, kinds[kind], -1, "%s", text);
	if (pick && !s->failed)
		s->lines[s->count - 1].pick = *pick;
}

/* The cultivation tab's cursor: on the lines that show a record (a
 * milestone, a KPI, the plan, a session, a follow-up, a report). */

static bool in_view(const struct case_screen *s, size_t line)
{
	return line != NO_LINE && line >= s->top && line < s->top + page();
}

/* The first line showing a record at or after from; NO_LINE when none. */
static size_t pick_after(const struct case_screen *s, size_t from)
{
	size_t i;

	for (i = from; i < s->count; i++)
		if (s->lines[i].pick.kind != RECORD_NONE)
			return i;
	return NO_LINE;
}

/* The last line showing a record at or before from; NO_LINE when none. */
static size_t pick_before(const struct case_screen *s, size_t from)
{
	size_t i;

	for (i = from < s->count ? from + 1 : s->count; i-- > 0;)
		if (s->lines[i].pick.kind != RECORD_NONE)
			return i;
	return NO_LINE;
}

static void pick_set(struct case_screen *s, size_t line)
{
	s->pick_line = line;
	s->at = line != NO_LINE ? s->lines[line].pick : (struct cultivation_pick){ RECORD_NONE, "" };
}

/* Scrolls so the picked line shows, with the lines of its record below it
 * (a KPI's bars, a session's advice: up to the next record, blank line or
 * heading); the first record with the chart above it. */
static void pick_show(struct case_screen *s)
{
	size_t line = s->pick_line, next, end, last = s->count > page() ? s->count - page() : 0;

	if (line == NO_LINE)
		return;
	next = pick_after(s, line + 1);
	for (end = line; end + 1 < (next == NO_LINE ? s->count : next) && end + 1 < line + page(); end++)
		if (!*s->lines[end + 1].text || s->lines[end + 1].kind == LINE_HEADING)
			break;
	if (line < s->top)
		s->top = line;
	if (end >= s->top + page())
		s->top = end - page() + 1;
	if (line == pick_after(s, 0) && line < page())
		s->top = 0;
	if (s->top > last)
		s->top = last;
}

/* After the lines were made anew: the cursor on the same record, or on
 * the nearest one after where it stood. */
static void pick_find(struct case_screen *s)
{
	size_t i, was = s->pick_line;

	for (i = 0; s->at.kind != RECORD_NONE && i < s->count; i++)
		if (s->lines[i].pick.kind == s->at.kind && !strcmp(s->lines[i].pick.key, s->at.key)) {
			s->pick_line = i;
			return;
		}
	i = pick_after(s, was == NO_LINE || s->at.kind == RECORD_NONE ? 0 : was);
	pick_set(s, i != NO_LINE ? i : pick_before(s, s->count));
}

/* Up and down go from record to record, scrolling as they go; before the
 * first and past the last they scroll the lines. Paging scrolls, and the
 * cursor goes to the first record on the screen when it left it. */
static void pick_move(struct case_screen *s, enum action action)
{
	bool shown = in_view(s, s->pick_line);
	size_t at = NO_LINE;

	if (action == ACTION_DOWN) {
		at = pick_after(s, shown ? s->pick_line + 1 : s->top);
		if (!shown && !in_view(s, at))
			at = NO_LINE;
	} else if (action == ACTION_UP) {
		at = shown ? (s->pick_line ? pick_before(s, s->pick_line - 1) : NO_LINE) : pick_before(s, s->top + page() - 1);
		if (!shown && !in_view(s, at))
			at = NO_LINE;
	}
	if (at != NO_LINE) {
		pick_set(s, at);
		pick_show(s);
		return;
	}
	scroll_lines(s, action);
	if (action == ACTION_HOME)
		at = pick_after(s, 0);
	else if (action == ACTION_END)
		at = pick_before(s, s->count);
	if (!in_view(s, at) && !in_view(s, s->pick_line))
		at = pick_after(s, s->top);
	if (in_view(s, at))
		pick_set(s, at);
}

static int tab_count(const struct case_screen *s)
{
	return s->cultivation ? TAB_COUNT : TAB_CULTIVATION;
}

static void build(struct tui *tui, struct case_screen *s)
{
	lines_clear(s);
	switch (s->tab) {
	case TAB_OVERVIEW: overview(tui, s); break;
	case TAB_MATERIALS: materials(tui, s); break;
	case TAB_SCENARIOS: scenarios(tui, s); break;
	case TAB_TIMELINE: timeline(tui, s); break;
	case TAB_HISTORY: history(tui, s); break;
	case TAB_CULTIVATION:
		case_cultivation(tui, s->id, add_cultivation_line, s);
		pick_find(s);
		break;
	default: break;
	}
}

/* Reads the case anew, and its history when the History tab shows it (a
 * long history is not read for the other tabs). */
static enum status load(struct tui *tui, struct case_screen *s, struct error *err)
{
	struct case_detail detail;
	struct history_row *rows = NULL;
	struct objection *objections = NULL;
	size_t count = 0, objection_count = 0;
	enum status status = store_case_detail(tui->store, s->id, &detail, err);

	if (status)
		return status;
	if (s->tab == TAB_HISTORY)
		status = store_case_history(tui->store, s->id, &rows, &count, err);
	if (!status)
		status = objections_of_case(tui->store, s->id, &objections, &objection_count, err);
	if (status) {
		history_rows_free(rows, count);
		case_detail_clear(&detail);
		return status;
	}
	objections_free(s->objections, s->objection_count);
	s->objections = objections;
	s->objection_count = objection_count;
	if (s->loaded)
		case_detail_clear(&s->detail);
	history_rows_free(s->history, s->history_count);
	s->detail = detail;
	s->loaded = true;
	s->history = rows;
	s->history_count = count;
	case_dates_compute(tui->forms, &s->detail, &s->dates);
	s->cultivation = case_cultivation_available(tui, &s->detail);
	if (!s->cultivation && s->tab == TAB_CULTIVATION)
		s->tab = TAB_OVERVIEW;
	snprintf(s->title, sizeof(s->title), "%s  %s", s->detail.row.number, s->detail.row.enterprise);
	build(tui, s);
	return s->failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

static void screen_free(struct case_screen *s)
{
	lines_clear(s);
	free(s->lines);
	if (s->loaded)
		case_detail_clear(&s->detail);
	history_rows_free(s->history, s->history_count);
	objections_free(s->objections, s->objection_count);
	cultivation_edit_free(s->edit);
	report_prompt_close(&s->report);
	free(s->id);
	free(s);
}

static enum status case_open(struct tui *tui, struct view *view, struct error *err)
{
	struct case_screen *s = calloc(1, sizeof(*s));
	enum status status;

	if (!s || !(s->id = strdup(view->arg)) || !(s->edit = cultivation_edit_new())) {
		if (s)
			free(s->id);
		free(s);
		return STATUS_ERR_NOMEM;
	}
	s->pick_line = NO_LINE;
	status = load(tui, s, err);
	if (status) {
		screen_free(s);
		return status;
	}
	view->data = s;
	return STATUS_OK;
}

const struct case_detail *case_view_detail(const struct view *view)
{
	const struct case_screen *s = view->ops == &case_view_ops ? view->data : NULL;

	return s ? &s->detail : NULL;
}

/* Drawing. */

static int axis_x(const struct case_screen *s, long day, int width)
{
	long span = s->axis_to - s->axis_from;

	return 1 + (span > 0 ? (int)((day - s->axis_from) * (width - 1) / span) : 0);
}

static void draw_years(const struct case_screen *s, int y, int width)
{
	struct date from = date_from_days(s->axis_from), to = date_from_days(s->axis_to);
	int year, last = 0;

	for (year = from.year; year <= to.year; year++) {
		long day = date_to_days((struct date){ year, 1, 1 });
		char text[8];
		int x = axis_x(s, day < s->axis_from ? s->axis_from : day, width);

		if (x < last || x + 4 > width + 1)
			continue;
		snprintf(text, sizeof(text), "%d", year);
		draw_text(y, x, text, 4, A_NORMAL);
		last = x + 5;
	}
}

static void draw_axis(struct tui *tui, const struct case_screen *s, int y, int width)
{
	struct date from = date_from_days(s->axis_from), to = date_from_days(s->axis_to);
	int year, priority[256] = { ['*'] = 1, ['#'] = 2, ['!'] = 3 };
	char cells[512];
	size_t i;

	if (width <= 0 || width >= (int)sizeof(cells))
		return;
	memset(cells, '-', (size_t)width);
	cells[width] = '\0';
	for (year = from.year + 1; year <= to.year; year++)
		cells[axis_x(s, date_to_days((struct date){ year, 1, 1 }), width) - 1] = '+';
	for (i = 0; i < s->mark_count; i++) {
		char *cell = &cells[axis_x(s, s->marks[i].day, width) - 1];

		if (s->marks[i].symbol != '^' && priority[(unsigned char)s->marks[i].symbol] >= priority[(unsigned char)*cell])
			*cell = s->marks[i].symbol;
	}
	draw_text(y, 1, cells, width, A_NORMAL);
	for (i = 0; i < (size_t)width; i++)
		if (cells[i] == '!')
			draw_text(y, 1 + (int)i, "!", 1, draw_colour(tui, COLOUR_DUE, A_BOLD));
}

static void draw_today(const struct case_screen *s, int y, int width)
{
	size_t i;
	int x = 1;
	char text[64];
	/* L10N: under the timeline's axis, pointing at today */
	const char *label = _("today");
	int cells = utf8_width(label) + 2;

	for (i = 0; i < s->mark_count; i++)
		if (s->marks[i].symbol == '^')
			x = axis_x(s, s->marks[i].day, width);
	if (x + cells - 1 <= width) {
		snprintf(text, sizeof(text), "^ %s", label);
		draw_text(y, x, text, cells, A_BOLD);
	} else {
		snprintf(text, sizeof(text), "%s ^", label);
		draw_text(y, x - cells + 1, text, cells, A_BOLD);
	}
}

/* The tab drawn at cell x of the tab line, or -1. */
static int tab_at(const struct case_screen *s, int x)
{
	int at = 1, t;

	for (t = 0; t < tab_count(s) && at < COLS; t++) {
		int cells = utf8_width(_(tab_names[t])) + 2;

		if (x >= at && x < at + cells)
			return t;
		at += cells + 1;
	}
	return -1;
}

static void draw_tabs(struct tui *tui, const struct case_screen *s, int y)
{
	int x = 1, t;

	for (t = 0; t < tab_count(s) && x < COLS; t++) {
		char text[96];
		bool on = t == (int)s->tab;

		snprintf(text, sizeof(text), on ? "[%s]" : " %s ", _(tab_names[t]));
		x += draw_text(y, x, text, COLS - x, on ? draw_colour(tui, COLOUR_HEADER, A_BOLD | A_UNDERLINE) : A_NORMAL);
		if (x < COLS)
			x += draw_text(y, x, " ", 1, A_NORMAL);
	}
}

static attr_t line_attr(struct tui *tui, const struct line *line, bool cursor)
{
	if (cursor)
		return draw_colour(tui, COLOUR_CURSOR, A_REVERSE);
	switch (line->kind) {
	case LINE_HEADING: return draw_colour(tui, COLOUR_HEADER, A_BOLD);
	case LINE_DUE: return draw_colour(tui, COLOUR_DUE, A_BOLD);
	case LINE_DIM: return A_DIM;
	default: return A_NORMAL;
	}
}

static void draw_line(struct tui *tui, const struct case_screen *s, size_t at, int y)
{
	const struct line *line = &s->lines[at];
	bool cursor = (s->tab == TAB_MATERIALS && line->material >= 0 && (size_t)line->material == s->cursor) ||
		      (s->tab == TAB_CULTIVATION && at == s->pick_line);

	switch (line->kind) {
	case LINE_AXIS_YEARS: draw_years(s, y, COLS - 2); return;
	case LINE_AXIS: draw_axis(tui, s, y, COLS - 2); return;
	case LINE_AXIS_TODAY: draw_today(s, y, COLS - 2); return;
	default: break;
	}
	if ((s->tab == TAB_MATERIALS && line->material >= 0) || cursor)
		draw_text(y, 0, cursor ? ">" : " ", 1, A_NORMAL);
	draw_text(y, 1, line->text, COLS - 1, line_attr(tui, line, cursor));
}

static size_t page(void)
{
	return LINES > 4 ? (size_t)LINES - 4 : 1;
}

/* The cultivation tab's prompt takes the last line, a form all of them;
 * the prompt of the report's file takes the last line. */
static void case_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct case_screen *s = view->data;
	bool editing = s->tab == TAB_CULTIVATION && !s->report.open;
	int rows = editing ? cultivation_edit_rows(s->edit, height - 2) : height - 2 - s->report.open;
	size_t i;

	draw_tabs(tui, s, top);
	if (s->count > page() && s->top > s->count - page())
		s->top = s->count - page();
	if (editing && rows > 0 && s->pick_line != NO_LINE && s->pick_line >= s->top + (size_t)rows)
		s->top = s->pick_line - (size_t)rows + 1;
	s->rows_y = top + 2;
	for (i = 0; (int)i < rows && s->top + i < s->count; i++)
		draw_line(tui, s, s->top + i, top + 2 + (int)i);
	if (editing)
		cultivation_edit_draw(tui, s->edit, top + 2, height - 2);
	if (s->report.open)
		report_prompt_draw(tui, &s->report, top + height - 1);
}

/* Keys. */

static void scroll_lines(struct case_screen *s, enum action action)
{
	size_t last = s->count > page() ? s->count - page() : 0;

	switch (action) {
	case ACTION_DOWN: if (s->top < last) s->top++; break;
	case ACTION_UP: if (s->top > 0) s->top--; break;
	case ACTION_PAGE_DOWN: s->top = s->top + page() < last ? s->top + page() : last; break;
	case ACTION_PAGE_UP: s->top = s->top > page() ? s->top - page() : 0; break;
	case ACTION_HOME: s->top = 0; break;
	case ACTION_END: s->top = last; break;
	default: break;
	}
}

/* The materials tab moves a cursor; the lines scroll to keep it in view
 * (line 0 is the count). */
static void move_cursor(struct tui *tui, struct case_screen *s, enum action action)
{
	const struct level *level = case_level(tui, s);
	size_t total = level ? level->material_count : 0, step = page();

	if (!total)
		return;
	switch (action) {
	case ACTION_DOWN: if (s->cursor + 1 < total) s->cursor++; break;
	case ACTION_UP: if (s->cursor > 0) s->cursor--; break;
	case ACTION_PAGE_DOWN: s->cursor = s->cursor + step < total ? s->cursor + step : total - 1; break;
	case ACTION_PAGE_UP: s->cursor = s->cursor > step ? s->cursor - step : 0; break;
	case ACTION_HOME: s->cursor = 0; break;
	case ACTION_END: s->cursor = total - 1; break;
	default: break;
	}
	if (s->cursor >= total)
		s->cursor = total - 1;
	if (s->cursor + 1 < s->top || s->cursor == 0)
		s->top = s->cursor ? s->cursor + 1 : 0;
	if (s->cursor + 1 >= s->top + page())
		s->top = s->cursor + 2 - page();
}

static void toggle_material(struct tui *tui, struct case_screen *s)
{
	const struct level *level = case_level(tui, s);
	const struct material *m;
	char today[DATE_TEXT_SIZE];
	struct error err = { "" };
	bool received;

	if (!level || s->cursor >= level->material_count)
		return;
	m = &level->materials[s->cursor];
	received = received_on(&s->detail, m->key) != NULL;
	date_format(store_today(tui->store), today);
	if (case_set_material(tui->store, tui->forms, s->id, m->key, received ? NULL : today, &err) ||
	    load(tui, s, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	if (received)
		/* L10N: after unticking a material; %s is its name */
		tui_say(tui, false, _("%s: marked missing"), m->zh);
	else
		/* L10N: after ticking a material; its name, then the date */
		tui_say(tui, false, _("%s: received on %s"), m->zh, today);
}

static void switch_tab(struct tui *tui, struct case_screen *s, int by)
{
	struct error err = { "" };

	s->tab = (enum tab)(((int)s->tab + by + tab_count(s)) % tab_count(s));
	if (s->tab == TAB_HISTORY && load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
	build(tui, s);
	s->top = s->tab == TAB_HISTORY && s->count > page() ? s->count - page() : 0;
	if (s->tab == TAB_MATERIALS)
		move_cursor(tui, s, ACTION_NONE);
	if (s->tab == TAB_CULTIVATION && !in_view(s, s->pick_line))
		pick_set(s, pick_after(s, 0));
}

/* A key on the cultivation tab: its prompt or form first, then its keys on
 * the record under the cursor; after a write the tab is made anew with
 * the cursor on the record written. */
static bool cultivation_key(struct tui *tui, struct case_screen *s, enum action action, int code, wint_t ch)
{
	struct cultivation_pick written = { RECORD_NONE, "" };
	struct error err = { "" };

	if (!cultivation_edit_key(tui, s->edit, s->id, s->pick_line != NO_LINE ? &s->at : NULL, action, code, ch,
				  &written))
		return false;
	if (written.kind != RECORD_NONE) {
		s->at = written;
		if (load(tui, s, &err))
			tui_say(tui, true, "%s", err.message);
		pick_show(s);
	}
	return true;
}


static bool case_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct case_screen *s = view->data;

	if (s->report.open) {
		report_prompt_key(tui, &s->report, REPORT_CASE, s->id, code, ch);
		return true;
	}
	if (s->tab == TAB_CULTIVATION && cultivation_key(tui, s, action, code, ch))
		return true;
	switch (action) {
	case ACTION_CASE_REPORT: report_prompt_open(&s->report, s->detail.row.number); return true;
	case ACTION_TAB_NEXT: switch_tab(tui, s, 1); return true;
	case ACTION_TAB_PREV: switch_tab(tui, s, -1); return true;
	case ACTION_STEP: tui_open(tui, &step_view_ops, s->id); return true;
	case ACTION_EDIT: tui_open(tui, &intake_view_ops, s->id); return true;
	case ACTION_CHECKS: tui_open(tui, &checks_view_ops, s->id); return true;
	case ACTION_PANELS: tui_open(tui, &panels_view_ops, s->id); return true;
	case ACTION_TOGGLE:
		if (s->tab == TAB_MATERIALS)
			toggle_material(tui, s);
		return true;
	case ACTION_UP: case ACTION_DOWN: case ACTION_PAGE_UP: case ACTION_PAGE_DOWN: case ACTION_HOME: case ACTION_END:
		if (s->tab == TAB_MATERIALS)
			move_cursor(tui, s, action);
		else if (s->tab == TAB_CULTIVATION)
			pick_move(s, action);
		else
			scroll_lines(s, action);
		return true;
	default:
		return false;
	}
}

/* Back from a step or an edit: read the case anew, where the screen stood. */
static void case_resume(struct tui *tui, struct view *view)
{
	struct case_screen *s = view->data;
	struct error err = { "" };

	if (load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
	if (s->tab == TAB_MATERIALS)
		move_cursor(tui, s, ACTION_NONE);
}

static void case_close(struct tui *tui, struct view *view)
{
	(void)tui;
	screen_free(view->data);
	view->data = NULL;
}

/* On the cultivation tab a click selects a record, a second click acts on
 * it as Enter does, and the wheel scrolls; nothing while a form is open. */
static bool cultivation_mouse(struct tui *tui, struct case_screen *s, int y, int wheel)
{
	size_t at;
	int i;

	if (cultivation_edit_open(s->edit))
		return true;
	if (wheel) {
		for (i = 0; i < 3; i++)
			scroll_lines(s, wheel < 0 ? ACTION_UP : ACTION_DOWN);
		if (!in_view(s, s->pick_line) && in_view(s, pick_after(s, s->top)))
			pick_set(s, pick_after(s, s->top));
		return true;
	}
	if (y < s->rows_y)
		return true;
	at = s->top + (size_t)(y - s->rows_y);
	if (at >= s->count || s->lines[at].pick.kind == RECORD_NONE)
		return true;
	if (at == s->pick_line)
		return cultivation_key(tui, s, ACTION_OPEN, 0, L'\r');
	pick_set(s, at);
	return true;
}

/* A click on a tab switches to it. */
static bool case_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct case_screen *s = view->data;
	int tab = y == 1 && !wheel ? tab_at(s, x) : -1;

	if (s->report.open)
		return true;
	if (s->tab == TAB_CULTIVATION && (tab < 0 || cultivation_edit_open(s->edit)))
		return cultivation_mouse(tui, s, y, wheel);
	if (tab < 0)
		return !wheel;
	switch_tab(tui, s, tab - (int)s->tab);
	return true;
}

static const enum action *case_current_hints(struct tui *tui, struct view *view)
{
	struct case_screen *s = view->data;

	(void)tui;
	return s->tab == TAB_CULTIVATION ? cultivation_edit_hints(s->edit) : case_hints;
}

const struct view_ops case_view_ops = {
	.name = "case",
	.open = case_open,
	.draw = case_draw,
	.key = case_key,
	.close = case_close,
	VIEW_TITLE_AT(struct case_screen, title),
	.resume = case_resume,
	.hints = case_hints,
	.current_hints = case_current_hints,
	.mouse = case_mouse,
};
