/* gradus dates --level L [--certified D] [--expires D] [--cultivation-start D] [--notice-start D] */
#include <stdio.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/core/deadlines.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"

struct dates_input {
	const char *level;
	const char *certified, *expires, *cultivation_start, *notice_start;
};

static void print_date(const char *name, struct date d)
{
	char text[DATE_TEXT_SIZE];

	date_format(d, text);
	printf("%s\t%s\n", name, text);
}

/* Any day of the calendar, as the office writes it too (2026/3/5). */
static int parse_one(const char *option, const char *text, struct date *out)
{
	struct error err = { "" };

	if (date_parse_office(text ? text : "", out, &err)) {
		cli_error(_("%s: %s"), option, err.message);
		return 1;
	}
	return 0;
}

static int print_expiry(const struct level *level, const struct dates_input *in, struct cli *cli)
{
	const struct level_rules *rules = &level->rules;
	struct date certified, expires;

	if (in->certified) {
		if (parse_one("--certified", in->certified, &certified))
			return 1;
		print_date("certified_on", certified);
		if (rules->validity_years <= 0) {
			printf("expires_on\tnever\n");
			return 0;
		}
		expires = deadline_expires_on(rules, certified);
	} else if (parse_one("--expires", in->expires, &expires)) {
		return 1;
	}
	print_date("expires_on", expires);
	print_date("lapses_on", deadline_lapses_on(expires));
	print_date("review_due_by", deadline_review_due_by(rules, expires));
	print_date("extended_expires_on", deadline_extended_expiry(rules, expires));
	printf("valid_today\t%s\n", deadline_is_valid_on(expires, cli->today) ? "yes" : "no");
	return 0;
}

static int print_cultivation(const struct level *level, const char *text)
{
	struct date start, ends;

	if (parse_one("--cultivation-start", text, &start))
		return 1;
	if (level->rules.cultivation_years <= 0) {
		cli_error(_("level %s has no cultivation period"), level->key);
		return 1;
	}
	ends = deadline_cultivation_ends_on(&level->rules, start);
	print_date("cultivation_starts_on", start);
	print_date("cultivation_ends_on", ends);
	print_date("acceptance_due_by", deadline_acceptance_due_by(&level->rules, ends));
	return 0;
}

static int print_notice(const struct forms *forms, const struct level *level, const char *text)
{
	struct date start, ends;
	bool covered = true;

	if (parse_one("--notice-start", text, &start))
		return 1;
	ends = deadline_notice_ends_on(&level->rules, &forms->calendar, start, &covered);
	print_date("notice_starts_on", start);
	print_date("notice_ends_on", ends);
	if (!covered) {
		char why[160];

		case_provisional_text(workdays_uncovered_year(&forms->calendar, start, ends), why, sizeof(why));
		fprintf(stderr, "%s\n", _("note: no holiday calendar for that year in forms/holidays; Monday to Friday assumed"));
		printf("notice_ends_provisional\t%s\n", why);
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct dates_input *in)
{
	int i;

	memset(in, 0, sizeof(*in));
	for (i = 1; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--level") ? &in->level
				  : !strcmp(argv[i], "--certified") ? &in->certified
				  : !strcmp(argv[i], "--expires") ? &in->expires
				  : !strcmp(argv[i], "--cultivation-start") ? &in->cultivation_start
				  : !strcmp(argv[i], "--notice-start") ? &in->notice_start : NULL;

		if (!slot || i + 1 == argc) {
			cli_error(_("dates: %s %s"), argv[i], slot ? _("needs a date") : _("is not an option"));
			return 2;
		}
		*slot = argv[++i];
	}
	{
		/* Every date is checked before anything is printed. */
		const char *given[] = { in->certified, in->expires, in->cultivation_start, in->notice_start };
		const char *names[] = { "--certified", "--expires", "--cultivation-start", "--notice-start" };
		struct date ignored;

		for (i = 0; i < 4; i++)
			if (given[i] && parse_one(names[i], given[i], &ignored))
				return 1;
	}
	if (!in->level || !(in->certified || in->expires || in->cultivation_start || in->notice_start)) {
		cli_error("%s", _("usage: gradus dates --level LEVEL [--certified D] [--expires D] "
				  "[--cultivation-start D] [--notice-start D]"));
		return 2;
	}
	return 0;
}

int cli_dates(struct cli *cli, int argc, char **argv)
{
	struct forms *forms = NULL;
	const struct level *level;
	struct dates_input in;
	int rc = parse_args(argc, argv, &in);

	if (rc || (rc = cli_load_forms(cli, &forms)))
		return rc;
	level = forms_level(forms, in.level);
	if (!level) {
		cli_error(_("unknown level '%s'; expected basic, advanced, excellent or leading"), in.level);
		rc = 1;
	}
	if (!rc && (in.certified || in.expires))
		rc = print_expiry(level, &in, cli);
	if (!rc && in.cultivation_start)
		rc = print_cultivation(level, in.cultivation_start);
	if (!rc && in.notice_start)
		rc = print_notice(forms, level, in.notice_start);
	forms_free(&forms);
	return rc;
}
