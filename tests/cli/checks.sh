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
for a in "17 1 yes" "17 2 partial" "17 3 no" "17 4 na" "17 5 0.82" "17 6 3" "21 1 yes" "21 4 覆盖部分关键工序" "21 5 12" \
	"21 7 现场查看了MES系统的能耗模块"; do
	set -- $a
	G check answer "$C" "$1" "$2" "$3" || fail "answer $a"
done
G check answer "$C" 17 1 yes --note '现场演示：碳排放核算覆盖全部产线' >/dev/null
run G check show "$C"
expect_line "a check answer with its note" "$(printf 'answer\t17\t1\tyes\t现场演示：碳排放核算覆盖全部产线\t%s' "$(id -un)")"
expect_line "a measure" "$(printf 'answer\t17\t5\t0.82\t\t%s' "$(id -un)")"
expect_line "a choice" "$(printf 'answer\t21\t4\t覆盖部分关键工序\t\t%s' "$(id -un)")"
expect_line "free text" "$(printf 'answer\t21\t7\t现场查看了MES系统的能耗模块\t\t%s' "$(id -un)")"
w() { sed -n "/^\[item.$2\]/,/^\[/p" "$TOP"/forms/scenarios/$1-*.ini | sed -n 's/^weight = //p'; }
expected=$(awk -v a="$(w 17 1)" -v b="$(w 17 2)" -v c="$(w 17 3)" 'BEGIN { printf "%.1f", 100 * (a + b / 2) / (a + b + c) }')
expect_line "scenario score by weight: yes whole, partial half, no nothing, n.a. left out" "$(printf 'score\tscenario 17\t%s' "$expected")"
expect_line "a scenario with only its first item checked" "$(printf 'score\tscenario 21\t100.0')"
run G check answer "$C" 17 1 maybe
expect "a check item takes yes, partial, no or na" 1 "item 1: expected yes, partial, no or na"
run G check answer "$C" 17 5 many
expect "a measure takes a number, naming its unit" 1 "expected a number in 吨二氧化碳当量/万元"
run G check answer "$C" 21 4 全部
expect "a choice takes one of its choices, naming them" 1 "expected one of its choices: 覆盖全部关键工序|覆盖部分关键工序"
run G check answer "$C" 16 1 yes
expect "a scenario not in the check is refused" 1 "scenario 16 is not in check"
run G verify
expect "the answers are in the audit chain" 0
