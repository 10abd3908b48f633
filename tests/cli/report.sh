# The printed report of a spot check: plain text compared whole with
# tests/cli/expected/report-check.txt (volatile values as @PLACEHOLDERS@;
# GRADUS_BLESS=1 rewrites it), Markdown tables, and a self-contained HTML page
# printed to an A4 PDF by headless Chromium.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
# The report as it is printed at the office: in Chinese, times in Beijing
# time with the zone named.
R() { LC_ALL=zh_CN.UTF-8 TZ=Asia/Shanghai "$GRADUS" --db "$DB" "$@"; }
beijing() { TZ=Asia/Shanghai date -d "$1" '+%Y-%m-%d %H:%M:%S %Z %z'; }
CASE=HB-2024-EXC-0001
G user add insp1 inspector >/dev/null

# A fixed check: scenarios 17 and 21 (seed 42), answers of every kind, notes
# (one with markup, one with a control character), a file, findings, the
# signature and an amendment.
C=$(G check plan "$CASE" --inspectors "$ME" --draw 2 --seed 42)
ESC=$(printf '\033')
for a in "17 1 yes" "17 4 na" "17 5 0.95 0.82" "17 6 3" "21 1 yes" "21 2 yes" "21 4 覆盖部分关键工序" "21 5 12" \
	"21 6 30 35.5"; do
	set -- $a
	G check answer "$C" "$@" || fail "answer $a"
done
G check answer "$C" 17 1 yes --note '现场演示 <script>alert("x")</script> & 碳排放核算覆盖全部产线' || fail "answer 17 1 with a note"
G check answer "$C" 17 2 partial --note 'Only lines 1 and 2 run the carbon dashboard; line 3 still books emissions by hand | *monthly*' ||
	fail "answer 17 2"
G check answer "$C" 17 3 no --note '未见碳捕获装置' || fail "answer 17 3"
G check answer "$C" 17 7 '碳配额交易 2 笔' || fail "answer 17 7"
G check answer "$C" 21 3 partial --note '仅两条产线自动下发设定值' || fail "answer 21 3"
# (gradus refuses a control character today; an older one stored it)
G check answer "$C" 21 7 "现场查看了MES系统的能耗模块[31m" || fail "answer 21 7"
sqlite3 "$DB" "UPDATE answers SET value = replace(value, '模块[31m', '模块' || char(27) || '[31m')
	WHERE scenario = 21 AND item = 7"
printf 'photo of the carbon dashboard\n' >"$WORK/看板照片.jpg"
SHA=$(sha256sum "$WORK/看板照片.jpg" | cut -d' ' -f1)
G check attach "$C" 17 1 "$WORK/看板照片.jpg" >/dev/null || fail "attach"
finding() { G check show "$C" | awk -F'\t' -v s="$1" -v i="$2" '$1 == "finding" && $3 == s && $4 == i { print $2 }'; }
G check finding "$(finding 17 3)" --severity critical --action '评估碳捕获技术可行性并提交计划' --due 2027-03-31 || fail "finding set"
printf 'plan\n' >"$WORK/整改计划.pdf"
G check finding "$(finding 21 3)" --close '已提交整改计划' --file "$WORK/整改计划.pdf" || fail "finding close"
HASH=$(G check sign "$C") || fail "sign"
G check amend "$C" 17 4 yes --note '复核后确认覆盖碳交易' --reason '签字后补充了碳交易记录' || fail "amend"

# The volatile values, and the substitutions both ways.
q() { sqlite3 "$DB" "$1"; }
SIGNED_AT=$(beijing "$(q "SELECT signed_at FROM signatures s JOIN checks k ON k.id = s.check_id WHERE k.number = '$C'")")
AMENDED_AT=$(beijing "$(q "SELECT amended_at FROM amendments a JOIN checks k ON k.id = a.check_id WHERE k.number = '$C'")")
FORMS_HASH=$(G check show "$C" | sed -n 's/^forms_hash\t//p')
HEAD=$(q "SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1")
to_values() {
	sed -e "s/@AMENDED_AT@/$AMENDED_AT/g" -e "s/@SIGNED_AT@/$SIGNED_AT/g" -e "s/@HASH@/$HASH/g" \
		-e "s/@FORMS_HASH@/$FORMS_HASH/g" -e "s/@HEAD@/$HEAD/g" -e "s/@USER@/$ME/g"
}
to_placeholders() {
	sed -e "/时间/s/$AMENDED_AT/@AMENDED_AT@/g" -e "s/$SIGNED_AT/@SIGNED_AT@/g" -e "s/$HASH/@HASH@/g" \
		-e "s/$FORMS_HASH/@FORMS_HASH@/g" -e "s/$HEAD/@HEAD@/g" -e "s/\<$ME\>/@USER@/g"
}

# Plain text.
WANT=$TOP/tests/cli/expected/report-check.txt
run R report check "$C"
expect "report check prints the text report" 0
printf '%s\n' "$OUT" >"$WORK/report.txt"
expect_expected "the text report is the expected one" "$WANT" "$WORK/report.txt" to_values to_placeholders
run R report check "$(G check show "$C" | sed -n 's/^id\t//p')"
[ "$RC" = 0 ] && [ "$OUT" = "$(cat "$WORK/report.txt")" ] && ok "a check by its id reports the same" ||
	fail "report by id" "exit $RC" "$ERR"
expect_width "no text line is wider than 80 cells" "$WORK/report.txt"
grep -q "$ESC" "$WORK/report.txt" && fail "a control character from data reaches the text" ||
	ok "a control character from data is shown as a placeholder"
expect_line "a measure before → after with its unit, change, percent and better way" \
	"    回答    0.95 → 0.82 吨二氧化碳当量/万元（−0.13，−14%），改善"
expect_line "a measure that went the other way" "    回答    30 → 35.5 元/单位产品（+5.5，+18%），未改善"
expect_line "a lone figure, as measures were answered before" "    回答    3 天"
expect_line "the evidence with its SHA-256 in full" "    SHA-256  $SHA"
expect_line "the overall score" "总分                          $(G check show "$C" | sed -n 's/^score\toverall\t//p')"

# Markdown.
run R report check "$C" --format md
expect "report check --format md" 0
expect_line "Markdown: an item row" "| 17.5 | 核查应用前后的单位产值碳排放量 | 计量，必答 | 3 | 0.95 → 0.82 吨二氧化碳当量/万元（−0.13，−14%），改善 |  | $ME |"
expect_line "Markdown: | and markup in data are escaped" \
	"| 17.2 | 核查碳排放精细化检测、碳排放指标自动核算等技术的应用情况 | 核查，必答 | 2 | 部分 | Only lines 1 and 2 run the carbon dashboard; line 3 still books emissions by hand \\| \\*monthly\\* | $ME |"
expect_line "Markdown: the evidence row" "| 17.1 | 看板照片.jpg | image/jpeg | 30 B | $SHA |"
expect_line "Markdown: the chart" "| 生产作业 | 61.2 | ████████████ |"

# HTML, written to a file through FILE.tmp.
HTML=$WORK/report.html
expect_html_report "$HTML" R report check "$C"
grep -q '<svg ' "$HTML" && grep -q '<thead>' "$HTML" && ok "HTML: an inline SVG chart, table headers to repeat" || fail "HTML svg/thead"
cp "$HTML" "$WORK/good.html"
run G report check "$CASE-C9" --format html -o "$HTML"
expect "a report that fails names what is missing" 1 "$CASE-C9"
cmp -s "$HTML" "$WORK/good.html" && [ ! -e "$HTML.tmp" ] && ok "a failed report leaves the good file as it was" ||
	fail "failed report kept the file"
run G report check "$C" -o "$WORK/no/such/dir/report.txt"
expect "a file that cannot be written is named" 1 "$WORK/no/such/dir/report.txt"
run G report check "$C" --format pdf
expect "an unknown format is a usage error" 2 "expected txt, md or html"
run G report cases "$CASE"
expect "report takes check, panel, cultivation or case" 2 "usage: gradus report check"

# Printed to PDF by headless Chromium: A4, the text searchable.
if print_pdf "Chromium prints the HTML report to a PDF" "$HTML" "$WORK/report.pdf"; then
	grep -q "$(G check show "$C" | sed -n 's/^enterprise\t//p')" "$WORK/report.pdf.txt" && grep -q "$SHA" "$WORK/report.pdf.txt" &&
		ok "the PDF's text has the enterprise and the file's SHA-256" || fail "PDF text" "$(head -20 "$WORK/report.pdf.txt")"
fi
