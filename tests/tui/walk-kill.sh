# Killed at any point, a spot check reopens exactly where it was: the real
# binary in tmux walks a check, is killed with SIGKILL mid-walk, and once
# started again shows every answer given before the kill with the cursor
# on the item it was on.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$(demo_db)
SOCKET=gradus-walk-kill-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color XDG_STATE_HOME="$WORK/state"
CASE=HB-2024-EXC-0001
ME=$(id -un)

screen() { $T capture-pane -p -t s; }
shows() { screen | grep -qF -- "$1"; }
check() { # NAME CMD...: ok when CMD succeeds within 10 seconds
	local name=$1; shift
	if wait_for 10 "$@"; then ok "$name"; else fail "$name" "$(screen)"; fi
}
START="env LC_ALL=C.UTF-8 HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' '$GRADUS' --db '$WORK/kill.db' --today $TODAY; echo EXITED \$?; sleep 30"
open_check() { # from the list: the 7th case, its checks, the first check
	check "$1: the list opens" shows "Cases (30)"
	$T send-keys -t s j j j j j j Enter
	check "$1: the case opens" shows "$CASE  "
	$T send-keys -t s c
	check "$1: c lists its checks" shows "$CASE-C1"
	$T send-keys -t s Enter
	check "$1: Enter opens the walk" shows "HB-2024-EXC-0001-C1  "
}

cp "$DB" "$WORK/kill.db"
"$GRADUS" --db "$WORK/kill.db" check plan "$CASE" --inspectors "$ME,li.ming" --draw 2 --seed 42 >/dev/null ||
	fail "a check is planned"
$T -f /dev/null new-session -d -s s -x 80 -y 24 "$START"
open_check "before the kill"
check "the walk starts on scenario 17, item 1" sh -c "$T capture-pane -p -t s | grep -q '^> 1\\* '"
# 17: yes, partial, no, n/a, a measure before and after; then 21.1 yes, and
# one down to 21.3.
$T send-keys -t s y p n x Enter
check "a measure asks for its figure before" shows "Before (吨二氧化碳当量/万元):"
$T send-keys -t s -l '0.95'
$T send-keys -t s Enter
check "then for its figure after" shows "After (吨二氧化碳当量/万元):"
$T send-keys -t s -l '0.82'
$T send-keys -t s Enter Tab y j
check "the cursor is on 21.3 after 21.1 was answered" sh -c \
	"$T capture-pane -p -t s | grep -q '^> 3\\* ' && $T capture-pane -p -t s | grep -q 'Answered 1/5 here, 6/11 in all'"
screen >"$WORK/before"

PANE=$($T display -p -t s '#{pane_pid}')
PID=$(cat "/proc/$PANE/task/$PANE/children" 2>/dev/null || ps -o pid= --ppid "$PANE")
PID=$(echo $PID)
[ -n "$PID" ] && kill -9 "$PID"
check "gradus is killed with SIGKILL mid-walk" sh -c "$T capture-pane -p -t s | tr -d '\\n' | grep -Eq 'EXITED ?137'"

$T respawn-pane -k -t s "$START"
open_check "after the kill"
check "the walk reopens on scenario 21 of the check" shows "Scenario 2 of 2: 21 "
screen >"$WORK/after"
grep '^> ' "$WORK/after" | grep -q '^> 3\* ' && ok "the cursor is where it was: 21.3" ||
	fail "the cursor is where it was: 21.3" "$(cat "$WORK/after")"
sed -n '2,11p' "$WORK/before" >"$WORK/before.items"
sed -n '2,11p' "$WORK/after" >"$WORK/after.items"
expect_same "the screen shows the same answers and progress as before the kill" "$WORK/before.items" "$WORK/after.items"
$T send-keys -t s '['
check "scenario 17 shows every answer given before the kill" sh -c \
	"$T capture-pane -p -t s | grep -q '^. 1\\* yes' && $T capture-pane -p -t s | grep -q '^  2\\* partial' &&
	 $T capture-pane -p -t s | grep -q '^  3\\* no' && $T capture-pane -p -t s | grep -q '^  4\\* n/a' &&
	 $T capture-pane -p -t s | grep -q '^  5\\* −14% better'"
run "$GRADUS" --db "$WORK/kill.db" check show "$CASE-C1"
for a in "17 1 yes" "17 2 partial" "17 3 no" "17 4 na" "17 5 0.95|0.82" "21 1 yes"; do
	set -- $a
	expect_line "answer $1.$2 is in the database" "$(printf 'answer\t%s\t%s\t%s\t\t%s' "$1" "$2" "$3" "$ME")"
done
$T send-keys -t s Q
check "gradus exits with status 0" shows "EXITED 0"
