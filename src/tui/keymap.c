/* The one keymap: dispatch, the help screen and the status-line hints all
 * read this table. */
#include <string.h>

#include "gradus/i18n.h"
#include "tui_private.h"

static const struct key_binding defaults[] = {
	{ KEY_UP, 0, "↑", ACTION_UP },
	{ 0, L'k', "k", ACTION_UP },
	{ KEY_DOWN, 0, "↓", ACTION_DOWN },
	{ 0, L'j', "j", ACTION_DOWN },
	{ KEY_PPAGE, 0, "PgUp", ACTION_PAGE_UP },
	{ 0, 0x02, "^B", ACTION_PAGE_UP },
	{ KEY_NPAGE, 0, "PgDn", ACTION_PAGE_DOWN },
	{ 0, 0x06, "^F", ACTION_PAGE_DOWN },
	{ 0, L' ', "Space", ACTION_PAGE_DOWN },
	{ KEY_HOME, 0, "Home", ACTION_HOME },
	{ 0, L'g', "g", ACTION_HOME },
	{ KEY_END, 0, "End", ACTION_END },
	{ 0, L'G', "G", ACTION_END },
	{ KEY_ENTER, 0, "Enter", ACTION_OPEN },
	{ 0, L'\n', "Enter", ACTION_OPEN },
	{ 0, L'\r', "Enter", ACTION_OPEN },
	{ 0, L'q', "q", ACTION_BACK },
	{ 0, 0x1b, "Esc", ACTION_BACK },
	{ 0, L'Q', "Q", ACTION_QUIT },
	{ 0, L'?', "?", ACTION_HELP },
	{ KEY_F(1), 0, "F1", ACTION_HELP },
	{ 0, 0x0c, "^L", ACTION_REDRAW },
	{ 0, L'\t', "Tab", ACTION_TAB_NEXT },
	{ 0, L'l', "l", ACTION_TAB_NEXT },
	{ KEY_RIGHT, 0, "→", ACTION_TAB_NEXT },
	{ KEY_BTAB, 0, "S-Tab", ACTION_TAB_PREV },
	{ 0, L'h', "h", ACTION_TAB_PREV },
	{ KEY_LEFT, 0, "←", ACTION_TAB_PREV },
	{ 0, L's', "s", ACTION_STEP },
	{ 0, L'a', "a", ACTION_AGENDA },
	{ 0, L'n', "n", ACTION_NEW },
	{ 0, L'e', "e", ACTION_EDIT },
	{ 0, L'x', "x", ACTION_TOGGLE },
	{ 0, L'/', "/", ACTION_SEARCH },
	{ 0, L':', ":", ACTION_COMMAND },
	{ 0, L'd', "d", ACTION_DASHBOARD },
	{ 0, L'c', "c", ACTION_CHECKS },
	{ 0, L'p', "p", ACTION_PANELS },
	{ 0, L'X', "X", ACTION_EXPERTS },
	{ 0, L'C', "C", ACTION_CONFLICTS },
	{ 0, L'R', "R", ACTION_CASE_REPORT },
	{ 0, L'n', "n", ACTION_PLAN },
	{ 0, L'y', "y", ACTION_ANSWER_YES },
	{ 0, L'n', "n", ACTION_ANSWER_NO },
	{ 0, L'p', "p", ACTION_ANSWER_PARTIAL },
	{ 0, L'x', "x", ACTION_ANSWER_NA },
	{ 0, L'-', "-", ACTION_ANSWER_NA },
	{ 0, L'N', "N", ACTION_NOTE },
	{ 0, L'e', "e", ACTION_NOTE },
	{ 0, L'\t', "Tab", ACTION_SCENARIO_NEXT },
	{ 0, L']', "]", ACTION_SCENARIO_NEXT },
	{ KEY_BTAB, 0, "S-Tab", ACTION_SCENARIO_PREV },
	{ 0, L'[', "[", ACTION_SCENARIO_PREV },
	{ 0, L'u', "u", ACTION_NEXT_UNANSWERED },
	{ 0, L' ', "Space", ACTION_NEXT_UNANSWERED },
	{ 0, L'a', "a", ACTION_ATTACH },
	{ 0, L'E', "E", ACTION_EVIDENCE },
	{ 0, L'S', "S", ACTION_SIGN },
	{ 0, L'F', "F", ACTION_FINDING },
	{ 0, L'V', "V", ACTION_SEVERITY },
	{ 0, L'r', "r", ACTION_REPORT },
	{ 0, L'g', "g", ACTION_GUIDE },
	{ 0, L'n', "n", ACTION_NEW_EXPERT },
	{ 0, L'n', "n", ACTION_CONVENE },
	{ 0, L's', "s", ACTION_SCORE },
	{ 0, L'N', "N", ACTION_MEMBER_NOTE },
	{ 0, L'o', "o", ACTION_OPINION },
	{ 0, L'S', "S", ACTION_SIGN_OPINION },
	{ 0, L'o', "o", ACTION_KEEP_OFFICE },
	{ 0, L'b', "b", ACTION_TAKE_BUNDLE },
	{ 0, L'x', "x", ACTION_MARK_DONE },
	{ 0, L'm', "m", ACTION_NEW_MILESTONE },
	{ 0, L'i', "i", ACTION_NEW_SESSION },
	{ 0, L'f', "f", ACTION_NEW_FOLLOWUP },
	{ 0, L'r', "r", ACTION_NEW_REPORT },
	{ 0, L'v', "v", ACTION_KPI_VALUE },
	{ 0, L'P', "P", ACTION_NEW_PLAN_VERSION },
	{ 0, L'y', "y", ACTION_IMPORT_RUN },
	{ 0, L'n', "n", ACTION_IMPORT_CANCEL },
	{ 0, L'b', "b", ACTION_IMPORT_BATCHES },
	{ 0, L'u', "u", ACTION_UNDO_IMPORT },
};

static const char *const descriptions[ACTION_COUNT] = {
	[ACTION_UP] = N_("Move up"),
	[ACTION_DOWN] = N_("Move down"),
	[ACTION_PAGE_UP] = N_("Page up"),
	[ACTION_PAGE_DOWN] = N_("Page down"),
	[ACTION_HOME] = N_("First line"),
	[ACTION_END] = N_("Last line"),
	/* L10N: the key that opens the case under the cursor */
	[ACTION_OPEN] = N_("Open"),
	/* L10N: close this screen; on the first screen, quit */
	[ACTION_BACK] = N_("Back / quit"),
	[ACTION_QUIT] = N_("Quit gradus"),
	[ACTION_HELP] = N_("Help: all keys"),
	[ACTION_REDRAW] = N_("Redraw the screen"),
	/* L10N: the case screen's tabs: overview, materials, scenarios, timeline, history */
	[ACTION_TAB_NEXT] = N_("Next tab"),
	[ACTION_TAB_PREV] = N_("Previous tab"),
	/* L10N: take a workflow step (submit, recommend, certify...) on this case */
	[ACTION_STEP] = N_("Take a step"),
	[ACTION_AGENDA] = N_("Agenda"),
	[ACTION_NEW] = N_("New case"),
	[ACTION_EDIT] = N_("Edit the case"),
	/* L10N: tick or untick a material received or a scenario declared */
	[ACTION_TOGGLE] = N_("Tick / untick"),
	/* L10N: search names, credit codes, case numbers, factories and notes as you type */
	[ACTION_SEARCH] = N_("Search"),
	/* L10N: the command line: sort, filter, clear */
	[ACTION_COMMAND] = N_("Command: sort, filter, clear"),
	[ACTION_DASHBOARD] = N_("Dashboard"),
	/* L10N: on the case screen: the spot checks (现场抽查) of the case */
	[ACTION_CHECKS] = N_("Spot checks"),
	/* L10N: on the case screen: the expert panels (专家组) of the case */
	[ACTION_PANELS] = N_("Expert panels"),
	/* L10N: the registry of experts (专家库) */
	[ACTION_EXPERTS] = N_("Experts"),
	/* L10N: fields changed both at the office and in a visit bundle, for a person to settle */
	[ACTION_CONFLICTS] = N_("Conflicts"),
	/* L10N: on the case screen: write the case's report (案件报告) to a file */
	[ACTION_CASE_REPORT] = N_("Write the case's report"),
	/* L10N: on a conflict: keep the office's value, or take the bundle's */
	[ACTION_KEEP_OFFICE] = N_("Keep the office's value"),
	[ACTION_TAKE_BUNDLE] = N_("Take the bundle's value"),
	/* L10N: on the checks of a case: plan a new spot check */
	[ACTION_PLAN] = N_("Plan a check"),
	/* L10N: the keys of a spot check's walk: answers to a check item */
	[ACTION_ANSWER_YES] = N_("Yes"),
	[ACTION_ANSWER_NO] = N_("No"),
	[ACTION_ANSWER_PARTIAL] = N_("Partial"),
	[ACTION_ANSWER_NA] = N_("N/A"),
	[ACTION_NOTE] = N_("Note"),
	[ACTION_SCENARIO_NEXT] = N_("Next scenario"),
	[ACTION_SCENARIO_PREV] = N_("Previous scenario"),
	/* L10N: jump to the next required item without an answer, in any scenario */
	[ACTION_NEXT_UNANSWERED] = N_("Next unanswered"),
	[ACTION_ATTACH] = N_("Attach a file"),
	/* L10N: the files attached to an item; x exports one */
	[ACTION_EVIDENCE] = N_("Files (x exports)"),
	[ACTION_SIGN] = N_("Sign"),
	/* L10N: the open finding of an item: the corrective action asked for, its due date */
	[ACTION_FINDING] = N_("Finding: action and due date"),
	/* L10N: the open finding of an item: change its severity */
	[ACTION_SEVERITY] = N_("Finding: severity"),
	[ACTION_REPORT] = N_("Write the report"),
	/* L10N: show or hide the scenario's guide text and the evidence to look for */
	[ACTION_GUIDE] = N_("Guide"),
	/* L10N: on the experts' registry: register a new expert */
	[ACTION_NEW_EXPERT] = N_("Register an expert"),
	/* L10N: on the panels of a case: convene a new expert panel */
	[ACTION_CONVENE] = N_("Convene a panel"),
	/* L10N: the keys of an expert panel: the member under the cursor */
	[ACTION_SCORE] = N_("Score the member"),
	[ACTION_MEMBER_NOTE] = N_("Note for the member"),
	/* L10N: the panel's consensus opinion: pass, fail or pass after rectification */
	[ACTION_OPINION] = N_("Consensus opinion"),
	[ACTION_SIGN_OPINION] = N_("Sign the opinion"),
	/* L10N: the keys of a leading case's Cultivation tab (培育): the milestone or follow-up under the cursor done
	   (or open again) on a date */
	[ACTION_MARK_DONE] = N_("Mark done"),
	[ACTION_NEW_MILESTONE] = N_("New milestone"),
	/* L10N: a guidance session of the expert committee (专家委指导会) */
	[ACTION_NEW_SESSION] = N_("New guidance session"),
	/* L10N: a follow-up action (跟进事项) of the guidance session under the cursor, or of the latest */
	[ACTION_NEW_FOLLOWUP] = N_("New follow-up"),
	[ACTION_NEW_REPORT] = N_("New progress report"),
	/* L10N: a KPI's value (指标值) for a period such as 2026-Q3 */
	[ACTION_KPI_VALUE] = N_("KPI value"),
	/* L10N: a new version of the construction plan (建设方案) */
	[ACTION_NEW_PLAN_VERSION] = N_("New plan version"),
	/* L10N: the keys of the import screen (:import): write the rows previewed, or nothing */
	[ACTION_IMPORT_RUN] = N_("Import"),
	[ACTION_IMPORT_CANCEL] = N_("Cancel"),
	/* L10N: the imports so far (导入批次), each of which can be undone */
	[ACTION_IMPORT_BATCHES] = N_("Import batches"),
	/* L10N: on the import batches: undo the one under the cursor */
	[ACTION_UNDO_IMPORT] = N_("Undo the import"),
};

static const enum keymap_scope scopes[ACTION_COUNT] = {
	[ACTION_PLAN] = KEYMAP_CHECKS,
	[ACTION_ANSWER_YES] = KEYMAP_WALK, [ACTION_ANSWER_NO] = KEYMAP_WALK, [ACTION_ANSWER_PARTIAL] = KEYMAP_WALK,
	[ACTION_ANSWER_NA] = KEYMAP_WALK, [ACTION_NOTE] = KEYMAP_WALK, [ACTION_SCENARIO_NEXT] = KEYMAP_WALK,
	[ACTION_SCENARIO_PREV] = KEYMAP_WALK, [ACTION_NEXT_UNANSWERED] = KEYMAP_WALK, [ACTION_ATTACH] = KEYMAP_WALK,
	[ACTION_EVIDENCE] = KEYMAP_WALK, [ACTION_SIGN] = KEYMAP_WALK, [ACTION_REPORT] = KEYMAP_WALK,
	[ACTION_FINDING] = KEYMAP_WALK, [ACTION_SEVERITY] = KEYMAP_WALK,
	[ACTION_GUIDE] = KEYMAP_WALK,
	[ACTION_NEW_EXPERT] = KEYMAP_EXPERTS, [ACTION_CONVENE] = KEYMAP_PANELS,
	[ACTION_SCORE] = KEYMAP_PANEL, [ACTION_MEMBER_NOTE] = KEYMAP_PANEL, [ACTION_OPINION] = KEYMAP_PANEL,
	[ACTION_SIGN_OPINION] = KEYMAP_PANEL,
	[ACTION_KEEP_OFFICE] = KEYMAP_CONFLICTS, [ACTION_TAKE_BUNDLE] = KEYMAP_CONFLICTS,
	[ACTION_MARK_DONE] = KEYMAP_CULTIVATION, [ACTION_NEW_MILESTONE] = KEYMAP_CULTIVATION,
	[ACTION_NEW_SESSION] = KEYMAP_CULTIVATION, [ACTION_NEW_FOLLOWUP] = KEYMAP_CULTIVATION,
	[ACTION_NEW_REPORT] = KEYMAP_CULTIVATION, [ACTION_KPI_VALUE] = KEYMAP_CULTIVATION,
	[ACTION_NEW_PLAN_VERSION] = KEYMAP_CULTIVATION,
	[ACTION_IMPORT_RUN] = KEYMAP_IMPORT, [ACTION_IMPORT_CANCEL] = KEYMAP_IMPORT,
	[ACTION_IMPORT_BATCHES] = KEYMAP_IMPORT, [ACTION_UNDO_IMPORT] = KEYMAP_IMPORT,
};

/* The bindings in use: the defaults, changed by the [keys] of the config. */
#define MAX_BINDINGS 200
static struct key_binding bindings[MAX_BINDINGS];
static size_t binding_count;

static const char *const action_names[ACTION_COUNT] = {
	[ACTION_UP] = "up", [ACTION_DOWN] = "down", [ACTION_PAGE_UP] = "page_up", [ACTION_PAGE_DOWN] = "page_down",
	[ACTION_HOME] = "home", [ACTION_END] = "end", [ACTION_OPEN] = "open", [ACTION_BACK] = "back",
	[ACTION_QUIT] = "quit", [ACTION_HELP] = "help", [ACTION_REDRAW] = "redraw", [ACTION_TAB_NEXT] = "next_tab",
	[ACTION_TAB_PREV] = "previous_tab", [ACTION_STEP] = "step", [ACTION_AGENDA] = "agenda", [ACTION_NEW] = "new",
	[ACTION_EDIT] = "edit", [ACTION_TOGGLE] = "toggle", [ACTION_SEARCH] = "search", [ACTION_COMMAND] = "command",
	[ACTION_DASHBOARD] = "dashboard", [ACTION_CHECKS] = "checks", [ACTION_PLAN] = "plan_check",
	[ACTION_ANSWER_YES] = "answer_yes", [ACTION_ANSWER_NO] = "answer_no", [ACTION_ANSWER_PARTIAL] = "answer_partial",
	[ACTION_ANSWER_NA] = "answer_na", [ACTION_NOTE] = "note", [ACTION_SCENARIO_NEXT] = "next_scenario",
	[ACTION_SCENARIO_PREV] = "previous_scenario", [ACTION_NEXT_UNANSWERED] = "next_unanswered",
	[ACTION_ATTACH] = "attach", [ACTION_EVIDENCE] = "evidence", [ACTION_SIGN] = "sign", [ACTION_REPORT] = "report",
	[ACTION_FINDING] = "finding", [ACTION_SEVERITY] = "severity",
	[ACTION_GUIDE] = "guide", [ACTION_PANELS] = "panels", [ACTION_EXPERTS] = "experts",
	[ACTION_NEW_EXPERT] = "new_expert", [ACTION_CONVENE] = "convene", [ACTION_SCORE] = "score",
	[ACTION_MEMBER_NOTE] = "member_note", [ACTION_OPINION] = "opinion", [ACTION_SIGN_OPINION] = "sign_opinion",
	[ACTION_CONFLICTS] = "conflicts", [ACTION_CASE_REPORT] = "case_report",
	[ACTION_KEEP_OFFICE] = "keep_office", [ACTION_TAKE_BUNDLE] = "take_bundle",
	[ACTION_MARK_DONE] = "mark_done", [ACTION_NEW_MILESTONE] = "new_milestone", [ACTION_NEW_SESSION] = "new_session",
	[ACTION_NEW_FOLLOWUP] = "new_followup", [ACTION_NEW_REPORT] = "new_report", [ACTION_KPI_VALUE] = "kpi_value",
	[ACTION_NEW_PLAN_VERSION] = "new_plan_version", [ACTION_IMPORT_RUN] = "import",
	[ACTION_IMPORT_CANCEL] = "import_cancel", [ACTION_IMPORT_BATCHES] = "import_batches",
	[ACTION_UNDO_IMPORT] = "undo_import",
};

static void ensure(void)
{
	if (binding_count)
		return;
	binding_count = sizeof(defaults) / sizeof(defaults[0]);
	memcpy(bindings, defaults, sizeof(defaults));
}

const char *keymap_action_name(enum action action)
{
	return action > ACTION_NONE && action < ACTION_COUNT && action_names[action] ? action_names[action] : "";
}

bool keymap_action_named(const char *name, enum action *out)
{
	int i;

	for (i = ACTION_NONE + 1; i < ACTION_COUNT; i++)
		if (action_names[i] && !strcmp(action_names[i], name)) {
			*out = (enum action)i;
			return true;
		}
	return false;
}

bool keymap_bind(enum action action, const struct key_binding *keys, size_t count)
{
	size_t i, j, kept = 0;

	ensure();
	for (i = 0; i < binding_count; i++) {
		bool taken = bindings[i].action == action;

		/* A key leaves another action of the same scope only. */
		for (j = 0; j < count && !taken; j++)
			taken = bindings[i].code == keys[j].code && bindings[i].ch == keys[j].ch &&
				scopes[bindings[i].action] == scopes[action];
		if (!taken)
			bindings[kept++] = bindings[i];
	}
	if (kept + count > MAX_BINDINGS)
		return false;
	for (j = 0; j < count; j++) {
		bindings[kept] = keys[j];
		bindings[kept++].action = action;
	}
	binding_count = kept;
	return true;
}

void keymap_reset(void)
{
	binding_count = 0;
	ensure();
}

enum keymap_scope keymap_action_scope(enum action action)
{
	return action > ACTION_NONE && action < ACTION_COUNT ? scopes[action] : KEYMAP_GLOBAL;
}

static enum action lookup(enum keymap_scope scope, int code, wint_t ch)
{
	size_t i;

	ensure();
	for (i = 0; i < binding_count; i++) {
		if (scopes[bindings[i].action] != scope)
			continue;
		if (code && bindings[i].code == code)
			return bindings[i].action;
		if (!code && !bindings[i].code && bindings[i].ch == ch)
			return bindings[i].action;
	}
	return ACTION_NONE;
}

enum action keymap_action(int code, wint_t ch)
{
	return lookup(KEYMAP_GLOBAL, code, ch);
}

enum action keymap_action_in(enum keymap_scope scope, int code, wint_t ch)
{
	enum action action = scope == KEYMAP_GLOBAL ? ACTION_NONE : lookup(scope, code, ch);

	return action != ACTION_NONE ? action : lookup(KEYMAP_GLOBAL, code, ch);
}

const struct key_binding *keymap_bindings(size_t *count)
{
	ensure();
	*count = binding_count;
	return bindings;
}

const char *keymap_describe(enum action action)
{
	if (action <= ACTION_NONE || action >= ACTION_COUNT || !descriptions[action])
		return "";
	return _(descriptions[action]);
}

const char *keymap_label(enum action action)
{
	size_t i;

	ensure();
	for (i = 0; i < binding_count; i++)
		if (bindings[i].action == action)
			return bindings[i].label;
	return "";
}
