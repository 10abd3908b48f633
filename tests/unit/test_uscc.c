/* Unit tests of src/core/uscc.c. Valid check characters were computed with
 * the GB 32100-2015 weights independently of the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/core/uscc.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_valid(void **state)
{
	static const char *const codes[] = {
		"91420100MA4K12345K",
		"91440300708461136T",
		"91310000MA1FL4LK58",
		"12100000400000624D",
		"51420000MJH200019R",
		"914201001777380004",
		"91420100MA4K123490", /* check value 31 becomes '0' */
		"Y1420100MA4K12340E",
		"A1420100MA4K123403",
		"59420100MA4K1234YC",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(codes); i++) {
		struct error err = { "" };
		char expected = '?';

		if (uscc_check(codes[i], &expected, &err))
			fail_msg("%s: %s", codes[i], err.message);
		assert_int_equal(expected, '?');
		assert_int_equal(uscc_check(codes[i], NULL, NULL), STATUS_OK);
		assert_int_equal(uscc_check_character(codes[i]), codes[i][USCC_LENGTH - 1]);
	}
}

static void test_invalid(void **state)
{
	static const struct {
		const char *code;
		char expected;
		const char *message;
	} cases[] = {
		{ "91420100MA4K12345A", 'K', "91420100MA4K12345A: check character is 'A', expected 'K'" },
		{ "91420100MA4K123491", '0', "91420100MA4K123491: check character is '1', expected '0'" },
		{ "91440300708461136X", 'T', "91440300708461136X: check character is 'X', expected 'T'" },
		{ "", 0, "empty credit code: expected 18 characters" },
		{ NULL, 0, "empty credit code: expected 18 characters" },
		{ "91420100MA4K12345", 0, "91420100MA4K12345: 17 characters, expected 18" },
		{ "91420100MA4K12345KK", 0, "91420100MA4K12345KK: 19 characters, expected 18" },
		{ "91420100ma4k12345k", 0,
		  "91420100ma4k12345k: letters must be upper case: 91420100MA4K12345K" },
		{ "91420100Ma4K12345K", 0,
		  "91420100Ma4K12345K: letters must be upper case: 91420100MA4K12345K" },
		{ "91420100MI4K12345K", 0,
		  "91420100MI4K12345K: character 10 is 'I', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "91420100MA4K1234OK", 0,
		  "91420100MA4K1234OK: character 17 is 'O', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "91420100MA4K12345Z", 0,
		  "91420100MA4K12345Z: character 18 is 'Z', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "S1420100MA4K12345K", 0,
		  "S1420100MA4K12345K: character 1 is 'S', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "91420100VA4K12345K", 0,
		  "91420100VA4K12345K: character 9 is 'V', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "91420100MA4K 2345K", 0,
		  "91420100MA4K 2345K: character 13 is ' ', not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "\xef\xbc\x99" "1420100MA4K12345K", 0, /* full-width digit nine */
		  "\xef\xbc\x99" "1420100MA4K12345K: character 1 is '\xef\xbc\x99', "
		  "not one of 0-9 and A-Z without I, O, Z, S, V" },
		{ "N1420100MA4K12340N", 0,
		  "N1420100MA4K12340N: character 1 (registration authority) is 'N', expected 1-9, A-G or Y" },
		{ "01420100MA4K12345K", 0,
		  "01420100MA4K12345K: character 1 (registration authority) is '0', expected 1-9, A-G or Y" },
		{ "90420100MA4K123407", 0,
		  "90420100MA4K123407: character 2 (organisation type) is '0', expected 1-9 or Y" },
		{ "9A420100MA4K12345K", 0,
		  "9A420100MA4K12345K: character 2 (organisation type) is 'A', expected 1-9 or Y" },
		{ "91Y20100MA4K12340J", 0,
		  "91Y20100MA4K12340J: character 3 is 'Y', expected a digit of the administrative division code "
		  "(characters 3-8)" },
		{ "914201A0MA4K12340Y", 0,
		  "914201A0MA4K12340Y: character 7 is 'A', expected a digit of the administrative division code "
		  "(characters 3-8)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		char expected = 0;

		assert_int_equal(uscc_check(cases[i].code, &expected, &err), STATUS_ERR_INVALID);
		assert_string_equal(err.message, cases[i].message);
		assert_int_equal(expected, cases[i].expected);
		assert_int_equal(uscc_check(cases[i].code, NULL, NULL), STATUS_ERR_INVALID);
	}
}

static void test_check_character(void **state)
{
	static const struct {
		const char *first17;
		char check;
	} cases[] = {
		{ "91420100MA4K12345", 'K' },
		{ "91420100MA4K12345K", 'K' }, /* only the first 17 count */
		{ "91420100MA4K12349", '0' },
		{ "91420100MA4K1234I", 0 },
		{ "91420100ma4k12345", 0 },
		{ "91420100MA4K1234", 0 },   /* too short: stops at the NUL */
		{ "", 0 },
		{ NULL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(uscc_check_character(cases[i].first17), cases[i].check);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_check_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
