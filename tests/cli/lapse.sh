# A leading cultivation lasts at most 2 years (六、培育期不超过 2 年); one that
# ends with no acceptance application (八、培育期结束 3 个月前…提交验收申请)
# is marked lapsed by the sweep on the day after its end, with an event of
# the system and an agenda item awaiting the office's decision: extend (a
# late acceptance application, with a reason) or terminate (with a reason).
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
# AT DAY ARGS: gradus with the system clock at DAY and DAY as today
AT() { local day=$1; shift; at_clock "$day" env GRADUS_TODAY="$day" "$GRADUS" --db "$DB" "$@"; }
state() { sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$1'"; }
lapses() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE case_id = '$1' AND kind = 'cultivation_lapsed'"; }
if ! has_clock; then
	ok "cultivation lapse by the clock # SKIP no libfaketime (apt-get install faketime)"
	exit 0
fi

# Four cultivations started 2024-07-24: each ends 2026-07-24.
add() { AT 2026-04-01 case add --enterprise "$1" --uscc "$2" --region wuhan --level leading --year 2024 \
	--cultivation-start 2024-07-24 2>/dev/null; }
U=$(uscc_of 7100 4)
C=$(add 武汉培育期满测试有限公司 "$(echo "$U" | sed -n 1p)")
F=$(add 襄阳按期申请验收有限公司 "$(echo "$U" | sed -n 2p)")
T=$(add 宜昌终止培育测试有限公司 "$(echo "$U" | sed -n 3p)")
W=$(add 荆州撤回培育测试有限公司 "$(echo "$U" | sed -n 4p)")
[ -n "$C" ] && [ -n "$F" ] && [ -n "$T" ] && [ -n "$W" ] && ok "four cultivations entered" || fail "case add" "$C $F $T $W"
NUMBER=$(sqlite3 "$DB" "SELECT number FROM cases WHERE id = '$C'")

# An acceptance application filed before the end keeps the case out of the sweep.
# (with its materials: the application needs its readiness met)
for m in construction_plan acceptance_application scenario_evidence; do AT 2026-04-01 case material "$F" $m --received 2026-04-01 >/dev/null; done
run AT 2026-04-20 case advance "$F" file_acceptance --on 2026-04-20
expect "acceptance filed on time (due 2026-04-24)" 0

run AT 2026-07-24 case show "$C"
expect_line "the cultivation ends 2026-07-24" "$(printf 'cultivation_ends_on\t2026-07-24')"
run AT 2026-07-24 sweep
expect "the sweep on the cultivation's last day" 0 "0 certifications cancelled"
printf '%s\n' "$OUT" | grep -q cultivation && fail "the sweep of 2026-07-24 names a cultivation" "$OUT" ||
	ok "and marks no cultivation lapsed"
[ "$(state "$C")" = cultivating ] && ok "on 2026-07-24 still cultivating" || fail "lapsed on its last day" "$(state "$C")"
run AT 2026-07-24 sweep --today 2026-07-25
expect "a preview of 2026-07-25 counts the three" 0 \
	"3 cultivations will have ended by 2026-07-25 with no acceptance application, if none is filed before (a preview: nothing was marked)"
[ "$(state "$C")" = cultivating ] && ok "and marks nothing" || fail "the preview wrote" "$(state "$C")"

# The day after the end: lapsed, by the system, dated that day.
run AT 2026-07-25 sweep
expect "the sweep of 2026-07-25" 0 "3 cultivations marked lapsed: ended with no acceptance application, awaiting extension or termination"
expect "and the certification line as before" 0 "0 certifications cancelled: expired with no review filed"
[ "$(state "$C")" = cultivation_lapsed ] && ok "lapsed by the sweep on 2026-07-25" || fail "not lapsed on 2026-07-25" "$(state "$C")"
[ "$(state "$F")" = acceptance_filed ] && ok "the case that filed on time is left alone" || fail "the filed case" "$(state "$F")"
[ "$(sqlite3 "$DB" "SELECT on_date || ' ' || actor || ' ' || step || ' ' || note FROM events WHERE case_id = '$C' AND kind = 'cultivation_lapsed'")" = \
	"2026-07-25 system lapse_cultivation cultivation ended 2026-07-24, lapsed on 2026-07-25 with no acceptance application filed" ] &&
	ok "the system's event is dated 2026-07-25 and names the end" ||
	fail "the lapse event" "$(sqlite3 "$DB" "SELECT on_date, actor, step, note FROM events WHERE case_id = '$C'")"
run AT 2026-07-25 case show "$C"
expect_line "case show: the state" "$(printf 'status\tcultivation_lapsed')"
expect_line "case show: due the day it lapsed" "$(printf 'next_due\t2026-07-25')"
expect "case show: the event" 0 "$(printf 'event\t2026-07-25\tlapse_cultivation\tcultivation_lapsed\tsystem')"

# The agenda: one item awaiting the decision, overdue from the next day.
run AT 2026-07-26 agenda
expect_line "the agenda: extend or terminate" \
	"$(printf '2026-07-25\t%s\tcultivation_decision\toverdue\tleading\t武汉培育期满测试有限公司' "$NUMBER")"
printf '%s\n' "$OUT" | grep "$NUMBER" | grep -qv cultivation_decision && fail "other items of the lapsed case" "$OUT" ||
	ok "and nothing else of the lapsed case"
run env LANGUAGE=zh_CN LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 TEST_CLOCK="2026-07-26 12:00:00" GRADUS_TODAY=2026-07-26 \
	"$GRADUS" --db "$DB" agenda --format ics
printf '%s' "$OUT" | tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' | grep -q "^SUMMARY:培育期满未申请验收，待决定延期或终止培育 $NUMBER" &&
	ok "the ICS file, in Chinese" || fail "ICS in Chinese" "$(printf '%s' "$OUT" | grep -A1 SUMMARY | head -6)"

# A second sweep marks nothing twice.
run AT 2026-07-26 sweep
expect "the next day's sweep" 0 "0 certifications cancelled"
printf '%s\n' "$OUT" | grep -q cultivation && fail "the second sweep names a cultivation" "$OUT" || ok "and marks nothing more"
[ "$(lapses "$C")" = 1 ] && ok "one lapse event" || fail "lapse events" "$(lapses "$C")"

# Extension: only with a reason; the sweep does not lapse it again.
run AT 2026-08-03 case advance "$C" extend_cultivation --on 2026-08-03
expect "an extension without a reason is refused" 1 "needs a reason (--note); none was given"
[ "$(state "$C")" = cultivation_lapsed ] && ok "and nothing changed" || fail "extended without reason" "$(state "$C")"
run AT 2026-08-03 case advance "$C" extend_cultivation --on 2026-08-03 --note "专家组同意延期提交验收申请"
expect "an extension with its reason" 0
[ "$(state "$C")" = cultivating ] && ok "back in cultivation" || fail "extension" "$(state "$C")"
AT 2026-09-01 sweep >/dev/null 2>&1
[ "$(state "$C")" = cultivating ] && [ "$(lapses "$C")" = 1 ] && ok "an extended cultivation is not lapsed again" ||
	fail "lapsed again" "$(state "$C") $(lapses "$C")"
run AT 2026-09-01 agenda
printf '%s\n' "$OUT" | grep -qP "^2026-04-24\t$NUMBER\tacceptance_application\toverdue" &&
	ok "the acceptance application stays overdue on the agenda" || fail "agenda after the extension" "$OUT"

# Termination: only with a reason; final, nothing more due.
run AT 2026-08-03 case advance "$T" terminate_cultivation --on 2026-08-03
expect "a termination without a reason is refused" 1 "needs a reason (--note); none was given"
run AT 2026-08-03 case advance "$T" terminate_cultivation --on 2026-08-03 --note "培育期满未提交验收申请，终止培育"
expect "a termination with its reason" 0
[ "$(state "$T")" = terminated ] && ok "terminated" || fail "termination" "$(state "$T")"
run AT 2026-08-03 agenda
printf '%s\n' "$OUT" | grep -q "宜昌终止培育" && fail "a terminated cultivation on the agenda" "$OUT" || ok "off the agenda"
run AT 2026-08-03 case advance "$T" extend_cultivation --on 2026-08-03 --note 再议
expect "a terminated case cannot be extended" 1 "cannot be taken from state"

# The enterprise may withdraw from a lapsed cultivation.
run AT 2026-08-03 case advance "$W" withdraw --on 2026-08-03 --note 企业申请退出
expect "withdraw from a lapsed cultivation" 0
[ "$(state "$W")" = withdrawn ] && ok "withdrawn" || fail "withdraw" "$(state "$W")"

# The lapse is the clock's: no person takes it, not even an admin.
run AT 2026-09-01 case advance "$C" lapse_cultivation --on 2026-09-01
expect "no one takes the lapse by hand" 1 "is for system"

run G verify
expect "verify passes" 0 "ok"
