/* The script-mode key parser: any bytes as a keystroke script (read from a
 * memory file, as script_open reads the file named by --script), then
 * every key and command played out of it. */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tui/tui_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script *script = NULL;
	struct error err;
	const char *command;
	char path[64];
	wint_t ch;
	int fd = memfd_create("script", 0), code;

	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (!script_open(path, &script, &err)) {
		while (script_next(script, &code, &ch, &command) != ERR)
			;
		script_free(&script);
	}
	close(fd);
	return 0;
}
