/* gradus import cases|experts FILE, gradus import template and gradus
 * export cases|checks|findings|experts|agenda: CSV in UTF-8, GBK or
 * GB18030, and Excel workbooks (FILE.xlsx); exports and templates in
 * Chinese under a zh locale unless --keys. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "gradus/cli/cli.h"
#include "gradus/report/xlsx.h"
#include "gradus/store/exchange.h"
#include "gradus/store/exchange_file.h"
#include "gradus/store/safe_file.h"
#include "gradus/text/charset.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"

static int import_usage(void)
{
	cli_error("%s", _("usage: gradus import cases|experts FILE|FILE.xlsx [--encoding auto|utf-8|gbk|gb18030]\n"
			  "         [--sheet NAME] [--dry-run] [--skip-unknown]"));
	cli_error("%s", _("usage: gradus import template cases|experts -o FILE.xlsx|FILE.csv [--keys]"));
	cli_error("%s", _("usage: gradus import batches | gradus import undo BATCH"));
	return 2;
}

static int export_usage(void)
{
	cli_error("%s", _("usage: gradus export cases|checks|findings|experts|agenda [--encoding utf-8|gb18030] [--bom]\n"
			  "         [--within DAYS] [--keys] [-o FILE|FILE.xlsx]"));
	return 2;
}

/* The whole file (or standard input for "-"); caller frees. */
static int read_file(const char *path, char **bytes, size_t *len)
{
	FILE *file = strcmp(path, "-") ? fopen(cli_path(path), "rb") : stdin;
	size_t capacity = 0, got;
	char *grown;
	int rc = 0;

	*bytes = NULL;
	*len = 0;
	if (!file) {
		/* L10N: the file, then why (from the system) */
		cli_error(_("cannot read %s: %s"), path, strerror(errno));
		return 1;
	}
	do {
		if (*len == capacity) {
			capacity = capacity ? capacity * 2 : 65536;
			if (!(grown = realloc(*bytes, capacity))) {
				cli_error("%s", _("out of memory"));
				rc = 1;
				break;
			}
			*bytes = grown;
		}
		got = fread(*bytes + *len, 1, capacity - *len, file);
		*len += got;
	} while (got > 0);
	if (!rc && ferror(file)) {
		cli_error(_("cannot read %s: %s"), path, strerror(errno));
		rc = 1;
	}
	if (file != stdin)
		fclose(file);
	return rc;
}

static void print_warning(void *context, long line, const char *text)
{
	/* L10N: the file, its row as a spreadsheet numbers it, then an intake warning */
	fprintf(stderr, _("gradus: %s: row %ld: warning: %s\n"), (const char *)context, line, text);
}

/* Standard input read with --encoding auto, in a locale whose character
 * set auto does not already read (GB18030 holds GBK and GB2312): text that
 * is not UTF-8 is in the locale's character set, converted here. */
static int stdin_from_locale(const char *path, enum csv_encoding *encoding, char **bytes, size_t *size)
{
	struct charset *locale = cli_locale_charset();
	struct error err = { "" };
	char *text;

	if (strcmp(path, "-") || *encoding != CSV_AUTO || !locale || !strncasecmp(charset_name(locale), "GB", 2) ||
	    utf8_is_valid(*bytes ? *bytes : "", *size))
		return 0;
	if (charset_to_utf8(locale, *bytes ? *bytes : "", *size, &text, size, NULL, &err)) {
		/* L10N: standard input's bytes were not text in the locale's character set */
		cli_error(_("standard input: %s"), err.message);
		return 1;
	}
	free(*bytes);
	*bytes = text;
	*encoding = CSV_UTF8;
	return 0;
}

/* The file decoded to UTF-8 before the database is opened, CSV in its
 * encoding or a workbook's sheet (exchange_file.h): a file that is not text
 * changes nothing. */
static int decode_file(const char *path, enum csv_encoding encoding, const char *sheet, char **text, size_t *len)
{
	struct error err = { "" };
	char *bytes = NULL;
	size_t size = 0;
	int rc = read_file(path, &bytes, &size);

	if (!rc)
		rc = stdin_from_locale(path, &encoding, &bytes, &size);
	if (!rc && exchange_decode(path, bytes, size, encoding, sheet, text, len, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	free(bytes);
	return rc;
}

/* The headers --skip-unknown passed over, for the summary. */
struct skipped_columns {
	const char *file;
	char **headers;
	size_t count;
};

static void note_skipped(void *context, const char *header)
{
	struct skipped_columns *s = context;
	char **grown = realloc(s->headers, (s->count + 1) * sizeof(*s->headers));

	if (grown && (grown[s->count] = strdup(header)))
		s->count++;
	if (grown)
		s->headers = grown;
}

static void print_row_warning(void *context, long line, const char *text)
{
	print_warning((void *)((struct skipped_columns *)context)->file, line, text);
}

static void skipped_summary(struct skipped_columns *s)
{
	size_t i;

	if (s->count)
		/* L10N: before the headers of the columns --skip-unknown passed over, comma-separated */
		printf("%s", ngettext("column passed over: ", "columns passed over: ", s->count));
	for (i = 0; i < s->count; i++)
		printf("%s%s", i ? ", " : "", s->headers[i]);
	if (s->count)
		printf("\n");
}

static void skipped_free(struct skipped_columns *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->headers[i]);
	free(s->headers);
}

/* A value of a change as the user reads it ("" for empty, quoted). */
static const char *shown_value(const char *value)
{
	/* L10N: an empty value in a change an import made */
	return value && *value ? value : _("(empty)");
}

static void print_changes(const struct import_summary *s, const char *file)
{
	size_t i;

	for (i = 0; i < s->change_count; i++) {
		const struct import_change *c = &s->changes[i];

		if (c->conflict)
			/* L10N: a field an import left as it is: file, row, the record, the column as written, the
			 * value kept, the file's value, why */
			printf(_("%s:%ld: %s %s: kept %s, the file has %s: %s\n"), file, c->row, c->record, c->column,
			       shown_value(c->old_value), shown_value(c->new_value), c->reason);
		else
			/* L10N: a field an import changed: file, row, the record, the column as written, old, new */
			printf(_("%s:%ld: %s %s: %s -> %s\n"), file, c->row, c->record, c->column, shown_value(c->old_value),
			       shown_value(c->new_value));
	}
}

static void import_summary_print(enum import_kind kind, const struct import_summary *s, bool dry_run,
				 const char *file)
{
	print_changes(s, file);
	if (kind == IMPORT_CASES)
		/* L10N: the counts of rows of an import: new cases, cases already there and equal, cases changed */
		printf(_("cases: %zu new, %zu unchanged, %zu changed"), s->created, s->unchanged, s->changed);
	else
		/* L10N: the counts of rows of an import: new experts, experts already there and equal, changed */
		printf(_("experts: %zu new, %zu unchanged, %zu changed"), s->created, s->unchanged, s->changed);
	if (s->conflicts)
		/* L10N: after the counts: fields an import left as they are */
		printf(ngettext("; %zu field left as it is", "; %zu fields left as they are", s->conflicts), s->conflicts);
	printf("\n");
	if (dry_run)
		printf("%s\n", _("dry run: nothing written"));
	else if (s->batch)
		/* L10N: the batch's number, twice; keep the command as it is */
		printf(_("import batch %d (gradus import undo %d undoes it)\n"), s->batch, s->batch);
	else if (s->conflicts)
		printf("%s\n", _("nothing written"));
	else
		printf("%s\n", _("nothing to write: the database already holds every row"));
}

static int import_batches_list(struct cli *cli)
{
	struct store *store = NULL;
	struct import_batch *b = NULL;
	struct error err = { "" };
	size_t count = 0, i;
	int rc = cli_open_store(cli, STORE_OPEN_EXISTING, &store);

	if (!rc && import_batches(store, &b, &count, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	for (i = 0; !rc && i < count; i++) {
		/* L10N: a batch: number, when, who, kind (cases/experts), the file, new, unchanged, changed */
		printf(_("%d  %s  %s  %s  %s  %zu new, %zu unchanged, %zu changed"), b[i].number, b[i].created_at,
		       b[i].created_by, b[i].kind, b[i].source, b[i].created, b[i].unchanged, b[i].changed);
		if (b[i].undone_at)
			/* L10N: after a batch undone: who undid it and when */
			printf(_("  undone by %s at %s"), b[i].undone_by, b[i].undone_at);
		printf("\n");
	}
	if (!rc && !count)
		printf("%s\n", _("no imports yet"));
	import_batches_free(b, count);
	store_close(&store);
	return rc;
}

static int import_undo_batch(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	struct import_undone undone;
	char extra;
	int number, rc;
	size_t i;

	if (argc != 3 || sscanf(argv[2], "%d%c", &number, &extra) != 1 || number < 1) {
		cli_error("%s", _("usage: gradus import undo BATCH (a number gradus import batches lists)"));
		return 2;
	}
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && import_undo(store, forms, number, &undone, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	for (i = 0; !rc && i < undone.also_count; i++)
		/* L10N: a later import of the same records, undone first */
		printf(_("import batch %d undone first: it changed the same records\n"), undone.also[i]);
	if (!rc)
		/* L10N: the batch's number, the records deleted, the fields given back their values */
		printf(_("import batch %d undone: %zu records removed, %zu fields restored\n"), number, undone.removed,
		       undone.restored);
	cli_close_all(&store, &forms);
	return rc;
}

static int import_template(struct cli *cli, int argc, char **argv);

int cli_import(struct cli *cli, int argc, char **argv)
{
	const char *encoding_name = "auto", *sheet_name = NULL;
	enum csv_encoding encoding;
	enum import_kind kind;
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	bool bad = false;
	struct skipped_columns skipped = { argc > 2 ? argv[2] : "", NULL, 0 };
	struct import_options options = {
		.warn = print_row_warning, .skipped = note_skipped, .context = &skipped,
	};
	struct import_summary summary = { 0 };
	char *text = NULL;
	size_t len = 0;
	int i, rc;

	if (argc == 2 && !strcmp(argv[1], "batches"))
		return import_batches_list(cli);
	if (argc >= 2 && !strcmp(argv[1], "undo"))
		return import_undo_batch(cli, argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "template"))
		return import_template(cli, argc, argv);
	if (argc < 3 || (strcmp(argv[1], "cases") && strcmp(argv[1], "experts")))
		return import_usage();
	kind = !strcmp(argv[1], "cases") ? IMPORT_CASES : IMPORT_EXPERTS;
	for (i = 3; i < argc && !bad; i++) {
		if (!strcmp(argv[i], "--dry-run"))
			options.dry_run = true;
		else if (!strcmp(argv[i], "--skip-unknown"))
			options.skip_unknown = true;
		else if (!cli_option(argc, argv, &i, "--encoding", &encoding_name, &bad) &&
			 !cli_option(argc, argv, &i, "--sheet", &sheet_name, &bad))
			return import_usage();
	}
	if (bad)
		return 2;
	if (!csv_encoding_parse(encoding_name, &encoding)) {
		cli_error(_("--encoding %s: expected auto, utf-8, gbk or gb18030"), encoding_name);
		return 2;
	}
	if ((rc = decode_file(argv[2], encoding, sheet_name, &text, &len)))
		return rc;
	rc = cli_open_all(cli, STORE_OPEN_OR_CREATE, &store, &forms);
	if (!rc && import_csv(store, forms, kind, argv[2], text, len, &options, &summary, &err)) {
		cli_error("%s", err.message);
		/* L10N: after the error of an import's first bad row */
		cli_error("%s", _("nothing was imported"));
		rc = 1;
	}
	if (!rc) {
		import_summary_print(kind, &summary, options.dry_run, argv[2]);
		skipped_summary(&skipped);
	}
	import_summary_clear(&summary);
	skipped_free(&skipped);
	free(text);
	cli_close_all(&store, &forms);
	return rc;
}

/* Written beside FILE and renamed over it once whole (safe_file.h). */
static int write_output(const char *path, const char *bytes, size_t len)
{
	struct error err = { "" };

	if (!path) /* in its --encoding, whatever the locale's */
		return fwrite(bytes, 1, len, cli_stdout_as_is()) == len && fflush(cli_stdout_as_is()) == 0 ? 0 : 1;
	if (safe_file_write(cli_path(path), bytes, len, SAFE_FILE_REPLACE, 0666, &err)) {
		cli_error("%s", err.message);
		return 1;
	}
	return 0;
}

struct export_args {
	struct export_request request;
	enum csv_encoding encoding;
	bool bom;
	const char *output;
};

/* The office's words, unless --keys asks for the keys: under a zh locale,
 * and always in a workbook or a template, which are made for people to
 * read and fill in (the keys are for machines and the English CSV). */
static bool export_chinese(bool keys, bool for_people)
{
	return !keys && (for_people || i18n_chinese());
}

static int parse_export(int argc, char **argv, struct export_args *a)
{
	const char *encoding_name = "utf-8", *within = "90";
	bool bad = false, keys = false;
	char extra;
	int i;

	memset(a, 0, sizeof(*a));
	if (argc < 2 || !export_kind_parse(argv[1], &a->request.kind))
		return export_usage();
	for (i = 2; i < argc && !bad; i++) {
		if (!strcmp(argv[i], "--bom"))
			a->bom = true;
		else if (!strcmp(argv[i], "--keys"))
			keys = true;
		else if (!cli_option(argc, argv, &i, "--encoding", &encoding_name, &bad) &&
			 !cli_option(argc, argv, &i, "--within", &within, &bad) &&
			 !cli_option(argc, argv, &i, "-o", &a->output, &bad) &&
			 !cli_option(argc, argv, &i, "--output", &a->output, &bad))
			return export_usage();
	}
	if (bad)
		return 2;
	if (!csv_encoding_parse(encoding_name, &a->encoding) || (a->encoding != CSV_UTF8 && a->encoding != CSV_GB18030)) {
		cli_error(_("--encoding %s: expected utf-8 or gb18030"), encoding_name);
		return 2;
	}
	if (sscanf(within, "%d%c", &a->request.within, &extra) != 1 || a->request.within < 0 ||
	    a->request.within > 36500) {
		cli_error(_("--within %s: expected a number of days, e.g. 90"), within);
		return 2;
	}
	a->request.chinese = export_chinese(keys, a->output && exchange_is_workbook(a->output));
	return 0;
}

/* An export to a workbook: the fields before the header give each column
 * its kind and dropdown, the header row then starts the book; the first
 * failure is kept. */
struct workbook_export {
	struct safe_database file; /* the workbook is written in its folder, renamed once whole */
	struct xlsx_book *book;
	const struct forms *forms;
	const char *path, *sheet;
	bool chinese;
	const char **levels, **regions;
	const char *const *fields; /* until the header row */
	size_t field_count;
	struct error err;
	enum status status;
};

/* A column's cells by its field: dates as date cells, years and scores as
 * numbers, the rest (credit codes, case numbers) as text; levels and
 * regions with a dropdown in the words of the header. */
static void workbook_column(struct workbook_export *x, const char *field, const char *header,
			    struct xlsx_column *column)
{
	size_t len = strlen(field);

	column->header = header;
	column->kind = (len > 3 && !strcmp(field + len - 3, "_on")) || !strcmp(field, "next_due") ? XLSX_DATE
		       : !strcmp(field, "year") || !strcmp(field, "maturity") || !strcmp(field, "score") ? XLSX_NUMBER
		       : XLSX_TEXT;
	if (!strcmp(field, "level")) {
		column->choices = x->levels;
		column->choice_count = x->forms->level_count;
	} else if (!strcmp(field, "region")) {
		column->choices = x->regions;
		column->choice_count = x->forms->region_count;
	}
}

static void workbook_fields(void *context, const char *const *fields, size_t count)
{
	struct workbook_export *x = context;

	x->fields = fields;
	x->field_count = count;
}

static void workbook_header(struct workbook_export *x, const char *const *cells, size_t count)
{
	struct xlsx_column *columns = calloc(count ? count : 1, sizeof(*columns));
	size_t i;

	x->levels = calloc(x->forms->level_count + 1, sizeof(*x->levels));
	x->regions = calloc(x->forms->region_count + 1, sizeof(*x->regions));
	if (!columns || !x->levels || !x->regions) {
		x->status = error_set(&x->err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
		free(columns);
		return;
	}
	for (i = 0; i < x->forms->level_count; i++)
		x->levels[i] = x->chinese ? x->forms->levels[i].zh : x->forms->levels[i].key;
	for (i = 0; i < x->forms->region_count; i++)
		x->regions[i] = x->chinese ? x->forms->regions[i].zh : x->forms->regions[i].key;
	for (i = 0; i < count; i++)
		workbook_column(x, x->fields && i < x->field_count ? x->fields[i] : cells[i], cells[i], &columns[i]);
	x->fields = NULL;
	if (!(x->status = safe_database_begin(&x->file, x->path, SAFE_FILE_REPLACE, &x->err)))
		x->status = xlsx_begin(&x->book, &(struct xlsx_file){ x->file.temp, x->file.folder, x->file.path },
				       x->sheet, columns, count, &x->err);
	free(columns);
}

static void workbook_row(void *context, const char *const *cells, size_t count)
{
	struct workbook_export *x = context;

	if (x->status)
		return;
	if (!x->book)
		workbook_header(x, cells, count);
	else
		x->status = xlsx_row(x->book, cells, count, &x->err);
}

/* The mode of a new file: 0666 less the umask. */
static mode_t file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* Writes the book once export_rows or export_template has filled it, and
 * renames it over the target. */
static int workbook_finish(struct workbook_export *x, enum status status)
{
	if (!status)
		status = x->status;
	if (!status && x->book)
		status = xlsx_commit(&x->book, &x->err);
	xlsx_abort(&x->book);
	if (!status && x->file.temp)
		status = safe_database_commit(&x->file, file_mode(), &x->err);
	safe_database_abort(&x->file);
	if (status)
		cli_error("%s", x->err.message);
	free(x->levels);
	free(x->regions);
	return status ? 1 : 0;
}

static int export_workbook(struct store *store, const struct forms *forms, const struct export_args *a,
			   const char *sheet)
{
	struct workbook_export x = {
		.forms = forms, .path = cli_path(a->output), .sheet = sheet, .chinese = a->request.chinese,
	};
	struct export_sink sink = { workbook_row, workbook_fields, &x };

	return workbook_finish(&x, export_rows(store, forms, &a->request, &sink, &x.err));
}

int cli_export(struct cli *cli, int argc, char **argv)
{
	struct export_args a;
	struct store *store = NULL;
	struct forms *forms = NULL;
	struct csv_writer writer;
	struct error err = { "" };
	char *bytes = NULL;
	size_t len = 0;
	int rc = parse_export(argc, argv, &a);

	if (rc)
		return rc;
	a.request.today = cli->today;
	rc = cli_open_all(cli, STORE_OPEN_EXISTING, &store, &forms);
	if (!rc && exchange_is_workbook(a.output)) {
		rc = export_workbook(store, forms, &a, argv[1]);
		cli_close_all(&store, &forms);
		return rc;
	}
	csv_writer_init(&writer, a.bom);
	if (!rc && (export_csv(store, forms, &a.request, &writer, &err) ||
		    csv_writer_finish(&writer, a.encoding, &bytes, &len, &err))) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		rc = write_output(a.output, bytes ? bytes : "", len);
	csv_writer_free(&writer);
	free(bytes);
	cli_close_all(&store, &forms);
	return rc;
}

static void template_csv_row(void *context, const char *const *cells, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		csv_write_field(context, cells[i]);
	csv_end_row(context);
}

/* The template as CSV: UTF-8 with a byte order mark, which Excel and WPS
 * open as Chinese and the import reads. */
static int template_csv(const struct forms *forms, enum import_kind kind, struct date today, bool chinese,
			const char *path)
{
	struct csv_writer writer;
	struct export_sink sink = { template_csv_row, NULL, &writer };
	struct error err = { "" };
	char *bytes = NULL;
	size_t len = 0;
	int rc = 0;

	csv_writer_init(&writer, true);
	export_template(forms, kind, today, chinese, &sink);
	if (csv_writer_finish(&writer, CSV_UTF8, &bytes, &len, &err)) {
		cli_error("%s", err.message);
		rc = 1;
	}
	if (!rc)
		rc = write_output(path, bytes ? bytes : "", len);
	csv_writer_free(&writer);
	free(bytes);
	return rc;
}

/* gradus import template cases|experts -o FILE.xlsx|FILE.csv [--keys]: an
 * empty sheet with the import's headers, a sample row and the dropdowns. */
static int import_template(struct cli *cli, int argc, char **argv)
{
	const char *output = NULL;
	struct forms *forms = NULL;
	enum import_kind kind;
	bool bad = false, keys = false;
	int i, rc;

	if (argc < 3 || (strcmp(argv[2], "cases") && strcmp(argv[2], "experts"))) {
		/* L10N: the kind of template asked for; keep cases and experts as they are */
		cli_error(_("import template %s: expected cases or experts"), argc < 3 ? "" : argv[2]);
		return import_usage();
	}
	kind = !strcmp(argv[2], "cases") ? IMPORT_CASES : IMPORT_EXPERTS;
	for (i = 3; i < argc && !bad; i++)
		if (!strcmp(argv[i], "--keys"))
			keys = true;
		else if (!cli_option(argc, argv, &i, "-o", &output, &bad) &&
			 !cli_option(argc, argv, &i, "--output", &output, &bad))
			return import_usage();
	if (bad)
		return 2;
	if (!output) {
		/* L10N: keep the command and the option as they are */
		cli_error("%s", _("import template: where to write it? e.g. -o 模板.xlsx (a workbook) or -o 模板.csv"));
		return 2;
	}
	if ((rc = cli_load_forms(cli, &forms)))
		return rc;
	if (exchange_is_workbook(output)) {
		struct workbook_export x = {
			.forms = forms, .path = cli_path(output), .sheet = argv[2], .chinese = export_chinese(keys, true),
		};
		struct export_sink sink = { workbook_row, workbook_fields, &x };

		export_template(forms, kind, cli->today, x.chinese, &sink);
		rc = workbook_finish(&x, STATUS_OK);
	} else {
		rc = template_csv(forms, kind, cli->today, export_chinese(keys, true), output);
	}
	forms_free(&forms);
	return rc;
}
