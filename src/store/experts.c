/* The expert registry (专家库): fields of expertise, affiliation, region,
 * contact and declared conflicts of interest, and who may not sit on a
 * panel for which enterprise. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

/* Every comma-separated field is a stage key. */
static enum status check_fields(const struct forms *forms, const char *fields, struct error *err)
{
	char *copy, *word, *save = NULL;
	enum status status = STATUS_OK;
	size_t i;

	if (!fields || !*fields)
		return error_set(err, STATUS_ERR_INVALID, _("an expert needs at least one field of expertise (a stage)"));
	if (!(copy = strdup(fields)))
		return STATUS_ERR_NOMEM;
	for (word = strtok_r(copy, ",", &save); word && !status; word = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < forms->stage_count && strcmp(forms->stages[i].key, word); i++)
			;
		if (i == forms->stage_count) {
			char keys[256] = "";
			size_t used = 0;

			for (i = 0; i < forms->stage_count && used < sizeof(keys); i++)
				used += (size_t)snprintf(keys + used, sizeof(keys) - used, "%s%s", i ? ", " : "",
							 forms->stages[i].key);
			/* L10N: the field of expertise given, then the stages' keys, comma-separated */
			status = error_set(err, STATUS_ERR_INVALID, _("field '%s': expected stages among %s"), word, keys);
		}
	}
	free(copy);
	return status;
}

/* No region, or one of regions.ini's; a refusal names them all. */
static enum status check_region(const struct forms *forms, const char *region, struct error *err)
{
	char keys[512] = "";
	size_t i, used = 0;

	if (!region || !*region || forms_region_find(forms, region))
		return STATUS_OK;
	for (i = 0; i < forms->region_count && used < sizeof(keys); i++)
		used += (size_t)snprintf(keys + used, sizeof(keys) - used, "%s%s", i ? ", " : "", forms->regions[i].key);
	/* L10N: the region given, then the regions' keys, comma-separated */
	return error_set(err, STATUS_ERR_INVALID, _("region '%s': expected one of %s"), region, keys);
}

static enum status next_code(struct store *store, char code[16], struct error *err)
{
	static const char *const sql = "SELECT coalesce(max(CAST(substr(code, 2) AS INTEGER)), 0) + 1 FROM experts";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(code, 16, "E%04d", sqlite3_column_int(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("numbering an expert"));
}

static enum status insert_expert(struct store *store, const struct expert_input *in, char code[16],
				 struct error *err)
{
	char id[33], now[STORE_TIMESTAMP_SIZE];
	enum status status = next_code(store, code, err);

	if (status || (status = store_new_id(id)))
		return status;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "code", code }, { "name", in->name }, { "fields", in->fields },
			{ "affiliation", in->affiliation }, { "region", in->region && *in->region ? in->region : NULL },
			{ "contact", in->contact && *in->contact ? in->contact : NULL },
			{ "conflicts", in->conflicts && *in->conflicts ? in->conflicts : NULL }, { "created_at", now },
		};
		return store_insert(store, "experts", id, fields, 8, err);
	}
}

/* The expert's input as the forms want it; *about is the key of the field
 * refused (NULL when none is). */
static enum status check_expert(const struct forms *forms, const struct expert_input *in, const char **about,
				struct error *err)
{
	enum status status;

	*about = "name";
	if (!in->name || !*in->name)
		return error_set(err, STATUS_ERR_INVALID, _("an expert needs a name"));
	*about = "affiliation";
	if (!in->affiliation || !*in->affiliation)
		return error_set(err, STATUS_ERR_INVALID, _("expert %s needs an affiliation (工作单位)"), in->name);
	*about = "region";
	if ((status = check_region(forms, in->region, err)))
		return status;
	*about = "fields";
	if ((status = check_fields(forms, in->fields, err)))
		return status;
	*about = NULL;
	return STATUS_OK;
}

const char *expert_input_refused(const struct forms *forms, const struct expert_input *in)
{
	const char *about = NULL;

	check_expert(forms, in, &about, NULL);
	return about;
}

enum status expert_add(struct store *store, const struct forms *forms, const struct expert_input *input,
		       char code[16], struct error *err)
{
	const struct region *region = input->region ? forms_region_find(forms, input->region) : NULL;
	struct expert_input copy = *input, *in = &copy;
	enum status status;
	const char *about;

	if (region) /* 武汉市, 420100 or Wuhan is kept by its key */
		in->region = region->key;

	if ((status = authority_check(store, AUTHORITY_EXPERT_ADD, NULL, err)))
		return status;
	if ((status = check_expert(forms, in, &about, err)) || (status = store_begin(store, err)))
		return status;
	status = insert_expert(store, in, code, err);
	return store_finish(store, status, err);
}

/* ---- editing ---- */

const char *const expert_field_names[] = { "name", "fields", "affiliation", "region", "contact", "conflicts", NULL };

/* A new value of one field, checked as expert_add checks it. */
static enum status check_value(const struct forms *forms, const struct expert_row *e, const char *field,
			       const char *value, struct error *err)
{
	if (!strcmp(field, "name") && (!value || !*value))
		return error_set(err, STATUS_ERR_INVALID, _("an expert needs a name"));
	if (!strcmp(field, "affiliation") && (!value || !*value))
		return error_set(err, STATUS_ERR_INVALID, _("expert %s needs an affiliation (工作单位)"), e->name);
	if (!strcmp(field, "region"))
		return check_region(forms, value, err);
	if (!strcmp(field, "fields"))
		return check_fields(forms, value, err);
	return STATUS_OK;
}

static void add_warning(char warnings[512], const char *warning)
{
	size_t used = strlen(warnings);

	if (*warning && used < 511)
		snprintf(warnings + used, 512 - used, "%s%s", used ? "; " : "", warning);
}

/* The open panels the expert sits on whose applicant the expert's record,
 * as it now is, conflicts with: each named in warnings. */
static enum status open_panel_conflicts(struct store *store, const char *code, char warnings[512], struct error *err)
{
	static const char *const sql =
		"SELECT p.number, en.name, en.credit_code, en.region FROM panel_members m"
		" JOIN experts e ON e.id = m.expert_id JOIN panels p ON p.id = m.panel_id"
		" JOIN cases c ON c.id = p.case_id JOIN factories f ON f.id = c.factory_id"
		" JOIN enterprises en ON en.id = f.enterprise_id"
		" WHERE e.code = ?1 AND p.status = 'open' ORDER BY p.number";
	struct expert_row e;
	sqlite3_stmt *stmt;
	enum status status = expert_find(store, code, &e, err);
	int rc;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err))) {
		expert_row_clear(&e);
		return STATUS_ERR_DB;
	}
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char refusal[256], warning[256], line[400];

		expert_conflict(NULL, &e, (const char *)sqlite3_column_text(stmt, 1), (const char *)sqlite3_column_text(stmt, 2),
				(const char *)sqlite3_column_text(stmt, 3), refusal, warning);
		if (!*refusal)
			continue;
		/* L10N: an expert's change was written, but they sit on an open panel of an applicant they
		 * now conflict with: the panel's number, then the reason */
		snprintf(line, sizeof(line), _("panel %s, still open: %s; it cannot be signed with them: convene another"),
			 (const char *)sqlite3_column_text(stmt, 0), refusal);
		add_warning(warnings, line);
	}
	sqlite3_reset(stmt);
	expert_row_clear(&e);
	return rc == SQLITE_DONE ? STATUS_OK : store_fail(store, rc, err, _("panel members"));
}

static enum status set_field(struct store *store, const struct forms *forms, const char *key, const char *field,
			     const char *value, const char *expected, char warnings[512], struct error *err)
{
	const struct region *region = !strcmp(field, "region") && value ? forms_region_find(forms, value) : NULL;
	const char *stored = region ? region->key : value && *value ? value : NULL;
	struct expert_row e;
	enum status status = expert_find(store, key, &e, err);

	if (status)
		return status;
	status = check_value(forms, &e, field, value, err);
	if (!status && expected)
		status = store_update_expect(store, "experts", e.id, field, *expected ? expected : NULL, stored, err);
	else if (!status)
		status = store_update(store, "experts", e.id, field, stored, err);
	if (!status && (!strcmp(field, "affiliation") || !strcmp(field, "conflicts")))
		status = open_panel_conflicts(store, e.code, warnings, err);
	expert_row_clear(&e);
	return status;
}

enum status expert_set_field(struct store *store, const struct forms *forms, const char *expert, const char *field,
			     const char *value, const char *expected, char warnings[512], struct error *err)
{
	enum status status;
	size_t f;

	warnings[0] = '\0';
	for (f = 0; expert_field_names[f] && strcmp(expert_field_names[f], field); f++)
		;
	if (!expert_field_names[f])
		return error_set(err, STATUS_ERR_INVALID,
				 _("field '%s': expected name, fields, affiliation, region, contact or conflicts"), field);
	if ((status = authority_check(store, AUTHORITY_EXPERT_EDIT, NULL, err)))
		return status;
	if ((status = store_begin(store, err)))
		return status;
	status = set_field(store, forms, expert, field, value, expected, warnings, err);
	if ((status = store_finish(store, status, err)))
		warnings[0] = '\0';
	return status;
}

static const char *const list_sql =
	"SELECT id, code, name, fields, affiliation, region, contact, conflicts FROM experts ORDER BY code";

static enum status fill_row(struct expert_row *r, sqlite3_stmt *stmt)
{
	enum status status = STATUS_OK;

	snprintf(r->id, sizeof(r->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
	snprintf(r->code, sizeof(r->code), "%s", (const char *)sqlite3_column_text(stmt, 1));
	r->name = store_column_dup(stmt, 2, &status);
	r->fields = store_column_dup(stmt, 3, &status);
	r->affiliation = store_column_dup(stmt, 4, &status);
	r->region = store_column_dup(stmt, 5, &status);
	r->contact = store_column_dup(stmt, 6, &status);
	r->conflicts = store_column_dup(stmt, 7, &status);
	return status;
}

enum status expert_list(struct store *store, struct expert_row **rows, size_t *count, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, list_sql, err);
	size_t capacity = 0;
	enum status status = STATUS_OK;
	bool row;

	*rows = NULL;
	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)rows, &capacity, *count, sizeof(**rows))))
			break;
		memset(&(*rows)[*count], 0, sizeof(**rows));
		status = fill_row(&(*rows)[(*count)++], stmt);
	}
	sqlite3_reset(stmt);
	if (status) {
		expert_rows_free(*rows, *count);
		*rows = NULL;
		*count = 0;
	}
	return status;
}

void expert_row_clear(struct expert_row *r)
{
	free(r->name);
	free(r->fields);
	free(r->affiliation);
	free(r->region);
	free(r->contact);
	free(r->conflicts);
	memset(r, 0, sizeof(*r));
}

void expert_rows_free(struct expert_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		expert_row_clear(&rows[i]);
	free(rows);
}

/* One of the two names holds the other (an affiliation may be the
 * enterprise's short name or its group). */
static bool touches(const char *a, const char *b)
{
	return a && b && *a && *b && (strstr(a, b) || strstr(b, a));
}

void expert_conflict(const struct forms *forms, const struct expert_row *e, const char *enterprise,
		     const char *credit_code, const char *region, char refusal[256], char warning[256])
{
	const char *p = e->conflicts;

	refusal[0] = warning[0] = '\0';
	if (touches(e->affiliation, enterprise)) {
		/* L10N: the expert's name and code, then the affiliation that is the applicant */
		snprintf(refusal, 256, _("%.60s (%s) works for %.120s, the applicant"), e->name, e->code, e->affiliation);
		return;
	}
	while (p && *p) {
		const char *bar = strchr(p, '|');
		char one[256];

		snprintf(one, sizeof(one), "%.*s", (int)(bar ? (size_t)(bar - p) : strlen(p)), p);
		if (touches(one, enterprise) || (credit_code && !strcmp(one, credit_code))) {
			/* L10N: the expert's name and code, then the enterprise or credit code declared */
			snprintf(refusal, 256, _("%.60s (%s) declared a conflict of interest with %.120s"), e->name,
				 e->code, one);
			return;
		}
		p = bar ? bar + 1 : NULL;
	}
	if (e->region && region && !strcmp(e->region, region))
		/* L10N: the expert's name and code, then the region's name */
		snprintf(warning, 256, _("%.60s (%s) is from the same region as the enterprise (%.40s)"), e->name, e->code,
			 label_region(forms, region));
}

/* An expert as store_resolve finds one: by code, exact name (a name two share must be given by code) or id. */
enum status expert_find(struct store *store, const char *key, struct expert_row *out, struct error *err)
{
	static const char *const sql =
		"SELECT id, code, name, fields, affiliation, region, contact, conflicts FROM experts"
		" WHERE id = ?1";
	char id[33];
	enum status status;
	sqlite3_stmt *stmt;
	bool row;

	memset(out, 0, sizeof(*out));
	if ((status = store_resolve(store, STORE_EXPERT, key, id, err)))
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && !row)
		status = error_set(err, STATUS_ERR_NOT_FOUND, _("no expert '%s' (gradus expert list)"), key);
	if (!status)
		status = fill_row(out, stmt);
	sqlite3_reset(stmt);
	if (status)
		expert_row_clear(out);
	return status;
}
