/* The panel's score from its members' scores: the mean, or the mean
 * without the highest and the lowest. */
#include <math.h>
#include <string.h>

#include "gradus/core/panel.h"
#include "gradus/text/i18n.h"

static const char *const names[] = { "mean", "trimmed_mean" };

bool panel_aggregate_parse(const char *text, enum panel_aggregate *out)
{
	size_t i;

	for (i = 0; text && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(text, names[i])) {
			*out = (enum panel_aggregate)i;
			return true;
		}
	return false;
}

const char *panel_aggregate_name(enum panel_aggregate aggregate)
{
	return names[aggregate == PANEL_TRIMMED_MEAN];
}

enum status panel_score(const double *scores, size_t count, enum panel_aggregate aggregate, double *out,
			struct error *err)
{
	double sum = 0, low = 0, high = 0;
	size_t i;

	if (!count)
		return error_set(err, STATUS_ERR_INVALID, _("no member has scored yet"));
	if (aggregate == PANEL_TRIMMED_MEAN && count < 3)
		return error_set(err, STATUS_ERR_INVALID,
				 _("the mean without the highest and lowest needs at least 3 scores, not %zu"), count);
	for (i = 0; i < count; i++) {
		if (!(scores[i] >= 0 && scores[i] <= 100))
			return error_set(err, STATUS_ERR_INVALID, _("score %g: expected 0 to 100"), scores[i]);
		sum += scores[i];
		low = i == 0 || scores[i] < low ? scores[i] : low;
		high = i == 0 || scores[i] > high ? scores[i] : high;
	}
	if (aggregate == PANEL_TRIMMED_MEAN) {
		sum -= low + high;
		count -= 2;
	}
	*out = round(sum / (double)count * 10.0) / 10.0;
	return STATUS_OK;
}
