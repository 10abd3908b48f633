/* The preconditions a level file sets on a step (`requires`), each read
 * from the records it stands on: a signed panel, a signed spot check, the
 * public notice and its objections, the materials received, the
 * cultivation's readiness, the filing's due date. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/deadlines.h"
#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/store/cultivation.h"
#include "gradus/store/objections.h"
#include "gradus/store/preconditions.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

/* The day the case came to where it stands: what a step stands on must
 * be of that day or later (an old panel or check does not count twice). */
static const char *entered_on(const struct case_detail *d)
{
	return d->event_count ? d->events[d->event_count - 1].on_date : "0000-00-00";
}

static struct precondition *add(struct step_check *out, bool met, const char *code)
{
	struct precondition *p = &out->items[out->count < STEP_CHECK_MAX ? out->count++ : STEP_CHECK_MAX - 1];

	p->met = met;
	snprintf(p->code, sizeof(p->code), "%s", code);
	p->text[0] = '\0';
	out->unmet += !met;
	return p;
}

static const char *panel_name(const struct level *level, const char *purpose)
{
	const struct level_panel *panel = level ? forms_level_panel(level, purpose) : NULL;

	return panel ? label_pick(panel->zh, panel->en) : purpose;
}

static const char *const panel_sql =
	"SELECT number FROM panels WHERE case_id = ?1 AND purpose = ?2 AND status = 'signed' AND step = ?3"
	" AND meeting_on >= ?4 ORDER BY meeting_on DESC LIMIT 1";
static const char *const check_sql =
	"SELECT id FROM checks WHERE case_id = ?1 AND status = 'signed' AND planned_on >= ?2"
	" ORDER BY planned_on DESC LIMIT 1";

/* The first column of the first row of sql with its text parameters, in
 * out ("" when no row). */
static enum status first_text(struct store *store, const char *sql, const char *const *params, size_t count,
			      char *out, size_t size, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	size_t i;
	bool row;

	out[0] = '\0';
	if (!stmt)
		return STATUS_ERR_DB;
	for (i = 0; i < count; i++)
		sqlite3_bind_text(stmt, (int)i + 1, params[i], -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row && sqlite3_column_text(stmt, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return status;
}

static enum status check_panel(struct store *store, const struct level *level, const struct case_detail *d,
			       const struct level_step *step, struct step_check *out, struct error *err)
{
	const char *params[] = { d->row.id, step->needs_panel, step->key, entered_on(d) };
	char number[48], code[48];
	struct precondition *p;
	enum status status = first_text(store, panel_sql, params, 4, number, sizeof(number), err);

	if (status)
		return status;
	snprintf(code, sizeof(code), "panel=%s", step->needs_panel);
	p = add(out, number[0] != '\0', code);
	if (p->met)
		/* L10N: a precondition held: the panel's name and number */
		snprintf(p->text, sizeof(p->text), _("signed %s panel %s, whose opinion takes this step"),
			 panel_name(level, step->needs_panel), number);
	else
		/* L10N: a precondition not held: the panel's name */
		snprintf(p->text, sizeof(p->text), _("no signed %s panel whose opinion takes this step"),
			 panel_name(level, step->needs_panel));
	return STATUS_OK;
}

static enum status check_spot_check(struct store *store, const struct case_detail *d, struct step_check *out,
				    struct error *err)
{
	const char *params[] = { d->row.id, entered_on(d) };
	char id[48], number[48];
	struct precondition *p;
	enum status status = first_text(store, check_sql, params, 2, id, sizeof(id), err);

	if (status)
		return status;
	p = add(out, id[0] != '\0', "spot_check");
	if (p->met)
		/* L10N: a precondition held: the spot check's number */
		snprintf(p->text, sizeof(p->text), _("signed spot check %s"), store_check_number(store, id, number));
	else
		/* L10N: a precondition not held */
		snprintf(p->text, sizeof(p->text), "%s", _("no signed spot check of the case since it came to this state"));
	return STATUS_OK;
}

/* 公示无异议: the notice's last day has passed by `on`, every objection
 * raised in it resolved. */
static enum status check_notice(struct store *store, const struct forms *forms, const struct case_detail *d,
				struct date on, struct step_check *out, struct error *err)
{
	char end[DATE_TEXT_SIZE], first[DATE_TEXT_SIZE], code[48];
	struct precondition *p;
	struct case_dates c;
	int open = 0;
	enum status status = objections_open(store, d->row.id, &open, err);

	if (status)
		return status;
	case_dates_compute(forms, d, &c);
	date_format(c.notice_ends_on, end);
	date_format(date_add_days(c.notice_ends_on, 1), first);
	snprintf(code, sizeof(code), "notice=%s", end);
	p = add(out, !(c.in_notice && date_compare(on, c.notice_ends_on) <= 0), code);
	if (p->met)
		/* L10N: a precondition held: the notice's last day */
		snprintf(p->text, sizeof(p->text), _("the public notice ran through %s"), c.in_notice ? end : "-");
	else
		/* L10N: a precondition not held: the notice's last day, the first day the step may be taken */
		snprintf(p->text, sizeof(p->text), _("the public notice runs through %s: the step may be taken from %s"),
			 end, first);
	snprintf(code, sizeof(code), "objections=%d", open);
	p = add(out, open == 0, code);
	if (p->met)
		snprintf(p->text, sizeof(p->text), "%s", _("no objection raised in the notice is open"));
	else
		snprintf(p->text, sizeof(p->text),
			 ngettext("%d objection raised in the public notice is not resolved (gradus case objection %s "
				  "resolve N --outcome TEXT)",
				  "%d objections raised in the public notice are not resolved (gradus case objection %s "
				  "resolve N --outcome TEXT)", (unsigned long)open), open, d->row.number);
	return STATUS_OK;
}

static const char *material_name(const struct level *level, const char *key)
{
	size_t i;

	for (i = 0; i < level->material_count; i++)
		if (!strcmp(level->materials[i].key, key))
			return level->materials[i].zh;
	return key;
}

static const char *group_name(const char *group)
{
	if (!strcmp(group, "application"))
		return _("application");
	if (!strcmp(group, "acceptance"))
		return _("acceptance application");
	return _("review application");
}

static void check_materials(const struct level *level, const struct case_detail *d, const char *group,
			    struct step_check *out)
{
	char *const *keys;
	size_t total = forms_level_material_group(level, group, &keys);
	char missing[640] = "", code[48];
	size_t i, k, used = 0;
	int absent = 0;
	struct precondition *p;

	for (i = 0; i < total; i++) {
		bool got = false;

		for (k = 0; k < d->material_count; k++)
			got |= !strcmp(d->materials[k].key, keys[i]) && d->materials[k].received_on;
		if (got)
			continue;
		absent++;
		if (used < sizeof(missing))
			used += (size_t)snprintf(missing + used, sizeof(missing) - used, "%s%s", used ? _(", ") : "",
						 material_name(level, keys[i]));
	}
	snprintf(code, sizeof(code), "materials=%d", absent);
	p = add(out, absent == 0, code);
	if (p->met)
		/* L10N: a precondition held: how many materials, of which kind (application, review application) */
		snprintf(p->text, sizeof(p->text), _("all %zu materials of the %s received"), total, group_name(group));
	else
		/* L10N: a precondition not held: missing, total, of which kind, then their names */
		snprintf(p->text, sizeof(p->text), _("%d of %zu materials of the %s not received: %s"), absent, total,
			 group_name(group), missing);
}

static enum status check_readiness(struct store *store, const struct forms *forms, const struct case_detail *d,
				   struct step_check *out, struct error *err)
{
	struct readiness_item *items = NULL;
	size_t count = 0;
	char code[48];
	struct precondition *p;
	enum status status = cultivation_readiness(store, forms, d->row.id, &items, &count, err);

	if (status)
		return status;
	snprintf(code, sizeof(code), "readiness=%zu", count);
	p = add(out, count == 0, code);
	if (p->met)
		snprintf(p->text, sizeof(p->text), "%s", _("every readiness item for the acceptance application is met"));
	else
		/* L10N: a precondition not held: how many, the first, the case number */
		snprintf(p->text, sizeof(p->text),
			 ngettext("%zu readiness item is not met, e.g. %s (the cultivation screen of %s lists them)",
				  "%zu readiness items are not met, e.g. %s (the cultivation screen of %s lists them)", count),
			 count, items[0].text, d->row.number);
	readiness_items_free(items, count);
	return STATUS_OK;
}

/* A filing on or before its due date: the review 3 months before the
 * end of validity, the acceptance 3 months before the end of cultivation. */
static void check_on_time(const struct forms *forms, const struct level *level, const struct case_detail *d,
			  const char *filing, struct date on, struct step_check *out)
{
	bool review = !strcmp(filing, "review");
	char due_text[DATE_TEXT_SIZE], code[48], early[DATE_TEXT_SIZE];
	struct precondition *p;
	struct case_dates c;
	struct date due;
	long late;

	case_dates_compute(forms, d, &c);
	if (review ? !c.certified : !c.cultivating)
		return; /* no date to be late for */
	due = review ? c.review_due_by : c.acceptance_due_by;
	date_format(due, due_text);
	late = date_days_between(due, on);
	snprintf(code, sizeof(code), "late.%s=%ld", filing, late > 0 ? late : 0);
	p = add(out, late <= 0, code);
	if (p->met)
		/* L10N: a precondition held: the filing (review application…), its due date */
		snprintf(p->text, sizeof(p->text), _("%s filed on time: due by %s"),
			 review ? _("review application") : _("acceptance application"), due_text);
	else
		/* L10N: a precondition not held: the filing, days late, its due date */
		snprintf(p->text, sizeof(p->text),
			 ngettext("%s filed %ld day after its due date %s", "%s filed %ld days after its due date %s",
				  (unsigned long)late), review ? _("review application") : _("acceptance application"),
			 late, due_text);
	if (review && level->rules.review_window_months > 0) {
		struct date from = date_add_months(c.expires_on, -level->rules.review_window_months);

		if (date_compare(on, from) < 0) {
			date_format(from, early);
			/* L10N: a warning: months, the first day of the usual window, the expiry; a passed review extends from it */
			snprintf(out->warning, sizeof(out->warning),
				 _("filed unusually early: the office expects reviews within %d months of the end of validity "
				   "(from %s); a passed review extends from the old expiry %s all the same"),
				 level->rules.review_window_months, early, d->expires_on ? d->expires_on : "-");
		}
	}
}

enum status case_step_preconditions(struct store *store, const struct forms *forms, const struct level *level,
				    const struct level_step *step, const struct case_detail *d, struct date on,
				    struct step_check *out, struct error *err)
{
	enum status status = STATUS_OK;

	memset(out, 0, sizeof(*out));
	if (step->needs_panel)
		status = check_panel(store, level, d, step, out, err);
	if (!status && (step->requires & STEP_NEEDS_SPOT_CHECK))
		status = check_spot_check(store, d, out, err);
	if (!status && (step->requires & STEP_NEEDS_NOTICE_ENDED))
		status = check_notice(store, forms, d, on, out, err);
	if (!status && step->needs_materials)
		check_materials(level, d, step->needs_materials, out);
	if (!status && (step->requires & STEP_NEEDS_READINESS))
		status = check_readiness(store, forms, d, out, err);
	if (!status && step->needs_on_time)
		check_on_time(forms, level, d, step->needs_on_time, on, out);
	return status;
}

/* One stored code in the user's language. */
static void code_text(const struct level *level, const char *code, char *out, size_t size)
{
	const char *value = strchr(code, '=');
	long n = value ? strtol(value + 1, NULL, 10) : 0;

	if (!strncmp(code, "late.", 5))
		snprintf(out, size,
			 ngettext("%s filed %ld day after its due date", "%s filed %ld days after its due date",
				  (unsigned long)n), !strncmp(code, "late.review", 11) ? _("review application")
						     : _("acceptance application"), n);
	else if (!strncmp(code, "panel=", 6))
		snprintf(out, size, _("no signed %s panel"), panel_name(level, value + 1));
	else if (!strcmp(code, "spot_check"))
		snprintf(out, size, "%s", _("no signed spot check"));
	else if (!strncmp(code, "notice=", 7))
		/* L10N: the notice's last day */
		snprintf(out, size, _("the public notice ran through %s"), value + 1);
	else if (!strncmp(code, "objections=", 11))
		snprintf(out, size, ngettext("%ld objection not resolved", "%ld objections not resolved", (unsigned long)n), n);
	else if (!strncmp(code, "materials=", 10))
		snprintf(out, size, ngettext("%ld material not received", "%ld materials not received", (unsigned long)n), n);
	else if (!strncmp(code, "readiness=", 10))
		snprintf(out, size, ngettext("%ld readiness item not met", "%ld readiness items not met", (unsigned long)n), n);
	else
		snprintf(out, size, "%s", code);
}

bool case_event_late(const struct case_event *event)
{
	return event->unmet && strstr(event->unmet, "late.") != NULL;
}

void case_override_text(const struct forms *forms, const char *level_key, const struct case_event *event, char *out,
			size_t size)
{
	const struct level *level = forms_level(forms, level_key);
	char codes[256], what[512] = "", one[160];
	bool all_late = true;
	size_t used = 0;
	char *code, *save = NULL;

	out[0] = '\0';
	if (!event->unmet || !*event->unmet)
		return;
	snprintf(codes, sizeof(codes), "%s", event->unmet);
	for (code = strtok_r(codes, "|", &save); code; code = strtok_r(NULL, "|", &save)) {
		all_late &= !strncmp(code, "late.", 5);
		code_text(level, code, one, sizeof(one));
		if (used < sizeof(what))
			used += (size_t)snprintf(what + used, sizeof(what) - used, "%s%s", used ? _("; ") : "", one);
	}
	if (all_late)
		/* L10N: a step taken after its due date by an admin's override: what was late, the reason */
		snprintf(out, size, _("taken late: %s; reason: %s"), what, event->override ? event->override : "-");
	else
		/* L10N: a step taken though preconditions failed: which, then the admin's reason */
		snprintf(out, size, _("taken with an override: %s; reason: %s"), what, event->override ? event->override : "-");
}
