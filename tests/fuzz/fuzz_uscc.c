/* The unified social credit code check: any text; a code accepted has the
 * check character computed from its first 17, and a code refused for its
 * check character alone is accepted with the one it names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/uscc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *code = malloc(size + 1), expected = 0;
	struct error err;
	enum status status;

	if (!code)
		return 0;
	memcpy(code, data, size);
	code[size] = '\0';
	status = uscc_check(code, &expected, &err);
	if (status == STATUS_OK && (strlen(code) != USCC_LENGTH || uscc_check_character(code) != code[17]))
		abort();
	if (status != STATUS_OK && expected) {
		code[17] = expected;
		if (uscc_check(code, NULL, &err) != STATUS_OK)
			abort();
	}
	free(code);
	return 0;
}
