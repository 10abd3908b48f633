# The step menu asks before a consequential step: under the steps, what the
# one under the cursor needs (✓ held, ✗ not held, in marks and text, not
# only in colour); Enter opens a form for its date (as the office writes
# dates), a note, and, when a precondition is not met, an admin's override
# reason; a clerk is refused. Keystroke scripts against the off-screen
# terminal, screens compared as text and attributes with tests/tui/expected/.
. "$(dirname "$0")/../lib.sh"
# Its scripts are in tests/tui/step/, not among tests/tui/*.script: they are
# played against this test's own cases, never the demo's (allday.sh plays
# those), which they would take steps on and revoke.
SCRIPTS=$TOP/tests/tui/step
DB=$WORK/step.db
DRAFT=HB-2026-EXC-0001
CERTIFIED=HB-2024-EXC-0001
G() { db=$1; shift; "$GRADUS" --db "$db" "$@"; }
{
	G "$DB" case add --enterprise 宜昌领航智造有限公司 --uscc 91420100MA4K12345K --region yichang \
		--level excellent --year 2026 --maturity 3.3
	G "$DB" case add --enterprise 黄石鄂东特钢有限公司 --uscc 91420200MAAMEXQP19 --region huangshi \
		--level excellent --year 2024 --certified-on 2024-03-01
	G "$DB" case material "$CERTIFIED" review_application --received 2026-11-10
	G "$DB" case material "$CERTIFIED" review_summary --received 2026-11-10
} >"$WORK/setup" 2>&1 || fail "the cases are set up" "$(cat "$WORK/setup")"
last_event() { # DB NUMBER: on|step|note|unmet|override of the last event
	G "$1" case show "$2" --format json | python3 -c 'import json,sys
e = json.load(sys.stdin)["events"][-1]
print("|".join(str(e.get(k)) for k in ("on", "step", "note", "unmet", "override")))'
}
cd "$WORK" || exit 1

cp "$DB" admin.db
run "$GRADUS" --db admin.db --script "$SCRIPTS/override.script"
expect "the override script runs to its end" 0
compare_screens <<'SCREENS'
step-unmet-menu.screen	the menu names the materials not received under the step (✗)
step-unmet-menu.attrs	not held: bold (and the due colour), readable without colour
step-override-form.screen	Enter opens the form: date today, note, the admin's override reason
step-override-missing.screen	the step is not taken without an override reason
step-override-confirm.screen	with a reason, y/n names the date typed and the unmet precondition
SCREENS
grep -qE "^   State: +Submitted$" step-override-taken.screen && grep -qE "^   Applied: +2026-11-20  by " step-override-taken.screen &&
	tail -1 step-override-taken.screen | grep -qF "Took step 'Submit application': the case is now Submitted" &&
	ok "y takes it: back on the case screen, submitted on the day typed" ||
	fail "y takes it: back on the case screen" "$(cat step-override-taken.screen)"
compare "the timeline shows the override and its reason under the step, wrapped in 80 columns" \
	step-override-timeline.screen
[ "$(last_event admin.db "$DRAFT")" = "2026-11-20|submit|纸质材料已当面核验|materials=7|材料原件在档案室，系统补录" ] &&
	ok "the event keeps the date, the note, what was not met and the reason" ||
	fail "the event keeps the date, note and override" "$(last_event admin.db "$DRAFT")"
run "$GRADUS" --db admin.db verify
expect "and the audit chain holds" 0

cp "$DB" clerk.db
G clerk.db user add spare.admin admin >/dev/null # the last admin cannot step down
G clerk.db user add "$(id -un)" clerk >/dev/null || fail "this user becomes a clerk"
run env -u NO_COLOR "$GRADUS" --db clerk.db --script "$SCRIPTS/clerk.script"
expect "the clerk's script runs to its end" 0
compare_screens <<'SCREENS'
step-clerk-form.screen	a clerk's form lists what is not met: only an admin may override
step-clerk-form.attrs	the clerk's form with colours: not held in the due colour and bold
step-clerk-refused.screen	the clerk's step is refused on the status line
step-clerk-left.screen	Esc leaves the form for the menu: nothing changed
SCREENS
expect_state "the refused step is not in the database" clerk.db "$DRAFT" draft

cp "$DB" date.db
run "$GRADUS" --db date.db --script "$SCRIPTS/date.script"
expect "the date script runs to its end" 0
compare_screens <<'SCREENS'
step-met-menu.screen	preconditions held: ✓ each, with the review's due date
step-late-form.screen	a date typed past the due date: checked again, late, an override asked for
step-early-form.screen	2026-01-15 typed: on time, no override, a warning (!) that it is unusually early
step-met-form.screen	2026/11/20 typed: on time again, no override asked for, no warning
step-met-confirm.screen	y/n names the date typed
step-met-taken.screen	the step is taken
SCREENS
[ "$(last_event date.db "$CERTIFIED")" = "2026-11-20|review_filed|复核材料齐全，按时申报|None|None" ] &&
	ok "the step is taken on the date typed (2026/11/20) with the note, no override" ||
	fail "the step on the date typed" "$(last_event date.db "$CERTIFIED")"

cp "$DB" revoke.db
run "$GRADUS" --db revoke.db --script "$SCRIPTS/revoke.script"
expect "the revocation script runs to its end" 0
compare_screens <<'SCREENS'
step-revoke-form.screen	revoke: the note is labelled Reason, the 文号 asked for
step-revoke-no-reason.screen	revoke: not taken without its reason
step-revoke-no-document.screen	revoke: not taken without its 文号
step-revoke-taken.screen	revoke: taken with both, shown on the case screen
SCREENS
[ "$(last_event revoke.db "$CERTIFIED")" = "2026-11-28|revoke|企业发生重大安全生产事故|None|None" ] &&
	G revoke.db case show "$CERTIFIED" --format json | grep -qF '"document": "鄂经信智造〔2026〕12号"' &&
	ok "the revocation keeps its reason and 文号" || fail "the revocation's reason and 文号" "$(last_event revoke.db "$CERTIFIED")"

# In Chinese: the menu, the form and the timeline's override line.
mkdir -p zh && cd zh || exit 1
cp "$DB" zh.db
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db zh.db --script "$SCRIPTS/override.script"
expect "the override script runs in a zh_CN.UTF-8 locale" 0
# (the preconditions' own words are the store's, tested with it)
has() { # NAME SCREEN TEXT
	if grep -qF -- "$3" "$WORK/zh/$2"; then ok "$1"; else fail "$1" "$(cat "$WORK/zh/$2")"; fi
}
has "the step menu in Chinese: the heading" step-unmet-menu.screen "于 2026-11-28 办理“提交申报”前须具备："
has "the step menu in Chinese: not held" step-unmet-menu.screen "  ✗ "
has "the step form in Chinese: the heading" step-override-form.screen "办理“提交申报”→ 已申报，日期 2026-11-28："
has "the step form in Chinese: the admin may override" step-override-form.screen "您是管理员，可以越过未满足的条件办理：请在下方填写理由。"
has "the step form in Chinese: the override reason's field" step-override-form.screen "越过理由"
has "the confirmation in Chinese" step-override-confirm.screen "越过 1 项未满足的条件，于 2026-11-20 办理“提交申报”？y/n"
has "the timeline's override line in Chinese, with its reason" step-override-timeline.screen "材料原件在档"
for f in step-unmet-menu step-override-form step-override-timeline; do
	expect_width "$f fits 80 columns in Chinese" "$WORK/zh/$f.screen"
done
cd "$WORK" || exit 1

# ? says what the step menu and its form do.
printf '%s\n' '?' 'G' ':save-screen step-help.screen' 'q' 'q' >help.script
run "$GRADUS" --db "$DB" --script help.script
grep -qF "Steps (s): ✓ held, ✗ not held under the step; Enter opens its form" step-help.screen &&
	grep -qF "may override what is not held with a written reason; then y takes it" step-help.screen &&
	ok "? tells how a step is taken: its preconditions, its form, the override" || fail "? on steps" "$(cat step-help.screen)"

# A milestone due after the cultivation ends: warned about, still added.
L=$WORK/leading.db
{
	LC=$(G "$L" case add --enterprise 宜昌领航智造有限公司 --uscc 91420100MA4K12345K --region yichang --level leading \
		--year 2026 --maturity 4.3)
	for m in application_form self_assessment commitment financial_statements safety_environment scenario_evidence \
		prior_certificate; do G "$L" case material "$LC" $m; done
	G "$L" case advance "$LC" submit && G "$L" case advance "$LC" recommend &&
		G "$L" case advance "$LC" name_target --doc '工信厅通装函〔2026〕88号' && G "$L" case advance "$LC" start_cultivation
} >"$WORK/setup" 2>&1 || fail "a leading case in cultivation" "$(cat "$WORK/setup")"
run "$GRADUS" --db "$L" --script "$SCRIPTS/milestone.script"
expect "the milestone script runs to its end" 0
compare "a due date after the cultivation ends: warned beside it" step-milestone-late-form.screen
compare "added, the status line says it falls after the cultivation ends" step-milestone-late-added.screen
G "$L" cultivation show HB-2026-LEA-0001 | grep -qP '^milestone\t[0-9a-f]{32}\t2029-01-10\topen\t能碳平台验收\t' &&
	ok "the milestone is written" || fail "the milestone is written" "$(G "$L" cultivation show HB-2026-LEA-0001)"
