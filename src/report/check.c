/* The printed report of a spot check (现场抽查报告), labelled Chinese first
 * and English beside, in whichever format the document writes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "gradus/report.h"

bool report_format_parse(const char *text, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format format;
	} formats[] = { { "txt", REPORT_TXT }, { "md", REPORT_MD }, { "html", REPORT_HTML } };
	size_t i;

	for (i = 0; text && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(text, formats[i].name)) {
			*out = formats[i].format;
			return true;
		}
	return false;
}

static const char *score_text(struct doc *d, struct score s)
{
	return s.scored ? doc_printf(d, "%.1f", s.percent) : "-";
}

static const char *status_label(const char *status)
{
	static const char *const labels[][2] = {
		{ "planned", "计划 planned" }, { "signing", "签字中 signing" }, { "signed", "已签字 signed" },
	};

	return DOC_LABEL(labels, status);
}

static const char *kind_label(enum item_kind kind)
{
	static const char *const labels[] = { "核查 check", "数值 number", "计量 measure", "选择 choice", "文字 text" };

	return kind <= ITEM_TEXT ? labels[kind] : "-";
}

static const char *severity_label(const char *severity)
{
	static const char *const labels[][2] = {
		{ "minor", "轻微 minor" }, { "major", "严重 major" }, { "critical", "重大 critical" },
	};

	return DOC_LABEL(labels, severity);
}

static const char *finding_status_label(const char *status)
{
	static const char *const labels[][2] = { { "open", "未关闭 open" }, { "closed", "已关闭 closed" } };

	return DOC_LABEL(labels, status);
}

/* An answer as printed: check answers in both languages, numbers and
 * measures with their unit. */
static const char *answer_text(struct doc *d, const struct checklist_item *it, const char *value)
{
	static const char *const answers[][2] = {
		{ "yes", "是 yes" }, { "partial", "部分 partial" }, { "no", "否 no" }, { "na", "不适用 n/a" },
	};

	if (!value || !*value)
		return "-";
	if (it && it->kind == ITEM_CHECK)
		return DOC_LABEL(answers, spotcheck_answer_name(spotcheck_answer_parse(value)));
	if (it && it->unit && (it->kind == ITEM_NUMBER || it->kind == ITEM_MEASURE))
		return doc_printf(d, "%s %s", value, it->unit);
	return value;
}

static const struct checklist_item *find_item(const struct check_view *v, int scenario, int item)
{
	const struct scenario *s = check_scenario(v, scenario);
	size_t i;

	for (i = 0; s && i < s->item_count; i++)
		if (s->items[i].number == item)
			return &s->items[i];
	return NULL;
}

static const char *item_number(struct doc *d, int scenario, int item)
{
	return doc_printf(d, "%d.%d", scenario, item);
}

static const char *form_versions(struct doc *d, const struct check_view *v)
{
	const char *text = "";
	size_t i;

	for (i = 0; i < v->scenario_count; i++)
		text = doc_printf(d, "%s%s%d: v%d", text, i ? ", " : "", v->scenarios[i].id, v->scenarios[i].version);
	return doc_or_dash(text);
}

static const char *inspectors_text(struct doc *d, const struct check_view *v)
{
	const char *text = "", *p;

	for (p = v->inspectors ? v->inspectors : ""; *p; p++)
		text = *p == ',' ? doc_printf(d, "%s, ", text) : doc_printf(d, "%s%c", text, *p);
	return doc_or_dash(text);
}

static void write_head(struct doc *d, const struct forms *forms, const struct check_view *v)
{
	const struct level *level = forms ? forms_level(forms, v->level ? v->level : "") : NULL;

	doc_heading(d, 1, "现场抽查报告 Spot-check report");
	doc_fields_begin(d);
	doc_field(d, "抽查编号 Check", v->number);
	doc_field(d, "案件编号 Case", v->case_number);
	doc_field(d, "企业 Enterprise", doc_or_dash(v->enterprise));
	doc_field(d, "工厂 Factory", doc_or_dash(v->factory));
	doc_field(d, "级别 Level", level ? doc_printf(d, "%s %s", level->zh, level->en) : doc_or_dash(v->level));
	doc_field(d, "计划日期 Planned on", v->planned_on);
	doc_field(d, "状态 Status", status_label(v->status));
	doc_field(d, "检查人 Inspectors", inspectors_text(d, v));
	doc_field(d, "表单哈希 Forms hash", v->forms_hash);
	doc_field(d, "表单版本 Form versions", form_versions(d, v));
	if (v->draw_count) {
		doc_field(d, "抽取场景数 Scenarios drawn", doc_printf(d, "%ld", v->draw_count));
		doc_field(d, "随机种子 Seed", doc_or_dash(v->draw_seed));
	}
	doc_table_end(d);
}

static void write_items(struct doc *d, const struct check_view *v, const struct scenario *s)
{
	static const char *const headers[] = { "编号 No.", "检查项 Item", "类型 Kind", "权重 Weight",
					       "回答 Answer", "备注 Note", "回答人 By" };
	size_t i;

	doc_table_begin(d, 2, 7, headers);
	for (i = 0; i < s->item_count; i++) {
		const struct checklist_item *it = &s->items[i];
		const struct check_answer_row *a = check_find(v, s->id, it->number);
		const char *cells[] = {
			item_number(d, s->id, it->number),
			it->text,
			it->required ? doc_printf(d, "%s，必答 required", kind_label(it->kind)) : kind_label(it->kind),
			doc_printf(d, "%d", it->weight),
			answer_text(d, it, a ? a->value : NULL),
			a && a->note ? a->note : "",
			a && a->answered_by ? a->answered_by : "",
		};

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_evidence(struct doc *d, const struct check_view *v, const struct scenario *s)
{
	static const char *const headers[] = { "编号 No.", "文件 File", "类型 Type", "大小 Size", "SHA-256" };
	size_t i, count = 0;

	doc_heading(d, 3, doc_printf(d, "场景 %d 证据 Evidence", s->id));
	doc_table_begin(d, 2, 5, headers);
	for (i = 0; i < v->evidence_count; i++) {
		const struct check_evidence_row *e = &v->evidence[i];
		const char *cells[] = { item_number(d, e->scenario, e->item), doc_or_dash(e->name), doc_or_dash(e->type),
					doc_printf(d, "%lld B", e->size), e->sha256 };

		if (e->scenario != s->id)
			continue;
		doc_row(d, cells);
		count++;
	}
	if (count)
		doc_table_end(d);
	else
		doc_paragraph(d, "无 None.");
}

static void write_scenario(struct doc *d, const struct check_view *v, const struct scenario *s)
{
	size_t answered, required;

	check_progress(v, s->id, &answered, &required);
	doc_heading(d, 2, doc_printf(d, "场景 %d %s", s->id, doc_or_dash(s->title_zh)));
	doc_fields_begin(d);
	doc_field(d, "英文名称 Title", doc_or_dash(s->title_en));
	if (s->stage)
		doc_field(d, "环节 Stage", doc_printf(d, "%s %s", doc_or_dash(s->stage->zh), doc_or_dash(s->stage->en)));
	doc_field(d, "表单版本 Form version", doc_printf(d, "%d", s->version));
	doc_field(d, "必答项已答 Required answered", doc_printf(d, "%zu/%zu", answered, required));
	doc_field(d, "得分 Score", score_text(d, check_score_scenario(v, s)));
	doc_table_end(d);
	write_items(d, v, s);
	write_evidence(d, v, s);
}

static void write_findings(struct doc *d, const struct check_view *v)
{
	static const char *const headers[] = { "编号 No.", "严重程度 Severity", "状态 Status", "整改期限 Due",
					       "整改要求 Action", "关闭日期 Closed on", "关闭人 Closed by",
					       "关闭说明 Closing note", "关闭证据 Closing evidence" };
	size_t i;

	doc_heading(d, 2, "整改事项 Findings");
	if (!v->finding_count) {
		doc_paragraph(d, "无 None.");
		return;
	}
	doc_table_begin(d, 3, 9, headers);
	for (i = 0; i < v->finding_count; i++) {
		const struct check_finding_row *f = &v->findings[i];
		const char *cells[] = { item_number(d, f->scenario, f->item), severity_label(f->severity),
					finding_status_label(f->status), doc_or_dash(f->due_on), doc_or_dash(f->action),
					f->closed_on, f->closed_by, f->closing_note, f->closing_sha256 };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_scores(struct doc *d, const struct check_view *v)
{
	static const char *const headers[] = { "范围 Scope", "得分 Score" };
	struct doc_bar bars[16];
	size_t i, n = 0;

	doc_heading(d, 2, "得分 Scores");
	doc_table_begin(d, 1, 2, headers);
	for (i = 0; i < v->scenario_count; i++) {
		const char *cells[] = { doc_printf(d, "场景 %d %s", v->scenarios[i].id, doc_or_dash(v->scenarios[i].title_zh)),
					score_text(d, check_score_scenario(v, &v->scenarios[i])) };

		doc_row(d, cells);
	}
	for (i = 0; i < v->stage_count; i++) {
		struct score s = check_score_stage(v, v->stages[i].key);
		const char *label = doc_printf(d, "%s %s", doc_or_dash(v->stages[i].zh), doc_or_dash(v->stages[i].en));
		const char *cells[] = { doc_printf(d, "环节 %s", label), score_text(d, s) };

		doc_row(d, cells);
		if (n < sizeof(bars) / sizeof(bars[0]))
			bars[n++] = (struct doc_bar){ label, s.scored, s.percent };
	}
	doc_row(d, (const char *const[]){ "总分 Overall", score_text(d, check_score_overall(v)) });
	doc_table_end(d);
	doc_heading(d, 3, "各环节符合度 Compliance by stage");
	doc_chart(d, "各环节符合度 Compliance by stage", bars, n);
}

static const char *change(struct doc *d, const char *before, const char *after)
{
	return doc_printf(d, "%s → %s", doc_or_dash(before), doc_or_dash(after));
}

static void write_amendments(struct doc *d, const struct check_view *v)
{
	static const char *const headers[] = { "编号 No.", "回答 Answer", "备注 Note", "原因 Reason",
					       "修正人 By", "时间 At" };
	size_t i;

	doc_heading(d, 2, "签字后修正 Amendments");
	if (!v->amendment_count) {
		doc_paragraph(d, "无 None.");
		return;
	}
	doc_table_begin(d, 1, 6, headers);
	for (i = 0; i < v->amendment_count; i++) {
		const struct check_amendment_row *a = &v->amendments[i];
		const struct checklist_item *it = find_item(v, a->scenario, a->item);
		const char *cells[] = { item_number(d, a->scenario, a->item),
					change(d, answer_text(d, it, a->old_value), answer_text(d, it, a->new_value)),
					change(d, a->old_note, a->new_note), doc_or_dash(a->reason), doc_or_dash(a->amended_by),
					doc_or_dash(a->amended_at) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_signatures(struct doc *d, const struct check_view *v)
{
	static const char *const headers[] = { "签字人 Signed by", "时间 Signed at", "内容哈希 Content hash" };
	size_t i;

	doc_heading(d, 2, "签字 Signatures");
	if (!v->signature_count)
		doc_paragraph(d, "未签字 Not signed.");
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < v->signature_count; i++)
		doc_row(d, (const char *const[]){ v->signatures[i].login, v->signatures[i].signed_at, v->signatures[i].hash });
	if (v->signature_count)
		doc_table_end(d);
	doc_fields_begin(d);
	doc_field(d, "审计链头 Audit chain head", doc_or_dash(v->audit_head));
	doc_table_end(d);
}

enum status report_check(struct store *store, const struct forms *forms, const char *check_key,
			 enum report_format format, FILE *out, struct error *err)
{
	struct check_view v;
	struct doc d = { 0 };
	char id[33];
	enum status status;
	size_t i;

	if ((status = check_resolve(store, check_key, id, err)) || (status = check_load(store, id, &v, err)))
		return status;
	doc_begin(&d, format, out, doc_printf(&d, "现场抽查报告 Spot-check report %s", v.number));
	write_head(&d, forms, &v);
	for (i = 0; i < v.scenario_count; i++)
		write_scenario(&d, &v, &v.scenarios[i]);
	write_findings(&d, &v);
	write_scores(&d, &v);
	write_amendments(&d, &v);
	write_signatures(&d, &v);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", v.number, errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", v.number, status_message(status));
	check_view_clear(&v);
	return status;
}
