/* Private to tui/: the list engine, in the mould of tig's view and htop's
 * Panel. It owns the rows' cursor and scrolling, the header, the columns
 * laid out by display cells (cut with … , growing with the terminal), the
 * cursor row's attribute, clicks, the wheel, reloading after a write and on
 * resume. A list screen says only where its rows come from (load), what a
 * cell shows and what opening a row does; its view data begins with a
 * struct listview. */
#ifndef GRADUS_TUI_LISTVIEW_H
#define GRADUS_TUI_LISTVIEW_H

#include "tui_private.h"

/* A column: its header (msgid), its width in cells (LIST_FIT: the widest of
 * its cells and header), how wide it may grow on a wider terminal (0: it
 * does not; the room left goes to the growing columns in their order), the
 * terminal width under which it is hidden, and whether it is aligned right. */
struct list_column {
	const char *header;
	int cells, max, drop_below;
	bool right;
};
#define LIST_FIT (-1)
#define LIST_MAX_COLUMNS 12 /* a list has at most this many columns */

struct list_ops {
	const struct list_column *columns;
	size_t column_count;
	int x, gap;         /* where the first column starts (> marks the cursor row before), the cells between */
	bool follow_new;    /* a row added (after a write, on resume) takes the cursor */
	size_t screen_size; /* the view's data, beginning with a struct listview; 0: just that */
	/* Reads the rows anew: an array of *count rows in *rows, which
	 * free_rows frees. */
	enum status (*load)(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err);
	void (*free_rows)(void *rows, size_t count);
	/* The text of a cell of a row. */
	const char *(*cell)(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size);
	/* A cell's attribute; NULL: the cursor row's or none. */
	attr_t (*attr)(struct tui *tui, struct view *view, size_t row, size_t column, bool cursor);
	/* Draws a whole row instead of its cells (the dashboard's bars); NULL: cells. */
	void (*draw_row)(struct tui *tui, struct view *view, size_t row, int y, bool cursor);
	/* Whether the cursor may stop on a row; NULL: on every row. */
	bool (*selectable)(struct view *view, size_t row);
	/* Enter, or a click on the cursor row, opens this screen for the row's
	 * arg; or calls open; or does nothing. */
	const struct view_ops *opens;
	size_t row_size, arg_at; /* a row's size, where its key (a char array) is in it */
	void (*open)(struct tui *tui, struct view *view, size_t row);
	/* The title: this msgid, unless load wrote list.title. */
	const char *title_text;
	/* The key of this action on a screen of this scope opens creates (a
	 * form) for the view's arg. */
	enum keymap_scope scope;
	enum action create;
	const struct view_ops *creates;
	/* What an empty list says: this msgid, or what empty returns. */
	const char *empty_text;
	const char *(*empty)(struct tui *tui, struct view *view);
};

struct listview {
	const struct list_ops *ops;
	void *rows;
	size_t count, cursor, top;
	int rows_y, rows_shown; /* the screen line of the first row shown, how many are */
	char title[192];
};

/* Rows read a record at a time: each of the found ids loaded by load_one into
 * a row of size bytes; on a failure the rows loaded are freed by free_rows. */
enum status listview_load_each(struct tui *tui, char (*ids)[33], size_t found, size_t size,
			       enum status (*load_one)(struct tui *tui, const char *id, void *row, struct error *err),
			       void (*free_rows)(void *rows, size_t count), void **rows, size_t *count,
			       struct error *err);
/* The view's data allocated (screen_size bytes) and its rows loaded. */
enum status listview_open(struct tui *tui, struct view *view, struct error *err);
/* Row `row` of a list screen's rows, of that type. */
#define LISTVIEW_ROW(view, type, row) (&((type *)((struct listview *)(view)->data)->rows)[row])
/* Reads the rows anew (after a write); a failure said on the status line. */
void listview_reload(struct tui *tui, struct view *view);
/* The view_ops functions of a list screen; key and mouse return false for
 * what they leave to the engine above (the wheel, q, ?). */
void listview_draw(struct tui *tui, struct view *view, int top, int height);
bool listview_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch);
bool listview_mouse(struct tui *tui, struct view *view, int y, int x, int wheel);
void listview_resume(struct tui *tui, struct view *view);
void listview_close(struct tui *tui, struct view *view);
const char *listview_title(struct tui *tui, struct view *view);
/* The view_ops of a list screen: its list ops, its keys (listview_key, or
 * the screen's own, which end in it), its hints. */
#define LISTVIEW_VIEW_OPS(NAME, LIST, KEY, HINTS) { .name = NAME, .list = &LIST, .open = listview_open, \
	.draw = listview_draw, .key = KEY, .close = listview_close, .title = listview_title, \
	.mouse = listview_mouse, .resume = listview_resume, .hints = HINTS }

/* For a list that reads its own rows (the case list's keyset pages): the
 * columns' widths for count rows (-1: hidden), one row (SIZE_MAX: the
 * header) drawn in them, and the column under cell x. */
void listview_layout(struct tui *tui, struct view *view, const struct list_ops *ops, size_t count, int widths[]);
void listview_draw_row(struct tui *tui, struct view *view, const struct list_ops *ops, const int widths[],
		       size_t row, int y, bool cursor);
int listview_column_at(const struct list_ops *ops, const int widths[], int x);

#endif
