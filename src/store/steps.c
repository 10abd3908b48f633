/* The workflow engine: steps from forms/levels, who may take them, what
 * they lead to and the dates they set; the sweep of lapsed certifications. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/core/deadlines.h"
#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

enum status case_id_of(struct store *store, const char *key, char id[33], struct error *err)
{
	return store_resolve(store, STORE_CASE, key, id, err);
}

static bool step_allowed_from(const struct level_step *step, const char *state)
{
	size_t i;

	for (i = 0; i < step->from_count; i++)
		if (!strcmp(step->from[i], state))
			return true;
	return false;
}

static bool step_has_role(const struct level_step *step, const char *role)
{
	size_t i;

	for (i = 0; i < step->role_count; i++)
		if (!strcmp(step->roles[i], role))
			return true;
	return false;
}

bool case_may_take(const struct store *store, const struct level_step *step)
{
	const char *role = store_role(store);

	if (!*role)
		return false;
	if (step_has_role(step, role))
		return true;
	/* An admin stands in for any person, never for the clock. */
	return !strcmp(role, "admin") && !(step->role_count == 1 && !strcmp(step->roles[0], "system"));
}

size_t case_steps_from(const struct level *level, const char *state, const struct level_step **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < level->step_count; i++)
		if (step_allowed_from(&level->steps[i], state)) {
			if (n < max)
				out[n] = &level->steps[i];
			n++;
		}
	return n;
}

static const char *state_name(const struct level *level, const char *key)
{
	const struct level_state *state = forms_level_state(level, key);

	return state ? label_pick(state->zh, state->en) : key;
}

static enum status refuse_step(const struct level *level, const char *state, const char *step,
			       struct error *err)
{
	char allowed[512] = "";
	size_t i, used = 0;

	for (i = 0; i < level->step_count; i++) {
		const struct level_step *s = &level->steps[i];
		bool clock = s->role_count == 1 && !strcmp(s->roles[0], "system");

		if (step_allowed_from(s, state) && used < sizeof(allowed))
			/* L10N: a step allowed: its key (typed to take it), then its name */
			used += (size_t)snprintf(allowed + used, sizeof(allowed) - used, _("%s%s (%s)%s"), used ? _(", ") : "",
						 s->key, label_pick(s->zh, s->en), clock ? _(" (taken by the system)") : "");
	}
	/* L10N: the step's key, the state's name, then the keys and names of the steps allowed from it */
	return error_set(err, STATUS_ERR_INVALID, _("step '%s' cannot be taken from state '%s'; allowed: %s"),
			 step, state_name(level, state), used ? allowed : _("none (the case is closed)"));
}

static enum status refuse_role(const struct store *store, const struct level_step *step, struct error *err)
{
	char roles[128] = "";
	size_t i, used = 0;

	for (i = 0; i < step->role_count && used < sizeof(roles); i++)
		used += (size_t)snprintf(roles + used, sizeof(roles) - used, "%s%s", i ? _(", ") : "", label_role(step->roles[i]));
	if (!*store_role(store))
		return error_set(err, STATUS_ERR_DENIED,
				 _("%s has no role in this database; an admin can give one with: gradus user add %s ROLE"),
				 store_actor(store), store_actor(store));
	return error_set(err, STATUS_ERR_DENIED, _("step '%s' is for %s; %s is %s"), label_pick(step->zh, step->en), roles,
			 store_actor(store), label_role(store_role(store)));
}

static enum status set_date(struct store *store, const char *id, const char *field, struct date d,
			    struct error *err)
{
	char text[DATE_TEXT_SIZE];

	date_format(d, text);
	return store_update(store, "cases", id, field, text, err);
}

static enum status set_by_on(struct store *store, const char *id, const char *who, const char *by,
			     const char *on_field, struct date on, struct error *err)
{
	enum status status = store_update(store, "cases", id, by, who, err);

	return status ? status : set_date(store, id, on_field, on, err);
}

/* Dates and the responsibility chain the rules derive from an event. */
static enum status apply_event(struct store *store, const struct level *level, const struct case_detail *d,
			       const char *step, const char *kind, struct date on, struct error *err)
{
	const struct level_rules *rules = &level->rules;
	const char *who = strcmp(step, "entered") ? store_actor(store) : NULL;
	const char *id = d->row.id;
	enum status status;
	struct date old;

	if (!strcmp(kind, "applied"))
		return set_by_on(store, id, who, "applied_by", "applied_on", on, err);
	if (!strcmp(kind, "recommended"))
		return set_by_on(store, id, who, "recommended_by", "recommended_on", on, err);
	if (!strcmp(kind, "certified") || !strcmp(kind, "published")) {
		status = set_by_on(store, id, who, "certified_by", "certified_on", on, err);
		if (!status && rules->validity_years > 0)
			status = set_date(store, id, "expires_on", deadline_expires_on(rules, on), err);
		return status;
	}
	if (!strcmp(kind, "review_passed") && d->expires_on && !date_parse(d->expires_on, &old, NULL))
		return set_date(store, id, "expires_on", deadline_extended_expiry(rules, old), err);
	if (!strcmp(kind, "cultivation_started"))
		return set_date(store, id, "cultivation_starts_on", on, err);
	/* A revocation or a withdrawal ends validity on its day. */
	if ((!strcmp(kind, "revoked") || !strcmp(kind, "withdrawn")) && d->expires_on &&
	    !date_parse(d->expires_on, &old, NULL) && date_compare(on, old) < 0)
		return set_date(store, id, "expires_on", on, err);
	return STATUS_OK;
}

static enum status update_next_due(struct store *store, const struct forms *forms, const char *id,
				   struct error *err)
{
	struct case_detail d;
	char text[DATE_TEXT_SIZE];
	struct date due;
	enum status status = store_case_detail(store, id, &d, err);

	bool has;

	if (status)
		return status;
	status = case_dues_keep(store, forms, &d, &due, &has, err);
	if (status) {
		case_detail_clear(&d);
		return status;
	}
	if (has)
		date_format(due, text);
	status = store_update(store, "cases", id, "next_due", has ? text : NULL, err);
	case_detail_clear(&d);
	return status;
}

/* What a step taken is recorded with beyond its note: the document it was
 * taken by, the preconditions an admin overrode and why (each NULL: none). */
struct taken_by {
	const char *document, *unmet, *override;
};

/* The step taken on the case d as it stands (loaded in the caller's
 * transaction). */
static enum status record_step_on(struct store *store, const struct forms *forms, const struct level *level,
				  const struct case_detail *d, const char *step, const char *to, const char *kind,
				  struct date on, const char *note, const struct taken_by *by, struct error *err)
{
	char event[33], now[STORE_TIMESTAMP_SIZE], on_text[DATE_TEXT_SIZE];
	const char *id = d->row.id;
	enum status status = STATUS_OK;

	store_timestamp(now);
	date_format(on, on_text);
	/* What is not yet met is kept with the acceptance application. */
	if (kind && !strcmp(kind, "acceptance_filed") && level->rules.cultivation_years)
		status = store_readiness_keep(store, forms, id, on, err);
	if (!status && !(status = store_new_ordered_id(event))) {
		struct field_value fields[] = {
			{ "case_id", id }, { "step", step }, { "from_state", d->row.state },
			{ "to_state", to }, { "kind", kind }, { "actor", store_actor(store) },
			{ "on_date", on_text }, { "note", note }, { "created_at", now }, { NULL, NULL }, { NULL, NULL },
			{ NULL, NULL },
		};
		size_t n = 9;

		/* what there is only: the history shows no empty row */
		if (by && by->document)
			fields[n++] = (struct field_value){ "document", by->document };
		if (by && by->unmet)
			fields[n++] = (struct field_value){ "unmet", by->unmet };
		if (by && by->override)
			fields[n++] = (struct field_value){ "override", by->override };
		status = store_insert(store, "events", event, fields, n, err);
	}
	if (!status)
		status = store_update(store, "cases", id, "state", to, err);
	/* The step that closes a case still writes what follows from it. */
	authority_exempt(store, id);
	if (!status && kind)
		status = apply_event(store, level, d, step, kind, on, err);
	if (!status)
		status = update_next_due(store, forms, id, err);
	authority_exempt(store, NULL);
	return status;
}

static enum status record_step(struct store *store, const struct forms *forms, const struct level *level,
			       const char *id, const char *step, const char *to, const char *kind, struct date on,
			       const char *note, const struct taken_by *by, struct error *err)
{
	struct case_detail d;
	enum status status = store_case_detail(store, id, &d, err);

	if (status)
		return status;
	status = record_step_on(store, forms, level, &d, step, to, kind, on, note, by, err);
	case_detail_clear(&d);
	return status;
}

enum status case_record_step(struct store *store, const struct forms *forms, const struct level *level,
			     const char *id, const char *step, const char *to, const char *kind, struct date on,
			     const char *note, struct error *err)
{
	return record_step(store, forms, level, id, step, to, kind, on, note, NULL, err);
}

static bool blank(const char *text)
{
	for (; text && *text; text++)
		if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
			return false;
	return true;
}

/* A step whose preconditions fail: refused, unless an admin gives a
 * written reason (then the codes of what failed go with the event). */
static enum status overridden(struct store *store, const struct level_step *step, const struct step_check *check,
			      const char *override, char *codes, size_t size, struct error *err)
{
	char unmet[2048] = "";
	size_t i, used = 0, used_codes = 0;

	codes[0] = '\0';
	if (!check->unmet)
		return STATUS_OK;
	for (i = 0; i < check->count; i++) {
		if (check->items[i].met)
			continue;
		if (used < sizeof(unmet))
			used += (size_t)snprintf(unmet + used, sizeof(unmet) - used, "%s%s", used ? _("; ") : "",
						 check->items[i].text);
		if (used_codes < size)
			used_codes += (size_t)snprintf(codes + used_codes, size - used_codes, "%s%s", used_codes ? "|" : "",
						       check->items[i].code);
	}
	if (blank(override))
		/* L10N: a step refused: its name, what is not met; --override is the option of case advance */
		return error_set(err, STATUS_ERR_INVALID, _("step '%s' cannot be taken yet: %s. An admin may take it anyway "
				 "with a written reason (--override REASON)"), label_pick(step->zh, step->en), unmet);
	if (strcmp(store_role(store), "admin"))
		/* L10N: an override refused: the step, what is not met, the user and their role */
		return error_set(err, STATUS_ERR_DENIED, _("step '%s' cannot be taken yet: %s. Only an admin may override "
				 "it; %s is %s"), label_pick(step->zh, step->en), unmet, store_actor(store),
				 label_role(store_role(store)));
	return STATUS_OK;
}

/* A reason and a document number, when the step requires them: what is
 * missing is named. */
static enum status check_given(const struct level_step *step, const char *note, const char *document,
			       struct error *err)
{
	bool no_reason = (step->requires & STEP_NEEDS_REASON) && blank(note);
	bool no_document = (step->requires & STEP_NEEDS_DOCUMENT) && blank(document);

	if (no_reason && no_document)
		/* L10N: a step's name; --note and --doc are the options of case advance */
		return error_set(err, STATUS_ERR_INVALID, _("step '%s' needs a reason (--note) and the issuing document's "
				 "number, 文号 (--doc); neither was given"), label_pick(step->zh, step->en));
	if (no_reason)
		return error_set(err, STATUS_ERR_INVALID, _("step '%s' needs a reason (--note); none was given"),
				 label_pick(step->zh, step->en));
	if (no_document)
		return error_set(err, STATUS_ERR_INVALID,
				 _("step '%s' needs the issuing document's number, 文号 (--doc), e.g. 鄂经信智能〔2027〕12号; "
				   "none was given"), label_pick(step->zh, step->en));
	return STATUS_OK;
}

/* The level and step for the case, refused as a step not allowed from
 * where it stands or not the user's to take. */
static enum status step_for(struct store *store, const struct forms *forms, const struct case_detail *d,
			    const char *step_key, const char *expected, const struct level **level,
			    const struct level_step **step, struct error *err)
{
	*level = forms_level(forms, d->row.level);
	*step = *level ? forms_level_step(*level, step_key) : NULL;
	if (!*level)
		return error_set(err, STATUS_ERR_FORMS, _("case %s has level '%s', unknown to the forms"), d->row.number,
				 d->row.level);
	if (expected && strcmp(expected, d->row.state))
		return error_set(err, STATUS_ERR_CONFLICT,
				 _("case %s was moved by someone else since you read it: it now stands at '%s', not '%s'; "
				   "nothing was written"),
				 d->row.number, d->row.state, expected);
	if (!*step || !step_allowed_from(*step, d->row.state))
		return refuse_step(*level, d->row.state, step_key, err);
	if (!case_may_take(store, *step))
		return refuse_role(store, *step, err);
	return STATUS_OK;
}

static enum status take_step(struct store *store, const struct forms *forms, const char *key,
			     const struct step_request *request, struct error *err)
{
	const struct level_step *step = NULL;
	const struct level *level = NULL;
	struct step_check check;
	struct case_detail d;
	char codes[256] = "";
	enum status status;

	status = store_case_detail(store, key, &d, err);
	if (status)
		return status;
	status = step_for(store, forms, &d, request->step, request->expected_state, &level, &step, err);
	if (!status)
		status = check_given(step, request->note, request->document, err);
	if (!status)
		status = case_step_preconditions(store, forms, level, step, &d, request->on, &check, err);
	if (!status)
		status = overridden(store, step, &check, request->override, codes, sizeof(codes), err);
	if (!status) {
		struct taken_by by = { blank(request->document) ? NULL : request->document, codes[0] ? codes : NULL,
				       codes[0] ? request->override : NULL };

		status = record_step_on(store, forms, level, &d, step->key, step->to, step->event, request->on,
					request->note, &by, err);
	}
	case_detail_clear(&d);
	return status;
}

enum status case_take(struct store *store, const struct forms *forms, const char *case_key,
		      const struct step_request *request, struct error *err)
{
	enum status status = store_begin(store, err);

	if (status)
		return status;
	status = take_step(store, forms, case_key, request, err);
	return store_finish(store, status, err);
}

enum status case_step_check(struct store *store, const struct forms *forms, const char *case_key,
			    const char *step_key, struct date on, struct step_check *out, struct error *err)
{
	const struct level_step *step = NULL;
	const struct level *level = NULL;
	struct case_detail d;
	enum status status = store_case_detail(store, case_key, &d, err);

	memset(out, 0, sizeof(*out));
	if (status)
		return status;
	status = step_for(store, forms, &d, step_key, NULL, &level, &step, err);
	/* what a step needs is shown whoever may take it */
	if (status == STATUS_ERR_DENIED)
		status = STATUS_OK;
	if (!status)
		status = case_step_preconditions(store, forms, level, step, &d, on, out, err);
	case_detail_clear(&d);
	return status;
}

enum status case_take_step_by(struct store *store, const struct forms *forms, const char *case_id,
			      const char *step, struct date on, const char *note, const char *document,
			      const char *expected_state, struct error *err)
{
	struct step_request request = { step, on, note, document, NULL, expected_state };

	return case_take(store, forms, case_id, &request, err);
}

enum status case_take_step(struct store *store, const struct forms *forms, const char *case_id,
			   const char *step, struct date on, const char *note, const char *expected_state,
			   struct error *err)
{
	return case_take_step_by(store, forms, case_id, step, on, note, NULL, expected_state, err);
}

/* The clock's step out of a state whose event is `kind`: the system's
 * cancellation (cancelled) or a cultivation's lapse (cultivation_lapsed). */
static const struct level_step *system_step(const struct level *level, const char *state, const char *kind)
{
	size_t i;

	for (i = 0; i < level->step_count; i++) {
		const struct level_step *s = &level->steps[i];

		if (step_has_role(s, "system") && s->event && !strcmp(s->event, kind) && step_allowed_from(s, state))
			return s;
	}
	return NULL;
}

/* Certifications whose last valid day (expires_on) has passed, and
 * uncertified cultivations started on or before ?2 (today less the shortest
 * cultivation period: the latest start whose end may have passed) standing
 * in a state of ?3 (["cultivating"]: those a system step lapses a
 * cultivation from), in the order of their next due date. A cancelled case
 * has no next_due; a certified one's next_due is on or before its expiry,
 * and a cultivating one's on or before its end (the acceptance due date).
 * Each branch of the OR reads its own partial index (cases_expiry,
 * cases_cultivation_start: live cases only, the second by state first), so
 * the read costs what may have lapsed, not every overdue case's row nor a
 * lapsed cultivation waiting for its decision; +next_due keeps the planner
 * off cases_next_due, and the candidates, few, are sorted apart. */
static const char *const lapsed_sql =
	"WITH lapsed AS MATERIALIZED (SELECT id, next_due, number FROM cases WHERE +next_due < ?1"
	" AND (next_due IS NOT NULL AND expires_on < ?1"
	" OR next_due IS NOT NULL AND cultivation_starts_on <= ?2 AND certified_on IS NULL"
	" AND state IN (SELECT value FROM json_each(?3))))"
	" SELECT id FROM lapsed ORDER BY next_due, number";

const char *case_sweep_sql(void)
{
	return lapsed_sql;
}

static bool lapses_cultivation(const struct level_step *step)
{
	return step_has_role(step, "system") && step->event && !strcmp(step->event, "cultivation_lapsed");
}

/* The states a system step lapses a cultivation from, as a JSON array
 * ["a","b"] (state keys are lower-case letters, digits and '_': nothing to
 * escape); NULL when none, or out of memory: then no cultivation is
 * swept, *failed set. */
static char *lapse_states(const struct forms *forms, bool *failed)
{
	size_t i, j, k, size = 3, used = 0;
	char *out;

	*failed = false;
	for (i = 0; i < forms->level_count; i++)
		for (j = 0; j < forms->levels[i].step_count; j++)
			for (k = 0; lapses_cultivation(&forms->levels[i].steps[j]) && k < forms->levels[i].steps[j].from_count; k++)
				size += strlen(forms->levels[i].steps[j].from[k]) + 3;
	if (size == 3)
		return NULL;
	if (!(out = malloc(size))) {
		*failed = true;
		return NULL;
	}
	out[used++] = '[';
	for (i = 0; i < forms->level_count; i++)
		for (j = 0; j < forms->levels[i].step_count; j++)
			for (k = 0; lapses_cultivation(&forms->levels[i].steps[j]) && k < forms->levels[i].steps[j].from_count; k++)
				used += (size_t)snprintf(out + used, size - used, "%s\"%s\"", used > 1 ? "," : "",
							 forms->levels[i].steps[j].from[k]);
	snprintf(out + used, size - used, "]");
	return out;
}

/* today less the shortest cultivation period of the levels, as text; empty
 * when no level has one. */
static void latest_lapsed_start(const struct forms *forms, struct date today, char out[DATE_TEXT_SIZE])
{
	int years = 0;
	size_t i;

	for (i = 0; i < forms->level_count; i++) {
		int y = forms->levels[i].rules.cultivation_years;

		if (y > 0 && (!years || y < years))
			years = y;
	}
	*out = '\0';
	if (years)
		date_format(date_add_years(today, -years), out);
}

static void bind_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}

static enum status lapsed_ids(struct store *store, const struct forms *forms, struct date today, char (**ids)[33],
			      size_t *count, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, lapsed_sql, err);
	char text[DATE_TEXT_SIZE], start[DATE_TEXT_SIZE], *states;
	bool failed;

	*ids = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	states = lapse_states(forms, &failed);
	if (failed)
		return STATUS_ERR_NOMEM;
	date_format(today, text);
	latest_lapsed_start(forms, today, start);
	bind_or_null(stmt, 1, text);
	bind_or_null(stmt, 2, start);
	bind_or_null(stmt, 3, states);
	free(states);
	return store_ids_of(store, stmt, ids, count, err);
}

/* A certification lapsed with no review filed: the system's cancellation,
 * or NULL. */
static const struct level_step *expired(const struct level *level, const struct case_detail *d, struct date today,
					char *note, size_t size, struct date *on)
{
	const struct level_step *step = system_step(level, d->row.state, "cancelled");
	struct date expires_on;
	char lapsed[DATE_TEXT_SIZE];

	if (!step || !d->expires_on || date_parse(d->expires_on, &expires_on, NULL) ||
	    !deadline_must_cancel(expires_on, false, today))
		return NULL;
	*on = deadline_lapses_on(expires_on);
	date_format(*on, lapsed);
	snprintf(note, size, "valid through %s, lapsed on %s with no review application filed", d->expires_on, lapsed);
	return step;
}

/* A cultivation whose end has passed with no acceptance application (the
 * case stands where the system's lapse step leads from), once per
 * cultivation: its lapse, dated the day after the end (or the day the case
 * came back to cultivating, if later), or NULL. */
static const struct level_step *cultivation_ended(const struct forms *forms, const struct level *level,
						  const struct case_detail *d, struct date today, char *note,
						  size_t size, struct date *on)
{
	const struct level_step *step = system_step(level, d->row.state, "cultivation_lapsed");
	struct date last;
	char ends[DATE_TEXT_SIZE], lapsed[DATE_TEXT_SIZE];
	struct case_dates c;

	if (!step)
		return NULL;
	case_dates_compute(forms, d, &c);
	if (!c.cultivation_ends_on.year || c.lapse_taken || date_compare(c.cultivation_ends_on, today) >= 0)
		return NULL;
	*on = date_add_days(c.cultivation_ends_on, 1);
	if (d->event_count && !date_parse(d->events[d->event_count - 1].on_date, &last, NULL) &&
	    date_compare(last, *on) > 0)
		*on = last;
	date_format(c.cultivation_ends_on, ends);
	date_format(*on, lapsed);
	snprintf(note, size, "cultivation ended %s, lapsed on %s with no acceptance application filed", ends, lapsed);
	return step;
}

/* Counts the case if its certification or its cultivation has lapsed, and
 * when record is set takes the system's step on the case as just read. */
static enum status sweep_one(struct store *store, const struct forms *forms, const char *id, struct date today,
			     bool record, struct sweep_counts *counts, struct error *err)
{
	const struct level *level;
	const struct level_step *step = NULL;
	struct case_detail d;
	struct date on;
	char note[128];
	bool cultivation = false;
	enum status status = store_case_detail(store, id, &d, err);

	if (status)
		return status;
	level = forms_level(forms, d.row.level);
	if (level && !(step = expired(level, &d, today, note, sizeof(note), &on)))
		cultivation = (step = cultivation_ended(forms, level, &d, today, note, sizeof(note), &on)) != NULL;
	if (step && record)
		status = record_step_on(store, forms, level, &d, step->key, step->to, step->event, on, note, NULL, err);
	if (step && !status)
		(*(cultivation ? &counts->lapsed : &counts->cancelled))++;
	case_detail_clear(&d);
	return status;
}

/* The sweep (record), its preview, or (first_only) whether it has
 * anything to do: counts stop at the first case it would change. */
static enum status sweep_all(struct store *store, const struct forms *forms, struct date today, bool record,
			     bool first_only, struct sweep_counts *counts, struct error *err)
{
	char (*ids)[33] = NULL;
	enum status status;
	size_t count = 0, i;

	counts->cancelled = counts->lapsed = 0;
	status = lapsed_ids(store, forms, today, &ids, &count, err);
	for (i = 0; !status && i < count && !(first_only && counts->cancelled + counts->lapsed); i++)
		status = sweep_one(store, forms, ids[i], today, record, counts, err);
	free(ids);
	return status;
}

enum status case_sweep_within(struct store *store, const struct forms *forms, struct date today,
			      struct sweep_counts *counts, struct error *err)
{
	enum status status;

	store_act_as_system(store, true);
	status = sweep_all(store, forms, today, true, false, counts, err);
	store_act_as_system(store, false);
	return status;
}

/* Every command sweeps, and most days nothing has lapsed: a read says so
 * without queueing for the write lock, so a command waits for another's
 * write only when it has something to cancel. The read stops at the first
 * case to change; the sweep itself, in one transaction, reads each case
 * it changes once. */
enum status case_sweep(struct store *store, const struct forms *forms, struct sweep_counts *counts,
		       struct error *err)
{
	struct date today = clock_today();
	enum status status = sweep_all(store, forms, today, false, true, counts, err);

	if (status || counts->cancelled + counts->lapsed == 0)
		return status;
	status = store_begin(store, err);
	if (status)
		return status;
	status = case_sweep_within(store, forms, today, counts, err);
	return store_finish(store, status, err);
}

enum status case_sweep_preview(struct store *store, const struct forms *forms, struct date on,
			       struct sweep_counts *counts, struct error *err)
{
	return sweep_all(store, forms, on, false, false, counts, err);
}
