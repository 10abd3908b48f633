/* Keystroke scripts, as tig's test scripts: each line is either keys to
 * press (characters, and <Name> for special keys) or a command beginning
 * with ':' (save-screen PATH, save-attrs PATH, resize COLUMNS LINES, home). '#' starts a comment. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/store/safe_file.h"
#include "gradus/text/utf8.h"
#include "tui_private.h"

struct script_input {
	int code;      /* KEY_* or 0 */
	wint_t ch;
	char *command; /* a ':' line, else NULL */
};

struct script {
	struct script_input *inputs;
	size_t count, capacity, next;
};

static const struct {
	const char *name;
	int code;
	wint_t ch;
} key_names[] = {
	{ "Enter", 0, L'\r' }, { "Esc", 0, 0x1b }, { "Tab", 0, L'\t' }, { "BTab", KEY_BTAB, 0 }, { "Space", 0, L' ' },
	{ "Backspace", KEY_BACKSPACE, 0 }, { "Delete", KEY_DC, 0 },
	{ "Up", KEY_UP, 0 }, { "Down", KEY_DOWN, 0 }, { "Left", KEY_LEFT, 0 }, { "Right", KEY_RIGHT, 0 },
	{ "PageUp", KEY_PPAGE, 0 }, { "PageDown", KEY_NPAGE, 0 }, { "Home", KEY_HOME, 0 },
	{ "End", KEY_END, 0 }, { "F1", KEY_F(1), 0 }, { "F2", KEY_F(2), 0 }, { "Resize", KEY_RESIZE, 0 }, { "lt", 0, L'<' }, { "Colon", 0, L':' },
};

static enum status add_input(struct script *script, int code, wint_t ch, const char *command)
{
	struct script_input *input;

	if (!tui_grow(&script->inputs, &script->capacity, script->count, sizeof(*script->inputs)))
		return STATUS_ERR_NOMEM;
	input = &script->inputs[script->count];
	input->code = code;
	input->ch = ch;
	input->command = command ? strdup(command) : NULL;
	if (command && !input->command)
		return STATUS_ERR_NOMEM;
	script->count++;
	return STATUS_OK;
}

static enum status parse_named_key(struct script *script, const char *name, size_t len,
				   const char *path, int line, struct error *err)
{
	size_t i;

	if (len == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
		return add_input(script, 0, (wint_t)(name[2] - 'a' + 1), NULL);
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strlen(key_names[i].name) == len && !strncmp(key_names[i].name, name, len))
			return add_input(script, key_names[i].code, key_names[i].ch, NULL);
	return error_set(err, STATUS_ERR_PARSE, "%s:%d: unknown key <%.*s>", path, line, (int)len, name);
}

static enum status parse_keys(struct script *script, const char *text, const char *path, int line,
			      struct error *err)
{
	size_t len = strlen(text), at = 0;
	enum status status = STATUS_OK;

	while (!status && at < len) {
		const char *close = text[at] == '<' ? strchr(text + at, '>') : NULL;
		uint32_t cp;
		bool valid;

		if (close && close > text + at + 1) {
			status = parse_named_key(script, text + at + 1, (size_t)(close - text - at - 1), path, line, err);
			at = (size_t)(close - text) + 1;
			continue;
		}
		at += utf8_decode(text + at, len - at, &cp, &valid);
		if (!valid)
			return error_set(err, STATUS_ERR_PARSE, "%s:%d: invalid UTF-8", path, line);
		status = add_input(script, 0, (wint_t)cp, NULL);
	}
	return status;
}

enum status script_open(const char *path, struct script **out, struct error *err)
{
	struct script *script = calloc(1, sizeof(*script));
	enum status status = STATUS_OK;
	char *buffer = NULL;
	size_t size = 0;
	ssize_t got;
	int line = 0;
	FILE *file;

	if (!script)
		return STATUS_ERR_NOMEM;
	file = fopen(path, "r");
	if (!file) {
		free(script);
		return error_set(err, STATUS_ERR_IO, "%s: %s", path, strerror(errno));
	}
	while (!status && (got = getline(&buffer, &size, file)) >= 0) {
		line++;
		while (got > 0 && (buffer[got - 1] == '\n' || buffer[got - 1] == '\r'))
			buffer[--got] = '\0';
		if (buffer[0] == '#' || buffer[0] == '\0')
			continue;
		status = buffer[0] == ':' ? add_input(script, 0, 0, buffer + 1)
					  : parse_keys(script, buffer, path, line, err);
	}
	free(buffer);
	fclose(file);
	if (status)
		script_free(&script);
	*out = script;
	return status;
}

void script_free(struct script **scriptp)
{
	struct script *script = *scriptp;
	size_t i;

	if (!script)
		return;
	for (i = 0; i < script->count; i++)
		free(script->inputs[i].command);
	free(script->inputs);
	free(script);
	*scriptp = NULL;
}

int script_next(struct script *script, int *code, wint_t *ch, const char **command)
{
	struct script_input *input;

	if (script->next == script->count)
		return ERR;
	input = &script->inputs[script->next++];
	*code = input->code;
	*ch = input->ch;
	*command = input->command;
	return input->code ? KEY_CODE_YES : OK;
}

/* "f0b3": the foreground and background colours of a pair, as
 * tests/tui/sgr.py writes them; the terminal's default left out. */
static void colour_codes(short pair, char *out, size_t size)
{
	short foreground, background;

	pair_content(pair, &foreground, &background);
	out[0] = '\0';
	if (foreground >= 0)
		snprintf(out, size, "f%d", foreground);
	if (background >= 0)
		snprintf(out + strlen(out), size - strlen(out), "b%d", background);
}

/* One row of what the terminal shows (curscr): its text as UTF-8, trailing
 * spaces trimmed, and, when runs is not NULL, its attributes as runs of
 * cells "FIRST-LAST:CODES" (R reverse, B bold, U underline, D dim, fN and bN
 * the foreground and background colours), cells without any left out. */
static void row_read(int y, char *text, size_t size, char *runs, size_t runs_size)
{
	size_t used = 0, kept = 0, runs_used = 0;
	int x, run_start = 0;
	char run[32] = "", codes[32];

	for (x = 0; x <= COLS; x++) {
		cchar_t cell;
		wchar_t wc[CCHARW_MAX + 1] = { L' ' };
		attr_t attr = 0;
		short pair = 0;
		int width = 1;

		if (x < COLS && mvwin_wch(curscr, y, x, &cell) != ERR) {
			getcchar(&cell, wc, &attr, &pair, NULL);
			width = wc[0] ? wcwidth(wc[0]) : 1;
		}
		snprintf(codes, sizeof(codes), "%s%s%s%s", attr & A_REVERSE ? "R" : "", attr & A_BOLD ? "B" : "",
			 attr & A_UNDERLINE ? "U" : "", attr & A_DIM ? "D" : "");
		if (pair)
			colour_codes(pair, codes + strlen(codes), sizeof(codes) - strlen(codes));
		if (x == COLS)
			codes[0] = '\0';
		if (runs && strcmp(codes, run)) {
			if (run[0] && runs_used < runs_size)
				runs_used += (size_t)snprintf(runs + runs_used, runs_size - runs_used, "%s%d-%d:%s",
							      runs_used ? " " : "", run_start, x - 1, run);
			snprintf(run, sizeof(run), "%s", codes);
			run_start = x;
		}
		if (x == COLS || used + 8 >= size)
			break;
		used += utf8_encode(wc[0] ? (uint32_t)wc[0] : ' ', text + used);
		if (wc[0] != L' ')
			kept = used;
		if (width == 2)
			x++;
	}
	text[kept] = '\0';
	if (runs && runs_size)
		runs[runs_used < runs_size ? runs_used : runs_size - 1] = '\0';
}

/* Writes the screen as UTF-8 text, one line per row; with attributes, each
 * line ends with a tab and the row's attribute runs. */
static enum status save(const char *path, bool attributes, struct error *err)
{
	struct safe_file out;
	enum status status = safe_file_open(&out, path, SAFE_FILE_REPLACE, 0666, err);
	FILE *file = out.stream;
	int y;

	if (status)
		return status;
	for (y = 0; y < LINES; y++) {
		char text[4096], runs[2048];

		row_read(y, text, sizeof(text), attributes ? runs : NULL, sizeof(runs));
		if (attributes)
			fprintf(file, "%s\t%s\n", text, runs);
		else
			fprintf(file, "%s\n", text);
	}
	return safe_file_commit(&out, err);
}

enum status screen_save(const char *path, struct error *err)
{
	return save(path, false, err);
}

enum status screen_save_attributes(const char *path, struct error *err)
{
	return save(path, true, err);
}
