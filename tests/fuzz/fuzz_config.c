/* The config reader (keys, colours, display): any bytes as
 * $XDG_CONFIG_HOME/gradus/config.ini, read as the TUI reads it at start.
 * No terminal is needed: colours are only recorded until curses starts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzzkit.h"
#include "tui/tui_private.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char sub[96];

	(void)argc;
	(void)argv;
	fuzzkit_scratch_dir(dir, sizeof(dir));
	snprintf(sub, sizeof(sub), "%s/gradus", dir);
	snprintf(path, sizeof(path), "%s/config.ini", sub);
	if (mkdir(sub, 0700) || setenv("XDG_CONFIG_HOME", dir, 1))
		abort();
	return 0;
}

static void remove_dir(void)
{
	char sub[96];

	unlink(path);
	snprintf(sub, sizeof(sub), "%s/gradus", dir);
	rmdir(sub);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool registered;
	char message[512];
	FILE *file = fopen(path, "wb");

	if (!registered)
		registered = !atexit(remove_dir);
	if (!file || fwrite(data, 1, size, file) != size || fclose(file))
		abort();
	tui_config_load(message, sizeof(message));
	return 0;
}
