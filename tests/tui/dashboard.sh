# The dashboard (d): bars of cases by level and state, by region, the
# deadlines and the scenarios declared by stage; Enter on a bar filters the list.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
printf '%s\n' "d" ":save-screen dashboard.screen" "G" ":save-screen dashboard-end.screen" "<Enter>" \
	":save-screen stage.screen" "d<Home>j<Enter>" ":save-screen level.screen" "q" >"$WORK/dashboard.script"
run "$GRADUS" --db "$DB" --script "$WORK/dashboard.script"
expect "the dashboard script runs to its end" 0
compare "d shows the dashboard: levels and regions as bars" dashboard.screen
compare "the deadlines and the scenarios declared by stage" dashboard-end.screen
supply=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE id IN (SELECT case_id FROM scenario_cases WHERE scenario BETWEEN 37 AND 40)")
head -1 stage.screen | grep -qF "Cases ($supply)  stage=supply" && ok "Enter on a stage's bar lists the cases declaring its scenarios" ||
	fail "stage bar" "$(head -1 stage.screen)" "expected $supply"
advanced=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE level = 'advanced'")
head -1 level.screen | grep -qF "Cases ($advanced)  level=advanced" && ok "Enter on a level's bar lists that level" ||
	fail "level bar" "$(head -1 level.screen)"
grep -q "Advanced  *█" dashboard.screen && grep -q "Wuhan  *█" dashboard.screen && ok "bars are drawn with block characters" ||
	fail "bars" "$(cat dashboard.screen)"
# At 80x24 each level's states are shown whole, on lines below its bar;
# the terminal grown to 120x40 after G shows bars down to its last line
# (rows above come into view, none is left blank).
printf '%s\n' "d" "G" ":resize 120 40" ":save-screen grown.screen" >"$WORK/grown.script"
run "$GRADUS" --db "$DB" --script "$WORK/grown.script"
grep -q "^      Submitted 1 · Under expert evaluation 2$" dashboard.screen && ok "the states of a level are not cut at 80x24" ||
	fail "the states of a level are not cut at 80x24" "$(cat dashboard.screen)"
[ -n "$(sed -n 39p grown.screen)" ] && ok "grown to 120x40 at the end: bars down to the last line" || fail "grown to 120x40" "$(cat grown.screen)"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/dashboard.script"
compare "the dashboard in Chinese" dashboard.screen zh-dashboard.screen
