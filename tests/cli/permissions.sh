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
