/* A report written from a screen: the file's name asked for on the last
 * line, the report written beside it and renamed over it once whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/reportview.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "report.h"

/* The report of kind on key, read, rendered into out, then freed. */
static enum status write_report(struct tui *tui, enum report_kind kind, const char *key, enum report_format format,
				FILE *out, struct error *err)
{
	struct report_view view;
	enum status status;

	if ((status = report_view_load(tui->store, tui->forms, kind, key, &view, err)))
		return status;
	status = report_render(tui->forms, &view, format, out, err);
	report_view_clear(&view);
	return status;
}

void tui_write_report(struct tui *tui, enum report_kind kind, const char *key, const char *path)
{
	const char *dot = strrchr(path, '.');
	enum report_format format;
	struct error err = { "" };
	struct safe_file file;

	if (!dot || strchr(dot, '/') || !report_format_parse(dot + 1, &format)) {
		/* L10N: the report's file name must end in one of these; keep them */
		tui_say(tui, true, _("%s: expected a file ending .txt, .md or .html"), path);
		return;
	}
	if (safe_file_open(&file, path, SAFE_FILE_REPLACE, 0666, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else if (write_report(tui, kind, key, format, file.stream, &err)) {
		safe_file_abort(&file);
		tui_say(tui, true, "%s", err.message);
	} else if (safe_file_commit(&file, &err)) {
		tui_say(tui, true, "%s", err.message);
	} else {
		/* L10N: after a report (of a check, of a case) was written */
		tui_say(tui, false, _("Report written to %s"), path);
	}
}

void report_prompt_open(struct report_prompt *prompt, const char *number)
{
	char path[160];

	snprintf(path, sizeof(path), "./%s.html", number);
	field_init(&prompt->field, 0);
	field_set(&prompt->field, path);
	prompt->open = true;
}

void report_prompt_close(struct report_prompt *prompt)
{
	if (prompt->open)
		field_free(&prompt->field);
	prompt->open = false;
}

void report_prompt_key(struct tui *tui, struct report_prompt *prompt, enum report_kind kind, const char *key,
		       int code, wint_t ch)
{
	char *path;

	if (code == KEY_ENTER || (!code && (ch == L'\r' || ch == L'\n'))) {
		path = field_text(&prompt->field);
		report_prompt_close(prompt);
		if (!path)
			tui_say(tui, true, "%s", status_message(STATUS_ERR_NOMEM));
		else if (*path)
			tui_write_report(tui, kind, key, path);
		free(path);
	} else if (!code && ch == 0x1b) {
		report_prompt_close(prompt);
		/* L10N: Esc on the prompt of a report's file */
		tui_say(tui, false, "%s", _("Cancelled: nothing changed"));
	} else if (!field_key(&prompt->field, code, ch)) {
		field_say_refused(tui, code, ch);
	}
}

void report_prompt_draw(struct tui *tui, struct report_prompt *prompt, int y)
{
	/* L10N: the prompt of a report's file; its format follows the ending */
	const char *label = _("Report file (.txt .md .html):");
	int cells = utf8_width(label) + 2;

	draw_text(y, 1, label, cells, A_BOLD);
	if (COLS - 1 - cells > 1)
		tui_cursor(tui, y, field_draw(&prompt->field, y, 1 + cells, COLS - 2 - cells, A_UNDERLINE, true));
}
