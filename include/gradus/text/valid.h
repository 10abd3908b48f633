/* Whether a text may be stored: valid UTF-8 (RFC 3629: no overlong forms,
 * no surrogates), no noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...),
 * no C0 or C1 control characters and no DEL; a field of several lines (a
 * note, an opinion, advice) may also hold line feeds, CR LF pairs and tabs
 * (pure, no I/O). */
#ifndef GRADUS_VALID_H
#define GRADUS_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gradus/text/status.h"

enum text_fault {
	TEXT_FAULT_NONE,
	TEXT_FAULT_NOT_UTF8,     /* a byte that is not UTF-8 */
	TEXT_FAULT_CONTROL,      /* a control character (C0, DEL, C1) */
	TEXT_FAULT_LINE_BREAK,   /* a line feed, CR LF or tab in a one-line field */
	TEXT_FAULT_NONCHARACTER, /* U+FFFE, U+FFFF, U+FDD0..U+FDEF and the like */
};

struct text_problem {
	enum text_fault fault;
	size_t character; /* where, counted in characters from 1 */
	uint32_t cp;      /* the code point, or the byte when not UTF-8 */
};

/* The first problem of s[0..len), TEXT_FAULT_NONE when it may be stored. */
enum text_fault text_problem(const char *s, size_t len, bool multiline, struct text_problem *problem);

/* STATUS_OK, or STATUS_ERR_INVALID with err "FIELD: what was found where"
 * (NULL text is fine). */
enum status text_check(const char *field, const char *text, bool multiline, struct error *err);

#endif
