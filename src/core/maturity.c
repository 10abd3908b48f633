/* Maturity self-assessment scores (hundredths) and their levels. */
#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/maturity.h"
#include "gradus/text/i18n.h"
#include "gradus/text/status.h"

#define MATURITY_MAX_CENTI 500

const struct maturity_band maturity_default_bands[5] = {
	{ 1, 80, 180 },
	{ 2, 180, 280 },
	{ 3, 280, 380 },
	{ 4, 380, 480 },
	{ 5, 480, 500 },
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads digits into *value, stopping the growth above the maximum score so
 * that a long number cannot overflow; returns the digits read. */
static size_t read_digits(const char *text, int *value)
{
	size_t n;

	for (n = 0; is_digit(text[n]); n++) {
		if (*value <= MATURITY_MAX_CENTI)
			*value = *value * 10 + (text[n] - '0');
	}
	return n;
}

enum status maturity_parse_score(const char *text, int *centi, struct error *err)
{
	int whole = 0, fraction = 0;
	size_t whole_digits, fraction_digits = 0;
	const char *end;

	if (!text || !*text)
		return error_set(err, STATUS_ERR_INVALID,
				 _("empty score: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25"));
	if (text[0] == '-' && (is_digit(text[1]) || text[1] == '.'))
		/* L10N: %s is the score as typed (a form shows the message beside it without "SCORE: ") */
		return error_set(err, STATUS_ERR_INVALID, _("%s: a score cannot be negative; expected 0 to 5"), text);
	whole_digits = read_digits(text, &whole);
	end = text + whole_digits;
	if (whole_digits && *end == '.') {
		fraction_digits = read_digits(end + 1, &fraction);
		if (fraction_digits) /* "3." stays at the dot and fails */
			end += fraction_digits + 1;
	}
	if (!whole_digits || *end)
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: expected a number from 0 to 5 with at most 2 decimals, e.g. 3.25"), text);
	if (fraction_digits > 2)
		return error_set(err, STATUS_ERR_INVALID, _("%s: more than 2 decimals; expected e.g. 3.25"), text);
	if (fraction_digits == 1)
		fraction *= 10;
	if (whole > 5 || whole * 100 + fraction > MATURITY_MAX_CENTI)
		return error_set(err, STATUS_ERR_INVALID, _("%s: above 5; expected a score from 0 to 5"), text);
	*centi = whole * 100 + fraction;
	return STATUS_OK;
}

int maturity_level(const struct maturity_band *bands, size_t count, int centi)
{
	size_t i;

	if (!bands) {
		bands = maturity_default_bands;
		count = sizeof(maturity_default_bands) / sizeof(maturity_default_bands[0]);
	}
	for (i = 0; i < count; i++) {
		bool last = i + 1 == count;

		if (centi >= bands[i].min_centi &&
		    (centi < bands[i].max_centi || (last && centi == bands[i].max_centi)))
			return bands[i].level;
	}
	return 0;
}
