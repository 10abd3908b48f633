# The number of scenarios is the forms' (issue 19): a copy of forms/ with
# two scenarios more (41 and 42) is loaded whole; a case declares scenario
# 42 by `case add` and by an import; a spot check answers scenario 42's
# items and is signed; the reports of the check and of the case name it;
# the intake form's picker finds scenario 41 by its number and writes it;
# a scenario the forms do not have (43) is refused with a message that
# says what is expected. The standard forms (40) refuse 41. A check planned
# offline over 41 and 42 lands under forms of 42 and is refused under 40.
. "$(dirname "$0")/../lib.sh"
F=$WORK/forms42
cp -R "$TOP/forms" "$F"
# scenario N: a new checklist of its own, in the 2025 guide's file format
add_scenario() {
	cat >"$F/scenarios/$1-test-extra.ini" <<INI
; a scenario beyond the 2025 guide's forty, for this test
[scenario]
id = $1
stage = supply
title_zh = 测试场景$1数字孪生物流
title_en = Test scenario $1 logistics twin
version = 1
text = 测试用的第 $1 个场景。
activities = 物流调度
problems = 配送周期长
technologies = 数字孪生

[item.1]
text = 核查$1：是否建成物流数字孪生系统
kind = check
required = yes
evidence = 系统演示
weight = 3

[item.2]
text = 核查$1：孪生模型覆盖的仓库数
kind = number
unit = 个
required = yes
evidence = 仓库清单
weight = 2

[item.3]
text = 核查$1：配送周期
kind = measure
unit = 天
better = lower
required = yes
evidence = 实施前后统计
weight = 3

[item.4]
text = 核查$1：应用程度
kind = choice
choices = 全部应用|部分应用|未应用
required = yes
evidence = 现场查看
weight = 2
INI
}
add_scenario 41
add_scenario 42
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" --forms "$F" "$@"; }

run G forms check "$F"
expect "a forms folder with 42 scenarios loads" 0 "42 scenarios"
run G forms list
expect_line "forms list shows scenario 42" "$(printf '42\tsupply\t测试场景42数字孪生物流\tTest scenario 42 logistics twin')"

# A case declaring scenario 42 from the command line.
run G case add --enterprise 武汉四十二智造有限公司 --uscc "$(uscc_of 4201)" --region wuhan --level basic --year 2026 \
	--scenarios 5,42
expect "case add --scenarios 5,42" 0
A=$OUT
run G case show "$A"
expect_line "the case declares 5 and 42" "$(printf 'scenarios\t5,42')"

# A case declaring scenario 42 by an import.
printf '%s\n%s\n' '序号,企业名称,统一社会信用代码,地区,级别,年度,场景' \
	"1,黄石四十二装备有限公司,$(uscc_of 4202),黄石市,基础级,2026,42；41" >"$WORK/cases.csv"
run G import cases "$WORK/cases.csv"
expect "an import declares 41 and 42" 0
B=$(sqlite3 "$DB" "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE e.name = '黄石四十二装备有限公司'")
run G case show "$B"
expect_line "the imported case declares 41 and 42" "$(printf 'scenarios\t41,42')"

# A spot check of the case from the command line: its draw of one
# scenario with seed 4 is scenario 42.
run G check plan "$A" --inspectors "$(id -un)" --draw 1 --seed 4
expect "a check planned over the case's scenarios" 0
C=$OUT
run G check show "$C"
expect_line "the check draws scenario 42" "$(printf 'scenarios\t42')"
N=$(printf '%s\n' "$OUT" | sed -n 's/^number\t//p')
for a in "1 yes" "2 3" "3 9 6" "4 部分应用"; do
	set -- $a
	run G check answer "$N" 42 "$@"
	[ "$RC" = 0 ] || fail "answer scenario 42 item $1" "$ERR"
done
run G check show "$N"
expect_line "scenario 42's measure is answered" "$(printf 'answer\t42\t3\t9|6\t\t%s' "$(id -un)")"
run G check sign "$N"
expect "the check of scenario 42 is signed" 0
run G report check "$N" --format txt
expect "the check's report names scenario 42" 0 "Scenario 42 Test scenario 42 logistics twin"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN run G report check "$N" --format txt
expect "in Chinese, by its Chinese title" 0 "测试场景42数字孪生物流"
run G report case "$A" --format txt
expect "the case's report counts 2 of 42" 0 "Declared scenarios: 2 of 42"
expect "the case's report names scenario 42" 0 "Test scenario 42 logistics twin"

# The intake form edits the first case: its picker holds 41 and 42.
cd "$WORK" || exit 1
run G --script "$TOP/tests/tui/scenarios-42.script"
expect "the intake script runs to its end" 0
compare "the picker finds scenario 41 by its number" scenarios-42-picker.screen
compare "the form counts the picked of 42 and writes them" scenarios-42-saved.screen
run G case show "$A"
expect_line "the case now declares 5, 41 and 42" "$(printf 'scenarios\t5,41,42')"

# Scenario 43 is none of the forms': refused, saying which there are.
run G case add --enterprise 武汉四十三有限公司 --uscc "$(uscc_of 4203)" --region wuhan --level basic --year 2026 \
	--scenarios 43
expect "case add --scenarios 43 is refused" 1 "scenario 43: expected 1 to 42, the scenarios of the forms"
printf '%s\n%s\n' '序号,企业名称,统一社会信用代码,地区,级别,年度,场景' \
	"1,孝感四十三有限公司,$(uscc_of 4204),孝感市,基础级,2026,1；43" >"$WORK/bad.csv"
run G import cases "$WORK/bad.csv"
expect "an import of scenario 43 is refused" 1 "scenario 43 is not one of the 42 of the forms"
run G check answer "$N" 43 1 yes
expect "an answer to scenario 43 is refused" 1 "scenario 43"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN run G case add --enterprise 武汉四十三有限公司 --uscc "$(uscc_of 4203)" \
	--region wuhan --level basic --year 2026 --scenarios 43
expect "in Chinese too" 1 "场景 43：应为 1 至 42"

# The standard forms know 40: the same database refuses 41 under them.
run "$GRADUS" --db "$DB" --forms "$TOP/forms" case add --enterprise 武汉四十一有限公司 --uscc "$(uscc_of 4205)" \
	--region wuhan --level basic --year 2026 --scenarios 41
expect "with the 40 of the 2025 guide, 41 is refused" 1 "scenario 41: expected 1 to 40"

# A visit's bundle: a check of the case planned offline over its declared
# scenarios (5, 41 and 42) lands at an office whose forms have 42; at one
# whose forms have the guide's 40, its rows of 41 and 42 are refused, each
# kept as a conflict that says why.
G bundle out --cases "$A" --inspector "$ME" -o "$WORK/visit.db" >/dev/null || fail "bundle out"
cp "$DB" "$WORK/office40.db"
run "$GRADUS" --db "$WORK/visit.db" --forms "$F" check plan "$A" --inspectors "$ME"
expect "a check of 5, 41 and 42 is planned in the bundle" 0
run "$GRADUS" --db "$WORK/office40.db" --forms "$TOP/forms" bundle in "$WORK/visit.db"
expect "under 40 scenarios the bundle applies with refusals" 0 "refused"
sqlite3 "$WORK/office40.db" "SELECT reason FROM conflicts WHERE tbl = 'check_scenarios'" >"$WORK/why"
[ "$(grep -c 'scenario 4[12]: expected 1 to 40' "$WORK/why")" = 2 ] &&
	ok "scenarios 41 and 42 of the bundle's check are refused, saying why" || fail "refusals" "$(cat "$WORK/why")"
run G bundle in "$WORK/visit.db"
expect "under 42 scenarios the bundle applies" 0 "applied"
printf '%s\n' "$OUT" | grep -q refused && fail "nothing refused under 42" "$OUT" || ok "nothing refused under 42"
[ "$(sqlite3 "$DB" "SELECT group_concat(scenario) FROM (SELECT s.scenario FROM check_scenarios s
	JOIN checks k ON k.id = s.check_id WHERE k.offline_number IS NOT NULL ORDER BY 1)")" = 5,41,42 ] &&
	ok "the office's check holds 5, 41 and 42" || fail "offline check" "$(sqlite3 "$DB" "SELECT * FROM check_scenarios")"
