/* A multi-line text editor: code points in, UTF-8 out, wrapped by cells. */
#include <stdlib.h>
#include <string.h>

#include "gradus/text/utf8.h"
#include "field.h"
#include "textarea.h"

void textarea_init(struct textarea *area)
{
	memset(area, 0, sizeof(*area));
	area->buffer.lines = true;
	area->width = 40;
}

static bool insert(struct textarea *area, uint32_t cp)
{
	if (!field_insert(&area->buffer, cp))
		return false;
	area->changed = true;
	return true;
}

static void delete_at(struct textarea *area, size_t at)
{
	field_delete_at(&area->buffer, at);
	area->changed = true;
}

bool textarea_set(struct textarea *area, const char *utf8)
{
	area->top = 0;
	area->changed = false;
	return field_set(&area->buffer, utf8);
}

char *textarea_text(const struct textarea *area)
{
	return field_text(&area->buffer);
}

/* Where each row starts when the text wraps at `width` cells (one cell is
 * kept for the cursor at a row's end). Returns the count of rows; *starts
 * is allocated (NULL when out of memory: one row then). */
static size_t layout(const struct textarea *area, int width, size_t **starts)
{
	size_t count = 1, capacity = 16, i;
	int used = 0;

	if (width < 2)
		width = 2;
	*starts = malloc(capacity * sizeof(**starts));
	if (!*starts)
		return 1;
	(*starts)[0] = 0;
	for (i = 0; i < area->buffer.length; i++) {
		int cells = area->buffer.text[i] == '\n' ? 0 : field_cp_width(area->buffer.text[i]);
		size_t next = area->buffer.text[i] == '\n' ? i + 1 : i;
		bool wrap = area->buffer.text[i] == '\n' || used + cells > width - 1;

		if (!wrap) {
			used += cells;
			continue;
		}
		if (count == capacity) {
			size_t *grown = realloc(*starts, 2 * capacity * sizeof(**starts));

			if (!grown)
				break;
			*starts = grown;
			capacity *= 2;
		}
		(*starts)[count++] = next;
		used = area->buffer.text[i] == '\n' ? 0 : cells;
	}
	return count;
}

static size_t row_of(const size_t *starts, size_t count, size_t at)
{
	size_t row = 0;

	while (starts && row + 1 < count && starts[row + 1] <= at)
		row++;
	return row;
}

/* The end of a row: before its newline, or where the next row starts. */
static size_t row_end(const struct textarea *area, const size_t *starts, size_t count, size_t row)
{
	size_t end = row + 1 < count ? starts[row + 1] : area->buffer.length;

	if (end > starts[row] && end <= area->buffer.length && area->buffer.text[end - 1] == '\n')
		end--;
	return end;
}

static int cells_between(const struct textarea *area, size_t from, size_t to)
{
	int cells = 0;

	for (; from < to; from++)
		cells += area->buffer.text[from] == '\n' ? 0 : field_cp_width(area->buffer.text[from]);
	return cells;
}

/* The code point of `row` nearest to `column` cells from its start. */
static size_t at_column(const struct textarea *area, const size_t *starts, size_t count, size_t row, int column)
{
	size_t at = starts[row], end = row_end(area, starts, count, row);
	int cells = 0;

	while (at < end && cells + field_cp_width(area->buffer.text[at]) <= column)
		cells += field_cp_width(area->buffer.text[at++]);
	return at;
}

/* Up, Down, Home, End, PgUp, PgDn: moves by the rows as drawn. */
static void move_vertically(struct textarea *area, int code)
{
	size_t *starts, count = layout(area, area->width, &starts), row;
	int column, by = code == KEY_PPAGE || code == KEY_NPAGE ? 5 : 1;

	if (!starts)
		return;
	row = row_of(starts, count, area->buffer.cursor);
	column = cells_between(area, starts[row], area->buffer.cursor);
	if (code == KEY_HOME) {
		area->buffer.cursor = starts[row];
	} else if (code == KEY_END) {
		area->buffer.cursor = row_end(area, starts, count, row);
	} else if (code == KEY_UP || code == KEY_PPAGE) {
		row = row >= (size_t)by ? row - (size_t)by : 0;
		area->buffer.cursor = at_column(area, starts, count, row, column);
	} else {
		row = row + (size_t)by < count ? row + (size_t)by : count - 1;
		area->buffer.cursor = at_column(area, starts, count, row, column);
	}
	free(starts);
}

bool textarea_key(struct textarea *area, int code, wint_t ch)
{
	if (code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'))) {
		insert(area, '\n');
	} else if (code == KEY_BACKSPACE || (!code && (ch == 0x7f || ch == 0x08))) {
		if (area->buffer.cursor > 0)
			delete_at(area, --area->buffer.cursor);
	} else if (code == KEY_DC) {
		delete_at(area, area->buffer.cursor);
	} else if (code == KEY_LEFT) {
		area->buffer.cursor -= area->buffer.cursor > 0;
	} else if (code == KEY_RIGHT) {
		area->buffer.cursor += area->buffer.cursor < area->buffer.length;
	} else if (code == KEY_UP || code == KEY_DOWN || code == KEY_HOME || code == KEY_END || code == KEY_PPAGE ||
		   code == KEY_NPAGE) {
		move_vertically(area, code);
	} else if (!code && ch == 0x01) {
		move_vertically(area, KEY_HOME);
	} else if (!code && ch == 0x05) {
		move_vertically(area, KEY_END);
	} else if (!code && field_printable(ch)) {
		insert(area, (uint32_t)ch);
	} else {
		return false;
	}
	return true;
}

static void put_cp(int y, int x, uint32_t cp, attr_t attr)
{
	char bytes[5];

	bytes[utf8_encode(cp, bytes)] = '\0';
	draw_text(y, x, bytes, field_cp_width(cp), attr);
}

void textarea_draw(struct tui *tui, struct textarea *area, int y, int x, int width, int height, attr_t attr)
{
	size_t *starts, count, row, cursor_row, i;
	int cursor_x = x;

	area->width = width;
	count = layout(area, width, &starts);
	if (!starts || height <= 0)
		goto cleanup;
	cursor_row = row_of(starts, count, area->buffer.cursor);
	if (cursor_row < area->top)
		area->top = cursor_row;
	if (cursor_row >= area->top + (size_t)height)
		area->top = cursor_row - (size_t)height + 1;
	for (row = area->top; row < count && row < area->top + (size_t)height; row++) {
		int used = 0, line = y + (int)(row - area->top);
		size_t end = row_end(area, starts, count, row);

		for (i = starts[row]; i < end; i++) {
			if (i == area->buffer.cursor)
				cursor_x = x + used;
			if (field_cp_width(area->buffer.text[i]) > 0)
				put_cp(line, x + used, area->buffer.text[i], attr);
			used += field_cp_width(area->buffer.text[i]);
		}
		if (row == cursor_row && area->buffer.cursor >= end)
			cursor_x = x + used;
		draw_fill(line, x + used, width - used, attr);
	}
	for (; row < area->top + (size_t)height; row++)
		draw_fill(y + (int)(row - area->top), x, width, attr);
	tui_cursor(tui, y + (int)(cursor_row - area->top), cursor_x);
cleanup:
	free(starts);
}

void textarea_free(struct textarea *area)
{
	field_free(&area->buffer);
	memset(area, 0, sizeof(*area));
}
