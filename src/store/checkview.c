/* Reading a check whole: its plan, its own copy of the checklists, the
 * answers, evidence, findings, signatures and amendments; and the scores
 * and progress the screens and reports show. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

static const char *const head_sql =
	"SELECT k.id, coalesce(k.number, k.id), c.number, k.planned_on, k.status, k.forms_hash, e.name, f.name,"
	" c.level, k.draw_seed, coalesce(k.draw_count, 0),"
	" (SELECT group_concat(login, ',') FROM (SELECT login FROM check_inspectors WHERE check_id = k.id ORDER BY login)),"
	" (SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1), c.expires_on"
	" FROM checks k JOIN cases c ON c.id = k.case_id JOIN factories f ON f.id = c.factory_id"
	" JOIN enterprises e ON e.id = f.enterprise_id WHERE k.id = ?1";
static const char *const stages_sql =
	"SELECT stage, min(stage_order), stage_zh, stage_en FROM check_scenarios WHERE check_id = ?1"
	" GROUP BY stage ORDER BY 2";
static const char *const scenarios_sql =
	"SELECT scenario, coalesce(version, 0), stage, title_zh, title_en, text, activities, problems, technologies,"
	" (SELECT count(*) FROM check_items t WHERE t.check_id = s.check_id AND t.scenario = s.scenario)"
	" FROM check_scenarios s WHERE check_id = ?1 ORDER BY scenario";
static const char *const items_sql =
	"SELECT scenario, item, text, text_en, kind, unit, better, choices, required, evidence, evidence_required,"
	" weight FROM check_items WHERE check_id = ?1 ORDER BY scenario, item";
static const char *const answers_sql =
	"SELECT scenario, item, value, note, answered_by, answered_at FROM answers WHERE check_id = ?1"
	" ORDER BY scenario, item";
static const char *const evidence_sql =
	"SELECT v.scenario, v.item, a.sha256, a.name, a.type, v.added_by, v.added_at, a.size FROM evidence v"
	" JOIN attachments a ON a.id = v.attachment_id WHERE v.check_id = ?1 AND v.finding_id IS NULL"
	" ORDER BY v.scenario, v.item, v.added_at, a.sha256";
static const char *const findings_sql =
	"SELECT f.id, f.scenario, f.item, f.severity, f.status, f.due_on, coalesce(f.closed_on, ''), f.action,"
	" f.closed_by, f.closing_note,"
	" (SELECT a.sha256 FROM evidence v JOIN attachments a ON a.id = v.attachment_id WHERE v.finding_id = f.id"
	"  ORDER BY v.added_at LIMIT 1)"
	" FROM findings f WHERE f.check_id = ?1 ORDER BY f.scenario, f.item, f.created_at";
static const char *const signatures_sql =
	"SELECT login, signed_at, hash FROM signatures WHERE check_id = ?1 ORDER BY signed_at, login";
static const char *const amendments_sql =
	"SELECT scenario, item, old_value, old_note, new_value, new_note, reason, amended_by, amended_at"
	" FROM amendments WHERE check_id = ?1 ORDER BY amended_at, rowid";

static void copy_text(sqlite3_stmt *stmt, int column, char *out, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	snprintf(out, size, "%s", text ? (const char *)text : "");
}

/* Runs a static query on the check's id, calling row() for each row. */
static enum status each_row(struct store *store, const char *sql, struct check_view *v,
			    enum status (*row)(struct check_view *, sqlite3_stmt *), struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status;
	bool more;

	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, v->id, -1, SQLITE_STATIC);
	while (!(status = store_step(store, stmt, &more, err)) && more)
		if ((status = row(v, stmt)))
			break;
	sqlite3_reset(stmt);
	return status;
}

/* One more element at the end of a view's array (a check holds hundreds at
 * most, so growing one by one is cheap enough). */
static void *grow(void *array, size_t count, size_t size)
{
	return realloc(array, (count + 1) * size);
}

#define PUSH(array, count) \
	do { \
		void *grown_ = grow((array), (count), sizeof(*(array))); \
		if (!grown_) \
			return STATUS_ERR_NOMEM; \
		(array) = grown_; \
		memset(&(array)[(count)], 0, sizeof(*(array))); \
	} while (0)

static enum status stage_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct stage *s;
	enum status status = STATUS_OK;

	PUSH(v->stages, v->stage_count);
	s = &v->stages[v->stage_count++];
	s->key = store_column_dup(stmt, 0, &status);
	s->order = sqlite3_column_int(stmt, 1);
	s->zh = store_column_dup(stmt, 2, &status);
	s->en = store_column_dup(stmt, 3, &status);
	return status;
}

static const struct stage *stage_of(const struct check_view *v, const unsigned char *key)
{
	size_t i;

	for (i = 0; key && i < v->stage_count; i++)
		if (!strcmp(v->stages[i].key, (const char *)key))
			return &v->stages[i];
	return v->stage_count ? &v->stages[0] : NULL;
}

static enum status scenario_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct scenario *s;
	size_t items = (size_t)sqlite3_column_int(stmt, 9);
	enum status status = STATUS_OK;

	PUSH(v->scenarios, v->scenario_count);
	s = &v->scenarios[v->scenario_count++];
	s->id = sqlite3_column_int(stmt, 0);
	s->version = sqlite3_column_int(stmt, 1);
	s->stage = stage_of(v, sqlite3_column_text(stmt, 2));
	s->title_zh = store_column_dup(stmt, 3, &status);
	s->title_en = store_column_dup(stmt, 4, &status);
	s->text = store_column_dup(stmt, 5, &status);
	s->activities = store_column_dup(stmt, 6, &status);
	s->problems = store_column_dup(stmt, 7, &status);
	s->technologies = store_column_dup(stmt, 8, &status);
	s->items = items ? calloc(items, sizeof(*s->items)) : NULL;
	return items && !s->items ? STATUS_ERR_NOMEM : status;
}

static enum status split_choices(struct checklist_item *it, const char *choices)
{
	const char *p = choices;

	while (p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char **grown = realloc(it->choices, (it->choice_count + 1) * sizeof(*grown));

		if (!grown)
			return STATUS_ERR_NOMEM;
		it->choices = grown;
		if (!(it->choices[it->choice_count] = strndup(p, n)))
			return STATUS_ERR_NOMEM;
		it->choice_count++;
		p = bar ? bar + 1 : NULL;
	}
	return STATUS_OK;
}

/* A choice item's values as its copy keeps them ("1|0.5|0", see schema.c);
 * none when they are not one number 0..1 for each choice. */
static enum status split_values(struct checklist_item *it, const char *values)
{
	const char *p = values;
	size_t i;
	char *end;

	if (!it->choice_count || !(it->choice_values = calloc(it->choice_count, sizeof(*it->choice_values))))
		return it->choice_count ? STATUS_ERR_NOMEM : STATUS_OK;
	for (i = 0; i < it->choice_count; i++) {
		it->choice_values[i] = strtod(p, &end);
		if (end == p || (*end != (i + 1 < it->choice_count ? '|' : '\0')) ||
		    !(it->choice_values[i] >= 0.0 && it->choice_values[i] <= 1.0))
			break;
		p = end + 1;
	}
	if (i < it->choice_count) {
		free(it->choice_values);
		it->choice_values = NULL;
	}
	return STATUS_OK;
}

static enum status item_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct scenario *s = (struct scenario *)check_scenario(v, sqlite3_column_int(stmt, 0));
	const char *kind = (const char *)sqlite3_column_text(stmt, 4);
	const unsigned char *better = sqlite3_column_text(stmt, 6), *choices = sqlite3_column_text(stmt, 7);
	struct checklist_item *it;
	enum status status = STATUS_OK;

	if (!s || !s->items)
		return STATUS_OK;
	it = &s->items[s->item_count++];
	it->number = sqlite3_column_int(stmt, 1);
	it->text = store_column_dup(stmt, 2, &status);
	it->text_en = store_column_dup(stmt, 3, &status);
	it->kind = !strcmp(kind, "number") ? ITEM_NUMBER : !strcmp(kind, "measure") ? ITEM_MEASURE
		   : !strcmp(kind, "choice") ? ITEM_CHOICE : !strcmp(kind, "text") ? ITEM_TEXT : ITEM_CHECK;
	it->unit = store_column_dup(stmt, 5, &status);
	it->lower_is_better = better && !strcmp((const char *)better, "lower");
	it->required = sqlite3_column_int(stmt, 8);
	it->evidence = store_column_dup(stmt, 9, &status);
	it->evidence_required = sqlite3_column_int(stmt, 10);
	it->weight = sqlite3_column_int(stmt, 11);
	if (!status && choices)
		status = split_choices(it, (const char *)choices);
	if (!status && it->kind == ITEM_CHOICE && better)
		status = split_values(it, (const char *)better);
	return status;
}

static enum status answer_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct check_answer_row *a;
	enum status status = STATUS_OK;

	PUSH(v->answers, v->answer_count);
	a = &v->answers[v->answer_count++];
	a->scenario = sqlite3_column_int(stmt, 0);
	a->item = sqlite3_column_int(stmt, 1);
	a->value = store_column_dup(stmt, 2, &status);
	a->note = store_column_dup(stmt, 3, &status);
	a->answered_by = store_column_dup(stmt, 4, &status);
	a->answered_at = store_column_dup(stmt, 5, &status);
	return status;
}

static enum status evidence_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct check_evidence_row *e;
	enum status status = STATUS_OK;

	PUSH(v->evidence, v->evidence_count);
	e = &v->evidence[v->evidence_count++];
	e->scenario = sqlite3_column_int(stmt, 0);
	e->item = sqlite3_column_int(stmt, 1);
	copy_text(stmt, 2, e->sha256, sizeof(e->sha256));
	e->name = store_column_dup(stmt, 3, &status);
	e->type = store_column_dup(stmt, 4, &status);
	e->added_by = store_column_dup(stmt, 5, &status);
	e->added_at = store_column_dup(stmt, 6, &status);
	e->size = sqlite3_column_int64(stmt, 7);
	return status;
}

static enum status finding_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct check_finding_row *f;
	enum status status = STATUS_OK;

	PUSH(v->findings, v->finding_count);
	f = &v->findings[v->finding_count++];
	copy_text(stmt, 0, f->id, sizeof(f->id));
	f->scenario = sqlite3_column_int(stmt, 1);
	f->item = sqlite3_column_int(stmt, 2);
	copy_text(stmt, 3, f->severity, sizeof(f->severity));
	copy_text(stmt, 4, f->status, sizeof(f->status));
	copy_text(stmt, 5, f->due_on, sizeof(f->due_on));
	copy_text(stmt, 6, f->closed_on, sizeof(f->closed_on));
	f->action = store_column_dup(stmt, 7, &status);
	f->closed_by = store_column_dup(stmt, 8, &status);
	f->closing_note = store_column_dup(stmt, 9, &status);
	f->closing_sha256 = store_column_dup(stmt, 10, &status);
	return status;
}

static enum status signature_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct check_signature_row *s;
	enum status status = STATUS_OK;

	PUSH(v->signatures, v->signature_count);
	s = &v->signatures[v->signature_count++];
	s->login = store_column_dup(stmt, 0, &status);
	s->signed_at = store_column_dup(stmt, 1, &status);
	copy_text(stmt, 2, s->hash, sizeof(s->hash));
	return status;
}

static enum status amendment_row(struct check_view *v, sqlite3_stmt *stmt)
{
	struct check_amendment_row *a;
	enum status status = STATUS_OK;

	PUSH(v->amendments, v->amendment_count);
	a = &v->amendments[v->amendment_count++];
	a->scenario = sqlite3_column_int(stmt, 0);
	a->item = sqlite3_column_int(stmt, 1);
	a->old_value = store_column_dup(stmt, 2, &status);
	a->old_note = store_column_dup(stmt, 3, &status);
	a->new_value = store_column_dup(stmt, 4, &status);
	a->new_note = store_column_dup(stmt, 5, &status);
	a->reason = store_column_dup(stmt, 6, &status);
	a->amended_by = store_column_dup(stmt, 7, &status);
	a->amended_at = store_column_dup(stmt, 8, &status);
	return status;
}

static enum status head_row(struct check_view *v, sqlite3_stmt *stmt)
{
	enum status status = STATUS_OK;

	copy_text(stmt, 0, v->id, sizeof(v->id));
	copy_text(stmt, 1, v->number, sizeof(v->number));
	copy_text(stmt, 2, v->case_number, sizeof(v->case_number));
	copy_text(stmt, 3, v->planned_on, sizeof(v->planned_on));
	copy_text(stmt, 4, v->status, sizeof(v->status));
	copy_text(stmt, 5, v->forms_hash, sizeof(v->forms_hash));
	v->enterprise = store_column_dup(stmt, 6, &status);
	v->factory = store_column_dup(stmt, 7, &status);
	v->level = store_column_dup(stmt, 8, &status);
	v->draw_seed = store_column_dup(stmt, 9, &status);
	v->draw_count = sqlite3_column_int64(stmt, 10);
	v->inspectors = store_column_dup(stmt, 11, &status);
	copy_text(stmt, 12, v->audit_head, sizeof(v->audit_head));
	copy_text(stmt, 13, v->expires_on, sizeof(v->expires_on));
	return status;
}

enum status check_load(struct store *store, const char *key, struct check_view *v, struct error *err)
{
	static const struct {
		const char *const *sql;
		enum status (*row)(struct check_view *, sqlite3_stmt *);
	} parts[] = {
		{ &stages_sql, stage_row }, { &scenarios_sql, scenario_row }, { &items_sql, item_row },
		{ &answers_sql, answer_row }, { &evidence_sql, evidence_row }, { &findings_sql, finding_row },
		{ &signatures_sql, signature_row }, { &amendments_sql, amendment_row },
	};
	enum status status;
	size_t i;

	memset(v, 0, sizeof(*v));
	if ((status = check_resolve(store, key, v->id, err)))
		return status;
	status = each_row(store, head_sql, v, head_row, err);
	for (i = 0; !status && i < sizeof(parts) / sizeof(parts[0]); i++)
		status = each_row(store, *parts[i].sql, v, parts[i].row, err);
	if (status)
		check_view_clear(v);
	return status;
}

static void free_scenario(struct scenario *s)
{
	size_t i, k;

	for (i = 0; i < s->item_count; i++) {
		struct checklist_item *it = &s->items[i];

		free(it->text);
		free(it->text_en);
		free(it->unit);
		free(it->evidence);
		for (k = 0; k < it->choice_count; k++)
			free(it->choices[k]);
		free(it->choices);
		free(it->choice_values);
	}
	free(s->items);
	free(s->title_zh);
	free(s->title_en);
	free(s->text);
	free(s->activities);
	free(s->problems);
	free(s->technologies);
}

static void free_rows(struct check_view *v)
{
	size_t i;

	for (i = 0; i < v->answer_count; i++) {
		free(v->answers[i].value);
		free(v->answers[i].note);
		free(v->answers[i].answered_by);
		free(v->answers[i].answered_at);
	}
	for (i = 0; i < v->evidence_count; i++) {
		free(v->evidence[i].name);
		free(v->evidence[i].type);
		free(v->evidence[i].added_by);
		free(v->evidence[i].added_at);
	}
	for (i = 0; i < v->finding_count; i++) {
		free(v->findings[i].action);
		free(v->findings[i].closed_by);
		free(v->findings[i].closing_note);
		free(v->findings[i].closing_sha256);
	}
	for (i = 0; i < v->signature_count; i++) {
		free(v->signatures[i].login);
		free(v->signatures[i].signed_at);
	}
	for (i = 0; i < v->amendment_count; i++) {
		struct check_amendment_row *a = &v->amendments[i];

		free(a->old_value);
		free(a->old_note);
		free(a->new_value);
		free(a->new_note);
		free(a->reason);
		free(a->amended_by);
		free(a->amended_at);
	}
}

void check_view_clear(struct check_view *v)
{
	size_t i;

	free_rows(v);
	for (i = 0; i < v->scenario_count; i++)
		free_scenario(&v->scenarios[i]);
	for (i = 0; i < v->stage_count; i++) {
		free(v->stages[i].key);
		free(v->stages[i].zh);
		free(v->stages[i].en);
	}
	free(v->scenarios);
	free(v->stages);
	free(v->answers);
	free(v->evidence);
	free(v->findings);
	free(v->signatures);
	free(v->amendments);
	free(v->enterprise);
	free(v->factory);
	free(v->level);
	free(v->draw_seed);
	free(v->inspectors);
	memset(v, 0, sizeof(*v));
}

const struct check_answer_row *check_find(const struct check_view *v, int scenario, int item)
{
	size_t i;

	for (i = 0; i < v->answer_count; i++)
		if (v->answers[i].scenario == scenario && v->answers[i].item == item)
			return &v->answers[i];
	return NULL;
}

const struct scenario *check_scenario(const struct check_view *v, int scenario)
{
	size_t i;

	for (i = 0; i < v->scenario_count; i++)
		if (v->scenarios[i].id == scenario)
			return &v->scenarios[i];
	return NULL;
}

void check_score_item(struct score *score, const struct checklist_item *it, const char *value)
{
	struct measure_change change;
	struct measure m;
	size_t i;

	switch (it->kind) {
	case ITEM_CHECK:
		score_add(score, spotcheck_answer_parse(value), it->weight);
		break;
	case ITEM_MEASURE:
		if (measure_parse(value, &m) && measure_compare(&m, it->lower_is_better, &change))
			score_add_value(score, change.improved ? 1.0 : 0.0, it->weight);
		break;
	case ITEM_CHOICE:
		for (i = 0; it->choice_values && i < it->choice_count; i++)
			if (!strcmp(value, it->choices[i]))
				score_add_value(score, it->choice_values[i], it->weight);
		break;
	default:
		break;
	}
}

struct score check_score_scenario(const struct check_view *v, const struct scenario *s)
{
	struct score score = { 0 };
	size_t i;

	for (i = 0; s && i < s->item_count; i++) {
		const struct checklist_item *it = &s->items[i];
		const struct check_answer_row *a = check_find(v, s->id, it->number);

		if (a && a->value)
			check_score_item(&score, it, a->value);
	}
	score_finish(&score);
	return score;
}

struct score check_score_stage(const struct check_view *v, const char *stage_key)
{
	struct score score = { 0 };
	size_t i;

	for (i = 0; i < v->scenario_count; i++)
		if (!stage_key || (v->scenarios[i].stage && !strcmp(v->scenarios[i].stage->key, stage_key))) {
			struct score one = check_score_scenario(v, &v->scenarios[i]);

			score_merge(&score, &one);
		}
	score_finish(&score);
	return score;
}

struct score check_score_overall(const struct check_view *v)
{
	return check_score_stage(v, NULL);
}

void check_progress(const struct check_view *v, int scenario, size_t *answered, size_t *required)
{
	size_t i, k;

	*answered = *required = 0;
	for (i = 0; i < v->scenario_count; i++) {
		const struct scenario *s = &v->scenarios[i];

		for (k = 0; (!scenario || s->id == scenario) && k < s->item_count; k++) {
			const struct check_answer_row *a = check_find(v, s->id, s->items[k].number);

			if (!s->items[k].required)
				continue;
			(*required)++;
			*answered += a && a->value;
		}
	}
}

bool check_next_unanswered(const struct check_view *v, int scenario, int item, int *next_scenario,
			   int *next_item)
{
	size_t total = 0, start = 0, i, n;

	for (i = 0; i < v->scenario_count; i++)
		for (n = 0; n < v->scenarios[i].item_count; n++, total++)
			if (v->scenarios[i].id == scenario && v->scenarios[i].items[n].number == item)
				start = total + 1;
	for (n = 0; n < total; n++) {
		size_t want = (start + n) % total, seen = 0;

		for (i = 0; i < v->scenario_count; i++) {
			const struct scenario *s = &v->scenarios[i];

			if (want < seen + s->item_count) {
				const struct checklist_item *it = &s->items[want - seen];
				const struct check_answer_row *a = check_find(v, s->id, it->number);

				if (it->required && !(a && a->value)) {
					*next_scenario = s->id;
					*next_item = it->number;
					return true;
				}
				break;
			}
			seen += s->item_count;
		}
	}
	return false;
}
