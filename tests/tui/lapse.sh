# A cultivation lapsed by the sweep (the demo's HB-2024-LEA-0001: started
# 2024-07-24, ended 2026-07-24, lapsed 2026-07-25) on the TUI's agenda, its
# case screen and its timeline, in Chinese: the state, the system's event and
# the decision awaited.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$SCRIPTS/lapse.script"
expect "the lapse script runs to its end" 0
grep -q "HB-2024-LEA-0001" lapse-case.screen && ok "Enter on the agenda's third row opens HB-2024-LEA-0001" ||
	fail "the case opened" "$(head -3 lapse-case.screen)"
compare "the case screen: 培育期满未申请验收, awaiting the decision" lapse-case.screen
compare "the timeline: the system's lapse on 2026-07-25" lapse-timeline.screen
