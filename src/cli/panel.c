/* gradus expert add | set | list and gradus panel plan | list | note | score |
 * opinion | sign | show: experts and their panels from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/store/panels.h"
#include "gradus/text/i18n.h"

static int expert_usage(void)
{
	cli_error("%s", _("usage: gradus expert add NAME --fields STAGE,STAGE --affiliation ORG [--region R] "
			  "[--contact TEXT] [--conflicts 'ENTERPRISE|CREDIT CODE']\n"
			  "       gradus expert list"));
	/* Apart, so that the translation of the lines above still holds. */
	fprintf(stderr, "%s\n", _("       gradus expert set CODE name|fields|affiliation|region|contact|conflicts VALUE "
				  "[--expect OLD]"));
	return 2;
}

static int panel_usage(void)
{
	cli_error("%s", _("usage: gradus panel plan CASE --purpose KEY --members E0001,E0002 [--chair E0001] [--on DATE]\n"
			  "       gradus panel list CASE\n"
			  "       gradus panel note PANEL EXPERT SCENARIO|0 CRITERION TEXT\n"
			  "       gradus panel score PANEL EXPERT SCORE\n"
			  "       gradus panel opinion PANEL pass|fail|rectify TEXT [--item TEXT --due DATE]...\n"
			  "       gradus panel sign PANEL\n"
			  "       gradus panel show PANEL"));
	return 2;
}

static int fail(const struct error *err)
{
	cli_error("%s", err->message);
	return 1;
}

static int expert_add_command(struct store *store, const struct forms *forms, int argc, char **argv)
{
	struct expert_input in = { .name = argv[2] };
	struct error err = { "" };
	char code[16];
	bool bad = false;
	int i;

	for (i = 3; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--fields", &in.fields, &bad) &&
		    !cli_option(argc, argv, &i, "--affiliation", &in.affiliation, &bad) &&
		    !cli_option(argc, argv, &i, "--region", &in.region, &bad) &&
		    !cli_option(argc, argv, &i, "--contact", &in.contact, &bad) &&
		    !cli_option(argc, argv, &i, "--conflicts", &in.conflicts, &bad))
			return expert_usage();
	if (bad)
		return 2;
	if (expert_add(store, forms, &in, code, &err))
		return fail(&err);
	printf("%s\n", code);
	return 0;
}

static int expert_list_command(struct store *store)
{
	struct expert_row *rows = NULL;
	struct error err = { "" };
	size_t count = 0, i;

	if (expert_list(store, &rows, &count, &err))
		return fail(&err);
	for (i = 0; i < count; i++)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rows[i].code, cli_tsv(rows[i].name), cli_tsv(rows[i].fields), cli_tsv(rows[i].affiliation),
		       cli_tsv(rows[i].region), cli_tsv(rows[i].contact), cli_tsv(rows[i].conflicts));
	expert_rows_free(rows, count);
	return 0;
}

/* gradus expert set CODE FIELD VALUE [--expect OLD]; a warning (an open
 * panel the expert now conflicts with) goes to standard error. */
static int expert_set_command(struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *expected = NULL;
	struct error err = { "" };
	char warnings[512];
	bool bad = false;
	int i;

	for (i = 5; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--expect", &expected, &bad))
			return expert_usage();
	if (bad)
		return 2;
	if (expert_set_field(store, forms, argv[2], argv[3], argv[4], expected, warnings, &err))
		return fail(&err);
	if (*warnings)
		/* L10N: a change written, with what it means for a panel */
		cli_error(_("warning: %s"), warnings);
	return 0;
}

int cli_expert(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
	int rc;

	if (argc < 2 || !((!strcmp(argv[1], "add") && argc >= 3) || (!strcmp(argv[1], "set") && argc >= 5) ||
			  (!strcmp(argv[1], "list") && argc == 2)))
		return expert_usage();
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = !strcmp(argv[1], "add")   ? expert_add_command(store, forms, argc, argv)
		     : !strcmp(argv[1], "set") ? expert_set_command(store, forms, argc, argv)
					       : expert_list_command(store);
	cli_close_all(&store, &forms);
	return rc;
}

static size_t split(char *text, const char **out, size_t max)
{
	char *word, *save = NULL;
	size_t n = 0;

	for (word = strtok_r(text, ",", &save); word && n < max; word = strtok_r(NULL, ",", &save))
		out[n++] = word;
	return n;
}

static int plan_command(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *on = NULL, *members = NULL, *names[32];
	struct panel_plan plan = { .case_key = argv[2], .on = cli->today, .members = names };
	struct error err = { "" };
	char copy[1024], number[48], warnings[512];
	bool bad = false;
	int i;

	for (i = 3; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--purpose", &plan.purpose, &bad) &&
		    !cli_option(argc, argv, &i, "--members", &members, &bad) &&
		    !cli_option(argc, argv, &i, "--chair", &plan.chair, &bad) && !cli_option(argc, argv, &i, "--on", &on, &bad))
			return panel_usage();
	if (bad || !plan.purpose || !members)
		return panel_usage();
	if (cli_date_argument("--on", on, &plan.on))
		return 2;
	snprintf(copy, sizeof(copy), "%s", members);
	plan.member_count = split(copy, names, 32);
	if (panel_plan(store, forms, &plan, number, warnings, &err))
		return fail(&err);
	if (*warnings)
		cli_error(_("warning: %s"), warnings);
	printf("%s\n", number);
	return 0;
}

static int number_argument(const char *text, double *out)
{
	char *end;

	*out = strtod(text, &end);
	if (end == text || *end) {
		cli_error(_("'%s': expected a number"), text);
		return 2;
	}
	return 0;
}

static int opinion_command(struct store *store, const struct forms *forms, int argc, char **argv)
{
	struct panel_item items[32];
	struct error err = { "" };
	size_t count = 0;
	int i;

	if (argc < 5)
		return panel_usage();
	for (i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "--item") && i + 1 < argc && count < 32) {
			items[count].text = argv[++i];
			items[count++].due = (struct date){ 0, 0, 0 }; /* the store's default */
		} else if (!strcmp(argv[i], "--due") && i + 1 < argc && count) {
			if (cli_date_argument("--due", argv[++i], &items[count - 1].due))
				return 2;
		} else {
			return panel_usage();
		}
	}
	return panel_opinion(store, forms, argv[2], argv[3], argv[4], items, count, &err) ? fail(&err) : 0;
}

static void show_panel(const struct panel_view *v)
{
	size_t i;

	printf("number\t%s\ncase\t%s\nenterprise\t%s\npurpose\t%s\nmeeting_on\t%s\nstatus\t%s\n", v->number,
	       v->case_number, cli_tsv(v->enterprise), v->purpose, v->meeting_on, v->status);
	for (i = 0; i < v->member_count; i++)
		printf("member\t%s\t%s\t%s\t%s%s\n", v->members[i].code, cli_tsv(v->members[i].name),
		       cli_tsv(v->members[i].affiliation), v->members[i].score ? v->members[i].score : "-",
		       v->members[i].chair ? "\tchair" : "");
	for (i = 0; i < v->note_count; i++)
		printf("note\t%s\t%d\t%s\t%s\n", v->notes[i].code, v->notes[i].scenario, cli_tsv(v->notes[i].criterion),
		       cli_tsv(v->notes[i].note));
	if (v->opinion)
		printf("opinion\t%s\t%s\n", v->opinion, cli_tsv(v->opinion_text));
	for (i = 0; i < v->finding_count; i++)
		printf("rectification\t%s\t%d\t%s\t%s\t%s\n", v->findings[i].id, v->findings[i].item,
		       cli_tsv(v->findings[i].action), v->findings[i].due_on, v->findings[i].status);
	if (v->score)
		printf("score\t%s\n", v->score);
	if (v->hash)
		printf("signature\t%s\t%s\t%s\t%s\n", cli_tsv(v->signed_by), cli_tsv(v->signed_at), v->hash,
		       cli_tsv(v->step));
}

static int show_command(struct store *store, const char *key)
{
	struct panel_view v;
	struct error err = { "" };

	if (panel_load(store, key, &v, &err))
		return fail(&err);
	show_panel(&v);
	panel_view_clear(&v);
	return 0;
}

static int list_command(struct store *store, const char *case_key)
{
	struct error err = { "" };
	char(*ids)[33] = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (panel_list(store, case_key, &ids, &count, &err))
		return fail(&err);
	for (i = 0; i < count && !rc; i++) {
		struct panel_view v;

		if (panel_load(store, ids[i], &v, &err)) {
			rc = fail(&err);
			break;
		}
		printf("%s\t%s\t%s\t%s\t%zu\t%s\t%s\n", v.number, v.purpose, v.meeting_on, v.status, v.member_count,
		       v.opinion ? v.opinion : "-", v.score ? v.score : "-");
		panel_view_clear(&v);
	}
	free(ids);
	return rc;
}

static int dispatch(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *verb = argv[1];
	struct error err = { "" };
	double score;
	char hash[65];
	int rc;

	if (!strcmp(verb, "plan"))
		return plan_command(cli, store, forms, argc, argv);
	if (!strcmp(verb, "list") && argc == 3)
		return list_command(store, argv[2]);
	if (!strcmp(verb, "show") && argc == 3)
		return show_command(store, argv[2]);
	if (!strcmp(verb, "note") && argc == 7)
		return panel_note(store, argv[2], argv[3], atoi(argv[4]), argv[5], argv[6], &err) ? fail(&err) : 0;
	if (!strcmp(verb, "score") && argc == 5) {
		if ((rc = number_argument(argv[4], &score)))
			return rc;
		return panel_member_score(store, argv[2], argv[3], score, &err) ? fail(&err) : 0;
	}
	if (!strcmp(verb, "opinion"))
		return opinion_command(store, forms, argc, argv);
	if (!strcmp(verb, "sign") && argc == 3) {
		if (panel_sign(store, forms, argv[2], hash, &err))
			return fail(&err);
		printf("%s\n", hash);
		return 0;
	}
	return panel_usage();
}

int cli_panel(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
	int rc;

	if (argc < 3)
		return panel_usage();
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = dispatch(cli, store, forms, argc, argv);
	cli_close_all(&store, &forms);
	return rc;
}
