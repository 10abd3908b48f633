/* The full-screen interface. */
#ifndef GRADUS_TUI_H
#define GRADUS_TUI_H

#include <stdbool.h>

#include "gradus/forms/forms.h"
#include "gradus/store/store.h"
#include "gradus/text/status.h"

struct tui_options {
	bool no_color;
	const char *script;  /* play keystrokes from this file on an off-screen terminal */
	int columns, lines;  /* size of the off-screen terminal (script mode) */
	const char *notice;  /* said on the status line of the first screen, or NULL */
	double started_us;   /* the process's start on the monotonic clock (tui_clock_us) */
};

/* The monotonic clock in microseconds. */
double tui_clock_us(void);

/* The full screen until q (or a hang-up). On success err->message may
 * still hold a warning the closing screens could not show (the sort and
 * filters not kept in the state file), for the caller to print; else it
 * is empty. */
enum status tui_run(const struct tui_options *options, struct store *store,
		    const struct forms *forms, struct error *err);

#endif
