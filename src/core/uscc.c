/* Unified social credit code, GB 32100-2015: 18 characters from a set of 31,
 * the last a weighted modulo-31 check character over the first 17. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "gradus/core/uscc.h"
#include "gradus/text/i18n.h"
#include "gradus/text/status.h"

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[USCC_LENGTH - 1] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

/* The value of c in the character set, or -1. */
static int char_value(char c)
{
	const char *at = c ? strchr(charset, c) : NULL;

	return at ? (int)(at - charset) : -1;
}

char uscc_check_character(const char *first17)
{
	int sum = 0, check;
	size_t i;

	if (!first17)
		return 0;
	for (i = 0; i < USCC_LENGTH - 1; i++) {
		int value = char_value(first17[i]);

		if (value < 0)
			return 0;
		sum += value * weights[i];
	}
	check = 31 - sum % 31;
	return charset[check == 31 ? 0 : check];
}

/* Characters, not bytes: a pasted full-width digit counts as one. */
static size_t count_characters(const char *code)
{
	size_t count = 0;

	for (; *code; code++)
		count += ((unsigned char)*code & 0xC0) != 0x80;
	return count;
}

static bool has_lower_case(const char *code)
{
	for (; *code; code++) {
		if (*code >= 'a' && *code <= 'z')
			return true;
	}
	return false;
}

/* Bytes of the (UTF-8) character starting at s. */
static int character_bytes(const char *s)
{
	int n = 1;

	while (n < 4 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

static enum status check_charset(const char *code, struct error *err)
{
	const char *at;
	int position;

	/* A character of more bytes (a full-width digit, a stray continuation
	 * byte after a letter) is never one of the set. */
	for (position = 1, at = code; *at; position++, at += character_bytes(at)) {
		if (character_bytes(at) != 1 || char_value(*at) < 0)
			return error_set(err, STATUS_ERR_INVALID,
					 /* L10N: the credit code as typed (a form drops "CODE: "),
					  * the character's position, the character */
					 _("%s: character %d is '%.*s', not one of 0-9 and A-Z without I, O, Z, S, V"),
					 code, position, character_bytes(at), at);
	}
	return STATUS_OK;
}

static enum status check_codes(const char *code, struct error *err)
{
	int i;

	if (!strchr("123456789ABCDEFGY", code[0]))
		return error_set(err, STATUS_ERR_INVALID,
				 /* L10N: the credit code as typed (a form drops "CODE: "),
				  * then its first character */
				 _("%s: character 1 (registration authority) is '%c', expected 1-9, A-G or Y"),
				 code, code[0]);
	if (!strchr("123456789Y", code[1]))
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: character 2 (organisation type) is '%c', expected 1-9 or Y"), code, code[1]);
	for (i = 2; i < 8; i++) {
		if (code[i] < '0' || code[i] > '9')
			return error_set(err, STATUS_ERR_INVALID,
					 _("%s: character %d is '%c', expected a digit of the administrative division code "
					   "(characters 3-8)"),
					 code, i + 1, code[i]);
	}
	return STATUS_OK;
}

static enum status lower_case_error(const char *code, struct error *err)
{
	char upper[USCC_LENGTH + 1];
	size_t i;

	if (strlen(code) != USCC_LENGTH)
		return error_set(err, STATUS_ERR_INVALID, _("%s: letters must be upper case"), code);
	for (i = 0; i < USCC_LENGTH; i++)
		upper[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
	upper[USCC_LENGTH] = '\0';
	/* L10N: the credit code as typed, then the same in upper case */
	return error_set(err, STATUS_ERR_INVALID, _("%s: letters must be upper case: %s"), code, upper);
}

enum status uscc_check(const char *code, char *expected, struct error *err)
{
	enum status status;
	size_t length;
	char check;

	if (!code || !*code)
		return error_set(err, STATUS_ERR_INVALID, _("empty credit code: expected %d characters"), USCC_LENGTH);
	length = count_characters(code);
	if (length != USCC_LENGTH)
		return error_set(err, STATUS_ERR_INVALID, _("%s: %zu characters, expected %d"), code, length, USCC_LENGTH);
	if (has_lower_case(code))
		return lower_case_error(code, err);
	status = check_charset(code, err);
	if (!status)
		status = check_codes(code, err);
	if (status)
		return status;
	check = uscc_check_character(code);
	if (code[USCC_LENGTH - 1] != check) {
		if (expected)
			*expected = check;
		return error_set(err, STATUS_ERR_INVALID, _("%s: check character is '%c', expected '%c'"), code,
				 code[USCC_LENGTH - 1], check);
	}
	return STATUS_OK;
}
