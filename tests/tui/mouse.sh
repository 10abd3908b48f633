# The mouse: a click selects a row and a second click opens it; a click on a
# tab switches to it; a click on a column's header sorts by it; the wheel
# scrolls; a click on the dashboard's bar filters the list.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
printf '%s\n' ":click 20 4" ":save-screen row.screen" ":click 20 4" ":save-screen opened.screen" \
	":click 28 1" ":save-screen tab.screen" "q" ":click 30 1" ":save-screen sorted.screen" ":click 30 1" \
	":save-screen sorted-desc.screen" ":wheel down" ":wheel down" ":wheel down" ":wheel down" ":wheel down" ":wheel down" ":wheel down" ":wheel down" ":save-screen wheel.screen" \
	"d" ":click 5 5" ":click 5 5" ":save-screen bar.screen" "q" >"$WORK/mouse.script"
run "$GRADUS" --db "$DB" --script "$WORK/mouse.script"
expect "the mouse script runs to its end" 0
first=$(sqlite3 "$DB" "SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET 2")
head -1 opened.screen | grep -qF "$first" && ok "a click selects the third row, a second click opens it" ||
	fail "click opens" "$(head -2 opened.screen)"
sed -n 2p tab.screen | grep -qF "[Scenarios]" && ok "a click on a tab switches to it" || fail "click tab" "$(sed -n 2p tab.screen)"
head -1 sorted.screen | grep -qF "sort enterprise ↑" && head -1 sorted-desc.screen | grep -qF "sort enterprise ↓" &&
	ok "a click on a header sorts by it, again the other way" || fail "click header" "$(head -1 sorted.screen)" "$(head -1 sorted-desc.screen)"
top=$(sed -n 3p sorted-desc.screen | cut -c1-16)
[ -n "$top" ] && ! grep -q "^$top" wheel.screen && ok "the wheel scrolls the list" || fail "wheel" "$(head -4 wheel.screen)"
head -1 bar.screen | grep -qF "level=advanced" && ok "two clicks on a dashboard bar filter the list" || fail "dashboard click" "$(head -1 bar.screen)"
