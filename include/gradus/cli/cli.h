/* The command line: global options and one function per subcommand. Each
 * returns the process exit status (0 ok, 1 failure, 2 usage). */
#ifndef GRADUS_CLI_H
#define GRADUS_CLI_H

#include <stdbool.h>

#include "gradus/core/dates.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"
#include "gradus/tui/tui.h"

struct cli {
	const char *db_path;      /* --db, else the XDG default */
	const char *forms_dir;    /* --forms */
	struct date today;        /* as of: --today, GRADUS_TODAY, else the clock (shown, and the default business date) */
	bool demo_if_new;         /* --demo-if-new: make run's first start */
	bool lazy_checklists;     /* the full-screen interface: forms_load_lazy(), checklists read when a check is planned */
	const char *group;        /* init --group: the office group sharing a new database */
	struct tui_options tui;
	char *default_db;         /* owned */
	char *found_forms;        /* owned: the forms folder in use */
	size_t swept;             /* certifications the start's sweep cancelled */
	size_t swept_cultivations; /* cultivations the start's sweep marked lapsed */
	char notice[512];         /* the start's sweep in a line, for the TUI */
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
/* Loads the forms, opens the database and sweeps lapsed certifications as
 * of today (gradus sweeps at every start; a read-only database is not). */
int cli_open_all(struct cli *cli, enum store_mode mode, struct store **store, struct forms **forms);
/* What the start's sweep did, in a line (empty when it did nothing). */
void cli_sweep_notice(const struct cli *cli, char *out, size_t size);
void cli_close_all(struct store **store, struct forms **forms);
/* "--name VALUE" at argv[*i]: true (and *value set, *i advanced) when it is;
 * a missing value is reported and *bad set. */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad);
/* The date given to an option, when given (text not NULL), as the office
 * writes it (date_parse_office: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日):
 * 2 and a message naming the option when it is not a date, or not one a
 * record may carry (date_check_range: 2015-01-01 to ten years after today). */
int cli_date_argument(const char *option, const char *text, struct date *out);
/* cli_date_argument for a date passed on as text: *text then points to out,
 * the day as YYYY-MM-DD. */
int cli_date_text(const char *option, const char **text, char out[DATE_TEXT_SIZE]);
/* The same for an "as of" date (--today): any calendar day, since it only
 * changes what is shown and the defaults of the dates typed in. */
int cli_as_of_argument(const char *option, const char *text, struct date *out);
/* The arguments of a command whose one option is --today D (summary,
 * sweep): *text is D as typed (NULL when not given) and *on its day, left as
 * it was when not given; 2 after saying what is wrong ("COMMAND: unknown
 * argument X" for a stray one). */
int cli_today_only(int argc, char **argv, const char *command, const char **text, struct date *on);
/* A JSON string literal of UTF-8 text (NULL prints null). */
void cli_json_string(FILE *out, const char *text);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A text as one TSV field: NULL is empty; a backslash, tab, line feed and
 * carriage return are written \\, \t, \n and \r, so a multi-line note stays on
 * its row. The text itself when it needs none; else a copy that lives until
 * eight more fields have been escaped. */
const char *cli_tsv(const char *text);

/* gradus without a command: the forms and database opened (the demo made
 * on a first start with --demo-if-new, the sweep's notice in cli->tui) for
 * main.c to run the TUI on; closed again on failure. */
int cli_tui_open(struct cli *cli, struct store **store, struct forms **forms);
/* The commands (gradus/commands.def), one function each. */
#define COMMAND(name, function) int function(struct cli *cli, int argc, char **argv);
#define USAGE(synopsis, description)
#include "gradus/cli/commands.def"
#undef COMMAND
#undef USAGE
/* Output to a terminal shows control characters, escape sequences,
 * bidirectional controls and invalid UTF-8 as placeholders; and when the
 * locale's character set is not UTF-8 (e.g. zh_CN.GB18030), everything
 * written to stdout and stderr, a terminal or not, is converted to it
 * (guard.c). The full-screen interface takes stdout back unguarded first
 * (ncursesw converts by itself). */
void cli_guard_terminal(void);
/* Memory a statement frees is kept for the next rather than given back to
 * the system at once (common.c): glibc trims the heap's top whenever
 * 128 KiB of it are free, and a query's sorter or search index buffers are
 * more than that, so every key of a search shrank the heap (a TLB flush on
 * each processor) and grew it again page by page (a fault each): three
 * quarters of a rare term's search. Up to 16 MiB freed at the top are kept,
 * never more than the peak already took; blocks of 4 MiB and more are
 * mapped and unmapped alone. */
void cli_keep_freed_memory(void);
/* The heap a session's start uses (bytes), its pages mapped by one call
 * rather than by a page fault each (common.c): the forms, SQLite's schema
 * and page cache and curses' windows touch about a megabyte of heap before
 * the first screen, some 250 pages, and a fault costs up to 10 us on a
 * virtual machine (the shared terminal server, the CI). Measured on one,
 * start-up to the first screen: 201 page faults instead of 453, 12.8 ms
 * instead of 14.1 (median of 60 starts each, by turns with the binary
 * before; the sqlite3 shell with the same statements 9.9). Called after
 * cli_keep_freed_memory, which keeps the block at the heap's top once
 * freed. */
void cli_prefault_heap(size_t bytes);
void cli_unguard_stdout(void);
/* Standard output as it was before the guard, flushed: for bytes in an
 * encoding of their own (CSV with --encoding, iCalendar, HTML), which the
 * locale's character set must not convert. */
FILE *cli_stdout_as_is(void);
/* The locale's character set when it is not UTF-8 (NULL when it is). */
struct charset *cli_locale_charset(void);
/* Converts the arguments from the locale's character set to UTF-8 in place
 * (argv[i] then points to the UTF-8 copy; under a UTF-8 locale they are
 * only checked); 2 and a message naming the argument when one is not text
 * in that character set. */
int cli_arguments_from_locale(int argc, char **argv);
/* 2 and a message naming the argument when one holds a control character
 * (but line feed, CR LF and tab) or a noncharacter (after the conversion). */
int cli_arguments_are_text(int argc, char **argv);
/* The bytes the user typed for an argument converted by
 * cli_arguments_from_locale (a file name is opened by those bytes); any
 * other text as it is. */
const char *cli_path(const char *argument);

#endif
