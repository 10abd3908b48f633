# A leading case walks every step of its cycle from the case screen (s,
# Enter opens the step's form, G [ Take the step ], Enter, y), with its
# deadlines on the screen and in the database. Its application and review
# materials are received first; where a precondition is not met (the
# readiness items, the preliminary panel) the admin gives an override
# reason in the form. The ministry's decisions (decided_by = ministry) are
# recorded with the number of its document (文号), typed in the same form.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/leading.db
MDOC='工信厅通装函〔2026〕88号'
L=$("$GRADUS" --db "$DB" case add --enterprise 宜昌领航智造有限公司 --uscc 91420100MA4K12345K --region yichang \
	--level leading --year 2026 --maturity 4.3 2>/dev/null)
for m in application_form self_assessment commitment financial_statements safety_environment scenario_evidence \
	prior_certificate review_application review_summary; do
	"$GRADUS" --db "$DB" case material "$L" $m >/dev/null || fail "material $m received"
done
# take: the step's form on today, taken; override REASON: the step's
# form, [ Take the step ] asks for the override reason, given, taken.
take() { echo "${1:-s}<Enter>G<Enter>y"; }
override() { echo "s<Enter>G<Enter>"; echo "<Enter>$1<Enter>G<Enter>y"; }
# ministry: the step's form, [ Take the step ] asks for the 文号, given, taken.
ministry() { echo "s<Enter>G<Enter>"; echo "<Enter>$MDOC<Enter>G<Enter>y"; }
# The forward step stands first in each state's menu, but for `recommend`
# (second after return_for_revision).
{
	echo "<Enter>"
	take
	take sj
	ministry # name_target
	take # start_cultivation
	echo ":save-screen cultivating.screen"
	override "验收准备事项以纸质材料核验"
	override "预验收专家组意见已线下签署"
	take # request_acceptance_review
	ministry # pass_acceptance
	ministry # complete_spot_check
	take # start_notice
	echo ":save-screen notice.screen"
	echo "s<Enter>G<Enter>"
	echo ":save-screen refused.screen"
	echo "<Enter>$MDOC<Enter>G<Enter>"
	echo ":save-screen refused-override.screen"
	echo "<Esc>"
	echo ":save-screen leave.screen"
	echo "y"
	echo "<Esc>"
	echo "q"
	echo "q"
} >"$WORK/walk.script"
# The notice ends on 2026-12-04: the list is published the day after.
{
	echo "<Enter>"
	ministry # certified
	echo ":save-screen certified.screen"
	take # review_filed
	ministry # review_passed
	echo ":save-screen reviewed.screen"
	echo "<Tab><Tab><Tab>G"
	echo ":save-screen timeline.screen"
	echo "q"
	echo "q"
} >"$WORK/publish.script"
cd "$WORK" || exit 1
# 80x40: the case screen shows its dates under the steps taken with an override.
run "$GRADUS" --db "$DB" --script "$WORK/walk.script" --size 80x40
expect "the walk script runs to its end" 0
run env GRADUS_TODAY=2026-12-05 TEST_CLOCK="2026-12-05 12:00:00" "$GRADUS" --db "$DB" --script "$WORK/publish.script" --size 80x40
expect "the publication script runs to its end" 0
shows() { # NAME SCREEN PATTERN
	if grep -qE -- "$3" "$WORK/$2"; then ok "$1"; else fail "$1" "$(cat "$WORK/$2")"; fi
}
shows "cultivating: the case screen says so" cultivating.screen "State: +In cultivation"
shows "cultivating: acceptance application due 3 months before the end" cultivating.screen "Acceptance application due +2028-08-28"
shows "cultivating: cultivation ends 2 years after its start" cultivating.screen "Cultivation ends +2028-11-28"
shows "in public notice: the 7-day notice ends on 2026-12-04" notice.screen "Public notice ends +2026-12-04"
shows "publishing the list within the notice: the form names the notice's last day, not met" refused.screen \
	"✗ the public notice runs through 2026-12-04"
shows "the ministry's decision asks for its 文号 first" refused.screen "^> Document No. \\(文号\\)"
shows "and it is not taken without an override reason" refused-override.screen "A precondition is not met"
shows "certified: the list published, valid 3 years" certified.screen "Valid through +2029-12-05"
shows "certified: review application due 3 months before" certified.screen "Review application due +2029-09-05"
shows "review passed: validity extended from the old expiry" reviewed.screen "Valid through +2032-12-05"
shows "the timeline reads the ministry's decision with its 文号" timeline.screen "Ministry decision \\(No. $MDOC, 2026-12-05\\)"
shows "the timeline has the coming expiry" timeline.screen "2032-12-05  #"
run "$GRADUS" --db "$DB" case show "$L" --format json
printf '%s' "$OUT" | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert d['status']=='certified', d['status']
assert d['expires_on']=='2032-12-05', d['expires_on']
steps=[e['step'] for e in d['events']]
assert steps==['submit','recommend','name_target','start_cultivation','file_acceptance','pass_preliminary',
 'request_acceptance_review','pass_acceptance','complete_spot_check','start_notice','certified','review_filed',
 'review_passed'], steps
assert d['applied_by'] and d['recommended_by'] and d['certified_by']
ov={e['step']: e.get('override') for e in d['events']}
assert ov['file_acceptance']=='验收准备事项以纸质材料核验' and ov['pass_preliminary']=='预验收专家组意见已线下签署', ov
assert [s for s in ov if ov[s]]==['file_acceptance','pass_preliminary'], ov
assert [e['step'] for e in d['events'] if e.get('decided_by')=='ministry' and e['document']=='$MDOC']==[
 'name_target','pass_acceptance','complete_spot_check','certified','review_passed']" \
	&& ok "every step of the leading cycle is an event, with the responsibility chain and the two overrides" || fail "the leading cycle in the database" "$OUT"
run "$GRADUS" --db "$DB" verify
expect "and the audit chain holds" 0

# The sweep at start: a certification expired with no review is cancelled by
# the system when gradus opens, and the first screen says so.
S=$WORK/swept.db
at_clock 2026-06-29 "$GRADUS" --db "$S" case add --enterprise 十堰过期工厂 --uscc 91420100MA4K12345K --region shiyan \
	--level excellent --year 2023 --certified-on 2023-06-30 >/dev/null 2>&1
run at_clock 2026-06-29 "$GRADUS" --db "$S" case show HB-2023-EXC-0001
expect_line "the day before its expiry it is certified" "$(printf 'status\tcertified')"
printf ':save-screen swept.screen\nq\n' >"$WORK/swept.script"
run "$GRADUS" --db "$S" --script "$WORK/swept.script"
expect "gradus opens on the expired case" 0
tail -1 "$WORK/swept.screen" | grep -qF "1 certification expired with no review filed and was cancelled" &&
	ok "the first screen says what the start's sweep cancelled" || fail "the first screen says what the sweep cancelled" "$(cat "$WORK/swept.screen")"
run "$GRADUS" --db "$S" log HB-2023-EXC-0001
printf '%s\n' "$OUT" | grep -qP '\tsystem\tcases\.state\tcertified\tcancelled\t' && ok "and the cancellation is the system's in the history" ||
	fail "the cancellation is the system's" "$OUT"
