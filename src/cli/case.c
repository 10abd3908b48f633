/* gradus case list | case show NUMBER */
#include <stdio.h>
#include <string.h>

#include "gradus/cli.h"
#include "gradus/i18n.h"

#define PAGE 256

static const char *or_empty(const char *text)
{
	return text ? text : "";
}

static int case_list(struct store *store)
{
	struct case_row rows[PAGE];
	struct error err = { "" };
	char last[64] = "";
	size_t count, i;

	printf("number\tenterprise\tcredit_code\tregion\tlevel\tyear\tstate\tnext_due\n");
	do {
		if (store_case_page(store, last[0] ? last : NULL, false, STORE_FORWARD, PAGE, rows, &count, &err)) {
			cli_error("%s", err.message);
			return 1;
		}
		for (i = 0; i < count; i++)
			printf("%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", rows[i].number, rows[i].enterprise,
			       rows[i].credit_code, rows[i].region, rows[i].level, rows[i].year, rows[i].state,
			       or_empty(rows[i].next_due));
		if (count)
			snprintf(last, sizeof(last), "%s", rows[count - 1].number);
		case_rows_clear(rows, count);
	} while (count == PAGE);
	return 0;
}

static int case_show(struct store *store, const char *key)
{
	struct case_detail d;
	struct error err = { "" };
	size_t i;

	if (store_case_detail(store, key, &d, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	printf("id\t%s\nnumber\t%s\nenterprise\t%s\ncredit_code\t%s\nfactory\t%s\nregion\t%s\nlevel\t%s\n"
	       "year\t%d\nstate\t%s\ncertified_on\t%s\nexpires_on\t%s\nnext_due\t%s\n",
	       d.row.id, d.row.number, d.row.enterprise, d.row.credit_code, d.row.factory, d.row.region,
	       d.row.level, d.row.year, d.row.state, or_empty(d.certified_on), or_empty(d.expires_on),
	       or_empty(d.row.next_due));
	printf("scenarios\t");
	for (i = 0; i < d.scenario_count; i++)
		printf("%s%d", i ? "," : "", d.scenarios[i]);
	printf("\n");
	for (i = 0; i < d.event_count; i++)
		printf("event\t%s\t%s\t%s\t%s\n", d.events[i].on_date, d.events[i].step, d.events[i].to_state,
		       d.events[i].actor);
	case_detail_clear(&d);
	return 0;
}

int cli_case(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	int rc;

	if (argc < 2 || (strcmp(argv[1], "list") && strcmp(argv[1], "show")) ||
	    (!strcmp(argv[1], "list") && argc != 2) || (!strcmp(argv[1], "show") && argc != 3)) {
		cli_error("%s", _("usage: gradus case list | gradus case show NUMBER"));
		return 2;
	}
	rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);
	if (!rc)
		rc = !strcmp(argv[1], "list") ? case_list(store) : case_show(store, argv[2]);
	store_close(&store);
	return rc;
}
