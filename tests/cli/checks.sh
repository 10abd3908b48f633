# Spot checks from the CLI: planning with the declared scenarios or a fair
# draw repeatable from its seed, answers of every kind written at once, bad
# answers refused naming what was expected, scores by weight.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
G user add insp1 inspector >/dev/null
CASE=HB-2024-EXC-0001

run G check plan "$CASE" --inspectors insp1 --draw 2 --seed 42
expect "check plan with a drawn 2 and a seed prints the check id" 0
C=$OUT
run G check show "$C"
expect_line "the draw of seed 42" "$(printf 'scenarios\t17,21')"
expect_line "the seed is recorded" "$(printf 'seed\t42')"
again=$(G check plan "$CASE" --inspectors insp1 --draw 2 --seed 42)
G check show "$again" | grep -qx "$(printf 'scenarios\t17,21')" && ok "the same seed draws the same scenarios again" ||
	fail "repeat the draw" "$(G check show "$again" | grep scenarios)"
other=$(G check plan "$CASE" --inspectors insp1 --draw 2)
G check show "$other" | grep -q "^seed	[0-9]" && ok "without --seed a random seed is recorded" || fail "random seed"
all=$(G check plan "$CASE" --inspectors insp1)
declared=$(G case show "$CASE" | sed -n 's/^scenarios\t//p')
G check show "$all" | grep -qx "$(printf 'scenarios\t%s' "$declared")" && ok "by default the declared scenarios" ||
	fail "declared scenarios" "$(G check show "$all" | grep scenarios)" "$declared"
run G check plan "$CASE" --inspectors nobody
expect "an inspector must have the inspector role" 1 "not a user with the inspector role"
run G check plan "$CASE" --inspectors insp1 --draw 9
expect "a draw larger than the declared scenarios is refused" 1 "draw 9 of"

# Answers of every kind (the admin running the tests may answer).
for a in "17 1 yes" "17 2 partial" "17 3 no" "17 4 na" "17 5 0.95 0.82" "17 6 3" "21 1 yes" "21 4 覆盖部分关键工序" \
	"21 5 12" "21 7 现场查看了MES系统的能耗模块"; do
	set -- $a
	G check answer "$C" "$@" || fail "answer $a"
done
G check answer "$C" 17 1 yes --note '现场演示：碳排放核算覆盖全部产线' >/dev/null
run G check show "$C"
expect_line "a check answer with its note" "$(printf 'answer\t17\t1\tyes\t现场演示：碳排放核算覆盖全部产线\t%s' "$(id -un)")"
expect_line "a measure: before|after" "$(printf 'answer\t17\t5\t0.95|0.82\t\t%s' "$(id -un)")"
expect_line "a measure: its change, percent and better way" \
	"$(printf 'measure\t17\t5\t0.95\t0.82\t吨二氧化碳当量/万元\t-0.13\t-13.7\tlower\tbetter')"
expect_line "a lone figure, as measures were answered before, is kept" "$(printf 'answer\t17\t6\t3\t\t%s' "$(id -un)")"
expect_line "a choice" "$(printf 'answer\t21\t4\t覆盖部分关键工序\t\t%s' "$(id -un)")"
expect_line "free text" "$(printf 'answer\t21\t7\t现场查看了MES系统的能耗模块\t\t%s' "$(id -un)")"
w() { sed -n "/^\[item.$2\]/,/^\[/p" "$TOP"/forms/scenarios/$1-*.ini | sed -n 's/^weight = //p'; }
expected=$(awk -v a="$(w 17 1)" -v b="$(w 17 2)" -v c="$(w 17 3)" -v e="$(w 17 5)" \
	'BEGIN { printf "%.1f", 100 * (a + b / 2 + e) / (a + b + c + e) }')
expect_line "scenario score by weight: yes whole, partial half, no nothing, n.a. and a lone figure left out, an improved measure whole" \
	"$(printf 'score\tscenario 17\t%s' "$expected")"
expected=$(awk -v a="$(w 21 1)" -v d="$(w 21 4)" 'BEGIN { printf "%.1f", 100 * (a + 0.67 * d) / (a + d) }')
expect_line "a choice scores its value (覆盖部分关键工序=0.67) times its weight" "$(printf 'score\tscenario 21\t%s' "$expected")"
run G check answer "$C" 17 1 maybe
expect "a check item takes yes, partial, no or na" 1 "item 1: expected yes, partial, no or na"
run G check answer "$C" 17 5 many
expect "a measure takes numbers, naming its unit" 1 "expected the figures before and after, numbers in 吨二氧化碳当量/万元"
run G check answer "$C" 17 5 0.95 many
expect "a measure's figure after must be a number too" 1 "numbers in 吨二氧化碳当量/万元 (BEFORE|AFTER"
run G check answer "$C" 21 5 12 13
expect "a number item takes one number" 2 "scenario 21 item 5 is not a measure: it takes one value"
run G check answer "$C" 21 7 两个 词
expect "so does a text item" 2 "scenario 21 item 7 is not a measure"
run G check answer "$C" 21 4 全部
expect "a choice takes one of its choices, naming them" 1 "expected one of its choices: 覆盖全部关键工序|覆盖部分关键工序"
run G check answer "$C" 16 1 yes
expect "a scenario not in the check is refused" 1 "scenario 16 is not in check"
run G verify
expect "the answers are in the audit chain" 0

# The check's number, and the checks of a case.
run G check show "$C"
N=$(printf '%s\n' "$OUT" | sed -n 's/^number\t//p')
[ "$N" = "$CASE-C1" ] && ok "a check is numbered after its case: $N" || fail "check number" "$N"
run G check list "$CASE"
expect "check list CASE lists its checks" 0 "$CASE-C4"
printf '%s\n' "$OUT" | grep -q "^$CASE-C1	[0-9-]*	planned	insp1	" && ok "check list: number, date, status, inspectors, progress, score" ||
	fail "check list columns" "$OUT"

# Evidence-required items: no or partial needs a note or a file.
run G check answer "$N" 21 1 no
expect "\"no\" on an evidence-required item without a note or file is refused" 1 "scenario 21 item 1 needs evidence"
run G check answer "$N" 17 1 partial --note ''
expect "\"partial\" too, also when the note is being cleared" 1 "scenario 17 item 1 needs evidence"
run G check show "$N"
expect_line "the refused answers changed nothing" "$(printf 'answer\t17\t1\tyes\t现场演示：碳排放核算覆盖全部产线\t%s' "$(id -un)")"
expect_line "the refused answers changed nothing (21.1)" "$(printf 'answer\t21\t1\tyes\t\t%s' "$(id -un)")"
run G check answer "$N" 21 1 partial --note '仅两条产线部署'
expect "with a note, \"partial\" is taken" 0
printf 'photo of the carbon dashboard\n' >"$WORK/看板照片.jpg"
run G check attach "$N" 17 1 "$WORK/看板照片.jpg"
SHA=$(sha256sum "$WORK/看板照片.jpg" | cut -d' ' -f1)
expect_line "attach prints the file's SHA-256" "$(printf '%s\tattached' "$SHA")"
run G check attach "$N" 17 1 "$WORK/看板照片.jpg"
expect_line "the same file attached twice is not duplicated" "$(printf '%s\talready attached' "$SHA")"
cp "$WORK/看板照片.jpg" "$WORK/copy.jpg"
G check attach "$N" 21 1 "$WORK/copy.jpg" >/dev/null
[ "$(sqlite3 "$DB" "SELECT count(*) FROM attachments WHERE sha256 = '$SHA'")" = 1 ] &&
	ok "the same bytes under another name on another item are stored once" || fail "stored once"
run G check show "$N"
expect_line "evidence is listed with name, type and size" "$(printf 'evidence\t17\t1\t%s\t看板照片.jpg\timage/jpeg\t30' "$SHA")"
run G check answer "$N" 17 1 no
expect "with a file attached, \"no\" is taken" 0
run G check export "${SHA%????????????????????????????????????????????????????????}" "$WORK/back.jpg"
expect "export by a SHA-256 prefix" 0
cmp -s "$WORK/back.jpg" "$WORK/看板照片.jpg" && ok "the exported file is the attached one, byte for byte" || fail "export bytes"
run G check export "$SHA" "$WORK/back.jpg"
expect "export does not overwrite a file" 1 "exists: not overwritten"

# Findings: no (major) and partial (minor), due in 30 days, in the agenda.
run G check show "$N"
printf '%s\n' "$OUT" | grep -qP "^finding\t[0-9a-f]{32}\t17\t1\tmajor\topen\t" && ok "\"no\" opens a major finding" || fail "major finding" "$OUT"
printf '%s\n' "$OUT" | grep -qP "^finding\t[0-9a-f]{32}\t17\t2\tminor\topen\t" && ok "\"partial\" opens a minor finding" || fail "minor finding" "$OUT"
F=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "finding" && $3 == 17 && $4 == 2 { print $2 }')
G check answer "$N" 17 2 yes
G check show "$N" | grep -qP "^finding\t[0-9a-f]{32}\t17\t2\t" && fail "a later yes withdraws the finding" || ok "a later yes withdraws the finding"
G check answer "$N" 17 2 partial
F=$(G check show "$N" | awk -F'\t' '$1 == "finding" && $3 == 17 && $4 == 2 { print $2 }')
run G check finding "$F" --severity severe
expect "a severity is minor, major or critical" 1 "expected minor, major or critical"
run G check finding "${F%????????????????????????}" --severity critical --action '补充碳排放核算规则文档' --due 2027-01-15
expect "a finding takes severity, action and due date (by an id prefix)" 0
run G agenda --today 2027-01-01 --within 30
expect_line "the finding is in the agenda with its action" \
	"$(printf '2027-01-15\t%s\tfinding\tdue\texcellent\t%s\t17.2 critical: 补充碳排放核算规则文档' "$N" "$(G check show "$N" | sed -n 's/^enterprise\t//p')")"
run G check finding "$F" --close '已补充'
expect "closing a finding needs a file as evidence" 1 "a finding is closed with evidence"
run G check finding "$F" --close '已补充，见附件' --file "$WORK/copy.jpg"
expect "a finding is closed with a note and a file" 0
G check show "$N" | grep -qP "^finding\t$F\t17\t2\tcritical\tclosed\t2027-01-15\t补充碳排放核算规则文档\t已补充，见附件$" &&
	ok "the closed finding keeps its action and closing note" || fail "closed finding" "$(G check show "$N" | grep finding)"
run G agenda --today 2027-01-01 --within 30
printf '%s\n' "$OUT" | grep -q "17.2" && fail "a closed finding leaves the agenda" "$OUT" || ok "a closed finding leaves the agenda"

# Sign-off: only the check's inspectors, only with every required item answered.
run G check sign "$N"
expect "someone not among the inspectors cannot sign" 1 "only its inspectors sign"
S=$(G check plan "$CASE" --inspectors "$(id -un)" --draw 1 --seed 7)
run G check sign "$S"
expect "signing with required items unanswered is refused, naming the first" 1 "is required and has no answer"
answer_required "$DB" "$S" || fail "answer $S"
scen=$(G check show "$S" | sed -n 's/^scenarios\t//p')
run G check sign "$S"
expect "an inspector signs once every required item is answered" 0
HASH=$OUT
printf '%s' "$HASH" | grep -qxE '[0-9a-f]{64}' && ok "sign prints the SHA-256 it signed" || fail "sign hash" "$HASH"
run G check show "$S"
printf '%s\n' "$OUT" | grep -qP "^signature\t$(id -un)\t[0-9T:Z-]+\t$HASH$" && ok "the signature: user, time, hash" || fail "signature" "$OUT"
expect_line "all inspectors signed: the check is signed" "$(printf 'status\tsigned')"
sqlite3 "$DB" "SELECT s.hash FROM signatures s JOIN audit a ON a.row_id = s.id AND a.tbl = 'signatures' AND a.op = 0" |
	grep -qx "$HASH" &&
	ok "the signature's hash is in the audit chain" || fail "signature in audit"
run G check sign "$S"
expect "signing twice is refused" 1 "already signed"
run G check answer "$S" "$scen" 1 no --note x
expect "a signed check is read-only" 1 "is signed: answers are read-only; a correction is an amendment with a reason"
run G check amend "$S" "$scen" 1 partial --note '复核发现仅部分产线覆盖'
expect "an amendment needs a reason" 1 "needs a reason"
run G check amend "$S" "$scen" 1 partial --note '复核发现仅部分产线覆盖' --reason '签字后复核照片'
expect "an amendment with a reason is taken" 0
run G check show "$S"
expect_line "the original stays visible beside the amendment" "$(printf 'amendment\t%s\t1\tyes\tpartial\t签字后复核照片\t%s' "$scen" "$(id -un)")"
expect_line "the answer is the amended one" "$(printf 'answer\t%s\t1\tpartial\t复核发现仅部分产线覆盖\t%s' "$scen" "$(id -un)")"
expect_line "the signature stays as signed" "$(printf '%s\n' "$OUT" | grep "^signature	")"

# Form versions: the check shows as answered after forms/ changes.
cp -r "$TOP/forms" "$WORK/forms2"
f=$(ls "$WORK"/forms2/scenarios/$(printf '%02d' "$scen")-*.ini)
sed -i -e 's/^version = .*/version = 9/' -e '0,/^text = 核查/s/^text = 核查.*/text = 全新的第一项/' "$f"
before=$(sqlite3 "$DB" "SELECT text FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$S' AND item = 1")
run "$GRADUS" --db "$DB" --forms "$WORK/forms2" check show "$S"
printf '%s\n' "$OUT" | grep -q "^versions	$scen:1$" && ok "after forms/ changes the check keeps the version it was answered against" ||
	fail "version kept" "$(printf '%s\n' "$OUT" | grep versions)"
[ "$before" != 全新的第一项 ] && expect_line "and its answers" "$(printf 'answer\t%s\t1\tpartial\t复核发现仅部分产线覆盖\t%s' "$scen" "$(id -un)")"

# verify: the chain holds, and a stored file changed outside gradus is found.
run G verify
expect "verify passes with evidence, findings, signatures and amendments" 0
sqlite3 "$DB" "UPDATE attachments SET data = X'00' WHERE sha256 = '$SHA'"
run G verify
expect "verify finds a stored file whose bytes were changed" 1 "do not match its SHA-256"

# The case's history shows the check, the answer's change and the amendment's reason.
run G log "$CASE"
printf '%s\n' "$OUT" | grep -qP "\tanswers\.value\tyes\tpartial\t" && ok "the history shows the amended answer as old and new value" ||
	fail "answer diff in the history" "$(printf '%s\n' "$OUT" | grep answers | head -5)"
printf '%s\n' "$OUT" | grep -qP "\tamendments\.reason\t.*\t签字后复核照片\t" && ok "and the amendment's reason" ||
	fail "amendment in the history" "$(printf '%s\n' "$OUT" | grep amendments | head -3)"
printf '%s\n' "$OUT" | grep -qP "\tsignatures\.hash\t" && ok "and the signature" || fail "signature in the history"
printf '%s\n' "$OUT" | grep -q "check_items" && fail "the history leaves out the checklists copied from forms/" ||
	ok "the history leaves out the checklists copied from forms/"

# A multi-line note in the TSV of check show and gradus log.
G check answer "$again" 21 1 yes --note "$(printf '第一行\n第二行\twith a tab and a \\ backslash')" >/dev/null
run G check show "$again"
expect_line "a multi-line note stays on its TSV row, escaped" "$(printf 'answer\t21\t1\tyes\t第一行\\n第二行\\twith a tab and a \\\\ backslash\t%s' "$(id -un)")"
run G log "$CASE"
printf '%s\n' "$OUT" | grep -q '第一行\\n第二行' && ok "and on its row of gradus log" || fail "the note on its row of gradus log" "$(printf '%s\n' "$OUT" | tail -3)"

# Measures before and after, choices by their values: the scores move.
M=$(G check plan "$CASE" --inspectors insp1)
score() { G check show "$M" | sed -n "s/^score\tscenario $1\t//p"; }
pct() { awk -v e="$1" -v p="$2" 'BEGIN { printf "%.1f", 100 * e / p }'; }
G check answer "$M" 16 1 yes && G check answer "$M" 16 6 18 12 || fail "answers of scenario 16"
run G check show "$M"
expect_line "18 → 12, lower is better: -6, -33%, better" "$(printf 'measure\t16\t6\t18\t12\t元/万元\t-6\t-33.3\tlower\tbetter')"
[ "$(score 16)" = 100.0 ] && ok "an improved measure counts as met" || fail "improved measure" "$(score 16)"
G check answer "$M" 16 6 12 18
[ "$(score 16)" = "$(pct "$(w 16 1)" "$(($(w 16 1) + $(w 16 6)))")" ] && ok "a measure that went the other way counts as not met" ||
	fail "worse measure" "$(score 16)"
G check answer "$M" 16 6 12 12
[ "$(score 16)" = "$(pct "$(w 16 1)" "$(($(w 16 1) + $(w 16 6)))")" ] && ok "an unchanged measure counts as not met" ||
	fail "unchanged measure" "$(score 16)"
G check answer "$M" 16 6 18 12
G check answer "$M" 16 3 全部应用
all=$(($(w 16 1) + $(w 16 6) + $(w 16 3)))
[ "$(score 16)" = 100.0 ] && ok "全部应用 counts whole" || fail "全部应用" "$(score 16)"
G check answer "$M" 16 3 未应用
[ "$(score 16)" = "$(pct "$((all - $(w 16 3)))" "$all")" ] && ok "未应用 lowers the score by its weight" ||
	fail "未应用" "$(score 16)"
G check answer "$M" 16 3 部分应用
[ "$(score 16)" = "$(pct "$(awk -v a="$all" -v c="$(w 16 3)" 'BEGIN { print a - c / 2 }')" "$all")" ] &&
	ok "部分应用 lowers it by half its weight" || fail "部分应用" "$(score 16)"
run G check answer "$M" 16 6 18 12 13
expect "a measure takes at most two figures" 2 "usage: gradus check plan"
q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT better FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$M' AND scenario = 16 AND item = 3")" = "1|0.5|0" ] &&
	ok "the check keeps its own copy of the choices' values" || fail "values copied"
