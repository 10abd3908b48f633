/* Unit tests of the line editor's pure parts (src/tui/field.c): editing keys
 * on code points, UTF-8 in and out, and scrolling by display cells. */
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
#include "tui/field.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* One key: a KEY_* code, or a character. */
struct press {
	int code;
	wint_t ch;
};

static void assert_text(const struct field *field, const char *want)
{
	char *text = field_text(field);

	assert_non_null(text);
	assert_string_equal(text, want);
	free(text);
}

static void test_set_and_text(void **state)
{
	static const struct {
		const char *in, *out;
		size_t length;
	} cases[] = {
		{ "", "", 0 },
		{ "abc", "abc", 3 },
		{ "武汉智造", "武汉智造", 4 },
		{ "𠮷野家", "𠮷野家", 3 },                    /* outside the BMP: one code point */
		{ "a\x1b[2Jb", "a[2Jb", 5 },                  /* ESC dropped */
		{ "a\xffz", "az", 2 },                        /* invalid byte dropped */
		{ "x\xe2\x80\xaey", "xy", 2 },                /* RIGHT-TO-LEFT OVERRIDE dropped */
	};
	struct field field;
	size_t i;

	(void)state;
	field_init(&field, 0);
	for (i = 0; i < COUNT(cases); i++) {
		assert_true(field_set(&field, cases[i].in));
		assert_int_equal(field.length, cases[i].length);
		assert_int_equal(field.cursor, cases[i].length);
		assert_text(&field, cases[i].out);
	}
	field_free(&field);
}

static void test_editing_keys(void **state)
{
	static const struct {
		const char *start;
		struct press keys[6];
		const char *want;
		size_t cursor;
	} cases[] = {
		{ "武汉", { { 0, L'市' } }, "武汉市", 3 },
		{ "武汉", { { KEY_LEFT, 0 }, { 0, 0x20BB7 } }, "武𠮷汉", 2 },
		{ "武汉市", { { KEY_BACKSPACE, 0 } }, "武汉", 2 },
		{ "武汉市", { { 0, 0x7f } }, "武汉", 2 },
		{ "武汉市", { { 0, 0x08 } }, "武汉", 2 },
		{ "𠮷a", { { KEY_LEFT, 0 }, { KEY_BACKSPACE, 0 } }, "a", 0 },
		{ "武汉市", { { KEY_HOME, 0 }, { KEY_DC, 0 } }, "汉市", 0 },
		{ "武汉市", { { 0, 0x01 }, { KEY_RIGHT, 0 }, { 0, L'x' } }, "武x汉市", 2 },
		{ "武汉市", { { 0, 0x01 }, { 0, 0x05 }, { KEY_RIGHT, 0 } }, "武汉市", 3 },
		{ "武汉市", { { KEY_HOME, 0 }, { KEY_LEFT, 0 }, { KEY_BACKSPACE, 0 } }, "武汉市", 0 },
		{ "武汉市", { { KEY_END, 0 }, { KEY_DC, 0 } }, "武汉市", 3 },
		{ "武汉市", { { 0, 0x15 } }, "", 0 },
		{ "q", { { 0, L'Q' }, { 0, L'?' }, { 0, L'h' }, { 0, L'x' }, { 0, L' ' } }, "qQ?hx ", 6 },
	};
	struct field field;
	size_t i, k;

	(void)state;
	field_init(&field, 0);
	for (i = 0; i < COUNT(cases); i++) {
		field_set(&field, cases[i].start);
		for (k = 0; k < COUNT(cases[i].keys) && (cases[i].keys[k].code || cases[i].keys[k].ch); k++)
			assert_true(field_key(&field, cases[i].keys[k].code, cases[i].keys[k].ch));
		assert_text(&field, cases[i].want);
		assert_int_equal(field.cursor, cases[i].cursor);
	}
	field_free(&field);
}

/* Words: runs of letters and digits, of ideographs, of punctuation. */
static void test_words(void **state)
{
	static const struct {
		const char *text;
		size_t at, left, right;
	} table[] = {
		{ "武汉光谷 HB-2026", 12, 8, 12 },  /* end: back over "2026" */
		{ "武汉光谷 HB-2026", 0, 0, 5 },    /* the ideographs, then the space */
		{ "武汉光谷 HB-2026", 5, 0, 7 },    /* from "HB": back over the space and 武汉光谷 */
		{ "武汉，光谷", 5, 3, 5 },          /* full-width punctuation separates */
		{ "𠮷野家 abc", 3, 0, 4 },          /* outside the BMP is an ideograph too */
		{ "", 0, 0, 0 },
	};
	struct field field;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(table); i++) {
		field_init(&field, 0);
		field_set(&field, table[i].text);
		assert_int_equal(field_word_left(&field, table[i].at), table[i].left);
		assert_int_equal(field_word_right(&field, table[i].at), table[i].right);
		field_free(&field);
	}
	field_init(&field, 0);
	field_set(&field, "武汉光谷 精密机械");
	assert_true(field_key(&field, 0, 0x17)); /* ^W */
	assert_text(&field, "武汉光谷 ");
	assert_true(field_key(&field, 0, 0x17));
	assert_text(&field, "");
	field_free(&field);
}

static void test_not_editing_keys(void **state)
{
	static const struct press keys[] = {
		{ 0, L'\t' }, { 0, L'\r' }, { 0, L'\n' }, { 0, 0x1b }, { KEY_UP, 0 }, { KEY_DOWN, 0 },
		{ KEY_BTAB, 0 }, { 0, 0x9b }, { 0, 0x202e },
	};
	struct field field;
	size_t i;

	(void)state;
	field_init(&field, 0);
	field_set(&field, "ab");
	for (i = 0; i < COUNT(keys); i++)
		assert_false(field_key(&field, keys[i].code, keys[i].ch));
	assert_text(&field, "ab");
	field_free(&field);
}

static void test_grows(void **state)
{
	struct field field;
	size_t i;

	(void)state;
	field_init(&field, 18);
	for (i = 0; i < 1000; i++)
		assert_true(field_key(&field, 0, i % 2 ? L'中' : 0x20BB7));
	assert_int_equal(field.length, 1000);
	assert_int_equal(field.limit, 18);
	assert_false(field.failed);
	field_free(&field);
}

/* The cursor stays visible: the cells from scroll to the cursor, and the
 * cell under it, fit. */
static void test_scroll(void **state)
{
	static const struct {
		const char *text;
		int home_moves; /* KEY_LEFT presses from the end */
		int cells;
		size_t scroll;
	} cases[] = {
		{ "abc", 0, 10, 0 },
		{ "abcdefghij", 0, 10, 1 },    /* 10 cells of text and the cursor cell */
		{ "abcdefghi", 0, 10, 0 },
		{ "武汉市智造有限公司", 0, 10, 5 },  /* 18 cells: 4 wide characters and the cursor */
		{ "武汉市智造有限公司", 9, 10, 0 },
		{ "𠮷𠮷𠮷𠮷𠮷𠮷", 0, 7, 3 },      /* 3 wide characters and the cursor cell */
		{ "𠮷𠮷𠮷𠮷𠮷𠮷", 1, 7, 3 },      /* cursor on a wide character: 2 cells under it */
		{ "𠮷𠮷𠮷𠮷𠮷𠮷", 6, 7, 0 },
	};
	struct field field;
	size_t i;
	int k;

	(void)state;
	field_init(&field, 0);
	for (i = 0; i < COUNT(cases); i++) {
		field_set(&field, cases[i].text);
		field_scroll(&field, cases[i].cells);
		for (k = 0; k < cases[i].home_moves; k++) {
			field_key(&field, KEY_LEFT, 0);
			field_scroll(&field, cases[i].cells);
		}
		assert_int_equal(field.scroll, cases[i].scroll);
	}
	field_free(&field);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(field_cp_width(L'a'), 1);
	assert_int_equal(field_cp_width(L'中'), 2);
	assert_int_equal(field_cp_width(0x20BB7), 2);
	assert_int_equal(field_cp_width(0x0301), 0); /* combining acute */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_and_text),
		cmocka_unit_test(test_editing_keys),
		cmocka_unit_test(test_not_editing_keys),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_grows),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_widths),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "zh_CN.UTF-8")) {
		fprintf(stderr, "test_field: needs the C.UTF-8 or zh_CN.UTF-8 locale\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
