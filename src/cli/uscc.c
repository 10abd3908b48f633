/* gradus uscc CODE */
#include <stdio.h>

#include "gradus/cli/cli.h"
#include "gradus/core/uscc.h"
#include "gradus/text/i18n.h"

int cli_uscc(struct cli *cli, int argc, char **argv)
{
	struct error err = { "" };

	(void)cli;
	if (argc != 2) {
		cli_error("%s", _("usage: gradus uscc CODE"));
		return 2;
	}
	if (uscc_check(argv[1], NULL, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	printf("valid\n");
	return 0;
}
