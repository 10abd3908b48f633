/* Text between a character set (the locale's, e.g. GB18030 or GBK) and
 * UTF-8, the only encoding gradus keeps inside (pure: glibc iconv, no file
 * I/O). Reading is strict: bytes that are not text in the character set are
 * refused, never guessed. Writing never fails on text: a character the
 * character set cannot show is written <U+XXXX> (e.g. <U+20BB7> for 𠮷 under
 * GBK), and a byte that is not UTF-8 is written as U+FFFD would be. */
#ifndef GRADUS_CHARSET_H
#define GRADUS_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/text/status.h"

struct charset;

/* Whether a codeset name (as nl_langinfo(CODESET) gives it) is UTF-8. */
bool charset_is_utf8(const char *name);

/* The conversions to and from the named character set; STATUS_ERR_INVALID
 * when this system's iconv has none. */
enum status charset_open(const char *name, struct charset **out, struct error *err);
void charset_close(struct charset **charset);
const char *charset_name(const struct charset *charset);

/* bytes[0..len) in the character set as UTF-8 (NUL-terminated; caller frees
 * *text). A byte that begins no character, or a character cut off at the
 * end, is STATUS_ERR_PARSE: *bad_at (may be NULL) is its offset and err says
 * "byte 0xNN at byte N: expected a NAME character"; *text is then NULL. */
enum status charset_to_utf8(struct charset *charset, const char *bytes, size_t len, char **text, size_t *text_len,
			    size_t *bad_at, struct error *err);

/* UTF-8 text[0..len) in the character set (NUL-terminated; caller frees
 * *bytes), with the placeholders above. Fails only for want of memory. */
enum status charset_from_utf8(struct charset *charset, const char *text, size_t len, char **bytes, size_t *bytes_len,
			      struct error *err);

#endif
