/* Rows of an import matched to the records already there: a case by its
 * enterprise's credit code, its level and year; an expert by name and
 * affiliation. Equal fields are left alone; a field that differs is
 * written through the same functions a person's edit goes through, unless
 * someone changed it since it was last imported (a conflict, left as it
 * is, with the reason). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"
#include "audit_private.h"
#include "import_private.h"
#include "store_private.h"

enum status import_audit_seq(struct store *store, long long *seq, struct error *err)
{
	return audit_last_seq(store, seq, err);
}

void import_summary_clear(struct import_summary *summary)
{
	size_t i;

	for (i = 0; i < summary->change_count; i++) {
		free(summary->changes[i].record);
		free(summary->changes[i].column);
		free(summary->changes[i].old_value);
		free(summary->changes[i].new_value);
		free(summary->changes[i].reason);
	}
	free(summary->changes);
	memset(summary, 0, sizeof(*summary));
}

static char *dup_or_null(const char *text)
{
	return text ? strdup(text) : NULL;
}

static enum status add_change(struct import_summary *s, const struct import_row *row, const char *record,
			      const char *column, const char *old_value, const char *new_value, const char *reason)
{
	struct import_change *c;

	if (s->change_count % 16 == 0) {
		c = realloc(s->changes, (s->change_count + 16) * sizeof(*c));
		if (!c)
			return STATUS_ERR_NOMEM;
		s->changes = c;
	}
	c = &s->changes[s->change_count];
	*c = (struct import_change){ row->row, strdup(record), strdup(column), dup_or_null(old_value),
				     dup_or_null(new_value), reason != NULL, dup_or_null(reason) };
	if (!c->record || !c->column || (old_value && !c->old_value) || (new_value && !c->new_value) ||
	    (reason && !c->reason)) {
		free(c->record), free(c->column), free(c->old_value), free(c->new_value), free(c->reason);
		return STATUS_ERR_NOMEM;
	}
	s->change_count++;
	if (reason)
		s->conflicts++;
	return STATUS_OK;
}

/* A field someone changed since an import last wrote it: its audit rows,
 * newest first (stmt, bound by the caller), the newest standing one not an
 * import's while an older one is (rows of undone batches and their undos
 * cancel out and are passed over). who: the newest row's actor and time. */
static enum status changed_since_import(struct store *store, sqlite3_stmt *stmt, long long batch_first,
					bool *conflict, char who[96], struct error *err)
{
	enum import_writer writer;
	enum status status;
	bool row, newest = true;
	int batch;

	*conflict = false;
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		status = import_writer_of(store, sqlite3_column_int64(stmt, 0), batch_first, &writer, &batch, err);
		if (status || (newest && writer == WRITER_IMPORT))
			break;
		if (writer == WRITER_CANCELLED)
			continue;
		if (newest)
			/* L10N: who changed a field and when */
		{
			char at[32];

			audit_at_text(stmt, 2, at);
			snprintf(who, 96, _("%s at %s"), (const char *)sqlite3_column_text(stmt, 1), at);
		}
		newest = false;
		if (writer == WRITER_IMPORT) {
			*conflict = true;
			break;
		}
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status field_conflict(struct store *store, const char *table, const char *id, const char *field,
				  long long batch_first, bool *conflict, char who[96], struct error *err)
{
	/* the updates of the field, and the insert that gave it its first value */
	static const char *const sql = "SELECT seq, actor, at FROM audit_fields WHERE rid = rid_of(?2) AND tbl = ?1"
				       " AND field = ?3 AND op = 1"
				       " UNION ALL SELECT seq, actor, at FROM audit WHERE rid = rid_of(?2) AND tbl = ?1 AND op = 0"
				       " ORDER BY seq DESC";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, field, -1, SQLITE_STATIC);
	return changed_since_import(store, stmt, batch_first, conflict, who, err);
}

/* The declared scenarios: the field cases.scenarios (migration 26), and
 * before it rows of their own (case_scenarios): the audit rows of every
 * such row the case had. The records of the migration's move from the
 * rows into the field (meta scenarios_moved_from .. _to) change nothing
 * and are passed over. */
static enum status scenarios_conflict(struct store *store, const char *case_id, long long batch_first,
				      bool *conflict, char who[96], struct error *err)
{
	static const char *const sql =
		"WITH moved (a, b) AS (SELECT"
		"  coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenarios_moved_from'), 0),"
		"  coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'scenarios_moved_to'), -1))"
		" SELECT r.seq, r.actor, r.at FROM moved, ("
		"  SELECT seq, actor, at FROM audit_fields WHERE rid = rid_of(?1) AND tbl = 'cases' AND field = 'scenarios'"
		"   AND op = 1"
		"  UNION ALL SELECT seq, actor, at FROM audit WHERE rid = rid_of(?1) AND tbl = 'cases' AND op = 0"
		"  UNION ALL SELECT seq, actor, at FROM audit WHERE tbl = 'case_scenarios' AND rid IN"
		"   (SELECT rid FROM audit WHERE owner = ?1 AND op = 2 AND tbl = 'case_scenarios')) r"
		" WHERE r.seq NOT BETWEEN moved.a AND moved.b ORDER BY r.seq DESC";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, case_id, -1, SQLITE_STATIC);
	return changed_since_import(store, stmt, batch_first, conflict, who, err);
}

static bool same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

static enum status conflict_reason(char *out, size_t size, const char *who)
{
	/* L10N: a field an import leaves as it is; then who changed it and when */
	snprintf(out, size, _("changed by %s since it was last imported; left as it is"), who);
	return STATUS_OK;
}

/* ---- cases ---- */

enum { OWNER_ENTERPRISE, OWNER_FACTORY, OWNER_CASE };

static const struct case_field {
	int column;         /* enum case_column */
	int stored;         /* its column in case_sql */
	int owner;
	const char *table, *field;
	const char *set;    /* case_set_field's name; NULL: a date of the case's steps */
} case_fields[] = {
	{ C_ENTERPRISE, 3, OWNER_ENTERPRISE, "enterprises", "name", "enterprise" },
	{ C_REGION, 4, OWNER_ENTERPRISE, "enterprises", "region", "region" },
	{ C_INDUSTRY, 5, OWNER_ENTERPRISE, "enterprises", "industry", "industry" },
	{ C_CONTACT, 6, OWNER_ENTERPRISE, "enterprises", "contact", "contact" },
	{ C_FACTORY, 8, OWNER_FACTORY, "factories", "name", "factory" },
	{ C_ADDRESS, 9, OWNER_FACTORY, "factories", "address", "address" },
	{ C_MATURITY, 10, OWNER_CASE, "cases", "maturity_centi", "maturity" },
	{ C_COMMITMENT_ON, 11, OWNER_CASE, "cases", "commitment_on", "commitment_on" },
	{ C_CERTIFIED_ON, 12, OWNER_CASE, "cases", "certified_on", NULL },
	{ C_CULTIVATION_STARTS_ON, 13, OWNER_CASE, "cases", "cultivation_starts_on", NULL },
	{ C_NOTE, 14, OWNER_CASE, "cases", "note", "note" },
};

static const char *const case_sql =
	"SELECT c.id, c.number, e.id, e.name, e.region, e.industry, e.contact, f.id, f.name, f.address,"
	" c.maturity_centi, c.commitment_on, c.certified_on, c.cultivation_starts_on, c.note,"
	" replace(c.scenarios, ',', ';')"
	" FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id"
	" WHERE e.credit_code = ?1 AND +c.level = ?2 AND +c.year = ?3 ORDER BY c.number LIMIT 1"; /* + as in cases.c */

/* A case's stored values, copied out of the statement. */
struct stored_case {
	char *text[16];
};

static void stored_case_clear(struct stored_case *c)
{
	size_t i;

	for (i = 0; i < 16; i++)
		free(c->text[i]);
}

static enum status find_case(struct store *store, const struct new_case *in, struct stored_case *out, bool *found,
			     struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, case_sql, err);
	enum status status;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, in->credit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->level, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, in->year);
	status = store_step(store, stmt, found, err);
	for (i = 0; !status && *found && i < 16; i++)
		out->text[i] = store_column_dup(stmt, (int)i, &status);
	sqlite3_reset(stmt);
	if (status == STATUS_ERR_NOMEM)
		error_set(err, status, _("out of memory"));
	return status;
}

/* The file's value of a field as stored (want) and as case_set_field
 * takes it (set); a maturity is kept in hundredths and set as a score. */
static void file_value(const struct new_case *in, const struct case_field *f, char *want, char *set, size_t size)
{
	const char *v = NULL;

	switch (f->column) {
	case C_ENTERPRISE: v = in->enterprise_name; break;
	case C_REGION: v = in->region; break;
	case C_INDUSTRY: v = in->industry; break;
	case C_CONTACT: v = in->contact; break;
	case C_FACTORY: v = in->factory_name && *in->factory_name ? in->factory_name : in->enterprise_name; break;
	case C_ADDRESS: v = in->address; break;
	case C_COMMITMENT_ON: v = in->commitment_on; break;
	case C_CERTIFIED_ON: v = in->certified_on; break;
	case C_CULTIVATION_STARTS_ON: v = in->cultivation_starts_on; break;
	case C_NOTE: v = in->note; break;
	case C_MATURITY:
		if (in->maturity_centi < 0) {
			want[0] = set[0] = '\0';
		} else {
			snprintf(want, size, "%d", in->maturity_centi);
			snprintf(set, size, "%d.%02d", in->maturity_centi / 100, in->maturity_centi % 100);
		}
		return;
	}
	snprintf(want, size, "%s", v ? v : "");
	snprintf(set, size, "%s", v ? v : "");
}

/* A stored value as a person reads it: a region by its name, a maturity
 * as a score. */
static const char *shown(const struct forms *forms, int column, const char *value, char *out, size_t size)
{
	if (!value || !*value)
		return NULL;
	if (column == C_REGION)
		return label_region(forms, value);
	if (column == C_MATURITY) {
		int centi = atoi(value);

		snprintf(out, size, "%d.%02d", centi / 100, centi % 100);
		return out;
	}
	return value;
}

/* The sheet's scenarios as the stored ones are compared and shown: in
 * ascending order, each once, between semicolons (store_scenarios_text). */
static char *sorted_scenarios(const struct new_case *in)
{
	char *out = malloc(STORE_SCENARIOS_SIZE), *p;

	if (!out)
		return NULL;
	store_scenarios_text(in->scenarios, in->scenario_count, out, STORE_SCENARIOS_SIZE);
	for (p = out; (p = strchr(p, ',')); p++)
		*p = ';';
	return out;
}

static enum status match_scenarios(struct store *store, const struct import_row *row, const struct new_case *in,
				   const struct stored_case *c, struct import_summary *s, bool *changed,
				   struct error *err)
{
	char *want = sorted_scenarios(in), who[96] = "?", reason[256];
	enum status status = STATUS_OK;
	bool conflict;

	if (!want)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	if (same(want, c->text[15]))
		goto done;
	status = scenarios_conflict(store, c->text[0], row->batch_first, &conflict, who, err);
	if (!status && conflict) {
		conflict_reason(reason, sizeof(reason), who);
		status = add_change(s, row, c->text[1], row->headers[C_SCENARIOS], c->text[15], want, reason);
	} else if (!status) {
		status = case_set_scenarios(store, c->text[1], in->scenarios, in->scenario_count, NULL, err);
		if (!status)
			status = add_change(s, row, c->text[1], row->headers[C_SCENARIOS], c->text[15], want, NULL);
		*changed = !status;
	}
done:
	free(want);
	return status;
}

static enum status match_case_field(struct store *store, const struct forms *forms, const struct import_row *row,
				    const struct new_case *in, const struct case_field *f,
				    const struct stored_case *c, struct import_summary *s, bool *changed,
				    struct error *err)
{
	static const int owner_id[] = { [OWNER_ENTERPRISE] = 2, [OWNER_FACTORY] = 7, [OWNER_CASE] = 0 };
	char want[1024], set[1024], old_shown[32], new_shown[32], who[96] = "?", reason[256];
	const char *have = c->text[f->stored];
	enum status status;
	bool conflict = false;

	file_value(in, f, want, set, sizeof(want));
	if (same(want, have))
		return STATUS_OK;
	if (f->set) {
		status = field_conflict(store, f->table, c->text[owner_id[f->owner]], f->field, row->batch_first,
					&conflict, who, err);
		if (status)
			return status;
	}
	if (!f->set)
		/* L10N: a date of a case's steps that differs in an imported file */
		snprintf(reason, sizeof(reason), "%s", _("a date of the case's steps; take the step to change it"));
	else if (conflict)
		conflict_reason(reason, sizeof(reason), who);
	if (!f->set || conflict)
		return add_change(s, row, c->text[1], row->headers[f->column],
				  shown(forms, f->column, have, old_shown, sizeof(old_shown)),
				  shown(forms, f->column, want, new_shown, sizeof(new_shown)), reason);
	status = case_set_field(store, forms, c->text[1], f->set, set, NULL, err);
	if (status) {
		char message[sizeof(err->message)];

		snprintf(message, sizeof(message), "%s", err->message);
		return error_set(err, status, _("column %s: %s"), row->headers[f->column], message);
	}
	*changed = true;
	return add_change(s, row, c->text[1], row->headers[f->column],
			  shown(forms, f->column, have, old_shown, sizeof(old_shown)),
			  shown(forms, f->column, want, new_shown, sizeof(new_shown)), NULL);
}

enum status import_match_case(struct store *store, const struct forms *forms, const struct import_row *row,
			      const struct new_case *in, struct import_summary *summary, bool *matched,
			      struct error *err)
{
	struct stored_case c;
	enum status status = find_case(store, in, &c, matched, err);
	bool changed = false;
	size_t i;

	for (i = 0; !status && *matched && i < sizeof(case_fields) / sizeof(case_fields[0]); i++)
		if (row->headers[case_fields[i].column])
			status = match_case_field(store, forms, row, in, &case_fields[i], &c, summary, &changed, err);
	if (!status && *matched && row->headers[C_SCENARIOS])
		status = match_scenarios(store, row, in, &c, summary, &changed, err);
	if (!status && *matched)
		++*(changed ? &summary->changed : &summary->unchanged);
	stored_case_clear(&c);
	return status;
}

/* ---- experts ---- */

static const struct expert_field {
	int column;
	const char *field;
} expert_fields[] = {
	{ X_FIELDS, "fields" }, { X_REGION, "region" }, { X_CONTACT, "contact" }, { X_CONFLICTS, "conflicts" },
};

enum status import_match_expert(struct store *store, const struct forms *forms, const struct import_row *row,
				const struct expert_input *in, struct import_summary *summary, bool *matched,
				struct error *err)
{
	static const char *const sql = "SELECT id, code, fields, region, contact, conflicts FROM experts"
				       " WHERE name = ?1 AND affiliation = ?2 ORDER BY code LIMIT 1";
	const char *values[] = { in->fields, in->region, in->contact, in->conflicts };
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char *stored[6] = { NULL }, who[96] = "?", reason[256], warnings[512];
	enum status status;
	bool changed = false, conflict;
	size_t i;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->affiliation, -1, SQLITE_STATIC);
	status = store_step(store, stmt, matched, err);
	for (i = 0; !status && *matched && i < 6; i++)
		stored[i] = store_column_dup(stmt, (int)i, &status);
	sqlite3_reset(stmt);
	if (status == STATUS_ERR_NOMEM)
		error_set(err, status, _("out of memory"));
	for (i = 0; !status && *matched && i < sizeof(expert_fields) / sizeof(expert_fields[0]); i++) {
		const struct expert_field *f = &expert_fields[i];
		const char *have = stored[i + 2], *want = values[i];

		if (!row->headers[f->column] || same(want, have))
			continue;
		status = field_conflict(store, "experts", stored[0], f->field, row->batch_first, &conflict, who, err);
		if (!status && conflict) {
			conflict_reason(reason, sizeof(reason), who);
			status = add_change(summary, row, stored[1], row->headers[f->column],
					    f->column == X_REGION && have ? label_region(forms, have) : have,
					    f->column == X_REGION && want ? label_region(forms, want) : want, reason);
			continue;
		}
		if (!status)
			status = expert_set_field(store, forms, stored[1], f->field, want ? want : "", NULL, warnings, err);
		if (!status) {
			changed = true;
			status = add_change(summary, row, stored[1], row->headers[f->column],
					    f->column == X_REGION && have ? label_region(forms, have) : have,
					    f->column == X_REGION && want ? label_region(forms, want) : want, NULL);
		}
	}
	if (!status && *matched)
		++*(changed ? &summary->changed : &summary->unchanged);
	for (i = 0; i < 6; i++)
		free(stored[i]);
	return status;
}
