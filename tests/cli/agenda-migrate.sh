# A database of schema 24, before the agenda kept each case's deadlines,
# gets them when it opens with its forms (migration 25, then the fill of
# store_dues_sync, which notes the forms it used): made here from the demo
# of schema 25 (data/demo-v25.sql, see scenarios-migrate.sh) by taking away
# what migration 25 adds, it is filled with the same deadlines the writes
# had kept, shows the same agenda, and passes verify.
. "$(dirname "$0")/../lib.sh"
DATA=$TOP/tests/cli/data
DB=$WORK/v25.db
sqlite3 "$DB" <"$DATA/demo-v25.sql" || fail "the schema 25 database"
cd "$WORK" || exit 1
UNDO_25="DROP TABLE case_dues; DROP TRIGGER case_dues_delete; DELETE FROM meta WHERE key = 'case_dues_forms';
PRAGMA user_version = 24"
cp "$DB" old.db
cp "$DB" old2.db
"$GRADUS" --db "$DB" agenda >want.tsv || fail "the agenda"
sqlite3 "$DB" "SELECT * FROM case_dues ORDER BY case_id, kind" >want-dues.txt
[ -s want-dues.txt ] && ok "the demo's steps kept its cases' deadlines" || fail "no kept deadlines"

sqlite3 old.db "$UNDO_25" || fail "back to schema 24"
"$GRADUS" --db old.db agenda >got.tsv || fail "the agenda of the migrated database"
expect_same "the migrated database shows the same agenda" want.tsv got.tsv
sqlite3 old.db "SELECT * FROM case_dues ORDER BY case_id, kind" >got-dues.txt
expect_same "its deadlines are filled from the rules as the writes kept them" want-dues.txt got-dues.txt
HASH=$("$GRADUS" forms check | sed -n 's/^rules_hash	//p')
[ "$(sqlite3 old.db "SELECT value FROM meta WHERE key = 'case_dues_forms'; PRAGMA user_version")" = "$HASH
$(sqlite3 "$DB" 'PRAGMA user_version')" ] && ok "filled with these forms, at the latest schema" ||
	fail "forms or version" "$(sqlite3 old.db "SELECT * FROM meta")"
run "$GRADUS" --db old.db verify
expect "the migrated database passes verify" 0 "ok"

# verify opens a schema 24 database itself: it fills the deadlines first
sqlite3 old2.db "$UNDO_25"
run "$GRADUS" --db old2.db verify
expect "verify of a schema 24 database passes" 0 "ok"
