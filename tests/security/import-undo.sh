# Attacks on import undo: a batch's record edited with the sqlite3 shell so
# that its range of audit rows covers records another user made (or names
# another kind) is refused, naming the batch, and nothing is deleted; a
# batch whose record is sound is undone as before. Undoing is for those who
# may take in what the batch imported (tests/cli/roles.sh).
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
G init >/dev/null
q() { sqlite3 "$DB" "$1"; }
printf 'enterprise,uscc,region,level,year\n甲公司,%s,wuhan,basic,2026\n' "$(uscc_of 1)" >"$WORK/a.csv"
printf 'enterprise,uscc,region,level,year\n乙公司,%s,wuhan,basic,2026\n' "$(uscc_of 2)" >"$WORK/b.csv"
G import cases "$WORK/a.csv" >/dev/null
G case add --enterprise 手工录入有限公司 --uscc "$(uscc_of 3)" --region 武汉市 --level 基础级 --year 2026 >/dev/null 2>&1
G import cases "$WORK/b.csv" >/dev/null
cases() { q "SELECT group_concat(e.name, ',') FROM (SELECT e.name FROM enterprises e ORDER BY e.name) e"; }
before=$(cases)
audit=$(q 'SELECT count(*) FROM audit')

# Batch 1's range stretched over the case typed in by hand and batch 2.
q "UPDATE import_batches SET last_seq = (SELECT max(seq) FROM audit) WHERE number = 1"
run G import undo 1
expect "a stretched batch is refused" 1 "import batch 1 does not match its audit"
[ "$(cases)" = "$before" ] && [ "$(q 'SELECT count(*) FROM audit')" = "$audit" ] &&
	ok "the stretched batch deleted nothing" || fail "stretched batch" "$(cases)"

# The same with the batch's audit record hashed anew to agree (as gradus
# hashes an insert: the row's values in the schema's order, audit.c): the
# batch is then recorded before the writes it claims, which no import does.
python3 - "$DB" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
fields = ["number", "kind", "source", "created", "unchanged", "changed", "first_seq", "last_seq", "created_by",
          "created_at", "undone_by", "undone_at", "undo_first_seq", "undo_last_seq"]
row = db.execute("SELECT id, " + ", ".join("CAST(%s AS TEXT)" % f for f in fields) +
                 " FROM import_batches WHERE number = 1").fetchone()
seq, at, actor = db.execute("SELECT seq, strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch'), actor FROM audit"
                            " WHERE row_id = ? AND op = 0", (row[0],)).fetchone()
prev = db.execute("SELECT hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1", (seq,)).fetchone()[0]
h = hashlib.sha256(prev)
values = [str(seq), at, actor, "import_batches", row[0], "0"]
for name, value in zip(fields, row[1:]):
    if value is not None:
        values += [name, None, value]
for value in values:
    h.update(b"\x1e" if value is None else value.encode())
    h.update(b"\x1f")
db.execute("UPDATE audit SET hash = ? WHERE seq = ?", (h.digest(), seq))
db.commit()
PY
run G import undo 1
expect "a batch recorded before the writes it claims is refused" 1 "does not match its audit"
[ "$(cases)" = "$before" ] && ok "nothing was deleted" || fail "deleted" "$(cases)"
run G verify
expect "verify names the edited audit" 1

# Put back: the batch is undone as before.
DB=$WORK/office2.db
G init >/dev/null
G import cases "$WORK/a.csv" >/dev/null
G case add --enterprise 手工录入有限公司 --uscc "$(uscc_of 3)" --region 武汉市 --level 基础级 --year 2026 >/dev/null 2>&1
q "UPDATE import_batches SET kind = 'experts' WHERE number = 1"
run G import undo 1
expect "a batch whose kind was edited is refused" 1 "does not match its audit"
q "UPDATE import_batches SET kind = 'cases' WHERE number = 1"
run G import undo 1
expect "a sound batch is undone" 0 "import batch 1 undone"
[ "$(q "SELECT group_concat(name) FROM enterprises")" = 手工录入有限公司 ] && ok "only the batch's records went" ||
	fail "what is left" "$(q 'SELECT group_concat(name) FROM enterprises')"
