# Migration 26 (issue 18, storage): the scenarios a case declares become its
# field cases.scenarios ("1,5,12"), not a row each with an id, an audit record
# and three indexes. A database of schema 25 opens migrated: every case keeps
# its scenarios, the list's filters and the counts read the same, log keeps
# the rows' whole history and shows the move, verify passes and holds the
# moved values to their records, and an import after it is not stopped by the
# move.
#
# data/demo-v25.sql was made once by gradus at commit b2df40d (schema 25)
# with the tests' clock: gradus init --demo; gradus import cases of the sheet
# below (two cases with scenarios: batch 1); then sqlite3 .dump with PRAGMA
# user_version = 25 put first. data/demo-v25-BAS-0001.log and
# data/demo-v25-BAS-0006.log are that gradus's "gradus log" of a demo case and
# of an imported one.
. "$(dirname "$0")/../lib.sh"
DATA=$TOP/tests/cli/data
DB=$WORK/v25.db
G() { "$GRADUS" --db "$DB" "$@"; }
sqlite3 "$DB" <"$DATA/demo-v25.sql" || fail "the schema 25 database"
cat >"$WORK/sheet.csv" <<'EOF'
企业名称,统一社会信用代码,地区,级别,年度,场景,备注
咸宁家居有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,"1,2",导入
荆州装备有限公司,91421000MAGEEUF318,荆州市,基础级,2026,3；7；12,导入
EOF

# What the rows declared, before.
sqlite3 "$DB" "SELECT c.number, (SELECT group_concat(scenario, ',') FROM (SELECT scenario FROM case_scenarios s
	WHERE s.case_id = c.id ORDER BY scenario)) FROM cases c ORDER BY c.number" >"$WORK/want-fields"
sqlite3 "$DB" "SELECT c.number, s.scenario FROM case_scenarios s JOIN cases c ON c.id = s.case_id ORDER BY 1, 2" \
	>"$WORK/want-pairs"
sqlite3 "$DB" "SELECT 'scenario', scenario, n FROM scenario_counts WHERE n > 0 ORDER BY 2;
	SELECT 'stage', stage, n FROM stage_counts WHERE n > 0 ORDER BY 2" >"$WORK/want-counts"
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM case_scenarios")
CASES=$(sqlite3 "$DB" "SELECT count(DISTINCT case_id) FROM case_scenarios")
RECORDS=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
[ "$ROWS" -gt 100 ] && [ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 25 ] &&
	ok "the schema 25 database declares its scenarios in rows" || fail "rows" "$ROWS"

# Opened, it is migrated: each row deleted and each case updated, through the audit.
run G verify
expect "the migrated database passes verify" 0 "ok, $((RECORDS + ROWS + CASES)) audit records"
"$GRADUS" --db "$WORK/fresh.db" init >/dev/null || fail "a fresh database"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = "$(sqlite3 "$WORK/fresh.db" 'PRAGMA user_version')" ] &&
	ok "at the latest schema" || fail "version" "$(sqlite3 "$DB" 'PRAGMA user_version')"
sqlite3 "$DB" "SELECT number, scenarios FROM cases ORDER BY number" >"$WORK/got-fields"
expect_same "each case's field holds the scenarios its rows declared" "$WORK/want-fields" "$WORK/got-fields"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM case_scenarios")" = 0 ] && ok "no scenario row is left" ||
	fail "rows left" "$(sqlite3 "$DB" "SELECT count(*) FROM case_scenarios")"
sqlite3 "$DB" "SELECT c.number, s.scenario FROM scenario_cases s JOIN cases c ON c.id = s.case_id ORDER BY 1, 2" \
	>"$WORK/got-pairs"
expect_same "the list's filters read the same scenarios of the same cases" "$WORK/want-pairs" "$WORK/got-pairs"
sqlite3 "$DB" "SELECT 'scenario', scenario, n FROM scenario_counts WHERE n > 0 ORDER BY 2;
	SELECT 'stage', stage, n FROM stage_counts WHERE n > 0 ORDER BY 2" >"$WORK/got-counts"
expect_same "the dashboard's and the stages' counts are the same" "$WORK/want-counts" "$WORK/got-counts"

# log: every line the schema 25 gradus printed, then the move.
for n in 0001 0006; do
	G log "HB-2026-BAS-$n" | cut -f2- >"$WORK/got-$n.log"
	cut -f2- "$DATA/demo-v25-BAS-$n.log" >"$WORK/want-$n.log"
	grep -vxFf "$WORK/got-$n.log" "$WORK/want-$n.log" >"$WORK/lost-$n.log"
	[ -s "$WORK/want-$n.log" ] && [ ! -s "$WORK/lost-$n.log" ] && ok "HB-2026-BAS-$n: the log keeps its whole history" ||
		fail "HB-2026-BAS-$n: lines lost" "$(cat "$WORK/lost-$n.log")"
	field=$(sqlite3 "$DB" "SELECT scenarios FROM cases WHERE number = 'HB-2026-BAS-$n'")
	grep -vxFf "$WORK/want-$n.log" "$WORK/got-$n.log" | cut -f3-5 >"$WORK/moved-$n.log"
	[ "$(grep -c '^case_scenarios\.scenario	[0-9]*	∅$' "$WORK/moved-$n.log")" = "$(echo "$field" | tr , '\n' | wc -l)" ] &&
		[ "$(grep -v '^case_scenarios\.' "$WORK/moved-$n.log")" = "cases.scenarios	∅	$field" ] &&
		ok "HB-2026-BAS-$n: then the move, a row deleted a scenario and the field set" ||
		fail "HB-2026-BAS-$n: the move" "$(cat "$WORK/moved-$n.log")"
done

# verify holds the moved records to the rows.
CASE1=HB-2026-BAS-0001
cp "$DB" "$WORK/t1.db"
sqlite3 "$WORK/t1.db" "UPDATE cases SET scenarios = '1,4' WHERE number = '$CASE1'"
run "$GRADUS" --db "$WORK/t1.db" verify
expect "the field changed outside gradus: verify names it" 1 "field scenarios holds \"1,4\" but audit row"
cp "$DB" "$WORK/t2.db"
SEQ=$(sqlite3 "$DB" "SELECT min(seq) FROM audit WHERE op = 2 AND seq > $RECORDS")
sqlite3 "$WORK/t2.db" "UPDATE audit SET change = json_set(change, '\$.scenario[0]', '39') WHERE seq = $SEQ"
run "$GRADUS" --db "$WORK/t2.db" verify
expect "a moved row's record changed: verify names it" 1 "audit chain broken at record $SEQ (case_scenarios"
cp "$DB" "$WORK/t3.db"
sqlite3 "$WORK/t3.db" "DELETE FROM scenario_cases WHERE scenario = 4 AND case_id =
	(SELECT id FROM cases WHERE number = '$CASE1')"
run "$GRADUS" --db "$WORK/t3.db" verify
expect "a scenario the filters lost: verify names it" 1 "case $CASE1: scenario 4 is declared but not kept in scenario_cases"

# The import made before the migration cannot be undone: its rows were moved since.
before=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
run G import undo 1
expect "an import before the move is not undone" 1 "import batch 1 cannot be undone: later work touched HB-2026-BAS-0006 (its scenarios moved into one field by $ME at 2026-11-28T12:00:00Z); HB-2026-ADV-0006 (its scenarios moved into one field by $ME"
printf '%s\n' "$ERR" | grep -q "case_scenarios" && fail "the refusal names each moved row" "$ERR" ||
	ok "the refusal names each case once, not each moved row"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit")" = "$before" ] && ok "the refused undo wrote nothing" ||
	fail "the refused undo wrote"

# An import after the migration: the move is no one's change of the field.
sed 's/3；7；12/3；7/' "$WORK/sheet.csv" >"$WORK/changed.csv"
run G import cases "$WORK/changed.csv"
expect "the sheet changes the scenarios it changed" 0 "cases: 0 new, 1 unchanged, 1 changed"
[ "$(sqlite3 "$DB" "SELECT scenarios FROM cases WHERE number = 'HB-2026-BAS-0006'")" = "3,7" ] &&
	! printf "%s\n%s\n" "$OUT" "$ERR" | grep -q "left as it is" && ok "the move is not taken for a change by hand" ||
	fail "the import after the move" "$OUT" "$ERR"
run G verify
expect "and the chain goes on" 0 "ok"
