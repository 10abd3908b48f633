# A database of schema 17, whose audit kept a row per field, is converted
# when it opens (migration 20): its log keeps the whole history, verify
# passes and holds the converted records to the rows, and the new chain
# begins at the old one's head. A database whose old chain was changed is
# refused, not converted.
#
# data/audit-v17.sql was made once by gradus at commit dbd35a0 (schema 17):
#   gradus init; gradus import cases a.csv (甲公司, scenarios 1,2);
#   gradus case add (手工录入有限公司); gradus case set HB-2026-BAS-0001 note
#   twice; gradus import cases b.csv; gradus import undo 2;
#   gradus case advance HB-2026-BAS-0001 submit --override
# then sqlite3 .dump with PRAGMA user_version = 17 put first; data/audit-v17.log
# is that gradus's "gradus log HB-2026-BAS-0001" of it.
. "$(dirname "$0")/../lib.sh"
DATA=$TOP/tests/cli/data
DB=$WORK/v17.db
sqlite3 "$DB" <"$DATA/audit-v17.sql"
OLD_HEAD=af78578db97c141a038c561be0d2509cca02dfac7aaef400f333c1cbaddd238d

# 25 records, and 3 of migration 26 (the case's two scenario rows moved
# into its field scenarios: two deletes and an update)
run "$GRADUS" --db "$DB" verify
expect "a converted database passes verify" 0 "ok, 28 audit records"
"$GRADUS" --db "$WORK/fresh.db" init >/dev/null || fail "a fresh database"
LATEST=$(sqlite3 "$WORK/fresh.db" 'PRAGMA user_version')
[ "$(sqlite3 "$DB" "PRAGMA user_version; SELECT value FROM meta WHERE key = 'audit_v1_head'" | tr '\n' ' ')" = "$LATEST $OLD_HEAD " ] &&
	ok "the latest schema, the old chain's head kept for the new one to begin at" ||
	fail "version and old head" "$(sqlite3 "$DB" "PRAGMA user_version; SELECT * FROM meta")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name IN ('audit_v1', 'audit_value')")" = 0 ] &&
	ok "the per-field audit and its index are gone" || fail "old tables left"

# The log as schema 17 printed it, but for the seq (a record's now, not a
# field's) and the fields an insert left empty (empty to empty).
cut -f2- "$DATA/audit-v17.log" | grep -v "	∅	∅	" >"$WORK/want.log"
"$GRADUS" --db "$DB" log HB-2026-BAS-0001 | cut -f2- >"$WORK/got.log"
head -n "$(wc -l <"$WORK/want.log")" "$WORK/got.log" >"$WORK/got-before.log"
expect_same "the log keeps the whole history" "$WORK/want.log" "$WORK/got-before.log"
tail -n +"$(($(wc -l <"$WORK/want.log") + 1))" "$WORK/got.log" | cut -f3-5 >"$WORK/moved.log"
printf '%s\t%s\t%s\n' case_scenarios.case_id "$(sqlite3 "$DB" "SELECT id FROM cases WHERE number = 'HB-2026-BAS-0001'")" ∅ \
	case_scenarios.scenario 1 ∅ case_scenarios.- row ∅ \
	case_scenarios.case_id "$(sqlite3 "$DB" "SELECT id FROM cases WHERE number = 'HB-2026-BAS-0001'")" ∅ \
	case_scenarios.scenario 2 ∅ case_scenarios.- row ∅ cases.scenarios ∅ 1,2 >"$WORK/want-moved.log"
expect_same "then the move of migration 26: the scenario rows into the case's field" "$WORK/want-moved.log" \
	"$WORK/moved.log"
[ "$(wc -l <"$WORK/got.log")" -ge 30 ] && ok "the log is not empty" || fail "log" "$(cat "$WORK/got.log")"

# A write after the conversion continues the chain.
"$GRADUS" --db "$DB" case set HB-2026-BAS-0001 note '转换之后' >/dev/null || fail "a write after the conversion"
run "$GRADUS" --db "$DB" verify
expect "the chain goes on" 0 "ok, 29 audit records"

# A converted record changed with the sqlite3 shell: the insert's values
# (the row's, rewound) no longer hash to it.
cp "$DB" "$WORK/t1.db"
sqlite3 "$WORK/t1.db" "UPDATE enterprises SET name = '篡改' WHERE name = '甲公司'"
run "$GRADUS" --db "$WORK/t1.db" verify
expect "a converted insert's row changed: verify names the record" 1 "audit chain broken at record 10 (enterprises"
cp "$DB" "$WORK/t2.db"
sqlite3 "$WORK/t2.db" "UPDATE audit SET change = replace(change, '改过', '别的') WHERE seq = 60"
run "$GRADUS" --db "$WORK/t2.db" verify
expect "a converted update's record changed: verify names it" 1 "audit chain broken at record 60 (cases"
cp "$DB" "$WORK/t3.db"
sqlite3 "$WORK/t3.db" "UPDATE meta SET value = '$(printf '%064d' 0)' WHERE key = 'audit_v1_head'"
run "$GRADUS" --db "$WORK/t3.db" verify
expect "the old head changed: the new chain's first record no longer follows it" 1 "audit chain broken at record 1 (meta"

# An old chain changed outside gradus is not converted.
BROKEN=$WORK/broken.db
sqlite3 "$BROKEN" <"$DATA/audit-v17.sql"
sqlite3 "$BROKEN" "UPDATE audit SET new = '篡改' WHERE seq = 5"
run "$GRADUS" --db "$BROKEN" verify
expect "a broken old chain is refused" 1 "the audit log is broken at row 5 (enterprises" "the database was not converted"
[ "$(sqlite3 "$BROKEN" 'PRAGMA user_version')" = 17 ] && ok "and left as it was" || fail "converted anyway"
