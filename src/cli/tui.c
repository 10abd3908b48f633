/* gradus (no command): what the full-screen interface starts with, the
 * database and forms opened (main.c then runs tui_run). */
#include <stdio.h>
#include <sys/stat.h>

#include "gradus/cli/cli.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"

int cli_tui_open(struct cli *cli, struct store **store, struct forms **forms)
{
	struct error err = { "" };
	struct stat st;
	bool is_new = stat(cli_path(cli->db_path), &st) != 0;
	int rc;

	cli->lazy_checklists = true;
	rc = cli_open_all(cli, cli->demo_if_new ? STORE_OPEN_OR_CREATE : STORE_OPEN_EXISTING, store, forms);
	if (!rc && cli->demo_if_new && is_new && case_create_demo(*store, *forms, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	cli_sweep_notice(cli, cli->notice, sizeof(cli->notice));
	if (!rc && *cli->notice)
		cli->tui.notice = cli->notice;
	if (rc)
		cli_close_all(store, forms);
	return rc;
}
