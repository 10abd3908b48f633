# The TUI in a zh_CN.GB18030 locale, as on a Chinese Windows terminal: in
# tmux through tests/tui/gbterm.py, which runs gradus on a pty in that
# locale and converts its GB18030 bytes to UTF-8 for tmux (and typed text
# back), like luit. The screens must be those of zh_CN.UTF-8, characters
# outside the BMP (4-byte GB18030) included, and a typed Chinese search works.
. "$(dirname "$0")/../lib.sh"
need_tmux
locale -a | grep -qi '^zh_CN.gb18030$' || { fail "the zh_CN.GB18030 locale is installed (make deps)"; exit 0; }
DB=$(demo_db)
"$GRADUS" --db "$DB" case add --enterprise '武汉𠮷祥𪚥智造有限公司' --uscc 91420100MA4K12345K --region wuhan \
	--level basic --year 2026 --scenarios 1 >/dev/null 2>"$WORK/setup.err" || fail "a case with characters outside the BMP" "$(cat "$WORK/setup.err")"

start() { term_start "$1" 80x24 "$2 '$GRADUS' --db '$DB' --today $TODAY"; } # session, command prefix
screen() { term_screen "$1"; }
shows() { term_shows "$@"; }
# Both terminals show the same (… under UTF-8 is ~ under GB18030, where it
# is two cells wide): what the tests wait for before comparing.
same() { screen u | sed 's/…/~/g' >"$WORK/u.now"; screen g >"$WORK/g.now"; cmp -s "$WORK/u.now" "$WORK/g.now"; }
searching() { screen "$1" | grep -q '^/ '; }

start u "env LC_ALL=zh_CN.UTF-8"
start g "python3 '$TOP/tests/tui/gbterm.py'"
term_wait u "案件（31）" || fail "the UTF-8 list opens" "$(screen u)"
expect_screen "GB18030: the list opens in Chinese" g "案件（31）"
wait_for "$WAIT" same
# A cut name ends in … under UTF-8, in ~ under GB18030 (where … is two cells wide).
screen u | sed 's/…/~/g' >"$WORK/utf8.screen"
screen g >"$WORK/gb.screen"
expect_same "GB18030: the list is the same as under UTF-8, aligned by display cells" "$WORK/utf8.screen" "$WORK/gb.screen"
grep -q "黄石东贝压缩机" "$WORK/gb.screen" && ok "GB18030: Chinese names are shown" || fail "GB18030: names" "$(cat "$WORK/gb.screen")"

keys() { for s in u g; do term_keys $s "$@"; done; }
keys '/'
wait_for "$WAIT" searching u; wait_for "$WAIT" searching g
keys '𠮷祥'
expect_screen "GB18030: a typed Chinese search (with a 4-byte character) finds the case" g "找到 1 个"
term_wait u "找到 1 个"
wait_for "$WAIT" same
screen u >"$WORK/utf8-search.screen"
screen g >"$WORK/gb-search.screen"
expect_same "GB18030: the search screen is the same as under UTF-8" "$WORK/utf8-search.screen" "$WORK/gb-search.screen"
grep -q "武汉𠮷祥𪚥智造" "$WORK/gb-search.screen" && ok "GB18030: characters outside the BMP are shown" ||
	fail "GB18030: 𠮷 and 𪚥" "$(cat "$WORK/gb-search.screen")"
keys Enter
wait_for "$WAIT" eval '! searching u && ! searching g'
keys Enter
expect_screen "GB18030: the case opens" g "[概况]"
term_wait u "[概况]"; wait_for "$WAIT" same
screen u >"$WORK/utf8-case.screen"
screen g >"$WORK/gb-case.screen"
expect_same "GB18030: the case screen is the same as under UTF-8" "$WORK/utf8-case.screen" "$WORK/gb-case.screen"

# The agenda, read a page at a time, the same in both: at its first page and
# after G (its last), the cursor row included. Not its last line: its key
# hints hold ↓ and ↑, which the GB18030 locale counts two cells wide and
# tmux draws in one, so the line's end is left behind there (a known
# difference of this harness, noted in issue 18's session 19 note).
body() { screen "$1" | sed 's/…/~/g' | sed '$d'; }
body_same() { [ "$(body u)" = "$(body g)" ]; }
keys q
keys a
expect_screen "GB18030: the agenda opens" g "到期事项"
term_wait u "到期事项"
wait_for "$WAIT" body_same
body u >"$WORK/utf8-agenda.screen"
body g >"$WORK/gb-agenda.screen"
expect_same "GB18030: the agenda is the same as under UTF-8" "$WORK/utf8-agenda.screen" "$WORK/gb-agenda.screen"
keys G
moved() { ! body "$1" | cmp -s "$WORK/$2-agenda.screen" -; }
wait_for "$WAIT" moved u utf8; wait_for "$WAIT" moved g gb; wait_for "$WAIT" body_same
body u >"$WORK/utf8-agenda-end.screen"
body g >"$WORK/gb-agenda-end.screen"
expect_same "GB18030: its last page after G is the same too" "$WORK/utf8-agenda-end.screen" "$WORK/gb-agenda-end.screen"
grep -q '^>' "$WORK/gb-agenda-end.screen" && ok "GB18030: the cursor is on the agenda's last page" ||
	fail "GB18030: cursor after G" "$(cat "$WORK/gb-agenda-end.screen")"
term_keys g Q
expect_exit "GB18030: Q exits with status 0" g 0
