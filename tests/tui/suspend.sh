# C-z in a shell with job control: gradus stops and the terminal is the
# shell's again; fg brings the screen back as it was and the keys work;
# a terminal resized while gradus was stopped gets a screen of its new
# size; q ends it with status 0.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$(demo_db)
SOCKET=gradus-tstp-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color
cd "$WORK" || exit 1
screen() { $T capture-pane -p -t "$1"; }
shows() { screen "$1" | grep -qF -- "$2"; }
lacks() { ! shows "$@"; }
# modes PANE: the terminal modes the program in it has set
modes() { $T display -p -t "$1" 'alternate #{alternate_on} keypad #{keypad_cursor_flag} mouse #{mouse_any_flag}'; }
# same_as PANE FILE: the pane shows what FILE holds
same_as() { screen "$1" >"$WORK/now" && cmp -s "$WORK/now" "$2"; }
stopped() { ps -o stat= -p "$PID" | grep -q '^T'; }
GRADUS_LINE="'$GRADUS' --db '$DB' --today $TODAY"

# What the resized screen must look like: a gradus started at that size.
$T -f /dev/null new-session -d -s fresh -x 100 -y 30 "env LC_ALL=C.UTF-8 $GRADUS_LINE"
wait_for 10 shows fresh "Cases (30)" || fail "a gradus at 100x30 opens" "$(screen fresh)"
$T send-keys -t fresh j Enter
wait_for 5 shows fresh "[Overview]" || fail "at 100x30 the second case opens" "$(screen fresh)"

$T -f /dev/null new-session -d -s sh -x 80 -y 24 "env LC_ALL=C.UTF-8 PS1='shell\$ ' bash --norc --noprofile -i"
wait_for 10 shows sh 'shell$' || fail "the shell starts" "$(screen sh)"
$T send-keys -t sh "$GRADUS_LINE" Enter
wait_for 10 shows sh "Cases (30)" || fail "the list opens" "$(screen sh)"
PID=$(pgrep -P "$($T display -p -t sh '#{pane_pid}')" | head -1)
$T send-keys -t sh Enter
wait_for 5 shows sh "[Overview]" || fail "a case opens" "$(screen sh)"
wait_for 5 shows sh "Help: all keys" || fail "the case screen is drawn whole" "$(screen sh)"
screen sh >"$WORK/before"
modes sh >"$WORK/modes-before"

$T send-keys -t sh C-z
if wait_for 5 shows sh "Stopped" && wait_for 5 stopped && lacks sh "[Overview]" && screen sh | grep -v '^$' | tail -1 | grep -q '^shell\$'; then
	ok "C-z stops gradus and the shell's prompt is back"
else
	fail "C-z stops gradus and the shell's prompt is back" "$(ps -o stat= -p "$PID")" "$(screen sh)"
fi
[ "$(modes sh)" = "alternate 0 keypad 0 mouse 0" ] && ok "the terminal is restored while gradus is stopped" ||
	fail "the terminal is restored while gradus is stopped" "$(modes sh)"

$T send-keys -t sh fg Enter
wait_for 5 same_as sh "$WORK/before" && ok "fg brings the screen back as it was" ||
	fail "fg brings the screen back as it was" "$(diff "$WORK/before" "$WORK/now" | head -10)"
[ "$(modes sh)" = "$(cat "$WORK/modes-before")" ] && ok "fg sets the terminal's modes again (keypad, mouse)" ||
	fail "fg sets the terminal's modes again" "$(cat "$WORK/modes-before")" "$(modes sh)"
$T send-keys -t sh Tab
wait_for 5 shows sh "[Materials]" && ok "keys work after fg: Tab" || fail "keys work after fg: Tab" "$(screen sh)"
$T send-keys -t sh q
wait_for 5 shows sh "Cases (30)" && ok "keys work after fg: q goes back to the list" || fail "q goes back to the list" "$(screen sh)"
$T send-keys -t sh Down Enter
wait_for 5 shows sh "[Overview]" && ok "keys work after fg: Down, Enter opens the second case" ||
	fail "Down, Enter opens the second case" "$(screen sh)"

$T send-keys -t sh C-z
wait_for 5 stopped && wait_for 5 shows sh "Stopped" || fail "C-z stops gradus again" "$(screen sh)"
$T resize-window -t sh -x 100 -y 30
$T send-keys -t sh fg Enter
screen fresh >"$WORK/fresh"
wait_for 5 same_as sh "$WORK/fresh" && ok "resized while stopped: after fg the screen is laid out at 100x30" ||
	fail "resized while stopped: the screen fits 100x30" "$(diff "$WORK/fresh" "$WORK/now" | head -12)"

$T send-keys -t sh q q
wait_for 5 shows sh 'shell$' || fail "q, q ends gradus" "$(screen sh)"
$T send-keys -t sh 'echo EXITED $?' Enter
wait_for 5 shows sh "EXITED 0" && ok "q ends gradus with status 0" || fail "q ends gradus with status 0" "$(screen sh)"
