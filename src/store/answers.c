/* Answers of a check, written the moment they are given, against the
 * check's own copy of its items; the findings that "no" and "partial" open;
 * sign-off over the hash of the check's content, and amendments after it. */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

#define FINDING_DAYS 30 /* the corrective action's default time */

/* One item as the check keeps it. */
struct item_row {
	char kind[16], unit[64];
	char *choices; /* "a|b|c" */
	bool evidence_required;
	char number_text[8];
};

static enum status load_item(struct store *store, const char *check_id, int scenario, int item,
			     struct item_row *out, struct error *err)
{
	static const char *const sql = "SELECT kind, unit, choices, evidence_required FROM check_items"
				       " WHERE check_id = ?1 AND scenario = ?2 AND item = ?3";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	memset(out, 0, sizeof(*out));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, scenario);
	sqlite3_bind_int(stmt, 3, item);
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		const unsigned char *unit = sqlite3_column_text(stmt, 1);

		snprintf(out->kind, sizeof(out->kind), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(out->unit, sizeof(out->unit), "%s", unit ? (const char *)unit : "");
		out->choices = store_column_dup(stmt, 2, &status);
		out->evidence_required = sqlite3_column_int(stmt, 3);
		snprintf(out->number_text, sizeof(out->number_text), "%d", item);
	}
	sqlite3_reset(stmt);
	if (!status && !row)
		return error_set(err, STATUS_ERR_INVALID, _("scenario %d has no item %d in this check"), scenario, item);
	return status;
}

static bool is_choice(const char *choices, const char *value)
{
	size_t length = strlen(value);
	const char *p = choices;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == length && !strncmp(p, value, n))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* The value as it is kept, or an error naming what the item expects. */
static enum status check_value(const struct item_row *it, int item, const char *value, char *out, size_t size,
			       struct error *err)
{
	double number;
	char *end;

	if (!strcmp(it->kind, "check")) {
		if (spotcheck_answer_parse(value) == ANSWER_NONE)
			return error_set(err, STATUS_ERR_INVALID, _("item %d: expected yes, partial, no or na"), item);
		snprintf(out, size, "%s", spotcheck_answer_name(spotcheck_answer_parse(value)));
	} else if (!strcmp(it->kind, "measure")) {
		struct measure m;

		if (!measure_parse(value, &m))
			/* L10N: %s is the unit of a measure, e.g. 天; keep BEFORE|AFTER as it is */
			return error_set(err, STATUS_ERR_INVALID, _("item %d: expected the figures before and after, "
					 "numbers in %s (BEFORE|AFTER, e.g. 18|12)"), item, *it->unit ? it->unit : "-");
		snprintf(out, size, "%s", value);
	} else if (!strcmp(it->kind, "number")) {
		number = strtod(value, &end);
		if ((end == value || *end || number != number) && *it->unit)
			/* L10N: %s is the unit the item is measured in, e.g. kWh */
			return error_set(err, STATUS_ERR_INVALID, _("item %d: expected a number in %s"), item, it->unit);
		if (end == value || *end || number != number)
			return error_set(err, STATUS_ERR_INVALID, _("item %d: expected a number"), item);
		snprintf(out, size, "%s", value);
	} else if (!strcmp(it->kind, "choice")) {
		if (!is_choice(it->choices, value))
			return error_set(err, STATUS_ERR_INVALID, _("item %d: expected one of its choices: %s"), item,
					 it->choices ? it->choices : "");
		snprintf(out, size, "%s", value);
	} else if (!*value) {
		return error_set(err, STATUS_ERR_INVALID, _("item %d: expected some text"), item);
	} else {
		snprintf(out, size, "%s", value);
	}
	return STATUS_OK;
}

/* The check's status, whether the user is one of its inspectors, whether
 * the scenario is in it. */
static enum status check_state(struct store *store, const char *check_id, int scenario, char status_out[16],
			       bool *inspector, struct error *err)
{
	char number[48];
	static const char *const sql =
		"SELECT (SELECT status FROM checks WHERE id = ?1),"
		" EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = ?1 AND login = ?2),"
		" EXISTS (SELECT 1 FROM check_scenarios WHERE check_id = ?1 AND scenario = ?3)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, store_actor(store), -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, scenario);
	status = store_step(store, stmt, &row, err);
	if (!status && (!row || sqlite3_column_type(stmt, 0) == SQLITE_NULL)) {
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no check '%s'"), check_id);
	} else if (!status) {
		snprintf(status_out, 16, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*inspector = sqlite3_column_int(stmt, 1);
		if (scenario && !sqlite3_column_int(stmt, 2))
			status = error_set(err, STATUS_ERR_INVALID, _("scenario %d is not in check %s"), scenario,
					   store_check_number(store, check_id, number));
	}
	sqlite3_reset(stmt);
	return status;
}

/* Inspectors of the check (still holding the role) and admins may write to it; only while it is
 * unsigned unless `amending`. */
static enum status may_write(struct store *store, const char *check_id, int scenario, bool amending,
			     struct error *err)
{
	char state[16], number[48];
	bool inspector = false;
	enum status status = check_state(store, check_id, scenario, state, &inspector, err);

	if (status)
		return status;
	if ((status = authority_check(store, amending ? AUTHORITY_CHECK_AMEND : AUTHORITY_CHECK_ANSWER, check_id, err)))
		return status;
	if (!amending && strcmp(state, "planned"))
		return error_set(err, STATUS_ERR_DENIED,
				 _("check %s is signed: answers are read-only; a correction is an amendment with a reason"),
				 store_check_number(store, check_id, number));
	if (amending && !strcmp(state, "planned"))
		return error_set(err, STATUS_ERR_INVALID, _("check %s is not signed: change the answer itself"),
				 store_check_number(store, check_id, number));
	return STATUS_OK;
}

/* The answer row of an item: its id, value and note (caller frees). */
static enum status answer_row(struct store *store, const char *check_id, int scenario, int item, char row[33],
			      bool *found, char **value, char **note, struct error *err)
{
	static const char *const sql =
		"SELECT id, value, note FROM answers WHERE check_id = ?1 AND scenario = ?2 AND item = ?3";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;

	*value = *note = NULL;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, scenario);
	sqlite3_bind_int(stmt, 3, item);
	status = store_step(store, stmt, found, err);
	if (!status && *found) {
		snprintf(row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*value = store_column_dup(stmt, 1, &status);
		*note = store_column_dup(stmt, 2, &status);
	}
	sqlite3_reset(stmt);
	if (status) {
		free(*value);
		free(*note);
		*value = *note = NULL;
	}
	return status;
}

static enum status has_evidence(struct store *store, const char *check_id, int scenario, int item, bool *out,
				struct error *err)
{
	static const char *const sql = "SELECT EXISTS (SELECT 1 FROM evidence WHERE check_id = ?1 AND scenario = ?2"
				       " AND item = ?3 AND finding_id IS NULL)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, scenario);
	sqlite3_bind_int(stmt, 3, item);
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("evidence"));
}

/* "no" and "partial" on an item needing evidence need a note or a file. */
static enum status evidence_rule(struct store *store, const char *check_id, int scenario, int item,
				 const struct item_row *it, const char *value, const char *note, struct error *err)
{
	enum answer a = spotcheck_answer_parse(value);
	bool found = false;
	enum status status;

	if (!it->evidence_required || (a != ANSWER_NO && a != ANSWER_PARTIAL) || (note && *note))
		return STATUS_OK;
	if ((status = has_evidence(store, check_id, scenario, item, &found, err)) || found)
		return status;
	return error_set(err, STATUS_ERR_INVALID,
			 /* L10N: %s is the answer given (no or partial) */
			 _("scenario %d item %d needs evidence: \"%s\" takes a note or an attached file"), scenario, item,
			 label_answer(a == ANSWER_NO ? "no" : "partial"));
}

static enum status open_finding(struct store *store, const char *check_id, int scenario, int item, char row[33],
				bool *found, struct error *err)
{
	static const char *const sql = "SELECT id FROM findings WHERE check_id = ?1 AND scenario = ?2 AND item = ?3"
				       " AND status = 'open'";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, scenario);
	sqlite3_bind_int(stmt, 3, item);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		snprintf(row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("findings"));
}

static enum status case_of(struct store *store, const char *check_id, char out[33], struct error *err)
{
	static const char *const sql = "SELECT case_id FROM checks WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("checks"));
}

/* "no" (major) and "partial" (minor) open a finding due in 30 days; "yes"
 * and "na" withdraw an open one. A closed finding stays as it is. */
static enum status sync_finding(struct store *store, const char *check_id, int scenario, int item,
				const char *value, struct error *err)
{
	enum answer a = spotcheck_answer_parse(value);
	char row[33], case_id[33], s[8], i[8], due[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	bool found = false;

	if ((status = open_finding(store, check_id, scenario, item, row, &found, err)))
		return status;
	if (found && (a == ANSWER_YES || a == ANSWER_NA))
		return store_delete(store, "findings", row, err);
	if (found || (a != ANSWER_NO && a != ANSWER_PARTIAL))
		return found ? store_update(store, "findings", row, "severity", a == ANSWER_NO ? "major" : "minor", err)
			     : STATUS_OK;
	if ((status = case_of(store, check_id, case_id, err)) || (status = store_new_id(row)))
		return status;
	snprintf(s, sizeof(s), "%d", scenario);
	snprintf(i, sizeof(i), "%d", item);
	date_format(date_add_days(store_today(store), FINDING_DAYS), due);
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "check_id", check_id }, { "case_id", case_id }, { "scenario", s }, { "item", i },
			{ "severity", a == ANSWER_NO ? "major" : "minor" }, { "action", NULL }, { "due_on", due },
			{ "status", "open" }, { "created_at", now },
		};
		return store_insert(store, "findings", row, fields, 9, err);
	}
}

/* Writes value (NULL: keep) and note (NULL: keep) of an item. */
static enum status write_answer(struct store *store, const char *check_id, int scenario, int item,
				const char *value, const char *note, bool found, const char *row_in, struct error *err)
{
	char row[33], now[STORE_TIMESTAMP_SIZE], s[16], i[16];
	enum status status = STATUS_OK;

	store_timestamp(now);
	if (found) {
		snprintf(row, sizeof(row), "%s", row_in);
		if (value)
			status = store_update(store, "answers", row, "value", value, err);
		if (!status && note)
			status = store_update(store, "answers", row, "note", *note ? note : NULL, err);
		if (!status)
			status = store_update(store, "answers", row, "answered_by", store_actor(store), err);
		if (!status)
			status = store_update(store, "answers", row, "answered_at", now, err);
	} else if (!(status = store_new_id(row))) {
		struct field_value fields[] = {
			{ "check_id", check_id }, { "scenario", s }, { "item", i }, { "value", value },
			{ "note", note && *note ? note : NULL }, { "answered_by", store_actor(store) },
			{ "answered_at", now },
		};

		snprintf(s, sizeof(s), "%d", scenario);
		snprintf(i, sizeof(i), "%d", item);
		status = store_insert(store, "answers", row, fields, 7, err);
	}
	if (!status && value)
		status = sync_finding(store, check_id, scenario, item, value, err);
	return status;
}

static enum status record_amendment(struct store *store, const char *check_id, int scenario, int item,
				    const char *old_value, const char *old_note, const char *new_value,
				    const char *new_note, const char *reason, struct error *err)
{
	char row[33], s[8], i[8], now[STORE_TIMESTAMP_SIZE];
	enum status status = store_new_id(row);

	snprintf(s, sizeof(s), "%d", scenario);
	snprintf(i, sizeof(i), "%d", item);
	store_timestamp(now);
	if (!status) {
		struct field_value fields[] = {
			{ "check_id", check_id }, { "scenario", s }, { "item", i }, { "old_value", old_value },
			{ "old_note", old_note }, { "new_value", new_value }, { "new_note", new_note },
			{ "reason", reason }, { "amended_by", store_actor(store) }, { "amended_at", now },
		};
		status = store_insert(store, "amendments", row, fields, 10, err);
	}
	return status;
}

/* An answer, a note alone (value NULL) or an amendment (reason not NULL). */
static enum status change(struct store *store, const char *check_id, int scenario, int item, const char *value,
			  const char *note, const char *reason, struct error *err)
{
	char kept[2048], row[33];
	char *old_value = NULL, *old_note = NULL;
	struct item_row it;
	enum status status;
	bool found = false;

	if ((status = may_write(store, check_id, scenario, reason != NULL, err)) ||
	    (status = load_item(store, check_id, scenario, item, &it, err)))
		return status;
	if (value)
		status = check_value(&it, item, value, kept, sizeof(kept), err);
	if (!status)
		status = answer_row(store, check_id, scenario, item, row, &found, &old_value, &old_note, err);
	if (!status)
		status = evidence_rule(store, check_id, scenario, item, &it, value ? kept : old_value ? old_value : "",
				       note ? note : old_note, err);
	/* An amendment is the one way a signed check's answer changes. */
	authority_exempt(store, reason ? check_id : NULL);
	if (!status)
		status = write_answer(store, check_id, scenario, item, value ? kept : NULL, note, found, row, err);
	authority_exempt(store, NULL);
	if (!status && reason)
		status = record_amendment(store, check_id, scenario, item, old_value, old_note, value ? kept : old_value,
					  note ? (*note ? note : NULL) : old_note, reason, err);
	free(old_value);
	free(old_note);
	free(it.choices);
	return status;
}

static enum status in_transaction(struct store *store, const char *key, int scenario, int item,
				  const char *value, const char *note, const char *reason, struct error *err)
{
	char id[33];
	enum status status = check_resolve(store, key, id, err);

	if (status || (status = store_begin(store, err)))
		return status;
	status = change(store, id, scenario, item, value, note, reason, err);
	return store_finish(store, status, err);
}

enum status check_answer(struct store *store, const char *check_id, int scenario, int item, const char *value,
			 const char *note, struct error *err)
{
	return in_transaction(store, check_id, scenario, item, value ? value : "", note, NULL, err);
}

enum status check_note(struct store *store, const char *check_id, int scenario, int item, const char *note,
		       struct error *err)
{
	return in_transaction(store, check_id, scenario, item, NULL, note ? note : "", NULL, err);
}

enum status check_amend(struct store *store, const char *check_id, int scenario, int item, const char *value,
			const char *note, const char *reason, struct error *err)
{
	if (!reason || !*reason)
		return error_set(err, STATUS_ERR_INVALID, _("an amendment after sign-off needs a reason"));
	return in_transaction(store, check_id, scenario, item, value, note, reason, err);
}
