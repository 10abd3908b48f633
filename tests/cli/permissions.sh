# Permissions: a new database and its folder are private to their owner;
# a database anyone may write is refused, untouched; one its group may
# write (a shared office database) is opened.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office/nested/office.db
run "$GRADUS" --db "$DB" init
expect "init creates the database and its folders" 0
[ "$(stat -c %a "$DB")" = 600 ] && ok "the new database is 0600" || fail "the new database is 0600" "$(stat -c %a "$DB")"
[ "$(stat -c %a "$WORK/office/nested")" = 700 ] && [ "$(stat -c %a "$WORK/office")" = 700 ] &&
	ok "its new folders are 0700" || fail "its new folders are 0700" "$(stat -c %a "$WORK/office" "$WORK/office/nested")"
"$GRADUS" --db "$DB" case list >/dev/null
for f in "$DB-wal" "$DB-shm"; do
	[ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ] && ok "$(basename "$f") is private too" || fail "$(basename "$f") is private" "$(stat -c %a "$f")"
done

sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
chmod 0666 "$DB"
BEFORE=$(sha256sum <"$DB")
run "$GRADUS" --db "$DB" case list
expect "a database anyone may write is refused" 1 "anyone on this computer may change this file; not opened"
run "$GRADUS" --db "$DB" init --demo
expect "and not written to" 1 "chmod o-w"
[ "$(sha256sum <"$DB")" = "$BEFORE" ] && ok "the refused file is unchanged" || fail "the refused file is unchanged"
chmod 0602 "$DB"
run "$GRADUS" --db "$DB" verify
expect "write for others alone is refused too" 1 "not opened"
chmod 0660 "$DB"
run "$GRADUS" --db "$DB" verify
expect "a database its group may write (a shared office) opens" 0 "ok"
chmod 0644 "$DB"
run "$GRADUS" --db "$DB" case list
expect "one others may only read opens" 0

# A shared office database (init --group): its new folders and file are
# the group's and no one else's.
GROUP=$(id -gn)
run "$GRADUS" --db "$WORK/none/x.db" init --group no-such-group-here
expect "an unknown group is named as such" 1 "no group named no-such-group-here"
[ ! -e "$WORK/none" ] && ok "and nothing is created for it" || fail "nothing is created for an unknown group"
SHARED=$WORK/office2/db/office.db
run "$GRADUS" --db "$SHARED" init --group "$GROUP"
expect "init --group makes a shared database" 0 "ready"
[ "$(stat -c '%a %G' "$SHARED")" = "660 $GROUP" ] && ok "the shared file is 0660, the group's" ||
	fail "the shared file is 0660, the group's" "$(stat -c '%a %G' "$SHARED")"
[ "$(stat -c '%a %G' "$WORK/office2/db")" = "2770 $GROUP" ] && [ "$(stat -c '%a %G' "$WORK/office2")" = "2770 $GROUP" ] &&
	ok "its new folders are 2770, the group's" || fail "its new folders are 2770" "$(stat -c '%a %G' "$WORK/office2" "$WORK/office2/db")"
GRADUS_GROUP=$GROUP "$GRADUS" --db "$WORK/office3.db" init >/dev/null
[ "$(stat -c '%a %G' "$WORK/office3.db")" = "660 $GROUP" ] && ok "GRADUS_GROUP does the same" ||
	fail "GRADUS_GROUP does the same" "$(stat -c '%a' "$WORK/office3.db")"

# The folder and the files beside the database are checked too.
mkdir -p "$WORK/open"
"$GRADUS" --db "$WORK/open/x.db" init >/dev/null
chmod 0777 "$WORK/open"
run "$GRADUS" --db "$WORK/open/x.db" case list
expect "a folder anyone may write is refused" 1 "anyone on this computer may replace files in this folder"
chmod 1777 "$WORK/open"
run "$GRADUS" --db "$WORK/open/x.db" case list
expect "one with the sticky bit (like /tmp) is not" 0
chmod 0700 "$WORK/open"
: >"$WORK/open/x.db-wal"
chmod 0666 "$WORK/open/x.db-wal"
run "$GRADUS" --db "$WORK/open/x.db" case list
expect "a -wal file anyone may write is refused" 1 "x.db-wal: anyone on this computer may change this file"
rm -f "$WORK/open/x.db-wal"

# Other users, as root can play them (setpriv): the group's members open and
# write the shared database, everyone else is told they may not.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "# not root: other users are not tried"
	exit 0
fi
getent group users >/dev/null || groupadd users
chmod 0711 "$WORK"
mkdir -m 0770 "$WORK/srv" && chgrp users "$WORK/srv" # an existing folder, not setgid
OFFICE=$WORK/srv/office.db
"$GRADUS" --db "$OFFICE" init --group users --demo >/dev/null
"$GRADUS" --db "$OFFICE" user add nobody clerk >/dev/null
"$GRADUS" --db "$OFFICE" user add daemon clerk >/dev/null # a second member: an account in passwd
as() { # UID GROUPS CMD...: runs CMD as that user (daemon has users as its own group)
	local uid=$1 groups=$2 gid=65534; shift 2
	[ "$uid" = "$(id -u daemon)" ] && gid=100
	setpriv --reuid="$uid" --regid="$gid" $groups env HOME=/ "$@"
}
run as 65534 --groups=100 "$GRADUS" --db "$OFFICE" case set HB-2026-BAS-0003 note "a note by nobody"
expect "a member of the group writes the shared database" 0
run as "$(id -u daemon)" --groups=100 "$GRADUS" --db "$OFFICE" case set HB-2026-BAS-0004 note "a note by daemon"
expect "so does another member" 0
run as 65532 --clear-groups "$GRADUS" --db "$OFFICE" case list
expect "someone outside the group may not open it" 1 "you may not open this database (permission denied)"
# nobody keeps it open (a script read from a pipe that is not written yet):
# the -wal and -shm made in its name must be the office's, or daemon cannot
# write while nobody has it open.
rm -f "$OFFICE-wal" "$OFFICE-shm"
mkfifo "$WORK/keys"
chmod 0644 "$WORK/keys"
as 65534 --groups=100 "$GRADUS" --db "$OFFICE" --script "$WORK/keys" --size 80x24 >/dev/null 2>&1 &
holder=$!
wait_for "$WAIT" test -e "$OFFICE-shm"
[ "$(stat -c '%G %a' "$OFFICE-wal" "$OFFICE-shm" | sort -u)" = "users 660" ] && ok "the -wal and -shm nobody made are the group's" ||
	fail "the -wal and -shm nobody made are the group's" "$(stat -c '%n %U %G %a' "$OFFICE-wal" "$OFFICE-shm")"
run as "$(id -u daemon)" --groups=100 "$GRADUS" --db "$OFFICE" case set HB-2026-BAS-0004 note "while nobody has it open"
expect "another member writes while the first has it open" 0
timeout 5 sh -c 'echo q >"$1"' _ "$WORK/keys" || kill "$holder" 2>/dev/null
wait "$holder"
run "$GRADUS" --db "$OFFICE" verify
expect "the shared database verifies" 0 "ok,"
