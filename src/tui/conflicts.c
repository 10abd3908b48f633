/* The conflicts of applied visit bundles: a field changed both at the office
 * and in the bundle, both values kept until a person picks one here (o keeps
 * the office's value, b takes the bundle's) or with gradus conflicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/bundle.h"
#include "gradus/i18n.h"
#include "tui_private.h"

struct conflicts_screen {
	struct conflict_row *rows;
	size_t count, cursor, top;
	int rows_y;
};

static const enum action conflicts_hints[] = { ACTION_KEEP_OFFICE, ACTION_TAKE_BUNDLE, ACTION_BACK, ACTION_HELP,
					       ACTION_NONE };

static enum status load(struct tui *tui, struct conflicts_screen *s, struct error *err)
{
	struct conflict_row *rows = NULL;
	size_t count = 0;
	enum status status = conflict_list(tui->store, false, &rows, &count, err);

	if (status)
		return status;
	conflict_rows_free(s->rows, s->count);
	s->rows = rows;
	s->count = count;
	if (s->cursor >= count)
		s->cursor = count ? count - 1 : 0;
	return STATUS_OK;
}

static enum status conflicts_open(struct tui *tui, struct view *view, struct error *err)
{
	struct conflicts_screen *s = calloc(1, sizeof(*s));
	enum status status;

	if (!s)
		return STATUS_ERR_NOMEM;
	if ((status = load(tui, s, err))) {
		free(s);
		return status;
	}
	view->data = s;
	return STATUS_OK;
}

static const char *or_dash(const char *text) { return text && *text ? text : "—"; }

static void conflicts_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct conflicts_screen *s = view->data;
	/* L10N: column headings of the conflicts of bundles */
	const char *heads[] = { _("Record"), _("Field"), _("Office"), _("Bundle") };
	const int xs[] = { 2, 26, 44, 62 };
	int rows = height - 2, c;
	size_t i;

	for (c = 0; c < 4; c++)
		draw_text(top, xs[c], heads[c], (c < 3 ? xs[c + 1] - 1 : COLS) - xs[c], draw_colour(tui, COLOUR_HEADER, A_BOLD));
	if (!s->count)
		/* L10N: no conflict is open */
		draw_text(top + 2, 2, _("No open conflict: every bundle applied cleanly, or all are settled."), COLS - 2,
			  A_NORMAL);
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (rows > 0 && s->cursor >= s->top + (size_t)rows)
		s->top = s->cursor - (size_t)rows + 1;
	s->rows_y = top + 1;
	for (i = s->top; i < s->count && (int)(i - s->top) < rows; i++) {
		const struct conflict_row *r = &s->rows[i];
		int y = top + 1 + (int)(i - s->top);
		attr_t attr = i == s->cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
		char record[160], field[96];
		const char *cols[4];

		snprintf(record, sizeof(record), "%s %s", label_table(r->table), r->label ? r->label : or_dash(r->row_id));
		snprintf(field, sizeof(field), "%s", label_field(r->table, r->field));
		cols[0] = record;
		cols[1] = field;
		cols[2] = or_dash(r->office);
		cols[3] = or_dash(r->bundle);
		draw_fill(y, 2, COLS - 2, attr);
		draw_text(y, 0, i == s->cursor ? ">" : " ", 1, A_NORMAL);
		for (c = 0; c < 4; c++)
			draw_text(y, xs[c], cols[c], (c < 3 ? xs[c + 1] - 1 : COLS) - xs[c], attr);
	}
}

static void resolve(struct tui *tui, struct conflicts_screen *s, bool take_bundle)
{
	struct error err = { "" };
	char id[64];

	if (!s->count)
		return;
	snprintf(id, sizeof(id), "%s", s->rows[s->cursor].id);
	if (conflict_resolve(tui->store, id, take_bundle, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	if (load(tui, s, &err))
		tui_say(tui, true, "%s", err.message);
	else
		/* L10N: after a conflict was settled: whose value was kept */
		tui_say(tui, false, "%s", take_bundle ? _("The bundle's value is written") : _("The office's value is kept"));
}

static bool conflicts_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	struct conflicts_screen *s = view->data;
	enum action action = keymap_action_in(KEYMAP_CONFLICTS, code, ch);

	(void)global;
	switch (action) {
	case ACTION_KEEP_OFFICE: resolve(tui, s, false); return true;
	case ACTION_TAKE_BUNDLE: resolve(tui, s, true); return true;
	default: return tui_list_move(&s->cursor, s->count, action);
	}
}

static bool conflicts_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct conflicts_screen *s = view->data;
	size_t at;

	(void)tui;
	(void)x;
	if (wheel)
		return false;
	if (tui_list_hit(y, s->rows_y, s->top, s->count, &at))
		s->cursor = at;
	return true;
}

static void conflicts_close(struct tui *tui, struct view *view)
{
	struct conflicts_screen *s = view->data;

	(void)tui;
	conflict_rows_free(s->rows, s->count);
	free(s);
	view->data = NULL;
}

static const char *conflicts_title(struct tui *tui, struct view *view)
{
	(void)tui;
	(void)view;
	/* L10N: title of the conflicts of bundles */
	return _("Conflicts of visit bundles");
}

const struct view_ops conflicts_view_ops = {
	.name = "conflicts",
	.open = conflicts_open,
	.draw = conflicts_draw,
	.key = conflicts_key,
	.close = conflicts_close,
	.title = conflicts_title,
	.mouse = conflicts_mouse,
	.hints = conflicts_hints,
};
