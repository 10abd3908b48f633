/* The user's config file, read with inih: keys, colours and the width of
 * ambiguous characters.
 *
 *   [keys]
 *   down = j Down ^N          ; an action's keys (names as `gradus --help` and ? show)
 *   [colours]
 *   cursor = black yellow     ; foreground background (default = the terminal's)
 *   [display]
 *   ambiguous_wide = yes      ; terminals that draw ○ ※ → … two cells wide
 */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "tui_private.h"

#define MAX_KEYS 8

/* The file as inih reads it through read_line, and the first bad line. */
struct loading {
	FILE *file;
	int line;       /* the line read last */
	int error_line; /* the first bad line found by the reader or a handler, 0: none */
	char error[256];
};

/* Keeps the first error only: inih goes on after a failed line. */
static void loading_fail(struct loading *l, const char *error)
{
	if (l->error_line)
		return;
	l->error_line = l->line;
	snprintf(l->error, sizeof(l->error), "%s", error);
}

/* fgets for inih that counts lines and takes a line longer than inih's
 * buffer as one bad line: inih alone would read its rest as the next line,
 * and number every line after it wrong. */
static char *read_line(char *str, int num, void *stream)
{
	struct loading *l = stream;
	char error[256];
	size_t len;
	int c;

	if (!fgets(str, num, l->file))
		return NULL;
	l->line++;
	len = strlen(str);
	if (len && str[len - 1] != '\n' && (c = getc(l->file)) != EOF && c != '\n') {
		while ((c = getc(l->file)) != EOF && c != '\n')
			;
		/* L10N: a line of the config file; %d is a number of bytes */
		snprintf(error, sizeof(error), _("line longer than %d bytes: expected name = value on a shorter line"),
			 num - 1);
		loading_fail(l, error);
		str[0] = '\0'; /* inih goes on to the next line */
	}
	return str;
}

/* Labels of configured keys live as long as the program. */
static char labels[64][16];
static size_t label_count;

static const struct {
	const char *name;
	int code;
	wint_t ch;
} named[] = {
	{ "Up", KEY_UP, 0 }, { "Down", KEY_DOWN, 0 }, { "Left", KEY_LEFT, 0 }, { "Right", KEY_RIGHT, 0 },
	{ "PgUp", KEY_PPAGE, 0 }, { "PgDn", KEY_NPAGE, 0 }, { "Home", KEY_HOME, 0 }, { "End", KEY_END, 0 },
	{ "Enter", 0, L'\r' }, { "Esc", 0, 0x1b }, { "Tab", 0, L'\t' }, { "S-Tab", KEY_BTAB, 0 },
	{ "Space", 0, L' ' }, { "Backspace", KEY_BACKSPACE, 0 }, { "Delete", KEY_DC, 0 },
};

static bool parse_key(const char *spec, struct key_binding *key)
{
	size_t i, len = strlen(spec);
	uint32_t cp;
	bool valid;

	memset(key, 0, sizeof(*key));
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(spec, named[i].name)) {
			key->code = named[i].code;
			key->ch = named[i].ch;
			break;
		}
	if (i == sizeof(named) / sizeof(named[0])) {
		if (len == 2 && spec[0] == '^' && spec[1] >= '@' && spec[1] <= '_')
			key->ch = (wint_t)(spec[1] - '@');
		else if (len >= 2 && spec[0] == 'F' && atoi(spec + 1) >= 1 && atoi(spec + 1) <= 12)
			key->code = KEY_F(atoi(spec + 1));
		else if (len && utf8_decode(spec, len, &cp, &valid) == len && valid && !utf8_is_unsafe(cp) && cp > ' ')
			key->ch = (wint_t)cp;
		else
			return false;
	}
	if (label_count == sizeof(labels) / sizeof(labels[0]))
		return false;
	snprintf(labels[label_count], sizeof(labels[0]), "%s", spec);
	key->label = labels[label_count++];
	return true;
}

static bool keys_line(const char *name, const char *value, char *error, size_t size)
{
	struct key_binding keys[MAX_KEYS];
	char copy[256], *word, *save = NULL;
	enum action action;
	size_t n = 0;

	if (!keymap_action_named(name, &action)) {
		snprintf(error, size, _("unknown action '%s' (the actions are listed in gradus(1))"), name);
		return false;
	}
	snprintf(copy, sizeof(copy), "%s", value);
	for (word = strtok_r(copy, " \t", &save); word; word = strtok_r(NULL, " \t", &save)) {
		if (n == MAX_KEYS || !parse_key(word, &keys[n])) {
			snprintf(error, size, _("%s: '%s' is not a key (a character, ^X, F1-F12 or a name such as Down, PgDn, Enter, Esc, Tab)"),
				 name, word);
			return false;
		}
		n++;
	}
	if (!n || !keymap_bind(action, keys, n)) {
		snprintf(error, size, _("%s: expected one or more keys"), name);
		return false;
	}
	return true;
}

static bool colour_named(const char *name, short *out)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };
	short i;

	if (!strcmp(name, "default")) {
		*out = -1;
		return true;
	}
	for (i = 0; i < 8; i++)
		if (!strcmp(name, names[i])) {
			*out = i;
			return true;
		}
	return false;
}

static bool colours_line(const char *name, const char *value, char *error, size_t size)
{
	static const char *const elements[] = { "", "title", "status", "header", "cursor", "due", "error" };
	char fg[32], bg[32], extra;
	short f, b;
	int i;

	for (i = COLOUR_TITLE; i <= COLOUR_ERROR && strcmp(elements[i], name); i++)
		;
	if (i > COLOUR_ERROR) {
		snprintf(error, size, _("unknown colour '%s': expected title, status, header, cursor, due or error"), name);
		return false;
	}
	if (sscanf(value, "%31s %31s %c", fg, bg, &extra) != 2 || !colour_named(fg, &f) || !colour_named(bg, &b)) {
		snprintf(error, size, _("%s: expected two colours (black red green yellow blue magenta cyan white default)"),
			 name);
		return false;
	}
	tui_set_colour((enum colour)i, f, b);
	return true;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct loading *l = user;
	char error[256];
	bool ok;

	if (!strcmp(section, "keys"))
		ok = keys_line(name, value, error, sizeof(error));
	else if (!strcmp(section, "colours") || !strcmp(section, "colors"))
		ok = colours_line(name, value, error, sizeof(error));
	else if (!strcmp(section, "display") && !strcmp(name, "ambiguous_wide") &&
		 (!strcmp(value, "yes") || !strcmp(value, "no"))) {
		utf8_set_ambiguous_wide(!strcmp(value, "yes"));
		ok = true;
	} else {
		snprintf(error, sizeof(error), _("[%s] %s: unknown setting"), section, name);
		ok = false;
	}
	if (!ok)
		loading_fail(l, error);
	return ok;
}

bool tui_config_load(char *message, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct loading l = { NULL, 0, 0, "" };
	char *path = NULL;
	int line;

	if (xdg && *xdg == '/' ? asprintf(&path, "%s/gradus/config.ini", xdg) < 0
	    : !home || asprintf(&path, "%s/.config/gradus/config.ini", home) < 0)
		return true;
	l.file = fopen(path, "r");
	if (!l.file) {
		free(path);
		return true;
	}
	line = ini_parse_stream(read_line, &l, on_value, &l);
	fclose(l.file);
	if (l.error_line && (line <= 0 || l.error_line <= line))
		line = l.error_line;
	else if (line > 0)
		snprintf(l.error, sizeof(l.error), "%s", _("expected [section], name = value or a ; comment"));
	if (line > 0)
		snprintf(message, size, "%s:%d: %s", path, line, l.error);
	free(path);
	return line <= 0;
}
