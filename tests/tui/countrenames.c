/* Preloaded by settle.sh: counts the files gradus renames onto a path
 * ending in /state.ini (the state file is written to a temporary file and
 * renamed over it, store/safe_file.c; counter.h leaves the count). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	size_t len = to ? strlen(to) : 0;

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "rename");
	if (len >= 10 && !strcmp(to + len - 10, "/state.ini"))
		counted++;
	return real(from, to);
}
