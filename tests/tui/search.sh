# Search as you type (/) over names, credit codes, case numbers, factories
# and notes, with FTS5: one- and two-character Chinese queries included.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
names() { "$GRADUS" --db "$DB" case list --search "$1" | tail -n +2 | cut -f2 | sort | tr '\n' ' '; }
like() { sqlite3 "$DB" "SELECT e.name FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE $1 ORDER BY 1" | sort | tr '\n' ' '; }

[ "$(names 武)" = "$(like "e.name LIKE '%武%' OR f.name LIKE '%武%'")" ] && [ -n "$(names 武)" ] &&
	ok "one character: 武 finds what LIKE finds" || fail "one character: 武" "$(names 武)" "$(like "e.name LIKE '%武%'")"
[ "$(names 汉)" = "$(like "e.name LIKE '%汉%' OR f.name LIKE '%汉%'")" ] && [ "$(names 汉 | wc -w)" -ge 6 ] &&
	ok "one character inside names: 汉 (武汉, 汉江, 汉川, 江汉)" || fail "one character: 汉" "$(names 汉)"
[ "$(names 武汉)" = "$(like "e.name LIKE '%武汉%' OR f.name LIKE '%武汉%'")" ] &&
	ok "two characters: 武汉" || fail "two characters: 武汉" "$(names 武汉)"
[ "$(names 汉江)" = "$(like "e.name LIKE '%汉江%' OR f.name LIKE '%汉江%'")" ] &&
	ok "two characters in the middle of a name: 汉江" || fail "two characters: 汉江" "$(names 汉江)"
[ "$(names 光纤光缆)" = "武汉长飞光纤光缆股份有限公司 " ] && ok "four characters: 光纤光缆" || fail "four characters" "$(names 光纤光缆)"
[ -z "$(names 武光)" ] && ok "characters not next to each other do not match" || fail "武光 matched" "$(names 武光)"
code=$(sqlite3 "$DB" "SELECT credit_code FROM enterprises WHERE name = '黄石鄂东特钢有限公司'")
[ "$(names "${code#???????}")" = "黄石鄂东特钢有限公司 " ] && ok "the middle of a credit code" || fail "credit code" "$(names "${code#???????}")"
[ "$(names hb-2023-exc | wc -w)" = 2 ] && ok "a case number, any case and punctuation" || fail "case number" "$(names hb-2023-exc)"
"$GRADUS" --db "$DB" case set HB-2024-BAS-0002 note '企业补交了近三年财务报表' >/dev/null
[ "$(names 财务报表)" = "随州香菇食品有限公司 " ] && ok "a note, indexed the moment it is written" || fail "note" "$(names 财务报表)"
"$GRADUS" --db "$DB" case set HB-2024-BAS-0002 enterprise '随州香菇食品集团' >/dev/null
[ "$(names 香菇食品集团)" = "随州香菇食品集团 " ] && [ -z "$(names 香菇食品有限)" ] && ok "a renamed enterprise is found by its new name only" ||
	fail "rename" "$(names 香菇食品集团)" "$(names 香菇食品有限)"
run "$GRADUS" --db "$DB" case list --search '--'
expect "a search with nothing to search for is a usage error" 2 "no letters, digits or characters"

printf '%s\n' "/武" ":save-screen search-1.screen" "汉" ":save-screen search-2.screen" "<Enter>j<Enter>" \
	":save-screen search-open.screen" "q" ":save-screen search-kept.screen" "<Esc>" ":save-screen search-cleared.screen" \
	"/zzz" ":save-screen search-none.screen" "<Esc>q" >"$WORK/search.script"
run "$GRADUS" --db "$DB" --script "$WORK/search.script"
expect "the search script runs to its end" 0
compare "/ and 武: the list shows the matches as they are typed" search-1.screen
compare "武汉: two characters" search-2.screen
head -1 search-open.screen | grep -qF "HB-2025-LEA-0002" && ok "Enter keeps the search, j moves, Enter opens the case" ||
	fail "open from the results" "$(head -3 search-open.screen)"
[ "$(tail -n +2 search-2.screen)" = "$(tail -n +2 search-kept.screen)" ] && ok "back from the case, the search is still there" ||
	fail "search kept" "$(cat search-kept.screen)"
[ "$(head -1 search-kept.screen)" = "gradus  Cases (4)  search: 武汉" ] && ok "and the title shows the kept search" ||
	fail "kept search in the title" "$(head -1 search-kept.screen)"
head -1 search-cleared.screen | grep -qF "Cases (30)" && ok "Esc clears the search" || fail "Esc clears" "$(head -1 search-cleared.screen)"
grep -qF "No case matches the search." search-none.screen && ok "no match says so" || fail "no match" "$(cat search-none.screen)"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/search.script"
compare "the search in Chinese" search-2.screen zh-search-2.screen
