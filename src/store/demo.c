/* The demo database: about 30 cases of made-up Hubei enterprises across the
 * four levels, the regions and several workflow steps. Deterministic for a
 * given "today", so screens can be compared in tests. */
#include <stdio.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/core/uscc.h"
#include "gradus/store/cases.h"
#include "gradus/store/checks.h"
#include "gradus/store/cultivation.h"
#include "gradus/store/objections.h"
#include "gradus/store/preconditions.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

struct demo_enterprise {
	const char *name, *factory, *region, *industry, *level;
	int year, steps, maturity_centi;
	int scenarios[6];
};

/* The enterprise whose public notice had an objection, then resolved. */
static const char *const demo_objected = "襄阳汉江新能源电池有限公司";

static const struct demo_enterprise demo[] = {
	{ "武汉江城精密机械有限公司", "汉南数控部件工厂", "wuhan", "通用设备制造", "basic", 2026, 1, 165, { 1, 4, 9, 12, 27 } },
	{ "武汉光谷智联电子股份有限公司", "东湖光电模组工厂", "wuhan", "电子信息", "advanced", 2026, 3, 245, { 2, 10, 24, 25, 28 } },
	{ "东风楚天汽车零部件有限公司", "十堰车桥智能工厂", "shiyan", "汽车零部件", "excellent", 2023, 5, 342, { 3, 8, 9, 20, 24, 25 } },
	{ "黄石鄂东特钢有限公司", "下陆特钢冶炼工厂", "huangshi", "黑色金属冶炼", "excellent", 2024, 4, 318, { 16, 17, 21, 22, 27 } },
	{ "宜昌三峡磷化工集团有限公司", "猇亭精细磷化工工厂", "yichang", "化学原料", "leading", 2025, 4, 412, { 14, 15, 16, 18, 22, 39 } },
	{ "襄阳汉江新能源电池有限公司", "高新区动力电池工厂", "xiangyang", "电池制造", "advanced", 2025, 7, 268, { 9, 11, 24, 26 } },
	{ "鄂州葛店生物医药有限公司", "葛店制剂工厂", "ezhou", "医药制造", "basic", 2026, 2, 120, { 10, 12, 25 } },
	{ "荆门楚丰农机装备有限公司", "掇刀农机总装工厂", "jingmen", "专用设备制造", "advanced", 2026, 1, 205, { 6, 7, 13, 23 } },
	{ "孝感汉川纺织科技有限公司", "汉川智能纺纱工厂", "xiaogan", "纺织", "basic", 2025, 4, 150, { 12, 27, 29 } },
	{ "荆州长江石化装备有限公司", "沙市压力容器工厂", "jingzhou", "石化装备", "excellent", 2026, 2, 301, { 4, 5, 6, 14, 28 } },
	{ "黄冈大别山食品股份有限公司", "蕲春健康食品工厂", "huanggang", "食品制造", "basic", 2026, 0, 95, { 12, 25, 33 } },
	{ "咸宁香城智能家居有限公司", "温泉定制家居工厂", "xianning", "家具制造", "advanced", 2024, 7, 228, { 20, 32, 33, 36 } },
	{ "随州专用汽车制造有限公司", "曾都专用车工厂", "suizhou", "专用汽车", "excellent", 2023, 6, 356, { 4, 7, 9, 20, 30, 37 } },
	{ "恩施硒谷茶业有限公司", "芭蕉侗族乡茶叶加工工厂", "enshi", "茶叶加工", "basic", 2026, 1, 88, { 10, 25 } },
	{ "仙桃无纺布制品有限公司", "彭场防护用品工厂", "xiantao", "非织造布", "advanced", 2026, 2, 233, { 11, 12, 24 } },
	{ "潜江江汉盐化工有限公司", "王场盐化工工厂", "qianjiang", "化学原料", "excellent", 2025, 3, 329, { 15, 16, 18, 21, 22 } },
	{ "天门纺机制造有限公司", "岳口纺机工厂", "tianmen", "纺织机械", "basic", 2024, 5, 140, { 8, 27, 29 } },
	{ "神农架绿色林产品有限公司", "松柏林产品加工工厂", "shennongjia", "林产品加工", "basic", 2026, 1, 82, { 17, 18 } },
	{ "武汉长飞光纤光缆股份有限公司", "光谷光纤预制棒工厂", "wuhan", "光纤光缆", "leading", 2025, 5, 455, { 3, 21, 22, 24, 26, 28 } },
	{ "武汉华中数控系统有限公司", "佛祖岭数控系统工厂", "wuhan", "工业控制", "excellent", 2024, 5, 372, { 4, 6, 20, 28, 34, 35 } },
	{ "宜昌船舶重工装备有限公司", "伍家岗船用设备工厂", "yichang", "船舶配套", "advanced", 2025, 3, 251, { 1, 6, 7, 27 } },
	{ "襄阳轴承股份有限公司", "襄州精密轴承工厂", "xiangyang", "轴承制造", "excellent", 2026, 1, 310, { 9, 20, 24, 26, 28 } },
	{ "十堰汽车模具有限公司", "茅箭模具工厂", "shiyan", "模具制造", "advanced", 2026, 4, 239, { 4, 5, 6 } },
	{ "荆州恒隆转向系统有限公司", "开发区转向器工厂", "jingzhou", "汽车零部件", "leading", 2026, 3, 428, { 3, 9, 11, 20, 25, 38 } },
	{ "黄石东贝压缩机有限公司", "铁山压缩机工厂", "huangshi", "通用设备制造", "advanced", 2023, 7, 262, { 9, 10, 24, 27 } },
	{ "孝感楚能新能源有限公司", "临空区储能电池工厂", "xiaogan", "电池制造", "excellent", 2026, 0, 336, { 2, 3, 16, 24, 26 } },
	{ "咸宁南玻光电玻璃有限公司", "咸安光伏玻璃工厂", "xianning", "玻璃制造", "basic", 2025, 2, 176, { 16, 21, 22 } },
	{ "随州香菇食品有限公司", "广水香菇深加工工厂", "suizhou", "食品制造", "basic", 2024, 1, 99, { 12, 25 } },
	{ "鄂州顺丰航空物流装备有限公司", "花湖智能分拣装备工厂", "ezhou", "物流装备", "advanced", 2026, 0, 271, { 13, 19, 40 } },
	{ "荆门格林美新材料有限公司", "化工循环产业园工厂", "jingmen", "再生材料", "leading", 2024, 4, 441, { 16, 17, 18, 37, 39, 40 } },
};

static void demo_credit_code(const char *division, size_t index, char code[USCC_LENGTH + 1])
{
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	unsigned long x = 2654435761UL * (index + 7);
	size_t i;

	snprintf(code, USCC_LENGTH + 1, "91%.6s", division);
	code[8] = 'M';
	code[9] = 'A';
	for (i = 10; i < 17; i++) {
		code[i] = charset[x % 31];
		x = x / 31 + 97 * (i + index);
	}
	code[17] = '\0';
	code[17] = uscc_check_character(code);
	code[18] = '\0';
}

/* Follows the level's workflow forward: at each state, the first step in
 * file order that a person may take and that leads to a state not yet
 * visited and not final (so the walk never withdraws, rejects or loops). */
static const struct level_step *forward_step(const struct level *level, const char *state,
					     const char *const *visited, size_t visited_count)
{
	size_t i, j;

	for (i = 0; i < level->step_count; i++) {
		const struct level_step *step = &level->steps[i];
		const struct level_state *to = forms_level_state(level, step->to);
		bool person = false, from = false, seen = false;

		for (j = 0; j < step->role_count; j++)
			person |= strcmp(step->roles[j], "system") != 0;
		for (j = 0; j < step->from_count; j++)
			from |= !strcmp(step->from[j], state);
		for (j = 0; j < visited_count; j++)
			seen |= !strcmp(visited[j], step->to);
		if (person && from && !seen && to && !to->final)
			return step;
	}
	return NULL;
}

/* An objection raised on the notice's second day by a member of the
 * public, resolved three days later: not upheld, the certification goes on. */
static enum status demo_objection(struct store *store, const struct forms *forms, const char *id, struct date start,
				  struct error *err)
{
	int number = 0;
	enum status status = objection_add(store, forms, id, "匿名举报（来信）", date_add_days(start, 1),
					   "反映该企业申报的能耗数据与实际不符", &number, err);

	if (!status)
		status = objection_resolve(store, id, number, NULL, date_add_days(start, 4),
					   "经现场核实，能耗数据有计量记录支撑，异议不成立", err);
	return status;
}

/* The materials a step files, received three days before it. */
static enum status demo_materials(struct store *store, const struct forms *forms, const struct level *level,
				  const char *id, const struct level_step *step, struct date on, struct error *err)
{
	char *const *keys = NULL;
	size_t count = step->needs_materials ? forms_level_material_group(level, step->needs_materials, &keys) : 0;
	char received[DATE_TEXT_SIZE];
	enum status status = STATUS_OK;
	size_t i;

	date_format(date_add_days(on, -3), received);
	for (i = 0; !status && i < count; i++)
		status = case_set_material(store, forms, id, keys[i], received, err);
	return status;
}

/* The demo's history is entered from the office's paper files: the panels'
 * opinions and the spot checks of its cases are not in the database, so a
 * step that needs one is taken by the admin's override, with that reason. */
static const char *const demo_paper = "演示数据：专家评审意见和现场抽查记录为纸质档案，未录入本库";

/* The enterprise whose review application came two weeks late, taken by
 * the admin's override with the office's reason. */
static const char *const demo_late = "东风楚天汽车零部件有限公司";
static const char *const demo_late_reason = "企业集团重组，复核申请材料延误两周；经处务会研究同意受理";

/* The day a review is filed: two weeks after its due date for the late
 * enterprise, else on the walk's own day. */
static struct date demo_filed_on(struct store *store, const struct forms *forms, const struct demo_enterprise *d,
				 const char *id, const struct level_step *step, struct date on)
{
	struct case_detail detail;
	struct case_dates c;
	struct error err = { "" };

	if (!step->needs_on_time || strcmp(step->needs_on_time, "review") || strcmp(d->name, demo_late) ||
	    store_case_detail(store, id, &detail, &err))
		return on;
	case_dates_compute(forms, &detail, &c);
	case_detail_clear(&detail);
	return c.certified ? date_add_days(c.review_due_by, 14) : on;
}

static enum status demo_step(struct store *store, const struct forms *forms, const struct demo_enterprise *d,
			     const char *id, const struct level_step *step, struct date on, struct error *err)
{
	const struct level *level = forms_level(forms, d->level);
	struct step_request request = { step->key, on, NULL, NULL, NULL, NULL };
	char document[64];
	struct step_check check;
	enum status status = demo_materials(store, forms, level, id, step, on, err);
	size_t i;

	if (!status)
		status = case_step_check(store, forms, id, step->key, on, &check, err);
	/* the ministry's decision is recorded with the number of its document, dated the step's day */
	if (step->ministry) {
		snprintf(document, sizeof(document), "工信厅通装函〔%d〕%d号", on.year, 100 + on.month * 10 + on.day % 10);
		request.document = document;
	}
	for (i = 0; !status && i < check.count; i++)
		if (!check.items[i].met)
			request.override = !strncmp(check.items[i].code, "late.", 5) ? demo_late_reason : demo_paper;
	return status ? status : case_take(store, forms, id, &request, err);
}

static enum status demo_walk(struct store *store, const struct forms *forms, const struct demo_enterprise *d,
			     const char *id, struct error *err)
{
	const struct level *level = forms_level(forms, d->level);
	struct date on = { d->year, 3, 2 }, today = store_today(store);
	const char *visited[32] = { level->initial_state };
	size_t visited_count = 1;
	enum status status = STATUS_OK;
	int i;

	for (i = 0; i < d->steps && !status && visited_count < 32; i++) {
		const struct level_step *step = forward_step(level, visited[visited_count - 1], visited, visited_count);

		if (step)
			on = demo_filed_on(store, forms, d, id, step, on);
		if (!step || date_compare(on, today) > 0)
			break;
		status = demo_step(store, forms, d, id, step, on, err);
		if (!status && !strcmp(d->name, demo_objected) && !strcmp(step->to, "in_notice"))
			status = demo_objection(store, forms, id, on, err);
		visited[visited_count++] = step->to;
		on = date_add_days(on, 41 + 7 * i);
	}
	return status;
}

/* 动态管理: a certification revoked a month ago by the office's document,
 * with its reason; its validity ended that day. */
static const char *const demo_revoked = "HB-2024-ADV-0001";

static enum status demo_revocation(struct store *store, const struct forms *forms, struct error *err)
{
	struct date on = date_add_days(store_today(store), -30);
	char document[64];

	snprintf(document, sizeof(document), "鄂经信智能〔%d〕18号", on.year);
	return case_take_step_by(store, forms, demo_revoked, "revoke", on,
				 "专项抽查发现申报材料中部分场景佐证材料弄虚作假", document, "certified", err);
}

/* A spot check under way: two inspectors, the first scenario half walked
 * by one of them, so the walk and its scores have something to show. */
static enum status demo_check(struct store *store, const struct forms *forms, const char *user, struct error *err)
{
	static const struct {
		int item;
		const char *value, *note;
	} answers[] = {
		{ 1, "yes", "现场演示了系统，覆盖全部产线" },
		{ 2, "partial", "仅两条产线接入，其余计划明年接入" },
		{ 3, "na", NULL },
	};
	const char *inspectors[] = { "li.ming", user };
	struct check_plan plan = { .case_key = "HB-2024-EXC-0002", .on = store_today(store),
				   .inspectors = inspectors, .inspector_count = 2 };
	char id[33];
	enum status status = store_user_add(store, "li.ming", "inspector", err);
	size_t i;

	if (!status)
		status = store_user_add(store, "wang.fang", "inspector", err);
	if (!status && !strcmp(user, "li.ming"))
		plan.inspector_count = 1;
	if (!status)
		status = check_plan(store, forms, &plan, id, err);
	store->actor = (char *)"li.ming";
	for (i = 0; !status && i < sizeof(answers) / sizeof(answers[0]); i++) {
		struct check_view v;
		const struct scenario *first;

		if ((status = check_load(store, id, &v, err)))
			break;
		first = v.scenario_count ? &v.scenarios[0] : NULL;
		if (first && (size_t)answers[i].item <= first->item_count &&
		    first->items[answers[i].item - 1].kind == ITEM_CHECK)
			status = check_answer(store, id, first->id, answers[i].item, answers[i].value, answers[i].note, err);
		check_view_clear(&v);
	}
	return status;
}

/* A leading factory mid-cultivation: two plan versions, milestones (one
 * overdue), two guidance sessions with follow-ups, eight KPIs over four
 * quarters and a progress report. */
static const char *const demo_leading = "HB-2025-LEA-0001";

static struct date demo_date(const char *text)
{
	struct date d = { 0, 0, 0 };

	date_parse(text, &d, NULL);
	return d;
}

static enum status demo_milestones(struct store *store, struct error *err)
{
	static const struct {
		const char *title, *due, *owner, *done;
	} rows[] = {
		{ "建设方案通过专家委评审", "2025-09-30", "规划发展部", "2025-09-20" },
		{ "5G全连接工厂网络部署", "2026-03-31", "信息中心", "2026-04-10" },
		{ "磷化工工艺数字孪生上线", "2026-09-30", "生产技术部", NULL },
		{ "安全生产智能预警平台投运", "2027-01-31", "安全环保部", NULL },
		{ "能碳管理平台与AI质检全面推广", "2027-03-31", "信息中心", NULL },
	};
	enum status status = STATUS_OK;
	char id[33];
	size_t i;

	for (i = 0; !status && i < sizeof(rows) / sizeof(rows[0]); i++) {
		status = cultivation_milestone_add(store, demo_leading, rows[i].title, demo_date(rows[i].due), rows[i].owner,
						   id, err);
		if (!status && rows[i].done) {
			struct date done = demo_date(rows[i].done);

			status = cultivation_milestone_done(store, id, &done, err);
		}
	}
	return status;
}

static enum status demo_sessions(struct store *store, struct error *err)
{
	char first[33], second[33], id[33];
	struct date done = demo_date("2026-01-20");
	enum status status = cultivation_session_add(store, demo_leading, demo_date("2025-10-15"), "陈立新、周敏",
						     "建设方案应补充能碳管理内容，明确各场景的量化目标。", first, err);

	if (!status)
		status = cultivation_followup_add(store, first, "补充能耗在线监测点位并接入平台", demo_date("2026-01-31"),
						  "安全环保部", id, err);
	if (!status)
		status = cultivation_followup_done(store, id, &done, err);
	if (!status)
		status = cultivation_session_add(store, demo_leading, demo_date("2026-06-18"), "陈立新、王海涛",
						 "数字孪生模型需经工艺机理校核；AI质检应从单线试点扩展到全部产线。", second,
						 err);
	if (!status)
		status = cultivation_followup_add(store, second, "完善数字孪生模型的工艺机理校核", demo_date("2026-10-31"),
						  "生产技术部", id, err);
	if (!status)
		status = cultivation_followup_add(store, second, "提交AI质检推广计划", demo_date("2026-12-31"), "质量部",
						  id, err);
	return status;
}

static enum status demo_kpis(struct store *store, const struct forms *forms, struct error *err)
{
	static const char *const periods[] = { "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3" };
	static const struct {
		const char *key;
		double baseline, target, values[4];
	} rows[] = {
		{ "efficiency", 0, 30, { 8, 14, 21, 26 } },
		{ "rnd_cycle", 18, 12, { 17, 15, 13, 12 } },
		{ "defect_rate", 1.8, 0.9, { 1.6, 1.3, 1.1, 0.95 } },
		{ "energy", 0.62, 0.50, { 0.60, 0.56, 0.53, 0.49 } },
		{ "utilisation", 72, 85, { 74, 78, 82, 86 } },
		{ "operating_cost", 9800, 8500, { 9700, 9400, 9100, 8800 } },
		{ "carbon", 1.45, 1.20, { 1.42, 1.36, 1.30, 1.24 } },
		{ "ai_share", 10, 40, { 12, 20, 28, 35 } },
	};
	enum status status = STATUS_OK;
	size_t i, k;

	for (i = 0; !status && i < sizeof(rows) / sizeof(rows[0]); i++) {
		status = cultivation_kpi_set(store, forms, demo_leading, rows[i].key, rows[i].baseline, rows[i].target, err);
		for (k = 0; !status && k < 4; k++)
			status = cultivation_kpi_value(store, demo_leading, rows[i].key, periods[k], rows[i].values[k], err);
	}
	return status;
}

static enum status demo_cultivation(struct store *store, const struct forms *forms, struct error *err)
{
	char id[33];
	int version;
	enum status status = cultivation_plan_version(
		store, demo_leading, "三峡磷化工领航级智能工厂建设方案",
		"围绕精细磷化工全流程，建设5G全连接工厂、工艺数字孪生、安全生产智能预警三大平台，"
		"覆盖安全、能源、环保、工艺优化等6个场景。",
		"首版", &version, err);

	if (!status)
		status = cultivation_plan_version(
			store, demo_leading, "三峡磷化工领航级智能工厂建设方案（修订）",
			"在首版基础上增加能碳管理平台和AI质检，明确各场景量化目标，分三阶段实施。",
			"按专家委2025-10-15意见增加能碳管理内容和量化目标", &version, err);
	if (!status)
		status = demo_milestones(store, err);
	if (!status)
		status = demo_sessions(store, err);
	if (!status)
		status = demo_kpis(store, forms, err);
	if (!status)
		status = cultivation_report_add(store, demo_leading, "2026-Q3", demo_date("2026-10-15"),
						"三季度完成数字孪生平台主体建设，AI质检在两条产线运行，能耗同比下降9%。",
						id, err);
	return status;
}

/* The demo as its day finds it: HB-2024-LEA-0001 started its cultivation on
 * 2024-07-24 and never filed its acceptance application, so the sweep marks
 * it lapsed (ended 2026-07-24, lapsed 2026-07-25), awaiting a decision. */
static enum status demo_sweep(struct store *store, const struct forms *forms, struct error *err)
{
	struct sweep_counts counts;

	return case_sweep_within(store, forms, clock_today(), &counts, err);
}

enum status case_create_demo(struct store *store, const struct forms *forms, struct error *err)
{
	/* Demo records are made by the actor "demo", not by whoever ran init. */
	char *actor = store->actor;
	enum status status = store_begin(store, err);
	size_t i;

	store->actor = (char *)"demo";

	for (i = 0; !status && i < sizeof(demo) / sizeof(demo[0]); i++) {
		const struct demo_enterprise *d = &demo[i];
		const struct region *region = forms_region(forms, d->region);
		char code[USCC_LENGTH + 1], id[33], number[32], commitment[DATE_TEXT_SIZE];
		size_t n = 0;
		struct new_case in;

		while (n < 6 && d->scenarios[n])
			n++;
		if (!region || !forms_level(forms, d->level)) {
			status = error_set(err, STATUS_ERR_FORMS,
					   _("the forms lack region '%s' or level '%s' used by the demo"),
					   d->region, d->level);
			break;
		}
		demo_credit_code(region->code, i, code);
		snprintf(commitment, sizeof(commitment), "%04d-02-20", d->year);
		memset(&in, 0, sizeof(in));
		in.enterprise_name = d->name;
		in.credit_code = code;
		in.region = d->region;
		in.industry = d->industry;
		in.contact = "办公室 027-8765 4321";
		in.factory_name = d->factory;
		in.address = region->zh;
		in.level = d->level;
		in.year = d->year;
		in.maturity_centi = d->maturity_centi;
		in.commitment_on = commitment;
		in.scenarios = d->scenarios;
		in.scenario_count = n;
		status = case_create(store, forms, &in, id, number, NULL, err);
		if (!status)
			status = demo_walk(store, forms, d, id, err);
	}
	if (!status)
		status = demo_revocation(store, forms, err);
	store->actor = actor;
	if (!status)
		status = demo_check(store, forms, actor, err);
	store->actor = (char *)"demo";
	if (!status)
		status = demo_cultivation(store, forms, err);
	store->actor = actor;
	if (!status)
		status = demo_sweep(store, forms, err);
	return store_finish(store, status, err);
}
