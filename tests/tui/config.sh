# $XDG_CONFIG_HOME/gradus/config.ini: keys and colours change, the help and
# the status line follow the keymap, a bad line is reported with its file
# and line while the rest applies.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
export XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state"
mkdir -p "$XDG_CONFIG_HOME/gradus"
cat >"$XDG_CONFIG_HOME/gradus/config.ini" <<'INI'
; a clerk's keys
[keys]
open = o Enter
search = ^S
[colours]
cursor = black green
due = magenta default
INI
printf '%s\n' ":save-screen start.screen" "jo" ":save-screen opened.screen" "q<C-s>武汉" ":save-screen search.screen" \
	"<Esc>?" ":save-screen help.screen" "q" "q" >"$WORK/keys.script"
run "$GRADUS" --db "$DB" --script "$WORK/keys.script"
expect "the script with a config runs to its end" 0
second=$(sqlite3 "$DB" "SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET 1")
head -1 opened.screen | grep -qF "$second" && ok "a key set in the config opens the case" || fail "o opens" "$(head -1 opened.screen)"
head -1 search.screen | grep -qF "Cases (4)" && ok "^S searches as the config says" || fail "^S search" "$(head -1 search.screen)"
grep -qE "^ +o Enter +Open" help.screen && grep -qE "^ +\^S +Search" help.screen && ok "the help shows the configured keys" ||
	fail "help" "$(cat help.screen)"
tail -1 start.screen | grep -qF "o Open" && ok "and so does the status line" || fail "hints" "$(tail -1 start.screen)"
! grep -qE "^ +/ +Search" help.screen && ok "setting search to ^S replaces its default /" ||
	fail "old key kept" "$(grep Search help.screen)"

printf '[keys]\nopen = o\nsideways = x\n[colours]\ncursor = pink black\n' >"$XDG_CONFIG_HOME/gradus/config.ini"
printf '%s\n' ":save-screen bad.screen" "jo" ":save-screen bad-open.screen" "q" "q" >"$WORK/bad.script"
run "$GRADUS" --db "$DB" --script "$WORK/bad.script"
expect "a bad config still opens" 0
tail -1 bad.screen | grep -qF "config.ini:3: unknown action 'sideways'" && ok "a bad line is reported with its file and line" ||
	fail "bad line" "$(tail -1 bad.screen)"
head -1 bad-open.screen | grep -qF "$second" && ok "the good lines still apply" || fail "good lines" "$(head -1 bad-open.screen)"
