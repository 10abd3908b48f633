# The cultivation tab of a leading factory (HB-2025-LEA-0001 in the demo,
# mid-cultivation) at 80x24 with a fixed today: the Gantt-like chart of the
# 2 years, the KPIs as bar charts against baseline and target, the plan,
# follow-ups, the latest report and what is not yet met; in English and in
# a zh_CN.UTF-8 locale. A case without a cultivation has no such tab.
. "$(dirname "$0")/../lib.sh"
SCRIPTS=$TOP/tests/tui
DB=$(demo_db)

cd "$WORK" || exit 1
run "$GRADUS" --db "$DB" --today 2026-11-28 --script "$SCRIPTS/cultivation.script" --size 80x24
expect "the cultivation script runs to its end" 0
compare "the chart: months, milestones done/open/overdue, sessions, today and the acceptance due" cultivation-gantt.screen
compare "the KPIs as bars of their periods, the target marked, met or not" cultivation-kpis.screen
compare "the plan's latest version, open follow-ups, the latest report, what is not met" cultivation-kpis-2.screen
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
