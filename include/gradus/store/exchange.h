/* Records in and out as CSV (DESIGN section 5): enterprises with their
 * cases, and experts, imported all or nothing; cases, checks, findings,
 * experts and the agenda exported. The text is UTF-8 (csv_decode before an
 * import; csv_writer_finish encodes an export). */
#ifndef GRADUS_EXCHANGE_H
#define GRADUS_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"
#include "gradus/text/csv.h"

enum import_kind { IMPORT_CASES, IMPORT_EXPERTS };

/* The columns an import takes (header names, NULL-terminated), the ones it
 * needs, and the ones of an export it passes over (so an export imports). */
struct import_columns {
	const char *const *known, *const *required, *const *ignored;
};
const struct import_columns *import_columns_of(enum import_kind kind);

/* A warning of a row (e.g. case_create's intake warnings), by line. */
typedef void (*import_warning_fn)(void *context, long line, const char *text);

/* How an import runs: dry_run rolls back at the end; skip_unknown passes
 * over a column it does not know (calling skipped with its header) instead
 * of refusing the file; warn gets each row's warnings. */
struct import_options {
	bool dry_run, skip_unknown;
	import_warning_fn warn;
	void (*skipped)(void *context, const char *header);
	void *context;
};

/* A field of a row matched to a record already there (a case by credit
 * code, level and year; an expert by name and affiliation) whose value in
 * the file differs: changed through the write path, or, conflict, left as
 * it is because someone changed it since it was last imported (reason says
 * why). Values are as a person reads them (武汉市, not wuhan); NULL: empty. */
struct import_change {
	long row;
	char *record;            /* the case's number, the expert's code */
	char *column;            /* the header as the file writes it */
	char *old_value, *new_value;
	bool conflict;
	char *reason;            /* a conflict's reason */
};

/* What an import did, or, dry run, would do: rows new (created), matched
 * and equal (unchanged), matched with fields written (changed); fields in
 * conflict; every change and conflict; the batch that undoes it (0 when
 * nothing was written). */
struct import_summary {
	size_t created, unchanged, changed, conflicts;
	struct import_change *changes;
	size_t change_count;
	int batch;
};
void import_summary_clear(struct import_summary *summary);

/* Imports UTF-8 CSV text whose first record is the header naming the
 * columns, in any order, by the import's own names or the headers of
 * forms/columns.ini (Chinese or English); a row number column ([skip], e.g.
 * 序号) is passed over; unknown (unless skip_unknown), repeated or missing
 * required columns are refused, naming them. Cells are trimmed of ASCII and
 * full-width spaces; blank rows are skipped; regions and levels are taken
 * as an office writes them (forms_region_find, forms_level_find), dates by
 * date_parse_office. A row matched to a record already there updates the
 * fields that differ (struct import_change); any other row goes through
 * case_create or expert_add; all inside ONE transaction: the first bad row
 * rolls everything back and err is "NAME:LINE: column HEADER: message"
 * (NAME the file's name, LINE where the row starts, HEADER as the file
 * writes it). What was written is recorded as a batch (import_undo). A cell
 * read back from an export has its formula apostrophe removed
 * (csv_restore_formula); an empty cell is no value. */
enum status import_csv(struct store *store, const struct forms *forms, enum import_kind kind, const char *name,
		       const char *text, size_t len, const struct import_options *options,
		       struct import_summary *summary, struct error *err);

/* A batch of an import, as `import batches` lists them, newest first. */
struct import_batch {
	int number;
	char *kind, *source, *created_by, *created_at, *undone_by, *undone_at;
	size_t created, unchanged, changed;
};
enum status import_batches(struct store *store, struct import_batch **batches, size_t *count, struct error *err);
void import_batches_free(struct import_batch *batches, size_t count);

/* Undoes batch `number`: deletes what it created and restores what it
 * changed, through the write path, in one transaction. Later imports that
 * changed the same records are undone first, newest first (listed in
 * also). When a person's later work touched any of those records nothing
 * is written, the status is STATUS_ERR_CONFLICT and err names them. */
struct import_undone {
	size_t removed, restored; /* records deleted, fields given back their values */
	int also[16];             /* later batches undone with it */
	size_t also_count;
};
enum status import_undo(struct store *store, const struct forms *forms, int number, struct import_undone *out,
			struct error *err);

enum export_kind { EXPORT_CASES, EXPORT_CHECKS, EXPORT_FINDINGS, EXPORT_EXPERTS, EXPORT_AGENDA };
/* "cases" "checks" "findings" "experts" "agenda". */
bool export_kind_parse(const char *name, enum export_kind *kind);

/* What to export and in whose words. chinese: the office's (a zh locale
 * without --keys): each column under the first header forms/columns.ini
 * gives its field (企业名称; other exports' columns by gettext), levels,
 * regions and states by their Chinese names (先进级 武汉市 已认定); else
 * the fields' own names and the keys. Both import again as they are. */
struct export_request {
	enum export_kind kind;
	struct date today;
	int within; /* the agenda: what falls due by today + within days (overdue included) */
	bool chinese;
};

/* Where an export's rows go, as text: the header first, then a row per
 * record (a cell NULL or "" is empty). fields, when set, is called just
 * before the header with each column's field (its machine name: "uscc",
 * "certified_on"), whatever words the header uses. */
struct export_sink {
	void (*row)(void *context, const char *const *cells, size_t count);
	void (*fields)(void *context, const char *const *fields, size_t count);
	void *context;
};
/* Gives the header and every record of a kind to sink. */
enum status export_rows(struct store *store, const struct forms *forms, const struct export_request *request,
			const struct export_sink *sink, struct error *err);
/* export_rows into a CSV writer. */
enum status export_csv(struct store *store, const struct forms *forms, const struct export_request *request,
		       struct csv_writer *writer, struct error *err);
/* An import's template: the header of the columns the import takes (in
 * the words of chinese, as export_rows) and one sample row that imports as
 * it is (a case of 先进级 in 武汉市 for cases, an expert for experts), to be
 * replaced by the office's rows. today gives the sample's year and dates. */
void export_template(const struct forms *forms, enum import_kind kind, struct date today, bool chinese,
		     const struct export_sink *sink);

#endif
