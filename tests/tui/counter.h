/* The count a preloaded counter keeps (countwrites.c, countrenames.c),
 * written to $COUNT_FILE as the process ends (tests/lib.sh preload_count). */
#include <stdio.h>
#include <stdlib.h>

static long counted;

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("COUNT_FILE");
	FILE *f;

	if (path && (f = fopen(path, "w"))) {
		fprintf(f, "%ld\n", counted);
		fclose(f);
	}
}
