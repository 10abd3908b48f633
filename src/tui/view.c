/* The view engine: the stack of screens, the title and status lines, keys,
 * resize, colours, and the two kinds of terminal (a real one, or the
 * off-screen one that keystroke scripts drive). */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "tui_private.h"

enum status tui_push(struct tui *tui, const struct view_ops *ops, const char *arg, struct error *err)
{
	struct view *view;
	enum status status;

	if (tui->depth == TUI_MAX_VIEWS)
		return error_set(err, STATUS_ERR_INVALID, "too many screens open");
	view = &tui->views[tui->depth];
	memset(view, 0, sizeof(*view));
	view->ops = ops;
	view->arg = arg;
	status = ops->open ? ops->open(tui, view, err) : STATUS_OK;
	if (status)
		return status;
	tui->depth++;
	return STATUS_OK;
}

void tui_open(struct tui *tui, const struct view_ops *ops, const char *arg)
{
	struct error err = { "" };

	if (tui_push(tui, ops, arg, &err))
		tui_say(tui, true, "%s", err.message);
}

bool tui_list_hit(int y, int rows_y, size_t top, size_t count, size_t *at)
{
	if (y < rows_y)
		return false;
	*at = top + (size_t)(y - rows_y);
	return *at < count;
}

bool tui_grow(void *items, size_t *capacity, size_t count, size_t size)
{
	void *array, *grown;
	size_t wanted;

	if (count < *capacity)
		return true;
	wanted = *capacity ? 2 * *capacity : 32;
	memcpy(&array, items, sizeof(array));
	grown = wanted <= SIZE_MAX / size ? realloc(array, wanted * size) : NULL;
	if (!grown)
		return false;
	memcpy(items, &grown, sizeof(grown));
	*capacity = wanted;
	return true;
}

/* What the screens left for a pause (view_ops' settle); true when one of
 * them said something. */
static bool settle(struct tui *tui)
{
	bool said = false;
	int i;

	for (i = 0; i < tui->depth; i++)
		if (tui->views[i].ops->settle && tui->views[i].ops->settle(tui, &tui->views[i]))
			said = true;
	return said;
}

void tui_pop(struct tui *tui)
{
	struct view *view;

	if (tui->depth == 0)
		return;
	view = &tui->views[--tui->depth];
	if (view->ops->settle && view->ops->settle(tui, view) && tui->depth == 0 && tui->message_is_error)
		snprintf(tui->parting, sizeof(tui->parting), "%s", tui->message); /* no screen left to say it */
	if (view->ops->close)
		view->ops->close(tui, view);
	else
		free(view->data); /* a screen whose data is one block */
	memset(view, 0, sizeof(*view));
	if (tui->depth == 0)
		tui->quit = true;
	else if (tui->views[tui->depth - 1].ops->resume)
		tui->views[tui->depth - 1].ops->resume(tui, &tui->views[tui->depth - 1]);
}

void tui_cursor(struct tui *tui, int y, int x)
{
	tui->cursor_y = y;
	tui->cursor_x = x;
}

/* The screen works on one database: the path the store's messages begin
 * with (for the command line) would push what they say, such as "try
 * again", off the end of the status line. */
static void drop_database_path(char *message, const struct store *store)
{
	const char *path = store ? store_path(store) : NULL;
	size_t len = path ? strlen(path) : 0;

	if (len && !strncmp(message, path, len) && !strncmp(message + len, ": ", 2))
		memmove(message, message + len + 2, strlen(message + len + 2) + 1);
}

const char *tui_without_value(const char *message, const char *value)
{
	static const char *const colons[] = { ": ", "：" };
	size_t len = strlen(value), i;

	for (i = 0; len && i < sizeof(colons) / sizeof(colons[0]); i++)
		if (!strncmp(message, value, len) && !strncmp(message + len, colons[i], strlen(colons[i])))
			return message + len + strlen(colons[i]);
	return message;
}

void tui_say(struct tui *tui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tui->message, sizeof(tui->message), fmt, ap);
	va_end(ap);
	drop_database_path(tui->message, tui->store);
	tui->message_is_error = error;
}

static void draw_title(struct tui *tui, struct view *view)
{
	attr_t attr = draw_colour(tui, COLOUR_TITLE, A_REVERSE | A_BOLD);
	char line[512];
	const char *title = view->ops->title ? view->ops->title(tui, view)
			    : view->ops->title_text ? _(view->ops->title_text)
			    : view->ops->title_at && view->data ? (const char *)view->data + view->ops->title_at - 1 : "";

	snprintf(line, sizeof(line), "gradus  %s", title);
	draw_text(0, 0, line, COLS, attr);
}

/* The status line: a message if there is one, else the keys that matter here. */
static void draw_status(struct tui *tui, struct view *view)
{
	attr_t attr = draw_colour(tui, COLOUR_STATUS, A_REVERSE);
	char line[1024] = "";
	size_t used = 0;
	const enum action *hint;

	if (tui->message[0]) {
		draw_text(LINES - 1, 0, tui->message, COLS,
			  tui->message_is_error ? draw_colour(tui, COLOUR_ERROR, A_REVERSE | A_BOLD) : attr);
		return;
	}
	/* Hints that do not fit whole are left out rather than cut. */
	hint = view->ops->current_hints ? view->ops->current_hints(tui, view) : view->ops->hints;
	for (; hint && *hint != ACTION_NONE && used < sizeof(line); hint++) {
		char one[256];

		snprintf(one, sizeof(one), "%s%s %s", used ? "  " : "", keymap_label(*hint), keymap_describe(*hint));
		if (utf8_width(line) + utf8_width(one) > COLS)
			break;
		used += (size_t)snprintf(line + used, sizeof(line) - used, "%s", one);
	}
	draw_text(LINES - 1, 0, line, COLS, attr);
}

static void draw_all(struct tui *tui)
{
	struct view *view = &tui->views[tui->depth - 1];

	erase();
	tui->cursor_y = -1;
	if (LINES >= 3 && COLS >= 10) {
		draw_title(tui, view);
		view->ops->draw(tui, view, 1, LINES - 2);
		draw_status(tui, view);
	}
	if (tui->cursor_y >= 0) {
		move(tui->cursor_y, tui->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Reads the screen again from the database, where the cursor was: what
 * another clerk wrote since it was read (a screen reads when it opens and
 * when the user comes back to it). */
static void reload(struct tui *tui, struct view *view)
{
	if (!view->ops->resume) {
		/* L10N: ^R on a screen that cannot be read again in place */
		tui_say(tui, true, "%s", _("This screen is not read again while it is open: close it and open it again."));
		return;
	}
	view->ops->resume(tui, view);
	if (!tui->message[0])
		/* L10N: ^R read the screen again from the database */
		tui_say(tui, false, "%s", _("Read again from the database."));
}

static void handle_action(struct tui *tui, enum action action)
{
	struct error err = { "" };

	switch (action) {
	case ACTION_BACK:
		tui_pop(tui);
		break;
	case ACTION_QUIT:
		while (tui->depth)
			tui_pop(tui);
		break;
	case ACTION_HELP:
		if (tui->views[tui->depth - 1].ops != &help_view_ops && tui_push(tui, &help_view_ops, NULL, &err))
			tui_say(tui, true, "%s", err.message);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACTION_RELOAD:
		reload(tui, &tui->views[tui->depth - 1]);
		break;
	default:
		break;
	}
}

static void dispatch(struct tui *tui, int code, wint_t ch)
{
	struct view *view = &tui->views[tui->depth - 1];
	enum action action = keymap_action(code, ch);

	tui->message[0] = '\0';
	if (code == KEY_RESIZE)
		return; /* ncurses has resized stdscr; the next draw lays out anew */
	if (view->ops->key && view->ops->key(tui, view, action, code, ch))
		return;
	handle_action(tui, action);
}

/* Foreground and background of each colour pair; the config may change them. */
static short colours[COLOUR_ERROR + 1][2] = {
	[COLOUR_TITLE] = { COLOR_WHITE, COLOR_BLUE }, [COLOUR_STATUS] = { COLOR_BLACK, COLOR_CYAN },
	[COLOUR_HEADER] = { COLOR_YELLOW, -1 }, [COLOUR_CURSOR] = { COLOR_BLACK, COLOR_YELLOW },
	[COLOUR_DUE] = { COLOR_RED, -1 }, [COLOUR_ERROR] = { COLOR_WHITE, COLOR_RED },
};

void tui_set_colour(enum colour colour, short foreground, short background)
{
	if (colour >= COLOUR_TITLE && colour <= COLOUR_ERROR) {
		colours[colour][0] = foreground;
		colours[colour][1] = background;
	}
}

static void init_colours(struct tui *tui)
{
	int i;

	tui->colour = !tui->options->no_color && has_colors() && !getenv("NO_COLOR");
	if (!tui->colour)
		return;
	start_color();
	use_default_colors();
	for (i = COLOUR_TITLE; i <= COLOUR_ERROR; i++)
		init_pair((short)i, colours[i][0], colours[i][1]);
}

/* Runs a keystroke script against the off-screen terminal. */
/* Timing for `make bench` (GRADUS_TIMING=FILE, script mode): microseconds
 * from the process's start to the first screen written, from each key to
 * its screen written with the part of it that drew the screen ("key TOTAL
 * DRAW": the rest is the key's own work, its statements with it), and the
 * peak memory. */
static FILE *timing;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void timing_open(const struct tui_options *options)
{
	const char *path = getenv("GRADUS_TIMING");

	if (options->script && path && *path && (timing = fopen(path, "w")))
		fprintf(timing, "start\t%.0f\n", now_us() - options->started_us);
}

/* Peak resident memory of this program image (VmHWM: unlike ru_maxrss it
 * does not carry over the memory of the process that started us). */
static void timing_close(void)
{
	char line[128];
	FILE *status;

	if (!timing)
		return;
	status = fopen("/proc/self/status", "r");
	while (status && fgets(line, sizeof(line), status))
		if (!strncmp(line, "VmHWM:", 6))
			fprintf(timing, "peak_kb\t%ld\n", strtol(line + 6, NULL, 10));
	if (status)
		fclose(status);
	fclose(timing);
	timing = NULL;
}

double tui_clock_us(void)
{
	return now_us();
}

void tui_mouse(struct tui *tui, int y, int x, int wheel)
{
	struct view *view = &tui->views[tui->depth - 1];
	int i;

	tui->message[0] = '\0';
	if (view->ops->mouse && view->ops->mouse(tui, view, y, x, wheel))
		return;
	for (i = 0; wheel && i < 3 && view->ops->key; i++)
		view->ops->key(tui, view, wheel < 0 ? ACTION_UP : ACTION_DOWN, wheel < 0 ? KEY_UP : KEY_DOWN, 0);
}

/* A mouse event from the terminal. */
static void terminal_mouse(struct tui *tui)
{
	MEVENT event;

	if (getmouse(&event) != OK)
		return;
	if (event.bstate & BUTTON4_PRESSED)
		tui_mouse(tui, event.y, event.x, -1);
	else if (event.bstate & BUTTON5_PRESSED)
		tui_mouse(tui, event.y, event.x, 1);
	else if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED))
		tui_mouse(tui, event.y, event.x, 0);
}

/* `:home` in a script: every screen closes as on quitting and the case list
 * opens again in the same process, as at start-up, so one script can play
 * the whole suite's scripts one after another (the all-day test). */
static enum status script_home(struct tui *tui, struct error *err)
{
	while (tui->depth)
		tui_pop(tui);
	tui->quit = false;
	tui->message[0] = '\0';
	resizeterm(tui->options->lines > 0 ? tui->options->lines : 24,
		   tui->options->columns > 0 ? tui->options->columns : 80);
	return tui_push(tui, &list_view_ops, NULL, err);
}

static enum status run_script(struct tui *tui, struct script *script, struct error *err)
{
	enum status status = STATUS_OK;
	const char *command;
	wint_t ch;
	int code, kind, columns, lines;

	while ((kind = script_next(script, &code, &ch, &command)) != ERR) {
		if (command && !strcmp(command, "home")) {
			status = script_home(tui, err);
			if (status)
				return status;
		} else if (tui->quit) {
			continue; /* after quitting, only :home starts again */
		} else if (command && !strncmp(command, "save-screen ", 12)) {
			status = screen_save(command + 12, err);
			if (status)
				return status;
		} else if (command && !strncmp(command, "save-attrs ", 11)) {
			status = screen_save_attributes(command + 11, err);
			if (status)
				return status;
		} else if (command && sscanf(command, "resize %d %d", &columns, &lines) == 2) {
			resizeterm(lines, columns);
		} else if (command && sscanf(command, "click %d %d", &columns, &lines) == 2) {
			tui_mouse(tui, lines, columns, 0);
		} else if (command && (!strcmp(command, "wheel up") || !strcmp(command, "wheel down"))) {
			tui_mouse(tui, 0, 0, !strcmp(command, "wheel up") ? -1 : 1);
		} else if (command && !strcmp(command, "idle")) {
			settle(tui); /* the user pauses */
		} else if (command) {
			return error_set(err, STATUS_ERR_PARSE, "%s: unknown script command ':%s'",
					 tui->options->script, command);
		} else {
			double began = now_us(), drawn;

			dispatch(tui, kind == KEY_CODE_YES ? code : 0, ch);
			drawn = now_us();
			if (!tui->quit)
				draw_all(tui);
			if (timing)
				fprintf(timing, "key\t%.0f\t%.0f\n", now_us() - began, now_us() - drawn);
			continue;
		}
		if (!tui->quit)
			draw_all(tui);
	}
	return status;
}

/* A dropped ssh session (SIGHUP) or a kill (SIGTERM): every change is
 * already written, so the screens close, the terminal is restored and
 * gradus ends as if q had been pressed. C-z (SIGTSTP): gradus stops
 * itself (stop), for ncurses' own handler brings the screen back at the
 * size it had, though the terminal may have been resized meanwhile (the
 * shell, not gradus, was told of it), and leaves the keypad's mode off.
 * Set before curses starts, so curses keeps its own handlers off them;
 * no SA_RESTART, so a waiting get_wch returns. */
static volatile sig_atomic_t hung_up, stop_asked;

static void on_signal(int sig)
{
	if (sig == SIGTSTP)
		stop_asked = 1;
	else
		hung_up = 1;
}

static void catch_signal(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void catch_signals(void)
{
	catch_signal(SIGHUP, on_signal);
	catch_signal(SIGTERM, on_signal);
	catch_signal(SIGTSTP, on_signal);
}

/* The terminal restored for the shell, gradus stopped until fg (SIGCONT),
 * then the screen at the terminal's size now, drawn whole anew. */
static void stop(void)
{
	struct winsize size;

	stop_asked = 0;
	endwin();
	catch_signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	catch_signal(SIGTSTP, on_signal);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0 &&
	    (size.ws_row != LINES || size.ws_col != COLS))
		resizeterm(size.ws_row, size.ws_col);
	clearok(curscr, TRUE);
}

/* Keys are read at once while work waits for a pause (settle): a sort,
 * then a filter, then a page down, none waits for the state file, and the
 * file is written once, TUI_SETTLE_MS after the last of them. */
static void run_terminal(struct tui *tui)
{
	bool unsettled = false;
	wint_t ch;
	int kind;

	while (!tui->quit && !hung_up) {
		if (stop_asked) {
			settle(tui); /* kept before the shell has the terminal */
			unsettled = false;
			stop();
			continue; /* a hang-up may have come while stopped */
		}
		draw_all(tui);
		timeout(unsettled ? TUI_SETTLE_MS : -1);
		kind = get_wch(&ch);
		if (kind == ERR) {
			if (unsettled && !hung_up && !stop_asked)
				settle(tui); /* a pause (or a signal): drawn at the loop's top */
			unsettled = false;
			continue;
		}
		unsettled = true;
		if (kind == KEY_CODE_YES && ch == KEY_MOUSE) {
			terminal_mouse(tui);
			continue;
		}
		dispatch(tui, kind == KEY_CODE_YES ? (int)ch : 0, kind == KEY_CODE_YES ? 0 : ch);
	}
}

static enum status open_terminal(const struct tui_options *options, SCREEN **screen, FILE **in,
				 FILE **out, struct error *err)
{
	char size[16];

	if (options->script) {
		/* An off-screen terminal of a fixed size: no controlling terminal needed. */
		snprintf(size, sizeof(size), "%d", options->columns > 0 ? options->columns : 80);
		setenv("COLUMNS", size, 1);
		snprintf(size, sizeof(size), "%d", options->lines > 0 ? options->lines : 24);
		setenv("LINES", size, 1);
		*out = fopen("/dev/null", "w");
		*in = fopen("/dev/null", "r");
		if (!*out || !*in)
			return error_set(err, STATUS_ERR_TERMINAL, "cannot open /dev/null");
		*screen = newterm("xterm", *out, *in);
	} else {
		const char *term = getenv("TERM");

		if (!term || !*term || !strcmp(term, "dumb"))
			return error_set(err, STATUS_ERR_TERMINAL,
					 "this terminal (TERM=%s) cannot show the full screen; use the commands (gradus --help)",
					 term ? term : "");
		*screen = newterm(NULL, stdout, stdin);
	}
	if (!*screen)
		return error_set(err, STATUS_ERR_TERMINAL, "cannot start the terminal interface (TERM=%s)",
				 options->script ? "xterm" : getenv("TERM"));
	return STATUS_OK;
}

enum status tui_run(const struct tui_options *options, struct store *store,
		    const struct forms *forms, struct error *err)
{
	struct tui tui;
	char config_error[512];
	struct script *script = NULL;
	SCREEN *screen = NULL;
	FILE *in = NULL, *out = NULL;
	enum status status;

	memset(&tui, 0, sizeof(tui));
	tui.store = store;
	tui.forms = forms;
	tui.options = options;
	if (options->script && (status = script_open(options->script, &script, err)))
		return status;
	if (!options->script)
		catch_signals();
	status = open_terminal(options, &screen, &in, &out, err);
	if (status)
		goto cleanup;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	if (!options->script) {
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	curs_set(0);
	/* ncurses (6.4) flushes its output at every cursor jump of a screen's
	 * update until the screen has once been left with endwin and drawn
	 * again: some 25 writes a screen instead of one (a syscall each, and a
	 * pty wake-up for sshd). Left here, before anything is drawn, the first
	 * draw comes back as from a shell and every draw after is one write. */
	endwin();
	if (!tui_config_load(config_error, sizeof(config_error)))
		tui_say(&tui, true, "%s", config_error);
	init_colours(&tui);
	status = tui_push(&tui, &list_view_ops, NULL, err);
	if (status)
		goto cleanup_screen;
	if (options->notice)
		tui_say(&tui, true, "%s", options->notice);
	if (script) {
		draw_all(&tui);
		timing_open(options);
		status = run_script(&tui, script, err);
		timing_close();
	} else {
		run_terminal(&tui);
	}
	while (tui.depth)
		tui_pop(&tui);
	if (!status && tui.parting[0]) /* for the caller to say once the terminal is the shell's */
		error_set(err, STATUS_OK, "%s", tui.parting);
cleanup_screen:
	endwin();
	delscreen(screen);
cleanup:
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	script_free(&script);
	return status;
}
