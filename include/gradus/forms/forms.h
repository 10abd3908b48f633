/* forms/: the yardstick as data (stages, scenarios with checklists,
 * levels with workflow and date rules, regions, holidays, maturity bands),
 * loaded with inih and validated. Errors are "FILE:LINE: message" and stop
 * loading: a forms set is loaded whole or not at all. */
#ifndef GRADUS_FORMS_H
#define GRADUS_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/core/deadlines.h"
#include "gradus/core/maturity.h"
#include "gradus/core/workdays.h"
#include "gradus/text/status.h"

enum item_kind { ITEM_CHECK, ITEM_NUMBER, ITEM_MEASURE, ITEM_CHOICE, ITEM_TEXT };

struct stage {
	char *key; /* "construction" */
	int order; /* 1..8 */
	char *zh, *en;
};

struct checklist_item {
	int number;           /* 1..n within its scenario */
	char *text, *text_en; /* text_en may be NULL */
	enum item_kind kind;
	char *unit;           /* number, measure; else NULL */
	bool lower_is_better; /* measure */
	char **choices;       /* choice */
	size_t choice_count;
	double *choice_values; /* choice: each choice's value 0..1 for the score; NULL: not scored */
	bool required;
	char *evidence;       /* what to look for on site */
	bool evidence_required; /* no/partial need a note or a file */
	int weight;           /* 1..10 */
};

struct scenario {
	int id;               /* 1..forms_scenario_count() */
	const struct stage *stage;
	char *title_zh, *title_en;
	int version;
	char *text, *activities, *problems, *technologies;
	struct checklist_item *items; /* none until forms_scenario_checklist() under forms_load_lazy() */
	size_t item_count;
	char *file;           /* path it was read from */
};

struct level_state {
	char *key, *zh, *en;
	bool final;
};

struct level_step {
	char *key, *zh, *en;
	char **from;          /* state keys */
	size_t from_count;
	char *to;
	char **roles;
	size_t role_count;
	char *event;          /* may be NULL */
	unsigned requires;    /* STEP_NEEDS_*: what the step needs before it is taken */
	/* Preconditions with a word after ':' (NULL when not required):
	 * panel:PURPOSE  a signed panel of that purpose whose opinion takes this step;
	 * materials:GROUP  every material of application|acceptance|review received;
	 * on_time:WHAT  filed on or before its due date (review|acceptance). */
	char *needs_panel, *needs_materials, *needs_on_time;
	bool ministry;        /* decided_by = ministry: the ministry's decision, recorded by the
			       * office with its document's number (implies STEP_NEEDS_DOCUMENT) */
};

/* A step's `requires` words: a reason (the note), the issuing document's
 * number (文号), the public notice ended with every objection resolved, a
 * signed spot check of the case, the cultivation's readiness items met. */
enum {
	STEP_NEEDS_REASON = 1u << 0,
	STEP_NEEDS_DOCUMENT = 1u << 1,
	STEP_NEEDS_NOTICE_ENDED = 1u << 2,
	STEP_NEEDS_SPOT_CHECK = 1u << 3,
	STEP_NEEDS_READINESS = 1u << 4,
};

struct material {
	char *key, *zh;
};

/* An expert panel a level convenes ([panel.KEY]): in which states it sits
 * and the step each opinion takes (pass, fail, pass after rectification). */
struct level_panel {
	char *key, *zh, *en;
	char **from;          /* state keys */
	size_t from_count;
	char *pass, *fail;    /* step keys */
	char *rectify;        /* step key, or NULL: the panel knows no pass after rectification */
};

/* A KPI a cultivation follows by default ([kpi.KEY]): unit, which way is better. */
struct level_kpi {
	char *key, *zh, *en, *unit;
	bool lower_is_better;
};

struct level {
	char *key;            /* basic advanced excellent leading */
	int order;            /* 1..4 */
	char *zh, *en, *code; /* code: BAS ADV EXC LEA */
	int min_maturity;
	char *prior_level;    /* may be NULL */
	struct level_rules rules;
	bool panel_trimmed_mean;
	char *initial_state;
	struct level_state *states;
	size_t state_count;
	struct level_step *steps;
	size_t step_count;
	struct material *materials;
	size_t material_count;
	struct level_panel *panels;
	size_t panel_count;
	struct level_kpi *kpis;
	size_t kpi_count;
	char **acceptance_materials; /* keys of materials; none when the level has no acceptance */
	size_t acceptance_material_count;
	char **application_materials; /* keys of materials an application carries */
	size_t application_material_count;
	char **review_materials;     /* keys of materials a review application carries */
	size_t review_material_count;
};

struct region {
	char *key, *zh, *en, *code;
	char **short_names;   /* "恩施州" as an office writes it; may be none */
	size_t short_count;
};

/* One field of an import and the headers an office writes for it
 * (forms/columns.ini, section [KIND.FIELD]). */
struct column_alias {
	char *kind;           /* "cases" "experts" */
	char *field;          /* the import's own column name, e.g. "uscc" */
	char **headers;       /* "统一社会信用代码", "信用代码" … */
	size_t header_count;
};

struct forms {
	char *dir;
	struct stage *stages;         /* sorted by order */
	size_t stage_count;
	struct scenario *scenarios;   /* sorted by id: scenarios[n - 1] is scenario n */
	size_t scenario_count;
	struct level *levels;         /* sorted by order */
	size_t level_count;
	struct region *regions;       /* in file order */
	size_t region_count;
	struct column_alias *columns; /* forms/columns.ini; none when the file is absent */
	size_t column_count;
	char **skip_headers;          /* [skip] headers: a row number column such as 序号 */
	size_t skip_count;
	struct holiday_calendar calendar;
	struct maturity_band bands[5];
	char *band_zh[5], *band_en[5];  /* names of maturity levels 1..5 */
	char hash[65];                /* "" until forms_hash() computes it */
	char rules_hash[65];          /* "" until forms_rules_hash() computes it */
	struct forms_file_set *files; /* the bytes read, kept for forms_hash() */
	/* [id - 1]: the file of a scenario whose checklist is not read yet
	 * (forms_load_lazy), else NULL */
	const struct forms_file **unread_checklists;
};

/* Loads and validates every file under dir. On failure *out is NULL and
 * err->message is "FILE:LINE: message", or "FILE: message" when the problem
 * is a whole file or directory (e.g. "DIR/scenarios: scenario 17 is missing"). */
enum status forms_load(const char *dir, struct forms **out, struct error *err);
/* The same, but of each scenario only its [scenario] section: its
 * checklist ([item.N]), which the first screen does not need (the bytes of
 * scenarios/ are four fifths of the forms), is read and validated when
 * forms_scenario_checklist() first asks for it. The full-screen interface
 * starts with these; the commands, and `gradus forms check`, with all. */
enum status forms_load_lazy(const char *dir, struct forms **out, struct error *err);
void forms_free(struct forms **forms);
/* SHA-256 (hex) of every file's bytes as they were loaded, in path order
 * (a spot check records it): computed on first use, not at every start,
 * where it was a fifth of the work before the first screen. */
const char *forms_hash(const struct forms *forms);
/* The same over the files each case's deadlines follow from, levels/ and
 * holidays/ (the kept deadlines are counted anew when it changes): a
 * tenth of the bytes, hashed at every start. */
const char *forms_rules_hash(const struct forms *forms);

const struct stage *forms_stage(const struct forms *forms, const char *key);
/* Scenario id, or NULL when the forms have none of that id. */
const struct scenario *forms_scenario(const struct forms *forms, int id);
/* How many scenarios the forms hold, one file each of scenarios/: their ids
 * are 1 to this number. Nothing outside forms/ knows the number otherwise. */
size_t forms_scenario_count(const struct forms *forms);
/* Scenario id with its checklist (items), read now when forms_load_lazy()
 * left it unread: a broken item is an error "FILE:LINE: message" here, at
 * every call until the forms are loaded anew. An id not in the forms is an
 * error too. What plans a check takes its items through this. */
enum status forms_scenario_checklist(const struct forms *forms, int id, const struct scenario **out,
				     struct error *err);
bool forms_scenario_exists(const struct forms *forms, int id);
const struct level *forms_level(const struct forms *forms, const char *key);
const struct region *forms_region(const struct forms *forms, const char *key);
/* A region as an office writes it: key, GB/T 2260 code (420100), Chinese
 * name (武汉市), name without 市 (武汉), a short name of regions.ini (恩施州)
 * or English (Wuhan, any case); NULL when none matches. text is trimmed. */
const struct region *forms_region_find(const struct forms *forms, const char *text);
/* A level by key, Chinese (卓越级), English or code (any case); else NULL. */
const struct level *forms_level_find(const struct forms *forms, const char *text);
/* The field of an import (kind "cases" or "experts") a header names by
 * forms/columns.ini, or NULL; forms_column_skipped: a row number column. */
const char *forms_column_field(const struct forms *forms, const char *kind, const char *header);
bool forms_column_skipped(const struct forms *forms, const char *header);
/* text without leading and trailing ASCII blanks and U+3000 (full-width
 * space), in place; returns text. */
char *forms_trim(char *text);
const struct level_step *forms_level_step(const struct level *level, const char *key);
const struct level_state *forms_level_state(const struct level *level, const char *key);
const struct level_panel *forms_level_panel(const struct level *level, const char *key);
/* The keys of a group of materials (application, acceptance, review) in
 * *keys, and their count (0: none, or no such group). */
size_t forms_level_material_group(const struct level *level, const char *group, char *const **keys);
const struct level_kpi *forms_level_kpi(const struct level *level, const char *key);

#endif
