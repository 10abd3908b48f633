/* Private to tui/: the view engine shared by the screens. */
#ifndef GRADUS_TUI_PRIVATE_H
#define GRADUS_TUI_PRIVATE_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "gradus/forms/forms.h"
#include "gradus/forms/labels.h"
#include "gradus/store/store.h"
#include "gradus/tui/tui.h"

/* Everything a key can do (actions.def); the keymap binds keys to these. */
enum action {
	ACTION_NONE,
#define X(id, ...) ACTION_##id,
#include "actions.def"
#undef X
	ACTION_COUNT
};

/* Where a binding applies: everywhere, or on one screen only (a screen's
 * keys are looked up before the global ones, so they may reuse a key). */
enum keymap_scope {
	KEYMAP_GLOBAL, KEYMAP_CHECKS, KEYMAP_WALK, KEYMAP_EXPERTS, KEYMAP_PANELS, KEYMAP_PANEL, KEYMAP_CONFLICTS,
	KEYMAP_CULTIVATION, KEYMAP_IMPORT
};

enum colour { COLOUR_TITLE = 1, COLOUR_STATUS, COLOUR_HEADER, COLOUR_CURSOR, COLOUR_DUE, COLOUR_ERROR };

struct tui;
struct view;
struct list_ops;

/* A screen: data plus a small table of functions, like tig's view_ops. */
struct view_ops {
	const char *name;
	enum status (*open)(struct tui *tui, struct view *view, struct error *err);
	void (*draw)(struct tui *tui, struct view *view, int top, int height);
	/* Returns true when the view handled the action or key. */
	bool (*key)(struct tui *tui, struct view *view, enum action action, int code, wint_t ch);
	void (*close)(struct tui *tui, struct view *view);
	const char *(*title)(struct tui *tui, struct view *view);
	const char *title_text; /* a fixed title's msgid, when title is NULL */
	/* A title kept in the screen's data (VIEW_TITLE_AT), when both above are NULL. */
	size_t title_at;
	/* A mouse click (wheel 0) or a wheel step (wheel -1 up, +1 down) at
	 * screen cell y, x; may be NULL (the wheel then moves up and down). */
	bool (*mouse)(struct tui *tui, struct view *view, int y, int x, int wheel);
	/* Called when the view is on top again after the one above closed
	 * (data may have changed there); may be NULL. */
	void (*resume)(struct tui *tui, struct view *view);
	/* Work keys leave for when the user pauses (the list's sort and
	 * filters saved to the state file): done once no key has come for
	 * TUI_SETTLE_MS, before gradus stops for C-z, at a script's :idle and
	 * before the screen closes (q, a hang-up), so that keys pressed one
	 * after another wait for the database and the drawing only; true when
	 * it said something (the screen is drawn again). May be NULL. */
	bool (*settle)(struct tui *tui, struct view *view);
	const enum action *hints; /* ends with ACTION_NONE */
	/* The hints for what the view shows now (a tab, a form), instead of
	 * hints; may be NULL. */
	const enum action *(*current_hints)(struct tui *tui, struct view *view);
	const struct list_ops *list; /* a list screen's rows and columns (listview.h) */
};

/* A screen whose title is a char array member of its data. */
#define VIEW_TITLE_AT(type, member) .title_at = offsetof(type, member) + 1

struct view {
	const struct view_ops *ops;
	void *data;
	const char *arg; /* e.g. the case id a case view shows */
};

#define TUI_MAX_VIEWS 8
/* A pause: no key for this long (ms) and the screens' settle runs. */
#define TUI_SETTLE_MS 500

struct tui {
	struct store *store;
	const struct forms *forms;
	const struct tui_options *options;
	struct view views[TUI_MAX_VIEWS];
	int depth;
	bool quit;
	bool colour;
	char message[512];
	bool message_is_error;
	char parting[512]; /* what the last screen said as it closed, for after the terminal is the shell's */
	int cursor_y, cursor_x; /* where the terminal cursor goes after a draw; -1: hidden */
};

/* Engine (view.c). */
enum status tui_push(struct tui *tui, const struct view_ops *ops, const char *arg, struct error *err);
/* tui_push, a failure said on the status line. */
void tui_open(struct tui *tui, const struct view_ops *ops, const char *arg);
/* A click on line y of a list drawn from line rows_y with row `top` first:
 * true when it hit a row (*at). */
bool tui_list_hit(int y, int rows_y, size_t top, size_t count, size_t *at);
void tui_pop(struct tui *tui);
/* Room for one more item in a growing array (*items holds capacity items of
 * size bytes, count of them used); false when memory runs out, the array
 * then as it was. */
bool tui_grow(void *items, size_t *capacity, size_t count, size_t size);
/* A core message without the value it begins with ("2025-02-30: February
 * 2025 has 28 days", in Chinese "2025-02-30：..."): beside the field the
 * value is already shown. */
const char *tui_without_value(const char *message, const char *value);
void tui_say(struct tui *tui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A mouse event as the terminal or a script (:click X Y, :wheel up|down)
 * gives it: to the view on top. */
void tui_mouse(struct tui *tui, int y, int x, int wheel);
/* Shows the terminal cursor at y, x once the screen is drawn (a field being
 * edited: terminal input methods open their window there). */
void tui_cursor(struct tui *tui, int y, int x);

/* Keymap (keymap.c): one table drives dispatch, help and hints. */
struct key_binding {
	int code;        /* KEY_* for function keys, else 0 */
	wint_t ch;       /* character for ordinary keys */
	const char *label;
	enum action action;
};
/* The action's name in the config file ("down", "search"...). */
const char *keymap_action_name(enum action action);
bool keymap_action_named(const char *name, enum action *out);
/* Replaces the keys of an action (the keys leave any other action). */
bool keymap_bind(enum action action, const struct key_binding *keys, size_t count);
void keymap_reset(void);
/* The config file ($XDG_CONFIG_HOME/gradus/config.ini, config.c): [keys],
 * [colours], [display]. A bad line is reported as "FILE:LINE: message" in
 * message (the rest still applies); a missing file is no error. */
bool tui_config_load(char *message, size_t size);
void tui_set_colour(enum colour colour, short foreground, short background);
/* The global action of a key. */
enum action keymap_action(int code, wint_t ch);
/* The action of a key on a screen of that scope: its own keys first. */
enum action keymap_action_in(enum keymap_scope scope, int code, wint_t ch);
enum keymap_scope keymap_action_scope(enum action action);
const struct key_binding *keymap_bindings(size_t *count);
const char *keymap_describe(enum action action); /* translated */
const char *keymap_label(enum action action);    /* first key's label */

/* Drawing (draw.c): UTF-8 data drawn by display cell, never raw to the terminal. */
int draw_text(int y, int x, const char *text, int cells, attr_t attr);
/* draw_text, a text too long ending in … where it is cut. */
int draw_text_cut(int y, int x, const char *text, int cells, attr_t attr);
void draw_fill(int y, int x, int cells, attr_t attr);
/* A line built cell by cell and drawn in one call at its end (a list's
 * row): text in `cells` cells, padded with spaces (cut: ending in …), and
 * fill; what passes the right edge of the screen is left out. */
enum { DRAW_LINE_MAX = 256 };
struct draw_line {
	int y, x;  /* where the cells held go */
	int count; /* entries held */
	int cells; /* cells they take */
	cchar_t cell[DRAW_LINE_MAX];
	bool made; /* made_cell is a space of attr */
	bool over_blank; /* drawn where the frame's erase left blanks: plain fills are skipped */
	attr_t attr;
	cchar_t made_cell;
};
void draw_line_begin(struct draw_line *line, int y, int x);
int draw_line_text(struct draw_line *line, const char *text, int cells, bool cut, attr_t attr);
void draw_line_fill(struct draw_line *line, int cells, attr_t attr);
void draw_line_end(struct draw_line *line);
/* The attribute of a colour: its pair with colours on, else the fallback
 * (A_REVERSE, A_BOLD, A_UNDERLINE), so every mark shows on a monochrome
 * terminal and with NO_COLOR too. */
attr_t draw_colour(const struct tui *tui, enum colour colour, attr_t fallback);
/* A date against today: overdue, due within DUE_SOON_DAYS, or neither. */
enum due_mark { DUE_NONE, DUE_SOON, DUE_OVERDUE };
#define DUE_SOON_DAYS 7
enum due_mark draw_due_mark(struct date today, const char *due);
/* How a date with that mark looks, on the cursor row or not: overdue in the
 * due colour, bold and underlined; due soon in bold. */
attr_t draw_due(const struct tui *tui, enum due_mark mark, bool cursor);

/* Screens. */
extern const struct view_ops list_view_ops;
extern const struct view_ops help_view_ops;
extern const struct view_ops case_view_ops;
extern const struct view_ops agenda_view_ops;
extern const struct view_ops dashboard_view_ops;
/* The experts' registry (experts.c); n registers one. */
extern const struct view_ops experts_view_ops;
/* The open conflicts of applied bundles: o keeps the office's value, b
 * takes the bundle's. */
extern const struct view_ops conflicts_view_ops;
/* :import (import.c): "cases FILE" or "experts FILE" previews the file's
 * import and asks before writing; "", "cases" or "experts" asks for the
 * file in a form; "batches" lists the imports so far, u undoes one. */
void import_command(struct tui *tui, const char *args);
/* Sets the list's filters to a :filter command (from the dashboard): the
 * earlier filters are cleared first, the sort is kept. */
void list_filter(struct tui *tui, struct view *list_view, const char *command);
/* arg NULL: a new case; else the id of the case to edit. */
extern const struct view_ops intake_view_ops;

/* Names from the forms, Chinese in a zh locale. */
const char *tui_level_name(const struct tui *tui, const char *key);
const char *tui_state_name(const struct tui *tui, const char *level, const char *state);
const char *tui_region_name(const struct tui *tui, const char *key);

/* Script mode (script.c). */
struct script;
enum status script_open(const char *path, struct script **out, struct error *err);
void script_free(struct script **script);
/* Next input: returns KEY_CODE_YES (code in *code), OK (char in *ch), ERR at
 * the end; a command line ":save-screen PATH" is returned in *command. */
int script_next(struct script *script, int *code, wint_t *ch, const char **command);
enum status screen_save(const char *path, struct error *err);
/* The screen as screen_save writes it, each line followed by a tab and its
 * attribute runs: "0-79:Bf7b4 3-12:RU" (R reverse, B bold, U underline,
 * D dim, fN bN the foreground and background colours, 0 black to 7 white). */
enum status screen_save_attributes(const char *path, struct error *err);

#endif
