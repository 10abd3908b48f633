/* Experts (专家库) and the panels (专家组) they sit on: members, notes per
 * scenario and criterion, scores, the consensus opinion, its signature, and
 * the step of the case it takes. */
#ifndef GRADUS_PANELS_H
#define GRADUS_PANELS_H

#include "gradus/core/panel.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

/* An expert: fields are stage keys (comma-separated), conflicts the
 * enterprises (names or credit codes, |-separated) they declared. */
struct expert_input {
	const char *name, *fields, *affiliation, *region, *contact, *conflicts;
};
/* Registers an expert; code is E0001, E0002, ... Clerks, secretaries and
 * admins. */
enum status expert_add(struct store *store, const struct forms *forms, const struct expert_input *in,
		       char code[16], struct error *err);
/* The field expert_add refuses in the input, by its key (name,
 * affiliation, region, fields), or NULL: where a refusal is named by its
 * column, whatever the language of its message. */
const char *expert_input_refused(const struct forms *forms, const struct expert_input *in);

/* Changes one field of an expert (by code or name): name, fields,
 * affiliation, region, contact or conflicts, checked as expert_add checks
 * them ("" clears region, contact and conflicts). expected, when not NULL,
 * is the value the user saw ("" for none): if it changed since, the write
 * is refused (STATUS_ERR_CONFLICT) naming the current value and who wrote
 * it. A new affiliation or conflict is written even when it touches the
 * applicant of an open panel the expert sits on: warnings names each such
 * panel, which panel_sign then refuses. Clerks, secretaries and admins. */
enum status expert_set_field(struct store *store, const struct forms *forms, const char *expert, const char *field,
			     const char *value, const char *expected, char warnings[512], struct error *err);
/* The field names expert_set_field takes, NULL-terminated. */
extern const char *const expert_field_names[];

struct expert_row {
	char id[33], code[16];
	char *name, *fields, *affiliation, *region, *contact, *conflicts;
};
enum status expert_list(struct store *store, struct expert_row **rows, size_t *count, struct error *err);
void expert_rows_free(struct expert_row *rows, size_t count);
/* An expert by code or exact name (two of that name: refused, give the
 * code); cleared with expert_row_clear. */
enum status expert_find(struct store *store, const char *key, struct expert_row *out, struct error *err);
void expert_row_clear(struct expert_row *row);

/* Why an expert may not sit on a panel for this enterprise (their
 * affiliation or a declared conflict touches it): a refusal in *refusal; the
 * same region is only a warning in *warning (naming the region from
 * forms, which may be NULL when only the refusal is wanted). Both empty: no objection. */
void expert_conflict(const struct forms *forms, const struct expert_row *expert, const char *enterprise,
		     const char *credit_code, const char *region, char refusal[256], char warning[256]);

/* Convenes a panel of a case for one of its level's panels (purpose), on a
 * day, with its members and chair (expert codes or names). A member with a
 * conflict is refused, naming the reason; members from the enterprise's
 * region are named in warnings. Clerks, secretaries and admins. Its
 * number is the case's number and -P1, -P2, ... */
struct panel_plan {
	const char *case_key, *purpose;
	struct date on;
	const char *const *members;
	size_t member_count;
	const char *chair;
};
enum status panel_plan(struct store *store, const struct forms *forms, const struct panel_plan *plan,
		       char number[48], char warnings[512], struct error *err);

/* What the secretary records while the panel is open: a member's note on a
 * scenario (0: the case as a whole) and a criterion, a member's score
 * (0..100), the consensus opinion (pass, fail, rectify: pass after
 * rectification) with its text and the rectification items (each becomes a
 * finding due on its date); rectify is refused on a panel whose level file
 * gives it no rectify step. Secretaries and admins. */
enum status panel_note(struct store *store, const char *panel, const char *expert, int scenario,
		       const char *criterion, const char *note, struct error *err);
enum status panel_member_score(struct store *store, const char *panel, const char *expert, double score,
			       struct error *err);
/* An item's due date; all zeros (no date given) is PANEL_ITEM_DAYS after
 * today, in the command line and the screen alike. */
#define PANEL_ITEM_DAYS 30
struct panel_item {
	const char *text;
	struct date due;
};
enum status panel_opinion(struct store *store, const struct forms *forms, const char *panel, const char *opinion,
			  const char *text, const struct panel_item *items, size_t item_count, struct error *err);

/* Signs the opinion: no member conflicts with the applicant as the
 * registry now stands (a conflict declared after convening is refused
 * too), every member has scored, the scores make the panel's score as the
 * level says, the SHA-256 of the panel's content is recorded, the panel
 * becomes read-only and the case takes the step the opinion leads to, on
 * the meeting day. */
enum status panel_sign(struct store *store, const struct forms *forms, const char *panel, char hash[65],
		       struct error *err);

/* A panel as stored. */
struct panel_member_row {
	char code[16];
	char *name, *affiliation, *score; /* score NULL until given */
	bool chair;
};
struct panel_note_row {
	char code[16];
	int scenario;
	char *criterion, *note;
};
struct panel_finding_row {
	char id[33];
	int item;
	char due_on[11], status[16];
	char *action;
};
struct panel_view {
	char id[33], number[48], case_number[32], purpose[32], meeting_on[11], status[16];
	char *enterprise, *level, *opinion, *opinion_text, *score, *signed_by, *signed_at, *hash, *step;
	struct panel_member_row *members;
	size_t member_count;
	struct panel_note_row *notes;
	size_t note_count;
	struct panel_finding_row *findings;
	size_t finding_count;
};
enum status panel_load(struct store *store, const char *panel, struct panel_view *out, struct error *err);
void panel_view_clear(struct panel_view *view);
/* The panels of a case, oldest first (ids). */
enum status panel_list(struct store *store, const char *case_key, char (**ids)[33], size_t *count,
		       struct error *err);

#endif
