/* Unit tests of the note editor's pure parts (src/tui/textarea.c): newlines
 * kept, controls dropped, and Up, Down, Home and End moving by the rows the
 * text wraps into at a width of display cells (CJK two cells). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/textarea.h"

static void assert_text(const struct textarea *area, const char *want)
{
	char *text = textarea_text(area);

	assert_non_null(text);
	assert_string_equal(text, want);
	free(text);
}

static void test_set_keeps_newlines_drops_controls(void **state)
{
	struct textarea area;

	(void)state;
	textarea_init(&area);
	assert_true(textarea_set(&area, "现场\n未见\x1b[2J装置\t"));
	assert_text(&area, "现场\n未见[2J装置");
	assert_false(area.changed);
	assert_int_equal(area.buffer.cursor, area.buffer.length);
	textarea_free(&area);
}

static void test_typing_and_enter(void **state)
{
	struct textarea area;

	(void)state;
	textarea_init(&area);
	textarea_set(&area, "");
	assert_true(textarea_key(&area, 0, L'计'));
	assert_true(textarea_key(&area, 0, L'\r'));
	assert_true(textarea_key(&area, 0, L'划'));
	assert_true(textarea_key(&area, KEY_BACKSPACE, 0));
	assert_true(textarea_key(&area, 0, L'2'));
	assert_text(&area, "计\n2");
	assert_true(area.changed);
	assert_false(textarea_key(&area, KEY_F(2), 0)); /* the caller's: save */
	assert_false(textarea_key(&area, 0, 0x1b));    /* the caller's: cancel */
	textarea_free(&area);
}

/* At width 7 (6 cells of text and one for the cursor) "一二三四五六七八"
 * wraps as 一二三 / 四五六 / 七八. */
static void test_up_down_by_wrapped_rows(void **state)
{
	struct textarea area;

	(void)state;
	textarea_init(&area);
	area.width = 7;
	textarea_set(&area, "一二三四五六七八\nab");
	area.buffer.cursor = 1; /* after 一 */
	textarea_key(&area, KEY_DOWN, 0);
	assert_int_equal(area.buffer.cursor, 4); /* after 四, the same column */
	textarea_key(&area, KEY_DOWN, 0);
	assert_int_equal(area.buffer.cursor, 7); /* after 七 */
	textarea_key(&area, KEY_DOWN, 0);
	assert_int_equal(area.buffer.cursor, 11); /* "ab": two cells in is after b */
	textarea_key(&area, KEY_UP, 0);
	assert_int_equal(area.buffer.cursor, 7); /* back after 七 */
	textarea_key(&area, KEY_END, 0);
	assert_int_equal(area.buffer.cursor, 8); /* the end of 七八, before the newline */
	textarea_key(&area, KEY_HOME, 0);
	assert_int_equal(area.buffer.cursor, 6);
	textarea_key(&area, KEY_UP, 0);
	textarea_key(&area, KEY_UP, 0);
	textarea_key(&area, KEY_UP, 0);
	assert_int_equal(area.buffer.cursor, 0);
	textarea_free(&area);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_keeps_newlines_drops_controls),
		cmocka_unit_test(test_typing_and_enter),
		cmocka_unit_test(test_up_down_by_wrapped_rows),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "zh_CN.UTF-8")) {
		fprintf(stderr, "test_textarea: needs the C.UTF-8 or zh_CN.UTF-8 locale\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
