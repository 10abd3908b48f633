# The import screen (:import, keystroke scripts against the off-screen
# terminal): a new file previewed with nothing written, imported as a batch
# whose cases the list shows, the same file again all unchanged, one changed
# cell shown old → new and written, a refused file naming row and column
# with nothing written, the batches undone with u; the form :import alone
# opens; the preview in Chinese. The database checked with the CLI after each.
. "$(dirname "$0")/../lib.sh"
G() { "$GRADUS" --db import.db "$@"; }
count() { sqlite3 import.db "$1"; }

# Who imported is the user running the tests: USER in the saved screens,
# in the Who column's 8 cells.
mask() {
	local cell
	cell=$(printf '%-8s' "$ME")
	[ ${#ME} -gt 8 ] && cell="$(printf '%.7s' "$ME")…"
	sed -i "s/ $cell / USER     /" "$WORK/$1"
}

cd "$WORK" || exit 1
G init >/dev/null 2>&1
printf '序号,企业名称,统一社会信用代码,地区,级别,年度\n1,荆门机械有限公司,91420600MA4KABCD14,荆门市,基础级,2026\n2,武汉光谷智能制造有限公司,91420100MA4K12345K,武汉,先进级,2026\n' >new.csv
sed 's/荆门机械有限公司/荆门精密机械有限公司/' new.csv >changed.csv
printf '企业名称,信用代码,地区,级别,年度\n甲公司,91420100MA4K12345K,武汉,中级,2026\n' >bad.csv
audit=$(count 'SELECT count(*) FROM audit')

run G --script "$SCRIPTS/import-preview.script" --size 80x24
expect "the preview script runs to its end" 0
compare ":import cases FILE: the counts of a new file, the question" import-preview.screen
compare "n cancels: the list, still empty, says nothing was imported" import-cancelled.screen
run G import batches
expect "the preview made no batch" 0 "no imports yet"
[ "$(count 'SELECT count(*) FROM cases')" = 0 ] && [ "$(count 'SELECT count(*) FROM audit')" = "$audit" ] &&
	ok "the preview wrote nothing" || fail "the preview wrote nothing" "$(count 'SELECT count(*) FROM cases') cases"

run G --script "$SCRIPTS/import-write.script" --size 80x24
expect "the import script runs to its end" 0
compare "y imports: the batch named" import-done.screen
compare "back on the case list: the new cases" import-list.screen
compare "the same file again: every row unchanged, nothing to import" import-again.screen
compare "one changed cell: old → new, in the list and in full below" import-changed.screen
compare "y writes the change as a second batch" import-changed-done.screen
run G case show HB-2026-BAS-0001
expect_line "the changed cell is written" "$(printf 'enterprise\t荆门精密机械有限公司')"
run G import batches
[ "$(printf '%s\n' "$OUT" | grep -c 'cases')" = 2 ] && expect_line "the second batch: one changed" \
	"$(printf '2  2026-11-28T12:00:00Z  %s  cases  changed.csv  0 new, 1 unchanged, 1 changed' "$ME")" ||
	fail "two batches: the unchanged import made none" "$OUT"
[ "$(count "SELECT count(*) FROM audit_fields WHERE tbl = 'enterprises' AND new = '荆门精密机械有限公司'")" = 1 ] &&
	ok "the change is in the audit log" || fail "the change is in the audit log" "$(count 'SELECT tbl, field, new FROM audit_fields ORDER BY seq DESC LIMIT 3')"

audit=$(count 'SELECT count(*) FROM audit')
run G --script "$SCRIPTS/import-refused.script" --size 80x24
expect "the refused script runs to its end" 0
compare "a refused file: file, row, column and value; nothing written" import-refused.screen
compare "q goes back to the list" import-refused-back.screen
[ "$(count 'SELECT count(*) FROM audit')" = "$audit" ] && [ "$(count 'SELECT count(*) FROM import_batches')" = 2 ] &&
	ok "the refused file wrote nothing" || fail "the refused file wrote nothing" "$(count 'SELECT count(*) FROM audit') vs $audit"

run G --script "$SCRIPTS/import-undo.script" --size 80x24
expect "the undo script runs to its end" 0
for s in import-batches import-undo-ask import-undone import-undone-all; do mask "$s.screen"; done
compare ":import batches lists both, newest first" import-batches.screen
compare "u asks, naming the batch and its file" import-undo-ask.screen
compare "y undoes it: the field restored, the batch marked" import-undone.screen
compare "the first batch undone: its cases removed" import-undone-all.screen
compare "the case list is empty again" import-undo-list.screen
run G case list
[ "$(printf "%s\n" "$OUT" | wc -l)" = 1 ] && ok "gradus case list: no case left" || fail "gradus case list: no case left" "$OUT"
run G verify
expect "the audit chain holds the imports and their undoing" 0

# The form: kind, file, sheet, encoding; a GBK file read as GBK.
iconv -f UTF-8 -t GBK new.csv >gbk.csv
run G --script "$SCRIPTS/import-form.script" --size 80x24
expect "the form script runs to its end" 0
compare ":import alone opens the form" import-form.screen
compare "the form's file previewed in GBK" import-form-preview.screen
compare "q goes back to the form" import-form-back.screen
[ "$(count 'SELECT count(*) FROM cases')" = 0 ] && ok "the form's preview wrote nothing" ||
	fail "the form's preview wrote nothing" "$(count 'SELECT count(*) FROM cases') cases"

# In Chinese: a preview of a change, the refusal.
mkdir -p zh && cd zh || exit 1
cp ../new.csv ../changed.csv ../bad.csv .
"$GRADUS" --db zh.db init >/dev/null 2>&1
"$GRADUS" --db zh.db import cases new.csv >/dev/null
printf '%s\n' '<Colon>import cases changed.csv<Enter>' ':save-screen import-zh.screen' 'n' \
	'<Colon>import cases bad.csv<Enter>' ':save-screen import-zh-refused.screen' 'q' >zh.script
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db zh.db --script zh.script --size 80x24
expect "the import screen runs in a zh_CN.UTF-8 locale" 0
compare "the preview in Chinese" zh/import-zh.screen import-zh.screen
compare "the refusal in Chinese" zh/import-zh-refused.screen import-zh-refused.screen
cd "$WORK" || exit 1

# A field changed by a person since the import: the preview shows it kept,
# with the reason in full below; undoing the import is refused, naming it.
"$GRADUS" --db kept.db init >/dev/null 2>&1
"$GRADUS" --db kept.db import cases new.csv >/dev/null
"$GRADUS" --db kept.db case set HB-2026-BAS-0001 enterprise 荆门重工有限公司 >/dev/null
printf '%s\n' '<Colon>import cases changed.csv<Enter>' ':save-screen import-kept.screen' 'q' \
	'<Colon>import batches<Enter>' 'u' 'y' ':save-screen import-undo-refused.screen' 'q' >kept.script
run "$GRADUS" --db kept.db --script kept.script --size 80x24
expect "the kept-field script runs to its end" 0
grep -q "^>  *2 HB-2026-BAS-0001 企业名称  *荆门重工有限公司 → 荆门精密机械有限… *kept$" import-kept.screen &&
	grep -qF "1 field left as it is" import-kept.screen && tr -s ' \n' ' ' <import-kept.screen | grep -qF "荆门精密机械有限公司; changed by $ME at 2026-11-28T12:00:00Z since it was last imported; left as it is" &&
	ok "a field a person changed is shown kept, with why" || fail "a field a person changed is shown kept" "$(cat import-kept.screen)"
tail -1 import-undo-refused.screen | grep -qF "import batch 1 cannot be undone: later work touched" &&
	ok "undoing it is refused, naming what was touched" || fail "undoing it is refused" "$(cat import-undo-refused.screen)"
run "$GRADUS" --db kept.db case list
[ "$(printf '%s\n' "$OUT" | grep -c HB-2026)" = 2 ] && ok "the refused undo removed nothing" ||
	fail "the refused undo removed nothing" "$OUT"

# A workbook: the demo's cases exported to .xlsx and previewed, then imported.
"$GRADUS" --db "$(demo_db)" export cases -o demo.xlsx >/dev/null
"$GRADUS" --db book.db init >/dev/null 2>&1
printf '%s\n' '<Colon>import cases demo.xlsx<Enter>' ':save-screen import-xlsx.screen' 'y' 'q' \
	':save-screen import-xlsx-list.screen' >book.script
run "$GRADUS" --db book.db --script book.script --size 80x24
expect "the workbook script runs to its end" 0
grep -qF "Cases: 30 new, 0 unchanged, 0 changed" import-xlsx.screen && ok "a workbook's sheet previewed: 30 new" ||
	fail "a workbook's sheet previewed" "$(cat import-xlsx.screen)"
head -1 import-xlsx-list.screen | grep -qF "Cases (30)" && ok "and imported: the list shows 30 cases" ||
	fail "the workbook imported" "$(cat import-xlsx-list.screen)"

# ? lists the import screen's keys and how :import is reached.
printf '%s\n' '?' 'G' ':save-screen import-help.screen' >help.script
run "$GRADUS" --db book.db --script help.script --size 80x24
grep -q "^ *u  *Undo the import$" import-help.screen && grep -qF ":import cases|experts FILE (CSV or .xlsx) previews it" import-help.screen &&
	grep -qF ":import batches lists the imports" import-help.screen && ok "? lists :import and the keys of its screen" ||
	fail "? lists :import" "$(cat import-help.screen)"

# Experts: previewed and imported the same way; the registry shows them.
printf '姓名,专业领域,工作单位,地区\n张伟,rnd,华中科技大学,武汉\n赵敏,operations,三峡大学,宜昌\n' >experts.csv
printf '%s\n' '<Colon>import experts experts.csv<Enter>' ':save-screen import-experts.screen' 'y' \
	':save-screen import-experts-done.screen' 'q' 'X' ':save-screen import-experts-list.screen' >experts.script
run "$GRADUS" --db book.db --script experts.script --size 80x24
expect "the experts script runs to its end" 0
grep -qF "Experts: 2 new, 0 unchanged, 0 changed" import-experts.screen && head -1 import-experts.screen | grep -qF "Import experts from experts.csv" &&
	ok ":import experts FILE previews experts" || fail ":import experts FILE previews experts" "$(cat import-experts.screen)"
tail -1 import-experts-done.screen | grep -qF "Imported: import batch 2" && ok "and imports them as the next batch" ||
	fail "experts imported" "$(cat import-experts-done.screen)"
grep -q "^> E0001 *张伟" import-experts-list.screen && grep -q "^  E0002 *赵敏" import-experts-list.screen &&
	ok "the experts' registry shows them" || fail "the experts' registry shows them" "$(cat import-experts-list.screen)"
