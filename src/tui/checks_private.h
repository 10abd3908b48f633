/* Private to the spot-check screens (checks.c, plan.c, walk.c) and the case
 * screen that opens them. */
#ifndef GRADUS_TUI_CHECKS_PRIVATE_H
#define GRADUS_TUI_CHECKS_PRIVATE_H

#include "tui_private.h"

/* The checks of a case (arg: the case id): number, date, status,
 * inspectors, progress and score; n plans one, Enter walks one. */
extern const struct view_ops checks_view_ops;
/* Planning a check of a case (arg: the case id): date, inspectors, the
 * declared scenarios or a draw. */
extern const struct view_ops plan_view_ops;
/* The walk through a check (arg: its id or number). */
extern const struct view_ops walk_view_ops;

#endif
