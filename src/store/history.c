/* The history of one case, read from the audit log. */
#include <sqlite3.h>
#include <stdlib.h>

#include "gradus/i18n.h"
#include "gradus/store.h"
#include "store_private.h"

/* The case, its factory and enterprise, and every row that ever belonged to
 * it (deleted ones too: their case_id was audited when they were made),
 * its spot checks with their answers, evidence, findings, signatures and
 * amendments (not the checklists each check copies from forms/), its
 * panels with their members, notes and rectification items. */
static const char *const history_sql =
	"WITH c AS (SELECT c.id, c.factory_id, f.enterprise_id FROM cases c JOIN factories f ON f.id = c.factory_id"
	"           WHERE c.id = ?1),"
	" rows (tbl, id) AS ("
	"  SELECT 'cases', id FROM c"
	"  UNION SELECT 'factories', factory_id FROM c"
	"  UNION SELECT 'enterprises', enterprise_id FROM c"
	"  UNION SELECT tbl, row_id FROM audit WHERE tbl IN ('events', 'case_scenarios', 'case_materials', 'panels',"
	"   'findings')"
	"   AND field = 'case_id' AND new = (SELECT id FROM c)"
	"  UNION SELECT tbl, row_id FROM audit WHERE tbl = 'checks' AND field = 'case_id' AND new = (SELECT id FROM c)"
	"  UNION SELECT tbl, row_id FROM audit WHERE tbl IN ('check_inspectors', 'answers', 'evidence', 'findings',"
	"   'signatures', 'amendments') AND field = 'check_id' AND new IN (SELECT row_id FROM audit"
	"   WHERE tbl = 'checks' AND field = 'case_id' AND new = (SELECT id FROM c))"
	"  UNION SELECT tbl, row_id FROM audit WHERE tbl IN ('panel_members', 'panel_notes') AND field = 'panel_id'"
	"   AND new IN (SELECT row_id FROM audit WHERE tbl = 'panels' AND field = 'case_id' AND new = (SELECT id FROM c)))"
	" SELECT a.seq, a.at, a.actor, a.tbl, a.row_id, a.field, a.old, a.new"
	" FROM rows r JOIN audit a ON a.tbl = r.tbl AND a.row_id = r.id ORDER BY a.seq";


enum status store_case_history(struct store *store, const char *key, struct history_row **rows,
			       size_t *count, struct error *err)
{
	sqlite3_stmt *stmt;
	size_t capacity = 0;
	enum status status;
	char id[33];
	bool row;

	*rows = NULL;
	*count = 0;
	if ((status = store_resolve(store, STORE_CASE, key, id, err)))
		return status;
	if (!(stmt = store_prepare(store, history_sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	while (!status && !(status = store_step(store, stmt, &row, err)) && row) {
		struct history_row *h;

		if ((status = store_grow((void **)rows, &capacity, *count, sizeof(**rows))))
			break;
		h = &(*rows)[(*count)++];
		h->seq = sqlite3_column_int64(stmt, 0);
		h->at = store_column_dup(stmt, 1, &status);
		h->actor = store_column_dup(stmt, 2, &status);
		h->table = store_column_dup(stmt, 3, &status);
		h->row_id = store_column_dup(stmt, 4, &status);
		h->field = store_column_dup(stmt, 5, &status);
		h->old = store_column_dup(stmt, 6, &status);
		h->new = store_column_dup(stmt, 7, &status);
	}
	sqlite3_reset(stmt);
	if (status) {
		history_rows_free(*rows, *count);
		*rows = NULL;
		*count = 0;
	}
	return status;
}

void history_rows_free(struct history_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].at);
		free(rows[i].actor);
		free(rows[i].table);
		free(rows[i].row_id);
		free(rows[i].field);
		free(rows[i].old);
		free(rows[i].new);
	}
	free(rows);
}
