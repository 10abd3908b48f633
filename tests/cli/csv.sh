# CSV import and export: GB18030 with characters outside the BMP, fields
# with commas, quotes and newlines, all or nothing (an invalid byte or a bad
# row writes nothing), --dry-run, export then import giving back the same
# records, formulas neutralised, the BOM on request.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/csv.db
G() { "$GRADUS" --db "$DB" "$@"; }
"$GRADUS" --db "$DB" init >/dev/null

# dump DB: the database's content, whatever its WAL holds.
dump() { sqlite3 "$1" .dump; }

# to_gb18030 FILE: the UTF-8 text on stdin as GB18030 with CRLF line ends.
to_gb18030() { sed 's/$/\r/' | iconv -f UTF-8 -t GB18030 >"$1"; }

JI=𠮷
ZHE=𪚥
to_gb18030 "$WORK/cases.csv" <<EOF
enterprise,uscc,region,level,year,factory,address,industry,contact,maturity,commitment_on,scenarios,note
${JI}${ZHE}智造有限公司,91420200MA0DX6QEY5,huangshi,basic,2026,"一号,二号工厂","黄石市""铁山区"",团城山","装备,制造",0714-1234,1.4,2026-03-01,1;5;9,"他说""好""
第二行, 有逗号"
咸宁${ZHE}家居有限公司,91420300MA9H9ETGN0,xianning,advanced,2026,,,,,,,,"=HYPERLINK(""http://x"",""点"")"
EOF
run G import cases "$WORK/cases.csv"
expect "a GB18030 file imports (auto)" 0 "cases: 2 new"
N1=HB-2026-BAS-0001
[ "$(sqlite3 "$DB" "SELECT e.name FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.number = '$N1'")" = "${JI}${ZHE}智造有限公司" ] &&
	ok "characters outside the BMP come in exactly" || fail "enterprise name" "$(sqlite3 "$DB" 'SELECT name FROM enterprises')"
run G case show "$N1"
expect_line "a field with a comma" "$(printf 'factory\t一号,二号工厂')"
expect_line "the scenarios 1;5;9" "$(printf 'scenarios\t1,5,9')"
[ "$(sqlite3 "$DB" "SELECT address || '|' || industry FROM factories f JOIN enterprises e ON e.id = f.enterprise_id WHERE e.credit_code = '91420200MA0DX6QEY5'")" = '黄石市"铁山区",团城山|装备,制造' ] &&
	ok "quotes and commas in fields" || fail "address, industry" "$(sqlite3 "$DB" 'SELECT address FROM factories')"
[ "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = '$N1'")" = "$(printf '他说"好"\n第二行, 有逗号')" ] &&
	ok "a note with quotes and a newline (CRLF read as LF)" || fail "note" "$(sqlite3 "$DB" "SELECT quote(note) FROM cases")"
[ "$(sqlite3 "$DB" "SELECT maturity_centi || ' ' || commitment_on FROM cases WHERE number = '$N1'")" = "140 2026-03-01" ] &&
	ok "maturity and commitment date" || fail "maturity" "$(sqlite3 "$DB" 'SELECT maturity_centi FROM cases')"

to_gb18030 "$WORK/experts.csv" <<EOF
name,fields,affiliation,region,contact,conflicts
张${ZHE},"rnd,process","华中科技大学,机械学院",wuhan,027-8754,${JI}${ZHE}智造|91420300MA9H9ETGN0
李${JI},operations,三峡大学,,,
EOF
run G import experts "$WORK/experts.csv" --encoding gb18030
expect "experts import from GB18030" 0 "experts: 2 new"
run G expert list
expect_line "an expert as imported" "$(printf 'E0001\t张%s\trnd,process\t华中科技大学,机械学院\twuhan\t027-8754\t%s智造|91420300MA9H9ETGN0' "$ZHE" "$JI$ZHE")"
expect_line "empty cells are no value" "$(printf 'E0002\t李%s\toperations\t三峡大学\t\t\t' "$JI")"

# All or nothing.
BEFORE=$(dump "$DB")
# line 7 gets a byte GB18030 does not have after its first two characters
{
	printf 'enterprise,uscc,region,level,year\r\n'
	for n in 1 2 3 4 5; do printf '荆州%s号有限公司,91421000MAGEEUF318,jingzhou,basic,2026\r\n' "$n"; done
	printf '荆州六号有限公司,91421000MAGEEUF318,jingzhou,basic,2026\r\n'
	printf '荆州七号有限公司,91421000MAGEEUF318,jingzhou,basic,2026\r\n'
} | iconv -f UTF-8 -t GB18030 >"$WORK/bad-byte.csv"
python3 -c '
import sys
lines = open(sys.argv[1], "rb").read().split(b"\r\n")
lines[6] = lines[6][:4] + b"\xff" + lines[6][4:]
open(sys.argv[1], "wb").write(b"\r\n".join(lines))' "$WORK/bad-byte.csv"
run G import cases "$WORK/bad-byte.csv"
expect "an invalid byte on line 7 is refused, naming line 7" 1 "bad-byte.csv:7:3: byte 0xFF: expected a GB18030 character"
[ "$(dump "$DB")" = "$BEFORE" ] && ok "and nothing is written" || fail "the database changed"
run G import cases "$WORK/bad-byte.csv" --encoding utf-8
expect "read as UTF-8 the first non-UTF-8 byte is named" 1 "bad-byte.csv:2:1: byte 0xBE: expected a UTF-8 character"

cat >"$WORK/bad-row.csv" <<'EOF'
enterprise,uscc,region,level,year,note
荆州一号有限公司,91421000MAGEEUF318,jingzhou,basic,2026,
荆州二号有限公司,91421000MAGEEUF318,jingzhou,basic,2026,
荆州三号有限公司,91421000MAGEEUF318,nowhere,basic,2026,"第一行
第二行"
EOF
run G import cases "$WORK/bad-row.csv"
expect "the first bad row is named by its line and column" 1 "bad-row.csv: row 4, column C (region): 'nowhere': not a region; expected a region such as"
[ "$(dump "$DB")" = "$BEFORE" ] && ok "and the rows before it are rolled back" || fail "the database changed"
printf 'enterprise,uscc,region,level,year\n荆州,91421000MAGEEUF319,jingzhou,basic,2026\n' >"$WORK/bad-code.csv"
run G import cases "$WORK/bad-code.csv"
expect "a credit code is checked, its column named" 1 "bad-code.csv: row 2, column B (uscc): '91421000MAGEEUF319': check character"
printf 'enterprise,uscc,region,level,year\n荆州,91421000MAGEEUF318,jingzhou,basic,twenty\n' >"$WORK/bad-year.csv"
run G import cases "$WORK/bad-year.csv"
expect "a year that is not one" 1 "bad-year.csv: row 2, column E (year): 'twenty': not a year from 2000 to 2100; expected a year"
printf 'enterprise,uscc,region,level,year,colour\n' >"$WORK/unknown.csv"
run G import cases "$WORK/unknown.csv"
expect "an unknown column is named" 1 "unknown.csv: row 1, column F (colour): 'colour': not a column of this import"
printf 'enterprise,region,level\n' >"$WORK/missing.csv"
run G import cases "$WORK/missing.csv"
expect "missing columns are named" 1 "missing.csv: row 1: the header lacks the columns 统一社会信用代码 (uscc), 年度 (year)"
printf 'name,fields,affiliation\n"王,fields\n\n' >"$WORK/open.csv"
run G import experts "$WORK/open.csv"
expect "an unclosed quote names the line its field began on" 1 "open.csv:2: the quoted field begun on this line is not closed"
printf 'name,fields,affiliation\n王五,cooking,某大学\n' >"$WORK/field.csv"
run G import experts "$WORK/field.csv"
expect "an expert's error names its column" 1 "field.csv: row 2, column B (fields): 'cooking': expected stages among"
[ "$(dump "$DB")" = "$BEFORE" ] && ok "refused imports write nothing" || fail "the database changed"

# --dry-run
printf 'enterprise,uscc,region,level,year\n荆州一号有限公司,91421000MAGEEUF318,jingzhou,basic,2026\n' >"$WORK/one.csv"
run G import cases "$WORK/one.csv" --dry-run
expect "--dry-run reports what would be imported" 0 "cases: 1 new"
[ "$(dump "$DB")" = "$BEFORE" ] && ok "--dry-run writes nothing" || fail "the database changed"
run G import cases "$WORK/bad-row.csv" --dry-run
expect "--dry-run reports the first bad row" 1 "bad-row.csv: row 4, column C (region)"

# A GBK file (GB18030 without four-byte characters).
printf 'name,fields,affiliation\n赵敏,operations,三峡大学\n' | iconv -f UTF-8 -t GBK >"$WORK/gbk.csv"
run G import experts "$WORK/gbk.csv" --encoding gbk --dry-run
expect "a GBK file" 0 "experts: 1 new"

# Export, then import into a fresh database: the same records.
run G export cases --encoding gb18030 -o "$WORK/out-cases.csv"
expect "export cases in GB18030" 0
iconv -f GB18030 -t UTF-8 "$WORK/out-cases.csv" | grep -q "^HB-2026-BAS-0001,${JI}${ZHE}智造有限公司," &&
	ok "the export is GB18030" || fail "GB18030 export" "$(head -c 300 "$WORK/out-cases.csv" | iconv -f GB18030 -t UTF-8)"
grep -q "$(printf '\r')\$" "$WORK/out-cases.csv" && ok "CRLF line ends" || fail "no CRLF"
run G export experts --encoding gb18030 -o "$WORK/out-experts.csv"
expect "export experts in GB18030" 0
FRESH=$WORK/fresh.db
"$GRADUS" --db "$FRESH" init >/dev/null
run "$GRADUS" --db "$FRESH" import cases "$WORK/out-cases.csv"
expect "the exported cases import into a fresh database" 0 "cases: 2 new"
run "$GRADUS" --db "$FRESH" import experts "$WORK/out-experts.csv"
expect "the exported experts import into a fresh database" 0 "experts: 2 new"
for kind in cases experts; do
	G export $kind >"$WORK/a-$kind.csv"
	"$GRADUS" --db "$FRESH" export $kind >"$WORK/b-$kind.csv"
	expect_same "export then import gives back identical $kind" "$WORK/a-$kind.csv" "$WORK/b-$kind.csv"
done
[ "$(sqlite3 "$FRESH" "SELECT note FROM cases WHERE number = '$N1'")" = "$(printf '他说"好"\n第二行, 有逗号')" ] &&
	ok "the note with quotes and a newline comes back" || fail "note" "$(sqlite3 "$FRESH" "SELECT quote(note) FROM cases")"
[ "$(sqlite3 "$FRESH" "SELECT note FROM cases WHERE number = 'HB-2026-ADV-0001'")" = '=HYPERLINK("http://x","点")' ] &&
	ok "a neutralised formula comes back as it was" || fail "formula" "$(sqlite3 "$FRESH" "SELECT note FROM cases")"

grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\"" "$WORK/a-cases.csv" &&
	ok "=HYPERLINK(...) is exported as '=HYPERLINK(...)" || fail "formula" "$(grep HYPERLINK "$WORK/a-cases.csv")"
G export experts --bom -o "$WORK/bom.csv"
[ "$(head -c 7 "$WORK/bom.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf636f6465" ] && ok "a BOM on request" ||
	fail "BOM" "$(head -c 7 "$WORK/bom.csv" | od -An -tx1)"
[ "$(head -c 4 "$WORK/a-experts.csv")" = "code" ] && ok "no BOM by default" || fail "BOM by default"
run G import experts "$WORK/bom.csv" --dry-run
expect "a file with a BOM imports: its experts are matched, not added again" 0 "experts: 0 new, 2 unchanged, 0 changed"

DEMO=$(demo_db)
run "$GRADUS" --db "$DEMO" export checks
expect "checks: the header" 0 "number,case,enterprise,level,planned_on,status,inspectors,score"
expect "checks: a check with its score" 0 "HB-2024-EXC-0002-C1,HB-2024-EXC-0002,武汉华中数控系统有限公司,excellent,"
run "$GRADUS" --db "$DEMO" export findings
expect "findings: the header" 0 "id,source,case,scenario,item,severity,action,due_on,status,closed_on,closed_by,closing_note"
expect "findings: a check's finding" 0 ",HB-2024-EXC-0002-C1,HB-2024-EXC-0002,4,2,minor,,2026-12-28,open,"
run "$GRADUS" --db "$DEMO" export agenda
expect "agenda: the header" 0 "due_on,number,kind,status,level,enterprise,detail"
expect "agenda: an overdue expiry" 0 "2026-07-24,HB-2023-EXC-0001,expiry,overdue,excellent,东风楚天汽车零部件有限公司,"
run G export cases --encoding gbk
expect "exports are UTF-8 or GB18030" 2 "--encoding gbk: expected utf-8 or gb18030"
run G import cases "$WORK/nothing.csv"
expect "a file that is not there" 1 "cannot read $WORK/nothing.csv"
