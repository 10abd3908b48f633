/* gradus agenda: what falls due, as TSV or an iCalendar file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gradus/cli/cli.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"

static const struct {
	const char *kind, *zh, *en;
} kinds[] = {
	{ "review_application", "复核申请截止", "Review application due" },
	{ "expiry", "认定有效期至", "Certification valid through" },
	{ "acceptance_application", "验收申请截止", "Acceptance application due" },
	{ "cultivation_end", "培育期结束", "Cultivation period ends" },
	{ "notice_end", "公示期结束", "Public notice ends" },
	{ "cultivation_decision", "培育期满未申请验收，待决定延期或终止培育",
	  "Cultivation ended without acceptance application: extend or terminate" },
	{ "finding", "问题整改到期", "Finding due" },
	{ "milestone", "培育里程碑到期", "Cultivation milestone due" },
	{ "followup", "专家委指导跟进事项到期", "Guidance follow-up due" },
};

static const char *kind_title(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			return i18n_chinese() ? kinds[i].zh : kinds[i].en;
	return kind;
}

/* RFC 5545 text: backslash, semicolon, comma and newline escaped. */
static void ics_text(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '\\' || *text == ';' || *text == ',')
			fprintf(out, "\\%c", *text);
		else if (*text == '\n')
			fputs("\\n", out);
		else if ((unsigned char)*text >= 0x20 && *text != 0x7f)
			fputc(*text, out);
	}
}

static void ics_date(FILE *out, const char *name, struct date d)
{
	fprintf(out, "%s;VALUE=DATE:%04d%02d%02d\r\n", name, d.year, d.month, d.day);
}

/* Lines of at most 75 octets, folded without splitting a UTF-8 sequence. */
static void ics_line(FILE *out, const char *line)
{
	size_t used = 0;
	const unsigned char *p = (const unsigned char *)line;

	for (; *p; p++) {
		size_t len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;

		if (used + len > 74) {
			fputs("\r\n ", out);
			used = 1;
		}
		fwrite(p, 1, len, out);
		used += len;
		p += len - 1;
	}
	fputs("\r\n", out);
}

static void ics_event(FILE *out, const struct agenda_item *item, const char *stamp)
{
	char *text = NULL;
	size_t size = 0;
	FILE *line;
	struct date end = date_add_days(item->due, 1);

	fprintf(out, "BEGIN:VEVENT\r\n");
	fprintf(out, "UID:%s-%s@gradus\r\n", *item->finding ? item->finding : item->id, item->kind);
	fprintf(out, "DTSTAMP:%s\r\n", stamp);
	ics_date(out, "DTSTART", item->due);
	ics_date(out, "DTEND", end);
	line = open_memstream(&text, &size);
	if (line) {
		fputs("SUMMARY:", line);
		ics_text(line, kind_title(item->kind));
		fputs(" ", line);
		ics_text(line, item->number);
		fputs(" ", line);
		ics_text(line, item->enterprise);
		if (item->detail) {
			fputs(" ", line);
			ics_text(line, item->detail);
		}
		fclose(line);
		ics_line(out, text);
		free(text);
	}
	fprintf(out, "CATEGORIES:%s\r\n", item->kind);
	fprintf(out, "END:VEVENT\r\n");
}

/* iCalendar is UTF-8 (RFC 5545), whatever the locale's character set. */
static void write_ics(const struct agenda_item *items, size_t count)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	FILE *out = cli_stdout_as_is();

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	fprintf(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gradus//agenda//ZH\r\nCALSCALE:GREGORIAN\r\n");
	fprintf(out, "X-WR-CALNAME:gradus\r\n");
	for (i = 0; i < count; i++)
		ics_event(out, &items[i], stamp);
	fprintf(out, "END:VCALENDAR\r\n");
	fflush(out);
}

static void write_tsv(const struct agenda_item *items, size_t count)
{
	char due[DATE_TEXT_SIZE];
	size_t i;

	for (i = 0; i < count; i++) {
		date_format(items[i].due, due);
		printf("%s\t%s\t%s\t%s\t%s\t%s", due, items[i].number, items[i].kind,
		       items[i].overdue ? "overdue" : "due", items[i].level, cli_tsv(items[i].enterprise));
		if (items[i].detail)
			printf("\t%s", cli_tsv(items[i].detail));
		printf("\n");
	}
}

int cli_agenda(struct cli *cli, int argc, char **argv)
{
	const char *today_text = NULL, *within_text = "90", *format = "tsv";
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct agenda_item *items = NULL;
	struct error err = { "" };
	struct date today = cli->today;
	size_t count = 0;
	bool bad = false;
	int i, within, rc;
	char extra;

	for (i = 1; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--today", &today_text, &bad) &&
		    !cli_option(argc, argv, &i, "--within", &within_text, &bad) &&
		    !cli_option(argc, argv, &i, "--format", &format, &bad)) {
			cli_error(_("agenda: unknown argument %s"), argv[i]);
			return 2;
		}
	if (bad)
		return 2;
	if (cli_as_of_argument("--today", today_text, &today))
		return 2;
	if (sscanf(within_text, "%d%c", &within, &extra) != 1 || within < 0 || within > 36500) {
		cli_error(_("--within %s: expected a number of days, e.g. 90"), within_text);
		return 2;
	}
	if (strcmp(format, "tsv") && strcmp(format, "ics")) {
		cli_error(_("--format %s: expected tsv or ics"), format);
		return 2;
	}
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && case_agenda(store, forms, today, within, &items, &count, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc && !strcmp(format, "ics"))
		write_ics(items, count);
	else if (!rc)
		write_tsv(items, count);
	agenda_free(items, count);
	cli_close_all(&store, &forms);
	return rc;
}
