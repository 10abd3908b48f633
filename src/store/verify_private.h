/* Private to store/: what the checks of gradus verify share (verify.c). */
#ifndef GRADUS_STORE_VERIFY_PRIVATE_H
#define GRADUS_STORE_VERIFY_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "gradus/store/store.h"

struct verifier {
	struct store *store;
	store_verify_problem *problem;
	void *context;
	long count;
	bool bundle; /* the file is a bundle by its own identity */
};

/* One problem, after the file's name: formatted, counted, passed on. */
void verify_report(struct verifier *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A column's text, "" for NULL. */
const char *verify_text(sqlite3_stmt *stmt, int column);
/* The audit chain in one pass (verify_chain.c): every record's hash
 * against the one before and what it wrote, every update against the row's
 * value then, every row audited as there against its table; *records and
 * head (hex) of the chain. unaccounted (NULL: not asked): a flag a table of
 * the schema, cleared where every row is one an insert record accounts for. */
enum status verify_chain(struct verifier *v, bool *unaccounted, long *records, char head[65], struct error *err);
/* Every check's signatures and every panel's against their content as it
 * is now, with what may change after signing taken back (verify_signatures.c). */
enum status verify_signatures(struct verifier *v, struct error *err);
/* The dashboard's kept counts against the rows they count (verify_counts.c). */
enum status verify_counts(struct verifier *v, struct error *err);
/* The agenda's kept deadlines against next_due and, with the store's
 * forms, against the rules (verify_counts.c). */
enum status verify_dues(struct verifier *v, struct error *err);

#endif
