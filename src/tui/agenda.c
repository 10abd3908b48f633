/* The agenda: what falls due in the next 90 days, overdue first; Enter
 * opens the case. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "case_private.h"
#include "listview.h"

#define AGENDA_DAYS 90

struct agenda {
	struct listview list; /* first: the engine's; rows are struct agenda_item */
	char empty[160];
};

static const enum action agenda_hints[] = { ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_DOWN, ACTION_UP, ACTION_NONE };

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	struct agenda *agenda = view->data;
	enum status status = case_agenda(tui->store, tui->forms, store_today(tui->store), AGENDA_DAYS,
					 (struct agenda_item **)rows, count, err);

	if (!status)
		/* L10N: title of the agenda; %zu is the number of items due */
		snprintf(agenda->list.title, sizeof(agenda->list.title), _("Agenda (%zu)"), *count);
	return status;
}

static void free_rows(void *rows, size_t count)
{
	agenda_free(rows, count);
}

/* The enterprise comes last: it takes what the others leave. */
enum agenda_column { COL_DUE, COL_DAYS, COL_NUMBER, COL_WHAT, COL_ENTERPRISE, COL_COUNT };

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct agenda_item *item = LISTVIEW_ROW(view, struct agenda_item, row);

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
	const struct agenda_item *item = LISTVIEW_ROW(view, struct agenda_item, row);

	(void)column;
	return draw_due(tui, item->overdue ? DUE_OVERDUE
			: date_days_between(store_today(tui->store), item->due) <= DUE_SOON_DAYS ? DUE_SOON
			: DUE_NONE, cursor);
}

static const char *empty(struct tui *tui, struct view *view)
{
	struct agenda *agenda = view->data;

	(void)tui;
	/* L10N: the agenda when nothing falls due; %d is the number of days looked ahead */
	snprintf(agenda->empty, sizeof(agenda->empty), _("Nothing falls due in the next %d days."), AGENDA_DAYS);
	return agenda->empty;
}

/* L10N: column headers of the agenda; keep them short */
static const struct list_column columns[COL_COUNT] = {
	{ N_("Due"), LIST_FIT, 0, 0, false }, { N_("Days"), LIST_FIT, 0, 0, false },
	{ N_("Number"), LIST_FIT, 0, 0, false }, { N_("What"), LIST_FIT, 0, 0, false },
	{ N_("Enterprise"), 8, 200, 0, false },
};

static const struct list_ops agenda_list = {
	.screen_size = sizeof(struct agenda),
	.columns = columns, .column_count = COL_COUNT, .x = 1, .gap = 2,
	.load = load, .free_rows = free_rows, .cell = cell, .attr = row_attr, .opens = &case_view_ops, .row_size = sizeof(struct agenda_item), .arg_at = offsetof(struct agenda_item, id),
	.empty = empty,
};

static bool agenda_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	return action == ACTION_AGENDA || listview_key(tui, view, action, code, ch);
}

const struct view_ops agenda_view_ops = LISTVIEW_VIEW_OPS("agenda", agenda_list, agenda_key, agenda_hints);
