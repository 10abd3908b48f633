/* Importing enterprises with their cases, and experts, from CSV: all rows
 * in one transaction, through case_create and expert_add, or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/cases.h"
#include "gradus/dates.h"
#include "gradus/exchange.h"
#include "gradus/i18n.h"
#include "gradus/maturity.h"
#include "gradus/panels.h"
#include "gradus/valid.h"
#include "import_private.h"

#define MAX_COLUMNS 64
#define NO_HEADER (-2) /* a column whose header cell is empty */

static const char *const case_known[] = {
	"enterprise", "uscc", "region", "level", "year", "factory", "address", "industry", "contact", "maturity",
	"commitment_on", "scenarios", "certified_on", "cultivation_starts_on", "note", NULL,
};
static const char *const case_required[] = { "enterprise", "uscc", "region", "level", "year", NULL };
static const char *const case_ignored[] = { "number", "state", "expires_on", "next_due", NULL };

static const char *const expert_known[] = { "name", "fields", "affiliation", "region", "contact", "conflicts", NULL };
static const char *const expert_required[] = { "name", "fields", "affiliation", NULL };
static const char *const expert_ignored[] = { "code", NULL };

static const char *const kind_names[] = { [IMPORT_CASES] = "cases", [IMPORT_EXPERTS] = "experts" };

static const struct import_columns columns[] = {
	[IMPORT_CASES] = { case_known, case_required, case_ignored },
	[IMPORT_EXPERTS] = { expert_known, expert_required, expert_ignored },
};

const struct import_columns *import_columns_of(enum import_kind kind)
{
	return &columns[kind];
}

/* One import in progress: the header's columns and the row being read. */
struct import {
	struct store *store;
	const struct forms *forms;
	enum import_kind kind;
	const char *name;
	int slot[MAX_COLUMNS];      /* for each field of a row: its known column, -1 or NO_HEADER */
	size_t field_count;
	const char *values[MAX_COLUMNS]; /* by known column; NULL: empty */
	char *headers[MAX_COLUMNS];      /* by known column: its header as the file writes it */
	char dates[MAX_COLUMNS][DATE_TEXT_SIZE]; /* by known column: a date cell as YYYY-MM-DD */
	long line;
	const struct import_options *options;
	struct import_summary *summary;
	long long batch_first; /* the audit's last row before the import */
};

static int index_of(const char *const *names, const char *name)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcasecmp(names[i], name))
			return i;
	return -1;
}

/* The header of a known column as the file writes it, for messages. */
static const char *header_of(const struct import *im, const char *column)
{
	int known = index_of(columns[im->kind].known, column);

	return known >= 0 && im->headers[known] ? im->headers[known] : column;
}

/* "enterprise (企业名称), uscc (统一社会信用代码) …": the first header
 * forms/columns.ini gives each known column. */
static void known_headers(const struct import *im, char *out, size_t size)
{
	const char *const *known = columns[im->kind].known;
	size_t used = 0, i, k;

	out[0] = '\0';
	for (i = 0; known[i] && used < size; i++) {
		const char *alias = NULL;

		for (k = 0; !alias && im->forms && k < im->forms->column_count; k++)
			if (!strcmp(im->forms->columns[k].kind, kind_names[im->kind]) &&
			    !strcmp(im->forms->columns[k].field, known[i]) && im->forms->columns[k].header_count)
				alias = im->forms->columns[k].headers[0];
		used += (size_t)snprintf(out + used, size - used, alias ? "%s%s (%s)" : "%s%s", i ? ", " : "",
					 known[i], alias);
	}
}

/* A header's known column, by the import's own name or forms/columns.ini. */
static int known_column(const struct import *im, const char *header)
{
	const char *field;
	int known = index_of(columns[im->kind].known, header);

	if (known < 0 && (field = forms_column_field(im->forms, kind_names[im->kind], header)))
		known = index_of(columns[im->kind].known, field);
	return known;
}

static enum status unknown_column(const struct import *im, size_t column, const char *header, struct error *err)
{
	char names[640];

	known_headers(im, names, sizeof(names));
	/* L10N: the file, its line, the column's number and header as written, then the headers the
	 * import takes; keep --skip-unknown and the section's name as they are */
	return error_set(err, STATUS_ERR_INVALID,
			 _("%s:%ld: column %zu '%s' is not a column of this import; it takes %s; --skip-unknown "
			   "passes over such columns (see gradus(1), IMPORT AND EXPORT)"),
			 im->name, im->line, column, header, names);
}

static enum status missing_columns(const struct import *im, const bool *seen, struct error *err)
{
	const struct import_columns *c = &columns[im->kind];
	char names[256] = "";
	size_t used = 0, missing = 0, i;

	for (i = 0; c->required[i]; i++)
		if (!seen[index_of(c->known, c->required[i])] && used < sizeof(names)) {
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "",
						 c->required[i]);
	/* L10N: after the missing columns; keep the section's name as it is */
	if (used)
		snprintf(names + used, sizeof(names) - used, "%s", _(" (see gradus(1), IMPORT AND EXPORT)"));
			missing++;
		}
	if (!used)
		return STATUS_OK;
	/* L10N: the file's name and line, then the names of the columns (kept in English), comma-separated */
	return error_set(err, STATUS_ERR_INVALID, ngettext("%s:%ld: the header lacks the column %s",
							   "%s:%ld: the header lacks the columns %s", missing),
			 im->name, im->line, names);
}

/* A column of an export the import passes over (number, state ...), by
 * its name or its header in forms/columns.ini (状态), or a row number
 * column ([skip], 序号). */
static bool is_ignored(const struct import *im, const char *header)
{
	const char *const *ignored = columns[im->kind].ignored;
	const char *field = forms_column_field(im->forms, kind_names[im->kind], header);

	return index_of(ignored, header) >= 0 || (field && index_of(ignored, field) >= 0) ||
	       forms_column_skipped(im->forms, header);
}

static enum status read_header(struct import *im, const struct csv_record *header, struct error *err)
{
	bool seen[MAX_COLUMNS] = { false };
	size_t i;

	im->line = header->line;
	if (header->count > MAX_COLUMNS)
		return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: %zu columns; expected at most %d"), im->name, im->line,
				 header->count, MAX_COLUMNS);
	for (i = 0; i < header->count; i++) {
		const char *text = forms_trim(header->fields[i]);
		int known = known_column(im, text);

		im->slot[i] = known;
		if (!*text) { /* the empty columns a spreadsheet leaves right of its data */
			im->slot[i] = NO_HEADER;
			continue;
		}
		if (known < 0 && is_ignored(im, text))
			continue;
		if (known < 0 && !im->options->skip_unknown)
			return unknown_column(im, i + 1, text, err);
		if (known < 0) {
			if (im->options->skipped)
				im->options->skipped(im->options->context, text);
			continue;
		}
		if (seen[known])
			return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column '%s' is named twice"), im->name,
					 im->line, text);
		seen[known] = true;
		if (!(im->headers[known] = strdup(text)))
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	im->field_count = header->count;
	return missing_columns(im, seen, err);
}

static enum status column_error(const struct import *im, const char *column, const char *message,
				struct error *err)
{
	return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column %s: %s"), im->name, im->line, header_of(im, column),
			 message);
}

/* A cell is text: UTF-8 without control characters; line breaks only in a
 * note. */
static enum status check_cell(const struct import *im, const char *column, const char *text, struct error *err)
{
	struct error why = { "" };

	if (!text_check(header_of(im, column), text, !strcmp(column, "note"), &why))
		return STATUS_OK;
	/* L10N: the file's name and line, then "COLUMN: what was found where" */
	return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column %s"), im->name, im->line, why.message);
}

/* A row whose every cell is empty or blank, such as the ",,,," a
 * spreadsheet leaves below its data. */
static bool is_blank_row(struct csv_record *row)
{
	size_t i;

	for (i = 0; i < row->count; i++)
		if (*forms_trim(row->fields[i]))
			return false;
	return true;
}

/* The row's cells by column, trimmed; a required one must not be empty. */
static enum status take_row(struct import *im, struct csv_record *row, struct error *err)
{
	const struct import_columns *c = &columns[im->kind];
	size_t i;

	im->line = row->line;
	if (row->count != im->field_count)
		return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: %zu fields; expected %zu as the header names"),
				 im->name, im->line, row->count, im->field_count);
	memset(im->values, 0, sizeof(im->values));
	for (i = 0; i < row->count; i++) {
		csv_restore_formula(row->fields[i]);
		forms_trim(row->fields[i]);
		if (im->slot[i] == NO_HEADER && *row->fields[i])
			/* L10N: the file, its line, the column's number, then the value found under no header */
			return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column %zu has no header but holds '%s'"),
					 im->name, im->line, i + 1, row->fields[i]);
		if (im->slot[i] >= 0 && check_cell(im, c->known[im->slot[i]], row->fields[i], err))
			return STATUS_ERR_INVALID;
		if (im->slot[i] >= 0 && *row->fields[i])
			im->values[im->slot[i]] = row->fields[i];
	}
	for (i = 0; c->required[i]; i++)
		if (!im->values[index_of(c->known, c->required[i])])
			return column_error(im, c->required[i], _("expected a value"), err);
	return STATUS_OK;
}

/* A region or a level as the office writes it becomes its key; a date
 * as a spreadsheet writes it becomes YYYY-MM-DD. */
static enum status take_region(struct import *im, int column, struct error *err)
{
	const struct region *region;
	char message[512];

	if (!im->values[column])
		return STATUS_OK;
	if ((region = forms_region_find(im->forms, im->values[column]))) {
		im->values[column] = region->key;
		return STATUS_OK;
	}
	/* L10N: a region as written in a file; keep the examples and the section's name as they are */
	snprintf(message, sizeof(message), _("'%s': expected a region such as 武汉市, 武汉, 420100 or Wuhan "
					      "(gradus forms list --regions; see gradus(1), IMPORT AND EXPORT)"),
		 im->values[column]);
	return column_error(im, columns[im->kind].known[column], message, err);
}

static enum status take_level(struct import *im, int column, struct error *err)
{
	const struct level *level = forms_level_find(im->forms, im->values[column]);
	char message[512];

	if (level) {
		im->values[column] = level->key;
		return STATUS_OK;
	}
	/* L10N: a level as written in a file; keep the examples and the section's name as they are */
	snprintf(message, sizeof(message), _("'%s': expected a level such as 基础级, 卓越级 or advanced "
					      "(see gradus(1), IMPORT AND EXPORT)"), im->values[column]);
	return column_error(im, "level", message, err);
}

static enum status take_date(struct import *im, int column, struct error *err)
{
	struct error why = { "" };
	struct date d;

	if (!im->values[column])
		return STATUS_OK;
	if (date_parse_office(im->values[column], &d, &why))
		return column_error(im, columns[im->kind].known[column], why.message, err);
	date_format(d, im->dates[column]);
	im->values[column] = im->dates[column];
	return STATUS_OK;
}

static enum status take_values(struct import *im, struct error *err)
{
	enum status status;

	if (im->kind == IMPORT_EXPERTS)
		return take_region(im, X_REGION, err);
	status = take_region(im, C_REGION, err);
	if (!status)
		status = take_level(im, C_LEVEL, err);
	if (!status)
		status = take_date(im, C_COMMITMENT_ON, err);
	if (!status)
		status = take_date(im, C_CERTIFIED_ON, err);
	if (!status)
		status = take_date(im, C_CULTIVATION_STARTS_ON, err);
	return status;
}

/* A store error named by its column when it refused one (about: the
 * field's key, or NULL). */
static enum status store_error(const struct import *im, enum status status, const char *about,
			       struct error *err)
{
	char message[sizeof(err->message)];
	const char *column = status == STATUS_ERR_INVALID ? about : NULL;

	snprintf(message, sizeof(message), "%s", err->message);
	if (column && im->kind == IMPORT_CASES && !strcmp(column, "credit_code"))
		column = "uscc";
	if (column && index_of(columns[im->kind].known, column) >= 0) {
		column_error(im, column, message, err);
		return status;
	}
	error_set(err, status, _("%s:%ld: %s"), im->name, im->line, message);
	return status;
}

/* The length of a separator of scenario numbers at text: ; , space, 、
 * or full-width ； ， and space; 0 when none. */
static size_t scenario_separator(const char *text)
{
	static const char *const wide[] = { "\xe3\x80\x81", "\xef\xbc\x9b", "\xef\xbc\x8c", "\xe3\x80\x80", NULL };
	size_t i;

	if (*text && strchr(" ;,", *text))
		return 1;
	for (i = 0; wide[i]; i++)
		if (!strncmp(text, wide[i], 3))
			return 3;
	return 0;
}

/* "1;5;9", "1,5,9", "1、5、9" or "1；5；9" (spaces between taken too). */
static bool parse_scenarios(const char *text, int *out, size_t *count)
{
	const char *p = text;
	size_t skip;
	char *end;
	long n;

	*count = 0;
	while (*p) {
		while ((skip = scenario_separator(p)))
			p += skip;
		if (!*p)
			break;
		n = strtol(p, &end, 10);
		if (end == p || n < 1 || n > 40 || *count == 40 || (*end && !scenario_separator(end)))
			return false;
		out[(*count)++] = (int)n;
		p = end;
	}
	return true;
}

static enum status case_input(const struct import *im, struct new_case *in, int *scenarios, struct error *err)
{
	const char *const *v = im->values;
	struct error why = { "" };
	char extra;

	memset(in, 0, sizeof(*in));
	*in = (struct new_case){
		.enterprise_name = v[C_ENTERPRISE], .credit_code = v[C_USCC], .region = v[C_REGION],
		.industry = v[C_INDUSTRY], .contact = v[C_CONTACT], .factory_name = v[C_FACTORY],
		.address = v[C_ADDRESS], .level = v[C_LEVEL], .maturity_centi = -1,
		.commitment_on = v[C_COMMITMENT_ON], .scenarios = scenarios, .note = v[C_NOTE],
		.certified_on = v[C_CERTIFIED_ON], .cultivation_starts_on = v[C_CULTIVATION_STARTS_ON],
	};
	if (sscanf(v[C_YEAR], "%d%c", &in->year, &extra) != 1)
		return column_error(im, "year", _("expected a year such as 2026"), err);
	if (v[C_MATURITY] && maturity_parse_score(v[C_MATURITY], &in->maturity_centi, &why))
		return column_error(im, "maturity", why.message, err);
	if (v[C_SCENARIOS] && !parse_scenarios(v[C_SCENARIOS], scenarios, &in->scenario_count))
		return column_error(im, "scenarios",
				    _("expected scenario numbers 1 to 40 separated by semicolons, e.g. 1;5;9 or 1、5、9"),
				    err);
	return STATUS_OK;
}

/* The row's place and the file's headers, for matching it. */
static struct import_row row_of(const struct import *im)
{
	return (struct import_row){ im->line, (const char *const *)im->headers, im->batch_first };
}

static enum status import_case_row(struct import *im, struct error *err)
{
	struct case_warnings warnings;
	struct import_row row = row_of(im);
	struct new_case in;
	int scenarios[40];
	char id[33], number[32];
	enum status status = case_input(im, &in, scenarios, err);
	bool matched = false;
	size_t i;

	if (!status)
		status = import_match_case(im->store, im->forms, &row, &in, im->summary, &matched, err);
	if (status)
		return status == STATUS_ERR_INVALID || status == STATUS_ERR_DENIED ? store_error(im, status, NULL, err)
										: status;
	if (matched)
		return STATUS_OK;
	status = case_create(im->store, im->forms, &in, id, number, &warnings, err);
	if (status)
		return store_error(im, status, case_input_refused(im->forms, &in), err);
	im->summary->created++;
	for (i = 0; im->options->warn && i < warnings.count; i++)
		im->options->warn(im->options->context, im->line, warnings.text[i]);
	return STATUS_OK;
}

static enum status import_expert_row(struct import *im, struct error *err)
{
	const char *const *v = im->values;
	struct expert_input in = {
		.name = v[X_NAME], .fields = v[X_FIELDS], .affiliation = v[X_AFFILIATION], .region = v[X_REGION],
		.contact = v[X_CONTACT], .conflicts = v[X_CONFLICTS],
	};
	struct import_row row = row_of(im);
	char code[16];
	bool matched = false;
	enum status status = import_match_expert(im->store, im->forms, &row, &in, im->summary, &matched, err);

	if (status)
		return status == STATUS_ERR_INVALID || status == STATUS_ERR_DENIED ? store_error(im, status, NULL, err)
										: status;
	if (matched)
		return STATUS_OK;
	status = expert_add(im->store, im->forms, &in, code, err);
	if (status)
		return store_error(im, status, expert_input_refused(im->forms, &in), err);
	im->summary->created++;
	return STATUS_OK;
}

static enum status import_rows(struct import *im, struct csv_reader *reader, struct error *err)
{
	struct csv_record record = { 0 };
	enum status status;
	bool done;

	status = csv_read(reader, &record, &done, err);
	if (!status && done)
		status = error_set(err, STATUS_ERR_INVALID, _("%s: empty; expected a header naming the columns"), im->name);
	if (!status)
		status = read_header(im, &record, err);
	while (!status && !(status = csv_read(reader, &record, &done, err)) && !done) {
		if (is_blank_row(&record))
			continue;
		status = take_row(im, &record, err);
		if (!status)
			status = take_values(im, err);
		if (!status)
			status = im->kind == IMPORT_CASES ? import_case_row(im, err) : import_expert_row(im, err);
	}
	if (status == STATUS_ERR_PARSE) {
		char message[sizeof(err->message)];

		snprintf(message, sizeof(message), "%s", err->message);
		error_set(err, status, "%s:%s", im->name, message);
	}
	csv_record_clear(&record);
	return status;
}

enum status import_csv(struct store *store, const struct forms *forms, enum import_kind kind, const char *name,
		       const char *text, size_t len, const struct import_options *options,
		       struct import_summary *summary, struct error *err)
{
	struct import im = { .store = store, .forms = forms, .kind = kind, .name = name, .options = options,
			     .summary = summary };
	struct csv_reader reader;
	enum status status;
	size_t i;

	memset(summary, 0, sizeof(*summary));
	csv_reader_init(&reader, text, len);
	status = store_begin(store, err);
	if (status)
		return status;
	status = import_audit_seq(store, &im.batch_first, err);
	if (!status)
		status = import_rows(&im, &reader, err);
	for (i = 0; i < MAX_COLUMNS; i++)
		free(im.headers[i]);
	if (options->dry_run && !status) {
		store_rollback(store);
		return STATUS_OK;
	}
	if (!status)
		status = import_batch_record(store, kind, name, im.batch_first, summary, err);
	if (status)
		import_summary_clear(summary);
	return store_finish(store, status, err);
}
