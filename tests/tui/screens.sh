# Keystroke scripts against the off-screen terminal, screens compared as text.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)

cd "$WORK" || exit 1
run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/list.script"
expect "the list script runs to its end" 0
compare "case list at 80x24 with Chinese names aligned" list-80x24.screen
compare "? shows every key" help.screen
compare "case list redrawn at 60x20" list-60x20.screen
expect_same "and back at 80x24 exactly as before" "$WORK/list-80x24.screen" "$WORK/list-back.screen"
compare "Enter opens the case" case.screen
compare "G goes to the last case" list-end.screen
compare "PageUp from the end" list-pageup.screen
compare "g goes back to the first case" list-home.screen

# Typing a : command covers the window's last row and reads nothing: the
# rows above stay where they were (the window is not read again from the
# cursor's case on every : and Enter).
printf '%s\n' jjjjj ':save-screen colon-before.screen' '<Colon>s' ':save-screen colon-open.screen' '<Esc>' \
	':save-screen colon-closed.screen' q >"$WORK/colon.script"
run "$GRADUS" --db "$DB" --script "$WORK/colon.script"
expect "the : script runs to its end" 0
head -n 21 colon-before.screen >colon-before.rows
head -n 21 colon-open.screen >colon-open.rows
expect_same "typing : keeps the list's rows where they were" colon-before.rows colon-open.rows
expect_same "and Esc leaves the list as it was" colon-before.screen colon-closed.screen
grep -q '^:s' colon-open.screen && ok "the command line shows what is typed" || fail "the command line shows what is typed" "$(tail -3 colon-open.screen)"

mkdir -p zh && cd zh || exit 1
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/list.script"
expect "the list script runs in a zh_CN.UTF-8 locale" 0
compare "the case list in Chinese" zh/list-80x24.screen zh-list-80x24.screen
compare "help in Chinese" zh/help.screen zh-help.screen
compare "a case in Chinese" zh/case.screen zh-case.screen
cd "$WORK" || exit 1

printf '%s\n' "bad<Enter>" ":no-such-command" >"$WORK/bad.script"
run "$GRADUS" --db "$DB" --script "$WORK/bad.script"
expect "an unknown script command is an error naming it" 1 "no-such-command"
printf '<Nope>\n' >"$WORK/bad2.script"
run "$GRADUS" --db "$DB" --script "$WORK/bad2.script"
expect "an unknown key name is an error with file and line" 1 "bad2.script:1: unknown key <Nope>"

# Control characters and escape sequences in data never reach the terminal.
cp "$DB" "$WORK/evil.db"
sqlite3 "$WORK/evil.db" "UPDATE enterprises SET name = char(27) || ']2;pwned' || char(7) || char(27) || '[2J武汉' WHERE name = '黄石东贝压缩机有限公司'"
printf ':save-screen evil.screen\nq\n' >"$WORK/evil.script"
run "$GRADUS" --db "$WORK/evil.db" --script "$WORK/evil.script"
expect "a list with escape sequences in a name opens" 0
grep -qF '␛]2;pwned␇␛[2J武汉' "$WORK/evil.screen" && ok "escape sequences are drawn as visible placeholders" || fail "escape sequences are drawn as visible placeholders" "$(sed -n 3p "$WORK/evil.screen")"
LC_ALL=C grep -q "$(printf '\033')" "$WORK/evil.screen" && fail "no ESC byte reaches the screen" || ok "no ESC byte reaches the screen"
