# The report of a case (案件报告), the record a clerk prints and files: an
# excellent case's review filed late by an admin's override shows what was
# not met and the reason, marked, in txt, md and html; its revocation shows
# the 文号 and reason; a basic case in public notice shows its provisional
# end, its objections, and hostile text (control characters, markup) made
# harmless in every format; Chinese and a character outside the BMP (𠀀)
# line up in the plain text.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
# AT DAY ARGS: gradus with the system clock at DAY and DAY as today
AT() { local day=$1; shift; at_clock "$day" env GRADUS_TODAY="$day" "$GRADUS" --db "$DB" "$@"; }
ZH() { LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$GRADUS" --db "$DB" "$@"; }
if ! has_clock; then
	ok "report case # SKIP no libfaketime (apt-get install faketime)"
	exit 0
fi
DOC='鄂经信智能〔2027〕18号'
# one line of text, the wrapping of plain text undone
flat() { tr '\n' ' ' | tr -s ' '; }

# An excellent factory certified 2024-07-24: its review was due 2027-04-24;
# the admin (the database's creator) files it a day late, with a reason.
A=$(G case add --enterprise 武汉𠀀报告测试有限公司 --uscc 91420100MA4KXXXX0D --region wuhan --level excellent \
	--year 2024 --certified-on 2024-07-24 --scenarios 1,5 2>/dev/null)
run AT 2027-04-25 case advance "$A" review_filed
expect "the review filed after its due date is refused without an override" 1
run AT 2027-04-25 case advance "$A" review_filed --override 逾期因疫情封控，经处长同意
expect "the admin files it late with --override" 0
WHY=$(AT 2027-04-25 case show "$A" | sed -n 's/^override\t[^\t]*\treview_filed\t//p')
[ -n "$WHY" ] && ok "case show has the override's text" || fail "case show override" "$(AT 2027-04-25 case show "$A")"

run AT 2027-04-25 report case "$A"
expect "report case prints the text report" 0 "Case report"
printf '%s\n' "$OUT" >"$WORK/a.txt"
expect_width "no text line is wider than 80 cells" "$WORK/a.txt"
flat <"$WORK/a.txt" | grep -qF -- "⚠ $(printf '%s' "$WHY" | tr -s ' ')" &&
	ok "txt: the override's text, what was not met and the reason, marked ⚠" ||
	fail "txt override" "want: ⚠ $WHY" "$(grep -A3 Override "$WORK/a.txt")"
grep -q '^    Override  ⚠ ' "$WORK/a.txt" && ok "txt: on its own line under the step, labelled" ||
	fail "txt override line" "$(grep -B3 -A3 '⚠' "$WORK/a.txt")"
flat <"$WORK/a.txt" | grep -qF "reason: 逾期因疫情封控，经处长同意" && ok "txt: the reason as typed" || fail "txt reason"
expect_line "txt: the review due date, filed" "Review application due  2027-04-24 (filed)"
expect_line "txt: valid through (有效期至)" "Valid through           2027-07-24"
expect_line "txt: the state's name, not its key" "State                     Review filed"
expect_line "txt: the region's name" "Region                    Wuhan"
expect_line "txt: a scenario by its id and title" "01   Digital factory planning and design  Factory construction"

run AT 2027-04-25 report case "$A" --format md
printf '%s\n' "$OUT" >"$WORK/a.md"
grep -F "| **⚠ " "$WORK/a.md" | grep -qF "逾期因疫情封控，经处长同意**" &&
	ok "md: the override's cell in bold, with its reason" || fail "md override" "$(grep -F '⚠' "$WORK/a.md")"
grep -F "**⚠ " "$WORK/a.md" | grep -qF "| **2027-04-25** |" && ok "md: the whole step's row in bold" ||
	fail "md marked row" "$(grep -F '⚠' "$WORK/a.md")"

HTML=$WORK/a.html
run AT 2027-04-25 report case "$A" --format html -o "$HTML"
expect "report case --format html -o FILE" 0
expect_self_contained "HTML refers to nothing outside itself" "$HTML"
grep '<tr class="marked">' "$HTML" | grep -qF "⚠ " && grep '<tr class="marked">' "$HTML" | grep -qF "逾期因疫情封控，经处长同意" &&
	ok "html: the step's row marked, with the override's text and reason" || fail "html override" "$(grep -F '⚠' "$HTML")"
grep -q 'tr.marked td { font-weight: bold }' "$HTML" && ok "html: a marked row is bold" || fail "html marked style"
[ "$(grep -c '<tr class="marked">' "$HTML")" = 1 ] && ok "html: only the overridden step is marked" ||
	fail "html marks" "$(grep -c '<tr class="marked">' "$HTML")"
ls "$WORK" | grep -q 'a\.html\.' && fail "no temporary file is left beside the report" "$(ls "$WORK")" ||
	ok "no temporary file is left beside the report"

# Revoked by its document: the 文号 and the reason, in each format.
run AT 2027-05-10 case advance "$A" revoke --doc "$DOC" --note 申报材料弄虚作假
expect "revoke with its 文号 and reason" 0 revoked
run AT 2027-05-10 report case "$A"
flat <"$WORK/out" | grep -qF "Certification ended Revoke certification 2027-05-10, by document $DOC; reason:" &&
	ok "txt: the certification ended, by its 文号, with its reason" || fail "txt ended" "$(grep -A1 'ended' "$WORK/out")"
flat <"$WORK/out" | grep -qF "reason: 申报材料弄虚作假" && ok "txt: the revocation's reason" || fail "txt revocation reason"
grep -qF "    Document  $DOC" "$WORK/out" && ok "txt: the revocation step lists its 文号" ||
	fail "txt step 文号" "$(grep -A4 2027-05-10 "$WORK/out")"
expect_line "txt: the state is revoked" "State                     Revoked"
run AT 2027-05-10 report case "$A" --format md
expect "md: the revocation with its 文号" 0 "- **Certification ended**: Revoke certification 2027-05-10, by document $DOC; reason: 申报材料弄虚作假"
run AT 2027-05-10 report case "$A" --format html
expect "html: the revocation's 文号 in the steps" 0 "<td>$DOC</td><td>申报材料弄虚作假</td>"
run env GRADUS_TODAY=2027-05-10 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$GRADUS" --db "$DB" report case "$A"
expect "zh: 认定终止 with the 文号" 0 "文号 $DOC"
printf '%s\n' "$OUT" >"$WORK/a-zh.txt"
# the fields' values start in one column, whatever the labels' widths in Chinese
python3 - "$WORK/a-zh.txt" <<'EOF' >"$WORK/cols" && ok "zh: the fields' values line up" || fail "zh fields" "$(cat "$WORK/cols")"
import sys, unicodedata, re
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = lines[3:lines.index("", 3)]
starts = {w(m.group(1)) for m in (re.match(r"^(\S+ +)\S", l) for l in head) if m}
print(starts, head[:3]); sys.exit(0 if len(starts) == 1 and len(head) > 10 else 1)
EOF

# A basic case in its public notice, started 2026-12-28: its end is in 2027,
# a year with no holiday calendar, so provisional; two objections.
B=$(G case add --enterprise 襄阳公示测试有限公司 --uscc 91420100MA4K12345K --region xiangyang --level basic --year 2026 \
	--scenarios 3 2>/dev/null)
for s in submit recommend start_evaluation pass_evaluation; do
	G case advance "$B" $s --on 2026-11-20 --override 现场核实 --note '<script>alert(1)</script> & <b>粗</b>' >/dev/null 2>&1 ||
		G case advance "$B" $s --on 2026-11-20 --note '<script>alert(1)</script> & <b>粗</b>' >/dev/null ||
		fail "step $s"
done
G case advance "$B" start_notice --on 2026-12-28 >/dev/null || fail "start_notice"
G case objection "$B" add --by 张𠀀三 --on 2026-12-29 质疑𠀀一 >/dev/null || fail "objection 1"
G case objection "$B" add --by 李四 --on 2026-12-29 质疑二 >/dev/null || fail "objection 2"
G case objection "$B" resolve 2 --on 2026-12-30 --by 王五 --outcome 不成立 >/dev/null || fail "resolve 2"
# What an import or an old version could have stored: control characters.
sqlite3 "$DB" "UPDATE events SET note = 'bell' || char(7) || ' esc' || char(27) || ']0;pwned' || char(7) || char(27) || '[31m红' WHERE step = 'submit'"
run G report case "$B"
expect "report case of the case in notice" 0
printf '%s\n' "$OUT" >"$WORK/b.txt"
flat <"$WORK/b.txt" | grep -qF "Public notice ends 2027-01-01 (provisional: no 2027 holiday calendar, counted Monday to Friday)" &&
	ok "txt: the notice's end, provisional" || fail "txt provisional" "$(grep -A2 'notice ends' "$WORK/b.txt")"
expect_line "txt: the notice's start" "Public notice starts  2026-12-28"
expect_line "txt: materials received and missing counted" "0 of 7 received, 7 missing."
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$WORK/b.txt" && fail "txt: no control character reaches the text" \
	"$(LC_ALL=C grep -n "$(printf '[\001-\010\013-\037\177]')" "$WORK/b.txt" | cat -v | head -3)" ||
	ok "txt: no control character reaches the text"
grep -qF "bell␇ esc␛]0;pwned␇␛[31m红" "$WORK/b.txt" && ok "txt: each shown as its control picture, the text around kept" || fail "txt cleaned note" "$(grep -F pwned "$WORK/b.txt" | cat -v)"
# the objections' grid: each column starts in the same cell on every line
python3 - "$WORK/b.txt" <<'EOF' >"$WORK/cols" && ok "txt: the objections' columns line up with Chinese and 𠀀" || fail "txt grid" "$(cat "$WORK/cols")"
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
at = next(i for i, l in enumerate(lines) if l.startswith("No.  Raised on"))
head, rows = lines[at], lines[at + 2:at + 4]
cols = [w(head[:head.index(n)]) for n in ("Raised on", "Raised by", "Objection", "Resolved", "Outcome")]
def starts(line):
    out, cell = [], 0
    for i, c in enumerate(line):
        if c != " " and (i == 0 or line[i - 1] == " ") and (i < 2 or line[i - 2] == " "):
            out.append(cell)
        cell += w(c)
    return out
bad = [r for r in rows if not set(cols[:4]) <= set(starts(r))]
print(cols, rows, [starts(r) for r in rows]); sys.exit(1 if bad or "张𠀀三" not in rows[0] else 0)
EOF

run G report case "$B" --format html -o "$WORK/b.html"
expect "html of the case in notice" 0
expect_self_contained "html: the note's markup does not run" "$WORK/b.html"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;' "$WORK/b.html" && ok "html: the note's markup is escaped" ||
	fail "html escaping" "$(grep -F 'alert' "$WORK/b.html" | head -2)"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$WORK/b.html" && fail "html: no control character" || ok "html: no control character"
grep -qF '<td>张𠀀三</td><td>质疑𠀀一</td><td>not resolved</td>' "$WORK/b.html" && ok "html: an objection not resolved" ||
	fail "html objection" "$(grep -F '质疑' "$WORK/b.html")"
run G report case "$B" --format md
printf '%s\n' "$OUT" >"$WORK/b.md"
grep -qF '\<script\>alert(1)\</script\> \& \<b\>粗\</b\>' "$WORK/b.md" && ok "md: the note's markup is escaped" ||
	fail "md escaping" "$(grep -F alert "$WORK/b.md" | head -2)"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$WORK/b.md" && fail "md: no control character" || ok "md: no control character"
grep -qF '| 2 | 2026-12-29 | 李四 | 质疑二 | 2026-12-30 by 王五 | 不成立 |' "$WORK/b.md" && ok "md: an objection resolved, by whom and how" ||
	fail "md objection" "$(grep -F '质疑' "$WORK/b.md")"

# Refusals.
run G report case HB-1999-XXX-0001
expect "an unknown case is refused" 1
run G report case "$B" --format pdf
expect "an unknown format is refused" 2 "expected txt, md or html"
run G report
expect "the usage names report case" 2 "gradus report case CASE"
