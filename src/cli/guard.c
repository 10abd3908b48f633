/* What commands print to a terminal passes through a guard: control
 * characters, escape sequences, bidirectional controls and invalid UTF-8
 * in data become visible placeholders, as on the screens, and never reach
 * the terminal. Output to a file or a pipe is left as it is. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gradus/cli.h"
#include "gradus/utf8.h"

struct guard {
	FILE *to;
	char pending[4]; /* the start of a character cut by a write */
	size_t pending_len;
};

static const char replacement[] = "\xEF\xBF\xBD";

/* Writes s[0..len), which ends on a character's end, placeholders for
 * what must not reach the terminal. */
static void put(struct guard *g, const char *s, size_t len)
{
	size_t at = 0;

	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(s + at, len - at, &cp, &valid);

		if (!valid)
			fputs(replacement, g->to);
		else if (cp == '\n' || cp == '\t' || !utf8_is_unsafe(cp))
			fwrite(s + at, 1, n, g->to);
		else
			fputs(utf8_placeholder(cp), g->to);
		at += n ? n : 1;
	}
}

/* The bytes a character starting with c takes. */
static size_t length_of(unsigned char c)
{
	return c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Bytes gather until a character is whole (a write may cut one). */
static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct guard *g = cookie;
	size_t i;

	for (i = 0; i < size; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (g->pending_len && (c & 0xC0) != 0x80) { /* a cut character never finished */
			put(g, g->pending, g->pending_len);
			g->pending_len = 0;
		}
		g->pending[g->pending_len++] = (char)c;
		if (g->pending_len >= length_of((unsigned char)g->pending[0])) {
			put(g, g->pending, g->pending_len);
			g->pending_len = 0;
		}
	}
	fflush(g->to);
	return (ssize_t)size;
}

static int guard_close(void *cookie)
{
	struct guard *g = cookie;

	put(g, g->pending, g->pending_len);
	return fclose(g->to);
}

static FILE *guarded(FILE *stream, int fd, struct guard *g)
{
	cookie_io_functions_t io = { .write = guard_write, .close = guard_close };
	FILE *f;
	int copy;

	if (!isatty(fd) || (copy = dup(fd)) < 0)
		return stream;
	g->to = fdopen(copy, "w");
	if (!g->to || !(f = fopencookie(g, "w", io)))
		return stream;
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

void cli_guard_terminal(void)
{
	static struct guard out, err;

	stdout = guarded(stdout, STDOUT_FILENO, &out);
	stderr = guarded(stderr, STDERR_FILENO, &err);
}
