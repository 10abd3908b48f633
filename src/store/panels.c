/* Expert panels of a case: convening (members without conflicts, a chair),
 * what the secretary records (notes, scores, the consensus opinion and its
 * rectification items), and the signature that moves the case. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/forms/forms.h"
#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

/* The panel's id, its case's id and level, and its status. */
struct panel_ref {
	char id[33], case_id[33], status[16], purpose[32], meeting_on[11];
	char level[16];
};

static enum status find_panel(struct store *store, const char *key, struct panel_ref *out, struct error *err)
{
	static const char *const sql =
		"SELECT p.id, p.case_id, p.status, p.purpose, p.meeting_on, c.level FROM panels p"
		" JOIN cases c ON c.id = p.case_id WHERE p.id = ?1";
	enum status status = store_resolve(store, STORE_PANEL, key, out->id, err);
	sqlite3_stmt *stmt;
	bool row;

	if (status)
		return status;
	if (!(stmt = store_prepare(store, sql, err)))
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, out->id, -1, SQLITE_TRANSIENT);
	status = store_step(store, stmt, &row, err);
	if (!status && row) {
		snprintf(out->id, sizeof(out->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(out->case_id, sizeof(out->case_id), "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(out->status, sizeof(out->status), "%s", (const char *)sqlite3_column_text(stmt, 2));
		snprintf(out->purpose, sizeof(out->purpose), "%s", (const char *)sqlite3_column_text(stmt, 3));
		snprintf(out->meeting_on, sizeof(out->meeting_on), "%s", (const char *)sqlite3_column_text(stmt, 4));
		snprintf(out->level, sizeof(out->level), "%s", (const char *)sqlite3_column_text(stmt, 5));
	}
	sqlite3_reset(stmt);
	if (!status && !row)
		return error_set(err, STATUS_ERR_NOT_FOUND, _("no panel '%s' (gradus panel list CASE)"), key);
	return status;
}

static enum status open_panel(struct store *store, const char *key, struct panel_ref *out, struct error *err)
{
	enum status status = find_panel(store, key, out, err);

	if (!status && strcmp(out->status, "open"))
		status = error_set(err, STATUS_ERR_DENIED, _("panel %s is signed: its record is read-only"), key);
	return status;
}

/* ---- convening ---- */

static enum status next_number(struct store *store, const struct case_detail *d, char out[48], struct error *err)
{
	static const char *const sql = "SELECT count(*) FROM panels WHERE case_id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, d->row.id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, 48, "%s-P%d", d->row.number, sqlite3_column_int(stmt, 0) + 1);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : store_fail(store, rc, err, _("numbering a panel"));
}

static void add_warning(char warnings[512], const char *warning)
{
	size_t used = strlen(warnings);

	if (*warning && used < 511)
		snprintf(warnings + used, 512 - used, "%s%s", used ? "; " : "", warning);
}

static enum status add_member(struct store *store, const struct forms *forms, const char *panel_id,
			      const struct case_detail *d, const char *key, char *chair_id, const char *chair,
			      char warnings[512], struct error *err)
{
	struct expert_row e;
	char refusal[256], warning[256], row[33];
	enum status status = expert_find(store, key, &e, err);

	if (status)
		return status;
	expert_conflict(forms, &e, d->row.enterprise, d->row.credit_code, d->row.region, refusal, warning);
	if (*refusal)
		status = error_set(err, STATUS_ERR_DENIED, _("not assigned: %s"), refusal);
	add_warning(warnings, warning);
	if (!status && chair && (!strcmp(chair, e.code) || !strcmp(chair, e.name)))
		snprintf(chair_id, 33, "%s", e.id);
	if (!status && !(status = store_new_id(row))) {
		struct field_value fields[] = { { "panel_id", panel_id }, { "expert_id", e.id }, { "score", NULL } };

		status = store_insert(store, "panel_members", row, fields, 3, err);
	}
	expert_row_clear(&e);
	return status;
}

static enum status convene(struct store *store, const struct forms *forms, const struct panel_plan *plan,
			   const struct case_detail *d, char number[48], char warnings[512], struct error *err)
{
	char id[33], on[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE], chair_id[33] = "";
	enum status status = next_number(store, d, number, err);
	size_t i;

	if (status || (status = store_new_id(id)))
		return status;
	date_format(plan->on, on);
	store_timestamp(now);
	{
		struct field_value fields[] = {
			{ "case_id", d->row.id }, { "number", number }, { "purpose", plan->purpose }, { "meeting_on", on },
			{ "status", "open" }, { "created_at", now },
		};
		status = store_insert(store, "panels", id, fields, 6, err);
	}
	for (i = 0; !status && i < plan->member_count; i++)
		status = add_member(store, forms, id, d, plan->members[i], chair_id, plan->chair, warnings, err);
	if (!status && plan->chair && !*chair_id)
		status = error_set(err, STATUS_ERR_INVALID, _("the chair %s is not among the members"), plan->chair);
	if (!status && *chair_id)
		status = store_update(store, "panels", id, "chair_id", chair_id, err);
	return status;
}

enum status panel_plan(struct store *store, const struct forms *forms, const struct panel_plan *plan,
		       char number[48], char warnings[512], struct error *err)
{
	struct case_detail d;
	const struct level *level;
	enum status status = authority_check(store, AUTHORITY_PANEL_CONVENE, NULL, err);

	warnings[0] = '\0';
	if (status)
		return status;
	if (!plan->member_count)
		return error_set(err, STATUS_ERR_INVALID, _("a panel needs at least one member"));
	if ((status = store_case_detail(store, plan->case_key, &d, err)))
		return status;
	level = forms_level(forms, d.row.level);
	if (!level || !forms_level_panel(level, plan->purpose)) {
		char names[256] = "";
		size_t i, used = 0;

		for (i = 0; level && i < level->panel_count && used < sizeof(names); i++)
			/* L10N: a panel purpose: its key (typed to convene it), then its name */
			used += (size_t)snprintf(names + used, sizeof(names) - used, _("%s%s (%s)%s"), i ? _(", ") : "",
						 level->panels[i].key, label_pick(level->panels[i].zh, level->panels[i].en), "");
		status = error_set(err, STATUS_ERR_INVALID, _("purpose '%s': the %s level convenes %s"), plan->purpose,
				   label_level(forms, d.row.level), *names ? names : _("no panels"));
	}
	if (!status && !(status = store_begin(store, err))) {
		status = convene(store, forms, plan, &d, number, warnings, err);
		status = store_finish(store, status, err);
	}
	case_detail_clear(&d);
	return status;
}

/* ---- recording ---- */

static enum status member_of(struct store *store, const char *panel_id, const char *key, char expert_id[33],
			     char member_row[33], struct error *err)
{
	static const char *const sql = "SELECT m.id FROM panel_members m WHERE m.panel_id = ?1 AND m.expert_id = ?2";
	struct expert_row e;
	sqlite3_stmt *stmt;
	enum status status = expert_find(store, key, &e, err);
	int rc;

	if (status)
		return status;
	snprintf(expert_id, 33, "%s", e.id);
	if (!(stmt = store_prepare(store, sql, err))) {
		expert_row_clear(&e);
		return STATUS_ERR_DB;
	}
	sqlite3_bind_text(stmt, 1, panel_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, e.id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(member_row, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		status = error_set(err, STATUS_ERR_INVALID, _("%s (%s) is not a member of this panel"), e.name, e.code);
	else if (rc != SQLITE_ROW)
		status = store_fail(store, rc, err, _("panel members"));
	expert_row_clear(&e);
	return status;
}

static enum status write_note(struct store *store, const char *panel_id, const char *expert_id, int scenario,
			      const char *criterion, const char *note, struct error *err)
{
	static const char *const sql = "SELECT id FROM panel_notes WHERE panel_id = ?1 AND expert_id = ?2"
				       " AND scenario = ?3 AND criterion = ?4";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char row[33], s[8], now[STORE_TIMESTAMP_SIZE];
	enum status status;
	int rc;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, panel_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, expert_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, scenario);
	sqlite3_bind_text(stmt, 4, criterion, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(row, sizeof(row), "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	store_timestamp(now);
	if (rc == SQLITE_ROW) {
		if (!*note)
			return store_delete(store, "panel_notes", row, err);
		status = store_update(store, "panel_notes", row, "note", note, err);
		if (!status)
			status = store_update(store, "panel_notes", row, "written_at", now, err);
		return status;
	}
	if (rc != SQLITE_DONE)
		return store_fail(store, rc, err, _("panel notes"));
	if (!*note || (status = store_new_id(row)))
		return *note ? status : STATUS_OK;
	snprintf(s, sizeof(s), "%d", scenario);
	{
		struct field_value fields[] = {
			{ "panel_id", panel_id }, { "expert_id", expert_id }, { "scenario", s }, { "criterion", criterion },
			{ "note", note }, { "written_by", store_actor(store) }, { "written_at", now },
		};
		return store_insert(store, "panel_notes", row, fields, 7, err);
	}
}

enum status panel_note(struct store *store, const char *panel, const char *expert, int scenario,
		       const char *criterion, const char *note, struct error *err)
{
	struct panel_ref p;
	char expert_id[33], member[33];
	enum status status = authority_check(store, AUTHORITY_PANEL_RECORD, NULL, err);

	if (status)
		return status;
	if (scenario && !(store->forms && forms_scenario_exists(store->forms, scenario)))
		/* L10N: %zu is the number of scenarios of the forms folder (the 2025 guide has forty) */
		return error_set(err, STATUS_ERR_INVALID, _("scenario %d: expected 1 to %zu, or 0 for the case as a whole"),
				 scenario, store_scenario_count(store));
	if (!criterion || !*criterion)
		return error_set(err, STATUS_ERR_INVALID, _("a note needs a criterion (评审要点), e.g. 应用成效"));
	if ((status = store_begin(store, err)))
		return status;
	status = open_panel(store, panel, &p, err);
	if (!status)
		status = member_of(store, p.id, expert, expert_id, member, err);
	if (!status)
		status = write_note(store, p.id, expert_id, scenario, criterion, note ? note : "", err);
	return store_finish(store, status, err);
}

enum status panel_member_score(struct store *store, const char *panel, const char *expert, double score,
			       struct error *err)
{
	struct panel_ref p;
	char expert_id[33], member[33], text[16];
	enum status status = authority_check(store, AUTHORITY_PANEL_RECORD, NULL, err);

	if (status)
		return status;
	if (!(score >= 0 && score <= 100))
		return error_set(err, STATUS_ERR_INVALID, _("score %g: expected 0 to 100"), score);
	snprintf(text, sizeof(text), "%.1f", score);
	if ((status = store_begin(store, err)))
		return status;
	status = open_panel(store, panel, &p, err);
	if (!status)
		status = member_of(store, p.id, expert, expert_id, member, err);
	if (!status)
		status = store_update(store, "panel_members", member, "score", text, err);
	return store_finish(store, status, err);
}

/* An item given no due date (all zeros) is due PANEL_ITEM_DAYS after today. */
static struct date item_due(struct store *store, struct date due)
{
	if (!due.year && !due.month && !due.day)
		return date_add_days(store_today(store), PANEL_ITEM_DAYS);
	return due;
}

/* The panel's open rectification findings are replaced by the new items. */
static enum status replace_items(struct store *store, const struct panel_ref *p, const struct panel_item *items,
				 size_t count, struct error *err)
{
	static const char *const sql = "SELECT id FROM findings WHERE panel_id = ?1 ORDER BY item";
	char (*old)[33] = NULL, row[33], n[24], due[DATE_TEXT_SIZE], now[STORE_TIMESTAMP_SIZE];
	struct date day;
	size_t old_count = 0, i;
	enum status status = store_ids(store, sql, p->id, &old, &old_count, err);

	for (i = 0; !status && i < old_count; i++)
		status = store_delete(store, "findings", old[i], err);
	free(old);
	store_timestamp(now);
	for (i = 0; !status && i < count; i++) {
		if (!items[i].text || !*items[i].text) {
			status = error_set(err, STATUS_ERR_INVALID, _("rectification item %zu has no text"), i + 1);
			break;
		}
		snprintf(n, sizeof(n), "%zu", i + 1);
		day = item_due(store, items[i].due);
		date_format(day, due);
		if (!date_is_valid(day)) {
			/* L10N: a rectification item's due date that is not a day: its number, the date */
			status = error_set(err, STATUS_ERR_INVALID, _("rectification item %zu: due %s: expected YYYY-MM-DD"),
					   i + 1, due);
			break;
		}
		if (!(status = store_new_id(row))) {
			struct field_value fields[] = {
				{ "panel_id", p->id }, { "case_id", p->case_id }, { "scenario", "0" }, { "item", n },
				{ "severity", "major" }, { "action", items[i].text }, { "due_on", due },
				{ "status", "open" }, { "created_at", now },
			};
			status = store_insert(store, "findings", row, fields, 9, err);
		}
	}
	return status;
}

/* The step an opinion takes on this panel; NULL when the panel knows no
 * such opinion (a review is passed or failed, never passed after rectification). */
static const char *opinion_step_key(const struct level_panel *lp, const char *opinion)
{
	return !strcmp(opinion, "pass") ? lp->pass : !strcmp(opinion, "fail") ? lp->fail : lp->rectify;
}

static enum status refuse_no_rectify(const struct level_panel *lp, struct error *err)
{
	/* L10N: an opinion refused: the panel's name; rectify is the opinion's word */
	return error_set(err, STATUS_ERR_INVALID, _("panel '%s' knows no pass after rectification (rectify): its opinion is "
			 "pass or fail"), label_pick(lp->zh, lp->en));
}

/* The opinion is one the panel's level file gives it a step for. */
static enum status opinion_known(const struct forms *forms, const struct panel_ref *p, const char *opinion,
				 struct error *err)
{
	const struct level *level = forms ? forms_level(forms, p->level) : NULL;
	const struct level_panel *lp = level ? forms_level_panel(level, p->purpose) : NULL;

	if (!lp || opinion_step_key(lp, opinion))
		return STATUS_OK;
	return refuse_no_rectify(lp, err);
}

enum status panel_opinion(struct store *store, const struct forms *forms, const char *panel, const char *opinion,
			  const char *text, const struct panel_item *items, size_t item_count, struct error *err)
{
	struct panel_ref p;
	enum status status = authority_check(store, AUTHORITY_PANEL_RECORD, NULL, err);

	if (status)
		return status;
	if (!opinion || (strcmp(opinion, "pass") && strcmp(opinion, "fail") && strcmp(opinion, "rectify")))
		return error_set(err, STATUS_ERR_INVALID, _("opinion '%s': expected pass, fail or rectify (pass after "
				 "rectification)"), opinion ? opinion : "");
	if (!text || !*text)
		return error_set(err, STATUS_ERR_INVALID, _("the consensus opinion needs its text (专家组意见)"));
	if (!strcmp(opinion, "rectify") && !item_count)
		return error_set(err, STATUS_ERR_INVALID,
				 _("pass after rectification needs at least one rectification item"));
	if ((status = store_begin(store, err)))
		return status;
	status = open_panel(store, panel, &p, err);
	if (!status)
		status = opinion_known(forms, &p, opinion, err);
	if (!status)
		status = store_update(store, "panels", p.id, "opinion", opinion, err);
	if (!status)
		status = store_update(store, "panels", p.id, "opinion_text", text, err);
	if (!status)
		status = replace_items(store, &p, items, item_count, err);
	return store_finish(store, status, err);
}

/* ---- signing ---- */

/* verify_signatures.c recomputes the content with the same queries: change both. */
static const char *const content_sql[] = {
	"SELECT 'panel', p.number, p.purpose, p.meeting_on, p.opinion, p.opinion_text, e.code FROM panels p"
	" LEFT JOIN experts e ON e.id = p.chair_id WHERE p.id = ?1",
	"SELECT 'member', e.code, e.name, m.score FROM panel_members m JOIN experts e ON e.id = m.expert_id"
	" WHERE m.panel_id = ?1 ORDER BY e.code",
	"SELECT 'note', e.code, n.scenario, n.criterion, n.note FROM panel_notes n JOIN experts e ON e.id = n.expert_id"
	" WHERE n.panel_id = ?1 ORDER BY e.code, n.scenario, n.criterion",
	"SELECT 'item', item, action, due_on FROM findings WHERE panel_id = ?1 ORDER BY item",
};

static enum status content_hash(struct store *store, const char *id, char hash[65], struct error *err)
{
	return store_hash_queries(store, content_sql, sizeof(content_sql) / sizeof(content_sql[0]), id, hash, err);
}

/* The members' scores; refused while one has not scored. */
static enum status scores_of(struct store *store, const char *panel_id, double *scores, size_t *count,
			     struct error *err)
{
	static const char *const sql = "SELECT e.name, e.code, m.score FROM panel_members m JOIN experts e"
				       " ON e.id = m.expert_id WHERE m.panel_id = ?1 ORDER BY e.code";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool row;

	*count = 0;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, panel_id, -1, SQLITE_STATIC);
	while (*count < 64 && !status && !(status = store_step(store, stmt, &row, err)) && row) {
		if (sqlite3_column_type(stmt, 2) == SQLITE_NULL)
			status = error_set(err, STATUS_ERR_INVALID, _("%s (%s) has not scored yet"),
					   (const char *)sqlite3_column_text(stmt, 0),
					   (const char *)sqlite3_column_text(stmt, 1));
		else
			scores[(*count)++] = sqlite3_column_double(stmt, 2);
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status opinion_of(struct store *store, const char *panel_id, char opinion[16], struct error *err)
{
	static const char *const sql = "SELECT opinion FROM panels WHERE id = ?1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool row;

	opinion[0] = '\0';
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, panel_id, -1, SQLITE_STATIC);
	status = store_step(store, stmt, &row, err);
	if (row && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		snprintf(opinion, 16, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (status)
		return status;
	return *opinion ? STATUS_OK
			: error_set(err, STATUS_ERR_INVALID,
				    _("the panel has no consensus opinion yet (gradus panel opinion)"));
}

/* Refused while a member conflicts with the applicant as the registry now
 * stands: a conflict declared, or an affiliation changed, since convening. */
static enum status members_without_conflict(struct store *store, const struct panel_ref *p, struct error *err)
{
	static const char *const sql = "SELECT e.code FROM panel_members m JOIN experts e ON e.id = m.expert_id"
				       " WHERE m.panel_id = ?1 ORDER BY e.code";
	char (*codes)[33] = NULL, refusal[256], warning[256];
	struct case_detail d;
	struct expert_row e;
	size_t count = 0, i;
	enum status status = store_ids(store, sql, p->id, &codes, &count, err);

	if (status)
		return status;
	if ((status = store_case_detail(store, p->case_id, &d, err))) {
		free(codes);
		return status;
	}
	for (i = 0; !status && i < count; i++) {
		if ((status = expert_find(store, codes[i], &e, err)))
			break;
		expert_conflict(NULL, &e, d.row.enterprise, d.row.credit_code, d.row.region, refusal, warning);
		if (*refusal)
			/* L10N: why a panel's opinion is not signed: a member's conflict of interest */
			status = error_set(err, STATUS_ERR_DENIED, _("not signed: %s; convene another panel without them"),
					   refusal);
		expert_row_clear(&e);
	}
	case_detail_clear(&d);
	free(codes);
	return status;
}

static enum status sign(struct store *store, const struct forms *forms, const struct panel_ref *p, char hash[65],
			struct error *err)
{
	const struct level *level = forms_level(forms, p->level);
	const struct level_panel *lp = level ? forms_level_panel(level, p->purpose) : NULL;
	char opinion[16], score_text[16], now[STORE_TIMESTAMP_SIZE], note[192];
	double scores[64], score = 0;
	size_t count = 0;
	const char *step;
	struct date on;
	enum status status = members_without_conflict(store, p, err);

	if (!status)
		status = opinion_of(store, p->id, opinion, err);
	if (!status && !lp)
		status = error_set(err, STATUS_ERR_FORMS, _("the forms no longer have panel '%s' for level %s"), p->purpose,
				   p->level);
	if (!status)
		status = scores_of(store, p->id, scores, &count, err);
	if (!status)
		status = panel_score(scores, count, level->panel_trimmed_mean ? PANEL_TRIMMED_MEAN : PANEL_MEAN, &score,
				     err);
	if (!status && !opinion_step_key(lp, opinion))
		status = refuse_no_rectify(lp, err);
	if (status || (status = content_hash(store, p->id, hash, err)))
		return status;
	step = opinion_step_key(lp, opinion);
	snprintf(score_text, sizeof(score_text), "%.1f", score);
	store_timestamp(now);
	date_parse(p->meeting_on, &on, NULL);
	/* the office's record, in the office's words whatever the user's language */
	snprintf(note, sizeof(note), "%s：%s，评分 %s", lp->zh,
		 !strcmp(opinion, "pass") ? "通过" : !strcmp(opinion, "fail") ? "不通过" : "整改后通过", score_text);
	status = store_update(store, "panels", p->id, "score", score_text, err);
	if (!status)
		status = store_update(store, "panels", p->id, "signed_by", store_actor(store), err);
	if (!status)
		status = store_update(store, "panels", p->id, "signed_at", now, err);
	if (!status)
		status = store_update(store, "panels", p->id, "hash", hash, err);
	if (!status)
		status = store_update(store, "panels", p->id, "step", step, err);
	if (!status)
		status = store_update(store, "panels", p->id, "status", "signed", err);
	if (!status)
		status = case_take_step(store, forms, p->case_id, step, on, note, NULL, err);
	return status;
}

enum status panel_sign(struct store *store, const struct forms *forms, const char *panel, char hash[65],
		       struct error *err)
{
	struct panel_ref p;
	enum status status = authority_check(store, AUTHORITY_PANEL_SIGN, NULL, err);

	if (status || (status = store_begin(store, err)))
		return status;
	status = open_panel(store, panel, &p, err);
	if (!status)
		status = sign(store, forms, &p, hash, err);
	return store_finish(store, status, err);
}
