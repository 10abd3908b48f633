# A signed check does not change through an ordinary bundle, no tampering:
# an inspector answers in the bundle (a "no", a finding, a file) while the
# check is signed at the office; on apply the signed answers, the score and
# the findings stay as signed and the bundle's answers are conflicts with
# their reason; picking the bundle's value is refused (an amendment is the
# way); verify passes.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
S=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 7) || fail "a check"
B=$WORK/visit.db
G bundle out --cases "$CASE" --inspector "$ME" -o "$B" >/dev/null || fail "bundle out"
scen=$(q "$DB" "SELECT scenario FROM check_scenarios s JOIN checks k ON k.id = s.check_id WHERE k.number = '$S'")
"$GRADUS" --db "$B" check answer "$S" "$scen" 1 no --note '现场：未覆盖' >/dev/null || fail "a no in the bundle"
printf 'x' >"$WORK/note.txt"
"$GRADUS" --db "$B" check attach "$S" "$scen" 1 "$WORK/note.txt" >/dev/null || fail "a file in the bundle"
answer_all "$DB" "$S" || fail "answered at the office"
run G check sign "$S"
expect "the check is signed at the office" 0
HASH=$OUT
show() { G check show "$S" | grep -v '^signature'; }
show >"$WORK/signed"
findings=$(q "$DB" "SELECT count(*) FROM findings")

run G bundle in "$B"
expect "the bundle applies" 0 "changes refused"
printf '%s\n' "$OUT" | grep -qF "check $S is signed at the office" && ok "the refusal names the signed check" ||
	fail "refusal" "$OUT"
show >"$WORK/after"
expect_same "the signed check, its answers and score, as signed" "$WORK/signed" "$WORK/after"
[ "$(q "$DB" "SELECT count(*) FROM findings")" = "$findings" ] && ok "no finding opens" || fail "a finding opened"
[ "$(q "$DB" "SELECT status FROM checks WHERE number = '$S'")" = signed ] && ok "the check is still signed" || fail "status"
[ "$(q "$DB" "SELECT hash FROM signatures s JOIN checks k ON k.id = s.check_id WHERE k.number = '$S'")" = "$HASH" ] &&
	ok "its signature as it was" || fail "signature"
run G conflicts
printf '%s\n' "$OUT" | grep -q "	answers	.*value=no.*is signed at the office" &&
	ok "the bundle's answer is a conflict with its reason" || fail "conflict listed" "$OUT"
id=$(printf '%s\n' "$OUT" | grep "	answers	" | head -1 | cut -f1)
run G conflicts resolve "$id" bundle
expect "the bundle's value cannot be picked" 1 "cannot be taken"
show >"$WORK/after2"
expect_same "still as signed" "$WORK/signed" "$WORK/after2"
run G conflicts resolve "$id" office
expect "the office's value is kept" 0
run G verify
expect "the office verifies" 0 "ok,"

# The same item changed on both sides before any signature is an ordinary
# conflict; signed afterwards, the bundle's value cannot be picked either.
T=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 7) || fail "a second check"
G bundle out --cases "$CASE" --inspector "$ME" -o "$WORK/visit2.db" >/dev/null || fail "second bundle"
"$GRADUS" --db "$WORK/visit2.db" check answer "$T" "$scen" 1 no --note 现场 >/dev/null || fail "a no in the second bundle"
answer_all "$DB" "$T" || fail "answered at the office"
run G bundle in "$WORK/visit2.db"
expect "the second bundle applies" 0 "2 conflicts"
G check sign "$T" >/dev/null || fail "signed after"
id=$(G conflicts | grep "	answers	" | grep -v "signed at the office" | head -1 | cut -f1)
run G conflicts resolve "$id" bundle
expect "a conflict on a check signed since is not settled with the bundle's value" 1 "is signed"
run G verify
expect "the office verifies at the end" 0 "ok,"
