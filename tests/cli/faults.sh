# Faults: a read-only database, a file that is not SQLite, a truncated
# database, a missing forms folder and a full disk each get a clear message,
# a failing exit status and no damage (the file's bytes, or its content,
# unchanged; every change that was reported done is there).
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2024-EXC-0001
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
sum() { sha256sum <"$1" | cut -d' ' -f1; }

# A read-only database: reading works, a write is refused and nothing changes.
# root writes whatever the mode, so as root the test runs as nobody.
AS=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		AS="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
		chmod 711 "$WORK"
	else
		AS=skip
	fi
fi
if [ "$AS" = skip ]; then
	ok "a read-only database # SKIP root without setpriv"
else
	mkdir "$WORK/ro"
	[ -n "$AS" ] && chown nobody "$WORK/ro"
	$AS env HOME="$WORK/ro" "$GRADUS" --db "$WORK/ro/ro.db" init --demo >/dev/null
	$AS sqlite3 "$WORK/ro/ro.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	chmod 0400 "$WORK/ro/ro.db"
	BEFORE=$(sum "$WORK/ro/ro.db")
	run $AS env HOME="$WORK/ro" "$GRADUS" --db "$WORK/ro/ro.db" case list
	expect "a read-only database can be read" 0 "$CASE"
	run $AS env HOME="$WORK/ro" "$GRADUS" --db "$WORK/ro/ro.db" case set "$CASE" note "changed"
	expect "a write to a read-only database is refused" 1 "read-only; nothing was written"
	run $AS env HOME="$WORK/ro" "$GRADUS" --db "$WORK/ro/ro.db" case advance "$CASE" review_filed --override 只读测试
	expect "a step on a read-only database is refused" 1 "read-only"
	[ "$(sum "$WORK/ro/ro.db")" = "$BEFORE" ] && ok "the read-only database is unchanged" || fail "the read-only database is unchanged"
fi

# A file that is not SQLite, and a truncated database: refused, untouched.
head -c 8192 /dev/urandom >"$WORK/noise.db"
BEFORE=$(sum "$WORK/noise.db")
for c in "case list" "case set $CASE note x" "verify"; do
	run "$GRADUS" --db "$WORK/noise.db" $c
	expect "random bytes: $c is refused" 1 "not a gradus database"
done
[ "$(sum "$WORK/noise.db")" = "$BEFORE" ] && ok "the random file is unchanged" || fail "the random file is unchanged"
head -c 400000 "$DB" >"$WORK/truncated.db"
BEFORE=$(sum "$WORK/truncated.db")
for c in "case list" "case set $CASE note x" "case advance $CASE review_filed" "verify"; do
	run "$GRADUS" --db "$WORK/truncated.db" $c
	expect "a truncated database: $c is refused" 1 "the file is damaged"
done
[ "$(sum "$WORK/truncated.db")" = "$BEFORE" ] && ok "the truncated file is unchanged" || fail "the truncated file is unchanged"

# A missing forms folder: the folder is named; nothing is written.
BEFORE=$(sqlite3 "$DB" .dump | sha256sum)
run "$GRADUS" --db "$DB" --forms "$WORK/no-forms" case advance "$CASE" review_filed
expect "a missing forms folder is named" 1 "$WORK/no-forms: no forms folder here"
run "$GRADUS" --db "$DB" --forms "$WORK/no-forms" forms check "$WORK/no-forms"
expect "forms check of a missing folder fails" 1 "$WORK/no-forms"
[ "$(sqlite3 "$DB" .dump | sha256sum)" = "$BEFORE" ] && ok "nothing was written without forms" || fail "nothing was written without forms"

# A full disk: a small tmpfs (root only; skipped elsewhere), filled up.
# Notes of 100 kB are written until the disk is full; the failure says so,
# and once there is room again every reported write is there.
M=$WORK/small
mkdir "$M"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=8m tmpfs "$M" 2>/dev/null; then
	at_exit 'umount "$M" 2>/dev/null'
	cp "$DB" "$M/full.db"
	dd if=/dev/zero of="$M/reserve" bs=1k count=1500 2>/dev/null
	dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null
	rm "$M/reserve"
	BIG=$(head -c 100000 /dev/zero | tr '\0' x)
	done_cases=""
	failed=""
	for n in $(sqlite3 "$DB" 'SELECT number FROM cases ORDER BY number LIMIT 20'); do
		if "$GRADUS" --db "$M/full.db" case set "$n" note "$n$BIG" >/dev/null 2>"$WORK/full.err"; then
			done_cases="$done_cases $n"
		else
			failed=$n
			break
		fi
	done
	[ -n "$failed" ] && ok "the disk fills up ($(echo $done_cases | wc -w) notes written first)" || fail "the disk fills up"
	grep -q "the disk is full; nothing was written" "$WORK/full.err" && ok "a full disk is named" ||
		fail "a full disk is named" "$(cat "$WORK/full.err")"
	run "$GRADUS" --db "$M/full.db" case list
	expect "a full database can still be read" 0 "$CASE"
	rm "$M/fill"
	run "$GRADUS" --db "$M/full.db" verify
	expect "with room again, verify passes" 0 "ok"
	lost=0
	for n in $done_cases; do
		[ "$(sqlite3 "$M/full.db" "SELECT substr(note, 1, length(number) + 2) FROM cases WHERE number = '$n'")" = "${n}xx" ] || lost=$((lost + 1))
	done
	[ "$lost" = 0 ] && ok "every note reported written is there" || fail "every note reported written is there" "$lost lost"
	[ "$(sqlite3 "$M/full.db" "SELECT length(note) FROM cases WHERE number = '$failed'")" != $((100000 + ${#failed})) ] &&
		ok "the refused note is not there" || fail "the refused note is not there"
	run "$GRADUS" --db "$M/full.db" case set "$failed" note "after the disk had room"
	expect "writing works again" 0
	umount "$M"
else
	ok "a full disk # SKIP needs root to mount a small tmpfs"
fi
