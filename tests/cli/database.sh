# init, the demo, case list/show, verify, and what happens to bad files.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db

run "$GRADUS" --db "$DB" init
expect "init creates an empty database" 0 "0 cases"
[ "$(stat -c %a "$DB")" = 600 ] && ok "the database is readable by its owner only" || fail "the database is readable by its owner only" "$(stat -c %a "$DB")"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 1 ] && ok "migrations recorded in user_version" || fail "migrations recorded in user_version"
[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ] && ok "WAL mode" || fail "WAL mode"
[ "$(sqlite3 "$DB" "SELECT role FROM users")" = admin ] && ok "the first user is admin" || fail "the first user is admin"
run "$GRADUS" --db "$DB" init --demo
expect "the demo goes into an empty database" 0
n=$(sqlite3 "$DB" 'SELECT count(*) FROM cases')
[ "$n" -ge 28 ] && [ "$n" -le 35 ] && ok "about 30 demo cases ($n)" || fail "about 30 demo cases" "$n"
[ "$(sqlite3 "$DB" 'SELECT count(DISTINCT level) FROM cases')" = 4 ] && ok "demo covers the 4 levels" || fail "demo covers the 4 levels"
[ "$(sqlite3 "$DB" 'SELECT count(DISTINCT region) FROM enterprises')" = 17 ] && ok "demo covers the 17 regions" || fail "demo covers the 17 regions"
[ "$(sqlite3 "$DB" 'SELECT count(DISTINCT state) FROM cases')" -ge 6 ] && ok "demo cases stand at several steps" || fail "demo cases stand at several steps"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE length(id) = 32")" = "$n" ] && ok "cases have 128-bit text ids" || fail "cases have 128-bit text ids"
# the audit keeps a record's table of a case as a number, its row id as
# 16 bytes (migration 22), and reads them back as the table's name and the id
[ "$(sqlite3 "$DB" "SELECT count(*) FROM cases c JOIN audit a ON a.row_id = c.id AND a.tbl = 'cases'
	WHERE a.op = 0 AND typeof(a.t) = 'integer' AND typeof(a.rid) = 'blob' AND length(a.rid) = 16")" = "$n" ] &&
	ok "the audit keeps a case's table as a number and its id as 16 bytes" ||
	fail "the audit keeps a case's table as a number and its id as 16 bytes" "$(sqlite3 "$DB" "SELECT * FROM audit LIMIT 3")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE length(CAST(row_id AS BLOB)) = 32 AND typeof(rid) = 'text'
	OR row_id IS NULL OR tbl IS NULL")" = 0 ] && ok "no hex row id is kept as text" || fail "no hex row id is kept as text"
bad=0
for code in $(sqlite3 "$DB" 'SELECT credit_code FROM enterprises'); do
	"$GRADUS" uscc "$code" >/dev/null 2>&1 || bad=$((bad + 1))
done
[ "$bad" = 0 ] && ok "every demo credit code is valid" || fail "every demo credit code is valid" "$bad invalid"
run "$GRADUS" --db "$DB" init --demo
expect "the demo is not added twice" 1 "already"

run "$GRADUS" --db "$DB" case list
expect "case list" 0
[ "$(printf '%s\n' "$OUT" | wc -l)" = $((n + 1)) ] && ok "case list prints a header and every case" || fail "case list prints every case"
first=$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1)
run "$GRADUS" --db "$DB" case show "$first"
expect "case show by number" 0 "number	$first"
run "$GRADUS" --db "$DB" case show HB-1999-XXX-0001
expect "case show of an unknown case" 1 "no case"

run "$GRADUS" --db "$DB" verify
expect "verify passes on an untouched database" 0 "ok"
sqlite3 "$DB" "UPDATE enterprises SET name = '篡改' WHERE rowid = 1; UPDATE audit SET actor = '篡改' WHERE seq = 1"
run "$GRADUS" --db "$DB" verify
expect "verify finds an audit row changed outside gradus" 1 "audit chain broken at record 1"

printf 'not a database at all, just text\n' >"$WORK/text.db"
cp "$WORK/text.db" "$WORK/text.before"
run "$GRADUS" --db "$WORK/text.db" case list
expect "a file that is not SQLite is refused" 1 "not a gradus database"
cmp -s "$WORK/text.db" "$WORK/text.before" && ok "and left untouched" || fail "and left untouched"

sqlite3 "$WORK/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
run "$GRADUS" --db "$WORK/other.db" case list
expect "another application's SQLite file is refused" 1 "not a gradus database"

run "$GRADUS" --db "$WORK/missing.db" case list
expect "a missing database names init" 1 "init"
[ ! -e "$WORK/missing.db" ] && ok "and is not created" || fail "and is not created"

XDG_DATA_HOME=$WORK/xdg run "$GRADUS" init
expect "init without --db uses XDG_DATA_HOME" 0
[ -f "$WORK/xdg/gradus/gradus.db" ] && ok "database under \$XDG_DATA_HOME/gradus" || fail "database under \$XDG_DATA_HOME/gradus"
[ "$(stat -c %a "$WORK/xdg/gradus")" = 700 ] && ok "its folder is private" || fail "its folder is private"

run "$GRADUS" --version
expect "--version" 0 "gradus "
run "$GRADUS" --help
expect "--help lists the commands" 0 "forms check"
run "$GRADUS" frobnicate
expect "an unknown command" 2 "frobnicate"
run "$GRADUS" --bogus
expect "an unknown option" 2 "--bogus"
