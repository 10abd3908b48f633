# The case's report (案件报告) written from the case screen with R: the same
# report as `gradus report case`, the override of a late review in it, the
# format from the file's ending, written whole or not at all.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
AT() { local day=$1; shift; at_clock "$day" env GRADUS_TODAY="$day" "$GRADUS" --db "$DB" "$@"; }
if ! has_clock; then
	ok "case report from the screen # SKIP no libfaketime (apt-get install faketime)"
	exit 0
fi
cd "$WORK" || exit 1

C=$("$GRADUS" --db "$DB" case add --enterprise 武汉𠀀报告测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan \
	--level excellent --year 2024 --certified-on 2024-07-24 2>/dev/null)
N=$("$GRADUS" --db "$DB" case show "$C" | sed -n 's/^number\t//p')
AT 2027-04-25 case advance "$C" review_filed --override 逾期因疫情封控 >/dev/null 2>"$WORK/setup.err" || fail "the late review, overridden" "$(cat "$WORK/setup.err")"

run AT 2027-04-25 --script "$SCRIPTS/case-report.script" --size 80x24
expect "the script runs to its end" 0
compare "R asks for the report's file: the case's number .html" case-report-prompt.screen
compare "the report is written, said on the status line" case-report-written.screen
compare "Esc on the prompt writes nothing" case-report-cancelled.screen
compare "a file ending in none of .txt .md .html is refused" case-report-refused.screen

AT 2027-04-25 report case "$N" >cli.txt
cmp -s cli.txt case-report.txt && ok "the report from the screen is the report of the CLI" ||
	fail "the report from the screen is the report of the CLI" "$(diff cli.txt case-report.txt | head)"
grep -qF "reason: 逾期因疫情封控" "case-report.txt" || tr '\n' ' ' <case-report.txt | tr -s ' ' | grep -qF "reason: 逾期因疫情封控" &&
	ok "with the override and its reason" || fail "the override in the report" "$(grep -A3 Override case-report.txt)"
[ -s "$N.html" ] && grep -q '<tr class="marked">' "$N.html" && ok "Enter takes the default: ./NUMBER.html" ||
	fail "the default report" "$(ls)"
[ ! -e nothing.md ] && [ ! -e case-report.pdf ] && ok "nothing is written when cancelled or refused" ||
	fail "nothing written" "$(ls)"
AT 2027-04-25 report case "$N" --format md >cli.md
cmp -s cli.md case-report-timeline.md && ok "R on another tab writes the same report, as Markdown" ||
	fail "R on the timeline" "$(diff cli.md case-report-timeline.md | head)"
ls | grep -q '\.tmp\|~$' && fail "no temporary file is left" "$(ls)" || ok "no temporary file is left"
