# The disk fills up while the case form is open (an 8 MB tmpfs; root only):
# leaving a field says plainly that the disk is full and nothing was written,
# keeps what was typed in the field, and once there is room the same Enter
# saves it. A material ticked then is shown as it is in the database.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
M=$WORK/small
mkdir "$M"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=8m tmpfs "$M" 2>/dev/null; then
	ok "a full disk in the TUI # SKIP needs root to mount a small tmpfs"
	exit 0
fi
SOCKET=gradus-full-$$
T="tmux -L $SOCKET"
# The tmpfs is unmounted once gradus, killed with the server, lets it go.
trap '$T kill-server 2>/dev/null; wait_for 5 umount "$M"; rm -rf "$WORK"' EXIT
export TERM=xterm-256color
screen() { $T capture-pane -p -t full; }
shows() { screen | grep -qF -- "$1"; }
DB=$M/full.db
"$GRADUS" --db "$DB" init --demo >/dev/null
# the demo's application arrived whole: its first material is made missing
"$GRADUS" --db "$DB" case material HB-2023-ADV-0001 application_form --missing >/dev/null
$T -f /dev/null new-session -d -s full -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
wait_for 10 shows "Cases (30)" || fail "the list opens" "$(screen)"
$T send-keys -t full Enter
wait_for 5 shows "[Overview]" || fail "a case opens" "$(screen)"
$T send-keys -t full e
wait_for 5 shows "Edit HB-2023-ADV-0001" || fail "its form opens" "$(screen)"
dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null # the disk is full from here

cursor_row() { screen | grep '^> '; }
moved() { [ "$(cursor_row)" != "$1" ]; }
for i in $(seq 20); do # down to the note, past the fields this case keeps fixed
	shows "> Note" && break
	row=$(cursor_row)
	$T send-keys -t full Down
	wait_for 5 moved "$row"
done
shows "> Note" || fail "the cursor reaches the note" "$(screen)"
$T send-keys -t full Enter
$T send-keys -t full "满盘时写的备注"
$T send-keys -t full Enter
wait_for 5 shows "the disk is full; nothing was written" && ok "leaving the field on a full disk says so" ||
	fail "leaving the field on a full disk says so" "$(screen)"
shows "> Note                满盘时写的备注" && ok "what was typed stays in the field" ||
	fail "what was typed stays in the field" "$(screen)"
[ "$(sqlite3 "$DB" "SELECT ifnull(note, '') FROM cases WHERE number = 'HB-2023-ADV-0001'")" = "" ] &&
	ok "nothing was written" || fail "nothing was written"
# Up after x: once the cursor is back on the note, x has been handled.
$T send-keys -t full Down x Up
wait_for 5 shows "> Note" || fail "the cursor comes back to the note" "$(screen)"
$T send-keys -t full Down
wait_for 5 shows "> [ ] missing     申报书" && ok "a material ticked on a full disk still shows missing" ||
	fail "a material ticked on a full disk still shows missing" "$(screen)"

rm "$M/fill" # room again
$T send-keys -t full Up Enter Enter
wait_for 5 shows "✓ saved" && ok "with room again the same field saves" || fail "with room again the same field saves" "$(screen)"
[ "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = 'HB-2023-ADV-0001'")" = "满盘时写的备注" ] &&
	ok "the note is in the database" || fail "the note is in the database"
$T send-keys -t full q q q
wait_for 5 shows "EXITED 0" && ok "gradus ends normally" || fail "gradus ends normally" "$(screen)"
run "$GRADUS" --db "$DB" verify
expect "the database verifies after the full disk" 0 "ok,"
