/* Unit tests of src/report/ over views built here, with no database: the
 * report of a case printed whole as plain text and compared line by line,
 * and the parts of each report that matter in Markdown and HTML; Chinese
 * text, a character outside the BMP (𠮷), an empty field and a huge one;
 * the spot check's scores, the panel's members and the cultivation's KPIs
 * as the view gives them (the renderer computes none of them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gradus/report/report.h"
#include "gradus/text/utf8.h"
#include "testkit.h"

/* A view's strings are the store's (char *); here they are literals. */
#define S(text) ((char *)(text))

#define ENTERPRISE "武汉" JI_UTF8 "祥智造有限公司"
#define HEAD "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct forms *forms;

static int setup(void **state)
{
	(void)state;
	forms = testkit_forms();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	forms_free(&forms);
	return 0;
}

typedef enum status render_fn(const void *view, enum report_format format, FILE *out, struct error *err);

static char *render(render_fn *fn, const void *view, enum report_format format)
{
	struct error err = { "" };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	if (fn(view, format, out, &err))
		fail_msg("rendering failed: %s", err.message);
	assert_int_equal(fclose(out), 0);
	return text;
}

static enum status render_case(const void *view, enum report_format format, FILE *out, struct error *err)
{
	return report_case(forms, view, format, out, err);
}

static enum status render_check(const void *view, enum report_format format, FILE *out, struct error *err)
{
	return report_check(forms, view, format, out, err);
}

static enum status render_panel(const void *view, enum report_format format, FILE *out, struct error *err)
{
	return report_panel(forms, view, format, out, err);
}

static enum status render_cultivation(const void *view, enum report_format format, FILE *out, struct error *err)
{
	return report_cultivation(forms, view, format, out, err);
}

/* ---- the report of a case ---- */

static struct case_event case_events[] = {
	{ .step = S("submit"), .kind = S("submitted"), .actor = S("张三"), .on_date = S("2027-01-04"),
	  .document = S("鄂经信〔2027〕1号"), .note = S("") },
	{ .step = S("start_notice"), .kind = S("notice_started"), .actor = S("root"), .on_date = S("2027-01-06"),
	  .unmet = S("materials=2"), .override = S("材料后补") },
};
static char *case_overrides[] = { NULL, S("taken with an override: 2 materials not received; reason: 材料后补") };
static struct case_material case_materials[] = { { S("application_form"), S("2027-01-03") } };
static int case_scenarios[] = { 1, 5 };
static struct objection case_objections[] = {
	{ .raised_by = S("李四"), .raised_on = S("2027-01-07"), .text = S("排放不达标" JI_UTF8),
	  .resolved_by = S("王五"), .resolved_on = S("2027-01-08"), .outcome = S("已核实，不成立") },
	{ .raised_by = S("赵六"), .raised_on = S("2027-01-09"), .text = S("") },
};

/* A basic-level case in its public notice on 2027-01-10, the notice's end
 * provisional; empty fields (factory address, industry) print as "-". */
static struct case_report_view case_view(void)
{
	struct case_report_view v = { 0 };

	v.detail.row = (struct case_row){ .id = S("c1"), .number = S("HB-2027-BAS-0001"), .enterprise = S(ENTERPRISE),
					  .credit_code = S("91420100MA4KXXXX0D"), .factory = S("江夏工厂"),
					  .region = S("wuhan"), .level = S("basic"), .state = S("in_notice"), .year = 2027 };
	v.detail.industry = S("");
	v.detail.maturity_centi = 320;
	v.detail.maturity_level = 3;
	v.detail.applied_on = S("2027-01-04");
	v.detail.applied_by = S("张三");
	v.detail.scenarios = case_scenarios;
	v.detail.scenario_count = 2;
	v.detail.events = case_events;
	v.detail.event_count = 2;
	v.detail.materials = case_materials;
	v.detail.material_count = 1;
	v.dates.in_notice = true;
	v.dates.notice_starts_on = parsed("2027-01-06");
	v.dates.notice_ends_on = parsed("2027-01-12");
	v.dates.notice_provisional = 2027;
	snprintf(v.notice_provisional, sizeof(v.notice_provisional), "%s",
		 "provisional: no 2027 holiday calendar, counted Monday to Friday");
	v.overrides = case_overrides;
	v.objections = case_objections;
	v.objection_count = 2;
	v.today = parsed("2027-01-10");
	memcpy(v.audit_head, HEAD, sizeof(HEAD));
	return v;
}

static const char case_text[] =
	"Case report HB-2027-BAS-0001\n"
	"============================\n"
	"\n"
	"Case                      HB-2027-BAS-0001\n"
	"Enterprise                武汉" JI_UTF8 "祥智造有限公司\n"
	"Credit code               91420100MA4KXXXX0D\n"
	"Region                    Wuhan\n"
	"Factory                   江夏工厂\n"
	"Factory address           -\n"
	"Industry                  -\n"
	"Level                     Basic\n"
	"Year                      2027\n"
	"State                     In public notice\n"
	"Maturity self-assessment  3.20 (level 3)\n"
	"Commitment signed on      -\n"
	"Applied                   2027-01-04 by 张三\n"
	"Recommended               -\n"
	"Certified                 -\n"
	"As of                     2027-01-10\n"
	"\n"
	"Dates and deadlines\n"
	"-------------------\n"
	"\n"
	"Public notice starts  2027-01-06\n"
	"Public notice ends    2027-01-12 (provisional: no 2027 holiday calendar, counted\n"
	"                      Monday to Friday)\n"
	"\n"
	"Declared scenarios: 2 of 40\n"
	"---------------------------\n"
	"\n"
	"No.  Scenario                             Stage\n"
	"---  -----------------------------------  --------------------------------\n"
	"01   Digital factory planning and design  Factory construction\n"
	"05   Virtual product verification         Product research and development\n"
	"\n"
	"Materials\n"
	"---------\n"
	"\n"
	"1 of 7 received, 6 missing.\n"
	"\n"
	"Material                                              Received\n"
	"----------------------------------------------------  ----------\n"
	"申报书                                                2027-01-03\n"
	"智能制造能力成熟度自评估报告                          missing\n"
	"承诺书（申报材料真实准确、不涉及国家秘密和商业秘密）  missing\n"
	"市州经信局推荐函                                      missing\n"
	"近三年财务报表                                        missing\n"
	"近三年安全生产和环保情况说明                          missing\n"
	"典型场景实施说明及佐证材料                            missing\n"
	"\n"
	"Objections in the public notice\n"
	"-------------------------------\n"
	"\n"
	"No.  Raised on   Raised by  Objection     Resolved            Outcome\n"
	"---  ----------  ---------  ------------  ------------------  --------------\n"
	"1    2027-01-07  李四       排放不达标" JI_UTF8 "  2027-01-08 by 王五  已核实，不成立\n"
	"2    2027-01-09  赵六       -             not resolved\n"
	"\n"
	"Steps taken\n"
	"-----------\n"
	"\n"
	"2027-01-04  Submit application\n"
	"    By        张三\n"
	"    Document  鄂经信〔2027〕1号\n"
	"\n"
	"2027-01-06  Start public notice\n"
	"    By        root\n"
	"    Override  ⚠ taken with an override: 2 materials not received; reason:\n"
	"              材料后补\n"
	"\n"
	"⚠ 1 step(s) taken by an admin though a precondition was not met.\n"
	"\n"
	"Audit chain head\n"
	"  0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
	"\n";

static void test_case_text(void **state)
{
	struct case_report_view v = case_view();
	char *text = render(render_case, &v, REPORT_TXT);

	(void)state;
	/* REPORT_VIEWS_PRINT=1 prints it, to read (and copy above) after a change */
	if (getenv("REPORT_VIEWS_PRINT"))
		fputs(text, stdout);
	if (strcmp(text, case_text))
		fail_msg("the report differs; got:\n%s", text);
	free(text);
}

static void test_case_html(void **state)
{
	struct case_report_view v = case_view();
	char *html = render(render_case, &v, REPORT_HTML);
	char *md = render(render_case, &v, REPORT_MD);

	(void)state;
	assert_says(html, "<title>Case report HB-2027-BAS-0001</title>");
	assert_says(html, "<th>Enterprise</th><td>" ENTERPRISE "</td>");
	assert_says(html, "<th>Industry</th><td>-</td>");
	assert_says(html, "<tr class=\"marked\"><td>2027-01-06</td>");
	assert_says(html, "⚠ taken with an override: 2 materials not received; reason: 材料后补</td></tr>");
	assert_says(md, "- **Enterprise**: " ENTERPRISE "\n");
	assert_says(md, "- **Industry**: -\n");
	assert_says(md, "**⚠ taken with an override: 2 materials not received; reason: 材料后补** |\n");
	free(html);
	free(md);
}

/* A note of 12,000 characters (Chinese, then one outside the BMP, then
 * markup): whole in every format, every plain-text line within 80 cells. */
static void test_case_huge_field(void **state)
{
	struct case_report_view v = case_view();
	size_t i, n = 4000, len = 0;
	char *note = malloc(n * 3 + 64), *text, *html, *line, *save = NULL;

	(void)state;
	assert_non_null(note);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(note + len, "%s", i % 2 ? "备" : "注");
	sprintf(note + len, "%s<b>&", JI_UTF8);
	v.detail.note = note;
	text = render(render_case, &v, REPORT_TXT);
	html = render(render_case, &v, REPORT_HTML);
	assert_says(html, "备注备注");
	assert_non_null(strstr(html, JI_UTF8 "&lt;b&gt;&amp;</td>"));
	assert_null(strstr(html, "<b>&"));
	/* the plain text wraps it: the characters are all there, in lines of 80 cells */
	for (len = 0, line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (utf8_width(line) > 80)
			fail_msg("a line of %d cells: %s", utf8_width(line), line);
		for (i = 0; line[i]; i++)
			len += !strncmp(line + i, "备", 3) || !strncmp(line + i, "注", 3);
	}
	assert_int_equal(len, n);
	free(text);
	free(html);
	free(note);
}

/* ---- the report of a spot check ---- */

/* The check's scenario 1 as the forms have it, answered in part. */
static void test_check(void **state)
{
	const struct scenario *s = forms_scenario(forms, 1);
	struct check_answer_row answers[] = { { .scenario = 1, .item = 1, .value = S("yes"), .note = S("现场核验" JI_UTF8),
						.answered_by = S("li.ming") } };
	struct check_report_scenario scored[] = { { { 0 }, 1, 3 } };
	struct check_report_view v = { 0 };
	char *text, *html;

	(void)state;
	assert_non_null(s);
	scored[0].score.scored = true;
	scored[0].score.percent = 62.5;
	snprintf(v.check.number, sizeof(v.check.number), "%s", "HB-2027-BAS-0001-C1");
	snprintf(v.check.case_number, sizeof(v.check.case_number), "%s", "HB-2027-BAS-0001");
	snprintf(v.check.planned_on, sizeof(v.check.planned_on), "%s", "2027-01-05");
	snprintf(v.check.status, sizeof(v.check.status), "%s", "planned");
	memcpy(v.check.audit_head, HEAD, sizeof(HEAD));
	v.check.enterprise = S(ENTERPRISE);
	v.check.level = S("basic");
	v.check.inspectors = S("li.ming,root");
	v.check.scenarios = (struct scenario *)s;
	v.check.scenario_count = 1;
	v.check.answers = answers;
	v.check.answer_count = 1;
	v.scenarios = scored;
	v.overall = scored[0].score;
	text = render(render_check, &v, REPORT_TXT);
	html = render(render_check, &v, REPORT_HTML);
	assert_says(text, "Spot-check report\n=================\n");
	assert_says(text, "Enterprise     " ENTERPRISE "\n");
	assert_says(text, "Factory        -\n");
	assert_says(text, "Inspectors     li.ming, root\n");
	/* the progress and score are the view's, not worked out again */
	assert_says(text, "Required answered  1/3\n");
	assert_says(text, "Score              62.5\n");
	assert_says(text, "Overall");
	assert_says(text, "现场核验" JI_UTF8);
	assert_says(text, "Not signed.");
	assert_says(text, HEAD);
	assert_says(html, "<td>现场核验" JI_UTF8 "</td>");
	free(text);
	free(html);
}

/* ---- the opinion of a panel ---- */

static void test_panel(void **state)
{
	struct panel_member_row members[] = {
		{ "E0001", S("王" JI_UTF8), S("华中科技大学"), S("86.5"), true },
		{ "E0002", S("Li"), S(""), NULL, false },
	};
	struct panel_note_row notes[] = { { "E0001", 0, S("总体"), S("数据采集完整") } };
	struct panel_report_view v = { 0 };
	char *text, *html;

	(void)state;
	snprintf(v.panel.number, sizeof(v.panel.number), "%s", "HB-2027-BAS-0001-P1");
	snprintf(v.panel.case_number, sizeof(v.panel.case_number), "%s", "HB-2027-BAS-0001");
	snprintf(v.panel.status, sizeof(v.panel.status), "%s", "planned");
	v.panel.level = S("basic");
	v.panel.enterprise = S(ENTERPRISE);
	v.panel.members = members;
	v.panel.member_count = 2;
	v.panel.notes = notes;
	v.panel.note_count = 1;
	memcpy(v.audit_head, HEAD, sizeof(HEAD));
	text = render(render_panel, &v, REPORT_TXT);
	html = render(render_panel, &v, REPORT_HTML);
	assert_says(text, "Expert panel opinion\n====================\n");
	assert_says(text, "Meeting on  -\n");
	assert_says(text, "E0001  王" JI_UTF8 "  华中科技大学");
	assert_says(text, "86.5");
	assert_says(text, "Case as a whole");
	assert_says(text, "数据采集完整");
	assert_says(text, "Not signed.");
	assert_says(text, "Audit chain head\n  " HEAD "\n");
	assert_says(html, "<td>王" JI_UTF8 "</td>");
	assert_says(html, "<svg");
	free(text);
	free(html);
}

/* ---- the progress of a cultivation ---- */

static void test_cultivation(void **state)
{
	struct cultivation_value values[] = { { .period = "2026H2", .value = 12.0 },
					      { .period = "2027H1", .value = 18.5 } };
	struct cultivation_kpi kpis[] = { { .key = "capture", .unit = "%", .zh = S("数据采集率" JI_UTF8),
					    .en = S("Data capture"), .baseline = 10, .target = 30, .values = values,
					    .value_count = 2 } };
	bool met[] = { true }; /* not what the values say: the view decides */
	struct readiness_item readiness[] = { { "milestone", S("里程碑：产线改造") } };
	struct cultivation_report_view v = { 0 };
	char *text, *html;

	(void)state;
	snprintf(v.cultivation.number, sizeof(v.cultivation.number), "%s", "HB-2026-LEA-0001");
	snprintf(v.cultivation.starts_on, sizeof(v.cultivation.starts_on), "%s", "2026-07-01");
	snprintf(v.cultivation.ends_on, sizeof(v.cultivation.ends_on), "%s", "2028-06-30");
	v.cultivation.kpis = kpis;
	v.cultivation.kpi_count = 1;
	v.kpi_met = met;
	v.detail.row = (struct case_row){ .number = S("HB-2026-LEA-0001"), .enterprise = S(ENTERPRISE),
					  .level = S("leading"), .state = S("cultivating") };
	v.readiness = readiness;
	v.readiness_count = 1;
	v.today = parsed("2027-01-10");
	memcpy(v.audit_head, HEAD, sizeof(HEAD));
	text = render(render_cultivation, &v, REPORT_TXT);
	html = render(render_cultivation, &v, REPORT_HTML);
	assert_says(text, "Cultivation progress report\n===========================\n");
	assert_says(text, "Enterprise      " ENTERPRISE "\n");
	assert_says(text, "Acceptance due  -\n");
	assert_says(text, "As of           2027-01-10\n");
	assert_says(text, "Data capture");
	assert_says(text, "18.5");
	assert_says(text, "Unit %; higher is better; met");
	assert_says(text, "Not yet met: 1.");
	assert_says(text, "里程碑：产线改造");
	assert_says(html, "<svg");
	assert_says(html, HEAD);
	free(text);
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_text),
		cmocka_unit_test(test_case_html),
		cmocka_unit_test(test_case_huge_field),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_panel),
		cmocka_unit_test(test_cultivation),
	};

	/* the sanitiser and widths read UTF-8 as the program does; English labels */
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, setup, teardown);
}
