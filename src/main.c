/* argv -> a full-screen session or one command. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/text/i18n.h"

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} commands[] = {
#define COMMAND(name, function) { #name, function },
#define USAGE(synopsis, description)
#include "gradus/cli/commands.def"
#undef COMMAND
#undef USAGE
};

/* Text is UTF-8 inside (when the locale's character set is another, the
 * arguments are converted from it and what is printed to it); a terminal
 * left in the plain C locale still gets wide characters through a UTF-8
 * character type. */
static void ensure_character_type(void)
{
	const char *codeset = nl_langinfo(CODESET);

	if (codeset && !strcmp(codeset, "ANSI_X3.4-1968"))
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* What the full screen's start takes of the heap, with room to spare: about
 * 1.1 MB at its peak (valgrind's massif) on the demo and the bench's
 * offices alike. */
enum { START_HEAP_BYTES = 1280 << 10 };

/* No command: the full-screen interface on what the CLI opened. */
static int run_tui(struct cli *cli)
{
	struct forms *forms = NULL;
	struct store *store = NULL;
	struct error err = { "" };
	int rc;

	cli_prefault_heap(START_HEAP_BYTES);
	rc = cli_tui_open(cli, &store, &forms);

	if (!rc && tui_run(&cli->tui, store, forms, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	} else if (!rc && err.message[0]) {
		cli_error("%s", err.message); /* a warning: what the closing screens could not say */
	}
	cli_close_all(&store, &forms);
	return rc;
}

int main(int argc, char **argv)
{
	double started = tui_clock_us();
	struct cli cli;
	int next, rc;
	size_t i;

	cli_keep_freed_memory();
	i18n_init();
	ensure_character_type();
	cli_guard_terminal();
	memset(&cli, 0, sizeof(cli));
	rc = cli_arguments_from_locale(argc, argv);
	if (!rc)
		rc = cli_arguments_are_text(argc, argv);
	if (!rc)
		rc = cli_parse_global(&cli, argc, argv, &next);
	cli.tui.started_us = started;
	if (rc)
		goto done;
	if (next == argc) {
		cli_unguard_stdout();
		rc = run_tui(&cli);
		goto done;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[next], commands[i].name)) {
			rc = commands[i].run(&cli, argc - next, argv + next);
			goto done;
		}
	cli_error(_("unknown command '%s' (see gradus --help)"), argv[next]);
	rc = 2;
done:
	cli_free(&cli);
	return rc;
}
