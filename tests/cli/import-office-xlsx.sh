# The office's own workbook, made as Excel and WPS save one (not by
# gradus): shared strings with rich-text runs, inline strings, 序号 and
# year as numbers, a certification day as a date cell in Excel's built-in
# m/d/yyyy format and one in a custom yyyy"年"m"月"d"日" format, dates typed
# as text (2026/3/5), cells padded with ASCII and full-width spaces, a name
# outside the BMP, quotes, a comma and a line break in a note, formatted but
# empty rows below the data. It imports with no edits into the same
# database as the same sheet saved as CSV, and importing it again changes
# nothing.
. "$(dirname "$0")/../lib.sh"

JI=𠮷
SP='　'
cat >"$WORK/sheet.csv" <<EOF
序号,企业名称,统一社会信用代码,地区,级别,年度,承诺日期,场景,认定日期,备注
1,${JI}智造有限公司 , 91420200MA0DX6QEY5,${SP}黄石市,基础级,2026,2026/3/5,1、5；9,,"他说""好""
第二行, 有逗号"
2,咸宁家居有限公司,91420300MA9H9ETGN0,恩施州 ,先进级${SP},2026,2026年3月5日,"1,2",,
3,荆州装备有限公司,91421000MAGEEUF318,420100,卓越级,2025,2026.3.5,,2025-07-24,
4,宜都化工有限公司,91420100MA4K12345K,武汉,卓越级,2024,,,2024-12-31,
EOF

cat >"$WORK/make.py" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
JI, SP = sys.argv[2], '\u3000'
shared = ['企业名称', '统一社会信用代码', '地区', '级别', '年度', '承诺日期', '场景', '认定日期', '备注', '序号',
          JI + '智造有限公司 ', ' 91420200MA0DX6QEY5', SP + '黄石市', '基础级', '2026/3/5', '1、5；9',
          '他说"好"\n第二行, 有逗号', '咸宁家居有限公司', '91420300MA9H9ETGN0', '恩施州 ', '先进级' + SP,
          '2026年3月5日', '1,2', '荆州装备有限公司', '91421000MAGEEUF318', '420100', '卓越级', '2026.3.5',
          '宜都化工有限公司', '91420100MA4K12345K', '武汉']
def si(text):
    if text == '统一社会信用代码':  # rich text, as a header typed in two styles
        return '<si><r><rPr><b/></rPr><t>统一社会</t></r><r><t>信用代码</t></r></si>'
    return '<si><t xml:space="preserve">%s</t></si>' % escape(text)
def s(ref, text):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, shared.index(text))
def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(text))
def n(ref, value, style=0):
    return '<c r="%s"%s><v>%s</v></c>' % (ref, ' s="%d"' % style if style else '', value)
rows = [
    [s('A1', '序号'), s('B1', '企业名称'), s('C1', '统一社会信用代码'), s('D1', '地区'), s('E1', '级别'),
     s('F1', '年度'), s('G1', '承诺日期'), s('H1', '场景'), s('I1', '认定日期'), s('J1', '备注')],
    [n('A2', 1), s('B2', JI + '智造有限公司 '), s('C2', ' 91420200MA0DX6QEY5'), s('D2', SP + '黄石市'),
     s('E2', '基础级'), n('F2', 2026), s('G2', '2026/3/5'), s('H2', '1、5；9'), s('J2', '他说"好"\n第二行, 有逗号')],
    [n('A3', 2), s('B3', '咸宁家居有限公司'), s('C3', '91420300MA9H9ETGN0'), s('D3', '恩施州 '),
     s('E3', '先进级' + SP), n('F3', 2026), s('G3', '2026年3月5日'), s('H3', '1,2')],
    # 2025-07-24 is day 45862 of Excel's calendar: built-in format 14 (m/d/yyyy)
    [n('A4', 3), s('B4', '荆州装备有限公司'), inline('C4', '91421000MAGEEUF318'), n('D4', 420100),
     s('E4', '卓越级'), n('F4', 2025), s('G4', '2026.3.5'), n('I4', 45862, 1)],
    # 2024-12-31 is day 45657: a custom format 年月日
    [n('A5', 4), s('B5', '宜都化工有限公司'), s('C5', '91420100MA4K12345K'), s('D5', '武汉'), s('E5', '卓越级'),
     n('F5', 2024), n('I5', 45657, 2)],
    ['<c r="A6" s="3"/><c r="B6" s="3"/>'], ['<c r="A7" s="3"/>'],
]
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + ''.join('<row r="%d">%s</row>' % (i + 1, ''.join(r)) for i, r in enumerate(rows))
         + '</sheetData></worksheet>')
styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="49"/></cellXfs></styleSheet>')
workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="申报汇总" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>')
strings = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + ''.join(si(t) for t in shared) + '</sst>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', workbook)
    z.writestr('xl/_rels/workbook.xml.rels', rels)
    z.writestr('xl/worksheets/sheet1.xml', sheet)
    z.writestr('xl/sharedStrings.xml', strings)
    z.writestr('xl/styles.xml', styles)
PY
python3 "$WORK/make.py" "$WORK/申报汇总.xlsx" "$JI" || fail "the workbook is made"

contents() {
	sqlite3 "$1" "SELECT c.number, e.name, e.credit_code, e.region, c.level, c.year, coalesce(c.commitment_on, '-'),
		coalesce(c.certified_on, '-'), quote(c.note), c.scenarios
		FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
		ORDER BY c.number"
}
run "$GRADUS" --db "$WORK/csv.db" import cases "$WORK/sheet.csv"
expect "the sheet as CSV imports" 0 "cases: 4 new"
run "$GRADUS" --db "$WORK/xlsx.db" import cases "$WORK/申报汇总.xlsx"
expect "the office's workbook imports with no edits" 0 "cases: 4 new"
contents "$WORK/csv.db" >"$WORK/csv.contents"
contents "$WORK/xlsx.db" >"$WORK/xlsx.contents"
expect_same "the workbook gives the database its CSV gives" "$WORK/csv.contents" "$WORK/xlsx.contents"
grep -q "^HB-2025-EXC-0001|荆州装备有限公司|91421000MAGEEUF318|wuhan|excellent|2025|2026-03-05|2025-07-24|NULL|$" \
	"$WORK/xlsx.contents" && ok "a date cell in m/d/yyyy is its day; a region code typed as a number is taken" ||
	fail "the built-in date format" "$(cat "$WORK/xlsx.contents")"
grep -q "^HB-2024-EXC-0001|宜都化工有限公司|91420100MA4K12345K|wuhan|excellent|2024|-|2024-12-31|NULL|$" \
	"$WORK/xlsx.contents" && ok "a date cell in a 年月日 format is its day" || fail "the custom date format"
grep -q "^HB-2026-BAS-0001|${JI}智造有限公司|91420200MA0DX6QEY5|huangshi|basic|2026|2026-03-05|-|'他说\"好\"$" \
	"$WORK/xlsx.contents" && ok "a name outside the BMP, quotes and a line break come in exactly" ||
	fail "the first row" "$(head -2 "$WORK/xlsx.contents")"
before=$(sqlite3 "$WORK/xlsx.db" 'SELECT count(*) FROM audit')
run "$GRADUS" --db "$WORK/xlsx.db" import cases "$WORK/申报汇总.xlsx"
expect "the workbook again: every row unchanged" 0 "cases: 0 new, 4 unchanged, 0 changed"
[ "$(sqlite3 "$WORK/xlsx.db" 'SELECT count(*) FROM audit')" = "$before" ] && ok "the second import writes nothing" ||
	fail "the second import wrote"
run "$GRADUS" --db "$WORK/xlsx.db" import cases "$WORK/sheet.csv"
expect "its CSV into the workbook's database: every row unchanged" 0 "cases: 0 new, 4 unchanged, 0 changed"
