# The list engine's columns: laid out by display cells, a cut text ends in
# …, and the enterprise and region columns grow with the terminal: at 120
# columns the case list shows 恩施土家族苗族自治州 and the agenda the
# enterprises whole; at 80 they are cut with ….
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
printf '%s\n' "G" ":save-screen list.screen" "a" ":save-screen agenda.screen" >"$WORK/columns.script"
for size in 80x24 120x40; do
	mkdir -p $size
	(cd $size && LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/columns.script" --size $size)
	[ "$(wc -L <$size/list.screen)" -le ${size%x*} ] && [ "$(wc -L <$size/agenda.screen)" -le ${size%x*} ] &&
		ok "$size: every line fits the terminal" || fail "$size: lines fit" "$(cat $size/list.screen)"
done
grep -q "恩施土…  *基础级" 80x24/list.screen && ok "80 columns: the region cut with …" ||
	fail "80 columns: the region cut with …" "$(cat 80x24/list.screen)"
grep -q "恩施土家族苗族自治州 基础级" 120x40/list.screen && ok "120 columns: the region column grown, the region whole" ||
	fail "120 columns: the region whole" "$(cat 120x40/list.screen)"
grep -q "东风楚天汽车零部…$" 80x24/agenda.screen && ok "80 columns: the agenda's enterprise cut with …" ||
	fail "80 columns: the agenda's enterprise cut" "$(cat 80x24/agenda.screen)"
grep -q "东风楚天汽车零部件有限公司$" 120x40/agenda.screen && ok "120 columns: the agenda's enterprise whole" ||
	fail "120 columns: the agenda's enterprise whole" "$(cat 120x40/agenda.screen)"
