/* gradus check plan | answer | show: spot checks from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/checks.h"
#include "gradus/cli.h"
#include "gradus/i18n.h"

static int usage(void)
{
	cli_error("%s", _("usage: gradus check plan CASE --inspectors LOGIN,LOGIN [--on DATE] [--draw N [--seed S]]\n"
			  "       gradus check answer CHECK SCENARIO ITEM VALUE [--note TEXT]\n"
			  "       gradus check show CHECK"));
	return 2;
}

static int fail(const struct error *err)
{
	cli_error("%s", err->message);
	return 1;
}

static int plan(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *on = NULL, *inspectors = NULL, *draw = NULL, *seed = NULL, *names[16];
	struct check_plan p = { .case_key = argv[2], .on = cli->today, .inspectors = names };
	struct error err = { "" };
	char copy[512], *word, *save = NULL, *end, id[33];
	bool bad = false;
	int i;

	for (i = 3; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--on", &on, &bad) && !cli_option(argc, argv, &i, "--inspectors", &inspectors, &bad) &&
		    !cli_option(argc, argv, &i, "--draw", &draw, &bad) && !cli_option(argc, argv, &i, "--seed", &seed, &bad))
			return usage();
	if (bad || !inspectors || cli_date_argument("--on", on, &p.on))
		return bad || !inspectors ? usage() : 2;
	snprintf(copy, sizeof(copy), "%s", inspectors);
	for (word = strtok_r(copy, ",", &save); word && p.inspector_count < 16; word = strtok_r(NULL, ",", &save))
		names[p.inspector_count++] = word;
	if (draw && ((p.draw = strtoul(draw, &end, 10)) == 0 || *end)) {
		cli_error(_("--draw %s: expected how many scenarios to draw, e.g. 3"), draw);
		return 2;
	}
	if (seed && (!*seed || (p.seed = strtoull(seed, &end, 10), *end))) {
		cli_error(_("--seed %s: expected a whole number (the seed a draw recorded)"), seed);
		return 2;
	}
	p.seed_given = seed != NULL;
	if (check_plan(store, forms, &p, id, &err))
		return fail(&err);
	printf("%s\n", id);
	return 0;
}

static int answer(struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *note = NULL;
	struct error err = { "" };
	bool bad = false;
	int i;

	if (argc < 6)
		return usage();
	for (i = 6; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--note", &note, &bad))
			return usage();
	if (bad)
		return 2;
	if (check_answer(store, forms, argv[2], atoi(argv[3]), atoi(argv[4]), argv[5], note, &err))
		return fail(&err);
	return 0;
}

static void print_score(const char *what, struct score *s)
{
	score_finish(s);
	if (s->scored)
		printf("score\t%s\t%.1f\n", what, s->percent);
	else
		printf("score\t%s\t-\n", what);
}

/* Answers, then the scores per scenario, per stage and overall. */
static void show_items(const struct forms *forms, const struct check_view *v)
{
	struct score stages[16] = { { 0 } }, total = { 0 };
	char what[64];
	size_t i, k;

	for (i = 0; i < v->scenario_count; i++) {
		const struct scenario *sc = forms_scenario(forms, v->scenarios[i]);
		struct score s = { 0 };

		for (k = 0; sc && k < sc->item_count; k++) {
			const struct checklist_item *it = &sc->items[k];
			const struct check_answer_row *a = check_find(v, sc->id, it->number);

			printf("answer\t%d\t%d\t%s\t%s\t%s\n", sc->id, it->number, a && a->value ? a->value : "",
			       a && a->note ? a->note : "", a && a->answered_by ? a->answered_by : "");
			if (it->kind == ITEM_CHECK && a)
				score_add(&s, spotcheck_answer_parse(a->value), it->weight);
		}
		if (sc && sc->stage->order >= 1 && sc->stage->order <= 16)
			score_merge(&stages[sc->stage->order - 1], &s);
		score_merge(&total, &s);
		snprintf(what, sizeof(what), "scenario %d", v->scenarios[i]);
		print_score(what, &s);
	}
	for (i = 0; i < forms->stage_count && i < 16; i++)
		if (stages[i].possible2) {
			snprintf(what, sizeof(what), "stage %s", forms->stages[i].key);
			print_score(what, &stages[i]);
		}
	print_score("overall", &total);
}

static int show(struct store *store, const struct forms *forms, const char *id)
{
	struct check_view v;
	struct error err = { "" };
	size_t i;

	if (check_load(store, id, &v, &err))
		return fail(&err);
	printf("id\t%s\ncase\t%s\nenterprise\t%s\nplanned_on\t%s\nstatus\t%s\ninspectors\t%s\nforms_hash\t%s\n", v.id,
	       v.number, v.enterprise ? v.enterprise : "", v.planned_on, v.status, v.inspectors ? v.inspectors : "",
	       v.forms_hash);
	if (v.draw_count)
		printf("draw\t%ld\nseed\t%s\n", v.draw_count, v.draw_seed ? v.draw_seed : "");
	printf("scenarios\t");
	for (i = 0; i < v.scenario_count; i++)
		printf("%s%d", i ? "," : "", v.scenarios[i]);
	printf("\n");
	show_items(forms, &v);
	check_view_clear(&v);
	return 0;
}

int cli_check(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
	int rc;

	if (argc < 3 || (strcmp(argv[1], "plan") && strcmp(argv[1], "answer") && strcmp(argv[1], "show")))
		return usage();
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = !strcmp(argv[1], "plan") ? plan(cli, store, forms, argc, argv)
		     : !strcmp(argv[1], "answer") ? answer(store, forms, argc, argv) : show(store, forms, argv[2]);
	cli_close_all(&store, &forms);
	return rc;
}
