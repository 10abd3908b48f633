# The cultivation tab of a leading factory (HB-2025-LEA-0001 in the demo,
# mid-cultivation) at 80x24 with a fixed today: the Gantt-like chart of the
# 2 years, the KPIs as bar charts against baseline and target, the plan,
# the guidance sessions with their follow-ups, the progress reports and what
# is not yet met; in English and in a zh_CN.UTF-8 locale. A case without a
# cultivation has no such tab. Then every kind of record written from the
# tab, dates that do not parse, and a role the store refuses.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)

cd "$WORK" || exit 1
run "$GRADUS" --db "$DB" --today 2026-11-28 --script "$SCRIPTS/cultivation.script" --size 80x24
expect "the cultivation script runs to its end" 0
compare "the chart: months, milestones done/open/overdue, sessions, today and the acceptance due" cultivation-gantt.screen
compare "the KPIs as bars of their periods, the target marked, met or not" cultivation-kpis.screen
compare "the plan's latest version, the sessions with their follow-ups, the cursor on the first record on the page" cultivation-kpis-2.screen
compare "the end of the readiness list" cultivation-end.screen
grep -q '\[Cultivation\]' cultivation-gantt.screen && ok "the tab is named" || fail "the tab is named"

# An advanced case: S-Tab from the overview goes round to History, not to a cultivation.
printf '%s\n' 'jjjjjjjjjj<Enter>' '<BTab>' ':save-screen advanced.screen' >advanced.script
run "$GRADUS" --db "$DB" --script advanced.script --size 80x24
grep -q '\[History\]' advanced.screen && ! grep -q 'Cultivation' advanced.screen &&
	ok "a case without a cultivation has no cultivation tab" || fail "no cultivation tab" "$(head -3 advanced.screen)"

mkdir -p zh && cd zh || exit 1
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --today 2026-11-28 --script "$SCRIPTS/cultivation.script" --size 80x24
expect "the cultivation script runs in a zh_CN.UTF-8 locale" 0
compare "the chart in Chinese, labels cut by display cells" zh/cultivation-gantt.screen cultivation-zh-gantt.screen
compare "the KPIs in Chinese" zh/cultivation-kpis.screen cultivation-zh-kpis.screen
for f in cultivation-gantt cultivation-kpis; do
	bad=$(awk 'length($0) > 0' "$f.screen" | while IFS= read -r line; do
		w=$(printf '%s' "$line" | python3 -c 'import sys,unicodedata as u; print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read()))')
		[ "$w" -gt 80 ] && echo "$line"; done)
	[ -z "$bad" ] && ok "$f in Chinese fits 80 cells" || fail "$f in Chinese fits 80 cells" "$bad"
done

# Writing from the tab (each record by one store call, audited): a
# milestone done today and another open again, a new milestone, a guidance
# session with a follow-up under it, a follow-up done on a date typed, a
# progress report, a KPI value, a plan version; then the mouse. The
# command line shows each record landed.
cd "$WORK" || exit 1
audit() { sqlite3 "$1" 'SELECT count(*) FROM audit'; }
cp "$DB" write.db
run "$GRADUS" --db write.db --today 2026-11-28 --script "$SCRIPTS/cultivation-write.script" --size 80x24
expect "the writing script runs to its end" 0
compare "x on an overdue milestone asks for the date, today's at first" cultivation-write-done-prompt.screen
compare "Enter writes it: the chart marks it done, the cursor stays" cultivation-write-done.screen
compare "a done milestone's date emptied: open again, overdue" cultivation-write-reopened.screen
compare "m: the new milestone's form filled" cultivation-write-milestone-form.screen
compare "the new milestone in the chart by its due date, under the cursor" cultivation-write-milestone.screen
compare "f: the follow-up's form under the session just added" cultivation-write-followup-form.screen
compare "the session with its advice on two lines, the follow-up under it" cultivation-write-followup.screen
compare "June's open follow-up done on a date typed" cultivation-write-followup-done.screen
compare "r: the fourth quarter's report listed after the third's" cultivation-write-report.screen
compare "v: the energy KPI found in the picker, today's quarter, the value" cultivation-write-value-form.screen
compare "the KPI's new period as a bar, under the cursor" cultivation-write-value.screen
compare "P: the plan's third version" cultivation-write-plan.screen
compare "a click selects a milestone, a second click asks its date" cultivation-write-click.screen
run "$GRADUS" --db write.db cultivation show HB-2025-LEA-0001
has() { # NAME PERL_REGEX: a line of the last run's output
	if printf '%s\n' "$OUT" | grep -qP -- "$2"; then ok "$1"; else fail "$1" "no line: $2"; fi
}
has "the overdue milestone done today" '^milestone\t[0-9a-f]{32}\t2026-09-30\t2026-11-28\t磷化工工艺数字孪生上线\t'
has "the milestone open again" '^milestone\t[0-9a-f]{32}\t2026-03-31\topen\t5G全连接工厂网络部署\t'
has "the new milestone with its due date and owner" '^milestone\t[0-9a-f]{32}\t2027-02-28\topen\t能碳平台验收\t信息中心$'
has "the new session: today, the experts, the advice's two lines" '^session\t[0-9a-f]{32}\t2026-11-28\t陈立新、周敏\t平台验收前完成第三方测评；\\n补充AI质检的误判率统计。$'
printf '%s\n' "$OUT" | grep -A1 -P '^session\t[0-9a-f]{32}\t2026-11-28\t' | grep -qP '^followup\t[0-9a-f]{32}\t2027-01-15\topen\t提交第三方测评报告\t信息中心$' &&
	ok "the follow-up under the new session" || fail "the follow-up under the new session" "$OUT"
has "June's follow-up done on the date typed" '^followup\t[0-9a-f]{32}\t2026-12-31\t2026-11-20\t提交AI质检推广计划\t'
has "the progress report received today" '^report\t2026-Q4\t2026-11-28\t四季度完成安全预警平台联调。$'
has "the energy KPI's value for 2026-Q4" '^kpi\tenergy\t.*\t2026-Q3=0.49\t2026-Q4=0.47$'
has "the plan's third version by this user, its title kept" "^plan\t3\t三峡磷化工领航级智能工厂建设方案（修订）\t按2026-11-28指导意见增加第三方测评\t$(id -un)$"
run "$GRADUS" --db write.db verify
expect "the audit chain holds after the writes" 0 "ok"

# Dates that do not parse and a value that is not a number: said beside
# the field, and nothing written.
cp "$DB" bad.db
before=$(audit bad.db)
run "$GRADUS" --db bad.db --today 2026-11-28 --script "$SCRIPTS/cultivation-bad-date.script" --size 80x24
expect "the bad-date script runs to its end" 0
compare "30 February refused beside the done prompt" cultivation-bad-date-done.screen
compare "month 13 under the due date when the field is left" cultivation-bad-date-field.screen
compare "and on the status line when the form is written" cultivation-bad-date-form.screen
grep -q "^> Due date *$" cultivation-bad-date-restored.screen && ! grep -qF "2027-13-01" cultivation-bad-date-restored.screen &&
	ok "the first Esc puts the refused due date back as it was" ||
	fail "the first Esc puts the refused due date back" "$(cat cultivation-bad-date-restored.screen)"
tail -1 cultivation-bad-date-ask.screen | grep -qF "Leave without saving? y/n" && grep -qF "能碳平台验收" cultivation-bad-date-ask.screen &&
	ok "the next Esc asks before the typed title is dropped" || fail "Esc asks" "$(cat cultivation-bad-date-ask.screen)"
compare "y leaves the form: not saved" cultivation-bad-date-left.screen
compare "a KPI value that is not a number" cultivation-bad-value.screen
[ "$(audit bad.db)" = "$before" ] && ok "nothing was written" || fail "nothing was written" "audit rows $before -> $(audit bad.db)"
run "$GRADUS" --db bad.db cultivation show HB-2025-LEA-0001
has "the milestone is still open" '^milestone\t[0-9a-f]{32}\t2026-09-30\topen\t磷化工工艺数字孪生上线\t'

# A role that may not record a cultivation (an admin may give itself
# another role): the store's refusal on the status line, nothing written;
# at 120x40.
cp "$DB" inspector.db
"$GRADUS" --db inspector.db user add spare.admin admin >/dev/null # the last admin cannot step down
"$GRADUS" --db inspector.db user add "$(id -un)" inspector >/dev/null || fail "this user becomes an inspector"
before=$(audit inspector.db)
run "$GRADUS" --db inspector.db --today 2026-11-28 --script "$SCRIPTS/cultivation-refused.script" --size 120x40
expect "the refused script runs to its end" 0
compare "the tab at 120x40" cultivation-120x40.screen
compare "an inspector's done date refused by the store" cultivation-refused-done.screen
compare "an inspector's guidance session refused, the form kept" cultivation-refused-session.screen
[ "$(audit inspector.db)" = "$before" ] && ok "the refusals wrote nothing" ||
	fail "the refusals wrote nothing" "audit rows $before -> $(audit inspector.db)"
