/* What text gradus stores: valid UTF-8 with no control characters, line
 * breaks only where a field holds several lines. */
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "gradus/text/valid.h"

static bool is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* The fault of one character at s (cp decoded, n bytes, len left). */
static enum text_fault fault_of(const char *s, size_t len, uint32_t cp, bool valid, bool multiline)
{
	if (!valid)
		return TEXT_FAULT_NOT_UTF8;
	if (cp == '\n' || cp == '\t' || (cp == '\r' && len > 1 && s[1] == '\n'))
		return multiline ? TEXT_FAULT_NONE : TEXT_FAULT_LINE_BREAK;
	if (is_control(cp))
		return TEXT_FAULT_CONTROL;
	if (is_noncharacter(cp))
		return TEXT_FAULT_NONCHARACTER;
	return TEXT_FAULT_NONE;
}

enum text_fault text_problem(const char *s, size_t len, bool multiline, struct text_problem *problem)
{
	size_t at = 0, character = 1;

	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(s + at, len - at, &cp, &valid);
		enum text_fault fault = fault_of(s + at, len - at, cp, valid, multiline);

		if (fault) {
			problem->fault = fault;
			problem->character = character;
			problem->cp = valid ? cp : (unsigned char)s[at];
			return fault;
		}
		at += n;
		character++;
	}
	problem->fault = TEXT_FAULT_NONE;
	return TEXT_FAULT_NONE;
}

enum status text_check(const char *field, const char *text, bool multiline, struct error *err)
{
	struct text_problem p;

	if (!text || !text_problem(text, strlen(text), multiline, &p))
		return STATUS_OK;
	switch (p.fault) {
	case TEXT_FAULT_NOT_UTF8:
		/* L10N: the field, the byte, its place counted in characters from 1 */
		return error_set(err, STATUS_ERR_INVALID, _("%s: byte 0x%02X at character %zu is not UTF-8 text"),
				 field, (unsigned)p.cp, p.character);
	case TEXT_FAULT_LINE_BREAK:
		/* L10N: the field, the character (U+000A is a line feed, U+0009 a tab), its place */
		return error_set(err, STATUS_ERR_INVALID, _("%s: line break or tab U+%04X at character %zu: this field "
							    "holds one line"), field, (unsigned)p.cp, p.character);
	case TEXT_FAULT_NONCHARACTER:
		/* L10N: the field, the code point (e.g. U+FFFE), its place */
		return error_set(err, STATUS_ERR_INVALID, _("%s: U+%04X at character %zu is not a character"),
				 field, (unsigned)p.cp, p.character);
	default:
		/* L10N: the field, the control character (e.g. U+001B, escape), its place */
		return error_set(err, STATUS_ERR_INVALID, _("%s: control character U+%04X at character %zu"),
				 field, (unsigned)p.cp, p.character);
	}
}
