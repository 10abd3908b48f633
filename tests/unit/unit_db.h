/* Shared by the unit tests that make a database file: its removal with
 * the -wal, -shm and -journal files SQLite may leave beside it. */
#ifndef GRADUS_TESTS_UNIT_DB_H
#define GRADUS_TESTS_UNIT_DB_H

#include <stdio.h>
#include <unistd.h>

static inline void unit_db_remove(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char side[4200];
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		snprintf(side, sizeof(side), "%s%s", path, sides[i]);
		unlink(side);
	}
}

#endif
