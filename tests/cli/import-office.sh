# The office's own sheet saved as CSV imports with no edits (issue 16):
# Chinese headers in their own order, a 序号 column, Chinese levels, regions
# by full name, short name, name without 市 and code, dates as 2026/3/5 and
# 2026年3月5日, cells padded with ASCII and full-width spaces, ",,,," rows
# below the data, a name outside the BMP, quotes, commas and a line break in
# a note, two empty columns right of the data; in UTF-8 with BOM, GBK and
# GB18030, each giving the same database.
# Unknown columns are refused naming file, header and the known headers
# unless --skip-unknown; bad values are refused naming file, row, header as
# written and value, pointing to a section of gradus(1) that exists.
. "$(dirname "$0")/../lib.sh"

JI=𠮷
SP='　' # U+3000, a full-width space
# The sheet as UTF-8 text; the GBK copy cannot hold 𠮷, so its first
# enterprise is named without it ($1: the name's first part).
sheet() {
	cat <<EOF
序号,企业名称,统一社会信用代码,地区,级别,年度,承诺日期,场景,备注,,
1,${1}智造有限公司 , 91420200MA0DX6QEY5,${SP}黄石市,基础级,2026,2026/3/5,1、5；9,"他说""好""
第二行, 有逗号",,
2,咸宁家居有限公司,91420300MA9H9ETGN0,恩施州 ,先进级${SP},2026,2026年3月5日,"1,2",,,
3,荆州装备有限公司,91421000MAGEEUF318,420100,卓越级,2026,2026.3.5,,,,
4,宜都化工有限公司,91420100MA4K12345K,武汉,basic,2026,,,,,
5,随州汽车有限公司,91420900MA4KABCD1K,恩施土家族苗族自治州,Advanced,2026,,,,,
,,,,,,,,
,,,,
EOF
}
# to ENCODING FILE: stdin in that encoding with CRLF line ends.
to() { sed 's/$/\r/' | iconv -f UTF-8 -t "$1" >"$2"; }

{ printf '\357\273\277'; sheet "$JI" | sed 's/$/\r/'; } >"$WORK/bom.csv"
sheet "$JI" | to GB18030 "$WORK/gb18030.csv"
sheet "" | to GBK "$WORK/gbk.csv"
sheet "" | to UTF-8 "$WORK/plain.csv"

# contents DB: what the cases hold, in a fixed order, without ids or stamps.
contents() {
	sqlite3 "$1" "SELECT c.number, e.name, e.credit_code, e.region, c.level, c.year, coalesce(c.commitment_on, '-'),
		quote(c.note), c.scenarios
		FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
		ORDER BY c.number"
}

for f in bom gb18030 gbk; do
	run "$GRADUS" --db "$WORK/$f.db" import cases "$WORK/$f.csv"
	expect "the office's sheet in $f imports with no edits" 0 "cases: 5 new"
	contents "$WORK/$f.db" >"$WORK/$f.contents"
done
expect_same "UTF-8 with BOM and GB18030 give the same database" "$WORK/bom.contents" "$WORK/gb18030.contents"
run "$GRADUS" --db "$WORK/plain.db" import cases "$WORK/plain.csv"
contents "$WORK/plain.db" >"$WORK/plain.contents"
expect_same "GBK gives the same database as UTF-8" "$WORK/plain.contents" "$WORK/gbk.contents"

sed 's/\r//' >"$WORK/want" <<EOF
HB-2026-ADV-0001|咸宁家居有限公司|91420300MA9H9ETGN0|enshi|advanced|2026|2026-03-05|NULL|1,2
HB-2026-ADV-0002|随州汽车有限公司|91420900MA4KABCD1K|enshi|advanced|2026|-|NULL|
HB-2026-BAS-0001|${JI}智造有限公司|91420200MA0DX6QEY5|huangshi|basic|2026|2026-03-05|'他说"好"
第二行, 有逗号'|1,5,9
HB-2026-BAS-0002|宜都化工有限公司|91420100MA4K12345K|wuhan|basic|2026|-|NULL|
HB-2026-EXC-0001|荆州装备有限公司|91421000MAGEEUF318|wuhan|excellent|2026|2026-03-05|NULL|
EOF
expect_same "levels, regions, dates, scenarios and trimmed cells as the office writes them" "$WORK/want" "$WORK/bom.contents"

# English headers in another order still import; headers compare without case.
printf 'Level,Region,Year,USCC,Enterprise\nbasic,Wuhan,2026,91420800MA4KABCD1E,荆门机械有限公司\n' >"$WORK/english.csv"
run "$GRADUS" --db "$WORK/english.db" import cases "$WORK/english.csv"
expect "English headers in any order" 0 "cases: 1 new"

# An unknown column: refused naming the file, the header as written and the
# headers the import takes; --skip-unknown passes over it and says so.
printf '序号,企业名称,统一社会信用代码,地区,级别,年度,联系人电话\n1,荆门机械有限公司,91420600MA4KABCD14,荆门市,基础级,2026,0724-1\n' \
	| to GB18030 "$WORK/unknown.csv"
run "$GRADUS" --db "$WORK/unknown.db" import cases "$WORK/unknown.csv"
expect "an unknown column is refused, naming file and header" 1 "$WORK/unknown.csv: row 1, column G (联系人电话): '联系人电话': not a column of this import"
expect "the refusal lists the known headers" 1 "统一社会信用代码 (uscc)"
run "$GRADUS" --db "$WORK/unknown.db" import cases "$WORK/unknown.csv" --skip-unknown
expect "--skip-unknown imports the rest" 0 "cases: 1 new"
expect_line "the summary lists the columns passed over" "column passed over: 联系人电话"

# Bad values: file, row, header as written, the value, a section that exists.
bad() { # NAME CELLS PATTERN
	printf '企业名称,信用代码,地区,级别,年度,认定日期\n%s\n' "$2" >"$WORK/bad.csv"
	run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/bad.csv"
	expect "$1" 1 "$3"
}
bad "an unknown region names row, header and value" "甲公司,91421000MAGEEUF319,火星市,基础级,2026," \
	"$WORK/bad.csv: row 2, column C (地区): '火星市': not a region; expected a region such as Wuhan"
# The section the refusals point to exists in gradus(1).
section=$(printf '%s\n' "$ERR" | sed -n 's/.*see gradus(1), section \([A-Z ]*[A-Z]\).*/\1/p' | head -1)
[ -n "$section" ] && grep -qx "\.SH \"*$section\"*" "$TOP/man/gradus.1" &&
	ok "the refusal's section ($section) is in gradus(1)" || fail "the refusal's section exists" "section: '$section'"
bad "an unknown level names row, header and value" "甲公司,91421000MAGEEUF319,武汉,金牌级,2026," \
	"$WORK/bad.csv: row 2, column D (级别): '金牌级': not a level; expected a level such as basic"
bad "a day February lacks names row, header and value" "甲公司,91421000MAGEEUF319,武汉,基础级,2026,2026/2/29" \
	"$WORK/bad.csv: row 2, column F (认定日期): '2026/2/29': February 2026 has 28 days; expected a date such as 2026-03-05"
printf '企业名称,信用代码,地区,级别,年度,\n甲公司,91420100MA4K12345K,武汉,基础级,2026,x\n' >"$WORK/noheader.csv"
run "$GRADUS" --db "$WORK/bad.db" import cases "$WORK/noheader.csv"
expect "a value under an empty header is refused" 1 "$WORK/noheader.csv: row 2, column F (no header): 'x': a value under no header"
bad "a credit code is named by its header as written" "甲公司,91421000MAGEEUF310,武汉,基础级,2026," \
	"$WORK/bad.csv: row 2, column B (信用代码): '91421000MAGEEUF310': check character"
[ ! -e "$WORK/bad.db" ] || [ "$(sqlite3 "$WORK/bad.db" 'SELECT count(*) FROM cases')" = 0 ] &&
	ok "a refused file writes nothing" || fail "a refused file writes nothing"

# The same value rules for the commands: case add, case set, expert add and
# expert set take a region and a level as the office writes them.
C() { "$GRADUS" --db "$WORK/cli.db" "$@"; }
region_of() { sqlite3 "$WORK/cli.db" "SELECT e.region || ' ' || c.level FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE e.credit_code = '$1'"; }
n=0
for pair in "武汉市 卓越级 wuhan excellent 91420100MA4K12345K" "420100 基础级 wuhan basic 91420100MA4KXXXX0D" \
	"恩施州 Advanced enshi advanced 91420900MA4KABCD1K" "恩施土家族苗族自治州 领航级 enshi leading 91420800MA4KABCD1E"; do
	set -- $pair
	n=$((n + 1))
	run C case add --enterprise "某某智造$n" --uscc "$5" --region "$1" --level "$2" --year 2026
	[ "$RC" = 0 ] && [ "$(region_of "$5")" = "$3 $4" ] &&
		ok "case add --region $1 --level $2 takes $3 $4" || fail "case add --region $1 --level $2" "$ERR" "$(region_of "$5")"
done
CASE=$(sqlite3 "$WORK/cli.db" "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE e.credit_code = '91420100MA4K12345K'")
run C case set "$CASE" region 黄石
[ "$RC" = 0 ] && [ "$(region_of 91420100MA4K12345K)" = "huangshi excellent" ] &&
	ok "case set region 黄石 stores huangshi" || fail "case set region 黄石" "$ERR" "$(region_of 91420100MA4K12345K)"
run C case set "$CASE" region 火星
expect "case set refuses a region that is none" 1 "region '火星'"
run C expert add 张伟 --fields rnd --affiliation 华中科技大学 --region 'Wuhan '
[ "$RC" = 0 ] && [ "$(sqlite3 "$WORK/cli.db" "SELECT region FROM experts WHERE name = '张伟'")" = wuhan ] &&
	ok "expert add --region 'Wuhan ' stores wuhan" || fail "expert add --region Wuhan" "$ERR"
run C expert set E0001 region 恩施州
[ "$RC" = 0 ] && [ "$(sqlite3 "$WORK/cli.db" "SELECT region FROM experts WHERE name = '张伟'")" = enshi ] &&
	ok "expert set region 恩施州 stores enshi" || fail "expert set region 恩施州" "$ERR"

# The sheet saved as CSV with its title row and a blank row above the
# header: both passed over, the rows named as the spreadsheet numbers them.
{ printf '2026年智能工厂梯度培育申报汇总表,,,,,\n,,,,,\n'; printf '企业名称,信用代码,地区,级别,年度,认定日期\n'
  printf '甲公司,91421000MAGEEUF318,武汉,基础级,2026,\n乙公司,91421000MAGEEUF319,武汉,基础级,2026,\n'; } >"$WORK/title.csv"
run "$GRADUS" --db "$WORK/title.db" import cases "$WORK/title.csv"
expect "a title row above the header is passed over, rows keep their numbers" 1 "title.csv: row 5, column B (信用代码)"
sed -i '$d' "$WORK/title.csv"
run "$GRADUS" --db "$WORK/title.db" import cases "$WORK/title.csv"
expect "a CSV with a title row imports" 0 "cases: 1 new"
printf '2026年申报汇总表\n' >"$WORK/onlytitle.csv"
run "$GRADUS" --db "$WORK/title.db" import cases "$WORK/onlytitle.csv"
expect "a title alone is no header" 1 "onlytitle.csv: empty; expected a header naming the columns"
