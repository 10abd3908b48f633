# The cultivation progress report of the demo's leading factory
# HB-2025-LEA-0001 with today fixed: plain text compared whole with
# tests/cli/expected/report-cultivation.txt (timestamps and the audit head
# as @PLACEHOLDERS@; GRADUS_BLESS=1 rewrites it), the Gantt rows and the KPI
# charts within 80 columns, and the HTML's SVG timeline and KPI charts
# printed to an A4 PDF by headless Chromium.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" --today 2026-11-28 "$@"; }
# The report as it is printed at the office: in Chinese, times in Beijing
# time with the zone named.
R() { LC_ALL=zh_CN.UTF-8 TZ=Asia/Shanghai "$GRADUS" --db "$DB" --today 2026-11-28 "$@"; }
L=HB-2025-LEA-0001

HEAD=$(sqlite3 "$DB" "SELECT lower(hex(hash)) FROM audit ORDER BY seq DESC LIMIT 1")
# Plan versions carry the clock's time of the demo's making.
normalise() { sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} CST \+0800/@AT@/g' -e "s/$HEAD/@HEAD@/g"; }
same() { cat; }

run R report cultivation "$L"
expect "report cultivation prints the text report" 0
printf '%s\n' "$OUT" | normalise >"$WORK/report.txt"
expect_expected "the text report is the expected one" "$TOP/tests/cli/expected/report-cultivation.txt" \
	"$WORK/report.txt" same same
expect_width "no text line is wider than 80 cells" "$WORK/report.txt"
expect_line "the timeline's months" "                              7 . . 10. . 1 . . 4 . . 7 . . 10. . 1 . . 4 . . 7"
expect_line "a done milestone on its month" "建设方案通过专家委评审        . . .◆. . . . . . . . . . . . . .|. . . . . . . ."
expect_line "an open milestone after today" "安全生产智能预警平台投运      . . . . . . . . . . . . . . . . .|. .◇. . . . . ."
expect_line "a guidance session" "指导 2026-06-18               . . . . . . . . . . . .●. . . . .|. . . . . . . ."
expect_line "the acceptance due date" "验收申请                      . . . . . . . . . . . . . . . . .|. . . . .▲. . ."
expect_line "today" "今天 2026-11-28               . . . . . . . . . . . . . . . . .|. . . . . . . ."
expect_line "a KPI's bar against its target (|)" "2026-Q3  ████████████████████████████████    | 35 %"
expect_line "the baseline (░) with its mark (:)" "基线     ░░░░░░░░░:                          | 10 %"
expect_line "a KPI met" "设备综合利用率          72    85      86    已达标"
expect_line "the readiness list" "提交AI质检推广计划（指导会 2026-06-18，期限 2026-12-31）"
run R report cultivation "$(sqlite3 "$DB" "SELECT id FROM cases WHERE number = '$L'")"
[ "$RC" = 0 ] && [ "$(printf '%s\n' "$OUT" | normalise)" = "$(cat "$WORK/report.txt")" ] &&
	ok "a case by its id reports the same" || fail "report by id" "exit $RC" "$ERR"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --today 2027-03-05 report cultivation "$L"
expect_line "today follows --today" "今天 2027-03-05               . . . . . . . . . . . . . . . . . . . . | . . . ."

# Markdown: the charts as code blocks.
run R report cultivation "$L" --format md
expect "report cultivation --format md" 0
expect_line "Markdown: the timeline in a code block" "    今天 2026-11-28               . . . . . . . . . . . . . . . . .|. . . . . . . ."
expect_line "Markdown: a KPI chart in a code block" "    目标     ▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓| 40 %"

# HTML: an SVG timeline, an SVG per KPI.
HTML=$WORK/report.html
run R report cultivation "$L" --format html -o "$HTML"
expect "report cultivation --format html -o FILE" 0
expect_self_contained "HTML refers to nothing outside itself" "$HTML"
[ "$(grep -c '<svg class="timeline"' "$HTML")" = 1 ] && ok "HTML: the timeline is an inline SVG" || fail "timeline svg"
KPIS=$(G cultivation show "$L" | grep -c '^kpi	')
[ "$(grep -c '<svg class="measure"' "$HTML")" = "$KPIS" ] && [ "$KPIS" = 8 ] && ok "HTML: an SVG chart per KPI" ||
	fail "KPI svgs" "$(grep -c '<svg class="measure"' "$HTML") of $KPIS"
grep -q 'stroke-dasharray="4 2"' "$HTML" && ok "HTML: a line at today" || fail "today line"

# Errors and the list kept when the acceptance is filed.
run G report cultivation HB-2024-EXC-0001
expect "only leading factories have a cultivation report" 1 "only leading-level factories are cultivated"
G case advance "$L" file_acceptance --on 2026-11-28 --override '专家委同意带条件受理' >/dev/null 2>"$WORK/setup.err" || fail "file the acceptance" "$(cat "$WORK/setup.err")"
run R report cultivation "$L"
expect_line "the list kept when the acceptance was filed" "提交验收申请时的清单（2026-11-28）"

if print_pdf "Chromium prints the HTML report to a PDF" "$HTML" "$WORK/report.pdf"; then
	grep -q "单位产值能耗" "$WORK/report.pdf.txt" && grep -q "应用人工智能的场景占比" "$WORK/report.pdf.txt" &&
		ok "the PDF's text has the KPI names" || fail "PDF text" "$(head -20 "$WORK/report.pdf.txt")"
fi
