# Calendars that say when they run out: a basic notice (5 working days,
# office practice) started 2026-12-28 ends in 2027, a year with no holiday
# file in forms/holidays; its end is counted Monday to Friday and shown as
# provisional in case show, the agenda (TSV, ICS and export; the screens in
# tests/tui/provisional.sh), and forms check warns that next year's file is missing.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
cd "$WORK" || exit 1
PROVISIONAL="provisional: no 2027 holiday calendar, counted Monday to Friday"

C=$(G case add --enterprise 武汉公示测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan --level basic --year 2026 2>/dev/null)
walk_case "$DB" "$C" submit:2026-11-20 recommend:2026-11-20 start_evaluation:2026-11-20 pass_evaluation:2026-11-20
run G case advance "$C" start_notice --on 2026-12-28
expect "the notice starts on 2026-12-28" 0

run G case show "$C"
expect_line "case show: the notice's end is provisional" "$(printf 'notice_ends_on\t2027-01-01\t%s' "$PROVISIONAL")"
run G case show "$C" --format json
printf '%s\n' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['notice_ends_on']=='2027-01-01' and d['notice_ends_provisional']=='$PROVISIONAL', d" &&
	ok "json: notice_ends_provisional" || fail "json notice_ends_provisional" "$OUT"
run env LANGUAGE=zh_CN LANG=zh_CN.UTF-8 "$GRADUS" --db "$DB" case show "$C"
expect_line "in Chinese: 暂定" "$(printf 'notice_ends_on\t2027-01-01\t暂定：尚无 2027 年节假日安排，按周一至周五计算')"

run G agenda --within 60
N=$(sqlite3 "$DB" "SELECT number FROM cases WHERE id = '$C'")
expect_line "the agenda marks the notice's end provisional" \
	"$(printf '2027-01-01\t%s\tnotice_end\tdue\tbasic\t武汉公示测试有限公司\t%s' "$N" "$PROVISIONAL")"
run G agenda --within 60 --format ics
printf '%s\n' "$OUT" | tr -d '\r' | awk '/^ / { line = line substr($0, 2); next } { if (line != "") print line; line = $0 } END { print line }' >"$WORK/ics"
grep -qF "SUMMARY:Public notice ends $N 武汉公示测试有限公司 provisional: no 2027 holiday calendar\\, counted Monday to Friday" "$WORK/ics" &&
	ok "the ICS event of the notice's end says provisional" || fail "ICS provisional" "$(cat "$WORK/ics")"
run G export agenda --within 60 -o "$WORK/agenda.csv"
grep -qF "$PROVISIONAL" "$WORK/agenda.csv" && ok "the agenda export marks it too" || fail "agenda export" "$(cat "$WORK/agenda.csv" 2>/dev/null) $ERR"

# A notice within 2026, covered by its holiday file, is not provisional.
D=$(G case add --enterprise 黄石公示测试有限公司 --uscc 91420100MA4K12345K --region huangshi --level basic --year 2026 2>/dev/null)
walk_case "$DB" "$D" submit:2026-11-20 recommend:2026-11-20 start_evaluation:2026-11-20 pass_evaluation:2026-11-20
G case advance "$D" start_notice --on 2026-11-30 >/dev/null 2>&1
run G case show "$D"
expect_line "a notice counted on the 2026 calendar is not provisional" "$(printf 'notice_ends_on\t2026-12-04')"

# forms check: a warning, exit 0, while next year's file is missing.
run G forms check "$TOP/forms"
expect "forms check exits 0" 0 "40 scenarios"
printf '%s\n' "$ERR" | grep -qF "warning: no holiday calendar for 2027 (holidays/2027.ini)" &&
	ok "forms check warns that next year's holiday file is missing" || fail "forms check warning" "$ERR"
cp -r "$TOP/forms" "$WORK/forms"
sed -e 's/2026/2027/g' -e '/^holidays/,/^workdays/d' "$TOP/forms/holidays/2026.ini" >"$WORK/forms/holidays/2027.ini"
printf 'holidays = 2027-01-01\nworkdays = \n' >>"$WORK/forms/holidays/2027.ini"
run G forms check "$WORK/forms"
expect "forms check with a 2027 file" 0 "40 scenarios"
[ -z "$ERR" ] && ok "and no warning" || fail "a warning with the 2027 file there" "$ERR"

# With 2027's calendar the deadlines kept for the agenda are counted anew,
# the case's next deadline with them (its end now falls after the holiday),
# and verify holds them to these forms; back to forms without it, back again.
run env GRADUS_FORMS="$WORK/forms" "$GRADUS" --db "$DB" case show "$C"
END=$(printf '%s\n' "$OUT" | sed -n 's/^notice_ends_on\t\([0-9-]*\)$/\1/p')
[ -n "$END" ] && [ "$END" != 2027-01-01 ] && ok "with 2027's calendar the notice ends $END, not provisional" ||
	fail "notice end with 2027's calendar" "$OUT"
run env GRADUS_FORMS="$WORK/forms" "$GRADUS" --db "$DB" agenda --within 60
expect_line "the agenda follows the new calendar" "$(printf '%s\t%s\tnotice_end\tdue\tbasic\t武汉公示测试有限公司' "$END" "$N")"
[ "$(sqlite3 "$DB" "SELECT next_due FROM cases WHERE id = '$C'")" = "$END" ] &&
	ok "the case's next deadline follows" || fail "next_due" "$(sqlite3 "$DB" "SELECT next_due FROM cases WHERE id = '$C'")"
run env GRADUS_FORMS="$WORK/forms" "$GRADUS" --db "$DB" verify
expect "verify holds the kept deadlines to these forms" 0 "ok"
run G agenda --within 60
expect_line "without 2027's calendar it is provisional again" \
	"$(printf '2027-01-01\t%s\tnotice_end\tdue\tbasic\t武汉公示测试有限公司\t%s' "$N" "$PROVISIONAL")"
