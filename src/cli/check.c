/* gradus check plan | list | answer | note | attach | export | finding |
 * sign | amend | show: spot checks from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/store/checks.h"
#include "gradus/text/i18n.h"

static int usage(void)
{
	cli_error("%s", _("usage: gradus check plan CASE --inspectors LOGIN,LOGIN [--on DATE] [--draw N [--seed S]]\n"
			  "       gradus check list CASE\n"
			  "       gradus check answer CHECK SCENARIO ITEM VALUE [--note TEXT]\n"
			  "       gradus check answer CHECK SCENARIO ITEM BEFORE AFTER [--note TEXT]\n"
			  "       gradus check note CHECK SCENARIO ITEM TEXT\n"
			  "       gradus check attach CHECK SCENARIO ITEM FILE\n"
			  "       gradus check export SHA256 FILE\n"
			  "       gradus check finding FINDING [--severity minor|major|critical] [--action TEXT] [--due DATE]\n"
			  "       gradus check finding FINDING --close NOTE --file FILE\n"
			  "       gradus check sign CHECK\n"
			  "       gradus check amend CHECK SCENARIO ITEM {VALUE | BEFORE AFTER} --reason TEXT [--note TEXT]\n"
			  "       gradus check show CHECK"));
	return 2;
}

static int fail(const struct error *err)
{
	cli_error("%s", err->message);
	return 1;
}

static int show_number(struct store *store, const char *id)
{
	struct check_view v;
	struct error err = { "" };

	if (check_load(store, id, &v, &err))
		return fail(&err);
	printf("%s\n", v.number);
	check_view_clear(&v);
	return 0;
}

/* A scenario or item number argument, 1..99. */
static bool number_argument(const char *what, const char *text, int *out)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (end == text || *end || n < 1 || n > 99) {
		cli_error(_("%s '%s': expected a number such as 17"), what, text);
		return false;
	}
	*out = (int)n;
	return true;
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
	return show_number(store, id);
}

/* Whether item `item` of scenario `scenario` of the check is a measure
 * (false, said, when it is not; nothing said when the check or the item is
 * not found: the answer itself says so). */
static bool takes_two(struct store *store, const char *key, int scenario, int item)
{
	const struct scenario *sc;
	struct check_view v;
	struct error err = { "" };
	bool measure = true;
	size_t i;

	if (check_load(store, key, &v, &err))
		return true;
	sc = check_scenario(&v, scenario);
	for (i = 0; sc && i < sc->item_count; i++)
		if (sc->items[i].number == item && sc->items[i].kind != ITEM_MEASURE)
			measure = false;
	check_view_clear(&v);
	if (!measure)
		/* L10N: check answer with two values on an item that is not a measure */
		cli_error(_("scenario %d item %d is not a measure: it takes one value"), scenario, item);
	return measure;
}

/* VALUE, or BEFORE AFTER of a measure: kept as "BEFORE|AFTER". */
static int answer(struct store *store, int argc, char **argv, bool amending)
{
	const char *note = NULL, *reason = NULL, *value;
	bool two = argc > 6 && strncmp(argv[6], "--", 2), bad = false;
	struct error err = { "" };
	char *joined = NULL;
	int i, scenario, item, rc = 0;

	if (argc < 6)
		return usage();
	for (i = two ? 7 : 6; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--note", &note, &bad) &&
		    !(amending && cli_option(argc, argv, &i, "--reason", &reason, &bad)))
			return usage();
	if (bad || !number_argument(_("scenario"), argv[3], &scenario) || !number_argument(_("item"), argv[4], &item))
		return 2;
	if (two && !takes_two(store, argv[2], scenario, item))
		return 2;
	if (two && !(joined = malloc(strlen(argv[5]) + strlen(argv[6]) + 2))) {
		error_set(&err, STATUS_ERR_NOMEM, _("out of memory"));
		return fail(&err);
	}
	if (two)
		sprintf(joined, "%s|%s", argv[5], argv[6]);
	value = two ? joined : argv[5];
	if (amending ? check_amend(store, argv[2], scenario, item, value, note, reason, &err)
		     : check_answer(store, argv[2], scenario, item, value, note, &err))
		rc = fail(&err);
	free(joined);
	return rc;
}

static int note(struct store *store, int argc, char **argv)
{
	struct error err = { "" };
	int scenario, item;

	if (argc != 6)
		return usage();
	if (!number_argument(_("scenario"), argv[3], &scenario) || !number_argument(_("item"), argv[4], &item))
		return 2;
	return check_note(store, argv[2], scenario, item, argv[5], &err) ? fail(&err) : 0;
}

static int attach(struct store *store, int argc, char **argv)
{
	struct error err = { "" };
	char sha[65];
	bool added = false;
	int scenario, item;

	if (argc != 6)
		return usage();
	if (!number_argument(_("scenario"), argv[3], &scenario) || !number_argument(_("item"), argv[4], &item))
		return 2;
	if (check_attach(store, argv[2], scenario, item, argv[5], sha, &added, &err))
		return fail(&err);
	printf("%s\t%s\n", sha, added ? "attached" : "already attached");
	return 0;
}

static int export(struct store *store, int argc, char **argv)
{
	struct error err = { "" };

	if (argc != 4)
		return usage();
	return check_export(store, argv[2], cli_path(argv[3]), &err) ? fail(&err) : 0;
}

static int finding(struct store *store, int argc, char **argv)
{
	const char *severity = NULL, *action = NULL, *due = NULL, *close = NULL, *file = NULL;
	struct error err = { "" };
	struct date day;
	bool bad = false;
	int i;

	for (i = 3; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--severity", &severity, &bad) &&
		    !cli_option(argc, argv, &i, "--action", &action, &bad) && !cli_option(argc, argv, &i, "--due", &due, &bad) &&
		    !cli_option(argc, argv, &i, "--close", &close, &bad) && !cli_option(argc, argv, &i, "--file", &file, &bad))
			return usage();
	if (bad || (!close && !file && !severity && !action && !due))
		return usage();
	if (cli_date_argument("--due", due, &day))
		return 2;
	if (close || file)
		return check_finding_close(store, argv[2], close, file, &err) ? fail(&err) : 0;
	return check_finding_set(store, argv[2], severity, action, due, &err) ? fail(&err) : 0;
}

static int sign(struct store *store, int argc, char **argv)
{
	struct error err = { "" };
	char hash[65];

	if (argc != 3)
		return usage();
	if (check_sign(store, argv[2], hash, &err))
		return fail(&err);
	printf("%s\n", hash);
	return 0;
}

static int list(struct store *store, const char *case_key)
{
	struct error err = { "" };
	char(*ids)[33] = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (check_list(store, case_key, &ids, &count, &err))
		return fail(&err);
	for (i = 0; i < count && !rc; i++) {
		struct check_view v;
		size_t answered, required;
		struct score total;

		if (check_load(store, ids[i], &v, &err)) {
			rc = fail(&err);
			break;
		}
		check_progress(&v, 0, &answered, &required);
		total = check_score_overall(&v);
		printf("%s\t%s\t%s\t%s\t%zu/%zu\t", v.number, v.planned_on, v.status, v.inspectors ? v.inspectors : "",
		       answered, required);
		if (total.scored)
			printf("%.1f\n", total.percent);
		else
			printf("-\n");
		check_view_clear(&v);
	}
	free(ids);
	return rc;
}

static void print_score(const char *what, struct score s)
{
	if (s.scored)
		printf("score\t%s\t%.1f\n", what, s.percent);
	else
		printf("score\t%s\t-\n", what);
}

/* A measure answered before and after: the figures, unit, change, percent
 * of before (- when before is 0), the better way and whether it went so. */
static void show_measure(int scenario, const struct checklist_item *it, const char *value)
{
	struct measure_change c;
	struct measure m;

	if (it->kind != ITEM_MEASURE || !measure_parse(value, &m) || !measure_compare(&m, it->lower_is_better, &c))
		return;
	printf("measure\t%d\t%d\t%.10g\t%.10g\t%s\t%+.10g\t", scenario, it->number, m.before, m.after,
	       cli_tsv(it->unit), c.delta);
	if (c.has_percent)
		printf("%+.1f", c.percent);
	else
		printf("-");
	printf("\t%s\t%s\n", it->lower_is_better ? "lower" : "higher", c.improved ? "better" : "not better");
}

/* Answers, then the scores per scenario, per stage and overall. */
static void show_items(const struct check_view *v)
{
	char what[64];
	size_t i, k;

	for (i = 0; i < v->scenario_count; i++) {
		const struct scenario *sc = &v->scenarios[i];

		for (k = 0; k < sc->item_count; k++) {
			const struct check_answer_row *a = check_find(v, sc->id, sc->items[k].number);

			printf("answer\t%d\t%d\t%s\t%s\t%s\n", sc->id, sc->items[k].number, a ? cli_tsv(a->value) : "",
			       a ? cli_tsv(a->note) : "", a ? cli_tsv(a->answered_by) : "");
			if (a && a->value)
				show_measure(sc->id, &sc->items[k], a->value);
		}
	}
	for (i = 0; i < v->scenario_count; i++) {
		snprintf(what, sizeof(what), "scenario %d", v->scenarios[i].id);
		print_score(what, check_score_scenario(v, &v->scenarios[i]));
	}
	for (i = 0; i < v->stage_count; i++) {
		snprintf(what, sizeof(what), "stage %s", v->stages[i].key);
		print_score(what, check_score_stage(v, v->stages[i].key));
	}
	print_score("overall", check_score_overall(v));
}

static void show_records(const struct check_view *v)
{
	size_t i;

	for (i = 0; i < v->evidence_count; i++)
		printf("evidence\t%d\t%d\t%s\t%s\t%s\t%lld\n", v->evidence[i].scenario, v->evidence[i].item,
		       v->evidence[i].sha256, cli_tsv(v->evidence[i].name), cli_tsv(v->evidence[i].type),
		       v->evidence[i].size);
	for (i = 0; i < v->finding_count; i++) {
		const struct check_finding_row *f = &v->findings[i];

		printf("finding\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", f->id, f->scenario, f->item, f->severity, f->status,
		       f->due_on, cli_tsv(f->action), cli_tsv(f->closing_note));
	}
	for (i = 0; i < v->amendment_count; i++) {
		const struct check_amendment_row *a = &v->amendments[i];

		printf("amendment\t%d\t%d\t%s\t%s\t%s\t%s\n", a->scenario, a->item, cli_tsv(a->old_value),
		       cli_tsv(a->new_value), cli_tsv(a->reason), cli_tsv(a->amended_by));
	}
	for (i = 0; i < v->signature_count; i++)
		printf("signature\t%s\t%s\t%s\n", v->signatures[i].login, v->signatures[i].signed_at,
		       v->signatures[i].hash);
}

static int show(struct store *store, const char *key)
{
	struct check_view v;
	struct error err = { "" };
	size_t i;

	if (check_load(store, key, &v, &err))
		return fail(&err);
	printf("id\t%s\nnumber\t%s\ncase\t%s\nenterprise\t%s\nplanned_on\t%s\nstatus\t%s\ninspectors\t%s\n"
	       "forms_hash\t%s\n",
	       v.id, v.number, v.case_number, cli_tsv(v.enterprise), v.planned_on, v.status,
	       cli_tsv(v.inspectors), v.forms_hash);
	if (v.draw_count)
		printf("draw\t%ld\nseed\t%s\n", v.draw_count, cli_tsv(v.draw_seed));
	printf("scenarios\t");
	for (i = 0; i < v.scenario_count; i++)
		printf("%s%d", i ? "," : "", v.scenarios[i].id);
	printf("\nversions\t");
	for (i = 0; i < v.scenario_count; i++)
		printf("%s%d:%d", i ? "," : "", v.scenarios[i].id, v.scenarios[i].version);
	printf("\n");
	show_items(&v);
	show_records(&v);
	check_view_clear(&v);
	return 0;
}

static int dispatch(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *verb = argv[1];

	if (!strcmp(verb, "plan"))
		return plan(cli, store, forms, argc, argv);
	if (!strcmp(verb, "list"))
		return argc == 3 ? list(store, argv[2]) : usage();
	if (!strcmp(verb, "answer") || !strcmp(verb, "amend"))
		return answer(store, argc, argv, !strcmp(verb, "amend"));
	if (!strcmp(verb, "note"))
		return note(store, argc, argv);
	if (!strcmp(verb, "attach"))
		return attach(store, argc, argv);
	if (!strcmp(verb, "export"))
		return export(store, argc, argv);
	if (!strcmp(verb, "finding"))
		return finding(store, argc, argv);
	if (!strcmp(verb, "sign"))
		return sign(store, argc, argv);
	if (!strcmp(verb, "show"))
		return argc == 3 ? show(store, argv[2]) : usage();
	return usage();
}

int cli_check(struct cli *cli, int argc, char **argv)
{
	static const char *const verbs[] = { "plan", "list", "answer", "amend", "note", "attach", "export",
					     "finding", "sign", "show", NULL };
	struct store *store = NULL;
	struct forms *forms = NULL;
	size_t i;
	int rc;

	for (i = 0; argc >= 3 && verbs[i] && strcmp(argv[1], verbs[i]); i++)
		;
	if (argc < 3 || !verbs[i])
		return usage();
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = dispatch(cli, store, forms, argc, argv);
	cli_close_all(&store, &forms);
	return rc;
}
