# gradus verify misses nothing it can see: on an office database with a
# signed check (amended and followed up after signing), evidence and a
# signed panel, each edit made with the sqlite3 shell makes verify fail
# naming what changed; the untouched database, and a bundle, pass.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2024-EXC-0001

# A check answered, with evidence, signed, then amended and followed up.
S=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 7)
scen=$(G check show "$S" | sed -n 's/^scenarios\t//p')
answer_required "$DB" "$S" || fail "the required items of $S are answered"
printf 'photo of the board\n' >"$WORK/board.jpg"
G check attach "$S" "$scen" 1 "$WORK/board.jpg" >/dev/null || fail "attach"
G check sign "$S" >/dev/null || fail "sign $S"
G check amend "$S" "$scen" 1 no --note '复核发现未覆盖' --reason '签字后复核照片' >/dev/null || fail "amend"
F=$(G check show "$S" | awk -F'\t' -v s="$scen" '$1 == "finding" && $3 == s && $4 == 1 { print $2 }')
G check finding "$F" --action '补充规则文档' --due 2027-01-15 >/dev/null || fail "finding follow-up"

# A panel signed, then an expert's name corrected in the registry.
P=HB-2025-ADV-0002
G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan >/dev/null
G expert add 赵敏 --fields operations --affiliation 三峡大学 >/dev/null
G panel plan "$P" --purpose evaluation --members E0001,E0002 --chair E0001 --on 2026-11-20 >/dev/null 2>"$WORK/setup.err" || fail "panel plan" "$(cat "$WORK/setup.err")"
G panel note "$P-P1" E0001 0 总体评价 '建设内容与申报一致' >/dev/null
G panel opinion "$P-P1" pass '同意通过评价' >/dev/null
G panel score "$P-P1" E0001 86 >/dev/null
G panel score "$P-P1" E0002 80 >/dev/null
G panel sign "$P-P1" >/dev/null || fail "panel sign"
G expert set E0002 name 赵敏敏 >/dev/null || fail "expert set"

run G verify
expect "the untouched database passes: signatures hold through an amendment, a finding's follow-up and an expert's new name" 0 "ok"

# attack NAME SQL PATTERN...: a copy of the office edited with sqlite3 fails
# verify, saying the file was changed outside gradus and naming each PATTERN.
attack() {
	local name=$1 sql=$2
	shift 2
	verify_attack "$name" "$sql" 1 "found: the file was changed outside gradus" "$@"
}

attack "an extra trigger" "CREATE TRIGGER quietly AFTER UPDATE ON cases BEGIN SELECT 1; END" "trigger quietly (on cases) is not one gradus makes"
attack "an extra view" "CREATE VIEW peek AS SELECT * FROM users" "view peek (on peek) is not one gradus makes"
attack "an extra table" "CREATE TABLE stash (x)" "table stash (on stash) is not one gradus makes"
attack "an extra column" "ALTER TABLE cases ADD COLUMN sneaky TEXT" "table cases has a column sneaky that gradus does not make"
attack "a dropped UNIQUE index" "DROP INDEX checks_number" "index checks_number is missing"
attack "an edited cases.region" "UPDATE cases SET region = 'wuhan' WHERE number = '$CASE' AND region <> 'wuhan'" \
	"case $CASE: field region holds \"wuhan\""
attack "an edited search text" \
	"UPDATE case_search_text SET note = '无 害 的 ' WHERE id = (SELECT rowid FROM cases WHERE number = '$CASE')" \
	"case $CASE: its search index row holds \"无 害 的 \" in note" "search index: " "trigram search index: "
attack "a search text for no case" "INSERT INTO case_search_text (id, number) VALUES (999999, 'X Y Z ')" \
	"search index row 999999 belongs to no case" "search index: " "trigram search index: "
attack "an edited search row" "UPDATE case_search SET note = '无 害 ' WHERE rowid = (SELECT rowid FROM cases WHERE number = '$CASE')" \
	": search index: "
attack "a search row for no case" "INSERT INTO case_search (rowid, number) VALUES (999999, 'X ')" ": search index: "
attack "an edited meta.database_id" "UPDATE meta SET value = 'ffffffffffffffffffffffffffffffff' WHERE key = 'database_id'" \
	"meta database_id: field value holds \"ffffffffffffffffffffffffffffffff\""
attack "an edited sort key" "UPDATE enterprises SET name_key = X'00' WHERE rowid = 1" "field name_key is not the sort key of its name"
attack "an edited count of the dashboard" "UPDATE case_counts SET n = n + 5 WHERE level = 'excellent' AND n > 0" \
	"case_counts excellent " "rows are counted"
attack "a scenario's count gone" "DELETE FROM scenario_counts WHERE n > 0" "scenario_counts " "the count kept is 0 but"
attack "an edited count of a stage" "UPDATE stage_counts SET n = n + 3 WHERE n > 0" "stage_counts " "rows are counted"
# the agenda's kept deadlines (schema 24): against next_due, and against the forms' rules
attack "a kept deadline moved" "UPDATE case_dues SET due_on = '2031-01-01' WHERE kind = 'expiry'
	AND case_id = (SELECT min(case_id) FROM case_dues WHERE kind = 'expiry')" \
	"expiry due 2031-01-01 is kept, but the rules give no such deadline" "the rules give expiry due"
attack "a case's kept deadlines gone" "DELETE FROM case_dues WHERE case_id = (SELECT id FROM cases WHERE number = '$CASE')" \
	"case_dues: case $CASE: its next deadline is" "case_dues: case $CASE: the rules give"
attack "a deadline kept for no case" "INSERT INTO case_dues VALUES ('nosuchcase', 'expiry', '2027-01-01', 'X', 0)" \
	"case_dues: expiry kept for case nosuchcase, which is not in the database"
attack "an edited trigram search row" \
	"UPDATE case_search3 SET note = '无害的' WHERE rowid = (SELECT rowid FROM cases WHERE number = '$CASE')" \
	"trigram search index: "
attack "a trigram search row for no case" "INSERT INTO case_search3 (rowid, number) VALUES (999999, 'XYZ')" \
	"trigram search index: "
attack "a table named bundle_manifest with an edited case" \
	"CREATE TABLE bundle_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO bundle_manifest VALUES ('format', '1');
	 UPDATE cases SET note = '篡改' WHERE number = '$CASE'" \
	"the file is verified as an office database" "table bundle_manifest (on bundle_manifest) is not one gradus makes" \
	"audit chain broken at record"
attack "a signed check's answer edited" \
	"UPDATE answers SET value = 'partial' WHERE item = 2 AND check_id = (SELECT id FROM checks WHERE number = '$S')" \
	"check $S: $ME's signature does not match the check's content as it is now" "audit chain broken at record"
attack "an attachment's bytes replaced" "UPDATE attachments SET data = X'00'" "do not match its SHA-256"
attack "a signed panel's note edited" "UPDATE panel_notes SET note = '不一致'" "panel $P-P1: the signature does not match"

# A real bundle's manifest (consistent with itself and with the office's id)
# copied into the office makes it verified as a bundle: an edited case is still found.
B=$WORK/visit.gradus
G bundle out --cases "$CASE" -o "$B" >/dev/null || fail "bundle out"
run "$GRADUS" --db "$B" verify
expect "a bundle as written passes verify" 0 "ok"
G backup "$WORK/forged.db" >/dev/null
sqlite3 "$WORK/forged.db" "ATTACH '$B' AS b; CREATE TABLE bundle_manifest AS SELECT * FROM b.bundle_manifest;
	UPDATE cases SET note = '篡改' WHERE number = '$CASE'"
run "$GRADUS" --db "$WORK/forged.db" verify
expect "a bundle's manifest copied into the office does not hide an edited case" 1 "audit chain broken at record"

# A forger with the source: a signed answer edited together with an
# audit record of the change appended to the chain, hashed as gradus hashes
# it (audit.c). The chain and the records agree; the signature does not.
G backup "$WORK/forged-chain.db" >/dev/null
python3 - "$WORK/forged-chain.db" "$S" <<'PY'
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seq, prev, actor = db.execute("SELECT seq, hash, actor FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
rid, old = db.execute("SELECT a.id, a.value FROM answers a JOIN checks c ON c.id = a.check_id"
                      " WHERE c.number = ? AND a.item = 2", (sys.argv[2],)).fetchone()
at = 1795867200  # 2026-11-28T12:00:00Z
h = hashlib.sha256(prev)
for value in [str(seq + 1), "2026-11-28T12:00:00Z", actor, "answers", rid, "1", "value", old, "partial"]:
    h.update(b"\x1e" if value is None else value.encode())
    h.update(b"\x1f")
db.execute("UPDATE answers SET value = 'partial' WHERE id = ?", (rid,))
# the record as audit.c writes it: the table's name (t), the row id's bytes (rid)
db.execute("INSERT INTO audit (seq, at, actor, t, rid, op, change, hash) VALUES (?, ?, ?, 'answers', ?, 1, ?, ?)",
           (seq + 1, at, actor, bytes.fromhex(rid), json.dumps({"value": [old, "partial"]}), h.digest()))
db.commit()
PY
run "$GRADUS" --db "$WORK/forged-chain.db" verify
expect "a signed answer edited with its audit chain recomputed: verify names the signature" 1 \
	"check $S: $ME's signature does not match the check's content as it is now"
printf '%s\n' "$ERR" | grep -q "audit chain broken\|but audit row" && fail "the forged chain itself holds" "$ERR" || ok "the forged chain itself holds (the signature is what finds it)"

# In a bundle the rows it came with have no audit rows; a field written there
# has, and is held to it.
"$GRADUS" --db "$B" case set "$CASE" note '现场补充说明' >/dev/null || fail "a write in the bundle"
run "$GRADUS" --db "$B" verify
expect "a bundle written to passes verify" 0 "ok"
sqlite3 "$B" "UPDATE cases SET note = '篡改' WHERE number = '$CASE'"
run "$GRADUS" --db "$B" verify
expect "a field written in the bundle, then edited with sqlite3, is named" 1 "field note holds \"篡改\" but audit row"
