/* The history of one case, read from the audit log: its records a field
 * a line, an insert's values rewound from the rows (audit.c). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "audit_private.h"

#include "gradus/store/store.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

/* The case, its factory and enterprise, and every row that belongs or
 * belonged to it (a deleted one by its delete record's owner, the case,
 * check or panel it belonged to), its spot checks with their answers,
 * evidence, findings, signatures and amendments (not the checklists each
 * check copies from forms/), its panels with their members, notes and
 * rectification items; each table reached by its index on the case, check
 * or panel. */
static const char *const history_sql =
	"WITH c AS (SELECT c.id, c.factory_id, f.enterprise_id FROM cases c JOIN factories f ON f.id = c.factory_id"
	"           WHERE c.id = ?1),"
	" checks_of (id) AS (SELECT id FROM checks WHERE case_id = ?1"
	"  UNION SELECT row_id FROM audit WHERE owner = ?1 AND op = 2 AND tbl = 'checks'),"
	" panels_of (id) AS (SELECT id FROM panels WHERE case_id = ?1"
	"  UNION SELECT row_id FROM audit WHERE owner = ?1 AND op = 2 AND tbl = 'panels'),"
	" rows (tbl, id) AS ("
	"  SELECT 'cases', id FROM c"
	"  UNION SELECT 'factories', factory_id FROM c"
	"  UNION SELECT 'enterprises', enterprise_id FROM c"
	"  UNION SELECT 'events', id FROM events WHERE case_id = ?1"
	"  UNION SELECT 'case_materials', id FROM case_materials WHERE case_id = ?1"
	"  UNION SELECT 'findings', id FROM findings WHERE case_id = ?1"
	"  UNION SELECT 'checks', id FROM checks_of"
	"  UNION SELECT 'panels', id FROM panels_of"
	"  UNION SELECT tbl, row_id FROM audit WHERE owner = ?1 AND op = 2"
	"   AND tbl IN ('events', 'case_scenarios', 'case_materials', 'findings')"
	"  UNION SELECT 'check_inspectors', id FROM check_inspectors WHERE check_id IN checks_of"
	"  UNION SELECT 'answers', id FROM answers WHERE check_id IN checks_of"
	"  UNION SELECT 'evidence', id FROM evidence WHERE check_id IN checks_of"
	"  UNION SELECT 'findings', id FROM findings WHERE check_id IN checks_of"
	"  UNION SELECT 'signatures', id FROM signatures WHERE check_id IN checks_of"
	"  UNION SELECT 'amendments', id FROM amendments WHERE check_id IN checks_of"
	"  UNION SELECT tbl, row_id FROM audit WHERE owner IN checks_of AND op = 2"
	"   AND tbl IN ('check_inspectors', 'answers', 'evidence', 'findings', 'signatures', 'amendments')"
	"  UNION SELECT 'panel_members', id FROM panel_members WHERE panel_id IN panels_of"
	"  UNION SELECT 'panel_notes', id FROM panel_notes WHERE panel_id IN panels_of"
	"  UNION SELECT 'findings', id FROM findings WHERE panel_id IN panels_of"
	"  UNION SELECT tbl, row_id FROM audit WHERE owner IN panels_of AND op = 2"
	"   AND tbl IN ('panel_members', 'panel_notes', 'findings'))"
	" SELECT tbl, id FROM rows";

struct gathered {
	struct history_row *rows;
	size_t count, capacity;
	size_t *order; /* the place of each row in its record, for the sort */
	size_t order_capacity;
};

static enum status gather_value(struct gathered *g, const struct audit_entry *e, const char *table, const char *id,
				const char *field, const char *old, const char *new, size_t place)
{
	enum status status = store_grow((void **)&g->rows, &g->capacity, g->count, sizeof(*g->rows));
	struct history_row *h;

	if (!status)
		status = store_grow((void **)&g->order, &g->order_capacity, g->count, sizeof(*g->order));
	if (status)
		return status;
	h = &g->rows[g->count];
	g->order[g->count++] = place;
	memset(h, 0, sizeof(*h));
	h->seq = e->seq;
	if (!(h->at = strdup(e->at)) || !(h->actor = strdup(e->actor ? e->actor : "")) ||
	    !(h->table = strdup(table)) || !(h->row_id = strdup(id)) || !(h->field = strdup(field)) ||
	    (old && !(h->old = strdup(old))) || (new && !(h->new = strdup(new))))
		return STATUS_ERR_NOMEM;
	return STATUS_OK;
}

/* A row's records as a field a line: a delete's last values, then "-". */
static enum status gather_row(struct store *store, struct gathered *g, const char *table, const char *id,
			      struct error *err)
{
	struct audit_row row;
	enum status status = audit_row_read(store, table, id, &row, err);
	size_t i, j;

	for (i = 0; !status && i < row.count; i++) {
		const struct audit_entry *e = &row.entries[i];

		for (j = 0; !status && j < e->count; j++) {
			const struct audit_value *v = &row.values[e->first + j];

			status = gather_value(g, e, table, id, v->name, v->old, e->op == AUDIT_DELETE ? NULL : v->new, j);
		}
		if (!status && e->op == AUDIT_DELETE)
			status = gather_value(g, e, table, id, "-", "row", NULL, j);
	}
	audit_row_clear(&row);
	return status == STATUS_ERR_NOMEM ? error_set(err, status, _("out of memory")) : status;
}

static const struct gathered *sorting;

static int by_seq(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct history_row *x = &sorting->rows[i], *y = &sorting->rows[j];

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return sorting->order[i] < sorting->order[j] ? -1 : sorting->order[i] > sorting->order[j];
}

/* The rows oldest first, a record's fields in their order. */
static enum status sort_rows(struct gathered *g, struct history_row **rows)
{
	size_t *index = malloc((g->count ? g->count : 1) * sizeof(*index));
	size_t i;

	if (!index || !(*rows = malloc((g->count ? g->count : 1) * sizeof(**rows)))) {
		free(index);
		return STATUS_ERR_NOMEM;
	}
	for (i = 0; i < g->count; i++)
		index[i] = i;
	sorting = g;
	qsort(index, g->count, sizeof(*index), by_seq);
	sorting = NULL;
	for (i = 0; i < g->count; i++)
		(*rows)[i] = g->rows[index[i]];
	free(index);
	free(g->rows);
	g->rows = NULL;
	return STATUS_OK;
}

enum status store_case_history(struct store *store, const char *key, struct history_row **rows,
			       size_t *count, struct error *err)
{
	struct gathered g = { 0 };
	sqlite3_stmt *stmt;
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
		char *table = strdup((const char *)sqlite3_column_text(stmt, 0));
		char *row_id = strdup((const char *)sqlite3_column_text(stmt, 1));

		status = table && row_id ? gather_row(store, &g, table, row_id, err)
					 : error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		free(table);
		free(row_id);
	}
	sqlite3_reset(stmt);
	if (!status && sort_rows(&g, rows))
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	if (status) {
		history_rows_free(g.rows, g.count);
		*rows = NULL;
	} else {
		*count = g.count;
	}
	free(g.order);
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
