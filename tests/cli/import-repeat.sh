# Imports that can be repeated and undone (issue 16, point 4): a row whose
# credit code, level and year already have a case is matched, not added
# again; identical rows change nothing, a changed cell changes exactly its
# field with an audit row, a field a person changed since its last import is
# kept and named; --dry-run says what would change, field by field, and
# writes nothing; every import is a batch, `import undo` restores the
# database as before it (later imports of the same records first) and
# refuses, changing nothing, when a person worked on those records since.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/repeat.db
G() { "$GRADUS" --db "$DB" "$@"; }
"$GRADUS" --db "$DB" init >/dev/null
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
# contents: every record an import writes, without ids and stamps.
contents() {
	sqlite3 "$DB" "SELECT c.number, e.name, e.credit_code, e.region, e.industry, e.contact, f.name,
		quote(f.address), c.level, c.year, c.state, quote(c.maturity_centi), quote(c.commitment_on),
		quote(c.certified_on), quote(c.note), c.scenarios
		FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
		ORDER BY c.number;
		SELECT code, name, fields, affiliation, quote(region), quote(contact) FROM experts ORDER BY code;
		SELECT 'enterprises', count(*) FROM enterprises; SELECT 'factories', count(*) FROM factories;
		SELECT 'events', count(*) FROM events; SELECT 'search', count(*) FROM case_search;"
}
JI=𠮷
cat >"$WORK/sheet.csv" <<EOF
序号,企业名称,统一社会信用代码,地区,级别,年度,成熟度,承诺日期,场景,认定日期,备注
1,${JI}智造有限公司,91420200MA0DX6QEY5,黄石市,基础级,2026,2.5,2026/3/5,1、5；9,,"他说""好""
第二行"
2,咸宁家居有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,,2026年3月5日,"1,2",,
3,荆州装备有限公司,91421000MAGEEUF318,420100,卓越级,2025,3.1,,,2025/7/24,
EOF
contents >"$WORK/empty"

run G import cases "$WORK/sheet.csv"
expect "the sheet imports as batch 1" 0 "import batch 1"
expect "three cases are new" 0 "cases: 3 new, 0 unchanged, 0 changed"
contents >"$WORK/once"
after_once=$(audit_rows)

run G import cases "$WORK/sheet.csv"
expect "the same sheet again: every row unchanged" 0 "cases: 0 new, 3 unchanged, 0 changed"
expect "the same sheet again writes nothing" 0 "nothing to write"
contents >"$WORK/twice"
expect_same "importing twice leaves the database as after once" "$WORK/once" "$WORK/twice"
[ "$(audit_rows)" = "$after_once" ] && ok "importing twice adds no audit row" || fail "audit rows" "$after_once -> $(audit_rows)"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM import_batches')" = 1 ] && ok "an import that wrote nothing is no batch" ||
	fail "batches" "$(G import batches)"

# One cell changed in the sheet: 恩施州 becomes 武汉市.
sed 's/恩施州/武汉市/' "$WORK/sheet.csv" >"$WORK/changed.csv"
run G import cases "$WORK/changed.csv" --dry-run
expect "--dry-run names the changed field, old and new" 0 "HB-2026-ADV-0001 地区: Enshi Tujia and Miao Autonomous Prefecture -> Wuhan"
expect "--dry-run counts the rows" 0 "cases: 0 new, 2 unchanged, 1 changed"
expect "--dry-run writes nothing" 0 "dry run: nothing written"
[ "$(audit_rows)" = "$after_once" ] && ok "the dry run left the audit as it was" || fail "dry run wrote"
LC_ALL=zh_CN.UTF-8 run G import cases "$WORK/changed.csv" --dry-run
expect "--dry-run in Chinese names the region as the office writes it" 0 "HB-2026-ADV-0001 地区：恩施土家族苗族自治州 -> 武汉市"

run G import cases "$WORK/changed.csv"
expect "the changed sheet changes one case" 0 "cases: 0 new, 2 unchanged, 1 changed"
expect "the changed sheet is batch 2" 0 "import batch 2"
contents >"$WORK/after-change"
diff "$WORK/once" "$WORK/after-change" | grep '^[<>]' >"$WORK/diff.txt"
[ "$(wc -l <"$WORK/diff.txt")" = 2 ] && grep -q '^> HB-2026-ADV-0001|咸宁家居有限公司|91420300MA9H9ETGN0|wuhan|' "$WORK/diff.txt" &&
	ok "exactly the region changed" || fail "what changed" "$(cat "$WORK/diff.txt")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE seq > $after_once AND tbl = 'enterprises'")" = 1 ] &&
	[ "$(sqlite3 "$DB" "SELECT old || '>' || new FROM audit_fields WHERE seq > $after_once AND tbl = 'enterprises'")" = "enshi>wuhan" ] &&
	ok "one audit row records the change" || fail "audit of the change" "$(sqlite3 "$DB" "SELECT tbl, field, old, new FROM audit_fields WHERE seq > $after_once")"

# A person changes a note; the sheet, changed again, is not allowed to undo that.
G case set HB-2026-BAS-0001 note '核查后更正' >/dev/null
sed 's/恩施州/武汉市/; s/他说/她说/' "$WORK/sheet.csv" >"$WORK/conflict.csv"
before=$(audit_rows)
run G import cases "$WORK/conflict.csv"
expect "a field changed by hand since its import is kept" 0 "HB-2026-BAS-0001 备注: kept 核查后更正"
expect "the conflict says who changed it" 0 "since it was last imported; left as it is"
expect "the summary counts the field left as it is" 0 "1 field left as it is"
[ "$(audit_rows)" = "$before" ] && ok "a conflict writes nothing" || fail "conflict wrote"

# Undo: refused while a person's work touches a record of the batch.
before=$(audit_rows)
run G import undo 1
expect "undo is refused after a person's change" 1 "import batch 1 cannot be undone: later work touched HB-2026-BAS-0001"
expect "the refusal says who and which field" 1 "field note"
expect "the refusal changes nothing" 1 "nothing was changed"
[ "$(audit_rows)" = "$before" ] && ok "a refused undo writes nothing" || fail "refused undo wrote"

# The person's note is put back as the import had it; the undo then goes through.
G case set HB-2026-BAS-0001 note "$(printf '他说"好"\n第二行')" >/dev/null
run G import undo 1
expect "still refused: the note was written by a person" 1 "cannot be undone"

# A fresh start: imports then undo of the first (the later import undone first).
DB=$WORK/fresh.db
"$GRADUS" --db "$DB" init >/dev/null
contents >"$WORK/empty"
G import cases "$WORK/sheet.csv" >/dev/null
G import cases "$WORK/sheet.csv" >/dev/null
G import cases "$WORK/changed.csv" >/dev/null
run G import batches
expect "import batches lists the batches" 0 "cases  $WORK/changed.csv  0 new, 2 unchanged, 1 changed"
run G import undo 1
expect "undo of the first batch undoes the later import of the same records first" 0 "import batch 2 undone first"
expect "undo of the first batch" 0 "import batch 1 undone"
contents >"$WORK/undone"
expect_same "import undo restores the empty database" "$WORK/empty" "$WORK/undone"
run G verify
expect "verify passes after the undo" 0 "ok"
run G import undo 1
expect "a batch undone is not undone twice" 1 "import batch 1 was undone by"
run G import undo 9
expect "an unknown batch is named" 1 "no import batch 9"
run G import undo x
expect "a batch is a number" 2 "usage: gradus import undo BATCH"

# After an undo, the sheet imports again as new; undoing batch 2 alone
# gives back the region it changed.
G import cases "$WORK/sheet.csv" >/dev/null
contents >"$WORK/again"
G import cases "$WORK/changed.csv" >/dev/null
run G import undo 4
expect "undo of the later batch alone" 0 "1 fields restored"
contents >"$WORK/back"
expect_same "undoing the change gives back the sheet's values" "$WORK/again" "$WORK/back"
run G import cases "$WORK/changed.csv"
expect "the change imports again after its undo, not as a conflict" 0 "cases: 0 new, 2 unchanged, 1 changed"

# A step taken on an imported case blocks the undo of its batch.
G import undo 5 >/dev/null
G case advance HB-2026-BAS-0001 withdraw >/dev/null || fail "withdraw"
before=$(audit_rows)
run G import undo 3
expect "a step taken since blocks the undo" 1 "HB-2026-BAS-0001 (changed by"
[ "$(audit_rows)" = "$before" ] && ok "the blocked undo writes nothing" || fail "blocked undo wrote"

# Experts: matched by name and affiliation.
DB=$WORK/experts.db
"$GRADUS" --db "$DB" init >/dev/null
cat >"$WORK/experts.csv" <<EOF
姓名,专业领域,工作单位,地区,联系方式
王${JI}明,process,华中科技大学,武汉市,027-1
李红,supply,武汉理工大学,,
EOF
run G import experts "$WORK/experts.csv"
expect "experts import" 0 "experts: 2 new"
run G import experts "$WORK/experts.csv"
expect "experts again: unchanged" 0 "experts: 0 new, 2 unchanged, 0 changed"
sed 's/027-1/027-2/' "$WORK/experts.csv" >"$WORK/experts2.csv"
run G import experts "$WORK/experts2.csv"
expect "an expert's changed contact" 0 "E0001 联系方式: 027-1 -> 027-2"
run G import undo 1
expect "undo of the experts' first import" 0 "import batch 1 undone"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM experts')" = 0 ] && ok "the experts are gone" || fail "experts left"

# A row repeated within one file is one case.
DB=$WORK/dup.db
"$GRADUS" --db "$DB" init >/dev/null
{ cat "$WORK/sheet.csv"; tail -n 1 "$WORK/sheet.csv"; } >"$WORK/dup.csv"
run G import cases "$WORK/dup.csv"
expect "a row repeated in the file is matched to the case it made" 0 "cases: 3 new, 1 unchanged, 0 changed"

# An exported workbook imported back into its database changes nothing.
G import cases "$WORK/sheet.csv" >/dev/null
G export cases -o "$WORK/back.xlsx"
before=$(audit_rows)
run G import cases "$WORK/back.xlsx"
expect "an exported workbook imported back is every row unchanged" 0 "cases: 0 new, 3 unchanged, 0 changed"
[ "$(audit_rows)" = "$before" ] && ok "the workbook round trip writes nothing" || fail "round trip wrote"
