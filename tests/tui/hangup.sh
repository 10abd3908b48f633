# A dropped ssh session: SIGHUP (or SIGTERM) ends the TUI as q would, the
# terminal restored and status 0; a change made before it is kept.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$(demo_db)
SOCKET=gradus-hup-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color
screen() { $T capture-pane -p -t "$1"; }
shows() { screen "$1" | grep -qF -- "$2"; }

for sig in HUP TERM; do
	$T -f /dev/null new-session -d -s "$sig" -x 80 -y 24 \
		"env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
	wait_for 10 shows "$sig" "Cases (30)" || fail "SIG$sig: the list opens" "$(screen "$sig")"
	$T send-keys -t "$sig" Enter
	wait_for 5 shows "$sig" "[Overview]" || fail "SIG$sig: a case opens" "$(screen "$sig")"
	pid=$(pgrep -P "$($T display -p -t "$sig" '#{pane_pid}')" | head -1)
	kill -"$sig" "$pid"
	wait_for 5 shows "$sig" "EXITED 0" && ok "SIG$sig ends gradus with status 0" || fail "SIG$sig: exit" "$(screen "$sig")"
	shows "$sig" "[Overview]" && fail "SIG$sig: the terminal is restored" "$(screen "$sig")" ||
		ok "SIG$sig: the terminal is restored (the screens are gone)"
done
run "$GRADUS" --db "$DB" verify
expect "the database verifies after the hang-ups" 0 "ok,"
