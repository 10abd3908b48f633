/* The words people see for the keys the program keeps: one table for
 * every screen, report, message and the CLI's human output. The forms'
 * own Chinese and English names where the forms have them (levels, states,
 * steps, regions, panels, materials, KPIs), else English through
 * gettext; Chinese in a zh locale. A key no table knows is shown as it is.
 * Machine output (TSV, JSON, CSV) keeps the keys. */
#ifndef GRADUS_LABELS_H
#define GRADUS_LABELS_H

#include "gradus/forms/forms.h"

/* The forms' zh or en, by the locale (i18n_chinese). */
const char *label_pick(const char *zh, const char *en);

const char *label_level(const struct forms *forms, const char *level);
/* A state of a level (states are the level's own; any level's when level
 * is NULL or unknown). */
const char *label_state(const struct forms *forms, const char *level, const char *state);
const char *label_step(const struct forms *forms, const char *level, const char *step);
/* Whether a step of a case's level records the ministry's decision
 * (decided_by = ministry); false for a step the forms do not know. */
bool label_step_by_ministry(const struct forms *forms, const char *level, const char *step);
/* How an event of a ministry step reads on screens and in the CLI:
 * "Ministry decision (No. 文号, DATE), recorded by ACTOR"; without a
 * document number, the date alone. */
void label_ministry_decision(const char *document, const char *on_date, const char *actor, char *out, size_t size);
const char *label_region(const struct forms *forms, const char *region);
const char *label_panel_purpose(const struct forms *forms, const char *level, const char *purpose);
const char *label_material(const struct forms *forms, const char *level, const char *material);

/* A user's role: admin, clerk, inspector, secretary, system. */
const char *label_role(const char *role);
/* A finding's severity: minor, major, critical. */
const char *label_severity(const char *severity);
/* A check item's answer: yes, partial, no, na (other values as they are). */
const char *label_answer(const char *answer);
/* A check item's kind: check, number, measure, choice, text. */
const char *label_item_kind(const char *kind);
/* A finding's or rectification item's status: open, closed. */
const char *label_finding_status(const char *status);
/* A spot check's status: planned, signing, signed. */
const char *label_check_status(const char *status);
/* A panel's status (open, signed) and opinion (pass, fail, rectify). */
const char *label_panel_status(const char *status);
const char *label_panel_opinion(const char *opinion);
/* What a cultivation's acceptance still lacks: milestone, kpi, followup, material. */
const char *label_readiness(const char *kind);
/* A side of a bundle's conflict: office, bundle. */
const char *label_side(const char *side);
/* A table of recorded things (cases, enterprises, findings...). */
const char *label_table(const char *table);
/* A recorded field, table.column as the audit log keeps it. */
const char *label_field(const char *table, const char *column);
/* A recorded value shown in the words of its field: states, levels,
 * regions, roles, answers... through the tables above; other values as
 * they are. level is the case's level when known (for states and steps). */
const char *label_value(const struct forms *forms, const char *level, const char *table, const char *column,
			const char *value);

#endif
