# gradus verify reads the audit chain once, newest first, rewinding each
# row through its records (src/store/verify_chain.c): what it finds is
# named as a row-by-row reading named it. Rows kept in another order than
# their records were written in still verify; a row deleted, a row added,
# an update's record deleted, a field only an insert wrote and a field an
# update wrote, each changed with the sqlite3 shell, are named; a table
# made again without rowids is read by id.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
q() { sqlite3 "$DB" "$1"; }
CASE=HB-2023-ADV-0001
G case set "$CASE" note '第一次说明' >/dev/null || fail "case set note"
G case set "$CASE" note '第二次说明' >/dev/null || fail "case set note again"
G case material "$CASE" commitment --missing >/dev/null || fail "case material --missing"
run G verify
expect "the untouched database passes" 0 "ok"

CID=$(q "SELECT id FROM cases WHERE number = '$CASE'")
NOTE=$(q "SELECT max(seq) FROM audit_fields WHERE row_id = '$CID' AND field = 'note'")
FIRST_NOTE=$(q "SELECT min(seq) FROM audit_fields WHERE row_id = '$CID' AND field = 'note'")
EV=$(q "SELECT id FROM events ORDER BY rowid DESC LIMIT 1")
EV_SEQ=$(q "SELECT max(seq) FROM audit WHERE row_id = '$EV'")
ENT=$(q "SELECT e.id FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id WHERE c.id = '$CID'")
ENT_SEQ=$(q "SELECT seq FROM audit WHERE row_id = '$ENT' AND op = 0")
AFTER_NOTE=$(q "SELECT min(seq) FROM audit WHERE seq > $NOTE")

attack() { verify_attack "$@"; } # NAME SQL RC PATTERN... (tests/lib.sh)

attack "rows kept in reverse and in another order than written" \
	"UPDATE events SET rowid = -rowid; UPDATE enterprises SET rowid = rowid + 100000 WHERE rowid % 3 = 0;
	 UPDATE case_materials SET rowid = rowid + 100000 WHERE rowid % 2 = 0" 0 "ok"
attack "a row deleted" "DELETE FROM events WHERE id = '$EV'" 1 \
	"events $EV (audit row $EV_SEQ) is gone: the record was deleted outside gradus"
attack "a row added" "INSERT INTO experts (id, code, name, fields, affiliation, created_at)
	VALUES ('0123456789abcdef0123456789abcdef', 'E9999', '影子专家', 'rnd', '某大学', '2026-11-28T00:00:00Z')" 1 \
	"experts 0123456789abcdef0123456789abcdef: field code holds \"E9999\" but has no audit record"
attack "an update's record deleted" "DELETE FROM audit WHERE seq = $NOTE" 1 \
	"cases $CID: field note holds \"第二次说明\" but audit row $FIRST_NOTE says \"第一次说明\"" \
	"audit chain broken at record $AFTER_NOTE"
attack "a field only the insert wrote" "UPDATE enterprises SET contact = '篡改' WHERE id = '$ENT'" 1 \
	"audit chain broken at record $ENT_SEQ (enterprises $ENT)"
# A record's table and row are read from audit.t and audit.rid as the
# generated tbl and row_id read them: t 1.0 is 1 (enterprises), '1' is not
# a table's number; a rid of 32 hex digits kept as text is the same row.
attack "a record's table number kept as 1.0" "UPDATE audit SET t = 1.0 WHERE seq = $ENT_SEQ" 0 "ok"
attack "a record's table number kept as text" "UPDATE audit SET t = '1' WHERE seq = $ENT_SEQ" 1 \
	"audit chain broken at record $ENT_SEQ (1 $ENT)"
attack "a record's row id kept as text" "UPDATE audit SET rid = lower(hex(rid)) WHERE seq = $ENT_SEQ" 0 "ok"
attack "a record's row id changed" "UPDATE audit SET rid = X'00112233445566778899AABBCCDDEEFF' WHERE seq = $ENT_SEQ" 1 \
	"audit chain broken at record $ENT_SEQ (enterprises 00112233445566778899aabbccddeeff)"
attack "a field an update wrote" "UPDATE cases SET note = '篡改' WHERE id = '$CID'" 1 \
	"cases $CID: field note holds \"篡改\" but audit row $NOTE says \"第二次说明\""
attack "a field of a row kept out of order" "UPDATE events SET rowid = -rowid; UPDATE events SET note = '篡改' WHERE id = '$EV'" 1 \
	"audit chain broken at record $EV_SEQ (events $EV"
attack "a table made again without rowids" \
	"CREATE TABLE ev2 AS SELECT * FROM events; DROP TABLE events;
	 CREATE TABLE events (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), step TEXT NOT NULL,
	  from_state TEXT, to_state TEXT NOT NULL, kind TEXT, actor TEXT NOT NULL, on_date TEXT NOT NULL, note TEXT,
	  created_at TEXT NOT NULL, document TEXT, unmet TEXT, override TEXT) WITHOUT ROWID;
	 INSERT INTO events SELECT * FROM ev2; DROP TABLE ev2; UPDATE events SET note = '篡改' WHERE id = '$EV'" 1 \
	"schema: table events differs from the one gradus makes" "audit chain broken at record $EV_SEQ (events $EV"
# SQLite's own check of every page runs beside the chain (a thread of its
# own connection); what it finds is said as before: here an index whose
# entries no longer match its definition.
attack "an index that no longer matches its rows" \
	"PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX cases_state ON cases (year, number)'
	 WHERE name = 'cases_state'" 1 \
	"integrity check: " "schema: index cases_state differs from the one gradus makes"
