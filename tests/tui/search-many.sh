# A search that matches more cases than it counts (10,000): the title and
# the search line say "over 10000", and the list still shows the matches in
# every order, the same rows a plain query gives (each case walked asks the
# search index about itself, or the order's index is walked under the
# search; tests/unit/test_bench_sql.c has the rules).
. "$(dirname "$0")/../lib.sh"
DB=$WORK/many.db
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"

# 10,040 cases, every enterprise a 有限公司; 40 of them also 精工.
{ echo enterprise,uscc,region,level,year
  uscc_of 1 10040 | awk '{ r = NR % 4 == 0 ? "wuhan" : NR % 4 == 1 ? "xiangyang" : NR % 4 == 2 ? "enshi" : "yichang"
	l = NR % 2 == 0 ? "basic" : "advanced"
	print (NR % 251 == 0 ? "精工" : "") "测试" NR "有限公司," $1 "," r "," l "," 2022 + NR % 5 }'; } >"$WORK/many.csv"
run "$GRADUS" --db "$DB" import cases "$WORK/many.csv"
expect "10,040 cases are imported" 0
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM cases')" = 10040 ] && ok "the office holds them" ||
	fail "cases" "$(sqlite3 "$DB" 'SELECT count(*) FROM cases')"

# The numbers of the rows a screen shows (under a kept search, 19 of 23
# lines), and as many from a plain query.
numbers() { sed -n '3,22p' "$WORK/$1" | cut -c1-16 | grep '^HB-' | tr '\n' ' '; }
shown() { sed -n '3,22p' "$WORK/$1" | cut -c1-16 | grep -c '^HB-'; }
sq() { sqlite3 "$DB" "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE $1 LIMIT ${2:-19}" | tr '\n' ' '; }
every="c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH '\"有限公司\"')"

printf '%s\n' "/有限公" ":save-screen typing.screen" "司" ":save-screen typed.screen" "<Enter>" \
	":save-screen kept.screen" "<Colon>sort region desc<Enter>" ":save-screen region.screen" \
	"G" ":save-screen end.screen" "<Esc>" "/精工<Enter>" ":save-screen few.screen" \
	"<Colon>sort enterprise<Enter>" ":save-screen few-enterprise.screen" "q" "q" >"$WORK/many.script"
run "$GRADUS" --db "$DB" --script "$WORK/many.script" --size 100x23 # 20 rows
expect "the search script runs to its end" 0
tail -2 "$WORK/typed.screen" | grep -q "over 10000 found" && ok "the search line says over 10000 found" ||
	fail "search line" "$(tail -2 "$WORK/typed.screen")"
head -1 "$WORK/kept.screen" | grep -q "^gradus  Cases (over 10000)  " && ok "the title says over 10000" ||
	fail "title" "$(head -1 "$WORK/kept.screen")"
[ "$(numbers kept.screen)" = "$(sq "$every ORDER BY c.number")" ] && ok "the first page is the first matches by number" ||
	fail "number order" "$(numbers kept.screen)"
[ "$(numbers region.screen)" = "$(sq "$every ORDER BY e.region DESC, e.name_key DESC, c.number DESC")" ] &&
	ok "sorted by region, descending, under the search: the plain query's rows" || fail "region order" "$(numbers region.screen)"
[ "$(numbers end.screen)" = "$(sqlite3 "$DB" "SELECT number FROM (SELECT c.number, e.region, e.name_key FROM cases c
	JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE $every
	ORDER BY e.region, e.name_key, c.number LIMIT $(shown end.screen)) ORDER BY region DESC, name_key DESC, number DESC" |
	tr '\n' ' ')" ] &&
	ok "and its end (G) is the last rows" || fail "end" "$(numbers end.screen)"
head -1 "$WORK/few.screen" | grep -q "^gradus  Cases (40)  " && ok "a search of 40 cases is counted" ||
	fail "few title" "$(head -1 "$WORK/few.screen")"
[ "$(numbers few-enterprise.screen)" = "$(sq "c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH '\"精 工\"')
	ORDER BY e.name_key, c.number" "$(shown few-enterprise.screen)")" ] && ok "sorted by enterprise, the few matches sorted" ||
	fail "few by enterprise" "$(numbers few-enterprise.screen)"

if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8'; then
	printf '%s\n' "/有限公司<Enter>" ":save-screen zh.screen" "q" "q" >"$WORK/zh.script"
	LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/zh.script"
	head -1 "$WORK/zh.screen" | grep -q "案件（超过 10000）" && ok "in Chinese: 案件（超过 10000）" ||
		fail "zh title" "$(head -1 "$WORK/zh.screen")"
fi
