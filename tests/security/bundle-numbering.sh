# Numbers made offline never collide: a check planned in a bundle and one
# planned at the office for the same case both land, with distinct
# numbers; the bundle's check takes the office's next number at apply time
# and its offline number still finds it.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
B=$WORK/visit.db
G bundle out --cases "$CASE" --inspector "$ME" -o "$B" >/dev/null || fail "bundle out"
run "$GRADUS" --db "$B" check plan "$CASE" --inspectors "$ME" --draw 1 --seed 3
expect "a check is planned in the bundle" 0
OFFLINE=$OUT
printf '%s' "$OFFLINE" | grep -qE "^$CASE-C1-[0-9A-F]{4}$" && ok "numbered offline with the bundle's mark ($OFFLINE)" ||
	fail "offline number" "$OFFLINE"
"$GRADUS" --db "$B" check answer "$OFFLINE" 4 1 yes >/dev/null 2>&1 ||
	"$GRADUS" --db "$B" check answer "$OFFLINE" "$(q "$B" "SELECT scenario FROM check_scenarios LIMIT 1")" 1 yes >/dev/null ||
	fail "an answer in the bundle's check"
run G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 4
expect "meanwhile a check is planned at the office" 0 "$CASE-C1"
run G bundle in "$B"
expect "bundle in applies" 0 "applied"
printf '%s\n' "$OUT" | grep -q "refused" && fail "nothing is refused" "$OUT" || ok "nothing is refused"
[ "$(q "$DB" "SELECT group_concat(number, ' ') FROM (SELECT c.number FROM checks c JOIN cases k ON k.id = c.case_id WHERE k.number = '$CASE' ORDER BY c.number)")" = "$CASE-C1 $CASE-C2" ] &&
	ok "both checks exist, numbered -C1 and -C2" ||
	fail "numbers" "$(q "$DB" "SELECT number, offline_number FROM checks")"
[ "$(q "$DB" "SELECT offline_number FROM checks WHERE number = '$CASE-C2'")" = "$OFFLINE" ] &&
	ok "the bundle's check keeps its offline number" || fail "offline number kept"
run G check show "$OFFLINE"
expect "the offline number finds the renumbered check" 0 "$CASE-C2"
expect_line "the renumbered check shows its office number" "$(printf 'number\t%s' "$CASE-C2")"
run G check show "$CASE-C1"
expect_line "the office's own check keeps its number" "$(printf 'number\t%s' "$CASE-C1")"
run G verify
expect "the office verifies" 0 "ok,"
# A second bundle planning a check for the same case lands as -C3.
G bundle out --cases "$CASE" --inspector "$ME" -o "$WORK/visit2.db" >/dev/null
"$GRADUS" --db "$WORK/visit2.db" check plan "$CASE" --inspectors "$ME" --draw 1 --seed 5 >/dev/null || fail "plan in the second bundle"
run G bundle in "$WORK/visit2.db"
expect "the second bundle applies" 0 "applied"
[ "$(q "$DB" "SELECT count(DISTINCT c.number) FROM checks c JOIN cases k ON k.id = c.case_id WHERE k.number = '$CASE'")" = 3 ] &&
	ok "three checks, three numbers" || fail "three checks" "$(q "$DB" "SELECT number FROM checks")"
