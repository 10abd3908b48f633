# Two processes on one database: the intake form in a real terminal (tmux)
# and the CLI change the same field. The form's stale write is refused with
# the current value shown; nothing is lost; leaving the field again writes.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$(demo_db)
SOCKET=gradus-conflict-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color
CASE=HB-2023-ADV-0001

screen() { $T capture-pane -p -t s; }
shows() { screen | tr -s ' \n' ' ' | grep -qF -- "$1"; }
note_is() { "$GRADUS" --db "$DB" case show "$CASE" --format json | grep -qF "\"note\": $1"; }
check() { # NAME CMD...: ok when CMD succeeds within 5 seconds
	local name=$1; shift
	if wait_for 5 "$@"; then ok "$name"; else fail "$name" "$(screen)"; fi
}

$T -f /dev/null new-session -d -s s -x 80 -y 30 \
	"env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
check "conflict: the list opens" shows "Cases (30)"
$T send-keys -t s Enter
check "conflict: Enter opens the first case" shows "$CASE"
$T send-keys -t s e
check "conflict: e opens its edit form" shows "Edit $CASE"
# Down to the note: credit code, region, year, factory, address, industry,
# contact, maturity, commitment, scenarios, note (level and certified are skipped).
for i in 1 2 3 4 5 6 7 8 9 10 11; do $T send-keys -t s Down; done
check "conflict: the cursor reaches the note" sh -c "$T capture-pane -p -t s | grep -q '^> Note'"

run "$GRADUS" --db "$DB" case set "$CASE" note 'X'
expect "conflict: another clerk sets the note with the CLI" 0
$T send-keys -t s Enter
$T send-keys -t s -l 'Y from the form'
$T send-keys -t s Enter
check "conflict: the form's write is refused naming the current value" shows 'it is now "X"; your value "Y from the form" was not written'
check "conflict: the current value is loaded into the field" sh -c "$T capture-pane -p -t s | grep -q '^> Note  *X\$'"
note_is '"X"' && ok "conflict: the CLI's value is still in the database" ||
	fail "conflict: the CLI's value is still in the database" "$("$GRADUS" --db "$DB" case show "$CASE" --format json)"

$T send-keys -t s Enter C-u
$T send-keys -t s -l 'Z after X'
$T send-keys -t s Enter
check "conflict: leaving the field again writes it" shows "✓ saved"
check "conflict: the new value is in the database" note_is '"Z after X"'
run "$GRADUS" --db "$DB" log "$CASE"
printf '%s\n' "$OUT" | grep -F 'note' | grep -qF 'X' && ok "conflict: the log keeps the CLI's write" ||
	fail "conflict: the log keeps the CLI's write" "$OUT"
$T send-keys -t s q q q
check "conflict: gradus exits with status 0" shows "EXITED 0"
