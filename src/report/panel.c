/* The printed opinion of an expert panel (专家评审意见), labelled Chinese
 * first and English beside, in whichever format the document writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "gradus/panels.h"
#include "gradus/report.h"

/* What the forms say of the panel's level, its purpose and its step (NULL
 * when the forms no longer know them). */
struct panel_forms {
	const struct forms *forms;
	const struct level *level;
	const struct level_panel *purpose;
	const struct level_step *step;
};

static const char *both(struct doc *d, const char *zh, const char *en)
{
	return doc_printf(d, "%s %s", doc_or_dash(zh), doc_or_dash(en));
}

static const char *status_label(const char *status)
{
	static const char *const labels[][2] = { { "open", "评审中 open" }, { "signed", "已签字 signed" } };

	return DOC_LABEL(labels, status);
}

static const char *opinion_label(const char *opinion)
{
	static const char *const labels[][2] = {
		{ "pass", "通过 pass" }, { "fail", "不通过 fail" }, { "rectify", "整改后通过 pass after rectification" },
	};

	return DOC_LABEL(labels, opinion);
}

static const char *finding_status_label(const char *status)
{
	static const char *const labels[][2] = { { "open", "未关闭 open" }, { "closed", "已关闭 closed" } };

	return DOC_LABEL(labels, status);
}

static void write_head(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	doc_heading(d, 1, "专家评审意见 Expert panel opinion");
	doc_fields_begin(d);
	doc_field(d, "评审组编号 Panel", v->number);
	doc_field(d, "案件编号 Case", v->case_number);
	doc_field(d, "企业 Enterprise", doc_or_dash(v->enterprise));
	doc_field(d, "级别 Level", f->level ? both(d, f->level->zh, f->level->en) : doc_or_dash(v->level));
	doc_field(d, "评审事项 Purpose", f->purpose ? both(d, f->purpose->zh, f->purpose->en) : doc_or_dash(v->purpose));
	doc_field(d, "会议日期 Meeting on", doc_or_dash(v->meeting_on));
	doc_field(d, "状态 Status", status_label(v->status));
	doc_table_end(d);
}

static const char *member_score(struct doc *d, const struct panel_member_row *m)
{
	return m->score ? doc_printf(d, "%.1f", strtod(m->score, NULL)) : "-";
}

static void write_members(struct doc *d, const struct panel_view *v)
{
	static const char *const headers[] = { "编号 Code", "姓名 Name", "单位 Affiliation", "评分 Score",
					       "组长 Chair" };
	size_t i;

	doc_heading(d, 2, "评审专家 Members");
	doc_table_begin(d, 2, 5, headers);
	for (i = 0; i < v->member_count; i++) {
		const struct panel_member_row *m = &v->members[i];
		const char *cells[] = { m->code, doc_or_dash(m->name), doc_or_dash(m->affiliation), member_score(d, m),
					m->chair ? "组长 chair" : "" };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *scenario_label(struct doc *d, const struct panel_forms *f, int id)
{
	const struct scenario *s = id ? forms_scenario(f->forms, id) : NULL;

	if (!id)
		return "0 整体 Case as a whole";
	return s ? doc_printf(d, "%d %s", id, doc_or_dash(s->title_zh)) : doc_printf(d, "%d", id);
}

static void write_member_notes(struct doc *d, const struct panel_view *v, const struct panel_member_row *m,
			       const struct panel_forms *f)
{
	static const char *const headers[] = { "场景 Scenario", "评审要点 Criterion", "意见 Note" };
	size_t i, count = 0;

	for (i = 0; i < v->note_count; i++)
		count += !strcmp(v->notes[i].code, m->code);
	if (!count)
		return;
	doc_heading(d, 3, doc_printf(d, "%s %s", m->code, doc_or_dash(m->name)));
	doc_table_begin(d, 2, 3, headers);
	for (i = 0; i < v->note_count; i++) {
		const struct panel_note_row *n = &v->notes[i];
		const char *cells[] = { scenario_label(d, f, n->scenario), doc_or_dash(n->criterion), doc_or_dash(n->note) };

		if (!strcmp(n->code, m->code))
			doc_row(d, cells);
	}
	doc_table_end(d);
}

static void write_notes(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	size_t i;

	doc_heading(d, 2, "专家意见 Members' notes");
	if (!v->note_count)
		doc_paragraph(d, "无 None.");
	for (i = 0; i < v->member_count; i++)
		write_member_notes(d, v, &v->members[i], f);
}

static void write_opinion(struct doc *d, const struct panel_view *v)
{
	static const char *const headers[] = { "序号 No.", "整改事项 Action", "整改期限 Due", "状态 Status" };
	size_t i;

	doc_heading(d, 2, "评审结论 Consensus opinion");
	doc_fields_begin(d);
	doc_field(d, "结论 Opinion", v->opinion ? opinion_label(v->opinion) : "未形成 none yet");
	doc_table_end(d);
	if (v->opinion_text && *v->opinion_text)
		doc_paragraph(d, v->opinion_text);
	doc_heading(d, 3, "整改事项 Rectification items");
	if (!v->finding_count) {
		doc_paragraph(d, "无 None.");
		return;
	}
	doc_table_begin(d, 2, 4, headers);
	for (i = 0; i < v->finding_count; i++) {
		const struct panel_finding_row *it = &v->findings[i];
		const char *cells[] = { doc_printf(d, "%d", it->item), doc_or_dash(it->action), doc_or_dash(it->due_on),
					finding_status_label(it->status) };

		doc_row(d, cells);
	}
	doc_table_end(d);
}

static const char *aggregate_text(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	if (!f->level)
		return "-";
	if (f->level->panel_trimmed_mean)
		return doc_printf(d, "去掉最高分和最低分后平均 trimmed mean of %zu scores", v->member_count);
	return doc_printf(d, "算术平均 mean of %zu scores", v->member_count);
}

static void write_score(struct doc *d, const struct panel_view *v, const struct panel_forms *f)
{
	struct doc_bar *bars = calloc(v->member_count ? v->member_count : 1, sizeof(*bars));
	size_t i;

	doc_heading(d, 2, "评分 Score");
	doc_fields_begin(d);
	doc_field(d, "评审组得分 Panel score", v->score ? doc_printf(d, "%.1f", strtod(v->score, NULL)) : "-");
	doc_field(d, "计分方法 Aggregation", aggregate_text(d, v, f));
	doc_table_end(d);
	if (!bars)
		return;
	for (i = 0; i < v->member_count; i++)
		bars[i] = (struct doc_bar){ doc_printf(d, "%s %s", v->members[i].code, doc_or_dash(v->members[i].name)),
					    v->members[i].score != NULL,
					    v->members[i].score ? strtod(v->members[i].score, NULL) : 0 };
	doc_heading(d, 3, "专家评分 Members' scores");
	doc_chart(d, "专家评分 Members' scores", bars, v->member_count);
	free(bars);
}

static void write_signature(struct doc *d, const struct panel_view *v, const struct panel_forms *f,
			    const char *audit_head)
{
	doc_heading(d, 2, "签字 Signature");
	if (!v->hash || !*v->hash)
		doc_paragraph(d, "未签字 Not signed.");
	doc_fields_begin(d);
	if (v->hash && *v->hash) {
		doc_field(d, "签字人 Signed by", doc_or_dash(v->signed_by));
		doc_field(d, "时间 Signed at", doc_or_dash(v->signed_at));
		doc_field(d, "内容哈希 Content hash", v->hash);
		doc_field(d, "案件步骤 Step taken",
			  f->step ? doc_printf(d, "%s %s (%s)", doc_or_dash(f->step->zh), doc_or_dash(f->step->en), v->step)
				  : doc_or_dash(v->step));
	}
	doc_field(d, "审计链头 Audit chain head", doc_or_dash(audit_head));
	doc_table_end(d);
}

static void write_panel(struct doc *d, const struct panel_view *v, const struct forms *forms, const char *audit_head)
{
	struct panel_forms f = { forms, forms_level(forms, v->level ? v->level : ""), NULL, NULL };

	if (f.level) {
		f.purpose = forms_level_panel(f.level, v->purpose);
		f.step = v->step ? forms_level_step(f.level, v->step) : NULL;
	}
	write_head(d, v, &f);
	write_members(d, v);
	write_notes(d, v, &f);
	write_opinion(d, v);
	write_score(d, v, &f);
	write_signature(d, v, &f, audit_head);
}

enum status report_panel(struct store *store, const struct forms *forms, const char *panel_key,
			 enum report_format format, FILE *out, struct error *err)
{
	struct panel_view v = { 0 };
	struct doc d = { 0 };
	char head[65];
	enum status status;

	if ((status = panel_load(store, panel_key, &v, err)))
		return status;
	if ((status = store_audit_head(store, head, err))) {
		panel_view_clear(&v);
		return status;
	}
	doc_begin(&d, format, out, doc_printf(&d, "专家评审意见 Expert panel opinion %s", v.number));
	write_panel(&d, &v, forms, head);
	errno = 0;
	status = doc_end(&d);
	if (status == STATUS_ERR_IO)
		error_set(err, status, "writing the report of %s: %s", v.number, errno ? strerror(errno) : "write error");
	else if (status)
		error_set(err, status, "the report of %s: %s", v.number, status_message(status));
	panel_view_clear(&v);
	return status;
}
