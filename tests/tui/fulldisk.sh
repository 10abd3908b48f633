# The disk fills up while the case form is open (an 8 MB tmpfs; root only):
# leaving a field says plainly that the disk is full and nothing was written,
# keeps what was typed in the field, and once there is room the same Enter
# saves it. A material ticked then is shown as it is in the database.
. "$(dirname "$0")/../lib.sh"
need_tmux
M=$WORK/small
mkdir "$M"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=8m tmpfs "$M" 2>/dev/null; then
	ok "a full disk in the TUI # SKIP needs root to mount a small tmpfs"
	exit 0
fi
# The tmpfs is unmounted once gradus, killed with the test's tmux server, lets it go.
at_exit 'wait_for "$WAIT" umount "$M"'
screen() { term_screen full; }
shows() { term_shows full "$1"; }
DB=$M/full.db
"$GRADUS" --db "$DB" init --demo >/dev/null
# the demo's application arrived whole: its first material is made missing
"$GRADUS" --db "$DB" case material HB-2023-ADV-0001 application_form --missing >/dev/null
term_start full 100x30 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
term_wait full "Cases (30)" || fail "the list opens" "$(screen)"
term_keys full Enter
term_wait full "[Overview]" || fail "a case opens" "$(screen)"
term_keys full e
term_wait full "Edit HB-2023-ADV-0001" || fail "its form opens" "$(screen)"
dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null # the disk is full from here

cursor_row() { screen | grep '^> '; }
moved() { [ "$(cursor_row)" != "$1" ]; }
for i in $(seq 20); do # down to the note, past the fields this case keeps fixed
	shows "> Note" && break
	row=$(cursor_row)
	term_keys full Down
	wait_for "$WAIT" moved "$row"
done
shows "> Note" || fail "the cursor reaches the note" "$(screen)"
term_keys full Enter
term_type full "满盘时写的备注"
term_keys full Enter
expect_screen "leaving the field on a full disk says so" full "the disk is full; nothing was written"
shows "> Note                满盘时写的备注" && ok "what was typed stays in the field" ||
	fail "what was typed stays in the field" "$(screen)"
[ "$(sqlite3 "$DB" "SELECT ifnull(note, '') FROM cases WHERE number = 'HB-2023-ADV-0001'")" = "" ] &&
	ok "nothing was written" || fail "nothing was written"
# Up after x: once the cursor is back on the note, x has been handled.
term_keys full Down x Up
term_wait full "> Note" || fail "the cursor comes back to the note" "$(screen)"
term_keys full Down
expect_screen "a material ticked on a full disk still shows missing" full "> [ ] missing     申报书"

rm "$M/fill" # room again
term_keys full Up Enter Enter
expect_screen "with room again the same field saves" full "✓ saved"
[ "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = 'HB-2023-ADV-0001'")" = "满盘时写的备注" ] &&
	ok "the note is in the database" || fail "the note is in the database"
term_keys full q q q
expect_exit "gradus ends normally" full 0
run "$GRADUS" --db "$DB" verify
expect "the database verifies after the full disk" 0 "ok,"
