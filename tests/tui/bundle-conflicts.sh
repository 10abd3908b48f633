# A person settles a bundle's conflict in the TUI: the note of a case was
# changed at the office and in the bundle; C lists it with both values, b
# writes the bundle's and it leaves the list.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2024-EXC-0001
G bundle out --cases "$CASE" -o "$WORK/visit.db" >/dev/null || fail "bundle out"
"$GRADUS" --db "$WORK/visit.db" case set "$CASE" note '现场备注 X' || fail "note in the bundle"
G case set "$CASE" note '办公室备注 Y' || fail "note in the office"
G bundle in "$WORK/visit.db" >/dev/null || fail "bundle in"
cd "$WORK" || exit 1
run G --script "$TOP/tests/tui/bundle-conflicts.script"
expect "the conflicts script runs to its end" 0
grep -q "case $CASE  *Note  *办公室备注 Y  *现场备注 X" conflicts-open.screen &&
	ok "C lists the conflict: the record, the field, both values" || fail "conflict listed" "$(cat conflicts-open.screen)"
grep -q "No open conflict" conflicts-settled.screen && ok "b settles it: the list is empty" ||
	fail "settled" "$(cat conflicts-settled.screen)"
grep -q "The bundle's value is written" conflicts-settled.screen && ok "and says what it did" ||
	fail "message" "$(tail -2 conflicts-settled.screen)"
[ "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = '$CASE'")" = '现场备注 X' ] && ok "the note is the bundle's" ||
	fail "note" "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = '$CASE'")"
run G verify
expect "the office verifies" 0 "ok,"
