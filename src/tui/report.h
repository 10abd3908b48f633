/* Private to tui/: a printed report written from a screen to a file the
 * user names (its format from the name's ending), and the one-line prompt
 * that asks for the name. */
#ifndef GRADUS_TUI_REPORT_H
#define GRADUS_TUI_REPORT_H

#include "gradus/report/report.h"
#include "field.h"

/* Writes the report of kind on key (its view read through the store,
 * reportview.h, then rendered) to path (.txt, .md or .html) beside it first,
 * renamed over it once whole (safe_file.h); what happened is said on the
 * status line. */
void tui_write_report(struct tui *tui, enum report_kind kind, const char *key, const char *path);

/* The prompt for the report's file, on a screen's last line. */
struct report_prompt {
	struct field field;
	bool open;
};

/* Opens the prompt with ./NUMBER.html to edit. */
void report_prompt_open(struct report_prompt *prompt, const char *number);
/* A key while the prompt is open: Enter writes the report of key, Esc
 * closes it writing nothing, other keys edit the name. */
void report_prompt_key(struct tui *tui, struct report_prompt *prompt, enum report_kind kind, const char *key,
		       int code, wint_t ch);
void report_prompt_draw(struct tui *tui, struct report_prompt *prompt, int y);
void report_prompt_close(struct report_prompt *prompt);

#endif
