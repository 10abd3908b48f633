/* Private to tui/: a small form of labelled rows for the expert, panel,
 * note and opinion screens: one-line fields, a multi-line text, pickers of
 * one or many options (searchable with /), and a button. Enter on a field
 * edits it (Enter, Tab or Down leaves it); Enter on a picker opens it. A
 * screen that writes each field as it is left watches `left` and says how
 * the write went in the row's message. */
#ifndef GRADUS_TUI_FORM_H
#define GRADUS_TUI_FORM_H

#include "field.h"
#include "textarea.h"
#include "tui_private.h"

enum form_kind { FORM_TEXT, FORM_AREA, FORM_PICK_ONE, FORM_PICK_MANY, FORM_BUTTON };

/* A row's check of its text, run when the field is left and by
 * form_check: false, with what is wrong in message, when it will not do. */
typedef bool form_check_fn(const char *text, char *message, size_t size);

struct form_option {
	char *key, *label;
	char *search;  /* more text / finds it by (another language's name); NULL: none */
	bool picked;
	bool heading;  /* a line over the options after it, not one to pick */
};

struct form_row {
	enum form_kind kind;
	const char *label; /* translated */
	struct field field;
	struct textarea area;
	struct form_option *options;
	size_t option_count, option_capacity;
	form_check_fn *check;  /* NULL: any text */
	char message[1024];    /* beside the value (below when it does not fit); "" when none */
	bool message_is_error; /* a check's complaint or a refused write: the error colour */
	char *saved;           /* the value as written (or as the form opened): what counts as unsaved */
};

#define FORM_MAX_ROWS 16
#define FORM_NONE ((size_t)-1)

struct form {
	struct form_row rows[FORM_MAX_ROWS];
	size_t count, focus;
	bool editing, picking, filtering;
	struct field filter;      /* typed after / in a picker */
	size_t *shown;            /* options matching the filter */
	size_t shown_count, pick_cursor, pick_top;
	bool *picked_before;      /* a picker's ticks when it opened, for Esc */
	int label_cells;
	size_t left;              /* after form_key: the row just left with Enter, Tab or an arrow
				     from its field, or with a choice from its picker; else FORM_NONE */
	char *before_edit;        /* a field's text when its editing began: Esc puts it back */
	bool asking;              /* "Leave without saving? y/n" is on the status line */
	bool pops;                /* a form that is a whole view: y to that question pops it (the default),
				     freeing the view's data: a caller reading it after form_key sets this false */
	bool leaving;             /* after form_key, in a form that does not pop: y was answered */
	wint_t refused;           /* after editing_key: a character that is not text, not typed; 0 none */
};

/* Whether a key leaves a form, asking first when it holds text not yet
 * written (unsaved): FORM_ASK_NONE (not a leaving key, or nothing to
 * lose), FORM_ASK_KEPT (the key was the question or its answer no),
 * FORM_ASK_LEAVE (answered y). The one question of every form, intake too. */
enum form_ask { FORM_ASK_NONE, FORM_ASK_KEPT, FORM_ASK_LEAVE };
enum form_ask form_ask_leave(struct tui *tui, bool *asking, bool unsaved, enum action action, wint_t ch);
/* q, Esc or Q outside a field or picker (form_key calls it): Esc puts a
 * refused row back first, then the question; true when the key was used.
 * A form that pops is gone after y. */
bool form_leave_key(struct tui *tui, struct form *form, enum action action, wint_t ch);
/* The check of every date row: a date date_parse_named takes (a row that
 * may stay empty checks that first). */
bool form_check_date(const char *text, char *message, size_t size);

void form_init(struct form *form);
/* Adds a row; returns its index. */
size_t form_add(struct form *form, enum form_kind kind, const char *label, const char *text);
/* Adds an option to a picker row; false when out of memory. */
bool form_option(struct form *form, size_t row, const char *key, const char *label, bool picked);
/* Adds a heading over the options added after it (shown when one of
 * them is), or more text the last option is found by; false when out of memory. */
bool form_option_heading(struct form *form, size_t row, const char *label);
bool form_option_search(struct form *form, size_t row, const char *text);
void form_options_clear(struct form *form, size_t row);
void form_set_check(struct form *form, size_t row, form_check_fn *check);
/* Runs the rows' checks: the first row whose text will not do (the focus
 * moves to it), or form->count when every one will. */
size_t form_check(struct form *form);
/* The row's value: the text, the chosen key, or the picked keys joined by
 * `,` (NULL picked none: ""). Caller frees; NULL when out of memory. */
char *form_value(const struct form *form, size_t row);
/* The row's value becomes what it holds now (a screen calls it after a
 * write), or holds again what was saved (form_restore). */
bool form_saved(struct form *form, size_t row);
void form_set_value(struct form *form, size_t row, const char *value);
/* Whether a row (or any row) holds a value not saved. */
bool form_row_unsaved(const struct form *form, size_t row);
bool form_unsaved(const struct form *form);
/* Handles a key; *pressed is set when Enter was pressed on the button row
 * `row_pressed`, form->left when a row was left (else both FORM_NONE).
 * Editing or picking a row clears its message; Esc in a field puts back
 * what it held before. Returns false for keys the
 * form does not use. Outside a field or picker, Esc puts a refused row
 * (its message an error, its value not saved) back as saved; q or Esc on a
 * form holding text not saved asks before leaving (form_ask_leave). */
bool form_key(struct tui *tui, struct form *form, enum action action, int code, wint_t ch, size_t *pressed);
/* The keys that matter while a field is edited or a picker is open. */
void form_hint(struct tui *tui, const struct form *form);
void form_draw(struct tui *tui, struct form *form, int top, int height);
/* Sets a row's message (error: in the error colour). */
void form_say(struct form *form, size_t row, bool error, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void form_free(struct form *form);

#endif
