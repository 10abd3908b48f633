# A leading case walks every step of its cycle from the case screen (s,
# Enter, y), with its deadlines on the screen and in the database. The
# ministry's decisions (decided_by = ministry) carry the number of its
# document (文号), which the screen does not take: the step is refused there,
# naming it, and the office records it with case advance --doc.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/leading.db
G() { "$GRADUS" --db "$DB" "$@"; }
MDOC='工信厅通装函〔2026〕88号'
L=$(G case add --enterprise 宜昌领航智造有限公司 --uscc 91420100MA4K12345K --region yichang \
	--level leading --year 2026 --maturity 4.3 2>/dev/null)
# The forward step stands first in each state's menu, but for `recommend`
# (second after return_for_revision).
printf '<Enter>\ns<Enter>y\nsj<Enter>y\nq\nq\nq\n' >"$WORK/submit.script"
{
	echo "<Enter>"
	echo "s<Enter>y"
	echo ":save-screen cultivating.screen"
	for step in file_acceptance pass_preliminary request_acceptance_review; do echo "s<Enter>y"; done
	echo "s<Enter>y"
	echo ":save-screen ministry.screen"
	echo "q"
	echo "q"
	echo "q"
} >"$WORK/walk.script"
{
	echo "<Enter>"
	echo "s<Enter>y"
	echo ":save-screen notice.screen"
	echo "q"
	echo "q"
} >"$WORK/notice.script"
# The notice ends on 2026-12-04: the list is published the day after.
printf '<Enter>\n:save-screen certified.screen\ns<Enter>y\nq\nq\n' >"$WORK/publish.script"
printf '<Enter>\n:save-screen reviewed.screen\n<Tab><Tab><Tab>G\n:save-screen timeline.screen\nq\nq\n' \
	>"$WORK/review.script"
cd "$WORK" || exit 1
bad=
step() { G case advance "$L" "$@" >/dev/null 2>"$WORK/err" || bad="$bad $1: $(cat "$WORK/err")"; }
run G --script "$WORK/submit.script"
expect "the submission script runs to its end" 0
step name_target --doc "$MDOC"
run G --script "$WORK/walk.script"
expect "the walk script runs to its end" 0
step pass_acceptance --doc "$MDOC"
step complete_spot_check --doc "$MDOC"
run G --script "$WORK/notice.script"
expect "the notice script runs to its end" 0
run G case advance "$L" certified --doc "$MDOC"
expect "publishing the list within the notice is refused, naming its last day" 1 \
	"the public notice runs through 2026-12-04"
at() { GRADUS_TODAY=2026-12-05 TEST_CLOCK="2026-12-05 12:00:00" "$@"; }
at G case advance "$L" certified --on 2026-12-05 --doc "$MDOC" >/dev/null 2>"$WORK/err" || bad="$bad certified: $(cat "$WORK/err")"
run at G --script "$WORK/publish.script"
expect "the publication script runs to its end" 0
at G case advance "$L" review_passed --on 2026-12-05 --doc "$MDOC" >/dev/null 2>"$WORK/err" || bad="$bad review_passed: $(cat "$WORK/err")"
run at G --script "$WORK/review.script"
expect "the review script runs to its end" 0
[ -z "$bad" ] && ok "the ministry's decisions are recorded with their 文号" || fail "the ministry's decisions" "$bad"
shows() { # NAME SCREEN PATTERN
	if grep -qE -- "$3" "$WORK/$2"; then ok "$1"; else fail "$1" "$(cat "$WORK/$2")"; fi
}
shows "cultivating: the case screen says so" cultivating.screen "State: +In cultivation"
shows "cultivating: acceptance application due 3 months before the end" cultivating.screen "Acceptance application due +2028-08-28"
shows "cultivating: cultivation ends 2 years after its start" cultivating.screen "Cultivation ends +2028-11-28"
shows "in public notice: the 7-day notice ends on 2026-12-04" notice.screen "Public notice ends +2026-12-04"
shows "a ministry decision is refused on the screen, naming its 文号" ministry.screen \
	"needs the issuing document's number"
shows "the timeline reads the ministry's decision with its 文号" timeline.screen "Ministry decision \\(No. $MDOC, 2026-12-05\\)"
shows "certified: the list published, valid 3 years" certified.screen "Valid through +2029-12-05"
shows "certified: review application due 3 months before" certified.screen "Review application due +2029-09-05"
shows "review passed: validity extended from the old expiry" reviewed.screen "Valid through +2032-12-05"
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
assert [e['step'] for e in d['events'] if e.get('decided_by')=='ministry' and e['document']=='$MDOC']==[
 'name_target','pass_acceptance','complete_spot_check','certified','review_passed']
assert d['applied_by'] and d['recommended_by'] and d['certified_by']" \
	&& ok "every step of the leading cycle is an event, with the responsibility chain" || fail "the leading cycle in the database" "$OUT"
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
