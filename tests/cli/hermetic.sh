# The tests are hermetic: run with HOME and the XDG folders pointing at a
# hostile home (a config.ini that moves keys and colours, a state.ini with a
# sort and a filter), representative TUI tests still pass, and the hostile
# files are left exactly as they were.
. "$(dirname "$0")/../lib.sh"
HOSTILE=$WORK/hostile
mkdir -p "$HOSTILE/config/gradus" "$HOSTILE/state/gradus" "$HOSTILE/home/.config/gradus" \
	"$HOSTILE/home/.local/state/gradus"
for dir in "$HOSTILE/config/gradus" "$HOSTILE/home/.config/gradus"; do
	printf '[keys]\nopen = o\ndown = x\nquit = Q\nhelp = F1\n[colours]\ncursor = red yellow\n' >"$dir/config.ini"
done
for dir in "$HOSTILE/state/gradus" "$HOSTILE/home/.local/state/gradus"; do
	printf '[list]\nsort = enterprise desc\nfilter = level=excellent region=wuhan\n' >"$dir/state.ini"
done
sums() { find "$HOSTILE" -type f | sort | xargs sha256sum; find "$HOSTILE" | sort; }
BEFORE=$(sums)
in_home() {
	env HOME="$HOSTILE/home" XDG_CONFIG_HOME="$HOSTILE/config" XDG_STATE_HOME="$HOSTILE/state" \
		XDG_DATA_HOME="$HOSTILE/data" XDG_CACHE_HOME="$HOSTILE/cache" XDG_RUNTIME_DIR="$HOSTILE/run" "$@"
}
hostile() {
	in_home env GRADUS_FORMS="$HOSTILE/no-such-forms" GRADUS_TIMING="$HOSTILE/timing.log" GRADUS_GROUP=nogroup \
		GRADUS_TODAY=1999-01-01 LANGUAGE=fr TZ=Asia/Shanghai LINES=7 COLUMNS=33 TMUX=/nowhere,1,0 "$@"
}

# The hostile home really is hostile: gradus itself, run in it, takes its
# keys and its filter.
DB=$(demo_db)
printf '%s\n' ':save-screen hostile.screen' o ':save-screen opened.screen' Q Q >"$WORK/look.script"
(cd "$WORK" && in_home "$GRADUS" --db "$DB" --script "$WORK/look.script" >/dev/null 2>&1)
head -1 "$WORK/hostile.screen" 2>/dev/null | grep -qF "level=excellent region=wuhan sort enterprise" &&
	ok "the hostile state.ini filters and sorts the list of a gradus run in it" ||
	fail "hostile state" "$(head -1 "$WORK/hostile.screen" 2>/dev/null)"
{ [ ! -f "$WORK/opened.screen" ] || head -1 "$WORK/opened.screen" | grep -q "Cases ("; } && fail "hostile keys" "o did not open the case" \
	"$(head -1 "$WORK/opened.screen" 2>/dev/null)" || ok "and its config.ini opens a case with o"
# put the hostile files back as they were before gradus ran in them
rm -rf "$HOSTILE/data" "$HOSTILE/run" "$HOSTILE/cache" "$HOSTILE/timing.log"
for dir in "$HOSTILE/state/gradus" "$HOSTILE/home/.local/state/gradus"; do
	printf '[list]\nsort = enterprise desc\nfilter = level=excellent region=wuhan\n' >"$dir/state.ini"
done
rm -f "$HOSTILE"/state/gradus/*.tmp* "$HOSTILE"/home/.local/state/gradus/*.tmp*
BEFORE=$(sums)

for t in tui/filters.sh tui/screens.sh tui/config.sh cli/panels.sh; do
	hostile sh "$TOP/tests/$t" >"$WORK/sub.log" 2>&1
	rc=$?
	passed=$(grep -c '^ok - ' "$WORK/sub.log")
	failed=$(grep -c '^not ok - ' "$WORK/sub.log")
	if [ "$rc" = 0 ] && [ "$failed" = 0 ] && [ "$passed" -gt 0 ]; then
		ok "tests/$t passes in a hostile home ($passed checks)"
	else
		fail "tests/$t in a hostile home" "exit $rc, $failed failed" "$(grep -A3 '^not ok' "$WORK/sub.log" | head -12)"
	fi
done
[ "$(sums)" = "$BEFORE" ] && ok "the hostile home's files are unchanged" || fail "hostile files changed" \
	"$(printf '%s\n' "$BEFORE" >"$WORK/before"; sums | diff "$WORK/before" - | head -10)"

# What a killed gradus leaves of libfaketime does not stop the next gradus of
# the same pid: tests/gradus-at removes the objects that bear its own pid. A
# process killed while exiting can leave the shared memory without its
# semaphore, and libfaketime then exits 1 before gradus starts ("shm_open
# failed: File exists"): this failed a write at random in full runs.
if has_clock; then
	for left in "faketime_shm_" "faketime_shm_ sem.faketime_sem_"; do
		run sh -c 'for name in $1; do : >"/dev/shm/$name$$"; done; exec "$2" --version' sh "$left" "$GRADUS"
		expect "gradus starts where a killed one left /dev/shm/{$left}PID" 0 "gradus "
	done
fi
