/* What more than one fuzz target needs, kept once: each includes it. */
#ifndef GRADUS_TESTS_FUZZ_FUZZKIT_H
#define GRADUS_TESTS_FUZZ_FUZZKIT_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A folder of the target's own for the files it writes: in memory
 * (/dev/shm) when it may, else under /tmp; aborts when none can be made. */
static inline void fuzzkit_scratch_dir(char *dir, size_t size)
{
	snprintf(dir, size, "%s", access("/dev/shm", W_OK) ? "/tmp/gradus-fuzz-XXXXXX" : "/dev/shm/gradus-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
}

#endif
