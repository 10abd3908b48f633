/* The list engine (listview.h): cursor, scrolling, columns, clicks and
 * reloading, once for every list screen. */
#include <stdint.h>
#include <stdlib.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "listview.h"

static struct listview *list_of(struct view *view)
{
	return view->data;
}

static bool can_stop(struct view *view, size_t row)
{
	const struct listview *lv = list_of(view);

	return row < lv->count && (!lv->ops->selectable || lv->ops->selectable(view, row));
}

/* The cursor n selectable rows down (direction 1) or up (-1), as far as
 * there are. */
static void step(struct view *view, int direction, size_t n)
{
	struct listview *lv = list_of(view);
	size_t at = lv->cursor;

	while (n > 0 && (direction > 0 ? at + 1 < lv->count : at > 0)) {
		at = direction > 0 ? at + 1 : at - 1;
		if (can_stop(view, at)) {
			lv->cursor = at;
			n--;
		}
	}
}

/* After a load: the cursor on a row that is there and may hold it. */
static void settle(struct view *view)
{
	struct listview *lv = list_of(view);

	if (lv->cursor >= lv->count)
		lv->cursor = lv->count ? lv->count - 1 : 0;
	if (!can_stop(view, lv->cursor)) {
		step(view, 1, 1);
		if (!can_stop(view, lv->cursor))
			step(view, -1, 1);
	}
}

/* The rows read anew, the old ones freed. */
static enum status load(struct tui *tui, struct view *view, struct error *err)
{
	struct listview *lv = list_of(view);
	void *rows = NULL;
	size_t count = 0;
	enum status status = lv->ops->load(tui, view, &rows, &count, err);

	if (status)
		return status;
	if (lv->rows)
		lv->ops->free_rows(lv->rows, lv->count);
	lv->rows = rows;
	lv->count = count;
	return STATUS_OK;
}

enum status listview_load_each(struct tui *tui, char (*ids)[33], size_t found, size_t size,
			       enum status (*load_one)(struct tui *tui, const char *id, void *row, struct error *err),
			       void (*free_rows)(void *rows, size_t count), void **rows, size_t *count,
			       struct error *err)
{
	char *loaded = calloc(found ? found : 1, size);
	enum status status = loaded ? STATUS_OK : STATUS_ERR_NOMEM;
	size_t i;

	for (i = 0; !status && i < found; i++)
		if (!(status = load_one(tui, ids[i], loaded + i * size, err)))
			(*count)++;
	if (status && loaded)
		free_rows(loaded, *count);
	*rows = status ? NULL : loaded;
	return status;
}

enum status listview_open(struct tui *tui, struct view *view, struct error *err)
{
	const struct list_ops *ops = view->ops->list;
	struct listview *lv = calloc(1, ops->screen_size ? ops->screen_size : sizeof(*lv));
	enum status status;

	if (!lv)
		return STATUS_ERR_NOMEM;
	lv->ops = ops;
	view->data = lv;
	status = load(tui, view, err);
	if (status) {
		listview_close(tui, view);
		return status;
	}
	settle(view);
	return STATUS_OK;
}

void listview_reload(struct tui *tui, struct view *view)
{
	struct listview *lv = list_of(view);
	struct error err = { "" };
	size_t before = lv->count;

	if (load(tui, view, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	if (lv->ops->follow_new && lv->count > before)
		lv->cursor = lv->count - 1;
	settle(view);
}

void listview_resume(struct tui *tui, struct view *view)
{
	listview_reload(tui, view);
}

void listview_close(struct tui *tui, struct view *view)
{
	struct listview *lv = list_of(view);

	(void)tui;
	if (lv && lv->rows)
		lv->ops->free_rows(lv->rows, lv->count);
	free(lv);
	view->data = NULL;
}

void listview_layout(struct tui *tui, struct view *view, const struct list_ops *ops, size_t count, int widths[])
{
	char buffer[512];
	int used = ops->x, extra, c, first = -1;
	size_t row;

	for (c = 0; c < (int)ops->column_count; c++) {
		const struct list_column *column = &ops->columns[c];

		widths[c] = column->cells;
		if (COLS < column->drop_below) {
			widths[c] = -1;
			continue;
		}
		if (widths[c] == LIST_FIT) {
			widths[c] = utf8_width(_(column->header));
			for (row = 0; row < count; row++) {
				int w = utf8_width(ops->cell(tui, view, row, (size_t)c, buffer, sizeof(buffer)));

				widths[c] = w > widths[c] ? w : widths[c];
			}
		}
		used += widths[c] + (used > ops->x ? ops->gap : 0);
	}
	/* The room left goes to the growing columns in turn, up to their
	 * widest; what is still left, to the first of them. */
	extra = COLS - used;
	for (c = 0; c < (int)ops->column_count && extra > 0; c++) {
		int more = ops->columns[c].max - widths[c];

		if (widths[c] < 0 || ops->columns[c].max <= 0)
			continue;
		if (first < 0)
			first = c;
		more = more < extra ? more : extra;
		if (more > 0) {
			widths[c] += more;
			extra -= more;
		}
	}
	if (first >= 0 && extra > 0)
		widths[first] += extra;
}

void listview_draw_row(struct tui *tui, struct view *view, const struct list_ops *ops, const int widths[],
		       size_t row, int y, bool cursor)
{
	bool header = row == SIZE_MAX;
	attr_t base = header ? draw_colour(tui, COLOUR_HEADER, A_BOLD)
		      : cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
	attr_t attr = base;
	char buffer[512];
	struct draw_line line;
	int x = ops->x, c;

	/* The row is built whole and drawn in one call: the mark, each cell
	 * padded to its width, the gap after a cell in its attribute, the rest
	 * of the row in the row's. */
	draw_line_begin(&line, y, 0);
	line.over_blank = true; /* a row is drawn once a frame, after its erase */
	if (ops->x > 0)
		draw_line_text(&line, cursor ? ">" : " ", ops->x, false, A_NORMAL);
	for (c = 0; c < (int)ops->column_count && x < COLS; c++) {
		const struct list_column *column = &ops->columns[c];
		const char *text;
		int cells, w;

		if (widths[c] < 0)
			continue;
		if (x > ops->x) { /* the gap as the cell before it */
			draw_line_fill(&line, ops->gap < COLS - x ? ops->gap : COLS - x, attr);
			x += ops->gap;
		}
		cells = widths[c] < COLS - x ? widths[c] : COLS - x;
		if (cells <= 0)
			break;
		text = header ? _(column->header) : ops->cell(tui, view, row, (size_t)c, buffer, sizeof(buffer));
		attr = header || !ops->attr ? base : ops->attr(tui, view, row, (size_t)c, cursor);
		w = column->right ? utf8_width(text) : cells;
		if (w < cells)
			draw_line_fill(&line, cells - w, attr);
		draw_line_text(&line, text, w < cells ? w : cells, true, attr);
		x += cells;
	}
	if (x < COLS)
		draw_line_fill(&line, COLS - x, base);
	draw_line_end(&line);
}

int listview_column_at(const struct list_ops *ops, const int widths[], int x)
{
	int at = ops->x, c;

	for (c = 0; c < (int)ops->column_count; c++) {
		if (widths[c] < 0)
			continue;
		if (x >= at && x < at + widths[c] + ops->gap)
			return c;
		at += widths[c] + ops->gap;
	}
	return -1;
}

void listview_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct listview *lv = list_of(view);
	const struct list_ops *ops = lv->ops;
	int widths[LIST_MAX_COLUMNS], header = ops->draw_row ? 0 : 1, rows = height - header;
	size_t i;

	if (!ops->draw_row) {
		listview_layout(tui, view, ops, lv->count, widths);
		listview_draw_row(tui, view, ops, widths, SIZE_MAX, top, false);
	}
	lv->rows_y = top + header;
	lv->rows_shown = 0;
	if (!lv->count) {
		draw_text(top + header + 1, 2, ops->empty_text ? _(ops->empty_text) : ops->empty ? ops->empty(tui, view) : "",
			  COLS - 2, A_NORMAL);
		return;
	}
	if (rows <= 0)
		return;
	/* The cursor in view, and no blank rows below the last while rows
	 * above are hidden (after the terminal grew). */
	if (lv->cursor < lv->top)
		lv->top = lv->cursor;
	if (lv->cursor >= lv->top + (size_t)rows)
		lv->top = lv->cursor - (size_t)rows + 1;
	if (lv->top + (size_t)rows > lv->count)
		lv->top = lv->count > (size_t)rows ? lv->count - (size_t)rows : 0;
	for (i = lv->top; i < lv->count && (int)(i - lv->top) < rows; i++, lv->rows_shown++) {
		int y = lv->rows_y + (int)(i - lv->top);

		if (ops->draw_row)
			ops->draw_row(tui, view, i, y, i == lv->cursor);
		else
			listview_draw_row(tui, view, ops, widths, i, y, i == lv->cursor);
	}
}

const char *listview_title(struct tui *tui, struct view *view)
{
	struct listview *lv = list_of(view);

	(void)tui;
	return lv->title[0] ? lv->title : lv->ops->title_text ? _(lv->ops->title_text) : "";
}

bool listview_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct listview *lv = list_of(view);
	size_t page = lv->rows_shown > 1 ? (size_t)lv->rows_shown - 1 : 1;

	if (lv->ops->creates && keymap_action_in(lv->ops->scope, code, ch) == lv->ops->create) {
		tui_open(tui, lv->ops->creates, view->arg);
		return true;
	}
	switch (action) {
	case ACTION_DOWN: step(view, 1, 1); return true;
	case ACTION_UP: step(view, -1, 1); return true;
	case ACTION_PAGE_DOWN: step(view, 1, page); return true;
	case ACTION_PAGE_UP: step(view, -1, page); return true;
	case ACTION_HOME: step(view, -1, lv->count); return true;
	case ACTION_END: step(view, 1, lv->count); return true;
	case ACTION_OPEN:
		if (lv->count && lv->ops->opens)
			tui_open(tui, lv->ops->opens, (const char *)lv->rows + lv->cursor * lv->ops->row_size + lv->ops->arg_at);
		else if (lv->count && lv->ops->open)
			lv->ops->open(tui, view, lv->cursor);
		return true;
	default: return false;
	}
}

/* A click on a row selects it, on the cursor row opens it; the wheel is
 * left to the engine above (it moves the cursor). */
bool listview_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct listview *lv = list_of(view);
	size_t at;

	(void)x;
	if (wheel)
		return false;
	if (y < lv->rows_y || y >= lv->rows_y + lv->rows_shown)
		return true;
	at = lv->top + (size_t)(y - lv->rows_y);
	if (!can_stop(view, at))
		return true;
	if (at == lv->cursor)
		return listview_key(tui, view, ACTION_OPEN, 0, L'\r');
	lv->cursor = at;
	return true;
}
