/* The walk through a spot check (现场抽查): one scenario at a time, its
 * items with their answers, progress and score always on top. One key per
 * answer, written at once by the store; the position is kept in the state
 * file on every move, so a check killed at any point reopens where it was.
 * After a signature, answers are amended with a reason. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/labels.h"
#include "gradus/report/report.h"
#include "gradus/store/checks.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "checks_private.h"
#include "field.h"
#include "report.h"
#include "settings.h"
#include "textarea.h"

enum walk_mode { MODE_ITEMS, MODE_PROMPT, MODE_NOTE, MODE_NOTE_DISCARD, MODE_CHOICE, MODE_EVIDENCE, MODE_SIGN };
enum prompt_kind { PROMPT_BEFORE, PROMPT_VALUE, PROMPT_REASON, PROMPT_ATTACH, PROMPT_EXPORT, PROMPT_REPORT, PROMPT_ACTION, PROMPT_DUE };

struct walk {
	char id[33];
	struct check_view v;
	bool loaded;
	size_t scenario, item, top; /* indexes into v.scenarios and its items; first item row shown */
	bool guide;
	enum walk_mode mode;
	enum prompt_kind prompt;
	struct field field;
	struct textarea note;
	size_t pick;                /* the choice or the file under the cursor */
	char *pending_value;        /* an amendment waiting for its reason */
	char *pending_note;         /* NULL: the note is kept */
	char *pending_before;       /* a measure's figure before, while its after is asked */
	int items_y, items_rows;    /* where the items were drawn, for clicks */
	char title[200];
};

static const enum action walk_hints[] = {
	ACTION_ANSWER_YES, ACTION_ANSWER_NO, ACTION_ANSWER_PARTIAL, ACTION_ANSWER_NA, ACTION_NOTE,
	ACTION_NEXT_UNANSWERED, ACTION_HELP, ACTION_NONE
};

static const struct scenario *current_scenario(const struct walk *w)
{
	return w->v.scenario_count ? &w->v.scenarios[w->scenario] : NULL;
}

static const struct checklist_item *current_item(const struct walk *w)
{
	const struct scenario *sc = current_scenario(w);

	return sc && sc->item_count ? &sc->items[w->item] : NULL;
}

static bool signed_once(const struct walk *w)
{
	return w->v.signature_count > 0;
}

static const char *item_text(const struct checklist_item *it)
{
	return !i18n_chinese() && it->text_en && *it->text_en ? it->text_en : it->text;
}

static const char *scenario_title(const struct scenario *sc)
{
	return !i18n_chinese() && sc->title_en && *sc->title_en ? sc->title_en : sc->title_zh;
}

/* An answer as shown: yes/partial/no/n.a. translated, numbers with their
 * unit, a measure before → after with its change. */
static void answer_text(const struct checklist_item *it, const char *value, char *out, size_t size)
{
	struct measure m;

	if (it->kind == ITEM_MEASURE && value && measure_parse(value, &m)) {
		measure_text(&m, it->unit, it->lower_is_better, out, size);
		return;
	}
	if (!value || !*value) {
		snprintf(out, size, "%s", "·");
		return;
	}
	switch (it->kind == ITEM_CHECK ? spotcheck_answer_parse(value) : ANSWER_NONE) {
	case ANSWER_YES: snprintf(out, size, "%s", label_answer("yes")); return;
	case ANSWER_PARTIAL: snprintf(out, size, "%s", label_answer("partial")); return;
	case ANSWER_NO: snprintf(out, size, "%s", label_answer("no")); return;
	case ANSWER_NA: snprintf(out, size, "%s", label_answer("na")); return;
	default: break;
	}
	if (it->unit && *it->unit)
		snprintf(out, size, "%s %s", value, it->unit);
	else
		snprintf(out, size, "%s", value);
}

/* ---- loading and moving ------------------------------------------------ */

static void clamp(struct walk *w)
{
	const struct scenario *sc;

	if (w->scenario >= w->v.scenario_count)
		w->scenario = w->v.scenario_count ? w->v.scenario_count - 1 : 0;
	sc = current_scenario(w);
	if (!sc || w->item >= sc->item_count)
		w->item = sc && sc->item_count ? sc->item_count - 1 : 0;
}

static enum status reload(struct walk *w, struct tui *tui, struct error *err)
{
	struct check_view v;
	enum status status = check_load(tui->store, w->id, &v, err);

	if (status)
		return status;
	if (w->loaded)
		check_view_clear(&w->v);
	w->v = v;
	w->loaded = true;
	clamp(w);
	snprintf(w->title, sizeof(w->title), "%s  %s", w->v.number, w->v.enterprise ? w->v.enterprise : "");
	return STATUS_OK;
}

/* Remembers the position in the state file: a kill loses nothing of it. */
static void remember(const struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);

	if (sc && it)
		settings_walk_save(w->id, sc->id, it->number);
}

static bool go_to(struct walk *w, int scenario, int item)
{
	size_t s, i;

	for (s = 0; s < w->v.scenario_count; s++)
		for (i = 0; w->v.scenarios[s].id == scenario && i < w->v.scenarios[s].item_count; i++)
			if (w->v.scenarios[s].items[i].number == item) {
				w->scenario = s;
				w->item = i;
				return true;
			}
	return false;
}

static void move_item(struct walk *w, long by)
{
	const struct scenario *sc = current_scenario(w);
	long at = (long)w->item + by, last = sc && sc->item_count ? (long)sc->item_count - 1 : 0;

	w->item = (size_t)(at < 0 ? 0 : at > last ? last : at);
	remember(w);
}

static void move_scenario(struct walk *w, int by)
{
	size_t n = w->v.scenario_count;

	if (!n)
		return;
	w->scenario = (w->scenario + n + (size_t)(by % (int)n + (int)n)) % n;
	w->item = 0;
	w->top = 0;
	remember(w);
}

/* After an answer: the next item, the first of the next scenario after the last. */
static void advance(struct walk *w)
{
	const struct scenario *sc = current_scenario(w);

	if (sc && w->item + 1 < sc->item_count)
		move_item(w, 1);
	else if (w->scenario + 1 < w->v.scenario_count)
		move_scenario(w, 1);
	else
		remember(w);
}

static void next_unanswered(struct tui *tui, struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	int scenario, item;

	if (!sc || !it || !check_next_unanswered(&w->v, sc->id, it->number, &scenario, &item)) {
		/* L10N: u in the walk when no required item is left without an answer */
		tui_say(tui, false, "%s", _("Every required item is answered"));
		return;
	}
	if (go_to(w, scenario, item))
		remember(w);
}

/* ---- writing ---------------------------------------------------------- */

static void clear_pending(struct walk *w)
{
	free(w->pending_value);
	free(w->pending_note);
	free(w->pending_before);
	w->pending_value = w->pending_note = w->pending_before = NULL;
}

static void open_prompt(struct walk *w, enum prompt_kind kind, const char *initial)
{
	field_init(&w->field, 0);
	field_set(&w->field, initial ? initial : "");
	w->mode = MODE_PROMPT;
	w->prompt = kind;
}

/* After a write: the check read anew, the answer said, the cursor moved on. */
static void written(struct tui *tui, struct walk *w, int scenario, int item, bool move)
{
	const struct scenario *sc;
	const struct check_answer_row *row;
	struct error err = { "" };
	char shown[256];
	size_t i;

	if (reload(w, tui, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	sc = check_scenario(&w->v, scenario);
	row = check_find(&w->v, scenario, item);
	for (i = 0; sc && i < sc->item_count; i++)
		if (sc->items[i].number == item)
			answer_text(&sc->items[i], row ? row->value : NULL, shown, sizeof(shown));
	/* L10N: after an answer was written: scenario, item, the answer */
	tui_say(tui, false, _("Saved %d.%d: %s"), scenario, item, sc ? shown : "");
	if (move)
		advance(w);
}

/* Writes an answer (note NULL: kept); once signed, asks for the reason of
 * the amendment first. */
static void answer(struct tui *tui, struct walk *w, const char *value, const char *note)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	struct error err = { "" };

	if (!sc || !it)
		return;
	if (signed_once(w)) {
		clear_pending(w);
		w->pending_value = strdup(value);
		w->pending_note = note ? strdup(note) : NULL;
		open_prompt(w, PROMPT_REASON, "");
		return;
	}
	if (check_answer(tui->store, w->id, sc->id, it->number, value, note, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	written(tui, w, sc->id, it->number, true);
}

static void amend(struct tui *tui, struct walk *w, const char *reason)
{
	int scenario = current_scenario(w)->id, item = current_item(w)->number;
	struct error err = { "" };

	if (!*reason) {
		/* L10N: an amendment after sign-off needs a reason */
		tui_say(tui, true, "%s", _("An amendment needs a reason: nothing changed"));
	} else if (check_amend(tui->store, w->id, scenario, item, w->pending_value, w->pending_note, reason, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else {
		written(tui, w, scenario, item, false);
		/* L10N: after an amendment: scenario, item, the reason given */
		tui_say(tui, false, _("Amended %d.%d (reason: %s)"), scenario, item, reason);
	}
	clear_pending(w);
}

static void save_note(struct tui *tui, struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	const struct check_answer_row *row = check_find(&w->v, sc->id, it->number);
	char *text = textarea_text(&w->note);
	struct error err = { "" };

	w->mode = MODE_ITEMS;
	if (!text) {
		tui_say(tui, true, "%s", strerror(ENOMEM));
		return;
	}
	if (signed_once(w)) {
		clear_pending(w);
		w->pending_value = strdup(row && row->value ? row->value : "");
		w->pending_note = text;
		open_prompt(w, PROMPT_REASON, "");
		return;
	}
	{
		int scenario = sc->id, item = it->number;

		if (check_note(tui->store, w->id, scenario, item, text, &err) || reload(w, tui, &err))
			tui_say(tui, true, "%s", err.message);
		else
			/* L10N: after the note of an item was written */
			tui_say(tui, false, _("Note saved on %d.%d"), scenario, item);
	}
	free(text);
}

static void attach(struct tui *tui, struct walk *w, const char *path)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	struct error err = { "" };
	char sha256[65];
	bool added = false;

	if (check_attach(tui->store, w->id, sc->id, it->number, path, sha256, &added, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	reload(w, tui, &err);
	if (added)
		/* L10N: after a file was attached: the path, the start of its SHA-256 */
		tui_say(tui, false, _("Attached %s (SHA-256 %.12s)"), path, sha256);
	else
		/* L10N: the same file was attached before: the path, the start of its SHA-256 */
		tui_say(tui, false, _("Already attached: %s (SHA-256 %.12s)"), path, sha256);
}

/* The files of the current item, as indexes into v.evidence. */
static size_t item_files(const struct walk *w, size_t *out, size_t max)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	size_t i, n = 0;

	for (i = 0; sc && it && i < w->v.evidence_count; i++)
		if (w->v.evidence[i].scenario == sc->id && w->v.evidence[i].item == it->number) {
			if (n < max)
				out[n] = i;
			n++;
		}
	return n;
}

#define MAX_FILES 64

static void export_file(struct tui *tui, struct walk *w, const char *path)
{
	size_t files[MAX_FILES], n = item_files(w, files, MAX_FILES);
	struct error err = { "" };
	const struct check_evidence_row *e;

	if (w->pick >= n || w->pick >= MAX_FILES)
		return;
	e = &w->v.evidence[files[w->pick]];
	if (check_export(tui->store, e->sha256, path, &err))
		tui_say(tui, true, "%s", err.message);
	else
		/* L10N: after a stored file was written out: its SHA-256 start, the path */
		tui_say(tui, false, _("Exported %.12s to %s"), e->sha256, path);
}

static void sign(struct tui *tui, struct walk *w)
{
	struct error err = { "" };
	char hash[65];

	w->mode = MODE_ITEMS;
	if (check_sign(tui->store, w->id, hash, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	reload(w, tui, &err);
	/* L10N: after signing: the SHA-256 of the check's content as signed */
	tui_say(tui, false, _("Signed: SHA-256 %s"), hash);
}

/* ---- findings ------------------------------------------------------------ */

/* The open finding of the item under the cursor, or NULL. */
static const struct check_finding_row *current_finding(const struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	size_t i;

	for (i = 0; sc && it && i < w->v.finding_count; i++)
		if (w->v.findings[i].scenario == sc->id && w->v.findings[i].item == it->number &&
		    !strcmp(w->v.findings[i].status, "open"))
			return &w->v.findings[i];
	return NULL;
}

static void set_finding(struct tui *tui, struct walk *w, const char *severity, const char *action, const char *due)
{
	const struct check_finding_row *f = current_finding(w);
	struct error err = { "" };
	char id[33];

	if (!f)
		return;
	snprintf(id, sizeof(id), "%s", f->id);
	if (check_finding_set(tui->store, id, severity, action, due, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	reload(w, tui, &err);
	if ((f = current_finding(w)))
		/* L10N: after a finding was changed: severity, due date, action */
		tui_say(tui, false, _("Finding: %s, due %s: %s"), label_severity(f->severity), f->due_on,
			f->action ? f->action : "—");
}

static void edit_finding(struct tui *tui, struct walk *w)
{
	const struct check_finding_row *f = current_finding(w);

	if (!f) {
		/* L10N: F or V on an item without an open finding */
		tui_say(tui, false, "%s", _("No open finding here: no and partial open one"));
		return;
	}
	open_prompt(w, PROMPT_ACTION, f->action ? f->action : "");
}

static void next_severity(struct tui *tui, struct walk *w)
{
	const struct check_finding_row *f = current_finding(w);

	if (!f) {
		tui_say(tui, false, "%s", _("No open finding here: no and partial open one"));
		return;
	}
	set_finding(tui, w, !strcmp(f->severity, "minor") ? "major" : !strcmp(f->severity, "major") ? "critical" : "minor",
		    NULL, NULL);
}

/* ---- keys --------------------------------------------------------------- */

/* A measure's figures as kept: "BEFORE|AFTER" (before: "" or NULL when none
 * was recorded). */
static void measure_figures(const char *value, char *before, char *after, size_t size)
{
	const char *bar = value ? strchr(value, '|') : NULL;

	snprintf(before, size, "%.*s", bar ? (int)(bar - value) : 0, bar ? value : "");
	snprintf(after, size, "%s", bar ? bar + 1 : value ? value : "");
}

/* After a measure's figure before (the text, taken over), its figure after. */
static void ask_after(struct walk *w, char *before)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	const struct check_answer_row *row = sc && it ? check_find(&w->v, sc->id, it->number) : NULL;
	char old_before[128], old_after[128];

	field_free(&w->field);
	measure_figures(row ? row->value : NULL, old_before, old_after, sizeof(old_before));
	free(w->pending_before);
	w->pending_before = before;
	open_prompt(w, PROMPT_VALUE, old_after);
}

/* The value prompt: a measure's figure after joins its figure before. */
static void answer_value(struct tui *tui, struct walk *w, const char *text)
{
	const struct checklist_item *it = current_item(w);
	char *before = w->pending_before, *value = NULL;

	w->pending_before = NULL;
	if (it && it->kind == ITEM_MEASURE && before && *before && (value = malloc(strlen(before) + strlen(text) + 2)))
		sprintf(value, "%s|%s", before, text);
	answer(tui, w, value ? value : text, NULL);
	free(value);
	free(before);
}

static void finish_prompt(struct tui *tui, struct walk *w)
{
	char *text = field_text(&w->field);

	w->mode = MODE_ITEMS;
	if (!text)
		return;
	switch (w->prompt) {
	case PROMPT_BEFORE:
		ask_after(w, text);
		return;
	case PROMPT_VALUE:
		answer_value(tui, w, text);
		break;
	case PROMPT_REASON: amend(tui, w, text); break;
	case PROMPT_ATTACH:
		if (*text)
			attach(tui, w, text);
		break;
	case PROMPT_EXPORT:
		if (*text)
			export_file(tui, w, text);
		w->mode = MODE_EVIDENCE;
		break;
	case PROMPT_REPORT:
		if (*text)
			tui_write_report(tui, REPORT_CHECK, w->id, text);
		break;
	case PROMPT_ACTION:
		set_finding(tui, w, NULL, text, NULL);
		free(text);
		field_free(&w->field);
		if (current_finding(w))
			open_prompt(w, PROMPT_DUE, current_finding(w)->due_on);
		return;
	case PROMPT_DUE:
		set_finding(tui, w, NULL, NULL, text);
		break;
	}
	free(text);
	field_free(&w->field);
}

static bool prompt_key(struct tui *tui, struct walk *w, int code, wint_t ch)
{
	if (code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'))) {
		finish_prompt(tui, w);
	} else if (!code && ch == 0x1b) {
		w->mode = w->prompt == PROMPT_EXPORT ? MODE_EVIDENCE : MODE_ITEMS;
		clear_pending(w);
		field_free(&w->field);
		/* L10N: Esc on a prompt of the walk */
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	} else if (!field_key(&w->field, code, ch)) {
		field_say_refused(tui, code, ch);
	}
	return true;
}

static void open_note(struct tui *tui, struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	const struct check_answer_row *row = sc && it ? check_find(&w->v, sc->id, it->number) : NULL;

	(void)tui;
	if (!it)
		return;
	textarea_free(&w->note);
	textarea_init(&w->note);
	textarea_set(&w->note, row && row->note ? row->note : "");
	w->mode = MODE_NOTE;
}

static bool note_key(struct tui *tui, struct walk *w, int code, wint_t ch)
{
	if (code == KEY_F(2) || (!code && ch == 0x0f)) {
		save_note(tui, w);
	} else if (!code && ch == 0x1b) {
		if (w->note.changed)
			w->mode = MODE_NOTE_DISCARD;
		else
			w->mode = MODE_ITEMS;
	} else if (!textarea_key(&w->note, code, ch)) {
		field_say_refused(tui, code, ch);
	}
	return true;
}

static bool discard_key(struct tui *tui, struct walk *w, wint_t ch)
{
	if (ch == L'y' || ch == L'Y') {
		w->mode = MODE_ITEMS;
		/* L10N: the note editor closed without saving */
		tui_say(tui, false, "%s", _("Note not saved"));
	} else if (ch == L'n' || ch == L'N' || ch == 0x1b) {
		w->mode = MODE_NOTE;
	}
	return true;
}

static void pick_choice(struct tui *tui, struct walk *w, size_t index)
{
	const struct checklist_item *it = current_item(w);

	w->mode = MODE_ITEMS;
	if (it && index < it->choice_count)
		answer(tui, w, it->choices[index], NULL);
}

static bool choice_key(struct tui *tui, struct walk *w, enum action action, int code, wint_t ch)
{
	const struct checklist_item *it = current_item(w);
	size_t n = it ? it->choice_count : 0;

	if (!code && ch >= L'1' && ch <= L'9')
		pick_choice(tui, w, (size_t)(ch - L'1'));
	else if (action == ACTION_OPEN)
		pick_choice(tui, w, w->pick);
	else if (action == ACTION_DOWN && w->pick + 1 < n)
		w->pick++;
	else if (action == ACTION_UP && w->pick > 0)
		w->pick--;
	else if (action == ACTION_BACK)
		w->mode = MODE_ITEMS;
	return true;
}

static bool evidence_key(struct tui *tui, struct walk *w, enum action action)
{
	size_t files[MAX_FILES], n = item_files(w, files, MAX_FILES);
	char path[512];

	(void)tui;
	if (action == ACTION_DOWN && w->pick + 1 < n && w->pick + 1 < MAX_FILES)
		w->pick++;
	else if (action == ACTION_UP && w->pick > 0)
		w->pick--;
	else if (action == ACTION_BACK || action == ACTION_EVIDENCE)
		w->mode = MODE_ITEMS;
	else if ((action == ACTION_ANSWER_NA || action == ACTION_OPEN) && w->pick < n) {
		/* a stored name from a bundle may be ../../x: offered as ./x */
		char *name = safe_file_name(w->v.evidence[files[w->pick]].name, NULL);

		snprintf(path, sizeof(path), "./%s", name ? name : w->v.evidence[files[w->pick]].sha256);
		free(name);
		open_prompt(w, PROMPT_EXPORT, path);
	}
	return true;
}

static void open_value(struct tui *tui, struct walk *w)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	const struct check_answer_row *row = sc && it ? check_find(&w->v, sc->id, it->number) : NULL;
	size_t i;

	if (!it)
		return;
	switch (it->kind) {
	case ITEM_CHOICE:
		w->pick = 0;
		for (i = 0; row && row->value && i < it->choice_count; i++)
			if (!strcmp(row->value, it->choices[i]))
				w->pick = i;
		w->mode = MODE_CHOICE;
		break;
	case ITEM_MEASURE: {
		char before[128], after[128];

		measure_figures(row ? row->value : NULL, before, after, sizeof(before));
		open_prompt(w, PROMPT_BEFORE, before);
		break;
	}
	case ITEM_NUMBER: case ITEM_TEXT:
		open_prompt(w, PROMPT_VALUE, row ? row->value : "");
		break;
	default:
		/* L10N: Enter on a yes/no item */
		tui_say(tui, false, "%s", _("Answer with y, n, p or x"));
		break;
	}
}

static void answer_check(struct tui *tui, struct walk *w, const char *value)
{
	const struct checklist_item *it = current_item(w);

	if (it && it->kind != ITEM_CHECK)
		/* L10N: y/n/p/x on an item that takes a number, a choice or text */
		tui_say(tui, true, "%s", _("This item takes a value: press Enter"));
	else
		answer(tui, w, value, NULL);
}

static void ask_sign(struct tui *tui, struct walk *w)
{
	w->mode = MODE_SIGN;
	/* L10N: confirmation on the status line: the check number, the user; keep y/n */
	tui_say(tui, false, _("Sign %s as %s? Answers become read-only. y/n"), w->v.number, store_actor(tui->store));
}

static bool sign_key(struct tui *tui, struct walk *w, wint_t ch)
{
	if (ch == L'y' || ch == L'Y') {
		sign(tui, w);
	} else {
		w->mode = MODE_ITEMS;
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	}
	return true;
}

static bool items_key(struct tui *tui, struct walk *w, enum action action, wint_t ch)
{
	const struct checklist_item *it = current_item(w);
	char path[512];

	if (it && it->kind == ITEM_CHOICE && ch >= L'1' && ch <= L'9') {
		pick_choice(tui, w, (size_t)(ch - L'1'));
		return true;
	}
	switch (action) {
	case ACTION_ANSWER_YES: answer_check(tui, w, "yes"); return true;
	case ACTION_ANSWER_NO: answer_check(tui, w, "no"); return true;
	case ACTION_ANSWER_PARTIAL: answer_check(tui, w, "partial"); return true;
	case ACTION_ANSWER_NA: answer_check(tui, w, "na"); return true;
	case ACTION_OPEN: open_value(tui, w); return true;
	case ACTION_NOTE: open_note(tui, w); return true;
	case ACTION_SCENARIO_NEXT: case ACTION_TAB_NEXT: move_scenario(w, 1); return true;
	case ACTION_SCENARIO_PREV: case ACTION_TAB_PREV: move_scenario(w, -1); return true;
	case ACTION_NEXT_UNANSWERED: next_unanswered(tui, w); return true;
	case ACTION_DOWN: move_item(w, 1); return true;
	case ACTION_UP: move_item(w, -1); return true;
	case ACTION_PAGE_DOWN: case ACTION_END: move_item(w, 1000); return true;
	case ACTION_PAGE_UP: case ACTION_HOME: move_item(w, -1000); return true;
	case ACTION_GUIDE: w->guide = !w->guide; return true;
	case ACTION_ATTACH: open_prompt(w, PROMPT_ATTACH, ""); return true;
	case ACTION_EVIDENCE:
		w->pick = 0;
		if (item_files(w, NULL, 0))
			w->mode = MODE_EVIDENCE;
		else
			/* L10N: E on an item without files */
			tui_say(tui, false, "%s", _("No file is attached to this item"));
		return true;
	case ACTION_SIGN: ask_sign(tui, w); return true;
	case ACTION_FINDING: edit_finding(tui, w); return true;
	case ACTION_SEVERITY: next_severity(tui, w); return true;
	case ACTION_REPORT:
		snprintf(path, sizeof(path), "./%s.html", w->v.number);
		open_prompt(w, PROMPT_REPORT, path);
		return true;
	default:
		return false;
	}
}

static bool walk_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	struct walk *w = view->data;
	enum action action = keymap_action_in(KEYMAP_WALK, code, ch);

	(void)global;
	switch (w->mode) {
	case MODE_PROMPT: return prompt_key(tui, w, code, ch);
	case MODE_NOTE: return note_key(tui, w, code, ch);
	case MODE_NOTE_DISCARD: return discard_key(tui, w, code ? 0 : ch);
	case MODE_CHOICE: return choice_key(tui, w, action, code, ch);
	case MODE_EVIDENCE: return evidence_key(tui, w, action);
	case MODE_SIGN: return sign_key(tui, w, code ? 0 : ch);
	default: return items_key(tui, w, action, code ? 0 : ch);
	}
}

static bool walk_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct walk *w = view->data;

	(void)tui;
	(void)x;
	if (wheel || w->mode != MODE_ITEMS)
		return !wheel;
	if (y >= w->items_y && y < w->items_y + w->items_rows) {
		w->item = w->top + (size_t)(y - w->items_y);
		clamp(w);
		remember(w);
	}
	return true;
}

/* ---- drawing ------------------------------------------------------------ */

/* Chinese punctuation that may not begin a line (，。、；：！？ and closing
 * brackets and quotes). */
static bool no_line_start(const char *s)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "”", "’" };
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return true;
	return false;
}

/* Draws text wrapped at `cells` from row y (at most `rows` rows; newlines
 * break lines); returns the rows used. */
static int draw_wrapped(int y, int x, const char *text, int cells, int rows, attr_t attr)
{
	size_t len = text ? strlen(text) : 0, at = 0;
	int used = 0;

	while (at < len && used < rows) {
		size_t line = strcspn(text + at, "\n"), n;
		char *part;

		n = line ? utf8_prefix_for_width(text + at, cells, NULL) : 0;
		if (n > line)
			n = line;
		if (n < line) { /* a line of words breaks at a space */
			size_t k = n;

			while (k > 0 && text[at + k - 1] != ' ')
				k--;
			if (k > 0)
				n = k;
			else if (n > 1 && no_line_start(text + at + n))
				n = utf8_prev(text + at, n); /* the character before goes down with it */
		}
		if (line && n == 0)
			n = utf8_next(text, len, at) - at;
		part = strndup(text + at, n);
		draw_text(y + used++, x, part ? part : "", cells, attr);
		free(part);
		at += n;
		if (at < len && text[at] == '\n')
			at++;
	}
	return used;
}

static void score_text(struct score score, char *out, size_t size)
{
	if (score.scored)
		snprintf(out, size, "%.1f", score.percent);
	else
		snprintf(out, size, "%s", "—");
}

static void draw_header(struct tui *tui, struct walk *w, int y)
{
	const struct scenario *sc = current_scenario(w);
	size_t here_done, here_all, all_done, all_all;
	char line[512], here[16], overall[16];

	check_progress(&w->v, sc->id, &here_done, &here_all);
	check_progress(&w->v, 0, &all_done, &all_all);
	score_text(check_score_scenario(&w->v, sc), here, sizeof(here));
	score_text(check_score_overall(&w->v), overall, sizeof(overall));
	/* L10N: the walk's first line: scenario n of m, its id and title, its stage */
	snprintf(line, sizeof(line), _("Scenario %zu of %zu: %02d %s · %s"), w->scenario + 1, w->v.scenario_count, sc->id,
		 scenario_title(sc), sc->stage ? (i18n_chinese() ? sc->stage->zh : sc->stage->en) : "");
	draw_text(y, 1, line, COLS - 1, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	/* L10N: the walk's second line: required items answered in this
	 * scenario and in all, the scores; then the check's status */
	snprintf(line, sizeof(line), _("Answered %zu/%zu here, %zu/%zu in all · score %s here, %s overall · %s"),
		 here_done, here_all, all_done, all_all, here, overall, label_check_status(w->v.status));
	draw_text(y + 1, 1, line, COLS - 1, A_NORMAL);
}

static bool has_amendment(const struct walk *w, int scenario, int item)
{
	size_t i;

	for (i = 0; i < w->v.amendment_count; i++)
		if (w->v.amendments[i].scenario == scenario && w->v.amendments[i].item == item)
			return true;
	return false;
}

#define ANSWER_CELLS 16

/* An answer in its row: a measure's change and better way only (the
 * details below show its figures). */
static void row_answer_text(const struct checklist_item *it, const char *value, char *out, size_t size)
{
	struct measure m;

	if (it->kind == ITEM_MEASURE && value && measure_parse(value, &m))
		measure_short(&m, it->unit, it->lower_is_better, out, size);
	else
		answer_text(it, value, out, size);
}

static void draw_item(struct tui *tui, struct walk *w, size_t index, int y)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = &sc->items[index];
	const struct check_answer_row *row = check_find(&w->v, sc->id, it->number);
	size_t files = 0, i;
	bool cursor = index == w->item;
	attr_t attr = cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
	char number[16], shown[256], flags[8];
	int text_cells = COLS - 7 - ANSWER_CELLS - 4;

	for (i = 0; i < w->v.evidence_count; i++)
		files += w->v.evidence[i].scenario == sc->id && w->v.evidence[i].item == it->number;
	snprintf(number, sizeof(number), "%c%2d%c", cursor ? '>' : ' ', it->number, it->required ? '*' : ' ');
	row_answer_text(it, row ? row->value : NULL, shown, sizeof(shown));
	/* Flags: N a note, F files, A amended. */
	snprintf(flags, sizeof(flags), "%c%c%c", row && row->note && *row->note ? 'N' : ' ', files ? 'F' : ' ',
		 has_amendment(w, sc->id, it->number) ? 'A' : ' ');
	draw_text(y, 0, number, 5, A_NORMAL);
	draw_text(y, 5, shown, ANSWER_CELLS, attr);
	draw_text(y, 5 + ANSWER_CELLS, " ", 1, attr);
	draw_text(y, 6 + ANSWER_CELLS, item_text(it), text_cells > 0 ? text_cells : 0, attr);
	if (text_cells > 0)
		draw_text(y, COLS - 4, flags, 4, A_NORMAL);
}

static int draw_items(struct tui *tui, struct walk *w, int y, int rows)
{
	const struct scenario *sc = current_scenario(w);
	size_t i;

	if (w->item < w->top)
		w->top = w->item;
	if (rows > 0 && w->item >= w->top + (size_t)rows)
		w->top = w->item - (size_t)rows + 1;
	w->items_y = y;
	w->items_rows = 0;
	for (i = w->top; i < sc->item_count && (int)(i - w->top) < rows; i++) {
		draw_item(tui, w, i, y + (int)(i - w->top));
		w->items_rows++;
	}
	return w->items_rows;
}

static const char *kind_name(enum item_kind kind)
{
	switch (kind) {
	/* L10N: kinds of checklist items, in the walk's item details */
	case ITEM_CHECK: return _("yes / partial / no / n.a.");
	case ITEM_NUMBER: return _("number");
	case ITEM_MEASURE: return _("measure");
	case ITEM_CHOICE: return _("choice");
	default: return _("text");
	}
}

/* Below the items: the item's text, kind, note and files; then the guide. */
static void draw_details(struct tui *tui, struct walk *w, int y, int rows)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	const struct check_answer_row *row = check_find(&w->v, sc->id, it->number);
	size_t files[MAX_FILES], n = item_files(w, files, MAX_FILES), i;
	int used = 0, width = COLS - 2;
	char line[1024];

	used += draw_wrapped(y, 1, item_text(it), width, rows - used, A_BOLD);
	/* L10N: the walk's item details: kind, unit, required or optional, weight */
	snprintf(line, sizeof(line), _("%s%s%s · %s · weight %d%s"), kind_name(it->kind), it->unit ? " · " : "",
		 it->unit ? it->unit : "", it->required ? _("required") : _("optional"), it->weight,
		 it->evidence_required ? _(" · no/partial need a note or a file") : "");
	used += draw_wrapped(y + used, 1, line, width, rows - used, A_DIM);
	if (row && row->value && *row->value && it->kind != ITEM_CHECK) {
		char shown[512];

		answer_text(it, row->value, shown, sizeof(shown));
		/* L10N: the walk's item details: the answer in full */
		snprintf(line, sizeof(line), _("Answer: %s"), shown);
		used += draw_wrapped(y + used, 1, line, width, rows - used, A_NORMAL);
	}
	if (row && row->note && *row->note && used < rows) {
		/* L10N: before the note of an item */
		draw_text(y + used, 1, _("Note:"), width, A_BOLD);
		used++;
		used += draw_wrapped(y + used, 3, row->note, width - 2, rows - used, A_NORMAL);
	}
	if (current_finding(w) && used < rows) {
		const struct check_finding_row *f = current_finding(w);

		/* L10N: the open finding of an item: severity, due date, the action asked for (F, V change them) */
		snprintf(line, sizeof(line), _("Finding (F, V): %s · due %s · %s"), label_severity(f->severity), f->due_on,
			 f->action ? f->action : _("no corrective action asked yet"));
		used += draw_wrapped(y + used, 1, line, width, rows - used, draw_colour(tui, COLOUR_DUE, A_BOLD));
	}
	for (i = 0; i < n && i < MAX_FILES && used < rows; i++) {
		const struct check_evidence_row *e = &w->v.evidence[files[i]];

		/* L10N: a file attached to an item: its name, size, SHA-256 start */
		snprintf(line, sizeof(line), _("File: %s (%lld bytes, SHA-256 %.12s)"), e->name, e->size, e->sha256);
		draw_text(y + used++, 1, line, width, A_NORMAL);
	}
	if (!w->guide || used + 1 >= rows)
		return;
	used++;
	/* L10N: the guide pane: what to look for, then the scenario's text from the guide */
	snprintf(line, sizeof(line), _("Evidence to look for: %s"), it->evidence ? it->evidence : "—");
	used += draw_wrapped(y + used, 1, line, width, rows - used, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	used += draw_wrapped(y + used, 1, sc->text, width, rows - used, A_NORMAL);
	snprintf(line, sizeof(line), "%s %s", _("Activities:"), sc->activities ? sc->activities : "—");
	used += draw_wrapped(y + used, 1, line, width, rows - used, A_NORMAL);
	snprintf(line, sizeof(line), "%s %s", _("Problems:"), sc->problems ? sc->problems : "—");
	used += draw_wrapped(y + used, 1, line, width, rows - used, A_NORMAL);
	snprintf(line, sizeof(line), "%s %s", _("Technologies:"), sc->technologies ? sc->technologies : "—");
	draw_wrapped(y + used, 1, line, width, rows - used, A_NORMAL);
}

static void draw_choices(struct tui *tui, struct walk *w, int y, int rows)
{
	const struct checklist_item *it = current_item(w);
	int widest = 0, width;
	size_t i;
	char line[512];

	for (i = 0; i < it->choice_count; i++)
		if ((width = utf8_width(it->choices[i])) > widest)
			widest = width;
	/* L10N: above the choices of an item; keep the keys */
	draw_text(y, 1, _("Choose (Enter or 1-9, Esc cancels):"), COLS - 1, A_BOLD);
	for (i = 0; i < it->choice_count && (int)i + 1 < rows; i++) {
		int used = snprintf(line, sizeof(line), "%c %zu  %s%*s", i == w->pick ? '>' : ' ', i + 1, it->choices[i],
				    it->choice_values ? widest - utf8_width(it->choices[i]) : 0, "");

		if (it->choice_values && used > 0 && (size_t)used < sizeof(line))
			/* L10N: beside a choice in the walk: what it scores, a share of the item's weight (0 to 1) */
			snprintf(line + used, sizeof(line) - (size_t)used, _("  (scores %g)"), it->choice_values[i]);
		draw_text(y + 1 + (int)i, 1, line, COLS - 1,
			  i == w->pick ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL);
	}
}

static void draw_evidence(struct tui *tui, struct walk *w, int y, int rows)
{
	size_t files[MAX_FILES], n = item_files(w, files, MAX_FILES), i;
	char line[512];

	/* L10N: above the files of an item; keep the keys */
	draw_text(y, 1, _("Files (x or Enter exports, Esc back):"), COLS - 1, A_BOLD);
	for (i = 0; i < n && i < MAX_FILES && (int)i + 1 < rows; i++) {
		const struct check_evidence_row *e = &w->v.evidence[files[i]];

		snprintf(line, sizeof(line), "%c %.16s  %8lld  %s", i == w->pick ? '>' : ' ', e->sha256, e->size, e->name);
		draw_text(y + 1 + (int)i, 1, line, COLS - 1,
			  i == w->pick ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL);
	}
}

static void draw_note(struct tui *tui, struct walk *w, int y, int rows)
{
	const struct scenario *sc = current_scenario(w);
	const struct checklist_item *it = current_item(w);
	char line[256];

	/* L10N: above the note editor: scenario, item; keep the keys */
	snprintf(line, sizeof(line), _("Note on %d.%d (Enter new line, F2 or ^O saves, Esc cancels):"), sc->id,
		 it->number);
	draw_text(y, 1, line, COLS - 1, A_BOLD);
	if (rows > 1)
		textarea_draw(tui, &w->note, y + 1, 2, COLS - 3, rows - 1, A_UNDERLINE);
	if (w->mode == MODE_NOTE_DISCARD)
		/* L10N: Esc in a changed note; keep y/n */
		tui_say(tui, false, "%s", _("Throw away the changes to the note? y/n"));
}

static const char *prompt_label(const struct walk *w)
{
	const struct checklist_item *it = current_item(w);
	static char label[256];

	switch (w->prompt) {
	case PROMPT_BEFORE:
		/* L10N: a measure's first prompt in the walk: the figure before, with its unit */
		snprintf(label, sizeof(label), _("Before (%s):"), it->unit && *it->unit ? it->unit : _("a number"));
		return label;
	case PROMPT_VALUE:
		if (it->kind == ITEM_TEXT)
			/* L10N: prompts of the walk, on the last line */
			return _("Text:");
		if (it->kind == ITEM_MEASURE)
			/* L10N: a measure's second prompt in the walk: the figure after, with its unit */
			snprintf(label, sizeof(label), _("After (%s):"), it->unit && *it->unit ? it->unit : _("a number"));
		else
			snprintf(label, sizeof(label), _("Value (%s):"), it->unit && *it->unit ? it->unit : _("a number"));
		return label;
	case PROMPT_REASON: return _("Reason for the amendment:");
	case PROMPT_ATTACH: return _("Attach file:");
	case PROMPT_EXPORT: return _("Export to:");
	/* L10N: prompts for an open finding: the corrective action, then its due date */
	case PROMPT_ACTION: return _("Corrective action asked for:");
	case PROMPT_DUE: return _("Due date (YYYY-MM-DD):");
	default: return _("Report file (.txt .md .html):");
	}
}

static void draw_prompt(struct tui *tui, struct walk *w, int y)
{
	const char *label = prompt_label(w);
	int cells = utf8_width(label) + 2;

	draw_text(y, 1, label, cells, A_BOLD);
	if (COLS - 1 - cells > 1)
		tui_cursor(tui, y, field_draw(&w->field, y, 1 + cells, COLS - 2 - cells, A_UNDERLINE, true));
}

static void walk_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct walk *w = view->data;
	const struct scenario *sc = current_scenario(w);
	int rows, y, below, cells, bottom = top + height - (w->mode == MODE_PROMPT ? 1 : 0);
	char rule[512];

	if (!sc || !sc->item_count || height < 6) {
		draw_text(top, 1, _("This check has no items"), COLS - 1, A_NORMAL);
		return;
	}
	draw_header(tui, w, top);
	rows = (int)sc->item_count;
	if (rows > (height - 3) / 2)
		rows = (height - 3) / 2 > 1 ? (height - 3) / 2 : 1;
	y = top + 2 + draw_items(tui, w, top + 2, rows);
	cells = COLS < (int)sizeof(rule) ? COLS : (int)sizeof(rule) - 1;
	memset(rule, '-', (size_t)cells);
	rule[cells] = '\0';
	draw_text(y, 0, rule, cells, A_DIM);
	y++;
	below = bottom - y;
	switch (w->mode) {
	case MODE_NOTE: case MODE_NOTE_DISCARD: draw_note(tui, w, y, below); break;
	case MODE_CHOICE: draw_choices(tui, w, y, below); break;
	case MODE_EVIDENCE: draw_evidence(tui, w, y, below); break;
	default: draw_details(tui, w, y, below); break;
	}
	if (w->mode == MODE_PROMPT)
		draw_prompt(tui, w, bottom);
}

/* ---- open and close ----------------------------------------------------- */

static void walk_free(struct walk *w)
{
	if (w->loaded)
		check_view_clear(&w->v);
	field_free(&w->field);
	textarea_free(&w->note);
	clear_pending(w);
	free(w);
}

static enum status walk_open(struct tui *tui, struct view *view, struct error *err)
{
	struct walk *w = calloc(1, sizeof(*w));
	enum status status;
	int scenario, item;

	if (!w)
		return STATUS_ERR_NOMEM;
	field_init(&w->field, 0);
	textarea_init(&w->note);
	status = check_resolve(tui->store, view->arg, w->id, err);
	if (!status)
		status = reload(w, tui, err);
	if (status) {
		walk_free(w);
		return status;
	}
	if (settings_walk_load(w->id, &scenario, &item))
		go_to(w, scenario, item);
	view->data = w;
	return STATUS_OK;
}

static void walk_close(struct tui *tui, struct view *view)
{
	(void)tui;
	walk_free(view->data);
	view->data = NULL;
}

const struct view_ops walk_view_ops = {
	.name = "walk",
	.open = walk_open,
	.draw = walk_draw,
	.key = walk_key,
	.close = walk_close,
	VIEW_TITLE_AT(struct walk, title),
	.mouse = walk_mouse,
	.hints = walk_hints,
};
