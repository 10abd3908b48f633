/* The agenda: what falls due in the next 90 days, overdue first; Enter
 * opens the case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/i18n.h"
#include "gradus/utf8.h"
#include "case_private.h"

#define AGENDA_DAYS 90

struct agenda {
	struct agenda_item *items;
	size_t count, cursor, top;
	char title[96];
};

/* The enterprise comes last: it takes what the others leave. */
enum agenda_column { COL_DUE, COL_DAYS, COL_NUMBER, COL_WHAT, COL_ENTERPRISE, COL_COUNT };

/* L10N: column headers of the agenda; keep them short */
static const char *const headers[COL_COUNT] = {
	N_("Due"), N_("Days"), N_("Number"), N_("What"), N_("Enterprise"),
};

static const enum action agenda_hints[] = { ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static enum status load(struct tui *tui, struct agenda *agenda, struct error *err)
{
	struct agenda_item *items = NULL;
	size_t count = 0;
	enum status status = case_agenda(tui->store, tui->forms, store_today(tui->store), AGENDA_DAYS, &items, &count,
					 err);

	if (status)
		return status;
	agenda_free(agenda->items, agenda->count);
	agenda->items = items;
	agenda->count = count;
	if (agenda->cursor >= count)
		agenda->cursor = count ? count - 1 : 0;
	return STATUS_OK;
}

static enum status agenda_open(struct tui *tui, struct view *view, struct error *err)
{
	struct agenda *agenda = calloc(1, sizeof(*agenda));
	enum status status;

	if (!agenda)
		return STATUS_ERR_NOMEM;
	status = load(tui, agenda, err);
	if (status) {
		free(agenda);
		return status;
	}
	view->data = agenda;
	return STATUS_OK;
}

/* Back from a case: a step there may have moved what falls due. */
static void agenda_resume(struct tui *tui, struct view *view)
{
	struct error err = { "" };

	if (load(tui, view->data, &err))
		tui_say(tui, true, "%s", err.message);
}

static void agenda_close(struct tui *tui, struct view *view)
{
	struct agenda *agenda = view->data;

	(void)tui;
	agenda_free(agenda->items, agenda->count);
	free(agenda);
	view->data = NULL;
}

static const char *agenda_title(struct tui *tui, struct view *view)
{
	struct agenda *agenda = view->data;

	(void)tui;
	/* L10N: title of the agenda; %zu is the number of items due */
	snprintf(agenda->title, sizeof(agenda->title), _("Agenda (%zu)"), agenda->count);
	return agenda->title;
}

static const char *cell(struct tui *tui, const struct agenda_item *item, int column, char *buffer, size_t size)
{
	switch (column) {
	case COL_DUE: date_format(item->due, buffer); return buffer;
	case COL_DAYS: case_days_text(store_today(tui->store), item->due, buffer, size); return buffer;
	case COL_NUMBER: return item->number;
	case COL_ENTERPRISE: return item->enterprise;
	case COL_WHAT: return case_due_name(item->kind);
	default: return "";
	}
}

/* Widths of the columns: each as wide as its widest cell, the enterprise
 * takes what is left. */
static void layout(struct tui *tui, const struct agenda *agenda, int widths[COL_COUNT])
{
	char buffer[64];
	size_t i;
	int c, rest = COLS - 1;

	for (c = 0; c < COL_COUNT; c++) {
		widths[c] = utf8_width(_(headers[c]));
		for (i = 0; c != COL_ENTERPRISE && i < agenda->count; i++) {
			int w = utf8_width(cell(tui, &agenda->items[i], c, buffer, sizeof(buffer)));

			widths[c] = w > widths[c] ? w : widths[c];
		}
		if (c != COL_ENTERPRISE)
			rest -= widths[c] + 2;
	}
	widths[COL_ENTERPRISE] = rest > 8 ? rest : 8;
}

static void draw_row(struct tui *tui, int y, const int widths[COL_COUNT], const struct agenda_item *item,
		     bool cursor)
{
	attr_t attr = !item ? draw_colour(tui, COLOUR_HEADER, A_BOLD)
		      : draw_due(tui, item->overdue ? DUE_OVERDUE
				 : date_days_between(store_today(tui->store), item->due) <= DUE_SOON_DAYS ? DUE_SOON
				 : DUE_NONE, cursor);
	char buffer[64];
	int x = 1, c;

	draw_text(y, 0, cursor ? ">" : " ", 1, A_NORMAL);
	for (c = 0; c < COL_COUNT && x < COLS; c++) {
		const char *text = item ? cell(tui, item, c, buffer, sizeof(buffer)) : _(headers[c]);
		int cells = widths[c] < COLS - x ? widths[c] : COLS - x;

		draw_text(y, x, text, cells, attr);
		x += cells;
		if (x + 2 <= COLS) {
			draw_fill(y, x, 2, attr);
			x += 2;
		}
	}
	if (x < COLS)
		draw_fill(y, x, COLS - x, attr);
}

static size_t rows_shown(int height)
{
	return height > 1 ? (size_t)height - 1 : 1;
}

static void agenda_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct agenda *agenda = view->data;
	int widths[COL_COUNT];
	size_t i, shown = rows_shown(height);

	layout(tui, agenda, widths);
	draw_row(tui, top, widths, NULL, false);
	if (!agenda->count) {
		/* L10N: the agenda when nothing falls due; %d is the number of days looked ahead */
		char text[160];

		snprintf(text, sizeof(text), _("Nothing falls due in the next %d days."), AGENDA_DAYS);
		draw_text(top + 2, 2, text, COLS - 2, A_NORMAL);
		return;
	}
	if (agenda->cursor < agenda->top)
		agenda->top = agenda->cursor;
	if (agenda->cursor >= agenda->top + shown)
		agenda->top = agenda->cursor + 1 - shown;
	for (i = 0; i < shown && agenda->top + i < agenda->count; i++)
		draw_row(tui, top + 1 + (int)i, widths, &agenda->items[agenda->top + i], agenda->top + i == agenda->cursor);
}

static void move_cursor(struct agenda *agenda, enum action action)
{
	size_t last = agenda->count ? agenda->count - 1 : 0, page = rows_shown(LINES - 2);

	switch (action) {
	case ACTION_DOWN: if (agenda->cursor < last) agenda->cursor++; break;
	case ACTION_UP: if (agenda->cursor > 0) agenda->cursor--; break;
	case ACTION_PAGE_DOWN: agenda->cursor = agenda->cursor + page < last ? agenda->cursor + page : last; break;
	case ACTION_PAGE_UP: agenda->cursor = agenda->cursor > page ? agenda->cursor - page : 0; break;
	case ACTION_HOME: agenda->cursor = 0; break;
	case ACTION_END: agenda->cursor = last; break;
	default: break;
	}
}

static bool agenda_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct agenda *agenda = view->data;
	struct error err = { "" };

	(void)code;
	(void)ch;
	switch (action) {
	case ACTION_UP: case ACTION_DOWN: case ACTION_PAGE_UP: case ACTION_PAGE_DOWN: case ACTION_HOME: case ACTION_END:
		move_cursor(agenda, action);
		return true;
	case ACTION_OPEN:
		if (agenda->count && tui_push(tui, &case_view_ops, agenda->items[agenda->cursor].id, &err))
			tui_say(tui, true, "%s", err.message);
		return true;
	case ACTION_AGENDA:
		return true;
	default:
		return false;
	}
}

const struct view_ops agenda_view_ops = {
	.name = "agenda",
	.open = agenda_open,
	.draw = agenda_draw,
	.key = agenda_key,
	.close = agenda_close,
	.title = agenda_title,
	.resume = agenda_resume,
	.hints = agenda_hints,
};
