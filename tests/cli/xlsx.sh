# Exports as Excel workbooks (-o FILE.xlsx), read back with Python's own
# zipfile and XML: the CSV export's headers, credit codes and case numbers
# as text cells, dates as numbers with a date format, the header row bold
# and frozen, dropdowns for level and region; the file is never written
# through a link planted at its path, and a failed export leaves nothing.
# Then import FILE.xlsx: a workbook imports as its CSV does (also below a
# merged title row), a bad cell is named by its sheet row, a bad workbook or
# sheet is refused by name.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }

run G export cases --keys -o "$WORK/x.xlsx"
expect "export cases -o x.xlsx" 0
run G export cases -o "$WORK/x.csv"
expect "export cases -o x.csv" 0

# libxlsxwriter (and the libcrypto it brings) is loaded for a workbook
# only, never at a start: LD_DEBUG=files names every library loaded.
run env LD_DEBUG=files "$GRADUS" --db "$DB" export cases -o "$WORK/y.csv"
case "$ERR" in
*libxlsxwriter*|*libcrypto*) fail "a CSV export loads no libxlsxwriter" "$(echo "$ERR" | grep -E 'xlsxwriter|crypto' | head -3)" ;;
*) ok "a CSV export loads no libxlsxwriter" ;;
esac
run env LD_DEBUG=files "$GRADUS" --db "$DB" export cases -o "$WORK/y.xlsx"
expect "a workbook export loads it" 0 "libxlsxwriter"

# The workbook's first sheet as lines "CELL<TAB>TYPE<TAB>STYLE-FORMAT<TAB>VALUE"
# (VALUE the shared or inline string, or the number), then facts about it.
cat >"$WORK/read.py" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
if z.testzip() is not None:
    sys.exit('bad zip member')
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
styles = ET.fromstring(z.read('xl/styles.xml'))
numfmts = {n.get('numFmtId'): n.get('formatCode') for n in styles.iter('{%s}numFmt' % ns['m'])}
fonts = styles.findall('m:fonts/m:font', ns)
xfs = styles.findall('m:cellXfs/m:xf', ns)
def style(s):
    xf = xfs[int(s or 0)]
    fmt = numfmts.get(xf.get('numFmtId'), xf.get('numFmtId'))
    bold = fonts[int(xf.get('fontId', 0))].find('m:b', ns) is not None
    return fmt + (' bold' if bold else '')
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
for c in sheet.iter('{%s}c' % ns['m']):
    t, v = c.get('t', 'n'), c.find('m:v', ns)
    if t == 's':
        value = shared[int(v.text)]
    elif t == 'inlineStr':
        value = ''.join(x.text or '' for x in c.iter('{%s}t' % ns['m']))
    else:
        value = v.text if v is not None else ''
    print('%s\t%s\t%s\t%s' % (c.get('r'), t, style(c.get('s')), value))
pane = sheet.find('.//m:pane', ns)
if pane is not None and pane.get('state') == 'frozen':
    print('frozen\t%s' % pane.get('topLeftCell'))
for dv in sheet.iter('{%s}dataValidation' % ns['m']):
    f = dv.find('m:formula1', ns).text
    if f.startswith('"'):  # the list in the rule
        values = f.strip('"').split(',')
    else:  # a range of another sheet
        sheet_name, cells = f.split('!')
        wb = ET.fromstring(z.read('xl/workbook.xml'))
        names = [s.get('name') for s in wb.iter('{%s}sheet' % ns['m'])]
        lists = ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % (names.index(sheet_name) + 1)))
        col = cells.split('$')[1]
        values = [shared[int(c.find('m:v', ns).text)] for c in lists.iter('{%s}c' % ns['m']) if c.get('r').rstrip('0123456789') == col]
    print('validation\t%s\t%s\t%s' % (dv.get('type'), dv.get('sqref'), ' '.join(values)))
for col in sheet.iter('{%s}col' % ns['m']):
    print('width\t%s\t%s' % (col.get('min'), col.get('width')))
PY
if python3 "$WORK/read.py" "$WORK/x.xlsx" >"$WORK/cells" 2>"$WORK/py.err"; then
	ok "the workbook is a zip of well-formed XML"
else
	fail "the workbook is a zip of well-formed XML" "$(cat "$WORK/py.err")"
fi
cell() { awk -F'\t' -v r="$1" '$1 == r' "$WORK/cells"; }

# The header row: the CSV export's header, bold.
header=$(head -1 "$WORK/x.csv" | tr -d '\r')
got=$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ { printf "%s%s", sep, $4; sep = "," }' "$WORK/cells")
[ "$got" = "$header" ] && ok "the header is the CSV export's" || fail "header" "got: $got" "csv: $header"
[ -z "$(awk -F'\t' '$1 ~ /^[A-Z]+1$/ && $3 !~ / bold$/' "$WORK/cells")" ] &&
	ok "the header row is bold" || fail "header bold" "$(awk -F'\t' '$1 ~ /^[A-Z]+1$/' "$WORK/cells" | head -3)"
[ "$(awk -F'\t' '$1 == "frozen" { print $2 }' "$WORK/cells")" = A2 ] &&
	ok "the header row is frozen" || fail "frozen pane" "$(grep -c . "$WORK/cells") cells, no frozen pane at A2"

# Every value of the CSV is in the workbook (dates as their day numbers).
col_of() { head -1 "$WORK/x.csv" | tr -d '\r' | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
letter() { printf "\\$(printf %o $((64 + $1)))"; }
USCC=$(letter "$(col_of uscc)") NUMBER=$(letter "$(col_of number)") CERT=$(letter "$(col_of certified_on)")
uscc2=$(sed -n 2p "$WORK/x.csv" | cut -d, -f"$(col_of uscc)")
case "$(cell "${USCC}2")" in
"${USCC}2	s	"*"	$uscc2" | "${USCC}2	inlineStr	"*"	$uscc2") ok "a credit code is a text cell" ;;
*) fail "credit code cell" "$(cell "${USCC}2")" "csv: $uscc2" ;;
esac
bad=$(awk -F'\t' -v u="$USCC" -v n="$NUMBER" '($1 ~ "^" u "[0-9]+$" || $1 ~ "^" n "[0-9]+$") && $2 != "s" && $2 != "inlineStr"' "$WORK/cells")
[ -z "$bad" ] && ok "every credit code and case number is a text cell" || fail "text cells" "$bad"
# A certified case's day: a number cell with the yyyy-mm-dd format, the
# same day as the CSV's (Excel counts days from 1899-12-30).
row=$(awk -F, -v c="$(col_of certified_on)" 'NR > 1 && $c != "" { print NR; exit }' "$WORK/x.csv")
want=$(sed -n "${row}p" "$WORK/x.csv" | cut -d, -f"$(col_of certified_on)")
got=$(cell "${CERT}$row")
serial=$(printf '%s' "$got" | cut -f4)
day=$(python3 -c "import datetime,sys; print(datetime.date(1899,12,30) + datetime.timedelta(days=int(float(sys.argv[1]))))" "$serial" 2>/dev/null)
case "$got" in
"${CERT}$row	n	yyyy-mm-dd	"*) [ "$day" = "$want" ] && ok "a date is a date cell of the same day" || fail "date day" "$got -> $day" "csv: $want" ;;
*) fail "date cell" "${CERT}$row: $got" "csv: $want" ;;
esac

# Dropdowns: the levels' and regions' keys, on their columns below the header.
LEVEL=$(letter "$(col_of level)") REGION=$(letter "$(col_of region)")
levels=$(grep '^validation' "$WORK/cells" | awk -F'\t' -v c="$LEVEL" '$3 == c "2:" c "1048576" { print $2 ":" $4 }')
[ "$levels" = "list:basic advanced excellent leading" ] && ok "a dropdown of the levels" ||
	fail "level dropdown" "got: $levels" "$(grep '^validation' "$WORK/cells")"
regions=$(grep '^validation' "$WORK/cells" | awk -F'\t' -v c="$REGION" '$3 == c "2:" c "1048576" { print $2 ":" $4 }')
case "$regions" in
"list:wuhan huangshi "*" enshi "*) ok "a dropdown of the regions" ;;
*) fail "region dropdown" "got: $regions" ;;
esac

# Columns sized to their Chinese text: the enterprise column is wider than
# its longest name's characters (each Chinese character is two cells).
ENT=$(col_of enterprise)
longest=$(python3 -c 'import csv, sys; print(max(len(r[int(sys.argv[2]) - 1]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]))' "$WORK/x.csv" "$ENT")
width=$(awk -F'\t' -v c="$ENT" '$1 == "width" && $2 == c { print int($3) }' "$WORK/cells")
[ -n "$width" ] && [ "$width" -ge $((2 * longest)) ] && ok "columns are as wide as their Chinese text" ||
	fail "column width" "enterprise column $width for $longest characters (LC_ALL=C.UTF-8)"

# Forms whose regions do not fit in a dropdown's rule (255 characters):
# the list goes to a hidden sheet the dropdown names (ASan: no leak).
cp -r "$TOP/forms" "$WORK/forms"
i=0
while [ $i -lt 30 ]; do
	printf '\n[extra_region_%02d]\nzh = 新区%02d\nen = Extra %02d\ncode = 4299%02d\n' $i $i $i $i >>"$WORK/forms/regions.ini"
	i=$((i + 1))
done
# libxlsxwriter 1.1.4 (Debian 12) never frees a dropdown's formula: under
# LeakSanitizer that one leak inside the library is passed over.
echo 'leak:libxlsxwriter.so' >"$WORK/lsan.supp"
LSAN_OPTIONS=suppressions=$WORK/lsan.supp run G --forms "$WORK/forms" export cases --keys -o "$WORK/long.xlsx"
expect "export with a long region list" 0
python3 "$WORK/read.py" "$WORK/long.xlsx" >"$WORK/long-cells" 2>&1
case "$(grep '^validation' "$WORK/long-cells" | awk -F'\t' -v c="$(letter "$(col_of region)")" '$3 == c "2:" c "1048576" { print $4 }')" in
"wuhan huangshi "*" extra_region_29") ok "a long region list is in a hidden sheet" ;;
*) fail "long region list" "$(grep '^validation' "$WORK/long-cells")" ;;
esac
hidden=$(python3 -c 'import sys, zipfile, xml.etree.ElementTree as ET
wb = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml"))
print(" ".join("%s:%s" % (s.get("name"), s.get("state", "visible")) for s in wb.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")))' "$WORK/long.xlsx")
[ "$hidden" = "cases:visible lists:hidden" ] && ok "the lists sheet is hidden" || fail "hidden lists" "$hidden"

# Experts: a region dropdown, no level one.
run G export experts --keys -o "$WORK/e.xlsx"
expect "export experts -o e.xlsx" 0
python3 "$WORK/read.py" "$WORK/e.xlsx" >"$WORK/cells" 2>&1
[ "$(grep -c '^validation' "$WORK/cells")" = 1 ] && ok "the experts' workbook has the region dropdown" ||
	fail "experts dropdowns" "$(grep '^validation' "$WORK/cells")"

# A link planted at the path is refused, its target untouched, nothing left behind.
echo secret >"$WORK/target"
ln -s "$WORK/target" "$WORK/link.xlsx"
before=$(ls -a "$WORK" | wc -l)
run G export cases --keys -o "$WORK/link.xlsx"
expect "a link at the path is refused" 1 "symbolic link"
[ "$(cat "$WORK/target")" = secret ] && [ -L "$WORK/link.xlsx" ] && [ "$(ls -a "$WORK" | wc -l)" = "$before" ] &&
	ok "nothing written through the link, nothing left beside it" || fail "link target" "$(ls -la "$WORK")"

# Replacing an existing workbook replaces it whole.
run G export checks --keys -o "$WORK/x.xlsx"
expect "export checks -o over an existing workbook" 0
python3 "$WORK/read.py" "$WORK/x.xlsx" >"$WORK/cells" 2>&1
[ "$(cell A1 | cut -f4),$(cell B1 | cut -f4)" = "number,case" ] && ok "the workbook is replaced" ||
	fail "replaced" "$(head -3 "$WORK/cells")"

# Import: the exported workbook imports into an empty database exactly as
# the exported CSV does (every rule of the CSV import applies to its rows).
run G export cases --keys -o "$WORK/x.xlsx"
"$GRADUS" --db "$WORK/from-csv.db" init >/dev/null
"$GRADUS" --db "$WORK/from-xlsx.db" init >/dev/null
# minizip and expat (and zlib with minizip) are loaded to read a workbook
# only, never at a start (src/text/sheet_library.c).
run env LD_DEBUG=files "$GRADUS" --db "$WORK/from-csv.db" import cases "$WORK/x.csv"
expect "the CSV export imports" 0 "cases: 30 new"
case "$ERR" in
*libminizip*|*libexpat*|*libz.so*) fail "a CSV import loads no minizip, expat or zlib" \
	"$(echo "$ERR" | grep -E 'minizip|expat|libz' | head -3)" ;;
*) ok "a CSV import loads no minizip, expat or zlib" ;;
esac
run env LD_DEBUG=files "$GRADUS" --db "$WORK/from-xlsx.db" import cases "$WORK/x.xlsx"
expect "the workbook imports" 0 "cases: 30 new"
for lib in libminizip libexpat; do
	printf '%s\n' "$ERR" | grep -q "file=$lib" && ok "reading a workbook loads $lib" ||
		fail "reading a workbook loads $lib" "$(echo "$ERR" | grep 'file=' | head -5)"
done
"$GRADUS" --db "$WORK/from-csv.db" export cases -o "$WORK/again-csv.csv" 2>/dev/null
"$GRADUS" --db "$WORK/from-xlsx.db" export cases -o "$WORK/again-xlsx.csv" 2>/dev/null
expect_same "workbook and CSV import to the same cases" "$WORK/again-csv.csv" "$WORK/again-xlsx.csv"
"$GRADUS" --db "$WORK/from-xlsx.db" export cases --keys -o "$WORK/again.xlsx" 2>/dev/null
"$GRADUS" --db "$WORK/again.db" init >/dev/null
run "$GRADUS" --db "$WORK/again.db" import cases "$WORK/again.xlsx"
expect "a re-exported workbook imports again" 0 "cases: 30 new"
"$GRADUS" --db "$WORK/again.db" export cases -o "$WORK/again-again.csv" 2>/dev/null
expect_same "export, import, export again: the same CSV" "$WORK/again-xlsx.csv" "$WORK/again-again.csv"

# The same sheet below a title merged across its columns (the office's
# 2026年… 名单 row): the title row is passed over, the rows import as before.
python3 - "$WORK/x.csv" "$WORK/title.xlsx" "$TOP/tests/cli/data" <<'PY'
import csv, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[3])
from workbook import book, letter
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
book(sys.argv[2], [(1, ['2026年智能工厂梯度培育名单'])] + [(n + 2, r) for n, r in enumerate(rows)],
     ['A1:%s1' % letter(len(rows[0]) - 1)])
PY
"$GRADUS" --db "$WORK/title.db" init >/dev/null
run "$GRADUS" --db "$WORK/title.db" import cases "$WORK/title.xlsx"
expect "a workbook with a merged title row imports" 0 "cases: 30 new"
"$GRADUS" --db "$WORK/title.db" export cases -o "$WORK/again-title.csv" 2>/dev/null
expect_same "below its title row, the same cases as the CSV" "$WORK/again-csv.csv" "$WORK/again-title.csv"

# A bad credit code in the workbook is refused on its sheet row, by column.
bad_uscc=$(sed -n 2p "$WORK/x.csv" | cut -d, -f"$(col_of uscc)")
bad_row=$(cut -d, -f"$(col_of uscc)" "$WORK/x.csv" | grep -nx "$bad_uscc" | head -1 | cut -d: -f1)
python3 - "$WORK/x.xlsx" "$WORK/bad.xlsx" "$bad_uscc" <<'PY'
import sys, zipfile
src, dst, code = sys.argv[1:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'xl/sharedStrings.xml':
            data = data.replace(code.encode(), (code[:-1] + ('0' if code[-1] != '0' else '1')).encode())
        zout.writestr(item, data)
PY
"$GRADUS" --db "$WORK/bad.db" init >/dev/null
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/bad.xlsx"
expect "a bad cell is named by its sheet row and column" 1 "bad.xlsx: row $bad_row, column $USCC (uscc)"
[ "$(sqlite3 "$WORK/bad.db" 'SELECT count(*) FROM cases')" = 0 ] && ok "nothing of the bad workbook is imported" ||
	fail "bad workbook" "$(sqlite3 "$WORK/bad.db" 'SELECT count(*) FROM cases') cases"

# Not a workbook, a part cut off, a sheet that is not there: refused, naming file and part.
cp "$WORK/x.csv" "$WORK/csv.xlsx"
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/csv.xlsx"
expect "a CSV named .xlsx is refused" 1 "csv.xlsx: not an Excel workbook (.xlsx): not a zip archive"
python3 - "$WORK/x.xlsx" "$WORK/nosheet.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], 'w') as zout:
    for item in zin.infolist():
        if item.filename != 'xl/worksheets/sheet1.xml':
            zout.writestr(item, zin.read(item.filename))
PY
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/nosheet.xlsx"
expect "a workbook without its sheet's part is refused" 1 "nosheet.xlsx: xl/worksheets/sheet1.xml: missing from the workbook"
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/x.xlsx" --sheet 案件
expect "--sheet names a sheet that is not there" 1 "x.xlsx: no sheet named 案件"
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/x.xlsx" --sheet cases --dry-run
expect "--sheet cases --dry-run" 0 "cases: 30 new"
