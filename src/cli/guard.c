/* What commands print passes through a guard. Control characters (but
 * line feed and tab), escape sequences and invalid UTF-8 in data become
 * visible placeholders, as on the screens, whether to a terminal, a pipe or
 * a file (a log read with less or cat must not ring or recolour the
 * terminal); to a terminal bidirectional controls too. When the locale's
 * character set is not UTF-8 (e.g. zh_CN.GB18030): the UTF-8 gradus writes
 * is converted to it, with <U+XXXX> for what it cannot show. Bytes in an
 * encoding of their own (CSV, iCalendar, HTML) bypass the guard, except to
 * a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gradus/cli/cli.h"
#include "gradus/text/charset.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"
#include "gradus/text/valid.h"

struct guard {
	FILE *to;
	bool terminal;           /* bidirectional controls too */
	struct charset *charset; /* the locale's, when not UTF-8 */
	char pending[4];         /* the start of a character cut by a write */
	size_t pending_len;
	char *scratch;           /* the sanitized text, reused */
	size_t scratch_size;
};

static const char replacement[] = "\xEF\xBF\xBD";
static FILE *unguarded_stdout;
static struct guard out_guard, err_guard;

/* Writes UTF-8 text, converted to the locale's character set when it is
 * not UTF-8 (as it is should memory run out). */
static void emit(struct guard *g, const char *s, size_t len)
{
	char *bytes = NULL;
	size_t bytes_len = 0;

	if (g->charset && !charset_from_utf8(g->charset, s, len, &bytes, &bytes_len, NULL)) {
		fwrite(bytes, 1, bytes_len, g->to);
		free(bytes);
		return;
	}
	fwrite(s, 1, len, g->to);
}

static bool scratch_room(struct guard *g, size_t size)
{
	char *grown;

	if (size <= g->scratch_size)
		return true;
	if (!(grown = realloc(g->scratch, size)))
		return false;
	g->scratch = grown;
	g->scratch_size = size;
	return true;
}

/* Writes s[0..len), which ends on a character's end, placeholders for
 * what must not reach a terminal (each at most 4 bytes for 1). */
static void put(struct guard *g, const char *s, size_t len)
{
	size_t at = 0, used = 0;

	if (!scratch_room(g, 4 * len + 1)) {
		emit(g, s, len);
		return;
	}
	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(s + at, len - at, &cp, &valid);
		const char *shown = s + at;
		size_t shown_len = n;

		if (!valid) {
			shown = replacement;
			shown_len = 3;
			n = 1;
		} else if (cp != '\n' && cp != '\t' && utf8_is_unsafe(cp) && (g->terminal || cp <= 0x9F)) {
			shown = utf8_placeholder(cp);
			shown_len = strlen(shown);
		}
		memcpy(g->scratch + used, shown, shown_len);
		used += shown_len;
		at += n ? n : 1;
	}
	emit(g, g->scratch, used);
}

/* The bytes a character starting with c takes. */
static size_t length_of(unsigned char c)
{
	return c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Bytes at the end of s[0..len) that begin a character not yet whole. */
static size_t cut_tail(const char *s, size_t len)
{
	size_t back;

	for (back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = (unsigned char)s[len - back];

		if ((c & 0xC0) != 0x80)
			return length_of(c) > back ? back : 0;
	}
	return 0;
}

/* Text is written in runs of whole characters; a character cut by a
 * write waits for the rest. */
static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct guard *g = cookie;
	size_t at = 0, tail;

	while (g->pending_len && at < size && ((unsigned char)buf[at] & 0xC0) == 0x80 &&
	       g->pending_len < length_of((unsigned char)g->pending[0]))
		g->pending[g->pending_len++] = buf[at++];
	if (g->pending_len && at == size && g->pending_len < length_of((unsigned char)g->pending[0]))
		return (ssize_t)size; /* still cut */
	if (g->pending_len) { /* whole now, or never to be */
		put(g, g->pending, g->pending_len);
		g->pending_len = 0;
	}
	tail = cut_tail(buf + at, size - at);
	put(g, buf + at, size - at - tail);
	memcpy(g->pending, buf + size - tail, tail);
	g->pending_len = tail;
	fflush(g->to);
	return (ssize_t)size;
}

static int guard_close(void *cookie)
{
	struct guard *g = cookie;

	put(g, g->pending, g->pending_len);
	free(g->scratch);
	g->scratch = NULL;
	g->scratch_size = 0;
	return fclose(g->to);
}

static FILE *guarded(FILE *stream, int fd, struct guard *g)
{
	cookie_io_functions_t io = { .write = guard_write, .close = guard_close };
	FILE *f;
	int copy;

	g->terminal = isatty(fd);
	g->charset = cli_locale_charset();
	if ((copy = dup(fd)) < 0)
		return stream;
	g->to = fdopen(copy, "w");
	if (!g->to || !(f = fopencookie(g, "w", io)))
		return stream;
	/* buffered as the stream it stands for: by line to a terminal and for
	 * errors, by block to a pipe or a file */
	if (g->terminal || fd == STDERR_FILENO)
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

void cli_guard_terminal(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	unguarded_stdout = stdout;
	stdout = guarded(stdout, STDOUT_FILENO, &out_guard);
	stderr = guarded(stderr, STDERR_FILENO, &err_guard);
}

void cli_unguard_stdout(void)
{
	FILE *guarded_stdout = stdout;

	if (!unguarded_stdout || stdout == unguarded_stdout)
		return;
	stdout = unguarded_stdout;
	fclose(guarded_stdout);
}

FILE *cli_stdout_as_is(void)
{
	fflush(stdout);
	return unguarded_stdout && (cli_locale_charset() || !out_guard.terminal) ? unguarded_stdout : stdout;
}

/* An argument as the message shows it: control characters as \xNN. */
static char *shown_controls(const char *text)
{
	char *shown = NULL;
	size_t size = 0, len = strlen(text), at = 0;
	FILE *out = open_memstream(&shown, &size);

	if (!out)
		return NULL;
	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(text + at, len - at, &cp, &valid);

		if (valid && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
			fprintf(out, "\\x%02X", (unsigned)cp);
		else
			fwrite(text + at, 1, n, out);
		at += n;
	}
	fclose(out);
	return shown;
}

int cli_arguments_are_text(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		struct text_problem problem;
		char *shown;

		if (!text_problem(argv[i], strlen(argv[i]), true, &problem))
			continue;
		shown = shown_controls(argv[i]);
		/* L10N: the argument's place on the command line, counted from 1 after
		 * gradus, the argument (control characters as \xNN), then the code
		 * point found and its place in characters */
		cli_error(_("argument %d \"%s\": U+%04X at character %zu is not text (a control character or a "
			    "noncharacter); nothing was done"),
			  i, shown ? shown : "", (unsigned)problem.cp, problem.character);
		free(shown);
		return 2;
	}
	return 0;
}
