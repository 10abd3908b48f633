# The office applies only bundles it issued, each change at most once, and
# reads nothing of a bundle whose schema is not the one gradus makes: a
# replay with an edited created_at (hashes recomputed), a bundle id the
# office never issued, a bundle carrying a recursive view in place of a
# table, a trigger or an extra table. Each is refused, in bounded time,
# and the office file stays byte for byte as it was.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
B=$WORK/visit.db
G bundle out --cases "$CASE" --inspector "$ME" -o "$B" >/dev/null || fail "bundle out"
"$GRADUS" --db "$B" case set "$CASE" note '现场备注' >/dev/null || fail "a note in the bundle"
cp "$B" "$WORK/pristine.db"
run G bundle in "$B"
expect "the bundle applies once" 0 "applied 1 changes"
run G bundle in "$B"
expect "and only once" 0 "already applied"

# Replay: the manifest's created_at edited, every hash recomputed as gradus does.
cp "$WORK/pristine.db" "$WORK/replay.db"
q "$WORK/replay.db" "UPDATE bundle_manifest SET value = '2026-11-29T08:00:00Z' WHERE key = 'created_at'"
"$FORGE" "$WORK/replay.db" --rehash || fail "rehash"
run "$GRADUS" --db "$WORK/replay.db" verify
expect "the edited bundle is consistent in itself" 0 "ok,"
refused "a replay with an edited created_at" "$WORK/replay.db" "its identity was edited"
# Another bundle id: one the office never issued.
cp "$WORK/pristine.db" "$WORK/unissued.db"
q "$WORK/unissued.db" "UPDATE bundle_manifest SET value = '0123456789abcdef0123456789abcdef' WHERE key = 'bundle_id'"
"$FORGE" "$WORK/unissued.db" --rehash || fail "rehash"
refused "a bundle id the office never issued" "$WORK/unissued.db" "not a bundle this office issued"
# No bundle id at all (a bundle of the old format).
cp "$WORK/pristine.db" "$WORK/noid.db"
q "$WORK/noid.db" "DELETE FROM bundle_manifest WHERE key = 'bundle_id'"
"$FORGE" "$WORK/noid.db" --rehash || fail "rehash"
refused "a bundle without an id" "$WORK/noid.db" "not a bundle this office issued"
# The cases edited in the manifest, hashes recomputed.
cp "$WORK/pristine.db" "$WORK/cases.db"
q "$WORK/cases.db" "UPDATE bundle_manifest SET value = value || ',HB-2023-ADV-0001' WHERE key = 'cases'"
"$FORGE" "$WORK/cases.db" --rehash || fail "rehash"
refused "a bundle whose case list was edited" "$WORK/cases.db" "its identity was edited"

# A recursive view in place of a table the content hash reads: refused
# before any query, in bounded time (timeout 20 in refused()).
cp "$WORK/pristine.db" "$WORK/view.db"
q "$WORK/view.db" "DROP TABLE kpi_values;
	CREATE VIEW kpi_values AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
	SELECT i AS id, i AS kpi_id, i AS period, i AS value FROM n"
refused "a bundle with a recursive view" "$WORK/view.db" "kpi_values"
cp "$WORK/pristine.db" "$WORK/trigger.db"
q "$WORK/trigger.db" "CREATE TRIGGER spy AFTER INSERT ON answers BEGIN DELETE FROM answers; END"
refused "a bundle with a trigger" "$WORK/trigger.db" "the bundle's schema is not the one gradus writes (spy)"
cp "$WORK/pristine.db" "$WORK/table.db"
q "$WORK/table.db" "CREATE TABLE extra (x)"
refused "a bundle with an extra table" "$WORK/table.db" "the bundle's schema is not the one gradus writes (extra)"
cp "$WORK/pristine.db" "$WORK/column.db"
q "$WORK/column.db" "ALTER TABLE answers ADD COLUMN extra TEXT"
refused "a bundle with an extra column" "$WORK/column.db" "the bundle's schema is not the one gradus writes (answers)"
cp "$WORK/pristine.db" "$WORK/index.db"
q "$WORK/index.db" "DROP INDEX checks_number"
refused "a bundle with an index dropped" "$WORK/index.db" "the bundle's schema is not the one gradus writes"
run G verify
expect "the office verifies" 0 "ok,"
