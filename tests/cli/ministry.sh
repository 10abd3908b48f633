# Whose decision it is (谁认定、谁管理): the steps the ministry takes for
# excellent and leading factories (certification, review outcome, acceptance
# review, spot check, list) are recorded by the provincial office that
# receives the decision (a clerk or an admin, not a secretary), always with
# the decision document's number (文号, --doc) and date (--on), and read as
# the ministry's decision in case show and the reports. Leading: acceptance
# review, then the ministry's spot check of the factories it picks, then the
# notice. The province's own panels stay for what it decides; a review knows
# no pass after rectification.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
MDOC='工信厅通装函〔2026〕12号'
json() { # ID KEY: one value of case show --format json
	G case show "$1" --format json | python3 -c "import json,sys; v=json.load(sys.stdin).get('$2'); print('' if v is None else v)"
}
new_case() { # N LEVEL [OPTIONS]: the number of a new case of enterprise N
	local n=$1 level=$2; shift 2
	G case add --enterprise "部委决定测试${n}有限公司" --uscc "$(uscc_of "$n")" --region wuhan --level "$level" \
		--year 2024 "$@" 2>/dev/null | xargs -I{} "$GRADUS" --db "$DB" case show {} --format json |
		python3 -c "import json,sys; print(json.load(sys.stdin)['number'])"
}
bad=
walk() { # CASE STEP:DATE[:doc]...: steps taken as they stand
	local c=$1 s; shift
	for s in "$@"; do
		set -- "${s%%:*}" --on "$(echo "$s" | cut -d: -f2)"
		case $s in *:doc) set -- "$@" --doc "$MDOC" ;; esac
		# each step on its day: the sweep would lapse a cultivation recorded after the fact
		at_clock "$3" G case advance "$c" "$@" --override "测试：前置条件由其他测试覆盖" >/dev/null 2>"$WORK/err" ||
			bad="$bad $c $1: $(cat "$WORK/err")"
	done
}

# The cases, walked by the admin up to each decision of the ministry.
E1=$(new_case 1 excellent --scenarios 1,5); walk "$E1" submit:2026-03-01 recommend:2026-03-10 report_to_ministry:2026-03-20
E2=$(new_case 2 excellent); walk "$E2" submit:2026-03-01 recommend:2026-03-10 report_to_ministry:2026-03-20
E3=$(new_case 3 excellent --certified-on 2024-07-24); walk "$E3" review_filed:2027-03-01
E4=$(new_case 4 excellent --certified-on 2024-07-24); walk "$E4" review_filed:2027-03-01
L1=$(new_case 5 leading --maturity 4.2); walk "$L1" submit:2024-03-01 recommend:2024-03-20
k=10
for v in L2 L3 L4 L5; do
	k=$((k + 1))
	c=$(new_case $k leading --maturity 4.2)
	walk "$c" submit:2024-03-01 recommend:2024-03-20 name_target:2024-05-01:doc start_cultivation:2024-06-01 \
		file_acceptance:2026-02-20 pass_preliminary:2026-03-16 request_acceptance_review:2026-03-20
	eval "$v=$c"
done
L6=$(new_case 7 leading --certified-on 2024-07-24); walk "$L6" review_filed:2027-03-01
G user add insp1 inspector >/dev/null
CHECK=$(G check plan "$E1" --inspectors insp1 2>/dev/null)
[ -z "$bad" ] && [ -n "$CHECK" ] && ok "the cases stand at the ministry's decisions" || fail "setup" "$bad"

# A secretary (or an inspector) does not record the ministry's decisions.
cp "$DB" "$WORK/secretary.db"
S() { "$GRADUS" --db "$WORK/secretary.db" "$@"; }
S user add spare.admin admin >/dev/null && S user add "$ME" secretary >/dev/null
for s in "$E1 certified" "$E2 reject" "$E3 review_passed" "$E4 review_failed" "$L1 name_target" \
	"$L2 pass_acceptance" "$L3 fail_acceptance" "$L6 review_passed"; do
	# shellcheck disable=SC2086
	run S case advance $s --on 2026-11-20 --doc "$MDOC"
	expect "a secretary may not record the ministry's decision: ${s#* }" 1 "is for clerk, admin; $ME is secretary"
done

# The office's clerk records them, each with its 文号 and date.
G user add spare.admin admin >/dev/null && G user add "$ME" clerk >/dev/null
for s in "$E1 certified" "$E2 reject" "$E3 review_passed" "$E4 review_failed" "$L1 name_target" \
	"$L2 pass_acceptance" "$L3 fail_acceptance" "$L6 review_passed"; do
	# shellcheck disable=SC2086
	run G case advance $s --on 2026-11-20
	expect "without its 文号 the ministry's decision is refused: ${s#* }" 1 "needs the issuing document's number, 文号 (--doc)"
	# shellcheck disable=SC2086
	run G case advance $s --on 2026-11-20 --doc "$MDOC"
	expect "a clerk records the ministry's decision with --doc and --on: ${s#* }" 0
done
[ "$(json "$E1" status)/$(json "$E1" certified_on)/$(json "$E1" expires_on)" = certified/2026-11-20/2029-11-20 ] &&
	ok "the decision's date is the certification's" || fail "certified" "$(json "$E1" status) $(json "$E1" expires_on)"
[ "$(json "$E2" status) $(json "$E3" status) $(json "$E4" status) $(json "$L1" status) $(json "$L3" status)" = \
	"rejected certified cancelled cultivation_target rejected" ] && ok "each decision leads where the document says" ||
	fail "states" "$(json "$E2" status) $(json "$E3" status) $(json "$E4" status) $(json "$L1" status) $(json "$L3" status)"
[ "$(json "$E3" expires_on)" = 2030-07-24 ] && ok "a passed review extends from the old expiry" || fail "review" "$(json "$E3" expires_on)"

# It reads as the ministry's decision: case show, JSON, in Chinese, reports.
run G case show "$E1"
expect_line "case show: the event is the ministry's decision, its 文号 and date, who recorded it" \
	"$(printf 'event\t2026-11-20\tcertified\tcertified\t%s\t\t%s\tMinistry decision (No. %s, 2026-11-20), recorded by %s' \
	"$ME" "$MDOC" "$MDOC" "$ME")"
G case show "$E1" --format json | python3 -c "
import json,sys; e=json.load(sys.stdin)['events'][-1]
assert e['decided_by']=='ministry' and e['document']=='$MDOC' and e['on']=='2026-11-20', e
assert e['decision']=='Ministry decision (No. $MDOC, 2026-11-20), recorded by $ME', e" &&
	ok "json: decided_by ministry, with the decision" || fail "json: decided_by ministry"
G case show "$E1" --format json | python3 -c "
import json,sys; assert all('decided_by' not in e for e in json.load(sys.stdin)['events'][:-1])" &&
	ok "json: the province's own steps are not the ministry's" || fail "json: province's steps"
LC_ALL=zh_CN.UTF-8 run G case show "$E1"
printf '%s\n' "$OUT" | grep -qF "工信部等六部门决定（$MDOC，2026-11-20），由 $ME 录入" &&
	ok "in Chinese: 工信部等六部门决定（文号，日期），由…录入" || fail "zh" "$OUT"
run G report check "$CHECK" --format md
expect "the spot-check report names the ministry's certification, its 文号 and date" 0 \
	"**Certified by the ministry**: Ministry decision (No. $MDOC, 2026-11-20), recorded by $ME"
LC_ALL=zh_CN.UTF-8 run G report cultivation "$L2" --format txt
expect "the cultivation report names the ministry's acceptance review in Chinese" 0 \
	"验收评审通过  工信部等六部门决定（$MDOC，2026-11-20），由"

# Leading: acceptance review, then the spot check, then the notice.
run G case advance "$L4" complete_spot_check --on 2026-11-20 --doc "$MDOC"
expect "no spot check before the acceptance review" 1 "cannot be taken from state"
run G case advance "$L4" start_notice --on 2026-11-20
expect "no notice before the acceptance review" 1 "cannot be taken from state"
walk "$L4" pass_acceptance:2026-10-20:doc
run G case advance "$L2" complete_spot_check --on 2026-11-21
expect "the spot check is the ministry's: refused without its 文号" 1 "文号 (--doc)"
walk "$L2" complete_spot_check:2026-11-21:doc start_notice:2026-11-22
walk "$L4" start_notice:2026-10-25 certified:2026-11-02:doc
walk "$L5" pass_acceptance:2026-10-20:doc fail_spot_check:2026-10-30:doc
[ -z "$bad" ] && ok "acceptance review, spot check, notice, list: each in its order" || fail "leading order" "$bad"
[ "$(json "$L2" status) $(json "$L4" status) $(json "$L5" status)" = "in_notice certified rejected" ] &&
	ok "a spot-checked factory goes to the notice; one not picked goes straight on; a failed check is rejected" ||
	fail "leading states" "$(json "$L2" status) $(json "$L4" status) $(json "$L5" status)"
G case show "$L2" --format json | python3 -c "
import json,sys; s=[e['step'] for e in json.load(sys.stdin)['events']][-4:]
assert s==['request_acceptance_review','pass_acceptance','complete_spot_check','start_notice'], s" &&
	ok "leading: acceptance review, then spot check, then notice" || fail "leading events"

# The province's own panels: basic and advanced evaluation, leading's
# preliminary acceptance; none for the ministry's reviews.
P=$WORK/panels.db
H() { "$GRADUS" --db "$P" "$@"; }
H init >/dev/null
H expert add 张伟 --fields rnd --affiliation 华中科技大学 >/dev/null
H expert add 刘芳 --fields process --affiliation 武汉理工大学 >/dev/null
B=$(H case add --enterprise 基础评价测试有限公司 --uscc "$(uscc_of 90)" --region wuhan --level basic --year 2026 2>/dev/null)
A=$(H case add --enterprise 先进评价测试有限公司 --uscc "$(uscc_of 91)" --region wuhan --level advanced --year 2026 2>/dev/null)
X=$(H case add --enterprise 卓越复核测试有限公司 --uscc "$(uscc_of 92)" --region wuhan --level excellent --year 2024 \
	--certified-on 2024-07-24 2>/dev/null)
walk_case "$P" "$X" review_filed:2027-03-01
run H panel plan "$X" --purpose review --members E0001
expect "no provincial panel for the ministry's review" 1 "convenes no panels"
for c in "$B" "$A"; do
	walk_case "$P" "$c" submit:2026-11-20 recommend:2026-11-20 start_evaluation:2026-11-20
	p=$(H panel plan "$c" --purpose evaluation --members E0001,E0002 --on 2026-11-25 2>/dev/null)
	H panel score "$p" E0001 80 >/dev/null && H panel score "$p" E0002 90 >/dev/null
	H panel opinion "$p" rectify '整改后通过' --item '补充佐证材料' >/dev/null
	run H panel sign "$p"
	expect "an evaluation panel's signed opinion takes its step ($(H case show "$c" | sed -n 's/^level\t//p'))" 0
	[ "$(H case show "$c" | sed -n 's/^status\t//p')" = evaluated ] && ok "and the case is evaluated" ||
		fail "evaluated" "$(H case show "$c" | sed -n 's/^status\t//p')"
done

# forms check: no rectify on a review panel, no unknown decider, no
# ministry step for a provincial panel; a panel without rectify refuses it.
copy_forms() { rm -rf "$WORK/f"; cp -r "$TOP/forms" "$WORK/f"; }
copy_forms
python3 - "$WORK/f/levels/excellent.ini" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
old = "event = review_passed\ndecided_by = ministry\n"
assert old in s
s = s.replace(old, "event = review_passed\n\n[panel.review]\nzh = 复核评审\nen = Validity review\nfrom = review_filed\n"
              "pass = review_passed\nfail = withdraw\nrectify = review_passed\n", 1)
open(p, "w", encoding="utf-8").write(s)
PY
line=$(grep -n '^rectify = review_passed' "$WORK/f/levels/excellent.ini" | cut -d: -f1)
run "$GRADUS" forms check "$WORK/f"
expect "forms check refuses rectify on a review panel, naming file, line and key" 1 \
	"levels/excellent.ini:$line: panel 'review': rectify: a review is passed or failed"
copy_forms
sed -i '0,/^decided_by = ministry$/s//decided_by = minister/' "$WORK/f/levels/leading.ini"
run "$GRADUS" forms check "$WORK/f"
expect "forms check refuses an unknown decided_by" 1 "unknown decided_by 'minister'; expected one of province, ministry"
copy_forms
sed -i 's/^pass = pass_preliminary$/pass = pass_acceptance/' "$WORK/f/levels/leading.ini"
run "$GRADUS" forms check "$WORK/f"
expect "forms check refuses a provincial panel taking the ministry's decision" 1 \
	"panel 'preliminary': pass names step 'pass_acceptance', the ministry's decision"
copy_forms
sed -i '/^rectify = pass_evaluation$/d' "$WORK/f/levels/advanced.ini"
run "$GRADUS" forms check "$WORK/f"
expect "a panel without rectify is a valid form" 0
C=$(H case add --enterprise 无整改测试有限公司 --uscc "$(uscc_of 93)" --region wuhan --level advanced --year 2026 2>/dev/null)
walk_case "$P" "$C" submit:2026-11-20 recommend:2026-11-20 start_evaluation:2026-11-20
p=$(H panel plan "$C" --purpose evaluation --members E0001 2>/dev/null)
run H --forms "$WORK/f" panel opinion "$p" rectify '整改后通过' --item '补充佐证材料'
expect "a panel whose level gives it no rectify step refuses pass after rectification" 1 \
	"knows no pass after rectification (rectify)"
run H --forms "$WORK/f" panel opinion "$p" pass '同意通过'
expect "and takes pass" 0
