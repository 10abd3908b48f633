# A bundle cannot do what the office's rules forbid: each change is
# authorised again at the office, with the roles the office holds now.
# An inspector who gives herself admin in the bundle's users table, adds a
# user, renames an enterprise and takes a submit step; a laptop login with
# the office admin's name; changesets forged with the source code (a case
# outside the bundle certified, an event inserted, a signature deleted); a
# clerk's round trip to admin. Each is refused and kept as a conflict with
# its reason; the office's users, cases, enterprises and events and their
# audit do not move; what is allowed applies; verify passes.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
OTHER=HB-2025-LEA-0002
G user add clerk1 clerk >/dev/null
B=$WORK/visit.db
visit_bundle "$B"
CHECK=$(q "$B" "SELECT id FROM checks")
office_state >"$WORK/before"
events=$(q "$DB" "SELECT count(*) FROM events")

# The inspector, with the sqlite3 shell and the source code, one change at a time.
F() { "$FORGE" "$B" --actor insp1 --sql "$1" || fail "forged: $1"; }
F "UPDATE users SET role = 'admin' WHERE login = 'insp1'"
F "INSERT INTO users VALUES ($NEW_ID, 'extra', 'admin', NULL, $NOW)"
F "UPDATE enterprises SET name = '改名有限公司'"
F "INSERT INTO events SELECT $NEW_ID, id, 'submit', state, 'submitted', NULL, 'insp1', '2026-11-28', NULL, $NOW, NULL, NULL, NULL FROM cases;
   UPDATE cases SET state = 'submitted'"
F "UPDATE users SET role = 'inspector' WHERE login = 'insp1'"
F "INSERT INTO answers VALUES ($NEW_ID, '$CHECK', 21, 1, 'yes', '现场确认', 'insp1', $NOW)"

run G bundle in "$B"
expect "bundle in applies what the office allows" 0 "changes refused"
for reason in "users are not taken from a bundle" "enterprises are not taken from a bundle" \
	"events are not taken from a bundle" "state of cases is not taken from a bundle"; do
	printf '%s\n' "$OUT" | grep -qF -- "$reason" && ok "bundle in prints the refusal: $reason" ||
		fail "refusal printed: $reason" "$OUT"
done
[ "$(q "$DB" "SELECT role FROM users WHERE login = 'insp1'")" = inspector ] && ok "insp1 is still an inspector" ||
	fail "insp1's role"
[ "$(q "$DB" "SELECT count(*) FROM users WHERE login = 'extra'")" = 0 ] && ok "no user 'extra'" || fail "user extra added"
[ "$(q "$DB" "SELECT count(*) FROM events")" = "$events" ] && ok "no event added" || fail "events"
office_state >"$WORK/after"
expect_same "users, cases, enterprises, events and their audit as they were" "$WORK/before" "$WORK/after"
run G check show "$CASE-C1"
expect_line "the inspector's answer applies" "$(printf 'answer\t21\t1\tyes\t现场确认\tinsp1')"
run G conflicts
n=$(printf '%s\n' "$OUT" | grep -c "taken from a bundle")
[ "$n" -ge 5 ] && ok "conflicts lists each refused change with its reason ($n)" || fail "conflicts" "$OUT"
id=$(printf '%s\n' "$OUT" | grep "	users	" | head -1 | cut -f1)
run G conflicts resolve "$id" bundle
expect "the bundle's value of a refused change cannot be picked" 1 "a change the office refused"
run G conflicts resolve "$id" office
expect "keeping the office's value settles it" 0
run G verify
expect "the office verifies" 0 "ok,"

# A signed check in the bundle (signed at the office before it was cut).
S=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 7)
answer_all "$DB" "$S" && G check sign "$S" >/dev/null || fail "a check signed at the office"
B2=$WORK/visit2.db
G bundle out --cases "$CASE" --inspector insp1 -o "$B2" >/dev/null || fail "a second bundle"
office_state >"$WORK/before"
signed_before=$(q "$DB" "SELECT group_concat(value || '|' || coalesce(note, ''), ',') FROM answers a JOIN checks k ON k.id = a.check_id WHERE k.number = '$S'")
# What only the source code makes possible: a case not in the bundle (its
# office row copied in by one recorded change), certified and its note set
# by others; an event for it; a signed answer changed; the signature deleted.
other_row=$(sqlite3 -cmd ".mode insert cases" "$DB" "SELECT * FROM cases WHERE number = '$OTHER'")
other_id=$(q "$DB" "SELECT id FROM cases WHERE number = '$OTHER'")
"$FORGE" "$B2" --actor insp1 --sql "$other_row" &&
	"$FORGE" "$B2" --actor insp1 --sql "UPDATE cases SET state = 'certified', certified_by = 'insp1', expires_on = '2099-12-31' WHERE number = '$OTHER'" &&
	"$FORGE" "$B2" --actor insp1 --sql "UPDATE cases SET note = '伪造' WHERE number = '$OTHER'" ||
	fail "forged: a case outside the bundle certified"
"$FORGE" "$B2" --actor insp1 --sql "INSERT INTO events VALUES ($NEW_ID, '$other_id', 'certify', 'recommended', 'certified', NULL, 'insp1', '2026-11-28', NULL, $NOW, NULL, NULL, NULL)" ||
	fail "forged: an event for another case"
"$FORGE" "$B2" --actor insp1 --sql "UPDATE answers SET value = 'no' WHERE check_id = (SELECT id FROM checks WHERE number = '$S') AND value = 'yes'" ||
	fail "forged: a signed answer changed"
"$FORGE" "$B2" --actor insp1 --sql "DELETE FROM signatures" || fail "forged: the signature deleted"
# The laptop's login has the office admin's name: plain gradus, no tools.
"$GRADUS" --db "$B2" user add extra2 admin >/dev/null 2>"$WORK/setup.err" || fail "the admin's name adds a user in the bundle" "$(cat "$WORK/setup.err")"
"$GRADUS" --db "$B2" case set "$CASE" note '管理员名字' >/dev/null 2>"$WORK/setup.err" || fail "the admin's name sets a note in the bundle" "$(cat "$WORK/setup.err")"

run G bundle in "$B2"
expect "the forged bundle is applied as far as the office allows" 0 "changes refused"
for reason in "made by $ME, not by whom the office issued the bundle to (insp1)" \
	"cases are not taken from a bundle" "state of cases is not taken from a bundle" \
	"not of a case this bundle was issued for" \
	"events are not taken from a bundle" "check $S is signed at the office" \
	"a signature is never changed or removed by a bundle"; do
	printf '%s\n' "$OUT" | grep -qF -- "$reason" && ok "bundle in prints the refusal: $reason" ||
		fail "refusal printed: $reason" "$OUT"
done
[ "$(q "$DB" "SELECT group_concat(value || '|' || coalesce(note, ''), ',') FROM answers a JOIN checks k ON k.id = a.check_id WHERE k.number = '$S'")" = "$signed_before" ] &&
	ok "the signed answers are as signed" || fail "signed answers changed"
[ "$(q "$DB" "SELECT count(*) FROM signatures s JOIN checks k ON k.id = s.check_id WHERE k.number = '$S'")" = 1 ] &&
	ok "the signature stays" || fail "signature deleted"
[ "$(q "$DB" "SELECT status FROM checks WHERE number = '$S'")" = signed ] && ok "the check is still signed" || fail "check status"
office_state >"$WORK/after2"
expect_same "no case, user, event or enterprise moved, nor their audit" "$WORK/before" "$WORK/after2"
run G conflicts
printf '%s\n' "$OUT" | grep -qF "not of a case this bundle was issued for" && ok "conflicts lists the refused changes with their reason" ||
	fail "conflicts reasons" "$OUT"
run G verify
expect "the office verifies" 0 "ok,"

# A clerk's round trip: bundle out, the clerk made admin in the bundle
# (with a helper admin added and removed), bundle in.
C=$WORK/clerk.db
cp "$DB" "$C"
GC() { "$GRADUS" --db "$C" "$@"; }
GC user add boss admin >/dev/null && GC user add "$ME" clerk >/dev/null || fail "this user is a clerk in a copy"
run GC bundle out --cases "$CASE" -o "$WORK/clerk-visit.db"
expect "the clerk writes a bundle" 0 "bundle written"
V=$WORK/clerk-visit.db
"$FORGE" "$V" --actor "$ME" --sql "INSERT INTO users VALUES ($NEW_ID, 'helper', 'admin', NULL, $NOW)" &&
	"$FORGE" "$V" --actor "$ME" --sql "UPDATE users SET role = 'admin' WHERE login = '$ME'" &&
	"$FORGE" "$V" --actor "$ME" --sql "DELETE FROM users WHERE login = 'helper'" || fail "forged: the round trip"
run GC bundle in "$V"
expect "the clerk applies the bundle" 0 "users are not taken from a bundle"
[ "$(q "$C" "SELECT role FROM users WHERE login = '$ME'")" = clerk ] && ok "the clerk is still a clerk" ||
	fail "clerk became $(q "$C" "SELECT role FROM users WHERE login = '$ME'")"
[ "$(q "$C" "SELECT count(*) FROM users WHERE login = 'helper'")" = 0 ] && ok "no helper user" || fail "helper"
run GC verify
expect "the clerk's office verifies" 0 "ok,"
