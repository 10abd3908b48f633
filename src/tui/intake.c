/* The intake form: a new case, taken in with case_create when the user
 * presses [Create]; or the fields of an existing case, each written the
 * moment the user leaves it, refused (and reloaded) when another clerk
 * changed it since. Under the fields of a case, its level's materials. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/uscc.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "form.h"

enum entry_id {
	E_ENTERPRISE, E_CREDIT_CODE, E_REGION, E_LEVEL, E_YEAR, E_FACTORY, E_ADDRESS, E_INDUSTRY, E_CONTACT,
	E_MATURITY, E_COMMITMENT, E_SCENARIOS, E_CERTIFIED, E_NOTE, E_COUNT
};

enum entry_kind { KIND_TEXT, KIND_REGION, KIND_LEVEL, KIND_SCENARIOS };

struct entry_spec {
	const char *label; /* msgid */
	const char *name;  /* case_set_field's name; NULL: set at intake only */
	enum entry_kind kind;
	size_t limit;
};

static const struct entry_spec specs[E_COUNT] = {
	/* L10N: labels of the intake form; keep them under 18 cells */
	[E_ENTERPRISE] = { N_("Enterprise name"), "enterprise", KIND_TEXT, 0 },
	[E_CREDIT_CODE] = { N_("Credit code"), "credit_code", KIND_TEXT, USCC_LENGTH },
	[E_REGION] = { N_("Region"), "region", KIND_REGION, 0 },
	[E_LEVEL] = { N_("Level"), NULL, KIND_LEVEL, 0 },
	[E_YEAR] = { N_("Year"), "year", KIND_TEXT, 0 },
	[E_FACTORY] = { N_("Factory"), "factory", KIND_TEXT, 0 },
	[E_ADDRESS] = { N_("Address"), "address", KIND_TEXT, 0 },
	[E_INDUSTRY] = { N_("Industry"), "industry", KIND_TEXT, 0 },
	[E_CONTACT] = { N_("Contact"), "contact", KIND_TEXT, 0 },
	/* L10N: intelligent-manufacturing capability maturity self-assessment, 0-5 */
	[E_MATURITY] = { N_("Maturity score"), "maturity", KIND_TEXT, 0 },
	/* L10N: the date the commitment letter (承诺书) was signed */
	[E_COMMITMENT] = { N_("Commitment date"), "commitment_on", KIND_TEXT, 0 },
	[E_SCENARIOS] = { N_("Declared scenarios"), NULL, KIND_SCENARIOS, 0 },
	/* L10N: for a factory already certified at this level before gradus */
	[E_CERTIFIED] = { N_("Certified on"), NULL, KIND_TEXT, 0 },
	[E_NOTE] = { N_("Note"), "note", KIND_TEXT, 0 },
};


enum row_kind { ROW_NOTICE, ROW_ENTRY, ROW_MESSAGE, ROW_BLANK, ROW_CREATE, ROW_HEADING, ROW_MATERIAL };

struct row {
	enum row_kind kind;
	size_t index;  /* entry, notice or material */
	size_t offset, length; /* bytes of a wrapped line */
};

struct layout {
	int label_x, label_cells, value_x, value_cells;
};

struct intake {
	struct form f;           /* the entries as form.c's rows: value, saved value, message, pickers */
	bool edit;               /* an existing case: fields are written as they are left */
	char id[33], number[32];
	struct case_detail detail; /* edit: the case as last read */
	bool *picked, *picked_before; /* [n]: scenario n, 1..slots - 1 */
	size_t slots;            /* the forms' scenarios, plus one */
	size_t focus;            /* an entry, then [Create] or a material */
	int scroll;
	char created[128];
	bool asking;             /* text not written: q or Esc asked before leaving (form_ask_leave) */
	struct case_warnings warnings;
	struct row *rows;
	size_t row_count, row_capacity;
	char title[128];
};

static const enum action intake_hints[] = {
	ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_DOWN, ACTION_TOGGLE, ACTION_NONE
};

static const char *const uscc_characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* ---- values ---------------------------------------------------------- */

static void format_maturity(int centi, char *out, size_t size)
{
	if (centi < 0)
		snprintf(out, size, "%s", "");
	else if (centi % 100 == 0)
		snprintf(out, size, "%d", centi / 100);
	else if (centi % 10 == 0)
		snprintf(out, size, "%d.%d", centi / 100, centi % 100 / 10);
	else
		snprintf(out, size, "%d.%02d", centi / 100, centi % 100);
}

/* The text of an entry as the case holds it. */
static const char *detail_value(const struct case_detail *d, enum entry_id id, char *buffer, size_t size)
{
	switch (id) {
	case E_ENTERPRISE: return d->row.enterprise;
	case E_CREDIT_CODE: return d->row.credit_code;
	case E_REGION: return d->row.region;
	case E_LEVEL: return d->row.level;
	case E_YEAR: snprintf(buffer, size, "%d", d->row.year); return buffer;
	case E_FACTORY: return d->row.factory;
	case E_ADDRESS: return d->factory_address;
	case E_INDUSTRY: return d->industry;
	case E_CONTACT: return d->contact;
	case E_MATURITY: format_maturity(d->maturity_centi, buffer, size); return buffer;
	case E_COMMITMENT: return d->commitment_on;
	case E_CERTIFIED: return d->certified_on;
	case E_NOTE: return d->note;
	default: return "";
	}
}

/* Puts the case's current value of an entry into its field and `saved`. */
static bool load_entry(struct intake *form, enum entry_id id)
{
	char buffer[32];
	const char *value = detail_value(&form->detail, id, buffer, sizeof(buffer));

	form_set_value(&form->f, id, value ? value : "");
	return form_saved(&form->f, id);
}

static enum status load_case(struct tui *tui, struct intake *form, struct error *err)
{
	enum status status;

	case_detail_clear(&form->detail);
	status = store_case_detail(tui->store, form->id, &form->detail, err);
	if (status)
		return status;
	snprintf(form->id, sizeof(form->id), "%s", form->detail.row.id);
	snprintf(form->number, sizeof(form->number), "%s", form->detail.row.number);
	return STATUS_OK;
}

/* The scenarios row holds what `picked` does (after a load or a refusal). */
static bool scenarios_shown(struct intake *form)
{
	size_t used = 0, size = 12 * form->slots + 1, i; /* "," and an int each */
	char *value = calloc(size, 1);
	bool saved;

	if (!value)
		return false;
	for (i = 1; i < form->slots; i++)
		if (form->picked[i])
			used += (size_t)snprintf(value + used, size - used, "%s%zu", used ? "," : "", i);
	form_set_value(&form->f, E_SCENARIOS, value);
	saved = form_saved(&form->f, E_SCENARIOS);
	free(value);
	return saved;
}

static bool load_entries(struct intake *form)
{
	size_t i;

	memset(form->picked, 0, form->slots * sizeof(*form->picked));
	for (i = 0; i < form->detail.scenario_count; i++)
		if (form->detail.scenarios[i] >= 1 && (size_t)form->detail.scenarios[i] < form->slots)
			form->picked[form->detail.scenarios[i]] = true;
	for (i = 0; i < E_COUNT; i++)
		if (!load_entry(form, (enum entry_id)i))
			return false;
	return scenarios_shown(form);
}

static size_t picked_count(const struct intake *form)
{
	size_t n = 0, i;

	for (i = 1; i < form->slots; i++)
		n += form->picked[i];
	return n;
}

/* ---- checks ---------------------------------------------------------- */


static bool check_credit_code(struct form *f, const char *code, bool final)
{
	struct error err;
	size_t i, n = strlen(code);

	for (i = 0; i < n && !final && n < USCC_LENGTH; i++) {
		if (!strchr(uscc_characters, code[i])) {
			/* L10N: a credit code is checked as it is typed; %zu is the position */
			form_say(f, E_CREDIT_CODE, true, _("character %zu: expected 0-9 or A-Z without I, O, Z, S, V"), i + 1);
			return false;
		}
	}
	if (n < USCC_LENGTH && !final)
		return true;
	if (uscc_check(code, NULL, &err)) {
		form_say(f, E_CREDIT_CODE, true, "%s", tui_without_value(err.message, code));
		return false;
	}
	/* L10N: beside a credit code whose check character is right */
	form_say(f, E_CREDIT_CODE, false, "%s", _("✓ valid"));
	return true;
}

static bool check_maturity(const struct tui *tui, struct form *f, const char *text)
{
	struct error err;
	int centi, level;

	if (!*text)
		return true;
	if (maturity_parse_score(text, &centi, &err)) {
		form_say(f, E_MATURITY, true, "%s", tui_without_value(err.message, text));
		return false;
	}
	level = maturity_level(tui->forms->bands, 5, centi);
	if (level < 1) {
		/* L10N: beside the maturity score */
		form_say(f, E_MATURITY, false, "%s", _("below maturity level 1"));
		return true;
	}
	/* L10N: beside the maturity score: the name of the maturity level it maps to */
	form_say(f, E_MATURITY, false, _("→ %s"), i18n_chinese() ? tui->forms->band_zh[level - 1] : tui->forms->band_en[level - 1]);
	return true;
}

static bool check_date(struct form_row *entry, const char *text, bool final)
{
	if (!*text || (!final && strlen(text) < 10))
		return true;
	entry->message_is_error = true;
	return form_check_date(text, entry->message, sizeof(entry->message));
}

static bool check_year(struct form *f, const char *text, bool final)
{
	char extra;
	int year;

	if (!final && strlen(text) < 4)
		return true;
	if (sscanf(text, "%d%c", &year, &extra) == 1 && year >= 2000 && year <= 2100)
		return true;
	/* L10N: beside the year of an application */
	form_say(f, E_YEAR, true, "%s", _("expected a year from 2000 to 2100"));
	return false;
}

static bool required(enum entry_id id)
{
	return id == E_ENTERPRISE || id == E_CREDIT_CODE || id == E_REGION || id == E_LEVEL || id == E_YEAR;
}

/* Checks an entry's text (as typed, or final when it is left or the case
 * created); the message beside it says what is wrong or what it means. */
static bool check_entry(const struct tui *tui, struct intake *form, enum entry_id id, const char *text, bool final)
{
	form_say(&form->f, id, false, "%s", "");
	if (final && required(id) && !*text) {
		/* L10N: beside a required field left empty */
		form_say(&form->f, id, true, "%s", _("a value is required"));
		return false;
	}
	switch (id) {
	case E_CREDIT_CODE: return !*text || check_credit_code(&form->f, text, final);
	case E_YEAR: return !*text || check_year(&form->f, text, final);
	case E_MATURITY: return check_maturity(tui, &form->f, text);
	case E_COMMITMENT:
	case E_CERTIFIED: return check_date(&form->f.rows[id], text, final);
	default: return true;
	}
}

static bool check_typed(const struct tui *tui, struct intake *form, enum entry_id id, bool final)
{
	char *text = form_value(&form->f, id);
	bool ok = text && check_entry(tui, form, id, text, final);

	free(text);
	return ok;
}

/* ---- writing (a case: field by field; a new case: all at once) ------- */

static const char *or_null(const char *text)
{
	return text && *text ? text : NULL;
}

/* Writes an entry of a case that changed since it was loaded or saved.
 * When another clerk changed it since, their value is loaded instead and
 * the message beside it says so; on another error what was typed stays. */
static bool write_entry(struct tui *tui, struct intake *form, enum entry_id id)
{
	struct form_row *entry = &form->f.rows[id];
	struct error err = { "" }, reload = { "" };
	enum status status;
	char *text = form_value(&form->f, id);

	if (!text || !form_row_unsaved(&form->f, id)) {
		free(text);
		return text != NULL;
	}
	status = case_set_field(tui->store, tui->forms, form->id, specs[id].name, text, entry->saved, &err);
	if (!status) {
		form_saved(&form->f, id);
		free(text);
		if (id != E_MATURITY)
			/* L10N: beside a field of a case, just written to the database */
			form_say(&form->f, id, false, "%s", _("✓ saved"));
		return true;
	}
	free(text);
	form_say(&form->f, id, true, "%s", err.message);
	if (status == STATUS_ERR_CONFLICT && (load_case(tui, form, &reload) || !load_entry(form, id)))
		tui_say(tui, true, "%s", reload.message);
	return false;
}

/* The picked scenarios' ids, ascending (free), their number in *count. */
static int *picked_ids(const struct intake *form, size_t *count)
{
	int *ids = calloc(form->slots, sizeof(*ids));
	size_t i;

	*count = 0;
	for (i = 1; ids && i < form->slots; i++)
		if (form->picked[i])
			ids[(*count)++] = (int)i;
	return ids;
}

static void write_scenarios(struct tui *tui, struct intake *form)
{
	struct error err = { "" };
	size_t bytes = form->slots * sizeof(*form->picked), n;
	int *ids;

	if (!memcmp(form->picked, form->picked_before, bytes))
		return;
	if (!(ids = picked_ids(form, &n))) {
		form_say(&form->f, E_SCENARIOS, true, "%s", _("out of memory"));
		return;
	}
	if (case_set_scenarios(tui->store, form->id, ids, n, form->picked_before, &err)) {
		struct case_detail now;
		struct error reload;
		size_t k;

		form_say(&form->f, E_SCENARIOS, true, "%s", err.message);
		memcpy(form->picked, form->picked_before, bytes);
		if (!store_case_detail(tui->store, form->id, &now, &reload)) {
			memset(form->picked, 0, bytes);
			for (k = 0; k < now.scenario_count; k++)
				if (now.scenarios[k] >= 1 && (size_t)now.scenarios[k] < form->slots)
					form->picked[now.scenarios[k]] = true;
			memcpy(form->picked_before, form->picked, bytes);
			case_detail_clear(&now);
		}
		scenarios_shown(form);
		free(ids);
		return;
	}
	free(ids);
	form_saved(&form->f, E_SCENARIOS);
	form_say(&form->f, E_SCENARIOS, false, "%s", _("✓ saved"));
}

static bool check_all(struct tui *tui, struct intake *form)
{
	size_t i;

	for (i = 0; i < E_COUNT; i++) {
		if (check_typed(tui, form, (enum entry_id)i, true))
			continue;
		form->focus = i;
		/* L10N: status line when a new case is refused: the field's label, then what is wrong */
		tui_say(tui, true, _("%s: %s; nothing was written"), _(specs[i].label), form->f.rows[i].message);
		return false;
	}
	return true;
}

static enum status create_case(struct tui *tui, struct intake *form, char *const texts[E_COUNT], const char **about,
			       struct error *err)
{
	struct new_case in;
	int *scenarios;
	size_t n = 0;
	enum status status;

	memset(&in, 0, sizeof(in));
	in.maturity_centi = -1;
	if (*texts[E_MATURITY] && maturity_parse_score(texts[E_MATURITY], &in.maturity_centi, err))
		return STATUS_ERR_INVALID;
	if (!(scenarios = picked_ids(form, &n)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	in.enterprise_name = texts[E_ENTERPRISE];
	in.credit_code = texts[E_CREDIT_CODE];
	in.region = texts[E_REGION];
	in.level = texts[E_LEVEL];
	in.year = atoi(texts[E_YEAR]);
	in.factory_name = or_null(texts[E_FACTORY]); /* none: case_create takes the enterprise's own */
	in.address = or_null(texts[E_ADDRESS]);
	in.industry = or_null(texts[E_INDUSTRY]);
	in.contact = or_null(texts[E_CONTACT]);
	in.commitment_on = or_null(texts[E_COMMITMENT]);
	in.certified_on = or_null(texts[E_CERTIFIED]);
	in.note = or_null(texts[E_NOTE]);
	in.scenarios = scenarios;
	in.scenario_count = n;
	memset(&form->warnings, 0, sizeof(form->warnings));
	status = case_create(tui->store, tui->forms, &in, form->id, form->number, &form->warnings, err);
	*about = status == STATUS_ERR_INVALID ? case_input_refused(tui->forms, &in) : NULL;
	free(scenarios);
	return status;
}

/* The entry a refusal of case_create is about (about: its key, or NULL). */
static void refused(struct tui *tui, struct intake *form, const char *about, const char *message)
{
	static const struct {
		const char *about;
		enum entry_id id;
	} names[] = {
		{ "enterprise", E_ENTERPRISE }, { "credit_code", E_CREDIT_CODE }, { "region", E_REGION },
		{ "level", E_LEVEL }, { "year", E_YEAR }, { "scenarios", E_SCENARIOS },
		{ "commitment_on", E_COMMITMENT }, { "certified_on", E_CERTIFIED },
	};
	size_t i;

	for (i = 0; about && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(about, names[i].about))
			continue;
		form_say(&form->f, names[i].id, true, "%s", message);
		form->focus = names[i].id;
		break;
	}
	/* L10N: status line when the database refused a new case */
	tui_say(tui, true, _("Not created: %s"), message);
}

/* After intake the form edits the case it created. */
static void became_case(struct tui *tui, struct intake *form)
{
	struct error err = { "" };
	size_t i;

	form->edit = true;
	/* L10N: at the top of the form after a case is created; %s is its number */
	snprintf(form->created, sizeof(form->created), _("Created %s"), form->number);
	if (load_case(tui, form, &err) || !load_entries(form)) {
		tui_say(tui, true, "%s", err.message[0] ? err.message : status_message(STATUS_ERR_NOMEM));
		return;
	}
	for (i = 0; i < E_COUNT; i++)
		form->f.rows[i].message[0] = '\0';
	form->focus = 0;
	form->scroll = 0;
	/* L10N: status line after a case is created; %zu is the number of warnings shown above */
	tui_say(tui, false, _("%s, %zu warning(s)"), form->created, form->warnings.count);
}

static void submit(struct tui *tui, struct intake *form)
{
	char *texts[E_COUNT] = { NULL };
	struct error err = { "" };
	const char *about = NULL;
	bool ok = check_all(tui, form);
	size_t i;

	for (i = 0; ok && i < E_COUNT; i++)
		ok = (texts[i] = form_value(&form->f, (enum entry_id)i)) != NULL;
	if (ok && create_case(tui, form, texts, &about, &err)) {
		refused(tui, form, about, err.message);
		ok = false;
	}
	for (i = 0; i < E_COUNT; i++)
		free(texts[i]);
	if (ok)
		became_case(tui, form);
}

/* ---- materials (a case) ---------------------------------------------- */

static const struct level *form_level(const struct tui *tui, const struct intake *form)
{
	return form->edit ? forms_level(tui->forms, form->detail.row.level) : NULL;
}

static const char *received_on(const struct intake *form, const char *key)
{
	size_t i;

	for (i = 0; i < form->detail.material_count; i++)
		if (!strcmp(form->detail.materials[i].key, key))
			return form->detail.materials[i].received_on;
	return NULL;
}

static size_t received_count(const struct intake *form, const struct level *level)
{
	size_t i, n = 0;

	for (i = 0; i < level->material_count; i++)
		n += received_on(form, level->materials[i].key) != NULL;
	return n;
}

static void toggle_material(struct tui *tui, struct intake *form, size_t index)
{
	const struct level *level = form_level(tui, form);
	char today[DATE_TEXT_SIZE];
	struct error err = { "" };
	const char *key;

	if (!level || index >= level->material_count)
		return;
	key = level->materials[index].key;
	date_format(store_today(tui->store), today);
	if (case_set_material(tui->store, tui->forms, form->id, key, received_on(form, key) ? NULL : today, &err) ||
	    load_case(tui, form, &err))
		tui_say(tui, true, "%s", err.message);
}

/* ---- moving, editing, picking ---------------------------------------- */

static size_t focus_count(const struct tui *tui, const struct intake *form)
{
	const struct level *level = form_level(tui, form);

	if (!form->edit)
		return E_COUNT + 1; /* [Create] */
	return E_COUNT + (level ? level->material_count : 0);
}

/* A case's level and certification are set at intake only (steps change them). */
static bool focusable(const struct intake *form, size_t at)
{
	return at >= E_COUNT || !form->edit || specs[at].name || specs[at].kind == KIND_SCENARIOS;
}

static void move_focus(const struct tui *tui, struct intake *form, int direction)
{
	size_t count = focus_count(tui, form), at = form->focus;

	do {
		if ((direction < 0 && at == 0) || (direction > 0 && at + 1 >= count))
			return;
		at = direction < 0 ? at - 1 : at + 1;
	} while (!focusable(form, at));
	form->focus = at;
}

/* Enter on a field: form.c edits it, from its end. */
static void start_editing(struct tui *tui, struct intake *form)
{
	struct field *field = &form->f.rows[form->focus].field;
	size_t pressed;

	form->f.focus = form->focus;
	form_key(tui, &form->f, ACTION_OPEN, 0, L'\r', &pressed);
	field->cursor = field->length;
}

/* The keys that matter while a field is edited. */
static void hint(struct tui *tui, const struct intake *form)
{
	if (form->f.refused)
		field_say_refused(tui, 0, form->f.refused);
	else if (form->f.editing)
		/* L10N: status line while a field is edited */
		tui_say(tui, false, "%s", _("Enter Tab ↓ ↑: done   Esc: undo   ^U: clear   ← → Home End: move"));
}

/* A new case of an enterprise already recorded (its credit code and name
 * typed): the entries left empty take what the record holds, its factory
 * when it has one only, and the credit code's message says so. What the
 * clerk typed stays; where it differs from the record, creating says so. */
static void fill_recorded(struct tui *tui, struct intake *form)
{
	static const enum entry_id ids[] = { E_REGION, E_INDUSTRY, E_CONTACT, E_FACTORY, E_ADDRESS };
	char *name = form_value(&form->f, E_ENTERPRISE), *code = form_value(&form->f, E_CREDIT_CODE);
	struct recorded_enterprise r;
	struct error err = { "" };
	bool found = false, filled = false;
	size_t i;

	if (name && code && *name && strlen(code) == USCC_LENGTH && !uscc_check(code, NULL, NULL) &&
	    case_recorded_enterprise(tui->store, code, name, &r, &found, &err))
		tui_say(tui, true, "%s", err.message);
	for (i = 0; found && i < sizeof(ids) / sizeof(ids[0]); i++) {
		const char *recorded = ids[i] == E_REGION ? r.region : ids[i] == E_INDUSTRY ? r.industry :
				       ids[i] == E_CONTACT ? r.contact : ids[i] == E_FACTORY ? r.factory : r.address;
		char *now = form_value(&form->f, ids[i]);

		if (now && !*now && recorded && *recorded) {
			form_set_value(&form->f, ids[i], recorded);
			filled = true;
		}
		free(now);
	}
	if (filled)
		/* L10N: beside the credit code of a new case, when the enterprise is recorded: the empty fields
		 * (region, industry, contact, factory) were filled from its record */
		form_say(&form->f, E_CREDIT_CODE, false, "%s", _("✓ valid; recorded: its fields filled in"));
	if (found)
		case_recorded_enterprise_clear(&r);
	free(name);
	free(code);
}

/* A key while a field is edited (form.c's; Esc puts back what was there):
 * checked as typed; when the field is left, checked and, in a case,
 * written; in a case the focus stays when that failed. */
static bool editing_key(struct tui *tui, struct intake *form, enum action action, int code, wint_t ch)
{
	enum entry_id id = (enum entry_id)form->focus;
	size_t pressed;
	bool ok;

	if (!form_key(tui, &form->f, action, code, ch, &pressed))
		return false;
	ok = check_typed(tui, form, id, form->f.left != FORM_NONE);
	if (form->f.left == FORM_NONE) {
		hint(tui, form);
		return true;
	}
	if (ok && form->edit)
		ok = write_entry(tui, form, id);
	else if (ok && (id == E_ENTERPRISE || id == E_CREDIT_CODE))
		fill_recorded(tui, form);
	if (ok || !form->edit)
		move_focus(tui, form, code == KEY_UP || code == KEY_BTAB ? -1 : 1);
	return true;
}

static void add_row(struct intake *form, enum row_kind kind, size_t index, size_t offset, size_t length)
{
	if (!tui_grow(&form->rows, &form->row_capacity, form->row_count, sizeof(*form->rows)))
		return; /* the rest is not shown */
	form->rows[form->row_count].kind = kind;
	form->rows[form->row_count].index = index;
	form->rows[form->row_count].offset = offset;
	form->rows[form->row_count++].length = length;
}

/* The pickers, once: regions, levels, the scenarios under their stages;
 * each found by / in Chinese or English whatever the language shown. */
static bool picker_options(const struct tui *tui, struct form *p)
{
	const struct forms *forms = tui->forms;
	char text[512];
	size_t i, s;
	bool ok = true;

	for (i = 0; ok && i < forms->region_count; i++) {
		const struct region *r = &forms->regions[i];
		size_t used, k;

		/* found as an office writes it too: by its code (420100) or a short name (恩施州) */
		used = (size_t)snprintf(text, sizeof(text), "%s %s %s", r->zh, r->en, r->code);
		for (k = 0; k < r->short_count && used < sizeof(text); k++)
			used += (size_t)snprintf(text + used, sizeof(text) - used, " %s", r->short_names[k]);
		ok = form_option(p, E_REGION, forms->regions[i].key, tui_region_name(tui, forms->regions[i].key),
				 false) && form_option_search(p, E_REGION, text);
	}
	for (i = 0; ok && i < forms->level_count; i++) {
		snprintf(text, sizeof(text), "%s %s", forms->levels[i].zh, forms->levels[i].en);
		ok = form_option(p, E_LEVEL, forms->levels[i].key, tui_level_name(tui, forms->levels[i].key), false) &&
		     form_option_search(p, E_LEVEL, text);
	}
	for (s = 0; ok && s < forms->stage_count; s++) {
		const struct stage *st = &forms->stages[s];

		snprintf(text, sizeof(text), "%d  %s", st->order, i18n_chinese() ? st->zh : st->en);
		ok = form_option_heading(p, E_SCENARIOS, text);
		for (i = 0; ok && i < forms->scenario_count; i++) {
			const struct scenario *sc = &forms->scenarios[i];
			char key[8], label[512];

			if (sc->stage != st)
				continue;
			snprintf(key, sizeof(key), "%d", sc->id);
			snprintf(label, sizeof(label), "%2d  %s", sc->id, i18n_chinese() ? sc->title_zh : sc->title_en);
			snprintf(text, sizeof(text), "%s %s", sc->title_zh, sc->title_en);
			ok = form_option(p, E_SCENARIOS, key, label, false) && form_option_search(p, E_SCENARIOS, text);
		}
	}
	return ok;
}

static void open_picker(struct tui *tui, struct intake *form, enum entry_id id)
{
	size_t pressed;

	memcpy(form->picked_before, form->picked, form->slots * sizeof(*form->picked));
	form->f.focus = id;
	form_key(tui, &form->f, ACTION_OPEN, 0, L'\r', &pressed);
}

/* A choice made in a picker: written in a case. */
static void pick(struct tui *tui, struct intake *form, enum entry_id id)
{
	const struct form_row *row = &form->f.rows[id];
	size_t i;

	form->f.rows[id].message[0] = '\0';
	if (id == E_SCENARIOS) {
		memset(form->picked, 0, form->slots * sizeof(*form->picked));
		for (i = 0; i < row->option_count; i++)
			if (row->options[i].picked && atoi(row->options[i].key) >= 1 &&
			    (size_t)atoi(row->options[i].key) < form->slots)
				form->picked[atoi(row->options[i].key)] = true;
		if (form->edit)
			write_scenarios(tui, form);
	} else if (!form->edit || !specs[id].name || write_entry(tui, form, id)) {
		move_focus(tui, form, 1);
	}
}

static bool picker_key(struct tui *tui, struct intake *form, enum action action, int code, wint_t ch)
{
	size_t pressed;

	if (!form_key(tui, &form->f, action, code, ch, &pressed))
		return false;
	if (form->f.left != FORM_NONE)
		pick(tui, form, (enum entry_id)form->f.left);
	return true;
}

static void activate(struct tui *tui, struct intake *form)
{
	if (form->focus >= E_COUNT) {
		if (form->edit)
			toggle_material(tui, form, form->focus - E_COUNT);
		else
			submit(tui, form);
		return;
	}
	switch (specs[form->focus].kind) {
	case KIND_REGION: open_picker(tui, form, E_REGION); break;
	case KIND_LEVEL: open_picker(tui, form, E_LEVEL); break;
	case KIND_SCENARIOS: open_picker(tui, form, E_SCENARIOS); break;
	case KIND_TEXT: start_editing(tui, form); break;
	}
	hint(tui, form);
}

static bool intake_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct intake *form = view->data;

	if (!form->f.picking && !form->f.editing && (form->f.asking || action == ACTION_BACK || action == ACTION_QUIT)) {
		form->f.focus = form->focus;
		if (!form_leave_key(tui, &form->f, action, ch))
			return false;
		form->focus = form->f.focus; /* on a field put back */
		if (form->f.leaving)
			tui_pop(tui); /* frees the form */
		return true;
	}
	if (form->f.picking)
		return picker_key(tui, form, action, code, ch);
	if (form->f.editing)
		return editing_key(tui, form, action, code, ch);
	switch (action) {
	case ACTION_UP:
	case ACTION_TAB_PREV:
		move_focus(tui, form, -1);
		return true;
	case ACTION_DOWN:
	case ACTION_TAB_NEXT:
		move_focus(tui, form, 1);
		return true;
	case ACTION_HOME:
		form->focus = 0;
		return true;
	case ACTION_END:
		form->focus = focus_count(tui, form) - 1;
		return true;
	case ACTION_OPEN:
		activate(tui, form);
		return true;
	case ACTION_TOGGLE:
		if (form->edit && form->focus >= E_COUNT)
			toggle_material(tui, form, form->focus - E_COUNT);
		return true;
	default:
		return false;
	}
}

/* ---- drawing: laid out from COLS and LINES at every draw --------------- */

static void layout_compute(struct layout *lay)
{
	int widest = 0, avail, i;

	for (i = 0; i < E_COUNT; i++) {
		int width = utf8_width(_(specs[i].label));

		if (width > widest)
			widest = width;
	}
	lay->label_x = 2;
	lay->label_cells = widest + 2 < COLS / 3 ? widest + 2 : COLS / 3;
	lay->value_x = lay->label_x + lay->label_cells;
	avail = COLS - lay->value_x - 1;
	lay->value_cells = avail - 26 > 24 ? avail - 26 : 24;
	if (lay->value_cells > 40)
		lay->value_cells = 40;
	if (lay->value_cells > avail)
		lay->value_cells = avail > 1 ? avail : 1;
}

static int message_x(const struct layout *lay, enum entry_id id)
{
	return lay->value_x + lay->value_cells + 1 + (specs[id].limit ? 6 : 0);
}

static bool message_beside(const struct intake *form, const struct layout *lay, enum entry_id id)
{
	return utf8_width(form->f.rows[id].message) <= COLS - message_x(lay, id);
}

/* One row per line of text wrapped at `cells`, at a space when there is one. */
static void add_wrapped(struct intake *form, enum row_kind kind, size_t index, const char *text, int cells)
{
	size_t offset = 0, len = strlen(text);

	do {
		size_t n = utf8_prefix_for_width(text + offset, cells, NULL), k = n;

		while (offset + n < len && k > 0 && text[offset + k - 1] != ' ')
			k--;
		if (offset + n < len && k > 0)
			n = k;
		if (n == 0)
			n = utf8_next(text, len, offset) - offset;
		add_row(form, kind, index, offset, n);
		offset += n;
	} while (offset < len);
}

static const char *notice_text(const struct intake *form, size_t index)
{
	return index == 0 ? form->created : form->warnings.text[index - 1];
}

static void form_rows(const struct tui *tui, struct intake *form, const struct layout *lay)
{
	const struct level *level = form_level(tui, form);
	size_t i;

	form->row_count = 0;
	for (i = 0; form->created[0] && i <= form->warnings.count; i++)
		add_wrapped(form, ROW_NOTICE, i, notice_text(form, i), COLS - 4);
	if (form->created[0])
		add_row(form, ROW_BLANK, 0, 0, 0);
	for (i = 0; i < E_COUNT; i++) {
		add_row(form, ROW_ENTRY, i, 0, 0);
		if (form->f.rows[i].message[0] && !message_beside(form, lay, (enum entry_id)i))
			add_wrapped(form, ROW_MESSAGE, i, form->f.rows[i].message, COLS - lay->value_x);
	}
	add_row(form, ROW_BLANK, 0, 0, 0);
	if (!form->edit)
		add_row(form, ROW_CREATE, E_COUNT, 0, 0);
	if (level)
		add_row(form, ROW_HEADING, 0, 0, 0);
	for (i = 0; level && i < level->material_count; i++)
		add_row(form, ROW_MATERIAL, E_COUNT + i, 0, 0);
}

/* Scrolls so the rows of `focus` show. */
static int scrolled(const struct intake *form, int scroll, size_t focus, int height)
{
	int first = -1, last = -1, i;

	for (i = 0; i < (int)form->row_count; i++) {
		const struct row *row = &form->rows[i];

		if (row->kind == ROW_NOTICE || row->kind == ROW_BLANK || row->kind == ROW_HEADING)
			continue;
		if (row->index == focus) {
			first = first < 0 ? i : first;
			last = i;
		}
	}
	if (last >= scroll + height)
		scroll = last - height + 1;
	if (first >= 0 && first < scroll)
		scroll = first;
	if (scroll > (int)form->row_count - height)
		scroll = (int)form->row_count - height;
	return scroll < 0 ? 0 : scroll;
}

static attr_t message_attr(const struct tui *tui, const struct form_row *entry)
{
	return entry->message_is_error ? draw_colour(tui, COLOUR_ERROR, A_BOLD) : A_NORMAL;
}

static attr_t focus_attr(const struct tui *tui)
{
	return draw_colour(tui, COLOUR_CURSOR, A_REVERSE);
}

static void scenarios_text(const struct intake *form, char *out, size_t size)
{
	const char *separator = ": ";
	size_t used, i;

	/* L10N: the value of "Declared scenarios" on the form: how many picked of
	 * how many the forms have (the 2025 guide has forty), then their numbers */
	used = (size_t)snprintf(out, size, _("%zu of %zu picked"), picked_count(form), form->slots - 1);
	for (i = 1; i < form->slots && used < size; i++) {
		if (!form->picked[i])
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%zu", separator, i);
		separator = ", ";
	}
}

static void draw_value(const struct tui *tui, struct intake *form, const struct layout *lay, enum entry_id id,
		       int y)
{
	struct form_row *entry = &form->f.rows[id];
	attr_t attr = form->edit && !focusable(form, id) ? A_DIM : A_NORMAL;
	char text[256];
	char *key;

	if (specs[id].kind == KIND_SCENARIOS) {
		scenarios_text(form, text, sizeof(text));
		draw_text(y, lay->value_x, text, lay->value_cells, attr);
	} else if (specs[id].kind != KIND_TEXT) {
		key = form_value(&form->f, id);
		draw_text(y, lay->value_x, !key || !*key ? "—" : id == E_REGION ? tui_region_name(tui, key)
					  : tui_level_name(tui, key), lay->value_cells, attr);
		free(key);
	} else if (form->f.editing && form->focus == (size_t)id) {
		field_draw(&entry->field, y, lay->value_x, lay->value_cells, A_UNDERLINE, true);
	} else {
		struct field shown = entry->field; /* from its start, not where the cursor was */

		shown.cursor = shown.scroll = 0;
		field_draw(&shown, y, lay->value_x, lay->value_cells, attr, false);
	}
}

static void draw_entry(const struct tui *tui, struct intake *form, const struct layout *lay, enum entry_id id, int y)
{
	struct form_row *entry = &form->f.rows[id];
	bool focused = form->focus == (size_t)id;
	int x = lay->value_x + lay->value_cells + 1;
	char count[32];

	draw_text(y, 0, focused ? ">" : "", lay->label_x, A_NORMAL);
	draw_text(y, lay->label_x, _(specs[id].label), lay->label_cells - 1,
		  focused ? focus_attr(tui) : form->edit && !focusable(form, id) ? A_DIM : A_NORMAL);
	draw_value(tui, form, lay, id, y);
	if (specs[id].limit && x < COLS) {
		snprintf(count, sizeof(count), "%zu/%zu", entry->field.length, specs[id].limit);
		draw_text(y, x, count, COLS - x < 5 ? COLS - x : 5, A_NORMAL);
	}
	x = message_x(lay, id);
	if (entry->message[0] && message_beside(form, lay, id) && x < COLS)
		draw_text(y, x, entry->message, COLS - x, message_attr(tui, entry));
}

static void draw_material(const struct tui *tui, const struct intake *form, size_t index, int y)
{
	const struct level *level = form_level(tui, form);
	const struct material *material = &level->materials[index];
	const char *on = received_on(form, material->key);
	bool focused = form->focus == E_COUNT + index;
	attr_t attr = focused ? focus_attr(tui) : on ? A_NORMAL : draw_colour(tui, COLOUR_DUE, A_BOLD);

	draw_text(y, 0, focused ? ">" : "", 2, A_NORMAL);
	draw_text(y, 2, on ? "[x]" : "[ ]", 4, attr);
	/* L10N: a material not yet received (keep it within 10 cells) */
	draw_text(y, 6, on ? on : _("missing"), 12, attr);
	draw_text(y, 18, material->zh, COLS - 18, attr);
}

static void draw_heading(const struct tui *tui, const struct intake *form, int y)
{
	const struct level *level = form_level(tui, form);
	char line[256];

	/* L10N: heading above the materials checklist: level name, received, total */
	snprintf(line, sizeof(line), _("Materials for %s: %zu of %zu received (x: received / missing)"),
		 tui_level_name(tui, level->key), received_count(form, level), level->material_count);
	draw_text(y, 2, line, COLS - 2, draw_colour(tui, COLOUR_HEADER, A_BOLD));
}

/* One line of wrapped text. */
static void draw_wrapped(int y, int x, const char *text, const struct row *row, attr_t attr)
{
	char *line = strndup(text + row->offset, row->length);

	draw_text(y, x, line ? line : "", COLS - x, attr);
	free(line);
}

static void draw_row(const struct tui *tui, struct intake *form, const struct layout *lay, const struct row *row,
		     int y)
{
	const struct form_row *entry = row->kind == ROW_MESSAGE ? &form->f.rows[row->index] : NULL;

	switch (row->kind) {
	case ROW_NOTICE:
		if (row->index && !row->offset)
			draw_text(y, 2, "!", 2, draw_colour(tui, COLOUR_DUE, A_BOLD));
		draw_wrapped(y, 4, notice_text(form, row->index), row,
			     row->index ? draw_colour(tui, COLOUR_DUE, A_BOLD) : A_BOLD);
		break;
	case ROW_ENTRY: draw_entry(tui, form, lay, (enum entry_id)row->index, y); break;
	case ROW_MESSAGE:
		draw_wrapped(y, lay->value_x, entry->message, row, message_attr(tui, entry));
		break;
	case ROW_CREATE:
		draw_text(y, 0, form->focus == E_COUNT ? ">" : "", 2, A_NORMAL);
		/* L10N: the button at the end of the new-case form */
		draw_text(y, lay->value_x, _("[ Create ]"), COLS - lay->value_x,
			  form->focus == E_COUNT ? focus_attr(tui) : A_BOLD);
		break;
	case ROW_HEADING: draw_heading(tui, form, y); break;
	case ROW_MATERIAL: draw_material(tui, form, row->index - E_COUNT, y); break;
	case ROW_BLANK: break;
	}
}

static void intake_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct intake *form = view->data;
	struct layout lay;
	int y, editing_y = -1;

	if (form->f.picking) {
		form_draw(tui, &form->f, top, height);
		return;
	}
	layout_compute(&lay);
	form_rows(tui, form, &lay);
	/* On the first field, the notices above it show too. */
	form->scroll = scrolled(form, form->focus == 0 ? 0 : form->scroll, form->focus, height);
	for (y = 0; y < height && form->scroll + y < (int)form->row_count; y++) {
		const struct row *row = &form->rows[form->scroll + y];

		draw_row(tui, form, &lay, row, top + y);
		if (row->kind == ROW_ENTRY && row->index == form->focus)
			editing_y = top + y;
	}
	if (form->f.editing && editing_y >= 0) /* the terminal cursor goes there: input methods follow it */
		tui_cursor(tui, editing_y,
			   field_draw(&form->f.rows[form->focus].field, editing_y, lay.value_x, lay.value_cells,
				      A_UNDERLINE, true));
}

/* ---- the view --------------------------------------------------------- */

static void intake_close(struct tui *tui, struct view *view)
{
	struct intake *form = view->data;

	(void)tui;
	if (!form)
		return;
	case_detail_clear(&form->detail);
	form_free(&form->f);
	free(form->rows);
	free(form->picked);
	free(form->picked_before);
	free(form);
	view->data = NULL;
}

static enum status new_defaults(struct tui *tui, struct intake *form)
{
	char year[16];

	snprintf(year, sizeof(year), "%d", store_today(tui->store).year);
	return field_set(&form->f.rows[E_YEAR].field, year) && form_saved(&form->f, E_YEAR) ? STATUS_OK
													: STATUS_ERR_NOMEM;
}

static enum status intake_open(struct tui *tui, struct view *view, struct error *err)
{
	struct intake *form = calloc(1, sizeof(*form));
	enum status status;
	size_t i;

	if (!form)
		return STATUS_ERR_NOMEM;
	view->data = form;
	form->slots = forms_scenario_count(tui->forms) + 1;
	form->picked = calloc(form->slots, sizeof(*form->picked));
	form->picked_before = calloc(form->slots, sizeof(*form->picked_before));
	form_init(&form->f);
	if (!form->picked || !form->picked_before) {
		intake_close(tui, view);
		return STATUS_ERR_NOMEM;
	}
	form->f.pops = false; /* the intake's own rows (materials, [Create]) are around it */
	for (i = 0; i < E_COUNT; i++) {
		static const enum form_kind kinds[] = { [KIND_TEXT] = FORM_TEXT, [KIND_REGION] = FORM_PICK_ONE,
							[KIND_LEVEL] = FORM_PICK_ONE, [KIND_SCENARIOS] = FORM_PICK_MANY };

		form_add(&form->f, kinds[specs[i].kind], _(specs[i].label), NULL);
		form->f.rows[i].field.limit = specs[i].limit;
	}
	if (!picker_options(tui, &form->f)) {
		intake_close(tui, view);
		return STATUS_ERR_NOMEM;
	}
	if (view->arg) {
		form->edit = true;
		snprintf(form->id, sizeof(form->id), "%s", view->arg);
		status = load_case(tui, form, err);
		if (!status && !load_entries(form))
			status = STATUS_ERR_NOMEM;
	} else {
		status = new_defaults(tui, form);
	}
	if (status)
		intake_close(tui, view);
	return status;
}

static const char *intake_title(struct tui *tui, struct view *view)
{
	struct intake *form = view->data;

	(void)tui;
	if (form->edit)
		/* L10N: title of the intake form for an existing case; %s is its number */
		snprintf(form->title, sizeof(form->title), _("Edit %s"), form->number);
	else
		/* L10N: title of the intake form for a new case */
		snprintf(form->title, sizeof(form->title), "%s", _("New case"));
	return form->title;
}

const struct view_ops intake_view_ops = {
	.name = "intake",
	.open = intake_open,
	.draw = intake_draw,
	.key = intake_key,
	.close = intake_close,
	.title = intake_title,
	.hints = intake_hints,
};
