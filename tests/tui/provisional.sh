# The screens of a provisional deadline: a basic notice started 2026-12-28
# ends in 2027, which has no holiday file; the agenda, the case's dates and
# its timeline mark the end provisional (counted Monday to Friday).
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
cd "$WORK" || exit 1

C=$(G case add --enterprise 武汉公示测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan --level basic --year 2026 2>/dev/null)
walk_case "$DB" "$C" submit:2026-11-20 recommend:2026-11-20 start_evaluation:2026-11-20 pass_evaluation:2026-11-20
run G case advance "$C" start_notice --on 2026-12-28
expect "a basic notice started on 2026-12-28" 0

# 80x30: the dates stand under the steps the walk took with an override
run G --script "$SCRIPTS/provisional.script" --size 80x30
expect "the script runs to its end" 0
compare "the agenda marks the notice's end provisional" provisional-agenda.screen
compare "the case's dates mark it provisional and say why" provisional-case.screen
compare "so does its timeline" provisional-timeline.screen
grep -q "Public notice ends  *2027-01-01  (34 days, provisional)" "$WORK/provisional-case.screen" &&
	grep -qF "provisional: no 2027 holiday calendar, counted Monday to Friday" "$WORK/provisional-case.screen" &&
	ok "the end and why it is provisional" || fail "case screen" "$(cat "$WORK/provisional-case.screen")"
