/* Private to store/: the schema and its migrations. */
#ifndef GRADUS_STORE_SCHEMA_H
#define GRADUS_STORE_SCHEMA_H

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
const struct schema_table *schema_table(const char *name);
/* The i-th table the write path knows, NULL past the last. */
const struct schema_table *schema_table_at(size_t i);
bool schema_has_field(const struct schema_table *table, const char *field);
/* Whether table.field holds several lines (line feeds, CR LF, tabs). */
bool schema_is_multiline(const char *table, const char *field);

#endif
