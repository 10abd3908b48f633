# A case's scenarios from a bundle (migration 26): the bundle's case declares
# them in its field, and its filters read them; changesets forged with the
# source code that write the retired table case_scenarios, or the field
# (which an inspector does not change), are refused with their reason and
# kept as conflicts; the office's cases, the scenarios its filters and
# counts read and the audit do not move; verify passes.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
B=$WORK/visit.db
visit_bundle "$B"
CASE_ID=$(q "$B" "SELECT id FROM cases")
scenarios=$(q "$DB" "SELECT scenarios FROM cases WHERE number = '$CASE'")
[ -n "$scenarios" ] && [ "$(q "$B" "SELECT scenarios FROM cases")" = "$scenarios" ] &&
	[ "$(q "$B" "SELECT group_concat(scenario, ',') FROM (SELECT scenario FROM scenario_cases ORDER BY scenario)")" = "$scenarios" ] &&
	ok "the bundle's case declares its scenarios, and its filters read them" || fail "the bundle's scenarios"
office_state >"$WORK/before"
kept() { q "$DB" "SELECT case_id, scenario FROM scenario_cases ORDER BY 1, 2; SELECT * FROM scenario_counts; SELECT * FROM stage_counts"; }
kept >"$WORK/kept-before"

F() { "$FORGE" "$B" --actor insp1 --sql "$1" || fail "forged: $1"; }
F "INSERT INTO case_scenarios VALUES ($NEW_ID, '$CASE_ID', 40)"
F "UPDATE cases SET scenarios = '40,1,3'"
run G bundle in "$B"
expect "bundle in applies what the office allows" 0 "2 changes refused"
for reason in "case_scenarios are not taken from a bundle" "scenarios of cases is not taken from a bundle"; do
	printf '%s\n' "$OUT" | grep -qF -- "$reason" && ok "bundle in prints the refusal: $reason" ||
		fail "refusal printed: $reason" "$OUT"
done
[ "$(q "$DB" "SELECT scenarios FROM cases WHERE number = '$CASE'")" = "$scenarios" ] && ok "the case's scenarios stay" ||
	fail "the case's scenarios" "$(q "$DB" "SELECT scenarios FROM cases WHERE number = '$CASE'")"
kept >"$WORK/kept-after"
expect_same "the scenarios the filters and the counts read stay" "$WORK/kept-before" "$WORK/kept-after"
[ "$(q "$DB" "SELECT count(*) FROM case_scenarios")" = 0 ] && ok "the retired table stays empty" || fail "case_scenarios written"
office_state >"$WORK/after"
expect_same "cases and their audit as they were" "$WORK/before" "$WORK/after"
run G verify
expect "the office verifies" 0 "ok,"
