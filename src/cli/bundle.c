/* gradus bundle out|in: visit bundles; gradus conflicts [resolve ID
 * office|bundle]: the fields changed on both sides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/forms/labels.h"
#include "gradus/store/bundle.h"
#include "gradus/text/i18n.h"

static int bundle_usage(void)
{
	cli_error("%s", _("usage: gradus bundle out --cases ID,ID [--inspector LOGIN] -o FILE\n"
			  "       gradus bundle in FILE"));
	return 2;
}

/* The comma-separated keys of --cases, in place. */
static size_t split_cases(char *list, const char **keys, size_t max)
{
	size_t count = 0;
	char *save = NULL, *key;

	for (key = strtok_r(list, ",", &save); key && count < max; key = strtok_r(NULL, ",", &save))
		if (*key)
			keys[count++] = key;
	return count;
}

static int bundle_out_command(struct cli *cli, int argc, char **argv)
{
	const char *cases = NULL, *inspector = NULL, *path = NULL, **keys = NULL;
	struct store *store = NULL;
	struct error err = { "" };
	char *list = NULL;
	bool bad = false;
	size_t count;
	int i, rc;

	for (i = 2; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--cases", &cases, &bad) &&
		    !cli_option(argc, argv, &i, "--inspector", &inspector, &bad) &&
		    !cli_option(argc, argv, &i, "-o", &path, &bad))
			return bundle_usage();
	if (bad || !cases || !path)
		return bundle_usage();
	list = strdup(cases);
	keys = calloc(strlen(cases) + 1, sizeof(*keys));
	if (!list || !keys) {
		free(list);
		free(keys);
		cli_error("out of memory");
		return 1;
	}
	count = split_cases(list, keys, strlen(cases) + 1);
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc && bundle_out(store, keys, count, inspector, cli_path(path), &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		/* L10N: after bundle out: the file, then how the inspector opens it */
		printf(_("%s: bundle written; open it with gradus --db %s\n"), path, path);
	store_close(&store);
	free(list);
	free(keys);
	return rc;
}

static void print_value(const char *text);

/* Each change of the bundle the office refused: one line, with its reason. */
static int print_refused(struct store *store, const struct bundle_result *result)
{
	struct conflict_row *rows = NULL;
	struct error err = { "" };
	size_t count = 0, i;

	/* L10N: after bundle in: how many of the bundle's changes the office refused */
	printf(_("%ld changes refused, kept as conflicts with their reason (gradus conflicts):\n"), result->refused);
	if (conflict_list(store, false, &rows, &count, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	for (i = 0; i < count; i++) {
		if (!rows[i].reason || strcmp(rows[i].bundle_id, result->bundle_id))
			continue;
		printf("  %s\t%s\t%s\t", rows[i].table, rows[i].label ? rows[i].label : rows[i].row_id, rows[i].field);
		print_value(rows[i].bundle);
		putchar('\t');
		print_value(rows[i].reason);
		putchar('\n');
	}
	conflict_rows_free(rows, count);
	return 0;
}

static int bundle_in_command(struct cli *cli, const char *path)
{
	struct bundle_result result = { 0 };
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	/* with the forms: which states close a case is theirs */
	int rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);

	if (!rc && bundle_in(store, cli_path(path), &result, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc && result.already)
		printf(_("%s: already applied: nothing changed\n"), path);
	else if (!rc)
		/* L10N: after bundle in: the file, recorded changes applied, rows added, fields written, rows
		 * deleted, conflicts */
		printf(_("%s: applied %ld changes: %ld rows added, %ld fields written, %ld rows deleted, "
			 "%ld conflicts (gradus conflicts)\n"),
		       path, result.changes, result.inserted, result.updated, result.deleted, result.conflicts);
	if (!rc && result.refused)
		rc = print_refused(store, &result);
	cli_close_all(&store, &forms);
	return rc;
}

int cli_bundle(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "out"))
		return bundle_out_command(cli, argc, argv);
	if (argc == 3 && !strcmp(argv[1], "in"))
		return bundle_in_command(cli, argv[2]);
	return bundle_usage();
}

static void print_value(const char *text)
{
	const char *p;

	/* One line per conflict: tabs and newlines in values shown escaped. */
	for (p = text ? text : ""; *p; p++)
		if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else
			putchar(*p);
}

static int conflicts_list(struct store *store, bool all)
{
	struct conflict_row *rows = NULL;
	struct error err = { "" };
	size_t count = 0, i;

	if (conflict_list(store, all, &rows, &count, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	for (i = 0; i < count; i++) {
		printf("%s\t%s\t%s\t%s\t", rows[i].id, rows[i].table, rows[i].label ? rows[i].label : rows[i].row_id,
		       rows[i].field);
		print_value(rows[i].office);
		putchar('\t');
		print_value(rows[i].bundle);
		if (all) {
			printf("\t%s\t", rows[i].status);
			print_value(rows[i].resolved_value);
		}
		if (rows[i].reason) {
			putchar('\t');
			print_value(rows[i].reason);
		}
		putchar('\n');
	}
	conflict_rows_free(rows, count);
	return 0;
}

int cli_conflicts(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct error err = { "" };
	bool all = argc == 2 && !strcmp(argv[1], "--all");
	bool resolve = argc == 4 && !strcmp(argv[1], "resolve") &&
		       (!strcmp(argv[3], "office") || !strcmp(argv[3], "bundle"));
	int rc;

	if (argc != 1 && !all && !resolve) {
		cli_error("%s", _("usage: gradus conflicts [--all] | gradus conflicts resolve ID office|bundle"));
		return 2;
	}
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc && !resolve)
		rc = conflicts_list(store, all);
	else if (!rc && conflict_resolve(store, argv[2], !strcmp(argv[3], "bundle"), &err)) {
		cli_error("%s", err.message);
		rc = 1;
	} else if (!rc) {
		/* L10N: after conflicts resolve: the conflict, then the side kept (the office, the bundle) */
		printf(_("conflict %s resolved: the value of %s kept\n"), argv[2], label_side(argv[3]));
	}
	store_close(&store);
	return rc;
}
