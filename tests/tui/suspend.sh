# C-z in a shell with job control: gradus stops and the terminal is the
# shell's again; fg brings the screen back as it was and the keys work;
# a terminal resized while gradus was stopped gets a screen of its new
# size; q ends it with status 0.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)
cd "$WORK" || exit 1
lacks() { ! term_shows "$@"; }
# modes PANE: the terminal modes the program in it has set
modes() { term_tmux display -p -t "$1" 'alternate #{alternate_on} keypad #{keypad_cursor_flag} mouse #{mouse_any_flag}'; }
# same_as PANE FILE: the pane shows what FILE holds
same_as() { term_screen "$1" >"$WORK/now" && cmp -s "$WORK/now" "$2"; }
stopped() { ps -o stat= -p "$PID" | grep -q '^T'; }
GRADUS_LINE="'$GRADUS' --db '$DB' --today $TODAY"

# What the resized screen must look like: a gradus started at that size.
term_start fresh 100x30 "env LC_ALL=C.UTF-8 $GRADUS_LINE"
term_wait fresh "Cases (30)" || fail "a gradus at 100x30 opens" "$(term_screen fresh)"
term_keys fresh j Enter
term_wait fresh "[Overview]" || fail "at 100x30 the second case opens" "$(term_screen fresh)"

term_start sh 80x24 "env LC_ALL=C.UTF-8 PS1='shell\$ ' bash --norc --noprofile -i"
term_wait sh 'shell$' || fail "the shell starts" "$(term_screen sh)"
term_keys sh "$GRADUS_LINE" Enter
term_wait sh "Cases (30)" || fail "the list opens" "$(term_screen sh)"
PID=$(pgrep -P "$(term_pid sh)" | head -1) # gradus, the child of the pane's bash
term_keys sh Enter
term_wait sh "[Overview]" || fail "a case opens" "$(term_screen sh)"
term_wait sh "Help: all keys" || fail "the case screen is drawn whole" "$(term_screen sh)"
term_screen sh >"$WORK/before"
modes sh >"$WORK/modes-before"

term_keys sh C-z
if term_wait sh "Stopped" && wait_for "$WAIT" stopped && lacks sh "[Overview]" && term_screen sh | grep -v '^$' | tail -1 | grep -q '^shell\$'; then
	ok "C-z stops gradus and the shell's prompt is back"
else
	fail "C-z stops gradus and the shell's prompt is back" "$(ps -o stat= -p "$PID")" "$(term_screen sh)"
fi
[ "$(modes sh)" = "alternate 0 keypad 0 mouse 0" ] && ok "the terminal is restored while gradus is stopped" ||
	fail "the terminal is restored while gradus is stopped" "$(modes sh)"

term_keys sh fg Enter
wait_for "$WAIT" same_as sh "$WORK/before" && ok "fg brings the screen back as it was" ||
	fail "fg brings the screen back as it was" "$(diff "$WORK/before" "$WORK/now" | head -10)"
[ "$(modes sh)" = "$(cat "$WORK/modes-before")" ] && ok "fg sets the terminal's modes again (keypad, mouse)" ||
	fail "fg sets the terminal's modes again" "$(cat "$WORK/modes-before")" "$(modes sh)"
term_keys sh Tab
term_wait sh "[Materials]" && ok "keys work after fg: Tab" || fail "keys work after fg: Tab" "$(term_screen sh)"
term_keys sh q
term_wait sh "Cases (30)" && ok "keys work after fg: q goes back to the list" || fail "q goes back to the list" "$(term_screen sh)"
term_keys sh Down Enter
term_wait sh "[Overview]" && ok "keys work after fg: Down, Enter opens the second case" ||
	fail "Down, Enter opens the second case" "$(term_screen sh)"

term_keys sh C-z
wait_for "$WAIT" stopped && term_wait sh "Stopped" || fail "C-z stops gradus again" "$(term_screen sh)"
term_tmux resize-window -t sh -x 100 -y 30
term_keys sh fg Enter
term_screen fresh >"$WORK/fresh"
wait_for "$WAIT" same_as sh "$WORK/fresh" && ok "resized while stopped: after fg the screen is laid out at 100x30" ||
	fail "resized while stopped: the screen fits 100x30" "$(diff "$WORK/fresh" "$WORK/now" | head -12)"

term_keys sh q q
term_wait sh 'shell$' || fail "q, q ends gradus" "$(term_screen sh)"
term_keys sh 'echo EXITED $?' Enter
term_wait sh "EXITED 0" && ok "q ends gradus with status 0" || fail "q ends gradus with status 0" "$(term_screen sh)"
