# gradus bundle out|in and conflicts: a visit's cases written to a bundle,
# worked on there by another process, applied back at the office: the new
# answers and photo land, the note changed on both sides is one conflict
# with both values, nothing else moves; applied again, nothing changes. A
# damaged bundle or one from another database is refused and the office
# file stays byte for byte as it was.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2024-EXC-0001
CHECK=$CASE-C1
B=$WORK/visit.db
G user add insp1 inspector >/dev/null

run G check plan "$CASE" --inspectors "$ME" --draw 2 --seed 42
expect "a check planned in the office" 0
run G bundle out --cases "$CASE" --inspector "$ME" -o "$B"
expect "bundle out writes the file" 0 "bundle written"
[ -f "$B" ] && [ ! -e "$B.part" ] && ok "the bundle is in place, no .part left" || fail "bundle file" "$(ls "$WORK")"
[ "$(stat -c %a "$B")" = 600 ] && ok "the bundle is readable by its owner only" || fail "mode $(stat -c %a "$B")"
q() { sqlite3 "$1" "$2"; }
[ "$(q "$B" 'SELECT group_concat(number) FROM cases')" = "$CASE" ] && ok "the bundle holds the case asked for, only" ||
	fail "cases in the bundle" "$(q "$B" 'SELECT group_concat(number) FROM cases')"
[ "$(q "$B" 'SELECT count(*) FROM enterprises')/$(q "$B" 'SELECT count(*) FROM factories')" = 1/1 ] &&
	ok "and its enterprise and factory, no other" || fail "enterprises/factories in the bundle"
[ "$(q "$B" 'SELECT count(*) FROM check_items')" -gt 0 ] && [ "$(q "$B" 'SELECT count(*) FROM checks')" = 1 ] &&
	ok "and its check with the forms snapshot" || fail "checks in the bundle"
[ "$(q "$B" 'SELECT count(*) FROM audit')" = 0 ] && ok "the bundle's audit chain starts empty" || fail "audit in the bundle"
[ "$(q "$B" "SELECT value FROM bundle_manifest WHERE key = 'source'")" = "$(q "$DB" "SELECT value FROM meta WHERE key = 'database_id'")" ] &&
	ok "the manifest names the office database" || fail "manifest source"
[ "$(q "$B" "SELECT value FROM bundle_manifest WHERE key = 'inspector'")" = "$ME" ] && ok "and the inspector" ||
	fail "manifest inspector"
! grep -qa "HB-2026-BAS-0001" "$B" && ok "no trace of other cases in the file" || fail "another case's number is in the bundle"
run G bundle out --cases "$CASE" -o "$B"
expect "an existing file is not overwritten" 1 "exists: not overwritten"
run G bundle out --cases HB-1999-XXX-0001 -o "$WORK/none.db"
expect "an unknown case is refused" 1 "no case 'HB-1999-XXX-0001'"
[ ! -e "$WORK/none.db" ] && ok "and nothing is written" || fail "none.db written"
run "$GRADUS" --db "$B" bundle out --cases "$CASE" -o "$WORK/nested.db"
expect "a bundle is not written from a bundle" 1 "is a bundle"

# At the factory, in other processes on the bundle: answers, a photo, the note.
head -c 5000 /dev/urandom >"$WORK/photo.jpg"
SHA=$(sha256sum "$WORK/photo.jpg" | cut -d' ' -f1)
BASE=$(q "$DB" "SELECT note FROM cases WHERE number = '$CASE'")
(
	V() { "$GRADUS" --db "$B" "$@"; }
	V check answer "$CHECK" 17 1 yes --note '现场演示 on site' && V check answer "$CHECK" 21 5 12 &&
		V check answer "$CHECK" 21 6 30 27 &&
		V check attach "$CHECK" 17 1 "$WORK/photo.jpg" && V case set "$CASE" note '现场备注 X'
) >"$WORK/visit.log" 2>&1 &
visit=$!
# Meanwhile at the office, the same note.
run G case set "$CASE" note '办公室备注 Y'
expect "the office changes the note meanwhile" 0
wait "$visit" && ok "the visit's writes in the bundle" || fail "the visit's writes" "$(cat "$WORK/visit.log")"
[ "$(q "$B" 'SELECT count(*) FROM bundle_changes')" -ge 4 ] && ok "each write recorded as a change in the bundle" ||
	fail "changes in the bundle" "$(q "$B" 'SELECT count(*) FROM bundle_changes')"
run "$GRADUS" --db "$B" verify
expect "the bundle verifies (its own chain)" 0 "ok,"

# Applying it.
other_tables() {
	q "$DB" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN
		('answers', 'attachments', 'evidence', 'audit', 'conflicts', 'bundles_applied') AND name NOT LIKE 'case_search%'
		ORDER BY name" | while read -r t; do sqlite3 "$DB" ".dump $t"; done
}
other_tables >"$WORK/others.before"
answers=$(q "$DB" 'SELECT count(*) FROM answers')
run G bundle in "$B"
expect "bundle in applies the changes" 0 "1 conflicts"
run G check show "$CHECK"
expect_line "the answer with its note landed" "$(printf 'answer\t17\t1\tyes\t现场演示 on site\t%s' "$ME")"
expect_line "the second answer landed" "$(printf 'answer\t21\t5\t12\t\t%s' "$ME")"
expect_line "a measure's figures before and after landed" "$(printf 'answer\t21\t6\t30|27\t\t%s' "$ME")"
expect_line "and show its change" "$(printf 'measure\t21\t6\t30\t27\t元/单位产品\t-3\t-10.0\tlower\tbetter')"
[ "$(q "$DB" 'SELECT count(*) FROM answers')" = $((answers + 3)) ] && ok "exactly the three answers were added" ||
	fail "answers" "$(q "$DB" 'SELECT count(*) FROM answers') vs $answers"
run G check export "$SHA" "$WORK/back.jpg"
expect "the photo is in the office" 0
cmp -s "$WORK/back.jpg" "$WORK/photo.jpg" && ok "byte for byte" || fail "photo bytes differ"
run G conflicts
[ "$(printf '%s\n' "$OUT" | grep -c .)" = 1 ] && ok "one conflict is listed" || fail "conflicts" "$OUT"
printf '%s\n' "$OUT" | grep -q "	cases	$CASE	note	办公室备注 Y	现场备注 X$" &&
	ok "the conflict shows the office's and the bundle's values" || fail "conflict line" "$OUT"
[ "$(q "$DB" "SELECT base FROM conflicts")" = "$BASE" ] && ok "and keeps the value both started from" || fail "base"
[ "$(q "$DB" "SELECT note FROM cases WHERE number = '$CASE'")" = '办公室备注 Y' ] &&
	ok "the office's note is left as it was" || fail "office note"
other_tables >"$WORK/others.after"
expect_same "nothing else in the office was touched" "$WORK/others.before" "$WORK/others.after"
run G verify
expect "the office verifies after the bundle" 0 "ok,"

# Applied again: nothing changes.
sqlite3 "$DB" .dump >"$WORK/dump.before"
run G bundle in "$B"
expect "applying the same bundle again" 0 "already applied: nothing changed"
sqlite3 "$DB" .dump >"$WORK/dump.after"
expect_same "the second time changes nothing" "$WORK/dump.before" "$WORK/dump.after"

# More work in the bundle after it was applied: only the new change lands.
"$GRADUS" --db "$B" check answer "$CHECK" 17 2 partial --note '部分产线' >/dev/null 2>&1
run G bundle in "$B"
expect "a bundle worked on further applies only its new change" 0 "applied 1 changes"
run G check show "$CHECK"
expect_line "the later answer landed" "$(printf 'answer\t17\t2\tpartial\t部分产线\t%s' "$ME")"
run G conflicts
[ "$(printf '%s\n' "$OUT" | grep -c .)" = 1 ] && ok "still the one conflict" || fail "conflicts" "$OUT"

# Refused before anything changes: the office file byte for byte.
office_sum() { sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; sha256sum <"$DB"; }
refused() { # NAME BUNDLE MESSAGE
	local before after
	before=$(office_sum)
	run G bundle in "$2"
	expect "$1 is refused" 1 "$3"
	after=$(office_sum)
	[ "$before" = "$after" ] && [ ! -s "$DB-wal" ] && ok "$1: the office is byte-identical" || fail "$1: the office changed"
}
flip() { # FILE HEX_OF_BYTES_INSIDE: flips one byte in the middle of them
	python3 - "$1" "$2" <<'EOF'
import sys
path, needle = sys.argv[1], bytes.fromhex(sys.argv[2])
data = bytearray(open(path, 'rb').read())
at = data.find(needle)
if at < 0 or data.find(needle, at + 1) >= 0:
    sys.exit("not found once")
data[at + len(needle) // 2] ^= 0x20
open(path, 'wb').write(data)
EOF
}
cp "$B" "$WORK/flip1.db"
flip "$WORK/flip1.db" "$(q "$B" 'SELECT substr(hex(data), 41, 48) FROM bundle_changes ORDER BY seq DESC LIMIT 1')" &&
	refused "a bundle with a byte flipped in a recorded change" "$WORK/flip1.db" "does not match its SHA-256" ||
	fail "could not flip a byte in a change"
cp "$B" "$WORK/flip2.db"
flip "$WORK/flip2.db" "$(q "$B" "SELECT hex(value) FROM bundle_manifest WHERE key = 'content_sha256'")" &&
	refused "a bundle with a byte flipped in its manifest" "$WORK/flip2.db" "the manifest does not match its SHA-256" ||
	fail "could not flip a byte in the manifest"
cp "$B" "$WORK/edited.db"
sqlite3 "$WORK/edited.db" "UPDATE enterprises SET name = name || '*'"
refused "a bundle whose rows were changed outside gradus" "$WORK/edited.db" "content does not match the manifest"
cp "$B" "$WORK/edited2.db"
sqlite3 "$WORK/edited2.db" "UPDATE answers SET note = 'changed'"
refused "a bundle whose recorded rows were changed outside gradus" "$WORK/edited2.db" "do not lead from its content"
head -c 20000 "$B" >"$WORK/cut.db"
refused "a cut bundle" "$WORK/cut.db" "the bundle is damaged"
OTHER=$(demo_db other)
"$GRADUS" --db "$OTHER" bundle out --cases "$CASE" -o "$WORK/other-bundle.db" >/dev/null
"$GRADUS" --db "$WORK/other-bundle.db" case set "$CASE" note '别处' >/dev/null
refused "a bundle from another database" "$WORK/other-bundle.db" \
	"bundle from another database: its source is $(q "$OTHER" "SELECT value FROM meta WHERE key = 'database_id'")"

# A person picks the bundle's value.
ID=$(G conflicts | cut -f1)
run G conflicts resolve "${ID%????????????????????????}" bundle
expect "conflicts resolve ID bundle" 0 "resolved"
[ "$(q "$DB" "SELECT note FROM cases WHERE number = '$CASE'")" = '现场备注 X' ] && ok "the note is the bundle's" ||
	fail "note after resolve" "$(q "$DB" "SELECT note FROM cases WHERE number = '$CASE'")"
run G conflicts
[ -z "$OUT" ] && ok "no conflict is open" || fail "open conflicts" "$OUT"
run G conflicts --all
expect_line "the resolved conflict is kept with the value chosen" \
	"$(printf '%s\tcases\t%s\tnote\t办公室备注 Y\t现场备注 X\tresolved\t现场备注 X' "$ID" "$CASE")"
run G conflicts resolve "$ID" office
expect "a resolved conflict is not resolved again" 1 "resolved already"
run G log "$CASE"
expect "the choice is in the case's history" 0 "现场备注 X"
run G verify
expect "the office verifies after the choice" 0 "ok,"

# A second visit: the same item answered on both sides, the same photo
# attached on both sides. The apply lands, the answer is one conflict on its
# value, and the photo is stored once.
B2=$WORK/visit2.db
G bundle out --cases "$CASE" -o "$B2" >/dev/null || fail "second bundle out"
head -c 3000 /dev/urandom >"$WORK/photo2.jpg"
SHA2=$(sha256sum "$WORK/photo2.jpg" | cut -d' ' -f1)
"$GRADUS" --db "$B2" check answer "$CHECK" 21 1 partial --note '两条产线' >/dev/null 2>"$WORK/setup.err" || fail "answer in the second bundle" "$(cat "$WORK/setup.err")"
"$GRADUS" --db "$B2" check attach "$CHECK" 21 1 "$WORK/photo2.jpg" >/dev/null 2>"$WORK/setup.err" || fail "attach in the second bundle" "$(cat "$WORK/setup.err")"
G check answer "$CHECK" 21 1 yes >/dev/null 2>"$WORK/setup.err" || fail "answer in the office" "$(cat "$WORK/setup.err")"
G check attach "$CHECK" 21 2 "$WORK/photo2.jpg" >/dev/null 2>"$WORK/setup.err" || fail "attach in the office" "$(cat "$WORK/setup.err")"
run G bundle in "$B2"
expect "the same item answered on both sides does not stop the apply" 0 "applied"
run G conflicts
printf '%s\n' "$OUT" | grep -qP "\tanswers\t.*\tvalue\tyes\tpartial$" && ok "the answer is a conflict with both values" ||
	fail "answer conflict" "$OUT"
[ "$(q "$DB" "SELECT count(*) FROM attachments WHERE sha256 = '$SHA2'")" = 1 ] && ok "the same photo is stored once" ||
	fail "photo stored twice"
[ "$(q "$DB" "SELECT count(*) FROM evidence v JOIN attachments a ON a.id = v.attachment_id WHERE a.sha256 = '$SHA2'")" = 2 ] &&
	ok "and linked to both items" || fail "evidence links" "$(q "$DB" 'SELECT scenario, item FROM evidence')"
run G verify
expect "the office verifies after the second visit" 0 "ok,"
