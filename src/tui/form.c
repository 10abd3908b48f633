/* A small form of labelled rows (form.h): fields, a multi-line text,
 * searchable pickers of one or many options, a button. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/dates.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "form.h"

void form_init(struct form *form)
{
	memset(form, 0, sizeof(*form));
	field_init(&form->filter, 0);
	form->left = FORM_NONE;
	form->pops = true;
}

size_t form_add(struct form *form, enum form_kind kind, const char *label, const char *text)
{
	struct form_row *row;
	int cells = utf8_width(label);

	if (form->count == FORM_MAX_ROWS)
		return FORM_MAX_ROWS - 1;
	row = &form->rows[form->count];
	memset(row, 0, sizeof(*row));
	row->kind = kind;
	row->label = label;
	field_init(&row->field, 0);
	textarea_init(&row->area);
	if (kind == FORM_TEXT && text)
		field_set(&row->field, text);
	if (kind == FORM_AREA && text)
		textarea_set(&row->area, text);
	if (kind != FORM_BUTTON && cells > form->label_cells)
		form->label_cells = cells;
	form->count++;
	form_saved(form, form->count - 1);
	return form->count - 1;
}

bool form_option(struct form *form, size_t at, const char *key, const char *label, bool picked)
{
	struct form_row *row = &form->rows[at];
	struct form_option *option;

	if (row->option_count == row->option_capacity) {
		size_t capacity = row->option_capacity ? 2 * row->option_capacity : 16;
		void *grown = realloc(row->options, capacity * sizeof(*row->options));

		if (!grown)
			return false;
		row->options = grown;
		row->option_capacity = capacity;
	}
	option = &row->options[row->option_count];
	memset(option, 0, sizeof(*option));
	option->key = strdup(key);
	option->label = strdup(label);
	option->picked = picked;
	if (!option->key || !option->label) {
		free(option->key);
		free(option->label);
		return false;
	}
	row->option_count++;
	return form_saved(form, at); /* the ticks given with the options are the saved ones */
}

bool form_option_heading(struct form *form, size_t at, const char *label)
{
	struct form_row *row = &form->rows[at];

	if (!form_option(form, at, "", label, false))
		return false;
	row->options[row->option_count - 1].heading = true;
	return true;
}

bool form_option_search(struct form *form, size_t at, const char *text)
{
	struct form_row *row = &form->rows[at];
	struct form_option *option = row->option_count ? &row->options[row->option_count - 1] : NULL;

	if (!option)
		return false;
	free(option->search);
	return (option->search = strdup(text)) != NULL;
}

void form_options_clear(struct form *form, size_t at)
{
	struct form_row *row = &form->rows[at];
	size_t i;

	for (i = 0; i < row->option_count; i++) {
		free(row->options[i].key);
		free(row->options[i].label);
		free(row->options[i].search);
	}
	row->option_count = 0;
}

void form_set_check(struct form *form, size_t at, form_check_fn *check)
{
	if (at < form->count)
		form->rows[at].check = check;
}

bool form_check_date(const char *text, char *message, size_t size)
{
	struct error err;
	struct date d;

	if (!date_parse_named(NULL, text, &d, &err))
		return true;
	snprintf(message, size, "%s", tui_without_value(err.message, text));
	return false;
}

bool form_saved(struct form *form, size_t at)
{
	struct form_row *row = &form->rows[at];

	free(row->saved);
	row->saved = row->kind == FORM_BUTTON ? NULL : form_value(form, at);
	return row->kind == FORM_BUTTON || row->saved;
}

/* Whether `key` is one of the keys joined by `,` in `list`. */
static bool listed(const char *list, const char *key)
{
	size_t n = strlen(key);

	for (; *list; list += strcspn(list, ","), list += *list == ',')
		if (!strncmp(list, key, n) && (list[n] == ',' || !list[n]))
			return true;
	return false;
}

void form_set_value(struct form *form, size_t at, const char *value)
{
	struct form_row *row = &form->rows[at];
	size_t i;

	if (row->kind == FORM_TEXT)
		field_set(&row->field, value);
	else if (row->kind == FORM_AREA)
		textarea_set(&row->area, value);
	for (i = 0; i < row->option_count; i++)
		row->options[i].picked = !row->options[i].heading &&
					 (row->kind == FORM_PICK_ONE ? !strcmp(row->options[i].key, value)
								     : listed(value, row->options[i].key));
}

bool form_row_unsaved(const struct form *form, size_t at)
{
	const struct form_row *row = &form->rows[at];
	char *value;
	bool unsaved;

	if (row->kind == FORM_BUTTON)
		return false;
	value = form_value(form, at);
	unsaved = !value || !row->saved || strcmp(value, row->saved);
	free(value);
	return unsaved;
}

bool form_unsaved(const struct form *form)
{
	size_t i;

	for (i = 0; i < form->count; i++)
		if (form_row_unsaved(form, i))
			return true;
	return false;
}

enum form_ask form_ask_leave(struct tui *tui, bool *asking, bool unsaved, enum action action, wint_t ch)
{
	if (*asking) {
		*asking = false;
		if (ch == L'y' || ch == L'Y')
			return FORM_ASK_LEAVE;
		/* L10N: a form kept after "Leave without saving?" was answered no */
		tui_say(tui, false, "%s", _("Kept: go on typing"));
		return FORM_ASK_KEPT;
	}
	if ((action != ACTION_BACK && action != ACTION_QUIT) || !unsaved)
		return FORM_ASK_NONE;
	*asking = true;
	/* L10N: q or Esc on a form holding text not yet written */
	tui_say(tui, true, "%s", _("Leave without saving? y/n"));
	return FORM_ASK_KEPT;
}

/* Esc outside a field: the first refused row (an error beside a value not
 * saved) holds its saved value again; false when there is none. */
static bool restore_refused(struct form *form)
{
	size_t i;

	for (i = 0; i < form->count; i++) {
		struct form_row *row = &form->rows[i];

		if (!row->message[0] || !row->message_is_error || !form_row_unsaved(form, i))
			continue;
		form_set_value(form, i, row->saved ? row->saved : "");
		row->message[0] = '\0';
		form->focus = i;
		return true;
	}
	return false;
}

bool form_leave_key(struct tui *tui, struct form *form, enum action action, wint_t ch)
{
	enum form_ask ask;

	if (!form->asking && action == ACTION_BACK && ch == 0x1b && restore_refused(form)) {
		/* L10N: Esc put a refused field back as it was saved */
		tui_say(tui, false, "%s", _("Put back as saved"));
		return true;
	}
	ask = form_ask_leave(tui, &form->asking, form_unsaved(form), action, ch);
	if (ask != FORM_ASK_LEAVE)
		return ask == FORM_ASK_KEPT;
	if (form->pops)
		tui_pop(tui); /* frees the form */
	else
		form->leaving = true;
	return true;
}

/* Runs the row's check on its text; true when it will do. */
static bool check_row(struct form *form, size_t at)
{
	struct form_row *row = &form->rows[at];
	char *text;
	bool ok;

	row->message[0] = '\0';
	if (!row->check)
		return true;
	text = form_value(form, at);
	ok = text && row->check(text, row->message, sizeof(row->message));
	row->message_is_error = !ok;
	free(text);
	return ok;
}

size_t form_check(struct form *form)
{
	size_t i, bad = form->count;

	for (i = 0; i < form->count; i++)
		if (!check_row(form, i) && bad == form->count)
			bad = i;
	if (bad < form->count)
		form->focus = bad;
	return bad;
}

char *form_value(const struct form *form, size_t at)
{
	const struct form_row *row = &form->rows[at];
	size_t i, size = 1;
	char *out;

	if (row->kind == FORM_TEXT)
		return field_text(&row->field);
	if (row->kind == FORM_AREA)
		return textarea_text(&row->area);
	for (i = 0; i < row->option_count; i++)
		size += strlen(row->options[i].key) + 1;
	if (!(out = calloc(1, size)))
		return NULL;
	for (i = 0; i < row->option_count; i++)
		if (row->options[i].picked) {
			if (*out)
				strcat(out, ",");
			strcat(out, row->options[i].key);
		}
	return out;
}

static bool matches(const struct form_option *o, const char *filter)
{
	return !filter || !*filter || strcasestr(o->label, filter) || strcasestr(o->key, filter) ||
	       (o->search && strcasestr(o->search, filter));
}

/* The cursor on an option, not a heading: from `at` on in `direction`,
 * else the other way. */
static void settle(struct form *form, size_t at, int direction)
{
	const struct form_row *row = &form->rows[form->focus];
	int pass, i;

	for (pass = 0; pass < 2; pass++, direction = -direction)
		for (i = (int)at; i >= 0 && i < (int)form->shown_count; i += direction)
			if (!row->options[form->shown[i]].heading) {
				form->pick_cursor = (size_t)i;
				return;
			}
	form->pick_cursor = 0;
}

/* What the picker shows: the options matching the filter (key, label or
 * search text), under their headings. */
static void filter_options(struct form *form)
{
	struct form_row *row = &form->rows[form->focus];
	char *filter = field_text(&form->filter);
	size_t i, heading = FORM_NONE;

	free(form->shown);
	form->shown = calloc(row->option_count ? row->option_count : 1, sizeof(*form->shown));
	form->shown_count = 0;
	for (i = 0; form->shown && i < row->option_count; i++) {
		if (row->options[i].heading) {
			heading = i;
		} else if (matches(&row->options[i], filter)) {
			if (heading != FORM_NONE)
				form->shown[form->shown_count++] = heading;
			heading = FORM_NONE;
			form->shown[form->shown_count++] = i;
		}
	}
	free(filter);
	form->pick_top = 0;
	settle(form, 0, 1);
}

static void open_picker(struct form *form)
{
	struct form_row *row = &form->rows[form->focus];
	size_t i;

	free(form->picked_before);
	form->picked_before = calloc(row->option_count ? row->option_count : 1, sizeof(bool));
	for (i = 0; form->picked_before && i < row->option_count; i++)
		form->picked_before[i] = row->options[i].picked;
	field_set(&form->filter, "");
	form->filtering = false;
	form->picking = true;
	row->message[0] = '\0';
	filter_options(form);
	for (i = 0; row->kind == FORM_PICK_ONE && i < form->shown_count; i++)
		if (row->options[form->shown[i]].picked)
			form->pick_cursor = i;
}

static void move_focus(struct form *form, int by)
{
	if (by < 0 && form->focus > 0)
		form->focus--;
	else if (by > 0 && form->focus + 1 < form->count)
		form->focus++;
}

static void choose(struct form *form)
{
	struct form_row *row = &form->rows[form->focus];
	size_t i;

	form->picking = false;
	if (row->kind == FORM_PICK_ONE && form->pick_cursor < form->shown_count)
		for (i = 0; i < row->option_count; i++)
			row->options[i].picked = i == form->shown[form->pick_cursor];
	form->left = form->focus;
	move_focus(form, 1);
}

static void cancel_picker(struct form *form)
{
	struct form_row *row = &form->rows[form->focus];
	size_t i;

	for (i = 0; form->picked_before && i < row->option_count; i++)
		row->options[i].picked = form->picked_before[i];
	form->picking = false;
}

static bool is_enter(int code, wint_t ch)
{
	return code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'));
}

static bool filter_key(struct form *form, int code, wint_t ch)
{
	if (!code && ch == 0x1b)
		field_set(&form->filter, "");
	if ((!code && ch == 0x1b) || is_enter(code, ch))
		form->filtering = false;
	else if (!field_key(&form->filter, code, ch))
		return false;
	filter_options(form);
	return true;
}

static bool picker_key(struct form *form, enum action action, int code, wint_t ch)
{
	struct form_row *row = &form->rows[form->focus];
	size_t page = LINES > 6 ? (size_t)LINES - 5 : 1;

	if (form->filtering && filter_key(form, code, ch))
		return true;
	if (!code && ch == L'/') {
		form->filtering = true;
	} else if (row->kind == FORM_PICK_MANY && !code && (ch == L'x' || ch == L' ')) {
		if (form->pick_cursor < form->shown_count && !row->options[form->shown[form->pick_cursor]].heading)
			row->options[form->shown[form->pick_cursor]].picked ^= true;
	} else if (action == ACTION_BACK) {
		cancel_picker(form);
	} else if (action == ACTION_UP || action == ACTION_PAGE_UP || action == ACTION_HOME) {
		size_t by = action == ACTION_UP ? 1 : action == ACTION_PAGE_UP ? page : form->shown_count;

		settle(form, form->pick_cursor > by ? form->pick_cursor - by : 0, -1);
	} else if (action == ACTION_DOWN || action == ACTION_PAGE_DOWN || action == ACTION_END) {
		size_t by = action == ACTION_DOWN ? 1 : action == ACTION_PAGE_DOWN ? page : form->shown_count;

		settle(form, form->pick_cursor + by < form->shown_count ? form->pick_cursor + by
				     : form->shown_count ? form->shown_count - 1 : 0, 1);
	} else if (action == ACTION_OPEN) {
		choose(form);
	} else if (action == ACTION_QUIT || action == ACTION_HELP) {
		return false;
	}
	return true;
}

static bool editing_key(struct form *form, int code, wint_t ch)
{
	struct form_row *row = &form->rows[form->focus];

	if (row->kind == FORM_AREA) {
		if (code == KEY_F(2) || (!code && (ch == 0x0f || ch == 0x1b))) {
			form->editing = false;
			form->left = form->focus;
		} else if (!textarea_key(&row->area, code, ch) && !code) {
			form->refused = ch;
		}
		return true;
	}
	if (code == KEY_UP || code == KEY_BTAB) {
		form->editing = false;
		check_row(form, form->focus);
		form->left = form->focus;
		move_focus(form, -1);
	} else if (code == KEY_DOWN || is_enter(code, ch) || (!code && ch == L'\t')) {
		form->editing = false;
		check_row(form, form->focus);
		form->left = form->focus;
		move_focus(form, 1);
	} else if (!code && ch == 0x1b) {
		field_set(&row->field, form->before_edit ? form->before_edit : "");
		form->editing = false;
		check_row(form, form->focus);
	} else if (!field_key(&row->field, code, ch) && !code) {
		form->refused = ch;
	}
	return true;
}

bool form_key(struct tui *tui, struct form *form, enum action action, int code, wint_t ch, size_t *pressed)
{
	struct form_row *row = &form->rows[form->focus];
	bool handled = true;

	*pressed = FORM_NONE;
	form->left = FORM_NONE;
	form->leaving = false;
	form->refused = 0;
	if (code == KEY_F(1))
		return false;
	if (!form->picking && !form->editing && (form->asking || action == ACTION_BACK || action == ACTION_QUIT))
		return form_leave_key(tui, form, action, ch);
	if (form->picking)
		handled = picker_key(form, action, code, ch);
	else if (form->editing)
		handled = editing_key(form, code, ch);
	else if (action == ACTION_UP || action == ACTION_TAB_PREV)
		move_focus(form, -1);
	else if (action == ACTION_DOWN || action == ACTION_TAB_NEXT)
		move_focus(form, 1);
	else if (action == ACTION_HOME)
		form->focus = 0;
	else if (action == ACTION_END)
		form->focus = form->count ? form->count - 1 : 0;
	else if (action == ACTION_OPEN && row->kind == FORM_BUTTON)
		*pressed = form->focus;
	else if (action == ACTION_OPEN && (row->kind == FORM_PICK_ONE || row->kind == FORM_PICK_MANY))
		open_picker(form);
	else if (action == ACTION_OPEN) {
		free(form->before_edit);
		form->before_edit = row->kind == FORM_TEXT ? field_text(&row->field) : NULL;
		form->editing = true;
		row->message[0] = '\0';
	} else
		handled = false;
	form_hint(tui, form);
	if (form->refused)
		field_say_refused(tui, 0, form->refused);
	return handled;
}

void form_hint(struct tui *tui, const struct form *form)
{
	const struct form_row *row = &form->rows[form->focus];

	if (form->editing && row->kind == FORM_AREA)
		/* L10N: status line in a multi-line text of a form */
		tui_say(tui, false, "%s", _("Enter: new line   F2 ^O Esc: done"));
	else if (form->editing)
		/* L10N: status line while a field of a form is edited */
		tui_say(tui, false, "%s", _("Enter Tab ↓: done   ↑: back   ^U: clear"));
	else if (form->picking && row->kind == FORM_PICK_MANY)
		/* L10N: status line in a picker of many */
		tui_say(tui, false, "%s", _("x Space: tick / untick   /: search   Enter: done   Esc: cancel"));
	else if (form->picking)
		/* L10N: status line in a picker of one */
		tui_say(tui, false, "%s", _("Enter: choose   /: search   Esc: cancel"));
}

/* "张伟, 李娜" for a picker row: the labels of what is picked. */
static void picked_text(const struct form_row *row, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < row->option_count && used < size; i++)
		if (row->options[i].picked)
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : "", row->options[i].label);
}

static void draw_picker(struct tui *tui, struct form *form, int top, int height)
{
	struct form_row *row = &form->rows[form->focus];
	char line[512];
	size_t i;
	int rows = height - 1, x;

	/* L10N: heading of a picker: the field's label */
	snprintf(line, sizeof(line), row->kind == FORM_PICK_ONE ? _("%s: choose one") : _("%s: tick any"), row->label);
	x = draw_text(top, 0, line, COLS, A_BOLD);
	if ((form->filtering || !field_is_empty(&form->filter)) && x + 5 < COLS) {
		draw_text(top, x + 2, "/", 1, A_BOLD);
		x = field_draw(&form->filter, top, x + 3, COLS - x - 3, A_UNDERLINE, form->filtering);
		if (form->filtering)
			tui_cursor(tui, top, x);
	}
	if (!form->shown_count)
		/* L10N: a picker whose search matches nothing */
		draw_text(top + 1, 4, _("(nothing matches)"), COLS - 4, A_DIM);
	if (form->pick_cursor < form->pick_top)
		form->pick_top = form->pick_cursor;
	if (rows > 0 && form->pick_cursor >= form->pick_top + (size_t)rows)
		form->pick_top = form->pick_cursor - (size_t)rows + 1;
	for (i = form->pick_top; i < form->shown_count && (int)(i - form->pick_top) < rows; i++) {
		const struct form_option *o = &row->options[form->shown[i]];
		int y = top + 1 + (int)(i - form->pick_top);
		bool cursor = i == form->pick_cursor;

		if (o->heading) {
			draw_text(y, 2, o->label, COLS - 2, draw_colour(tui, COLOUR_HEADER, A_BOLD));
			continue;
		}
		if (row->kind == FORM_PICK_MANY)
			snprintf(line, sizeof(line), "[%c] %s", o->picked ? 'x' : ' ', o->label);
		else
			snprintf(line, sizeof(line), "%s", o->label);
		draw_text(y, 2, cursor ? ">" : " ", 1, A_NORMAL);
		draw_text(y, 4, line, COLS - 4, cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL);
	}
}

void form_say(struct form *form, size_t row, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(form->rows[row].message, sizeof(form->rows[row].message), fmt, ap);
	va_end(ap);
	form->rows[row].message_is_error = error;
}

/* The cells a row's value keeps when its message is drawn beside it
 * (cells when there is none), or -1 when the message goes below. */
static int value_cells(const struct form_row *row, int value_width, int cells)
{
	int need;

	if (!row->message[0])
		return cells;
	need = value_width + 1 + 1 + utf8_width(row->message);
	return need <= cells ? value_width + 1 : -1;
}

/* The row's message beside its value (the value at x keeping `keep`
 * cells of `cells`) or, when keep is -1, below it, wrapped over the lines
 * there is room for; the lines the row takes. */
static int draw_message(struct tui *tui, const struct form_row *row, int y, int x, int keep, int cells, int height)
{
	attr_t attr = row->message_is_error ? draw_colour(tui, COLOUR_ERROR, A_BOLD) : A_NORMAL;
	const char *rest = row->message;
	int lines = 1;

	if (!*rest)
		return 1;
	if (keep >= 0) {
		draw_text(y, x + keep + 1, rest, cells - keep - 1, attr);
		return 1;
	}
	while (*rest && lines < height) {
		size_t n = utf8_wrap(rest, cells);
		char line[sizeof(row->message)];

		snprintf(line, sizeof(line), "%.*s", (int)n, rest);
		draw_text(y + lines++, x, line, cells, attr);
		for (rest += n; *rest == ' '; rest++)
			;
	}
	return lines;
}

static int draw_row(struct tui *tui, struct form *form, size_t at, int y, int height)
{
	struct form_row *row = &form->rows[at];
	bool focus = at == form->focus, editing = focus && form->editing;
	attr_t attr = focus ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
	int x = 2 + form->label_cells + 2, cells = COLS - x - 1, pad = form->label_cells - utf8_width(row->label), keep;
	char text[1024];

	draw_text(y, 0, focus ? ">" : " ", 1, A_NORMAL);
	if (row->kind == FORM_BUTTON) {
		snprintf(text, sizeof(text), "[ %s ]", row->label);
		draw_text(y, x, text, cells, attr);
		return 1;
	}
	snprintf(text, sizeof(text), "%s%*s", row->label, pad > 0 ? pad : 0, "");
	draw_text(y, 2, text, form->label_cells + 1, A_BOLD);
	if (row->kind == FORM_TEXT) {
		char *value = editing ? NULL : field_text(&row->field);
		int at_x;

		keep = editing ? cells : value_cells(row, value ? utf8_width(value) : 0, cells);
		at_x = field_draw(&row->field, y, x, keep < 0 ? cells : keep, editing ? A_UNDERLINE : attr, editing);
		free(value);
		if (editing)
			tui_cursor(tui, y, at_x);
		return editing ? 1 : draw_message(tui, row, y, x, keep, cells, height);
	}
	if (row->kind == FORM_AREA) {
		int rows = editing ? (height > 6 ? 5 : height > 2 ? height - 1 : 1) : 1;
		char *value = editing ? NULL : textarea_text(&row->area);

		if (editing) {
			textarea_draw(tui, &row->area, y, x, cells, rows, A_UNDERLINE);
		} else {
			char *nl = value ? strchr(value, '\n') : NULL;

			if (nl)
				strcpy(nl, " …");
			keep = value_cells(row, value ? utf8_width(value) : 0, cells);
			draw_text(y, x, value ? value : "", keep < 0 ? cells : keep, attr);
			rows = draw_message(tui, row, y, x, keep, cells, height);
		}
		free(value);
		return rows;
	}
	picked_text(row, text, sizeof(text));
	if (!*text)
		snprintf(text, sizeof(text), "—");
	keep = value_cells(row, utf8_width(text), cells);
	draw_text(y, x, text, keep < 0 ? cells : keep, attr);
	return draw_message(tui, row, y, x, keep, cells, height);
}

void form_draw(struct tui *tui, struct form *form, int top, int height)
{
	size_t i;
	int y = top + 1;

	if (form->picking) {
		draw_picker(tui, form, top, height);
		return;
	}
	for (i = 0; i < form->count && y < top + height; i++) {
		if (form->rows[i].kind == FORM_BUTTON)
			y++;
		y += draw_row(tui, form, i, y, top + height - y);
	}
}

void form_free(struct form *form)
{
	size_t i;

	for (i = 0; i < form->count; i++) {
		form_options_clear(form, i);
		free(form->rows[i].options);
		field_free(&form->rows[i].field);
		textarea_free(&form->rows[i].area);
		free(form->rows[i].saved);
	}
	field_free(&form->filter);
	free(form->shown);
	free(form->picked_before);
	free(form->before_edit);
	memset(form, 0, sizeof(*form));
}
