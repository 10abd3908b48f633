# Experts and panels from the CLI: the registry, conflicts of interest
# refused with their reason, a panel's notes, scores and signed opinion
# moving the case, the mean and the trimmed mean, rectification items as
# findings in the agenda, and roles.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2025-ADV-0002 # advanced, under evaluation; 宜昌船舶重工装备有限公司 in yichang

run G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan --contact 027-8754
expect "expert add prints the expert's code" 0 "E0001"
run G expert add 李娜 --fields process --affiliation 宜昌船舶重工装备有限公司
expect "a second expert" 0 "E0002"
run G expert add 王强 --fields management --affiliation 武汉理工大学 --conflicts '宜昌船舶重工|91420100MA4K12345K'
expect "a third, with a declared conflict" 0 "E0003"
run G expert add 赵敏 --fields operations --affiliation 三峡大学 --region yichang
expect "a fourth, from the enterprise's region" 0 "E0004"
run G expert add 钱多 --fields cooking --affiliation 某大学
expect "a field is one of the 8 stages" 1 "field 'cooking': expected stages among"
run G expert add 钱多 --fields rnd
expect "an expert needs an affiliation" 1 "needs an affiliation"
run G expert list
expect_line "expert list" "$(printf 'E0001\t张伟\trnd,process\t华中科技大学\twuhan\t027-8754\t')"

run G panel plan "$CASE" --purpose evaluation --members E0001,李娜
expect "an expert working for the applicant is refused, with the reason" 1 "李娜 (E0002) works for 宜昌船舶重工装备有限公司, the applicant"
run G panel plan "$CASE" --purpose evaluation --members E0001,E0003
expect "a declared conflict of interest is refused, with the reason" 1 "王强 (E0003) declared a conflict of interest with 宜昌船舶重工"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM panels')" = 0 ] && ok "a refused panel leaves nothing behind" || fail "half a panel"
run G panel plan "$CASE" --purpose review --members E0001
expect "the purpose is one of the level's panels" 1 "the Advanced level convenes evaluation (Expert evaluation)"
run G panel plan "$CASE" --purpose evaluation --members E0001,E0004 --chair E0001 --on 2026-11-20
expect "the same region is only a warning" 0 "$CASE-P1"
printf '%s' "$ERR" | grep -q "赵敏 (E0004) is from the same region" && ok "and the warning names the expert" || fail "region warning" "$ERR"
P=$CASE-P1

run G panel note "$P" E0001 21 应用成效 '工艺优化后能耗下降12%，数据可追溯'
expect "a member's note on a scenario and a criterion" 0
G panel note "$P" E0004 0 总体评价 '建设内容与申报一致'
run G panel note "$P" E0003 0 总体评价 '不是成员'
expect "notes only for members" 1 "王强 (E0003) is not a member of this panel"
run G panel sign "$P"
expect "no signature without an opinion" 1 "no consensus opinion yet"
run G panel opinion "$P" pass '同意通过评价'
expect "the consensus opinion" 0
run G panel sign "$P"
expect "no signature while a member has not scored" 1 "has not scored yet"
G panel score "$P" E0001 86
run G panel score "$P" E0004 101
expect "a score is 0 to 100" 1 "expected 0 to 100"
G panel score "$P" E0004 79.5
run G panel sign "$P"
expect "the secretary signs the opinion" 0
HASH=$OUT
run G panel show "$P"
expect_line "members with their scores and the chair" "$(printf 'member\tE0001\t张伟\t华中科技大学\t86.0\tchair')"
expect_line "notes per scenario and criterion" "$(printf 'note\tE0001\t21\t应用成效\t工艺优化后能耗下降12%%，数据可追溯')"
expect_line "the plain mean for an advanced panel" "$(printf 'score\t82.8')"
expect_line "the signature, its hash and the step it took" "$(printf 'signature\t%s\t%s\t%s\tpass_evaluation' "$(id -un)" "$(printf '%s\n' "$OUT" | sed -n 's/^signature\t[^\t]*\t\([^\t]*\)\t.*/\1/p')" "$HASH")"
run G case show "$CASE"
expect_line "the opinion moved the case" "$(printf 'status\tevaluated')"
printf '%s\n' "$OUT" | grep -q "pass_evaluation.*专家评价：通过，评分 82.8" && ok "the step's event names the panel" || fail "event note" "$OUT"
run G panel score "$P" E0001 90
expect "a signed panel is read-only" 1 "is signed: its record is read-only"

# The trimmed mean of a leading factory's preliminary acceptance (省经信厅初验),
# and pass after rectification.
R=HB-2025-LEA-0002
for n in 甲 乙 丙 丁 戊; do G expert add "专家$n" --fields management --affiliation "研究院$n" >/dev/null; done
run G panel plan "$R" --purpose preliminary --members E0005,E0006,E0007,E0008,E0009 --chair E0005
expect "a panel of five" 0 "$R-P1"
i=0
for s in 90 85 70 88 60; do i=$((i + 1)); G panel score "$R-P1" "专家$(echo 甲乙丙丁戊 | cut -c$((3 * i - 2))-$((3 * i)))" "$s"; done
run G panel opinion "$R-P1" rectify '整改后初验达标'
expect "pass after rectification needs rectification items" 1 "needs at least one rectification item"
run G panel opinion "$R-P1" rectify '整改后初验达标' --item '补充能耗数据采集点' --due 2027-01-31 --item '完善碳排放核算规则'
expect "the opinion with two rectification items" 0
G panel sign "$R-P1" >/dev/null
run G panel show "$R-P1"
expect_line "90 85 70 88 60 without the highest and lowest: 81.0" "$(printf 'score\t81.0')"
printf '%s\n' "$OUT" | grep -qP "^rectification\t[0-9a-f]{32}\t1\t补充能耗数据采集点\t2027-01-31\topen$" &&
	ok "a rectification item becomes a finding with its due date" || fail "rectification finding" "$OUT"
run G case show "$R"
expect_line "pass after rectification takes the panel's pass step" "$(printf 'status\tpreliminary_accepted')"
run G agenda --today 2027-01-20 --within 30
expect_line "rectification items are in the agenda" "$(printf '2027-01-31\t%s-P1\tfinding\tdue\tleading\t%s\t#1 major: 补充能耗数据采集点' "$R" "$(G case show "$R" | sed -n 's/^enterprise\t//p')")"
F=$(G panel show "$R-P1" | awk -F'\t' '$1 == "rectification" && $3 == 1 { print $2 }')
printf 'photo\n' >"$WORK/采集点.jpg"
run G check finding "$F" --close '已增加12个采集点' --file "$WORK/采集点.jpg"
expect "a rectification item is closed with evidence like a spot-check finding" 0
G panel show "$R-P1" | grep -qP "^rectification\t$F\t1\t.*\tclosed$" && ok "and shows closed" || fail "closed rectification"

run G log "$R"
printf '%s\n' "$OUT" | grep -qP "\tpanels\.hash\t" && ok "the panel's signature is in the case's history" || fail "panel in history"
run G verify
expect "verify passes with experts and panels" 0

# Roles: a clerk convenes, but only a secretary (or an admin) records and signs.
G user add spare.admin admin >/dev/null 2>&1
G user add "$(id -un)" clerk >/dev/null 2>&1
run G panel plan HB-2026-ADV-0001 --purpose evaluation --members E0001
expect "a clerk convenes a panel" 0 "HB-2026-ADV-0001-P1"
run G panel score HB-2026-ADV-0001-P1 E0001 80
expect "a clerk may not record scores" 1 "may not record panels"
run G panel sign HB-2026-ADV-0001-P1
expect "nor sign the opinion" 1 "may not sign a panel's opinion"
