# Validity as the Civil Code counts it (arts. 201-202): a certification is
# valid through the corresponding day three years on (有效期至; 29 Feb ->
# 28 Feb) and lapses the day after; the review is due 3 months before that day.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
# AT DAY ARGS: gradus with the system clock at DAY and DAY as today
AT() { local day=$1; shift; at_clock "$day" env GRADUS_TODAY="$day" "$GRADUS" --db "$DB" "$@"; }
if ! has_clock; then
	ok "validity by the clock # SKIP no libfaketime (apt-get install faketime)"
	exit 0
fi

C=$(G case add --enterprise 武汉有效期测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan --level excellent \
	--year 2024 --certified-on 2024-07-24 2>/dev/null)
F=$(G case add --enterprise 襄阳闰日测试有限公司 --uscc 91420100MA4K12345K --region xiangyang --level excellent \
	--year 2024 --certified-on 2024-02-29 2>/dev/null)
[ -n "$C" ] && [ -n "$F" ] && ok "two certifications entered" || fail "case add" "$C $F"

run G case show "$C"
expect_line "certified 2024-07-24: expires_on is the last valid day" "$(printf 'expires_on\t2027-07-24')"
expect_line "shown as valid through 2027-07-24" "$(printf 'validity\tvalid through 2027-07-24')"
expect_line "review due 3 months before that day" "$(printf 'review_due_by\t2027-04-24')"
run env LANGUAGE=zh_CN LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 "$GRADUS" --db "$DB" case show "$C"
expect_line "in Chinese: 有效期至 2027-07-24" "$(printf 'validity\t有效期至 2027-07-24')"
run G dates --level excellent --certified 2024-07-24
expect_line "dates: the day it lapses" "$(printf 'lapses_on\t2027-07-25')"

# 29 Feb: valid through 28 Feb three years on, lapsed on 1 Mar.
run G case show "$F"
expect_line "certified 2024-02-29: valid through 2027-02-28" "$(printf 'validity\tvalid through 2027-02-28')"
run AT 2027-02-28 case show "$F"
expect_line "valid on 2027-02-28" "$(printf 'valid_today\tyes')"
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$F'")" = certified ] && ok "not swept on 2027-02-28" || fail "swept on 2027-02-28"
run AT 2027-03-01 case show "$F"
expect_line "lapsed by the sweep on 2027-03-01" "$(printf 'status\tcancelled')"
run AT 2027-03-01 case show "$F" --format json
printf '%s\n' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['validity']=='valid through 2027-02-28' and d['valid_today'] is False, d" &&
	ok "json: validity and valid_today" || fail "json validity" "$OUT"

# On its last valid day it is valid, and the sweep leaves it.
run AT 2027-07-24 case show "$C"
expect_line "on 2027-07-24 it is still certified" "$(printf 'status\tcertified')"
expect_line "and valid today" "$(printf 'valid_today\tyes')"
run AT 2027-07-24 dates --level excellent --certified 2024-07-24
expect_line "dates on 2027-07-24: valid today" "$(printf 'valid_today\tyes')"
run AT 2027-07-24 sweep
expect "the sweep on the last valid day cancels nothing of it" 0
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$C'")" = certified ] && ok "certified after the sweep of 2027-07-24" ||
	fail "cancelled on its last valid day" "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$C'")"
run AT 2027-07-25 dates --level excellent --certified 2024-07-24
expect_line "dates on 2027-07-25: no longer valid" "$(printf 'valid_today\tno')"

# The day after, the sweep cancels it, dated the day it lapsed.
run AT 2027-07-25 sweep
expect "the sweep of 2027-07-25" 0 "1 certification cancelled"
[ "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$C'")" = cancelled ] && ok "lapsed by the sweep on 2027-07-25" ||
	fail "not cancelled on 2027-07-25" "$(sqlite3 "$DB" "SELECT state FROM cases WHERE id = '$C'")"
[ "$(sqlite3 "$DB" "SELECT on_date || ' ' || note FROM events WHERE case_id = '$C' AND kind = 'cancelled'")" = \
	"2027-07-25 valid through 2027-07-24, lapsed on 2027-07-25 with no review application filed" ] &&
	ok "the cancellation is dated 2027-07-25 and names the last valid day" ||
	fail "the cancellation" "$(sqlite3 "$DB" "SELECT on_date, note FROM events WHERE case_id = '$C'")"

run G verify
expect "verify passes" 0 "ok"
