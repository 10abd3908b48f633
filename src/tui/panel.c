/* One expert panel: its members with their scores (the chair marked), each
 * member's notes, the consensus opinion and its signature. s (or Enter)
 * scores the member under the cursor, N writes a note for them, o records
 * the opinion, S signs it (after a confirmation naming the step the case
 * will take). A click on a member, or on one of their notes, puts the
 * cursor on them; a second click on the member does what Enter does.
 * Every change is written at once; a signed panel is read-only. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/cases.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "field.h"
#include "form.h"
#include "panels_private.h"

enum panel_mode { MODE_VIEW, MODE_SCORE, MODE_NOTE, MODE_OPINION, MODE_SIGN };
enum { NOTE_SCENARIO, NOTE_CRITERION, NOTE_TEXT, NOTE_SAVE };
enum { OPINION_KIND, OPINION_TEXT, OPINION_ITEMS, OPINION_SAVE };

struct panel_screen {
	char id[33];
	struct panel_view v;
	bool loaded;
	size_t cursor, top;
	enum panel_mode mode;
	struct field score;
	struct form form;
	char title[200];
	int members_y, notes_y, bottom; /* where the last draw put the members and the notes, and its end */
};

static const enum action panel_hints[] = { ACTION_SCORE, ACTION_MEMBER_NOTE, ACTION_OPINION, ACTION_SIGN_OPINION,
					   ACTION_BACK, ACTION_HELP, ACTION_NONE };

static enum status load(struct tui *tui, struct panel_screen *s, struct error *err)
{
	struct panel_view v;
	enum status status = panel_load(tui->store, s->id, &v, err);

	if (status)
		return status;
	if (s->loaded)
		panel_view_clear(&s->v);
	s->v = v;
	s->loaded = true;
	if (s->cursor >= v.member_count)
		s->cursor = v.member_count ? v.member_count - 1 : 0;
	/* L10N: title of a panel: its number, its purpose, the enterprise */
	snprintf(s->title, sizeof(s->title), _("%s  %s  %s"), v.number, label_panel_purpose(tui->forms, v.level, v.purpose),
		 v.enterprise ? v.enterprise : "");
	return STATUS_OK;
}

static enum status panel_open(struct tui *tui, struct view *view, struct error *err)
{
	struct panel_screen *s = calloc(1, sizeof(*s));
	enum status status;

	if (!s)
		return STATUS_ERR_NOMEM;
	snprintf(s->id, sizeof(s->id), "%s", view->arg);
	field_init(&s->score, 5);
	status = load(tui, s, err);
	if (status) {
		field_free(&s->score);
		free(s);
		return status;
	}
	view->data = s;
	return STATUS_OK;
}

static const struct level_panel *level_panel(const struct tui *tui, const struct panel_screen *s)
{
	const struct level *level = forms_level(tui->forms, s->v.level);

	return level ? forms_level_panel(level, s->v.purpose) : NULL;
}

/* The step an opinion takes, and the state it leads to. */
static const struct level_step *opinion_step(const struct tui *tui, const struct panel_screen *s, const char *opinion)
{
	const struct level *level = forms_level(tui->forms, s->v.level);
	const struct level_panel *p = level_panel(tui, s);
	const char *key = !p || !opinion ? NULL : !strcmp(opinion, "pass") ? p->pass : !strcmp(opinion, "fail") ? p->fail
															: p->rectify;

	return key ? forms_level_step(level, key) : NULL;
}

static const char *member_name(const struct panel_screen *s, const char *code)
{
	size_t i;

	for (i = 0; i < s->v.member_count; i++)
		if (!strcmp(s->v.members[i].code, code))
			return s->v.members[i].name;
	return code;
}

/* Drawing: the panel's facts, the members, the notes, the opinion. */

struct cursor_line {
	int y, bottom;
};

static void put(struct cursor_line *at, int x, const char *text, attr_t attr)
{
	if (at->y < at->bottom)
		draw_text(at->y, x, text, COLS - x, attr);
	at->y++;
}

static void draw_facts(struct tui *tui, struct panel_screen *s, struct cursor_line *at)
{
	char line[512];

	/* L10N: a panel's facts on one line: date, status, score */
	snprintf(line, sizeof(line), _("Meeting %s   Status %s   Score %s"), s->v.meeting_on,
		 label_panel_status(s->v.status), s->v.score && *s->v.score ? s->v.score : "—");
	put(at, 1, line, A_NORMAL);
	/* L10N: heading of a panel's members */
	put(at, 1, _("Members"), draw_colour(tui, COLOUR_HEADER, A_BOLD));
}

static void draw_members(struct tui *tui, struct panel_screen *s, struct cursor_line *at)
{
	size_t i;

	s->members_y = at->y;
	for (i = 0; i < s->v.member_count; i++) {
		const struct panel_member_row *m = &s->v.members[i];
		char line[512];
		const char *score = m->score ? m->score : "—";
		int pad = 10 - utf8_width(m->name), score_pad = 6 - utf8_width(score);
		bool cursor = i == s->cursor;

		snprintf(line, sizeof(line), "%-5s  %s%*s %*s%s  %s", m->code, m->name, pad > 0 ? pad : 0, "",
			 score_pad > 0 ? score_pad : 0, "", score, m->affiliation ? m->affiliation : "");
		if (at->y < at->bottom) {
			draw_text(at->y, 0, cursor ? ">" : " ", 1, A_NORMAL);
			/* L10N: the mark beside the panel's chair; keep it 2 cells */
			draw_text(at->y, 2, m->chair ? _("★") : " ", 2, A_BOLD);
		}
		put(at, 4, line, cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL);
	}
}

static void draw_notes(struct tui *tui, struct panel_screen *s, struct cursor_line *at)
{
	size_t i;

	/* L10N: heading of a panel's notes; then each: member, scenario (0: the case as a whole), criterion */
	put(at, 1, _("Notes"), draw_colour(tui, COLOUR_HEADER, A_BOLD));
	s->notes_y = at->y;
	if (!s->v.note_count)
		/* L10N: a panel without notes */
		put(at, 2, _("none yet: N writes one for the member under the cursor"), A_DIM);
	for (i = 0; i < s->v.note_count; i++) {
		const struct panel_note_row *n = &s->v.notes[i];
		char line[1024], scenario[32], *text = strdup(n->note ? n->note : ""), *nl;

		if (n->scenario)
			snprintf(scenario, sizeof(scenario), "%02d", n->scenario);
		else
			/* L10N: a note on the case as a whole rather than on a scenario */
			snprintf(scenario, sizeof(scenario), "%s", _("all"));
		for (nl = text ? strchr(text, '\n') : NULL; nl; nl = strchr(nl, '\n'))
			*nl = ' ';
		snprintf(line, sizeof(line), "%s  %s  %s: %s", member_name(s, n->code), scenario, n->criterion ? n->criterion : "",
			 text ? text : "");
		put(at, 2, line, A_NORMAL);
		free(text);
	}
}

static void draw_opinion(struct tui *tui, struct panel_screen *s, struct cursor_line *at)
{
	char line[1024];
	size_t i;

	/* L10N: heading of a panel's consensus opinion, then the opinion */
	snprintf(line, sizeof(line), _("Opinion: %s"), panels_opinion_name(s->v.opinion));
	put(at, 1, line, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (s->v.opinion_text && *s->v.opinion_text)
		put(at, 2, s->v.opinion_text, A_NORMAL);
	for (i = 0; i < s->v.finding_count; i++) {
		const struct panel_finding_row *f = &s->v.findings[i];

		/* L10N: a rectification item of the opinion: number, text, due date, status */
		snprintf(line, sizeof(line), _("%d. %s  (due %s, %s)"), f->item, f->action ? f->action : "",
			 *f->due_on ? f->due_on : "—", label_finding_status(f->status));
		put(at, 2, line, A_NORMAL);
	}
	if (s->v.signed_by && *s->v.signed_by) {
		/* L10N: a signed panel: who signed, when, the content's SHA-256 */
		snprintf(line, sizeof(line), _("Signed by %s on %s, SHA-256 %.16s…"), s->v.signed_by,
			 s->v.signed_at ? s->v.signed_at : "", s->v.hash ? s->v.hash : "");
		put(at, 1, line, A_BOLD);
	}
}

static void draw_prompt(struct tui *tui, struct panel_screen *s)
{
	char label[256];
	int x;

	/* L10N: the prompt for a member's score */
	snprintf(label, sizeof(label), _("Score of %s (0-100): "), s->v.members[s->cursor].name);
	x = draw_text(LINES - 2, 0, label, COLS, A_BOLD);
	tui_cursor(tui, LINES - 2, field_draw(&s->score, LINES - 2, x, 8, A_UNDERLINE, true));
}

static void panel_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct panel_screen *s = view->data;
	struct cursor_line at = { top, top + height };

	s->bottom = top + height;
	if (s->mode == MODE_NOTE || s->mode == MODE_OPINION) {
		form_draw(tui, &s->form, top, height);
		return;
	}
	draw_facts(tui, s, &at);
	draw_members(tui, s, &at);
	at.y++;
	draw_notes(tui, s, &at);
	at.y++;
	draw_opinion(tui, s, &at);
	if (s->mode == MODE_SCORE && s->v.member_count)
		draw_prompt(tui, s);
}

/* Writes. */

static bool read_only(struct tui *tui, const struct panel_screen *s)
{
	if (strcmp(s->v.status, "open")) {
		/* L10N: a key that would change a signed panel */
		tui_say(tui, true, _("%s is signed: its record is read-only"), s->v.number);
		return true;
	}
	return false;
}

static void reload(struct tui *tui, struct panel_screen *s)
{
	struct error err = { "" };

	if (load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
}

static void save_score(struct tui *tui, struct panel_screen *s)
{
	char *text = field_text(&s->score), *end = NULL;
	struct error err = { "" };
	double score = text ? strtod(text, &end) : 0;
	const struct panel_member_row *m = &s->v.members[s->cursor];

	if (!text || !*text || *end) {
		/* L10N: a score that is not a number */
		tui_say(tui, true, _("Score %s: expected a number from 0 to 100"), text ? text : "");
	} else if (panel_member_score(tui->store, s->v.id, m->code, score, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else {
		s->mode = MODE_VIEW;
		/* L10N: after a score was written: the member, the score */
		tui_say(tui, false, _("%s scored %s"), m->name, text);
		reload(tui, s);
	}
	free(text);
}

static void start_score(struct tui *tui, struct panel_screen *s)
{
	if (!read_only(tui, s) && s->v.member_count) {
		field_set(&s->score, s->v.members[s->cursor].score ? s->v.members[s->cursor].score : "");
		s->mode = MODE_SCORE;
	}
}

static void start_note(struct tui *tui, struct panel_screen *s)
{
	form_free(&s->form);
	form_init(&s->form);
	s->form.pops = false; /* leaving the form goes back to the panel */
	/* L10N: labels of a member's note on a panel; the scenario's 0 is the
	 * case as a whole */
	form_add(&s->form, FORM_TEXT, _("Scenario (0 = all)"), "0");
	form_add(&s->form, FORM_TEXT, _("Criterion"), NULL);
	form_add(&s->form, FORM_AREA, _("Note"), NULL);
	form_add(&s->form, FORM_BUTTON, _("Save the note"), NULL);
	s->mode = MODE_NOTE;
	/* L10N: the status line when a member's note opens: the member */
	tui_say(tui, false, _("Note for %s: Enter edits a field, Esc leaves"), s->v.members[s->cursor].name);
}

static void save_note(struct tui *tui, struct panel_screen *s)
{
	char *scenario = form_value(&s->form, NOTE_SCENARIO), *criterion = form_value(&s->form, NOTE_CRITERION);
	char *note = form_value(&s->form, NOTE_TEXT), *end = NULL;
	long number = scenario ? strtol(scenario, &end, 10) : -1;
	const struct panel_member_row *m = &s->v.members[s->cursor];
	struct error err = { "" };

	if (!scenario || !criterion || !note)
		goto cleanup;
	if (!*scenario || *end || number < 0 || number > INT_MAX ||
	    (number && !forms_scenario_exists(tui->forms, (int)number)))
		/* L10N: the scenario of a note: 0 is the case as a whole; %zu is the number
		 * of scenarios of the forms (the 2025 guide has forty) */
		tui_say(tui, true, _("Scenario %s: expected 0 (the whole case) to %zu"), scenario,
			forms_scenario_count(tui->forms));
	else if (panel_note(tui->store, s->v.id, m->code, (int)number, criterion, note, &err))
		tui_say(tui, true, "%s", err.message);
	else {
		s->mode = MODE_VIEW;
		/* L10N: after a note was written: the member */
		tui_say(tui, false, _("Note written for %s"), m->name);
		reload(tui, s);
	}
cleanup:
	free(scenario);
	free(criterion);
	free(note);
}

static void start_opinion(struct tui *tui, struct panel_screen *s)
{
	static const char *const kinds[] = { "pass", "fail", "rectify" };
	size_t i;

	form_free(&s->form);
	form_init(&s->form);
	s->form.pops = false;
	/* L10N: labels of a panel's consensus opinion */
	form_add(&s->form, FORM_PICK_ONE, _("Opinion"), NULL);
	form_add(&s->form, FORM_AREA, _("Text"), s->v.opinion_text);
	form_add(&s->form, FORM_AREA, _("Rectification"), NULL);
	form_add(&s->form, FORM_BUTTON, _("Save the opinion"), NULL);
	for (i = 0; i < 3; i++) {
		const struct level_step *step = opinion_step(tui, s, kinds[i]);
		char label[256];

		if (!step && !strcmp(kinds[i], "rectify") && level_panel(tui, s))
			continue; /* the panel knows no pass after rectification */

		snprintf(label, sizeof(label), "%s → %s", panels_opinion_name(kinds[i]),
			 step ? tui_state_name(tui, s->v.level, step->to) : "?");
		form_option(&s->form, OPINION_KIND, kinds[i], label,
			    s->v.opinion ? !strcmp(s->v.opinion, kinds[i]) : i == 0);
	}
	s->mode = MODE_OPINION;
	/* L10N: the status line when the opinion form opens; the rectification items are one a line */
	tui_say(tui, false, "%s", _("Rectification items: one a line, a due date first (2027-01-31 text)"));
}

/* Whether the first word of line is meant as a date: digits and dashes
 * only, both of them ("2027-01-31", "0000-00-00", "2027-1-5"). */
static bool starts_with_date(const char *line)
{
	size_t n = strspn(line, "0123456789-");

	return n && (!line[n] || line[n] == ' ') && memchr(line, '-', n) && strcspn(line, "0123456789") < n;
}

/* "2027-01-31 补充数据" or "补充数据": the items of a rectification, one a
 * line; an item without a date gets the store's default. A first word
 * meant as a date must be a day of the calendar. */
static enum status parse_items(char *text, struct panel_item *items, size_t max, size_t *count, struct error *err)
{
	char *line, *save = NULL;

	*count = 0;
	for (line = strtok_r(text, "\n", &save); line && *count < max; line = strtok_r(NULL, "\n", &save)) {
		struct date due = { 0, 0, 0 };

		while (*line == ' ')
			line++;
		if (!*line)
			continue;
		if (starts_with_date(line)) {
			size_t n = strcspn(line, " ");
			char name[64], save_char = line[n];
			enum status status;

			line[n] = '\0';
			/* L10N: the name of a rectification item's due date in a refusal: its number */
			snprintf(name, sizeof(name), _("rectification item %zu"), *count + 1);
			status = date_parse_named(name, line, &due, err);
			line[n] = save_char;
			if (status)
				return status;
			line += n;
		}
		while (*line == ' ')
			line++;
		items[(*count)++] = (struct panel_item){ line, due };
	}
	return STATUS_OK;
}

static void save_opinion(struct tui *tui, struct panel_screen *s)
{
	char *kind = form_value(&s->form, OPINION_KIND), *text = form_value(&s->form, OPINION_TEXT);
	char *items_text = form_value(&s->form, OPINION_ITEMS);
	struct panel_item items[32];
	struct error err = { "" };
	size_t count;

	if (!kind || !text || !items_text)
		goto cleanup;
	if (parse_items(items_text, items, 32, &count, &err) ||
	    panel_opinion(tui->store, tui->forms, s->v.id, kind, text, items, count, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else {
		s->mode = MODE_VIEW;
		/* L10N: after the consensus opinion was written */
		tui_say(tui, false, _("Opinion written: %s"), panels_opinion_name(kind));
		reload(tui, s);
	}
cleanup:
	free(kind);
	free(text);
	free(items_text);
}

static void ask_sign(struct tui *tui, struct panel_screen *s)
{
	const struct level_step *step = opinion_step(tui, s, s->v.opinion);

	if (!s->v.opinion || !*s->v.opinion) {
		/* L10N: S before the opinion was recorded */
		tui_say(tui, true, "%s", _("No consensus opinion yet: o records it"));
		return;
	}
	s->mode = MODE_SIGN;
	/* L10N: confirmation before signing: the opinion, the step the case takes, the state it leads to; keep y/n */
	tui_say(tui, false, _("Sign '%s'? The case takes step '%s' → %s. y/n"), panels_opinion_name(s->v.opinion),
		step ? (i18n_chinese() ? step->zh : step->en) : "?", step ? tui_state_name(tui, s->v.level, step->to) : "?");
}

static void sign(struct tui *tui, struct panel_screen *s)
{
	struct error err = { "" };
	struct case_detail d;
	char hash[65];

	s->mode = MODE_VIEW;
	if (panel_sign(tui->store, tui->forms, s->v.id, hash, &err) ||
	    store_case_detail(tui->store, s->v.case_number, &d, &err)) {
		tui_say(tui, true, "%s", err.message);
		reload(tui, s);
		return;
	}
	/* L10N: after the opinion was signed: the start of its SHA-256, the case's new state */
	tui_say(tui, false, _("Signed (SHA-256 %.12s…): the case is now %s"), hash,
		tui_state_name(tui, d.row.level, d.row.state));
	case_detail_clear(&d);
	reload(tui, s);
}

static bool form_mode_key(struct tui *tui, struct panel_screen *s, enum action action, int code, wint_t ch)
{
	size_t pressed;
	bool handled = form_key(tui, &s->form, action, code, ch, &pressed);

	if (s->form.leaving || (!handled && action == ACTION_BACK)) {
		s->mode = MODE_VIEW;
		/* L10N: a note or opinion form left without saving */
		tui_say(tui, false, "%s", _("Not saved"));
		return true;
	}
	if (!handled)
		return action != ACTION_QUIT && action != ACTION_HELP;
	if (pressed == NOTE_SAVE && s->mode == MODE_NOTE)
		save_note(tui, s);
	else if (pressed == OPINION_SAVE && s->mode == MODE_OPINION)
		save_opinion(tui, s);
	return true;
}

static bool panel_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	struct panel_screen *s = view->data;
	enum action action = keymap_action_in(KEYMAP_PANEL, code, ch);

	switch (s->mode) {
	case MODE_SCORE:
		if (global == ACTION_OPEN)
			save_score(tui, s);
		else if (!code && ch == 0x1b)
			s->mode = MODE_VIEW;
		else
			field_key(&s->score, code, ch);
		return true;
	case MODE_SIGN:
		s->mode = MODE_VIEW;
		if (!code && (ch == L'y' || ch == L'Y'))
			sign(tui, s);
		else
			/* L10N: the signature's confirmation answered no */
			tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
		return true;
	case MODE_NOTE: case MODE_OPINION:
		return form_mode_key(tui, s, global, code, ch);
	default:
		break;
	}
	switch (action) {
	case ACTION_DOWN: if (s->cursor + 1 < s->v.member_count) s->cursor++; return true;
	case ACTION_UP: if (s->cursor > 0) s->cursor--; return true;
	case ACTION_HOME: s->cursor = 0; return true;
	case ACTION_END: s->cursor = s->v.member_count ? s->v.member_count - 1 : 0; return true;
	case ACTION_SCORE: case ACTION_OPEN:
		start_score(tui, s);
		return true;
	case ACTION_MEMBER_NOTE:
		if (!read_only(tui, s) && s->v.member_count)
			start_note(tui, s);
		return true;
	case ACTION_OPINION:
		if (!read_only(tui, s))
			start_opinion(tui, s);
		return true;
	case ACTION_SIGN_OPINION:
		if (!read_only(tui, s))
			ask_sign(tui, s);
		return true;
	default:
		return false;
	}
}

/* A click on a member selects them, a second one does what Enter does; a
 * click on a note selects its member. While a prompt or a form is open,
 * the mouse does nothing; the wheel moves the cursor (the engine's
 * default). */
static bool panel_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct panel_screen *s = view->data;
	size_t at, i;

	(void)x;
	if (s->mode != MODE_VIEW)
		return true;
	if (wheel)
		return false;
	if (y >= s->bottom)
		return true;
	if (tui_list_hit(y, s->members_y, 0, s->v.member_count, &at)) {
		if (at == s->cursor)
			start_score(tui, s);
		s->cursor = at;
	} else if (tui_list_hit(y, s->notes_y, 0, s->v.note_count, &at)) {
		for (i = 0; i < s->v.member_count; i++)
			if (!strcmp(s->v.members[i].code, s->v.notes[at].code))
				s->cursor = i;
	}
	return true;
}

static void panel_close(struct tui *tui, struct view *view)
{
	struct panel_screen *s = view->data;

	(void)tui;
	if (s->loaded)
		panel_view_clear(&s->v);
	field_free(&s->score);
	form_free(&s->form);
	free(s);
	view->data = NULL;
}

const struct view_ops panel_view_ops = {
	.name = "panel",
	.open = panel_open,
	.draw = panel_draw,
	.key = panel_key,
	.close = panel_close,
	VIEW_TITLE_AT(struct panel_screen, title),
	.mouse = panel_mouse,
	.hints = panel_hints,
};
