# gradus summary: the dashboard's figures as TSV, each the count the cases
# themselves give (by level, by level and state, by region, the deadlines,
# the cases declaring each scenario of the forms), names in the user's
# language beside keys that stay; the counts follow a change.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
sq() { sqlite3 -separator "$(printf '\t')" "$DB" "$1"; }
# figures FIGURE: the summary's rows of that figure as key TAB cases.
figures() { printf '%s\n' "$OUT" | awk -F'\t' -v f="$1" '$1 == f { print $2 "\t" $4 }'; }

run "$GRADUS" --db "$DB" summary --today 2026-12-15
expect "summary runs" 0
[ "$(printf '%s\n' "$OUT" | head -1)" = "$(printf 'figure\tkey\tname\tcases')" ] && ok "a header names the columns" ||
	fail "header" "$(printf '%s\n' "$OUT" | head -1)"
[ "$(figures cases)" = "$(printf 'all\t%s' "$(sq "SELECT count(*) FROM cases")")" ] && ok "all the cases" ||
	fail "all" "$(figures cases)"
figures level >"$WORK/levels"
sq "SELECT l.key, count(c.id) FROM (SELECT 'basic' key, 1 o UNION SELECT 'advanced', 2 UNION SELECT 'excellent', 3
	UNION SELECT 'leading', 4) l LEFT JOIN cases c ON c.level = l.key GROUP BY l.key ORDER BY l.o" >"$WORK/want-levels"
expect_same "the cases of each level, in the forms' order" "$WORK/want-levels" "$WORK/levels"
figures state >"$WORK/states"
sq "SELECT level || '.' || state, count(*) FROM cases GROUP BY level, state ORDER BY level, state" >"$WORK/want-states"
expect_same "the cases of each level's states" "$WORK/want-states" "$WORK/states"
figures region >"$WORK/regions"
sq "SELECT region, count(*) FROM cases GROUP BY region ORDER BY 2 DESC, 1" >"$WORK/want-regions"
expect_same "the cases of each region, most first" "$WORK/want-regions" "$WORK/regions"
figures due >"$WORK/due"
sq "SELECT 'month_end', count(*) FROM cases WHERE next_due <= '2026-12-31'
	UNION ALL SELECT 'overdue', count(*) FROM cases WHERE next_due < '2026-12-15'" >"$WORK/want-due"
expect_same "the deadlines by the month's end and those overdue, as of --today" "$WORK/want-due" "$WORK/due"
[ "$(figures scenario | wc -l)" = "$("$GRADUS" forms list | wc -l)" ] && ok "a row for every scenario of the forms" ||
	fail "scenario rows" "$(figures scenario | wc -l)"
figures scenario | awk -F'\t' '$2 > 0' >"$WORK/scenarios"
sq "SELECT j.value, count(*) FROM cases c, json_each('[' || c.scenarios || ']') j WHERE c.scenarios IS NOT NULL
	GROUP BY 1 ORDER BY 1" >"$WORK/want-scenarios"
expect_same "the cases declaring each scenario" "$WORK/want-scenarios" "$WORK/scenarios"

# A case moved to another region is counted there at once.
number=$(sq "SELECT number FROM cases WHERE region = 'wuhan' ORDER BY number LIMIT 1")
wuhan=$(figures region | awk -F'\t' '$1 == "wuhan" { print $2 }')
run "$GRADUS" --db "$DB" case set "$number" region enshi
expect "a case moves from Wuhan to Enshi" 0
run "$GRADUS" --db "$DB" summary
[ "$(figures region | awk -F'\t' '$1 == "wuhan" { print $2 }')" = "$((wuhan - 1))" ] &&
	ok "the summary follows the move" || fail "after the move" "$(figures region)"

LC_ALL=zh_CN.UTF-8 LANGUAGE= run "$GRADUS" --db "$DB" summary
expect "summary under a Chinese locale" 0
printf '%s\n' "$OUT" | grep -qx "$(printf 'level\tbasic\t基础级\t[0-9]*')" &&
	printf '%s\n' "$OUT" | grep -q "$(printf '^cases\tall\t全部案件\t')" &&
	printf '%s\n' "$OUT" | grep -q "$(printf '^region\twuhan\t武汉市\t')" &&
	ok "names in Chinese, keys as they are" || fail "Chinese names" "$(printf '%s\n' "$OUT" | head -8)"

run "$GRADUS" --db "$DB" summary --within 30
expect "an unknown argument is refused" 2 "summary: unknown argument --within"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run "$GRADUS" --db "$DB" summary --within 30
expect "and said in Chinese" 2 "summary：未知参数 --within"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run "$GRADUS" --db "$DB" sweep --within 30
expect "as for sweep, its other --today command" 2 "sweep：未知参数 --within"
run "$GRADUS" --db "$DB" summary --today 2026-13-01
expect "so is a day that is not a date" 2 "--today"
