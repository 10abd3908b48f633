# Errors that help (issue 16): every refusal of `import cases|experts FILE`
# names the file, the row as a spreadsheet numbers it (the header is row 1;
# a line break inside a cell above does not shift it; in a workbook the
# sheet's own row, below a title row), the column's letter and header as
# the file writes it, and the value; says what was expected with examples
# in the user's language (C and zh_CN); and points to a section that exists
# in the manual. Nothing of a refused file is written.
. "$(dirname "$0")/../lib.sh"

ZH=zh_CN.UTF-8
if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	ZH= # the Chinese checks are skipped
fi

# The section a message points to, and whether gradus(1) has it.
section_of() { printf '%s\n' "$1" | sed -n 's/.*gradus(1)[^A-Z]*\([A-Z][A-Z ]*[A-Z]\).*/\1/p' | head -1; }
has_section() { grep -E '^\.S[HS] ' "$TOP/man/gradus.1" | sed 's/^\.S[HS] *//; s/"//g' | grep -qxF -- "$1"; }

# check LOCALE NAME FILE PATTERN...: the import of FILE in LOCALE is refused,
# its message holds every PATTERN and points to a section that exists, and
# the database holds no case or expert.
check() {
	local locale=$1 name=$2 file=$3 kind=cases pattern missing= section
	shift 3
	case "$file" in *experts*) kind=experts ;; esac
	rm -f "$WORK/db"
	LC_ALL=$locale run "$GRADUS" --db "$WORK/db" import "$kind" "$file"
	for pattern in "$@"; do
		printf '%s\n' "$ERR" | grep -qF -- "$pattern" || missing="$missing [$pattern]"
	done
	section=$(section_of "$ERR")
	if [ "$RC" != 1 ]; then
		fail "$name ($locale)" "exit status $RC, expected 1" "stderr: $ERR"
	elif [ -n "$missing" ]; then
		fail "$name ($locale)" "lacks:$missing" "stderr: $ERR"
	elif [ -z "$section" ] || ! has_section "$section"; then
		fail "$name ($locale): the section it points to is in gradus(1)" "section: '$section'" "stderr: $ERR"
	elif [ -e "$WORK/db" ] && [ "$(sqlite3 "$WORK/db" 'SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM experts)')" != 0 ]; then
		fail "$name ($locale): nothing written" "$(sqlite3 "$WORK/db" 'SELECT count(*) FROM cases')"
	else
		ok "$name ($locale)"
	fi
}

# refused NAME FILE ROW LETTER HEADER VALUE C-EXAMPLE ZH-EXAMPLE: the refusal
# in English and in Chinese, each with its own examples.
refused() {
	local name=$1 file=$2 row=$3 letter=$4 header=$5 value=$6 zh_header=$5
	[ "$header" = "no header" ] && zh_header=无表头
	check C.UTF-8 "$name" "$file" "$file: row $row, column $letter ($header): '$value': " "$7"
	if [ -n "$ZH" ]; then
		check "$ZH" "$name" "$file" "$file：第 $row 行 $letter 列（$zh_header）：“$value”：" "$8"
	else
		ok "$name (zh_CN) # SKIP no zh_CN locale"
	fi
}

H='序号,企业名称,统一社会信用代码,地区,级别,年度,承诺日期,场景,成熟度,备注'
GOOD='1,甲智造有限公司,91420200MA0DX6QEY5,黄石市,基础级,2026,2026/3/5,1、5,3.5,'
# sheet NAME ROW: a CSV whose second data row is ROW, below a good row whose
# note holds a line break (so the bad row starts on line 5, row 4).
sheet() {
	printf '%s\n%s"第一行\n第二行"\n%s\n%s\n' "$H" "$GOOD" "${GOOD%,}," "$2" >"$WORK/$1.csv"
}
sheet region '3,乙有限公司,91420300MA9H9ETGN0,火星市,先进级,2026,,,,'
refused "a bad region" "$WORK/region.csv" 4 D 地区 火星市 "such as Wuhan, Enshi or 420100" "例如 武汉市、恩施州 或 420100"
sheet level '3,乙有限公司,91420300MA9H9ETGN0,恩施州,金牌级,2026,,,,'
refused "a bad level" "$WORK/level.csv" 4 E 级别 金牌级 "such as basic, advanced or excellent" "例如 基础级、先进级 或 卓越级"
sheet date '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,2026/2/30,,,'
refused "a day February lacks" "$WORK/date.csv" 4 G 承诺日期 2026/2/30 "such as 2026-03-05 (YYYY-MM-DD) or 2026/3/5" \
	"例如 2026-03-05（YYYY-MM-DD）或 2026年3月5日"
sheet notdate '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,下周,,,'
refused "a date that is not one" "$WORK/notdate.csv" 4 G 承诺日期 下周 "not a date; expected a date such as 2026-03-05" \
	"不是日期；应为日期，例如 2026-03-05"
sheet code '3,乙有限公司,91420300MA9H9ETGN1,恩施州,先进级,2026,,,,'
refused "a bad credit code check character" "$WORK/code.csv" 4 C 统一社会信用代码 91420300MA9H9ETGN1 \
	"such as 91420200MA0DX6QEY5 or 91421000MAGEEUF318" "例如 91420200MA0DX6QEY5 或 91421000MAGEEUF318"
sheet year '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,1999,,,,'
refused "a year out of range" "$WORK/year.csv" 4 F 年度 1999 "such as 2026 or 2025" "例如 2026 或 2025"
sheet scenarios '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,,1、99,,'
refused "bad scenarios" "$WORK/scenarios.csv" 4 H 场景 1、99 "such as 1;5;9 or 3,12" "例如 1;5;9 或 1、5、9"
sheet maturity '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,,,7,'
refused "a maturity score above 5" "$WORK/maturity.csv" 4 I 成熟度 7 "such as 3.25 or 4" "例如 3.25 或 4"
sheet empty '3,乙有限公司,,恩施州,先进级,2026,,,,'
refused "an empty required cell" "$WORK/empty.csv" 4 C 统一社会信用代码 "" "such as 91420200MA0DX6QEY5" "例如 91420200MA0DX6QEY5"
sheet control "$(printf '3,乙\001有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,,,,')"
refused "a control character" "$WORK/control.csv" 4 B 企业名称 乙␁有限公司 "control character U+0001" "U+0001"
sheet extra '3,乙有限公司,91420300MA9H9ETGN0,恩施州,先进级,2026,,,,,多余'
refused "a value beyond the header" "$WORK/extra.csv" 4 K "no header" 多余 "a value under no header" "该列没有表头却有值"
printf '%s,\n%s,\n%s,x\n' "$H" "$GOOD" "$GOOD" >"$WORK/noheader.csv"
refused "a value under an empty header" "$WORK/noheader.csv" 3 K "no header" x "expected the cell empty" "应留空"

# The header's own refusals: row 1, the header as written as the value.
printf '序号,企业名称,统一社会信用代码,地区,级别,年度,联系电话\n' >"$WORK/unknown.csv"
refused "an unknown column" "$WORK/unknown.csv" 1 G 联系电话 联系电话 "企业名称 (enterprise), 统一社会信用代码 (uscc)" \
	"--skip-unknown"
printf '企业名称,信用代码,地区,级别,年度,地区\n' >"$WORK/twice.csv"
refused "a column named twice" "$WORK/twice.csv" 1 F 地区 地区 "column C (地区)" "C 列（地区）"
printf '企业名称,信用代码,地区\n' >"$WORK/missing.csv"
check C.UTF-8 "missing columns named as the office writes them" "$WORK/missing.csv" \
	"$WORK/missing.csv: row 1: the header lacks the columns 级别 (level), 年度 (year); expected a header naming 企业名称 (enterprise)"
[ -n "$ZH" ] && check "$ZH" "missing columns named as the office writes them" "$WORK/missing.csv" \
	"$WORK/missing.csv：第 1 行：表头缺少列 级别 (level), 年度 (year)"

# Experts: the same rules.
printf '姓名,专业领域,工作单位,地区\n王五,process,华中科技大学,火星\n' >"$WORK/experts.csv"
refused "an expert's bad region" "$WORK/experts.csv" 2 D 地区 火星 "such as Wuhan" "例如 武汉市"
printf '姓名,专业领域,工作单位\n王五,烹饪,华中科技大学\n' >"$WORK/experts-fields.csv"
refused "an expert's bad field" "$WORK/experts-fields.csv" 2 B 专业领域 烹饪 "such as process, supply or service" \
	"例如 process、supply 或 service"

# Workbooks: the sheet's own rows. Made with zipfile (tests/cli/data/
# workbook.py): a merged title row above the header, a group header row,
# cells whose text holds line breaks above the bad one, a row left out.
cat >"$WORK/book.py" <<'PY'
import sys
sys.dont_write_bytecode = True  # nothing left in the source tree
sys.path.insert(0, sys.argv[2])
from workbook import book
H = ['序号', '企业名称', '统一社会信用代码', '地区', '级别', '年度', '备注']
good = ['1', '甲智造有限公司', '91420200MA0DX6QEY5', '黄石市', '基础级', '2026', '第一行\n第二行\n第三行']
bad = ['2', '乙有限公司', '91420300MA9H9ETGN0', '火星市', '先进级', '2026', '']
out = sys.argv[1]
# title merged across A1:G1, header on row 2, a note with line breaks on row 3, the bad row 5
book(out + '/title.xlsx', [(1, ['2026年智能工厂梯度培育名单']), (2, H), (3, good), (5, bad)], ['A1:G1'])
# no title: header on row 1, rows 2 and 3 with line breaks, the bad row 4
book(out + '/breaks.xlsx', [(1, H), (2, good), (3, good[:2] + ['91421000MAGEEUF318'] + good[3:]), (4, bad)])
# a group header row above the header: 序号 merged down A1:A2, 企业信息 over B1:D1, 申报信息 over E1:F1
book(out + '/group.xlsx', [(1, ['序号', '企业信息', '', '', '申报信息']), (2, [''] + H[1:]), (3, good), (4, bad)],
     ['A1:A2', 'B1:D1', 'E1:F1'])
PY
python3 "$WORK/book.py" "$WORK" "$TOP/tests/cli/data"
refused "a workbook with a title row names the sheet's row" "$WORK/title.xlsx" 5 D 地区 火星市 "such as Wuhan" "例如 武汉市"
refused "a workbook with line breaks above names the sheet's row" "$WORK/breaks.xlsx" 4 D 地区 火星市 "such as Wuhan" "例如 武汉市"
refused "a workbook with a group header row names the sheet's row" "$WORK/group.xlsx" 4 D 地区 火星市 "such as Wuhan" "例如 武汉市"
# With the bad region corrected, the workbooks import below their title rows.
sed -i "s/'91420300MA9H9ETGN0', '火星市'/'91420300MA9H9ETGN0', '恩施州'/" "$WORK/book.py"
python3 "$WORK/book.py" "$WORK" "$TOP/tests/cli/data"
for book in title group; do
	rm -f "$WORK/db"
	run "$GRADUS" --db "$WORK/db" import cases "$WORK/$book.xlsx"
	expect "the $book workbook imports below its title row" 0 "cases: 2 new"
done
