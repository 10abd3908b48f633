/* Objections raised in a case's public notice and their resolution, through
 * the write path (audited), one transaction each. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/cases.h"
#include "gradus/store/objections.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static const char *const list_sql =
	"SELECT id, raised_by, raised_on, text, resolved_by, resolved_on, outcome FROM objections"
	" WHERE case_id = ?1 ORDER BY raised_on, created_at, rowid";
static const char *const open_sql =
	"SELECT count(*) FROM objections WHERE case_id = ?1 AND resolved_on IS NULL";

static enum status text_needed(const char *text, const char *what, struct error *err)
{
	/* L10N: what is missing, e.g. "the objection's text" */
	return text && *text ? STATUS_OK : error_set(err, STATUS_ERR_INVALID, _("%s is empty"), what);
}

static enum status load(struct store *store, const char *case_id, struct objection **out, size_t *count,
			struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, list_sql, err);
	enum status status = STATUS_OK;
	size_t capacity = 0;
	bool row;

	*out = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		struct objection *o;

		if ((status = store_grow((void **)out, &capacity, *count, sizeof(**out))))
			break;
		o = &(*out)[(*count)++];
		memset(o, 0, sizeof(*o));
		snprintf(o->id, sizeof(o->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		o->raised_by = store_column_dup(stmt, 1, &status);
		o->raised_on = store_column_dup(stmt, 2, &status);
		o->text = store_column_dup(stmt, 3, &status);
		o->resolved_by = store_column_dup(stmt, 4, &status);
		o->resolved_on = store_column_dup(stmt, 5, &status);
		o->outcome = store_column_dup(stmt, 6, &status);
	}
	sqlite3_reset(stmt);
	if (status) {
		objections_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	return status;
}

void objections_free(struct objection *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(list[i].raised_by);
		free(list[i].raised_on);
		free(list[i].text);
		free(list[i].resolved_by);
		free(list[i].resolved_on);
		free(list[i].outcome);
	}
	free(list);
}

enum status objections_of_case(struct store *store, const char *case_key, struct objection **out, size_t *count,
			       struct error *err)
{
	char id[33];
	enum status status = store_resolve(store, STORE_CASE, case_key, id, err);

	*out = NULL;
	*count = 0;
	return status ? status : load(store, id, out, count, err);
}

enum status objections_open(struct store *store, const char *case_id, int *open, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, open_sql, err);
	enum status status;
	bool row;

	*open = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		*open = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return status;
}

/* The case is in its public notice and `on` falls on or after its start. */
static enum status in_notice(struct store *store, const struct forms *forms, const char *case_key, struct date on,
			     char id[33], struct error *err)
{
	char start[DATE_TEXT_SIZE];
	struct case_detail d;
	struct case_dates c;
	enum status status = store_case_detail(store, case_key, &d, err);

	if (status)
		return status;
	snprintf(id, 33, "%s", d.row.id);
	case_dates_compute(forms, &d, &c);
	date_format(c.notice_starts_on, start);
	if (!c.in_notice)
		status = error_set(err, STATUS_ERR_INVALID,
				   _("case %s is not in public notice: objections are recorded from the notice's start"),
				   d.row.number);
	else if (date_compare(on, c.notice_starts_on) < 0)
		status = error_set(err, STATUS_ERR_INVALID, _("the objection's date is before the notice started on %s"),
				   start);
	case_detail_clear(&d);
	return status;
}

enum status objection_add(struct store *store, const struct forms *forms, const char *case_key, const char *by,
			  struct date on, const char *text, int *number, struct error *err)
{
	char case_id[33], id[33], day[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE];
	struct objection *list = NULL;
	size_t count = 0;
	enum status status = authority_check(store, AUTHORITY_CASE_EDIT, NULL, err);

	if (!status)
		status = text_needed(by, _("who raised the objection"), err);
	if (!status)
		status = text_needed(text, _("the objection's text"), err);
	if (status || (status = store_begin(store, err)))
		return status;
	status = in_notice(store, forms, case_key, on, case_id, err);
	date_format(on, day);
	store_timestamp(now);
	if (!status && !(status = store_new_id(id))) {
		struct field_value fields[] = {
			{ "case_id", case_id }, { "raised_by", by }, { "raised_on", day }, { "text", text },
			{ "recorded_by", store_actor(store) }, { "created_at", now },
		};
		status = store_insert(store, "objections", id, fields, 6, err);
	}
	if (!status)
		status = load(store, case_id, &list, &count, err);
	for (*number = 0; !status && (size_t)*number < count && strcmp(list[*number].id, id); (*number)++)
		;
	(*number)++;
	objections_free(list, count);
	return store_finish(store, status, err);
}

static enum status resolve_one(struct store *store, const struct objection *o, const char *by, struct date on,
			       const char *outcome, struct error *err)
{
	char day[DATE_TEXT_SIZE];
	struct date raised;
	enum status status = STATUS_OK;

	date_format(on, day);
	if (o->resolved_on)
		return error_set(err, STATUS_ERR_INVALID, _("the objection was resolved on %s by %s: %s"), o->resolved_on,
				 o->resolved_by, o->outcome);
	if (!date_parse(o->raised_on, &raised, NULL) && date_compare(on, raised) < 0)
		return error_set(err, STATUS_ERR_INVALID, _("the resolution's date is before the objection was raised on %s"),
				 o->raised_on);
	status = store_update(store, "objections", o->id, "resolved_by", by, err);
	if (!status)
		status = store_update(store, "objections", o->id, "resolved_on", day, err);
	if (!status)
		status = store_update(store, "objections", o->id, "outcome", outcome, err);
	return status;
}

enum status objection_resolve(struct store *store, const char *case_key, int number, const char *by,
			      struct date on, const char *outcome, struct error *err)
{
	struct objection *list = NULL;
	size_t count = 0;
	enum status status = authority_check(store, AUTHORITY_CASE_EDIT, NULL, err);

	if (!status)
		status = text_needed(outcome, _("the resolution's outcome"), err);
	if (status || (status = store_begin(store, err)))
		return status;
	status = objections_of_case(store, case_key, &list, &count, err);
	if (!status && (number < 1 || (size_t)number > count))
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("case %s has no objection %d (it has %zu)"), case_key,
				   number, count);
	if (!status)
		status = resolve_one(store, &list[number - 1], by && *by ? by : store_actor(store), on, outcome, err);
	objections_free(list, count);
	return store_finish(store, status, err);
}
