/* Times as people read them: the store keeps UTC (2026-12-05T10:57:03Z);
 * screens and reports show the local time (TZ honoured). */
#ifndef GRADUS_CLOCK_H
#define GRADUS_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#define CLOCK_TEXT_SIZE 48

/* utc (YYYY-MM-DDTHH:MM[:SS][Z]) in local time: "YYYY-MM-DD HH:MM", with
 * the seconds and the zone ("2026-12-05 18:57:03 CST +0800") when
 * with_zone. False, and utc copied as it is, when it is not such a time. */
bool clock_local_text(const char *utc, bool with_zone, char *out, size_t size);

#endif
