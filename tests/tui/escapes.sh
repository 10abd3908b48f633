# Terminal safety: names holding an OSC title sequence, a clear-screen
# sequence and a bidirectional override, and a note with invalid UTF-8, are
# shown as visible placeholders in a real terminal (tmux); the terminal's
# title is unchanged and the screen is not cleared.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$WORK/escapes.db
SOCKET=gradus-escapes-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color
"$GRADUS" --db "$DB" init >/dev/null

printf 'enterprise,uscc,region,level,year,note\nAlphaCo,91420200MA0DX6QEY5,huangshi,basic,2026,plain\nBetaCo,91420300MA9H9ETGN0,xianning,basic,2026,plain\n' \
	>"$WORK/escapes.csv"
run "$GRADUS" --db "$DB" import cases "$WORK/escapes.csv"
expect "two cases import" 0 "cases: 2 new"
# gradus refuses control characters and invalid UTF-8 (an older one stored
# them), so they are put there directly
sqlite3 "$DB" "UPDATE cases SET note = CAST(X'4e6f7465fffe1b5b324a656e64' AS TEXT) WHERE number = 'HB-2026-BAS-0001';
	UPDATE enterprises SET name = 'Alpha' || char(27) || ']2;pwned' || char(7) || 'Co' WHERE name = 'AlphaCo';
	UPDATE enterprises SET name = 'Beta' || char(27) || '[2JCo' || char(8238) || 'RTL' WHERE name = 'BetaCo'"

screen() { $T capture-pane -p -t s; }
shows() { screen | grep -qF -- "$1"; }
title() { $T display -p -t s '#{pane_title}'; }

$T -f /dev/null new-session -d -s s -x 100 -y 24 \
	"env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
$T select-pane -t s -T before-gradus
wait_for 10 shows "Cases (2)" && ok "the list opens" || fail "the list opens" "$(screen)"
wait_for 5 shows "Alpha␛]2;pwned␇Co" && ok "ESC and BEL in a name are shown as ␛ and ␇" ||
	fail "ESC and BEL in a name are shown as ␛ and ␇" "$(screen)"
shows "Beta␛[2JCo�RTL" && ok "a clear-screen sequence and U+202E are shown as placeholders" ||
	fail "a clear-screen sequence and U+202E are shown as placeholders" "$(screen)"
[ "$(title)" = before-gradus ] && ok "the terminal's title is unchanged" || fail "the terminal's title is unchanged" "title: $(title)"
shows "Cases (2)" && ok "the screen is not cleared by the data" || fail "the screen is not cleared" "$(screen)"
screen | grep -q 'pwned.*Co' && ! screen | grep -q "$(printf '\033')" && ok "no raw escape reaches the screen" ||
	fail "no raw escape reaches the screen" "$(screen | cat -v)"

$T send-keys -t s Enter
wait_for 5 shows "HB-2026-BAS-0001  " && ok "the case opens" || fail "the case opens" "$(screen)"
wait_for 5 shows "Note��␛[2Jend" && ok "invalid UTF-8 and an escape in a note are placeholders" ||
	fail "invalid UTF-8 and an escape in a note are placeholders" "$(screen)"
[ "$(title)" = before-gradus ] && ok "the title is still unchanged" || fail "the title is still unchanged" "title: $(title)"
$T send-keys -t s Q
wait_for 5 shows "EXITED 0" && ok "gradus exits with status 0" || fail "gradus exits with status 0" "$(screen)"

# The commands too: what they print to a terminal is guarded the same way;
# to a pipe or a file control characters are placeholders too (a listing
# saved and read later with cat must not retitle the terminal), and
# bidirectional controls are kept (they are text to a script).
$T new-session -d -s c -x 100 -y 24 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' case list; echo CLI-EXITED \$?; sleep 30"
$T select-pane -t c -T before-cli
cscreen() { $T capture-pane -p -t c; }
wait_for 5 sh -c "$T capture-pane -p -t c | grep -q CLI-EXITED" || fail "case list in a terminal" "$(cscreen)"
cscreen | grep -qF "Alpha␛]2;pwned␇Co" && ok "case list in a terminal shows ESC and BEL as placeholders" ||
	fail "case list placeholders" "$(cscreen)"
cscreen | grep -qF "Beta␛[2JCo" && ok "and the clear-screen sequence" || fail "case list clear-screen" "$(cscreen)"
[ "$($T display -p -t c '#{pane_title}')" = before-cli ] && ok "case list leaves the terminal's title alone" ||
	fail "title after case list" "$($T display -p -t c '#{pane_title}')"
"$GRADUS" --db "$DB" case list >"$WORK/piped.tsv"
grep -qF "Alpha␛]2;pwned␇Co" "$WORK/piped.tsv" && ! grep -q "$(printf '\033')" "$WORK/piped.tsv" &&
	ok "to a pipe ESC and BEL are placeholders too" || fail "pipe output" "$(cat -v "$WORK/piped.tsv")"
grep -qF "$(printf 'Co\342\200\256RTL')" "$WORK/piped.tsv" && ok "and a bidirectional control is kept" ||
	fail "bidi in pipe output" "$(cat -v "$WORK/piped.tsv")"
