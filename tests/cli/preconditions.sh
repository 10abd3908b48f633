# Preconditions as data (forms/levels `requires`): over the four levels, each
# step is taken without its precondition (refused, naming it), by a person
# of the step's role with an override (refused: only an admin overrides), by
# an admin with a written reason (taken, the reason on the case, in the log
# and the timeline), and with the precondition met (taken, no override).
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
G init >/dev/null 2>&1
# new LEVEL [case add options]: a case of the level, its number on stdout
new() {
	local level=$1
	shift
	n=$(($(sqlite3 "$DB" 'SELECT count(*) FROM cases') + 1))
	G case add --enterprise "前置条件测试$n有限公司" --uscc "$(uscc_of $((7100 + n)))" --region wuhan \
		--level "$level" --year 2026 --scenarios 1,5 "$@" 2>/dev/null >/dev/null
	sqlite3 "$DB" "SELECT number FROM cases ORDER BY created_at DESC, rowid DESC LIMIT 1"
}
APPLICATION="application_form self_assessment commitment financial_statements safety_environment scenario_evidence"
# received CASE MATERIAL...: marked received on 2026-11-01
received() {
	local c=$1 m
	shift
	for m in "$@"; do G case material "$c" "$m" --received 2026-11-01 >/dev/null || fail "material $c $m"; done
}
# step CASE STEP [options]: taken, or the test fails
step() { G case advance "$@" >/dev/null 2>&1 || fail "setup: $*" "$(G case advance "$@" 2>&1)"; }
state() { sqlite3 "$DB" "SELECT state FROM cases WHERE number = '$1'"; }
event() { sqlite3 "$DB" "SELECT coalesce(unmet, '') || '/' || coalesce(override, '') FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = '$1' AND e.step = '$2' ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1"; }
# evaluating CASE: a basic or advanced case brought under evaluation with its materials
evaluating() {
	received "$1" $APPLICATION
	step "$1" submit --on 2026-11-02 && step "$1" recommend --on 2026-11-03 && step "$1" start_evaluation --on 2026-11-04
}
G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 >/dev/null
G expert add 赵敏 --fields operations --affiliation 三峡大学 >/dev/null
G expert add 王强 --fields management --affiliation 武汉理工大学 >/dev/null
# signed_panel CASE PURPOSE OPINION DATE: a panel convened, scored and signed
signed_panel() {
	G panel plan "$1" --purpose "$2" --members E0001,E0002,E0003 --on "$4" >/dev/null 2>"$WORK/setup.err" || fail "panel plan $1" "$(cat "$WORK/setup.err")"
	local p
	p=$(sqlite3 "$DB" "SELECT p.number FROM panels p JOIN cases c ON c.id = p.case_id WHERE c.number = '$1' ORDER BY p.rowid DESC LIMIT 1")
	G panel score "$p" E0001 80 >/dev/null && G panel score "$p" E0002 84 >/dev/null &&
		G panel score "$p" E0003 86 >/dev/null && G panel opinion "$p" "$3" '专家组意见' >/dev/null || fail "panel $p"
	run G panel sign "$p"
}

# The table: LEVEL STEP, the case for refusal and override (A), the case
# that meets it (B), how A's refusal reads, the reason the override keeps.
# Each row's cases are brought to the step's state first.
REASON=经处务会研究同意先行办理

# --- submit needs the application's materials (every level) ---
for level in basic advanced excellent leading; do
	eval "SUB_A_$level=\$(new $level)"
	eval "SUB_B_$level=\$(new $level)"
done
# --- complete_spot_check needs a signed spot check (basic, advanced) ---
SC_A=$(new basic); evaluating "$SC_A"
SC_B=$(new advanced); evaluating "$SC_B"
# --- pass/fail_evaluation need a signed evaluation panel (basic, advanced) ---
EV_A=$(new basic); evaluating "$EV_A"
EV_B=$(new advanced); evaluating "$EV_B"
# --- certified needs the public notice ended (basic) ---
NO_A=$(new basic); evaluating "$NO_A"
step "$NO_A" pass_evaluation --on 2026-11-10 --override 演示前置 && step "$NO_A" start_notice --on 2026-11-23
# --- review_filed needs it on time and its materials (excellent, leading) ---
RV_A=$(new excellent --certified-on 2023-12-10)  # review due 2026-09-10: late on 2026-11-28
RV_B=$(new excellent --certified-on 2024-03-01)  # review due 2026-12-01: on time
RL_A=$(new leading --certified-on 2023-12-10)
# --- file_acceptance needs it on time and the readiness items met (leading) ---
AC_A=$(new leading --cultivation-start 2024-12-20) # due 2026-09-20: late
AC_B=$(new leading --cultivation-start 2025-03-01) # due 2026-12-01: on time
# --- pass_preliminary needs a signed preliminary panel (leading) ---
PR_A=$(new leading --cultivation-start 2025-03-01)
received "$PR_A" construction_plan acceptance_application scenario_evidence
step "$PR_A" file_acceptance --on 2026-11-05
PR_B=$(new leading --cultivation-start 2025-03-01)
received "$PR_B" construction_plan acceptance_application scenario_evidence
step "$PR_B" file_acceptance --on 2026-11-05

# 1. Without the precondition: refused, naming it; nothing written.
before=$(sqlite3 "$DB" 'SELECT count(*) FROM audit')
# refused CASE STEP TEXT [options]
refused() {
	local c=$1 s=$2 text=$3
	shift 3
	run G case advance "$c" "$s" "$@"
	expect "$(sqlite3 "$DB" "SELECT level FROM cases WHERE number = '$c'") $s without its precondition: refused" 1 "$text"
}
for level in basic advanced excellent leading; do
	eval "refused \$SUB_A_$level submit 'materials of the application not received'"
done
refused "$SC_A" complete_spot_check "no signed spot check of the case"
refused "$SC_B" complete_spot_check "no signed spot check of the case"
refused "$EV_A" pass_evaluation "no signed Expert evaluation panel whose opinion takes this step"
refused "$EV_B" fail_evaluation "no signed Expert evaluation panel whose opinion takes this step"
refused "$NO_A" certified "the public notice runs through 2026-11-27: the step may be taken from 2026-11-28" --on 2026-11-27
refused "$RV_A" review_filed "review application filed 79 days after its due date 2026-09-10"
refused "$RL_A" review_filed "review application filed 79 days after its due date 2026-09-10"
refused "$AC_A" file_acceptance "acceptance application filed 69 days after its due date 2026-09-20"
refused "$AC_B" file_acceptance "3 readiness items are not met"
refused "$PR_A" pass_preliminary "no signed Preliminary acceptance panel whose opinion takes this step"
printf '%s\n' "$ERR" | grep -q -- "--override REASON" && ok "the refusal says how an admin may take it anyway" ||
	fail "override hint" "$ERR"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM audit')" = "$before" ] && ok "refusals write nothing" || fail "a refusal wrote"

# 2. The step's own role may not override: only an admin.
# as ROLE COMMAND...: run on a copy of the database where the user has ROLE
as() {
	local role=$1
	shift
	cp "$DB" "$WORK/$role.db"
	"$GRADUS" --db "$WORK/$role.db" user add spare.admin admin >/dev/null 2>&1
	"$GRADUS" --db "$WORK/$role.db" user add "$ME" "$role" >/dev/null 2>&1
	run "$GRADUS" --db "$WORK/$role.db" "$@"
}
# not_overridden ROLE CASE STEP NAME: ROLE's override of STEP is refused.
not_overridden() {
	as "$1" case advance "$2" "$3" --override "$REASON"
	expect "$4" 1 "Only an admin may override it; $ME is"
}
not_overridden clerk "$SUB_A_basic" submit "a clerk's override of submit is refused"
not_overridden clerk "$RV_A" review_filed "a clerk's override of a late review is refused"
not_overridden secretary "$EV_A" pass_evaluation "a secretary's override of an evaluation without a panel is refused"
not_overridden inspector "$SC_A" complete_spot_check "an inspector's override of a spot check not signed is refused"
not_overridden clerk "$AC_A" file_acceptance "a clerk's override of a late acceptance application is refused"
run G case advance "$SUB_A_basic" submit --override '   '
expect "an override needs a written reason, not blanks" 1 "An admin may take it anyway with a written reason"

# 3. An admin overrides with a written reason: taken, the reason kept.
# overridden CASE STEP CODES [options]
overridden() {
	local c=$1 s=$2 codes=$3
	shift 3
	run G case advance "$c" "$s" --override "$REASON" "$@"
	expect "$s overridden by the admin with a reason" 0 "$(printf '%s\t' "$c")"
	[ "$(event "$c" "$s")" = "$codes/$REASON" ] && ok "$c $s keeps what was not met ($codes) and the reason" ||
		fail "$c $s override kept" "$(event "$c" "$s")"
}
for level in basic advanced excellent leading; do
	codes=materials=6
	[ $level = excellent ] || [ $level = leading ] && codes=materials=7
	eval "overridden \$SUB_A_$level submit $codes"
done
overridden "$SC_A" complete_spot_check spot_check
overridden "$EV_A" pass_evaluation panel=evaluation
overridden "$NO_A" certified "notice=2026-11-27" --on 2026-11-27
overridden "$RV_A" review_filed "materials=2|late.review=79"
overridden "$AC_A" file_acceptance "readiness=3|late.acceptance=69"
overridden "$PR_A" pass_preliminary panel=preliminary
printf '%s\n' "$ERR" | grep -q "taken with an override: no signed Preliminary acceptance panel; reason: $REASON" &&
	ok "advance says what was overridden and why" || fail "advance override text" "$ERR"

# ... shown on the case, in the log and in the case screen's timeline.
run G case show "$RV_A"
expect_line "case show: the late review and its reason" \
	"$(printf 'override\t2026-11-28\treview_filed\ttaken with an override: 2 materials not received; review application filed 79 days after its due date; reason: %s' "$REASON")"
run G case show "$RV_A" --format json
printf '%s\n' "$OUT" | python3 -c "import json,sys; e=json.load(sys.stdin)['events'][-1]; assert e['override']=='$REASON' and e['unmet']=='materials=2|late.review=79', e" &&
	ok "json: the event's unmet and override" || fail "json override" "$OUT"
run G log "$RV_A"
printf '%s\n' "$OUT" | grep -q "events.override.*$REASON" && ok "the log shows the override's reason" || fail "log override" "$OUT"
printf '%s\n' "$OUT" | grep -q "events.unmet.*late.review=79" && ok "the log shows what was overridden" || fail "log unmet" "$OUT"
run env LANGUAGE=zh_CN LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 "$GRADUS" --db "$DB" case show "$RV_A"
printf '%s\n' "$OUT" | grep -q "^override.*逾期.*$REASON" && ok "in Chinese too" || fail "zh override" "$OUT"
NAME=$(sqlite3 "$DB" "SELECT e.name FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.number = '$RV_A'")
printf '%s\n' "/$NAME" "<Enter><Enter>" "<Tab><Tab><Tab>" ":save-screen $WORK/case.screen" "q" >"$WORK/timeline.script"
run "$GRADUS" --db "$DB" --script "$WORK/timeline.script" --size 160x60
grep -q "taken with an override: 2 materials not received; review application filed 79 days after its due date; reason: $REASON" \
	"$WORK/case.screen" 2>/dev/null && ok "the case screen's timeline shows the override" ||
	fail "timeline override" "$(cat "$WORK/case.screen" 2>/dev/null)"

run G report case "$RV_A" --format md
printf '%s\n' "$OUT" | grep -q "review application filed 79 days after its due date; reason: $REASON" &&
	ok "the case report shows the override and its reason" || fail "case report override" "$OUT"

# 4. With the precondition met: taken, nothing overridden.
# met CASE STEP [options]
met() {
	local c=$1 s=$2
	shift 2
	run G case advance "$c" "$s" "$@"
	expect "$s with its precondition met" 0
	[ "$(event "$c" "$s")" = "/" ] && ok "$c $s: no override recorded" || fail "$c $s override" "$(event "$c" "$s")"
}
received "$SUB_B_basic" $APPLICATION; met "$SUB_B_basic" submit
received "$SUB_B_advanced" $APPLICATION; met "$SUB_B_advanced" submit
received "$SUB_B_excellent" $APPLICATION prior_certificate; met "$SUB_B_excellent" submit
received "$SUB_B_leading" $APPLICATION prior_certificate; met "$SUB_B_leading" submit
CHK=$(G check plan "$SC_B" --inspectors "$ME" --draw 1 --seed 3)
answer_required "$DB" "$CHK" && G check sign "$CHK" >/dev/null || fail "spot check signed" "$CHK"
met "$SC_B" complete_spot_check
signed_panel "$EV_B" evaluation fail 2026-11-20
expect "a signed panel takes its step: fail_evaluation" 0
[ "$(state "$EV_B")" = rejected ] && [ "$(event "$EV_B" fail_evaluation)" = "/" ] &&
	ok "the panel's step needs no override" || fail "panel step" "$(state "$EV_B") $(event "$EV_B" fail_evaluation)"
signed_panel "$PR_B" preliminary pass 2026-11-20
expect "a signed preliminary panel takes pass_preliminary" 0
[ "$(state "$PR_B")" = preliminary_accepted ] && ok "preliminary acceptance passed by the panel" || fail "preliminary" "$(state "$PR_B")"
NO_B=$(new basic); evaluating "$NO_B"
step "$NO_B" pass_evaluation --on 2026-11-10 --override 演示前置 && step "$NO_B" start_notice --on 2026-11-20
met "$NO_B" certified --on 2026-11-27
received "$RV_B" review_application review_summary
met "$RV_B" review_filed
received "$AC_B" construction_plan acceptance_application scenario_evidence
met "$AC_B" file_acceptance

# The Done-when's review: expiry 2027-07-24, due 2027-04-24; on 2027-04-24
# on time, on 2027-04-25 refused, and with an override marked late.
if has_clock; then
	AT() { local day=$1; shift; at_clock "$day" env GRADUS_TODAY="$day" "$GRADUS" --db "$DB" "$@"; }
	D1=$(new excellent --certified-on 2024-07-24)
	D2=$(new excellent --certified-on 2024-07-24)
	received "$D1" review_application review_summary
	received "$D2" review_application review_summary
	run AT 2027-04-24 case advance "$D1" review_filed
	expect "filed on 2027-04-24, its due date: on time" 0
	run AT 2027-04-25 case advance "$D2" review_filed
	expect "filed on 2027-04-25: refused without an override" 1 "review application filed 1 day after its due date 2027-04-24"
	run AT 2027-04-25 case advance "$D2" review_filed --override '材料寄送延误'
	expect "with an override: taken" 0 "taken late: review application filed 1 day after its due date; reason: 材料寄送延误"
	[ "$(event "$D2" review_filed)" = "late.review=1/材料寄送延误" ] && ok "and marked late" || fail "late mark" "$(event "$D2" review_filed)"
	# filing early is warned about, never refused, and never gains time
	E=$(new excellent --certified-on 2026-01-10)
	received "$E" review_application review_summary
	run G case advance "$E" review_filed
	expect "a review filed 14 months before expiry is taken" 0 "filed unusually early"
else
	ok "the Done-when's review dates # SKIP no libfaketime"
fi

# case advance without a step lists the steps with what each needs.
run G case advance "$AC_A"
expect "case advance CASE lists the steps" 0 "steps from there"
N=$(new basic)
run G case advance "$N"
expect_line "a precondition not met under its step" "  NOT MET 6 of 6 materials of the application not received: 申报书, 智能制造能力成熟度自评估报告, 承诺书（申报材料真实准确、不涉及国家秘密和商业秘密）, 近三年财务报表, 近三年安全生产和环保情况说明, 典型场景实施说明及佐证材料"
received "$N" $APPLICATION
run G case advance "$N"
expect_line "and held once met" "  ok      all 6 materials of the application received"
run G verify
expect "verify passes after overrides" 0

# The demo shows a new user a late review taken by the admin's override.
D=$(demo_db)
run "$GRADUS" --db "$D" case show HB-2023-EXC-0001
expect_line "demo: HB-2023-EXC-0001's review filed two weeks late, with the office's reason" \
	"$(printf 'override\t2026-05-08\treview_filed\ttaken late: review application filed 14 days after its due date; reason: 企业集团重组，复核申请材料延误两周；经处务会研究同意受理')"
