/* gradus cultivation: the 2-year cultivation of a leading-level factory
 * from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/store/cultivation.h"
#include "gradus/text/i18n.h"

static int usage(void)
{
	cli_error("%s", _("usage: gradus cultivation show CASE\n"
			  "       gradus cultivation plan CASE TITLE [--body TEXT] [--change TEXT]\n"
			  "       gradus cultivation milestone CASE TITLE --due DATE [--owner TEXT]\n"
			  "       gradus cultivation milestone-done MILESTONE [--on DATE | --reopen]\n"
			  "       gradus cultivation session CASE --on DATE --experts E0001,E0002 --advice TEXT\n"
			  "       gradus cultivation followup SESSION ACTION --due DATE [--owner TEXT]\n"
			  "       gradus cultivation followup-done FOLLOWUP [--on DATE | --reopen]\n"
			  "       gradus cultivation report CASE PERIOD --summary TEXT [--received DATE]\n"
			  "       gradus cultivation kpi CASE KPI BASELINE TARGET\n"
			  "       gradus cultivation value CASE KPI PERIOD VALUE\n"
			  "       gradus cultivation readiness CASE"));
	return 2;
}

static int fail(const struct error *err)
{
	cli_error("%s", err->message);
	return 1;
}

/* Options of the form --NAME VALUE after the positional arguments. */
struct opts {
	const char *body, *change, *due, *owner, *on, *experts, *advice, *summary, *received;
	bool reopen;
};

static int parse(int argc, char **argv, int first, struct opts *o)
{
	bool bad = false;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = first; i < argc && !bad; i++) {
		if (!strcmp(argv[i], "--reopen")) {
			o->reopen = true;
			continue;
		}
		if (!cli_option(argc, argv, &i, "--body", &o->body, &bad) &&
		    !cli_option(argc, argv, &i, "--change", &o->change, &bad) &&
		    !cli_option(argc, argv, &i, "--due", &o->due, &bad) &&
		    !cli_option(argc, argv, &i, "--owner", &o->owner, &bad) && !cli_option(argc, argv, &i, "--on", &o->on, &bad) &&
		    !cli_option(argc, argv, &i, "--experts", &o->experts, &bad) &&
		    !cli_option(argc, argv, &i, "--advice", &o->advice, &bad) &&
		    !cli_option(argc, argv, &i, "--summary", &o->summary, &bad) &&
		    !cli_option(argc, argv, &i, "--received", &o->received, &bad))
			return usage();
	}
	return bad ? 2 : 0;
}

static int number(const char *text, double *out)
{
	char *end;

	*out = strtod(text, &end);
	if (end == text || *end) {
		cli_error(_("'%s': expected a number"), text);
		return 2;
	}
	return 0;
}

static void show(const struct cultivation_view *v)
{
	size_t i, k;

	printf("case\t%s\nstatus\t%s\nstarts_on\t%s\nends_on\t%s\nacceptance_due_by\t%s\n", v->number, v->state,
	       v->starts_on, v->ends_on, v->acceptance_due);
	for (i = 0; i < v->plan_count; i++)
		printf("plan\t%d\t%s\t%s\t%s\n", v->plans[i].version, cli_tsv(v->plans[i].title), cli_tsv(v->plans[i].change),
		       cli_tsv(v->plans[i].created_by));
	for (i = 0; i < v->milestone_count; i++)
		printf("milestone\t%s\t%s\t%s\t%s\t%s\n", v->milestones[i].id, v->milestones[i].due_on,
		       *v->milestones[i].done_on ? v->milestones[i].done_on : "open", cli_tsv(v->milestones[i].title),
		       cli_tsv(v->milestones[i].owner));
	for (i = 0; i < v->session_count; i++) {
		printf("session\t%s\t%s\t%s\t%s\n", v->sessions[i].id, v->sessions[i].held_on, cli_tsv(v->sessions[i].experts),
		       cli_tsv(v->sessions[i].advice));
		for (k = 0; k < v->sessions[i].followup_count; k++) {
			const struct cultivation_followup *f = &v->sessions[i].followups[k];

			printf("followup\t%s\t%s\t%s\t%s\t%s\n", f->id, f->due_on, *f->done_on ? f->done_on : "open",
			       cli_tsv(f->action), cli_tsv(f->owner));
		}
	}
	for (i = 0; i < v->report_count; i++)
		printf("report\t%s\t%s\t%s\n", v->reports[i].period, v->reports[i].received_on, cli_tsv(v->reports[i].summary));
	for (i = 0; i < v->kpi_count; i++) {
		const struct cultivation_kpi *kp = &v->kpis[i];

		printf("kpi\t%s\t%s\t%s\t%g\t%g\t%s", kp->key, kp->zh, kp->unit, kp->baseline, kp->target,
		       cultivation_kpi_met(kp) ? "met" : "not met");
		for (k = 0; k < kp->value_count; k++)
			printf("\t%s=%g", kp->values[k].period, kp->values[k].value);
		printf("\n");
	}
}

static int readiness(struct store *store, const struct forms *forms, const char *key)
{
	struct readiness_item *items = NULL;
	struct error err = { "" };
	char filed_on[11];
	size_t count = 0, i;

	if (cultivation_readiness(store, forms, key, &items, &count, &err))
		return fail(&err);
	for (i = 0; i < count; i++)
		printf("unmet\t%s\t%s\n", items[i].kind, cli_tsv(items[i].text));
	readiness_items_free(items, count);
	if (cultivation_readiness_filed(store, key, &items, &count, filed_on, &err))
		return fail(&err);
	for (i = 0; i < count; i++)
		printf("filed\t%s\t%s\t%s\n", filed_on, items[i].kind, cli_tsv(items[i].text));
	readiness_items_free(items, count);
	return 0;
}

static int date_or_today(struct cli *cli, const char *name, const char *text, struct date *out)
{
	*out = cli->today;
	return text ? cli_date_argument(name, text, out) : 0;
}

static int done(struct cli *cli, struct store *store, int argc, char **argv, bool milestone)
{
	struct error err = { "" };
	struct opts o;
	struct date on;
	int rc = argc < 3 ? usage() : parse(argc, argv, 3, &o);

	if (rc || (rc = date_or_today(cli, "--on", o.on, &on)))
		return rc;
	if (milestone ? cultivation_milestone_done(store, argv[2], o.reopen ? NULL : &on, &err)
		      : cultivation_followup_done(store, argv[2], o.reopen ? NULL : &on, &err))
		return fail(&err);
	return 0;
}

static int add(struct cli *cli, struct store *store, int argc, char **argv)
{
	const char *verb = argv[1];
	struct error err = { "" };
	struct opts o;
	struct date on, due;
	char id[33] = "";
	int rc = argc < 4 ? usage() : parse(argc, argv, 4, &o), version = 0;

	if (rc || (rc = date_or_today(cli, o.on ? "--on" : "--received", o.on ? o.on : o.received, &on)))
		return rc;
	if ((!strcmp(verb, "milestone") || !strcmp(verb, "followup")) && (!o.due || cli_date_argument("--due", o.due, &due)))
		return o.due ? 2 : usage();
	if (!strcmp(verb, "plan"))
		rc = cultivation_plan_version(store, argv[2], argv[3], o.body, o.change, &version, &err);
	else if (!strcmp(verb, "milestone"))
		rc = cultivation_milestone_add(store, argv[2], argv[3], due, o.owner, id, &err);
	else if (!strcmp(verb, "followup"))
		rc = cultivation_followup_add(store, argv[2], argv[3], due, o.owner, id, &err);
	else
		rc = cultivation_report_add(store, argv[2], argv[3], on, o.summary, id, &err);
	if (rc)
		return fail(&err);
	if (version)
		printf("%d\n", version);
	else
		printf("%s\n", id);
	return 0;
}

static int session(struct cli *cli, struct store *store, int argc, char **argv)
{
	struct error err = { "" };
	struct opts o;
	struct date on;
	char id[33];
	int rc = parse(argc, argv, 3, &o);

	if (rc || (rc = date_or_today(cli, "--on", o.on, &on)))
		return rc;
	if (cultivation_session_add(store, argv[2], on, o.experts, o.advice, id, &err))
		return fail(&err);
	printf("%s\n", id);
	return 0;
}

static int kpi(struct store *store, const struct forms *forms, int argc, char **argv, bool value)
{
	struct error err = { "" };
	double a, b;
	int rc;

	if (argc != 6)
		return usage();
	if (value) {
		if ((rc = number(argv[5], &a)))
			return rc;
		return cultivation_kpi_value(store, argv[2], argv[3], argv[4], a, &err) ? fail(&err) : 0;
	}
	if ((rc = number(argv[4], &a)) || (rc = number(argv[5], &b)))
		return rc;
	return cultivation_kpi_set(store, forms, argv[2], argv[3], a, b, &err) ? fail(&err) : 0;
}

static int dispatch(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *verb = argv[1];
	struct error err = { "" };

	if (!strcmp(verb, "show") && argc == 3) {
		struct cultivation_view v;

		if (cultivation_load(store, forms, argv[2], &v, &err))
			return fail(&err);
		show(&v);
		cultivation_view_clear(&v);
		return 0;
	}
	if (!strcmp(verb, "readiness") && argc == 3)
		return readiness(store, forms, argv[2]);
	if (!strcmp(verb, "milestone-done") || !strcmp(verb, "followup-done"))
		return done(cli, store, argc, argv, !strcmp(verb, "milestone-done"));
	if (!strcmp(verb, "plan") || !strcmp(verb, "milestone") || !strcmp(verb, "followup") || !strcmp(verb, "report"))
		return add(cli, store, argc, argv);
	if (!strcmp(verb, "session"))
		return session(cli, store, argc, argv);
	if (!strcmp(verb, "kpi") || !strcmp(verb, "value"))
		return kpi(store, forms, argc, argv, !strcmp(verb, "value"));
	return usage();
}

int cli_cultivation(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
	int rc;

	if (argc < 3)
		return usage();
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = dispatch(cli, store, forms, argc, argv);
	cli_close_all(&store, &forms);
	return rc;
}
