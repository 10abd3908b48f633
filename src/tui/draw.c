/* Drawing UTF-8 data by display cells. Code points are decoded here, never by
 * the locale, so a GB18030 terminal shows the same screen: ncursesw converts
 * the wide characters to the terminal's codeset. Unsafe code points from data
 * are drawn as visible placeholders. */
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

#include "gradus/text/utf8.h"
#include "tui_private.h"

static void put_cp(int y, int x, uint32_t cp, attr_t attr)
{
	cchar_t cell;
	wchar_t wc[2] = { (wchar_t)cp, L'\0' };

	/* The pair goes in its own argument: setcchar takes it from there, not
	 * from the attribute's colour bits. */
	setcchar(&cell, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvadd_wch(y, x, &cell);
}

/* A run of characters that each take as many cells as curses gives them,
 * drawn in one call (a screen is thousands of cells, drawn on every key). */
static void put_run(int y, int x, const wchar_t *run, int count, attr_t attr)
{
	if (!count)
		return;
	wattr_set(stdscr, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvaddnwstr(y, x, run, count);
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

static uint32_t placeholder_of(uint32_t cp)
{
	const char *p = utf8_placeholder(cp);
	uint32_t shown;
	bool valid;

	utf8_decode(p, strlen(p), &shown, &valid);
	return shown;
}

enum { RUN_MAX = 128 };

/* Draws text from column x in at most `cells` cells, padding with spaces;
 * returns the cells used by text. A wide character that does not fit is
 * left out rather than cut. Printable ASCII is taken as it is; another
 * character is decoded, and drawn as a placeholder when it is unsafe or the
 * locale cannot print it. Characters go out in runs; one that gradus counts
 * wider than curses does (East Asian ambiguous ones on a terminal that
 * draws them wide) is placed at its own cell. */
int draw_text(int y, int x, const char *text, int cells, attr_t attr)
{
	wchar_t run[RUN_MAX + 1];
	size_t len = text ? strlen(text) : 0, at = 0;
	int used = 0, count = 0, start = 0;

	while (at < len && used < cells) {
		unsigned char c = (unsigned char)text[at];
		uint32_t cp = c;
		size_t n = 1;
		int width = 1, drawn = 1;

		if (c < 0x20 || c >= 0x7F) {
			bool valid;

			n = utf8_decode(text + at, len - at, &cp, &valid);
			drawn = valid ? wcwidth((wchar_t)cp) : -1;
			if (!valid || utf8_is_unsafe(cp) || drawn < 0) {
				/* Code points the locale cannot print are placeholders too. */
				cp = placeholder_of(valid ? cp : UTF8_REPLACEMENT);
				drawn = width = 1;
			} else {
				width = utf8_cp_width_of(cp, drawn);
			}
		}
		if (used + width > cells)
			break;
		at += n;
		if (width == 0)
			continue;
		if (drawn != width || count == RUN_MAX) {
			put_run(y, x + start, run, count, attr);
			count = 0;
		}
		if (drawn != width) {
			put_cp(y, x + used, cp, attr);
		} else {
			if (!count)
				start = used;
			run[count++] = (wchar_t)cp;
		}
		used += width;
	}
	put_run(y, x + start, run, count, attr);
	draw_fill(y, x + used, cells - used, attr);
	return used;
}

/* A text cut ends in …, or in ~ on a terminal that is not UTF-8 (a
 * GB18030 one draws … two cells wide). */
int draw_text_cut(int y, int x, const char *text, int cells, attr_t attr)
{
	const char *ellipsis = strcmp(nl_langinfo(CODESET), "UTF-8") ? "~" : "…";
	int mark = utf8_width(ellipsis), used;

	if (!text || cells <= mark || !text[utf8_prefix_for_width(text, cells, NULL)])
		return draw_text(y, x, text, cells, attr);
	used = draw_text(y, x, text, cells - mark, attr);
	draw_text(y, x + used, ellipsis, cells - used, attr);
	return used + mark;
}

void draw_fill(int y, int x, int cells, attr_t attr)
{
	cchar_t cell;
	wchar_t space[2] = { L' ', L'\0' };

	if (cells <= 0)
		return;
	setcchar(&cell, space, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvhline_set(y, x, &cell, cells);
}

/* With colours, the pair stands for the fallback's reverse video (its
 * background marks the cell), the rest of the fallback is kept; a pair
 * configured as default on default keeps the reverse video too, so a
 * cursor row is never invisible. Without colours (NO_COLOR, --no-color, a
 * monochrome terminal), the fallback alone. */
attr_t draw_colour(const struct tui *tui, enum colour colour, attr_t fallback)
{
	short foreground, background;

	if (!tui->colour)
		return fallback;
	pair_content((short)colour, &foreground, &background);
	if (foreground != -1 || background != -1)
		fallback &= ~A_REVERSE;
	return (attr_t)COLOR_PAIR(colour) | fallback;
}

attr_t draw_due(const struct tui *tui, enum due_mark mark, bool cursor)
{
	attr_t base = cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;

	switch (mark) {
	case DUE_OVERDUE:
		return cursor ? base | A_BOLD | A_UNDERLINE : draw_colour(tui, COLOUR_DUE, A_BOLD | A_UNDERLINE);
	case DUE_SOON: return base | A_BOLD;
	default: return base;
	}
}

enum due_mark draw_due_mark(struct date today, const char *due)
{
	struct date on;
	struct error err;
	long days;

	if (!due || !*due || date_parse(due, &on, &err))
		return DUE_NONE;
	days = date_days_between(today, on);
	return days < 0 ? DUE_OVERDUE : days <= DUE_SOON_DAYS ? DUE_SOON : DUE_NONE;
}
