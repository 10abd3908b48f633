/* gradus sweep | user add/list | log */
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"

/* gradus sweep: the sweep at today's date by the system clock (the one
 * every command makes at its start, with its count). sweep --today D is a
 * preview: how many certifications will have lapsed by D if no review is
 * filed, and cultivations ended with no acceptance application; it writes
 * nothing, whatever D. */
int cli_sweep(struct cli *cli, int argc, char **argv)
{
	const char *today_text = NULL;
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	struct date on;
	struct sweep_counts counts = { 0, 0 };
	int rc;

	if (cli_today_only(argc, argv, "sweep", &today_text, &on))
		return 2;
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && (today_text ? case_sweep_preview(store, forms, on, &counts, &err)
			       : case_sweep(store, forms, &counts, &err))) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc && today_text)
		printf(ngettext("%zu certification will have expired by %s with no review filed, if none is filed before "
				"(a preview: nothing was cancelled)\n",
				"%zu certifications will have expired by %s with no review filed, if none is filed before "
				"(a preview: nothing was cancelled)\n", counts.cancelled),
		       counts.cancelled, today_text);
	else if (!rc)
		printf(ngettext("%zu certification cancelled: expired with no review filed\n",
				"%zu certifications cancelled: expired with no review filed\n", cli->swept + counts.cancelled),
		       cli->swept + counts.cancelled);
	/* Said only when there are some: the line above is what scripts read. */
	if (!rc && today_text && counts.lapsed)
		printf(ngettext("%zu cultivation will have ended by %s with no acceptance application, if none is filed "
				"before (a preview: nothing was marked)\n",
				"%zu cultivations will have ended by %s with no acceptance application, if none is filed "
				"before (a preview: nothing was marked)\n", counts.lapsed),
		       counts.lapsed, today_text);
	else if (!rc && cli->swept_cultivations + counts.lapsed)
		printf(ngettext("%zu cultivation marked lapsed: ended with no acceptance application, awaiting extension "
				"or termination\n",
				"%zu cultivations marked lapsed: ended with no acceptance application, awaiting extension "
				"or termination\n", cli->swept_cultivations + counts.lapsed),
		       cli->swept_cultivations + counts.lapsed);
	cli_close_all(&store, &forms);
	return rc;
}

static int user_list(struct store *store)
{
	struct user_row *rows = NULL;
	struct error err = { "" };
	size_t count = 0, i;

	if (store_users(store, &rows, &count, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	for (i = 0; i < count; i++)
		printf("%s\t%s\t%s\n", rows[i].login, rows[i].role, rows[i].created_at);
	user_rows_free(rows, count);
	return 0;
}

int cli_user(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct error err = { "" };
	int rc;

	if (!(argc == 4 && !strcmp(argv[1], "add")) && !(argc == 2 && !strcmp(argv[1], "list"))) {
		cli_error("%s", _("usage: gradus user add LOGIN admin|clerk|inspector|secretary | gradus user list"));
		return 2;
	}
	rc = cli_open_store(cli, !strcmp(argv[1], "add") ? STORE_OPEN_OR_CREATE : STORE_OPEN_EXISTING, &store);
	if (!rc && !strcmp(argv[1], "list")) {
		rc = user_list(store);
	} else if (!rc && store_user_add(store, argv[2], argv[3], &err)) {
		cli_error("%s", err.message);
		rc = 1;
	} else if (!rc) {
		printf(_("%s is %s\n"), argv[2], label_role(argv[3]));
	}
	store_close(&store);
	return rc;
}

static const char *shown(const char *text)
{
	return text ? cli_tsv(text) : "∅";
}

int cli_log(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct history_row *rows = NULL;
	struct error err = { "" };
	size_t count = 0, i;
	int rc;

	if (argc != 2) {
		cli_error("%s", _("usage: gradus log ID|NUMBER"));
		return 2;
	}
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc && store_case_history(store, argv[1], &rows, &count, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	for (i = 0; !rc && i < count; i++)
		printf("%lld\t%s\t%s\t%s.%s\t%s\t%s\t%s\n", rows[i].seq, rows[i].at, rows[i].actor, rows[i].table,
		       rows[i].field, shown(rows[i].old), shown(rows[i].new), rows[i].row_id);
	history_rows_free(rows, count);
	store_close(&store);
	return rc;
}
