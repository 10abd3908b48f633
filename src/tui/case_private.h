/* Private to the case, step and agenda screens: what they share. */
#ifndef GRADUS_TUI_CASE_PRIVATE_H
#define GRADUS_TUI_CASE_PRIVATE_H

#include "gradus/store/cases.h"
#include "tui_private.h"

/* The steps that may be taken on the case the case screen below shows
 * (arg: the case id). */
extern const struct view_ops step_view_ops;

/* The case a case view shows, or NULL when view is not a case view. */
const struct case_detail *case_view_detail(const struct view *view);

/* Names for the screen, in the locale's language. */
const char *case_step_name(const struct tui *tui, const char *level, const char *step);
/* kind as in struct agenda_item: review_application, expiry... */
const char *case_due_name(const char *kind);
/* case_due_name, marked "(provisional)" in buffer when provisional (a year
 * with no holiday calendar) is not 0. */
const char *case_due_text(const char *kind, int provisional, char *buffer, size_t size);
/* "12 days", "today", "overdue 3 days" from today to due, into out. */
void case_days_text(struct date today, struct date due, char *out, size_t size);

/* The cultivation tab (cultivation.c): lines of these kinds, given to add;
 * a line showing a record names it (pick), for the tab's cursor. */
enum case_line { CASE_LINE_PLAIN, CASE_LINE_HEADING, CASE_LINE_DUE, CASE_LINE_DIM };
enum cultivation_record {
	RECORD_NONE, RECORD_MILESTONE, RECORD_KPI, RECORD_PLAN, RECORD_SESSION, RECORD_FOLLOWUP, RECORD_REPORT
};
struct cultivation_pick {
	enum cultivation_record kind;
	char key[33]; /* the record's id; a KPI's key; a report's period; "" for the plan */
};
typedef void case_add_fn(void *ctx, enum case_line kind, const struct cultivation_pick *pick, const char *text);
/* The writing side of the cultivation tab (cultivation_forms.c): a date
 * prompt on the last line (x: the milestone or follow-up under the cursor
 * done) and forms over the tab's lines (a new milestone, guidance session,
 * follow-up, progress report, KPI value, plan version). */
struct cultivation_edit;
struct cultivation_edit *cultivation_edit_new(void);
void cultivation_edit_free(struct cultivation_edit *edit);
/* Whether the prompt or a form is open: it takes every key. */
bool cultivation_edit_open(const struct cultivation_edit *edit);
/* The tab's keys (KEYMAP_CULTIVATION, and Enter) on the record under the
 * cursor (at, NULL when none), or a key of the open prompt or form; false
 * for a key it leaves to the case screen. A record written (one store call
 * each) is put in *written, for the cursor; else its kind is RECORD_NONE. */
bool cultivation_edit_key(struct tui *tui, struct cultivation_edit *edit, const char *case_id,
			  const struct cultivation_pick *at, enum action action, int code, wint_t ch,
			  struct cultivation_pick *written);
/* Of `height` lines of the tab, how many show its lines: all, all but the
 * prompt's, none under a form. */
int cultivation_edit_rows(const struct cultivation_edit *edit, int height);
/* Draws the prompt on the last of the lines from top, or the form over them. */
void cultivation_edit_draw(struct tui *tui, struct cultivation_edit *edit, int top, int height);
/* The status line's keys: the tab's, or the form's. */
const enum action *cultivation_edit_hints(const struct cultivation_edit *edit);

/* Whether the case has a cultivation to show: its level is cultivated (a
 * leading factory's), read from the detail already loaded. */
bool case_cultivation_available(struct tui *tui, const struct case_detail *detail);
void case_cultivation(struct tui *tui, const char *case_id, case_add_fn *add, void *ctx);

#endif
