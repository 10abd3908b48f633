/* Unit tests of src/text/charset.c: the locale's character set to UTF-8
 * (strict) and back (with placeholders). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/text/charset.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_is_utf8(void **state)
{
	static const struct {
		const char *name;
		bool utf8;
	} cases[] = {
		{ "UTF-8", true }, { "utf-8", true }, { "utf8", true }, { "GB18030", false },
		{ "GBK", false },  { "ANSI_X3.4-1968", false },    { "", false },      { NULL, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (charset_is_utf8(cases[i].name) != cases[i].utf8)
			fail_msg("case %zu (%s)", i, cases[i].name ? cases[i].name : "NULL");
}

static void test_open(void **state)
{
	struct charset *c = NULL;
	struct error err = { "" };

	(void)state;
	assert_int_equal(charset_open("GB18030", &c, &err), STATUS_OK);
	assert_string_equal(charset_name(c), "GB18030");
	charset_close(&c);
	assert_null(c);
	charset_close(&c);
	assert_int_equal(charset_open("NO-SUCH-CHARSET", &c, &err), STATUS_ERR_INVALID);
	assert_null(c);
	assert_says(err.message, "NO-SUCH-CHARSET");
}

static void test_to_utf8(void **state)
{
	static const struct {
		const char *charset, *bytes;
		size_t len;
		enum status status;
		const char *text;    /* when OK */
		size_t bad_at;       /* when not */
		const char *message; /* part of the error */
	} cases[] = {
		{ "GB18030", "", 0, STATUS_OK, "", 0, NULL },
		{ "GB18030", "abc", 3, STATUS_OK, "abc", 0, NULL },
		{ "GB18030", NOTE_GB, 4, STATUS_OK, NOTE_UTF8, 0, NULL },
		{ "GB18030", JI_GB, 4, STATUS_OK, JI_UTF8, 0, NULL },
		{ "GB18030", "x" JI_GB NOTE_GB "y", 10, STATUS_OK, "x" JI_UTF8 NOTE_UTF8 "y", 0, NULL },
		{ "GBK", NOTE_GB, 4, STATUS_OK, NOTE_UTF8, 0, NULL },
		/* a lone lead byte at the end */
		{ "GB18030", NOTE_GB "\x81", 5, STATUS_ERR_PARSE, NULL, 4,
		  "byte 0x81 at byte 5: cut off at the end; expected a whole GB18030 character" },
		/* 0x80 and 0xFF begin no GB18030 character */
		{ "GB18030", "a\x80" "b", 3, STATUS_ERR_PARSE, NULL, 1, "byte 0x80 at byte 2: expected a GB18030 character" },
		{ "GB18030", NOTE_GB "\xff", 5, STATUS_ERR_PARSE, NULL, 4, "byte 0xFF at byte 5" },
		/* GBK has no four-byte characters */
		{ "GBK", "a" JI_GB, 5, STATUS_ERR_PARSE, NULL, 1, "expected a GBK character" },
		/* UTF-8 itself is read strictly too */
		{ "UTF-8", "a\xc3", 2, STATUS_ERR_PARSE, NULL, 1, "cut off at the end" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct charset *c = NULL;
		struct error err = { "" };
		char *text = NULL;
		size_t len = 0, bad_at = 99;
		enum status status;

		assert_int_equal(charset_open(cases[i].charset, &c, &err), STATUS_OK);
		status = charset_to_utf8(c, cases[i].bytes, cases[i].len, &text, &len, &bad_at, &err);
		if (status != cases[i].status)
			fail_msg("case %zu: status %d, expected %d (%s)", i, status, cases[i].status, err.message);
		if (cases[i].text) {
			assert_string_equal(text, cases[i].text);
			assert_int_equal(len, strlen(cases[i].text));
		} else {
			assert_null(text);
			assert_int_equal(bad_at, cases[i].bad_at);
			if (!strstr(err.message, cases[i].message))
				fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
		}
		free(text);
		charset_close(&c);
	}
}

static void test_from_utf8(void **state)
{
	static const struct {
		const char *charset, *text;
		size_t len;
		const char *bytes;
	} cases[] = {
		{ "GB18030", "", 0, "" },
		{ "GB18030", "a\tb\n", 4, "a\tb\n" },
		{ "GB18030", NOTE_UTF8, 6, NOTE_GB },
		{ "GB18030", JI_UTF8, 4, JI_GB },
		{ "GBK", NOTE_UTF8, 6, NOTE_GB },
		/* what GBK cannot show */
		{ "GBK", NOTE_UTF8 JI_UTF8 "!", 11, NOTE_GB "<U+20BB7>!" },
		/* a byte that is not UTF-8: U+FFFD as the character set shows it */
		{ "GB18030", "a\xff" "b", 3, "a" FFFD_GB "b" },
		{ "GBK", "a\xff" "b", 3, "a<U+FFFD>b" },
		{ "GB18030", NOTE_UTF8 "\xe5\xa4", 8, NOTE_GB FFFD_GB FFFD_GB },
		{ "GB18030", FFFD_UTF8, 3, FFFD_GB },
		{ "ISO-8859-1", "caf\xc3\xa9 " NOTE_UTF8, 12, "caf\xe9 <U+5907><U+6CE8>" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct charset *c = NULL;
		struct error err = { "" };
		char *bytes = NULL;
		size_t len = 0;

		assert_int_equal(charset_open(cases[i].charset, &c, &err), STATUS_OK);
		if (charset_from_utf8(c, cases[i].text, cases[i].len, &bytes, &len, &err))
			fail_msg("case %zu: %s", i, err.message);
		if (len != strlen(cases[i].bytes) || memcmp(bytes, cases[i].bytes, len))
			fail_msg("case %zu: got \"%s\" (%zu bytes), expected \"%s\"", i, bytes, len, cases[i].bytes);
		assert_int_equal(bytes[len], '\0');
		free(bytes);
		charset_close(&c);
	}
}

/* A megabyte and more of mixed text, both ways, whole. */
static void test_huge_round_trip(void **state)
{
	static const char piece[] = "ab" NOTE_UTF8 JI_UTF8 "\n";
	size_t pieces = 100000, piece_len = sizeof(piece) - 1, i;
	size_t len = pieces * piece_len, gb_len = 0, back_len = 0;
	char *text = malloc(len + 1), *gb = NULL, *back = NULL;
	struct charset *c = NULL;
	struct error err = { "" };

	(void)state;
	assert_non_null(text);
	for (i = 0; i < pieces; i++)
		memcpy(text + i * piece_len, piece, piece_len);
	text[len] = '\0';
	assert_int_equal(charset_open("GB18030", &c, &err), STATUS_OK);
	assert_int_equal(charset_from_utf8(c, text, len, &gb, &gb_len, &err), STATUS_OK);
	assert_int_equal(gb_len, pieces * (2 + 4 + 4 + 1));
	assert_int_equal(charset_to_utf8(c, gb, gb_len, &back, &back_len, NULL, &err), STATUS_OK);
	assert_int_equal(back_len, len);
	assert_memory_equal(back, text, len);
	free(text);
	free(gb);
	free(back);
	charset_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_utf8),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_to_utf8),
		cmocka_unit_test(test_from_utf8),
		cmocka_unit_test(test_huge_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
