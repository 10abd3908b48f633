/* gradus report check|panel|cultivation|case KEY [--format txt|md|html] [-o FILE]:
 * the printed report of a spot check, an expert panel, a cultivation or a
 * case, to stdout or to a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/cli/cli.h"
#include "gradus/report/report.h"
#include "gradus/store/reportview.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"

static int usage(void)
{
	cli_error("%s", _("usage: gradus report check CHECK [--format txt|md|html] [-o FILE]\n"
			  "       gradus report panel PANEL [--format txt|md|html] [-o FILE]\n"
			  "       gradus report cultivation CASE [--format txt|md|html] [-o FILE]\n"
			  "       gradus report case CASE [--format txt|md|html] [-o FILE]"));
	return 2;
}

/* What is reported and how. */
struct report_job {
	enum report_kind kind;
	const char *key;
	enum report_format format;
	struct store *store;
	const struct forms *forms;
};

/* The job's view read through the store, rendered, then freed. */
static enum status write_report(const struct report_job *job, FILE *out, struct error *err)
{
	struct report_view view;
	enum status status;

	if ((status = report_view_load(job->store, job->forms, job->kind, job->key, &view, err)))
		return status;
	status = report_render(job->forms, &view, job->format, out, err);
	report_view_clear(&view);
	return status;
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

/* Written beside FILE and renamed over it once whole (safe_file.h), so a
 * report cut short never replaces a good one. */
static int to_file(const struct report_job *job, const char *path)
{
	struct error err = { "" };
	struct safe_file file;

	if (safe_file_open(&file, cli_path(path), SAFE_FILE_REPLACE, 0666, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	if (write_report(job, file.stream, &err)) {
		safe_file_abort(&file);
		cli_error("%s", err.message);
		return 1;
	}
	if (safe_file_commit(&file, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}

int cli_report(struct cli *cli, int argc, char **argv)
{
	const char *format_name = "txt", *output = NULL;
	struct report_job job = { 0 };
	struct store *store = NULL;
	struct forms *forms = NULL;
	bool bad = false;
	int i, rc;

	if (argc < 3 || !report_kind_parse(argv[1], &job.kind))
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
	job = (struct report_job){ job.kind, argv[2], job.format, store, forms };
	if (!rc)
		rc = output ? to_file(&job, output) : to_stdout(&job);
	cli_close_all(&store, &forms);
	return rc;
}
