# Findings from the walk: "no" opens one, F sets the corrective action and
# its due date, V its severity; written at once, shown under the item.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
export XDG_STATE_HOME="$WORK/state"
G() { "$GRADUS" --db "$DB" "$@"; }
C=$(G check plan HB-2024-EXC-0001 --inspectors "$(id -un)" --draw 2 --seed 42)
cd "$WORK" || exit 1
run G --script "$SCRIPTS/walk-finding.script"
expect "the finding script runs to its end" 0
grep -q "Finding (F, V): major · due .* · no corrective action asked yet" finding-opened.screen &&
	ok "\"no\" shows its open finding under the item" || fail "finding shown" "$(cat finding-opened.screen)"
grep -q "Finding (F, V): critical · due 2027-02-28 · 补充碳捕获利用与封存可行性研究" finding-set.screen &&
	ok "F sets the action and due date, V raises the severity, shown at once" || fail "finding set" "$(cat finding-set.screen)"
grep -q "No open finding here" finding-none.screen && ok "F on an item without a finding says so" ||
	fail "no finding" "$(tail -3 finding-none.screen)"
run G check show "$C"
printf '%s\n' "$OUT" | grep -qP "^finding\t[0-9a-f]{32}\t17\t3\tcritical\topen\t2027-02-28\t补充碳捕获利用与封存可行性研究\t$" &&
	ok "the finding is in the database as set" || fail "finding in the database" "$(printf '%s\n' "$OUT" | grep finding)"
