# The list's : command line: sort by any column, filters that combine, Tab
# completion, errors that name what was expected; kept across a restart in
# the user's state file.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
title() { head -1 "$WORK/$1"; }
numbers() { sed -n '3,22p' "$WORK/$1" | cut -c1-16 | grep '^HB-' | tr '\n' ' '; }
sq() { sqlite3 "$DB" "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id
	JOIN enterprises e ON e.id = f.enterprise_id WHERE $1 LIMIT 20" | tr '\n' ' '; }

# A walk position kept before: the list's section is rewritten around it.
mkdir -p "$XDG_STATE_HOME/gradus"
printf '[walk]\n0123456789abcdef0123456789abcdef = 3 2\n' >"$XDG_STATE_HOME/gradus/state.ini"
printf '%s\n' "<Colon>filter level=excellent<Enter>" ":save-screen level.screen" \
	"<Colon>sort due desc<Enter>" ":save-screen sorted.screen" \
	"<Colon>fi<Tab>re<Tab>wu<Tab><Enter>" ":save-screen region.screen" \
	"<Colon>filter colour=red<Enter>" ":save-screen bad.screen" "q" >"$WORK/filters.script"
run "$GRADUS" --db "$DB" --script "$WORK/filters.script"
expect "the filter script runs to its end" 0
[ "$(title level.screen)" = "gradus  Cases (8)  level=excellent" ] && ok "a filter shows in the title with its count" ||
	fail "filter title" "$(title level.screen)"
[ "$(numbers level.screen)" = "$(sq "c.level = 'excellent' ORDER BY c.number")" ] && ok "level=excellent lists exactly those cases" ||
	fail "level filter" "$(numbers level.screen)"
[ "$(numbers sorted.screen)" = "$(sq "c.level = 'excellent' ORDER BY coalesce(c.next_due, '9999-12-31') DESC, c.number DESC")" ] &&
	ok "sort due desc orders by the next deadline" || fail "sort" "$(numbers sorted.screen)"
[ "$(title region.screen)" = "gradus  Cases (1)  level=excellent region=wuhan sort due ↓" ] &&
	ok "Tab completes the command, the key and the value; filters combine" || fail "completion" "$(title region.screen)"
tail -1 "$WORK/bad.screen" | grep -qF "filter colour=red: expected level=LEVEL" && ok "a bad filter names what was expected" ||
	fail "bad filter" "$(tail -1 "$WORK/bad.screen")"
[ "$(title bad.screen)" = "$(title region.screen)" ] && ok "and changes nothing" || fail "bad filter changed the list"
grep -qx "filter = level=excellent region=wuhan" "$XDG_STATE_HOME/gradus/state.ini" && ok "the state file keeps the filters" ||
	fail "state file" "$(cat "$XDG_STATE_HOME/gradus/state.ini")"
[ "$(sed -n '/^\[walk\]/,/^\[/p' "$XDG_STATE_HOME/gradus/state.ini" | grep -c '^0123456789abcdef0123456789abcdef = 3 2$')" = 1 ] &&
	ok "and the walk positions it kept beside them" || fail "walk section lost" "$(cat "$XDG_STATE_HOME/gradus/state.ini")"

printf '%s\n' ":save-screen again.screen" "<Colon>clear<Enter>" ":save-screen cleared.screen" \
	"<Colon>sort enterprise<Enter>G" ":save-screen end.screen" "<PageUp>" ":save-screen pageup.screen" "q" >"$WORK/again.script"
run "$GRADUS" --db "$DB" --script "$WORK/again.script"
[ "$(title again.screen)" = "$(title region.screen)" ] && ok "filters and sort survive a restart" || fail "restart" "$(title again.screen)"
[ "$(title cleared.screen)" = "gradus  Cases (30)  sort due ↓" ] && ok ":clear drops the filters, keeps the sort" ||
	fail "clear" "$(title cleared.screen)"
last=$(sq "1 ORDER BY e.name_key DESC, c.number DESC" | cut -d" " -f1)
tail -2 "$WORK/end.screen" | head -1 | grep -qF "$last" && ok "G in an enterprise sort reaches its last case" ||
	fail "G with sort" "$(tail -4 "$WORK/end.screen")" "$last"
[ "$(numbers pageup.screen | wc -w)" = 20 ] && ok "PageUp from the end pages back in that order" || fail "PageUp" "$(numbers pageup.screen)"

# The region filter follows an enterprise that moves.
before=$(sqlite3 "$DB" "SELECT count(*) FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE e.region = 'enshi'")
"$GRADUS" --db "$DB" case set HB-2024-EXC-0001 region enshi >/dev/null
printf '%s\n' "<Colon>clear<Enter><Colon>filter region=enshi<Enter>" ":save-screen enshi.screen" "q" >"$WORK/enshi.script"
run "$GRADUS" --db "$DB" --script "$WORK/enshi.script"
head -1 enshi.screen | grep -qF "Cases ($((before + 1)))  region=enshi" && grep -qF "HB-2024-EXC-0001" enshi.screen &&
	ok "an enterprise moved to another region is found by the new region" || fail "region moved" "$(head -4 enshi.screen)"
run "$GRADUS" --db "$DB" verify
expect "and verify still holds (the kept region is derived, not audited)" 0

# In the user's language: values and keys in Chinese, Tab offering the
# Chinese names, the title in Chinese, a filter matching nothing said so.
rm -rf "$XDG_STATE_HOME"
printf '%s\n' "<Colon>filter level=领航级 region=武汉市<Enter>" ":save-screen zh-filter.screen" \
	"<Colon>clear<Enter><Colon>filter level=<Tab><Tab><Enter>" ":save-screen zh-tab.screen" \
	"<Colon>filter 级别=leading state=<Tab><Enter>" ":save-screen zh-state.screen" \
	"<Colon>clear<Enter><Colon>filter level=leading region=huangshi<Enter>" ":save-screen zh-none.screen" \
	"<Colon>clear<Enter><Colon>sort enterprise desc<Enter>/武汉<Enter>" ":save-screen zh-search.screen" "q" >"$WORK/zh.script"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/zh.script"
expect "the Chinese filter script runs to its end" 0
[ "$(title zh-filter.screen)" = "gradus  案件（$(sq "c.level = 'leading' AND e.region = 'wuhan'" | wc -w)）  级别=领航级 地区=武汉市" ] &&
	ok ":filter level=领航级 region=武汉市 filters, and the title says it in Chinese" || fail "zh filter" "$(title zh-filter.screen)"
[ "$(numbers zh-filter.screen)" = "$(sq "c.level = 'leading' AND e.region = 'wuhan' ORDER BY c.number")" ] &&
	ok "and lists exactly those cases" || fail "zh filter rows" "$(numbers zh-filter.screen)"
[ "$(title zh-tab.screen)" = "gradus  案件（$(sq "c.level = 'advanced'" | wc -w)）  级别=先进级" ] &&
	ok "Tab after level= offers the levels' Chinese names, Tab again the next" || fail "zh Tab" "$(title zh-tab.screen)"
title zh-state.screen | grep -qE "级别=领航级 状态=[^ =]+$" && ok "a Chinese key with an English value, and Tab after state=" ||
	fail "zh state" "$(title zh-state.screen)"
grep -qF "没有符合筛选条件的案件" "$WORK/zh-none.screen" && ! grep -qF "gradus init --demo" "$WORK/zh-none.screen" &&
	ok "a filter matching nothing says so, not that there are no cases" || fail "no match" "$(head -5 "$WORK/zh-none.screen")"
[ "$(title zh-search.screen)" = "gradus  案件（$(sq "e.name LIKE '%武汉%'" | wc -w)）  搜索：武汉  排序 企业名称 ↓" ] &&
	ok "the title shows a kept search and the sort in Chinese" || fail "zh search title" "$(title zh-search.screen)"

# Several values beginning alike: Tab completes what they share.
rm -rf "$XDG_STATE_HOME"
printf '%s\n' "<Colon>filter region=hu<Tab>s<Tab><Enter>" ":save-screen shared.screen" "q" >"$WORK/shared.script"
run "$GRADUS" --db "$DB" --script "$WORK/shared.script"
[ "$(title shared.screen)" = "gradus  Cases ($(sq "e.region = 'huangshi'" | wc -w))  region=huangshi" ] &&
	ok "Tab completes what several values share (hu: huang), then the one left" || fail "shared" "$(title shared.screen)"

# States and stages by their Chinese names too; the same filter by keys.
rm -rf "$XDG_STATE_HOME"
printf '%s\n' "<Colon>filter state=已申报 stage=生产作业<Enter>" ":save-screen zh-stage.screen" \
	"<Colon>clear<Enter><Colon>filter state=submitted stage=operations<Enter>" ":save-screen key-stage.screen" "q" >"$WORK/stage.script"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/stage.script"
[ "$(title zh-stage.screen)" = "$(title key-stage.screen)" ] && title zh-stage.screen | grep -qF "状态=已申报 环节=生产作业" &&
	[ "$(numbers zh-stage.screen)" = "$(numbers key-stage.screen)" ] &&
	ok "state=已申报 stage=生产作业 is state=submitted stage=operations" ||
	fail "zh state and stage" "$(title zh-stage.screen)" "$(title key-stage.screen)"

# The state file is written when the user pauses (:idle in a script, half a
# second without a key at the terminal) or leaves, not after each key (the
# key waits for the database and the drawing only): when it cannot be
# written (a file where its folder should be), the list is sorted all the
# same and, at the pause, the status line says the sort was not saved.
rm -rf "$XDG_STATE_HOME"
mkdir -p "$XDG_STATE_HOME" && : >"$XDG_STATE_HOME/gradus"
printf '%s\n' "<Colon>sort enterprise desc<Enter>" ":save-screen sorted-now.screen" ":idle" ":save-screen unsaved.screen" \
	"j" ":save-screen next.screen" "q" >"$WORK/unsaved.script"
run "$GRADUS" --db "$DB" --script "$WORK/unsaved.script"
expect "a state file that cannot be written stops nothing" 0
title sorted-now.screen | grep -qF "sort enterprise ↓" && ! tail -1 "$WORK/sorted-now.screen" | grep -qF "not saved" &&
	ok "the sort is shown at once, before any writing of the state file" ||
	fail "sorted at once" "$(title sorted-now.screen)" "$(tail -1 "$WORK/sorted-now.screen")"
title unsaved.screen | grep -qF "sort enterprise ↓" && tail -1 "$WORK/unsaved.screen" | grep -qF "state.ini: not saved" &&
	ok "a sort the state file cannot keep: at the pause the status line says it was not saved" ||
	fail "unsaved sort" "$(title unsaved.screen)" "$(tail -1 "$WORK/unsaved.screen")"
! tail -1 "$WORK/next.screen" | grep -qF "not saved" && ok "and the message goes with the next key" ||
	fail "unsaved message stays" "$(tail -1 "$WORK/next.screen")"
! printf '%s\n' "$ERR" | grep -qF "not saved" && ok "and, said on the screen, it is not said again on leaving" ||
	fail "said twice" "$ERR"
[ -f "$XDG_STATE_HOME/gradus" ] && [ ! -s "$XDG_STATE_HOME/gradus" ] && ok "and the file in the folder's place is left as it was" ||
	fail "the file in the way changed"
# A sort and q at once: the state file is written as the list closes, and
# what the screen had no time to say is said once the terminal is the
# shell's (a warning: the status stays 0).
printf '%s\n' "<Colon>sort enterprise desc<Enter>" "q" >"$WORK/quit.script"
run "$GRADUS" --db "$DB" --script "$WORK/quit.script"
expect "a sort not kept, then q: gradus ends with status 0 and says why it was not kept" 0 "state.ini: not saved"
