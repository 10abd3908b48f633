/* Private to the case, step and agenda screens: what they share. */
#ifndef GRADUS_TUI_CASE_PRIVATE_H
#define GRADUS_TUI_CASE_PRIVATE_H

#include "gradus/cases.h"
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
/* "12 days", "today", "overdue 3 days" from today to due, into out. */
void case_days_text(struct date today, struct date due, char *out, size_t size);

/* The cultivation tab (cultivation.c): lines of these kinds, given to add. */
enum case_line { CASE_LINE_PLAIN, CASE_LINE_HEADING, CASE_LINE_DUE, CASE_LINE_DIM };
typedef void case_add_fn(void *ctx, enum case_line kind, const char *text);
/* Whether the case has a cultivation to show (a leading factory's). */
bool case_cultivation_available(struct tui *tui, const char *case_id);
void case_cultivation(struct tui *tui, const char *case_id, case_add_fn *add, void *ctx);

#endif
