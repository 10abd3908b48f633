/* forms/holidays/YYYY.ini (the State Council's holiday calendar) and
 * forms/maturity.ini (the GB/T 39116 maturity bands). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/dates.h"
#include "forms_private.h"
#include "gradus/text/i18n.h"

#define BAND_COUNT 5

struct date_list {
	struct date *dates;
	size_t count, cap;
};

static enum status list_add(struct date_list *list, struct date d, struct error *err)
{
	struct date *bigger;

	if (list->count == list->cap) {
		bigger = realloc(list->dates, (list->cap ? list->cap * 2 : 32) * sizeof(*bigger));
		if (!bigger)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		list->dates = bigger;
		list->cap = list->cap ? list->cap * 2 : 32;
	}
	list->dates[list->count++] = d;
	return STATUS_OK;
}

static enum status parse_day(const struct ini_doc *doc, const struct ini_entry *entry, const char *text,
			     int year, struct date *out, struct error *err)
{
	struct error why = { "" };

	if (date_parse(text, out, &why))
		return forms_fail(err, doc->path, entry->line, _("%s: %s"), entry->key, why.message);
	if (out->year != year)
		return forms_fail(err, doc->path, entry->line,
				  _("%s: %s is not in %d; list it in holidays/%d.ini"), entry->key, text, year, out->year);
	return STATUS_OK;
}

/* "2026-02-15..2026-02-23" or one day. */
static enum status add_range(const struct ini_doc *doc, const struct ini_entry *entry, char *piece, int year,
			     struct date_list *list, struct error *err)
{
	char *dots = strstr(piece, "..");
	struct date first, last;
	enum status status;

	if (dots)
		*dots = '\0';
	status = parse_day(doc, entry, piece, year, &first, err);
	last = first;
	if (!status && dots)
		status = parse_day(doc, entry, dots + 2, year, &last, err);
	if (!status && date_compare(first, last) > 0)
		status = forms_fail(err, doc->path, entry->line, _("%s: range %s..%s ends before it starts"),
				    entry->key, piece, dots + 2);
	for (; !status && date_compare(first, last) <= 0; first = date_add_days(first, 1))
		status = list_add(list, first, err);
	return status;
}

static bool listed(const struct date_list *list, struct date d)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		if (!date_compare(list->dates[i], d))
			return true;
	}
	return false;
}

/* Make-up working days are weekend days that are not holidays. */
static enum status check_workdays(const struct ini_doc *doc, const struct ini_entry *entry,
				  const struct date_list *holidays, const struct date_list *workdays,
				  struct error *err)
{
	char text[DATE_TEXT_SIZE];
	size_t i;

	for (i = 0; i < workdays->count; i++) {
		date_format(workdays->dates[i], text);
		if (date_weekday(workdays->dates[i]) < 6)
			return forms_fail(err, doc->path, entry->line,
					  _("workdays: %s is a weekday; list only weekend days that are working days"),
					  text);
		if (listed(holidays, workdays->dates[i]))
			return forms_fail(err, doc->path, entry->line, _("workdays: %s is also a holiday"), text);
	}
	return STATUS_OK;
}

static enum status read_dates(const struct ini_doc *doc, const struct ini_section *section, const char *key,
			      int year, struct date_list *list, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);
	char **pieces = NULL;
	size_t count = 0, i;

	if (status || !entry->value[0])
		return status;
	status = ini_split(doc, entry, '|', &pieces, &count, err);
	for (i = 0; i < count && !status; i++) {
		if (strstr(pieces[i], "..") && !strcmp(key, "workdays"))
			status = forms_fail(err, doc->path, entry->line, _("workdays: list single days, not ranges"));
		else
			status = add_range(doc, entry, pieces[i], year, list, err);
	}
	forms_strings_free(pieces, count);
	return status;
}

static enum status add_year(struct forms *forms, int year, struct date_list *holidays,
			    struct date_list *workdays, struct error *err)
{
	struct holiday_year *years = (struct holiday_year *)forms->calendar.years;
	size_t n = forms->calendar.year_count;

	years = realloc(years, (n + 1) * sizeof(*years));
	if (!years)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	years[n].year = year;
	years[n].holidays = holidays->dates;
	years[n].holiday_count = holidays->count;
	years[n].workdays = workdays->dates;
	years[n].workday_count = workdays->count;
	holidays->dates = workdays->dates = NULL;
	forms->calendar.years = years;
	forms->calendar.year_count = n + 1;
	return STATUS_OK;
}

static enum status check_calendar_sections(const struct ini_doc *doc, struct error *err)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		if (strcmp(doc->sections[i].name, "calendar"))
			return forms_fail(err, doc->path, doc->sections[i].line,
					  _("unknown section [%s]; expected [calendar]"), doc->sections[i].name);
	}
	if (!doc->count)
		return forms_fail(err, doc->path, 0, _("no [calendar] section"));
	return STATUS_OK;
}

static enum status load_calendar(struct forms *forms, const struct forms_file *file, const struct ini_doc *doc,
				 struct error *err)
{
	static const char *const keys[] = { "year", "source", "holidays", "workdays", NULL };
	const struct ini_section *section = &doc->sections[0];
	struct date_list holidays = { NULL, 0, 0 }, workdays = { NULL, 0, 0 };
	char *source = NULL, name[32];
	enum status status;
	int year = 0;

	status = ini_check_keys(doc, section, keys, err);
	if (!status)
		status = ini_int(doc, section, "year", 1, 9999, &year, err);
	snprintf(name, sizeof(name), "holidays/%d.ini", year);
	if (!status && strcmp(name, file->rel))
		status = forms_fail(err, doc->path, ini_get(section, "year")->line,
				    _("year %d does not match the file name (expected %s)"), year, name);
	if (!status)
		status = ini_string(doc, section, "source", false, &source, err);
	if (!status)
		status = read_dates(doc, section, "holidays", year, &holidays, err);
	if (!status)
		status = read_dates(doc, section, "workdays", year, &workdays, err);
	if (!status)
		status = check_workdays(doc, ini_get(section, "workdays"), &holidays, &workdays, err);
	if (!status)
		status = add_year(forms, year, &holidays, &workdays, err);
	free(holidays.dates);
	free(workdays.dates);
	free(source);
	return status;
}

enum status forms_load_holidays(struct forms *forms, const struct forms_file *file, struct error *err)
{
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);

	if (status)
		return status;
	status = check_calendar_sections(&doc, err);
	if (!status)
		status = load_calendar(forms, file, &doc, err);
	ini_doc_free(&doc);
	return status;
}

static enum status read_score(const struct ini_doc *doc, const struct ini_section *section, const char *key,
			      int *centi, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);
	struct error why = { "" };

	if (status)
		return status;
	if (maturity_parse_score(entry->value, centi, &why))
		return forms_fail(err, doc->path, entry->line, _("%s: %s"), key, why.message);
	return STATUS_OK;
}

static enum status load_band(struct forms *forms, const struct ini_doc *doc, const struct ini_section *section,
			     int level, struct error *err)
{
	static const char *const keys[] = { "zh", "en", "min", "max", NULL };
	struct maturity_band *band = &forms->bands[level - 1];
	enum status status;

	band->level = level;
	status = ini_check_keys(doc, section, keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &forms->band_zh[level - 1], err);
	if (!status)
		status = ini_string(doc, section, "en", false, &forms->band_en[level - 1], err);
	if (!status)
		status = read_score(doc, section, "min", &band->min_centi, err);
	if (!status)
		status = read_score(doc, section, "max", &band->max_centi, err);
	if (!status && band->min_centi >= band->max_centi)
		status = forms_fail(err, doc->path, ini_get(section, "max")->line,
				    _("band %d: max must be above min"), level);
	return status;
}

static enum status check_bands(const struct forms *forms, const struct ini_doc *doc, struct error *err)
{
	const struct ini_section *section = NULL;
	char name[24];
	int i;

	for (i = 0; i < BAND_COUNT; i++) {
		snprintf(name, sizeof(name), "band.%d", i + 1);
		section = ini_section_find(doc, name);
		if (!section)
			return forms_fail(err, doc->path, 0, _("[band.%d] is missing"), i + 1);
		if (i > 0 && forms->bands[i].min_centi != forms->bands[i - 1].max_centi)
			return forms_fail(err, doc->path, ini_get(section, "min")->line,
					  _("band %d starts at %d.%02d but band %d ends at %d.%02d: bands must be contiguous"),
					  i + 1, forms->bands[i].min_centi / 100, forms->bands[i].min_centi % 100, i,
					  forms->bands[i - 1].max_centi / 100, forms->bands[i - 1].max_centi % 100);
	}
	if (forms->bands[BAND_COUNT - 1].max_centi != 500)
		return forms_fail(err, doc->path, ini_get(section, "max")->line, _("band %d must end at 5.00"),
				  BAND_COUNT);
	return STATUS_OK;
}

enum status forms_load_maturity(struct forms *forms, const struct forms_file *file, struct error *err)
{
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);
	size_t i;
	int level;

	if (status)
		return status;
	for (i = 0; i < doc.count && !status; i++) {
		level = forms_section_number(doc.sections[i].name, "band");
		if (level < 1 || level > BAND_COUNT)
			status = forms_fail(err, doc.path, doc.sections[i].line,
					    _("unknown section [%s]; expected [band.1] to [band.%d]"),
					    doc.sections[i].name, BAND_COUNT);
		else
			status = load_band(forms, &doc, &doc.sections[i], level, err);
	}
	if (!status)
		status = check_bands(forms, &doc, err);
	ini_doc_free(&doc);
	return status;
}

void forms_calendar_free(struct forms *forms)
{
	size_t i;

	for (i = 0; i < forms->calendar.year_count; i++) {
		free((struct date *)forms->calendar.years[i].holidays);
		free((struct date *)forms->calendar.years[i].workdays);
	}
	free((struct holiday_year *)forms->calendar.years);
	forms->calendar.years = NULL;
	forms->calendar.year_count = 0;
	for (i = 0; i < BAND_COUNT; i++) {
		free(forms->band_zh[i]);
		free(forms->band_en[i]);
		forms->band_zh[i] = forms->band_en[i] = NULL;
	}
}
