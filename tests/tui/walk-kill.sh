# Killed at any point, a spot check reopens exactly where it was: the real
# binary in tmux walks a check, is killed with SIGKILL mid-walk, and once
# started again shows every answer given before the kill with the cursor
# on the item it was on.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)
export XDG_STATE_HOME="$WORK/state"
CASE=HB-2024-EXC-0001

START="env LC_ALL=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' '$GRADUS' --db '$WORK/kill.db' --today $TODAY"
open_check() { # from the list: the 7th case, its checks, the first check
	expect_screen "$1: the list opens" s "Cases (30)"
	term_keys s j j j j j j Enter
	expect_screen "$1: the case opens" s "$CASE  "
	term_keys s c
	expect_screen "$1: c lists its checks" s "$CASE-C1"
	term_keys s Enter
	expect_screen "$1: Enter opens the walk" s "HB-2024-EXC-0001-C1  "
}
# matches_all REGEX...: every REGEX matches a row of the screen
matches_all() { local r; for r in "$@"; do term_matches s "$r" || return 1; done; }

cp "$DB" "$WORK/kill.db"
"$GRADUS" --db "$WORK/kill.db" check plan "$CASE" --inspectors "$ME,li.ming" --draw 2 --seed 42 >/dev/null ||
	fail "a check is planned"
term_start s 80x24 "$START"
open_check "before the kill"
expect_soon "the walk starts on scenario 17, item 1" term_matches s '^> 1\* '
# 17: yes, partial, no, n/a, a measure before and after; then 21.1 yes, and
# one down to 21.3.
term_keys s y p n x Enter
expect_screen "a measure asks for its figure before" s "Before (吨二氧化碳当量/万元):"
term_type s '0.95'
term_keys s Enter
expect_screen "then for its figure after" s "After (吨二氧化碳当量/万元):"
term_type s '0.82'
term_keys s Enter Tab y j
expect_soon "the cursor is on 21.3 after 21.1 was answered" \
	matches_all '^> 3\* ' 'Answered 1/5 here, 6/11 in all'
term_screen s >"$WORK/before"

PID=$(term_pid s)
[ -n "$PID" ] && kill -9 "$PID"
expect_exit "gradus is killed with SIGKILL mid-walk" s 137

term_respawn s "$START"
open_check "after the kill"
expect_screen "the walk reopens on scenario 21 of the check" s "Scenario 2 of 2: 21 "
term_screen s >"$WORK/after"
grep '^> ' "$WORK/after" | grep -q '^> 3\* ' && ok "the cursor is where it was: 21.3" ||
	fail "the cursor is where it was: 21.3" "$(cat "$WORK/after")"
sed -n '2,11p' "$WORK/before" >"$WORK/before.items"
sed -n '2,11p' "$WORK/after" >"$WORK/after.items"
expect_same "the screen shows the same answers and progress as before the kill" "$WORK/before.items" "$WORK/after.items"
term_keys s '['
expect_soon "scenario 17 shows every answer given before the kill" \
	matches_all '^. 1\* yes' '^  2\* partial' '^  3\* no' '^  4\* n/a' '^  5\* −14% better'
run "$GRADUS" --db "$WORK/kill.db" check show "$CASE-C1"
for a in "17 1 yes" "17 2 partial" "17 3 no" "17 4 na" "17 5 0.95|0.82" "21 1 yes"; do
	set -- $a
	expect_line "answer $1.$2 is in the database" "$(printf 'answer\t%s\t%s\t%s\t\t%s' "$1" "$2" "$3" "$ME")"
done
term_keys s Q
expect_exit "gradus exits with status 0" s 0
