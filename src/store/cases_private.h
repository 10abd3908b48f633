/* Private to store/: what the case modules share. */
#ifndef GRADUS_STORE_CASES_PRIVATE_H
#define GRADUS_STORE_CASES_PRIVATE_H

#include <sqlite3.h>

#include "gradus/store/cases.h"
#include "gradus/store/preconditions.h"

/* Records an event (step, the state it leads to, its kind) on a case and
 * applies what it means: the state, the dates of the rules, the
 * responsibility chain, next_due. Inside the caller's transaction; no
 * permission or from-state check (the callers make them). */
enum status case_record_step(struct store *store, const struct forms *forms, const struct level *level,
			     const char *id, const char *step, const char *to, const char *kind, struct date on,
			     const char *note, struct error *err);

/* The preconditions of step for the case d on `on` (preconditions.c). */
enum status case_step_preconditions(struct store *store, const struct forms *forms, const struct level *level,
				    const struct level_step *step, const struct case_detail *d, struct date on,
				    struct step_check *out, struct error *err);

/* The sweep as of `today`, as the system, inside the caller's transaction
 * (the demo's: what has lapsed by its day is swept when it is made). */
enum status case_sweep_within(struct store *store, const struct forms *forms, struct date today,
			      struct sweep_counts *counts, struct error *err);

/* The sweep's query of the cases to look at (?1 today, ?2 the latest
 * cultivation start whose end may have passed): for its plan's test. */
const char *case_sweep_sql(void);

/* The next date that falls due for the case (*has false: none), with the
 * case's deadlines kept in case_dues (schema 24) in the caller's
 * transaction: the agenda reads them. */
enum status case_dues_keep(struct store *store, const struct forms *forms, const struct case_detail *detail,
			   struct date *due, bool *has, struct error *err);
/* Every case's deadlines as the rules give them, each run through insert
 * (?1 case id, ?2 kind, ?3 due on, ?4 number, ?5 provisional year or 0):
 * filling case_dues, or verify comparing them. */
enum status case_dues_compute_all(struct store *store, const struct forms *forms, sqlite3_stmt *insert,
				  struct error *err);

/* A level's name in the language of the messages (its zh or en). */
const char *case_level_name(const struct level *level);

/* The case's id for its id or number. */
enum status case_id_of(struct store *store, const char *key, char id[33], struct error *err);

#endif
