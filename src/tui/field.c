/* A one-line text editor: code points in, UTF-8 out, drawn by display cells. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "field.h"

void field_init(struct field *field, size_t limit)
{
	memset(field, 0, sizeof(*field));
	field->limit = limit;
}

static bool grow(struct field *field, size_t wanted)
{
	size_t capacity = field->capacity ? field->capacity : 32;
	uint32_t *grown;

	if (wanted <= field->capacity)
		return true;
	while (capacity < wanted)
		capacity *= 2;
	grown = realloc(field->text, capacity * sizeof(*grown));
	if (!grown) {
		field->failed = true;
		return false;
	}
	field->text = grown;
	field->capacity = capacity;
	return true;
}

bool field_printable(wint_t ch)
{
	return ch >= 0x20 && ch <= 0x10FFFF && !(ch >= 0xD800 && ch <= 0xDFFF) && !utf8_is_unsafe((uint32_t)ch) &&
	       !(ch >= 0xFDD0 && ch <= 0xFDEF) && (ch & 0xFFFE) != 0xFFFE;
}

void field_say_refused(struct tui *tui, int code, wint_t ch)
{
	if (code || field_printable(ch))
		return;
	/* L10N: a key typed or pasted into a field that is not text (e.g. U+0007, a bell) */
	tui_say(tui, true, _("U+%04X is not text (a control character or a noncharacter): not typed"), (unsigned)ch);
}

bool field_insert(struct field *field, uint32_t cp)
{
	if (!grow(field, field->length + 1))
		return false;
	memmove(field->text + field->cursor + 1, field->text + field->cursor,
		(field->length - field->cursor) * sizeof(*field->text));
	field->text[field->cursor++] = cp;
	field->length++;
	return true;
}

void field_delete_at(struct field *field, size_t at)
{
	if (at >= field->length)
		return;
	memmove(field->text + at, field->text + at + 1, (field->length - at - 1) * sizeof(*field->text));
	field->length--;
}

bool field_set(struct field *field, const char *utf8)
{
	size_t len = utf8 ? strlen(utf8) : 0, at = 0;

	field->length = field->cursor = field->scroll = 0;
	field->failed = false;
	while (at < len) {
		uint32_t cp;
		bool valid;

		at += utf8_decode(utf8 + at, len - at, &cp, &valid);
		if (valid && (field_printable(cp) || (field->lines && cp == '\n')) && !field_insert(field, cp))
			return false;
	}
	return true;
}

char *field_text(const struct field *field)
{
	char *out = malloc(field->length * 4 + 1);
	size_t used = 0, i;

	if (!out)
		return NULL;
	for (i = 0; i < field->length; i++)
		used += utf8_encode(field->text[i], out + used);
	out[used] = '\0';
	return out;
}

bool field_is_empty(const struct field *field)
{
	return field->length == 0;
}

/* Classes of characters for word motions: a word is a run of one class
 * (letters and digits, ideographs, punctuation), spaces between. */
static int word_class(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == 0x3000)
		return 0;
	if (cp < 0x80)
		return iswalnum((wint_t)cp) || cp == '_' ? 1 : 3;
	if ((cp >= 0x3001 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20))
		return 3;
	return iswalnum((wint_t)cp) && cp < 0x2e80 ? 1 : 2;
}

size_t field_word_left(const struct field *field, size_t at)
{
	while (at > 0 && word_class(field->text[at - 1]) == 0)
		at--;
	if (at > 0) {
		int cls = word_class(field->text[at - 1]);

		while (at > 0 && word_class(field->text[at - 1]) == cls)
			at--;
	}
	return at;
}

size_t field_word_right(const struct field *field, size_t at)
{
	if (at < field->length) {
		int cls = word_class(field->text[at]);

		while (at < field->length && word_class(field->text[at]) == cls)
			at++;
	}
	while (at < field->length && word_class(field->text[at]) == 0)
		at++;
	return at;
}

bool field_key(struct field *field, int code, wint_t ch)
{
	static int control_left = -1, control_right = -1;

	if (control_left < 0) { /* xterm's ^← and ^→, where the terminal has them */
		control_left = key_defined("\033[1;5D") > 0 ? key_defined("\033[1;5D") : 0;
		control_right = key_defined("\033[1;5C") > 0 ? key_defined("\033[1;5C") : 0;
	}
	if (code && code == control_left) {
		field->cursor = field_word_left(field, field->cursor);
		return true;
	}
	if (code && code == control_right) {
		field->cursor = field_word_right(field, field->cursor);
		return true;
	}
	if (!code && ch == 0x17) { /* ^W: the word before the cursor */
		size_t from = field_word_left(field, field->cursor);

		while (field->cursor > from)
			field_delete_at(field, --field->cursor);
		return true;
	}
	if (code == KEY_BACKSPACE || (!code && (ch == 0x7f || ch == 0x08))) {
		if (field->cursor > 0)
			field_delete_at(field, --field->cursor);
	} else if (code == KEY_DC) {
		field_delete_at(field, field->cursor);
	} else if (code == KEY_LEFT) {
		field->cursor -= field->cursor > 0;
	} else if (code == KEY_RIGHT) {
		field->cursor += field->cursor < field->length;
	} else if (code == KEY_HOME || (!code && ch == 0x01)) {
		field->cursor = 0;
	} else if (code == KEY_END || (!code && ch == 0x05)) {
		field->cursor = field->length;
	} else if (!code && ch == 0x15) {
		field->length = field->cursor = field->scroll = 0;
	} else if (!code && field_printable(ch)) {
		field_insert(field, (uint32_t)ch);
	} else {
		return false;
	}
	return true;
}

int field_cp_width(uint32_t cp)
{
	return wcwidth((wchar_t)cp) < 0 ? 1 : utf8_cp_width(cp);
}

static int width_between(const struct field *field, size_t from, size_t to)
{
	int cells = 0;

	for (; from < to; from++)
		cells += field_cp_width(field->text[from]);
	return cells;
}

void field_scroll(struct field *field, int cells)
{
	int under = field->cursor < field->length ? field_cp_width(field->text[field->cursor]) : 1;

	if (under < 1)
		under = 1;
	if (field->cursor < field->scroll)
		field->scroll = field->cursor;
	if (width_between(field, 0, field->cursor) + under <= cells)
		field->scroll = 0;
	while (field->scroll < field->cursor && width_between(field, field->scroll, field->cursor) + under > cells)
		field->scroll++;
}

static void put_cp(int y, int x, uint32_t cp, attr_t attr)
{
	char bytes[5];

	bytes[utf8_encode(cp, bytes)] = '\0';
	draw_text(y, x, bytes, field_cp_width(cp), attr);
}

int field_draw(struct field *field, int y, int x, int cells, attr_t attr, bool cursor)
{
	int used = 0, at_cursor = x;
	size_t i;

	field_scroll(field, cells);
	for (i = field->scroll; i < field->length; i++) {
		int width = field_cp_width(field->text[i]);

		if (used + width > cells)
			break;
		if (i == field->cursor)
			at_cursor = x + used;
		if (width > 0)
			put_cp(y, x + used, field->text[i], attr);
		used += width;
	}
	if (field->cursor >= i)
		at_cursor = x + used;
	draw_fill(y, x + used, cells - used, attr);
	if (cursor && at_cursor < x + cells) {
		if (field->cursor < field->length && field_cp_width(field->text[field->cursor]) > 0)
			put_cp(y, at_cursor, field->text[field->cursor], attr | A_REVERSE);
		else
			draw_fill(y, at_cursor, 1, attr | A_REVERSE);
		move(y, at_cursor);
	}
	return at_cursor;
}

void field_free(struct field *field)
{
	free(field->text);
	memset(field, 0, sizeof(*field));
}
