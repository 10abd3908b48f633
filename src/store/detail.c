/* One case with its declared scenarios and its timeline of events. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static const char *const detail_sql =
	"SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due,"
	" f.address, e.industry, e.contact, c.commitment_on, c.applied_by, c.applied_on, c.recommended_by,"
	" c.recommended_on, c.certified_by, c.certified_on, c.expires_on, c.cultivation_starts_on, c.note,"
	" coalesce(c.maturity_centi, -1), coalesce(c.maturity_level, 0)"
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
	" WHERE c.id = ?1";
static const char *const scenarios_sql =
	"SELECT value FROM json_each('[' || coalesce((SELECT scenarios FROM cases WHERE id = ?1), '') || ']')";
static const char *const events_sql =
	"SELECT step, from_state, to_state, kind, actor, on_date, note, document, unmet, override FROM events"
	" WHERE case_id = ?1 ORDER BY on_date, created_at, rowid";

static const char *const materials_sql =
	"SELECT material, received_on FROM case_materials WHERE case_id = ?1 ORDER BY material";

static enum status load_materials(struct store *store, struct case_detail *d, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, materials_sql, err);
	size_t capacity = 0;
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, d->row.id, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		if ((status = store_grow((void **)&d->materials, &capacity, d->material_count, sizeof(*d->materials))))
			break;
		d->materials[d->material_count].key = store_column_dup(stmt, 0, &status);
		d->materials[d->material_count].received_on = store_column_dup(stmt, 1, &status);
		d->material_count++;
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status fill_detail(sqlite3_stmt *stmt, struct case_detail *d)
{
	enum status status = STATUS_OK;
	char **fields[] = {
		&d->row.id, &d->row.number, &d->row.enterprise, &d->row.credit_code, &d->row.factory,
		&d->row.region, &d->row.level, &d->row.state, NULL, &d->row.next_due,
		&d->factory_address, &d->industry, &d->contact, &d->commitment_on, &d->applied_by,
		&d->applied_on, &d->recommended_by, &d->recommended_on, &d->certified_by, &d->certified_on,
		&d->expires_on, &d->cultivation_starts_on, &d->note,
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i])
			*fields[i] = store_column_dup(stmt, (int)i, &status);
	d->row.year = sqlite3_column_int(stmt, 8);
	d->maturity_centi = sqlite3_column_int(stmt, 23);
	d->maturity_level = sqlite3_column_int(stmt, 24);
	return status;
}

static enum status load_events(struct store *store, struct case_detail *d, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, events_sql, err);
	size_t capacity = 0;
	enum status status = STATUS_OK;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, d->row.id, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		struct case_event *e;

		if ((status = store_grow((void **)&d->events, &capacity, d->event_count, sizeof(*d->events))))
			break;
		e = &d->events[d->event_count++];
		e->step = store_column_dup(stmt, 0, &status);
		e->from_state = store_column_dup(stmt, 1, &status);
		e->to_state = store_column_dup(stmt, 2, &status);
		e->kind = store_column_dup(stmt, 3, &status);
		e->actor = store_column_dup(stmt, 4, &status);
		e->on_date = store_column_dup(stmt, 5, &status);
		e->note = store_column_dup(stmt, 6, &status);
		e->document = store_column_dup(stmt, 7, &status);
		e->unmet = store_column_dup(stmt, 8, &status);
		e->override = store_column_dup(stmt, 9, &status);
	}
	sqlite3_reset(stmt);
	return status;
}

/* The declared scenarios, as many as the case has. */
static enum status load_scenarios(struct store *store, sqlite3_stmt *stmt, struct case_detail *d, struct error *err)
{
	size_t cap = 0;
	enum status status;
	bool row;

	while (!(status = store_step(store, stmt, &row, err)) && row) {
		if (d->scenario_count == cap) {
			size_t more = cap ? 2 * cap : 16;
			int *grown = realloc(d->scenarios, more * sizeof(*grown));

			if (!grown)
				return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
			d->scenarios = grown;
			cap = more;
		}
		d->scenarios[d->scenario_count++] = sqlite3_column_int(stmt, 0);
	}
	return status;
}

enum status store_case_detail(struct store *store, const char *key, struct case_detail *d, struct error *err)
{
	sqlite3_stmt *stmt;
	enum status status;
	char id[33];
	bool row;

	memset(d, 0, sizeof(*d));
	if ((status = store_resolve(store, STORE_CASE, key, id, err)))
		return status;
	if (!(stmt = store_prepare(store, detail_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		status = fill_detail(stmt, d);
	sqlite3_reset(stmt);
	if (status)
		goto fail;
	if (!row)
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no case '%s'"), key);
	stmt = store_prepare(store, scenarios_sql, err);
	if (!stmt) {
		status = STATUS_ERR_DB;
		goto fail;
	}
	sqlite3_bind_text(stmt, 1, d->row.id, -1, SQLITE_STATIC);
	status = load_scenarios(store, stmt, d, err);
	sqlite3_reset(stmt);
	if (!status)
		status = load_events(store, d, err);
	if (!status)
		status = load_materials(store, d, err);
	if (!status)
		return STATUS_OK;
fail:
	case_detail_clear(d);
	return status;
}

void case_detail_clear(struct case_detail *d)
{
	free(d->scenarios);
	char *strings[] = {
		d->factory_address, d->industry, d->contact, d->commitment_on, d->applied_by, d->applied_on,
		d->recommended_by, d->recommended_on, d->certified_by, d->certified_on, d->expires_on,
		d->cultivation_starts_on, d->note,
	};
	size_t i;

	case_rows_clear(&d->row, 1);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(strings[i]);
	for (i = 0; i < d->event_count; i++) {
		free(d->events[i].step);
		free(d->events[i].from_state);
		free(d->events[i].to_state);
		free(d->events[i].kind);
		free(d->events[i].actor);
		free(d->events[i].on_date);
		free(d->events[i].note);
		free(d->events[i].document);
		free(d->events[i].unmet);
		free(d->events[i].override);
	}
	free(d->events);
	for (i = 0; i < d->material_count; i++) {
		free(d->materials[i].key);
		free(d->materials[i].received_on);
	}
	free(d->materials);
	memset(d, 0, sizeof(*d));
}
