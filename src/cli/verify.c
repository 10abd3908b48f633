/* gradus verify: the audit chain and SQLite's integrity check. */
#include <stdio.h>

#include "gradus/cli.h"
#include "gradus/i18n.h"

int cli_verify(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct error err = { "" };
	char head[65];
	long rows = 0;
	int rc;

	(void)argv;
	if (argc != 1) {
		cli_error("%s", _("usage: gradus verify"));
		return 2;
	}
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc && store_verify(store, &rows, head, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		printf(_("%s: ok, %ld audit records, chain head %s\n"), cli->db_path, rows, head);
	store_close(&store);
	return rc;
}
