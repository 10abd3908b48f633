/* Exporting cases, checks, findings, experts and the agenda as rows of
 * text (to CSV here, to a workbook by the caller's sink); the cases and
 * experts with the columns their imports take. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cases.h"
#include "gradus/checks.h"
#include "gradus/exchange.h"
#include "gradus/i18n.h"
#include "gradus/panels.h"
#include "store_private.h"

static const char *const kind_names[] = { "cases", "checks", "findings", "experts", "agenda" };

bool export_kind_parse(const char *name, enum export_kind *kind)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(name, kind_names[i])) {
			*kind = (enum export_kind)i;
			return true;
		}
	return false;
}

static void write_row(const struct export_sink *w, const char *const *cells, size_t count)
{
	w->row(w->context, cells, count);
}

#define WRITE_ROW(w, ...) \
	write_row((w), (const char *const[]){ __VA_ARGS__ }, sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *))

static void write_case(const struct export_sink *w, const struct case_detail *d)
{
	char year[12], maturity[16] = "", scenarios[160] = "";
	size_t i, used = 0;

	snprintf(year, sizeof(year), "%d", d->row.year);
	if (d->maturity_centi >= 0)
		snprintf(maturity, sizeof(maturity), "%d.%02d", d->maturity_centi / 100, d->maturity_centi % 100);
	for (i = 0; i < d->scenario_count && used < sizeof(scenarios); i++)
		used += (size_t)snprintf(scenarios + used, sizeof(scenarios) - used, "%s%d", i ? ";" : "", d->scenarios[i]);
	WRITE_ROW(w, d->row.number, d->row.enterprise, d->row.credit_code, d->row.region, d->row.level, year,
		  d->row.state, d->row.factory, d->factory_address, d->industry, d->contact, maturity, d->commitment_on,
		  scenarios, d->certified_on, d->cultivation_starts_on, d->expires_on, d->row.next_due, d->note);
}

static enum status export_cases(struct store *store, const struct export_sink *w, struct error *err)
{
	static const char *const sql = "SELECT id FROM cases WHERE ?1 IS NULL ORDER BY number";
	char (*ids)[33] = NULL;
	size_t count = 0, i;
	enum status status = store_ids(store, sql, NULL, &ids, &count, err);

	WRITE_ROW(w, "number", "enterprise", "uscc", "region", "level", "year", "state", "factory", "address",
		  "industry", "contact", "maturity", "commitment_on", "scenarios", "certified_on",
		  "cultivation_starts_on", "expires_on", "next_due", "note");
	for (i = 0; !status && i < count; i++) {
		struct case_detail d;

		if (!(status = store_case_detail(store, ids[i], &d, err))) {
			write_case(w, &d);
			case_detail_clear(&d);
		}
	}
	free(ids);
	return status;
}

static void write_check(const struct export_sink *w, const struct check_view *v)
{
	struct score score = check_score_overall(v);
	char percent[16] = "";

	if (score.scored)
		snprintf(percent, sizeof(percent), "%.1f", score.percent);
	WRITE_ROW(w, v->number, v->case_number, v->enterprise, v->level, v->planned_on, v->status, v->inspectors,
		  percent);
}

static enum status export_checks(struct store *store, const struct export_sink *w, struct error *err)
{
	static const char *const sql = "SELECT id FROM checks WHERE ?1 IS NULL ORDER BY number";
	char (*ids)[33] = NULL;
	size_t count = 0, i;
	enum status status = store_ids(store, sql, NULL, &ids, &count, err);

	WRITE_ROW(w, "number", "case", "enterprise", "level", "planned_on", "status", "inspectors", "score");
	for (i = 0; !status && i < count; i++) {
		struct check_view v;

		if (!(status = check_load(store, ids[i], &v, err))) {
			write_check(w, &v);
			check_view_clear(&v);
		}
	}
	free(ids);
	return status;
}

static const char *const findings_sql =
	"SELECT f.id, coalesce(k.number, p.number, ''), c.number, f.scenario, f.item, f.severity, f.action,"
	" f.due_on, f.status, f.closed_on, f.closed_by, f.closing_note"
	" FROM findings f JOIN cases c ON c.id = f.case_id"
	" LEFT JOIN checks k ON k.id = f.check_id LEFT JOIN panels p ON p.id = f.panel_id"
	" ORDER BY c.number, 2, f.scenario, f.item, f.created_at";

static enum status export_findings(struct store *store, const struct export_sink *w, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, findings_sql, err);
	enum status status;
	bool row;
	int i;

	if (!stmt)
		return STATUS_ERR_DB;
	WRITE_ROW(w, "id", "source", "case", "scenario", "item", "severity", "action", "due_on", "status",
		  "closed_on", "closed_by", "closing_note");
	while (!(status = store_step(store, stmt, &row, err)) && row) {
		const char *cells[12];

		for (i = 0; i < 12; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		write_row(w, cells, 12);
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status export_experts(struct store *store, const struct export_sink *w, struct error *err)
{
	struct expert_row *rows = NULL;
	size_t count = 0, i;
	enum status status = expert_list(store, &rows, &count, err);

	WRITE_ROW(w, "code", "name", "fields", "affiliation", "region", "contact", "conflicts");
	for (i = 0; !status && i < count; i++)
		WRITE_ROW(w, rows[i].code, rows[i].name, rows[i].fields, rows[i].affiliation, rows[i].region,
			  rows[i].contact, rows[i].conflicts);
	expert_rows_free(rows, count);
	return status;
}

static enum status export_agenda(struct store *store, const struct forms *forms, struct date today, int within,
				 const struct export_sink *w, struct error *err)
{
	struct agenda_item *items = NULL;
	char due[DATE_TEXT_SIZE];
	size_t count = 0, i;
	enum status status = case_agenda(store, forms, today, within, &items, &count, err);

	WRITE_ROW(w, "due_on", "number", "kind", "status", "level", "enterprise", "detail");
	for (i = 0; !status && i < count; i++) {
		date_format(items[i].due, due);
		WRITE_ROW(w, due, items[i].number, items[i].kind, items[i].overdue ? "overdue" : "due", items[i].level,
			  items[i].enterprise, items[i].detail);
	}
	agenda_free(items, count);
	return status;
}

enum status export_rows(struct store *store, const struct forms *forms, enum export_kind kind, struct date today,
			int within, const struct export_sink *writer, struct error *err)
{
	switch (kind) {
	case EXPORT_CASES:
		return export_cases(store, writer, err);
	case EXPORT_CHECKS:
		return export_checks(store, writer, err);
	case EXPORT_FINDINGS:
		return export_findings(store, writer, err);
	case EXPORT_EXPERTS:
		return export_experts(store, writer, err);
	case EXPORT_AGENDA:
		return export_agenda(store, forms, today, within, writer, err);
	}
	return error_set(err, STATUS_ERR_INVALID, _("no such export"));
}

static void csv_row(void *context, const char *const *cells, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		csv_write_field(context, cells[i]);
	csv_end_row(context);
}

enum status export_csv(struct store *store, const struct forms *forms, enum export_kind kind, struct date today,
		       int within, struct csv_writer *writer, struct error *err)
{
	struct export_sink sink = { csv_row, writer };

	return export_rows(store, forms, kind, today, within, &sink, err);
}
