# Dates in the forms. The panel's opinion form (o): a rectification item typed
# without a date is due 30 days from today, the default of the command line
# (never 0000-00-00, "overdue 740352 days"); a first word meant as a date
# that is not a day of the calendar is refused, naming the item and
# YYYY-MM-DD, and nothing is written.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2025-ADV-0002
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
cd "$WORK" || exit 1
G expert add 张伟 --fields rnd --affiliation 华中科技大学 >/dev/null
G expert add 赵敏 --fields operations --affiliation 三峡大学 >/dev/null
G panel plan "$CASE" --purpose evaluation --members E0001,E0002 --chair E0001 --on 2026-11-20 >/dev/null

before=$(audit_rows)
run G --script "$SCRIPTS/panel-dates-refused.script" --size 80x24
expect "the refused opinions' script runs to its end" 0
compare "0000-00-00 on an item's line is refused, naming the item" panel-dates-zero.screen
compare "so is 2026-02-30" panel-dates-feb30.screen
[ "$(audit_rows)" = "$before" ] && ok "the refused opinions wrote nothing" || fail "refused opinions wrote" "$before -> $(audit_rows)"

run G --script "$SCRIPTS/panel-dates.script" --size 80x24
expect "the opinion script runs to its end" 0
compare "the undated item is due today + 30 days" panel-dates-written.screen
dues=$(sqlite3 "$DB" "SELECT group_concat(f.item || ' ' || f.due_on, ', ') FROM findings f JOIN panels p
	ON p.id = f.panel_id WHERE p.number = '$CASE-P1' ORDER BY f.item")
[ "$dues" = "1 2026-12-28, 2 2027-03-01" ] && ok "stored: 2026-12-28 (today + 30) and the date typed" || fail "stored dues" "$dues"
run G agenda --within 60
expect_line "the agenda: due, not overdue" \
	"$(printf '2026-12-28\t%s-P1\tfinding\tdue\tadvanced\t宜昌船舶重工装备有限公司\t#1 major: 补充能耗数据' "$CASE")"

# The spot-check plan form (c, n on HB-2024-EXC-0001, the 7th case): a date
# that is not a day is refused, naming the field, and nothing is planned.
before=$(audit_rows)
for bad in 2026-02-30 0000-00-00; do
	printf '%s\n' 'jjjjjj<Enter>' c n "<Enter><C-u>$bad<Enter><Enter>x<Enter>" \
		'<Down><Down><Down><Enter>' ":save-screen plan-$bad.screen" >"$WORK/plan.script"
	run G --script "$WORK/plan.script" --size 80x24
	tail -1 "$WORK/plan-$bad.screen" | grep -q "^Date: $bad: .*; expected YYYY-MM-DD$" &&
		ok "the plan form refuses $bad, naming the field" || fail "plan form $bad" "$(tail -1 "$WORK/plan-$bad.screen")"
done
[ "$(audit_rows)" = "$before" ] && ok "and plans nothing" || fail "plan form wrote" "$before -> $(audit_rows)"

# The walk's finding (F): a due date that is not a day is refused, naming
# it, and the finding keeps the due date it had.
C=$(G check plan HB-2024-EXC-0001 --inspectors "$(id -un)" --draw 2 --seed 42)
printf '%s\n' 'jjjjjj<Enter>' c '<Enter>' jj n k F '<Enter>' '<C-u>2026-02-30<Enter>' ':save-screen walk-due.screen' q q q \
	>"$WORK/walk.script"
run G --script "$WORK/walk.script" --size 80x24
tail -1 "$WORK/walk-due.screen" | grep -q "due date: 2026-02-30: February 2026 has 28 days; expected YYYY-MM-DD" &&
	ok "the walk's F refuses 2026-02-30 as a finding's due date" || fail "walk due" "$(tail -1 "$WORK/walk-due.screen")"
run G check show "$C"
printf '%s\n' "$OUT" | grep -qP "^finding\t[0-9a-f]{32}\t17\t3\tmajor\topen\t2026-12-28\t" &&
	ok "and the finding keeps its due date" || fail "finding due" "$(printf '%s\n' "$OUT" | grep finding)"
