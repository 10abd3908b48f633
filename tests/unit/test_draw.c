/* Unit tests of a list row's text drawn by display cells (src/tui/draw.c):
 * a text cut ends in … (~ on a GB18030 terminal) in exactly its cells, a
 * wide character that does not fit is left out, never halved, and a text
 * that fits is drawn whole, whatever its bytes. The row is read back from
 * an off-screen curses terminal. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/text/utf8.h"
#include "tui/tui_private.h"

static SCREEN *screen;
static FILE *out, *in;

static int start(const char *locale)
{
	if (!setlocale(LC_ALL, locale))
		return -1;
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	screen = newterm("xterm", out, in);
	if (!screen)
		return -1;
	resizeterm(4, 40);
	return 0;
}

static int setup_utf8(void **state)
{
	(void)state;
	return start("C.UTF-8");
}

static int setup_gb18030(void **state)
{
	(void)state;
	return start("zh_CN.GB18030");
}

static int teardown(void **state)
{
	(void)state;
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
	utf8_set_ambiguous_wide(false);
	return 0;
}

/* The row as drawn: "|" + text in `cells` cells (cut) + "|". */
static void drawn(const char *text, int cells, wchar_t *row, int size)
{
	struct draw_line line;
	int used;

	erase();
	draw_line_begin(&line, 1, 0);
	draw_line_text(&line, "|", 1, false, A_NORMAL);
	used = draw_line_text(&line, text, cells, true, A_NORMAL);
	assert_true(used <= cells);
	draw_line_text(&line, "|", 1, false, A_NORMAL);
	draw_line_end(&line);
	mvinnwstr(1, 0, row, size);
	/* what follows the closing bar is blank */
	for (wchar_t *end = wcsrchr(row, L'|'); end && end[1]; end[1] = L'\0')
		;
}

struct cut_case {
	const char *text;
	int cells;
	const wchar_t *want;
};

static void check_cases(const struct cut_case *cases, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		wchar_t row[64];

		drawn(cases[i].text, cases[i].cells, row, 64);
		if (wcscmp(row, cases[i].want))
			fail_msg("case %zu (%s in %d cells): drawn \"%ls\", expected \"%ls\"", i, cases[i].text,
				 cases[i].cells, row, cases[i].want);
	}
}

static void test_cut_by_cells(void **state)
{
	static const struct cut_case cases[] = {
		{ "ABCDEFG", 5, L"|ABCD…|" },
		{ "ABCDE", 5, L"|ABCDE|" },            /* fits exactly */
		{ "ABC", 5, L"|ABC  |" },              /* padded */
		{ "", 3, L"|   |" },
		{ "荆州智能精密", 7, L"|荆州智…|" },    /* 12 cells in 7 */
		{ "荆州智能", 8, L"|荆州智能|" },       /* 8 cells, 12 bytes: whole */
		{ "荆州智能", 7, L"|荆州智…|" },
		{ "a荆州智", 6, L"|a荆州…|" },
		{ "a荆州智", 5, L"|a荆… |" },           /* 州 does not fit before the mark */
		{ "荆州", 1, L"| |" },                  /* no room for a wide character */
		{ "荆州", 2, L"|… |" },                 /* 荆 and the mark do not fit in 2 */
		{ "abcde\xcc\x81", 5, L"|abcde|" },     /* a combining mark past the last cell */
		{ "abcde\xcc\x81g", 5, L"|abcd…|" },
		{ "ab\x1b[2Jcd", 4, L"|ab␛…|" },         /* a control is a placeholder */
		{ "ab\xff" "cdef", 4, L"|ab\xfffd…|" }, /* so is a byte that is not UTF-8 */
		{ "𠀀𠀁𠀂", 5, L"|𠀀𠀁…|" },              /* outside the BMP, two cells each */
		{ "𠀀𠀁𠀂", 6, L"|𠀀𠀁𠀂|" },
	};

	(void)state;
	check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A terminal that draws East Asian ambiguous characters wide: … takes two
 * cells, drawn as one and a space. */
static void test_cut_ambiguous_wide(void **state)
{
	static const struct cut_case cases[] = {
		{ "ABCDEFG", 5, L"|ABC… |" },
		{ "荆州智能精密", 7, L"|荆州…  |" },
		{ "荆州智能", 8, L"|荆州智能|" },
	};

	(void)state;
	utf8_set_ambiguous_wide(true);
	check_cases(cases, sizeof(cases) / sizeof(cases[0]));
	utf8_set_ambiguous_wide(false);
}

/* A row wider than the line's buffer holds is drawn whole all the same. */
static void test_cut_wider_than_buffer(void **state)
{
	char text[3 * 300 + 1] = "";
	struct draw_line line;
	wchar_t row[320];
	int i;

	(void)state;
	resizeterm(4, 300);
	for (i = 0; i < 200; i++)
		strcat(text, "荆");
	erase();
	draw_line_begin(&line, 1, 0);
	draw_line_text(&line, "ABCDEFGHIJ", 10, false, A_NORMAL);
	assert_int_equal(draw_line_text(&line, text, 280, true, A_NORMAL), 279);
	draw_line_end(&line);
	mvinnwstr(1, 0, row, 320);
	/* 139 wide characters, the mark, a space, and the rest of the row */
	assert_true(wcsncmp(row, L"ABCDEFGHIJ荆", 11) == 0);
	assert_int_equal(row[10 + 138], L'荆');
	assert_true(wcsncmp(row + 10 + 139, L"…  ", 3) == 0);
	resizeterm(4, 40);
}

/* A GB18030 terminal draws … two cells wide: a cut ends in ~ there. */
static void test_cut_gb18030(void **state)
{
	static const struct cut_case cases[] = {
		{ "荆州智能精密", 7, L"|荆州智~|" },
		{ "荆州智能", 8, L"|荆州智能|" },
		{ "𠀀𠀁𠀂", 5, L"|𠀀𠀁~|" },
	};

	(void)state;
	check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
	const struct CMUnitTest utf8[] = {
		cmocka_unit_test(test_cut_by_cells),
		cmocka_unit_test(test_cut_ambiguous_wide),
		cmocka_unit_test(test_cut_wider_than_buffer),
	};
	const struct CMUnitTest gb18030[] = {
		cmocka_unit_test(test_cut_gb18030),
	};
	int failed = cmocka_run_group_tests_name("draw, UTF-8", utf8, setup_utf8, teardown);

	return failed + cmocka_run_group_tests_name("draw, GB18030", gb18030, setup_gb18030, teardown);
}
