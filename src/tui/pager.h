/* Private to tui/: lines of text that scroll, for the help and case screens. */
#ifndef GRADUS_TUI_PAGER_H
#define GRADUS_TUI_PAGER_H

#include "tui_private.h"

struct pager {
	char **lines;
	size_t count, capacity, top;
	bool failed; /* out of memory while adding */
};

void pager_add(struct pager *pager, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pager_draw(struct tui *tui, struct pager *pager, int top, int height);
bool pager_key(struct pager *pager, enum action action, int height);
void pager_clear(struct pager *pager);

#endif
