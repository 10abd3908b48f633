/* The command line: global options and one function per subcommand. Each
 * returns the process exit status (0 ok, 1 failure, 2 usage). */
#ifndef GRADUS_CLI_H
#define GRADUS_CLI_H

#include <stdbool.h>

#include "gradus/dates.h"
#include "gradus/forms.h"
#include "gradus/store.h"
#include "gradus/tui.h"

struct cli {
	const char *db_path;      /* --db, else the XDG default */
	const char *forms_dir;    /* --forms */
	struct date today;        /* --today, GRADUS_TODAY, else the clock */
	bool demo_if_new;         /* --demo-if-new: make run's first start */
	struct tui_options tui;
	char *default_db;         /* owned */
	char *found_forms;        /* owned: the forms folder in use */
};

/* Parses the global options; *next is the index of the command (argc if none). */
int cli_parse_global(struct cli *cli, int argc, char **argv, int *next);
void cli_free(struct cli *cli);
void cli_usage(FILE *out);

/* Shared by the subcommands (common.c). */
const char *cli_forms_dir(struct cli *cli);
int cli_load_forms(struct cli *cli, struct forms **forms);
int cli_open_store(struct cli *cli, enum store_mode mode, struct store **store);
const char *cli_actor(void);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cli_tui(struct cli *cli);
int cli_init(struct cli *cli, int argc, char **argv);
int cli_forms(struct cli *cli, int argc, char **argv);
int cli_uscc(struct cli *cli, int argc, char **argv);
int cli_dates(struct cli *cli, int argc, char **argv);
int cli_case(struct cli *cli, int argc, char **argv);
int cli_verify(struct cli *cli, int argc, char **argv);

#endif
