# The list's sort and filters are kept in the state file when the user
# pauses or leaves, not after every key: keys pressed one after another
# wait for the database and the drawing only (a file made and renamed after
# each sort left the next key twice the work: the kernel's file work and
# the threads it wakes took the processor's caches), and a burst of sorts
# and filters writes the file once. Counted with a preloaded rename() (the
# state file is written beside and renamed over): 40 sorts in a script;
# then in a real terminal, a sort kept at a pause with gradus still open,
# and one kept through a hang-up that came before any pause.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
STATE=$XDG_STATE_HOME/gradus/state.ini
preload_build countrenames "$HERE/countrenames.c" || { fail "the rename counter builds" "$(cat "$WORK/cc.err")"; exit 0; }
count_renames() { preload_count countrenames "$DB" "$1"; } # SCRIPT: the state file's renames during it
: >sorts.script
i=0
while [ $i -lt 20 ]; do
	printf '%s\n' "<Colon>sort region<Enter>" "<PageDown>" "<Colon>sort enterprise desc<Enter>" >>sorts.script
	i=$((i + 1))
done
printf 'q\n' >>sorts.script
renames=$(count_renames sorts.script)
[ "$renames" = 1 ] && ok "40 sorts one after another: the state file written once, as the list closes" ||
	fail "one write of the state file" "renames: '$renames'"
grep -qx "sort = enterprise desc" "$STATE" && ok "and it holds the last sort" || fail "the last sort kept" "$(cat "$STATE")"
printf '%s\n' "<Colon>sort year<Enter>" ":idle" "<Colon>filter level=basic<Enter>" "<Colon>clear<Enter>" ":idle" "q" >idle.script
renames=$(count_renames idle.script)
[ "$renames" = 2 ] && ok "a script's :idle is a pause: written at each, not again on q" ||
	fail "written at each pause" "renames: '$renames'"

need_tmux
rm -f "$STATE"
term_start pause 80x24 "env LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' '$GRADUS' --db '$DB' --today $TODAY"
term_wait pause "Cases (30)" || fail "the list opens" "$(term_screen pause)"
term_type pause ":sort region"
term_keys pause Enter
expect_soon "a sort at the terminal: kept in the state file at the pause, gradus still open" \
	grep -qx "sort = region asc" "$STATE"
term_shows pause "sort region" && ok "and the list shows it" || fail "sorted list" "$(term_screen pause)"
term_keys pause q
expect_exit "q ends gradus with status 0" pause 0

term_start hup 80x24 "env LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' '$GRADUS' --db '$DB' --today $TODAY"
term_wait hup "Cases (30)" || fail "the list opens again" "$(term_screen hup)"
term_type hup ":sort level desc"
term_keys hup Enter
term_wait hup "sort level" || fail "sorted by level" "$(term_screen hup)"
kill -HUP "$(term_pid hup)"
expect_exit "a hang-up right after a sort ends gradus with status 0" hup 0
grep -qx "sort = level desc" "$STATE" && ok "and the sort is kept for the next start" || fail "kept through the hang-up" "$(cat "$STATE")"
