/* Unit tests of cli_keep_freed_memory (src/cli/common.c): memory a query
 * frees stays with the process for the next key instead of going back to
 * the system and being faulted in again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/cli/cli.h"

/* Blocks of a size a query's sorter or search buffers take, freed in the
 * order they came: the heap's top end before and after. */
static intptr_t heap_end_after_freeing(size_t size)
{
	enum { BLOCKS = 8 };
	char *block[BLOCKS];
	intptr_t end;
	int i;

	for (i = 0; i < BLOCKS; i++) {
		block[i] = malloc(size);
		assert_non_null(block[i]);
		memset(block[i], i, size); /* touched, as a query touches them */
	}
	end = (intptr_t)sbrk(0);
	for (i = BLOCKS - 1; i >= 0; i--)
		free(block[i]);
	return end - (intptr_t)sbrk(0);
}

static void test_freed_memory_is_kept(void **state)
{
	static const size_t sizes[] = { 64 << 10, 200 << 10, 1 << 20 };
	size_t i;

	(void)state;
#ifdef __SANITIZE_ADDRESS__
	skip(); /* AddressSanitizer's allocator keeps no heap of glibc's */
#endif
	cli_keep_freed_memory();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		intptr_t given_back = heap_end_after_freeing(sizes[i]);

		if (given_back)
			fail_msg("%zu blocks of %zu bytes freed: the heap gave %ld bytes back", (size_t)8, sizes[i],
				 (long)given_back);
	}
}

/* What is kept stays bounded: a block of 4 MiB or more is mapped alone and
 * goes back whole when freed, so one large query does not pin the heap. */
static void test_large_blocks_go_back(void **state)
{
	intptr_t before;
	char *large;

	(void)state;
#ifdef __SANITIZE_ADDRESS__
	skip();
#endif
	cli_keep_freed_memory();
	before = (intptr_t)sbrk(0);
	large = malloc(8 << 20);
	assert_non_null(large);
	memset(large, 1, 8 << 20);
	assert_int_equal((intptr_t)sbrk(0), before); /* not from the heap */
	free(large);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_freed_memory_is_kept),
		cmocka_unit_test(test_large_blocks_go_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
