# All day in one process: every screen script of the suite played one after
# another, twenty times over, by one gradus (`:home` opens the case list
# again after each, as at start-up); then a write on every screen (list,
# case, expert, panel, opinion, plan, walk, cultivation, conflicts) and the
# dashboard. A clerk keeps gradus open all day: nothing may run out, so
# every one of those writes must land.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
ROUNDS=${GRADUS_ALLDAY_ROUNDS:-20}
G() { "$GRADUS" --db "$WORK/allday.db" "$@"; }
cd "$WORK" || exit 1
cp "$DB" allday.db

# One open conflict for each round's bundle-conflicts script and one more
# for the last write: the note of 21 open cases (a revoked one is read-only) changed at the office and in a
# visit's bundle.
CASES=$(G case list | awk -F '\t' 'NR > 1 && $7 != "revoked" { print $1 }' | head -21)
G bundle out --cases "$(echo $CASES | tr ' ' ,)" -o visit.db >/dev/null || fail "bundle out"
for c in $CASES; do
	"$GRADUS" --db visit.db case set "$c" note "现场备注 $c" >/dev/null || fail "note in the bundle $c"
	G case set "$c" note "办公室备注 $c" >/dev/null || fail "note in the office $c"
done
G bundle in visit.db >/dev/null || fail "bundle in"
open=$(G conflicts | grep -c 办公室备注)
[ "$open" -eq 21 ] && ok "21 conflicts to settle" || fail "21 conflicts to settle" "open: $open"

{
	i=0
	while [ "$i" -lt "$ROUNDS" ]; do
		for f in "$TOP"/tests/tui/*.script; do
			cat "$f"
			printf '\n:home\n'
		done
		i=$((i + 1))
	done
	cat "$TOP/tests/tui/allday/writes.script"
} >allday.script
GRADUS_TIMING=$WORK/day.timing run G --script allday.script --size 80x24
expect "twenty rounds of every screen script, then the writes, in one process" 0

# Memory does not grow with the rounds: the peak after twenty is within a
# few megabytes of the peak after two (on a copy of the first database).
cp "$DB" two.db
head -n "$(( $(wc -l <allday.script) * 2 / ROUNDS ))" allday.script >two.script
GRADUS_TIMING=$WORK/two.timing "$GRADUS" --db two.db --script two.script --size 80x24 >/dev/null 2>&1
day=$(awk '$1 == "peak_kb" { print $2 }' day.timing)
two=$(awk '$1 == "peak_kb" { print $2 }' two.timing)
if [ -n "$day" ] && [ -n "$two" ] && [ "$day" -le $((two + 8192)) ]; then
	ok "memory after $ROUNDS rounds (${day} kB) stays near that after two (${two} kB)"
else
	fail "memory after $ROUNDS rounds stays near that after two" "day: $day kB, two rounds: $two kB"
fi

# What a screen said when something ran out or failed.
if grep -l -E 'too many|prepared statement|预编译|busy|another user is writing|out of memory|内存不足' ./*.screen >bad 2>/dev/null; then
	fail "no screen reports a failure" "$(head -5 bad)" "$(grep -h -E 'too many|prepared statement|预编译|busy|another user is writing|out of memory|内存不足' $(cat bad) | head -5)"
else
	ok "no screen reports a failure"
fi

run G case list --search 全天测试智造有限公司
expect "the list: the case created through the intake form" 0 "全天测试智造有限公司"
run sqlite3 allday.db "SELECT count(*) FROM case_materials m JOIN cases c ON c.id = m.case_id WHERE c.number = 'HB-2026-BAS-0002'"
[ "${OUT:-0}" -ge 1 ] && ok "the case: a material received" || fail "the case: a material received" "rows: $OUT $ERR"
run G expert list
expect "the experts: the expert registered" 0 "全天专家"
code=$(printf '%s\n' "$OUT" | awk -F '\t' '$2 == "全天专家" { print $1 }')
run G panel list HB-2026-ADV-0001
panel=$(printf '%s\n' "$OUT" | awk '{ print $1 }' | grep -- '-P[0-9]' | tail -1)
run G panel show "$panel"
expect "the panel: convened with that expert, scored 86" 0 "$(printf 'member\t%s\t全天专家\t全天大学\t86.0' "$code")"
expect "the opinion: written" 0 "$(printf 'opinion\tpass\t全天同意通过评价')"
run G check show HB-2026-ADV-0004-C1
expect "the plan: the check planned" 0 "$(printf 'seed\t42')"
expect_line "the walk: its first item answered" "$(printf 'answer\t4\t1\tyes\t\t%s' "$(id -un)")"
run G cultivation show HB-2025-LEA-0001
expect "the cultivation: the milestone added" 0 "全天里程碑"
run G conflicts
open=$(printf '%s\n' "$OUT" | grep -c 办公室备注)
[ "$open" -eq 0 ] && ok "the conflicts: all 21 settled, the last by the last write" || fail "the conflicts: all 21 settled" "open: $open"
if grep -q 'Cases by level and state' allday-dashboard.screen; then ok "the dashboard opens"; else fail "the dashboard opens" "$(head -5 allday-dashboard.screen)"; fi
run G verify
expect "the database verifies after the day" 0
