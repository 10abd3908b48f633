/* Unit tests of src/text/utf8.c (needs a UTF-8 LC_CTYPE for wcwidth). */
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

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_decode(void **state)
{
	static const struct {
		const char *bytes;
		size_t len, consumed;
		uint32_t cp;
		bool valid;
	} cases[] = {
		{ "A", 1, 1, 0x41, true },
		{ "", 1, 1, 0, true },                            /* the NUL itself */
		{ "\x7f", 1, 1, 0x7F, true },
		{ "\xc2\x80", 2, 2, 0x80, true },
		{ "\xc3\xa9", 2, 2, 0xE9, true },
		{ "\xdf\xbf", 2, 2, 0x7FF, true },
		{ "\xe0\xa0\x80", 3, 3, 0x800, true },
		{ "\xe4\xb8\xad", 3, 3, 0x4E2D, true },           /* 中 */
		{ "\xed\x9f\xbf", 3, 3, 0xD7FF, true },
		{ "\xee\x80\x80", 3, 3, 0xE000, true },
		{ "\xef\xbf\xbd", 3, 3, 0xFFFD, true },
		{ "\xf0\x90\x80\x80", 4, 4, 0x10000, true },
		{ "\xf0\xa0\xae\xb7", 4, 4, 0x20BB7, true },      /* 𠮷 */
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF, true },
		{ "\xf4\x90\x80\x80", 4, 1, UTF8_REPLACEMENT, false }, /* above U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 1, UTF8_REPLACEMENT, false },
		{ "\xc0\xaf", 2, 1, UTF8_REPLACEMENT, false },    /* overlong '/' */
		{ "\xc1\xbf", 2, 1, UTF8_REPLACEMENT, false },
		{ "\xe0\x80\xaf", 3, 1, UTF8_REPLACEMENT, false },
		{ "\xe0\x9f\xbf", 3, 1, UTF8_REPLACEMENT, false },
		{ "\xf0\x80\x80\xaf", 4, 1, UTF8_REPLACEMENT, false },
		{ "\xf0\x8f\xbf\xbf", 4, 1, UTF8_REPLACEMENT, false },
		{ "\xed\xa0\x80", 3, 1, UTF8_REPLACEMENT, false }, /* surrogate U+D800 */
		{ "\xed\xbf\xbf", 3, 1, UTF8_REPLACEMENT, false }, /* surrogate U+DFFF */
		{ "\xff", 1, 1, UTF8_REPLACEMENT, false },
		{ "\xfe", 1, 1, UTF8_REPLACEMENT, false },
		{ "\x80", 1, 1, UTF8_REPLACEMENT, false },        /* lone continuation */
		{ "\xe4\xb8", 2, 1, UTF8_REPLACEMENT, false },    /* truncated */
		{ "\xe4\xb8\xad", 2, 1, UTF8_REPLACEMENT, false }, /* cut by len */
		{ "\xf0\xa0\xae", 3, 1, UTF8_REPLACEMENT, false },
		{ "\xe4\x41\xad", 3, 1, UTF8_REPLACEMENT, false },
		{ "\xc3\xc3\xa9", 3, 1, UTF8_REPLACEMENT, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		uint32_t cp = 1;
		bool valid = !cases[i].valid;

		assert_int_equal(utf8_decode(cases[i].bytes, cases[i].len, &cp, &valid), cases[i].consumed);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(valid, cases[i].valid);
	}
}

static void test_encode(void **state)
{
	static const struct {
		uint32_t cp;
		const char *bytes;
	} cases[] = {
		{ 0x41, "A" }, { 0x7F, "\x7f" }, { 0x80, "\xc2\x80" }, { 0x7FF, "\xdf\xbf" },
		{ 0x800, "\xe0\xa0\x80" }, { 0x4E2D, "\xe4\xb8\xad" }, { 0xFFFF, "\xef\xbf\xbf" },
		{ 0x10000, "\xf0\x90\x80\x80" }, { 0x20BB7, "\xf0\xa0\xae\xb7" },
		{ 0x10FFFF, "\xf4\x8f\xbf\xbf" }, { 0xD800, "\xef\xbf\xbd" }, { 0xDFFF, "\xef\xbf\xbd" },
		{ 0x110000, "\xef\xbf\xbd" }, { 0xFFFFFFFF, "\xef\xbf\xbd" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char out[4];
		size_t n = utf8_encode(cases[i].cp, out);

		assert_int_equal(n, strlen(cases[i].bytes));
		assert_memory_equal(out, cases[i].bytes, n);
	}
}

/* Every scalar value encodes and decodes back to itself. */
static void test_round_trip(void **state)
{
	uint32_t cp;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		char out[4];
		uint32_t back;
		bool valid;
		size_t n;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_encode(cp, out);
		assert_int_equal(utf8_decode(out, n, &back, &valid), n);
		assert_true(valid);
		assert_int_equal(back, cp);
	}
}

/* Every three-byte string led by E0..EF: valid exactly when one decode
 * takes all three bytes as a valid character (utf8_is_valid's fast path for
 * three-byte characters against the general decoder). */
static void test_is_valid_three_bytes(void **state)
{
	unsigned lead, second, third;

	(void)state;
	for (lead = 0xE0; lead <= 0xEF; lead++)
		for (second = 0; second <= 0xFF; second++)
			for (third = 0; third <= 0xFF; third++) {
				char bytes[3] = { (char)lead, (char)second, (char)third };
				uint32_t cp;
				bool valid;
				size_t n = utf8_decode(bytes, 3, &cp, &valid);
				bool whole = n == 3 && valid;

				if (utf8_is_valid(bytes, 3) != whole)
					fail_msg("%02x %02x %02x: utf8_is_valid %d, decode %d", lead, second, third, !whole, whole);
			}
}

/* ASCII is skipped eight bytes at a time: one bad byte, or a character
 * that is cut, is found at every place in a run of ASCII, and a
 * character right after the run is read as one. */
static void test_is_valid_ascii_runs(void **state)
{
	char text[40];
	size_t len, at;

	(void)state;
	for (len = 1; len < sizeof(text); len++)
		for (at = 0; at < len; at++) {
			memset(text, 'a', len);
			text[at] = (char)0x80;
			if (utf8_is_valid(text, len))
				fail_msg("a continuation byte at %zu of %zu bytes of ASCII passed", at, len);
			if (at + 3 <= len) {
				memcpy(text + at, "\xe4\xb8\xad", 3);
				if (!utf8_is_valid(text, len))
					fail_msg("中 at %zu of %zu bytes of ASCII refused", at, len);
				if (utf8_is_valid(text, at + 2))
					fail_msg("中 cut at the end of %zu bytes passed", at + 2);
			}
		}
}

static void test_is_valid(void **state)
{
	static const struct {
		const char *bytes;
		bool valid;
	} cases[] = {
		{ "", true }, { "abc", true }, { "中文 text 𠮷", true }, { "e\xcc\x81", true },
		{ "\xff\xfe", false }, { "ab\xe4\xb8", false }, { "\xc0\xaf", false },
		{ "\xed\xa0\x80", false }, { "abc\x80", false }, { "\xf4\x90\x80\x80", false },
		{ "\xe0\x80\x80", false }, { "\xe0\x9f\xbf", false }, { "\xe0\xa0\x80", true },
		{ "\xed\x9f\xbf", true }, { "\xee\x80\x80", true }, { "\xef\xbf\xbf", true },
		{ "\xe4\x41\x42", false }, { "\xe4\xb8\x41", false }, { "\xe4\xb8", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(utf8_is_valid(cases[i].bytes, strlen(cases[i].bytes)), cases[i].valid);
}

static void test_is_unsafe(void **state)
{
	static const struct {
		uint32_t cp;
		bool unsafe;
	} cases[] = {
		{ 0x00, true }, { 0x09, true }, { 0x0A, true }, { 0x1B, true }, { 0x1F, true },
		{ 0x20, false }, { 0x7E, false }, { 0x7F, true }, { 0x80, true }, { 0x85, true },
		{ 0x9B, true }, { 0x9F, true }, { 0xA0, false }, { 0x061B, false }, { 0x061C, true },
		{ 0x200D, false }, { 0x200E, true }, { 0x200F, true }, { 0x2029, false },
		{ 0x202A, true }, { 0x202E, true }, { 0x202F, false }, { 0x2065, false },
		{ 0x2066, true }, { 0x2069, true }, { 0x206A, false }, { 0x4E2D, false },
		{ 0xFFFD, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(utf8_is_unsafe(cases[i].cp), cases[i].unsafe);
}

static void test_cp_width(void **state)
{
	static const struct {
		uint32_t cp;
		int width;
	} cases[] = {
		{ 'A', 1 }, { 0x4E2D, 2 }, { 0x3000, 2 }, { 0xFF19, 2 }, { 0x20BB7, 2 },
		{ 0x1F600, 2 }, { 0x0301, 0 }, { 0x200B, 0 }, { 0xB0, 1 }, { 0x3B1, 1 },
		{ 0x2500, 1 }, { 0xFFFD, 1 },
		{ 0x00, 1 }, { 0x1B, 1 }, { 0x7F, 1 }, { 0x85, 1 }, /* placeholders */
		{ 0x202E, 1 }, { 0x200E, 1 }, { 0x2028, 1 }, { 0x0378, 1 }, { 0xD800, 1 },
		{ 0x110000, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(utf8_cp_width(cases[i].cp), cases[i].width);
}

static int ambiguous_narrow(void **state)
{
	(void)state;
	utf8_set_ambiguous_wide(false);
	return 0;
}

static void test_ambiguous_wide(void **state)
{
	static const struct {
		uint32_t cp;
		int width;
	} cases[] = {
		{ 0xA7, 2 }, { 0xA8, 2 }, { 0xB0, 2 }, { 0xB1, 2 }, { 0xB4, 2 }, { 0xB6, 2 },
		{ 0xB7, 2 }, { 0xD7, 2 }, { 0xF7, 2 }, { 0x391, 2 }, { 0x3A9, 2 }, { 0x3B1, 2 },
		{ 0x3C9, 2 }, { 0x401, 2 }, { 0x410, 2 }, { 0x44F, 2 }, { 0x451, 2 },
		{ 0x2010, 2 }, { 0x2014, 2 }, { 0x2018, 2 }, { 0x201D, 2 }, { 0x2026, 2 },
		{ 0x2030, 2 }, { 0x203B, 2 }, { 0x2103, 2 }, { 0x2116, 2 }, { 0x2121, 2 },
		{ 0x2122, 2 }, { 0x2160, 2 }, { 0x2170, 2 }, { 0x2190, 2 }, { 0x2199, 2 },
		{ 0x2460, 2 }, { 0x24E9, 2 }, { 0x2500, 2 }, { 0x2550, 2 }, { 0x25A0, 2 },
		{ 0x25CB, 2 }, { 0x2605, 2 }, { 0x2606, 2 }, { 0x2640, 2 }, { 0x2642, 2 },
		{ 'A', 1 }, { 0xA0, 1 }, { 0x3C2, 1 }, { 0x2011, 1 }, { 0x4E2D, 2 },
		{ 0x0301, 0 }, { 0xFE0F, 0 },         /* combining stays 0 */
		{ 0xFFFD, 1 }, { 0x1B, 1 }, { 0x85, 1 }, /* placeholders stay 1 */
	};
	size_t i;

	(void)state;
	utf8_set_ambiguous_wide(true);
	for (i = 0; i < COUNT(cases); i++) {
		if (utf8_cp_width(cases[i].cp) != cases[i].width)
			fail_msg("U+%04X: width %d, expected %d", (unsigned)cases[i].cp,
				 utf8_cp_width(cases[i].cp), cases[i].width);
	}
	assert_int_equal(utf8_width("\xce\xb1\xc2\xb7\xce\xb2"), 6); /* α·β */
	assert_int_equal(utf8_width("\xe2\x94\x80\xe2\x94\x80"), 4);  /* ── */
	utf8_set_ambiguous_wide(false);
	assert_int_equal(utf8_width("\xce\xb1\xc2\xb7\xce\xb2"), 3);
	assert_int_equal(utf8_cp_width(0xB0), 1);
}

static void test_width(void **state)
{
	static const struct {
		const char *text;
		int width;
	} cases[] = {
		{ "", 0 }, { NULL, 0 }, { "abc", 3 }, { "中文", 4 }, { "中a", 3 },
		{ "智能工厂梯度培育", 16 }, { "\xf0\xa0\xae\xb7", 2 }, { "e\xcc\x81", 1 },
		{ "\x1b[2J", 4 }, { "\x1b]2;pwned\x07", 10 }, { "a\tb", 3 },
		{ "\xff\xfe", 2 }, { "\xe4\xb8", 2 }, { "\xc0\xaf", 2 }, { "\xed\xa0\x80", 3 },
		{ "\xe2\x80\xae", 1 }, { "\x7f", 1 }, { "\x01\x7f\xe4\xb8\xad\x1b", 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(utf8_width(cases[i].text), cases[i].width);
}

/* Nothing below 0x20, no DEL and no C1 or bidi control survives. */
static void assert_terminal_safe(const char *text)
{
	size_t len = strlen(text), at = 0;

	assert_true(utf8_is_valid(text, len));
	while (at < len) {
		uint32_t cp;
		bool valid;

		assert_true((unsigned char)text[at] >= 0x20 && text[at] != 0x7F);
		at += utf8_decode(text + at, len - at, &cp, &valid);
		assert_false(utf8_is_unsafe(cp));
	}
}

static void test_sanitize(void **state)
{
	static const struct {
		const char *text, *expected;
	} cases[] = {
		{ "", "" },
		{ NULL, "" },
		{ "abc", "abc" },
		{ "中文 𠮷", "中文 𠮷" },
		{ "e\xcc\x81", "e\xcc\x81" },
		{ "\x1b]2;pwned\x07", "␛]2;pwned␇" },
		{ "\x1b[2J", "␛[2J" },
		{ "a\tb\nc\r", "a␉b␊c␍" },
		{ "\x01\x1f", "␁␟" },
		{ "\x7f", "␡" },
		{ "\xc2\x85\xc2\x9b", "��" },                /* C1 NEL and CSI */
		{ "abc\xe2\x80\xae" "cba", "abc�cba" },     /* U+202E */
		{ "\xe2\x81\xa6x\xe2\x81\xa9", "�x�" },     /* U+2066 U+2069 */
		{ "\xff\xfe", "��" },
		{ "ab\xe4\xb8", "ab��" },                   /* truncated */
		{ "\xc0\xaf", "��" },                       /* overlong */
		{ "\xed\xa0\x80", "���" },                  /* surrogate */
		{ "\xe2\x80\xa8", "�" },                    /* U+2028: wcwidth -1 */
		{ "\xcd\xb8", "�" },                        /* U+0378: unassigned */
		{ "�", "�" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char *clean = utf8_sanitize(cases[i].text);

		assert_non_null(clean);
		assert_string_equal(clean, cases[i].expected);
		assert_terminal_safe(clean);
		/* Every placeholder takes the cell its original was counted for. */
		assert_int_equal(utf8_width(clean), utf8_width(cases[i].text));
		free(clean);
	}
}

static void test_placeholder(void **state)
{
	static const struct {
		uint32_t cp;
		const char *placeholder;
	} cases[] = {
		{ 0x00, "␀" }, { 0x07, "␇" }, { 0x09, "␉" }, { 0x0A, "␊" }, { 0x1B, "␛" },
		{ 0x1F, "␟" }, { 0x7F, "␡" }, { 0x80, "�" }, { 0x9F, "�" }, { 0x202E, "�" },
		{ 0x061C, "�" }, { UTF8_REPLACEMENT, "�" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const char *p = utf8_placeholder(cases[i].cp);

		assert_string_equal(p, cases[i].placeholder);
		assert_int_equal(utf8_width(p), 1);
		assert_terminal_safe(p);
	}
}

static void test_prefix_for_width(void **state)
{
	static const struct {
		const char *text;
		int cells;
		size_t bytes;
		int used;
	} cases[] = {
		{ "abc", 2, 2, 2 }, { "abc", 3, 3, 3 }, { "abc", 10, 3, 3 }, { "abc", 0, 0, 0 },
		{ "abc", -1, 0, 0 }, { "", 5, 0, 0 }, { NULL, 5, 0, 0 },
		{ "中文", 4, 6, 4 }, { "中文", 3, 3, 2 }, { "中文", 1, 0, 0 }, { "a中", 2, 1, 1 },
		{ "\xf0\xa0\xae\xb7" "a", 2, 4, 2 }, { "\xf0\xa0\xae\xb7" "a", 1, 0, 0 },
		{ "e\xcc\x81x", 1, 3, 1 },                  /* the combining mark stays */
		{ "\xcc\x81x", 0, 2, 0 },
		{ "\xff\xfe", 1, 1, 1 }, { "\xe4\xb8", 1, 1, 1 }, { "\x1b[2J", 2, 2, 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		int used = -1;

		assert_int_equal(utf8_prefix_for_width(cases[i].text, cases[i].cells, &used), cases[i].bytes);
		assert_int_equal(used, cases[i].used);
		assert_int_equal(utf8_prefix_for_width(cases[i].text, cases[i].cells, NULL), cases[i].bytes);
	}
}

static void test_wrap(void **state)
{
	static const struct {
		const char *text;
		int cells;
		size_t bytes;
	} cases[] = {
		{ "", 10, 0 },
		{ "short", 10, 5 },
		{ "two words", 9, 9 },
		{ "three words", 8, 5 },               /* before the space */
		{ "two words", 5, 3 },
		{ "a longword", 6, 6 },                /* the space is too early: cut */
		{ "abcdefghij", 4, 4 },
		{ "中文文本", 5, 6 },                  /* never half a character */
		{ "中文", 1, 3 },                      /* at least one character */
		{ "中文 text", 6, 6 },
		{ "ab cd", 2, 2 },
		{ "ab cd", 0, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(utf8_wrap(cases[i].text, cases[i].cells), cases[i].bytes);
}

static void test_next_prev(void **state)
{
	/* a 中 𠮷 \xff e U+0301: characters start at 0 1 4 8 9 10, length 12 */
	static const char text[] = "a\xe4\xb8\xad\xf0\xa0\xae\xb7\xff" "e\xcc\x81";
	static const struct {
		size_t at, next, prev;
	} cases[] = {
		{ 0, 1, 0 }, { 1, 4, 0 }, { 4, 8, 1 }, { 8, 9, 4 }, { 9, 10, 8 }, { 10, 12, 9 },
		{ 12, 12, 10 },
	};
	size_t i, len = strlen(text);

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(utf8_next(text, len, cases[i].at), cases[i].next);
		assert_int_equal(utf8_prev(text, cases[i].at), cases[i].prev);
	}
	assert_int_equal(utf8_next(text, len, 20), len);
}

/* Walking back gives the same characters as walking forward, even over
 * invalid bytes. */
static void test_walk_both_ways(void **state)
{
	static const char *const texts[] = {
		"\xe4\xb8", "\x80\x80\x80\x80\x80", "\xe4\xb8\xad\x80", "\xf0\xe4\xb8\xad",
		"a\xc0\xaf\xed\xa0\x80\xf0\xa0\xae\xb7\xf0\xa0\xae", "\xf4\x90\x80\x80z",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(texts); i++) {
		size_t len = strlen(texts[i]), starts[32], count = 0, at = 0;

		while (at < len) {
			starts[count++] = at;
			at = utf8_next(texts[i], len, at);
		}
		while (count > 0) {
			at = utf8_prev(texts[i], at);
			assert_int_equal(at, starts[--count]);
		}
		assert_int_equal(at, 0);
	}
}

/* 100000 characters of every kind: no quadratic cost, no overflow. */
static void test_huge_string(void **state)
{
	static const char *const pieces[] = { "a", "中", "\x1b", "\xff", "e\xcc\x81", "\xf0\xa0\xae\xb7" };
	static const int widths[] = { 1, 2, 1, 1, 1, 2 };
	size_t i, used = 0, size = 100000 * 4 + 1, prefix;
	char *text = malloc(size), *clean;
	long width = 0;
	int cells;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < 100000; i++) {
		const char *piece = pieces[i % COUNT(pieces)];

		memcpy(text + used, piece, strlen(piece));
		used += strlen(piece);
		width += widths[i % COUNT(pieces)];
	}
	text[used] = '\0';
	assert_int_equal(utf8_width(text), width);
	clean = utf8_sanitize(text);
	assert_non_null(clean);
	assert_terminal_safe(clean);
	assert_int_equal(utf8_width(clean), width);
	prefix = utf8_prefix_for_width(text, 80, &cells);
	assert_true(cells <= 80 && cells >= 79);
	assert_true(prefix < used);
	assert_int_equal(utf8_prefix_for_width(text, (int)width, &cells), used);
	assert_int_equal(cells, width);
	free(clean);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_is_valid),
		cmocka_unit_test(test_is_valid_ascii_runs),
		cmocka_unit_test(test_is_valid_three_bytes),
		cmocka_unit_test(test_is_unsafe),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test_teardown(test_ambiguous_wide, ambiguous_narrow),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_placeholder),
		cmocka_unit_test(test_prefix_for_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_next_prev),
		cmocka_unit_test(test_walk_both_ways),
		cmocka_unit_test(test_huge_string),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "zh_CN.UTF-8")) {
		fprintf(stderr, "test_utf8: needs the C.UTF-8 or zh_CN.UTF-8 locale\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
