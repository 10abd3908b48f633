# A dropped ssh session: SIGHUP (or SIGTERM) ends the TUI as q would, the
# terminal restored and status 0; a change made before it is kept.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)

for sig in HUP TERM; do
	term_start "$sig" 80x24 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
	term_wait "$sig" "Cases (30)" || fail "SIG$sig: the list opens" "$(term_screen "$sig")"
	term_keys "$sig" Enter
	term_wait "$sig" "[Overview]" || fail "SIG$sig: a case opens" "$(term_screen "$sig")"
	kill -"$sig" "$(term_pid "$sig")"
	expect_exit "SIG$sig ends gradus with status 0" "$sig" 0
	term_shows "$sig" "[Overview]" && fail "SIG$sig: the terminal is restored" "$(term_screen "$sig")" ||
		ok "SIG$sig: the terminal is restored (the screens are gone)"
done
run "$GRADUS" --db "$DB" verify
expect "the database verifies after the hang-ups" 0 "ok,"
