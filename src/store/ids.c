/* Record ids: 32 lower-case hex digits, random, or ordered by the time
 * they are made.
 *
 * An id of a new record is a key of its table's primary-key index and of
 * every index that holds it (a case's factory, an event's case, the audit's
 * row): with random ids, 1,000 new cases land on 1,000 scattered pages of
 * each such index, more of them the larger the office, each read and
 * written again. Ids that grow with time (like a UUIDv7: the milliseconds
 * since 1970 in the first 12 digits, random bits in the other 20) add the
 * new records at the end of those indexes instead, on the same few pages.
 * They are for the records written by the thousand (an enterprise, its
 * factory, its cases and their parts, events), named by their numbers.
 * A record a user names by the start of its id (a finding, a milestone, a
 * conflict ...) keeps a random one: ordered ids made close together share
 * their first 12 digits or more, and the first 6 would name them all.
 *
 * Nothing reads the time back out of an id: ids made elsewhere (an older
 * gradus's random ones, a laptop's bundle with its own clock) are taken as
 * they are, as 32 hex digits, and merely sort elsewhere. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "store_private.h"

#define TAIL_BYTES 10 /* the random part: 80 bits */

/* The id made last by this process, to keep the next above it when the
 * clock has not moved on (or went back). */
static uint64_t last_ms;
static unsigned char last_tail[TAIL_BYTES];

/* Random bytes for ordered ids, taken from the system 512 at a time, not
 * with a system call an id (an import of 100,000 rows makes 300,000 ids);
 * each byte is handed out once. */
static unsigned char pool[512];
static size_t pool_left;

enum status store_random(void *out, size_t size)
{
	return getrandom(out, size, 0) == (ssize_t)size ? STATUS_OK : STATUS_ERR_IO;
}

static enum status pooled_random(void *out, size_t size)
{
	if (pool_left < size) {
		if (store_random(pool, sizeof(pool)))
			return STATUS_ERR_IO;
		pool_left = sizeof(pool);
	}
	memcpy(out, pool + sizeof(pool) - pool_left, size);
	memset(pool + sizeof(pool) - pool_left, 0, size);
	pool_left -= size;
	return STATUS_OK;
}

/* tail += step, big-endian; true when it went past 80 bits. */
static bool tail_add(unsigned char tail[TAIL_BYTES], uint64_t step)
{
	unsigned carry = 0;
	int i;

	for (i = TAIL_BYTES - 1; i >= 0; i--) {
		carry += tail[i] + (unsigned)(step & 0xff);
		tail[i] = (unsigned char)(carry & 0xff);
		carry >>= 8;
		step >>= 8;
	}
	return carry != 0;
}

static void hex_of(const unsigned char *bytes, size_t count, char *out)
{
	size_t i;

	for (i = 0; i < count; i++)
		snprintf(out + 2 * i, 3, "%02x", bytes[i]);
}

enum status store_new_id(char out[33])
{
	unsigned char bytes[16];

	if (store_random(bytes, sizeof(bytes)))
		return STATUS_ERR_IO;
	hex_of(bytes, sizeof(bytes), out);
	return STATUS_OK;
}

enum status store_new_ordered_id(char out[33])
{
	uint64_t step;
	struct timespec now;
	uint64_t ms;

	if (clock_gettime(CLOCK_REALTIME, &now))
		return STATUS_ERR_IO;
	ms = ((uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000) & 0xffffffffffffULL;
	if (ms > last_ms) {
		if (pooled_random(last_tail, sizeof(last_tail)))
			return STATUS_ERR_IO;
	} else {
		/* the same millisecond (or the clock went back): a random step
		 * of up to 64 bits above the last id (two ids of a millisecond
		 * differ in their first 16 digits or so, for a typed prefix),
		 * past its end to the next millisecond */
		if (pooled_random(&step, sizeof(step)))
			return STATUS_ERR_IO;
		ms = last_ms;
		if (tail_add(last_tail, (step >> 1) + 1)) {
			ms = (last_ms + 1) & 0xffffffffffffULL;
			if (pooled_random(last_tail, sizeof(last_tail)))
				return STATUS_ERR_IO;
		}
	}
	last_ms = ms;
	snprintf(out, 13, "%012llx", (unsigned long long)ms);
	hex_of(last_tail, TAIL_BYTES, out + 12);
	return STATUS_OK;
}
