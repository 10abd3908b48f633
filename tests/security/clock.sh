# No backdoor in time: a date given on the command line or in the
# environment (--today, GRADUS_TODAY) shows what is due "as of" it and is the
# default business date, but cancels no certification and stamps nothing;
# the expiry sweep and every stamp go by the system clock (faked here with
# libfaketime, tests/gradus-at, which is no part of the installed gradus).
# Dates no record can carry (before 2015, more than ten years ahead) are
# refused.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
states() { sqlite3 "$DB" 'SELECT number, state FROM cases ORDER BY number'; }
if ! has_clock; then
	ok "the clock attacks # SKIP no libfaketime (apt-get install faketime)"
	exit 0
fi

G init --demo >/dev/null
# certified on 2024-02-29: valid through 2027-02-28, lapses on 2027-03-01 with no review filed
E=$(G case add --enterprise 武汉时钟测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan --level excellent \
	--year 2024 --certified-on 2024-02-29 2>/dev/null)
N=$(sqlite3 "$DB" "SELECT number FROM cases WHERE id = '$E'")
[ -n "$N" ] && ok "a certification that lapses on 2027-03-01" || fail "case add"
before=$(audit_rows)
before_states=$(states)
# the demo's own: its lapsed cultivation, swept as the demo was made
system_events() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE actor = 'system'"; }
before_system=$(system_events)

# The attacks of issue 15: a far date in the environment or on the command
# line, by every command that opens the database.
run env GRADUS_TODAY=2099-01-01 "$GRADUS" --db "$DB" case list
expect "GRADUS_TODAY=2099-01-01 case list runs" 0 "$N"
run G --today 2099-01-01 case list
expect "--today 2099-01-01 case list runs" 0 "$N"
run G --today 2099-01-01 agenda --within 30
expect "--today 2099-01-01 agenda runs" 0
run G agenda --today 2099-01-01 --within 30
expect "agenda --today 2099-01-01 runs" 0
printf 'q\n' >"$WORK/quit.script"
run G --today 2099-01-01 --script "$WORK/quit.script"
expect "the full screen opened as of 2099-01-01" 0
run env GRADUS_TODAY=2099-01-01 "$GRADUS" --db "$DB" sweep
expect "GRADUS_TODAY=2099-01-01 sweep sweeps at the system date: nothing lapsed" 0 "0 certifications cancelled"
run G sweep --today 2099-01-01
expect "sweep --today 2099-01-01 is a preview" 0 "will have expired by 2099-01-01 with no review filed, if none is filed before (a preview: nothing was cancelled)"
[ "$(audit_rows)" = "$before" ] && ok "no audit row written by any of them" || fail "audit rows" "$before -> $(audit_rows)"
[ "$(states)" = "$before_states" ] && ok "no case changed state" || fail "case states" "$(states | head -5)"
[ "$(system_events)" = "$before_system" ] && ok "the system cancelled nothing" ||
	fail "the system cancelled" "$(sqlite3 "$DB" "SELECT on_date, note FROM events WHERE actor = 'system'")"

# As of a date, what is shown follows it: the lapsing certification is
# overdue in the agenda of 2027-03-01 (its last valid day passed), still
# certified in the database.
run G agenda --today 2027-03-01 --within 10
printf '%s\n' "$OUT" | grep -P "^2027-02-28\t$N\texpiry\toverdue\t" >/dev/null && ok "the agenda as of 2027-03-01 shows the expiry overdue" ||
	fail "the agenda as of 2027-03-01" "$OUT"

# Stamps are the clock's, never the business date's.
run env GRADUS_TODAY=2099-01-01 "$GRADUS" --db "$DB" case set "$N" note 时钟测试
expect "a write with GRADUS_TODAY=2099-01-01" 0
case "$(sqlite3 "$DB" "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch') FROM audit ORDER BY seq DESC LIMIT 1")" in
2026-11-28T*) ok "its audit row is stamped by the system clock (2026-11-28), not 2099" ;;
*) fail "audit stamp" "$(sqlite3 "$DB" 'SELECT at FROM audit ORDER BY seq DESC LIMIT 1')" ;;
esac
# The business date of a step is given, within bounds; its record's
# created_at is still the clock's.
run G case advance "$N" review_filed --on 2027-01-10 --override 测试：本测试只看日期
expect "a step dated 2027-01-10 with --on" 0
[ "$(sqlite3 "$DB" "SELECT on_date || ' ' || substr(created_at, 1, 10) FROM events WHERE case_id = '$E' AND step = 'review_filed'")" = "2027-01-10 2026-11-28" ] &&
	ok "the event is on 2027-01-10, created on the clock's 2026-11-28" ||
	fail "the event's dates" "$(sqlite3 "$DB" "SELECT on_date, created_at FROM events WHERE case_id = '$E'")"
before=$(audit_rows)
run env GRADUS_TODAY=2099-01-01 "$GRADUS" --db "$DB" case advance "$N" review_passed
expect "a step that would default to 2099-01-01 is refused" 2 "--on (by default --today or GRADUS_TODAY): 2099-01-01 is outside the dates gradus takes, 2015-01-01 to"
[ "$(audit_rows)" = "$before" ] && ok "and writes nothing" || fail "audit rows" "$before -> $(audit_rows)"

# The sweep at the system date still cancels what has lapsed: a second
# certification, with no review filed, on the clock's 2027-03-01 (the day
# after its last valid day, 2027-02-28).
L=$(G case add --enterprise 襄阳时钟测试有限公司 --uscc 91420100MA4K12345K --region xiangyang --level excellent \
	--year 2024 --certified-on 2024-02-29 2>/dev/null)
run at_clock 2027-02-28 G case list
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$L'")" = certified ] && ok "on the clock's 2027-02-28, its last valid day, it is still certified" ||
	fail "cancelled early"
run at_clock 2027-03-01 env GRADUS_TODAY=2026-01-01 "$GRADUS" --db "$DB" case list
expect "on the clock's 2027-03-01, whatever GRADUS_TODAY says" 0 "1 certification expired with no review filed and was cancelled"
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$L'")" = cancelled ] && ok "the lapsed certification is cancelled" ||
	fail "not cancelled" "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$L'")"
[ "$(sqlite3 "$DB" "SELECT actor || ' ' || on_date || ' ' || substr(created_at, 1, 10) FROM events WHERE case_id = '$L' AND kind = 'cancelled'")" = "system 2027-03-01 2027-03-01" ] &&
	ok "by the system, on the day it lapsed, stamped by the clock" ||
	fail "the cancellation" "$(sqlite3 "$DB" "SELECT actor, on_date, created_at FROM events WHERE case_id = '$L'")"
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$E'")" = review_filed ] && ok "the one whose review was filed is not" ||
	fail "review filed, cancelled" "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$E'")"
run G verify
expect "verify passes" 0 "ok"

# Dates no record can carry, by every path.
before=$(audit_rows)
run G case add --enterprise 永不过期有限公司 --uscc 91420200MA0DX6QEY5 --region huangshi --level basic --year 2026 \
	--certified-on 9999-12-31
expect "--certified-on 9999-12-31 is refused, naming the option and the range" 2 \
	"--certified-on: 9999-12-31 is outside the dates gradus takes, 2015-01-01 to"
run G case add --enterprise 永不过期有限公司 --uscc 91420200MA0DX6QEY5 --region huangshi --level basic --year 2026 \
	--certified-on 2014-12-31
expect "--certified-on 2014-12-31 is refused" 2 "2014-12-31 is outside the dates gradus takes"
printf 'enterprise,uscc,region,level,year,certified_on\n永不过期有限公司,91420200MA0DX6QEY5,huangshi,excellent,2026,9999-12-31\n' >"$WORK/never.csv"
run G import cases "$WORK/never.csv"
expect "an import with certified_on 9999-12-31 is refused at its line" 1 "never.csv: row 2, column F (certified_on): '9999-12-31': 9999-12-31 is outside"
S=$(sqlite3 "$DB" "SELECT number FROM cases WHERE state = 'draft' LIMIT 1")
run G case advance "$S" submit --on 9999-12-31
expect "case advance --on 9999-12-31 is refused" 2 "--on: 9999-12-31 is outside"
run G case material "$S" application --received 2099-01-01
expect "case material --received 2099-01-01 is refused" 2 "--received: 2099-01-01 is outside"
run G case set "$S" commitment_on 9999-12-31
expect "case set commitment_on 9999-12-31 is refused by the store" 1 "cases.commitment_on: 9999-12-31 is outside"
run G check plan "$S" --inspectors li.ming --draw 1 --seed 1 --on 2099-01-01
expect "check plan --on 2099-01-01 is refused" 2 "--on: 2099-01-01 is outside"
[ "$(audit_rows)" = "$before" ] && ok "none of them wrote anything" || fail "audit rows" "$before -> $(audit_rows)"
run env LC_ALL=zh_CN.UTF-8 "$GRADUS" --db "$DB" case advance "$S" submit --on 9999-12-31
expect "the refusal in Chinese" 2 "超出 gradus 接受的日期范围"
# the bound is the clock's today plus ten years
run at_clock 2030-06-01 G case advance "$S" submit --on 2040-05-31 --override 测试：本测试只看日期
expect "on the clock's 2030-06-01, a step on 2040-05-31 is taken" 0

# The full screen as of a date: a material ticked is received on that date
# (the business date), its audit row stamped by the clock.
T=$WORK/tui.db
"$GRADUS" --db "$T" init --demo >/dev/null
# the demo's application arrived whole: its first material is made missing
"$GRADUS" --db "$T" case material HB-2024-EXC-0001 application_form --missing >/dev/null
printf 'jjjjjj<Enter>\n<Tab>\nx\nq\nq\n' >"$WORK/tick.script"
run env GRADUS_TODAY=2026-11-20 "$GRADUS" --db "$T" --script "$WORK/tick.script"
expect "a material ticked on the screen as of 2026-11-20" 0
run "$GRADUS" --db "$T" case show HB-2024-EXC-0001 --format json
expect "is received on 2026-11-20" 0 '{"key": "application_form", "name": "申报书", "received_on": "2026-11-20"}'
[ "$(sqlite3 "$T" "SELECT substr(at, 1, 10) FROM audit_fields WHERE field = 'received_on' ORDER BY seq DESC LIMIT 1")" = 2026-11-28 ] &&
	ok "and stamped by the clock's 2026-11-28" ||
	fail "the material's stamp" "$(sqlite3 "$T" "SELECT at, new FROM audit_fields WHERE field = 'received_on' ORDER BY seq DESC LIMIT 1")"
