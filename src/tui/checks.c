/* The spot checks of a case: one line each (number, date, status,
 * inspectors, required items answered, score), read anew when the walk or
 * the planning form above closes. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "checks_private.h"
#include "listview.h"
#include "settings.h"

struct checks_screen {
	struct listview list; /* first: the engine's; rows are struct check_view */
	char case_id[33];
};

static const enum action checks_hints[] = { ACTION_OPEN, ACTION_PLAN, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static void free_rows(void *rows, size_t count)
{
	struct check_view *checks = rows;
	size_t i;

	for (i = 0; i < count; i++)
		check_view_clear(&checks[i]);
	free(checks);
}

/* The check the walk was last in, if it is one of these. */
static void cursor_on_remembered(struct checks_screen *s, const struct check_view *checks, size_t count)
{
	size_t i;
	int scenario, item;

	for (i = 0; i < count; i++)
		if (settings_walk_load(checks[i].id, &scenario, &item))
			s->list.cursor = i;
}

/* The first time, the case's title. */
static enum status load_case(struct tui *tui, struct view *view, struct error *err)
{
	struct checks_screen *s = view->data;
	struct case_detail detail;
	enum status status = store_case_detail(tui->store, view->arg, &detail, err);

	if (status)
		return status;
	snprintf(s->case_id, sizeof(s->case_id), "%s", detail.row.id);
	/* L10N: title of a case's spot checks: the case number, the enterprise */
	snprintf(s->list.title, sizeof(s->list.title), _("%s  %s: spot checks"), detail.row.number, detail.row.enterprise);
	case_detail_clear(&detail);
	return STATUS_OK;
}

static enum status load_check(struct tui *tui, const char *id, void *row, struct error *err)
{
	return check_load(tui->store, id, row, err);
}

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	struct checks_screen *s = view->data;
	char (*ids)[33] = NULL;
	size_t found = 0;
	bool first = !s->case_id[0];
	enum status status = first ? load_case(tui, view, err) : STATUS_OK;

	if (!status)
		status = check_list(tui->store, s->case_id, &ids, &found, err);
	if (!status)
		status = listview_load_each(tui, ids, found, sizeof(struct check_view), load_check, free_rows, rows, count, err);
	free(ids);
	if (!status && first)
		cursor_on_remembered(s, *rows, *count);
	return status;
}

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct check_view *v = LISTVIEW_ROW(view, struct check_view, row);
	size_t answered, required;
	struct score score;

	(void)tui;
	switch (column) {
	case 0: return v->number;
	case 1: return v->planned_on;
	case 2: return label_check_status(v->status);
	case 3: return v->inspectors ? v->inspectors : "";
	case 4:
		check_progress(v, 0, &answered, &required);
		snprintf(buffer, size, "%zu%%", required ? answered * 100 / required : 100);
		return buffer;
	default:
		score = check_score_overall(v);
		if (!score.scored)
			return "—";
		snprintf(buffer, size, "%.1f", score.percent);
		return buffer;
	}
}

/* L10N: column headings of a case's spot checks; keep them within 22, 10, 9, 18, 5 and 7 cells */
static const struct list_column columns[] = {
	{ N_("Check"), 22, 0, 0, false }, { N_("Date"), 10, 0, 0, false }, { N_("Status"), 9, 0, 0, false },
	{ N_("Inspectors"), 18, 40, 0, false }, { N_("Done"), 5, 0, 0, true }, { N_("Score"), 7, 0, 0, true },
};

static const struct list_ops checks_list = {
	.screen_size = sizeof(struct checks_screen),
	.columns = columns, .column_count = 6, .x = 2, .gap = 1, .follow_new = true,
	.load = load, .free_rows = free_rows, .cell = cell, .opens = &walk_view_ops, .row_size = sizeof(struct check_view), .arg_at = offsetof(struct check_view, id),
	.scope = KEYMAP_CHECKS, .create = ACTION_PLAN, .creates = &plan_view_ops,
	/* L10N: a case without spot checks */
	.empty_text = N_("No spot check yet: n plans one."),
};

const struct view_ops checks_view_ops = LISTVIEW_VIEW_OPS("checks", checks_list, listview_key, checks_hints);
