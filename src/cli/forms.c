/* gradus forms list [--stages | --regions] | forms check [DIR] */
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/text/i18n.h"

enum list_what { LIST_SCENARIOS, LIST_STAGES, LIST_REGIONS };

static int forms_list(struct cli *cli, enum list_what what)
{
	struct forms *forms = NULL;
	size_t i;

	if (cli_load_forms(cli, &forms))
		return 1;
	if (what == LIST_REGIONS)
		for (i = 0; i < forms->region_count; i++)
			printf("%s\t%s\t%s\t%s\n", forms->regions[i].key, forms->regions[i].code, forms->regions[i].zh,
			       forms->regions[i].en);
	else if (what == LIST_STAGES)
		for (i = 0; i < forms->stage_count; i++)
			printf("%s\t%s\t%s\n", forms->stages[i].key, forms->stages[i].zh, forms->stages[i].en);
	else
		for (i = 0; i < forms->scenario_count; i++)
			printf("%d\t%s\t%s\t%s\n", forms->scenarios[i].id, forms->scenarios[i].stage->key,
			       forms->scenarios[i].title_zh, forms->scenarios[i].title_en);
	forms_free(&forms);
	return 0;
}

/* This year's and next year's holiday files: without one, a count of
 * working days in that year is provisional (Monday to Friday). */
static void warn_holidays(const struct forms *forms, struct date today)
{
	int year;

	for (year = today.year; year <= today.year + 1; year++) {
		struct date jan1 = { year, 1, 1 };

		if (workdays_uncovered_year(&forms->calendar, jan1, jan1))
			/* L10N: forms check; the forms folder, then the year missing (four times) */
			fprintf(stderr, _("%s: warning: no holiday calendar for %d (holidays/%d.ini): working days in %d "
					  "are counted Monday to Friday and shown as provisional until the State Council's "
					  "arrangement is added\n"),
				forms->dir, year, year, year);
	}
}

static int forms_check(struct cli *cli, const char *dir)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	size_t items = 0, i;

	if (forms_load(cli_path(dir ? dir : cli_forms_dir(cli)), &forms, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	for (i = 0; i < forms->scenario_count; i++)
		items += forms->scenarios[i].item_count;
	printf(_("%s: ok: %zu stages, %zu scenarios, %zu checklist items, %zu levels, %zu regions\n"),
	       forms->dir, forms->stage_count, forms->scenario_count, items, forms->level_count, forms->region_count);
	printf("hash\t%s\n", forms_hash(forms));
	printf("rules_hash\t%s\n", forms_rules_hash(forms));
	warn_holidays(forms, cli->today);
	forms_free(&forms);
	return 0;
}

int cli_forms(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list") && argc <= 3) {
		if (argc == 3 && strcmp(argv[2], "--stages") && strcmp(argv[2], "--regions")) {
			cli_error(_("forms list: unknown argument %s (expected --stages or --regions)"), argv[2]);
			return 2;
		}
		return forms_list(cli, argc < 3 ? LIST_SCENARIOS : !strcmp(argv[2], "--stages") ? LIST_STAGES
									       : LIST_REGIONS);
	}
	if (argc >= 2 && !strcmp(argv[1], "check") && argc <= 3)
		return forms_check(cli, argc == 3 ? argv[2] : NULL);
	cli_error("%s", _("usage: gradus forms list [--stages | --regions] | gradus forms check [DIR]"));
	return 2;
}
