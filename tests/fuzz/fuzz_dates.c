/* The date parser: any text; a date it accepts is a real day that formats
 * back to the same text and survives the arithmetic the deadlines use. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), again[DATE_TEXT_SIZE];
	struct error err;
	struct date d, later;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* The named parse agrees with the plain one, and a refusal always says
	 * what is expected. */
	if ((date_parse_named("--due", text, &d, &err) == STATUS_OK) != (date_parse(text, &d, NULL) == STATUS_OK))
		abort();
	if (date_parse(text, &d, NULL) != STATUS_OK && !strstr(err.message, "YYYY-MM-DD") &&
	    strlen(err.message) < sizeof(err.message) - 1)
		abort();
	if (date_parse(text, &d, &err) == STATUS_OK) {
		if (!date_is_valid(d))
			abort();
		date_format(d, again);
		if (strcmp(again, text))
			abort();
		if (date_compare(date_from_days(date_to_days(d)), d))
			abort();
		/* The arithmetic stays within years 1..9999. */
		if (d.year < 3 || d.year > 9990)
			goto cleanup;
		later = date_add_days(d, 365);
		if (date_days_between(d, later) != 365)
			abort();
		if (!date_is_valid(date_add_months(d, -25)) || !date_is_valid(date_add_years(d, 3)))
			abort();
		if (date_weekday(d) < 1 || date_weekday(d) > 7)
			abort();
	}
cleanup:
	free(text);
	return 0;
}
