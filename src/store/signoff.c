/* Sign-off of a check: each inspector signs the SHA-256 of the check's
 * content, recorded through the write path and so in the audit chain. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

/* The content, part by part, in a fixed order; ?1 is the check's id.
 * verify_signatures.c recomputes it with the same queries: change both. */
static const char *const content_sql[] = {
	"SELECT 'check', number, planned_on, forms_hash, draw_seed FROM checks WHERE id = ?1",
	"SELECT 'inspector', login FROM check_inspectors WHERE check_id = ?1 ORDER BY login",
	"SELECT 'scenario', scenario, version, title_zh FROM check_scenarios WHERE check_id = ?1 ORDER BY scenario",
	"SELECT 'item', scenario, item, kind, weight, required, evidence_required, text FROM check_items"
	" WHERE check_id = ?1 ORDER BY scenario, item",
	"SELECT 'answer', scenario, item, value, note FROM answers WHERE check_id = ?1 ORDER BY scenario, item",
	"SELECT 'evidence', v.scenario, v.item, a.sha256, a.name FROM evidence v JOIN attachments a"
	" ON a.id = v.attachment_id WHERE v.check_id = ?1 AND v.finding_id IS NULL ORDER BY v.scenario, v.item, a.sha256",
	"SELECT 'finding', scenario, item, severity, action, due_on FROM findings WHERE check_id = ?1"
	" ORDER BY scenario, item, created_at",
};

static enum status content_hash(struct store *store, const char *id, char hash[65], struct error *err)
{
	return store_hash_queries(store, content_sql, sizeof(content_sql) / sizeof(content_sql[0]), id, hash, err);
}

enum status check_content_hash(struct store *store, const char *key, char hash[65], struct error *err)
{
	char id[33];
	enum status status = check_resolve(store, key, id, err);

	return status ? status : content_hash(store, id, hash, err);
}

/* Whether the user is an inspector of the check and has signed it, how
 * many inspectors have not signed, and the first unanswered required item. */
struct sign_state {
	bool inspector, signed_already;
	int unsigned_count;
	int scenario, item; /* 0: every required item is answered */
};

static enum status sign_state(struct store *store, const char *id, struct sign_state *out, struct error *err)
{
	static const char *const sql =
		"SELECT EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = ?1 AND login = ?2),"
		" EXISTS (SELECT 1 FROM signatures WHERE check_id = ?1 AND login = ?2),"
		" (SELECT count(*) FROM check_inspectors i WHERE i.check_id = ?1 AND NOT EXISTS"
		"   (SELECT 1 FROM signatures s WHERE s.check_id = ?1 AND s.login = i.login)),"
		" (SELECT scenario || ' ' || item FROM check_items t WHERE t.check_id = ?1 AND t.required AND NOT EXISTS"
		"   (SELECT 1 FROM answers a WHERE a.check_id = ?1 AND a.scenario = t.scenario AND a.item = t.item"
		"    AND a.value IS NOT NULL) ORDER BY scenario, item LIMIT 1)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, store_actor(store), -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *first = sqlite3_column_text(stmt, 3);

		out->inspector = sqlite3_column_int(stmt, 0);
		out->signed_already = sqlite3_column_int(stmt, 1);
		out->unsigned_count = sqlite3_column_int(stmt, 2);
		if (first)
			sscanf((const char *)first, "%d %d", &out->scenario, &out->item);
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("signing a check"));
}

static enum status sign(struct store *store, const char *id, char hash[65], struct error *err)
{
	char row[33], now[STORE_TIMESTAMP_SIZE], number[48];
	struct sign_state st;
	enum status status = sign_state(store, id, &st, err);

	if (status)
		return status;
	if (!st.inspector)
		return error_set(err, STATUS_ERR_DENIED, _("%s is not an inspector of check %s: only its inspectors sign"),
				 store_actor(store), store_check_number(store, id, number));
	if ((status = authority_check(store, AUTHORITY_CHECK_SIGN, id, err)))
		return status;
	if (st.signed_already)
		return error_set(err, STATUS_ERR_INVALID, _("%s has already signed check %s"), store_actor(store),
				 store_check_number(store, id, number));
	if (st.scenario)
		return error_set(err, STATUS_ERR_INVALID,
				 _("scenario %d item %d is required and has no answer: answer every required item first"),
				 st.scenario, st.item);
	if ((status = content_hash(store, id, hash, err)) || (status = store_new_id(row)))
		return status;
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "check_id", id }, { "login", store_actor(store) }, { "signed_at", now }, { "hash", hash },
		};
		status = store_insert(store, "signatures", row, fields, 4, err);
	}
	return status ? status
		      : store_update(store, "checks", id, "status", st.unsigned_count > 1 ? "signing" : "signed", err);
}

enum status check_sign(struct store *store, const char *key, char hash[65], struct error *err)
{
	char id[33];
	enum status status = check_resolve(store, key, id, err);

	if (status || (status = store_begin(store, err)))
		return status;
	status = sign(store, id, hash, err);
	return store_finish(store, status, err);
}
