/* The agenda: what falls due in the next 90 days, overdue first; Enter
 * opens the case. A window of a screen's rows read a page at a time in the
 * agenda's order (case_agenda_page), never the whole agenda: its cost is
 * that of a screen, whatever the size of the office. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"
#include "listview.h"

#define AGENDA_DAYS 90
#define AGENDA_MAX_ROWS 512

struct agenda {
	struct agenda_item rows[AGENDA_MAX_ROWS];
	size_t count;  /* rows in the window */
	size_t cursor; /* index in the window */
	size_t height; /* rows the screen shows */
	long due; /* items in the whole agenda */
	int rows_y; /* the screen line of the first row */
	char title[192], empty[160];
};

static const enum action agenda_hints[] = { ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_DOWN, ACTION_UP, ACTION_NONE };

/* The enterprise comes last: it takes what the others leave. */
enum agenda_column { COL_DUE, COL_DAYS, COL_NUMBER, COL_WHAT, COL_ENTERPRISE, COL_COUNT };

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct agenda_item *item = &((struct agenda *)view->data)->rows[row];

	switch (column) {
	case COL_DUE: date_format(item->due, buffer); return buffer;
	case COL_DAYS: case_days_text(store_today(tui->store), item->due, buffer, size); return buffer;
	case COL_NUMBER: return item->number;
	case COL_ENTERPRISE: return item->enterprise;
	default: return case_due_text(item->kind, item->provisional, buffer, size);
	}
}

/* An overdue item is marked on its whole row, one due soon too. */
static attr_t row_attr(struct tui *tui, struct view *view, size_t row, size_t column, bool cursor)
{
	const struct agenda_item *item = &((struct agenda *)view->data)->rows[row];

	(void)column;
	return draw_due(tui, item->overdue ? DUE_OVERDUE
			: date_days_between(store_today(tui->store), item->due) <= DUE_SOON_DAYS ? DUE_SOON
			: DUE_NONE, cursor);
}

/* L10N: column headers of the agenda; keep them short */
static const struct list_column columns[COL_COUNT] = {
	{ N_("Due"), LIST_FIT, 0, 0, false }, { N_("Days"), LIST_FIT, 0, 0, false },
	{ N_("Number"), LIST_FIT, 0, 0, false }, { N_("What"), LIST_FIT, 0, 0, false },
	{ N_("Enterprise"), 8, 200, 0, false },
};

/* The agenda reads its own rows (a window of pages); the list engine lays
 * out and draws them. */
static const struct list_ops agenda_columns = {
	.columns = columns, .column_count = COL_COUNT, .x = 1, .gap = 2, .cell = cell, .attr = row_attr,
};

static void window_clear(struct agenda *agenda)
{
	agenda_free_rows(agenda->rows, agenda->count);
	agenda->count = 0;
}

/* A page of n rows after (backward: before) from, NULL: from the start
 * (the end), into rows. */
static enum status page(struct tui *tui, const struct agenda_item *from, bool backward, size_t n,
			struct agenda_item *rows, size_t *count, struct error *err)
{
	return case_agenda_page(tui->store, tui->forms, store_today(tui->store), AGENDA_DAYS, from, backward, n, rows,
				count, err);
}

/* The window of the rows after from (NULL: the first ones); near the end,
 * the last `height` rows instead, so the screen stays full. */
static enum status window_after(struct tui *tui, struct agenda *agenda, const struct agenda_item *from,
				struct error *err)
{
	struct agenda_item *rows = calloc(agenda->height, sizeof(*rows));
	enum status status;
	size_t count = 0;

	if (!rows)
		return STATUS_ERR_NOMEM;
	status = page(tui, from, false, agenda->height, rows, &count, err);
	if (!status && from && count < agenda->height) {
		agenda_free_rows(rows, count);
		status = page(tui, NULL, true, agenda->height, rows, &count, err);
	}
	if (!status) {
		window_clear(agenda);
		memcpy(agenda->rows, rows, count * sizeof(*rows));
		agenda->count = count;
	}
	free(rows);
	return status;
}

/* The count of the title: what falls due. */
static enum status count(struct tui *tui, struct agenda *agenda, struct error *err)
{
	return case_agenda_count(tui->store, tui->forms, store_today(tui->store), AGENDA_DAYS, &agenda->due, NULL,
				 err);
}

static bool same_item(const struct agenda_item *a, const struct agenda_item *b)
{
	return a->kind == b->kind && !strcmp(a->id, b->id) && !strcmp(a->finding, b->finding);
}

/* The window read again from where it started, the cursor on the row it
 * was on if it is still there (a step, a finding closed, another clerk's
 * write change what it shows). */
static enum status window_reload(struct tui *tui, struct agenda *agenda, struct error *err)
{
	struct agenda_item first = { 0 }, current = { 0 }, before = { 0 };
	size_t got = 0, at = agenda->cursor, i;
	enum status status;

	if (agenda->count) {
		first = agenda->rows[0];
		current = agenda->rows[agenda->cursor];
	}
	/* the row before the first, found by the first's key even when that row is gone */
	status = agenda->count ? page(tui, &first, true, 1, &before, &got, err) : STATUS_OK;
	if (!status)
		status = window_after(tui, agenda, got ? &before : NULL, err);
	agenda_free_rows(&before, got);
	if (!status)
		status = count(tui, agenda, err);
	for (i = 0; i < agenda->count; i++)
		if (current.kind && same_item(&agenda->rows[i], &current))
			at = i;
	agenda->cursor = agenda->count ? (at < agenda->count ? at : agenda->count - 1) : 0;
	return status;
}

static enum status agenda_open(struct tui *tui, struct view *view, struct error *err)
{
	struct agenda *agenda = calloc(1, sizeof(*agenda));
	enum status status;

	if (!agenda)
		return STATUS_ERR_NOMEM;
	view->data = agenda;
	agenda->height = LINES > 3 ? (size_t)LINES - 3 : 1;
	if (agenda->height > AGENDA_MAX_ROWS)
		agenda->height = AGENDA_MAX_ROWS;
	status = count(tui, agenda, err);
	if (!status)
		status = window_after(tui, agenda, NULL, err);
	if (status) {
		free(agenda);
		view->data = NULL;
	}
	return status;
}

static void agenda_close(struct tui *tui, struct view *view)
{
	struct agenda *agenda = view->data;

	(void)tui;
	if (agenda)
		window_clear(agenda);
	free(agenda);
	view->data = NULL;
}

static void agenda_resume(struct tui *tui, struct view *view)
{
	struct error err = { "" };

	if (window_reload(tui, view->data, &err))
		tui_say(tui, true, "%s", err.message);
}

static const char *agenda_title(struct tui *tui, struct view *view)
{
	struct agenda *agenda = view->data;

	(void)tui;
	/* L10N: title of the agenda; %zu is the number of items due */
	snprintf(agenda->title, sizeof(agenda->title), _("Agenda (%zu)"), (size_t)agenda->due);
	return agenda->title;
}

static void agenda_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct agenda *agenda = view->data;
	int rows = height - 1, widths[COL_COUNT];
	size_t i;

	if (rows > 0 && (size_t)rows != agenda->height) {
		/* The terminal was resized: the window as high as the screen. */
		struct error err = { "" };

		agenda->height = (size_t)rows < AGENDA_MAX_ROWS ? (size_t)rows : AGENDA_MAX_ROWS;
		window_reload(tui, agenda, &err);
	}
	listview_layout(tui, view, &agenda_columns, agenda->count, widths);
	listview_draw_row(tui, view, &agenda_columns, widths, SIZE_MAX, top, false);
	agenda->rows_y = top + 1;
	if (!agenda->count) {
		/* L10N: the agenda when nothing falls due; %d is the number of days looked ahead */
		snprintf(agenda->empty, sizeof(agenda->empty), _("Nothing falls due in the next %d days."), AGENDA_DAYS);
		draw_text(top + 2, 2, agenda->empty, COLS - 2, A_NORMAL);
		return;
	}
	for (i = 0; i < agenda->count && (int)i < rows; i++)
		listview_draw_row(tui, view, &agenda_columns, widths, i, top + 1 + (int)i, i == agenda->cursor);
}

/* One row on past an edge of the window: the window moves by one row, read
 * by a page of one. */
static bool shift(struct tui *tui, struct agenda *agenda, bool down, struct error *err)
{
	struct agenda_item next;
	size_t got = 0;

	if (!agenda->count || page(tui, &agenda->rows[down ? agenda->count - 1 : 0], !down, 1, &next, &got, err) || !got)
		return false;
	if (agenda->count == agenda->height) {
		agenda_free_rows(&agenda->rows[down ? 0 : agenda->count - 1], 1);
		agenda->count--;
		if (down)
			memmove(agenda->rows, agenda->rows + 1, agenda->count * sizeof(agenda->rows[0]));
	}
	if (!down)
		memmove(agenda->rows + 1, agenda->rows, agenda->count * sizeof(agenda->rows[0]));
	agenda->rows[down ? agenda->count : 0] = next;
	agenda->count++;
	return true;
}

static void cursor_move(struct tui *tui, struct agenda *agenda, bool down, size_t n, struct error *err)
{
	for (; n > 0 && !err->message[0]; n--) {
		if (down && agenda->cursor + 1 < agenda->count)
			agenda->cursor++;
		else if (!down && agenda->cursor > 0)
			agenda->cursor--;
		else if (!shift(tui, agenda, down, err))
			return;
		else if (down)
			agenda->cursor = agenda->count - 1;
	}
}

/* A page on: the window after (before) the one shown, or the last (first)
 * one when there is less than a screen left. */
static void page_move(struct tui *tui, struct agenda *agenda, bool down, struct error *err)
{
	struct agenda_item *rows;
	size_t got = 0;

	if (!agenda->count)
		return;
	if (down ? agenda->cursor + 1 < agenda->count : agenda->cursor > 0) {
		agenda->cursor = down ? agenda->count - 1 : 0;
		return;
	}
	if (!(rows = calloc(agenda->height, sizeof(*rows))))
		return;
	if (!page(tui, &agenda->rows[down ? agenda->count - 1 : 0], !down, agenda->height, rows, &got, err)) {
		if (got == agenda->height) {
			window_clear(agenda);
			memcpy(agenda->rows, rows, got * sizeof(*rows));
			agenda->count = got;
		} else {
			agenda_free_rows(rows, got);
			if (!down)
				window_after(tui, agenda, NULL, err);
			else if (got) {
				window_clear(agenda);
				page(tui, NULL, true, agenda->height, agenda->rows, &agenda->count, err);
			}
		}
		agenda->cursor = down && agenda->count ? agenda->count - 1 : 0;
	}
	free(rows);
}

static bool agenda_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct agenda *agenda = view->data;
	struct error err = { "" };

	(void)code;
	(void)ch;
	switch (action) {
	case ACTION_AGENDA: return true;
	case ACTION_DOWN: cursor_move(tui, agenda, true, 1, &err); break;
	case ACTION_UP: cursor_move(tui, agenda, false, 1, &err); break;
	case ACTION_PAGE_DOWN: page_move(tui, agenda, true, &err); break;
	case ACTION_PAGE_UP: page_move(tui, agenda, false, &err); break;
	case ACTION_HOME:
		if (!window_after(tui, agenda, NULL, &err))
			agenda->cursor = 0;
		break;
	case ACTION_END:
		window_clear(agenda);
		if (!page(tui, NULL, true, agenda->height, agenda->rows, &agenda->count, &err))
			agenda->cursor = agenda->count ? agenda->count - 1 : 0;
		break;
	case ACTION_OPEN:
		if (agenda->count)
			tui_open(tui, &case_view_ops, agenda->rows[agenda->cursor].id);
		return true;
	default:
		return false;
	}
	if (err.message[0]) /* a page that could not be read says why */
		tui_say(tui, true, "%s", err.message);
	return true;
}

/* A click on a row selects it, on the cursor row opens it; the wheel is
 * left to the engine above (it moves the cursor). */
static bool agenda_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct agenda *agenda = view->data;
	size_t at;

	(void)x;
	if (wheel)
		return false;
	if (y < agenda->rows_y || (at = (size_t)(y - agenda->rows_y)) >= agenda->count)
		return true;
	if (at == agenda->cursor)
		return agenda_key(tui, view, ACTION_OPEN, 0, L'\r');
	agenda->cursor = at;
	return true;
}

const struct view_ops agenda_view_ops = {
	.name = "agenda",
	.open = agenda_open,
	.draw = agenda_draw,
	.key = agenda_key,
	.close = agenda_close,
	.title = agenda_title,
	.hints = agenda_hints,
	.resume = agenda_resume,
	.mouse = agenda_mouse,
};
