/* Preloaded by settle.sh: counts the files gradus renames onto a path
 * ending in /state.ini (the state file is written to a temporary file and
 * renamed over it, store/safe_file.c) and leaves the count in
 * $COUNT_RENAMES when the process ends. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long renames;

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	size_t len = to ? strlen(to) : 0;

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "rename");
	if (len >= 10 && !strcmp(to + len - 10, "/state.ini"))
		renames++;
	return real(from, to);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("COUNT_RENAMES");
	FILE *f;

	if (path && (f = fopen(path, "w"))) {
		fprintf(f, "%ld\n", renames);
		fclose(f);
	}
}
