/* UTF-8 text: decoding, display width in terminal cells, sanitising for the
 * terminal, truncating and padding to a width (pure; wcwidth needs a UTF-8
 * or GB18030 LC_CTYPE, which main sets). */
#ifndef GRADUS_UTF8_H
#define GRADUS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Decodes one code point from s (len bytes available, len >= 1). Returns the
 * bytes consumed (1..4); an invalid or overlong sequence or a surrogate
 * consumes 1 byte and sets *cp = UTF8_REPLACEMENT and *valid = false. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp, bool *valid);
/* Encodes cp into out (4 bytes room); returns bytes written. */
size_t utf8_encode(uint32_t cp, char out[4]);
bool utf8_is_valid(const char *s, size_t len);

/* Whether a code point must never reach the terminal: C0 and C1 controls, DEL,
 * bidirectional controls (U+200E U+200F U+202A-U+202E U+2066-U+2069 U+061C). */
bool utf8_is_unsafe(uint32_t cp);

/* Display cells of one code point as drawn by gradus: wcwidth(), with unsafe
 * code points and invalid bytes drawn as a 1-cell placeholder, combining
 * marks 0, and ambiguous-width characters 2 when ambiguous_wide is set. */
int utf8_cp_width(uint32_t cp);
/* The same for a drawable code point whose wcwidth() the caller has, 0 or
 * more (a drawing loop asks the C library once a character). */
int utf8_cp_width_of(uint32_t cp, int locale_width);
int utf8_width(const char *s);
void utf8_set_ambiguous_wide(bool wide);

/* Copy of s with every unsafe code point and invalid byte replaced by a
 * visible placeholder (U+FFFD for invalid bytes, U+2426-style "␛" for ESC,
 * "�" otherwise ... see utf8_placeholder). Caller frees. NULL on no memory. */
char *utf8_sanitize(const char *s);
/* The placeholder drawn for an unsafe code point (a UTF-8 string, 1 cell). */
const char *utf8_placeholder(uint32_t cp);

/* Longest prefix of s (bytes) whose width is <= cells, never splitting a
 * character; *used (may be NULL) gets the width of that prefix. */
size_t utf8_prefix_for_width(const char *s, int cells, int *used);

/* Bytes of the next line of s at most cells wide: up to the last space that
 * fits when it is at least half the width, else every character that fits, and
 * always at least one character (so a caller wrapping a long word advances).
 * The caller skips the spaces the line ends before. */
size_t utf8_wrap(const char *s, int cells);

/* Byte offset of the previous / next character from byte offset `at`. */
size_t utf8_prev(const char *s, size_t at);
size_t utf8_next(const char *s, size_t len, size_t at);

#endif
