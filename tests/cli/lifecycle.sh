# The case lifecycle in the CLI: intake, the workflow of each level, the
# deadlines, the agenda, the sweep, the history and two clerks at once.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
json() { # ID KEY: one value of case show --format json
	G case show "$1" --format json | python3 -c "import json,sys; v=json.load(sys.stdin).get('$2'); print('' if v is None else v)"
}
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
U1=91420100MA4KXXXX0D   # valid credit codes (GB 32100 check character)
U2=91420100MA4K12345K
MDOC="工信厅通装函〔2027〕12号"   # the number of a ministry decision (decided_by = ministry)

# Intake: an excellent factory already certified on Feb 29.
run G case add --enterprise 武汉𠮷祥智造有限公司 --uscc $U1 --region wuhan --level excellent --year 2024 \
	--certified-on 2024-02-29 --scenarios 1,5,9 --maturity 3.5 --commitment-on 2024-01-10
expect "case add prints the new case id" 0
E=$OUT
printf '%s\n' "$E" | grep -qxE '[0-9a-f]{32}' && ok "the id alone on a line" || fail "the id alone on a line" "$OUT"
[ "$(json "$E" status)" = certified ] && ok "entered as certified" || fail "entered as certified" "$(json "$E" status)"
[ "$(json "$E" expires_on)" = 2027-02-28 ] && ok "2024-02-29 + 3 years: valid through 2027-02-28" || fail "expires_on" "$(json "$E" expires_on)"
[ "$(json "$E" review_due_by)" = 2026-11-28 ] && ok "review due 3 months before: 2026-11-28" || fail "review_due_by" "$(json "$E" review_due_by)"
[ "$(json "$E" enterprise)" = 武汉𠮷祥智造有限公司 ] && ok "a name with a character outside the BMP is kept" || fail "name kept" "$(json "$E" enterprise)"
[ "$(json "$E" uscc)" = $U1 ] && ok "json has the credit code as uscc" || fail "uscc"
[ "$(json "$E" year)" = 2024 ] && [ "$(json "$E" region)" = wuhan ] && [ "$(json "$E" level)" = excellent ] \
	&& ok "json has year, region and level" || fail "json has year, region and level"
G case show "$E" --format json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['scenarios']==[1,5,9]; assert d['events'][0]['kind']=='certified'" \
	&& ok "json lists scenarios and events" || fail "json lists scenarios and events"
N=$(json "$E" number)
run G agenda --today 2026-09-01 --within 90
expect_line "agenda lists the review application" "$(printf '2026-11-28\t%s\treview_application\tdue\texcellent\t武汉𠮷祥智造有限公司' "$N")"
run G agenda --today 2026-08-01 --within 90
printf '%s\n' "$OUT" | grep -qF "$N" && fail "agenda leaves out what is beyond the window" "$OUT" || ok "agenda leaves out what is beyond the window"
run G agenda --today 2026-12-01 --within 10
expect_line "an overdue review application is listed as overdue" "$(printf '2026-11-28\t%s\treview_application\toverdue\texcellent\t武汉𠮷祥智造有限公司' "$N")"
run G agenda --today 2026-09-01 --within 120 --format ics
expect "agenda --format ics" 0 "BEGIN:VCALENDAR"
printf '%s\n' "$OUT" | grep -q "^DTSTART;VALUE=DATE:20261128" && ok "ics: the review application on its day" || fail "ics date" "$OUT"
printf '%s\n' "$OUT" | grep -q "^DTSTART;VALUE=DATE:20270228" && fail "ics leaves out what is beyond 120 days" || ok "ics leaves out what is beyond 200 days"
[ "$(printf '%s\n' "$OUT" | grep -c '^BEGIN:VEVENT')" = "$(printf '%s\n' "$OUT" | grep -c '^END:VEVENT')" ] && \
	printf '%s\n' "$OUT" | awk '{ if (length($0) > 76) bad = 1 } END { exit bad }' && \
	printf '%s' "$OUT" | grep -q "$(printf '\r')\$" && ok "ics: CRLF lines, folded, events closed" || fail "ics well-formed"

# The sweep goes by the system clock (faked here, tests/gradus-at): on the
# last valid day (有效期至) nothing, the day after the system cancels. A date
# given to sweep is a preview that cancels nothing.
run at_clock 2027-02-28 G sweep
expect "sweep on the last valid day" 0 "0 certifications"
[ "$(json "$E" status)" = certified ] && ok "still certified on 2027-02-28" || fail "still certified on 2027-02-28"
run G sweep --today 2027-02-28
expect "sweep --today of the last valid day previews nothing" 0 "0 certifications will have expired by 2027-02-28"
run G sweep --today 2027-03-01
expect "sweep --today previews what will lapse" 0 "1 certification will have expired by 2027-03-01"
[ "$(json "$E" status)" = certified ] && ok "and cancels nothing" || fail "sweep --today cancels nothing" "$(json "$E" status)"
run at_clock 2027-03-01 G sweep
expect "sweep the day after the last valid day" 0 "1 certification cancelled"
[ "$(json "$E" status)" = cancelled ] && ok "cancelled on 2027-03-01 with no review filed" || fail "cancelled" "$(json "$E" status)"
run G log "$E"
printf '%s\n' "$OUT" | grep -qP '\tsystem\tcases\.state\tcertified\tcancelled\t' && ok "log: the system cancelled it" || fail "log: the system cancelled it" "$OUT"
run G case show "$N"
expect_line "the cancellation is an event of the system" "$(printf 'event\t2027-03-01\tcancelled\tcancelled\tsystem\tvalid through 2027-02-28, lapsed on 2027-03-01 with no review application filed')"
run at_clock 2027-03-02 G sweep
expect "a second sweep cancels nothing more" 0 "0 certifications"

# A review filed on time and passed extends from the old expiry.
R=$(G case add --enterprise 襄阳精工 --uscc $U2 --region xiangyang --level excellent --year 2024 --certified-on 2024-02-29 2>/dev/null)
before=$(audit_rows)
run G case advance "$R" review_passed
expect "review_passed with no review filed is refused naming the allowed steps" 1 "allowed: review_filed"
[ "$(audit_rows)" = "$before" ] && [ "$(json "$R" status)" = certified ] && ok "and changes nothing" || fail "and changes nothing"
G case material "$R" review_application --received 2026-11-18 >/dev/null
G case material "$R" review_summary --received 2026-11-18 >/dev/null
run G case advance "$R" review_filed --on 2026-11-20 --note 按期提交复核申请
expect "review filed on time" 0 "review_filed"
[ "$(json "$R" status)" = review_filed ] && ok "status review_filed" || fail "status review_filed"
run G agenda --today 2026-11-01 --within 200
printf "%s\n" "$OUT" | grep -q "$(json "$R" number)	review_application" && fail "a filed review leaves the agenda" "$OUT" || ok "a filed review leaves the agenda"
run G case advance "$R" review_passed --on 2027-01-15 --doc "$MDOC"
expect "review passed" 0
[ "$(json "$R" status)" = certified ] && ok "status certified after review_passed" || fail "status after review_passed"
[ "$(json "$R" expires_on)" = 2030-02-28 ] && ok "validity extended from the old expiry: 2030-02-28" || fail "extended expiry" "$(json "$R" expires_on)"
for day in 2027-03-01 2028-06-30 2030-02-28; do at_clock $day G sweep >/dev/null; done
[ "$(json "$R" status)" = certified ] && ok "no sweep through 2030-02-28 cancels it" || fail "no sweep through 2030-02-28 cancels it"
R2=$(G case add --enterprise 襄阳精工 --uscc $U2 --region xiangyang --level excellent --year 2024 --certified-on 2024-06-30 2>/dev/null)
for m in review_application review_summary; do G case material "$R2" $m --received 2026-11-01 >/dev/null; done
G case advance "$R2" review_filed --on 2027-03-01 >/dev/null
run G case advance "$R2" review_failed --on 2027-05-01 --doc "$MDOC"
expect "review failed" 0
[ "$(json "$R2" status)" = cancelled ] && ok "status cancelled after review_failed" || fail "status after review_failed"

# A leading case walks its whole cycle.
L=$(G case add --enterprise 宜昌领航智造 --uscc $U2 --region yichang --level leading --year 2024 --maturity 4.2 2>/dev/null)
walk="submit:2024-03-01 recommend:2024-03-20 name_target:2024-05-01 start_cultivation:2024-06-01"
walk="$walk file_acceptance:2026-02-20 pass_preliminary:2026-03-16 request_acceptance_review:2026-03-20"
walk="$walk pass_acceptance:2026-04-10 complete_spot_check:2026-04-20 start_notice:2026-04-27"
bad=
# Each step on its day: by the clock of 2026-11-28 the cultivation (ended
# 2026-06-01) would lapse between steps recorded after the fact.
for s in $walk; do
	# the ministry's decisions carry its document's number
	case ${s%%:*} in name_target|pass_acceptance|complete_spot_check) set -- --doc "$MDOC" ;; *) set -- ;; esac
	at_clock "${s#*:}" G case advance "$L" "${s%%:*}" --on "${s#*:}" "$@" \
		--override "测试：前置条件由其他测试覆盖" >/dev/null 2>"$WORK/err" || bad="$bad ${s%%:*}: $(cat "$WORK/err")"
done
[ -z "$bad" ] && ok "leading: submit to public notice" || fail "leading: submit to public notice" "$bad"
[ "$(json "$L" cultivation_ends_on)" = 2026-06-01 ] && ok "leading: cultivation ends 2 years after its start" || fail "cultivation_ends_on" "$(json "$L" cultivation_ends_on)"
[ "$(json "$L" acceptance_due_by)" = 2026-03-01 ] && ok "leading: acceptance due 3 months before" || fail "acceptance_due_by" "$(json "$L" acceptance_due_by)"
[ "$(json "$L" notice_ends_on)" = 2026-05-03 ] && ok "leading: the 7-day public notice ends 2026-05-03" || fail "notice_ends_on" "$(json "$L" notice_ends_on)"
run G agenda --today 2026-04-28 --within 10
printf '%s\n' "$OUT" | grep -qP "^2026-05-03\t$(json "$L" number)\tnotice_end\t" && ok "agenda: the end of the public notice" || fail "agenda: notice end" "$OUT"
run G case advance "$L" certified --on 2026-05-08 --doc "$MDOC"
expect "leading: no objection, the list is published" 0
[ "$(json "$L" status)" = certified ] && [ "$(json "$L" expires_on)" = 2029-05-08 ] && [ "$(json "$L" review_due_by)" = 2029-02-08 ] \
	&& ok "leading: valid 3 years from publication" || fail "leading validity" "$(json "$L" expires_on)"
for m in review_application review_summary; do G case material "$L" $m --received 2026-11-01 >/dev/null; done
G case advance "$L" review_filed --on 2029-01-20 >/dev/null && G case advance "$L" review_passed --on 2029-04-01 --doc "$MDOC" >/dev/null
[ "$(json "$L" status)" = certified ] && [ "$(json "$L" expires_on)" = 2032-05-08 ] && ok "leading: review passed extends to 2032" || fail "leading review" "$(json "$L" expires_on)"
G case show "$L" --format json | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert d['applied_by'] and d['applied_on']=='2024-03-01' and d['recommended_on']=='2024-03-20' and d['certified_on']=='2026-05-08', d
assert len(d['events']) == 13, len(d['events'])" && ok "leading: the responsibility chain and every event" || fail "leading: the responsibility chain"
C=$(G case add --enterprise 荆州培育 --uscc $U2 --region jingzhou --level leading --year 2025 --cultivation-start 2025-07-01 2>/dev/null)
[ "$(json "$C" status)" = cultivating ] && [ "$(json "$C" acceptance_due_by)" = 2027-04-01 ] && ok "a factory already in cultivation is entered with its start" || fail "cultivation entry" "$(json "$C" status)"
run G agenda --today 2027-03-15 --within 30
expect_line "agenda: the acceptance application" "$(printf '2027-04-01\t%s\tacceptance_application\tdue\tleading\t荆州培育' "$(json "$C" number)")"

# Intake warnings, not refusals.
run G case add --enterprise 孝感新厂 --uscc 91420900MA4KABCD1X --region xiaogan --level excellent --year 2026
expect "an invalid credit code is refused naming it" 1 "credit code"
run G case add --enterprise 孝感新厂 --uscc $U2 --region xiaogan --level excellent --year 2026 --maturity 2.5
expect "maturity below the floor is a warning" 0 "warning: maturity 2.50 is level 2, below level 3"
expect "prior level not held is a warning" 0 "holds no Advanced certification"
expect "one credit code under two names is a warning" 0 "under another enterprise name"
run G case add --enterprise 孝感新厂 --uscc $U2 --region xiaogan --level excellent --year 2026 --maturity 3.5
expect "the same factory twice for one level and year is a warning" 0 "already has an application for Excellent in 2026"
run G case add --enterprise 孝感新厂 --uscc $U2 --region nowhere --level excellent --year 2026
expect "an unknown region is refused" 1 "region 'nowhere'"
run G case material "$E" commitment --received 2024-01-10
expect "a material marked received" 0
G case show "$E" --format json | python3 -c "import json,sys; m={x['key']:x['received_on'] for x in json.load(sys.stdin)['materials']}; assert m['commitment']=='2024-01-10' and m['application_form'] is None" \
	&& ok "materials: received and still missing" || fail "materials"
run G case material "$E" nonsense
expect "a material not in the level's list is refused" 1 "not in the Excellent list"

# History and tamper evidence.
run G log "$N"
printf '%s\n' "$OUT" | grep -qP '\tcases\.expires_on\t∅\t2027-02-28\t' && ok "log shows old and new values" || fail "log shows old and new values" "$(echo "$OUT" | head)"
run G verify
expect "verify on an untouched database exits 0" 0 "ok"
cp "$DB" "$WORK/tampered.db"
sqlite3 "$WORK/tampered.db" "UPDATE cases SET expires_on = '2031-02-28' WHERE number = '$(json "$R" number)'"
run "$GRADUS" --db "$WORK/tampered.db" verify
expect "a case row changed with sqlite3: verify exits 1 naming the entry" 1 "field expires_on holds \"2031-02-28\" but audit row"
cp "$DB" "$WORK/tampered2.db"
sqlite3 "$WORK/tampered2.db" "UPDATE audit SET actor = 'x' WHERE seq = 5"
run "$GRADUS" --db "$WORK/tampered2.db" verify
expect "an audit row changed: verify names it" 1 "audit chain broken at record 5"
cp "$DB" "$WORK/tampered3.db"
sqlite3 "$WORK/tampered3.db" "DELETE FROM case_materials"
run "$GRADUS" --db "$WORK/tampered3.db" verify
expect "a row deleted behind gradus's back is found" 1 "deleted outside gradus"

# Two clerks at once: a write based on a stale read is refused.
seen=$(json "$R" note)
G case set "$R" note "第一位办事员的备注" --expect "$seen" >/dev/null &
wait $!
run G case set "$R" note "第二位办事员的备注" --expect "$seen"
expect "a stale write is refused showing the current value" 1 "it is now \"第一位办事员的备注\""
[ "$(json "$R" note)" = 第一位办事员的备注 ] && ok "the first clerk's value is kept" || fail "the first clerk's value is kept" "$(json "$R" note)"
run G case set "$R" note "第二位办事员的备注" --expect 第一位办事员的备注
expect "with the current value seen, the write lands" 0
[ "$(json "$R" note)" = 第二位办事员的备注 ] && ok "second value written" || fail "second value written"
run G case set "$R" credit_code 91420100MA4KXXXX0A
expect "an edit with a bad credit code is refused" 1 "check character"
# Two processes writing at the same moment: both land, one after the other
# (the note on the open case R: the cancelled case E is closed, read-only).
( for i in 1 2 3 4 5 6 7 8 9 10; do G case set "$R" note "A$i" >/dev/null || echo fail; done ) >"$WORK/a" &
( for i in 1 2 3 4 5 6 7 8 9 10; do G case material "$E" application_form --received 2024-01-0$((i % 9 + 1)) >/dev/null || echo fail; done ) >"$WORK/b" &
wait
[ ! -s "$WORK/a" ] && [ ! -s "$WORK/b" ] && ok "two processes writing at once: every write lands" || fail "concurrent writes" "$(cat "$WORK/a" "$WORK/b")"
run G verify
expect "and the audit chain holds" 0

# Users and roles.
run G user add anna clerk
expect "user add" 0 "anna is clerk"
run G user add bob boss
expect "an unknown role is refused" 1 "expected admin, clerk, inspector or secretary"
run G user list
printf '%s\n' "$OUT" | grep -qP '^anna\tclerk\t' && printf '%s\n' "$OUT" | grep -qP "^$(id -un)\tadmin\t" && ok "user list: the first user is admin" || fail "user list" "$OUT"
