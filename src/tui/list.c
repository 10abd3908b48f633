/* The case list: a window of rows read by keyset pagination, never the
 * whole table. Columns are laid out by display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "field.h"
#include "listview.h"
#include "settings.h"

#define LIST_MAX_ROWS 512

struct list {
	struct case_row rows[LIST_MAX_ROWS];
	size_t count;      /* rows in the window */
	size_t cursor;     /* index in the window */
	size_t height;     /* rows the screen shows */
	long total;
	char title[320];
	struct field search; /* what was typed after / */
	bool searching;      /* typing: every key goes to the search */
	char *match;         /* the FTS5 query for it, NULL: every case */
	struct case_query query; /* sort and filters; query.match is match */
	struct list_settings settings;
	bool unsaved; /* settings changed, not yet in the state file (list_settle) */
	struct field command;   /* what is typed after : */
	bool commanding;
};

enum column_id { COL_NUMBER, COL_ENTERPRISE, COL_REGION, COL_LEVEL, COL_YEAR, COL_STATE, COL_DUE, COL_COUNT };

static const enum action list_hints[] = {
	ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_SEARCH, ACTION_NEW, ACTION_AGENDA, ACTION_EXPERTS, ACTION_NONE
};

static void window_clear(struct list *list)
{
	case_rows_clear(list->rows, list->count);
	list->count = 0;
}

/* The count of the title, kept in the query too: a page in an order other
 * than the number's weighs walking that order against sorting the matches
 * by it (store_case_page). */
static enum status count_cases(struct tui *tui, struct list *list, struct error *err)
{
	list->query.total = 0;
	if (store_case_count(tui->store, &list->query, &list->total, err))
		return STATUS_ERR_DB;
	list->query.total = list->total;
	return STATUS_OK;
}

/* Loads the window starting at key (inclusive); near the end, the window is
 * the last `height` rows instead, so the screen stays full. */
static enum status window_load(struct tui *tui, struct list *list, const char *key, struct error *err)
{
	char *keep = key ? strdup(key) : NULL;
	enum status status;

	if (key && !keep)
		return STATUS_ERR_NOMEM;
	window_clear(list);
	status = store_case_page(tui->store, &list->query, keep, true, STORE_FORWARD, list->height, list->rows, &list->count, err);
	if (!status && keep && list->count < list->height) {
		window_clear(list);
		status = store_case_page(tui->store, &list->query, NULL, false, STORE_BACKWARD, list->height, list->rows,
					 &list->count, err);
	}
	free(keep);
	return status;
}

static size_t window_index(const struct list *list, const char *number)
{
	size_t i;

	for (i = 0; number && i < list->count; i++)
		if (!strcmp(list->rows[i].number, number))
			return i;
	return 0;
}

static enum status list_open(struct tui *tui, struct view *view, struct error *err)
{
	struct list *list = calloc(1, sizeof(*list));

	if (!list)
		return STATUS_ERR_NOMEM;
	view->data = list;
	field_init(&list->search, 0);
	field_init(&list->command, 0);
	list->query.today = store_today(tui->store);
	settings_load(&list->settings, tui->forms);
	settings_to_query(&list->settings, &list->query);
	list->height = LINES > 3 ? (size_t)LINES - 3 : 1;
	if (list->height > LIST_MAX_ROWS)
		list->height = LIST_MAX_ROWS;
	return count_cases(tui, list, err) ? STATUS_ERR_DB
									     : window_load(tui, list, NULL, err);
}

/* Back from a case, the agenda or the intake form: reload the window where
 * it stood (a new case or a step changes what it shows). */
static void list_resume(struct tui *tui, struct view *view)
{
	struct list *list = view->data;
	struct error err = { "" };
	char *first = list->count ? strdup(list->rows[0].number) : NULL;
	char *current = list->count ? strdup(list->rows[list->cursor].number) : NULL;

	if (count_cases(tui, list, &err) || window_load(tui, list, first, &err))
		tui_say(tui, true, "%s", err.message);
	list->cursor = window_index(list, current);
	free(first);
	free(current);
}

/* The sort and filters saved to the state file once their screen is
 * written (settle in view_ops). */
static bool list_settle(struct tui *tui, struct view *view)
{
	struct list *list = view->data;
	char message[256];

	if (!list || !list->unsaved)
		return false;
	list->unsaved = false;
	if (settings_save(&list->settings, message, sizeof(message)))
		return false;
	tui_say(tui, true, "%s", message);
	return true;
}

static void list_close(struct tui *tui, struct view *view)
{
	struct list *list = view->data;

	(void)tui;
	window_clear(list);
	field_free(&list->search);
	field_free(&list->command);
	free(list->match);
	free(list);
	view->data = NULL;
}

static const char *list_title(struct tui *tui, struct view *view)
{
	struct list *list = view->data;
	char shown[256], *search = list->searching ? NULL : field_text(&list->search);
	size_t used;

	if (list->total > STORE_COUNT_CAP)
		/* L10N: title of the case list when a search matches more cases than are counted; %ld is 10000 */
		used = (size_t)snprintf(list->title, sizeof(list->title), _("Cases (over %ld)"), (long)STORE_COUNT_CAP);
	else
		/* L10N: title of the case list; %ld is the number of cases */
		used = (size_t)snprintf(list->title, sizeof(list->title), _("Cases (%ld)"), list->total);
	settings_title(&list->settings, tui->forms, search, shown, sizeof(shown));
	free(search);
	if (*shown && used < sizeof(list->title))
		snprintf(list->title + used, sizeof(list->title) - used, "  %s", shown);
	return list->title;
}

static const char *cell_text(struct tui *tui, struct view *view, size_t row_index, size_t column, char *buffer,
			     size_t size)
{
	const struct case_row *row = &((struct list *)view->data)->rows[row_index];

	switch (column) {
	case COL_NUMBER: return row->number;
	case COL_ENTERPRISE: return row->enterprise;
	case COL_REGION: return tui_region_name(tui, row->region);
	case COL_LEVEL: return tui_level_name(tui, row->level);
	case COL_YEAR: snprintf(buffer, size, "%d", row->year); return buffer;
	case COL_STATE: return tui_state_name(tui, row->level, row->state);
	case COL_DUE: return row->next_due ? row->next_due : "";
	default: return "";
	}
}

/* The due date marked when overdue or due soon. */
static attr_t cell_attr(struct tui *tui, struct view *view, size_t row, size_t column, bool cursor)
{
	const struct list *list = view->data;

	if (column == COL_DUE)
		return draw_due(tui, draw_due_mark(store_today(tui->store), list->rows[row].next_due), cursor);
	return cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
}

/* The enterprise and the region grow with the terminal (the rest to the
 * enterprise); the year, the due date, the state and the region are left
 * out on narrow ones. */
static const struct list_column columns[COL_COUNT] = {
	/* L10N: column headers of the case list; keep them short (cells shown in brackets) */
	[COL_NUMBER] = { N_("Number"), 16, 0, 0, false },
	[COL_ENTERPRISE] = { N_("Enterprise"), 4, 40, 0, false },
	[COL_REGION] = { N_("Region"), 8, 20, 72, false },
	[COL_LEVEL] = { N_("Level"), 9, 0, 0, false },
	[COL_YEAR] = { N_("Year"), 4, 0, 120, false }, /* the number holds the year */
	[COL_STATE] = { N_("State"), 10, 0, 56, false },
	[COL_DUE] = { N_("Due"), 10, 0, 80, false },
};

/* The case list reads its own rows (keyset pages); the engine lays out and
 * draws them. */
static const struct list_ops case_columns = {
	.columns = columns, .column_count = COL_COUNT, .x = 0, .gap = 1, .cell = cell_text, .attr = cell_attr,
};

/* The search line under the rows: what is typed after /, and how many match. */
static void draw_search(struct tui *tui, struct list *list, int y)
{
	char found[64];
	int x, at;

	draw_text(y, 0, "/", 1, A_BOLD);
	if (list->total > STORE_COUNT_CAP)
		/* L10N: beside the search being typed when more cases match than are counted; %ld is 10000 */
		snprintf(found, sizeof(found), _("over %ld found"), (long)STORE_COUNT_CAP);
	else
		/* L10N: beside the search being typed; %ld cases match */
		snprintf(found, sizeof(found), _("%ld found"), list->total);
	x = COLS - utf8_width(found) - 1;
	at = field_draw(&list->search, y, 2, x > 12 ? x - 3 : COLS - 3, A_UNDERLINE, list->searching);
	if (list->searching)
		tui_cursor(tui, y, at);
	if (x > 12)
		draw_text(y, x, found, COLS - x, A_NORMAL);
}

static void list_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct list *list = view->data;
	/* The search line takes a row of the window; the command line only
	 * covers the window's last row while it is typed (the window stays as it
	 * is, not read again on every : and Enter). */
	bool search = list->searching || list->match || !field_is_empty(&list->search);
	int rows = height - 1 - (search ? 1 : 0);
	int shown = rows - (list->commanding && !search ? 1 : 0);
	int widths[COL_COUNT];
	size_t i;

	if (rows > 0 && (size_t)rows != list->height) {
		/* The terminal was resized: keep the row under the cursor in view. */
		char *number = list->count ? strdup(list->rows[list->cursor].number) : NULL;
		struct error err;

		list->height = (size_t)rows;
		if (list->height > LIST_MAX_ROWS)
			list->height = LIST_MAX_ROWS;
		if (window_load(tui, list, number, &err) == STATUS_OK)
			list->cursor = window_index(list, number);
		free(number);
	}
	listview_layout(tui, view, &case_columns, list->count, widths);
	listview_draw_row(tui, view, &case_columns, widths, SIZE_MAX, top, false);
	if (list->commanding && height > 2) {
		draw_fill(top + height - 1, 0, COLS, A_NORMAL);
		draw_text(top + height - 1, 0, ":", 1, A_BOLD);
		tui_cursor(tui, top + height - 1, field_draw(&list->command, top + height - 1, 1, COLS - 2, A_NORMAL, true));
	} else if (search && height > 2) {
		draw_search(tui, list, top + height - 1);
	}
	search = search || list->commanding;
	if (!list->count) {
		draw_text(top + 2, 2, search ? _("No case matches the search.")
				  /* L10N: the case list's filters (:filter) leave no case */
				  : settings_filtered(&list->settings) ? _("No case matches the filter; :clear shows every case.")
				  /* L10N: shown in the case list when the database has no cases */
				  : _("No cases yet. Create the demo with: gradus init --demo"), COLS - 2, A_NORMAL);
		return;
	}
	for (i = 0; i < list->count && (int)i < shown; i++)
		listview_draw_row(tui, view, &case_columns, widths, i, top + 1 + (int)i, i == list->cursor);
}

/* The window moved by `got` rows read beyond its end (forward) or before
 * its start (backward), `rows` in the list's order: the rows it passes are
 * dropped, the window's height kept. */
static void window_shift(struct list *list, struct case_row *rows, size_t got, bool forward)
{
	size_t take = got < list->height ? got : list->height, keep = list->height - take;

	if (keep > list->count)
		keep = list->count;
	if (forward) {
		case_rows_clear(list->rows, list->count - keep);
		memmove(list->rows, list->rows + (list->count - keep), keep * sizeof(*list->rows));
		case_rows_clear(rows, got - take);
		memcpy(list->rows + keep, rows + (got - take), take * sizeof(*rows));
	} else {
		case_rows_clear(list->rows + keep, list->count - keep);
		memmove(list->rows + take, list->rows, keep * sizeof(*list->rows));
		memcpy(list->rows, rows, take * sizeof(*rows));
		case_rows_clear(rows + take, got - take);
	}
	list->count = keep + take;
}

/* n rows down (j, a page, the wheel): past the window's last row, the rows
 * beyond it are read in one page of at most n and the window shifts by them,
 * its last row the cursor's; at the end of the list the cursor stops on the
 * last row. A page that cannot be read leaves the window, with err set. */
static void move_down(struct tui *tui, struct list *list, size_t n, struct error *err)
{
	struct case_row *beyond;
	size_t below = list->count ? list->count - 1 - list->cursor : 0, got = 0;

	if (n <= below) {
		list->cursor += n;
		return;
	}
	list->cursor += below;
	n -= below;
	if (list->count < list->height) /* the whole list is on the screen */
		return;
	if (!(beyond = calloc(n, sizeof(*beyond)))) {
		error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
		return;
	}
	if (!store_case_page(tui->store, &list->query, list->rows[list->count - 1].number, false, STORE_FORWARD, n,
			     beyond, &got, err) &&
	    got) {
		window_shift(list, beyond, got, true);
		list->cursor = list->count - 1;
	}
	free(beyond);
}

/* n rows up: before the window's first row, the rows before it are read in
 * one page of at most n (backward) and the window shifts by them, its first
 * row the cursor's. */
static void move_up(struct tui *tui, struct list *list, size_t n, struct error *err)
{
	struct case_row *before;
	size_t got = 0;

	if (n <= list->cursor) {
		list->cursor -= n;
		return;
	}
	n -= list->cursor;
	list->cursor = 0;
	if (!list->count)
		return;
	if (!(before = calloc(n, sizeof(*before)))) {
		error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
		return;
	}
	if (!store_case_page(tui->store, &list->query, list->rows[0].number, false, STORE_BACKWARD, n, before, &got,
			     err) &&
	    got) {
		if (list->count + got < list->height) { /* a short window: filled from its new first row */
			char *first = strdup(before[0].number);

			case_rows_clear(before, got);
			if (first)
				window_load(tui, list, first, err);
			free(first);
		} else {
			window_shift(list, before, got, false);
		}
		list->cursor = 0;
	}
	free(before);
}

/* The list anew for what the search holds now: from its first match. */
static void search_apply(struct tui *tui, struct list *list)
{
	struct error err = { "" };
	char *text = field_text(&list->search);

	free(list->match);
	list->match = store_search_query(text);
	list->query.match = list->match;
	free(text);
	if (count_cases(tui, list, &err) || window_load(tui, list, NULL, &err))
		tui_say(tui, true, "%s", err.message);
	list->cursor = 0;
}

static void search_clear(struct tui *tui, struct list *list)
{
	field_set(&list->search, "");
	list->searching = false;
	search_apply(tui, list);
}

/* While searching every key types; results follow each key. Enter keeps
 * the search and goes back to the list's keys; Esc clears it. */
static bool search_key(struct tui *tui, struct list *list, int code, wint_t ch)
{
	if (!code && ch == 0x1b) {
		search_clear(tui, list);
	} else if (code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'))) {
		list->searching = false;
		if (field_is_empty(&list->search))
			search_clear(tui, list);
	} else if (code == KEY_UP || code == KEY_DOWN || code == KEY_NPAGE || code == KEY_PPAGE) {
		return false; /* move through the results while typing */
	} else if (field_key(&list->search, code, ch)) {
		search_apply(tui, list);
	}
	return true;
}

/* Enter runs what was typed after :, Tab completes it, Esc drops it. */
static bool command_key(struct tui *tui, struct list *list, int code, wint_t ch)
{
	char line[256], message[256];
	char *text;

	if (!code && ch == 0x1b) {
		list->commanding = false;
		return true;
	}
	if (!code && ch == L'\t') {
		text = field_text(&list->command);
		snprintf(line, sizeof(line), "%s", text ? text : "");
		free(text);
		if (settings_complete(tui->forms, line, sizeof(line)))
			field_set(&list->command, line);
		return true;
	}
	if (code != KEY_ENTER && (code || (ch != L'\r' && ch != L'\n'))) {
		field_key(&list->command, code, ch);
		return true;
	}
	list->commanding = false;
	text = field_text(&list->command);
	if (text && (!strcmp(text, "experts") || !strcmp(text, "conflicts"))) { /* screens, not settings */
		bool experts = !strcmp(text, "experts");

		free(text);
		field_set(&list->command, "");
		tui_open(tui, experts ? &experts_view_ops : &conflicts_view_ops, NULL);
		return true;
	}
	if (text && !strncmp(text, "import", 6) && (!text[6] || text[6] == ' ')) {
		field_set(&list->command, "");
		import_command(tui, text + 6);
		free(text);
		return true;
	}
	if (settings_command(&list->settings, tui->forms, text ? text : "", message, sizeof(message))) {
		settings_to_query(&list->settings, &list->query);
		search_apply(tui, list);
		list->unsaved = true;
	} else {
		tui_say(tui, true, "%s", message);
	}
	free(text);
	field_set(&list->command, "");
	return true;
}

void list_filter(struct tui *tui, struct view *view, const char *command)
{
	struct list *list = view->data;
	char message[256];

	if (view->ops != &list_view_ops || !list)
		return;
	settings_command(&list->settings, tui->forms, "clear", message, sizeof(message));
	if (!settings_command(&list->settings, tui->forms, command, message, sizeof(message))) {
		tui_say(tui, true, "%s", message);
		return;
	}
	settings_to_query(&list->settings, &list->query);
	search_apply(tui, list);
	list->unsaved = true;
}

static bool list_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct list *list = view->data;
	struct error err = { "" };

	if (list->commanding)
		return command_key(tui, list, code, ch);
	if (list->searching && search_key(tui, list, code, ch))
		return true;
	switch (action) {
	case ACTION_COMMAND:
		list->commanding = true;
		return true;
	case ACTION_SEARCH:
		list->searching = true;
		return true;
	case ACTION_BACK:
		if (!list->match && field_is_empty(&list->search))
			return false;
		search_clear(tui, list); /* Esc or q first clears a search */
		return true;
	case ACTION_DOWN: move_down(tui, list, 1, &err); break;
	case ACTION_UP: move_up(tui, list, 1, &err); break;
	case ACTION_PAGE_DOWN: move_down(tui, list, list->height, &err); break;
	case ACTION_PAGE_UP: move_up(tui, list, list->height, &err); break;
	case ACTION_HOME:
		if (!window_load(tui, list, NULL, &err))
			list->cursor = 0;
		break;
	case ACTION_END:
		window_clear(list);
		if (!store_case_page(tui->store, &list->query, NULL, false, STORE_BACKWARD, list->height, list->rows, &list->count, &err))
			list->cursor = list->count ? list->count - 1 : 0;
		break;
	case ACTION_OPEN:
		if (list->count)
			tui_open(tui, &case_view_ops, list->rows[list->cursor].id);
		return true;
	case ACTION_DASHBOARD: tui_open(tui, &dashboard_view_ops, NULL); return true;
	case ACTION_EXPERTS: tui_open(tui, &experts_view_ops, NULL); return true;
	case ACTION_CONFLICTS: tui_open(tui, &conflicts_view_ops, NULL); return true;
	case ACTION_AGENDA: tui_open(tui, &agenda_view_ops, NULL); return true;
	case ACTION_NEW: tui_open(tui, &intake_view_ops, NULL); return true;
	default:
		return false;
	}
	if (err.message[0]) /* a page that could not be read says why */
		tui_say(tui, true, "%s", err.message);
	return true;
}

/* A click on a row selects it, on the selected row opens it; on a column's
 * header sorts by it (again: the other way). */
static bool list_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	static const enum case_sort by_column[COL_COUNT] = {
		[COL_NUMBER] = SORT_NUMBER, [COL_ENTERPRISE] = SORT_ENTERPRISE, [COL_REGION] = SORT_REGION,
		[COL_LEVEL] = SORT_LEVEL, [COL_YEAR] = SORT_YEAR, [COL_STATE] = SORT_STATE, [COL_DUE] = SORT_DUE,
	};
	struct list *list = view->data;
	int column, widths[COL_COUNT];

	if (wheel)
		return false;
	listview_layout(tui, view, &case_columns, list->count, widths);
	if (y == 1 && (column = listview_column_at(&case_columns, widths, x)) >= 0) {
		char line[64], message[256];

		snprintf(line, sizeof(line), "sort %s %s", store_sort_name(by_column[column]),
			 list->settings.sort == by_column[column] && !list->settings.descending ? "desc" : "asc");
		if (settings_command(&list->settings, tui->forms, line, message, sizeof(message))) {
			settings_to_query(&list->settings, &list->query);
			search_apply(tui, list);
			list->unsaved = true;
		}
		return true;
	}
	if (y >= 2 && (size_t)(y - 2) < list->count) {
		if ((size_t)(y - 2) == list->cursor)
			return list_key(tui, view, ACTION_OPEN, 0, L'\r');
		list->cursor = (size_t)(y - 2);
	}
	return true;
}

const struct view_ops list_view_ops = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.key = list_key,
	.close = list_close,
	.title = list_title,
	.hints = list_hints,
	.resume = list_resume,
	.mouse = list_mouse,
	.settle = list_settle,
};
