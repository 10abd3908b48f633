/* Reading a panel whole: members with their scores, notes, the opinion and
 * its rectification items; and the panels of a case. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static const char *const head_sql =
	"SELECT p.id, p.number, c.number, p.purpose, p.meeting_on, p.status, e.name, c.level, p.opinion,"
	" p.opinion_text, p.score, p.signed_by, p.signed_at, p.hash, p.step FROM panels p"
	" JOIN cases c ON c.id = p.case_id JOIN factories f ON f.id = c.factory_id"
	" JOIN enterprises e ON e.id = f.enterprise_id WHERE p.id = ?1";
static const char *const members_sql =
	"SELECT e.code, e.name, e.affiliation, m.score, e.id = p.chair_id FROM panel_members m"
	" JOIN experts e ON e.id = m.expert_id JOIN panels p ON p.id = m.panel_id WHERE m.panel_id = ?1 ORDER BY e.code";
static const char *const notes_sql =
	"SELECT e.code, n.scenario, n.criterion, n.note FROM panel_notes n JOIN experts e ON e.id = n.expert_id"
	" WHERE n.panel_id = ?1 ORDER BY e.code, n.scenario, n.criterion";
static const char *const findings_sql =
	"SELECT id, item, due_on, status, action FROM findings WHERE panel_id = ?1 ORDER BY item";

static void copy(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	snprintf(out, size, "%s", text ? (const char *)text : "");
}

static enum status head_row(struct panel_view *v, sqlite3_stmt *stmt)
{
	enum status status = STATUS_OK;

	copy(stmt, 0, v->id, sizeof(v->id));
	copy(stmt, 1, v->number, sizeof(v->number));
	copy(stmt, 2, v->case_number, sizeof(v->case_number));
	copy(stmt, 3, v->purpose, sizeof(v->purpose));
	copy(stmt, 4, v->meeting_on, sizeof(v->meeting_on));
	copy(stmt, 5, v->status, sizeof(v->status));
	v->enterprise = store_column_dup(stmt, 6, &status);
	v->level = store_column_dup(stmt, 7, &status);
	v->opinion = store_column_dup(stmt, 8, &status);
	v->opinion_text = store_column_dup(stmt, 9, &status);
	v->score = store_column_dup(stmt, 10, &status);
	v->signed_by = store_column_dup(stmt, 11, &status);
	v->signed_at = store_column_dup(stmt, 12, &status);
	v->hash = store_column_dup(stmt, 13, &status);
	v->step = store_column_dup(stmt, 14, &status);
	return status;
}

static enum status member_row(struct panel_view *v, sqlite3_stmt *stmt)
{
	struct panel_member_row *grown = realloc(v->members, (v->member_count + 1) * sizeof(*grown)), *m;
	enum status status = STATUS_OK;

	if (!grown)
		return STATUS_ERR_NOMEM;
	v->members = grown;
	m = &v->members[v->member_count++];
	memset(m, 0, sizeof(*m));
	copy(stmt, 0, m->code, sizeof(m->code));
	m->name = store_column_dup(stmt, 1, &status);
	m->affiliation = store_column_dup(stmt, 2, &status);
	m->score = store_column_dup(stmt, 3, &status);
	m->chair = sqlite3_column_int(stmt, 4);
	return status;
}

static enum status note_row(struct panel_view *v, sqlite3_stmt *stmt)
{
	struct panel_note_row *grown = realloc(v->notes, (v->note_count + 1) * sizeof(*grown)), *n;
	enum status status = STATUS_OK;

	if (!grown)
		return STATUS_ERR_NOMEM;
	v->notes = grown;
	n = &v->notes[v->note_count++];
	memset(n, 0, sizeof(*n));
	copy(stmt, 0, n->code, sizeof(n->code));
	n->scenario = sqlite3_column_int(stmt, 1);
	n->criterion = store_column_dup(stmt, 2, &status);
	n->note = store_column_dup(stmt, 3, &status);
	return status;
}

static enum status finding_row(struct panel_view *v, sqlite3_stmt *stmt)
{
	struct panel_finding_row *grown = realloc(v->findings, (v->finding_count + 1) * sizeof(*grown)), *f;
	enum status status = STATUS_OK;

	if (!grown)
		return STATUS_ERR_NOMEM;
	v->findings = grown;
	f = &v->findings[v->finding_count++];
	memset(f, 0, sizeof(*f));
	copy(stmt, 0, f->id, sizeof(f->id));
	f->item = sqlite3_column_int(stmt, 1);
	copy(stmt, 2, f->due_on, sizeof(f->due_on));
	copy(stmt, 3, f->status, sizeof(f->status));
	f->action = store_column_dup(stmt, 4, &status);
	return status;
}

static enum status each(struct store *store, const char *sql, const char *key, struct panel_view *v,
			enum status (*row)(struct panel_view *, sqlite3_stmt *), bool *found, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool more;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	while (!(status = store_step(store, stmt, &more, err)) && more) {
		*found = true;
		if ((status = row(v, stmt)))
			break;
	}
	sqlite3_reset(stmt);
	return status;
}

enum status panel_load(struct store *store, const char *key, struct panel_view *v, struct error *err)
{
	bool found = false, any = false;
	enum status status;
	char id[33];

	memset(v, 0, sizeof(*v));
	status = store_resolve(store, STORE_PANEL, key, id, err);
	if (!status)
		status = each(store, head_sql, id, v, head_row, &found, err);
	if (!status && !found)
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no panel '%s' (gradus panel list CASE)"), key);
	if (!status)
		status = each(store, members_sql, v->id, v, member_row, &any, err);
	if (!status)
		status = each(store, notes_sql, v->id, v, note_row, &any, err);
	if (!status)
		status = each(store, findings_sql, v->id, v, finding_row, &any, err);
	if (status)
		panel_view_clear(v);
	return status;
}

void panel_view_clear(struct panel_view *v)
{
	size_t i;

	for (i = 0; i < v->member_count; i++) {
		free(v->members[i].name);
		free(v->members[i].affiliation);
		free(v->members[i].score);
	}
	for (i = 0; i < v->note_count; i++) {
		free(v->notes[i].criterion);
		free(v->notes[i].note);
	}
	for (i = 0; i < v->finding_count; i++)
		free(v->findings[i].action);
	free(v->members);
	free(v->notes);
	free(v->findings);
	free(v->enterprise);
	free(v->level);
	free(v->opinion);
	free(v->opinion_text);
	free(v->score);
	free(v->signed_by);
	free(v->signed_at);
	free(v->hash);
	free(v->step);
	memset(v, 0, sizeof(*v));
}

enum status panel_list(struct store *store, const char *case_key, char (**ids)[33], size_t *count,
		       struct error *err)
{
	static const char *const sql = "SELECT id FROM panels WHERE case_id = ?1 ORDER BY created_at, rowid";
	char id[33];
	enum status status = store_resolve(store, STORE_CASE, case_key, id, err);

	*ids = NULL;
	*count = 0;
	return status ? status : store_ids(store, sql, id, ids, count, err);
}
