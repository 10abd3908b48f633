/* Private to store/: the audit chain (audit.c). One record per record
 * written: an insert keeps no values (they are the row's now, rewound
 * through the later records, which keep old and new values), an update the
 * fields it changed with their old and new values, a delete the row's last
 * values. Each record's hash commits to the previous record's hash and to
 * the values it wrote, an insert's too. */
#ifndef GRADUS_STORE_AUDIT_PRIVATE_H
#define GRADUS_STORE_AUDIT_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gradus/store/store.h"

enum audit_op { AUDIT_INSERT = 0, AUDIT_UPDATE = 1, AUDIT_DELETE = 2 };

#define AUDIT_HASH_SIZE 32 /* SHA-256 */

struct audit_field {
	const char *name, *old, *new;
};

/* Appends a record to the chain. An insert's fields are the values given
 * (new), an update's the fields it changed, a delete's the row's last
 * values (old). owner: the case, check or panel a deleted row belonged
 * to (History finds deleted rows by it), or NULL. */
enum status audit_append(struct store *store, enum audit_op op, const char *table, const char *id,
			 const struct audit_field *fields, size_t count, const char *owner, struct error *err);

/* The last record's seq (0 while the chain is empty). */
enum status audit_last_seq(struct store *store, long long *seq, struct error *err);

/* A record's time as text (2026-11-28T12:00:00Z) from its at column. */
void audit_at_text(sqlite3_stmt *stmt, int column, char out[32]);

/* One row's records, oldest first, each with the fields it wrote: an
 * insert's values are the row's now rewound through the later records. */
struct audit_value {
	char *name, *old, *new;
};
struct audit_entry {
	long long seq;
	enum audit_op op;
	char at[32];
	char *actor;
	size_t first, count; /* its values: values[first .. first + count) */
};
struct audit_row {
	struct audit_entry *entries;
	size_t count, capacity;
	struct audit_value *values;
	size_t value_count, value_capacity;
};
enum status audit_row_read(struct store *store, const char *table, const char *id, struct audit_row *row,
			   struct error *err);
/* The same, each record held to its hash and the row: STATUS_ERR_CORRUPT
 * (row filled still) when one does not match. */
enum status audit_row_check(struct store *store, const char *table, const char *id, struct audit_row *row,
			    struct error *err);
void audit_row_clear(struct audit_row *row);

/* What verify reads the chain with (verify_chain.c): a record's hash from
 * the one before and what it wrote (an insert's values in the order of the
 * schema, old NULL); the hash the record at seq follows (the record
 * before's, the head of the chain it continues, or zeros). */
void audit_record_hash(const uint8_t prev[AUDIT_HASH_SIZE], long long seq, enum audit_op op, const char *at,
		       const char *actor, const char *table, const char *id, const struct audit_field *fields,
		       size_t count, uint8_t out[AUDIT_HASH_SIZE]);
enum status audit_previous_hash(struct store *store, long long seq, uint8_t out[AUDIT_HASH_SIZE], struct error *err);
/* The table whose number audit.t holds, as the generated audit.tbl reads
 * it; NULL where t is no table's number (tbl is then t itself). */
const char *audit_table_of(sqlite3_value *t);

/* Migration 20: the per-field audit of schema 17 (audit_v1) into records,
 * once its chain is verified; the new chain begins at its head. */
enum status audit_convert(struct store *store, struct error *err);

#endif
