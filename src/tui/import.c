/* The import screen (:import): a CSV file or a workbook's sheet of cases or
 * experts previewed as a dry run (what would be new, unchanged and changed,
 * field by field, and the fields left as they are), imported when y is
 * pressed, and its batch named; or a refusal naming file, row and column,
 * nothing written. Without a file a form asks for it. The batches (b, or
 * :import batches) list every import; u undoes the one under the cursor,
 * after y. The file is read once: what was previewed is what is imported. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/exchange.h"
#include "gradus/store/exchange_file.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "form.h"
#include "listview.h"

enum import_stage {
	STAGE_ASK,     /* the form asking for the file */
	STAGE_PREVIEW, /* the dry run shown; y imports */
	STAGE_REFUSED, /* the file or a row refused: nothing written */
	STAGE_DONE,    /* imported */
};

enum { ROW_KIND, ROW_FILE, ROW_SHEET, ROW_ENCODING, ROW_PREVIEW };

struct import_screen {
	struct listview list; /* the changes and conflicts of the summary; first */
	enum import_stage stage;
	bool asked;           /* the file came from the form: q goes back to it */
	enum import_kind kind;
	enum csv_encoding encoding;
	char *path, *sheet;
	char *text;           /* the file as CSV text, read for the preview */
	size_t len, warnings;
	struct import_summary summary;
	struct form form;
	char refusal[1024];
	char title[512];
};

static const enum action ask_hints[] = { ACTION_DOWN, ACTION_UP, ACTION_OPEN, ACTION_BACK, ACTION_NONE };
static const enum action preview_hints[] = { ACTION_IMPORT_RUN, ACTION_IMPORT_CANCEL, ACTION_DOWN, ACTION_UP,
					     ACTION_HELP, ACTION_NONE };
static const enum action refused_hints[] = { ACTION_BACK, ACTION_IMPORT_BATCHES, ACTION_HELP, ACTION_NONE };
static const enum action done_hints[] = { ACTION_IMPORT_BATCHES, ACTION_BACK, ACTION_DOWN, ACTION_UP, ACTION_HELP,
					  ACTION_NONE };

static const struct view_ops import_view_ops;
static const struct view_ops batches_view_ops;

/* L10N: a value of a change an import makes that is empty */
static const char *shown(const char *value) { return value && *value ? value : _("(empty)"); }

static bool writes(const struct import_summary *s) { return s->created || s->changed; }

static const char *change_cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer,
			       size_t size)
{
	const struct import_change *c = LISTVIEW_ROW(view, struct import_change, row);

	(void)tui;
	switch (column) {
	case 0: snprintf(buffer, size, "%ld", c->row); return buffer;
	case 1: return c->record ? c->record : "";
	case 2: return c->column ? c->column : "";
	case 3: snprintf(buffer, size, "%s → %s", shown(c->old_value), shown(c->new_value)); return buffer;
	/* L10N: beside a field an import leaves as it is (changed here since it was last imported) */
	default: return c->conflict ? _("kept") : "";
	}
}

static attr_t change_attr(struct tui *tui, struct view *view, size_t row, size_t column, bool cursor)
{
	const struct import_change *c = LISTVIEW_ROW(view, struct import_change, row);
	attr_t base = cursor ? draw_colour(tui, COLOUR_CURSOR, A_REVERSE) : A_NORMAL;

	return c->conflict && column >= 3 ? base | A_BOLD : base;
}

/* The rows are the summary's; the screen frees them. */
static enum status keep_rows(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	struct import_screen *s = view->data;

	(void)tui;
	(void)err;
	*rows = s->summary.changes;
	*count = s->summary.change_count;
	return STATUS_OK;
}

static void rows_kept(void *rows, size_t count)
{
	(void)rows;
	(void)count;
}

/* L10N: column headings of the changes an import makes: the file's row, the case number or expert code, the
   column as the file writes it, the value now → the file's, a field left as it is */
static const struct list_column change_columns[] = {
	{ N_("Row"), 5, 0, 0, true }, { N_("Record"), 16, 0, 0, false }, { N_("Column"), 12, 0, 0, false },
	{ N_("Change"), 30, 80, 0, false }, { N_("Note"), LIST_FIT, 0, 0, false },
};

static const struct list_ops changes_list = {
	.columns = change_columns, .column_count = 5, .x = 2, .gap = 1,
	.load = keep_rows, .free_rows = rows_kept, .cell = change_cell, .attr = change_attr,
	/* L10N: the import screen's list of changes when no record already there changes */
	.empty_text = N_("No record already there changes."),
};

static void set_title(struct import_screen *s)
{
	if (!s->path)
		/* L10N: title of the import screen's form */
		snprintf(s->title, sizeof(s->title), "%s", _("Import a file"));
	else if (s->kind == IMPORT_CASES)
		/* L10N: title of the import screen: the file */
		snprintf(s->title, sizeof(s->title), _("Import cases from %s"), s->path);
	else
		snprintf(s->title, sizeof(s->title), _("Import experts from %s"), s->path);
}

/* The summary's changes as the list's rows. */
static void show_changes(struct import_screen *s)
{
	s->list.rows = s->summary.changes;
	s->list.count = s->summary.change_count;
	s->list.cursor = s->list.top = 0;
}

static void forget(struct import_screen *s)
{
	import_summary_clear(&s->summary);
	show_changes(s);
	free(s->text);
	s->text = NULL;
	s->len = s->warnings = 0;
}

static void refuse(struct import_screen *s, const char *message)
{
	snprintf(s->refusal, sizeof(s->refusal), "%s", message);
	s->stage = STAGE_REFUSED;
}

static void count_warning(void *context, long line, const char *text)
{
	(void)line;
	(void)text;
	((struct import_screen *)context)->warnings++;
}

/* Runs the import on the text read: a dry run (the preview) or for real. */
static enum status run(struct tui *tui, struct import_screen *s, bool dry_run, struct error *err)
{
	struct import_options options = { .dry_run = dry_run, .warn = count_warning, .context = s };

	import_summary_clear(&s->summary);
	show_changes(s);
	s->warnings = 0;
	return import_csv(tui->store, tui->forms, s->kind, s->path, s->text ? s->text : "", s->len, &options,
			  &s->summary, err);
}

/* Reads the file and shows what importing it would do. */
static void preview(struct tui *tui, struct import_screen *s)
{
	struct error err = { "" };

	forget(s);
	set_title(s);
	if (exchange_read_file(s->path, s->encoding, s->sheet, &s->text, &s->len, &err) ||
	    run(tui, s, true, &err)) {
		refuse(s, err.message);
		return;
	}
	s->stage = STAGE_PREVIEW;
	show_changes(s);
}

static void import_now(struct tui *tui, struct import_screen *s)
{
	struct error err = { "" };

	if (run(tui, s, false, &err)) {
		refuse(s, err.message);
		return;
	}
	s->stage = STAGE_DONE;
	show_changes(s);
	if (s->summary.batch)
		/* L10N: after an import: its batch number; keep the keys and the command as they are */
		tui_say(tui, false, _("Imported: import batch %d (b lists the batches; u there undoes it)"),
			s->summary.batch);
	else
		tui_say(tui, false, "%s", _("Nothing was written"));
}

static void set_path(struct import_screen *s, const char *path)
{
	free(s->path);
	s->path = strdup(path);
}

static bool ask_form(struct import_screen *s)
{
	static const char *const encodings[] = { "auto", "utf-8", "gbk", "gb18030" };
	bool ok;
	size_t i;

	form_init(&s->form);
	s->form.pops = false;
	/* L10N: labels of the import screen's form: cases or experts, the file, a workbook's sheet, a CSV file's
	   encoding */
	form_add(&s->form, FORM_PICK_ONE, _("Import"), NULL);
	form_add(&s->form, FORM_TEXT, _("File (CSV or .xlsx)"), NULL);
	form_add(&s->form, FORM_TEXT, _("Sheet (.xlsx; empty: the first)"), NULL);
	form_add(&s->form, FORM_PICK_ONE, _("Encoding (CSV)"), NULL);
	/* L10N: the button of the import screen's form: read the file and show what importing it would do */
	form_add(&s->form, FORM_BUTTON, _("Preview"), NULL);
	ok = form_option(&s->form, ROW_KIND, "cases", _("cases"), s->kind == IMPORT_CASES) &&
	     form_option(&s->form, ROW_KIND, "experts", _("experts"), s->kind == IMPORT_EXPERTS);
	for (i = 0; ok && i < sizeof(encodings) / sizeof(encodings[0]); i++)
		/* L10N: a CSV file's encoding found out from its bytes */
		ok = form_option(&s->form, ROW_ENCODING, encodings[i], i ? encodings[i] : _("auto (UTF-8 or GB18030)"),
				 i == 0);
	s->form.focus = ROW_FILE;
	return ok;
}

static void screen_free(struct import_screen *s)
{
	forget(s);
	form_free(&s->form);
	free(s->path);
	free(s->sheet);
	free(s);
}

/* "cases FILE", "experts FILE", "cases", "experts" or "". */
static enum status parse(struct import_screen *s, const char *args, struct error *err)
{
	size_t word;

	while (*args == ' ')
		args++;
	word = strcspn(args, " ");
	if (word == 5 && !strncmp(args, "cases", 5))
		s->kind = IMPORT_CASES;
	else if (word == 7 && !strncmp(args, "experts", 7))
		s->kind = IMPORT_EXPERTS;
	else if (word)
		/* L10N: a :import command not understood; keep the commands as they are */
		return error_set(err, STATUS_ERR_USAGE, _(":import cases|experts FILE, or :import batches"));
	args += word;
	while (*args == ' ')
		args++;
	if (*args)
		set_path(s, args);
	return *args && !s->path ? STATUS_ERR_NOMEM : STATUS_OK;
}

static enum status import_open(struct tui *tui, struct view *view, struct error *err)
{
	struct import_screen *s = calloc(1, sizeof(*s));
	enum status status;

	if (!s)
		return STATUS_ERR_NOMEM;
	s->list.ops = &changes_list;
	form_init(&s->form);
	if ((status = parse(s, view->arg ? view->arg : "", err))) {
		screen_free(s);
		return status;
	}
	view->data = s;
	view->arg = NULL; /* the command line's text, gone after this */
	if (s->path) {
		preview(tui, s);
		return STATUS_OK;
	}
	form_free(&s->form);
	if (!ask_form(s)) {
		screen_free(s);
		view->data = NULL;
		return STATUS_ERR_NOMEM;
	}
	s->asked = true;
	s->stage = STAGE_ASK;
	set_title(s);
	return STATUS_OK;
}

static void import_close(struct tui *tui, struct view *view)
{
	(void)tui;
	screen_free(view->data);
	view->data = NULL;
}

/* The form's Preview: the file named, read and previewed. */
static void from_form(struct tui *tui, struct import_screen *s)
{
	char *kind = form_value(&s->form, ROW_KIND), *path = form_value(&s->form, ROW_FILE);
	char *sheet = form_value(&s->form, ROW_SHEET), *encoding = form_value(&s->form, ROW_ENCODING);

	if (!kind || !path || !sheet || !encoding) {
		tui_say(tui, true, "%s", status_message(STATUS_ERR_NOMEM));
	} else if (!*path) {
		/* L10N: beside the import form's file when it is empty */
		form_say(&s->form, ROW_FILE, true, "%s", _("the file to import is needed"));
		s->form.focus = ROW_FILE;
	} else {
		s->kind = !strcmp(kind, "experts") ? IMPORT_EXPERTS : IMPORT_CASES;
		if (!csv_encoding_parse(encoding, &s->encoding))
			s->encoding = CSV_AUTO;
		set_path(s, path);
		free(s->sheet);
		s->sheet = *sheet ? strdup(sheet) : NULL;
		if (s->path)
			preview(tui, s);
	}
	free(kind);
	free(path);
	free(sheet);
	free(encoding);
}

/* Back from a preview, a refusal or an import: to the form when the file
 * came from it, else off the screen. */
static void back(struct tui *tui, struct import_screen *s)
{
	if (!s->asked || s->stage == STAGE_DONE) {
		tui_pop(tui); /* frees s */
		return;
	}
	forget(s);
	free(s->path);
	s->path = NULL;
	s->stage = STAGE_ASK;
	set_title(s);
}

static bool ask_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct import_screen *s = view->data;
	size_t pressed;
	bool handled;

	/* Nothing is written here, so leaving asks nothing. */
	if (!s->form.editing && !s->form.picking && (action == ACTION_BACK || action == ACTION_QUIT))
		return false;
	handled = form_key(tui, &s->form, action, code, ch, &pressed);
	if (pressed == ROW_PREVIEW)
		from_form(tui, s);
	return handled;
}

static bool import_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct import_screen *s = view->data;
	enum action own = keymap_action_in(KEYMAP_IMPORT, code, ch);

	if (s->stage == STAGE_ASK)
		return ask_key(tui, view, action, code, ch);
	if (own == ACTION_IMPORT_BATCHES && s->stage != STAGE_PREVIEW) {
		tui_open(tui, &batches_view_ops, NULL);
		return true;
	}
	if (s->stage == STAGE_PREVIEW && own == ACTION_IMPORT_RUN) {
		if (writes(&s->summary))
			import_now(tui, s);
		return true;
	}
	if (own == ACTION_IMPORT_CANCEL || action == ACTION_BACK) {
		if (s->stage == STAGE_PREVIEW)
			/* L10N: the import previewed was not made */
			tui_say(tui, false, "%s", _("Nothing imported"));
		back(tui, s);
		return true;
	}
	return s->stage != STAGE_REFUSED && listview_key(tui, view, action, code, ch);
}

static void counts_line(const struct import_screen *s, char *line, size_t size)
{
	size_t used;

	if (s->kind == IMPORT_CASES)
		/* L10N: the counts of an import's rows: new cases, cases already there and equal, changed */
		used = (size_t)snprintf(line, size, _("Cases: %zu new, %zu unchanged, %zu changed"), s->summary.created,
					s->summary.unchanged, s->summary.changed);
	else
		used = (size_t)snprintf(line, size, _("Experts: %zu new, %zu unchanged, %zu changed"),
					s->summary.created, s->summary.unchanged, s->summary.changed);
	if (used < size && s->summary.conflicts)
		/* L10N: after the counts of an import: fields it leaves as they are (changed here since) */
		used += (size_t)snprintf(line + used, size - used,
					 ngettext("; %zu field left as it is", "; %zu fields left as they are",
						  s->summary.conflicts), s->summary.conflicts);
	if (used < size && s->warnings)
		/* L10N: after the counts of an import: rows with a warning (imported all the same) */
		snprintf(line + used, size - used, ngettext("; %zu warning", "; %zu warnings", s->warnings), s->warnings);
}

/* A message wrapped by display cells from line y; returns the next line. */
static int draw_wrapped(int y, int bottom, const char *text, attr_t attr)
{
	int cells = COLS - 4;

	while (text && *text && y < bottom && cells > 0) {
		size_t n = utf8_wrap(text, cells);
		char *one = strndup(text, n);

		draw_text(y++, 2, one, cells, attr);
		free(one);
		text += n;
		while (*text == ' ')
			text++;
	}
	return y;
}

/* The change under the cursor in full (a conflict with its reason), on the
 * lines from y. */
#define DETAIL_LINES 3

static void draw_detail(const struct import_screen *s, int y)
{
	const struct import_change *c = &s->summary.changes[s->list.cursor];
	char line[2048];
	size_t used;

	/* L10N: a change an import makes, in full: the file's row, the record, the column, old → new */
	used = (size_t)snprintf(line, sizeof(line), _("%ld %s %s: %s → %s"), c->row, c->record ? c->record : "",
				c->column ? c->column : "", shown(c->old_value), shown(c->new_value));
	if (c->conflict && c->reason && used < sizeof(line))
		snprintf(line + used, sizeof(line) - used, "; %s", c->reason);
	draw_wrapped(y, y + DETAIL_LINES, line, A_NORMAL);
}

static void import_draw(struct tui *tui, struct view *view, int top, int height)
{
	struct import_screen *s = view->data;
	attr_t strong = A_BOLD, error = draw_colour(tui, COLOUR_ERROR, A_BOLD);
	char line[512];
	int y = top + 1, bottom = top + height;

	if (s->stage == STAGE_ASK) {
		form_draw(tui, &s->form, top, height);
		return;
	}
	if (s->stage == STAGE_REFUSED) {
		/* L10N: above the reason an import was refused */
		draw_text(y++, 2, _("Refused; nothing was written:"), COLS - 2, error);
		y = draw_wrapped(y, bottom, s->refusal, A_NORMAL) + 1;
		if (y < bottom)
			/* L10N: below the reason an import was refused */
			draw_text(y, 2, s->asked ? _("q: back to the form, to import another file")
						 : _("Correct the file and import it again (:import)"), COLS - 2, A_NORMAL);
		return;
	}
	counts_line(s, line, sizeof(line));
	draw_text(y++, 2, line, COLS - 2, A_NORMAL);
	if (s->stage == STAGE_DONE && s->summary.batch)
		/* L10N: after an import, its batch; keep the keys as they are */
		snprintf(line, sizeof(line), _("Imported as import batch %d: b lists the batches, u there undoes it."),
			 s->summary.batch);
	else if (!writes(&s->summary) && s->summary.conflicts)
		/* L10N: an import whose only differences are fields it leaves as they are */
		snprintf(line, sizeof(line), "%s", _("Nothing to import: the fields that differ are left as they are."));
	else if (s->stage == STAGE_DONE || !writes(&s->summary))
		/* L10N: an import with no row new or changed */
		snprintf(line, sizeof(line), "%s", _("Nothing to import: the database already holds every row."));
	else
		/* L10N: the question of the import screen's preview */
		snprintf(line, sizeof(line), "%s", _("Preview: nothing is written yet. Import? y/n"));
	draw_text(y++, 2, line, COLS - 2, strong);
	y++;
	if (s->list.count && bottom - y > DETAIL_LINES + 5) {
		bottom -= DETAIL_LINES + 1; /* a blank line above it */
		draw_detail(s, bottom + 1);
	}
	if (y < bottom)
		listview_draw(tui, view, y, bottom - y);
}

static const enum action *import_hints(struct tui *tui, struct view *view)
{
	struct import_screen *s = view->data;

	(void)tui;
	switch (s->stage) {
	case STAGE_ASK: return ask_hints;
	case STAGE_PREVIEW: return writes(&s->summary) ? preview_hints : refused_hints;
	case STAGE_REFUSED: return refused_hints;
	default: return done_hints;
	}
}

static const char *import_title(struct tui *tui, struct view *view)
{
	(void)tui;
	return ((struct import_screen *)view->data)->title;
}

static bool import_mouse(struct tui *tui, struct view *view, int y, int x, int wheel)
{
	struct import_screen *s = view->data;

	if (s->stage == STAGE_PREVIEW || s->stage == STAGE_DONE)
		return listview_mouse(tui, view, y, x, wheel);
	return !wheel;
}

static const struct view_ops import_view_ops = {
	.name = "import",
	.open = import_open,
	.draw = import_draw,
	.key = import_key,
	.close = import_close,
	.title = import_title,
	.mouse = import_mouse,
	.current_hints = import_hints,
};

/* The batches: every import, newest first. */

struct batches_screen {
	struct listview list; /* first */
	int asking;           /* the batch u asks about; 0: none */
};

static const enum action batches_hints[] = { ACTION_UNDO_IMPORT, ACTION_BACK, ACTION_HELP, ACTION_NONE };

static enum status load_batches(struct tui *tui, struct view *view, void **rows, size_t *count, struct error *err)
{
	(void)view;
	return import_batches(tui->store, (struct import_batch **)rows, count, err);
}

static void free_batches(void *rows, size_t count)
{
	import_batches_free(rows, count);
}

/* "2026-11-28 12:00" from "2026-11-28T12:00:00Z". */
static const char *minute(const char *stamp, char *buffer, size_t size)
{
	snprintf(buffer, size, "%.10s %.5s", stamp, strlen(stamp) > 11 ? stamp + 11 : "");
	return buffer;
}

static const char *batch_cell(struct tui *tui, struct view *view, size_t row, size_t column, char *buffer,
			      size_t size)
{
	const struct import_batch *b = LISTVIEW_ROW(view, struct import_batch, row);

	(void)tui;
	switch (column) {
	case 0: snprintf(buffer, size, "%d", b->number); return buffer;
	case 1: return minute(b->created_at ? b->created_at : "", buffer, size);
	case 2: return b->created_by ? b->created_by : "";
	/* L10N: what an import batch holds */
	case 3: return b->kind && !strcmp(b->kind, "experts") ? _("experts") : _("cases");
	case 4: return b->source ? b->source : "";
	case 5: snprintf(buffer, size, "%zu", b->created); return buffer;
	case 6: snprintf(buffer, size, "%zu", b->unchanged); return buffer;
	case 7: snprintf(buffer, size, "%zu", b->changed); return buffer;
	default:
		if (!b->undone_at)
			return "";
		snprintf(buffer, size, "%.10s", b->undone_at); /* the day: who and when in full, gradus import batches */
		return buffer;
	}
}

/* L10N: column headings of the import batches: its number, when, who, cases or experts, the file, rows new,
   unchanged and changed, the day it was undone */
static const struct list_column batch_columns[] = {
	{ N_("No."), LIST_FIT, 0, 0, true }, { N_("When"), 16, 0, 0, false }, { N_("Who"), 8, 0, 0, false },
	{ N_("Kind"), LIST_FIT, 0, 0, false }, { N_("File"), 10, 40, 0, false }, { N_("New"), LIST_FIT, 0, 0, true },
	{ N_("Same"), LIST_FIT, 0, 0, true }, { N_("Changed"), LIST_FIT, 0, 0, true },
	{ N_("Undone"), LIST_FIT, 0, 0, false },
};

static const struct list_ops batches_list = {
	.columns = batch_columns, .column_count = 9, .x = 2, .gap = 1,
	.screen_size = sizeof(struct batches_screen),
	.load = load_batches, .free_rows = free_batches, .cell = batch_cell,
	/* L10N: title of the import batches */
	.title_text = N_("Import batches"),
	/* L10N: the import batches when there is none */
	.empty_text = N_("No import yet: :import cases FILE imports one."),
};

static void undo(struct tui *tui, struct view *view, int number)
{
	struct import_undone undone;
	struct error err = { "" };
	char also[160] = "";
	size_t i, used = 0;

	if (import_undo(tui->store, tui->forms, number, &undone, &err)) {
		tui_say(tui, true, "%s", err.message);
		return;
	}
	for (i = 0; i < undone.also_count && used < sizeof(also); i++)
		used += (size_t)snprintf(also + used, sizeof(also) - used, "%s%d", i ? ", " : "", undone.also[i]);
	listview_reload(tui, view);
	if (undone.also_count)
		/* L10N: after an undo: the batch, records deleted, fields restored, the later batches undone first */
		tui_say(tui, false, _("Import batch %d undone: %zu records removed, %zu fields restored (first: %s)"),
			number, undone.removed, undone.restored, also);
	else
		/* L10N: after an undo: the batch, records deleted, fields given back their values */
		tui_say(tui, false, _("Import batch %d undone: %zu records removed, %zu fields restored"), number,
			undone.removed, undone.restored);
}

static bool batches_key(struct tui *tui, struct view *view, enum action action, int code, wint_t ch)
{
	struct batches_screen *b = view->data;
	int asking = b->asking;

	b->asking = 0;
	if (asking) {
		if (keymap_action_in(KEYMAP_IMPORT, code, ch) == ACTION_IMPORT_RUN)
			undo(tui, view, asking);
		else
			/* L10N: an undo asked about and not made */
			tui_say(tui, false, "%s", _("Nothing undone"));
		return true;
	}
	if (keymap_action_in(KEYMAP_IMPORT, code, ch) == ACTION_UNDO_IMPORT && b->list.count) {
		const struct import_batch *row = LISTVIEW_ROW(view, struct import_batch, b->list.cursor);

		b->asking = row->number;
		/* L10N: the question before an undo: the batch, its file */
		tui_say(tui, false, _("Undo import batch %d (%s)? y/n"), row->number, row->source ? row->source : "");
		return true;
	}
	return listview_key(tui, view, action, code, ch);
}

static const struct view_ops batches_view_ops =
	LISTVIEW_VIEW_OPS("import-batches", batches_list, batches_key, batches_hints);

void import_command(struct tui *tui, const char *args)
{
	while (*args == ' ')
		args++;
	if (!strcmp(args, "batches"))
		tui_open(tui, &batches_view_ops, NULL);
	else
		tui_open(tui, &import_view_ops, args);
}
