# Exports a Chinese office can read (issue 16): under zh_CN an export has
# the Chinese headers of forms/columns.ini and Chinese values (级别 先进级,
# 地区 武汉市, 状态 已认定), in CSV of any encoding and in a workbook (credit
# codes and case numbers text cells, dates date cells, dropdowns of Chinese
# names); --keys gives the keys and English headers; each re-imports to the
# same database. gradus import template writes the import's headers, a
# sample row that imports as it is, and the dropdowns. The workbooks are
# read back with Python's own zipfile and XML.
. "$(dirname "$0")/../lib.sh"
DEMO=$(demo_db)
ZH() { LC_ALL=zh_CN.UTF-8 "$@"; }

# contents DB: what the cases and experts hold, keys as stored, without ids or stamps.
contents() {
	sqlite3 "$1" "SELECT c.number, e.name, e.credit_code, e.region, c.level, c.year, c.state,
		coalesce(c.commitment_on, '-'), coalesce(c.certified_on, '-'), quote(c.note),
		c.scenarios
		FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
		ORDER BY c.number;
		SELECT code, name, fields, affiliation, quote(region), quote(contact), quote(conflicts) FROM experts ORDER BY code"
}
# same NAME DB_A DB_B: the two databases hold the same cases and experts,
# and export the same (every field an import takes).
same() {
	contents "$2" >"$WORK/a.contents"
	contents "$3" >"$WORK/b.contents"
	"$GRADUS" --db "$2" export cases --keys >"$WORK/a.export" 2>/dev/null
	"$GRADUS" --db "$3" export cases --keys >"$WORK/b.export" 2>/dev/null
	"$GRADUS" --db "$2" export experts --keys >>"$WORK/a.export" 2>/dev/null
	"$GRADUS" --db "$3" export experts --keys >>"$WORK/b.export" 2>/dev/null
	if [ ! -s "$WORK/a.contents" ]; then
		fail "$1" "no contents in $2"
	elif ! diff -u "$WORK/a.contents" "$WORK/b.contents" >"$WORK/diff" ||
		! diff -u "$WORK/a.export" "$WORK/b.export" >>"$WORK/diff"; then
		fail "$1" "$(head -20 "$WORK/diff")"
	else
		ok "$1"
	fi
}
fresh() { rm -f "$WORK/$1.db"; "$GRADUS" --db "$WORK/$1.db" init >/dev/null && echo "$WORK/$1.db"; }

# The base: the demo's cases as an import makes them, and three experts.
"$GRADUS" --db "$DEMO" export cases -o "$WORK/demo.csv"
BASE=$(fresh base)
"$GRADUS" --db "$BASE" import cases "$WORK/demo.csv" >/dev/null 2>&1
cat >"$WORK/experts.csv" <<'EOF'
name,fields,affiliation,region,contact,conflicts
王芳,"construction,process",华中科技大学,wuhan,027-87540000,
李强,management,武汉理工大学,huangshi,,91420200MA0DX6QEY5
赵敏,supply,湖北工业大学,,13800000000,
EOF
"$GRADUS" --db "$BASE" import experts "$WORK/experts.csv" >/dev/null 2>&1
[ "$(sqlite3 "$BASE" 'SELECT count(*) FROM cases'),$(sqlite3 "$BASE" 'SELECT count(*) FROM experts')" = 30,3 ] &&
	ok "the base holds 30 cases and 3 experts" || fail "base" "$(sqlite3 "$BASE" 'SELECT count(*) FROM cases')"

CASES_ZH=编号,企业名称,统一社会信用代码,地区,级别,年度,状态,工厂名称,地址,行业,联系人,成熟度,承诺日期,场景,认定日期,培育开始日期,有效期至,下次到期,备注
CASES_EN=number,enterprise,uscc,region,level,year,state,factory,address,industry,contact,maturity,commitment_on,scenarios,certified_on,cultivation_starts_on,expires_on,next_due,note
EXPERTS_ZH=编号,姓名,专业领域,工作单位,地区,联系方式,回避单位

# check_values NAME FILE: every region, level and state of a UTF-8 cases
# CSV is a Chinese name of the forms (gradus forms list --regions).
"$GRADUS" forms list --regions | cut -f3 >"$WORK/regions"
check_values() {
	if python3 - "$2" "$WORK/regions" >"$WORK/py.out" 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
regions = set(open(sys.argv[2], encoding='utf-8').read().split())
head = rows[0]
bad = []
for r in rows[1:]:
    region, level, state = r[head.index('地区')], r[head.index('级别')], r[head.index('状态')]
    if region not in regions: bad.append('region ' + region)
    if level not in ('基础级', '先进级', '卓越级', '领航级'): bad.append('level ' + level)
    if not state or state.isascii(): bad.append('state ' + state)
if len(rows) != 31: bad.append('%d rows' % len(rows))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
	then ok "$1"; else fail "$1" "$(head -5 "$WORK/py.out")"; fi
}

# CSV in GB18030 under zh_CN: Chinese headers and values; it re-imports.
run ZH "$GRADUS" --db "$BASE" export cases --encoding gb18030 -o "$WORK/zh.csv"
expect "export cases --encoding gb18030 under zh_CN" 0
iconv -f GB18030 -t UTF-8 "$WORK/zh.csv" >"$WORK/zh-utf8.csv"
[ "$(head -1 "$WORK/zh-utf8.csv" | tr -d '\r')" = "$CASES_ZH" ] && ok "the GB18030 export has Chinese headers" ||
	fail "Chinese headers" "$(head -1 "$WORK/zh-utf8.csv")"
check_values "levels, regions and states by their Chinese names" "$WORK/zh-utf8.csv"
grep -q ',武汉市,先进级,' "$WORK/zh-utf8.csv" && grep -q ',已认定,' "$WORK/zh-utf8.csv" &&
	ok "武汉市 先进级 已认定 as the office writes them" || fail "values" "$(sed -n 2,3p "$WORK/zh-utf8.csv")"
ZCSV=$(fresh zcsv)
run ZH "$GRADUS" --db "$ZCSV" import cases "$WORK/zh.csv"
expect "the Chinese GB18030 export imports" 0 "案件：新增 30"
run ZH "$GRADUS" --db "$BASE" export experts --encoding gb18030 -o "$WORK/zh-experts.csv"
[ "$(iconv -f GB18030 -t UTF-8 "$WORK/zh-experts.csv" | head -1 | tr -d '\r')" = "$EXPERTS_ZH" ] &&
	iconv -f GB18030 -t UTF-8 "$WORK/zh-experts.csv" | grep -q '王芳,"construction,process",华中科技大学,武汉市,' &&
	ok "the experts' export has Chinese headers and regions" ||
	fail "experts in Chinese" "$(iconv -f GB18030 -t UTF-8 "$WORK/zh-experts.csv" | head -3)"
run ZH "$GRADUS" --db "$ZCSV" import experts "$WORK/zh-experts.csv"
expect "the Chinese experts' export imports" 0
same "Chinese CSV: export, import, the same database" "$BASE" "$ZCSV"

# --keys under zh_CN: the English export, byte for byte; it re-imports.
ZH "$GRADUS" --db "$BASE" export cases --keys -o "$WORK/keys.csv"
"$GRADUS" --db "$BASE" export cases -o "$WORK/english.csv"
expect_same "--keys under zh_CN is the English export" "$WORK/english.csv" "$WORK/keys.csv"
[ "$(head -1 "$WORK/keys.csv" | tr -d '\r')" = "$CASES_EN" ] && ok "--keys: English headers" ||
	fail "--keys headers" "$(head -1 "$WORK/keys.csv")"
KEYS=$(fresh keys)
ZH "$GRADUS" --db "$BASE" export experts --keys -o "$WORK/keys-experts.csv"
run ZH "$GRADUS" --db "$KEYS" import cases "$WORK/keys.csv"
expect "the --keys export imports" 0 "案件：新增 30"
ZH "$GRADUS" --db "$KEYS" import experts "$WORK/keys-experts.csv" >/dev/null 2>&1
same "--keys: export, import, the same database" "$BASE" "$KEYS"

# The workbook under zh_CN.
sed -n '/^cat >"\$WORK\/read.py"/,/^PY$/p' "$TOP/tests/cli/xlsx.sh" | sed '1d;$d' >"$WORK/read.py"
run ZH "$GRADUS" --db "$BASE" export cases -o "$WORK/zh.xlsx"
expect "export cases -o zh.xlsx under zh_CN" 0
if python3 "$WORK/read.py" "$WORK/zh.xlsx" >"$WORK/cells" 2>"$WORK/py.err"; then
	ok "the workbook is a zip of well-formed XML"
else
	fail "the workbook is a zip of well-formed XML" "$(cat "$WORK/py.err")"
fi
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
[ "$got" = "$CASES_ZH" ] && ok "the workbook's headers are Chinese" || fail "workbook headers" "got: $got"
[ -z "$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ && $3 !~ / bold$/' "$WORK/cells")" ] &&
	[ "$(awk -F'\t' '$1 == "frozen" { print $2 }' "$WORK/cells")" = A2 ] &&
	ok "the header row is bold and frozen" || fail "header style" "$(head -3 "$WORK/cells")"
# Columns by their Chinese header: A 编号, C 统一社会信用代码, M 承诺日期, O 认定日期.
bad=$(awk -F'\t' '$1 ~ /^[AC][0-9]+$/ && $1 !~ /^[AC]1$/ && $2 != "s" && $2 != "inlineStr"' "$WORK/cells")
codes=$(awk -F'\t' '$1 ~ /^C[0-9]+$/ && $1 != "C1"' "$WORK/cells" | wc -l)
[ -z "$bad" ] && [ "$codes" = 30 ] && ok "credit codes and case numbers are text cells" ||
	fail "text cells" "$bad" "$codes credit codes"
dates=$(awk -F'\t' '$1 ~ /^[MO][0-9]+$/ && $1 !~ /^[MO]1$/ && !($2 == "n" && $3 == "yyyy-mm-dd")' "$WORK/cells")
[ -z "$dates" ] && [ -n "$(awk -F'\t' '$1 ~ /^O[0-9]+$/ && $1 != "O1"' "$WORK/cells")" ] &&
	ok "dates are date cells" || fail "date cells" "$dates"
levels=$(awk -F'\t' '$1 == "validation" && $3 == "E2:E1048576" { print $2 ":" $4 }' "$WORK/cells")
[ "$levels" = "list:基础级 先进级 卓越级 领航级" ] && ok "the level dropdown lists the Chinese names" ||
	fail "level dropdown" "got: $levels"
regions=$(awk -F'\t' '$1 == "validation" && $3 == "D2:D1048576" { print $2 ":" $4 }' "$WORK/cells")
case "$regions" in
"list:武汉市 黄石市 "*" 恩施土家族苗族自治州 "*) ok "the region dropdown lists the Chinese names" ;;
*) fail "region dropdown" "got: $regions" ;;
esac
ZX=$(fresh zxlsx)
run "$GRADUS" --db "$ZX" import cases "$WORK/zh.xlsx"
expect "the Chinese workbook imports" 0 "cases: 30 new"
ZH "$GRADUS" --db "$BASE" export experts -o "$WORK/zh-experts.xlsx"
run "$GRADUS" --db "$ZX" import experts "$WORK/zh-experts.xlsx"
expect "the Chinese experts' workbook imports" 0 "experts: 3 new"
same "Chinese workbook: export, import, the same database" "$BASE" "$ZX"

# A workbook is for people: Chinese in any locale (--keys for the keys).
run "$GRADUS" --db "$BASE" export cases -o "$WORK/c.xlsx"
python3 "$WORK/read.py" "$WORK/c.xlsx" >"$WORK/cells" 2>&1
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
[ "$got" = "$CASES_ZH" ] && ok "a workbook exported in the C locale has the Chinese headers too" ||
	fail "C-locale workbook headers" "got: $got"
run "$GRADUS" import template cases -o "$WORK/c-template.xlsx"
python3 "$WORK/read.py" "$WORK/c-template.xlsx" >"$WORK/cells" 2>&1
got=$(awk -F'\t' '$1 == "A1" { print $4 }' "$WORK/cells")
[ -n "$got" ] && [ "$got" != enterprise ] && grep -q '企业名称' "$WORK/cells" &&
	ok "a template made in the C locale has the Chinese headers" || fail "C-locale template" "$(head -3 "$WORK/cells")"

# --keys workbook: English headers, key dropdowns.
ZH "$GRADUS" --db "$BASE" export cases --keys -o "$WORK/keys.xlsx"
python3 "$WORK/read.py" "$WORK/keys.xlsx" >"$WORK/cells" 2>&1
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
levels=$(awk -F'\t' '$1 == "validation" && $3 == "E2:E1048576" { print $4 }' "$WORK/cells")
[ "$got" = "$CASES_EN" ] && [ "$levels" = "basic advanced excellent leading" ] &&
	ok "--keys workbook: English headers and key dropdowns" || fail "--keys workbook" "$got" "$levels"

# The other exports under zh_CN: Chinese headers, and they still work.
for kind in checks findings agenda; do
	run ZH "$GRADUS" --db "$DEMO" export $kind
	first=$(printf '%s\n' "$OUT" | head -1)
	case "$RC:$first" in
	0:*[a-z]*) fail "export $kind under zh_CN" "rc $RC" "$first" ;;
	0:?*) ok "export $kind under zh_CN: Chinese headers" ;;
	*) fail "export $kind under zh_CN" "rc $RC" "$ERR" ;;
	esac
done

# Templates: headers, one sample row, the dropdowns; the sample imports.
run ZH "$GRADUS" import template cases -o "$WORK/模板.xlsx"
expect "import template cases -o 模板.xlsx" 0
python3 "$WORK/read.py" "$WORK/模板.xlsx" >"$WORK/cells" 2>&1
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
[ "$got" = 企业名称,统一社会信用代码,地区,级别,年度,工厂名称,地址,行业,联系人,成熟度,承诺日期,场景,认定日期,培育开始日期,备注 ] &&
	ok "the template has the import's Chinese headers" || fail "template headers" "got: $got"
rows=$(awk -F'\t' '$1 ~ /^[A-Z]+[0-9]+$/ { sub(/^[A-Z]+/, "", $1); print $1 }' "$WORK/cells" | sort -u | tr '\n' ' ')
sample=$(awk -F'\t' '$1 ~ /^[A-D]2$/ { printf "%s%s:%s", sep, $2, $4; sep = " " }' "$WORK/cells")
[ "$rows" = "1 2 " ] && [ "$sample" = "s:示例智能制造有限公司 s:91420100MA4K12345K s:武汉市 s:先进级" ] &&
	ok "one sample row: a text credit code, 武汉市, 先进级" || fail "sample row" "rows: $rows" "$sample"
[ "$("$GRADUS" uscc 91420100MA4K12345K)" = valid ] && ok "the sample's credit code is valid" || fail "sample uscc"
[ "$(awk -F'\t' '$1 == "K2" { print $2 ":" $3 }' "$WORK/cells")" = "n:yyyy-mm-dd" ] &&
	ok "the sample's date is a date cell" || fail "sample date" "$(awk -F'\t' '$1 == "K2"' "$WORK/cells")"
[ "$(grep -c '^validation	list	[CD]2:' "$WORK/cells")" = 2 ] && ok "the template has the dropdowns" ||
	fail "template dropdowns" "$(grep '^validation' "$WORK/cells")"
T=$(fresh template)
run "$GRADUS" --db "$T" import cases "$WORK/模板.xlsx"
expect "the template imports as one case" 0 "cases: 1 new"
[ "$(sqlite3 "$T" "SELECT e.region, c.level, c.year, c.commitment_on FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id")" = "wuhan|advanced|2026|2026-03-05" ] &&
	ok "the sample is a case of wuhan, advanced, 2026" || fail "sample case" "$(contents "$T")"
run ZH "$GRADUS" import template cases -o "$WORK/模板.csv"
expect "import template cases -o 模板.csv" 0
[ "$(head -c 3 "$WORK/模板.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
	[ "$(sed -n 2p "$WORK/模板.csv" | cut -d, -f2-4)" = 91420100MA4K12345K,武汉市,先进级 ] &&
	ok "the CSV template: UTF-8 with BOM, the sample row" || fail "CSV template" "$(head -2 "$WORK/模板.csv")"
T=$(fresh template-csv)
run "$GRADUS" --db "$T" import cases "$WORK/模板.csv"
expect "the CSV template imports as one case" 0 "cases: 1 new"
run "$GRADUS" import template experts --keys -o "$WORK/experts-template.xlsx"
python3 "$WORK/read.py" "$WORK/experts-template.xlsx" >"$WORK/cells" 2>&1
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
[ "$got" = name,fields,affiliation,region,contact,conflicts ] && grep -q '^validation	list	D2:D1048576	wuhan ' "$WORK/cells" &&
	ok "the experts' --keys template: English headers, a region dropdown of keys" || fail "experts template" "$got"
run "$GRADUS" --db "$T" import experts "$WORK/experts-template.xlsx"
expect "the experts' template imports as one expert" 0 "experts: 1 new"
run "$GRADUS" import template cases
expect "import template without -o is refused" 2 "-o 模板.xlsx"
run "$GRADUS" import template cars -o "$WORK/x.xlsx"
expect "import template of an unknown kind is refused" 2 "import template cars: expected cases or experts"
[ ! -e "$WORK/x.xlsx" ] && ok "nothing written for an unknown kind" || fail "x.xlsx written"
