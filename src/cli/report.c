/* gradus report check|panel|cultivation KEY [--format txt|md|html] [-o FILE]:
 * the printed report of a spot check, an expert panel or a cultivation, to
 * stdout or to a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli.h"
#include "gradus/i18n.h"
#include "gradus/report.h"

static int usage(void)
{
	cli_error("%s", _("usage: gradus report check CHECK [--format txt|md|html] [-o FILE]\n"
			  "       gradus report panel PANEL [--format txt|md|html] [-o FILE]\n"
			  "       gradus report cultivation CASE [--format txt|md|html] [-o FILE]"));
	return 2;
}

/* What is reported and how. */
struct report_job {
	const char *kind, *key;
	enum report_format format;
	struct store *store;
	const struct forms *forms;
};

static enum status write_report(const struct report_job *job, FILE *out, struct error *err)
{
	if (!strcmp(job->kind, "panel"))
		return report_panel(job->store, job->forms, job->key, job->format, out, err);
	if (!strcmp(job->kind, "cultivation"))
		return report_cultivation(job->store, job->forms, job->key, job->format, out, err);
	return report_check(job->store, job->forms, job->key, job->format, out, err);
}

static bool is_kind(const char *kind)
{
	return !strcmp(kind, "check") || !strcmp(kind, "panel") || !strcmp(kind, "cultivation");
}

static int to_stdout(const struct report_job *job)
{
	struct error err = { "" };
	/* HTML says it is UTF-8; the text formats follow the locale's character set */
	FILE *out = job->format == REPORT_HTML ? cli_stdout_as_is() : stdout;

	if (write_report(job, out, &err) || fflush(out)) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}

/* Written to FILE.tmp and renamed over FILE once whole, so a report cut
 * short never replaces a good one. */
static int to_file(const struct report_job *job, const char *path)
{
	struct error err = { "" };
	char *tmp = NULL;
	FILE *file = NULL;
	int rc = 1;

	if (asprintf(&tmp, "%s.tmp", cli_path(path)) < 0) {
		tmp = NULL;
		cli_error("%s", _("out of memory"));
		goto cleanup;
	}
	if (!(file = fopen(tmp, "w"))) {
		/* L10N: the report's file, then why (from the system) */
		cli_error(_("cannot write the report to %s: %s"), path, strerror(errno));
		goto cleanup;
	}
	if (write_report(job, file, &err)) {
		cli_error("%s", err.message);
		goto cleanup;
	}
	rc = fclose(file) == 0 ? 0 : 1;
	file = NULL;
	if (rc || rename(tmp, cli_path(path))) {
		cli_error(_("cannot write the report to %s: %s"), path, strerror(errno));
		rc = 1;
	}
cleanup:
	if (file)
		fclose(file);
	if (rc && tmp)
		remove(tmp);
	free(tmp);
	return rc;
}

int cli_report(struct cli *cli, int argc, char **argv)
{
	const char *format_name = "txt", *output = NULL;
	struct report_job job = { 0 };
	struct store *store = NULL;
	struct forms *forms = NULL;
	bool bad = false;
	int i, rc;

	if (argc < 3 || !is_kind(argv[1]))
		return usage();
	for (i = 3; i < argc && !bad; i++)
		if (!cli_option(argc, argv, &i, "--format", &format_name, &bad) &&
		    !cli_option(argc, argv, &i, "-o", &output, &bad) && !cli_option(argc, argv, &i, "--output", &output, &bad))
			return usage();
	if (bad)
		return 2;
	if (!report_format_parse(format_name, &job.format)) {
		cli_error(_("--format %s: expected txt, md or html"), format_name);
		return 2;
	}
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	job = (struct report_job){ argv[1], argv[2], job.format, store, forms };
	if (!rc)
		rc = output ? to_file(&job, output) : to_stdout(&job);
	cli_close_all(&store, &forms);
	return rc;
}
