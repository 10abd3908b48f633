/* Importing enterprises with their cases, and experts, from CSV: all rows
 * in one transaction, through case_create and expert_add, or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/cases.h"
#include "gradus/exchange.h"
#include "gradus/i18n.h"
#include "gradus/maturity.h"
#include "gradus/panels.h"
#include "gradus/valid.h"

#define MAX_COLUMNS 24

enum case_column {
	C_ENTERPRISE, C_USCC, C_REGION, C_LEVEL, C_YEAR, C_FACTORY, C_ADDRESS, C_INDUSTRY, C_CONTACT, C_MATURITY,
	C_COMMITMENT_ON, C_SCENARIOS, C_CERTIFIED_ON, C_CULTIVATION_STARTS_ON, C_NOTE,
};
static const char *const case_known[] = {
	"enterprise", "uscc", "region", "level", "year", "factory", "address", "industry", "contact", "maturity",
	"commitment_on", "scenarios", "certified_on", "cultivation_starts_on", "note", NULL,
};
static const char *const case_required[] = { "enterprise", "uscc", "region", "level", "year", NULL };
static const char *const case_ignored[] = { "number", "state", "expires_on", "next_due", NULL };

enum expert_column { X_NAME, X_FIELDS, X_AFFILIATION, X_REGION, X_CONTACT, X_CONFLICTS };
static const char *const expert_known[] = { "name", "fields", "affiliation", "region", "contact", "conflicts", NULL };
static const char *const expert_required[] = { "name", "fields", "affiliation", NULL };
static const char *const expert_ignored[] = { "code", NULL };

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
	int slot[MAX_COLUMNS];      /* for each field of a row: its known column, or -1 */
	size_t field_count;
	const char *values[MAX_COLUMNS]; /* by known column; NULL: empty */
	long line;
	import_warning_fn warn;
	void *context;
};

static int index_of(const char *const *names, const char *name)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcasecmp(names[i], name))
			return i;
	return -1;
}

static void trim(char *text)
{
	size_t len = strlen(text), start = strspn(text, " \t");

	while (len > start && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	memmove(text, text + start, len - start);
	text[len - start] = '\0';
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
			missing++;
		}
	if (!used)
		return STATUS_OK;
	/* L10N: the file's name and line, then the names of the columns (kept in English), comma-separated */
	return error_set(err, STATUS_ERR_INVALID, ngettext("%s:%ld: the header lacks the column %s",
							   "%s:%ld: the header lacks the columns %s", missing),
			 im->name, im->line, names);
}

static enum status read_header(struct import *im, const struct csv_record *header, struct error *err)
{
	const struct import_columns *c = &columns[im->kind];
	bool seen[MAX_COLUMNS] = { false };
	size_t i;

	im->line = header->line;
	if (header->count > MAX_COLUMNS)
		return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: %zu columns; expected at most %d"), im->name, im->line,
				 header->count, MAX_COLUMNS);
	for (i = 0; i < header->count; i++) {
		int known;

		trim(header->fields[i]);
		known = index_of(c->known, header->fields[i]);
		if (known < 0 && index_of(c->ignored, header->fields[i]) < 0)
			return error_set(err, STATUS_ERR_INVALID,
					 _("%s:%ld: column %zu '%s': not a column of this import (see gradus(1), "
					   "IMPORT AND EXPORT)"), im->name, im->line, i + 1, header->fields[i]);
		if (known >= 0 && seen[known])
			return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column '%s' is named twice"), im->name,
					 im->line,
					 header->fields[i]);
		if (known >= 0)
			seen[known] = true;
		im->slot[i] = known;
	}
	im->field_count = header->count;
	return missing_columns(im, seen, err);
}

static enum status column_error(const struct import *im, const char *column, const char *message,
				struct error *err)
{
	return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column %s: %s"), im->name, im->line, column, message);
}

/* A cell is text: UTF-8 without control characters; line breaks only in a
 * note. */
static enum status check_cell(const struct import *im, const char *column, const char *text, struct error *err)
{
	struct error why = { "" };

	if (!text_check(column, text, !strcmp(column, "note"), &why))
		return STATUS_OK;
	/* L10N: the file's name and line, then "COLUMN: what was found where" */
	return error_set(err, STATUS_ERR_INVALID, _("%s:%ld: column %s"), im->name, im->line, why.message);
}

/* The row's cells by column; a required one must not be empty. */
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

/* "1;5;9" (or commas, or spaces between). */
static bool parse_scenarios(const char *text, int *out, size_t *count)
{
	const char *p = text;
	char *end;
	long n;

	*count = 0;
	while (*p) {
		p += strspn(p, " ;,");
		if (!*p)
			break;
		n = strtol(p, &end, 10);
		if (end == p || n < 1 || n > 40 || *count == 40 || (*end && !strchr(" ;,", *end)))
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
				    _("expected scenario numbers 1 to 40 separated by semicolons, e.g. 1;5;9"),
				    err);
	return STATUS_OK;
}

static enum status import_case_row(struct import *im, struct error *err)
{
	struct case_warnings warnings;
	struct new_case in;
	int scenarios[40];
	char id[33], number[32];
	enum status status = case_input(im, &in, scenarios, err);
	size_t i;

	if (status)
		return status;
	status = case_create(im->store, im->forms, &in, id, number, &warnings, err);
	if (status)
		return store_error(im, status, case_input_refused(im->forms, &in), err);
	for (i = 0; im->warn && i < warnings.count; i++)
		im->warn(im->context, im->line, warnings.text[i]);
	return STATUS_OK;
}

static enum status import_expert_row(struct import *im, struct error *err)
{
	const char *const *v = im->values;
	struct expert_input in = {
		.name = v[X_NAME], .fields = v[X_FIELDS], .affiliation = v[X_AFFILIATION], .region = v[X_REGION],
		.contact = v[X_CONTACT], .conflicts = v[X_CONFLICTS],
	};
	char code[16];
	enum status status = expert_add(im->store, im->forms, &in, code, err);

	return status ? store_error(im, status, expert_input_refused(im->forms, &in), err) : STATUS_OK;
}

static enum status import_rows(struct import *im, struct csv_reader *reader, size_t *rows, struct error *err)
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
		status = take_row(im, &record, err);
		if (!status)
			status = im->kind == IMPORT_CASES ? import_case_row(im, err) : import_expert_row(im, err);
		if (!status)
			++*rows;
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
		       const char *text, size_t len, bool dry_run, size_t *rows, import_warning_fn warn,
		       void *context, struct error *err)
{
	struct import im = {
		.store = store, .forms = forms, .kind = kind, .name = name, .warn = warn, .context = context,
	};
	struct csv_reader reader;
	enum status status;

	*rows = 0;
	csv_reader_init(&reader, text, len);
	status = store_begin(store, err);
	if (status)
		return status;
	status = import_rows(&im, &reader, rows, err);
	if (dry_run && !status) {
		store_rollback(store);
		return STATUS_OK;
	}
	if (status)
		*rows = 0;
	return store_finish(store, status, err);
}
