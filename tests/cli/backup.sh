# gradus backup: a consistent copy while another process writes, checked
# by gradus verify; an existing file is not overwritten.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }

# A writer changes a note 40 times, each in its own transaction, while backups are taken.
( for i in $(seq 1 40); do
	G case set HB-2026-BAS-0001 note "备注 $i" >/dev/null 2>"$WORK/write.err" || echo "write $i failed: $(cat "$WORK/write.err")"
done ) >"$WORK/writer" 2>&1 &
writer=$!
n=0
while kill -0 "$writer" 2>/dev/null && [ "$n" -lt 6 ]; do
	n=$((n + 1))
	G backup "$WORK/copy$n.db" >/dev/null 2>"$WORK/backup$n.err" || fail "backup $n while writing" "$(cat "$WORK/backup$n.err")"
done
wait "$writer"
[ -s "$WORK/writer" ] && fail "the writer was held up by the backups" "$(cat "$WORK/writer")" || ok "the writer ran on while $n backups were taken"
good=0
for i in $(seq 1 "$n"); do
	"$GRADUS" --db "$WORK/copy$i.db" verify >/dev/null 2>"$WORK/verify$i.err" && good=$((good + 1)) ||
		fail "backup $i verifies" "$(cat "$WORK/verify$i.err")"
done
[ "$good" = "$n" ] && [ "$n" -ge 1 ] && ok "every backup taken during the writes verifies ($n)" || fail "verified $good of $n"
run G backup "$WORK/final.db"
expect "a backup after the writes" 0 "copied"
[ "$(stat -c %a "$WORK/final.db")" = 600 ] && ok "the copy is readable by its owner only" || fail "mode $(stat -c %a "$WORK/final.db")"
run "$GRADUS" --db "$WORK/final.db" case show HB-2026-BAS-0001 --format json
expect "the copy holds the last write" 0 '"note": "备注 40"'
[ "$(sqlite3 "$WORK/final.db" 'SELECT count(*) FROM audit')" = "$(sqlite3 "$DB" 'SELECT count(*) FROM audit')" ] &&
	ok "the copy has every audit record" || fail "audit rows differ"
run G backup "$WORK/final.db"
expect "an existing file is not overwritten" 1 "exists: not overwritten"
run "$GRADUS" --db "$WORK/final.db" verify
expect "gradus verify --db checks the copy" 0 "ok,"
