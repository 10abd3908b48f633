# Experts and expert panels in the TUI (keystroke scripts against the
# off-screen terminal): three experts registered from the case list, a
# panel of HB-2025-ADV-0002 refused for a conflicted member and then
# convened, notes and scores, a pass opinion, the signature moving the
# case; then the database as `gradus panel show` lists it. An expert's
# record opened from the list and changed; clicks on the experts and on an
# open panel.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2025-ADV-0002
G() { "$GRADUS" --db panels.db "$@"; }
cd "$WORK" || exit 1
cp "$DB" panels.db
# Who signs, when (the wall clock) and the content hash differ between runs.
SIGNED="s/Signed by $ME on [0-9T:-]+Z, SHA-256 [0-9a-f]{16}…/Signed by USER on TIME, SHA-256 HASH…/
s/\\(SHA-256 [0-9a-f]{12}…\\)/(SHA-256 HASH…)/"
run G --script "$SCRIPTS/panels-experts.script" --size 80x24
expect "the experts script runs to its end" 0
compare "X on the case list opens the experts: none yet" panels-experts-empty.screen
compare "registering an expert with nothing filled in: the store's refusal" panels-expert-refused.screen
compare "the expert form filled: fields among the stages, region picked" panels-expert-form.screen
compare "three experts registered, with their fields and regions" panels-experts.screen
run G expert list
expect_line "the first expert as typed" "$(printf 'E0001\t张伟\trnd,process\t华中科技大学\twuhan\t027-8754\t')"
expect_line "the expert working for the applicant" "$(printf 'E0002\t李娜\trnd\t宜昌船舶重工装备有限公司\t\t\t')"
expect_line "the expert from the applicant's region" "$(printf 'E0003\t赵敏\toperations\t三峡大学\tyichang\t\t')"

run G --script "$SCRIPTS/panels-convene.script" --size 80x24
expect "the panel script runs to its end" 0
mask_screens "$SIGNED" panel-signed.screen panel-read-only.screen
compare_screens <<'SCREENS'
panels-none.screen	p on the case lists its panels: none yet
panels-convene-form.screen	the convening form: purpose, date, members ticked, chair
panels-convene-refused.screen	the conflicted member is refused with the store's reason
panels-convened.screen	convened with the two others; the same region is a warning
panel-open.screen	Enter opens the panel: members, the chair marked
panel-note-form.screen	N: a note with a scenario, a criterion and two lines
panel-scored.screen	both members scored, both notes listed
panel-opinion.screen	o: the pass opinion with its text
panel-sign.screen	S asks, naming the step the opinion takes
panel-signed.screen	signed: the panel's score, the case's new state
panel-read-only.screen	a signed panel is read-only
panels-signed.screen	the panels list: signed, pass, the score
panels-case.screen	back on the case: its new state
SCREENS

run G case show "$CASE"
expect_line "the signed opinion moved the case" "$(printf 'status\tevaluated')"
run G panel show "$CASE-P1"
expect_line "one panel: the refused one left nothing" "$(printf 'number\t%s-P1' "$CASE")"
expect_line "the chair with the score" "$(printf 'member\tE0001\t张伟\t华中科技大学\t86.0\tchair')"
expect_line "the second member's score" "$(printf 'member\tE0003\t赵敏\t三峡大学\t79.5')"
expect_line "the note on scenario 21" "$(printf 'note\tE0001\t21\t应用成效\t工艺优化后能耗下降12%%，\\n数据可追溯')"
expect_line "the note on the whole case" "$(printf 'note\tE0003\t0\t总体评价\t建设内容与申报一致')"
expect_line "the opinion" "$(printf 'opinion\tpass\t同意通过评价')"
expect_line "the mean of the scores" "$(printf 'score\t82.8')"
printf '%s\n' "$OUT" | grep -qP "^signature\t$ME\t[^\t]+\t[0-9a-f]{64}\tpass_evaluation$" &&
	ok "signed by the user, the hash, the step taken" || fail "signature" "$OUT"
run G panel list "$CASE"
[ "$(printf '%s\n' "$OUT" | grep -c "$CASE-P")" = 1 ] && ok "panel list: the refused convening wrote nothing" ||
	fail "panel list: the refused convening wrote nothing" "$OUT"
run G verify
expect "the audit chain holds every write of the panel" 0

run G --script "$SCRIPTS/experts-edit.script" --size 80x24
expect "the expert edit script runs to its end" 0
compare_screens <<'SCREENS'
experts-click.screen	a click on the experts' list selects an expert
expert-open.screen	a second click opens their record, filled in
expert-saved.screen	the affiliation changed is saved as it is left
experts-edited.screen	the list shows the new affiliation
expert-refused.screen	a name left empty is refused beside it
SCREENS
run G expert list
expect_line "the affiliation as typed; the refused name unchanged" "$(printf 'E0003\t赵敏\toperations\t武汉理工大学\tyichang\t\t')"
expect_line "the expert opened with Enter unchanged" "$(printf 'E0002\t李娜\trnd\t宜昌船舶重工装备有限公司\t\t\t')"
[ "$(sqlite3 panels.db "SELECT actor || ':' || old || '>' || new FROM audit_fields WHERE tbl = 'experts' AND field = 'affiliation' ORDER BY seq DESC LIMIT 1")" = "$ME:三峡大学>武汉理工大学" ] &&
	ok "the change is in the audit log, by the user" || fail "the change is in the audit log" "$(sqlite3 panels.db "SELECT * FROM audit WHERE tbl = 'experts' ORDER BY seq DESC LIMIT 2")"
run G verify
expect "the audit chain holds the expert's change" 0

# An expert's record with a refused name: q asks, n stays with it, Esc puts
# the stored name back; refused again, q then y leaves, nothing is written.
# A new expert typed in but not registered: q asks, n stays, y leaves.
audit=$(sqlite3 panels.db 'SELECT count(*) FROM audit')
printf '%s\n' "X" "<Enter>" "<Enter><C-u><Enter>" "q" ":save-screen expert-ask.screen" "n" \
	":save-screen expert-kept.screen" "<Esc>" ":save-screen expert-restored.screen" \
	"<Up><Enter><C-u><Enter>" "q" "y" ":save-screen expert-left.screen" \
	"n" "<Enter>王五<Enter>" "<Down><Enter>某大学<Esc>" ":save-screen register-esc.screen" "q" ":save-screen register-ask.screen" "n" ":save-screen register-kept.screen" \
	"q" "y" ":save-screen register-left.screen" "q" "q" >leave.script
run G --script leave.script --size 80x24
expect "the leave-question script of the experts runs to its end" 0
tail -1 expert-ask.screen | grep -qF "Leave without saving? y/n" && ok "q on an expert's refused name asks first" ||
	fail "q on an expert's refused name asks first" "$(cat expert-ask.screen)"
head -1 expert-kept.screen | grep -qF "Expert E0001" && grep -q "^> Name  *an expert needs a name" expert-kept.screen &&
	ok "n stays in the record, the name still empty" || fail "n stays in the record" "$(cat expert-kept.screen)"
grep -q "^> Name  *张伟" expert-restored.screen && tail -1 expert-restored.screen | grep -qF "Put back as saved" &&
	ok "Esc puts the stored name back" || fail "Esc puts the stored name back" "$(cat expert-restored.screen)"
head -1 expert-left.screen | grep -qF "Experts" && ok "y leaves the record" || fail "y leaves the record" "$(cat expert-left.screen)"
tail -1 register-ask.screen | grep -qF "Leave without saving? y/n" && ok "q on a new expert typed in asks first" ||
	fail "q on a new expert asks first" "$(cat register-ask.screen)"
grep -qF "王五" register-esc.screen && ! grep -qF "某大学" register-esc.screen &&
	ok "Esc in a field puts back what it held" || fail "Esc in a field puts back what it held" "$(cat register-esc.screen)"
grep -qF "王五" register-kept.screen && ok "n stays in the registration form" || fail "n stays" "$(cat register-kept.screen)"
head -1 register-left.screen | grep -qF "Experts" && ok "y leaves it" || fail "y leaves it" "$(cat register-left.screen)"
run G expert list
printf '%s\n' "$OUT" | grep -q "^E0001	张伟	" && ok "the expert's name is unchanged" || fail "the expert's name is unchanged" "$OUT"
printf '%s\n' "$OUT" | grep -qF "王五" && fail "the new expert is not registered" "$OUT" || ok "the new expert is not registered"
[ "$(sqlite3 panels.db 'SELECT count(*) FROM audit')" = "$audit" ] && ok "nothing at all was written" ||
	fail "nothing at all was written" "$audit rows before, $(sqlite3 panels.db 'SELECT count(*) FROM audit') after"

# Clicks on an open panel, and a conflict declared after it was convened.
cp "$DB" clicks.db
C() { "$GRADUS" --db clicks.db "$@"; }
C expert add 张伟 --fields rnd --affiliation 华中科技大学 --region wuhan >/dev/null
C expert add 赵敏 --fields operations --affiliation 三峡大学 --region yichang >/dev/null
C panel plan "$CASE" --purpose evaluation --members E0001,E0002 --chair E0001 --on 2026-11-20 >/dev/null 2>&1
C panel note "$CASE-P1" E0002 0 总体评价 '建设内容与申报一致'
run C --script "$SCRIPTS/panel-clicks.script" --size 80x24
expect "the panel clicks script runs to its end" 0
compare_screens <<'SCREENS'
panel-click.screen	a click on a member selects them
panel-click-score.screen	a second click scores them
panel-click-note.screen	a click on a note selects its member
panel-enter-score.screen	the wheel moves the cursor up; Enter scores the member
expert-conflict.screen	a conflict declared on an open panel: saved, with a warning naming it
SCREENS
run C panel show "$CASE-P1"
expect_line "the score given after the second click" "$(printf 'member\tE0002\t赵敏\t三峡大学\t80.0')"
run C expert list
expect_line "the conflict declared" "$(printf 'E0002\t赵敏\toperations\t三峡大学\tyichang\t\t宜昌船舶重工')"

# The refusal alone: nothing is written.
cp "$DB" refused.db
"$GRADUS" --db refused.db expert add 张伟 --fields rnd --affiliation 华中科技大学 >/dev/null
"$GRADUS" --db refused.db expert add 李娜 --fields rnd --affiliation 宜昌船舶重工装备有限公司 >/dev/null
printf '%s\n' 'jjjjjjjjjj<Enter>' p n '<Down><Down><Enter>x<Down>x<Enter>' '<Enter><Enter>' '<Enter>' \
	':save-screen refused-only.screen' >refused.script
run "$GRADUS" --db refused.db --script refused.script --size 80x24
tail -1 refused-only.screen | grep -qF 'not assigned: 李娜 (E0002) works for 宜昌船舶重工装备有限公司, the applicant' &&
	ok "the refusal is on the status line" || fail "the refusal is on the status line" "$(cat refused-only.screen)"
run "$GRADUS" --db refused.db panel list "$CASE"
[ -z "$OUT" ] && [ "$RC" = 0 ] && ok "gradus panel list: nothing written" || fail "gradus panel list: nothing written" "$RC" "$OUT"
