/* The dates of DESIGN section 2 for each case, and the agenda of what
 * falls due. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/deadlines.h"
#include "gradus/text/i18n.h"
#include "authority_private.h"
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

static bool earliest(const struct due *dues, size_t n, struct date *due)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (i == 0 || date_compare(dues[i].on, *due) < 0)
			*due = dues[i].on;
	return n > 0;
}



/* The kept deadlines of a case (case_dues, schema 25): those of dues. */
static enum status dues_insert(struct store *store, sqlite3_stmt *insert, const char *id, const char *number,
			       const struct due *dues, size_t n, struct error *err)
{
	enum status status = STATUS_OK;
	char on[DATE_TEXT_SIZE];
	size_t i;
	bool row;

	for (i = 0; !status && i < n; i++) {
		date_format(dues[i].on, on);
		sqlite3_bind_text(insert, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(insert, 2, dues[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(insert, 3, on, -1, SQLITE_STATIC);
		sqlite3_bind_text(insert, 4, number, -1, SQLITE_STATIC);
		sqlite3_bind_int(insert, 5, dues[i].provisional);
		status = store_step(store, insert, &row, err);
		sqlite3_reset(insert);
	}
	return status;
}

static const char *const dues_insert_sql =
	"INSERT INTO case_dues (case_id, kind, due_on, number, provisional) VALUES (?1, ?2, ?3, ?4, ?5)";

static enum status dues_write(struct store *store, const char *id, const char *number, const struct due *dues,
			      size_t n, struct error *err)
{
	static const char *const forget = "DELETE FROM case_dues WHERE case_id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, forget, err);
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	sqlite3_reset(stmt);
	if (status || !n)
		return status;
	if (!(stmt = store_prepare(store, dues_insert_sql, err)))
		return STATUS_ERR_DB;
	return dues_insert(store, stmt, id, number, dues, n, err);
}

enum status case_dues_keep(struct store *store, const struct forms *forms, const struct case_detail *detail,
			   struct date *due, bool *has, struct error *err)
{
	struct case_dates dates;
	struct due dues[4];
	size_t n;

	case_dates_compute(forms, detail, &dates);
	n = dues_of(&dates, dues);
	*has = earliest(dues, n, due);
	return dues_write(store, detail->row.id, detail->row.number, dues, n, err);
}

/* The columns of a row of cases_due_sql: its case, then its facts. */
enum { DUE_ID, DUE_NUMBER, DUE_LEVEL, DUE_STATE, DUE_CERTIFIED_ON, DUE_EXPIRES_ON, DUE_CULTIVATION_STARTS_ON,
       DUE_EVENTS, DUE_COLUMNS };

/* The cases with a next deadline, each with what its dates follow from:
 * its columns and its events, in their order, as "kind US to_state US
 * on_date" joined by RS (read through the case's own entries of
 * events_case): one query for them all. */
#define EVENT_FIELD "char(31)"
#define EVENT_RECORD "char(30)"
static const char *const cases_due_sql =
	"SELECT c.id, c.number, c.level, c.state, c.certified_on, c.expires_on, c.cultivation_starts_on,"
	" (SELECT group_concat(coalesce(kind, '') || " EVENT_FIELD " || to_state || " EVENT_FIELD " || on_date, "
	EVENT_RECORD ") FROM (SELECT kind, to_state, on_date FROM events WHERE case_id = c.id"
	"  ORDER BY on_date, created_at, rowid))"
	" FROM cases c WHERE c.next_due IS NOT NULL";

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

/* The dues of a row of cases_due_sql, as the rules give them. */
static enum status dues_of_row(const struct forms *forms, sqlite3_stmt *row, struct due dues[4], size_t *n)
{
	const char *text[DUE_COLUMNS];
	struct case_facts facts;
	struct case_dates dates;
	struct case_event *events = NULL;
	char *timeline;
	size_t count = 0;
	int i;

	for (i = 0; i < DUE_COLUMNS; i++)
		text[i] = (const char *)sqlite3_column_text(row, i);
	timeline = text[DUE_EVENTS] ? strdup(text[DUE_EVENTS]) : NULL;
	if ((text[DUE_EVENTS] && !timeline) || events_of(timeline, &events, &count)) {
		free(timeline);
		return STATUS_ERR_NOMEM;
	}
	facts = (struct case_facts){ .level = text[DUE_LEVEL], .state = text[DUE_STATE],
				     .certified_on = text[DUE_CERTIFIED_ON], .expires_on = text[DUE_EXPIRES_ON],
				     .cultivation_starts_on = text[DUE_CULTIVATION_STARTS_ON] };
	facts_of_events(events, count, &facts);
	dates_of_facts(forms, &facts, &dates);
	*n = dues_of(&dates, dues);
	free(events);
	free(timeline);
	return STATUS_OK;
}

enum status case_dues_compute_all(struct store *store, const struct forms *forms, sqlite3_stmt *insert,
				  struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum status status = STATUS_OK;
	int rc = sqlite3_prepare_v2(store_db(store), cases_due_sql, -1, &stmt, NULL);
	bool row;

	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading"));
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		struct due dues[4];
		size_t n = 0;

		if (!(status = dues_of_row(forms, stmt, dues, &n)))
			status = dues_insert(store, insert, (const char *)sqlite3_column_text(stmt, DUE_ID),
					     (const char *)sqlite3_column_text(stmt, DUE_NUMBER), dues, n, err);
	}
	sqlite3_finalize(stmt);
	return status;
}

/* The next deadline of each case that the kept deadlines now put
 * elsewhere (the forms' rules or holiday calendars changed since it was
 * written), written as the system's; ids first, then the writes. */
static enum status next_due_follow(struct store *store, struct error *err)
{
	static const char *const moved =
		"SELECT c.id, d.first FROM cases c JOIN (SELECT case_id, min(due_on) AS first FROM case_dues"
		" GROUP BY case_id) d ON d.case_id = c.id WHERE c.next_due IS NOT d.first"
		" UNION ALL SELECT id, NULL FROM cases c WHERE next_due IS NOT NULL"
		" AND NOT EXISTS (SELECT 1 FROM case_dues d WHERE d.case_id = c.id)";
	sqlite3_stmt *stmt = NULL;
	char (*ids)[33] = NULL, (*dues)[DATE_TEXT_SIZE] = NULL;
	size_t count = 0, capacity = 0, capacity2 = 0, i;
	enum status status = STATUS_OK;
	int rc = sqlite3_prepare_v2(store_db(store), moved, -1, &stmt, NULL);
	bool row;

	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, _("reading"));
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		const char *due = (const char *)sqlite3_column_text(stmt, 1);

		if ((status = store_grow((void **)&ids, &capacity, count, sizeof(*ids))) ||
		    (status = store_grow((void **)&dues, &capacity2, count, sizeof(*dues))))
			break;
		snprintf(ids[count], sizeof(ids[count]), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(dues[count++], sizeof(dues[0]), "%s", due ? due : "");
	}
	sqlite3_finalize(stmt);
	store_act_as_system(store, true);
	for (i = 0; !status && i < count; i++) {
		authority_exempt(store, ids[i]);
		status = store_update(store, "cases", ids[i], "next_due", dues[i][0] ? dues[i] : NULL, err);
	}
	authority_exempt(store, NULL);
	store_act_as_system(store, false);
	free(ids);
	free(dues);
	return status;
}

/* Fills case_dues anew from the rules of the store's forms (hash, their
 * files' SHA-256) and notes which; next_due follows. */
static enum status dues_fill(struct store *store, const char *hash, struct error *err)
{
	static const char *const note = "INSERT OR REPLACE INTO meta VALUES ('case_dues_forms', ?1)";
	sqlite3_stmt *insert = NULL;
	enum status status = store_begin(store, err);
	int rc;
	bool row;

	if (status)
		return status;
	if ((rc = sqlite3_exec(store_db(store), "DELETE FROM case_dues", NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(store_db(store), dues_insert_sql, -1, &insert, NULL)) != SQLITE_OK)
		status = store_fail(store, rc, err, _("writing"));
	if (!status)
		status = case_dues_compute_all(store, store->forms, insert, err);
	sqlite3_finalize(insert);
	if (!status)
		status = next_due_follow(store, err);
	if (!status && (insert = store_prepare(store, note, err))) {
		sqlite3_bind_text(insert, 1, hash, -1, SQLITE_STATIC);
		status = store_step(store, insert, &row, err);
		sqlite3_reset(insert);
	} else if (!status) {
		status = STATUS_ERR_DB;
	}
	return store_finish(store, status, err);
}

void store_dues_sync(struct store *store)
{
	static const char *const same =
		"SELECT coalesce((SELECT value FROM meta WHERE key = 'case_dues_forms'), '') = ?1";
	const char *hash;
	sqlite3_stmt *stmt;
	struct error err = { "" };
	long kept = 0;

	if (!store->forms || store->bundle || store->read_only || store->no_account || store->depth)
		return;
	hash = forms_rules_hash(store->forms);
	if (!(stmt = store_prepare(store, same, &err)))
		return;
	sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
	store_count(store, stmt, &kept, &err);
	if (!kept && !err.message[0])
		dues_fill(store, hash, &err);
}

/* The agenda's order: (due_on, number, kind, the record's id: the case's
 * for its deadlines). Each of its four sources is read along an index in
 * that order (or in that order of due_on, the rest sorted per day), and
 * SQLite merges them, stopping after the page: a page costs its rows, not
 * the office. ?1 the horizon, ?2-?5 the key after (before) which the page
 * starts, ?6 the final states ("level state", a JSON list) whose cases'
 * findings, milestones and follow-ups are not shown. */
#define AGENDA_OPEN " AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each(?6))"
static const char *const page_format =
	"SELECT d.due_on, d.number, d.kind, d.case_id, d.case_id, d.provisional, NULL, e.name, c.level, c.state"
	" FROM case_dues d JOIN cases c ON c.id = d.case_id JOIN factories fa ON fa.id = c.factory_id"
	" JOIN enterprises e ON e.id = fa.enterprise_id"
	" WHERE d.due_on <= %s AND (d.due_on, d.number, d.kind, d.case_id) %s (?2, ?3, ?4, ?5)"
	" UNION ALL SELECT f.due_on, coalesce(k.number, p.number), 'finding', f.id, f.case_id, 0,"
	" CASE WHEN f.scenario = 0 THEN '#' || f.item ELSE f.scenario || '.' || f.item END || ' ' || f.severity"
	" || coalesce(': ' || f.action, ''), e.name, c.level, c.state"
	" FROM findings f LEFT JOIN checks k ON k.id = f.check_id LEFT JOIN panels p ON p.id = f.panel_id"
	" JOIN cases c ON c.id = f.case_id JOIN factories fa ON fa.id = c.factory_id"
	" JOIN enterprises e ON e.id = fa.enterprise_id"
	" WHERE f.status = 'open' AND f.due_on <= %s AND f.due_on >= %s"
	" AND (f.due_on, coalesce(k.number, p.number), 'finding', f.id) %s (?2, ?3, ?4, ?5)" AGENDA_OPEN
	" UNION ALL SELECT m.due_on, c.number, 'milestone', m.id, m.case_id, 0, m.title, e.name, c.level, c.state"
	" FROM milestones m JOIN cases c ON c.id = m.case_id JOIN factories fa ON fa.id = c.factory_id"
	" JOIN enterprises e ON e.id = fa.enterprise_id"
	" WHERE m.done_on IS NULL AND m.due_on <= %s AND m.due_on >= %s"
	" AND (m.due_on, c.number, 'milestone', m.id) %s (?2, ?3, ?4, ?5)" AGENDA_OPEN
	" UNION ALL SELECT u.due_on, c.number, 'followup', u.id, u.case_id, 0, u.action, e.name, c.level, c.state"
	" FROM followups u JOIN cases c ON c.id = u.case_id JOIN factories fa ON fa.id = c.factory_id"
	" JOIN enterprises e ON e.id = fa.enterprise_id"
	" WHERE u.done_on IS NULL AND u.due_on <= %s AND u.due_on >= %s"
	" AND (u.due_on, c.number, 'followup', u.id) %s (?2, ?3, ?4, ?5)" AGENDA_OPEN
	" ORDER BY 1%s, 2%s, 3%s, 4%s LIMIT %zu";

/* The columns of a row of page_format. */
enum { PAGE_DUE, PAGE_NUMBER, PAGE_KIND, PAGE_RECORD, PAGE_CASE, PAGE_PROVISIONAL, PAGE_DETAIL, PAGE_ENTERPRISE,
       PAGE_LEVEL, PAGE_STATE };

/* The final states of the forms' levels, "level state" in a JSON list. */
static char *final_states_json(const struct forms *forms)
{
	size_t size = 3, used = 0, i, k;
	char *out;

	for (i = 0; forms && i < forms->level_count; i++)
		for (k = 0; k < forms->levels[i].state_count; k++)
			size += 8 + 2 * (strlen(forms->levels[i].key) + strlen(forms->levels[i].states[k].key));
	if (!(out = malloc(size)))
		return NULL;
	out[used++] = '[';
	for (i = 0; forms && i < forms->level_count; i++)
		for (k = 0; k < forms->levels[i].state_count; k++) {
			const char *parts[2] = { forms->levels[i].key, forms->levels[i].states[k].key };
			int p;

			if (!forms->levels[i].states[k].final)
				continue;
			if (used > 1)
				out[used++] = ',';
			out[used++] = '"';
			for (p = 0; p < 2; p++) {
				const char *at;

				for (at = parts[p]; *at; at++) {
					if (*at == '"' || *at == '\\')
						out[used++] = '\\';
					out[used++] = *at;
				}
				if (!p)
					out[used++] = ' ';
			}
			out[used++] = '"';
		}
	out[used++] = ']';
	out[used] = '\0';
	return out;
}

static const char *const item_kinds[] = {
	"review_application", "expiry", "acceptance_application", "cultivation_end", "notice_end",
	"cultivation_decision", "finding", "milestone", "followup", NULL,
};

static const char *item_kind(const char *text)
{
	size_t i;

	for (i = 0; text && item_kinds[i]; i++)
		if (!strcmp(item_kinds[i], text))
			return item_kinds[i];
	return "finding";
}

static const char *text_of(sqlite3_stmt *row, int column)
{
	const char *text = (const char *)sqlite3_column_text(row, column);

	return text ? text : "";
}

static enum status item_of_row(sqlite3_stmt *row, struct date today, struct agenda_item *item)
{
	enum status status = STATUS_OK;

	memset(item, 0, sizeof(*item));
	parse((const char *)sqlite3_column_text(row, PAGE_DUE), &item->due);
	item->overdue = date_compare(item->due, today) < 0;
	item->kind = item_kind((const char *)sqlite3_column_text(row, PAGE_KIND));
	snprintf(item->number, sizeof(item->number), "%s", text_of(row, PAGE_NUMBER));
	snprintf(item->id, sizeof(item->id), "%s", text_of(row, PAGE_CASE));
	if (strcmp(item->kind, "finding") && strcmp(item->kind, "milestone") && strcmp(item->kind, "followup"))
		item->finding[0] = '\0';
	else
		snprintf(item->finding, sizeof(item->finding), "%s", text_of(row, PAGE_RECORD));
	item->enterprise = store_column_dup(row, PAGE_ENTERPRISE, &status);
	item->level = store_column_dup(row, PAGE_LEVEL, &status);
	item->state = store_column_dup(row, PAGE_STATE, &status);
	item->detail = store_column_dup(row, PAGE_DETAIL, &status);
	if (!status && (item->provisional = sqlite3_column_int(row, PAGE_PROVISIONAL))) {
		char text[160];

		case_provisional_text(item->provisional, text, sizeof(text));
		free(item->detail);
		if (!(item->detail = strdup(text)))
			status = STATUS_ERR_NOMEM;
	}
	return status;
}

enum status case_agenda_page(struct store *store, const struct forms *forms, struct date today, int within,
			     const struct agenda_item *from, bool backward, size_t limit, struct agenda_item *items,
			     size_t *count, struct error *err)
{
	/* the range of due_on each source reads: from the key to the horizon, or back from the key */
	const char *op = backward ? "<" : ">", *to = backward ? "min(?1, ?2)" : "?1", *since = backward ? "''" : "?2";
	const char *dir = backward ? " DESC" : "";
	char sql[4096], horizon[DATE_TEXT_SIZE], due[DATE_TEXT_SIZE];
	sqlite3_stmt *stmt;
	enum status status = STATUS_OK;
	char *finals;
	bool row;

	*count = 0;
	if (!limit)
		return STATUS_OK;
	/* the deadlines' index holds the whole key: the row value bounds their range */
	snprintf(sql, sizeof(sql), page_format, to, op, to, since, op, to, since, op, to, since, op, dir, dir, dir,
		 dir, limit);
	if (!(stmt = store_prepare_built(store, sql, err)))
		return STATUS_ERR_DB;
	if (!(finals = final_states_json(forms)))
		return STATUS_ERR_NOMEM;
	date_format(date_add_days(today, within), horizon);
	if (from)
		date_format(from->due, due);
	sqlite3_bind_text(stmt, 1, horizon, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, from ? due : backward ? "9999-99-99" : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, from ? from->number : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, from ? from->kind : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, from ? (from->finding[0] ? from->finding : from->id) : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, finals, -1, SQLITE_STATIC);
	while (*count < limit && !(status = store_step(store, stmt, &row, err)) && row) {
		size_t at = backward ? limit - 1 - *count : *count;

		if ((status = item_of_row(stmt, today, &items[at]))) {
			agenda_free_rows(&items[at], 1);
			break;
		}
		(*count)++;
	}
	sqlite3_reset(stmt);
	free(finals);
	if (status) {
		agenda_free_rows(backward ? items + limit - *count : items, *count);
		*count = 0;
	} else if (backward && *count < limit) {
		memmove(items, items + limit - *count, *count * sizeof(*items));
	}
	return status;
}

enum status case_agenda_count(struct store *store, const struct forms *forms, struct date today, int within,
			      long *due, long *overdue, struct error *err)
{
	static const char *const sql =
		"SELECT (SELECT count(*) FROM case_dues WHERE due_on <= ?1)"
		" + (SELECT count(*) FROM findings f JOIN cases c ON c.id = f.case_id"
		"  WHERE f.status = 'open' AND f.due_on <= ?1" AGENDA_OPEN ")"
		" + (SELECT count(*) FROM milestones m JOIN cases c ON c.id = m.case_id"
		"  WHERE m.done_on IS NULL AND m.due_on <= ?1" AGENDA_OPEN ")"
		" + (SELECT count(*) FROM followups u JOIN cases c ON c.id = u.case_id"
		"  WHERE u.done_on IS NULL AND u.due_on <= ?1" AGENDA_OPEN ")";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char horizon[DATE_TEXT_SIZE];
	enum status status;
	char *finals;
	int pass;

	*due = 0;
	if (overdue)
		*overdue = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	if (!(finals = final_states_json(forms)))
		return STATUS_ERR_NOMEM;
	for (status = STATUS_OK, pass = 0; !status && pass < (overdue ? 2 : 1); pass++) {
		/* what falls due by the horizon, then what fell due before today */
		date_format(pass ? date_add_days(today, -1) : date_add_days(today, within), horizon);
		sqlite3_bind_text(stmt, 1, horizon, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, finals, -1, SQLITE_STATIC);
		status = store_count(store, stmt, pass ? overdue : due, err);
		sqlite3_reset(stmt);
	}
	free(finals);
	return status;
}

#define AGENDA_CHUNK 256

enum status case_agenda(struct store *store, const struct forms *forms, struct date today, int within,
			struct agenda_item **items, size_t *count, struct error *err)
{
	size_t capacity = 0, got = AGENDA_CHUNK;
	enum status status = STATUS_OK;

	*items = NULL;
	*count = 0;
	while (!status && got == AGENDA_CHUNK) {
		if (*count + AGENDA_CHUNK > capacity) {
			struct agenda_item *more = realloc(*items, (capacity + AGENDA_CHUNK) * sizeof(**items));

			if (!more) {
				status = STATUS_ERR_NOMEM;
				break;
			}
			*items = more;
			capacity += AGENDA_CHUNK;
		}
		status = case_agenda_page(store, forms, today, within, *count ? &(*items)[*count - 1] : NULL, false,
					  AGENDA_CHUNK, *items + *count, &got, err);
		if (!status)
			*count += got;
	}
	if (status) {
		agenda_free(*items, *count);
		*items = NULL;
		*count = 0;
	}
	return status;
}

void agenda_free_rows(struct agenda_item *items, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(items[i].enterprise);
		free(items[i].level);
		free(items[i].state);
		free(items[i].detail);
		memset(&items[i], 0, sizeof(items[i]));
	}
}

void agenda_free(struct agenda_item *items, size_t count)
{
	agenda_free_rows(items, count);
	free(items);
}
