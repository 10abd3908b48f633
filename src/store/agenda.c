/* The dates of DESIGN section 2 for each case, and the agenda of what
 * falls due. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/deadlines.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

static bool parse(const char *text, struct date *d)
{
	return text && date_parse(text, d, NULL) == STATUS_OK;
}

/* What a case's dates follow from: its columns and four facts of its
 * events (read from its detail by case_dates_compute, or from the agenda's
 * one query for every case at once). */
struct case_facts {
	const char *level, *state, *certified_on, *expires_on, *cultivation_starts_on;
	const char *review_kind; /* the last review event's kind (review_kinds), or NULL */
	const char *lapse_kind;  /* the last cultivation_started or cultivation_lapsed, or NULL */
	bool acceptance_filed;
	const char *last_kind, *last_to, *last_on; /* the last event of all, or NULLs */
};

static const char *const review_kinds[] = { "review_filed", "review_passed", "review_failed", "certified",
					    "published", NULL };
static const char *const lapse_kinds[] = { "cultivation_started", "cultivation_lapsed", NULL };

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The last of the events of one of the kinds, or NULL. */
static const struct case_event *last_of(const struct case_event *events, size_t count, const char *const *kinds)
{
	const struct case_event *found = NULL;
	size_t i, k;

	for (i = 0; i < count; i++)
		for (k = 0; kinds[k]; k++)
			if (events[i].kind && !strcmp(events[i].kind, kinds[k]))
				found = &events[i];
	return found;
}

/* The facts of a case's events, in their order (on_date, created_at, rowid). */
static void facts_of_events(const struct case_event *events, size_t count, struct case_facts *f)
{
	static const char *const acceptance_kinds[] = { "acceptance_filed", NULL };
	const struct case_event *review = last_of(events, count, review_kinds);
	const struct case_event *lapse = last_of(events, count, lapse_kinds);
	const struct case_event *last = count ? &events[count - 1] : NULL;

	f->review_kind = review ? review->kind : NULL;
	f->lapse_kind = lapse ? lapse->kind : NULL;
	f->acceptance_filed = last_of(events, count, acceptance_kinds) != NULL;
	f->last_kind = last ? last->kind : NULL;
	f->last_to = last ? last->to_state : NULL;
	f->last_on = last ? last->on_date : NULL;
}

static void facts_of_detail(const struct case_detail *d, struct case_facts *f)
{
	*f = (struct case_facts){ .level = d->row.level, .state = d->row.state, .certified_on = d->certified_on,
				  .expires_on = d->expires_on, .cultivation_starts_on = d->cultivation_starts_on };
	facts_of_events(d->events, d->event_count, f);
}

/* A notice started by the case's last event, in the state it led to. */
static void notice_dates(const struct forms *forms, const struct level *level, const struct case_facts *f,
			 struct case_dates *out)
{
	bool covered;

	if (!same(f->last_kind, "notice_started") || !same(f->last_to, f->state) ||
	    !parse(f->last_on, &out->notice_starts_on))
		return;
	out->in_notice = true;
	out->notice_ends_on = deadline_notice_ends_on(&level->rules, &forms->calendar, out->notice_starts_on, &covered);
	if (!covered)
		out->notice_provisional = workdays_uncovered_year(&forms->calendar, out->notice_starts_on,
								  out->notice_ends_on);
}

void case_provisional_text(int year, char *out, size_t size)
{
	/* L10N: beside a deadline counted in working days in a year whose holiday
	 * calendar (forms/holidays/YEAR.ini) is not there yet; %d is the year */
	snprintf(out, size, _("provisional: no %d holiday calendar, counted Monday to Friday"), year);
}

/* The sweep's lapse of the current cultivation: taken once since the last
 * start, and whether the case still stands where it led (the lapse is then
 * its last event). */
static void lapse_dates(const struct case_facts *f, struct case_dates *out)
{
	if (!same(f->lapse_kind, "cultivation_lapsed"))
		return;
	out->lapse_taken = true;
	out->cultivation_lapsed = same(f->last_kind, "cultivation_lapsed") && same(f->last_to, f->state) &&
				  parse(f->last_on, &out->cultivation_lapsed_on);
}

static void dates_of_facts(const struct forms *forms, const struct case_facts *f, struct case_dates *out)
{
	const struct level *level = f->level ? forms_level(forms, f->level) : NULL;
	const struct level_state *state = level && f->state ? forms_level_state(level, f->state) : NULL;

	memset(out, 0, sizeof(*out));
	if (!level)
		return;
	out->certified = parse(f->certified_on, &out->certified_on) && !(state && state->final);
	if (out->certified && parse(f->expires_on, &out->expires_on))
		out->review_due_by = deadline_review_due_by(&level->rules, out->expires_on);
	out->review_filed = same(f->review_kind, "review_filed");
	if (parse(f->cultivation_starts_on, &out->cultivation_starts_on) && level->rules.cultivation_years > 0) {
		out->cultivating = !out->certified && !(state && state->final);
		out->cultivation_ends_on = deadline_cultivation_ends_on(&level->rules, out->cultivation_starts_on);
		out->acceptance_due_by = deadline_acceptance_due_by(&level->rules, out->cultivation_ends_on);
		out->acceptance_filed = f->acceptance_filed;
		lapse_dates(f, out);
	}
	if (!(state && state->final))
		notice_dates(forms, level, f, out);
}

void case_dates_compute(const struct forms *forms, const struct case_detail *d, struct case_dates *out)
{
	struct case_facts facts;

	facts_of_detail(d, &facts);
	dates_of_facts(forms, &facts, out);
}

struct due {
	struct date on;
	const char *kind;
	int provisional;
};

/* What falls due for one case, in no order; returns the count (at most 4). */
static size_t dues_of(const struct case_dates *c, struct due out[4])
{
	size_t n = 0;

	if (c->certified && c->expires_on.year) {
		if (!c->review_filed)
			out[n++] = (struct due){ c->review_due_by, "review_application", 0 };
		out[n++] = (struct due){ c->expires_on, "expiry", 0 };
	}
	/* A lapsed cultivation awaits one decision: extend or terminate. */
	if (c->cultivation_lapsed)
		out[n++] = (struct due){ c->cultivation_lapsed_on, "cultivation_decision", 0 };
	else if (c->cultivating) {
		if (!c->acceptance_filed)
			out[n++] = (struct due){ c->acceptance_due_by, "acceptance_application", 0 };
		out[n++] = (struct due){ c->cultivation_ends_on, "cultivation_end", 0 };
	}
	if (c->in_notice && n < 4)
		out[n++] = (struct due){ c->notice_ends_on, "notice_end", c->notice_provisional };
	return n;
}

bool case_next_due(const struct forms *forms, const struct case_detail *detail, struct date *due)
{
	struct case_dates dates;
	struct due dues[4];
	size_t n, i;

	case_dates_compute(forms, detail, &dates);
	n = dues_of(&dates, dues);
	for (i = 0; i < n; i++)
		if (i == 0 || date_compare(dues[i].on, *due) < 0)
			*due = dues[i].on;
	return n > 0;
}

/* The columns of a row of cases_due_sql: its case, then its facts. */
enum {
	DUE_ID, DUE_NUMBER, DUE_ENTERPRISE, DUE_LEVEL, DUE_STATE, DUE_CERTIFIED_ON, DUE_EXPIRES_ON,
	DUE_CULTIVATION_STARTS_ON, DUE_EVENTS, DUE_COLUMNS
};

static enum status add_items(sqlite3_stmt *row, const struct case_dates *dates, struct date today,
			     struct date horizon, struct agenda_item **items, size_t *count, size_t *capacity)
{
	enum status status = STATUS_OK;

	struct due dues[4];
	size_t n = dues_of(dates, dues), i;

	for (i = 0; i < n; i++) {
		struct agenda_item *item;

		if (date_compare(dues[i].on, horizon) > 0)
			continue;
		if (store_grow((void **)items, capacity, *count, sizeof(**items)))
			return STATUS_ERR_NOMEM;
		item = &(*items)[(*count)++];
		memset(item, 0, sizeof(*item));
		item->due = dues[i].on;
		item->kind = dues[i].kind;
		item->overdue = date_compare(dues[i].on, today) < 0;
		snprintf(item->id, sizeof(item->id), "%s", (const char *)sqlite3_column_text(row, DUE_ID));
		snprintf(item->number, sizeof(item->number), "%s", (const char *)sqlite3_column_text(row, DUE_NUMBER));
		item->enterprise = store_column_dup(row, DUE_ENTERPRISE, &status);
		item->level = store_column_dup(row, DUE_LEVEL, &status);
		item->state = store_column_dup(row, DUE_STATE, &status);
		if (status)
			return status;
		if ((item->provisional = dues[i].provisional)) {
			char text[160];

			case_provisional_text(item->provisional, text, sizeof(text));
			if (!(item->detail = strdup(text)))
				return STATUS_ERR_NOMEM;
		}
	}
	return STATUS_OK;
}

static int by_date(const void *a, const void *b)
{
	const struct agenda_item *x = a, *y = b;
	int c = date_compare(x->due, y->due);

	return c ? c : strcmp(x->number, y->number);
}

/* The cases whose next deadline is on or before the horizon, each with
 * what its dates follow from: its columns and its events, in their order,
 * as "kind US to_state US on_date" joined by RS (read through the case's
 * own entries of events_case): one query for them all. */
#define EVENT_FIELD "char(31)"
#define EVENT_RECORD "char(30)"
static const char *const cases_due_sql =
	"SELECT c.id, c.number, e.name, c.level, c.state, c.certified_on, c.expires_on, c.cultivation_starts_on,"
	" (SELECT group_concat(coalesce(kind, '') || " EVENT_FIELD " || to_state || " EVENT_FIELD " || on_date, "
	EVENT_RECORD ") FROM (SELECT kind, to_state, on_date FROM events WHERE case_id = c.id"
	"  ORDER BY on_date, created_at, rowid))"
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
	" WHERE c.next_due IS NOT NULL AND c.next_due <= ?1 ORDER BY c.next_due, c.number";

/* The events of a row of cases_due_sql, split in place in text: kind (NULL
 * when empty), to_state and on_date of each; *events is freed by the caller. */
static enum status events_of(char *text, struct case_event **events, size_t *count)
{
	size_t n = 1, i;
	char *at;

	*events = NULL;
	*count = 0;
	if (!text || !*text)
		return STATUS_OK;
	for (at = text; *at; at++)
		n += *at == '\x1e';
	if (!(*events = calloc(n, sizeof(**events))))
		return STATUS_ERR_NOMEM;
	for (i = 0, at = text; i < n; i++) {
		struct case_event *e = &(*events)[i];
		char *end = strchr(at, '\x1e');

		if (end)
			*end = '\0';
		e->kind = at;
		if ((e->to_state = strchr(at, '\x1f')) && (*e->to_state++ = '\0', e->on_date = strchr(e->to_state, '\x1f')))
			*e->on_date++ = '\0';
		if (!*e->kind)
			e->kind = NULL;
		at = end ? end + 1 : at + strlen(at);
	}
	*count = n;
	return STATUS_OK;
}

static const char *const findings_sql =
	"SELECT f.id, f.case_id, coalesce(k.number, p.number), f.due_on,"
	" CASE WHEN f.scenario = 0 THEN '#' || f.item ELSE f.scenario || '.' || f.item END || ' ' || f.severity"
	" || coalesce(': ' || f.action, ''), c.level, c.state, e.name"
	" FROM findings f LEFT JOIN checks k ON k.id = f.check_id LEFT JOIN panels p ON p.id = f.panel_id"
	" JOIN cases c ON c.id = f.case_id"
	" JOIN factories fa ON fa.id = c.factory_id JOIN enterprises e ON e.id = fa.enterprise_id"
	" WHERE f.status = 'open' AND f.due_on <= ?1 ORDER BY f.due_on, 3";

/* The open milestones and follow-ups of cultivations due by the horizon. */
static const char *const cultivation_sql =
	"SELECT x.id, x.case_id, c.number, x.due_on, x.text, c.level, c.state, e.name, x.kind FROM ("
	"  SELECT id, case_id, due_on, title AS text, 'milestone' AS kind FROM milestones"
	"   WHERE done_on IS NULL AND due_on <= ?1"
	"  UNION ALL SELECT id, case_id, due_on, action, 'followup' FROM followups"
	"   WHERE done_on IS NULL AND due_on <= ?1) x"
	" JOIN cases c ON c.id = x.case_id JOIN factories fa ON fa.id = c.factory_id"
	" JOIN enterprises e ON e.id = fa.enterprise_id ORDER BY x.due_on, c.number";

/* Whether the case stands in a final state: closed (revoked, withdrawn,
 * cancelled, rejected), with nothing more due. */
static bool closed(const struct forms *forms, const char *level_key, const char *state_key)
{
	const struct level *level = level_key ? forms_level(forms, level_key) : NULL;
	const struct level_state *state = level && state_key ? forms_level_state(level, state_key) : NULL;

	return state && state->final;
}

/* Rows of findings_sql or cultivation_sql (the kind in column 8, or
 * "finding"), but for closed cases. */
static enum status add_rows(struct store *store, const struct forms *forms, const char *sql, const char *horizon,
			    struct date today, struct agenda_item **items, size_t *count, size_t *capacity,
			    struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, horizon, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		struct agenda_item *item;

		if (closed(forms, (const char *)sqlite3_column_text(stmt, 5), (const char *)sqlite3_column_text(stmt, 6)))
			continue;
		if ((status = store_grow((void **)items, capacity, *count, sizeof(**items))))
			break;
		item = &(*items)[(*count)++];
		memset(item, 0, sizeof(*item));
		item->kind = sqlite3_column_count(stmt) < 9 ? "finding"
			     : !strcmp((const char *)sqlite3_column_text(stmt, 8), "milestone") ? "milestone" : "followup";
		snprintf(item->finding, sizeof(item->finding), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(item->id, sizeof(item->id), "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(item->number, sizeof(item->number), "%s", (const char *)sqlite3_column_text(stmt, 2));
		parse((const char *)sqlite3_column_text(stmt, 3), &item->due);
		item->overdue = date_compare(item->due, today) < 0;
		item->detail = store_column_dup(stmt, 4, &status);
		item->level = store_column_dup(stmt, 5, &status);
		item->state = store_column_dup(stmt, 6, &status);
		item->enterprise = store_column_dup(stmt, 7, &status);
	}
	sqlite3_reset(stmt);
	return status;
}

/* The items of the cases due by the horizon (cases_due_sql). */
static enum status add_cases(struct store *store, const struct forms *forms, const char *horizon_text,
			     struct date today, struct date horizon, struct agenda_item **items, size_t *count,
			     size_t *capacity, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, cases_due_sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, horizon_text, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		const char *text[DUE_COLUMNS];
		struct case_facts facts;
		struct case_dates dates;
		struct case_event *events = NULL;
		char *timeline;
		size_t n = 0;
		int i;

		for (i = 0; i < DUE_COLUMNS; i++)
			text[i] = (const char *)sqlite3_column_text(stmt, i);
		timeline = text[DUE_EVENTS] ? strdup(text[DUE_EVENTS]) : NULL;
		if ((text[DUE_EVENTS] && !timeline) || (status = events_of(timeline, &events, &n))) {
			free(timeline);
			status = STATUS_ERR_NOMEM;
			break;
		}
		facts = (struct case_facts){ .level = text[DUE_LEVEL], .state = text[DUE_STATE],
					     .certified_on = text[DUE_CERTIFIED_ON], .expires_on = text[DUE_EXPIRES_ON],
					     .cultivation_starts_on = text[DUE_CULTIVATION_STARTS_ON] };
		facts_of_events(events, n, &facts);
		dates_of_facts(forms, &facts, &dates);
		status = add_items(stmt, &dates, today, horizon, items, count, capacity);
		free(events);
		free(timeline);
	}
	sqlite3_reset(stmt);
	return status;
}

enum status case_agenda(struct store *store, const struct forms *forms, struct date today, int within,
			struct agenda_item **items, size_t *count, struct error *err)
{
	struct date horizon = date_add_days(today, within);
	char text[DATE_TEXT_SIZE];
	size_t capacity = 0;
	enum status status;

	*items = NULL;
	*count = 0;
	date_format(horizon, text);
	status = add_cases(store, forms, text, today, horizon, items, count, &capacity, err);
	if (!status)
		status = add_rows(store, forms, findings_sql, text, today, items, count, &capacity, err);
	if (!status)
		status = add_rows(store, forms, cultivation_sql, text, today, items, count, &capacity, err);
	if (status) {
		agenda_free(*items, *count);
		*items = NULL;
		*count = 0;
		return status;
	}
	qsort(*items, *count, sizeof(**items), by_date);
	return STATUS_OK;
}

void agenda_free(struct agenda_item *items, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(items[i].enterprise);
		free(items[i].level);
		free(items[i].state);
		free(items[i].detail);
	}
	free(items);
}
