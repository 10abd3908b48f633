/* Visit bundles: a SQLite file holding some cases and all they need, worked
 * on away from the office and applied back field by field; a field changed
 * on both sides is a conflict kept until a person picks a value. */
#ifndef GRADUS_BUNDLE_H
#define GRADUS_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/store/store.h"
#include "gradus/text/status.h"

/* Writes path (which must not exist, not even as a symbolic link): a new
 * database holding only the cases (ids or numbers), their enterprise,
 * factory, events, checks with their forms snapshot, answers, evidence and
 * attachments, findings, panels and their experts, and cultivation, all
 * users, and their own search index; an empty audit chain; and a manifest
 * naming this database, the time, the cases, the inspector (may be NULL) and
 * the SHA-256 of it all. Nothing else of the office is in the file, and its
 * cost depends on the cases. Written to path.part (created exclusively),
 * renamed once whole; recorded in bundles_issued.
 * Clerks and admins only. */
enum status bundle_out(struct store *store, const char *const *cases, size_t case_count, const char *inspector,
		       const char *path, struct error *err);

/* What bundle_in did. */
struct bundle_result {
	long changes;    /* recorded changes applied now */
	long inserted;   /* rows added */
	long updated;    /* fields written */
	long deleted;    /* rows deleted */
	long conflicts;  /* fields changed on both sides, kept for a person */
	long refused;    /* changes the office does not allow, kept with their reason */
	bool already;    /* every change was applied before: nothing was written */
	char bundle_id[33];
};

/* Applies the changes recorded in the bundle at path, in one transaction
 * through the write path (so audited here). Refused before anything is
 * written when the file is damaged, its schema is not the one gradus makes,
 * its manifest or a change does not match its SHA-256, this office did not
 * issue it (bundles_issued) or its manifest was edited, or it was written
 * from another database. Changes applied before are skipped: applying a
 * bundle twice changes nothing. Each change is authorised as the office
 * would allow it now (its author one of the bundle's inspectors, their
 * role at the office, the bundle's cases only, nothing signed); one
 * refused is kept as a conflict with its reason. */
enum status bundle_in(struct store *store, const char *path, struct bundle_result *out, struct error *err);

/* Whether this database is a bundle (has a manifest; read when it opened). */
bool bundle_is(struct store *store);

struct conflict_row {
	char *id, *table, *row_id, *field, *base, *office, *bundle, *status, *resolved_value, *label;
	char *reason;    /* why the office refused the bundle's change; NULL: changed on both sides */
	char *bundle_id; /* the bundle it came from */
};
/* Open conflicts (all: resolved ones too), oldest first. label names the
 * row for a person (a case's number) or is NULL. */
enum status conflict_list(struct store *store, bool all, struct conflict_row **rows, size_t *count,
			  struct error *err);
void conflict_rows_free(struct conflict_row *rows, size_t count);
/* Closes an open conflict (id or a unique prefix of it) keeping the
 * office's value or writing the bundle's. Clerks and admins only. */
enum status conflict_resolve(struct store *store, const char *id, bool take_bundle, struct error *err);

#endif
