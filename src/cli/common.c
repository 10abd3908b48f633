/* What every subcommand shares: global options, finding the forms, opening
 * the database, reporting errors. */
#include <langinfo.h>
#include <malloc.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gradus/cli/cli.h"
#include "gradus/core/clock.h"
#include "gradus/store/authority.h"
#include "gradus/store/cases.h"
#include "gradus/text/charset.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("gradus: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

struct charset *cli_locale_charset(void)
{
	static struct charset *charset;
	static bool looked;
	const char *name;

	if (looked)
		return charset;
	looked = true;
	name = nl_langinfo(CODESET);
	if (name && *name && !charset_is_utf8(name) && charset_open(name, &charset, NULL))
		charset = NULL;
	return charset;
}

/* The arguments converted, each beside the bytes typed. */
static struct {
	const char *typed, *text;
} *converted;
static size_t converted_count;

const char *cli_path(const char *argument)
{
	size_t i;

	for (i = 0; i < converted_count; i++)
		if (converted[i].text == argument)
			return converted[i].typed;
	return argument;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* An argument that is not text in the charset, readable: what converts as
 * UTF-8, each byte that does not as \xNN. Caller frees. */
static char *shown_argument(struct charset *charset, const char *typed)
{
	char *shown = NULL, *text;
	size_t size = 0, len = strlen(typed), at = 0, bad, text_len;
	FILE *out = open_memstream(&shown, &size);

	if (!out)
		return NULL;
	while (at < len) {
		bad = len - at;
		if (!charset_to_utf8(charset, typed + at, len - at, &text, &text_len, &bad, NULL)) {
			fputs(text, out);
			free(text);
			break;
		}
		if (bad && !charset_to_utf8(charset, typed + at, bad, &text, &text_len, NULL, NULL)) {
			fputs(text, out);
			free(text);
		}
		fprintf(out, "\\x%02X", (unsigned char)typed[at + bad]);
		at += bad + 1;
	}
	fclose(out);
	return shown;
}

static int refuse_argument(struct charset *charset, int index, const char *typed, const struct error *err)
{
	char *shown = shown_argument(charset, typed);

	/* L10N: the argument's place on the command line, counted from 1 after
	 * gradus, the argument (bytes that are not text as \xNN), the character set
	 * (e.g. GB18030), then what was wrong (byte 0xNN at byte N: ...) */
	cli_error(_("argument %d \"%s\" is not %s text: %s; nothing was done "
		    "(the terminal and the locale, LANG or LC_ALL, must use the same character set)"),
		  index, shown ? shown : "", charset_name(charset), err->message);
	free(shown);
	return 2;
}

/* Under a UTF-8 locale the arguments are only checked: text that is not
 * UTF-8 is refused as it would be in another character set. */
static int check_utf8_argument(int index, const char *typed)
{
	struct charset *utf8 = NULL;
	struct error err = { "" };
	char *text = NULL;
	size_t len;
	int rc = 0;

	if (utf8_is_valid(typed, strlen(typed)))
		return 0;
	if (charset_open("UTF-8", &utf8, &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	if (charset_to_utf8(utf8, typed, strlen(typed), &text, &len, NULL, &err))
		rc = refuse_argument(utf8, index, typed, &err);
	free(text);
	charset_close(&utf8);
	return rc;
}

int cli_arguments_from_locale(int argc, char **argv)
{
	struct charset *charset = cli_locale_charset();
	int i, rc;

	for (i = 1; i < argc; i++) {
		struct error err = { "" };
		char *text = NULL;
		size_t len;
		void *grown;

		if (is_ascii(argv[i]))
			continue;
		if (!charset) {
			if ((rc = check_utf8_argument(i, argv[i])))
				return rc;
			continue;
		}
		if (charset_to_utf8(charset, argv[i], strlen(argv[i]), &text, &len, NULL, &err))
			return refuse_argument(charset, i, argv[i], &err);
		if (!(grown = realloc(converted, (converted_count + 1) * sizeof(*converted)))) {
			free(text);
			cli_error("%s", _("out of memory"));
			return 1;
		}
		converted = grown;
		converted[converted_count].typed = argv[i];
		converted[converted_count++].text = text;
		argv[i] = text;
	}
	return 0;
}

const char *cli_tsv(const char *text)
{
	static char *ring[8];
	static size_t next;
	const char *p;
	char *out, *q;

	if (!text)
		return "";
	if (!strpbrk(text, "\\\t\n\r"))
		return text;
	out = malloc(2 * strlen(text) + 1);
	if (!out)
		return "";
	for (p = text, q = out; *p; p++) {
		const char *escape = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;

		if (escape) {
			*q++ = escape[0];
			*q++ = escape[1];
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	free(ring[next]);
	ring[next] = out;
	next = (next + 1) % (sizeof(ring) / sizeof(*ring));
	return out;
}

/* The lines of --help, from commands.def. */
static const struct {
	const char *synopsis, *description;
} usage_lines[] = {
#define COMMAND(name, function)
#define USAGE(synopsis, description) { synopsis, description },
#include "gradus/cli/commands.def"
#undef COMMAND
#undef USAGE
};

/* One command's line: the synopsis, then its description from column 33
 * (on the next line when the synopsis is wider), in display cells. */
static void usage_line(FILE *out, const char *synopsis, const char *description)
{
	enum { DESCRIPTION_COLUMN = 32 };
	int width = 2 + utf8_width(synopsis);
	const char *line = description;

	fprintf(out, "  %s", synopsis);
	if (width > DESCRIPTION_COLUMN - 2) {
		fputc('\n', out);
		width = 0;
	}
	while (*line) {
		const char *end = strchr(line, '\n');
		int length = end ? (int)(end - line) : (int)strlen(line);

		fprintf(out, "%*s%.*s\n", DESCRIPTION_COLUMN - width, "", length, line);
		width = 0;
		line += length + (end != NULL);
	}
}

void cli_usage(FILE *out)
{
	size_t i;

	fprintf(out, "%s",
		_("Usage: gradus [OPTIONS] [COMMAND [ARGS]]\n"
		  "Case management for the Smart Factory Gradient Cultivation programme.\n"
		  "Without a command, opens the full-screen case list.\n"
		  "\n"
		  "Options:\n"
		  "  --db PATH            database file (default $XDG_DATA_HOME/gradus/gradus.db)\n"
		  "  --forms DIR          forms folder (default $GRADUS_FORMS, the source tree's, the installed one)\n"
		  "  --today YYYY-MM-DD   show as of this date (also GRADUS_TODAY)\n"
		  "  --no-color           no colours (also NO_COLOR)\n"
		  "  --script FILE        play keystrokes from FILE on an off-screen terminal\n"
		  "  --size COLSxLINES    size of that terminal (default 80x24)\n"
		  "  --demo-if-new        create the demo database when the file does not exist\n"
		  "  --help, --version\n"
		  "\n"
		  "Commands:\n"));
	for (i = 0; i < sizeof(usage_lines) / sizeof(usage_lines[0]); i++)
		usage_line(out, _(usage_lines[i].synopsis), _(usage_lines[i].description));
}

static int parse_size(struct cli *cli, const char *text)
{
	int columns, lines;
	char extra;

	if (sscanf(text, "%dx%d%c", &columns, &lines, &extra) != 2 || columns < 10 || lines < 3 ||
	    columns > 1000 || lines > 500) {
		cli_error(_("--size %s: expected COLUMNSxLINES, e.g. 80x24"), text);
		return 2;
	}
	cli->tui.columns = columns;
	cli->tui.lines = lines;
	return 0;
}

static int set_today(struct cli *cli, const char *text, const char *source)
{
	struct error err;

	if (date_parse_named(source, text, &cli->today, &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	return 0;
}

int cli_parse_global(struct cli *cli, int argc, char **argv, int *next)
{
	const char *env_today = getenv("GRADUS_TODAY");
	int i, rc = 0;

	memset(cli, 0, sizeof(*cli));
	cli->today = clock_today();
	if (env_today && *env_today && (rc = set_today(cli, env_today, "GRADUS_TODAY")))
		return rc;
	for (i = 1; i < argc && argv[i][0] == '-' && !rc; i++) {
		const char *opt = argv[i];
		bool has_value = i + 1 < argc;

		if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
			cli_usage(stdout);
			exit(0);
		} else if (!strcmp(opt, "--version")) {
			printf("gradus %s\n", GRADUS_VERSION);
			exit(0);
		} else if (!strcmp(opt, "--no-color") || !strcmp(opt, "--no-colour")) {
			cli->tui.no_color = true;
		} else if (!strcmp(opt, "--demo-if-new")) {
			cli->demo_if_new = true;
		} else if (!has_value && (!strcmp(opt, "--db") || !strcmp(opt, "--forms") || !strcmp(opt, "--today") ||
					  !strcmp(opt, "--script") || !strcmp(opt, "--size"))) {
			cli_error(_("%s needs a value"), opt);
			rc = 2;
		} else if (!strcmp(opt, "--db")) {
			cli->db_path = argv[++i];
		} else if (!strcmp(opt, "--forms")) {
			cli->forms_dir = argv[++i];
		} else if (!strcmp(opt, "--today")) {
			rc = set_today(cli, argv[++i], "--today");
		} else if (!strcmp(opt, "--script")) {
			cli->tui.script = cli_path(argv[++i]);
		} else if (!strcmp(opt, "--size")) {
			rc = parse_size(cli, argv[++i]);
		} else {
			cli_error(_("unknown option %s (see gradus --help)"), opt);
			rc = 2;
		}
	}
	*next = i;
	if (!rc && !cli->db_path) {
		cli->default_db = store_default_path();
		cli->db_path = cli->default_db;
		if (!cli->db_path) {
			cli_error("out of memory");
			rc = 1;
		}
	}
	return rc;
}

void cli_free(struct cli *cli)
{
	free(cli->default_db);
	free(cli->found_forms);
	cli->default_db = cli->found_forms = NULL;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --forms, then $GRADUS_FORMS, then the source tree's forms/, then the installed ones. */
const char *cli_forms_dir(struct cli *cli)
{
	const char *env = getenv("GRADUS_FORMS");

	if (cli->forms_dir)
		return cli->forms_dir;
	if (env && *env)
		return env;
	if (is_dir(GRADUS_SOURCE_DIR "/forms"))
		return GRADUS_SOURCE_DIR "/forms";
	return GRADUS_DATADIR "/forms";
}

int cli_load_forms(struct cli *cli, struct forms **forms)
{
	const char *dir = cli_path(cli_forms_dir(cli));
	struct error err = { "" };
	enum status status = cli->lazy_checklists ? forms_load_lazy(dir, forms, &err) : forms_load(dir, forms, &err);

	if (status) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}

/* The account in the password database, never $USER or $LOGNAME (anyone
 * can set those): NULL when the uid has none, and then the store writes
 * nothing. */
const char *cli_actor(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : NULL;
}

int cli_open_store(struct cli *cli, enum store_mode mode, struct store **store)
{
	const char *group = cli->group ? cli->group : getenv("GRADUS_GROUP");
	struct error err = { "" };

	if (mode == STORE_OPEN_OR_CREATE && group && *group && store_share(cli_path(cli->db_path), group, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	if (store_open(cli_path(cli->db_path), mode, cli_actor(), cli->today, store, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}

void cli_sweep_notice(const struct cli *cli, char *out, size_t size)
{
	size_t used = 0;

	*out = '\0';
	if (cli->swept)
		used = (size_t)snprintf(out, size,
			ngettext("%zu certification expired with no review filed and was cancelled (gradus agenda, gradus log)",
				 "%zu certifications expired with no review filed and were cancelled (gradus agenda, gradus log)",
				 cli->swept),
			cli->swept);
	if (cli->swept_cultivations && used < size)
		snprintf(out + used, size - used, "%s", used ? _("; ") : "");
	used = strlen(out);
	if (cli->swept_cultivations && used < size)
		/* L10N: the start's sweep: cultivations (领航级培育) past their end with no acceptance
		 * application, now in the state 培育期满未申请验收 */
		snprintf(out + used, size - used,
			 ngettext("%zu cultivation ended with no acceptance application: extend or terminate it (gradus agenda)",
				  "%zu cultivations ended with no acceptance application: extend or terminate them (gradus agenda)",
				  cli->swept_cultivations),
			 cli->swept_cultivations);
}

int cli_open_all(struct cli *cli, enum store_mode mode, struct store **store, struct forms **forms)
{
	struct error err = { "" };
	struct sweep_counts swept = { 0, 0 };
	char notice[512];
	int rc;

	*store = NULL;
	rc = cli_load_forms(cli, forms);
	if (!rc)
		rc = cli_open_store(cli, mode, store);
	if (!rc)
		authority_use_forms(*store, *forms);
	if (!rc && store_may_write(*store) && case_sweep(*store, *forms, &swept, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	cli->swept = swept.cancelled;
	cli->swept_cultivations = swept.lapsed;
	cli_sweep_notice(cli, notice, sizeof(notice));
	if (!rc && *notice)
		cli_error("%s", notice);
	if (rc)
		cli_close_all(store, forms);
	return rc;
}

void cli_close_all(struct store **store, struct forms **forms)
{
	store_close(store);
	forms_free(forms);
}

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad)
{
	if (strcmp(argv[*i], name))
		return false;
	if (*i + 1 >= argc) {
		cli_error(_("%s needs a value"), name);
		*bad = true;
		return true;
	}
	*value = argv[++*i];
	return true;
}

/* A character as \\uXXXX (a pair of them past U+FFFF): JSON that stays
 * ASCII, and so the same in every locale's character set. Returns the bytes
 * it took. */
static size_t json_escape_character(FILE *out, const char *s)
{
	uint32_t cp;
	bool valid;
	size_t n = utf8_decode(s, strlen(s), &cp, &valid);

	if (cp > 0xFFFF)
		fprintf(out, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
	else
		fprintf(out, "\\u%04x", cp);
	return n;
}

void cli_json_string(FILE *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	if (!text) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else if (*p >= 0x80 && (cli_locale_charset() || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)))
			p += json_escape_character(out, (const char *)p) - 1;
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* A date typed as the office writes it (2026-03-05, 2026/3/5, 2026.3.5,
 * 2026年3月5日), the option named in the message. */
static enum status parse_typed_date(const char *option, const char *text, struct date *out, struct error *err)
{
	struct error why = { "" };

	if (!date_parse_office(text, out, &why))
		return STATUS_OK;
	/* L10N: the option (e.g. --on), then what is wrong with the date given to it */
	return error_set(err, STATUS_ERR_INVALID, _("%s: %s"), option, why.message);
}

int cli_date_argument(const char *option, const char *text, struct date *out)
{
	struct error err = { "" };

	if (!text)
		return 0;
	if (parse_typed_date(option, text, out, &err) || date_check_range(option, *out, clock_today(), &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	return 0;
}

int cli_date_text(const char *option, const char **text, char out[DATE_TEXT_SIZE])
{
	struct date day;
	int rc = cli_date_argument(option, *text, &day);

	if (!rc && *text) {
		date_format(day, out);
		*text = out;
	}
	return rc;
}

int cli_as_of_argument(const char *option, const char *text, struct date *out)
{
	struct error err = { "" };

	if (text && date_parse_named(option, text, out, &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	return 0;
}

int cli_today_only(int argc, char **argv, const char *command, const char **text, struct date *on)
{
	bool bad = false;
	int i;

	*text = NULL;
	for (i = 1; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--today", text, &bad)) {
			/* L10N: a command (gradus summary, gradus sweep), then what it did not expect */
			cli_error(_("%s: unknown argument %s"), command, argv[i]);
			return 2;
		}
	return bad ? 2 : cli_as_of_argument("--today", *text, on);
}

void cli_keep_freed_memory(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
	/* the mapping threshold fixed too: setting the trim's stops glibc
	 * from adjusting it, and it would stay at 128 KiB */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

void cli_prefault_heap(size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
	long page = sysconf(_SC_PAGESIZE);
	char *block = page > 0 ? malloc(bytes) : NULL;
	uintptr_t from, to;

	if (!block)
		return;
	from = (uintptr_t)block & ~(uintptr_t)(page - 1);
	to = ((uintptr_t)block + bytes + (uintptr_t)page - 1) & ~(uintptr_t)(page - 1);
	/* page tables only, the bytes as they are; an older kernel says
	 * EINVAL and the pages fault in one by one as before */
	madvise((void *)from, to - from, MADV_POPULATE_WRITE);
	free(block); /* back to the heap's top, kept there (cli_keep_freed_memory) */
#else
	(void)bytes;
#endif
}
