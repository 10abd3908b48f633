/* Who may do what: one table of roles by action, asked by every write
 * (store/authority.c), and the records no one may change any more: a
 * signed check, a signed panel, a closed case. A workflow step is not in
 * the table: each step names its own roles in the forms (case_may_take). */
#ifndef GRADUS_AUTHORITY_H
#define GRADUS_AUTHORITY_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/text/status.h"

struct store;
struct forms;

/* The roles, one bit each. */
#define AUTHORITY_ADMIN 1u
#define AUTHORITY_CLERK 2u
#define AUTHORITY_INSPECTOR 4u
#define AUTHORITY_SECRETARY 8u

/* Besides the role, what a user must be on the record (a check's id):
 * nothing; one of the check's inspectors (an admin stands in); one of
 * them, even an admin; or, without the role, one of them will do. */
enum authority_scope { AUTHORITY_ANY, AUTHORITY_NAMED, AUTHORITY_NAMED_ONLY, AUTHORITY_OR_NAMED };

/* The actions, one line each; their keys, roles and scopes are the table
 * in store/authority.c. */
#define AUTHORITY_ACTIONS(X) \
	X(CASE_ADD) X(CASE_EDIT) X(CHECK_PLAN) X(CHECK_ANSWER) X(CHECK_AMEND) X(CHECK_SIGN) X(EVIDENCE_ADD) \
	X(FINDING_CHANGE) X(EXPERT_ADD) X(EXPERT_EDIT) X(PANEL_CONVENE) X(PANEL_RECORD) X(PANEL_SIGN) \
	X(CULTIVATION_RECORD) X(USER_ADD) X(BUNDLE_OUT) X(BUNDLE_IN) X(CONFLICT_RESOLVE)

enum authority_action {
#define AUTHORITY_ENUM(name) AUTHORITY_##name,
	AUTHORITY_ACTIONS(AUTHORITY_ENUM)
#undef AUTHORITY_ENUM
	AUTHORITY_ACTION_COUNT
};

/* The action's key ("check.answer"), the roles it is for (AUTHORITY_*
 * bits) and its scope; NULL/0 past the table. */
const char *authority_key(enum authority_action action);
unsigned authority_roles(enum authority_action action);
enum authority_scope authority_scope(enum authority_action action);
/* Whether a role ("admin", "" for none) is one the action is for: the
 * table alone, before any record (for screens that dim what a user may
 * not do). */
bool authority_allows(const char *role, enum authority_action action);
/* The same with the record's scope: whether a user of that role, named on
 * the check or not, may do the action (what authority_check decides for
 * the store's user; bundle_in.c asks it for a bundle's author). */
bool authority_role_may(const char *role, enum authority_action action, bool named);

/* Whether the store's user may do the action, on check_id when its scope
 * names a check's inspectors (NULL otherwise): STATUS_OK, or
 * STATUS_ERR_DENIED with a message naming who may. */
enum status authority_check(struct store *store, enum authority_action action, const char *check_id,
			    struct error *err);

/* The forms whose final states close a case (the write path refuses any
 * change to a closed case's record); kept, not copied: the forms outlive
 * the store's use of them. NULL forgets them. */
void authority_use_forms(struct store *store, const struct forms *forms);

#endif
