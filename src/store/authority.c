/* One authority for every write: the table of who may do what, asked by
 * each command of the store; and the guard the write path runs before
 * every insert, update and delete, which keeps a signed check, a signed
 * panel and a closed case read-only to everyone, whatever path the write
 * comes by (screens, commands, CSV import, bundle replay). */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "authority_private.h"
#include "gradus/forms/forms.h"
#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

struct rule {
	const char *key;
	/* L10N: what a role may not do, after "LOGIN may not" */
	const char *what;
	unsigned roles;
	enum authority_scope scope;
};

#define CLERK_ADMIN (AUTHORITY_CLERK | AUTHORITY_ADMIN)
#define INSPECTOR_ADMIN (AUTHORITY_INSPECTOR | AUTHORITY_ADMIN)
#define SECRETARY_ADMIN (AUTHORITY_SECRETARY | AUTHORITY_ADMIN)
#define OFFICE (AUTHORITY_CLERK | AUTHORITY_SECRETARY | AUTHORITY_ADMIN)

static const struct rule rules[] = {
	[AUTHORITY_CASE_ADD] = { "case.add", N_("take in cases"), CLERK_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_CASE_EDIT] = { "case.edit", N_("edit cases"), CLERK_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_CHECK_PLAN] = { "check.plan", N_("plan checks"), CLERK_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_CHECK_ANSWER] = { "check.answer", N_("write to checks"), INSPECTOR_ADMIN, AUTHORITY_NAMED },
	[AUTHORITY_CHECK_AMEND] = { "check.amend", N_("amend signed checks"), INSPECTOR_ADMIN, AUTHORITY_NAMED },
	[AUTHORITY_CHECK_SIGN] = { "check.sign", N_("sign checks"), INSPECTOR_ADMIN, AUTHORITY_NAMED_ONLY },
	[AUTHORITY_EVIDENCE_ADD] = { "evidence.add", N_("attach evidence"), INSPECTOR_ADMIN, AUTHORITY_NAMED },
	[AUTHORITY_FINDING_CHANGE] = { "finding.change", N_("change findings"), OFFICE, AUTHORITY_OR_NAMED },
	[AUTHORITY_EXPERT_ADD] = { "expert.add", N_("register experts"), OFFICE, AUTHORITY_ANY },
	[AUTHORITY_EXPERT_EDIT] = { "expert.edit", N_("edit experts"), OFFICE, AUTHORITY_ANY },
	[AUTHORITY_PANEL_CONVENE] = { "panel.convene", N_("convene panels"), OFFICE, AUTHORITY_ANY },
	[AUTHORITY_PANEL_RECORD] = { "panel.record", N_("record panels"), SECRETARY_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_PANEL_SIGN] = { "panel.sign", N_("sign a panel's opinion"), SECRETARY_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_CULTIVATION_RECORD] = { "cultivation.record", N_("record a cultivation"), OFFICE, AUTHORITY_ANY },
	[AUTHORITY_USER_ADD] = { "user.add", N_("add users or change roles"), AUTHORITY_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_BUNDLE_OUT] = { "bundle.out", N_("write bundles"), CLERK_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_BUNDLE_IN] = { "bundle.in", N_("apply bundles"), CLERK_ADMIN, AUTHORITY_ANY },
	[AUTHORITY_CONFLICT_RESOLVE] = { "conflict.resolve", N_("resolve conflicts"), CLERK_ADMIN, AUTHORITY_ANY },
};

_Static_assert(sizeof(rules) / sizeof(rules[0]) == AUTHORITY_ACTION_COUNT, "a rule for every action");

/* The roles in the order messages name them, the admin last. */
static const struct {
	const char *role;
	unsigned bit;
	const char *noun;
} roles[] = {
	/* L10N: who an action is for, in "that is for a clerk, a secretary or an admin" */
	{ "clerk", AUTHORITY_CLERK, N_("a clerk") },
	{ "inspector", AUTHORITY_INSPECTOR, N_("an inspector") },
	{ "secretary", AUTHORITY_SECRETARY, N_("a secretary") },
	{ "admin", AUTHORITY_ADMIN, N_("an admin") },
};

static unsigned role_bit(const char *role)
{
	size_t i;

	for (i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].role, role))
			return roles[i].bit;
	return 0;
}

const char *authority_key(enum authority_action action)
{
	return (unsigned)action < AUTHORITY_ACTION_COUNT ? rules[action].key : NULL;
}

unsigned authority_roles(enum authority_action action)
{
	return (unsigned)action < AUTHORITY_ACTION_COUNT ? rules[action].roles : 0;
}

enum authority_scope authority_scope(enum authority_action action)
{
	return (unsigned)action < AUTHORITY_ACTION_COUNT ? rules[action].scope : AUTHORITY_ANY;
}

bool authority_allows(const char *role, enum authority_action action)
{
	return (authority_roles(action) & role_bit(role)) != 0;
}

void authority_use_forms(struct store *store, const struct forms *forms)
{
	store->forms = forms;
	store_stages_sync(store);
	store_dues_sync(store);
}

void authority_exempt(struct store *store, const char *record_id)
{
	snprintf(store->exempt, sizeof(store->exempt), "%s", record_id ? record_id : "");
}

/* "a clerk, a secretary or an admin", from the rule's roles. */
static void who_may(const struct rule *rule, char *out, size_t size)
{
	size_t i, count = 0, n = 0, used = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		count += (rule->roles & roles[i].bit) != 0;
	if (rule->scope == AUTHORITY_OR_NAMED) {
		count++;
		/* L10N: the first of those an action is for: "the check's inspectors, a clerk, ... or an admin" */
		used += (size_t)snprintf(out, size, "%s", _("the check's inspectors"));
		n++;
	}
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]) && used < size; i++) {
		if (!(rule->roles & roles[i].bit))
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 !n ? "" : n + 1 == count ? i18n_context("roles", " or ") : i18n_context("roles", ", "),
					 _(roles[i].noun));
		n++;
	}
}

static enum status refuse_role(struct store *store, const struct rule *rule, struct error *err)
{
	const char *role = store_role(store);
	char who[256];

	who_may(rule, who, sizeof(who));
	/* L10N: the user's login, what is refused ("edit experts"), who may ("a clerk, a secretary or an
	 * admin"), then the user's role */
	return error_set(err, STATUS_ERR_DENIED, _("%s may not %s: that is for %s (%s)"), store_actor(store),
			 _(rule->what), who, *role ? label_role(role) : _("no role in this database"));
}

/* Whether the user is named an inspector of the check. */
static enum status named(struct store *store, const char *check_id, bool *out, struct error *err)
{
	static const char *const sql =
		"SELECT EXISTS (SELECT 1 FROM check_inspectors WHERE check_id = ?1 AND login = ?2)";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	*out = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, check_id ? check_id : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, store_actor(store), -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (!status && row)
		*out = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return status;
}

bool authority_role_may(const char *role, enum authority_action action, bool named)
{
	bool in_role = authority_allows(role, action);

	if ((unsigned)action >= AUTHORITY_ACTION_COUNT)
		return false;
	switch (rules[action].scope) {
	case AUTHORITY_ANY: return in_role;
	case AUTHORITY_OR_NAMED: return in_role || named;
	case AUTHORITY_NAMED_ONLY: return in_role && named;
	case AUTHORITY_NAMED: return in_role && (named || !strcmp(role, "admin"));
	}
	return false;
}

enum status authority_check(struct store *store, enum authority_action action, const char *check_id,
			    struct error *err)
{
	const struct rule *rule;
	bool in_role, is_named = false;
	char number[48];
	enum status status;

	if ((unsigned)action >= AUTHORITY_ACTION_COUNT)
		return error_set(err, STATUS_ERR_INVALID, _("unknown action %d"), (int)action);
	rule = &rules[action];
	in_role = authority_allows(store_role(store), action);
	if (rule->scope == AUTHORITY_ANY || (rule->scope == AUTHORITY_OR_NAMED && in_role))
		return in_role ? STATUS_OK : refuse_role(store, rule, err);
	if ((status = named(store, check_id, &is_named, err)))
		return status;
	if (rule->scope == AUTHORITY_OR_NAMED)
		return is_named ? STATUS_OK : refuse_role(store, rule, err);
	/* Named on the check first (an admin stands in, except to sign); then the role, since named is
	 * not enough once the role is taken away. */
	if (!is_named && (rule->scope == AUTHORITY_NAMED_ONLY || strcmp(store_role(store), "admin")))
		return error_set(err, STATUS_ERR_DENIED, _("%s is not an inspector of check %s"), store_actor(store),
				 store_check_number(store, check_id, number));
	return in_role ? STATUS_OK : refuse_role(store, rule, err);
}

/* ---- the guard of sealed records ---- */

/* How a table's rows are sealed by their owner's state. */
enum seal {
	SEAL_CHECK_ROW,       /* checks: changed until signed, deleted only while planned */
	SEAL_CHECK_SIGNATURE, /* signatures: added until signed, never changed once signing */
	SEAL_CHECK_CONTENT,   /* what the signature covers: only while planned */
	SEAL_AMENDMENT,       /* added after signing; never changed once signing */
	SEAL_FINDING,         /* of a check or a panel: what is signed is frozen; closing stays open */
	SEAL_PANEL_ROW,       /* panels, panel members and notes: only while open */
	SEAL_CASE_ROW,        /* a case and its scenarios: not once closed (a material may still come in) */
};

/* A table's owner: for an update or a delete, the query of row ?1's owner
 * (kind, id, status or state, number, level); for an insert, the field
 * naming it. Evidence of a finding's closing is not the check's content. */
struct sealed_table {
	const char *table;
	enum seal seal;
	const char *row_sql;
	bool exemptible;
};

#define CHECK_OF(t) \
	"SELECT 'check', c.id, c.status, c.number, NULL FROM " t " r JOIN checks c ON c.id = r.check_id WHERE r.id = ?1"
#define PANEL_OF(t) \
	"SELECT 'panel', p.id, p.status, p.number, NULL FROM " t " r JOIN panels p ON p.id = r.panel_id WHERE r.id = ?1"
#define CASE_OF(t) \
	"SELECT 'case', k.id, k.state, k.number, k.level FROM " t " r JOIN cases k ON k.id = r.case_id WHERE r.id = ?1"

static const struct sealed_table sealed_tables[] = {
	{ "checks", SEAL_CHECK_ROW, "SELECT 'check', id, status, number, NULL FROM checks WHERE id = ?1", false },
	{ "signatures", SEAL_CHECK_SIGNATURE, CHECK_OF("signatures"), false },
	{ "answers", SEAL_CHECK_CONTENT, CHECK_OF("answers"), true },
	{ "check_items", SEAL_CHECK_CONTENT, CHECK_OF("check_items"), false },
	{ "check_scenarios", SEAL_CHECK_CONTENT, CHECK_OF("check_scenarios"), false },
	{ "check_inspectors", SEAL_CHECK_CONTENT, CHECK_OF("check_inspectors"), false },
	{ "evidence", SEAL_CHECK_CONTENT,
	  "SELECT 'check', c.id, c.status, c.number, NULL FROM evidence r JOIN checks c ON c.id = r.check_id"
	  " WHERE r.id = ?1 AND r.finding_id IS NULL", false },
	{ "amendments", SEAL_AMENDMENT, CHECK_OF("amendments"), false },
	{ "findings", SEAL_FINDING,
	  "SELECT CASE WHEN c.id IS NOT NULL THEN 'check' ELSE 'panel' END, coalesce(c.id, p.id),"
	  " coalesce(c.status, p.status), coalesce(c.number, p.number), NULL FROM findings r"
	  " LEFT JOIN checks c ON c.id = r.check_id LEFT JOIN panels p ON p.id = r.panel_id"
	  " WHERE r.id = ?1 AND (c.id IS NOT NULL OR p.id IS NOT NULL)", true },
	{ "panels", SEAL_PANEL_ROW, "SELECT 'panel', id, status, number, NULL FROM panels WHERE id = ?1", false },
	{ "panel_members", SEAL_PANEL_ROW, PANEL_OF("panel_members"), false },
	{ "panel_notes", SEAL_PANEL_ROW, PANEL_OF("panel_notes"), false },
	{ "cases", SEAL_CASE_ROW, "SELECT 'case', id, state, number, level FROM cases WHERE id = ?1", true },
	{ "case_scenarios", SEAL_CASE_ROW, CASE_OF("case_scenarios"), false },
};

static const char *const check_owner_sql = "SELECT 'check', id, status, number, NULL FROM checks WHERE id = ?1";
static const char *const panel_owner_sql = "SELECT 'panel', id, status, number, NULL FROM panels WHERE id = ?1";
static const char *const case_owner_sql = "SELECT 'case', id, state, number, level FROM cases WHERE id = ?1";

const char *authority_guard_sql(size_t i)
{
	static const char *const *const owners[] = { &check_owner_sql, &panel_owner_sql, &case_owner_sql };
	size_t tables = sizeof(sealed_tables) / sizeof(sealed_tables[0]);

	if (i < tables)
		return sealed_tables[i].row_sql;
	return i - tables < sizeof(owners) / sizeof(owners[0]) ? *owners[i - tables] : NULL;
}

struct owner {
	char kind[8], id[33], state[32], number[64], level[32];
};

static const char *field_value(const struct field_value *fields, size_t count, const char *name)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(fields[i].name, name))
			return fields[i].value;
	return NULL;
}

/* The owner a new row names: its check, panel or case (NULL: none). */
static const char *insert_owner(const struct sealed_table *t, const struct field_value *fields, size_t count,
				const char **key)
{
	const char *check = field_value(fields, count, "check_id");

	switch (t->seal) {
	case SEAL_CHECK_ROW:
	case SEAL_AMENDMENT:
		return NULL; /* a new check; an amendment is how a signed check changes */
	case SEAL_CHECK_SIGNATURE:
	case SEAL_CHECK_CONTENT:
		if (!strcmp(t->table, "evidence") && field_value(fields, count, "finding_id"))
			return NULL;
		*key = check;
		return check_owner_sql;
	case SEAL_FINDING:
		if (check && *check) {
			*key = check;
			return check_owner_sql;
		}
		*key = field_value(fields, count, "panel_id");
		return panel_owner_sql;
	case SEAL_PANEL_ROW:
		*key = field_value(fields, count, "panel_id");
		return strcmp(t->table, "panels") ? panel_owner_sql : NULL;
	case SEAL_CASE_ROW:
		*key = field_value(fields, count, "case_id");
		return strcmp(t->table, "cases") ? case_owner_sql : NULL;
	}
	return NULL;
}

static void copy_column(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	snprintf(out, size, "%s", text ? (const char *)text : "");
}

static enum status find_owner(struct store *store, const char *sql, const char *key, struct owner *out, bool *found,
			      struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;

	*found = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	status = store_step(store, stmt, found, err);
	if (!status && *found) {
		copy_column(stmt, 0, out->kind, sizeof(out->kind));
		copy_column(stmt, 1, out->id, sizeof(out->id));
		copy_column(stmt, 2, out->state, sizeof(out->state));
		copy_column(stmt, 3, out->number, sizeof(out->number));
		copy_column(stmt, 4, out->level, sizeof(out->level));
	}
	sqlite3_reset(stmt);
	return status;
}

static bool case_closed(const struct store *store, const struct owner *o)
{
	const struct level *level = store->forms ? forms_level(store->forms, o->level) : NULL;
	const struct level_state *state = level ? forms_level_state(level, o->state) : NULL;

	return state && state->final;
}

/* A finding's fields once sealed: closing it is all that is left. */
/* A finding's follow-up: its rectification (action, due date) and its
 * closing, written after the signature (a finding an amendment opens has no
 * action yet); its severity is the signer's judgement and stays. */
static bool closing_field(const char *field)
{
	static const char *const fields[] = { "status", "closed_on", "closed_by", "closing_note", "action", "due_on",
					      NULL };
	size_t i;

	for (i = 0; fields[i]; i++)
		if (!strcmp(fields[i], field))
			return true;
	return false;
}

static bool sealed(const struct store *store, const struct sealed_table *t, const struct owner *o,
		   enum authority_write op, const char *field)
{
	bool planned = !strcmp(o->state, "planned"), signed_ = !strcmp(o->state, "signed");

	switch (t->seal) {
	case SEAL_CHECK_ROW:
		return op == AUTHORITY_DELETE ? !planned : signed_;
	case SEAL_CHECK_SIGNATURE:
		return op == AUTHORITY_INSERT ? signed_ : !planned;
	case SEAL_CHECK_CONTENT:
	case SEAL_AMENDMENT:
		return !planned;
	case SEAL_FINDING:
		if (op == AUTHORITY_UPDATE && closing_field(field))
			return false;
		return !strcmp(o->kind, "check") ? !planned : strcmp(o->state, "open") != 0;
	case SEAL_PANEL_ROW:
		return strcmp(o->state, "open") != 0;
	case SEAL_CASE_ROW:
		return case_closed(store, o);
	}
	return false;
}

static enum status refuse_sealed(const struct store *store, const struct owner *o, struct error *err)
{
	if (!strcmp(o->kind, "check"))
		return error_set(err, STATUS_ERR_SEALED,
				 _("check %s is signed: it is read-only; a correction of an answer is an amendment with "
				   "a reason"), o->number);
	if (!strcmp(o->kind, "panel"))
		return error_set(err, STATUS_ERR_SEALED, _("panel %s is signed: its record is read-only"), o->number);
	/* L10N: the case's number, then the name of its final state (e.g. Withdrawn) */
	return error_set(err, STATUS_ERR_SEALED, _("case %s is closed (%s): its record is read-only"), o->number,
			 label_state(store->forms, o->level, o->state));
}

enum status authority_guard(struct store *store, const char *table, const char *id, enum authority_write op,
			    const struct field_value *fields, size_t count, struct error *err)
{
	const struct sealed_table *t = NULL;
	const char *sql, *key = id;
	struct owner o;
	enum status status;
	bool found;
	size_t i;

	for (i = 0; i < sizeof(sealed_tables) / sizeof(sealed_tables[0]) && !t; i++)
		if (!strcmp(sealed_tables[i].table, table))
			t = &sealed_tables[i];
	if (!t)
		return STATUS_OK;
	sql = op == AUTHORITY_INSERT ? insert_owner(t, fields, count, &key) : t->row_sql;
	if (!sql || !key || !*key)
		return STATUS_OK;
	if ((status = find_owner(store, sql, key, &o, &found, err)) || !found)
		return status;
	if (t->exemptible && *store->exempt && !strcmp(store->exempt, o.id))
		return STATUS_OK;
	if (!sealed(store, t, &o, op, op == AUTHORITY_UPDATE && count ? fields[0].name : ""))
		return STATUS_OK;
	return refuse_sealed(store, &o, err);
}
