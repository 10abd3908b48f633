# The scenarios a case declares, set from the command line as the intake
# form sets them (migration 26: one field of the case): the whole set in one
# audited change, any order or repetition taken as the set; --expect the set
# the user last saw, refused naming the current one when another user changed
# it; a number the forms lack or text that is no number refused, nothing
# written; an empty value declares none. The dashboard's counts follow.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
C=HB-2026-BAS-0001
field() { sqlite3 "$DB" "SELECT coalesce(scenarios, '-') FROM cases WHERE number = '$C'"; }
count_of() { G summary | awk -F'\t' -v s="$1" '$1 == "scenario" && $2 == s { print $4 }'; }
was=$(field)
[ "$was" = "1,4,9,12,27" ] && ok "the demo case declares 1,4,9,12,27" || fail "the demo's scenarios" "$was"
n40=$(count_of 40)
records=$(sqlite3 "$DB" "SELECT count(*) FROM audit")

run G case set "$C" scenarios 40,4,1,4 --expect "$was"
expect "a new set, in any order" 0
[ "$(field)" = "1,4,40" ] && ok "kept in ascending order, each once" || fail "the set" "$(field)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit")" = "$((records + 1))" ] &&
	[ "$(sqlite3 "$DB" "SELECT old || ' > ' || new FROM audit_fields WHERE field = 'scenarios' ORDER BY seq DESC LIMIT 1")" = "1,4,9,12,27 > 1,4,40" ] &&
	ok "one audit record: the old set and the new" || fail "the audit" "$(sqlite3 "$DB" "SELECT * FROM audit_fields ORDER BY seq DESC LIMIT 2")"
[ "$(count_of 40)" = "$((n40 + 1))" ] && ok "the dashboard counts the case under 40" || fail "scenario 40's count" "$(count_of 40)"

run G case set "$C" scenarios 2 --expect "$was"
expect "a set changed since the user saw it is refused" 1 "they are now 1,4,40; yours were not written"
run G case set "$C" scenarios 41
expect "a scenario the forms lack is refused" 1 "scenario 41: expected 1 to 40"
run G case set "$C" scenarios 1,五
expect "text that is no number is refused" 2 "scenarios 1,五: expected scenario numbers separated by commas"
run G case set "$C" scenarios 1 --expect 1,99
expect "an expected set the forms cannot hold is refused" 2 "--expect 1,99: scenario 99: expected 1 to 40"
[ "$(field)" = "1,4,40" ] && [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit")" = "$((records + 1))" ] &&
	ok "nothing refused was written" || fail "refused writes" "$(field)"

run G case set "$C" scenarios "" --expect 1,4,40
expect "an empty value declares none" 0
[ "$(field)" = "-" ] && [ "$(count_of 40)" = "$n40" ] && ok "none declared, and uncounted" || fail "none" "$(field)"
run G case show "$C"
expect_line "case show lists none" "$(printf 'scenarios\t')"
run G verify
expect "verify passes" 0 "ok,"
