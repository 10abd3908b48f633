/* The cultivation progress report (领航级智能工厂培育进展报告). */
#include <stdio.h>

#include "doc.h"
#include "gradus/report.h"

enum status report_cultivation(struct store *store, const struct forms *forms, const char *case_key,
			       enum report_format format, FILE *out, struct error *err)
{
	(void)store;
	(void)forms;
	(void)format;
	(void)out;
	return error_set(err, STATUS_ERR_INVALID, "%s: no cultivation report yet", case_key);
}
