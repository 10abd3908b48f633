/* Drawing UTF-8 data by display cells. Code points are decoded here, never by
 * the locale, so a GB18030 terminal shows the same screen: ncursesw converts
 * the wide characters to the terminal's codeset. Unsafe code points from data
 * are drawn as visible placeholders. */
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

#include "gradus/text/utf8.h"
#include "tui_private.h"

/* A line of cells, built in memory and handed to curses in one call
 * (mvadd_wchnstr: no wrapping, no cursor to move): a screen is thousands of
 * cells, drawn on every key, and curses' own per-character path (wadd_wch)
 * cost more than the key's work. An entry is one character, as many cells
 * wide as curses gives it; a character that gradus counts wider than curses
 * does (East Asian ambiguous ones on a terminal that draws them wide) is
 * followed by spaces to the cells gradus counts. */
static void line_flush(struct draw_line *line)
{
	if (line->count)
		mvadd_wchnstr(line->y, line->x, line->cell, line->count);
	line->x += line->cells;
	line->count = 0;
	line->cells = 0;
}

static void line_put(struct draw_line *line, uint32_t cp, int drawn, attr_t attr)
{
	if (line->count == DRAW_LINE_MAX)
		line_flush(line);
	if (!line->made || attr != line->attr) {
		/* The pair goes in its own argument: setcchar takes it from
		 * there, not from the attribute's colour bits. */
		setcchar(&line->made_cell, L" ", attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
		line->attr = attr;
		line->made = true;
	}
	/* a cell of this attribute made once, its character set in ncursesw's
	 * cchar_t (setcchar each time was a tenth of a screen's drawing) */
	line->cell[line->count] = line->made_cell;
	line->cell[line->count++].chars[0] = (wchar_t)cp;
	line->cells += drawn;
}

void draw_line_begin(struct draw_line *line, int y, int x)
{
	line->y = y;
	line->x = x;
	line->count = 0;
	line->cells = 0;
	line->made = false;
	line->attr = A_NORMAL;
	line->over_blank = false;
}

void draw_line_end(struct draw_line *line)
{
	line_flush(line);
}

void draw_line_fill(struct draw_line *line, int cells, attr_t attr)
{
	if (line->over_blank && attr == A_NORMAL && cells >= 2) {
		/* erased for this frame already: left as they are */
		line_flush(line);
		line->x += cells;
		return;
	}
	while (cells-- > 0)
		line_put(line, ' ', 1, attr);
}

static uint32_t placeholder_of(uint32_t cp)
{
	const char *p = utf8_placeholder(cp);
	uint32_t shown;
	bool valid;

	utf8_decode(p, strlen(p), &shown, &valid);
	return shown;
}

/* Text in at most `cells` cells, not padded; returns the cells used. A wide
 * character that does not fit is left out rather than cut. Printable ASCII
 * is taken as it is; another character is decoded, and drawn as a
 * placeholder when it is unsafe or the locale cannot print it. With keep,
 * what the line held when the text had taken at most keep->cells cells is
 * noted there (a cut's place for its mark), and keep->whole says whether
 * the whole text went in. */
struct keep {
	int cells;     /* in: the cells before the mark */
	int count;     /* out: the entries held then */
	int line_cells; /* out: the cells they took */
	int used;      /* out: the text's cells then */
	bool whole;    /* out: the whole text went in */
};

static int line_text(struct draw_line *line, const char *text, size_t len, int cells, attr_t attr,
		     struct keep *keep)
{
	size_t at = 0;
	int used = 0;

	if (keep) {
		keep->count = line->count;
		keep->line_cells = line->cells;
		keep->used = 0;
	}
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
		line_put(line, cp, drawn, attr);
		draw_line_fill(line, width - drawn, attr);
		used += width;
		if (keep && used <= keep->cells) {
			keep->count = line->count;
			keep->line_cells = line->cells;
			keep->used = used;
		}
	}
	/* what is left is of no width (combining marks past the last cell) */
	while (at < len && used >= cells) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(text + at, len - at, &cp, &valid);

		if (!valid || utf8_cp_width(cp) != 0)
			break;
		at += n;
	}
	if (keep)
		keep->whole = at >= len;
	return used;
}

/* The mark a cut text ends in: …, or ~ on a terminal that is not UTF-8 (a
 * GB18030 one draws … two cells wide); the codeset read again only when
 * the locale changed. */
static const char *ellipsis(void)
{
	static const char *codeset;
	static bool utf8;
	const char *now = nl_langinfo(CODESET);

	if (now != codeset) {
		codeset = now;
		utf8 = !strcmp(now, "UTF-8");
	}
	return utf8 ? "…" : "~";
}

/* A text cut ends in its mark (ellipsis). No character takes more cells
 * than it has bytes, so a text of no more bytes than cells fits as it is.
 * The text is drawn once, up to its cells: when it did not all go in, the
 * line goes back to where the mark fits, and the mark follows. */
int draw_line_text(struct draw_line *line, const char *text, int cells, bool cut, attr_t attr)
{
	size_t len = text ? strlen(text) : 0;
	struct keep keep;
	const char *mark_text;
	int mark, used;

	if (cells <= 0)
		return 0;
	if (!cut || len <= (size_t)cells)
		goto whole;
	mark_text = ellipsis();
	mark = utf8_width(mark_text);
	if (cells <= mark)
		goto whole;
	if (cells > DRAW_LINE_MAX) { /* wider than the line holds: measured first */
		if (!text[utf8_prefix_for_width(text, cells, NULL)])
			goto whole;
		used = line_text(line, text, len, cells - mark, attr, NULL);
		goto marked;
	}
	if (line->count + cells > DRAW_LINE_MAX)
		line_flush(line); /* the text's entries, at most one a cell, all held */
	keep.cells = cells - mark;
	used = line_text(line, text, len, cells, attr, &keep);
	if (keep.whole) {
		draw_line_fill(line, cells - used, attr);
		return used;
	}
	line->count = keep.count;
	line->cells = keep.line_cells;
	used = keep.used;
marked:
	used += line_text(line, mark_text, strlen(mark_text), cells - used, attr, NULL);
	draw_line_fill(line, cells - used, attr);
	return used;
whole:
	used = line_text(line, text, len, cells, attr, NULL);
	draw_line_fill(line, cells - used, attr);
	return used;
}

static int draw_once(int y, int x, const char *text, int cells, bool cut, attr_t attr)
{
	struct draw_line line;
	int used;

	draw_line_begin(&line, y, x);
	used = draw_line_text(&line, text, cells, cut, attr);
	draw_line_end(&line);
	return used;
}

/* Draws text from column x in at most `cells` cells, padding with spaces;
 * returns the cells used by text. */
int draw_text(int y, int x, const char *text, int cells, attr_t attr)
{
	return draw_once(y, x, text, cells, false, attr);
}

int draw_text_cut(int y, int x, const char *text, int cells, attr_t attr)
{
	return draw_once(y, x, text, cells, true, attr);
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
