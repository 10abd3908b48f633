/* The workbook reader: any bytes read as an .xlsx, its first sheet and a
 * sheet by name; whatever it returns is freed, a refusal has a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_one(const uint8_t *data, size_t size, const char *name)
{
	struct sheet sheet;
	struct error err = { "" };
	size_t r, i;

	if (sheet_read_xlsx(data, size, name, &sheet, &err)) {
		if (!err.message[0] || sheet.rows || sheet.count)
			abort();
		return;
	}
	for (r = 0; r < sheet.count; r++) {
		if (sheet.rows[r].number < 0 || (r && sheet.rows[r].count == 0))
			abort();
		for (i = 0; i < sheet.rows[r].count; i++)
			if (!sheet.rows[r].cells[i])
				abort();
	}
	sheet_clear(&sheet);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_one(data, size, NULL);
	read_one(data, size, "cases");
	return 0;
}
