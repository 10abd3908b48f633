/* Expert panels (专家评审), the pure part: how the members' scores make the
 * panel's score. */
#ifndef GRADUS_PANEL_H
#define GRADUS_PANEL_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/text/status.h"

/* mean: the plain mean; trimmed_mean: the mean without one highest and one
 * lowest score (needs at least 3 scores). */
enum panel_aggregate { PANEL_MEAN, PANEL_TRIMMED_MEAN };

/* "mean" "trimmed_mean"; false when it is neither. */
bool panel_aggregate_parse(const char *text, enum panel_aggregate *out);
const char *panel_aggregate_name(enum panel_aggregate aggregate);

/* The panel's score of count scores (each 0..100), rounded to one decimal
 * as printed. Refused with no scores, a score out of range, or fewer than 3
 * scores to trim. */
enum status panel_score(const double *scores, size_t count, enum panel_aggregate aggregate, double *out,
			struct error *err);

#endif
