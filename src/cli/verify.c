/* gradus verify: everything the file shows that gradus did not write
 * (store/verify.c); gradus backup: a consistent copy. */
#include <stdio.h>

#include "gradus/cli/cli.h"
#include "gradus/forms/forms.h"
#include "gradus/store/authority.h"
#include "gradus/text/i18n.h"

/* Each problem verify finds, one line each. */
static void print_problem(void *context, const char *message)
{
	(void)context;
	cli_error("%s", message);
}

int cli_verify(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
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
	/* with the forms, the agenda's kept deadlines are checked against
	 * their rules too; without them, against next_due only */
	if (!rc && !forms_load(cli_path(cli_forms_dir(cli)), &forms, &err))
		authority_use_forms(store, forms);
	err.message[0] = '\0';
	if (!rc && store_verify(store, &rows, head, print_problem, NULL, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		printf(_("%s: ok, %ld audit records, chain head %s\n"), cli->db_path, rows, head);
	store_close(&store);
	forms_free(&forms);
	return rc;
}

/* gradus backup FILE: a consistent copy while others write. */
int cli_backup(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct error err = { "" };
	int rc;

	if (argc != 2) {
		cli_error("%s", _("usage: gradus backup FILE"));
		return 2;
	}
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc && store_backup(store, cli_path(argv[1]), &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		/* L10N: after a backup: the copy, then how to check it */
		printf(_("%s: copied; check it with gradus --db %s verify\n"), argv[1], argv[1]);
	store_close(&store);
	return rc;
}
