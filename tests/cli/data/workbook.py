# A minimal .xlsx workbook for the tests, written with Python's own zipfile:
# one sheet "名单" of inline strings on the rows given, with merged ranges.
# book(path, [(row_number, [cell, ...]), ...], ['A1:G1', ...])
import zipfile
from xml.sax.saxutils import escape

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def letter(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def book(path, rows, merges=()):
    cells = ''.join('<row r="%d">%s</row>' % (n, ''.join(
        '<c r="%s%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (letter(i), n, escape(v))
        for i, v in enumerate(values) if v)) for n, values in rows)
    merged = ''.join('<mergeCell ref="%s"/>' % m for m in merges)
    if merges:
        merged = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), merged)
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>%s</sheetData>%s</worksheet>'
             % (MAIN, cells, merged))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets>'
                   '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, RELS))
        z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   'Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % RELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)
