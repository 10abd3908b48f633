/* Unit tests of src/forms/: the real forms/ loads whole, and a copy broken
 * in one place fails with "FILE:LINE: message" naming that place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testkit.h"

#include "gradus/core/workdays.h"
#include "gradus/forms/forms.h"

#ifndef GRADUS_SOURCE_DIR
#error "GRADUS_SOURCE_DIR must name the source tree (the Makefile defines it)"
#endif

#define FORMS_DIR GRADUS_SOURCE_DIR "/forms"
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Replaces scenarios/04-product-design.ini in the fixture copies. */
static const char scenario4[] =
	"; test copy of scenario 4\n"
	"[scenario]\n"
	"id = 4\n"
	"stage = rnd\n"
	"title_zh = 产品数字化设计\n"
	"title_en = Digital product design\n"
	"version = 1\n"
	"text = 面向需求分析、产品定义等业务活动，\n"
	"  针对产品研发周期长、成本高等问题。\n"
	"activities = 需求分析、产品定义\n"
	"problems = 产品研发周期长、成本高\n"
	"technologies = CAD、CAE、PLM\n"
	"\n"
	"[item.1]\n"
	"text = 核查一：是否部署 CAD、CAE、PLM\n"
	"text_en = Are CAD, CAE and PLM tools\n"
	"  deployed and used\n"
	"kind = check\n"
	"required = yes\n"
	"evidence = 软件许可证清单\n"
	"weight = 3\n"
	"\n"
	"[item.2]\n"
	"text = 核查二：技术应用\n"
	"kind = choice\n"
	"required = yes\n"
	"choices = 全部 | 部分|未应用\n"
	"values = 全部=1|部分 = 0.5|未应用=0\n"
	"evidence = 系统演示\n"
	"weight = 2\n"
	"\n"
	"[item.3]\n"
	"text = 核查三：设计项目数量\n"
	"kind = number\n"
	"unit = 个\n"
	"required = no\n"
	"evidence = 项目台账\n"
	"weight = 1\n"
	"\n"
	"[item.4]\n"
	"text = 核查四：产品研发周期\n"
	"kind = measure\n"
	"unit = 天\n"
	"better = lower\n"
	"required = yes\n"
	"evidence = 实施前后统计数据\n"
	"weight = 3\n";

/* Replaces levels/basic.ini in the fixture copies. */
static const char basic_level[] =
	"[level]\n"
	"key = basic\n"
	"order = 1\n"
	"zh = 基础级\n"
	"en = Basic\n"
	"code = BAS\n"
	"min_maturity = 1\n"
	"prior_level =\n"
	"validity_years = 0\n"
	"review_lead_months = 0\n"
	"cultivation_years = 0\n"
	"acceptance_lead_months = 0\n"
	"notice_days = 5\n"
	"notice_day_kind = working\n"
	"panel_score = mean\n"
	"initial_state = draft\n"
	"\n"
	"[state.draft]\n"
	"zh = 草稿\n"
	"en = Draft\n"
	"final = no\n"
	"\n"
	"[state.certified]\n"
	"zh = 已认定\n"
	"en = Certified\n"
	"final = yes\n"
	"\n"
	"[step.certify]\n"
	"zh = 认定\n"
	"en = Certify\n"
	"from = draft\n"
	"to = certified\n"
	"roles = clerk|admin\n"
	"event = certified\n"
	"\n"
	"[materials]\n"
	"application_form = 申报书\n";

#define TEN "abcdefghij"
#define LONG_VALUE TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN

enum base { BASE_FILE, BASE_SCENARIO4, BASE_LEVEL, BASE_REMOVE };

struct bad_case {
	const char *name;
	const char *rel;   /* file under forms/ to write (or remove) */
	enum base base;    /* what it is written from */
	const char *old, *new; /* one replacement in the base text */
	const char *at;    /* path in the message when not rel */
	const char *mark;  /* the error is on the first line containing it; NULL: no line */
	const char *words; /* the message contains it */
};

static const struct bad_case bad_cases[] = {
	{ "duplicate scenario id", "scenarios/41-x.ini", BASE_SCENARIO4, "", "", NULL, "id = 4",
	  "scenario id 4 already defined in " },
	{ "unknown stage", "scenarios/04-product-design.ini", BASE_SCENARIO4, "stage = rnd", "stage = xyz",
	  NULL, "stage = xyz", "unknown stage 'xyz'; expected one of construction, rnd, process" },
	{ "item without text", "scenarios/04-product-design.ini", BASE_SCENARIO4, "text = 核查三：设计项目数量\n",
	  "", NULL, "[item.3]", "item 3 has no text" },
	{ "empty item text", "scenarios/04-product-design.ini", BASE_SCENARIO4, "text = 核查三：设计项目数量",
	  "text =", NULL, "[item.3]", "item 3 has no text" },
	{ "malformed line", "scenarios/04-product-design.ini", BASE_SCENARIO4, "version = 1\n",
	  "version = 1\nthis is not ini\n", NULL, "this is not ini",
	  "malformed line: expected 'key = value' or '[section]'" },
	{ "over-long line", "scenarios/04-product-design.ini", BASE_SCENARIO4, "title_en = Digital product design",
	  "title_en = " LONG_VALUE, NULL, LONG_VALUE, "line longer than 199 bytes" },
	{ "unknown key", "scenarios/04-product-design.ini", BASE_SCENARIO4, "weight = 2\n",
	  "weight = 2\ncolour = red\n", NULL, "colour", "unknown key 'colour' in [item.2]" },
	{ "duplicate key", "scenarios/04-product-design.ini", BASE_SCENARIO4, "kind = number\n",
	  "kind = number\nkind = text\n", NULL, "kind = text", "duplicate key 'kind'" },
	{ "missing scenario", "scenarios/17-carbon.ini", BASE_REMOVE, NULL, NULL, "scenarios", NULL,
	  "scenario 17 is missing" },
	{ "step to an undeclared state", "levels/basic.ini", BASE_LEVEL, "to = certified", "to = approved", NULL,
	  "to = approved", "undeclared state 'approved'" },
	{ "panel outcome naming no step", "levels/leading.ini", BASE_FILE, "pass = pass_preliminary", "pass = passed_it",
	  NULL, "pass = passed_it", "panel 'preliminary': pass names no step 'passed_it'" },
	{ "panel in an undeclared state", "levels/leading.ini", BASE_FILE, "from = acceptance_filed\npass = pass_preliminary",
	  "from = reviewing\npass = pass_preliminary", NULL, "from = reviewing", "undeclared state 'reviewing'" },
	{ "panel outcome not takeable where it sits", "levels/leading.ini", BASE_FILE, "fail = fail_preliminary",
	  "fail = request_acceptance_review", NULL, "fail = request_acceptance_review",
	  "cannot be taken from state 'acceptance_filed'" },
	{ "unknown decided_by", "levels/excellent.ini", BASE_FILE, "decided_by = ministry", "decided_by = minister", NULL,
	  "decided_by = minister", "unknown decided_by 'minister'; expected one of province, ministry" },
	{ "a provincial panel taking the ministry's decision", "levels/leading.ini", BASE_FILE, "pass = pass_preliminary",
	  "pass = pass_acceptance", NULL, "pass = pass_acceptance",
	  "panel 'preliminary': pass names step 'pass_acceptance', the ministry's decision" },
	{ "rectify on a review panel", "levels/excellent.ini", BASE_FILE, "event = review_passed\ndecided_by = ministry\n",
	  "event = review_passed\n\n[panel.review]\nzh = 复核\nen = Review\nfrom = review_filed\npass = review_passed\n"
	  "fail = withdraw\nrectify = review_passed\n", NULL, "rectify = review_passed",
	  "panel 'review': rectify: a review is passed or failed, never passed after rectification" },
	{ "items with a gap", "scenarios/04-product-design.ini", BASE_SCENARIO4, "[item.3]", "[item.5]", NULL,
	  "[item.5]", "without gaps" },
	{ "unknown kind", "scenarios/04-product-design.ini", BASE_SCENARIO4, "kind = check", "kind = tick", NULL,
	  "kind = tick", "unknown kind 'tick'" },
	{ "number without unit", "scenarios/04-product-design.ini", BASE_SCENARIO4, "unit = 个\n", "", NULL,
	  "[item.3]", "needs 'unit'" },
	{ "measure without better", "scenarios/04-product-design.ini", BASE_SCENARIO4, "better = lower\n", "",
	  NULL, "[item.4]", "needs 'better = lower' or 'better = higher'" },
	{ "one choice", "scenarios/04-product-design.ini", BASE_SCENARIO4, "choices = 全部 | 部分|未应用",
	  "choices = 全部", NULL, "choices", "at least 2 choices" },
	{ "a value naming no choice", "scenarios/04-product-design.ini", BASE_SCENARIO4, "部分 = 0.5", "部份=0.5",
	  NULL, "values", "item 2: '部份' in values is not one of its choices" },
	{ "a value above 1", "scenarios/04-product-design.ini", BASE_SCENARIO4, "全部=1", "全部=2", NULL, "values",
	  "item 2: the value of '全部' must be a number from 0 to 1" },
	{ "a value that is no number", "scenarios/04-product-design.ini", BASE_SCENARIO4, "全部=1", "全部=一", NULL,
	  "values", "must be a number from 0 to 1" },
	{ "a choice without a value", "scenarios/04-product-design.ini", BASE_SCENARIO4, "|未应用=0", "", NULL,
	  "values", "item 2: values gives no value for '未应用'" },
	{ "a choice valued twice", "scenarios/04-product-design.ini", BASE_SCENARIO4, "|未应用=0", "|未应用=0|全部=1",
	  NULL, "values", "'全部' is valued twice" },
	{ "a value without its choice", "scenarios/04-product-design.ini", BASE_SCENARIO4, "全部=1", "1", NULL,
	  "values", "'1' in values: expected CHOICE=VALUE" },
	{ "values on a measure", "scenarios/04-product-design.ini", BASE_SCENARIO4, "better = lower\n",
	  "better = lower\nvalues = a=1\n", NULL, "values = a", "'values' applies only to kind choice" },
	{ "weight too high", "scenarios/04-product-design.ini", BASE_SCENARIO4, "weight = 1\n", "weight = 11\n",
	  NULL, "weight = 11", "from 1 to 10" },
	{ "required not yes/no", "scenarios/04-product-design.ini", BASE_SCENARIO4, "required = no",
	  "required = maybe", NULL, "required = maybe", "must be yes or no" },
	{ "too few items", "scenarios/04-product-design.ini", BASE_SCENARIO4,
	  "[item.4]\ntext = 核查四：产品研发周期\nkind = measure\nunit = 天\nbetter = lower\nrequired = yes\n"
	  "evidence = 实施前后统计数据\nweight = 3\n", "", NULL, "[scenario]", "fewer than 4 items" },
	{ "id zero", "scenarios/04-product-design.ini", BASE_SCENARIO4, "id = 4", "id = 0", NULL,
	  "id = 0", "whole number from 1" },
	/* the ids run 1 to the number of files: one beyond leaves a gap below */
	{ "id beyond the files", "scenarios/04-product-design.ini", BASE_SCENARIO4, "id = 4", "id = 41", "scenarios",
	  NULL, "scenario 4 is missing" },
	{ "missing key", "scenarios/04-product-design.ini", BASE_SCENARIO4, "title_en = Digital product design\n",
	  "", NULL, "[scenario]", "missing key 'title_en' in [scenario]" },
	{ "unknown role", "levels/basic.ini", BASE_LEVEL, "roles = clerk|admin", "roles = clerk|boss", NULL,
	  "roles", "unknown role 'boss'" },
	{ "undeclared initial state", "levels/basic.ini", BASE_LEVEL, "initial_state = draft",
	  "initial_state = start", NULL, "initial_state", "initial_state 'start'" },
	{ "unknown event", "levels/basic.ini", BASE_LEVEL, "event = certified", "event = finished", NULL,
	  "event = finished", "unknown event 'finished'" },
	{ "unknown requirement", "levels/basic.ini", BASE_LEVEL, "event = certified",
	  "event = certified\nrequires = reason|approval", NULL, "requires = reason|approval",
	  "unknown requirement 'approval'; expected one of reason, document, notice_ended" },
	{ "a panel the level does not convene", "levels/advanced.ini", BASE_FILE, "requires = panel:evaluation",
	  "requires = panel:review", NULL, "requires = panel:review",
	  "step 'pass_evaluation': requires a panel the level has no [panel.review] for" },
	{ "a panel with no purpose", "levels/advanced.ini", BASE_FILE, "requires = panel:evaluation", "requires = panel:",
	  NULL, "requires = panel:", "'panel:' needs a key after ':'" },
	{ "an unknown group of materials", "levels/advanced.ini", BASE_FILE, "requires = materials:application",
	  "requires = materials:everything", NULL, "requires = materials:everything",
	  "unknown 'materials:everything'; expected materials: one of application, acceptance, review" },
	{ "materials the level does not list", "levels/advanced.ini", BASE_FILE, "requires = materials:application",
	  "requires = materials:review", NULL, "requires = materials:review",
	  "requires review_materials, which the level does not list" },
	{ "on time with no date to be late for", "levels/advanced.ini", BASE_FILE, "requires = materials:application",
	  "requires = on_time:review", NULL, "requires = on_time:review",
	  "requires a filing on time, but the level sets no date for review" },
	{ "a requirement given twice", "levels/excellent.ini", BASE_FILE, "requires = on_time:review|materials:review",
	  "requires = on_time:review|on_time:acceptance", NULL, "requires = on_time:review|on_time:acceptance",
	  "'on_time:' is required twice" },
	{ "a review material not in [materials]", "levels/excellent.ini", BASE_FILE,
	  "review_materials = review_application|review_summary", "review_materials = review_application|review_letter",
	  NULL, "review_materials =", "review_materials: 'review_letter' is not in [materials]" },
	{ "a review window inside the lead", "levels/excellent.ini", BASE_FILE, "review_window_months = 12",
	  "review_window_months = 2", NULL, "review_window_months", "review_window_months (2) must be more than "
	  "review_lead_months (3)" },
	{ "level key", "levels/basic.ini", BASE_LEVEL, "key = basic", "key = basik", NULL, "key = basik",
	  "unknown level 'basik'; expected one of basic, advanced, excellent, leading" },
	{ "level file name", "levels/basic.ini", BASE_LEVEL, "key = basic", "key = advanced", NULL,
	  "key = advanced", "does not match the file name" },
	{ "lead longer than validity", "levels/basic.ini", BASE_LEVEL,
	  "validity_years = 0\nreview_lead_months = 0", "validity_years = 3\nreview_lead_months = 36", NULL,
	  "review_lead_months", "must be shorter than validity_years" },
	{ "step from a final state", "levels/basic.ini", BASE_LEVEL, "from = draft", "from = certified", NULL,
	  "from = certified", "leaves final state 'certified'" },
	{ "missing level", "levels/leading.ini", BASE_REMOVE, NULL, NULL, "levels", NULL,
	  "level 'leading' is missing" },
	{ "region code", "regions.ini", BASE_FILE, "code = 420100", "code = 4201", NULL, "code = 4201",
	  "must be 6 digits" },
	{ "duplicate section", "regions.ini", BASE_FILE, "[huangshi]", "[wuhan]", NULL, "[wuhan]\nzh = 黄石市",
	  "duplicate section [wuhan]" },
	{ "holiday date", "holidays/2026.ini", BASE_FILE, "2026-02-23", "2026-02-30", NULL, "2026-02-30",
	  "holidays: 2026-02-30" },
	{ "make-up day on a weekday", "holidays/2026.ini", BASE_FILE, "workdays = 2026-01-04",
	  "workdays = 2026-01-05", NULL, "workdays = ", "2026-01-05 is a weekday" },
	{ "maturity gap", "maturity.ini", BASE_FILE, "min = 2.80", "min = 2.90", NULL, "min = 2.90",
	  "bands must be contiguous" },
	{ "stage order out of range", "stages.ini", BASE_FILE, "order = 8", "order = 9", NULL, "order = 9",
	  "from 1 to 8" },
	{ "key before any section", "stages.ini", BASE_FILE, "[construction]", "stray = 1\n[construction]", NULL,
	  "stray = 1", "before the first [section]" },
	{ "missing stages.ini", "stages.ini", BASE_REMOVE, NULL, NULL, NULL, NULL, "cannot open" },
	{ "columns of an unknown import", "columns.ini", BASE_FILE, "[cases.uscc]", "[people.uscc]", NULL,
	  "[people.uscc]", "expected [cases.FIELD], [experts.FIELD] or [skip]" },
	{ "a header naming two fields", "columns.ini", BASE_FILE, "headers = 地址, 工厂地址", "headers = 地址, 地区",
	  NULL, "headers = 地址, 地区", "header '地区' already names cases.region" },
	{ "a header listed twice", "columns.ini", BASE_FILE, "headers = 地址, 工厂地址", "headers = 地址, 地址",
	  NULL, "headers = 地址, 地址", "header '地址' is listed twice" },
	{ "columns without headers", "columns.ini", BASE_FILE, "headers = 年度, 年份, 申报年度", "heads = 年度",
	  NULL, "heads = 年度", "heads" },
};

static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *text;
	long size;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	rewind(fp);
	text = malloc((size_t)size + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
	text[size] = '\0';
	fclose(fp);
	return text;
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

/* text with the first `old` replaced by `new` (old "" leaves it as is). */
static char *replaced(const char *text, const char *old, const char *new)
{
	const char *at = strstr(text, old);
	size_t size = strlen(text) - strlen(old) + strlen(new) + 1;
	char *out = malloc(size);

	if (!at)
		fail_msg("'%s' not found in the base text", old);
	assert_non_null(out);
	snprintf(out, size, "%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
	return out;
}

static int line_of(const char *text, const char *mark)
{
	const char *at = strstr(text, mark);
	int line = 1;

	if (!at)
		fail_msg("mark '%s' not in the written file", mark);
	for (; text < at; text++)
		line += *text == '\n';
	return line;
}

/* A scratch directory holding a copy of forms/ with scenario 4 and basic.ini
 * replaced by the fixtures above, so that line numbers are ours. */
static char *make_copy(void)
{
	char command[512], path[256], *dir = strdup("/tmp/gradus-forms-XXXXXX");

	assert_non_null(dir);
	assert_non_null(mkdtemp(dir));
	snprintf(command, sizeof(command), "cp -R '%s' '%s/forms'", FORMS_DIR, dir);
	assert_int_equal(system(command), 0);
	snprintf(path, sizeof(path), "%s/forms/scenarios/04-product-design.ini", dir);
	write_text(path, scenario4);
	snprintf(path, sizeof(path), "%s/forms/levels/basic.ini", dir);
	write_text(path, basic_level);
	return dir;
}

static void remove_copy(char *dir)
{
	char command[512];

	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	assert_int_equal(system(command), 0);
	free(dir);
}

static void test_real_forms(void **state)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	const struct scenario *scenario;

	(void)state;
	if (forms_load(FORMS_DIR, &forms, &err))
		fail_msg("%s", err.message);
	assert_int_equal(forms->stage_count, 8);
	assert_string_equal(forms->stages[0].key, "construction");
	assert_string_equal(forms->stages[7].zh, "供应链管理");
	assert_int_equal(forms->scenario_count, 40);
	scenario = forms_scenario(forms, 4);
	assert_non_null(scenario);
	assert_string_equal(scenario->title_zh, "产品数字化设计");
	assert_string_equal(scenario->stage->key, "rnd");
	assert_true(scenario->item_count >= 4);
	assert_says(scenario->file, "/scenarios/04-");
	assert_string_equal(forms_scenario(forms, 40)->stage->key, "supply");
	assert_null(forms_scenario(forms, 41));
	/* the hash of the files is computed when asked for, not at the load */
	assert_int_equal(strlen(forms->hash), 0);
	assert_int_equal(strlen(forms_hash(forms)), 64);
	assert_int_equal(strspn(forms_hash(forms), "0123456789abcdef"), 64);
	forms_free(&forms);
	assert_null(forms);
}

static void assert_same_items(const struct scenario *a, const struct scenario *b)
{
	size_t i;

	assert_int_equal(a->item_count, b->item_count);
	for (i = 0; i < a->item_count; i++) {
		assert_int_equal(a->items[i].number, b->items[i].number);
		assert_string_equal(a->items[i].text, b->items[i].text);
		assert_int_equal(a->items[i].kind, b->items[i].kind);
		assert_int_equal(a->items[i].choice_count, b->items[i].choice_count);
		assert_int_equal(a->items[i].weight, b->items[i].weight);
		assert_string_equal(a->items[i].evidence, b->items[i].evidence);
	}
}

/* forms_load_lazy() reads each scenario's [scenario] section, and its
 * items only when forms_scenario_checklist() asks: then as forms_load(). */
static void test_lazy_checklists(void **state)
{
	struct forms *eager = NULL, *lazy = NULL;
	const struct scenario *sc = NULL;
	struct error err = { "" };
	size_t id;

	(void)state;
	if (forms_load(FORMS_DIR, &eager, &err) || forms_load_lazy(FORMS_DIR, &lazy, &err))
		fail_msg("%s", err.message);
	assert_int_equal(forms_scenario_count(lazy), 40);
	for (id = 1; id <= 40; id++) {
		assert_int_equal(forms_scenario(lazy, (int)id)->item_count, 0);
		assert_string_equal(forms_scenario(lazy, (int)id)->title_zh, forms_scenario(eager, (int)id)->title_zh);
		assert_string_equal(forms_scenario(lazy, (int)id)->stage->key, forms_scenario(eager, (int)id)->stage->key);
		assert_string_equal(forms_scenario(lazy, (int)id)->technologies,
				    forms_scenario(eager, (int)id)->technologies);
	}
	assert_int_equal(forms_scenario_checklist(lazy, 4, &sc, &err), STATUS_OK);
	assert_ptr_equal(sc, forms_scenario(lazy, 4));
	assert_same_items(sc, forms_scenario(eager, 4));
	assert_int_equal(forms_scenario(lazy, 5)->item_count, 0);
	for (id = 1; id <= 40; id++) {
		assert_int_equal(forms_scenario_checklist(lazy, (int)id, &sc, &err), STATUS_OK);
		assert_same_items(sc, forms_scenario(eager, (int)id));
	}
	assert_int_equal(forms_scenario_checklist(eager, 4, &sc, &err), STATUS_OK);
	assert_int_equal(forms_scenario_checklist(lazy, 41, &sc, &err), STATUS_ERR_INVALID);
	assert_null(sc);
	assert_says(err.message, "scenario 41 is not in the forms");
	assert_string_equal(forms_hash(lazy), forms_hash(eager));
	forms_free(&eager);
	forms_free(&lazy);
}

/* A broken item: the lazy forms load, the scenario's head is there, and
 * its checklist fails where forms_load() does, at every asking. */
static void test_lazy_broken_item(void **state)
{
	char *dir = make_copy(), path[512], *text = replaced(scenario4, "kind = check", "kind = tick");
	struct forms *forms = NULL;
	const struct scenario *sc = NULL;
	struct error err = { "" }, again = { "" };

	(void)state;
	snprintf(path, sizeof(path), "%s/forms/scenarios/04-product-design.ini", dir);
	write_text(path, text);
	snprintf(path, sizeof(path), "%s/forms", dir);
	if (forms_load_lazy(path, &forms, &err))
		fail_msg("%s", err.message);
	assert_string_equal(forms_scenario(forms, 4)->title_en, "Digital product design");
	assert_int_equal(forms_scenario_checklist(forms, 3, &sc, &err), STATUS_OK);
	assert_int_equal(forms_scenario_checklist(forms, 4, &sc, &err), STATUS_ERR_FORMS);
	assert_null(sc);
	snprintf(path, sizeof(path), "%s/forms/scenarios/04-product-design.ini:%d: unknown kind 'tick'", dir,
		 line_of(text, "kind = tick"));
	assert_says(err.message, path);
	assert_int_equal(forms_scenario_checklist(forms, 4, &sc, &again), STATUS_ERR_FORMS);
	assert_string_equal(again.message, err.message);
	assert_int_equal(forms_scenario(forms, 4)->item_count, 0);
	forms_free(&forms);
	free(text);
	remove_copy(dir);
}

/* Two loads of the same files hash alike (test_hash_follows_bytes: a
 * changed byte hashes otherwise). */
static void test_forms_hash(void **state)
{
	struct forms *real = NULL, *again = NULL;
	struct error err = { "" };

	(void)state;
	if (forms_load(FORMS_DIR, &real, &err) || forms_load(FORMS_DIR, &again, &err))
		fail_msg("%s", err.message);
	assert_string_equal(forms_hash(real), forms_hash(again));
	forms_free(&real);
	forms_free(&again);
}

static void test_real_levels(void **state)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	const struct level *basic, *excellent, *leading;

	(void)state;
	if (forms_load(FORMS_DIR, &forms, &err))
		fail_msg("%s", err.message);
	assert_int_equal(forms->level_count, 4);
	assert_string_equal(forms->levels[0].key, "basic");
	assert_string_equal(forms->levels[3].code, "LEA");
	basic = forms_level(forms, "basic");
	excellent = forms_level(forms, "excellent");
	leading = forms_level(forms, "leading");
	assert_null(basic->prior_level);
	assert_int_equal(basic->rules.validity_years, 0);
	assert_true(basic->rules.notice_working_days);
	assert_false(basic->panel_trimmed_mean);
	assert_int_equal(excellent->rules.validity_years, 3);
	assert_int_equal(excellent->rules.review_lead_months, 3);
	assert_string_equal(excellent->prior_level, "advanced");
	assert_int_equal(excellent->min_maturity, 3);
	assert_string_equal(forms_level_step(excellent, "review_passed")->event, "review_passed");
	assert_string_equal(forms_level_step(excellent, "cancelled")->roles[0], "system");
	assert_true(forms_level_state(excellent, "cancelled")->final);
	assert_int_equal(leading->rules.cultivation_years, 2);
	assert_int_equal(leading->rules.acceptance_lead_months, 3);
	assert_int_equal(leading->rules.notice_days, 7);
	assert_false(leading->rules.notice_working_days);
	assert_true(leading->panel_trimmed_mean);
	assert_string_equal(forms_level_step(leading, "start_cultivation")->event, "cultivation_started");
	assert_string_equal(forms_level_step(leading, "certified")->to, "certified");
	assert_null(forms_level_step(leading, "no_such_step"));
	/* 动态管理 and 公示无异议: what the steps require */
	assert_int_equal(forms_level_step(leading, "revoke")->requires, STEP_NEEDS_REASON | STEP_NEEDS_DOCUMENT);
	assert_string_equal(forms_level_step(excellent, "revoke")->event, "revoked");
	assert_true(forms_level_state(basic, "revoked")->final);
	assert_int_equal(forms_level_step(basic, "certified")->requires, STEP_NEEDS_NOTICE_ENDED);
	/* 谁认定、谁管理: the ministry's decisions carry its document's number */
	assert_true(forms_level_step(excellent, "certified")->ministry);
	assert_int_equal(forms_level_step(excellent, "certified")->requires, STEP_NEEDS_DOCUMENT);
	assert_int_equal(forms_level_step(leading, "certified")->requires, STEP_NEEDS_NOTICE_ENDED | STEP_NEEDS_DOCUMENT);
	assert_true(forms_level_step(leading, "pass_acceptance")->ministry);
	assert_false(forms_level_step(leading, "pass_preliminary")->ministry);
	assert_false(forms_level_step(basic, "certified")->ministry);
	assert_null(forms_level_panel(excellent, "review"));
	assert_null(forms_level_panel(leading, "acceptance"));
	assert_string_equal(forms_level_panel(leading, "preliminary")->rectify, "pass_preliminary");
	assert_int_equal(forms_level_step(leading, "withdraw")->requires, 0);
	assert_string_equal(leading->initial_state, "draft");
	forms_free(&forms);
}

static void test_real_regions_and_calendar(void **state)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	struct date day = { 2026, 2, 14 };
	bool covered = false;

	(void)state;
	if (forms_load(FORMS_DIR, &forms, &err))
		fail_msg("%s", err.message);
	assert_int_equal(forms->region_count, 17);
	assert_string_equal(forms_region(forms, "wuhan")->code, "420100");
	assert_string_equal(forms_region(forms, "shennongjia")->zh, "神农架林区");
	assert_string_equal(forms->regions[16].code, "429021");
	assert_int_equal(forms->calendar.year_count, 2);
	assert_int_equal(forms->calendar.years[1].year, 2026);
	assert_int_equal(forms->calendar.years[1].holiday_count, 33);
	assert_int_equal(forms->calendar.years[1].workday_count, 6);
	assert_int_equal(forms->calendar.years[0].holiday_count, 28);
	assert_int_equal(forms->calendar.years[0].workday_count, 5);
	assert_true(workdays_is_working_day(&forms->calendar, day, &covered));
	assert_true(covered);
	day.day = 16;
	assert_false(workdays_is_working_day(&forms->calendar, day, &covered));
	assert_int_equal(forms->bands[2].min_centi, 280);
	assert_int_equal(forms->bands[4].max_centi, 500);
	assert_string_equal(forms->band_zh[0], "一级（规划级）");
	forms_free(&forms);
}

/* A region and a level as an office writes them, and the headers of
 * forms/columns.ini. */
static void test_office_names(void **state)
{
	static const struct {
		const char *text, *key; /* key NULL: no region */
	} regions[] = {
		{ "wuhan", "wuhan" }, { "Wuhan", "wuhan" }, { "WUHAN", "wuhan" }, { "420100", "wuhan" },
		{ "武汉市", "wuhan" }, { "武汉", "wuhan" }, { " 武汉市\u3000", "wuhan" }, { "\u3000武汉", "wuhan" },
		{ "恩施土家族苗族自治州", "enshi" }, { "恩施州", "enshi" }, { "恩施", "enshi" }, { "422800", "enshi" },
		{ "Enshi", "enshi" }, { "神农架林区", "shennongjia" }, { "神农架", "shennongjia" },
		{ "仙桃", "xiantao" }, { "429004", "xiantao" }, { "武", NULL }, { "市", NULL }, { "420000", NULL },
		{ "", NULL }, { "\u3000", NULL }, { "武汉市市", NULL }, { "恩施土家族苗族自治", NULL },
	};
	static const struct {
		const char *text, *key;
	} levels[] = {
		{ "basic", "basic" }, { "基础级", "basic" }, { "先进级", "advanced" }, { "卓越级", "excellent" },
		{ "领航级", "leading" }, { "Advanced", "advanced" }, { "EXC", "excellent" }, { " 卓越级 ", "excellent" },
		{ "卓越", NULL }, { "", NULL }, { "gold", NULL },
	};
	struct forms *forms = NULL;
	struct error err = { "" };
	size_t i;

	(void)state;
	if (forms_load(FORMS_DIR, &forms, &err))
		fail_msg("%s", err.message);
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const struct region *r = forms_region_find(forms, regions[i].text);

		if (regions[i].key ? !r || strcmp(r->key, regions[i].key) : r != NULL)
			fail_msg("region '%s': got %s, expected %s", regions[i].text, r ? r->key : "none",
				 regions[i].key ? regions[i].key : "none");
	}
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		const struct level *l = forms_level_find(forms, levels[i].text);

		if (levels[i].key ? !l || strcmp(l->key, levels[i].key) : l != NULL)
			fail_msg("level '%s': got %s", levels[i].text, l ? l->key : "none");
	}
	assert_string_equal(forms_column_field(forms, "cases", "统一社会信用代码"), "uscc");
	assert_string_equal(forms_column_field(forms, "cases", "信用代码"), "uscc");
	assert_string_equal(forms_column_field(forms, "cases", "Credit_Code"), "uscc");
	assert_string_equal(forms_column_field(forms, "experts", "地区"), "region");
	assert_null(forms_column_field(forms, "experts", "统一社会信用代码"));
	assert_true(forms_column_skipped(forms, "序号"));
	assert_true(forms_column_skipped(forms, "no."));
	assert_false(forms_column_skipped(forms, "企业名称"));
	forms_free(&forms);
}

/* The fixture itself loads, and continuation lines join as the spec says. */
static void test_fixture_values(void **state)
{
	char *dir = make_copy(), path[256];
	struct forms *forms = NULL;
	struct error err = { "" };
	const struct scenario *scenario;

	(void)state;
	snprintf(path, sizeof(path), "%s/forms/", dir);
	if (forms_load(path, &forms, &err))
		fail_msg("%s", err.message);
	scenario = forms_scenario(forms, 4);
	assert_string_equal(scenario->text, "面向需求分析、产品定义等业务活动，针对产品研发周期长、成本高等问题。");
	assert_string_equal(scenario->items[0].text_en, "Are CAD, CAE and PLM tools deployed and used");
	assert_int_equal(scenario->items[0].kind, ITEM_CHECK);
	assert_int_equal(scenario->items[1].choice_count, 3);
	assert_string_equal(scenario->items[1].choices[0], "全部");
	assert_string_equal(scenario->items[1].choices[1], "部分");
	assert_non_null(scenario->items[1].choice_values);
	assert_float_equal(scenario->items[1].choice_values[0], 1.0, 1e-9);
	assert_float_equal(scenario->items[1].choice_values[1], 0.5, 1e-9);
	assert_float_equal(scenario->items[1].choice_values[2], 0.0, 1e-9);
	assert_null(scenario->items[0].choice_values);
	assert_string_equal(scenario->items[2].unit, "个");
	assert_false(scenario->items[2].required);
	assert_null(scenario->items[2].text_en);
	assert_int_equal(scenario->items[3].kind, ITEM_MEASURE);
	assert_true(scenario->items[3].lower_is_better);
	assert_int_equal(scenario->items[3].weight, 3);
	snprintf(path, sizeof(path), "%s/forms", dir);
	assert_string_equal(forms->dir, path);
	forms_free(&forms);
	remove_copy(dir);
}

static char *base_text(const struct bad_case *c, const char *path)
{
	switch (c->base) {
	case BASE_SCENARIO4:
		return strdup(scenario4);
	case BASE_LEVEL:
		return strdup(basic_level);
	default:
		return read_text(path);
	}
}

/* The first error of forms_load_lazy() and then each scenario's checklist
 * in id order: the message forms_load() gives at once, maybe later. */
static void check_lazy_says(const char *name, const char *forms_dir, const char *message)
{
	const struct scenario *sc = NULL;
	struct forms *forms = NULL;
	struct error err = { "" };
	enum status status = forms_load_lazy(forms_dir, &forms, &err);
	int id;

	for (id = 1; !status && id <= (int)forms_scenario_count(forms); id++)
		status = forms_scenario_checklist(forms, id, &sc, &err);
	if (status != STATUS_ERR_FORMS || strcmp(err.message, message))
		fail_msg("%s, lazily: status %d, message\n  %s\nexpected\n  %s", name, status, err.message, message);
	forms_free(&forms);
}

static void check_bad_case(const struct bad_case *c)
{
	char *dir = make_copy(), path[512], forms_dir[256], expected[1024];
	struct forms *forms = (struct forms *)1;
	struct error err = { "" };
	char *base, *text = NULL;
	enum status status;

	snprintf(forms_dir, sizeof(forms_dir), "%s/forms", dir);
	snprintf(path, sizeof(path), "%s/%s", forms_dir, c->rel);
	if (c->base == BASE_REMOVE) {
		assert_int_equal(unlink(path), 0);
	} else {
		base = base_text(c, path);
		text = replaced(base, c->old, c->new);
		free(base);
		write_text(path, text);
	}
	status = forms_load(forms_dir, &forms, &err);
	if (c->mark)
		snprintf(expected, sizeof(expected), "%s/%s:%d: ", forms_dir, c->rel, line_of(text, c->mark));
	else
		snprintf(expected, sizeof(expected), "%s/%s: ", forms_dir, c->at ? c->at : c->rel);
	if (status != STATUS_ERR_FORMS || strncmp(err.message, expected, strlen(expected)) ||
	    !strstr(err.message, c->words))
		fail_msg("%s: status %d, message\n  %s\nexpected it to start with\n  %s\nand contain\n  %s",
			 c->name, status, err.message, expected, c->words);
	assert_null(forms);
	check_lazy_says(c->name, forms_dir, err.message);
	free(text);
	remove_copy(dir);
}

static void test_bad_forms(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(bad_cases); i++)
		check_bad_case(&bad_cases[i]);
}

static void test_duplicate_names_first_file(void **state)
{
	char *dir = make_copy(), path[512];
	struct forms *forms = NULL;
	struct error err = { "" };

	(void)state;
	snprintf(path, sizeof(path), "%s/forms/scenarios/41-x.ini", dir);
	write_text(path, scenario4);
	snprintf(path, sizeof(path), "%s/forms", dir);
	assert_int_equal(forms_load(path, &forms, &err), STATUS_ERR_FORMS);
	snprintf(path, sizeof(path), "in %s/forms/scenarios/04-product-design.ini", dir);
	assert_says(err.message, path);
	remove_copy(dir);
}

/* The number of scenarios is the number of files: two more, ids 41 and 42. */
static void test_more_scenarios(void **state)
{
	char *dir = make_copy(), path[512], *text;
	struct forms *forms = NULL;
	struct error err = { "" };
	int id;

	(void)state;
	for (id = 41; id <= 42; id++) {
		char number[16];

		snprintf(number, sizeof(number), "id = %d", id);
		text = replaced(scenario4, "id = 4", number);
		snprintf(path, sizeof(path), "%s/forms/scenarios/%d-extra.ini", dir, id);
		write_text(path, text);
		free(text);
	}
	snprintf(path, sizeof(path), "%s/forms", dir);
	if (forms_load(path, &forms, &err))
		fail_msg("%s", err.message);
	assert_int_equal(forms_scenario_count(forms), 42);
	assert_true(forms_scenario_exists(forms, 42));
	assert_int_equal(forms_scenario(forms, 42)->id, 42);
	assert_false(forms_scenario_exists(forms, 0));
	assert_false(forms_scenario_exists(forms, 43));
	assert_false(forms_scenario_exists(forms, -1));
	forms_free(&forms);
	remove_copy(dir);
}

static void test_missing_directory(void **state)
{
	struct forms *forms = NULL;
	struct error err = { "" };

	(void)state;
	assert_int_equal(forms_load("/nonexistent/gradus-forms", &forms, &err), STATUS_ERR_FORMS);
	assert_null(forms);
	assert_says(err.message, "/nonexistent/gradus-forms: no forms folder here");
}

/* The forms of dir/forms, loaded (failing the test when they do not). */
static struct forms *forms_in(const char *dir)
{
	struct forms *forms = NULL;
	struct error err = { "" };
	char path[512];

	snprintf(path, sizeof(path), "%s/forms", dir);
	if (forms_load(path, &forms, &err))
		fail_msg("%s", err.message);
	return forms;
}

/* dir's stages.ini with a comment added to its first order line. */
static void comment_stages(const char *dir)
{
	char path[512], *text, *changed;

	snprintf(path, sizeof(path), "%s/forms/stages.ini", dir);
	text = read_text(path);
	changed = replaced(text, "order = 1", "order = 1 ; comment");
	write_text(path, changed);
	free(text);
	free(changed);
}

static void test_hash_follows_bytes(void **state)
{
	char *dir = make_copy();
	struct forms *a, *b;

	(void)state;
	a = forms_in(dir);
	comment_stages(dir);
	b = forms_in(dir);
	/* a's hash, asked for only now, is of the bytes a loaded, not of the file now */
	assert_int_not_equal(strcmp(forms_hash(a), forms_hash(b)), 0);
	assert_int_equal(b->stages[0].order, 1);
	forms_free(&a);
	forms_free(&b);
	remove_copy(dir);
}

/* The rules' hash (what the kept deadlines follow from) is of levels/ and
 * holidays/ only: a stage's file changed leaves it, a holiday added
 * changes it; both change the whole hash. */
static void test_rules_hash(void **state)
{
	char *dir = make_copy(), path[512];
	struct forms *a, *b, *c;
	FILE *f;

	(void)state;
	a = forms_in(dir);
	comment_stages(dir);
	b = forms_in(dir);
	assert_string_equal(forms_rules_hash(a), forms_rules_hash(b));
	assert_int_not_equal(strcmp(forms_hash(a), forms_hash(b)), 0);
	assert_int_equal(strlen(forms_rules_hash(a)), 64);
	snprintf(path, sizeof(path), "%s/forms/holidays/2026.ini", dir);
	if (!(f = fopen(path, "a")))
		fail_msg("cannot append to %s", path);
	fputs("; a comment is a change of the bytes too\n", f);
	fclose(f);
	c = forms_in(dir);
	assert_int_not_equal(strcmp(forms_rules_hash(b), forms_rules_hash(c)), 0);
	forms_free(&a);
	forms_free(&b);
	forms_free(&c);
	remove_copy(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_forms),
		cmocka_unit_test(test_forms_hash),
		cmocka_unit_test(test_lazy_checklists),
		cmocka_unit_test(test_lazy_broken_item),
		cmocka_unit_test(test_rules_hash),
		cmocka_unit_test(test_real_levels),
		cmocka_unit_test(test_real_regions_and_calendar),
		cmocka_unit_test(test_office_names),
		cmocka_unit_test(test_fixture_values),
		cmocka_unit_test(test_bad_forms),
		cmocka_unit_test(test_duplicate_names_first_file),
		cmocka_unit_test(test_more_scenarios),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_hash_follows_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
