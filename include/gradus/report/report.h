/* Printed reports: a spot check, an expert panel's opinion, a
 * cultivation's progress and a case's record as plain text, Markdown or a self-contained HTML
 * page (inline CSS and SVG, A4). Each renders a view it is given
 * (reportview.h: read by the store, or built by hand in a test) and reads
 * nothing else but the forms. */
#ifndef GRADUS_REPORT_H
#define GRADUS_REPORT_H

#include <stdio.h>

#include "gradus/forms/forms.h"
#include "gradus/store/reportview.h"

enum report_format { REPORT_TXT, REPORT_MD, REPORT_HTML };

/* "txt" "md" "html"; false when it is none of them. */
bool report_format_parse(const char *text, enum report_format *out);

/* The report of a check: the case, the inspectors, each
 * scenario with its answers, notes and evidence, the findings, the scores
 * with a chart per stage, the amendments, the signatures and the audit
 * chain's head. The forms name the level (may be NULL: its key). */
enum status report_check(const struct forms *forms, const struct check_report_view *view,
			 enum report_format format, FILE *out, struct error *err);

/* The report of an expert panel: the case, the purpose
 * and date, the members with their affiliations and scores (the chair
 * marked), each member's notes by scenario and criterion, the consensus
 * opinion and its text, the rectification items with their due dates and
 * status, the panel's score and how it was aggregated, the signature with
 * its hash and the step it took, and the audit chain's head. The forms name
 * the level, the purpose, the step and how the scores were aggregated. */
enum status report_panel(const struct forms *forms, const struct panel_report_view *view,
			 enum report_format format, FILE *out, struct error *err);

/* The cultivation progress report of a leading-level case: the period
 * (start, end, acceptance due), the construction plan's versions, a
 * Gantt-like chart of the 2 years (milestones, guidance sessions, the
 * acceptance due date, today), milestones, sessions with their advice and
 * follow-ups, progress reports, each KPI as a small bar chart of its periods
 * against baseline and target, and what is not yet met for acceptance. */
enum status report_cultivation(const struct forms *forms, const struct cultivation_report_view *view,
			       enum report_format format, FILE *out, struct error *err);

/* The report of a case, the record a clerk files: the
 * enterprise, factory, level, year and state; the dates and deadlines
 * (valid through, review due, cultivation, acceptance, the public notice,
 * provisional ones marked); the scenarios; the materials received and
 * missing; the objections in the notice; every step taken with its date,
 * who took it, its document (文号) and note, a step an admin took though a
 * precondition failed marked with what was not met and the reason; a
 * revoked or withdrawn certification; the audit chain's head. */
enum status report_case(const struct forms *forms, const struct case_report_view *view,
			enum report_format format, FILE *out, struct error *err);

/* The report of view's kind (one of the four above). */
enum status report_render(const struct forms *forms, const struct report_view *view, enum report_format format,
			  FILE *out, struct error *err);

#endif
