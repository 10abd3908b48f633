/* The audit chain's head: the hash of its last record, in hex, which a printed record
 * quotes so a reader can later tell the chain it was printed from. */
#include <sqlite3.h>
#include <stdio.h>

#include "gradus/text/i18n.h"
#include "store_private.h"

enum status store_audit_head(struct store *store, char head[65], struct error *err)
{
	static const char *const sql = "SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	const unsigned char *hash;
	enum status status;
	bool row;

	head[0] = '\0';
	if (!stmt)
		return STATUS_ERR_DB;
	status = store_step(store, stmt, &row, err);
	if (!status && row && (hash = sqlite3_column_text(stmt, 0)))
		snprintf(head, 65, "%s", (const char *)hash);
	sqlite3_reset(stmt);
	return status;
}
