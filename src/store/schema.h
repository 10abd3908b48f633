/* Private to store/: the schema and its migrations. */
#ifndef GRADUS_STORE_SCHEMA_H
#define GRADUS_STORE_SCHEMA_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

struct schema_table {
	const char *name;
	const char *const *fields;
};

static inline int strcmp_safe(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

int schema_latest_version(void);
const char *schema_migration(int version);
/* What ends the migrations of a database made empty from them (a bundle,
 * the schema verify expects): the tables they leave for migrate() to
 * convert, dropped. */
const char *schema_fresh_end(void);
/* The two tables a bundle adds to the office's schema. */
const char *schema_bundle_tables(void);
/* A new database in memory holding the schema every migration makes (and
 * a bundle's two tables when bundle): what a file of this gradus must have.
 * Returns SQLite's result code; *db is to be closed either way. */
int schema_expected_open(sqlite3 **db, bool bundle);
const struct schema_table *schema_table(const char *name);
/* The i-th table the write path knows, NULL past the last. */
const struct schema_table *schema_table_at(size_t i);
bool schema_has_field(const struct schema_table *table, const char *field);
/* Whether table.field holds several lines (line feeds, CR LF, tabs). */
bool schema_is_multiline(const char *table, const char *field);

#endif
