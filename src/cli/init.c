/* gradus init [--demo] [--group NAME] */
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"

static int add_demo(struct cli *cli, struct store *store)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	bool empty;
	int rc;

	if (store_is_empty(store, &empty, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	if (!empty) {
		cli_error(_("%s already holds cases; the demo is only added to an empty database"), cli->db_path);
		return 1;
	}
	rc = cli_load_forms(cli, &forms);
	if (!rc && case_create_demo(store, forms, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	forms_free(&forms);
	return rc;
}

int cli_init(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct error err = { "" };
	bool demo = false;
	long cases = 0;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--demo")) {
			demo = true;
		} else if (!strcmp(argv[i], "--group") && i + 1 < argc && *argv[i + 1]) {
			cli->group = argv[++i];
		} else {
			cli_error(_("init: unknown argument %s (expected --demo or --group NAME)"), argv[i]);
			return 2;
		}
	}
	rc = cli_open_store(cli, STORE_OPEN_OR_CREATE, &store);
	if (!rc && demo)
		rc = add_demo(cli, store);
	if (!rc && store_case_count(store, NULL, &cases, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		printf(_("%s: ready, %ld cases\n"), cli->db_path, cases);
	store_close(&store);
	return rc;
}
