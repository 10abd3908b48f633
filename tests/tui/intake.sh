# The intake form (src/tui/intake.c): a new case typed in (Chinese, a
# character outside the BMP), refused and warned cases, editing a case.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)

cases() { "$GRADUS" --db "$1" case list | tail -n +2 | wc -l; }
json() { "$GRADUS" --db "$DB" case show "$1" --format json; }
has() { # NAME TEXT: the last `json` output holds TEXT
	if printf '%s\n' "$OUT" | grep -qF -- "$2"; then ok "$1"; else fail "$1" "no $2 in" "$OUT"; fi
}

cd "$WORK" || exit 1
before=$(cases "$DB")
run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/intake-invalid.script"
expect "the refused-case script runs to its end" 0
compare "a wrong check character is refused beside the field" intake-invalid.screen
[ "$(cases "$DB")" = "$before" ] && ok "nothing is written for a refused case" ||
	fail "nothing is written for a refused case" "$before cases before, $(cases "$DB") after"

run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/intake-create.script"
expect "the new-case script runs to its end" 0
compare "n opens an empty form" intake-new.screen
compare "a credit code is checked as it is typed" intake-typing.screen
compare "the scenario picker: 8 stages, ticks" intake-scenarios.screen
compare "the filled form: Chinese and 𠮷 aligned by cells" intake-filled.screen
compare "created: the number and every warning" intake-created.screen
compare "a field of the new case is written when left" intake-saved.screen
compare "x ticks a material received" intake-material.screen
compare "the form redrawn and scrolled at 60x20" intake-60x20.screen
compare "back on the list, one case more" intake-list.screen
[ "$(cases "$DB")" = "$((before + 1))" ] && ok "one case is created" || fail "one case is created" "$(cases "$DB") cases"
NUMBER=$("$GRADUS" --db "$DB" case list | awk -F'\t' '$2 == "武汉𠮷祥智造有限公司" { print $1 }')
[ "$NUMBER" = HB-2026-EXC-0004 ] && ok "the case has the next number" || fail "the case has the next number" "got '$NUMBER'"
run json "$NUMBER"
expect "case show finds the new case" 0
has "the name with 𠮷 is stored exactly" '"enterprise": "武汉𠮷祥智造有限公司"'
has "the credit code typed with corrections" '"uscc": "91420100MA4K12345K"'
has "the factory" '"factory": "𠮷祥一号工厂"'
has "the address, longer than the field" '"address": "武汉市东湖新技术开发区光谷大道77号"'
has "the region from the picker" '"region": "wuhan"'
has "the level from the picker" '"level": "excellent"'
has "the industry" '"industry": "汽车零部件"'
has "the contact as edited after creation" '"contact": "李四 13800000000"'
has "the maturity" '"maturity": "2.00"'
has "the commitment date" '"commitment_on": "2026-10-15"'
has "the scenarios picked" '"scenarios": [1, 2, 8]'
has "the note typed with Home" '"note": "【急】首次申报，材料齐全"'
has "the material ticked today" "\"key\": \"review_summary\", \"name\": \"有效期内建设成效总结\", \"received_on\": \"$TODAY\""

FIRST=$("$GRADUS" --db "$DB" case list | sed -n 2p | cut -f1)
run json "$FIRST"
MATURITY=$(printf '%s\n' "$OUT" | grep -o '"maturity": [^,]*')
run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/intake-edit.script"
expect "the edit script runs to its end" 0
compare "e on a case opens its fields and materials" intake-edit.screen
compare "left fields are written; a bad score is kept, not written" intake-edit-saved.screen
compare "the edit form at 60x20" intake-edit-60x20.screen
run json "$FIRST"
has "the industry edited in the form is written" '"industry": "高端装备制造"'
has "the refused score is not written" "$MATURITY"

cp "$DB" "$WORK/zh.db"
mkdir -p zh && cd zh || exit 1
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$WORK/zh.db" --script "$TOP/tests/tui/intake-invalid.script"
expect "the refused-case script runs in a zh_CN.UTF-8 locale" 0
compare "the form in Chinese" zh/intake-invalid.screen zh-intake-invalid.screen
cd "$WORK" || exit 1

# q on a new case with something typed asks before throwing it away.
printf '%s\n' "n" "<Enter>临时草稿企业<Enter>" "q" ":save-screen discard-ask.screen" "n" \
	":save-screen discard-kept.screen" "q" "y" ":save-screen discard-done.screen" "q" >"$WORK/discard.script"
before=$(sqlite3 "$DB" 'SELECT count(*) FROM cases')
run "$GRADUS" --db "$DB" --script "$WORK/discard.script"
expect "the discard script runs to its end" 0
tail -1 "$WORK/discard-ask.screen" | grep -qF "Leave without saving?" && ok "q on a typed new case asks first" ||
	fail "q on a typed new case asks first" "$(cat "$WORK/discard-ask.screen")"
grep -qF "临时草稿企业" "$WORK/discard-kept.screen" && ok "n keeps the form and what was typed" ||
	fail "n keeps the form and what was typed" "$(cat "$WORK/discard-kept.screen")"
head -1 "$WORK/discard-done.screen" | grep -qF "Cases (" && ok "y throws it away and goes back to the list" ||
	fail "y throws it away and goes back to the list" "$(cat "$WORK/discard-done.screen")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM cases')" = "$before" ] && ok "and nothing was written" || fail "and nothing was written"

# Pickers are searchable: / then a few characters narrows them at each key.
printf '%s\n' "n" "<Down><Down><Enter>/荆" ":save-screen pick-region.screen" "<Enter><Enter>" \
	"<End><Up><Up><Up><Enter>/质量" ":save-screen pick-scenarios.screen" "<Enter>x<Enter>" ":save-screen picked.screen" \
	"q" "y" "q" >"$WORK/pick.script"
run "$GRADUS" --db "$DB" --script "$WORK/pick.script"
expect "the picker script runs to its end" 0
[ "$(sed -n '3,20p' pick-region.screen | grep -c '[A-Za-z]')" = 2 ] && grep -q "Jingmen" pick-region.screen &&
	grep -q "Jingzhou" pick-region.screen && ok "/荆 leaves the two regions named 荆" || fail "region filter" "$(cat pick-region.screen)"
grep -q "25  Precise quality traceability" pick-scenarios.screen && grep -q "26  Quality analysis" pick-scenarios.screen &&
	[ "$(grep -c '\[ \]' pick-scenarios.screen)" = 2 ] && ok "/质量 leaves the two quality scenarios, under their stage" ||
	fail "scenario filter" "$(cat pick-scenarios.screen)"
grep -q "1 of 40 picked: 25" picked.screen && ok "x ticks the filtered scenario" || fail "tick filtered" "$(cat picked.screen)"

# Esc after a refused field of a case puts it back as stored (message gone),
# and a second Esc leaves without asking; nothing is written.
run json "$FIRST"
CODE=$(printf '%s\n' "$OUT" | grep -o '"uscc": "[^"]*"' | cut -d'"' -f4)
MATURITY=$(printf '%s\n' "$OUT" | grep -o '"maturity": [^,]*')
printf '%s\n' "<Enter>e" "<Down><Enter><C-u>91420100MA4K12345A<Enter>" ":save-screen esc-refused.screen" \
	"<Esc>" ":save-screen esc-restored.screen" \
	"<Down><Down><Down><Down><Down><Down><Down><Enter><C-u>五<Enter>" ":save-screen esc-refused2.screen" "<Esc>" \
	":save-screen esc-restored2.screen" "<Esc>" ":save-screen esc-left.screen" "q" "q" >"$WORK/esc.script"
run "$GRADUS" --db "$DB" --script "$WORK/esc.script"
expect "the Esc script runs to its end" 0
grep -qF "91420100MA4K12345A" esc-refused.screen && ok "a bad credit code is refused and kept beside its message" ||
	fail "a bad credit code is refused and kept" "$(cat esc-refused.screen)"
grep -qF "$CODE" esc-restored.screen && ! grep -qF "91420100MA4K12345A" esc-restored.screen &&
	! grep -q "check character" esc-restored.screen && tail -1 esc-restored.screen | grep -qF "Put back as saved" &&
	ok "Esc puts the refused credit code back as stored, its message gone" ||
	fail "Esc puts the refused credit code back" "$(cat esc-restored.screen)"
grep -qF "五" esc-refused2.screen && grep -q "^> Maturity score" esc-restored2.screen && ! grep -qF "五" esc-restored2.screen &&
	ok "Esc puts a refused maturity score back too" || fail "Esc restores the maturity score" "$(cat esc-restored2.screen)"
! head -1 esc-left.screen | grep -qF "Edit " && ! grep -qF "Leave without saving?" esc-left.screen &&
	ok "Esc with nothing refused leaves the form without asking" || fail "Esc leaves" "$(cat esc-left.screen)"
run json "$FIRST"
has "the refused credit code is not written" "\"uscc\": \"$CODE\""
has "the refused score is not written after Esc" "$MATURITY"

# q on a case with a refused field asks; n stays with the text; y leaves, nothing written.
printf '%s\n' "<Enter>e" "<Down><Enter><C-u>91420100MA4K12345A<Enter>" "q" ":save-screen ask.screen" "n" \
	":save-screen ask-kept.screen" "q" "y" ":save-screen ask-left.screen" "q" "q" >"$WORK/ask.script"
run "$GRADUS" --db "$DB" --script "$WORK/ask.script"
expect "the leave-question script runs to its end" 0
tail -1 ask.screen | grep -qF "Leave without saving? y/n" && ok "q on a refused field asks before leaving" ||
	fail "q on a refused field asks" "$(cat ask.screen)"
head -1 ask-kept.screen | grep -qF "Edit " && grep -qF "91420100MA4K12345A" ask-kept.screen &&
	ok "n stays in the form with the typed text" || fail "n stays" "$(cat ask-kept.screen)"
! head -1 ask-left.screen | grep -qF "Edit " && ok "y leaves the form" || fail "y leaves" "$(cat ask-left.screen)"
run json "$FIRST"
has "and the refused code is not written" "\"uscc\": \"$CODE\""

# The question in Chinese under zh_CN.UTF-8.
cp "$DB" "$WORK/zh-ask.db"
mkdir -p zh-ask && cd zh-ask || exit 1
printf '%s\n' "n" "<Enter>临时草稿企业<Enter>" "q" ":save-screen zh-ask.screen" "y" "q" >zh-ask.script
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$WORK/zh-ask.db" --script zh-ask.script
expect "the Chinese leave-question script runs to its end" 0
tail -1 zh-ask.screen | grep -qF "不保存就离开？y/n" && ok "the question is asked in Chinese" ||
	fail "the question is asked in Chinese" "$(cat zh-ask.screen)"
cd "$WORK" || exit 1

# The region picker finds a region as an office writes it (恩施州, a short
# name of regions.ini), and the case is stored under its key.
OFFICE=$(demo_db office)
run "$GRADUS" --db "$OFFICE" --script "$TOP/tests/tui/intake-office.script"
expect "the office-names script runs to its end" 0
sed -n 3p intake-office-region.screen | grep -qF "> Enshi Tujia and Miao Autonomous Prefecture" &&
	ok "/恩施州 finds Enshi in the region picker" || fail "/恩施州 finds Enshi" "$(head -5 intake-office-region.screen)"
[ "$("$GRADUS" --db "$OFFICE" case list | awk -F'\t' '$2 == "恩施某某机械有限公司" { print $4 }')" = enshi ] &&
	ok "the case picked by 恩施州 is in enshi" || fail "the case picked by 恩施州 is in enshi"
