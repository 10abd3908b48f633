/* Private to tui/: a one-line text editor for UTF-8 text. The text is kept
 * as code points, so the cursor moves by character (Chinese, and characters
 * outside the BMP such as 𠮷, are one step) and is drawn by display cells
 * with horizontal scrolling. */
#ifndef GRADUS_TUI_FIELD_H
#define GRADUS_TUI_FIELD_H

#include <stdint.h>

#include "tui_private.h"

struct field {
	uint32_t *text;   /* code points, not NUL-terminated */
	size_t length, capacity;
	size_t cursor;    /* code point index, 0..length */
	size_t scroll;    /* first code point shown */
	size_t limit;     /* characters expected (shown beside); 0 = none */
	bool failed;      /* out of memory: the last insert was dropped */
	bool lines;       /* line breaks are text (the multi-line editor's buffer) */
};

void field_init(struct field *field, size_t limit);
/* Replaces the text (invalid bytes and unsafe code points are dropped) and
 * puts the cursor at its end. False when out of memory. */
bool field_set(struct field *field, const char *utf8);
/* What may be typed: no controls, no bidirectional overrides, no
 * noncharacters. */
bool field_printable(wint_t ch);
/* After a key no editor took: a character that is not text is named on the
 * status line as not typed (nothing for a function key). */
void field_say_refused(struct tui *tui, int code, wint_t ch);
/* A code point inserted at the cursor (false: out of memory); one deleted at an index. */
bool field_insert(struct field *field, uint32_t cp);
void field_delete_at(struct field *field, size_t at);
/* The text as UTF-8; caller frees. NULL when out of memory. */
char *field_text(const struct field *field);
bool field_is_empty(const struct field *field);
/* Edits for one key: printable characters, Backspace, Delete, Left, Right,
 * Home, End, ^A, ^E, ^U, ^W, ^← ^→. False when the key is not an editing key. */
bool field_key(struct field *field, int code, wint_t ch);
/* Where a word motion from code point `at` lands: words are runs of letters
 * and digits, of ideographs, or of punctuation (^W deletes back to the
 * left one; ^← and ^→ move). */
size_t field_word_left(const struct field *field, size_t at);
size_t field_word_right(const struct field *field, size_t at);
/* Cells of one code point as draw_text draws it. */
int field_cp_width(uint32_t cp);
/* Adjusts field->scroll so the cursor shows within `cells`. */
void field_scroll(struct field *field, int cells);
/* Draws the field in `cells` cells (padded with attr); with `cursor`, the
 * cursor cell is drawn reversed and the terminal cursor placed on it.
 * Returns the column of the cursor. */
int field_draw(struct field *field, int y, int x, int cells, attr_t attr, bool cursor);
void field_free(struct field *field);

#endif
