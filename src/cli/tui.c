/* gradus (no command): the full-screen interface. */
#include <stdio.h>
#include <sys/stat.h>

#include "gradus/cases.h"
#include "gradus/cli.h"
#include "gradus/i18n.h"

int cli_tui(struct cli *cli)
{
	struct forms *forms = NULL;
	struct store *store = NULL;
	struct error err = { "" };
	char notice[512];
	struct stat st;
	bool is_new = stat(cli_path(cli->db_path), &st) != 0;
	int rc;

	rc = cli_open_all(cli, cli->demo_if_new ? STORE_OPEN_OR_CREATE : STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && cli->demo_if_new && is_new && case_create_demo(store, forms, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	cli_sweep_notice(cli, notice, sizeof(notice));
	if (!rc && *notice)
		cli->tui.notice = notice;
	if (!rc && tui_run(&cli->tui, store, forms, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	cli_close_all(&store, &forms);
	return rc;
}
