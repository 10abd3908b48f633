# SIGKILL at random points of `bundle in`, many times, each on a fresh copy
# of the office: a visit's bundle with 35 answers, a photo, a note changed on
# both sides (a conflict) and a workflow step. After each kill verify passes
# and the apply is wholly there or not at all; an un-killed apply then
# completes it, the same as an apply never killed, and one more changes
# nothing. The bundle itself is left as it was.
# GRADUS_KILL_ROUNDS sets the number of rounds (default 50).
. "$(dirname "$0")/../lib.sh"
OFFICE=$(demo_db)
N=${GRADUS_KILL_ROUNDS:-50}
CASE=HB-2024-EXC-0001
CHECK=$CASE-C1
OTHER=HB-2026-BAS-0003
B=$WORK/visit.db
G() { "$GRADUS" --db "$OFFICE" "$@"; }
V() { "$GRADUS" --db "$B" "$@"; }

G check plan "$CASE" --inspectors "$ME" --draw 5 --seed 1 >/dev/null || fail "a check of 5 scenarios is planned"
G bundle out --cases "$CASE,$OTHER" -o "$B" >/dev/null || fail "bundle out"
# At the factory: every item answered (with a note, so that "no" needs no
# file), a photo, the note of the other case, and that case submitted.
sqlite3 -separator ' ' "$B" "SELECT i.scenario, i.item, i.kind, coalesce(i.choices, '') FROM check_items i
	JOIN checks c ON c.id = i.check_id WHERE c.number = '$CHECK' ORDER BY i.scenario, i.item" >"$WORK/items"
n=0
while read -r s i kind choices; do
	n=$((n + 1))
	case $kind in
	check) value=$(echo yes partial no na | cut -d' ' -f$((n % 4 + 1))) ;;
	choice) value=${choices%%|*} ;;
	text) value="文本$n" ;;
	*) value="$s.$i" ;;
	esac
	V check answer "$CHECK" "$s" "$i" "$value" --note "现场 $s.$i" >/dev/null 2>"$WORK/answer.err" ||
		fail "answer $s.$i in the bundle" "$(cat "$WORK/answer.err")"
done <"$WORK/items"
head -c 100000 /dev/urandom >"$WORK/photo.jpg"
V check attach "$CHECK" 16 1 "$WORK/photo.jpg" >/dev/null || fail "a photo attached in the bundle"
V case set "$OTHER" note '现场备注' >/dev/null || fail "a note in the bundle"
V case advance "$OTHER" submit --override 纸质申报材料现场核验齐全 >/dev/null || fail "a step in the bundle"
G case set "$OTHER" note '办公室备注' >/dev/null || fail "the same note at the office"
CHANGES=$(sqlite3 "$B" 'SELECT count(*) FROM bundle_changes')
BUNDLE_SUM=$(sha256sum <"$B")

# What an apply leaves, apart from ids and times.
fingerprint() {
	sqlite3 "$1" "SELECT 'answer', a.scenario, a.item, a.value, a.note FROM answers a JOIN checks k ON k.id = a.check_id
			WHERE k.number = '$CHECK' ORDER BY 2, 3;
		SELECT 'finding', f.scenario, f.item, f.severity, f.status FROM findings f JOIN checks k ON k.id = f.check_id
			WHERE k.number = '$CHECK' ORDER BY 2, 3;
		SELECT 'evidence', v.scenario, v.item, a.sha256 FROM evidence v JOIN attachments a ON a.id = v.attachment_id
			ORDER BY 2, 3, 4;
		SELECT 'case', number, state, applied_on, note FROM cases WHERE number IN ('$CASE', '$OTHER') ORDER BY 2;
		SELECT 'events', count(*) FROM events;
		SELECT 'conflict', tbl, field, base, office, bundle, status FROM conflicts ORDER BY 2, 3;
		SELECT 'applied', count(*) FROM bundles_applied;"
}
fingerprint "$OFFICE" >"$WORK/before"
cp "$OFFICE" "$WORK/whole.db"
run "$GRADUS" --db "$WORK/whole.db" bundle in "$B"
expect "the bundle applies un-killed: $CHANGES changes, one conflict" 0 "applied $CHANGES changes"
fingerprint "$WORK/whole.db" >"$WORK/after"
grep -q "^conflict|cases|note|" "$WORK/after" && [ "$(grep -c '^answer|' "$WORK/after")" = 35 ] &&
	ok "the applied bundle has the 35 answers and the conflict" || fail "the applied bundle" "$(head -3 "$WORK/after")"
cp "$OFFICE" "$WORK/probe.db"
MAX=$(( $(duration_ms "$GRADUS" --db "$WORK/probe.db" bundle in "$B") * 11 / 10 + 2 ))

: >"$WORK/rounds"
: >"$WORK/bad"
: >"$WORK/bad-after"
for i in $(seq 1 "$N"); do
	R=$WORK/round.db
	rm -f "$R" "$R-wal" "$R-shm"
	cp "$OFFICE" "$R"
	kill_at_random "$MAX" "$GRADUS" --db "$R" bundle in "$B"
	rc=$?
	fingerprint "$R" >"$WORK/got"
	if cmp -s "$WORK/got" "$WORK/before"; then
		outcome=none
	elif cmp -s "$WORK/got" "$WORK/after"; then
		outcome=whole
	else
		outcome=partial
		echo "round $i: killed ($rc) with part of the bundle applied: $(diff "$WORK/after" "$WORK/got" | head -3)" >>"$WORK/bad"
	fi
	echo "$i $rc $outcome" >>"$WORK/rounds"
	[ "$rc" = 0 ] && [ "$outcome" != whole ] && echo "round $i: reported done, but $outcome is there" >>"$WORK/bad"
	[ "$rc" != 0 ] && [ "$rc" != 137 ] && echo "round $i: exit status $rc" >>"$WORK/bad"
	"$GRADUS" --db "$R" verify >"$WORK/verify" 2>&1 || echo "round $i: verify: $(cat "$WORK/verify")" >>"$WORK/bad"
	"$GRADUS" --db "$R" bundle in "$B" >/dev/null 2>"$WORK/err" || echo "round $i: the apply after the kill: $(cat "$WORK/err")" >>"$WORK/bad-after"
	fingerprint "$R" >"$WORK/got"
	cmp -s "$WORK/got" "$WORK/after" ||
		echo "round $i: the apply after the kill differs: $(diff "$WORK/after" "$WORK/got" | head -3)" >>"$WORK/bad-after"
	seq=$(sqlite3 "$R" 'SELECT max(seq) FROM audit')
	"$GRADUS" --db "$R" bundle in "$B" 2>&1 | grep -q 'already applied: nothing changed' &&
		[ "$(sqlite3 "$R" 'SELECT max(seq) FROM audit')" = "$seq" ] ||
		echo "round $i: one more apply changed something" >>"$WORK/bad-after"
done
"$GRADUS" --db "$R" verify >"$WORK/verify" 2>&1 || echo "the last round: verify: $(cat "$WORK/verify")" >>"$WORK/bad-after"

awk -v max="$MAX" '{ n++; killed += $2 == 137; none += $3 == "none"; late += $2 == 137 && $3 == "whole" }
	END { printf "# bundle in: %d of %d killed, at random in 0-%d ms: %d before the commit, %d after it\n",
		killed, n, max, none, late }' "$WORK/rounds"
[ ! -s "$WORK/bad" ] && ok "after each of $N applies killed at random: verify passes, the bundle is wholly there or not at all" ||
	fail "each apply killed at random is whole or absent" "$(head -5 "$WORK/bad")"
[ ! -s "$WORK/bad-after" ] && ok "an un-killed apply then completes it as if never killed; one more changes nothing" ||
	fail "the applies after the kills" "$(head -5 "$WORK/bad-after")"
[ "$(sha256sum <"$B")" = "$BUNDLE_SUM" ] && ok "the bundle file is as it was" || fail "the bundle file changed"
