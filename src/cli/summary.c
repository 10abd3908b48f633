/* gradus summary: the dashboard's figures as TSV, for the office's monthly
 * summary (月报): cases by level, state and region, the deadlines, and how
 * many cases declare each scenario of the forms. */
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"

/* One row: what is counted, its key, its name in the user's words, the count. */
static void row(const char *figure, const char *key, const char *name, long cases)
{
	printf("%s\t%s\t%s\t%ld\n", figure, cli_tsv(key), cli_tsv(name), cases);
}

static void levels(const struct forms *forms, const struct dashboard_data *data)
{
	char key[96], name[256];
	size_t i, j;

	for (i = 0; i < forms->level_count; i++) {
		const struct level *level = &forms->levels[i];
		long cases = 0;

		for (j = 0; j < data->level_state_count; j++)
			cases += strcmp(data->level_state[j].key, level->key) ? 0 : data->level_state[j].count;
		row("level", level->key, label_pick(level->zh, level->en), cases);
	}
	for (j = 0; j < data->level_state_count; j++) {
		const struct count_row *r = &data->level_state[j];

		snprintf(key, sizeof(key), "%s.%s", r->key, r->sub);
		snprintf(name, sizeof(name), "%s · %s", label_level(forms, r->key), label_state(forms, r->key, r->sub));
		row("state", key, name, r->count);
	}
}

static void scenarios(const struct forms *forms, const struct dashboard_data *data)
{
	char key[16];
	size_t i;

	for (i = 0; i < forms->scenario_count; i++) {
		const struct scenario *sc = &forms->scenarios[i];

		snprintf(key, sizeof(key), "%d", sc->id);
		row("scenario", key, label_pick(sc->title_zh, sc->title_en),
		    (size_t)sc->id < data->scenario_slots ? data->scenario_cases[sc->id] : 0);
	}
}

static void write_summary(const struct forms *forms, const struct dashboard_data *data)
{
	size_t i;

	printf("figure\tkey\tname\tcases\n");
	/* L10N: gradus summary: the row counting every case */
	row("cases", "all", _("All cases"), data->cases);
	levels(forms, data);
	for (i = 0; i < data->region_count; i++)
		row("region", data->regions[i].key, label_region(forms, data->regions[i].key), data->regions[i].count);
	/* L10N: gradus summary: cases with a deadline by the end of the month, overdue ones included */
	row("due", "month_end", _("Due by the month's end"), data->due_this_month);
	/* L10N: gradus summary: cases with a deadline passed */
	row("due", "overdue", _("Overdue"), data->overdue);
	scenarios(forms, data);
}

int cli_summary(struct cli *cli, int argc, char **argv)
{
	const char *today_text = NULL;
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct dashboard_data data;
	struct error err = { "" };
	struct date today = cli->today;
	int rc;

	if (cli_today_only(argc, argv, "summary", &today_text, &today))
		return 2;
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && store_dashboard(store, today, &data, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	} else if (!rc) {
		write_summary(forms, &data);
		dashboard_data_free(&data);
	}
	cli_close_all(&store, &forms);
	return rc;
}
