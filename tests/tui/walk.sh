# The inspector's spot check walked in the TUI (keystroke scripts against
# the off-screen terminal): planned with a seeded draw, every kind of
# answer, the refusal of "no" without evidence, multi-line notes, a file
# attached and exported, sign-off and an amendment; then the database as
# `gradus check show` lists it.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2024-EXC-0001
export XDG_STATE_HOME="$WORK/state"
G() { "$GRADUS" --db walk.db "$@"; }
cd "$WORK" || exit 1
cp "$DB" walk.db
# The login running the tests (and so the order of the inspectors) and the
# content hash differ between runs.
RUN_SPECIFIC="s/ (li\\.ming,$ME|$ME,li\\.ming) +/ INSPECTORS /; s/ as $ME\\?/ as USER?/; s/ $ME \\(admin\\)/ USER (admin)/
s/SHA-256 [0-9a-f]{64}/SHA-256 HASH/"
mkdir ev
printf 'photo of the MES dashboard\n' >ev/看板照片.jpg
SHA=$(sha256sum ev/看板照片.jpg | cut -d' ' -f1)

run G --script "$SCRIPTS/walk.script"
expect "the walk script runs to its end" 0
cp walk-signed.screen walk-signed.screen.raw
for s in checks-empty plan planned open refused note-editing note-saved measure-before measure measure-saved scenario-21 attached attached-again \
	choices all-answered files guide sign signed reason amended report-prompt report report-refused checks; do
	mask_screens "$RUN_SPECIFIC" "walk-$s.screen"
done
compare_screens <<'SCREENS'
walk-checks-empty.screen	c on a case lists its checks: none yet
walk-plan.screen	n plans: date today, inspectors ticked, a draw of 2 from seed 42
walk-planned.screen	the planned check is listed with its number
walk-open.screen	Enter walks it: scenario, stage, progress and score on top
walk-refused.screen	n on an evidence-required item without a note or file is refused, nothing written
walk-note-editing.screen	N opens the note editor: two lines
walk-note-saved.screen	F2 saves the note, shown under the item
walk-measure-before.screen	Enter on a measure asks for its figure before, with the unit
walk-measure.screen	then for its figure after
walk-measure-saved.screen	the measure is shown before → after with its change, and better
walk-scenario-21.screen	after the last item of 17 the walk goes on with 21
walk-attached.screen	a attaches a file: its short SHA-256
walk-attached-again.screen	the same file again: already attached
walk-choices.screen	Enter on a choice lists the choices
walk-all-answered.screen	u with every required item answered says so
walk-files.screen	E lists the item's files
walk-guide.screen	g shows the guide: evidence to look for, the scenario's text wrapped by cells
walk-sign.screen	S asks before signing
walk-signed.screen	signed: the content hash shown, the status signing
walk-reason.screen	after sign-off an answer asks for the amendment's reason
walk-amended.screen	the amendment is written, marked A
walk-report-prompt.screen	r asks for the report's file, by default the check's number .html
walk-report.screen	the report is written, its format from the file's extension
walk-report-refused.screen	a report file ending in none of .txt .md .html is refused
walk-checks.screen	the checks list: done 100%, the score
SCREENS

run G check show "$CASE-C1"
expect "check show of the walked check" 0
expect_line "the draw of seed 42" "$(printf 'scenarios\t17,21')"
expect_line "the seed" "$(printf 'seed\t42')"
expect_line "inspectors as ticked" "$(printf 'inspectors\t%s' "$(printf '%s\n' li.ming "$ME" | LC_ALL=C sort | paste -sd,)")"
expect_line "yes" "$(printf 'answer\t17\t1\tyes\t\t%s' "$ME")"
expect_line "partial" "$(printf 'answer\t17\t2\tpartial\t\t%s' "$ME")"
expect_line "no with a note of two lines (one TSV row)" "$(printf 'answer\t17\t3\tno\t现场未见CCUS装置，\\n计划2027年建设\t%s' "$ME")"
expect_line "not applicable" "$(printf 'answer\t17\t4\tna\t\t%s' "$ME")"
expect_line "a measure, before and after" "$(printf 'answer\t17\t5\t0.95|0.82\t\t%s' "$ME")"
expect_line "a second measure" "$(printf 'answer\t17\t6\t5|3\t\t%s' "$ME")"
expect_line "free text" "$(printf 'answer\t17\t7\t碳交易收益约12万元\t\t%s' "$ME")"
expect_line "no on an evidence-required item with a note" "$(printf 'answer\t21\t1\tno\t仅两条产线部署\\n其余产线2025年上线\t%s' "$ME")"
expect_line "the amended answer" "$(printf 'answer\t21\t2\tpartial\t\t%s' "$ME")"
expect_line "yes with a file" "$(printf 'answer\t21\t3\tyes\t\t%s' "$ME")"
expect_line "a choice" "$(printf 'answer\t21\t4\t覆盖部分关键工序\t\t%s' "$ME")"
expect_line "a number" "$(printf 'answer\t21\t5\t12\t\t%s' "$ME")"
expect_line "a measure of 21" "$(printf 'answer\t21\t6\t30|35.5\t\t%s' "$ME")"
expect_line "a measure that went the other way" "$(printf 'measure\t21\t6\t30\t35.5\t元/单位产品\t+5.5\t+18.3\tlower\tnot better')"
expect_line "free text of 21" "$(printf 'answer\t21\t7\tMES能耗模块\t\t%s' "$ME")"
[ "$(printf '%s\n' "$OUT" | grep -c '^evidence')" = 1 ] && ok "the file attached twice is linked once" ||
	fail "the file attached twice is linked once" "$OUT"
expect_line "the file's SHA-256" "$(printf 'evidence\t21\t3\t%s\t看板照片.jpg\timage/jpeg\t27' "$SHA")"
expect_line "the amendment with its reason" "$(printf 'amendment\t21\t2\tyes\tpartial\t复核后改为部分\t%s' "$ME")"
HASH=$(printf '%s\n' "$OUT" | sed -n "s/^signature\t$ME\t[^\t]*\t//p")
[ ${#HASH} = 64 ] && ok "signed by the user running the walk" || fail "signed by the user running the walk" "$OUT"
sed -n 's/^Signed: SHA-256 //p' walk-signed.screen.raw 2>/dev/null | grep -qx "$HASH" && ok "the hash shown is the one signed" ||
	fail "the hash shown is the one signed" "$HASH" "$(tail -1 walk-signed.screen.raw 2>/dev/null)"
cmp -s ev/exported.jpg ev/看板照片.jpg && ok "x in the files exports the stored file" ||
	fail "x in the files exports the stored file"
[ -s "$CASE-C1.html" ] && grep -q '<html' "$CASE-C1.html" && ok "r wrote the HTML report at the default path" ||
	fail "r wrote the HTML report at the default path" "$(ls)"
[ ! -e walk-report.pdf ] && [ ! -e walk-report.pdf.tmp ] && ok "nothing is written for a refused report name" ||
	fail "nothing is written for a refused report name"
G report check "$CASE-C1" --format txt >cli-report.txt
cmp -s cli-report.txt walk-report.txt && ok "the report written from the walk is the report of the CLI" ||
	fail "the report written from the walk is the report of the CLI" "$(diff cli-report.txt walk-report.txt | head)"
for want in "$SHA" "$HASH" "0.95 → 0.82 吨二氧化碳当量/万元 (−0.13, −14%), better" "5 → 3 天" "碳交易收益约12万元" \
	"现场未见CCUS装置" "覆盖部分关键工序" "12 个" "30 → 35.5 元/单位产品 (+5.5, +18%), not better" "MES能耗模块" \
	"复核后改为部分" "yes → partial"; do
	grep -qF -- "$want" walk-report.txt && ok "the report has: $want" || fail "the report has: $want"
done
[ "$(grep -c 'Answered by' walk-report.txt)" = 14 ] && ok "the report lists the 14 answers, each with who gave it" ||
	fail "the report lists the 14 answers" "$(grep -c 'Answered by' walk-report.txt)"
run G verify
expect "the audit chain holds every write of the walk" 0

# The refusal alone: nothing is written.
cp "$DB" refused.db
"$GRADUS" --db refused.db check plan "$CASE" --inspectors "$ME,li.ming" --draw 2 --seed 42 >/dev/null
run "$GRADUS" --db refused.db --script "$SCRIPTS/walk-refused.script"
expect "the refusal script runs to its end" 0
grep -qF 'scenario 17 item 1 needs evidence: "no" takes a note or an attached file' walk-refused-only.screen &&
	ok "the refusal is said on the status line" || fail "the refusal is said" "$(tail -1 walk-refused-only.screen)"
grep -q '^> 3\* ' walk-click.screen && ok "a click on an item selects it" || fail "a click on an item selects it" "$(cat walk-click.screen)"
grep -q '^> 6\* ' walk-wheel.screen && ok "the wheel moves down the items" || fail "the wheel moves down the items" "$(cat walk-wheel.screen)"
tail -1 walk-note-discard.screen | grep -qF 'Throw away the changes to the note? y/n' &&
	ok "Esc in a changed note asks before throwing it away" || fail "Esc in a changed note asks" "$(cat walk-note-discard.screen)"
tail -1 walk-note-discarded.screen | grep -qF 'Note not saved' && ok "y throws it away" ||
	fail "y throws it away" "$(cat walk-note-discarded.screen)"
run "$GRADUS" --db refused.db check show "$CASE-C1"
expect_line "the refused answer wrote nothing" "$(printf 'answer\t17\t1\t\t\t')"
printf '%s\n' "$OUT" | grep -qF '不要的备注' && fail "the note thrown away is not written" "$OUT" ||
	ok "the note thrown away is not written"

# The planning form with an inspector ticked: q asks, n stays, y leaves and
# no check is planned; left untouched, q leaves at once.
cp "$DB" plan-leave.db
checks() { sqlite3 plan-leave.db 'SELECT count(*) FROM checks'; }
before=$(checks)
printf '%s\n' "jjjjjj<Enter>" "c" "n" "<Down><Enter><Down>x<Enter>" "q" ":save-screen plan-ask.screen" "n" ":save-screen plan-kept.screen" \
	"q" "y" ":save-screen plan-left.screen" "n" "q" ":save-screen plan-untouched.screen" "q" "q" "q" >plan-leave.script
run "$GRADUS" --db plan-leave.db --script plan-leave.script
expect "the planning form's leave script runs to its end" 0
tail -1 plan-ask.screen | grep -qF "Leave without saving? y/n" && ok "q on a planning form ticked asks first" ||
	fail "q on a planning form asks first" "$(cat plan-ask.screen)"
head -1 plan-kept.screen | grep -qF "Plan a spot check" && grep -qF "li.ming (inspector)" plan-kept.screen &&
	ok "n stays in the form, the tick kept" || fail "n stays in the planning form" "$(cat plan-kept.screen)"
! head -1 plan-left.screen | grep -qF "Plan a spot check" && ok "y leaves it" || fail "y leaves it" "$(cat plan-left.screen)"
! head -1 plan-untouched.screen | grep -qF "Plan a spot check" && ! grep -qF "Leave without saving" plan-untouched.screen &&
	ok "an untouched planning form is left at once" || fail "an untouched form is left at once" "$(cat plan-untouched.screen)"
[ "$(checks)" = "$before" ] && ok "and no check was planned" || fail "no check was planned" "$before before, $(checks) after"

# The forms' checklists are read when a check is planned, not at the start
# (forms_load_lazy): with an item of scenario 17 broken the case list
# opens, and planning the draw of 17 and 21 says where the forms are
# broken, planning nothing. The commands still refuse such forms at once.
cp -R "$TOP/forms" broken-forms
sed -i '27s/^kind = check$/kind = tick/' broken-forms/scenarios/17-carbon.ini
cp "$DB" broken.db
planned=$(sqlite3 broken.db 'SELECT count(*) FROM checks')
printf '%s\n' "jjjjjj<Enter>" "c" "n" "<Down><Enter>x<Down>x<Enter><Enter><Down><Enter><Enter><C-u>2<Enter><Enter>42<Enter>" \
	"<Enter>" ":save-screen plan-broken.screen" >plan-broken.script
run "$GRADUS" --db broken.db --forms broken-forms --script plan-broken.script
expect "a broken checklist: the TUI starts all the same" 0
tail -1 plan-broken.screen | grep -qF "broken-forms/scenarios/17-carbon.ini:27: unknown kind 'tick'" &&
	ok "planning its check names the file, the line and the value" || fail "planning says where" "$(cat plan-broken.screen)"
[ "$(sqlite3 broken.db 'SELECT count(*) FROM checks')" = "$planned" ] && ok "and plans nothing" ||
	fail "nothing planned" "$planned before, $(sqlite3 broken.db 'SELECT count(*) FROM checks') after"
run "$GRADUS" --db broken.db --forms broken-forms check plan "$CASE" --inspectors "$ME" --draw 2 --seed 42
expect "the command refuses the broken forms" 1 "broken-forms/scenarios/17-carbon.ini:27: unknown kind 'tick'"
