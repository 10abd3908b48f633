/* The conflicts of applied visit bundles: a field changed both at the office
 * and in the bundle, or a change the office refused (with its reason), both
 * values kept until a person picks one here (o keeps the office's value, b
 * takes the bundle's where the rules allow) or with gradus conflicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/bundle.h"
#include "gradus/text/i18n.h"
#include "listview.h"

static const enum action conflicts_hints[] = { ACTION_KEEP_OFFICE, ACTION_TAKE_BUNDLE, ACTION_BACK, ACTION_HELP,
					       ACTION_NONE };

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	(void)view;
	return conflict_list(tui->store, false, (struct conflict_row **)rows, count, err);
}

static void free_rows(void *rows, size_t count)
{
	conflict_rows_free(rows, count);
}

static const char *or_dash(const char *text) { return text && *text ? text : "—"; }

static const char *cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer, size_t size)
{
	const struct conflict_row *r = LISTVIEW_ROW(view, struct conflict_row, row);

	(void)tui;
	switch (column) {
	case 0:
		snprintf(buffer, size, "%s %s", label_table(r->table), r->label ? r->label : or_dash(r->row_id));
		return buffer;
	case 1:
		/* a row the bundle added or deleted, as a whole */
		if (!strcmp(r->field, "+"))
			return _("(a new record)");
		if (!strcmp(r->field, "-"))
			return _("(record deleted)");
		return label_field(r->table, r->field);
	case 2: return or_dash(r->office);
	case 3: return or_dash(r->bundle);
	default: return r->reason ? r->reason : "";
	}
}

/* L10N: column headings of the conflicts of bundles */
static const struct list_column columns[] = {
	{ N_("Record"), 23, 40, 0, false }, { N_("Field"), 17, 0, 0, false },
	{ N_("Office"), 17, 40, 0, false }, { N_("Bundle"), 18, 40, 0, false },
	/* why the office refused the bundle's change (empty: changed on both sides); from 100 columns */
	{ N_("Reason"), 30, 80, 100, false },
};

static const struct list_ops conflicts_list = {
	.columns = columns, .column_count = 5, .x = 2, .gap = 1,
	.load = load, .free_rows = free_rows, .cell = cell,
	/* L10N: title of the conflicts of bundles */
	.title_text = N_("Conflicts of visit bundles"),
	/* L10N: no conflict is open */
	.empty_text = N_("No open conflict: every bundle applied cleanly, or all are settled."),
};

static void resolve(struct tui *tui, struct view *view, bool take_bundle)
{
	struct listview *list = view->data;
	struct error err = { "" };
	char id[64];

	if (!list->count)
		return;
	snprintf(id, sizeof(id), "%s", LISTVIEW_ROW(view, struct conflict_row, list->cursor)->id);
	if (conflict_resolve(tui->store, id, take_bundle, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	/* L10N: after a conflict was settled: whose value was kept */
	tui_say(tui, false, "%s", take_bundle ? _("The bundle's value is written") : _("The office's value is kept"));
	listview_reload(tui, view);
}

static bool conflicts_key(struct tui *tui, struct view *view, enum action global, int code, wint_t ch)
{
	switch (keymap_action_in(KEYMAP_CONFLICTS, code, ch)) {
	case ACTION_KEEP_OFFICE: resolve(tui, view, false); return true;
	case ACTION_TAKE_BUNDLE: resolve(tui, view, true); return true;
	default: return listview_key(tui, view, global, code, ch);
	}
}

const struct view_ops conflicts_view_ops = LISTVIEW_VIEW_OPS("conflicts", conflicts_list, conflicts_key, conflicts_hints);
