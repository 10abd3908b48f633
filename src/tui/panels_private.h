/* Private to the expert and panel screens (experts.c, panels.c, panel.c)
 * and the case screen that opens them. */
#ifndef GRADUS_TUI_PANELS_PRIVATE_H
#define GRADUS_TUI_PANELS_PRIVATE_H

#include <stddef.h>

#include "tui_private.h"

/* The panels of a case (arg: the case id): number, purpose, date, status,
 * opinion, score; n convenes one, Enter opens one. */
extern const struct view_ops panels_view_ops;
/* One panel (arg: its id): members, scores, notes, the opinion. */
extern const struct view_ops panel_view_ops;

/* "研发设计、生产作业" from the stage keys "rnd,process". */
void experts_fields_text(const struct tui *tui, const char *keys, char *out, size_t size);
/* The name of a level's panel (purpose), Chinese in a zh locale. */
const char *panels_purpose_name(const struct tui *tui, const char *level, const char *purpose);

/* A panel's opinion and status as shown ("—" without an opinion). */
const char *panels_opinion_name(const char *opinion);
const char *panels_status_name(const char *status);

#endif
