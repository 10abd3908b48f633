/* Private to store/: what import.c (reading rows) and import_batch.c
 * (matching rows to records there, batches and their undo) share. */
#ifndef GRADUS_IMPORT_PRIVATE_H
#define GRADUS_IMPORT_PRIVATE_H

#include <stdbool.h>

#include "gradus/store/cases.h"
#include "gradus/store/exchange.h"
#include "gradus/store/panels.h"

/* The columns of each import, in the order of import.c's known lists. */
enum case_column {
	C_ENTERPRISE, C_USCC, C_REGION, C_LEVEL, C_YEAR, C_FACTORY, C_ADDRESS, C_INDUSTRY, C_CONTACT, C_MATURITY,
	C_COMMITMENT_ON, C_SCENARIOS, C_CERTIFIED_ON, C_CULTIVATION_STARTS_ON, C_NOTE,
};
enum expert_column { X_NAME, X_FIELDS, X_AFFILIATION, X_REGION, X_CONTACT, X_CONFLICTS };

/* A row of the file as the matching sees it: where it is, the headers of
 * the file by known column (NULL: the file has no such column, so the field
 * is left alone), and the audit row its batch began after. */
struct import_row {
	long row;
	const char *const *headers;
	long long batch_first;
};

/* The last audit row's seq (0 while the chain is empty). */
enum status import_audit_seq(struct store *store, long long *seq, struct error *err);

/* A case row matched by credit code, level and year (*matched false when no
 * case is there): the fields that differ are changed, or kept as conflicts,
 * and summary counts the row. */
enum status import_match_case(struct store *store, const struct forms *forms, const struct import_row *row,
			      const struct new_case *in, struct import_summary *summary, bool *matched,
			      struct error *err);
/* An expert row matched by name and affiliation. */
enum status import_match_expert(struct store *store, const struct forms *forms, const struct import_row *row,
				const struct expert_input *in, struct import_summary *summary, bool *matched,
				struct error *err);

/* Who wrote an audit row, as imports see it: a person (or the system), an
 * import standing (a batch not undone, or the one running: rows after
 * batch_first), or cancelled (a batch undone, or the writes of its undo).
 * *batch: the standing batch's number (0 for the one running). */
enum import_writer { WRITER_PERSON, WRITER_IMPORT, WRITER_CANCELLED };
enum status import_writer_of(struct store *store, long long seq, long long batch_first, enum import_writer *out,
			     int *batch, struct error *err);

/* Records the batch of an import that wrote the audit rows after
 * batch_first (none written: no batch, summary->batch 0). */
enum status import_batch_record(struct store *store, enum import_kind kind, const char *source,
				long long batch_first, struct import_summary *summary, struct error *err);

#endif
