/* Times as people read them: the store keeps UTC (2026-12-05T10:57:03Z);
 * screens and reports show the local time (TZ honoured). */
#ifndef GRADUS_CLOCK_H
#define GRADUS_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"

#define CLOCK_TEXT_SIZE 48

/* utc (YYYY-MM-DDTHH:MM[:SS][Z]) in local time: "YYYY-MM-DD HH:MM", with
 * the seconds and the zone ("2026-12-05 18:57:03 CST +0800") when
 * with_zone. False, and utc copied as it is, when it is not such a time. */
bool clock_local_text(const char *utc, bool with_zone, char *out, size_t size);

/* Today's date by the system clock, in local time. The only "today" that
 * may cancel a certification or stamp anything: a date given on the command
 * line or in the environment (--today, GRADUS_TODAY) is a business date
 * and an "as of" for what is shown, never this. */
struct date clock_today(void);

#endif
