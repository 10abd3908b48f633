# No backdoor in identity: a user is the operating-system account in the
# password database, never $USER or $LOGNAME; a user id with no account reads
# but writes nothing. The last admin cannot give up the role.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$1" 'SELECT count(*) FROM audit'; }
G init --demo >/dev/null

# The last admin.
before=$(audit_rows "$DB")
run G user add "$ME" clerk
expect "the only admin may not become a clerk" 1 "$ME is the only admin: make another user admin first"
[ "$(sqlite3 "$DB" "SELECT role FROM users WHERE login = '$ME'")" = admin ] && [ "$(audit_rows "$DB")" = "$before" ] &&
	ok "and stays admin, nothing written" || fail "the last admin" "$(sqlite3 "$DB" 'SELECT login, role FROM users')"
run env LC_ALL=zh_CN.UTF-8 "$GRADUS" --db "$DB" user add "$ME" inspector
expect "told in Chinese" 1 "是唯一的管理员"
run G user add "$ME" admin
expect "giving the only admin the role it has is no change" 0
run G user add deputy admin
expect "a second admin" 0
run G user add "$ME" clerk
expect "then the first may step down" 0 "$ME is clerk"
[ "$(sqlite3 "$DB" "SELECT group_concat(login) FROM users WHERE role = 'admin'")" = deputy ] &&
	ok "one admin is left" || fail "admins" "$(sqlite3 "$DB" 'SELECT login, role FROM users')"

# A user id with no passwd entry, with USER and LOGNAME saying root.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	ok "a user id with no account # SKIP needs root and setpriv to be one"
	exit 0
fi
STRANGER=54321
while getent passwd "$STRANGER" >/dev/null; do STRANGER=$((STRANGER + 1)); done
chmod 711 "$WORK"
mkdir "$WORK/stranger"
S=$WORK/stranger/office.db
"$GRADUS" --db "$S" init --demo >/dev/null
chown -R "$STRANGER:$STRANGER" "$WORK/stranger"
as_stranger() { setpriv --reuid="$STRANGER" --regid="$STRANGER" --clear-groups env HOME="$WORK/stranger" USER=root LOGNAME=root "$@"; }
before=$(audit_rows "$S")
run as_stranger "$GRADUS" --db "$S" case list
expect "a user id with no account reads" 0 "HB-2026-BAS-0003"
run as_stranger "$GRADUS" --db "$S" case set HB-2026-BAS-0003 note 冒充管理员
expect "but may not write, though USER=root" 1 "user id $STRANGER (no account in the password database) may not"
run as_stranger "$GRADUS" --db "$S" user add "$ME" clerk
expect "nor change roles" 1 "user id $STRANGER (no account in the password database) may not add users or change roles"
run as_stranger "$GRADUS" --db "$S" user add intruder admin
expect "nor make itself an admin" 1 "may not add users or change roles: that is for an admin"
run as_stranger "$GRADUS" --db "$S" sweep
expect "its sweep writes nothing either" 0 "0 certifications"
[ "$(audit_rows "$S")" = "$before" ] && ok "nothing written in its name" || fail "audit rows" "$before -> $(audit_rows "$S")"
# A lapsed certification waits for an account to sweep it: a user id with
# none does not cancel it as the system either.
if has_clock; then
	run at_clock 2027-07-25 as_stranger "$GRADUS" --db "$S" case list
	expect "a user id with no account reads after a certification lapsed" 0
	[ "$(audit_rows "$S")" = "$before" ] && ok "and its start cancels nothing" || fail "the stranger's sweep wrote" "$before -> $(audit_rows "$S")"
fi
# A new database made by a user id with no account has no admin.
run as_stranger "$GRADUS" --db "$WORK/stranger/new.db" init
[ "$(sqlite3 "$WORK/stranger/new.db" 'SELECT count(*) FROM users' 2>/dev/null)" = 0 ] &&
	ok "a database it makes has no user, so no admin in its name" ||
	fail "users of its database" "$(sqlite3 "$WORK/stranger/new.db" 'SELECT login, role FROM users' 2>&1)"
run G verify
expect "verify passes" 0 "ok"
