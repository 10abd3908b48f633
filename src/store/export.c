/* Exporting cases, checks, findings, experts and the agenda as rows of
 * text (to CSV here, to a workbook by the caller's sink); the cases and
 * experts with the columns their imports take. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/store/checks.h"
#include "gradus/store/exchange.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
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

/* An export in progress: where its rows go and in whose words. */
struct exporter {
	struct store *store;
	const struct forms *forms;
	const struct export_request *request;
	const struct export_sink *sink;
};

static void write_row(const struct exporter *x, const char *const *cells, size_t count)
{
	x->sink->row(x->sink->context, cells, count);
}

#define CELLS(...) (const char *const[]){ __VA_ARGS__ }, sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *)
#define WRITE_ROW(x, ...) write_row((x), CELLS(__VA_ARGS__))
#define WRITE_HEADER(x, kind, ...) write_header((x), (kind), CELLS(__VA_ARGS__))

/* A column's header in Chinese: the first header forms/columns.ini gives
 * its field (kind "cases" or "experts"), else its translation. */
static const char *chinese_header(const struct forms *forms, const char *kind, const char *field)
{
	size_t i;

	for (i = 0; kind && i < forms->column_count; i++)
		if (!strcmp(forms->columns[i].kind, kind) && !strcmp(forms->columns[i].field, field) &&
		    forms->columns[i].header_count)
			return forms->columns[i].headers[0];
	/* L10N: the header of an export's column, named by its field; keep it short (a spreadsheet's column) */
	return i18n_context("export column", field);
}

enum { HEADER_MAX = 32 }; /* more than any export's columns */

static void write_header(const struct exporter *x, const char *kind, const char *const *fields, size_t count)
{
	const char *headers[HEADER_MAX];
	size_t i;

	if (count > HEADER_MAX)
		count = HEADER_MAX;
	if (x->sink->fields)
		x->sink->fields(x->sink->context, fields, count);
	for (i = 0; i < count; i++)
		headers[i] = x->request->chinese ? chinese_header(x->forms, kind, fields[i]) : fields[i];
	write_row(x, headers, count);
}

/* A level, region or state as the export writes it: the key, or its
 * Chinese name (which the import takes back). */
static const char *level_word(const struct exporter *x, const char *key)
{
	const struct level *level = key && x->request->chinese ? forms_level(x->forms, key) : NULL;

	return level ? level->zh : key;
}

static const char *region_word(const struct exporter *x, const char *key)
{
	const struct region *region = key && x->request->chinese ? forms_region(x->forms, key) : NULL;

	return region ? region->zh : key;
}

static const char *state_word(const struct exporter *x, const char *level_key, const char *key)
{
	const struct level *level = level_key && key && x->request->chinese ? forms_level(x->forms, level_key) : NULL;
	const struct level_state *state = level ? forms_level_state(level, key) : NULL;

	return state ? state->zh : key;
}

/* Words of the other exports (statuses, severities) in Chinese, else keys. */
static const char *label_word(const struct exporter *x, const char *(*label)(const char *), const char *key)
{
	return x->request->chinese && key ? label(key) : key;
}

/* Every case with the columns of its import, by number: one statement. */
static const char *const cases_sql =
	"SELECT c.number, e.name, e.credit_code, e.region, c.level, c.year, c.state, f.name, f.address,"
	" e.industry, e.contact, coalesce(c.maturity_centi, -1), c.commitment_on,"
	" replace(c.scenarios, ',', ';'),"
	" c.certified_on, c.cultivation_starts_on, c.expires_on, c.next_due, c.note"
	" FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
	" ORDER BY c.number";

/* The row the statement stands on, as the import takes it back. */
static void write_case(const struct exporter *x, sqlite3_stmt *stmt)
{
	const char *cells[19];
	char maturity[16] = "";
	int centi = sqlite3_column_int(stmt, 11), i;

	for (i = 0; i < 19; i++)
		cells[i] = (const char *)sqlite3_column_text(stmt, i);
	if (centi >= 0)
		snprintf(maturity, sizeof(maturity), "%d.%02d", centi / 100, centi % 100);
	cells[3] = region_word(x, cells[3]);
	cells[6] = state_word(x, cells[4], cells[6]);
	cells[4] = level_word(x, cells[4]);
	cells[11] = maturity;
	write_row(x, cells, 19);
}

static enum status export_cases(const struct exporter *x, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(x->store, cases_sql, err);
	enum status status;
	bool row;

	if (!stmt)
		return STATUS_ERR_DB;
	WRITE_HEADER(x, "cases", "number", "enterprise", "uscc", "region", "level", "year", "state", "factory",
		     "address", "industry", "contact", "maturity", "commitment_on", "scenarios", "certified_on",
		     "cultivation_starts_on", "expires_on", "next_due", "note");
	while (!(status = store_step(x->store, stmt, &row, err)) && row)
		write_case(x, stmt);
	sqlite3_reset(stmt);
	return status;
}

static void write_check(const struct exporter *x, const struct check_view *v)
{
	struct score score = check_score_overall(v);
	char percent[16] = "";

	if (score.scored)
		snprintf(percent, sizeof(percent), "%.1f", score.percent);
	WRITE_ROW(x, v->number, v->case_number, v->enterprise, level_word(x, v->level), v->planned_on,
		  label_word(x, label_check_status, v->status), v->inspectors, percent);
}

static enum status export_checks(const struct exporter *x, struct error *err)
{
	static const char *const sql = "SELECT id FROM checks WHERE ?1 IS NULL ORDER BY number";
	char (*ids)[33] = NULL;
	size_t count = 0, i;
	enum status status = store_ids(x->store, sql, NULL, &ids, &count, err);

	WRITE_HEADER(x, NULL, "number", "case", "enterprise", "level", "planned_on", "status", "inspectors", "score");
	for (i = 0; !status && i < count; i++) {
		struct check_view v;

		if (!(status = check_load(x->store, ids[i], &v, err))) {
			write_check(x, &v);
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

static enum status export_findings(const struct exporter *x, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(x->store, findings_sql, err);
	enum status status;
	bool row;
	int i;

	if (!stmt)
		return STATUS_ERR_DB;
	WRITE_HEADER(x, NULL, "id", "source", "case", "scenario", "item", "severity", "action", "due_on", "status",
		     "closed_on", "closed_by", "closing_note");
	while (!(status = store_step(x->store, stmt, &row, err)) && row) {
		const char *cells[12];

		for (i = 0; i < 12; i++)
			cells[i] = (const char *)sqlite3_column_text(stmt, i);
		cells[5] = label_word(x, label_severity, cells[5]);
		cells[8] = label_word(x, label_finding_status, cells[8]);
		write_row(x, cells, 12);
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status export_experts(const struct exporter *x, struct error *err)
{
	struct expert_row *rows = NULL;
	size_t count = 0, i;
	enum status status = expert_list(x->store, &rows, &count, err);

	WRITE_HEADER(x, "experts", "code", "name", "fields", "affiliation", "region", "contact", "conflicts");
	for (i = 0; !status && i < count; i++)
		WRITE_ROW(x, rows[i].code, rows[i].name, rows[i].fields, rows[i].affiliation,
			  region_word(x, rows[i].region), rows[i].contact, rows[i].conflicts);
	expert_rows_free(rows, count);
	return status;
}

static enum status export_agenda(const struct exporter *x, struct error *err)
{
	struct agenda_item *items = NULL;
	char due[DATE_TEXT_SIZE];
	size_t count = 0, i;
	enum status status = case_agenda(x->store, x->forms, x->request->today, x->request->within, &items, &count,
					 err);

	WRITE_HEADER(x, NULL, "due_on", "number", "kind", "status", "level", "enterprise", "detail");
	for (i = 0; !status && i < count; i++) {
		const char *overdue = items[i].overdue ? "overdue" : "due";

		date_format(items[i].due, due);
		WRITE_ROW(x, due, items[i].number, items[i].kind,
			  x->request->chinese ? i18n_context("agenda status", overdue) : overdue,
			  level_word(x, items[i].level), items[i].enterprise, items[i].detail);
	}
	agenda_free(items, count);
	return status;
}

enum status export_rows(struct store *store, const struct forms *forms, const struct export_request *request,
			const struct export_sink *sink, struct error *err)
{
	struct exporter x = { store, forms, request, sink };

	switch (request->kind) {
	case EXPORT_CASES:
		return export_cases(&x, err);
	case EXPORT_CHECKS:
		return export_checks(&x, err);
	case EXPORT_FINDINGS:
		return export_findings(&x, err);
	case EXPORT_EXPERTS:
		return export_experts(&x, err);
	case EXPORT_AGENDA:
		return export_agenda(&x, err);
	}
	return error_set(err, STATUS_ERR_INVALID, _("no such export"));
}

/* The sample's region and level: 武汉市 and 先进级 in the forms shipped,
 * else the first the forms have. */
static const char *sample_region(const struct forms *forms)
{
	return forms_region(forms, "wuhan") ? "wuhan" : forms->region_count ? forms->regions[0].key : "";
}

static const char *sample_level(const struct forms *forms)
{
	return forms_level(forms, "advanced") ? "advanced" : forms->level_count ? forms->levels[0].key : "";
}

static void template_cases(const struct exporter *x, const char *year, const char *day)
{
	const bool zh = x->request->chinese;
	const char *const *known = import_columns_of(IMPORT_CASES)->known;
	size_t count = 0;

	while (known[count])
		count++;
	write_header(x, "cases", known, count);
	/* the import's own order: enterprise uscc region level year factory address industry contact maturity
	 * commitment_on scenarios certified_on cultivation_starts_on note */
	WRITE_ROW(x, zh ? "示例智能制造有限公司" : "Example Smart Manufacturing Co., Ltd.", "91420100MA4K12345K",
		  region_word(x, sample_region(x->forms)), level_word(x, sample_level(x->forms)), year,
		  zh ? "示例智能工厂" : "Example smart factory", zh ? "武汉市东湖新技术开发区示例路1号" : "1 Example Road, Wuhan",
		  zh ? "通用设备制造" : "General equipment", zh ? "张三 027-87654321" : "Zhang San 027-87654321", "2.60",
		  day, "1;5;9", "", "",
		  zh ? "示例行：导入前请替换为本单位的数据" : "Sample row: replace it with your own before importing");
}

static void template_experts(const struct exporter *x)
{
	const bool zh = x->request->chinese;
	const char *const *known = import_columns_of(IMPORT_EXPERTS)->known;
	size_t count = 0;

	while (known[count])
		count++;
	write_header(x, "experts", known, count);
	/* name fields affiliation region contact conflicts; fields are stage keys (forms/stages.ini) */
	WRITE_ROW(x, zh ? "张三" : "Zhang San", x->forms->stage_count ? x->forms->stages[0].key : "",
		  zh ? "示例大学" : "Example University", region_word(x, sample_region(x->forms)), "027-87654321",
		  "");
}

void export_template(const struct forms *forms, enum import_kind kind, struct date today, bool chinese,
		     const struct export_sink *sink)
{
	struct export_request request = { EXPORT_CASES, today, 0, chinese };
	struct exporter x = { NULL, forms, &request, sink };
	char year[12], day[DATE_TEXT_SIZE];

	snprintf(year, sizeof(year), "%d", today.year);
	date_format((struct date){ today.year, 3, 5 }, day);
	if (kind == IMPORT_CASES)
		template_cases(&x, year, day);
	else
		template_experts(&x);
}

static void csv_row(void *context, const char *const *cells, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		csv_write_field(context, cells[i]);
	csv_end_row(context);
}

enum status export_csv(struct store *store, const struct forms *forms, const struct export_request *request,
		       struct csv_writer *writer, struct error *err)
{
	struct export_sink sink = { csv_row, NULL, writer };

	return export_rows(store, forms, request, &sink, err);
}
