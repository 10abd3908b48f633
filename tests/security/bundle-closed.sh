# A case closed at the office (its certification cancelled) while a
# laptop still holds it: the bundle's change to the case is one the write
# path refuses on every path; at apply it is kept as a conflict with the
# reason, the rest of the bundle applies, nothing is counted as written.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
C=HB-2023-ADV-0001
B=$WORK/visit.db
G bundle out --cases "$C" -o "$B" >/dev/null || fail "bundle out"
G case advance "$C" cancelled --note 动态管理 >/dev/null || fail "cancelled at the office"
"$GRADUS" --db "$B" case set "$C" note "现场记录" >/dev/null || fail "a note in the bundle"
before=$(q "$DB" "SELECT count(*) FROM audit WHERE tbl = 'cases'")
run G bundle in "$B"
expect "the bundle applies" 0 "0 fields written"
printf '%s\n' "$OUT" | grep -q "note	现场记录	case $C is closed" && ok "the refusal names the closed case" ||
	fail "the refusal" "$OUT"
[ "$(q "$DB" "SELECT count(*) FROM audit WHERE tbl = 'cases'")" = "$before" ] && ok "no audit row for the case" ||
	fail "the case was written"
[ "$(q "$DB" "SELECT ifnull(note, '') FROM cases WHERE number = '$C'")" != 现场记录 ] && ok "the closed case's note as it was" ||
	fail "the note changed"
run G conflicts
printf '%s\n' "$OUT" | grep -q "	cases	$C	note	.*现场记录.*is closed" && ok "conflicts lists it with the reason" ||
	fail "conflicts" "$OUT"
# On the screen: C opens the conflicts; the reason is a column from 100 columns.
printf 'C\n:save-screen %s\nQ\n' "$WORK/conflicts.screen" >"$WORK/conflicts.script"
run G --script "$WORK/conflicts.script" --size 140x24
expect "the conflicts screen opens" 0
grep -q "Reason" "$WORK/conflicts.screen" && grep -q "现场记录 *case $C is clos" "$WORK/conflicts.screen" &&
	ok "the screen shows the bundle's value and why it was refused" || fail "the screen" "$(cat "$WORK/conflicts.screen")"
run G verify
expect "the office verifies" 0 "ok,"
