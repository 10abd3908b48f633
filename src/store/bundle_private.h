/* Private to store/: what writing a bundle and applying one share. */
#ifndef GRADUS_STORE_BUNDLE_PRIVATE_H
#define GRADUS_STORE_BUNDLE_PRIVATE_H

#include <sqlite3.h>
#include <stddef.h>

#include "gradus/text/status.h"

/* The SHA-256 of every row of every table the write path knows (ordered by
 * id; each value with its type), the tables a bundle's changes can touch. */
enum status bundle_content_hash(sqlite3 *db, char out[65], struct error *err);
/* The SHA-256 of the manifest's keys and values but manifest_sha256. */
enum status bundle_manifest_hash(sqlite3 *db, char out[65], struct error *err);

/* The i-th statement copying the rows a bundle's cases (temp.keep) need
 * from the office (attached as "office") into the bundle; NULL past the
 * last. Each reaches the office's rows through an index but for the meta
 * and users tables, copied whole. */
const char *bundle_copy_statement(size_t i);

/* This database's id (meta database_id). */
struct store;
enum status bundle_database_id(struct store *store, char out[65], struct error *err);

#endif
