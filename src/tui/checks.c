/* The spot checks of a case: one line each (number, date, status,
 * inspectors, required items answered, score), read anew when the walk or
 * the planning form above closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/checks.h"
#include "gradus/i18n.h"
#include "gradus/utf8.h"
#include "checks_private.h"
#include "settings.h"

struct checks_screen {
	char case_id[33];
	struct check_view *checks;
	size_t count, cursor, top;
	int rows_y;
	char title[160];
};

static const enum action checks_hints[] = { ACTION_OPEN, ACTION_PLAN, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static void checks_clear(struct checks_screen *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		check_view_clear(&s->checks[i]);
	free(s->checks);
	s->checks = NULL;
	s->count = 0;
}

static enum status load(struct tui *tui, struct checks_screen *s, struct error *err)
{
	char (*ids)[33] = NULL;
	size_t count = 0, i;
	enum status status = check_list(tui->store, s->case_id, &ids, &count, err);

	if (status)
		return status;
	checks_clear(s);
	s->checks = calloc(count ? count : 1, sizeof(*s->checks));
	if (!s->checks)
		status = STATUS_ERR_NOMEM;
	for (i = 0; !status && i < count; i++) {
		status = check_load(tui->store, ids[i], &s->checks[i], err);
		if (!status)
			s->count++;
	}
	free(ids);
	if (s->cursor >= s->count)
		s->cursor = s->count ? s->count - 1 : 0;
	return status;
}

/* The check the walk was last in, if it is one of these. */
static void cursor_on_remembered(struct checks_screen *s)
{
	size_t i;
	int scenario, item;

	for (i = 0; i < s->count; i++)
		if (settings_walk_load(s->checks[i].id, &scenario, &item))
			s->cursor = i;
}

static enum status checks_open(struct tui *tui, struct view *view, struct error *err)
{
	struct checks_screen *s = calloc(1, sizeof(*s));
	struct case_detail detail;
	enum status status;

	if (!s)
		return STATUS_ERR_NOMEM;
	status = store_case_detail(tui->store, view->arg, &detail, err);
	if (status) {
		free(s);
		return status;
	}
	snprintf(s->case_id, sizeof(s->case_id), "%s", detail.row.id);
	/* L10N: title of a case's spot checks: the case number, the enterprise */
	snprintf(s->title, sizeof(s->title), _("%s  %s: spot checks"), detail.row.number, detail.row.enterprise);
	case_detail_clear(&detail);
	status = load(tui, s, err);
	if (status) {
		checks_clear(s);
		free(s);
		return status;
	}
	cursor_on_remembered(s);
	view->data = s;
	return STATUS_OK;
}

const char *check_status_name(const char *status)
{
	/* L10N: the status of a spot check: planned (being walked), some
	 * inspectors signed, all signed */
	if (!strcmp(status, "planned")) return _("planned");
	if (!strcmp(status, "signing")) return _("signing");
	if (!strcmp(status, "signed")) return _("signed");
	return status;
}

/* The columns of the list: where each starts, how wide, right-aligned. */
enum { COL_NUMBER, COL_DATE, COL_STATUS, COL_INSPECTORS, COL_DONE, COL_SCORE, COL_COUNT };
static const struct {
	int x, cells;
	bool right;
} columns[COL_COUNT] = {
	{ 2, 22, false }, { 25, 10, false }, { 36, 9, false }, { 46, 18, false }, { 65, 5, true }, { 71, 7, true },
};

static void draw_columns(int y, const char *const cells[COL_COUNT], attr_t attr)
{
	int c;

	draw_fill(y, 2, COLS - 2, attr);
	for (c = 0; c < COL_COUNT && columns[c].x < COLS; c++) {
		int w = utf8_width(cells[c]), x = columns[c].x;

		if (columns[c].right && w < columns[c].cells)
			x += columns[c].cells - w;
		draw_text(y, x, cells[c], columns[c].cells < COLS - x ? columns[c].cells : COLS - x, attr);
	}
}

static void draw_row(const struct check_view *v, int y, attr_t attr)
{
	size_t answered, required;
	struct score score = check_score_overall(v);
	char percent[16], points[16];
	const char *cells[COL_COUNT];

	check_progress(v, 0, &answered, &required);
	snprintf(percent, sizeof(percent), "%zu%%", required ? answered * 100 / required : 100);
	if (score.scored)
		snprintf(points, sizeof(points), "%.1f", score.percent);
	else
		snprintf(points, sizeof(points), "%s", "—");
	cells[COL_NUMBER] = v->number;
	cells[COL_DATE] = v->planned_on;
	cells[COL_STATUS] = label_check_status(v->status);
	cells[COL_INSPECTORS] = v->inspectors ? v->inspectors : "";
	cells[COL_DONE] = percent;
	cells[COL_SCORE] = points;
	draw_columns(y, cells, attr);
}

static void checks_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct checks_screen *s = view->data;
	/* L10N: column headings of a case's spot checks; keep them within 22, 10, 9, 18, 5 and 7 cells */
	const char *header[COL_COUNT] = { _("Check"), _("Date"), _("Status"), _("Inspectors"), _("Done"), _("Score") };
	size_t i;
	int rows = height - 2;

	draw_columns(top, header, draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (!s->count)
		/* L10N: a case without spot checks */
		draw_text(top + 2, 2, _("No spot check yet: n plans one."), COLS - 2, A_NORMAL);
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (rows > 0 && s->cursor >= s->top + (size_t)rows)
		s->top = s->cursor - (size_t)rows + 1;
	s->rows_y = top + 1;
	for (i = s->top; i < s->count && (int)(i - s->top) < rows; i++) {
		int y = top + 1 + (int)(i - s->top);

		draw_text(y, 0, i == s->cursor ? ">" : " ", 1, A_NORMAL);
		draw_row(&s->checks[i], y, i == s->cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL);
	}
}


static bool checks_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	struct checks_screen *s = view->data;
	enum action action = keymap_action_in(KEYMAP_CHECKS, code, ch);

	(void)global;
	switch (action) {
	case ACTION_PLAN: tui_open(tui, &plan_view_ops, s->case_id); return true;
	case ACTION_OPEN:
		if (s->count)
			tui_open(tui, &walk_view_ops, s->checks[s->cursor].id);
		return true;
	default: return tui_list_move(&s->cursor, s->count, action);
	}
}

static bool checks_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct checks_screen *s = view->data;
	size_t at;

	(void)x;
	if (wheel)
		return false;
	if (tui_list_hit(y, s->rows_y, s->top, s->count, &at)) {
		if (at == s->cursor)
			tui_open(tui, &walk_view_ops, s->checks[at].id);
		else
			s->cursor = at;
	}
	return true;
}

/* Back from the walk or a plan: read anew; a new check gets the cursor. */
static void checks_resume(struct tui *tui, struct view *view)
{
	struct checks_screen *s = view->data;
	struct error err = { "" };
	size_t before = s->count;

	if (load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
	else if (s->count > before)
		s->cursor = s->count - 1;
}

static void checks_close(struct tui *tui, struct view *view)
{
	(void)tui;
	checks_clear(view->data);
	free(view->data);
	view->data = NULL;
}

static const char *checks_title(struct tui *tui, struct view *view)
{
	struct checks_screen *s = view->data;

	(void)tui;
	return s->title;
}

const struct view_ops checks_view_ops = {
	.name = "checks",
	.open = checks_open,
	.draw = checks_draw,
	.key = checks_key,
	.close = checks_close,
	.title = checks_title,
	.mouse = checks_mouse,
	.resume = checks_resume,
	.hints = checks_hints,
};
