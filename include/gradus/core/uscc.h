/* Unified social credit code (统一社会信用代码, GB 32100-2015). */
#ifndef GRADUS_USCC_H
#define GRADUS_USCC_H

#include "gradus/text/status.h"

#define USCC_LENGTH 18

/* Checks length, the character set (0-9 and A-Z without I O Z S V) of every
 * position, the registration-authority and type codes, and the check
 * character. On a wrong check character, *expected (may be NULL) is set to
 * the right one and err names it: "check character is 'A', expected 'K'".
 * Returns STATUS_OK or STATUS_ERR_INVALID. */
enum status uscc_check(const char *code, char *expected, struct error *err);

/* The check character for the first 17 characters, or 0 if they hold a
 * character outside the set. */
char uscc_check_character(const char *first17);

#endif
