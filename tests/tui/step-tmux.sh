# The step menu and form in real terminals (tmux, 80x24), under zh_CN.UTF-8
# and under zh_CN.GB18030 (through tests/tui/gbterm.py, as gb18030.sh): the
# preconditions under the step, the form, and the timeline's override line
# once an admin takes the step with a reason typed in Chinese are the same
# screen in both, aligned by display cells.
. "$(dirname "$0")/../lib.sh"
need_tmux
locale -a | grep -qi '^zh_CN.gb18030$' || { fail "the zh_CN.GB18030 locale is installed (make deps)"; exit 0; }
DB=$WORK/step.db
"$GRADUS" --db "$DB" case add --enterprise 宜昌领航智造有限公司 --uscc 91420100MA4K12345K --region yichang \
	--level excellent --year 2026 --maturity 3.3 >/dev/null 2>"$WORK/setup.err" || fail "a draft case" "$(cat "$WORK/setup.err")"
cp "$DB" "$WORK/gb.db"

start() { term_start "$1" 80x24 "$2 '$GRADUS' --db '$3' --today $TODAY"; } # session, command prefix, database
screen() { term_screen "$1"; }
shows() { term_shows "$@"; }
keys() { for s in u g; do term_keys $s "$@"; done; }
# Both show the same. Under GB18030, → ↓ ↑ are two cells wide (as a Chinese
# Windows console draws them), where tmux, a UTF-8 terminal, draws one: the
# lines holding them, and the status line a shorter one follows, cannot be
# the same there and are left out of the comparison.
same() {
	screen u | sed '/[→↓↑]/d; $d' >"$WORK/u.now"
	screen g | sed '/[→↓↑]/d; $d' >"$WORK/g.now"
	cmp -s "$WORK/u.now" "$WORK/g.now"
}
both() { # NAME TEXT: both show TEXT, then the same screen
	term_wait u "$2"; term_wait g "$2"
	wait_for "$WAIT" same
	expect_same "$1" "$WORK/u.now" "$WORK/g.now"
	shows g "$2" && ok "$1: GB18030 shows $2" || fail "$1: GB18030 shows $2" "$(screen g)"
	screen u >"$WORK/u.whole"
	expect_width "$1: fits 80 columns" "$WORK/u.whole"
}

start u "env LC_ALL=zh_CN.UTF-8" "$DB"
start g "python3 '$TOP/tests/tui/gbterm.py'" "$WORK/gb.db"
term_wait u "案件（1）"; term_wait g "案件（1）"
keys Enter
term_wait u "[概况]"; term_wait g "[概况]"
keys s
both "the step menu with its preconditions" "  ✗ "
keys Enter
both "the step form with the override reason asked of the admin" "越过理由"
keys G Enter
term_wait u "越过理由"; term_wait g "越过理由"
keys Enter
keys '材料原件在档案室'
keys Enter G Enter y
both "taken: the case screen" "已申报"
keys Tab Tab Tab
both "the timeline's override line" "材料原件在档"
keys Q
expect_exit "GB18030: Q exits with status 0" g 0
run "$GRADUS" --db "$WORK/gb.db" case show HB-2026-EXC-0001 --format json
expect "GB18030: the reason typed is stored as UTF-8" 0 '"override": "材料原件在档案室"'
