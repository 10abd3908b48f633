/* forms/scenarios/NN-slug.ini: one typical scenario of the 2025 guide and
 * the checklist an inspector walks on site. */
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "forms_private.h"
#include "gradus/text/i18n.h"

/* In the order of enum item_kind. */
static const char *const kinds[] = { "check", "number", "measure", "choice", "text", NULL };

static const char *const scenario_keys[] = {
	"id", "stage", "title_zh", "title_en", "version", "text", "activities", "problems", "technologies", NULL,
};

static const char *const item_keys[] = {
	"text", "text_en", "kind", "required", "evidence", "evidence_required", "weight", "unit", "better", "choices",
	"values", NULL,
};

static void item_free(struct checklist_item *item)
{
	free(item->text);
	free(item->text_en);
	free(item->unit);
	forms_strings_free(item->choices, item->choice_count);
	free(item->choice_values);
	free(item->evidence);
}

void forms_scenario_free(struct scenario *scenario)
{
	size_t i;

	for (i = 0; i < scenario->item_count; i++)
		item_free(&scenario->items[i]);
	free(scenario->items);
	free(scenario->title_zh);
	free(scenario->title_en);
	free(scenario->text);
	free(scenario->activities);
	free(scenario->problems);
	free(scenario->technologies);
	free(scenario->file);
}

static enum status check_unused(const struct ini_doc *doc, const struct ini_section *section, const char *key,
				const char *kinds_that_use_it, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, key);

	if (!entry)
		return STATUS_OK;
	return forms_fail(err, doc->path, entry->line, _("'%s' applies only to kind %s"), key, kinds_that_use_it);
}

static enum status load_choices(const struct ini_doc *doc, const struct ini_section *section, int number,
				struct checklist_item *item, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, "choices");
	enum status status;

	if (!entry)
		return forms_fail(err, doc->path, section->line,
				  _("item %d of kind choice needs 'choices = A|B|...'"), number);
	status = ini_split(doc, entry, '|', &item->choices, &item->choice_count, err);
	if (!status && item->choice_count < 2)
		status = forms_fail(err, doc->path, entry->line,
				    _("item %d needs at least 2 choices, separated by '|'"), number);
	return status;
}

/* The index of the choice named by text[0..length), or -1. */
static int choice_index(const struct checklist_item *item, const char *text, size_t length)
{
	size_t i;

	for (i = 0; i < item->choice_count; i++)
		if (strlen(item->choices[i]) == length && !strncmp(item->choices[i], text, length))
			return (int)i;
	return -1;
}

/* One "CHOICE=VALUE" of values: a choice not yet valued, a value 0..1. */
static enum status load_value(const struct ini_doc *doc, const struct ini_entry *entry, int number,
			      struct checklist_item *item, const char *piece, bool *seen, struct error *err)
{
	const char *equals = strrchr(piece, '=');
	size_t length = equals ? (size_t)(equals - piece) : 0;
	char *end = NULL;
	double value = equals ? strtod(equals + 1, &end) : 0;
	int index;

	while (length && (piece[length - 1] == ' ' || piece[length - 1] == '\t'))
		length--;
	index = equals ? choice_index(item, piece, length) : -1;

	if (!equals)
		/* L10N: values of a choice item; keep "values" and the example */
		return forms_fail(err, doc->path, entry->line, _("item %d: '%s' in values: expected CHOICE=VALUE, "
				  "e.g. 部分应用=0.5"), number, piece);
	if (index < 0)
		return forms_fail(err, doc->path, entry->line, _("item %d: '%.*s' in values is not one of its choices"),
				  number, (int)length, piece);
	if (end == equals + 1 || *end || !(value >= 0.0 && value <= 1.0))
		return forms_fail(err, doc->path, entry->line, _("item %d: the value of '%s' must be a number from 0 "
				  "to 1"), number, item->choices[index]);
	if (seen[index])
		return forms_fail(err, doc->path, entry->line, _("item %d: '%s' is valued twice"), number,
				  item->choices[index]);
	seen[index] = true;
	item->choice_values[index] = value;
	return STATUS_OK;
}

/* values = CHOICE=VALUE|...: what each choice scores, every choice once
 * (optional: a choice item without them is not scored). */
static enum status load_values(const struct ini_doc *doc, const struct ini_section *section, int number,
			       struct checklist_item *item, struct error *err)
{
	const struct ini_entry *entry = ini_get(section, "values");
	char **pieces = NULL;
	size_t count = 0, i;
	bool *seen;
	enum status status;

	if (!entry)
		return STATUS_OK;
	item->choice_values = calloc(item->choice_count, sizeof(*item->choice_values));
	seen = calloc(item->choice_count, sizeof(*seen));
	status = item->choice_values && seen ? ini_split(doc, entry, '|', &pieces, &count, err)
					     : error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; !status && i < count; i++)
		status = load_value(doc, entry, number, item, pieces[i], seen, err);
	for (i = 0; !status && i < item->choice_count; i++)
		if (!seen[i])
			status = forms_fail(err, doc->path, entry->line, _("item %d: values gives no value for '%s'"),
					    number, item->choices[i]);
	forms_strings_free(pieces, count);
	free(seen);
	return status;
}

/* unit, better, choices and values belong to some kinds only. */
static enum status load_answer(const struct ini_doc *doc, const struct ini_section *section, int number,
			       struct checklist_item *item, struct error *err)
{
	static const char *const betters[] = { "lower", "higher", NULL };
	bool wants_unit = item->kind == ITEM_NUMBER || item->kind == ITEM_MEASURE;
	enum status status = STATUS_OK;
	int better = 0;

	if (!wants_unit)
		status = check_unused(doc, section, "unit", "number or measure", err);
	if (!status && item->kind != ITEM_MEASURE)
		status = check_unused(doc, section, "better", "measure", err);
	if (!status && item->kind != ITEM_CHOICE)
		status = check_unused(doc, section, "choices", "choice", err);
	if (!status && item->kind != ITEM_CHOICE)
		status = check_unused(doc, section, "values", "choice", err);
	if (!status && wants_unit && !ini_get(section, "unit"))
		status = forms_fail(err, doc->path, section->line, _("item %d of kind %s needs 'unit'"),
				    number, kinds[item->kind]);
	if (!status && wants_unit)
		status = ini_string(doc, section, "unit", false, &item->unit, err);
	if (!status && item->kind == ITEM_MEASURE && !ini_get(section, "better"))
		status = forms_fail(err, doc->path, section->line,
				    _("item %d of kind measure needs 'better = lower' or 'better = higher'"), number);
	if (!status && item->kind == ITEM_MEASURE)
		status = ini_word(doc, section, "better", betters, &better, err);
	item->lower_is_better = better == 0;
	if (!status && item->kind == ITEM_CHOICE)
		status = load_choices(doc, section, number, item, err);
	if (!status && item->kind == ITEM_CHOICE)
		status = load_values(doc, section, number, item, err);
	return status;
}

static enum status load_item(const struct ini_doc *doc, const struct ini_section *section, int number,
			     struct checklist_item *item, struct error *err)
{
	const struct ini_entry *text = ini_get(section, "text");
	const struct ini_entry *text_en = ini_get(section, "text_en");
	enum status status;
	int kind = 0;

	item->number = number;
	status = ini_check_keys(doc, section, item_keys, err);
	if (!status && (!text || !text->value[0]))
		status = forms_fail(err, doc->path, section->line, _("item %d has no text"), number);
	if (!status)
		status = ini_string(doc, section, "text", false, &item->text, err);
	if (!status && text_en && text_en->value[0])
		status = ini_string(doc, section, "text_en", false, &item->text_en, err);
	if (!status)
		status = ini_word(doc, section, "kind", kinds, &kind, err);
	item->kind = (enum item_kind)kind;
	if (!status)
		status = ini_yes_no(doc, section, "required", &item->required, err);
	if (!status)
		status = ini_string(doc, section, "evidence", false, &item->evidence, err);
	if (!status && ini_get(section, "evidence_required"))
		status = ini_yes_no(doc, section, "evidence_required", &item->evidence_required, err);
	if (!status)
		status = ini_int(doc, section, "weight", 1, 10, &item->weight, err);
	if (!status)
		status = load_answer(doc, section, number, item, err);
	return status;
}

/* Every section but [scenario] is [item.N], numbered 1, 2, 3, ... in file order. */
static enum status load_items(const struct ini_doc *doc, const struct ini_section *head,
			      struct scenario *scenario, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i;
	int number;

	scenario->items = calloc(doc->count, sizeof(*scenario->items));
	if (!scenario->items)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < doc->count && !status; i++) {
		if (&doc->sections[i] == head)
			continue;
		number = forms_section_number(doc->sections[i].name, "item");
		if (number != (int)scenario->item_count + 1)
			return forms_fail(err, doc->path, doc->sections[i].line,
					  _("expected [item.%zu] here, not [%s]: number the items 1, 2, 3, ... "
					  "without gaps"), scenario->item_count + 1, doc->sections[i].name);
		status = load_item(doc, &doc->sections[i], number, &scenario->items[scenario->item_count++], err);
	}
	if (!status && scenario->item_count < FORMS_MIN_ITEMS)
		status = forms_fail(err, doc->path, head->line, _("scenario %d has fewer than %d items (%zu)"),
				    scenario->id, FORMS_MIN_ITEMS, scenario->item_count);
	return status;
}

static enum status find_stage(const struct forms *forms, const struct ini_doc *doc, const struct ini_section *head,
			      struct scenario *scenario, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, head, "stage", &entry, err);
	char expected[512] = "";
	size_t i, used = 0;

	if (status)
		return status;
	scenario->stage = forms_stage(forms, entry->value);
	if (scenario->stage)
		return STATUS_OK;
	for (i = 0; i < forms->stage_count && used < sizeof(expected); i++)
		used += (size_t)snprintf(expected + used, sizeof(expected) - used, "%s%s", i ? ", " : "",
					 forms->stages[i].key);
	return forms_fail(err, doc->path, entry->line, _("unknown stage '%s'; expected one of %s"),
			  entry->value, expected);
}

static enum status load_head(const struct forms *forms, const struct ini_doc *doc, const struct ini_section *head,
			     struct scenario *scenario, struct error *err)
{
	enum status status = find_stage(forms, doc, head, scenario, err);

	if (!status)
		status = ini_string(doc, head, "title_zh", false, &scenario->title_zh, err);
	if (!status)
		status = ini_string(doc, head, "title_en", false, &scenario->title_en, err);
	if (!status)
		status = ini_int(doc, head, "version", 1, 1000000, &scenario->version, err);
	if (!status)
		status = ini_string(doc, head, "text", false, &scenario->text, err);
	/* Some scenarios of the guide name no problems or technologies. */
	if (!status)
		status = ini_string(doc, head, "activities", true, &scenario->activities, err);
	if (!status)
		status = ini_string(doc, head, "problems", true, &scenario->problems, err);
	if (!status)
		status = ini_string(doc, head, "technologies", true, &scenario->technologies, err);
	return status;
}

/* The slot of the scenario's id, checked free; *out NULL when the id is
 * beyond the number of files, so that some id below it is missing, which
 * forms_check_scenarios names once every file is read. */
static enum status claim_slot(struct forms *forms, const struct ini_doc *doc, const struct ini_section *head,
			      struct scenario **out, struct error *err)
{
	const struct ini_entry *entry;
	struct scenario *slot;
	int id = 0;
	enum status status = ini_require(doc, head, "id", &entry, err);

	*out = NULL;
	if (!status)
		status = ini_int(doc, head, "id", 1, INT_MAX, &id, err);
	if (status || (size_t)id > forms->scenario_count)
		return status;
	slot = &forms->scenarios[id - 1];
	if (slot->file)
		return forms_fail(err, doc->path, entry->line, _("scenario id %d already defined in %s"), id, slot->file);
	slot->file = strdup(doc->path);
	if (!slot->file)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	slot->id = id;
	*out = slot;
	return STATUS_OK;
}

static enum status find_head(const struct ini_doc *doc, const struct ini_section **out, struct error *err)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		if (strcmp(doc->sections[i].name, "scenario") && !forms_section_number(doc->sections[i].name, "item"))
			return forms_fail(err, doc->path, doc->sections[i].line,
					  _("unknown section [%s]; expected [scenario] or [item.N]"),
					  doc->sections[i].name);
	}
	*out = ini_section_find(doc, "scenario");
	if (!*out)
		return forms_fail(err, doc->path, 0, _("no [scenario] section"));
	return STATUS_OK;
}

/* One slot per file of scenarios/: the ids run from 1 to their number. */
enum status forms_scenario_slots(struct forms *forms, size_t count, struct error *err)
{
	if (!count)
		return STATUS_OK; /* forms_check_scenarios says scenario 1 is missing */
	forms->scenarios = calloc(count, sizeof(*forms->scenarios));
	forms->unread_checklists = calloc(count, sizeof(*forms->unread_checklists));
	if (!forms->scenarios || !forms->unread_checklists)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	forms->scenario_count = count;
	return STATUS_OK;
}

/* A scenario file's [scenario] section checked and its slot claimed
 * (scenario NULL: a number given twice, already said); with
 * last_section, the file is read no further than that section. doc is
 * the caller's to free, after a failure too. */
static enum status read_head(struct forms *forms, const struct forms_file *file, const char *last_section,
			     struct ini_doc *doc, const struct ini_section **head, struct scenario **scenario,
			     struct error *err)
{
	enum status status = ini_doc_parse_until(file, last_section, doc, err);

	*head = NULL;
	*scenario = NULL;
	if (status)
		return status; /* doc is empty again */
	status = find_head(doc, head, err);
	if (!status)
		status = ini_check_keys(doc, *head, scenario_keys, err);
	if (!status)
		status = claim_slot(forms, doc, *head, scenario, err);
	if (!status && *scenario)
		status = load_head(forms, doc, *head, *scenario, err);
	return status;
}

enum status forms_load_scenario(struct forms *forms, const struct forms_file *file, struct error *err)
{
	const struct ini_section *head;
	struct scenario *scenario;
	struct ini_doc doc;
	enum status status = read_head(forms, file, NULL, &doc, &head, &scenario, err);

	if (!status && scenario)
		status = load_items(&doc, head, scenario, err);
	ini_doc_free(&doc);
	return status;
}

enum status forms_load_scenario_head(struct forms *forms, const struct forms_file *file, struct error *err)
{
	const struct ini_section *head;
	struct scenario *scenario;
	struct ini_doc doc;
	enum status status = read_head(forms, file, "scenario", &doc, &head, &scenario, err);

	if (!status && scenario)
		forms->unread_checklists[scenario->id - 1] = file;
	ini_doc_free(&doc);
	return status;
}

enum status forms_read_checklist(struct scenario *scenario, const struct forms_file *file, struct error *err)
{
	const struct ini_section *head = NULL;
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);
	size_t i;

	if (status)
		return status;
	status = find_head(&doc, &head, err);
	if (!status)
		status = load_items(&doc, head, scenario, err);
	if (status) {
		for (i = 0; i < scenario->item_count; i++)
			item_free(&scenario->items[i]);
		free(scenario->items);
		scenario->items = NULL;
		scenario->item_count = 0;
	}
	ini_doc_free(&doc);
	return status;
}

enum status forms_check_scenarios(const struct forms *forms, struct error *err)
{
	int id;

	for (id = 1; id == 1 || id <= (int)forms->scenario_count; id++) {
		if (!forms->scenarios || !forms->scenarios[id - 1].file)
			return error_set(err, STATUS_ERR_FORMS, _("%s/scenarios: scenario %d is missing"), forms->dir, id);
	}
	return STATUS_OK;
}
