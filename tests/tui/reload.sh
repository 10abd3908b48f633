# ^R (or F5) reads the screen again: a clerk keeps the list open while
# another adds a case and changes one; the list, the case and the
# dashboard and the agenda show it after ^R, where the cursor was. A screen
# that is not read again in place says so.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" --today "$TODAY" "$@"; }
before=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
after=$((before + 1))

term_start r 100x30 "env LC_ALL=zh_CN.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
term_wait r "案件（$before）" || fail "the list opens" "$(term_screen r)"
term_keys r j
G case add --enterprise '潜江虾稻智能加工有限公司' --uscc "$(uscc_of 9)" --region qianjiang --level basic \
	--year 2026 --scenarios 1 >/dev/null 2>"$WORK/setup.err" || fail "another clerk adds a case" "$(cat "$WORK/setup.err")"
term_shows r "案件（$before）" && ok "the open list does not change by itself" || fail "list changed" "$(term_screen r)"
term_keys r C-r
expect_screen "^R reads the list again: the new case is counted" r "案件（$after）"
expect_screen "and the status line says so" r "已从数据库重新读取。"

# The case screen, opened where the cursor stayed (the second row): another
# clerk's change to the case shows after F5.
second=$(sqlite3 "$DB" "SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET 1")
term_keys r Enter
expect_screen "the cursor stayed on its row through ^R" r "$second"
G case set "$second" note '专家组建议复核第十二项' >/dev/null 2>"$WORK/setup.err" || fail "another clerk edits the case's note" "$(cat "$WORK/setup.err")"
term_shows r "专家组建议复核第十二项" && fail "the case changed by itself" || ok "the open case does not change by itself"
term_keys r F5
expect_screen "F5 reads the case again" r "专家组建议复核第十二项"
term_keys r q

# The dashboard counts the new case after ^R.
term_keys r d
term_wait r "概览图表" || fail "the dashboard opens" "$(term_screen r)"
G case add --enterprise '仙桃无纺布智造有限公司' --uscc "$(uscc_of 10)" --region xiantao --level basic \
	--year 2026 --scenarios 2 >/dev/null 2>"$WORK/setup.err" || fail "a third case" "$(cat "$WORK/setup.err")"
term_keys r C-r
expect_screen "^R reads the dashboard again" r "已从数据库重新读取。"
term_keys r q

# The agenda is read again too; the help screen, read from no database, says
# how to see others' changes on a screen that is not read again in place.
term_keys r a
term_wait r "到期事项（" || fail "the agenda opens" "$(term_screen r)"
term_keys r C-r
expect_screen "^R reads the agenda again" r "已从数据库重新读取。"
term_keys r '?'
term_wait r "^R" || fail "the help opens" "$(term_screen r)"
term_keys r F5
expect_screen "F5 on a screen not read again in place says what to do" r "此屏幕打开期间不重新读取：请关闭后重新打开。"
term_keys r Q
expect_exit "Q quits" r 0
