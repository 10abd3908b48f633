# Files and names from outside: no file gradus writes (export -o, report -o,
# backup, check export, bundle out, the TUI's settings) goes through a
# symbolic link left at its temporary or final name; a stored attachment
# name like ../../../PWNED.sh is written inside the chosen folder only; a
# FIFO in the forms folder is refused at once, not waited on; a member who
# opens the database while it is read-only leaves no -wal or -shm that lock
# the others out later.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2024-EXC-0001
G user add insp1 inspector >/dev/null
N=$(G check plan "$CASE" --inspectors "$ME" --draw 2 --seed 42 >/dev/null && echo "$CASE-C1")

# The file an attacker wants overwritten, and a copy to compare it with.
VICTIM=$WORK/victim
printf 'precious\n' >"$VICTIM"
cp "$VICTIM" "$WORK/victim.orig"
unchanged() { # NAME: the victim is as it was
	if cmp -s "$VICTIM" "$WORK/victim.orig"; then ok "$1: the link's target is unchanged"; else
		fail "$1: the link's target is unchanged" "$(head -c 200 "$VICTIM")"
		cp "$WORK/victim.orig" "$VICTIM"
	fi
}
# plant F: symbolic links to the victim at every temporary name F had
plant() { for s in .tmp .part; do ln -sf "$VICTIM" "$1$s"; done; }
links_left() { # NAME F: the planted links are still links, to the victim
	if [ -L "$2.tmp" ] && [ -L "$2.part" ] && [ "$(readlink "$2.part")" = "$VICTIM" ]; then
		ok "$1: the planted links are left as they were"
	else
		fail "$1: the planted links are left as they were" "$(ls -l "$2".* 2>&1)"
	fi
}
no_temporary() { # NAME: nothing half-written stays beside the targets
	if ls -A "$WORK/dest" | grep -q '^\.gradus-'; then fail "$1: no temporary file is left" "$(ls -A "$WORK/dest")"
	else ok "$1: no temporary file is left"; fi
}
mkdir "$WORK/dest"

# export -o (replaces a regular file, never a link)
F=$WORK/dest/cases.csv
plant "$F"
run G export cases -o "$F"
expect "export -o with links at FILE.tmp and FILE.part writes" 0
unchanged "export -o"
[ -f "$F" ] && [ ! -L "$F" ] && head -1 "$F" | grep -q enterprise && ok "export -o: the export is a file of its own" ||
	fail "export -o: the export is a file of its own" "$(ls -l "$F")"
links_left "export -o" "$F"
rm -f "$F"
ln -s "$VICTIM" "$F"
run G export cases -o "$F"
expect "export -o onto a symbolic link is refused" 1 "is a symbolic link: not written through it"
unchanged "export -o onto a link"
[ -L "$F" ] && ok "export -o: the link itself stays" || fail "export -o: the link itself stays"

# report -o
F=$WORK/dest/report.html
plant "$F"
run G report check "$N" --format html -o "$F"
expect "report -o with links at the temporary names writes" 0
unchanged "report -o"
grep -q '<html' "$F" && ok "report -o: the report is written" || fail "report -o: the report is written"
links_left "report -o" "$F"
echo old >"$F"
run G report check "$N" --format html -o "$F"
expect "report -o replaces a file that is there" 0
rm -f "$F"
ln -s "$VICTIM" "$F"
run G report check "$N" -o "$F"
expect "report -o onto a symbolic link is refused" 1 "is a symbolic link"
unchanged "report -o onto a link"

# backup
F=$WORK/dest/copy.db
plant "$F"
run G backup "$F"
expect "backup with links at the temporary names writes" 0 "copied"
unchanged "backup"
links_left "backup" "$F"
"$GRADUS" --db "$F" verify >/dev/null 2>&1 && ok "backup: the copy verifies" || fail "backup: the copy verifies"
[ "$(stat -c %a "$F")" = 600 ] && ok "backup: the copy is 0600" || fail "backup: the copy is 0600" "$(stat -c %a "$F")"
F=$WORK/dest/copy2.db
ln -s "$VICTIM" "$F"
run G backup "$F"
expect "backup onto a symbolic link is refused" 1 "is a symbolic link"
unchanged "backup onto a link"
ln -s "$WORK/dest/nowhere.db" "$WORK/dest/dangling.db"
run G backup "$WORK/dest/dangling.db"
expect "backup onto a link to nothing is refused too" 1 "is a symbolic link"
[ ! -e "$WORK/dest/nowhere.db" ] && ok "backup: nothing is made where the dangling link points" ||
	fail "backup: nothing is made where the dangling link points"
rm -f "$WORK/dest/dangling.db"

# check export of an attachment
printf 'photo\n' >"$WORK/photo.jpg"
SHA=$(G check attach "$N" 17 1 "$WORK/photo.jpg" | cut -f1)
F=$WORK/dest/photo.jpg
plant "$F"
run G check export "$SHA" "$F"
expect "check export with links at the temporary names writes" 0
unchanged "check export"
cmp -s "$F" "$WORK/photo.jpg" && ok "check export: the bytes are the attached ones" || fail "check export: bytes"
links_left "check export" "$F"
F=$WORK/dest/photo2.jpg
ln -s "$VICTIM" "$F"
run G check export "$SHA" "$F"
expect "check export onto a symbolic link is refused" 1 "is a symbolic link"
unchanged "check export onto a link"

# bundle out
F=$WORK/dest/visit.db
plant "$F"
run G bundle out --cases "$CASE" --inspector insp1 -o "$F"
expect "bundle out with links at the temporary names writes" 0 "bundle written"
unchanged "bundle out"
links_left "bundle out" "$F"
F=$WORK/dest/visit2.db
ln -s "$VICTIM" "$F"
run G bundle out --cases "$CASE" --inspector insp1 -o "$F"
expect "bundle out onto a symbolic link is refused" 1 "is a symbolic link"
unchanged "bundle out onto a link"
no_temporary "every writer"

# Attachment names: what is attached is stored under its plain file name...
mkdir -p "$WORK/deep/a/b"
printf '#!/bin/sh\necho pwned\n' >"$WORK/deep/PWNED.sh"
PSHA=$(G check attach "$N" 17 1 "$WORK/deep/a/b/../../PWNED.sh" | cut -f1)
[ "$(sqlite3 "$DB" "SELECT name FROM attachments WHERE sha256 = '$PSHA'")" = PWNED.sh ] &&
	ok "attach stores the plain file name" || fail "attach stores the plain file name"
# ...and a name that came in as ../../../PWNED.sh (as a bundle could carry
# it) is exported as PWNED.sh inside the folder asked for, never above it.
sqlite3 "$DB" "UPDATE attachments SET name = '../../../PWNED.sh' WHERE sha256 = '$PSHA'"
mkdir -p "$WORK/x/y/z/folder"
run G check export "$PSHA" "$WORK/x/y/z/folder"
expect "check export into a folder" 0
[ -f "$WORK/x/y/z/folder/PWNED.sh" ] && ok "the file is written inside the folder as PWNED.sh" ||
	fail "the file is written inside the folder as PWNED.sh" "$(find "$WORK/x" -type f)"
[ -z "$(find "$WORK" -name PWNED.sh -not -path "$WORK/x/y/z/folder/*" -not -path "$WORK/deep/*")" ] &&
	ok "nothing named PWNED.sh is written outside the folder" ||
	fail "nothing named PWNED.sh is written outside the folder" "$(find "$WORK" -name PWNED.sh)"
# The TUI offers it for export as ./PWNED.sh, and writes it there.
G check attach "$N" 17 2 "$WORK/deep/PWNED.sh" >/dev/null
mkdir -p "$WORK/tui/a/b"
(cd "$WORK/tui/a/b" && "$GRADUS" --db "$DB" --script "$TOP/tests/security/files-export.script" >/dev/null 2>&1)
grep -q 'Export to: *\./PWNED\.sh' "$WORK/tui/a/b/files-export.screen" &&
	ok "the TUI offers the file for export as ./PWNED.sh" ||
	fail "the TUI offers the file for export as ./PWNED.sh" "$(grep -a 'Export' "$WORK/tui/a/b/files-export.screen")"
[ -f "$WORK/tui/a/b/PWNED.sh" ] && [ -z "$(find "$WORK/tui" -name PWNED.sh -not -path "$WORK/tui/a/b/PWNED.sh")" ] &&
	ok "and Enter writes it in the current folder only" || fail "and Enter writes it in the current folder only" "$(find "$WORK/tui")"
sqlite3 "$DB" "UPDATE attachments SET name = '..' WHERE sha256 = '$PSHA'"
run G check export "$PSHA" "$WORK/x/y/z/folder"
expect "a stored name that is no file name is refused" 1 "is not a usable file name"
sqlite3 "$DB" "UPDATE attachments SET name = 'PWNED.sh' WHERE sha256 = '$PSHA'"

# A FIFO in the forms folder: refused at once, naming the file.
cp -r "$TOP/forms" "$WORK/forms-fifo"
rm "$WORK/forms-fifo/regions.ini"
mkfifo "$WORK/forms-fifo/regions.ini"
run timeout 10 "$GRADUS" --db "$DB" --forms "$WORK/forms-fifo" case list
expect "a FIFO as forms/regions.ini is refused, not waited on" 1 "regions.ini: not a regular file"
run timeout 10 "$GRADUS" forms check "$WORK/forms-fifo"
expect "forms check names it too" 1 "regions.ini: not a regular file"
rm "$WORK/forms-fifo/regions.ini"
mkdir "$WORK/forms-fifo/regions.ini"
run timeout 10 "$GRADUS" forms check "$WORK/forms-fifo"
expect "a folder named regions.ini is refused the same way" 1 "regions.ini: not a regular file"

mkfifo "$WORK/pipe.jpg"
run timeout 10 "$GRADUS" --db "$DB" check attach "$N" 17 1 "$WORK/pipe.jpg"
expect "a FIFO given to check attach is refused, not waited on" 1 "pipe.jpg: not a regular file"

# A read-only opener leaves nothing that locks the others out: as root,
# other users are played with setpriv (as tests/cli/permissions.sh does).
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "# not root: the read-only opener is not tried"
	exit 0
fi
getent group users >/dev/null || groupadd users
chmod 0711 "$WORK"
mkdir -m 0770 "$WORK/srv" && chgrp users "$WORK/srv"
OFFICE=$WORK/srv/office.db
"$GRADUS" --db "$OFFICE" init --group users --demo >/dev/null
"$GRADUS" --db "$OFFICE" user add nobody clerk >/dev/null
as() { # UID CMD...: runs CMD as that user, a member of users
	local uid=$1; shift
	setpriv --reuid="$uid" --regid=65534 --groups=100 env HOME=/ "$@"
}
rm -f "$OFFICE-wal" "$OFFICE-shm"
chmod 0440 "$OFFICE"
run as 1 "$GRADUS" --db "$OFFICE" case show HB-2026-BAS-0003
expect "a member (daemon) reads the database while it is read-only" 0 "HB-2026-BAS-0003"
[ ! -e "$OFFICE-wal" ] && [ ! -e "$OFFICE-shm" ] && ok "the read-only opener leaves no -wal or -shm" ||
	fail "the read-only opener leaves no -wal or -shm" "$(ls -l "$OFFICE"-* 2>&1)"
chmod 0660 "$OFFICE"
run as 65534 "$GRADUS" --db "$OFFICE" case set HB-2026-BAS-0004 note "after the file was read-only"
expect "once writable again, another member (nobody) writes" 0
run "$GRADUS" --db "$OFFICE" verify
expect "and the database verifies" 0 "ok,"
