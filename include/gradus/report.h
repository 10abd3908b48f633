/* Printed reports: a spot check as plain text, Markdown or a self-contained
 * HTML page (inline CSS and SVG, A4). */
#ifndef GRADUS_REPORT_H
#define GRADUS_REPORT_H

#include <stdio.h>

#include "gradus/checks.h"
#include "gradus/store.h"

enum report_format { REPORT_TXT, REPORT_MD, REPORT_HTML };

/* "txt" "md" "html"; false when it is none of them. */
bool report_format_parse(const char *text, enum report_format *out);

/* The report of a check (by id or number): the case, the inspectors, each
 * scenario with its answers, notes and evidence, the findings, the scores
 * with a chart per stage, the amendments, the signatures and the audit
 * chain's head. */
enum status report_check(struct store *store, const char *check_key, enum report_format format, FILE *out,
			 struct error *err);

#endif
