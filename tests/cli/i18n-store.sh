# The messages of the store, the core and the CSV reader are translated:
# under zh_CN.UTF-8 a refused workflow step, a bad CSV import and a missing
# case are told in Chinese, and so are the forms loader's (their translations
# are in locale/zh_CN.po).
. "$(dirname "$0")/../lib.sh"
if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	for name in "a step refused from its state" "a bad CSV import" "a CSV header lacking columns" \
		"a missing case" "a step refused to the user's role" "a broken forms file" "a missing forms folder"; do
		ok "$name is told in Chinese # SKIP no zh_CN locale"
	done
	exit 0
fi
DB=$(demo_db)
G() { LC_ALL=zh_CN.UTF-8 "$GRADUS" --db "$DB" "$@"; }

# HB-2023-ADV-0001 stands certified in the demo.
run G case advance HB-2023-ADV-0001 recommend
expect "a step refused from its state is told in Chinese" 1 "步骤“recommend”不能在状态“已认定”下办理；可办理：cancelled（取消认定）"

printf 'enterprise,uscc,region,level,year\n测试机械有限公司,91420100MA4K12345K,wuhan,basik,2026\n' >"$WORK/bad.csv"
run G import cases "$WORK/bad.csv"
expect "a bad CSV import is told in Chinese, with its column" 1 \
	"bad.csv：第 2 行 D 列（level）：“basik”：不是级别；应为级别，例如 基础级、先进级 或 卓越级"

printf 'enterprise,uscc,region\n测试机械有限公司,91420100MA4K12345K,wuhan\n' >"$WORK/short.csv"
run G import cases "$WORK/short.csv"
expect "a CSV header lacking columns is told in Chinese" 1 "short.csv：第 1 行：表头缺少列 级别 (level), 年度 (year)"

run G case show HB-2099-BAS-0001
expect "a missing case is told in Chinese" 1 "没有案件“HB-2099-BAS-0001”"

G user add spare.admin admin >/dev/null
run G user add "$(id -un)" inspector
run G case advance HB-2026-BAS-0004 recommend
expect "a step refused to the user's role is told in Chinese" 1 "步骤“市州推荐”限经办人员、管理员办理；"

# The forms loader's too, with the words in a translator's order.
cp -r "$TOP/forms" "$WORK/forms"
sed -i '0,/^code = EXC/s//code = EXC\nbogus = 1/' "$WORK/forms/levels/excellent.ini"
run env LC_ALL=zh_CN.UTF-8 "$GRADUS" forms check "$WORK/forms"
line=$(($(grep -n '^code = EXC' "$TOP/forms/levels/excellent.ini" | cut -d: -f1) + 1))
expect "a broken forms file is told in Chinese" 1 "excellent.ini:$line: [level] 中有未知的键“bogus”；应为以下之一：key,"
run env LC_ALL=zh_CN.UTF-8 "$GRADUS" --db "$DB" --forms "$WORK/no-forms" case list
expect "a missing forms folder is told in Chinese" 1 "no-forms: 此处没有表单文件夹"
