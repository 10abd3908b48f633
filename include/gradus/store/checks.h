/* Spot checks (现场抽查) of a case: planning, answers written the moment they
 * are given, evidence, findings, sign-off, amendments and the scores.
 *
 * A check keeps its own copy of the checklists it was planned against (the
 * scenarios' titles, versions, guide texts and items), so it always shows as
 * answered, whatever happens to forms/ later. */
#ifndef GRADUS_CHECKS_H
#define GRADUS_CHECKS_H

#include <stdint.h>

#include "gradus/core/spotcheck.h"
#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

/* Plans a check of a case on a day by inspectors (users with the inspector
 * role, or admins). draw 0: the scenarios the factory declared; else `draw`
 * of them at random, from seed (seed_given false: a new random seed),
 * recorded with the check so the draw can be repeated. A clerk's or an
 * admin's step. The check's number is the case's number and -C1, -C2... */
struct check_plan {
	const char *case_key;
	struct date on;
	const char *const *inspectors;
	size_t inspector_count;
	size_t draw;
	uint64_t seed;
	bool seed_given;
};
enum status check_plan(struct store *store, const struct forms *forms, const struct check_plan *plan,
		       char id[33], struct error *err);

/* The id of a check named by its id or its number (HB-2024-EXC-0001-C1). */
enum status check_resolve(struct store *store, const char *key, char id[33], struct error *err);

/* The checks of a case, newest last (ids). */
enum status check_list(struct store *store, const char *case_key, char (**ids)[33], size_t *count,
		       struct error *err);

/* Answers item `item` of scenario `scenario`: yes/partial/no/na for a
 * check, a number for number, "BEFORE|AFTER" for a measure (or one figure,
 * not scored: see struct measure), one of the choices, any text; a
 * note may go with it (NULL: keep the note; "": no note). Written at once;
 * refused (naming what was expected) when the value does not fit the item.
 * "no" or "partial" on an item needing evidence is refused without a note or
 * an attached file. "no" and "partial" open a finding; a later "yes" or "na"
 * withdraws it. Inspectors of the check and admins; refused once signed. */
enum status check_answer(struct store *store, const char *check_id, int scenario, int item, const char *value,
			 const char *note, struct error *err);
/* Sets only the note of an item (answered or not). */
enum status check_note(struct store *store, const char *check_id, int scenario, int item, const char *note,
		       struct error *err);

/* Evidence: the file at path is stored once (by SHA-256) and linked to the
 * item; attaching the same file again links nothing new (*added false). */
enum status check_attach(struct store *store, const char *check_id, int scenario, int item, const char *path,
			 char sha256[65], bool *added, struct error *err);
/* Writes the stored file with that SHA-256 (or its unique prefix) to path. */
enum status check_export(struct store *store, const char *sha256, const char *path, struct error *err);

/* Findings: severity minor|major|critical, the corrective action asked for,
 * its due date. Set by the office or the check's inspectors; closed with a
 * note and a file as evidence. */
enum status check_finding_set(struct store *store, const char *finding_id, const char *severity,
			      const char *action, const char *due_on, struct error *err);
enum status check_finding_close(struct store *store, const char *finding_id, const char *note,
				const char *path, struct error *err);

/* Sign-off: the store's user, an inspector of the check, signs the SHA-256
 * of the check's content (check_content_hash). Every required item must be
 * answered. After the first signature answers are read-only; when every
 * inspector has signed the check is "signed". */
enum status check_sign(struct store *store, const char *check_id, char hash[65], struct error *err);
/* A correction after sign-off: the new value (and note: NULL keeps it) with
 * a reason, the original kept beside it. */
enum status check_amend(struct store *store, const char *check_id, int scenario, int item, const char *value,
			const char *note, const char *reason, struct error *err);
/* The SHA-256 over the check's content: its plan, items, answers,
 * evidence and findings, as signed. */
enum status check_content_hash(struct store *store, const char *check_id, char hash[65], struct error *err);

/* A check as stored, for `check show`, the screens and the reports. */
struct check_answer_row {
	int scenario, item;
	char *value, *note, *answered_by, *answered_at;
};
struct check_evidence_row {
	int scenario, item;
	char sha256[65];
	char *name, *type, *added_by, *added_at;
	long long size;
};
struct check_finding_row {
	char id[33];
	int scenario, item;
	char severity[16], status[16], due_on[11], closed_on[11];
	char *action, *closed_by, *closing_note, *closing_sha256;
};
struct check_signature_row {
	char *login, *signed_at;
	char hash[65];
};
struct check_amendment_row {
	int scenario, item;
	char *old_value, *old_note, *new_value, *new_note, *reason, *amended_by, *amended_at;
};
struct check_view {
	char id[33], number[48], case_number[32], planned_on[11], status[16], forms_hash[65];
	char expires_on[11];          /* the case's last valid day (有效期至), or "" */
	char *enterprise, *factory, *level, *draw_seed, *inspectors; /* inspectors comma-separated */
	long draw_count;
	/* The checklists as planned (stage points into stages). */
	struct scenario *scenarios;
	size_t scenario_count;
	struct stage *stages;
	size_t stage_count;
	struct check_answer_row *answers;
	size_t answer_count;
	struct check_evidence_row *evidence;
	size_t evidence_count;
	struct check_finding_row *findings;
	size_t finding_count;
	struct check_signature_row *signatures;
	size_t signature_count;
	struct check_amendment_row *amendments;
	size_t amendment_count;
	char audit_head[65]; /* the audit chain's last hash when loaded */
};
enum status check_load(struct store *store, const char *check_id, struct check_view *out, struct error *err);
void check_view_clear(struct check_view *view);
/* The answer of an item in a loaded check, or NULL. */
const struct check_answer_row *check_find(const struct check_view *view, int scenario, int item);
/* A scenario of a loaded check, or NULL. */
const struct scenario *check_scenario(const struct check_view *view, int scenario);
/* What one answer adds to a score: a check item yes whole, partial half,
 * no nothing (n/a left out); a measure with both figures whole when it went
 * the better way, nothing when not (a lone figure left out); a choice its
 * value times the weight when the item has values (else left out); numbers
 * and text nothing. */
void check_score_item(struct score *score, const struct checklist_item *it, const char *value);
/* Scores of a loaded check: of one scenario, of a stage (key), overall. */
struct score check_score_scenario(const struct check_view *view, const struct scenario *s);
struct score check_score_stage(const struct check_view *view, const char *stage_key);
struct score check_score_overall(const struct check_view *view);
/* Answered required items of a scenario (or all, scenario 0), and their
 * total. */
void check_progress(const struct check_view *view, int scenario, size_t *answered, size_t *required);
/* The next required item without an answer after (scenario, item) in the
 * check's order, wrapping; false when all are answered. */
bool check_next_unanswered(const struct check_view *view, int scenario, int item, int *next_scenario,
			   int *next_item);

#endif
