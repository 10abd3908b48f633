/* Private to tui/: a multi-line text editor (a spot check's notes). The
 * text is kept as code points with '\n' between lines; lines longer than
 * the box wrap by display cells, so Chinese text wraps between characters.
 * Enter starts a new line; the caller decides which keys save or cancel. */
#ifndef GRADUS_TUI_TEXTAREA_H
#define GRADUS_TUI_TEXTAREA_H

#include <stdint.h>

#include "field.h"

struct textarea {
	struct field buffer; /* the code points, the cursor, out of memory (line breaks are text) */
	size_t top;        /* first row shown (rows as last drawn) */
	int width;         /* cells of the box as last drawn: Up and Down move by it */
	bool changed;      /* edited since textarea_set */
};

void textarea_init(struct textarea *area);
/* Replaces the text (controls other than newlines dropped), cursor at its end. */
bool textarea_set(struct textarea *area, const char *utf8);
/* The text as UTF-8; caller frees. NULL when out of memory. */
char *textarea_text(const struct textarea *area);
/* Edits for one key: printable characters, Enter, Backspace, Delete, the
 * arrows, Home, End, PgUp, PgDn. False when the key is not an editing key. */
bool textarea_key(struct textarea *area, int code, wint_t ch);
/* Draws the text wrapped in a box of width x height cells and places the
 * terminal cursor. */
void textarea_draw(struct tui *tui, struct textarea *area, int y, int x, int width, int height, attr_t attr);
void textarea_free(struct textarea *area);

#endif
