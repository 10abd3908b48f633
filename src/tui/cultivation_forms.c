/* The writing side of a leading case's Cultivation tab. x marks the
 * milestone or follow-up under the cursor done on a date typed on the last
 * line (today's at first; an empty date opens it again); m, i, f, r, v and
 * P open a small form over the tab for a new milestone, guidance session,
 * follow-up, progress report, KPI value or plan version; Enter on a record
 * does what fits it. Each write is one call of the store, one audited
 * transaction, made when the date is entered or the form's last row
 * pressed. A date that does not parse or a value that is not a number is
 * shown under its field (beside the prompt's) and nothing is written; the
 * store's refusals, such as a role that may not write, go to the status
 * line and the form stays as it was. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/cultivation.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"
#include "field.h"
#include "form.h"

enum edit_mode { EDIT_NONE, EDIT_DONE, EDIT_FORM };
enum edit_form { WRITE_MILESTONE, WRITE_SESSION, WRITE_FOLLOWUP, WRITE_REPORT, WRITE_VALUE, WRITE_PLAN };

/* The rows of each form; the last is its button. */
enum { MILESTONE_TITLE, MILESTONE_DUE, MILESTONE_OWNER, MILESTONE_ADD };
enum { SESSION_DATE, SESSION_EXPERTS, SESSION_ADVICE, SESSION_ADD };
enum { FOLLOWUP_SESSION, FOLLOWUP_ACTION, FOLLOWUP_OWNER, FOLLOWUP_DUE, FOLLOWUP_ADD };
enum { REPORT_PERIOD, REPORT_RECEIVED, REPORT_SUMMARY, REPORT_ADD };
enum { VALUE_KPI, VALUE_PERIOD, VALUE_VALUE, VALUE_SAVE };
enum { PLAN_TITLE, PLAN_CHANGE, PLAN_BODY, PLAN_SAVE };

struct cultivation_edit {
	enum edit_mode mode;
	enum edit_form writing;
	struct form form;
	const char *heading; /* translated */
	char button[128];    /* a button's label made for the form */
	/* x: the record, its name, the day it was done ("" while open), the date typed. */
	struct cultivation_pick pick;
	char name[256], done_on[DATE_TEXT_SIZE];
	struct field date;
	char message[256];
};

static const enum action tab_hints[] = {
	ACTION_MARK_DONE, ACTION_NEW_MILESTONE, ACTION_KPI_VALUE, ACTION_HELP, ACTION_NEW_SESSION, ACTION_NEW_FOLLOWUP,
	ACTION_NEW_REPORT, ACTION_NEW_PLAN_VERSION, ACTION_TAB_NEXT, ACTION_NONE
};
static const enum action form_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };
static const enum action prompt_hints[] = { ACTION_NONE }; /* the prompt says its keys itself */

struct cultivation_edit *cultivation_edit_new(void)
{
	struct cultivation_edit *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	form_init(&e->form);
	field_init(&e->date, DATE_TEXT_SIZE - 1);
	return e;
}

void cultivation_edit_free(struct cultivation_edit *e)
{
	if (!e)
		return;
	form_free(&e->form);
	field_free(&e->date);
	free(e);
}

bool cultivation_edit_open(const struct cultivation_edit *e)
{
	return e->mode != EDIT_NONE;
}

int cultivation_edit_rows(const struct cultivation_edit *e, int height)
{
	return e->mode == EDIT_FORM ? 0 : e->mode == EDIT_DONE ? height - 1 : height;
}

const enum action *cultivation_edit_hints(const struct cultivation_edit *e)
{
	return e->mode == EDIT_FORM ? form_hints : e->mode == EDIT_DONE ? prompt_hints : tab_hints;
}

/* Checks of fields. */

static bool check_number(const char *text, char *message, size_t size)
{
	char *end = NULL;
	double value = strtod(text, &end);

	if (end != text && !*end && isfinite(value))
		return true;
	/* L10N: under a KPI's value that is not a number */
	snprintf(message, size, "%s", _("expected a number, e.g. 0.48"));
	return false;
}

/* Forms. */

static void form_start(struct cultivation_edit *e, enum edit_form writing, const char *heading)
{
	form_free(&e->form);
	form_init(&e->form);
	e->form.pops = false; /* the form is over the tab: leaving it closes the form only */
	e->writing = writing;
	e->heading = heading;
	e->mode = EDIT_FORM;
}

static void form_close(struct cultivation_edit *e)
{
	form_free(&e->form);
	form_init(&e->form);
	e->mode = EDIT_NONE;
}

static void today_text(struct tui *tui, char out[DATE_TEXT_SIZE])
{
	date_format(store_today(tui->store), out);
}

/* Today's quarter, the period a KPI value or a report is most often for: "2026-Q4". */
static void this_quarter(struct tui *tui, char *out, size_t size)
{
	struct date today = store_today(tui->store);

	snprintf(out, size, "%04d-Q%d", today.year, (today.month - 1) / 3 + 1);
}

static bool load_view(struct tui *tui, const char *case_id, struct cultivation_view *v)
{
	struct error err = { "" };

	if (!cultivation_load(tui->store, tui->forms, case_id, v, &err))
		return true;
	tui_say(tui, true, "%s", err.message);
	return false;
}

static void open_milestone(struct cultivation_edit *e)
{
	/* L10N: heading of the form adding a milestone (里程碑) to a leading factory's cultivation */
	form_start(e, WRITE_MILESTONE, _("New milestone"));
	/* L10N: labels of the form adding a milestone; the owner is a department or a person */
	form_add(&e->form, FORM_TEXT, _("Title"), NULL);
	form_add(&e->form, FORM_TEXT, _("Due date"), NULL);
	form_add(&e->form, FORM_TEXT, _("Owner"), NULL);
	/* L10N: the button of the form adding a milestone */
	form_add(&e->form, FORM_BUTTON, _("Add the milestone"), NULL);
	form_set_check(&e->form, MILESTONE_DUE, form_check_date);
}

static void open_session(struct tui *tui, struct cultivation_edit *e)
{
	char today[DATE_TEXT_SIZE];

	today_text(tui, today);
	/* L10N: heading of the form recording a guidance session of the expert committee (专家委指导会) */
	form_start(e, WRITE_SESSION, _("New guidance session"));
	/* L10N: labels of the form recording a guidance session: its date, the experts (names or codes), their advice */
	form_add(&e->form, FORM_TEXT, _("Date"), today);
	form_add(&e->form, FORM_TEXT, _("Experts present"), NULL);
	form_add(&e->form, FORM_AREA, _("Advice"), NULL);
	/* L10N: the button of the form recording a guidance session */
	form_add(&e->form, FORM_BUTTON, _("Add the session"), NULL);
	form_set_check(&e->form, SESSION_DATE, form_check_date);
}

/* The session a follow-up goes under: the one under the cursor, or that of
 * the follow-up under it, else the latest. */
static const char *session_of(const struct cultivation_view *v, const struct cultivation_pick *at)
{
	size_t i, j;

	for (i = 0; at && i < v->session_count; i++) {
		if (at->kind == RECORD_SESSION && !strcmp(v->sessions[i].id, at->key))
			return v->sessions[i].id;
		for (j = 0; at->kind == RECORD_FOLLOWUP && j < v->sessions[i].followup_count; j++)
			if (!strcmp(v->sessions[i].followups[j].id, at->key))
				return v->sessions[i].id;
	}
	return v->sessions[v->session_count - 1].id;
}

static void open_followup(struct tui *tui, struct cultivation_edit *e, const char *case_id,
			  const struct cultivation_pick *at)
{
	struct cultivation_view v;
	const char *chosen;
	size_t i;

	if (!load_view(tui, case_id, &v))
		return;
	if (!v.session_count) {
		/* L10N: f with no guidance session recorded; %s is the key that records one */
		tui_say(tui, true, _("A follow-up goes under a guidance session: none yet, %s records one"),
			keymap_label(ACTION_NEW_SESSION));
		cultivation_view_clear(&v);
		return;
	}
	/* L10N: heading of the form adding a follow-up action (跟进事项) to a guidance session */
	form_start(e, WRITE_FOLLOWUP, _("New follow-up"));
	/* L10N: labels of the form adding a follow-up: the guidance session, the action, its owner, its due date */
	form_add(&e->form, FORM_PICK_ONE, _("Session"), NULL);
	form_add(&e->form, FORM_TEXT, _("Action"), NULL);
	form_add(&e->form, FORM_TEXT, _("Owner"), NULL);
	form_add(&e->form, FORM_TEXT, _("Due date"), NULL);
	/* L10N: the button of the form adding a follow-up */
	form_add(&e->form, FORM_BUTTON, _("Add the follow-up"), NULL);
	form_set_check(&e->form, FOLLOWUP_DUE, form_check_date);
	chosen = session_of(&v, at);
	for (i = 0; i < v.session_count; i++) {
		char label[512];

		snprintf(label, sizeof(label), "%s  %s", v.sessions[i].held_on, v.sessions[i].experts ? v.sessions[i].experts : "");
		form_option(&e->form, FOLLOWUP_SESSION, v.sessions[i].id, label, !strcmp(v.sessions[i].id, chosen));
	}
	e->form.focus = FOLLOWUP_ACTION;
	cultivation_view_clear(&v);
}

static void open_report(struct tui *tui, struct cultivation_edit *e)
{
	char today[DATE_TEXT_SIZE], quarter[32];

	today_text(tui, today);
	this_quarter(tui, quarter, sizeof(quarter));
	/* L10N: heading of the form recording a progress report (进展报告) from the factory */
	form_start(e, WRITE_REPORT, _("New progress report"));
	/* L10N: labels of the form recording a progress report: its period (2026-Q3), the day it came in, its summary */
	form_add(&e->form, FORM_TEXT, _("Period"), quarter);
	form_add(&e->form, FORM_TEXT, _("Received on"), today);
	form_add(&e->form, FORM_AREA, _("Summary"), NULL);
	/* L10N: the button of the form recording a progress report */
	form_add(&e->form, FORM_BUTTON, _("Add the report"), NULL);
	form_set_check(&e->form, REPORT_RECEIVED, form_check_date);
}

static void open_value(struct tui *tui, struct cultivation_edit *e, const char *case_id,
		       const struct cultivation_pick *at)
{
	struct cultivation_view v;
	char quarter[32];
	size_t i, chosen = 0;
	bool here = false;

	if (!load_view(tui, case_id, &v))
		return;
	if (!v.kpi_count) {
		/* L10N: v on a cultivation without KPIs; they are set up from the command line */
		tui_say(tui, true, "%s", _("No KPI set up for this case: gradus cultivation kpi CASE KPI BASELINE TARGET"));
		cultivation_view_clear(&v);
		return;
	}
	this_quarter(tui, quarter, sizeof(quarter));
	/* L10N: heading of the form entering a KPI's value (指标值) for a period */
	form_start(e, WRITE_VALUE, _("KPI value"));
	/* L10N: labels of the form entering a KPI's value: the KPI, the period (2026-Q3), the value */
	form_add(&e->form, FORM_PICK_ONE, _("KPI"), NULL);
	form_add(&e->form, FORM_TEXT, _("Period"), quarter);
	form_add(&e->form, FORM_TEXT, _("Value"), NULL);
	/* L10N: the button of the form entering a KPI's value */
	form_add(&e->form, FORM_BUTTON, _("Save the value"), NULL);
	form_set_check(&e->form, VALUE_VALUE, check_number);
	for (i = 0; at && at->kind == RECORD_KPI && i < v.kpi_count; i++)
		if (!strcmp(at->key, v.kpis[i].key)) {
			chosen = i;
			here = true;
		}
	for (i = 0; i < v.kpi_count; i++) {
		const struct cultivation_kpi *k = &v.kpis[i];
		char label[512];

		/* L10N: a KPI to choose: its name, its unit, its target */
		snprintf(label, sizeof(label), _("%s (%s), target %g"), i18n_chinese() || !k->en || !*k->en ? k->zh : k->en,
			 k->unit, k->target);
		form_option(&e->form, VALUE_KPI, k->key, label, i == chosen);
	}
	/* The KPI under the cursor is chosen already: the period is next. */
	if (here)
		e->form.focus = VALUE_PERIOD;
	cultivation_view_clear(&v);
}

static void open_plan(struct tui *tui, struct cultivation_edit *e, const char *case_id)
{
	struct cultivation_view v;
	const struct cultivation_plan *latest;

	if (!load_view(tui, case_id, &v))
		return;
	latest = v.plan_count ? &v.plans[v.plan_count - 1] : NULL;
	/* L10N: heading of the form writing a new version of the construction plan (建设方案) */
	form_start(e, WRITE_PLAN, _("New plan version"));
	/* L10N: labels of the form writing a plan version: its title, what changed, its text */
	form_add(&e->form, FORM_TEXT, _("Title"), latest ? latest->title : NULL);
	form_add(&e->form, FORM_AREA, _("What changed"), NULL);
	form_add(&e->form, FORM_AREA, _("Text"), NULL);
	/* L10N: the button of the form writing a plan version; %d is the version it becomes */
	snprintf(e->button, sizeof(e->button), _("Save as version %d"), latest ? latest->version + 1 : 1);
	form_add(&e->form, FORM_BUTTON, e->button, NULL);
	cultivation_view_clear(&v);
}

/* Writing a form. */

/* The fields' checks pass, or the first that does not is said. */
static bool form_ready(struct tui *tui, struct cultivation_edit *e)
{
	size_t bad = form_check(&e->form);

	if (bad == e->form.count)
		return true;
	/* L10N: a form's field that will not do: its label, what is wrong */
	tui_say(tui, true, _("%s: %s; nothing was written"), e->form.rows[bad].label, e->form.rows[bad].message);
	return false;
}

static void written_is(struct cultivation_pick *written, enum cultivation_record kind, const char *key)
{
	written->kind = kind;
	snprintf(written->key, sizeof(written->key), "%s", key);
}

/* Whether a due date (YYYY-MM-DD) falls after the case's cultivation ends
 * (then in ends): such a milestone cannot count for the acceptance
 * application, filed before the end. */
static bool due_after_end(struct tui *tui, const char *case_id, const char *due, char ends[11])
{
	struct cultivation_view v;
	struct error err = { "" };
	struct date day;
	bool after = false;

	ends[0] = '\0';
	if (!due || date_parse(due, &day, NULL) || cultivation_load(tui->store, tui->forms, case_id, &v, &err))
		return false;
	if (*v.ends_on && strcmp(due, v.ends_on) > 0) {
		snprintf(ends, 11, "%s", v.ends_on);
		after = true;
	}
	cultivation_view_clear(&v);
	return after;
}

/* Beside a milestone's due date when it is left: a warning when it falls
 * after the cultivation ends. */
static void warn_due(struct tui *tui, struct cultivation_edit *e, const char *case_id)
{
	char *due = form_value(&e->form, MILESTONE_DUE), ends[11];

	if (due_after_end(tui, case_id, due, ends))
		/* L10N: beside a milestone's due date: the last day of the cultivation */
		form_say(&e->form, MILESTONE_DUE, false, _("! after the cultivation ends on %s"), ends);
	free(due);
}

static enum status save_milestone(struct tui *tui, const char *case_id, char **v, struct cultivation_pick *written,
				  struct error *err)
{
	char ends[11];
	struct date due;
	char id[33];
	enum status status = date_parse(v[MILESTONE_DUE], &due, err);

	if (!status)
		status = cultivation_milestone_add(tui->store, case_id, v[MILESTONE_TITLE], due, v[MILESTONE_OWNER], id, err);
	if (status)
		return status;
	written_is(written, RECORD_MILESTONE, id);
	if (due_after_end(tui, case_id, v[MILESTONE_DUE], ends))
		/* L10N: after a milestone was added (the cursor is on it): its due date, the last day of the cultivation */
		tui_say(tui, false, _("Milestone added, due %s: after the cultivation ends on %s"), v[MILESTONE_DUE], ends);
	else
		/* L10N: after a milestone was added: its title, its due date */
		tui_say(tui, false, _("Milestone added: %s, due %s"), v[MILESTONE_TITLE], v[MILESTONE_DUE]);
	return STATUS_OK;
}

static enum status save_session(struct tui *tui, const char *case_id, char **v, struct cultivation_pick *written,
				struct error *err)
{
	struct date on;
	char id[33];
	enum status status = date_parse(v[SESSION_DATE], &on, err);

	if (!status)
		status = cultivation_session_add(tui->store, case_id, on, v[SESSION_EXPERTS], v[SESSION_ADVICE], id, err);
	if (status)
		return status;
	written_is(written, RECORD_SESSION, id);
	/* L10N: after a guidance session was recorded: its date, the key that adds a follow-up to it */
	tui_say(tui, false, _("Guidance session of %s added: %s adds a follow-up to it"), v[SESSION_DATE],
		keymap_label(ACTION_NEW_FOLLOWUP));
	return STATUS_OK;
}

static enum status save_followup(struct tui *tui, char **v, struct cultivation_pick *written, struct error *err)
{
	struct date due;
	char id[33];
	enum status status = date_parse(v[FOLLOWUP_DUE], &due, err);

	if (!status)
		status = cultivation_followup_add(tui->store, v[FOLLOWUP_SESSION], v[FOLLOWUP_ACTION], due, v[FOLLOWUP_OWNER],
						  id, err);
	if (status)
		return status;
	written_is(written, RECORD_FOLLOWUP, id);
	/* L10N: after a follow-up was added: its action, its due date */
	tui_say(tui, false, _("Follow-up added: %s, due %s"), v[FOLLOWUP_ACTION], v[FOLLOWUP_DUE]);
	return STATUS_OK;
}

static enum status save_report(struct tui *tui, const char *case_id, char **v, struct cultivation_pick *written,
			       struct error *err)
{
	struct date on;
	char id[33];
	enum status status = date_parse(v[REPORT_RECEIVED], &on, err);

	if (!status)
		status = cultivation_report_add(tui->store, case_id, v[REPORT_PERIOD], on, v[REPORT_SUMMARY], id, err);
	if (status)
		return status;
	written_is(written, RECORD_REPORT, v[REPORT_PERIOD]);
	/* L10N: after a progress report was recorded: its period */
	tui_say(tui, false, _("Progress report for %s added"), v[REPORT_PERIOD]);
	return STATUS_OK;
}

static enum status save_value(struct tui *tui, const char *case_id, char **v, struct cultivation_pick *written,
			      struct error *err)
{
	enum status status = cultivation_kpi_value(tui->store, case_id, v[VALUE_KPI], v[VALUE_PERIOD],
						   strtod(v[VALUE_VALUE], NULL), err);

	if (status)
		return status;
	written_is(written, RECORD_KPI, v[VALUE_KPI]);
	/* L10N: after a KPI's value was written: the value, the period */
	tui_say(tui, false, _("KPI value written: %s for %s"), v[VALUE_VALUE], v[VALUE_PERIOD]);
	return STATUS_OK;
}

static enum status save_plan(struct tui *tui, const char *case_id, char **v, struct cultivation_pick *written,
			     struct error *err)
{
	int version = 0;
	enum status status = cultivation_plan_version(tui->store, case_id, v[PLAN_TITLE], v[PLAN_BODY], v[PLAN_CHANGE],
						      &version, err);

	if (status)
		return status;
	written_is(written, RECORD_PLAN, "");
	/* L10N: after a new version of the construction plan was written: its number */
	tui_say(tui, false, _("Construction plan version %d written"), version);
	return STATUS_OK;
}

/* The form's button: its fields checked, then one call of the store; the
 * form closes when it wrote and stays as it was when the store refused. */
static void save(struct tui *tui, struct cultivation_edit *e, const char *case_id, struct cultivation_pick *written)
{
	char *v[FORM_MAX_ROWS] = { NULL };
	struct error err = { "" };
	enum status status = STATUS_ERR_NOMEM;
	size_t i;
	bool ok = true;

	if (!form_ready(tui, e))
		return;
	for (i = 0; i + 1 < e->form.count; i++)
		ok &= (v[i] = form_value(&e->form, i)) != NULL;
	if (ok) {
		switch (e->writing) {
		case WRITE_MILESTONE: status = save_milestone(tui, case_id, v, written, &err); break;
		case WRITE_SESSION: status = save_session(tui, case_id, v, written, &err); break;
		case WRITE_FOLLOWUP: status = save_followup(tui, v, written, &err); break;
		case WRITE_REPORT: status = save_report(tui, case_id, v, written, &err); break;
		case WRITE_VALUE: status = save_value(tui, case_id, v, written, &err); break;
		case WRITE_PLAN: status = save_plan(tui, case_id, v, written, &err); break;
		}
	}
	if (status)
		tui_say(tui, true, "%s", ok ? err.message : status_message(STATUS_ERR_NOMEM));
	else
		form_close(e);
	for (i = 0; i < FORM_MAX_ROWS; i++)
		free(v[i]);
}

static bool form_mode_key(struct tui *tui, struct cultivation_edit *e, const char *case_id, enum action action,
			  int code, wint_t ch, struct cultivation_pick *written)
{
	size_t pressed;
	bool handled = form_key(tui, &e->form, action, code, ch, &pressed);

	if (e->form.leaving || (!handled && action == ACTION_BACK)) {
		form_close(e);
		/* L10N: a form of the cultivation tab left without writing */
		tui_say(tui, false, "%s", _("Not saved"));
		return true;
	}
	if (!handled)
		return action != ACTION_QUIT && action != ACTION_HELP; /* the rest of the tab's keys wait */
	if (e->writing == WRITE_MILESTONE && e->form.left == MILESTONE_DUE && !e->form.rows[MILESTONE_DUE].message[0])
		warn_due(tui, e, case_id);
	if (pressed == e->form.count - 1)
		save(tui, e, case_id, written);
	return true;
}

/* The date prompt of x. */

static void prompt_hint(struct tui *tui, const struct cultivation_edit *e)
{
	if (*e->done_on)
		/* L10N: the status line while the done date of a milestone or follow-up done already is typed */
		tui_say(tui, false, "%s", _("Enter: write the date   an empty date: open it again   Esc: cancel"));
	else
		/* L10N: the status line while a done date is typed */
		tui_say(tui, false, "%s", _("Enter: write the date   Esc: cancel"));
}

/* The milestone's or follow-up's name and done date, from the store. */
static bool find_record(const struct cultivation_view *v, const struct cultivation_pick *at, char *name, size_t size,
			char done_on[DATE_TEXT_SIZE])
{
	size_t i, j;

	for (i = 0; at->kind == RECORD_MILESTONE && i < v->milestone_count; i++)
		if (!strcmp(v->milestones[i].id, at->key)) {
			snprintf(name, size, "%s", v->milestones[i].title ? v->milestones[i].title : "");
			snprintf(done_on, DATE_TEXT_SIZE, "%s", v->milestones[i].done_on);
			return true;
		}
	for (i = 0; at->kind == RECORD_FOLLOWUP && i < v->session_count; i++)
		for (j = 0; j < v->sessions[i].followup_count; j++)
			if (!strcmp(v->sessions[i].followups[j].id, at->key)) {
				snprintf(name, size, "%s", v->sessions[i].followups[j].action ? v->sessions[i].followups[j].action : "");
				snprintf(done_on, DATE_TEXT_SIZE, "%s", v->sessions[i].followups[j].done_on);
				return true;
			}
	return false;
}

static void open_done(struct tui *tui, struct cultivation_edit *e, const char *case_id,
		      const struct cultivation_pick *at)
{
	struct cultivation_view v;
	char today[DATE_TEXT_SIZE];
	bool found;

	if (!at || (at->kind != RECORD_MILESTONE && at->kind != RECORD_FOLLOWUP)) {
		/* L10N: x on the cultivation tab with no milestone or follow-up under the cursor */
		tui_say(tui, true, "%s", _("Put the cursor on a milestone or a follow-up to mark it done"));
		return;
	}
	if (!load_view(tui, case_id, &v))
		return;
	found = find_record(&v, at, e->name, sizeof(e->name), e->done_on);
	cultivation_view_clear(&v);
	if (!found)
		return;
	today_text(tui, today);
	e->pick = *at;
	field_set(&e->date, *e->done_on ? e->done_on : today);
	e->message[0] = '\0';
	e->mode = EDIT_DONE;
	prompt_hint(tui, e);
}

static enum status write_done(struct tui *tui, const struct cultivation_edit *e, const struct date *on,
			      struct error *err)
{
	return e->pick.kind == RECORD_MILESTONE ? cultivation_milestone_done(tui->store, e->pick.key, on, err)
						: cultivation_followup_done(tui->store, e->pick.key, on, err);
}

static void finish_done(struct tui *tui, struct cultivation_edit *e, struct cultivation_pick *written)
{
	char *text = field_text(&e->date);
	struct error err = { "" };
	struct date on;

	if (!text)
		return;
	if (*text && date_parse_named(NULL, text, &on, &err)) {
		snprintf(e->message, sizeof(e->message), "%s", tui_without_value(err.message, text));
		/* L10N: a done date that does not parse: what is wrong */
		tui_say(tui, true, _("Done on: %s; nothing was written"), e->message);
		free(text);
		return;
	}
	e->mode = EDIT_NONE;
	if (!strcmp(text, e->done_on))
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	else if (write_done(tui, e, *text ? &on : NULL, &err))
		tui_say(tui, true, "%s", err.message);
	else {
		written_is(written, e->pick.kind, e->pick.key);
		if (*text)
			/* L10N: after a milestone or follow-up was marked done: the date, its name */
			tui_say(tui, false, _("Done on %s: %s"), text, e->name);
		else
			/* L10N: after a milestone or follow-up was opened again: its name */
			tui_say(tui, false, _("Open again: %s"), e->name);
	}
	free(text);
}

static bool done_key(struct tui *tui, struct cultivation_edit *e, int code, wint_t ch,
		     struct cultivation_pick *written)
{
	if (code == KEY_F(1))
		return false;
	if (code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'))) {
		finish_done(tui, e, written);
		return true;
	}
	if (!code && ch == 0x1b) {
		e->mode = EDIT_NONE;
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
		return true;
	}
	if (field_key(&e->date, code, ch))
		e->message[0] = '\0';
	prompt_hint(tui, e);
	return true;
}

/* text cut (with …) to at most `cells` display cells. */
static void cut(char *out, size_t size, const char *text, int cells)
{
	int used = 0;
	size_t bytes;

	if (utf8_width(text) <= cells || cells < 2) {
		snprintf(out, size, "%s", text);
		return;
	}
	bytes = utf8_prefix_for_width(text, cells - 1, &used);
	snprintf(out, size, "%.*s…", (int)bytes, text);
}

/* "磷化工工艺数字孪生上线 — done on: 2026-11-28  month 13 is not 1-12" */
static void draw_prompt(struct tui *tui, struct cultivation_edit *e, int y)
{
	char name[256], label[512];
	int message = e->message[0] ? utf8_width(e->message) + 2 : 0, x, at;

	cut(name, sizeof(name), e->name, COLS / 2 - message > 8 ? COLS / 2 - message : 8);
	/* L10N: the prompt of x on the cultivation tab: the milestone or follow-up, then the date typed */
	snprintf(label, sizeof(label), _("%s — done on:"), name);
	draw_fill(y, 0, COLS, A_NORMAL);
	x = 1 + draw_text(y, 1, label, COLS - 14, A_BOLD) + 1;
	at = field_draw(&e->date, y, x, 11, A_UNDERLINE, true);
	tui_cursor(tui, y, at);
	if (message && x + 12 < COLS)
		draw_text(y, x + 12, e->message, COLS - x - 12, draw_colour(tui, COLOUR_DUE, A_BOLD));
}

void cultivation_edit_draw(struct tui *tui, struct cultivation_edit *e, int top, int height)
{
	if (height < 1)
		return;
	if (e->mode == EDIT_DONE) {
		draw_prompt(tui, e, top + height - 1);
	} else if (e->mode == EDIT_FORM) {
		draw_text(top, 1, e->heading, COLS - 1, draw_colour(tui, COLOUR_HEADER, A_BOLD));
		form_draw(tui, &e->form, top, height);
	}
}

/* Enter on a record: what fits it. */
static bool open_record(struct tui *tui, struct cultivation_edit *e, const char *case_id,
			const struct cultivation_pick *at)
{
	switch (at ? at->kind : RECORD_NONE) {
	case RECORD_MILESTONE: case RECORD_FOLLOWUP: open_done(tui, e, case_id, at); return true;
	case RECORD_SESSION: open_followup(tui, e, case_id, at); return true;
	case RECORD_KPI: open_value(tui, e, case_id, at); return true;
	case RECORD_PLAN: open_plan(tui, e, case_id); return true;
	case RECORD_REPORT:
		/* L10N: Enter on a progress report; %s is the key that records a new one */
		tui_say(tui, false, _("Progress reports are kept as they came in: %s records a new one"),
			keymap_label(ACTION_NEW_REPORT));
		return true;
	default: return false;
	}
}

bool cultivation_edit_key(struct tui *tui, struct cultivation_edit *e, const char *case_id,
			  const struct cultivation_pick *at, enum action action, int code, wint_t ch,
			  struct cultivation_pick *written)
{
	*written = (struct cultivation_pick){ RECORD_NONE, "" };
	if (e->mode == EDIT_DONE)
		return done_key(tui, e, code, ch, written);
	if (e->mode == EDIT_FORM)
		return form_mode_key(tui, e, case_id, action, code, ch, written);
	switch (keymap_action_in(KEYMAP_CULTIVATION, code, ch)) {
	case ACTION_MARK_DONE: open_done(tui, e, case_id, at); return true;
	case ACTION_NEW_MILESTONE: open_milestone(e); return true;
	case ACTION_NEW_SESSION: open_session(tui, e); return true;
	case ACTION_NEW_FOLLOWUP: open_followup(tui, e, case_id, at); return true;
	case ACTION_NEW_REPORT: open_report(tui, e); return true;
	case ACTION_KPI_VALUE: open_value(tui, e, case_id, at); return true;
	case ACTION_NEW_PLAN_VERSION: open_plan(tui, e, case_id); return true;
	case ACTION_OPEN: return open_record(tui, e, case_id, at);
	default: return false;
	}
}
