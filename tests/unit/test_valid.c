/* Unit tests of src/text/valid.c: which text may be stored, and where the
 * first problem is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/text/charset.h"
#include "gradus/text/valid.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_problem(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		bool multiline;
		enum text_fault fault;
		size_t character;
		uint32_t cp;
	} cases[] = {
		{ "", 0, false, TEXT_FAULT_NONE, 0, 0 },
		{ "abc", 3, false, TEXT_FAULT_NONE, 0, 0 },
		{ "黄石东贝", 12, false, TEXT_FAULT_NONE, 0, 0 },
		/* 𠮷, four bytes */
		{ "\xf0\xa0\xae\xb7" "x", 5, false, TEXT_FAULT_NONE, 0, 0 },
		{ "full\xe3\x80\x80width", 12, false, TEXT_FAULT_NONE, 0, 0 },
		{ "a\x1b[31mb", 8, false, TEXT_FAULT_CONTROL, 2, 0x1B },
		{ "a\x1b[31mb", 8, true, TEXT_FAULT_CONTROL, 2, 0x1B },
		{ "bell\a", 5, true, TEXT_FAULT_CONTROL, 5, 0x07 },
		{ "del\x7f", 4, true, TEXT_FAULT_CONTROL, 4, 0x7F },
		/* C1: U+0085 NEL, U+009B CSI */
		{ "\xc2\x85", 2, true, TEXT_FAULT_CONTROL, 1, 0x85 },
		{ "中\xc2\x9b" "31m", 8, true, TEXT_FAULT_CONTROL, 2, 0x9B },
		/* line breaks: only where a field holds several lines */
		{ "a\nb", 3, true, TEXT_FAULT_NONE, 0, 0 },
		{ "a\r\nb\tc", 6, true, TEXT_FAULT_NONE, 0, 0 },
		{ "a\nb", 3, false, TEXT_FAULT_LINE_BREAK, 2, 0x0A },
		{ "a\tb", 3, false, TEXT_FAULT_LINE_BREAK, 2, 0x09 },
		{ "a\r\nb", 4, false, TEXT_FAULT_LINE_BREAK, 2, 0x0D },
		/* a carriage return alone moves the cursor back: a control */
		{ "a\rb", 3, true, TEXT_FAULT_CONTROL, 2, 0x0D },
		{ "a\r", 2, true, TEXT_FAULT_CONTROL, 2, 0x0D },
		/* not UTF-8: a stray byte, overlong forms, surrogates, past U+10FFFF, cut off */
		{ "a\xffz", 3, false, TEXT_FAULT_NOT_UTF8, 2, 0xFF },
		{ "\xc0\xaf", 2, false, TEXT_FAULT_NOT_UTF8, 1, 0xC0 },
		{ "ab\xe0\x80\xaf", 5, false, TEXT_FAULT_NOT_UTF8, 3, 0xE0 },
		{ "\xf0\x80\x80\xaf", 4, false, TEXT_FAULT_NOT_UTF8, 1, 0xF0 },
		{ "x\xed\xa0\x80", 4, false, TEXT_FAULT_NOT_UTF8, 2, 0xED },
		{ "\xed\xbf\xbf", 3, false, TEXT_FAULT_NOT_UTF8, 1, 0xED },
		{ "\xf4\x90\x80\x80", 4, false, TEXT_FAULT_NOT_UTF8, 1, 0xF4 },
		{ "中\xe6\x96", 5, false, TEXT_FAULT_NOT_UTF8, 2, 0xE6 },
		{ "\x80", 1, true, TEXT_FAULT_NOT_UTF8, 1, 0x80 },
		/* GBK bytes for 中文 are not UTF-8 */
		{ "\xd6\xd0\xce\xc4", 4, true, TEXT_FAULT_NOT_UTF8, 1, 0xD6 },
		/* noncharacters */
		{ "a\xef\xbf\xbe", 4, true, TEXT_FAULT_NONCHARACTER, 2, 0xFFFE },
		{ "\xef\xbf\xbf", 3, true, TEXT_FAULT_NONCHARACTER, 1, 0xFFFF },
		{ "\xef\xb7\x90", 3, true, TEXT_FAULT_NONCHARACTER, 1, 0xFDD0 },
		{ "\xf4\x8f\xbf\xbf", 4, true, TEXT_FAULT_NONCHARACTER, 1, 0x10FFFF },
		/* what is text: U+FFFD, U+FEFF, zero-width space, private use */
		{ "\xef\xbf\xbd\xef\xbb\xbf\xe2\x80\x8b\xee\x80\x80", 12, false, TEXT_FAULT_NONE, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct text_problem p = { TEXT_FAULT_NONE, 0, 0 };
		enum text_fault got = text_problem(cases[i].text, cases[i].len, cases[i].multiline, &p);

		if (got != cases[i].fault)
			fail_msg("case %zu: fault %d, expected %d", i, got, cases[i].fault);
		assert_int_equal(p.fault, cases[i].fault);
		if (cases[i].fault) {
			assert_int_equal(p.character, cases[i].character);
			assert_int_equal(p.cp, cases[i].cp);
		}
	}
}

static void test_check_message(void **state)
{
	static const struct {
		const char *text;
		bool multiline;
		enum status status;
		const char *message;
	} cases[] = {
		{ NULL, false, STATUS_OK, "" },
		{ "", false, STATUS_OK, "" },
		{ "a\x1b" "b", true, STATUS_ERR_INVALID, "cases.note: control character U+001B at character 2" },
		{ "a\nb", false, STATUS_ERR_INVALID, "cases.note: line break or tab U+000A at character 2" },
		{ "ab\xff", true, STATUS_ERR_INVALID, "cases.note: byte 0xFF at character 3 is not UTF-8" },
		{ "\xef\xbf\xbe", true, STATUS_ERR_INVALID, "cases.note: U+FFFE at character 1 is not a character" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };

		assert_int_equal(text_check("cases.note", cases[i].text, cases[i].multiline, &err), cases[i].status);
		if (!strstr(err.message, cases[i].message))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
	}
}

/* GB18030 text converted (four-byte characters too) is stored as it is;
 * a control character converted from it is still refused. */
static void test_converted(void **state)
{
	static const struct {
		const char *bytes;
		enum text_fault fault;
	} cases[] = {
		{ "\xd6\xd0\xce\xc4", TEXT_FAULT_NONE },                  /* 中文 */
		{ "\x95\x34\xb2\x35\x98\x35\xee\x37", TEXT_FAULT_NONE },  /* 𠮷𪚥 */
		{ "\x81\x30\x81\x30", TEXT_FAULT_CONTROL },               /* U+0080 */
		{ "\xd6\xd0\x1b", TEXT_FAULT_CONTROL },
	};
	struct charset *gb = NULL;
	struct error err = { "" };
	size_t i;

	(void)state;
	assert_int_equal(charset_open("GB18030", &gb, &err), STATUS_OK);
	for (i = 0; i < COUNT(cases); i++) {
		struct text_problem p;
		char *text = NULL;
		size_t len = 0;

		assert_int_equal(charset_to_utf8(gb, cases[i].bytes, strlen(cases[i].bytes), &text, &len, NULL, &err),
				 STATUS_OK);
		assert_int_equal(text_problem(text, len, true, &p), cases[i].fault);
		free(text);
	}
	charset_close(&gb);
}

/* A field of 8 MiB is read through once; one bad byte at its end is found. */
static void test_huge(void **state)
{
	size_t len = 8u << 20;
	char *text = malloc(len + 1);
	struct text_problem p;

	(void)state;
	assert_non_null(text);
	memset(text, 'x', len);
	text[len] = '\0';
	assert_int_equal(text_problem(text, len, false, &p), TEXT_FAULT_NONE);
	text[len - 1] = '\x1b';
	assert_int_equal(text_problem(text, len, false, &p), TEXT_FAULT_CONTROL);
	assert_int_equal(p.character, len);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem),
		cmocka_unit_test(test_check_message),
		cmocka_unit_test(test_converted),
		cmocka_unit_test(test_huge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
