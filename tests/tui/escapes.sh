# Terminal safety: names holding an OSC title sequence, a clear-screen
# sequence and a bidirectional override, and a note with invalid UTF-8, are
# shown as visible placeholders in a real terminal (tmux); the terminal's
# title is unchanged and the screen is not cleared.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$WORK/escapes.db
two_cases_db "$DB"
# gradus refuses control characters and invalid UTF-8 (an older one stored
# them), so they are put there directly
sqlite3 "$DB" "UPDATE cases SET note = CAST(X'4e6f7465fffe1b5b324a656e64' AS TEXT) WHERE number = 'HB-2026-BAS-0001';
	UPDATE enterprises SET name = 'Alpha' || char(27) || ']2;pwned' || char(7) || 'Co' WHERE name = 'AlphaCo';
	UPDATE enterprises SET name = 'Beta' || char(27) || '[2JCo' || char(8238) || 'RTL' WHERE name = 'BetaCo'"

screen() { term_screen s; }
shows() { term_shows s "$1"; }
title() { term_tmux display -p -t "$1" '#{pane_title}'; }

term_start s 100x24 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
term_tmux select-pane -t s -T before-gradus
expect_screen "the list opens" s "Cases (2)"
expect_screen "ESC and BEL in a name are shown as ␛ and ␇" s "Alpha␛]2;pwned␇Co"
shows "Beta␛[2JCo�RTL" && ok "a clear-screen sequence and U+202E are shown as placeholders" ||
	fail "a clear-screen sequence and U+202E are shown as placeholders" "$(screen)"
[ "$(title s)" = before-gradus ] && ok "the terminal's title is unchanged" || fail "the terminal's title is unchanged" "title: $(title s)"
shows "Cases (2)" && ok "the screen is not cleared by the data" || fail "the screen is not cleared" "$(screen)"
screen | grep -q 'pwned.*Co' && ! screen | grep -q "$(printf '\033')" && ok "no raw escape reaches the screen" ||
	fail "no raw escape reaches the screen" "$(screen | cat -v)"

term_keys s Enter
expect_screen "the case opens" s "HB-2026-BAS-0001  "
expect_screen "invalid UTF-8 and an escape in a note are placeholders" s "Note��␛[2Jend"
[ "$(title s)" = before-gradus ] && ok "the title is still unchanged" || fail "the title is still unchanged" "title: $(title s)"
term_keys s Q
expect_exit "gradus exits with status 0" s 0

# The commands too: what they print to a terminal is guarded the same way;
# to a pipe or a file control characters are placeholders too (a listing
# saved and read later with cat must not retitle the terminal), and
# bidirectional controls are kept (they are text to a script).
# the command waits for Enter, so that the title is set before it runs
term_start c 100x24 "read go; env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' case list"
term_tmux select-pane -t c -T before-cli
term_keys c Enter
cscreen() { term_screen c; }
wait_for "$WAIT" term_exited c 0 || fail "case list in a terminal" "$(cscreen)"
cscreen | grep -qF "Alpha␛]2;pwned␇Co" && ok "case list in a terminal shows ESC and BEL as placeholders" ||
	fail "case list placeholders" "$(cscreen)"
cscreen | grep -qF "Beta␛[2JCo" && ok "and the clear-screen sequence" || fail "case list clear-screen" "$(cscreen)"
[ "$(title c)" = before-cli ] && ok "case list leaves the terminal's title alone" ||
	fail "title after case list" "$(title c)"
"$GRADUS" --db "$DB" case list >"$WORK/piped.tsv"
grep -qF "Alpha␛]2;pwned␇Co" "$WORK/piped.tsv" && ! grep -q "$(printf '\033')" "$WORK/piped.tsv" &&
	ok "to a pipe ESC and BEL are placeholders too" || fail "pipe output" "$(cat -v "$WORK/piped.tsv")"
grep -qF "$(printf 'Co\342\200\256RTL')" "$WORK/piped.tsv" && ok "and a bidirectional control is kept" ||
	fail "bidi in pipe output" "$(cat -v "$WORK/piped.tsv")"
