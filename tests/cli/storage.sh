# Storage per case (migration 24): a database of an older schema migrates to
# one text for both search indexes (external-content FTS5 tables over
# case_search_text, no token counts) and an index of the audit on rid; the
# search finds what it found, keeps up with writes (an entry leaves the
# indexes with the values it was made of), and verify holds the indexes to
# the text and the text to the cases.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/v17.db
sqlite3 "$DB" <"$TOP/tests/cli/data/audit-v17.sql"
G() { "$GRADUS" --db "$DB" "$@"; }
run G verify
expect "the migrated database passes verify" 0 "ok, 28 audit records"

q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'case_search' AND sql LIKE '%content = ''case_search_text''%'
	AND sql LIKE '%columnsize = 0%'")" = 1 ] &&
	[ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'case_search3'
	AND sql LIKE '%content = ''case_search_squeezed''%' AND sql LIKE '%columnsize = 0%'")" = 1 ] &&
	ok "both search indexes read one text, with no token counts" || fail "search indexes" "$(q "SELECT sql FROM sqlite_master WHERE name LIKE 'case_search%'")"
[ "$(q "SELECT count(*) FROM sqlite_master WHERE name LIKE 'case_search%content' OR name LIKE 'case_search%docsize'")" = 0 ] &&
	ok "no copy of the text and no counts kept by FTS5" || fail "FTS5 tables left" "$(q "SELECT name FROM sqlite_master WHERE name LIKE 'case_search%'")"
[ "$(q "SELECT count(*) FROM case_search_text")" = 2 ] &&
	[ "$(q "SELECT number FROM case_search_text ORDER BY id LIMIT 1")" = "H B 2 0 2 6 B A S 0 0 0 1 " ] &&
	ok "the text: each case's searched characters, a space after each" || fail "the text" "$(q "SELECT * FROM case_search_text")"
[ "$(q "SELECT sql FROM sqlite_master WHERE name = 'audit_rid'")" = "CREATE INDEX audit_rid ON audit (rid)" ] &&
	[ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'audit_row'")" = 0 ] &&
	ok "the audit's rows found by rid, not by the generated row_id" || fail "audit index" "$(q "SELECT sql FROM sqlite_master WHERE tbl_name = 'audit'")"

found() { G case list --search "$1" | sed 1d | cut -f1 | tr "\n" " "; }
[ "$(found 甲公)" = "HB-2026-BAS-0001 " ] && ok "a short search (the characters' phrase) finds its case" ||
	fail "search 甲公" "$(found 甲公)"
[ "$(found 手工录入)" = "HB-2026-BAS-0002 " ] && ok "a long search (the trigrams) finds its case" ||
	fail "search 手工录入" "$(found 手工录入)"
[ "$(found 2026-bas-0001)" = "HB-2026-BAS-0001 " ] && ok "a number found without its dashes" ||
	fail "search 2026-bas-0001" "$(found 2026-bas-0001)"

# A write: the old note leaves both indexes, the new one comes in.
old=$(q "SELECT note FROM cases WHERE number = 'HB-2026-BAS-0001'")
G case set HB-2026-BAS-0001 note '转换之后的备注' >/dev/null || fail "case set"
[ "$(found "$old")" = "" ] && [ "$(found 转换)" = "HB-2026-BAS-0001 " ] && [ "$(found 之后的备)" = "HB-2026-BAS-0001 " ] &&
	ok "after a write the search finds the new note, not the old ($old)" ||
	fail "search after a write" "$(found "$old") / $(found 转换) / $(found 之后的备)"
G case set HB-2026-BAS-0001 note '' >/dev/null || fail "case set ''"
[ "$(found 转换)" = "" ] && ok "an emptied note leaves the index" || fail "search after emptying" "$(found 转换)"
G log HB-2026-BAS-0001 | grep -q "转换之后的备注" && ok "the log (read by rid) shows the write" || fail "log" "$(G log HB-2026-BAS-0001)"
run G verify
expect "verify passes after the writes: the indexes hold the text, the text the cases" 0 "ok, 30 audit records"

# verify sees the indexes, the text and the audit changed with the shell.
cp "$DB" "$WORK/t1.db"
sqlite3 "$WORK/t1.db" "UPDATE case_search_text SET enterprise = '乙 丙 丁 ' WHERE id = 1"
run "$GRADUS" --db "$WORK/t1.db" verify
expect "an edited text: verify names the case and both indexes" 1 \
	"case HB-2026-BAS-0001: its search index row holds \"乙 丙 丁 \" in enterprise" ": search index: " \
	"trigram search index: "
cp "$DB" "$WORK/t2.db"
sqlite3 "$WORK/t2.db" "INSERT INTO case_search3 (case_search3, rowid, enterprise) VALUES ('delete', 2, '手工录入有限公司')"
run "$GRADUS" --db "$WORK/t2.db" verify
expect "an entry taken out of the trigrams: verify says so" 1 "trigram search index: "
cp "$DB" "$WORK/t3.db"
sqlite3 "$WORK/t3.db" "UPDATE audit SET actor = 'someone' WHERE seq = (SELECT max(seq) FROM audit)"
run "$GRADUS" --db "$WORK/t3.db" verify
expect "an audit record changed: verify names it" 1 "audit chain broken at record"
