/* Intelligent-manufacturing capability maturity (GB/T 39116/39117):
 * self-assessed score -> level 1..5. Scores are in hundredths (0..500). */
#ifndef GRADUS_MATURITY_H
#define GRADUS_MATURITY_H

#include <stddef.h>

#include "gradus/text/status.h"

struct maturity_band {
	int level;     /* 1..5 */
	int min_centi; /* inclusive */
	int max_centi; /* exclusive, except for the last band where inclusive */
};

/* The default bands: 0.80-1.80-2.80-3.80-4.80-5.00. */
extern const struct maturity_band maturity_default_bands[5];

/* Parses "3.2", "3.25", "4", "0.8" into hundredths; more than 2 decimals,
 * negative, above 5 or not a number is an error naming what was expected. */
enum status maturity_parse_score(const char *text, int *centi, struct error *err);

/* Level for a score (0 = below the first band). bands NULL = default. */
int maturity_level(const struct maturity_band *bands, size_t count, int centi);

#endif
