/* Private to the expert and panel screens (experts.c, expert.c, panels.c,
 * panel.c) and the case screen that opens them. */
#ifndef GRADUS_TUI_PANELS_PRIVATE_H
#define GRADUS_TUI_PANELS_PRIVATE_H

#include <stddef.h>

#include "tui_private.h"

/* The panels of a case (arg: the case id): number, purpose, date, status,
 * opinion, score; n convenes one, Enter opens one. */
extern const struct view_ops panels_view_ops;
/* One panel (arg: its id): members, scores, notes, the opinion. */
extern const struct view_ops panel_view_ops;

/* One expert's record (arg: the code), each field written as it is left. */
extern const struct view_ops expert_view_ops;

/* The rows of the expert form (experts.c), filled from e (NULL: empty),
 * with the stages and the regions to pick from; false when out of memory. */
enum { EXPERT_ROW_NAME, EXPERT_ROW_FIELDS, EXPERT_ROW_AFFILIATION, EXPERT_ROW_REGION, EXPERT_ROW_CONTACT,
       EXPERT_ROW_CONFLICTS, EXPERT_ROW_COUNT };
struct form;
struct expert_row;
bool experts_form_rows(struct tui *tui, struct form *form, const struct expert_row *e);
/* Whether the comma-separated keys ("rnd,process") hold key. */
bool experts_fields_hold(const char *keys, const char *key);

/* "研发设计、生产作业" from the stage keys "rnd,process". */
void experts_fields_text(const struct tui *tui, const char *keys, char *out, size_t size);
/* A panel's opinion as shown ("—" without one). */
const char *panels_opinion_name(const char *opinion);

#endif
