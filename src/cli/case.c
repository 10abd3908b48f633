/* gradus case add | list | show | advance | set | material */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/core/clock.h"
#include "gradus/forms/forms.h"
#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/store/objections.h"
#include "gradus/store/preconditions.h"
#include "gradus/text/i18n.h"

#define PAGE 256

static int usage(void)
{
	cli_error("%s", _("usage: gradus case add --enterprise NAME --uscc CODE --region REGION --level LEVEL --year YYYY\n"
			  "         [--factory NAME] [--address TEXT] [--industry TEXT] [--contact TEXT] [--maturity SCORE]\n"
			  "         [--scenarios 1,5,9] [--commitment-on DATE] [--certified-on DATE]\n"
			  "         [--cultivation-start DATE] [--note TEXT]\n"
			  "       gradus case list [--search TEXT] [--format tsv|json]\n"
			  "       gradus case show ID|NUMBER [--format tsv|json]\n"
			  "       gradus case advance ID|NUMBER [STEP [--on DATE] [--note TEXT] [--doc 文号] [--override REASON]]\n"
			  "       gradus case objection ID|NUMBER add --by NAME [--on DATE] TEXT\n"
			  "       gradus case objection ID|NUMBER resolve N [--on DATE] [--by NAME] --outcome TEXT\n"
			  "       gradus case set ID|NUMBER FIELD VALUE [--expect OLD]\n"
			  "       gradus case material ID|NUMBER MATERIAL [--received DATE | --missing]"));
	return 2;
}

static int fail(const struct error *err)
{
	cli_error("%s", err->message);
	return 1;
}

/* --format tsv|json (and, for the list, --search TEXT) after the positional
 * arguments; *json set. */
static int parse_format(int argc, char **argv, int first, bool *json, const char **search)
{
	const char *format = "tsv";
	bool bad = false;
	int i;

	for (i = first; i < argc; i++)
		if (!cli_option(argc, argv, &i, "--format", &format, &bad) &&
		    !(search && cli_option(argc, argv, &i, "--search", search, &bad))) {
			cli_error(_("unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (strcmp(format, "tsv") && strcmp(format, "json")) {
		cli_error(_("--format %s: expected tsv or json"), format);
		return 2;
	}
	*json = !strcmp(format, "json");
	return 0;
}

static void json_field(const char *name, const char *value, bool *first)
{
	printf("%s\"%s\": ", *first ? "" : ", ", name);
	cli_json_string(stdout, value);
	*first = false;
}

static void json_date(const char *name, struct date d, bool applies, bool *first)
{
	char text[DATE_TEXT_SIZE];

	if (!applies)
		return;
	date_format(d, text);
	json_field(name, text, first);
}

static void list_row_json(const struct case_row *r, bool first_row)
{
	bool first = true;

	printf("%s{", first_row ? "" : ",\n");
	json_field("id", r->id, &first);
	json_field("number", r->number, &first);
	json_field("enterprise", r->enterprise, &first);
	json_field("uscc", r->credit_code, &first);
	json_field("factory", r->factory, &first);
	json_field("region", r->region, &first);
	json_field("level", r->level, &first);
	printf(", \"year\": %d", r->year);
	json_field("status", r->state, &first);
	json_field("next_due", r->next_due, &first);
	printf("}");
}

static int case_list(struct store *store, const char *match, bool json)
{
	struct case_query query = { .match = match };
	struct case_row rows[PAGE];
	struct error err = { "" };
	char last[64] = "";
	size_t count, i, total = 0;

	if (json)
		printf("[");
	else
		printf("number\tenterprise\tcredit_code\tregion\tlevel\tyear\tstatus\tnext_due\n");
	do {
		if (store_case_page(store, &query, last[0] ? last : NULL, false, STORE_FORWARD, PAGE, rows, &count, &err))
			return fail(&err);
		for (i = 0; i < count; i++, total++)
			if (json)
				list_row_json(&rows[i], total == 0);
			else
				printf("%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", rows[i].number, cli_tsv(rows[i].enterprise),
				       rows[i].credit_code, rows[i].region, rows[i].level, rows[i].year, rows[i].state,
				       cli_tsv(rows[i].next_due));
		if (count)
			snprintf(last, sizeof(last), "%s", rows[count - 1].number);
		case_rows_clear(rows, count);
	} while (count == PAGE);
	if (json)
		printf("]\n");
	return 0;
}

/* "valid through 2027-07-24" (有效期至), also of a certification that has
 * ended, and whether the case is certified and today is within it. */
static bool validity_text(const struct case_detail *d, const struct case_dates *c, struct date today, char *out,
			  size_t size, bool *valid)
{
	struct date expires_on;

	if (!d->expires_on || date_parse(d->expires_on, &expires_on, NULL))
		return false;
	/* L10N: the last day a certification is valid (有效期至), e.g. "valid through 2027-07-24" */
	snprintf(out, size, _("valid through %s"), d->expires_on);
	*valid = c->certified && deadline_is_valid_on(expires_on, today);
	return true;
}

static void show_dates_json(const struct case_detail *d, const struct case_dates *c, struct date today, bool *first)
{
	char text[160];
	bool valid;

	if (validity_text(d, c, today, text, sizeof(text), &valid)) {
		json_field("validity", text, first);
		printf(", \"valid_today\": %s", valid ? "true" : "false");
	}
	json_date("review_due_by", c->review_due_by, c->expires_on.year != 0, first);
	json_date("cultivation_ends_on", c->cultivation_ends_on, c->cultivation_starts_on.year != 0, first);
	json_date("acceptance_due_by", c->acceptance_due_by, c->cultivation_starts_on.year != 0, first);
	json_date("notice_starts_on", c->notice_starts_on, c->in_notice, first);
	json_date("notice_ends_on", c->notice_ends_on, c->in_notice, first);
	if (c->in_notice && c->notice_provisional) {
		case_provisional_text(c->notice_provisional, text, sizeof(text));
		json_field("notice_ends_provisional", text, first);
	}
}

static void show_lists_json(const struct forms *forms, const struct case_detail *d)
{
	const struct level *level = forms_level(forms, d->row.level);
	size_t i, j;

	printf(", \"scenarios\": [");
	for (i = 0; i < d->scenario_count; i++)
		printf("%s%d", i ? ", " : "", d->scenarios[i]);
	printf("], \"materials\": [");
	for (i = 0; level && i < level->material_count; i++) {
		const char *received = NULL;
		bool first = true;

		for (j = 0; j < d->material_count; j++)
			if (!strcmp(d->materials[j].key, level->materials[i].key))
				received = d->materials[j].received_on;
		printf("%s{", i ? ", " : "");
		json_field("key", level->materials[i].key, &first);
		json_field("name", level->materials[i].zh, &first);
		json_field("received_on", received, &first);
		printf("}");
	}
	printf("], \"events\": [");
	for (i = 0; i < d->event_count; i++) {
		const struct case_event *e = &d->events[i];
		bool first = true;

		printf("%s{", i ? ", " : "");
		json_field("on", e->on_date, &first);
		json_field("step", e->step, &first);
		json_field("from", e->from_state, &first);
		json_field("to", e->to_state, &first);
		json_field("kind", e->kind, &first);
		json_field("actor", e->actor, &first);
		json_field("note", e->note, &first);
		json_field("document", e->document, &first);
		json_field("unmet", e->unmet, &first);
		json_field("override", e->override, &first);
		if (label_step_by_ministry(forms, d->row.level, e->step)) {
			char decision[256];

			label_ministry_decision(e->document, e->on_date, e->actor, decision, sizeof(decision));
			json_field("decided_by", "ministry", &first);
			json_field("decision", decision, &first);
		}
		printf("}");
	}
	printf("]");
}

static void objections_json(const struct objection *list, size_t count)
{
	size_t i;

	printf(", \"objections\": [");
	for (i = 0; i < count; i++) {
		bool first = true;

		printf("%s{\"number\": %zu", i ? ", " : "", i + 1);
		first = false;
		json_field("raised_by", list[i].raised_by, &first);
		json_field("raised_on", list[i].raised_on, &first);
		json_field("text", list[i].text, &first);
		json_field("resolved_by", list[i].resolved_by, &first);
		json_field("resolved_on", list[i].resolved_on, &first);
		json_field("outcome", list[i].outcome, &first);
		printf("}");
	}
	printf("]");
}

static void show_json(const struct forms *forms, const struct case_detail *d, const struct case_dates *c,
		      struct date today, const struct objection *objections, size_t objection_count)
{
	char centi[16];
	bool first = true;

	printf("{");
	json_field("id", d->row.id, &first);
	json_field("number", d->row.number, &first);
	json_field("enterprise", d->row.enterprise, &first);
	json_field("uscc", d->row.credit_code, &first);
	json_field("factory", d->row.factory, &first);
	json_field("address", d->factory_address, &first);
	json_field("industry", d->industry, &first);
	json_field("contact", d->contact, &first);
	json_field("region", d->row.region, &first);
	json_field("level", d->row.level, &first);
	printf(", \"year\": %d", d->row.year);
	json_field("status", d->row.state, &first);
	snprintf(centi, sizeof(centi), "%d.%02d", d->maturity_centi / 100, d->maturity_centi % 100);
	json_field("maturity", d->maturity_centi >= 0 ? centi : NULL, &first);
	if (d->maturity_centi >= 0)
		printf(", \"maturity_level\": %d", d->maturity_level);
	json_field("commitment_on", d->commitment_on, &first);
	json_field("applied_by", d->applied_by, &first);
	json_field("applied_on", d->applied_on, &first);
	json_field("recommended_by", d->recommended_by, &first);
	json_field("recommended_on", d->recommended_on, &first);
	json_field("certified_by", d->certified_by, &first);
	json_field("certified_on", d->certified_on, &first);
	json_field("expires_on", d->expires_on, &first);
	json_field("cultivation_starts_on", d->cultivation_starts_on, &first);
	show_dates_json(d, c, today, &first);
	json_field("next_due", d->row.next_due, &first);
	json_field("note", d->note, &first);
	show_lists_json(forms, d);
	objections_json(objections, objection_count);
	printf("}\n");
}

static void tsv_date(const char *name, struct date d, bool applies)
{
	char text[DATE_TEXT_SIZE];

	if (!applies)
		return;
	date_format(d, text);
	printf("%s\t%s\n", name, text);
}

static void show_tsv(const struct forms *forms, const struct case_detail *d, const struct case_dates *c,
		     struct date today, const struct objection *objections, size_t objection_count)
{
	char decision[256];
	char text[160];
	bool valid;
	size_t i;

	printf("id\t%s\nnumber\t%s\nenterprise\t%s\nuscc\t%s\nfactory\t%s\nregion\t%s\nlevel\t%s\n"
	       "year\t%d\nstatus\t%s\napplied\t%s %s\nrecommended\t%s %s\ncertified\t%s %s\n",
	       d->row.id, d->row.number, cli_tsv(d->row.enterprise), d->row.credit_code, cli_tsv(d->row.factory), d->row.region,
	       d->row.level, d->row.year, d->row.state, cli_tsv(d->applied_on), cli_tsv(d->applied_by),
	       cli_tsv(d->recommended_on), cli_tsv(d->recommended_by), cli_tsv(d->certified_on),
	       cli_tsv(d->certified_by));
	if (d->expires_on)
		printf("expires_on\t%s\n", d->expires_on);
	if (validity_text(d, c, today, text, sizeof(text), &valid))
		printf("validity\t%s\nvalid_today\t%s\n", text, valid ? "yes" : "no");
	tsv_date("review_due_by", c->review_due_by, c->expires_on.year != 0);
	tsv_date("cultivation_ends_on", c->cultivation_ends_on, c->cultivation_starts_on.year != 0);
	tsv_date("acceptance_due_by", c->acceptance_due_by, c->cultivation_starts_on.year != 0);
	if (c->in_notice) {
		date_format(c->notice_ends_on, text);
		printf("notice_ends_on\t%s", text);
		if (c->notice_provisional) {
			case_provisional_text(c->notice_provisional, text, sizeof(text));
			printf("\t%s", text);
		}
		printf("\n");
	}
	printf("next_due\t%s\nscenarios\t", cli_tsv(d->row.next_due));
	for (i = 0; i < d->scenario_count; i++)
		printf("%s%d", i ? "," : "", d->scenarios[i]);
	printf("\n");
	for (i = 0; i < d->event_count; i++) {
		printf("event\t%s\t%s\t%s\t%s\t%s", d->events[i].on_date, d->events[i].step, d->events[i].to_state,
		       d->events[i].actor, cli_tsv(d->events[i].note));
		/* a step taken by a document: its number (文号), a sixth column; the
		 * ministry's decision reads as such in a seventh */
		if (label_step_by_ministry(forms, d->row.level, d->events[i].step)) {
			label_ministry_decision(d->events[i].document, d->events[i].on_date, d->events[i].actor, decision,
						sizeof(decision));
			printf("\t%s\t%s", cli_tsv(d->events[i].document), cli_tsv(decision));
		} else if (d->events[i].document) {
			printf("\t%s", cli_tsv(d->events[i].document));
		}
		printf("\n");
		if (d->events[i].unmet) {
			char why[768];

			/* a step an admin took though a precondition failed: on its own line */
			case_override_text(forms, d->row.level, &d->events[i], why, sizeof(why));
			printf("override\t%s\t%s\t%s\n", d->events[i].on_date, d->events[i].step, cli_tsv(why));
		}
	}
	for (i = 0; i < objection_count; i++)
		printf("objection\t%zu\t%s\t%s\t%s\t%s\t%s\t%s\n", i + 1, objections[i].raised_on,
		       cli_tsv(objections[i].raised_by), cli_tsv(objections[i].text), cli_tsv(objections[i].resolved_on),
		       cli_tsv(objections[i].resolved_by), cli_tsv(objections[i].outcome));
}

static int case_show(struct store *store, const struct forms *forms, const char *key, bool json)
{
	struct objection *objections = NULL;
	struct case_detail d;
	struct case_dates c;
	struct error err = { "" };
	size_t count = 0;

	if (store_case_detail(store, key, &d, &err))
		return fail(&err);
	if (objections_of_case(store, d.row.id, &objections, &count, &err)) {
		case_detail_clear(&d);
		return fail(&err);
	}
	case_dates_compute(forms, &d, &c);
	if (json)
		show_json(forms, &d, &c, store_today(store), objections, count);
	else
		show_tsv(forms, &d, &c, store_today(store), objections, count);
	objections_free(objections, count);
	case_detail_clear(&d);
	return 0;
}

/* Scenario numbers "1,5,9" into *out (free): whether each is one of the
 * forms' is for the store to say, once the forms are loaded. what: the
 * option or field the text was given as. */
static int parse_scenarios(const char *what, const char *text, int **out, size_t *count)
{
	const char *p = text;
	size_t room = 1;
	char *end;
	long n;

	for (end = strchr(text, ','); end; end = strchr(end + 1, ','))
		room++;
	if (!(*out = calloc(room, sizeof(**out)))) {
		cli_error("%s", _("out of memory"));
		return 1;
	}
	*count = 0;
	while (*p) {
		n = strtol(p, &end, 10);
		if (end == p || n < 1 || n > INT_MAX || (*end && *end != ',')) {
			/* L10N: --scenarios of case add, or the field scenarios of case set, then the text given;
			 * the numbers are those of gradus forms list */
			cli_error(_("%s %s: expected scenario numbers separated by commas, e.g. 1,5,9 "
				    "(gradus forms list shows them)"), what, text);
			return 2;
		}
		(*out)[(*count)++] = (int)n;
		p = *end ? end + 1 : end;
	}
	return 0;
}

struct add_args {
	struct new_case in;
	const char *year, *maturity, *scenarios;
	int *numbers;         /* --scenarios (free) */
	char days[3][DATE_TEXT_SIZE]; /* the dates given, as YYYY-MM-DD */
};

static bool add_option(int argc, char **argv, int *i, struct add_args *a, bool *bad)
{
	struct new_case *in = &a->in;

	return cli_option(argc, argv, i, "--enterprise", &in->enterprise_name, bad) ||
	       cli_option(argc, argv, i, "--uscc", &in->credit_code, bad) ||
	       cli_option(argc, argv, i, "--region", &in->region, bad) ||
	       cli_option(argc, argv, i, "--level", &in->level, bad) ||
	       cli_option(argc, argv, i, "--year", &a->year, bad) ||
	       cli_option(argc, argv, i, "--factory", &in->factory_name, bad) ||
	       cli_option(argc, argv, i, "--address", &in->address, bad) ||
	       cli_option(argc, argv, i, "--industry", &in->industry, bad) ||
	       cli_option(argc, argv, i, "--contact", &in->contact, bad) ||
	       cli_option(argc, argv, i, "--maturity", &a->maturity, bad) ||
	       cli_option(argc, argv, i, "--scenarios", &a->scenarios, bad) ||
	       cli_option(argc, argv, i, "--commitment-on", &in->commitment_on, bad) ||
	       cli_option(argc, argv, i, "--certified-on", &in->certified_on, bad) ||
	       cli_option(argc, argv, i, "--cultivation-start", &in->cultivation_starts_on, bad) ||
	       cli_option(argc, argv, i, "--note", &in->note, bad);
}

static int parse_add(int argc, char **argv, struct add_args *a)
{
	struct error err = { "" };
	bool bad = false;
	char extra;
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->in.maturity_centi = -1;
	for (i = 2; i < argc && !bad; i++)
		if (!add_option(argc, argv, &i, a, &bad)) {
			cli_error(_("case add: unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (!a->in.enterprise_name || !a->in.credit_code || !a->in.region || !a->in.level || !a->year) {
		cli_error("%s", _("case add needs --enterprise, --uscc, --region, --level and --year"));
		return 2;
	}
	if (sscanf(a->year, "%d%c", &a->in.year, &extra) != 1) {
		cli_error(_("--year %s: expected a year such as 2026"), a->year);
		return 2;
	}
	if (a->maturity && maturity_parse_score(a->maturity, &a->in.maturity_centi, &err)) {
		cli_error("--maturity: %s", err.message);
		return 2;
	}
	if (a->scenarios && (rc = parse_scenarios("--scenarios", a->scenarios, &a->numbers, &a->in.scenario_count)))
		return rc;
	if (cli_date_text("--commitment-on", &a->in.commitment_on, a->days[0]) ||
	    cli_date_text("--certified-on", &a->in.certified_on, a->days[1]) ||
	    cli_date_text("--cultivation-start", &a->in.cultivation_starts_on, a->days[2]))
		return 2;
	a->in.scenarios = a->numbers;
	return 0; /* no --factory: case_create takes the enterprise's own */
}

static int case_add(struct store *store, const struct forms *forms, struct add_args *a)
{
	struct case_warnings warnings;
	struct error err = { "" };
	char id[33], number[32];
	size_t i;

	if (case_create(store, forms, &a->in, id, number, &warnings, &err))
		return fail(&err);
	for (i = 0; i < warnings.count; i++)
		fprintf(stderr, _("gradus: warning: %s\n"), warnings.text[i]);
	fprintf(stderr, _("gradus: case %s created\n"), number);
	printf("%s\n", id);
	return 0;
}

static const char *state_label(const struct level *level, const char *key)
{
	const struct level_state *state = level ? forms_level_state(level, key) : NULL;

	return state ? label_pick(state->zh, state->en) : key;
}

/* The steps from where the case stands, each with its preconditions as
 * they stand on `on`: what `case advance N STEP` would need. */
static int list_steps(struct store *store, const struct forms *forms, const char *key, struct date on)
{
	const struct level_step *steps[32];
	const struct level *level;
	struct error err = { "" };
	struct case_detail d;
	size_t n, i, k;

	if (store_case_detail(store, key, &d, &err))
		return fail(&err);
	level = forms_level(forms, d.row.level);
	n = level ? case_steps_from(level, d.row.state, steps, 32) : 0;
	/* L10N: heading of case advance without a step: the case number and its state */
	printf(_("%s stands at %s; steps from there:\n"), d.row.number, state_label(level, d.row.state));
	for (i = 0; i < n && i < 32; i++) {
		struct step_check check;

		printf("%s\t%s -> %s%s\n", steps[i]->key, label_pick(steps[i]->zh, steps[i]->en), state_label(level, steps[i]->to),
		       case_may_take(store, steps[i]) ? "" : _(" (not yours to take)"));
		if (case_step_check(store, forms, d.row.id, steps[i]->key, on, &check, &err)) {
			case_detail_clear(&d);
			return fail(&err);
		}
		for (k = 0; k < check.count; k++)
			/* L10N: a precondition under a step: held (ok) or not (NOT MET), then what it is */
			printf("  %s %s\n", check.items[k].met ? _("ok     ") : _("NOT MET"), check.items[k].text);
		if (check.warning[0])
			printf("  %s %s\n", _("warning"), check.warning);
	}
	if (!n)
		printf("%s\n", _("none: the case is closed"));
	case_detail_clear(&d);
	return 0;
}

static int case_advance(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	struct step_request request = { .on = cli->today };
	const char *on_text = NULL;
	struct error err = { "" };
	struct step_check check;
	struct case_detail d;
	bool bad = false;
	int i;

	if (argc < 3)
		return usage();
	if (argc == 3)
		return list_steps(store, forms, argv[2], cli->today);
	request.step = argv[3];
	for (i = 4; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--on", &on_text, &bad) &&
		    !cli_option(argc, argv, &i, "--note", &request.note, &bad) &&
		    !cli_option(argc, argv, &i, "--doc", &request.document, &bad) &&
		    !cli_option(argc, argv, &i, "--override", &request.override, &bad)) {
			cli_error(_("case advance: unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (cli_date_argument("--on", on_text, &request.on))
		return 2;
	/* L10N: the name of a step's date when --on is not given */
	if (!on_text && date_check_range(_("--on (by default --today or GRADUS_TODAY)"), request.on, clock_today(), &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	if (!case_step_check(store, forms, argv[2], request.step, request.on, &check, &err) && check.warning[0])
		fprintf(stderr, _("gradus: warning: %s\n"), check.warning);
	if (case_take(store, forms, argv[2], &request, &err))
		return fail(&err);
	if (!store_case_detail(store, argv[2], &d, &err)) {
		char text[768];

		if (d.event_count) {
			case_override_text(forms, d.row.level, &d.events[d.event_count - 1], text, sizeof(text));
			if (text[0])
				fprintf(stderr, "gradus: %s\n", text);
		}
		printf("%s\t%s\n", d.row.number, d.row.state);
		case_detail_clear(&d);
	}
	return 0;
}

/* case set ID scenarios "1,5,9" ("" for none) [--expect "1,5"]: the whole
 * set the case declares, as the intake form writes it; --expect the set
 * the user last saw. */
static int set_scenarios(struct store *store, const struct forms *forms, const char *key, const char *value,
			 const char *expected)
{
	size_t known = forms_scenario_count(forms), n = 0, m = 0, i;
	int *numbers = NULL, *saw = NULL, rc = 0;
	bool *was = NULL;
	struct error err = { "" };

	if (*value)
		rc = parse_scenarios("scenarios", value, &numbers, &n);
	if (!rc && expected) {
		if (*expected)
			rc = parse_scenarios("--expect", expected, &saw, &m);
		if (!rc && !(was = calloc(known + 1, sizeof(*was)))) {
			cli_error("%s", _("out of memory"));
			rc = 1;
		}
		for (i = 0; !rc && i < m; i++) {
			if ((size_t)saw[i] > known) {
				/* L10N: case set ... scenarios --expect: a number the forms do not have; %zu their count */
				cli_error(_("--expect %s: scenario %d: expected 1 to %zu"), expected, saw[i], known);
				rc = 2;
			} else {
				was[saw[i]] = true;
			}
		}
	}
	if (!rc && case_set_scenarios(store, key, numbers, n, was, &err))
		rc = fail(&err);
	free(numbers);
	free(saw);
	free(was);
	return rc;
}

static int case_set(struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *expected = NULL, *value = argv[4];
	size_t len = strlen(argv[3]);
	char day[DATE_TEXT_SIZE];
	struct date on;
	struct error err = { "" };
	bool bad = false;
	int i;

	if (argc < 5)
		return usage();
	for (i = 5; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--expect", &expected, &bad)) {
			cli_error(_("case set: unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (!strcmp(argv[3], "scenarios"))
		return set_scenarios(store, forms, argv[2], value, expected);
	/* a date field (commitment_on …) takes the office's forms too; the store checks the day */
	if (len > 3 && !strcmp(argv[3] + len - 3, "_on") && !date_parse_office(value, &on, NULL)) {
		date_format(on, day);
		value = day;
	}
	if (case_set_field(store, forms, argv[2], argv[3], value, expected, &err))
		return fail(&err);
	return 0;
}

static int case_material(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	const char *received = NULL;
	char today[DATE_TEXT_SIZE], day[DATE_TEXT_SIZE];
	struct error err = { "" };
	bool bad = false, missing = false;
	int i;

	if (argc < 4)
		return usage();
	date_format(cli->today, today);
	for (i = 4; i < argc && !bad; i++) {
		if (!strcmp(argv[i], "--missing"))
			missing = true;
		else if (!cli_option(argc, argv, &i, "--received", &received, &bad)) {
			cli_error(_("case material: unknown argument %s"), argv[i]);
			return 2;
		}
	}
	if (bad || cli_date_text("--received", &received, day))
		return 2;
	if (case_set_material(store, forms, argv[2], argv[3], missing ? NULL : received ? received : today, &err))
		return fail(&err);
	return 0;
}

/* --on DATE (by default today), checked as case advance checks it. */
static int objection_date(struct cli *cli, const char *on_text, struct date *on)
{
	struct error err = { "" };

	*on = cli->today;
	if (cli_date_argument("--on", on_text, on))
		return 2;
	if (!on_text && date_check_range(_("--on (by default --today or GRADUS_TODAY)"), *on, clock_today(), &err)) {
		cli_error("%s", err.message);
		return 2;
	}
	return 0;
}

static int objection_add_command(struct cli *cli, struct store *store, const struct forms *forms, int argc,
				 char **argv)
{
	const char *by = NULL, *on_text = NULL, *text = NULL;
	struct error err = { "" };
	struct date on;
	bool bad = false;
	int i, number = 0;

	for (i = 4; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--by", &by, &bad) && !cli_option(argc, argv, &i, "--on", &on_text, &bad)) {
			if (text || argv[i][0] == '-') {
				cli_error(_("case objection add: unknown argument %s"), argv[i]);
				return 2;
			}
			text = argv[i];
		}
	if (bad)
		return 2;
	if (!by || !text) {
		cli_error("%s", _("case objection add needs --by NAME (who raised it) and the objection's text"));
		return 2;
	}
	if (objection_date(cli, on_text, &on))
		return 2;
	if (objection_add(store, forms, argv[2], by, on, text, &number, &err))
		return fail(&err);
	printf("%d\n", number);
	return 0;
}

static int objection_resolve_command(struct cli *cli, struct store *store, int argc, char **argv)
{
	const char *by = NULL, *on_text = NULL, *outcome = NULL;
	struct error err = { "" };
	struct date on;
	bool bad = false;
	char extra;
	int i, number;

	if (argc < 5 || sscanf(argv[4], "%d%c", &number, &extra) != 1) {
		cli_error("%s", _("case objection resolve needs the objection's number, as case show lists it"));
		return 2;
	}
	for (i = 5; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--by", &by, &bad) && !cli_option(argc, argv, &i, "--on", &on_text, &bad) &&
		    !cli_option(argc, argv, &i, "--outcome", &outcome, &bad)) {
			cli_error(_("case objection resolve: unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (!outcome) {
		cli_error("%s", _("case objection resolve needs --outcome TEXT (how it was resolved)"));
		return 2;
	}
	if (objection_date(cli, on_text, &on))
		return 2;
	if (objection_resolve(store, argv[2], number, by, on, outcome, &err))
		return fail(&err);
	return 0;
}

static int case_objection(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[3], "add"))
		return objection_add_command(cli, store, forms, argc, argv);
	if (argc >= 4 && !strcmp(argv[3], "resolve"))
		return objection_resolve_command(cli, store, argc, argv);
	return usage();
}

static int case_list_command(struct store *store, int argc, char **argv)
{
	const char *search = NULL;
	char *match = NULL;
	bool json = false;
	int rc = parse_format(argc, argv, 2, &json, &search);

	if (rc)
		return rc;
	if (search && !(match = store_search_query(search))) {
		cli_error(_("--search %s: no letters, digits or characters to search for"), search);
		return 2;
	}
	rc = case_list(store, match, json);
	free(match);
	return rc;
}

static int run(struct cli *cli, struct store *store, const struct forms *forms, int argc, char **argv,
	       struct add_args *add)
{
	bool json = false;
	int rc;

	if (!strcmp(argv[1], "add"))
		return case_add(store, forms, add);
	if (!strcmp(argv[1], "list"))
		return case_list_command(store, argc, argv);
	if (!strcmp(argv[1], "show"))
		return argc < 3 ? usage() : (rc = parse_format(argc, argv, 3, &json, NULL)) ? rc
										       : case_show(store, forms, argv[2], json);
	if (!strcmp(argv[1], "advance"))
		return case_advance(cli, store, forms, argc, argv);
	if (!strcmp(argv[1], "set"))
		return case_set(store, forms, argc, argv);
	if (!strcmp(argv[1], "objection"))
		return case_objection(cli, store, forms, argc, argv);
	return case_material(cli, store, forms, argc, argv);
}

int cli_case(struct cli *cli, int argc, char **argv)
{
	static const char *const subcommands[] = { "add", "list", "show", "advance", "set", "material", "objection" };
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct add_args add;
	size_t i;
	int rc;

	for (i = 0; argc >= 2 && i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i]))
			break;
	if (argc < 2 || i == sizeof(subcommands) / sizeof(subcommands[0]))
		return usage();
	memset(&add, 0, sizeof(add));
	if (!strcmp(argv[1], "add") && (rc = parse_add(argc, argv, &add))) {
		free(add.numbers);
		return rc;
	}
	/* The first case may be the first use: the database is made for it. */
	rc = cli_open_all(cli, !strcmp(argv[1], "add") ? STORE_OPEN_OR_CREATE : STORE_OPEN_EXISTING, &store, &forms);
	if (!rc)
		rc = run(cli, store, forms, argc, argv, &add);
	cli_close_all(&store, &forms);
	free(add.numbers);
	return rc;
}
