/* Objections (异议) raised in a case's public notice (公示): who raised
 * one, when and what; who resolved it, when and how. A step that ends the
 * notice (requires = notice_ended) waits for every one to be resolved. */
#ifndef GRADUS_OBJECTIONS_H
#define GRADUS_OBJECTIONS_H

#include <stddef.h>

#include "gradus/core/dates.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

struct objection {
	char id[33];
	char *raised_by, *raised_on, *text;
	char *resolved_by, *resolved_on, *outcome; /* NULL while open */
};

/* Records an objection on a case in public notice, raised on `on` (not
 * before the notice started) by `by`; *number is its place in the case's
 * list (1 for the first), the number objection_resolve takes. */
enum status objection_add(struct store *store, const struct forms *forms, const char *case_key, const char *by,
			  struct date on, const char *text, int *number, struct error *err);
/* Resolves the case's objection number `number` on `on` (not before it was
 * raised) with its outcome; by NULL is the store's user. */
enum status objection_resolve(struct store *store, const char *case_key, int number, const char *by,
			      struct date on, const char *outcome, struct error *err);
/* The case's objections, first raised first. */
enum status objections_of_case(struct store *store, const char *case_key, struct objection **out, size_t *count,
			       struct error *err);
void objections_free(struct objection *list, size_t count);
/* How many of the case's (by id) objections are not resolved. */
enum status objections_open(struct store *store, const char *case_id, int *open, struct error *err);

#endif
