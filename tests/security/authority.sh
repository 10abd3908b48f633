# One authority for every write: a signed check, a signed panel and a
# closed case are read-only to everyone (the admin included), by every path
# that reaches them without a bundle: the commands, the CSV import, the
# screens. An amendment is still the one way to correct a signed answer.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
CASE=HB-2024-EXC-0001

# A check with a finding ("no" on an item), signed by its one inspector (the
# admin running the tests), every required item answered.
S=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 7)
scen=$(G check show "$S" | sed -n 's/^scenarios\t//p')
q() { sqlite3 "$DB" "SELECT $1 FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$S' $2"; }
for item in $(q item "AND required ORDER BY item"); do
	case $(q kind "AND item = $item") in
	check) v=yes ;; number | measure) v=1 ;; choice) v=$(q "substr(choices, 1, instr(choices || '|', '|') - 1)" "AND item = $item") ;; *) v=文字 ;;
	esac
	G check answer "$S" "$scen" "$item" "$v" 2>"$WORK/answer.err" || fail "answer $S $scen $item $v" "$(cat "$WORK/answer.err")"
done
first_check=$(q item "AND kind = 'check' ORDER BY item LIMIT 1")
G check answer "$S" "$scen" "$first_check" no --note '现场未见记录' >/dev/null || fail "a no answer"
F=$(G check show "$S" | awk -F'\t' '$1 == "finding" { print $2; exit }')
[ -n "$F" ] && ok "the no answer opened a finding" || fail "a finding to attack" "$(G check show "$S")"
run G check sign "$S"
expect "the check is signed" 0
printf 'photo' >"$WORK/photo.jpg"

# Every command that writes to a check, tried on the signed one.
before=$(audit_rows)
run G check answer "$S" "$scen" "$first_check" yes
expect "check answer on a signed check is refused" 1 "is signed"
run G check note "$S" "$scen" "$first_check" '签字后补的备注'
expect "check note on a signed check is refused" 1 "is signed"
run G check attach "$S" "$scen" "$first_check" "$WORK/photo.jpg"
expect "check attach on a signed check is refused" 1 "is signed"
run G check finding "$F" --severity minor
expect "a signed finding's severity is refused" 1 "is signed: it is read-only"
[ "$(audit_rows)" = "$before" ] && ok "nothing of the refused writes reached the audit" || fail "audit grew" "$before -> $(audit_rows)"
run G check finding "$F" --action '补充记录' --due 2027-06-30
expect "a signed finding's follow-up (action, due date) is still written" 0
[ "$(sqlite3 "$DB" "SELECT severity FROM findings WHERE id = '$F'")" = major ] && ok "the finding stays major" ||
	fail "finding changed" "$(sqlite3 "$DB" "SELECT severity FROM findings WHERE id = '$F'")"

# Through the screens: the signed check walked (HB-2024-EXC-0001 is the
# 7th case; c its checks, Enter the check): "y" on its first item asks for
# an amendment's reason, and Esc leaves it unwritten.
cat >"$WORK/walk.script" <<EOF
jjjjjj<Enter>
c
<Enter>
y
:save-screen $WORK/walk-signed.screen
<Esc>
q
q
q
q
EOF
before=$(audit_rows)
run G --script "$WORK/walk.script"
expect "the walk of the signed check runs to its end" 0
[ "$(audit_rows)" = "$before" ] && ok "the screens write nothing to a signed check" || fail "the screens wrote" "$before -> $(audit_rows)"
grep -q "Reason for the amendment" "$WORK/walk-signed.screen" && ok "a key on a signed answer asks for an amendment" || fail "the walk's refusal" "$(cat "$WORK/walk-signed.screen")"

# The CSV import takes in new enterprises and cases only: a row naming the
# signed check's case is a new case, never a change to it.
printf 'enterprise,uscc,region,level,year,note\n黄石鄂东特钢有限公司,91420100MA4K12345K,huangshi,excellent,2024,导入\n' >"$WORK/cases.csv"
old_note=$(G case show "$CASE" --format json | python3 -c "import json,sys; print(json.load(sys.stdin).get('note') or '')")
G import cases "$WORK/cases.csv" >/dev/null 2>&1
new_note=$(G case show "$CASE" --format json | python3 -c "import json,sys; print(json.load(sys.stdin).get('note') or '')")
[ "$old_note" = "$new_note" ] && ok "the CSV import does not reach an existing case" || fail "import changed $CASE" "$new_note"

# Closing a finding of a signed check stays possible: it is not what was signed.
run G check finding "$F" --close '已补充记录' --file "$WORK/photo.jpg"
expect "a finding of a signed check is still closed with evidence" 0

# The amendment is the one way: it changes the answer, keeps the original.
run G check amend "$S" "$scen" "$first_check" yes --reason '签字后复核照片' --note '照片证实已记录'
expect "an amendment with a reason is taken" 0
run G check show "$S"
expect_line "the answer is the amended one" "$(printf 'answer\t%s\t%s\tyes\t照片证实已记录\t%s' "$scen" "$first_check" "$ME")"
expect_line "the amendment keeps the original" "$(printf 'amendment\t%s\t%s\tno\tyes\t签字后复核照片\t%s' "$scen" "$first_check" "$ME")"

# A signed panel: its notes, scores and opinion.
G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan >/dev/null
G expert add 赵敏 --fields operations --affiliation 三峡大学 --region wuhan >/dev/null
PCASE=HB-2025-ADV-0002
G panel plan "$PCASE" --purpose evaluation --members E0001,E0002 --chair E0001 --on 2026-11-20 >/dev/null 2>&1
P=$PCASE-P1
G panel note "$P" E0001 0 总体评价 '建设内容与申报一致' >/dev/null
G panel opinion "$P" pass '同意通过评价' >/dev/null
G panel score "$P" E0001 86 >/dev/null
G panel score "$P" E0002 80 >/dev/null
run G panel sign "$P"
expect "the panel is signed" 0
before=$(audit_rows)
run G panel note "$P" E0001 0 总体评价 '签字后改写'
expect "a signed panel's note is refused" 1 "is signed"
run G panel score "$P" E0002 99
expect "a signed panel's score is refused" 1 "is signed"
run G panel opinion "$P" fail '签字后改判'
expect "a signed panel's opinion is refused" 1 "is signed"
[ "$(audit_rows)" = "$before" ] && ok "nothing of the panel's refused writes reached the audit" || fail "audit grew"

# A closed case (withdrawn): its fields are read-only.
CCASE=HB-2026-EXC-0001
run G case advance "$CCASE" withdraw --note '企业撤回申报'
expect "the case is withdrawn" 0
before=$(audit_rows)
run G case set "$CCASE" note '撤回后改备注'
expect "a closed case's note is refused" 1 "is closed"
run G case set "$CCASE" maturity 4.0
expect "a closed case's maturity is refused" 1 "is closed"
[ "$(audit_rows)" = "$before" ] && ok "nothing of the closed case's refused writes reached the audit" || fail "audit grew"

# And through the screens: its maturity score typed in its edit form
# (HB-2023-ADV-0001 is the first case; the score its 9th field), after the
# office cancelled its certification.
run G case advance HB-2023-ADV-0001 cancelled --note '企业注销'
expect "the first case is cancelled" 0
cat >"$WORK/edit.script" <<EOF
<Enter>e
<Down><Down><Down><Down><Down><Down><Down><Down>
<Enter><C-u>4.0<Enter>
:save-screen $WORK/edit-closed.screen
q
y
q
q
EOF
before=$(audit_rows)
run G --script "$WORK/edit.script"
expect "the edit of the closed case runs to its end" 0
grep -q "is closed" "$WORK/edit-closed.screen" && ok "the form says the closed case is read-only" ||
	fail "the form's refusal" "$(cat "$WORK/edit-closed.screen")"
[ "$(audit_rows)" = "$before" ] && ok "and writes nothing" || fail "the form wrote" "$before -> $(audit_rows)"

run G verify
expect "verify passes after the refused writes" 0
