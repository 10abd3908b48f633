/* verify: every signature against the content it signed, as it is now.
 *
 * A check's signature is the SHA-256 of its content (signoff.c), a panel's
 * of the panel's (panels.c), made by the same queries as here but for what
 * may rightly change after signing, which is taken back to what it was:
 * an answer amended since (amendments keep the old value and note), a
 * finding's follow-up (its severity, action and due date) and a finding
 * opened or closed by an amendment, an expert's code or name, as the audit
 * rows after the signature say; and a check renumbered when a bundle
 * brought it (its offline number). Whatever else differs was changed. The
 * signature's place in time is its audit row. A bundle's rows came before
 * its chain began (bundle.c) with none: a signature made at the office
 * before the bundle is not checked there (the office holds its history),
 * one made in the bundle is, and an amendment without an audit row counts
 * as before it. */
#include <sqlite3.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "store_private.h"
#include "verify_private.h"

/* The value of a field of a row (the table's alias's id) as of the
 * signature: the old value of the first update or delete after it (the
 * fields audit_fields shows), or what it is now. */
#define AS_OF(tbl, alias, field)                                                                                       \
	"(CASE WHEN EXISTS (SELECT 1 FROM audit_fields WHERE rid = rid_of(" alias ".id) AND tbl = '" tbl "' AND field = '"  \
	field "' AND seq > ?2) THEN (SELECT old FROM audit_fields WHERE rid = rid_of(" alias ".id) AND tbl = '" tbl          \
	"' AND field = '" field "' AND seq > ?2 ORDER BY seq LIMIT 1) ELSE " alias "." field " END)"
/* The same of a row deleted since (verify_gone): the first audit row after
 * the signature, the deletion at the latest, holds it. */
#define GONE(field)                                                                                                    \
	"(SELECT old FROM audit_fields WHERE rid = g.rid AND tbl = 'findings' AND field = '" field               \
	"' AND seq > ?2 ORDER BY seq LIMIT 1)"
/* The audit seq a row was made at (0: before the chain began). */
#define MADE(tbl, alias) "coalesce((SELECT min(seq) FROM audit WHERE rid = rid_of(" alias ".id) AND tbl = '" tbl "'), 0)"

/* ?1 the check, ?2 the signature's audit seq, ?3 the number it signed. */
static const char *const check_sql[] = {
	"SELECT 'check', ?3, planned_on, forms_hash, draw_seed FROM checks WHERE id = ?1",
	"SELECT 'inspector', login FROM check_inspectors WHERE check_id = ?1 ORDER BY login",
	"SELECT 'scenario', scenario, version, title_zh FROM check_scenarios WHERE check_id = ?1 ORDER BY scenario",
	"SELECT 'item', scenario, item, kind, weight, required, evidence_required, text FROM check_items"
	" WHERE check_id = ?1 ORDER BY scenario, item",
	/* an answer as before the first amendment after the signature; one
	 * that an amendment since brought into being was not signed */
	"SELECT 'answer', a.scenario, a.item, CASE WHEN m.id IS NULL THEN a.value ELSE m.old_value END,"
	" CASE WHEN m.id IS NULL THEN a.note ELSE m.old_note END"
	" FROM answers a LEFT JOIN amendments m ON m.id = (SELECT id FROM (SELECT x.id, x.amended_at, x.rowid AS r, "
	MADE("amendments", "x") " AS made FROM amendments x"
	"  WHERE x.check_id = a.check_id AND x.scenario = a.scenario AND x.item = a.item)"
	"  WHERE made > ?2 ORDER BY made, amended_at, r LIMIT 1)"
	" WHERE a.check_id = ?1 AND NOT (m.id IS NOT NULL AND " MADE("answers", "a") " > ?2)"
	" ORDER BY a.scenario, a.item",
	"SELECT 'evidence', v.scenario, v.item, a.sha256, a.name FROM evidence v JOIN attachments a"
	" ON a.id = v.attachment_id WHERE v.check_id = ?1 AND v.finding_id IS NULL ORDER BY v.scenario, v.item, a.sha256",
	"SELECT k, s, i, sev, act, due FROM ("
	" SELECT 'finding' AS k, f.scenario AS s, f.item AS i, " AS_OF("findings", "f", "severity") " AS sev, "
	AS_OF("findings", "f", "action") " AS act, " AS_OF("findings", "f", "due_on") " AS due, f.created_at AS at"
	" FROM findings f WHERE f.check_id = ?1 AND " MADE("findings", "f") " <= ?2"
	" UNION ALL SELECT 'finding', CAST(" GONE("scenario") " AS INTEGER), CAST(" GONE("item") " AS INTEGER), "
	GONE("severity") ", " GONE("action") ", " GONE("due_on") ", " GONE("created_at")
	" FROM temp.verify_gone g WHERE g.check_id = ?1 AND g.seq > ?2 AND g.made <= ?2)"
	" ORDER BY s, i, at",
};

/* ?1 the panel, ?2 its signature's audit seq. */
static const char *const panel_sql[] = {
	"SELECT 'panel', p.number, p.purpose, p.meeting_on, p.opinion, p.opinion_text, " AS_OF("experts", "e", "code")
	" FROM panels p LEFT JOIN experts e ON e.id = p.chair_id WHERE p.id = ?1",
	"SELECT 'member', " AS_OF("experts", "e", "code") " AS code, " AS_OF("experts", "e", "name") ", m.score"
	" FROM panel_members m JOIN experts e ON e.id = m.expert_id WHERE m.panel_id = ?1 ORDER BY code",
	"SELECT 'note', " AS_OF("experts", "e", "code") " AS code, n.scenario, n.criterion, n.note"
	" FROM panel_notes n JOIN experts e ON e.id = n.expert_id WHERE n.panel_id = ?1"
	" ORDER BY code, n.scenario, n.criterion",
	"SELECT 'item', f.item, " AS_OF("findings", "f", "action") ", " AS_OF("findings", "f", "due_on")
	" FROM findings f WHERE f.panel_id = ?1 AND " MADE("findings", "f") " <= ?2 ORDER BY f.item",
};

/* The findings deleted (each with its check and when it was made), once
 * for all signatures. */
static const char *const gone_sql =
	"DROP TABLE IF EXISTS temp.verify_gone;"
	"CREATE TEMP TABLE verify_gone AS SELECT d.row_id, d.rid, d.seq,"
	" (SELECT old FROM audit_fields WHERE rid = d.rid AND tbl = 'findings' AND field = 'check_id'"
	"  AND old IS NOT NULL ORDER BY seq DESC LIMIT 1) AS check_id,"
	" coalesce((SELECT min(seq) FROM audit WHERE rid = d.rid AND tbl = 'findings'), 0) AS made"
	" FROM audit d WHERE d.tbl = 'findings' AND d.op = 2;"
	"CREATE INDEX temp.verify_gone_check ON verify_gone (check_id, seq);";

struct as_signed {
	const char *id, *number;
	sqlite3_int64 seq;
};

static void bind_as_signed(sqlite3_stmt *stmt, const void *context)
{
	const struct as_signed *s = context;

	sqlite3_bind_text(stmt, 1, s->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, s->seq);
	if (sqlite3_bind_parameter_count(stmt) >= 3)
		sqlite3_bind_text(stmt, 3, s->number, -1, SQLITE_STATIC);
}

/* Whether the check's content as signed hashes to hash, under its number
 * or the number it had offline. */
static enum status check_matches(struct verifier *v, struct as_signed *s, const char *offline, const char *hash,
				 bool *same, struct error *err)
{
	enum status status;
	char now[65];

	status = store_hash_queries_with(v->store, check_sql, sizeof(check_sql) / sizeof(check_sql[0]), bind_as_signed,
					 s, now, err);
	*same = !status && !strcmp(now, hash);
	if (!status && !*same && offline) {
		s->number = offline;
		status = store_hash_queries_with(v->store, check_sql, sizeof(check_sql) / sizeof(check_sql[0]),
						 bind_as_signed, s, now, err);
		*same = !status && !strcmp(now, hash);
	}
	return status;
}

static enum status verify_checks(struct verifier *v, struct error *err)
{
	static const char *const sql =
		"SELECT s.check_id, NULL, s.hash, c.number, c.offline_number, s.login,"
		" coalesce((SELECT min(seq) FROM audit WHERE rid = rid_of(s.id) AND tbl = 'signatures'), 0)"
		" FROM signatures s JOIN checks c ON c.id = s.check_id ORDER BY c.number, s.login";
	sqlite3_stmt *stmt;
	enum status status;
	bool row, same;
	int rc = sqlite3_exec(v->store->db, gone_sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	if ((rc = sqlite3_prepare_v2(v->store->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	while (!(status = store_step(v->store, stmt, &row, err)) && row) {
		struct as_signed s = { verify_text(stmt, 0), verify_text(stmt, 3),
				       sqlite3_column_int64(stmt, 6) };

		if (v->bundle && !s.seq)
			continue; /* signed at the office before the bundle: its history stayed there */
		if ((status = check_matches(v, &s, (const char *)sqlite3_column_text(stmt, 4), verify_text(stmt, 2),
					    &same, err)))
			break;
		if (!same)
			/* L10N: verify: a check's signature (check number, inspector's login) no longer matches its content */
			verify_report(v, _("check %s: %s's signature does not match the check's content as it is now: an "
					   "answer, item or finding was changed after signing without an amendment"),
				      verify_text(stmt, 3), verify_text(stmt, 5));
	}
	sqlite3_finalize(stmt);
	sqlite3_exec(v->store->db, "DROP TABLE IF EXISTS temp.verify_gone", NULL, NULL, NULL);
	return status;
}

static enum status verify_panels(struct verifier *v, struct error *err)
{
	static const char *const sql =
		"SELECT p.id, p.number, p.hash,"
		" coalesce((SELECT max(seq) FROM audit_fields WHERE rid = rid_of(p.id) AND tbl = 'panels' AND field = 'hash'),"
		"  (SELECT min(seq) FROM audit WHERE rid = rid_of(p.id) AND tbl = 'panels'), 0)"
		" FROM panels p WHERE p.hash IS NOT NULL ORDER BY p.number";
	sqlite3_stmt *stmt;
	enum status status;
	char now[65];
	bool row;
	int rc = sqlite3_prepare_v2(v->store->db, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return store_fail(v->store, rc, err, _("verifying records"));
	while (!(status = store_step(v->store, stmt, &row, err)) && row) {
		struct as_signed s = { verify_text(stmt, 0), "", sqlite3_column_int64(stmt, 3) };

		if (v->bundle && !s.seq)
			continue;
		if ((status = store_hash_queries_with(v->store, panel_sql, sizeof(panel_sql) / sizeof(panel_sql[0]),
						      bind_as_signed, &s, now, err)))
			break;
		if (strcmp(now, verify_text(stmt, 2)))
			/* L10N: verify: a panel's signed opinion (panel number) no longer matches its content */
			verify_report(v, _("panel %s: the signature does not match the panel's content as it is now"),
				      verify_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	return status;
}

enum status verify_signatures(struct verifier *v, struct error *err)
{
	enum status status = verify_checks(v, err);

	return status ? status : verify_panels(v, err);
}
