/* The dashboard: cases by level and state, by region, the deadlines of this
 * month and the overdue ones, and how the scenarios of the forms are covered, stage
 * by stage, as bars of block characters. Enter on a bar shows those cases in
 * the list (its filter is set, as with :filter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "listview.h"


struct bar {
	char label[96];     /* heading when command is empty and value < 0 */
	char detail[512];   /* after the count; on a line of its own when value is DETAIL_LINE */
	long value, max;
	char command[96];   /* the list's filter for this bar */
};

/* The bars as they are made. */
struct dashboard {
	struct bar *bars;
	size_t count, capacity;
};

struct dashboard_screen {
	struct listview list; /* first: the engine's; rows are struct bar */
	int label_cells;      /* the widest label, at most 24 cells */
	int columns;          /* the terminal's width the rows were made for */
};

#define DETAIL_LINE (-2)

static int bar_cells(int label_cells)
{
	int cells = (COLS - label_cells - 11) / 2;

	return cells > 30 ? 30 : cells > 4 ? cells : 0;
}

/* Where a bar's detail begins on its line. */
static int detail_x(const struct bar *b, int label_cells)
{
	char count[24];
	int cells = bar_cells(label_cells);

	snprintf(count, sizeof(count), "%ld", b->value);
	return 3 + label_cells + (cells ? cells + 1 : 0) + utf8_width(count) + 2;
}

static const enum action dashboard_hints[] = { ACTION_BACK, ACTION_HELP, ACTION_OPEN, ACTION_DOWN, ACTION_UP,
					       ACTION_NONE };

static struct bar *add(struct dashboard *d)
{
	if (!tui_grow(&d->bars, &d->capacity, d->count, sizeof(*d->bars)))
		return NULL;
	memset(&d->bars[d->count], 0, sizeof(d->bars[0]));
	return &d->bars[d->count++];
}

static void heading(struct dashboard *d, const char *text)
{
	struct bar *b;

	if (d->count && (b = add(d)))
		b->value = -1; /* a blank line */
	if ((b = add(d))) {
		snprintf(b->label, sizeof(b->label), "%s", text);
		b->value = -1;
	}
}

static void bar(struct dashboard *d, const char *label, long value, long max, const char *command)
{
	struct bar *b = add(d);

	if (!b)
		return;
	snprintf(b->label, sizeof(b->label), "%s", label);
	b->value = value;
	b->max = max;
	snprintf(b->command, sizeof(b->command), "%s", command);
}

static void levels(struct tui *tui, struct dashboard *d, const struct dashboard_data *data)
{
	const struct forms *forms = tui->forms;
	long totals[8] = { 0 }, max = 1;
	char command[96];
	size_t i, j;

	/* L10N: dashboard heading */
	heading(d, _("Cases by level and state"));
	for (i = 0; i < forms->level_count && i < 8; i++) {
		for (j = 0; j < data->level_state_count; j++)
			if (!strcmp(data->level_state[j].key, forms->levels[i].key))
				totals[i] += data->level_state[j].count;
		if (totals[i] > max)
			max = totals[i];
	}
	for (i = 0; i < forms->level_count && i < 8; i++) {
		size_t used = 0;
		struct bar *b;

		snprintf(command, sizeof(command), "filter level=%s", forms->levels[i].key);
		bar(d, tui_level_name(tui, forms->levels[i].key), totals[i], max, command);
		b = &d->bars[d->count - 1];
		for (j = 0; j < data->level_state_count && used < sizeof(b->detail); j++)
			if (!strcmp(data->level_state[j].key, forms->levels[i].key))
				used += (size_t)snprintf(b->detail + used, sizeof(b->detail) - used, "%s%s %ld",
							 used ? " · " : "",
							 tui_state_name(tui, forms->levels[i].key, data->level_state[j].sub),
							 data->level_state[j].count);
	}
}

static void regions(struct tui *tui, struct dashboard *d, const struct dashboard_data *data)
{
	char command[96];
	size_t i;

	/* L10N: dashboard heading */
	heading(d, _("Cases by region"));
	for (i = 0; i < data->region_count; i++) {
		snprintf(command, sizeof(command), "filter region=%s", data->regions[i].key);
		bar(d, tui_region_name(tui, data->regions[i].key), data->regions[i].count, data->regions[0].count,
		    command);
	}
}

static void deadlines(struct dashboard *d, const struct dashboard_data *data, struct date today)
{
	long max = data->overdue > data->due_this_month ? data->overdue : data->due_this_month;
	char command[96];

	/* L10N: dashboard heading */
	heading(d, _("Deadlines"));
	snprintf(command, sizeof(command), "filter due=%d",
		 date_days_in_month(today.year, today.month) - today.day);
	/* L10N: dashboard bar: deadlines by the end of this month, overdue ones included */
	bar(d, _("By month's end"), data->due_this_month, max ? max : 1, command);
	/* L10N: dashboard bar */
	bar(d, _("Overdue"), data->overdue, max ? max : 1, "filter overdue");
}

static void coverage(struct tui *tui, struct dashboard *d, const struct dashboard_data *data)
{
	const struct forms *forms = tui->forms;
	long per_stage[16] = { 0 }, max = 1;
	int covered[16] = { 0 }, total[16] = { 0 };
	char command[96];
	size_t i;

	/* L10N: dashboard heading: how many cases declare the scenarios of each stage */
	heading(d, _("Scenarios declared, by stage"));
	for (i = 0; i < forms->scenario_count; i++) {
		const struct scenario *sc = &forms->scenarios[i];
		int stage = sc->stage->order - 1;
		long cases = (size_t)sc->id < data->scenario_slots ? data->scenario_cases[sc->id] : 0;

		if (stage < 0 || stage >= 16)
			continue;
		per_stage[stage] += cases;
		covered[stage] += cases > 0;
		total[stage]++;
	}
	for (i = 0; i < forms->stage_count && i < 16; i++)
		if (per_stage[i] > max)
			max = per_stage[i];
	for (i = 0; i < forms->stage_count && i < 16; i++) {
		struct bar *b;

		snprintf(command, sizeof(command), "filter stage=%s", forms->stages[i].key);
		bar(d, i18n_chinese() ? forms->stages[i].zh : forms->stages[i].en, per_stage[i], max, command);
		b = &d->bars[d->count - 1];
		/* L10N: beside a stage's bar: of its scenarios, how many some case declares */
		snprintf(b->detail, sizeof(b->detail), _("%d of %d scenarios declared"), covered[i], total[i]);
	}
}

/* A detail too long for its bar's line goes on lines of its own below
 * it, cut between its parts (" · "). */
static void wrap_details(struct dashboard *d, const struct bar *b, int label_cells)
{
	const char *part = b->detail, *next;
	struct bar *line = NULL;

	if (detail_x(b, label_cells) + utf8_width(b->detail) <= COLS)
		return;
	d->bars[d->count - 1].detail[0] = '\0';
	for (; part && *part; part = next ? next + strlen(" · ") : NULL) {
		char piece[160];

		next = strstr(part, " · ");
		snprintf(piece, sizeof(piece), "%.*s", (int)(next ? (size_t)(next - part) : strlen(part)), part);
		if (line && utf8_width(line->detail) + 3 + utf8_width(piece) > COLS - 6)
			line = NULL;
		if (!line && (line = add(d)))
			line->value = DETAIL_LINE;
		if (line)
			snprintf(line->detail + strlen(line->detail), sizeof(line->detail) - strlen(line->detail), "%s%s",
				 line->detail[0] ? " · " : "", piece);
	}
}

static enum status load(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	struct dashboard_screen *screen = view->data;
	struct dashboard d = { NULL, 0, 0 }, wrapped = { NULL, 0, 0 };
	struct dashboard_data data;
	size_t i;
	enum status status = store_dashboard(tui->store, store_today(tui->store), &data, err);

	if (status)
		return status;
	levels(tui, &d, &data);
	regions(tui, &d, &data);
	deadlines(&d, &data, store_today(tui->store));
	coverage(tui, &d, &data);
	dashboard_data_free(&data);
	screen->label_cells = 4;
	for (i = 0; i < d.count; i++)
		if (d.bars[i].value >= 0 && utf8_width(d.bars[i].label) > screen->label_cells)
			screen->label_cells = utf8_width(d.bars[i].label) > 24 ? 24 : utf8_width(d.bars[i].label);
	screen->columns = COLS;
	for (i = 0; i < d.count; i++) {
		struct bar *b = add(&wrapped);

		if (b)
			*b = d.bars[i];
		if (b && b->value >= 0)
			wrap_details(&wrapped, &d.bars[i], screen->label_cells);
	}
	free(d.bars);
	*rows = wrapped.bars;
	*count = wrapped.count;
	return STATUS_OK;
}

/* A bar of value/max in cells, in eighths of a cell. */
static void draw_bar(int y, int x, int cells, long value, long max, attr_t attr)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long units = max > 0 ? value * cells * 8 / max : 0;
	int i;

	if (value > 0 && units == 0)
		units = 1;
	for (i = 0; i < units / 8; i++)
		draw_text(y, x + i, "█", 1, attr);
	if (units % 8 && i < cells)
		draw_text(y, x + i, eighths[units % 8], 1, attr);
}

static void draw_line(struct tui *tui, struct view *view, size_t row, int y, bool cursor)
{
	const struct dashboard_screen *d = view->data;
	const struct bar *b = LISTVIEW_ROW(view, struct bar, row);
	attr_t attr = cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;
	int cells = bar_cells(d->label_cells), x = 3 + d->label_cells;
	char count[24];

	if (b->value == DETAIL_LINE) {
		draw_text_cut(y, 6, b->detail, COLS - 6, A_NORMAL);
		return;
	}
	if (b->value < 0) {
		draw_text(y, 1, b->label, COLS - 2, b->label[0] ? draw_colour(tui, COLOUR_HEADER, A_BOLD) : A_NORMAL);
		return;
	}
	draw_fill(y, 0, COLS, attr);
	draw_text_cut(y, 2, b->label, d->label_cells, attr);
	if (cells)
		draw_bar(y, x, cells, b->value, b->max, cursor ? attr : draw_colour(tui, COLOUR_DUE, A_NORMAL));
	snprintf(count, sizeof(count), "%ld", b->value);
	draw_text(y, x + (cells ? cells + 1 : 0), count, 8, attr);
	x = detail_x(b, d->label_cells);
	if (x < COLS)
		draw_text_cut(y, x, b->detail, COLS - x, attr);
}

/* The rows made anew for a terminal of another width, the cursor kept on
 * its bar. */
static void dashboard_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct dashboard_screen *d = view->data;
	char command[96] = "";
	size_t i;

	if (d->columns != COLS) {
		if (d->list.count)
			snprintf(command, sizeof(command), "%s", LISTVIEW_ROW(view, struct bar, d->list.cursor)->command);
		listview_reload(tui, view);
		for (i = 0; i < d->list.count; i++)
			if (!strcmp(LISTVIEW_ROW(view, struct bar, i)->command, command))
				d->list.cursor = i;
	}
	listview_draw(tui, view, top, height);
}

static bool has_filter(struct view *view, size_t row)
{
	return LISTVIEW_ROW(view, struct bar, row)->command[0] != '\0';
}

/* Enter on a bar: back on the list, which takes the bar's filter. */
static void open_bar(struct tui *tui, struct view *view, size_t row)
{
	char command[96];

	if (tui->depth < 2)
		return;
	snprintf(command, sizeof(command), "%s", LISTVIEW_ROW(view, struct bar, row)->command);
	tui_pop(tui);
	list_filter(tui, &tui->views[tui->depth - 1], command);
}

static void free_rows(void *rows, size_t count)
{
	(void)count;
	free(rows);
}

static const struct list_ops dashboard_list = {
	.screen_size = sizeof(struct dashboard_screen),
	.load = load, .free_rows = free_rows, .draw_row = draw_line, .selectable = has_filter, .open = open_bar,
	/* L10N: title of the dashboard */
	.title_text = N_("Dashboard"),
};

const struct view_ops dashboard_view_ops = {
	.name = "dashboard", .list = &dashboard_list, .open = listview_open, .draw = dashboard_draw, .key = listview_key,
	.close = listview_close, .title = listview_title, .mouse = listview_mouse, .resume = listview_resume,
	.hints = dashboard_hints,
};
