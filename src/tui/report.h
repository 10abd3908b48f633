/* Private to tui/: a printed report written from a screen to a file the
 * user names (its format from the name's ending), and the one-line prompt
 * that asks for the name. */
#ifndef GRADUS_TUI_REPORT_H
#define GRADUS_TUI_REPORT_H

#include "gradus/report/report.h"
#include "field.h"

/* The report of a record by its key: its view read through the store
 * (reportview.h), then rendered. */
typedef enum status report_fn(struct store *store, const struct forms *forms, const char *key,
			      enum report_format format, FILE *out, struct error *err);
report_fn tui_report_case, tui_report_check;

/* Writes the report of key to path (.txt, .md or .html) beside it first,
 * renamed over it once whole (safe_file.h); what happened is said on the
 * status line. */
void tui_write_report(struct tui *tui, report_fn *report, const char *key, const char *path);

/* The prompt for the report's file, on a screen's last line. */
struct report_prompt {
	struct field field;
	bool open;
};

/* Opens the prompt with ./NUMBER.html to edit. */
void report_prompt_open(struct report_prompt *prompt, const char *number);
/* A key while the prompt is open: Enter writes the report of key, Esc
 * closes it writing nothing, other keys edit the name. */
void report_prompt_key(struct tui *tui, struct report_prompt *prompt, report_fn *report, const char *key, int code,
		       wint_t ch);
void report_prompt_draw(struct tui *tui, struct report_prompt *prompt, int y);
void report_prompt_close(struct report_prompt *prompt);

#endif
