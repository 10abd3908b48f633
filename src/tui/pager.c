#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pager.h"

void pager_add(struct pager *pager, const char *fmt, ...)
{
	va_list ap;
	char *line = NULL;

	if (pager->failed)
		return;
	if (!tui_grow(&pager->lines, &pager->capacity, pager->count, sizeof(*pager->lines))) {
		pager->failed = true;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	if (!line) {
		pager->failed = true;
		return;
	}
	pager->lines[pager->count++] = line;
}

void pager_draw(struct tui *tui, struct pager *pager, int top, int height)
{
	size_t i;

	(void)tui;
	if (height <= 0)
		return;
	if (pager->count > (size_t)height && pager->top > pager->count - (size_t)height)
		pager->top = pager->count - (size_t)height;
	for (i = 0; (int)i < height && pager->top + i < pager->count; i++)
		draw_text(top + (int)i, 1, pager->lines[pager->top + i], COLS - 1, A_NORMAL);
}

bool pager_key(struct pager *pager, enum action action, int height)
{
	size_t last = pager->count > (size_t)height ? pager->count - (size_t)height : 0;

	switch (action) {
	case ACTION_DOWN: if (pager->top < last) pager->top++; return true;
	case ACTION_UP: if (pager->top > 0) pager->top--; return true;
	case ACTION_PAGE_DOWN: pager->top = pager->top + (size_t)height < last ? pager->top + (size_t)height : last; return true;
	case ACTION_PAGE_UP: pager->top = pager->top > (size_t)height ? pager->top - (size_t)height : 0; return true;
	case ACTION_HOME: pager->top = 0; return true;
	case ACTION_END: pager->top = last; return true;
	default: return false;
	}
}

void pager_clear(struct pager *pager)
{
	size_t i;

	for (i = 0; i < pager->count; i++)
		free(pager->lines[i]);
	free(pager->lines);
	memset(pager, 0, sizeof(*pager));
}
