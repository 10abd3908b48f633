/* Private to store/: the write path's guard of sealed records (authority.c). */
#ifndef GRADUS_AUTHORITY_PRIVATE_H
#define GRADUS_AUTHORITY_PRIVATE_H

#include <stddef.h>

#include "gradus/store/authority.h"
#include "gradus/store/store.h"

struct field_value; /* store_private.h */

enum authority_write { AUTHORITY_INSERT, AUTHORITY_UPDATE, AUTHORITY_DELETE };

/* Refuses (STATUS_ERR_SEALED) a write to a record of a signed check, a
 * signed panel or a closed case, whoever writes and whatever path the
 * write comes by: an insert with its fields, an update of one field
 * (fields[0]), a delete. One indexed lookup of the record's owner. */
enum status authority_guard(struct store *store, const char *table, const char *id, enum authority_write op,
			    const struct field_value *fields, size_t count, struct error *err);

/* The one deliberate exception: while set, the answers and findings of
 * this check (an amendment), or the row of this case (the workflow step
 * that closes it), may be written though sealed. NULL ends it. */
void authority_exempt(struct store *store, const char *record_id);

/* The guard's queries, one by one (NULL past the last), for a test of
 * their plans: each is a lookup by primary key, never a scan. */
const char *authority_guard_sql(size_t i);

#endif
