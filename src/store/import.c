/* Importing enterprises with their cases, and experts, from CSV: all rows
 * in one transaction, through case_create and expert_add, or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/core/dates.h"
#include "gradus/core/maturity.h"
#include "gradus/core/uscc.h"
#include "gradus/store/cases.h"
#include "gradus/store/exchange.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "gradus/text/valid.h"
#include "import_private.h"
#include "store_private.h"

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
	size_t place[MAX_COLUMNS];       /* by known column: its place in a row, from 0 */
	long line; /* the row being read, as a spreadsheet numbers it (the header is row 1) */
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

/* The header an office writes for a known column: the first of
 * forms/columns.ini, else the import's own name. */
static const char *office_header(const struct import *im, const char *field)
{
	size_t k;

	for (k = 0; im->forms && k < im->forms->column_count; k++)
		if (!strcmp(im->forms->columns[k].kind, kind_names[im->kind]) &&
		    !strcmp(im->forms->columns[k].field, field) && im->forms->columns[k].header_count)
			return im->forms->columns[k].headers[0];
	return field;
}

/* "企业名称 (enterprise), 统一社会信用代码 (uscc) …" for the names given. */
static void office_headers(const struct import *im, const char *const *names, const bool *only_unseen,
			   const struct import_columns *c, char *out, size_t size)
{
	size_t used = 0, i;

	out[0] = '\0';
	for (i = 0; names[i] && used < size; i++) {
		const char *alias = office_header(im, names[i]);

		if (only_unseen && only_unseen[index_of(c->known, names[i])])
			continue;
		used += (size_t)snprintf(out + used, size - used, strcmp(alias, names[i]) ? "%s%s (%s)" : "%s%s",
					 used ? ", " : "", alias, names[i]);
	}
}

/* A column's letter as a spreadsheet shows it: 0 is A, 26 is AA. */
static void column_letter(size_t index, char out[8])
{
	char reversed[8];
	size_t n = 0, i;

	do {
		reversed[n++] = (char)('A' + index % 26);
		index = index / 26;
	} while (index-- > 0 && n < 7);
	for (i = 0; i < n; i++)
		out[i] = reversed[n - 1 - i];
	out[n] = '\0';
}

/* A value for a message on one line: a control character as its picture
 * (U+2400 + its code: ␊ for a line feed, ␛ for an escape; ␡ for U+007F),
 * at most about 80 bytes (a character cut short is left out). */
static void shown_value(const char *value, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)(value ? value : "");
	size_t used = 0;

	for (; *p && used + 8 < size && used < 80; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			unsigned picture = 0x2400 + (*p == 0x7F ? 0x21 : *p);

			out[used++] = (char)(0xE0 | picture >> 12);
			out[used++] = (char)(0x80 | ((picture >> 6) & 0x3F));
			out[used++] = (char)(0x80 | (picture & 0x3F));
		} else {
			out[used++] = (char)*p;
		}
	}
	if ((*p & 0xC0) == 0x80) {
		while (used > 0 && ((unsigned char)out[used - 1] & 0xC0) == 0x80)
			used--;
		if (used > 0)
			used--;
	}
	out[used] = '\0';
	if (*p)
		snprintf(out + used, size - used, "...");
}

/* What a column's cells hold, with examples in the user's language. */
static const char *expected_of(const char *column)
{
	static const struct { const char *column, *expected; } table[] = {
		/* L10N: each "expected ..." names what a column of an imported sheet holds, with
		 * examples a user of your language would write (they must stay valid input) */
		{ "enterprise", N_("expected the enterprise's name, e.g. Wuhan Example Intelligent Equipment Co., Ltd.") },
		{ "uscc", N_("expected an 18-character unified social credit code such as 91420200MA0DX6QEY5 or "
			     "91421000MAGEEUF318 (gradus uscc CODE checks one)") },
		{ "region", N_("expected a region such as Wuhan, Enshi or 420100, as gradus forms list --regions shows them") },
		{ "level", N_("expected a level such as basic, advanced or excellent") },
		{ "year", N_("expected a year from 2000 to 2100 such as 2026 or 2025") },
		{ "maturity", N_("expected a score from 0 to 5 such as 3.25 or 4") },
		{ "commitment_on", N_("expected a date such as 2026-03-05 (YYYY-MM-DD) or 2026/3/5") },
		{ "certified_on", N_("expected a date such as 2026-03-05 (YYYY-MM-DD) or 2026/3/5") },
		{ "cultivation_starts_on", N_("expected a date such as 2026-03-05 (YYYY-MM-DD) or 2026/3/5") },
		{ "scenarios", N_("expected scenario numbers of the forms (gradus forms list) such as 1;5;9 or 3,12") },
		{ "name", N_("expected the expert's name, e.g. Zhang Wei") },
		{ "fields", N_("expected stages such as process, supply or service, separated by commas") },
		{ "affiliation", N_("expected the expert's affiliation, e.g. Huazhong University of Science and "
				    "Technology") },
	};
	size_t i;

	for (i = 0; column && i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].column, column))
			return _(table[i].expected);
	return _("expected one line of text without control characters");
}

/* why without the value it repeats at its start ("VALUE: why"). */
static const char *without_value(const char *why, const char *value)
{
	size_t n = value ? strlen(value) : 0;

	return n && !strncmp(why, value, n) && why[n] == ':' && why[n + 1] == ' ' ? why + n + 2 : why;
}

/* The refusal of one cell: "FILE: row N, column C (HEADER): 'VALUE': WHY;
 * EXPECTED (see gradus(1), section IMPORT AND EXPORT)"; field: the cell's
 * place in the row, from 0; why may be NULL. */
static enum status cell_refused(const struct import *im, size_t field, const char *header, const char *value,
				const char *why, const char *expected, struct error *err)
{
	char letter[8], shown[128], named[128], reason[768];

	column_letter(field, letter);
	shown_value(value, shown, sizeof(shown));
	shown_value(header, named, sizeof(named));
	if (why && *why)
		/* L10N: what is wrong with a value, then what was expected */
		snprintf(reason, sizeof(reason), _("%s; %s"), why, expected);
	else
		snprintf(reason, sizeof(reason), "%s", expected);
	/* L10N: the file, the row and column as a spreadsheet shows them (e.g. 5 and C), the column's
	 * header as the file writes it, the value, then what is wrong and what was expected; keep
	 * "gradus(1)" and the section's name IMPORT AND EXPORT as they are (the manual is in English) */
	return error_set(err, STATUS_ERR_INVALID,
			 _("%s: row %ld, column %s (%s): '%s': %s (see gradus(1), section IMPORT AND EXPORT)"),
			 im->name, im->line, letter, named, shown, reason);
}

/* A known column's cell refused, by the column's name. */
static enum status column_error(const struct import *im, const char *column, const char *why, struct error *err)
{
	int known = index_of(columns[im->kind].known, column);
	const char *value = known >= 0 ? im->values[known] : NULL;

	return cell_refused(im, known >= 0 ? im->place[known] : 0, header_of(im, column), value,
			    why ? without_value(why, value) : NULL, expected_of(column), err);
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
	char names[1024], expected[1200];

	office_headers(im, columns[im->kind].known, NULL, NULL, names, sizeof(names));
	/* L10N: the headers the import takes follow; keep --skip-unknown as it is */
	snprintf(expected, sizeof(expected), _("expected a header such as %s; --skip-unknown passes over such columns"),
		 names);
	/* L10N: an unknown column's header, shown as the value */
	return cell_refused(im, column - 1, header, header, _("not a column of this import"), expected, err);
}

static enum status missing_columns(const struct import *im, const bool *seen, struct error *err)
{
	const struct import_columns *c = &columns[im->kind];
	char names[512], all[512];
	size_t missing = 0, i;

	for (i = 0; c->required[i]; i++)
		if (!seen[index_of(c->known, c->required[i])])
			missing++;
	if (!missing)
		return STATUS_OK;
	office_headers(im, c->required, seen, c, names, sizeof(names));
	office_headers(im, c->required, NULL, c, all, sizeof(all));
	/* L10N: the file, the header's row, the headers missing (as an office writes them, the import's
	 * own name in brackets), then all the headers needed; keep the section's name as it is */
	return error_set(err, STATUS_ERR_INVALID,
			 ngettext("%s: row %ld: the header lacks the column %s; expected a header naming %s "
				  "(see gradus(1), section IMPORT AND EXPORT)",
				  "%s: row %ld: the header lacks the columns %s; expected a header naming %s "
				  "(see gradus(1), section IMPORT AND EXPORT)", missing),
			 im->name, im->line, names, all);
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

	im->line = header->row;
	if (header->count > MAX_COLUMNS)
		return cell_refused(im, MAX_COLUMNS, forms_trim(header->fields[MAX_COLUMNS]),
				    forms_trim(header->fields[MAX_COLUMNS]), _("too many columns"),
				    /* L10N: the most columns an import takes */
				    _("expected at most 64 columns"), err);
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
		if (seen[known]) {
			char letter[8], why[256];

			column_letter(im->place[known], letter);
			/* L10N: the column and header that name the same field first */
			snprintf(why, sizeof(why), _("names the same column as column %s (%s)"), letter,
				 im->headers[known]);
			return cell_refused(im, i, text, text, why, _("expected each column once"), err);
		}
		seen[known] = true;
		im->place[known] = i;
		if (!(im->headers[known] = strdup(text)))
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	}
	im->field_count = header->count;
	return missing_columns(im, seen, err);
}

/* A cell is text: UTF-8 without control characters; line breaks only in a
 * note. */
static enum status check_cell(const struct import *im, size_t field, const char *column, const char *text,
			      struct error *err)
{
	const char *header = header_of(im, column);
	struct error why = { "" };

	if (!text_check(header, text, !strcmp(column, "note"), &why))
		return STATUS_OK;
	return cell_refused(im, field, header, text, without_value(why.message, header), expected_of(column), err);
}

/* How many of a row's cells hold something besides spaces. */
static size_t cells_with_value(struct csv_record *row)
{
	size_t i, count = 0;

	for (i = 0; i < row->count; i++)
		count += *forms_trim(row->fields[i]) != '\0';
	return count;
}

/* The row's cells by column, trimmed; a required one must not be empty.
 * A row shorter than the header has empty cells at its end, as a
 * spreadsheet's; a cell beyond the header is a cell under no header. */
static enum status take_row(struct import *im, struct csv_record *row, struct error *err)
{
	const struct import_columns *c = &columns[im->kind];
	size_t i;

	im->line = row->row;
	memset(im->values, 0, sizeof(im->values));
	for (i = 0; i < row->count; i++) {
		int slot = i < im->field_count ? im->slot[i] : NO_HEADER;

		csv_restore_formula(row->fields[i]);
		forms_trim(row->fields[i]);
		if (slot == NO_HEADER && *row->fields[i])
			/* L10N: why a value is refused: its column's header cell is empty */
			return cell_refused(im, i, _("no header"), row->fields[i], _("a value under no header"),
					    /* L10N: the row of the sheet's header follows */
					    _("expected the cell empty, or a header above it"), err);
		if (slot >= 0 && check_cell(im, i, c->known[slot], row->fields[i], err))
			return STATUS_ERR_INVALID;
		if (slot >= 0 && *row->fields[i])
			im->values[slot] = row->fields[i];
	}
	for (i = 0; c->required[i]; i++)
		if (!im->values[index_of(c->known, c->required[i])])
			/* L10N: why a value is refused: the cell is empty */
			return column_error(im, c->required[i], _("empty"), err);
	return STATUS_OK;
}

/* A region or a level as the office writes it becomes its key; a date
 * as a spreadsheet writes it becomes YYYY-MM-DD. */
static enum status take_region(struct import *im, int column, struct error *err)
{
	const struct region *region;

	if (!im->values[column])
		return STATUS_OK;
	if ((region = forms_region_find(im->forms, im->values[column]))) {
		im->values[column] = region->key;
		return STATUS_OK;
	}
	/* L10N: why a region is refused */
	return column_error(im, columns[im->kind].known[column], _("not a region"), err);
}

static enum status take_level(struct import *im, int column, struct error *err)
{
	const struct level *level = forms_level_find(im->forms, im->values[column]);

	if (level) {
		im->values[column] = level->key;
		return STATUS_OK;
	}
	/* L10N: why a level is refused */
	return column_error(im, "level", _("not a level"), err);
}

static enum status take_date(struct import *im, int column, struct error *err)
{
	const char *value = im->values[column];
	char shape[512], suffix[128];
	struct error why = { "" };
	const char *reason;
	size_t len, cut;
	struct date d;

	if (!value)
		return STATUS_OK;
	if (date_parse_office(value, &d, &why)) {
		/* date_parse_office's own words, less what the column's examples say again */
		snprintf(shape, sizeof(shape), _("%s: expected YYYY-MM-DD, e.g. 2026-03-05, or 2026/3/5, 2026.3.5, "
						 "2026年3月5日"), value);
		snprintf(suffix, sizeof(suffix), _("%s; expected YYYY-MM-DD"), "");
		reason = !strcmp(why.message, shape) ? _("not a date") : why.message;
		len = strlen(why.message);
		cut = strlen(suffix);
		if (reason == why.message && len > cut && !strcmp(why.message + len - cut, suffix))
			why.message[len - cut] = '\0';
		return column_error(im, columns[im->kind].known[column], reason, err);
	}
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
	const char *name;

	snprintf(message, sizeof(message), "%s", err->message);
	if (column && im->kind == IMPORT_CASES && !strcmp(column, "credit_code"))
		column = "uscc";
	if (column && index_of(columns[im->kind].known, column) >= 0) {
		/* the store's message begins with the field's name ("credit code: ...") */
		name = strchr(message, ':');
		column_error(im, column, name && name[1] == ' ' && (size_t)(name - message) < 40 ? name + 2 : message,
			     err);
		return status;
	}
	/* L10N: the file, the row as a spreadsheet numbers it, then why the row was refused */
	error_set(err, status, _("%s: row %ld: %s"), im->name, im->line, message);
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

/* "1;5;9", "1,5,9", "1、5、9" or "1；5；9" (spaces between taken too),
 * up to known numbers into out (room for known). *unknown: a number that
 * is no scenario of the forms (1..known), else 0. */
static bool parse_scenarios(const char *text, size_t known, int *out, size_t *count, long *unknown)
{
	const char *p = text;
	size_t skip;
	char *end;
	long n;

	*count = 0;
	*unknown = 0;
	while (*p) {
		while ((skip = scenario_separator(p)))
			p += skip;
		if (!*p)
			break;
		n = strtol(p, &end, 10);
		if (end == p || *count == known || (*end && !scenario_separator(end)))
			return false;
		if (n < 1 || (unsigned long)n > known) {
			*unknown = n;
			return false;
		}
		out[(*count)++] = (int)n;
		p = end;
	}
	return true;
}

static enum status case_input(const struct import *im, struct new_case *in, int *scenarios, struct error *err)
{
	const char *const *v = im->values;
	struct error why = { "" };
	long unknown;
	char extra;

	memset(in, 0, sizeof(*in));
	*in = (struct new_case){
		.enterprise_name = v[C_ENTERPRISE], .credit_code = v[C_USCC], .region = v[C_REGION],
		.industry = v[C_INDUSTRY], .contact = v[C_CONTACT], .factory_name = v[C_FACTORY],
		.address = v[C_ADDRESS], .level = v[C_LEVEL], .maturity_centi = -1,
		.commitment_on = v[C_COMMITMENT_ON], .scenarios = scenarios, .note = v[C_NOTE],
		.certified_on = v[C_CERTIFIED_ON], .cultivation_starts_on = v[C_CULTIVATION_STARTS_ON],
	};
	if (uscc_check(v[C_USCC], NULL, &why))
		return column_error(im, "uscc", why.message, err);
	if (sscanf(v[C_YEAR], "%d%c", &in->year, &extra) != 1 || in->year < 2000 || in->year > 2100)
		/* L10N: why a year is refused */
		return column_error(im, "year", _("not a year from 2000 to 2100"), err);
	if (v[C_MATURITY] && maturity_parse_score(v[C_MATURITY], &in->maturity_centi, &why))
		return column_error(im, "maturity", why.message, err);
	if (v[C_SCENARIOS] &&
	    !parse_scenarios(v[C_SCENARIOS], forms_scenario_count(im->forms), scenarios, &in->scenario_count, &unknown)) {
		if (unknown) {
			/* L10N: why a list of scenario numbers is refused: %ld is not one of the
			 * forms' scenarios, %zu their number (the 2025 guide has forty) */
			snprintf(why.message, sizeof(why.message), _("scenario %ld is not one of the %zu of the forms"),
				 unknown, forms_scenario_count(im->forms));
			return column_error(im, "scenarios", why.message, err);
		}
		/* L10N: why a list of scenario numbers is refused */
		return column_error(im, "scenarios", _("not scenario numbers"), err);
	}
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
	int *scenarios = calloc(forms_scenario_count(im->forms) + 1, sizeof(*scenarios));
	char id[33], number[32];
	enum status status = scenarios ? case_input(im, &in, scenarios, err)
				       : error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	bool matched = false;
	size_t i;

	if (!status)
		status = import_match_case(im->store, im->forms, &row, &in, im->summary, &matched, err);
	if (status) {
		if (status == STATUS_ERR_INVALID || status == STATUS_ERR_DENIED)
			status = store_error(im, status, NULL, err);
		goto cleanup;
	}
	if (matched)
		goto cleanup;
	status = case_create(im->store, im->forms, &in, id, number, &warnings, err);
	if (status) {
		status = store_error(im, status, case_input_refused(im->forms, &in), err);
		goto cleanup;
	}
	im->summary->created++;
	for (i = 0; im->options->warn && i < warnings.count; i++)
		im->options->warn(im->options->context, im->line, warnings.text[i]);
cleanup:
	free(scenarios);
	return status;
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

	/* Rows above the header, as a sheet saved as CSV keeps them: blank
	 * ones, and a title (one value, e.g. 2026年智能工厂申报汇总表), are
	 * passed over; no header has fewer than the required columns. */
	do
		status = csv_read(reader, &record, &done, err);
	while (!status && !done && cells_with_value(&record) <= 1);
	if (!status && done)
		status = error_set(err, STATUS_ERR_INVALID, _("%s: empty; expected a header naming the columns"), im->name);
	if (!status)
		status = read_header(im, &record, err);
	while (!status && !(status = csv_read(reader, &record, &done, err)) && !done) {
		if (!cells_with_value(&record)) /* the ",,,," a spreadsheet leaves below its data */
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
	status = store_cache_for(store, len, err);
	if (!status)
		status = store_begin_whole(store, err);
	if (status)
		return status;
	status = import_audit_seq(store, &im.batch_first, err);
	if (!status)
		status = import_rows(&im, &reader, err);
	for (i = 0; i < MAX_COLUMNS; i++)
		free(im.headers[i]);
	if (options->dry_run && !status) {
		store_rollback(store);
		return store_cache_for(store, 0, err);
	}
	if (!status)
		status = import_batch_record(store, kind, name, im.batch_first, summary, err);
	if (status)
		import_summary_clear(summary);
	status = store_finish(store, status, err);
	if (!status)
		status = store_cache_for(store, 0, err);
	return status;
}
