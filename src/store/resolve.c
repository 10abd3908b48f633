/* From what a user typed to a record, by one rule for every kind: its
 * number or code (in any case), an expert's exact name, or its id or the
 * start of it, 6 characters or more, that no other record of the kind
 * shares. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "store_private.h"

/* Ids are 32 lower-case hex digits, all below 'g': the prefix's range of the index. */
#define BY_PREFIX(table) "SELECT id FROM " table " WHERE id >= lower(?1) AND id < lower(?1) || 'g' LIMIT 2"
#define BY_NUMBER(table, column) "SELECT id FROM " table " WHERE " column " = upper(?1)"

static const struct kind {
	const char *noun;      /* translated at use */
	const char *by_number; /* NULL: the kind has no number */
	const char *by_name;   /* NULL: not found by name */
	const char *by_prefix;
} kinds[STORE_KIND_COUNT] = {
	[STORE_CASE] = { N_("case"), BY_NUMBER("cases", "number"), NULL, BY_PREFIX("cases") },
	[STORE_CHECK] = { N_("check"), BY_NUMBER("checks", "number"), NULL, BY_PREFIX("checks") },
	[STORE_PANEL] = { N_("panel"), BY_NUMBER("panels", "number"), NULL, BY_PREFIX("panels") },
	[STORE_EXPERT] = { N_("expert"), BY_NUMBER("experts", "code"), "SELECT id FROM experts WHERE name = ?1 LIMIT 2",
			   BY_PREFIX("experts") },
	[STORE_FINDING] = { N_("finding"), NULL, NULL, BY_PREFIX("findings") },
	[STORE_MILESTONE] = { N_("milestone"), NULL, NULL, BY_PREFIX("milestones") },
	[STORE_SESSION] = { N_("guidance session"), NULL, NULL, BY_PREFIX("guidance_sessions") },
	[STORE_FOLLOWUP] = { N_("follow-up"), NULL, NULL, BY_PREFIX("followups") },
	[STORE_CONFLICT] = { N_("conflict"), NULL, NULL, BY_PREFIX("conflicts") },
};

const char *store_kind_noun(enum store_kind kind)
{
	return _(kinds[kind].noun);
}

/* Where to look for the kind's records, in the words each kind has always had. */
static enum status not_found(enum store_kind kind, const char *typed, struct error *err)
{
	switch (kind) {
	case STORE_CASE:
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no case '%s'"), typed);
	case STORE_CHECK:
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no check '%s' (gradus check list CASE)"), typed);
	case STORE_PANEL:
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no panel '%s' (gradus panel list CASE)"), typed);
	case STORE_EXPERT:
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no expert '%s' (gradus expert list)"), typed);
	case STORE_FINDING:
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no finding '%s' (gradus check show CHECK)"), typed);
	default:
		/* L10N: what is named (milestone, follow-up, guidance session), then the id given */
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no %s '%s'"), _(kinds[kind].noun), typed);
	}
}

/* The ids (up to two) one of the kind's queries finds for typed. */
static enum status matches(struct store *store, const char *sql, const char *typed, char id[33], int *count,
			   struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row = true;

	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, typed, -1, SQLITE_STATIC);
	while (*count < 2 && row && !(status = store_step(store, stmt, &row, err)) && row)
		if ((*count)++ == 0)
			snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return status;
}

enum status store_resolve(struct store *store, enum store_kind kind, const char *typed, char id[33],
			  struct error *err)
{
	const struct kind *k = &kinds[kind];
	enum status status = STATUS_OK;
	int count = 0;

	id[0] = '\0';
	if (!typed || !*typed)
		return not_found(kind, typed ? typed : "", err);
	if (k->by_number)
		status = matches(store, k->by_number, typed, id, &count, err);
	if (!status && !count && k->by_name) {
		status = matches(store, k->by_name, typed, id, &count, err);
		if (!status && count > 1)
			/* L10N: two experts share the name typed */
			return error_set(err, STATUS_ERR_INVALID,
					 _("two experts are named %s: give the code (gradus expert list)"), typed);
	}
	if (status || count)
		return status;
	/* A check planned in a bundle is found by the number it had offline too. */
	if (kind == STORE_CHECK) {
		status = matches(store, "SELECT id FROM checks WHERE offline_number = upper(?1) LIMIT 2", typed, id, &count,
				 err);
		if (!status && count > 1)
			/* L10N: two checks planned offline (in bundles) had the number typed */
			return error_set(err, STATUS_ERR_INVALID,
					 _("two checks had the number %s offline: give the office's number"), typed);
		if (status || count)
			return status;
	}
	if (strlen(typed) < STORE_PREFIX_MIN)
		return k->by_number ? not_found(kind, typed, err)
				    /* L10N: what is named (milestone, follow-up, guidance session), then the id given */
				    : error_set(err, STATUS_ERR_INVALID, _("%s '%s': give at least 6 characters of its id"),
						_(k->noun), typed);
	status = matches(store, k->by_prefix, typed, id, &count, err);
	if (status)
		return status;
	if (count > 1)
		/* L10N: what is named (case, check, milestone, ...), then the start of its id */
		return error_set(err, STATUS_ERR_INVALID, _("%s '%s' names more than one"), _(k->noun), typed);
	return count ? STATUS_OK : not_found(kind, typed, err);
}
