# The printed opinion of an expert panel: plain text compared whole with
# tests/cli/expected/report-panel.txt (volatile values as @PLACEHOLDERS@;
# GRADUS_BLESS=1 rewrites it), Markdown rows, and a self-contained HTML page
# printed to an A4 PDF by headless Chromium.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
# The report as it is printed at the office: in Chinese, times in Beijing
# time with the zone named.
R() { LC_ALL=zh_CN.UTF-8 TZ=Asia/Shanghai "$GRADUS" --db "$DB" "$@"; }
beijing() { TZ=Asia/Shanghai date -d "$1" '+%Y-%m-%d %H:%M:%S %Z %z'; }
CASE=HB-2025-LEA-0002 # leading, acceptance filed: its preliminary acceptance takes the trimmed mean

# A panel of four with a chair, notes on scenarios and on the case as a
# whole (one with markup, one with a control character), a rectification
# opinion with two items, every score, signed.
ESC=$(printf '\033')
G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan >/dev/null
G expert add 刘芳 --fields operations --affiliation 武汉理工大学 >/dev/null
G expert add 陈刚 --fields management --affiliation 湖北省智能制造研究院 >/dev/null
G expert add 'Anna Schmidt' --fields operations --affiliation 'Fraunhofer IPA' >/dev/null
P=$(G panel plan "$CASE" --purpose preliminary --members E0001,E0002,E0003,E0004 --chair E0002 --on 2026-11-20) ||
	fail "panel plan"
G panel note "$P" E0001 21 应用成效 '工艺优化后能耗下降12%，数据可追溯' || fail "note 21"
G panel note "$P" E0001 17 数据质量 '现场演示 <script>alert("x")</script> & 碳排放核算覆盖全部产线' || fail "note 17"
G panel note "$P" E0002 0 总体评价 "$(printf '建设内容与申报一致，\n复核期内持续改进')" || fail "note 0"
# (gradus refuses a control character today; an older one stored it)
G panel note "$P" E0004 0 'Overall' "Line 3 still books emissions by hand[31m | *monthly*" || fail "note E0004"
sqlite3 "$DB" "UPDATE panel_notes SET note = replace(note, 'hand[31m', 'hand' || char(27) || '[31m')"
G panel opinion "$P" rectify '整改后初验达标：补齐能耗数据采集点并完善碳排放核算规则后予以确认。' \
	--item '补充能耗数据采集点' --due 2027-01-31 --item '完善碳排放核算规则' || fail "opinion"
G panel score "$P" E0001 90 && G panel score "$P" E0002 85 && G panel score "$P" E0003 70 &&
	G panel score "$P" E0004 88 || fail "scores"
HASH=$(G panel sign "$P") || fail "sign"

# The volatile values, and the substitutions both ways.
q() { sqlite3 "$DB" "$1"; }
SIGNED_AT=$(beijing "$(q "SELECT signed_at FROM panels WHERE number = '$P'")")
HEAD=$(q "SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1")
to_values() { sed -e "s/@SIGNED_AT@/$SIGNED_AT/g" -e "s/@HASH@/$HASH/g" -e "s/@HEAD@/$HEAD/g" -e "s/@USER@/$ME/g"; }
to_placeholders() {
	sed -e "s/$SIGNED_AT/@SIGNED_AT@/g" -e "s/$HASH/@HASH@/g" -e "s/$HEAD/@HEAD@/g" -e "s/\<$ME\>/@USER@/g"
}

# Plain text.
run R report panel "$P"
expect "report panel prints the text report" 0
printf '%s\n' "$OUT" >"$WORK/report.txt"
expect_expected "the text report is the expected one" "$TOP/tests/cli/expected/report-panel.txt" "$WORK/report.txt" \
	to_values to_placeholders
run R report panel "$(q "SELECT id FROM panels WHERE number = '$P'")"
[ "$RC" = 0 ] && [ "$OUT" = "$(cat "$WORK/report.txt")" ] && ok "a panel by its id reports the same" ||
	fail "report by id" "exit $RC" "$ERR"
expect_width "no text line is wider than 80 cells" "$WORK/report.txt"
grep -q "$ESC" "$WORK/report.txt" && fail "a control character from data reaches the text" ||
	ok "a control character from data is shown as a placeholder"
run R report panel "$P"
expect_line "the chair is marked" "E0002  刘芳          武汉理工大学          85.0  组长"
expect_line "the trimmed mean of 90 85 70 88" "评审组得分  86.5"
expect_line "the step the opinion took" "案件步骤  初验达标"

# Markdown.
run R report panel "$P" --format md
expect "report panel --format md" 0
expect_line "Markdown: a member row" "| E0001 | 张伟 | 华中科技大学 | 90.0 |  |"
expect_line "Markdown: a note on the case as a whole" "| 0 整体 | 总体评价 | 建设内容与申报一致，<br>复核期内持续改进 |"
expect_line "Markdown: | and markup in a note are escaped" \
	"| 17 碳资产全生命周期管理 | 数据质量 | 现场演示 \\<script\\>alert(\"x\")\\</script\\> \\& 碳排放核算覆盖全部产线 |"
expect_line "Markdown: a rectification item" "| 1 | 补充能耗数据采集点 | 2027-01-31 | 未关闭 |"
expect_line "Markdown: the opinion" "- **结论**: 整改后通过"

# HTML, written to a file through FILE.tmp.
HTML=$WORK/report.html
expect_html_report "$HTML" R report panel "$P"
grep -q '建设内容与申报一致，<br>' "$HTML" && ok "HTML: a note's line break is a line break" ||
	fail "HTML line break" "$(grep 建设内容 "$HTML")"
grep -q "<td class=\"hash\">$HASH</td>" "$HTML" && grep -q '<svg ' "$HTML" &&
	ok "HTML: the hash on one line, the scores as an SVG chart" || fail "HTML hash/svg"

# Errors.
run G report panel "$CASE-P9"
expect "an unknown panel is named" 1 "$CASE-P9"
run G report panel
expect "report panel needs a panel" 2 "usage: gradus report check"
UNSIGNED=$(G panel plan HB-2025-ADV-0002 --purpose evaluation --members E0001 2>/dev/null)
run R report panel "$UNSIGNED"
expect "a panel not yet signed is reported as such" 0 "未签字"

if print_pdf "Chromium prints the HTML report to a PDF" "$HTML" "$WORK/report.pdf"; then
	grep -q "刘芳" "$WORK/report.pdf.txt" && grep -q "$HASH" "$WORK/report.pdf.txt" &&
		ok "the PDF's text has the members and the content hash" || fail "PDF text" "$(head -20 "$WORK/report.pdf.txt")"
fi
